"""Schrijven: een scenario aanvragen (controle, vastleggen, in de wachtrij) en verwerken.

Zoals de betaalrun (:mod:`rugzak.betalingen.services`): eerst het recht, dan de invoer
(het scenariobestand met de regelkern gecontroleerd, elk probleem genoemd), dan pas
schrijven in één transactie met een auditregel. Een geweigerde of ongeldige aanvraag
schrijft niets en zet niets in de wachtrij.
"""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.betalingen.models import AFGEROND, Runstatus
from rugzak.gedeeld.tijd import nu
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.fouten import OngeldigeInvoer, RegelingFout
from rugzak.regeling.laden import OngeldigeRegeling, laad_scenario_uit_tekst
from rugzak.regeling.scenario import Scenarioregeling
from rugzak.regeling.tijd import Schooljaar
from rugzak.scenarios import rechten
from rugzak.scenarios.models import Scenario
from rugzak.scenarios.rekenen import vergelijk_populatie

#: Grootste scenariobestand dat wordt aangenomen (tekens).
MAX_TEKENS = 200_000


def _schooljaar(waarde: Schooljaar | str) -> Schooljaar:
    if isinstance(waarde, Schooljaar):
        return waarde
    try:
        return Schooljaar.van_tekst(str(waarde).strip())
    except (OngeldigeInvoer, ValueError):
        raise ValidationError(
            {"schooljaar": f"'{waarde}' is geen schooljaar; geef JJJJ-JJJJ, bv. 2011-2012"}
        ) from None


def scenario_lezen(inhoud: str, bestandsnaam: str) -> Scenarioregeling:
    """Lees en controleer een scenariobestand met de regelkern; elk probleem komt in één
    :class:`ValidationError` op het veld ``bestand`` (een regel per probleem)."""
    if not inhoud.strip():
        raise ValidationError(
            {"bestand": "het scenariobestand is leeg; plak of kies een TOML-bestand"}
        )
    if len(inhoud) > MAX_TEKENS:
        raise ValidationError({"bestand": f"het scenariobestand is groter dan {MAX_TEKENS} tekens"})
    try:
        return laad_scenario_uit_tekst(inhoud, bestandsnaam or "scenario.toml")
    except OngeldigeRegeling as e:
        raise ValidationError({"bestand": [str(p) for p in e.problemen]}) from None
    except RegelingFout as e:  # ScenarioFout en andere fouten van de regelkern
        problemen = getattr(e, "problemen", None)
        if problemen:
            raise ValidationError({"bestand": [f"{p}: {m}" for p, m in problemen]}) from None
        raise ValidationError({"bestand": str(e)}) from None


@transaction.atomic
def scenario_aanvragen(
    *,
    door: Gebruiker,
    inhoud: str,
    schooljaar: Schooljaar | str,
    bestandsnaam: str = "scenario.toml",
    wachtrij: bool = True,
) -> Scenario:
    """Vraag een scenario aan: recht (beleidsanalist), bestand en schooljaar controleren,
    vastleggen 'in de wachtrij' en de taak in de wachtrij zetten. Keert meteen terug."""
    grond = rechten.vereis_analist(door, wat="een wat-als-scenario")
    fouten: dict[str, list[str]] = {}
    regeling: Scenarioregeling | None = None
    try:
        regeling = scenario_lezen(inhoud, bestandsnaam)
    except ValidationError as e:
        fouten.update(e.message_dict)
    try:
        jaar: Schooljaar | None = _schooljaar(schooljaar)
    except ValidationError as e:
        fouten.update(e.message_dict)
        jaar = None
    if fouten:
        raise ValidationError(fouten)
    assert regeling is not None and jaar is not None and grond.organisatie_id is not None
    scenario = Scenario.objects.create(
        titel=regeling.scenario.titel[:200],
        bestandsnaam=(bestandsnaam or "scenario.toml")[:200],
        inhoud=inhoud,
        schooljaar=str(jaar),
        organisatie_id=grond.organisatie_id,
        aangevraagd_door=door,
        aangevraagd_op=nu(),
    )
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="scenario",
        object_id=scenario.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=f"scenario '{scenario.titel}' voor {jaar} aangevraagd",
    )
    if wachtrij:
        _zet_in_wachtrij(scenario)
    return scenario


def _zet_in_wachtrij(scenario: Scenario) -> None:
    from rugzak.scenarios.taken import scenario_taak

    resultaat = scenario_taak.enqueue(str(scenario.publiek_id))
    Scenario.objects.filter(pk=scenario.pk).update(taak_id=str(resultaat.id)[:64])


def scenario_verwerken(*, publiek_id: UUID | str) -> Scenario:
    """Reken een aangevraagd scenario door (de taak van de verwerker): bezig -> klaar met
    de uitkomst, of mislukt met de reden. Een afgerond scenario wordt niet opnieuw gedaan;
    een scenario schrijft niets buiten zijn eigen rij (geen grootboek)."""
    with transaction.atomic():
        scenario = Scenario.objects.select_for_update().get(publiek_id=publiek_id)
        if scenario.status in AFGEROND or scenario.status == Runstatus.BEZIG:
            return scenario
        Scenario.objects.filter(pk=scenario.pk).update(
            status=Runstatus.BEZIG, begonnen_op=nu(), leerlingen_gedaan=0, reden=""
        )

    def voortgang(gedaan: int, totaal: int) -> None:
        Scenario.objects.filter(pk=scenario.pk).update(
            leerlingen_gedaan=gedaan, leerlingen_totaal=totaal
        )

    try:
        regeling = scenario_lezen(scenario.inhoud, scenario.bestandsnaam)
        uitkomst = vergelijk_populatie(
            regeling, Schooljaar.van_tekst(scenario.schooljaar), voortgang=voortgang
        )
    except Exception as fout:  # de reden komt in het scenario
        if isinstance(fout, ValidationError):
            reden = "; ".join(f"{k}: {', '.join(v)}" for k, v in fout.message_dict.items())
        else:
            reden = f"{type(fout).__name__}: {fout}"
        Scenario.objects.filter(pk=scenario.pk).update(
            status=Runstatus.MISLUKT, reden=reden, uitgevoerd_op=nu()
        )
        return Scenario.objects.get(pk=scenario.pk)
    Scenario.objects.filter(pk=scenario.pk).update(
        status=Runstatus.KLAAR, uitkomst=uitkomst, uitgevoerd_op=nu()
    )
    return Scenario.objects.get(pk=scenario.pk)
