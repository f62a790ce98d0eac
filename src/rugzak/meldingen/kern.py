"""Van opgeslagen zaken naar de invoer van de regelkern (en terug): geen regels, alleen vertalen.

Organisaties heten in de regelkern naar hun primaire sleutel als tekst (``"12"``), zodat
een betaling van de kern (``ontvanger_id``) weer een :class:`Organisatie` wordt.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rugzak.meldingen.models import Melding, Terugmelding
from rugzak.regeling.regels import melding as kernmelding


def organisatie_sleutel(organisatie_id: int) -> str:
    return str(organisatie_id)


def formulier_van(melding: Melding) -> dict[str, object]:
    """De velden van een opgeslagen melding als meldingsformulier voor de regelkern."""
    return {
        "meldingsdatum": melding.meldingsdatum,
        "school": organisatie_sleutel(melding.school_id),
        "schoolsoort": melding.schoolsoort,
        "inschrijvingsdatum": melding.inschrijvingsdatum,
        "cvi_nummer": melding.cvi_nummer,
        "indicatiedatum": melding.indicatiedatum,
        "onderwijssoort": melding.onderwijssoort,
        "ab_verzorger": organisatie_sleutel(melding.ab_verzorger_id),
        "groep": melding.groep,
        "leerjaar": melding.leerjaar,
        "vo_variant": melding.vo_variant or None,
        "mbo_niveau": melding.mbo_niveau or None,
        "leerweg": melding.leerweg or None,
        "herindicatie": melding.herindicatie,
        "vorig_cvi_nummer": melding.vorig_cvi_nummer or None,
        "schoolwisseling": melding.schoolwisseling,
        "vorige_school": (
            organisatie_sleutel(melding.vorige_school_id) if melding.vorige_school_id else None
        ),
        "syndroom_van_down": melding.syndroom_van_down,
        "indicatie_einddatum": melding.indicatie.einddatum,
        "aanvullende_formatie_2003": melding.aanvullende_formatie_2003,
    }


#: Velden die een terugmelding 'wijziging van de basisgegevens' kan veranderen.
WIJZIGBARE_BASISGEGEVENS = (
    "groep",
    "leerjaar",
    "vo_variant",
    "mbo_niveau",
    "leerweg",
    "ab_verzorger",
)


def formulier_na_wijziging(
    melding: Melding, wijzigingen: Mapping[str, object], ingang: date
) -> dict[str, object]:
    """Het formulier van ``melding`` met de gewijzigde basisgegevens, gemeld per ``ingang``."""
    formulier = formulier_van(melding)
    formulier.update({k: v for k, v in wijzigingen.items() if v not in (None, "")})
    formulier["meldingsdatum"] = ingang
    return formulier


def kern_melding(melding: Melding) -> kernmelding.Melding:
    return kernmelding.melding_uit_formulier(formulier_van(melding))


def kern_wijziging(terugmelding: Terugmelding) -> kernmelding.Melding:
    """Een verwerkte wijziging van de basisgegevens is voor de regelkern een nieuwe melding
    van dezelfde school, die de vorige vervangt vanaf de maand na de ingangsdatum."""
    wijzigingen: dict[str, object] = {
        "groep": terugmelding.groep,
        "leerjaar": terugmelding.leerjaar,
        "vo_variant": terugmelding.vo_variant,
        "mbo_niveau": terugmelding.mbo_niveau,
        "leerweg": terugmelding.leerweg,
        "ab_verzorger": (
            organisatie_sleutel(terugmelding.ab_verzorger_id)
            if terugmelding.ab_verzorger_id
            else None
        ),
    }
    return kernmelding.melding_uit_formulier(
        formulier_na_wijziging(terugmelding.melding, wijzigingen, terugmelding.datum)
    )
