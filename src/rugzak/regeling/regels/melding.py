"""De melding van een geïndiceerde leerling bij de bekostigingsinstantie (CFI, later DUO).

004 ('Inschrijving van leerlingen met een handicap na 1 augustus 2003') somt de
verplichte gegevens op; één leerling per formulier, en alleen volledig ingevulde
formulieren worden behandeld. :func:`melding_uit_formulier` noemt daarom in één keer
*alle* ontbrekende of ongeldige velden.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeVar

from rugzak.regeling.begrippen import Leerweg, MboNiveau, Onderwijssoort, Schoolsoort, VoVariant
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.tijd import Schooljaar

BRON_MELDING = Bron(
    "004", "paragraaf 'Inschrijving van leerlingen met een handicap na 1 augustus 2003', opsomming"
)

B = TypeVar("B", bound=Enum)

GROEPEN = range(1, 9)
LEERJAREN = range(1, 7)


@dataclass(frozen=True, slots=True)
class Melding:
    """Een volledige melding: de registratie waarop de bekostiging berust."""

    meldingsdatum: date
    school: str
    schoolsoort: Schoolsoort
    inschrijvingsdatum: date
    cvi_nummer: str
    indicatiedatum: date
    onderwijssoort: Onderwijssoort
    ab_verzorger: str
    groep: int | None = None
    leerjaar: int | None = None
    vo_variant: VoVariant | None = None
    mbo_niveau: MboNiveau | None = None
    leerweg: Leerweg | None = None
    vorig_cvi_nummer: str | None = None
    vorige_school: str | None = None
    syndroom_van_down: bool = False
    indicatie_einddatum: date | None = None
    aanvullende_formatie_2003: bool | None = None

    @property
    def schoolwisseling(self) -> bool:
        """De melding noemt een vorige school (wijziging van school, 004); in het
        betaalschema maakt dat van een uitschrijving door die school een verhuizing (I-52)."""
        return self.vorige_school is not None


@dataclass(frozen=True, slots=True)
class Veldfout:
    veld: str
    melding: str

    def __str__(self) -> str:
        return f"{self.veld}: {self.melding}"


class OnvolledigeMelding(RegelingFout, ValueError):
    """De melding wordt niet in behandeling genomen; elk ontbrekend veld wordt genoemd."""

    def __init__(self, fouten: tuple[Veldfout, ...]) -> None:
        self.fouten = fouten
        super().__init__(
            "melding onvolledig, niet in behandeling genomen ("
            + BRON_MELDING.citeer()
            + "): "
            + "; ".join(str(f) for f in fouten)
        )


def _tekst(g: Mapping[str, object], veld: str, fouten: list[Veldfout], wat: str) -> str | None:
    waarde = g.get(veld)
    if waarde is None or (isinstance(waarde, str) and not waarde.strip()):
        fouten.append(Veldfout(veld, f"ontbreekt ({wat})"))
        return None
    if not isinstance(waarde, str):
        fouten.append(Veldfout(veld, f"moet tekst zijn ({wat})"))
        return None
    return waarde.strip()


def _datum(g: Mapping[str, object], veld: str, fouten: list[Veldfout], wat: str) -> date | None:
    waarde = g.get(veld)
    if waarde is None or waarde == "":
        fouten.append(Veldfout(veld, f"ontbreekt ({wat}; JJJJ-MM-DD)"))
        return None
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, str):
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            pass
    fouten.append(Veldfout(veld, f"{waarde!r} is geen datum ({wat}; JJJJ-MM-DD)"))
    return None


def _keuze(
    g: Mapping[str, object],
    veld: str,
    soort: type[B],
    fouten: list[Veldfout],
    verplicht: bool,
) -> B | None:
    waarde = g.get(veld)
    codes = ", ".join(m.value for m in soort)
    if waarde is None or waarde == "":
        if verplicht:
            fouten.append(Veldfout(veld, f"ontbreekt; toegestaan: {codes}"))
        return None
    for lid in soort:
        if lid.value == waarde or lid is waarde:
            return lid
    fouten.append(Veldfout(veld, f"onbekende waarde {waarde!r}; toegestaan: {codes}"))
    return None


def _geheel(
    g: Mapping[str, object], veld: str, bereik: range, fouten: list[Veldfout], wat: str
) -> int | None:
    waarde = g.get(veld)
    if waarde is None or waarde == "":
        fouten.append(Veldfout(veld, f"ontbreekt ({wat}, {bereik.start}-{bereik.stop - 1})"))
        return None
    try:
        getal = int(str(waarde))
    except ValueError:
        getal = -1
    if getal not in bereik:
        fouten.append(
            Veldfout(veld, f"{waarde!r} is ongeldig ({wat}, {bereik.start}-{bereik.stop - 1})")
        )
        return None
    return getal


def _ja_nee(g: Mapping[str, object], veld: str) -> bool:
    waarde = g.get(veld)
    return waarde is True or (
        isinstance(waarde, str) and waarde.lower() in ("ja", "true", "1", "on")
    )


def melding_uit_formulier(gegevens: Mapping[str, object]) -> Melding:
    """Maak een :class:`Melding` uit formuliervelden, of weiger met alle fouten tegelijk.

    Verplicht (004): datum van inschrijving; schoolsoort en groep of leerjaar; CvI-nummer
    en datum van indicatiestelling; bij herindicatie het vorige CvI-nummer; de
    onderwijssoort waarvoor geïndiceerd is; de (v)so-school die de AB verzorgt; bij
    wijziging van school de vorige school; in 2003-2004 of al aanvullende formatie was
    toegekend. Daarnaast de meldingsdatum en de meldende school.
    """
    fouten: list[Veldfout] = []
    meldingsdatum = _datum(gegevens, "meldingsdatum", fouten, "datum van ontvangst")
    school = _tekst(gegevens, "school", fouten, "meldende school")
    schoolsoort = _keuze(gegevens, "schoolsoort", Schoolsoort, fouten, verplicht=True)
    inschrijvingsdatum = _datum(gegevens, "inschrijvingsdatum", fouten, "datum van inschrijving")
    cvi_nummer = _tekst(gegevens, "cvi_nummer", fouten, "nummer van de CvI-beschikking")
    indicatiedatum = _datum(gegevens, "indicatiedatum", fouten, "datum van indicatiestelling")
    onderwijssoort = _keuze(gegevens, "onderwijssoort", Onderwijssoort, fouten, verplicht=True)
    ab_verzorger = _tekst(gegevens, "ab_verzorger", fouten, "(v)so-school die de AB verzorgt")
    groep: int | None = None
    leerjaar: int | None = None
    vo_variant: VoVariant | None = None
    mbo_niveau: MboNiveau | None = None
    leerweg: Leerweg | None = None
    if schoolsoort in (Schoolsoort.BAO, Schoolsoort.SBAO):
        groep = _geheel(gegevens, "groep", GROEPEN, fouten, "groep")
    elif schoolsoort is Schoolsoort.VO:
        leerjaar = _geheel(gegevens, "leerjaar", LEERJAREN, fouten, "leerjaar")
        vo_variant = _keuze(gegevens, "vo_variant", VoVariant, fouten, verplicht=True)
    elif schoolsoort is Schoolsoort.MBO:
        leerjaar = _geheel(gegevens, "leerjaar", LEERJAREN, fouten, "leerjaar")
        mbo_niveau = _keuze(gegevens, "mbo_niveau", MboNiveau, fouten, verplicht=True)
        leerweg = _keuze(gegevens, "leerweg", Leerweg, fouten, verplicht=True)
    elif schoolsoort is not None:
        fouten.append(
            Veldfout(
                "schoolsoort",
                "een melding voor LGF komt van een school voor regulier "
                "onderwijs: bao, sbao, vo of mbo",
            )
        )
    if onderwijssoort is not None and onderwijssoort in (
        Onderwijssoort.BLIND,
        Onderwijssoort.SLECHTZIEND,
    ):
        fouten.append(
            Veldfout(
                "onderwijssoort", "cluster 1 valt niet onder LGF (001, 'Visueel gehandicapten')"
            )
        )
    herindicatie = _ja_nee(gegevens, "herindicatie")
    vorig_cvi = (
        _tekst(gegevens, "vorig_cvi_nummer", fouten, "verplicht bij herindicatie")
        if herindicatie
        else None
    )
    wisseling = _ja_nee(gegevens, "schoolwisseling")
    vorige_school = (
        _tekst(gegevens, "vorige_school", fouten, "verplicht bij wijziging van school")
        if wisseling
        else None
    )
    aanvullend: bool | None = None
    if inschrijvingsdatum is not None and Schooljaar.van_datum(inschrijvingsdatum) == Schooljaar(
        2003
    ):
        if gegevens.get("aanvullende_formatie_2003") in (None, ""):
            fouten.append(
                Veldfout(
                    "aanvullende_formatie_2003", "ontbreekt: ja of nee (verplicht in 2003-2004)"
                )
            )
        else:
            aanvullend = _ja_nee(gegevens, "aanvullende_formatie_2003")
    if meldingsdatum and indicatiedatum and meldingsdatum < indicatiedatum:
        fouten.append(Veldfout("meldingsdatum", "ligt vóór de datum van indicatiestelling"))
    if meldingsdatum and inschrijvingsdatum and meldingsdatum < inschrijvingsdatum:
        fouten.append(Veldfout("meldingsdatum", "ligt vóór de datum van inschrijving"))
    einde = gegevens.get("indicatie_einddatum")
    einddatum = (
        _datum(gegevens, "indicatie_einddatum", fouten, "einde indicatie") if einde else None
    )
    if fouten:
        raise OnvolledigeMelding(tuple(fouten))
    assert meldingsdatum and school and isinstance(schoolsoort, Schoolsoort)
    assert inschrijvingsdatum and cvi_nummer and indicatiedatum and ab_verzorger
    assert isinstance(onderwijssoort, Onderwijssoort)
    return Melding(
        meldingsdatum=meldingsdatum,
        school=school,
        schoolsoort=schoolsoort,
        inschrijvingsdatum=inschrijvingsdatum,
        cvi_nummer=cvi_nummer,
        indicatiedatum=indicatiedatum,
        onderwijssoort=onderwijssoort,
        ab_verzorger=ab_verzorger,
        groep=groep,
        leerjaar=leerjaar,
        vo_variant=vo_variant,
        mbo_niveau=mbo_niveau,
        leerweg=leerweg,
        vorig_cvi_nummer=vorig_cvi,
        vorige_school=vorige_school,
        syndroom_van_down=_ja_nee(gegevens, "syndroom_van_down"),
        indicatie_einddatum=einddatum,
        aanvullende_formatie_2003=aanvullend,
    )
