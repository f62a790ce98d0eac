"""Schrijven: een scenario aanvragen (controle, vastleggen, in de wachtrij) en verwerken.

Zoals de betaalrun (:mod:`rugzak.betalingen.services`): eerst het recht, dan de invoer
(het scenariobestand met de regelkern gecontroleerd, elk probleem genoemd), dan pas
schrijven in één transactie met een auditregel. Een geweigerde of ongeldige aanvraag
schrijft niets en zet niets in de wachtrij.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.betalingen.models import AFGEROND, Runstatus
from rugzak.gedeeld import hartslag
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
    scenarios_herstellen()  # een scenario van een uitgevallen verwerker eerst terug (I-110)
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


def _hervat_reden(scenario: Scenario, tijd: datetime) -> str:
    return (
        f"hervat op {tijd:%Y-%m-%d %H:%M:%S}: de verwerker gaf sinds "
        f"{scenario.hartslag_op:%Y-%m-%d %H:%M:%S} geen teken van leven (poging "
        f"{scenario.poging}); het scenario wordt opnieuw doorgerekend (I-110)"
    )


def scenarios_herstellen(*, grens: timedelta | None = None) -> list[Scenario]:
    """Hervat scenario's waarvan de verwerker uitviel (I-110), met hetzelfde mechanisme als
    de betaalrun (:mod:`rugzak.gedeeld.hartslag`, I-81): 'bezig' zonder teken van leven
    sinds ``grens`` wordt 'in de wachtrij' met een nieuwe taak. Een scenario schrijft
    niets buiten zijn eigen rij, dus opnieuw rekenen is altijd veilig. Draait bij het
    starten van een verwerker, bij elke aanvraag en elke taak."""
    return hartslag.herstellen(
        Scenario, marge=grens, reden=_hervat_reden, zet_in_wachtrij=_zet_in_wachtrij
    )


def scenario_verwerken(*, publiek_id: UUID | str) -> Scenario:
    """Reken een aangevraagd scenario door (de taak van de verwerker): bezig (met voortgang
    en hartslag) -> klaar met de uitkomst, of mislukt met de reden. Een afgerond scenario,
    of een dat een levende verwerker nu doorrekent, wordt niet opnieuw gedaan; een
    scenario van een uitgevallen verwerker wel (I-110). Een scenario schrijft niets buiten
    zijn eigen rij (geen grootboek), en alleen zolang de poging van deze verwerker is."""
    scenarios_herstellen()
    with transaction.atomic():
        scenario = Scenario.objects.select_for_update().get(publiek_id=publiek_id)
        if scenario.status in AFGEROND or (
            scenario.status == Runstatus.BEZIG and hartslag.levend(scenario.hartslag_op)
        ):
            return scenario
        poging = scenario.poging + 1
        Scenario.objects.filter(pk=scenario.pk).update(
            status=Runstatus.BEZIG, poging=poging, begonnen_op=nu(), hartslag_op=nu(),
            leerlingen_gedaan=0, leerlingen_totaal=None,
            reden=scenario.reden if scenario.reden.startswith("hervat") else "",
        )  # fmt: skip

    def voortgang(gedaan: int, totaal: int) -> None:
        hartslag.klop(
            Scenario, scenario.pk, poging, leerlingen_gedaan=gedaan, leerlingen_totaal=totaal
        )
        _testvertraging()

    def afronden(**velden: object) -> Scenario:
        Scenario.objects.filter(pk=scenario.pk, status=Runstatus.BEZIG, poging=poging).update(
            uitgevoerd_op=nu(), hartslag_op=nu(), **velden
        )
        return Scenario.objects.get(pk=scenario.pk)

    try:
        regeling = scenario_lezen(scenario.inhoud, scenario.bestandsnaam)
        uitkomst = vergelijk_populatie(
            regeling, Schooljaar.van_tekst(scenario.schooljaar), voortgang=voortgang
        )
    except hartslag.Overgenomen:
        return Scenario.objects.get(pk=scenario.pk)
    except Exception as fout:  # de reden komt in het scenario
        if isinstance(fout, ValidationError):
            reden = "; ".join(f"{k}: {', '.join(v)}" for k, v in fout.message_dict.items())
        else:
            reden = f"{type(fout).__name__}: {fout}"
        return afronden(status=Runstatus.MISLUKT, reden=reden)
    return afronden(status=Runstatus.KLAAR, uitkomst=uitkomst)


def _testvertraging() -> None:
    """Alleen voor de toets met een gedode verwerker: wacht na elke voortgang zoveel
    seconden (``RUGZAK_BETAALRUN_TESTVERTRAGING``, als bij de betaalrun)."""
    import time

    from django.conf import settings

    vertraging = float(getattr(settings, "RUGZAK_BETAALRUN_TESTVERTRAGING", 0) or 0)
    if vertraging:
        time.sleep(vertraging)
