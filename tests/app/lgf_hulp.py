"""Hulp voor de tests van meldingen en betalingen: indicaties (zolang de indicatiezaak ze
nog niet maakt, direct als rij), meldingsformulieren en geaccepteerde meldingen."""

from __future__ import annotations

import itertools
from datetime import date

from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import Melding
from rugzak.meldingen.services import melding_accepteren, melding_indienen
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.indicatie import indicatie_geldigheid

_nummers = itertools.count(1)


def maak_indicatie(
    leerling: Leerling,
    cvi: Organisatie,
    *,
    onderwijssoort: str = "zml",
    indicatiedatum: date = date(2011, 5, 12),
    vorige: Indicatie | None = None,
    nummer: str | None = None,
) -> Indicatie:
    geldigheid = indicatie_geldigheid(
        standaard_regeling(),
        onderwijssoort=Onderwijssoort(onderwijssoort),
        indicatiedatum=indicatiedatum,
    )
    return Indicatie.objects.create(
        leerling=leerling,
        cvi=cvi,
        cvi_nummer=nummer or f"T-{next(_nummers):05d}",
        indicatiedatum=indicatiedatum,
        onderwijssoort=onderwijssoort,
        einddatum=geldigheid.einddatum,
        herindicatie_op=geldigheid.herindicatie_op,
        vorige=vorige,
    )


def formulier(indicatie: Indicatie, ab: Organisatie, **extra: object) -> dict[str, object]:
    """Een volledig formulier voor een bao-leerling in groep 5 (zoals leerling_a)."""
    gegevens: dict[str, object] = {
        "inschrijvingsdatum": "2011-08-22",
        "schoolsoort": "bao",
        "groep": 5,
        "cvi_nummer": indicatie.cvi_nummer,
        "indicatiedatum": indicatie.indicatiedatum.isoformat(),
        "onderwijssoort": indicatie.onderwijssoort,
        "ab_verzorger": ab.pk,
    }
    gegevens.update(extra)
    return {k: v for k, v in gegevens.items() if v is not None}


def geaccepteerde_melding(
    *,
    door: Gebruiker,
    beoordelaar: Gebruiker,
    leerling: Leerling,
    school: Organisatie,
    gegevens: dict[str, object],
    meldingsdatum: date | None = None,
) -> Melding:
    melding = melding_indienen(
        door=door, leerling=leerling, school=school, gegevens=gegevens, meldingsdatum=meldingsdatum
    )
    return melding_accepteren(door=beoordelaar, melding=melding, versie=melding.versie)


def tellingen() -> dict[str, int]:
    """Aantallen rijen in de tabellen van deze apps en het auditlog (om 'niets geschreven'
    te bewijzen)."""
    from rugzak.audit.models import AuditRegel
    from rugzak.betalingen import models as b
    from rugzak.meldingen import models as m

    modellen = [
        AuditRegel,
        m.Melding, m.MeldingOvergang, m.OnvolledigeIndiening, m.Terugmelding,
        m.TerugmeldingOvergang, m.ZmlAanvraag, m.ZmlAanvraagOvergang, m.TerugplaatsingGroep2,
        b.Betaalrun, b.Grootboekregel, b.Leemte, b.RecTelling, b.Formatieopgave,
        b.Garantietoedeling, b.GarantietoedelingRegel, b.Besteding, b.Leerlingberekening,
    ]  # fmt: skip
    return {model.__name__: model.objects.count() for model in modellen}
