"""Wat er volgt op uitschrijven en op een andere groep: de stap naar de
bekostigingsinstantie (004 'Uitschrijving van leerlingen met een handicap na 1 augustus
2003'; 003 over formulier 66007).

Deze module zit tussen de leerlingen en de meldingen: zij schrijft via
:mod:`rugzak.leerlingen.services` en :mod:`rugzak.meldingen.services` en rekent zelf geen
regel uit. De reden van uitschrijving beslist (I-47):

- overstap naar een andere reguliere school: de oude school doet niets bij de
  bekostigingsinstantie; de bekostiging loopt het schooljaar door en stopt daarna;
- naar het (v)so of geen onderwijs meer: de school stuurt een terugmelding bij de
  verwerkte melding. Ligt de eerste dag zonder inschrijving niet in de toekomst, dan dient
  :func:`leerling_uitschrijven_met_vervolg` haar meteen in (in dezelfde transactie: lukt de
  terugmelding niet, dan is ook de uitschrijving niet opgeslagen); anders volgt zij met
  :func:`terugmelding_na_uitschrijving` zodra die dag er is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen import services
from rugzak.leerlingen.models import (
    REDENEN_MET_TERUGMELDING,
    Inschrijving,
    Leerling,
    Uitschrijfreden,
)
from rugzak.meldingen import services as meldingservices
from rugzak.meldingen.models import (
    Melding,
    Meldingstatus,
    Terugmelding,
    Terugmeldingsoort,
    Terugmeldingstatus,
)
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as kerntermijnen

#: Welke terugmelding bij welke reden van uitschrijving hoort.
SOORT_BIJ_REDEN = {
    Uitschrijfreden.NAAR_VSO.value: Terugmeldingsoort.UITSCHRIJVING_SO.value,
    Uitschrijfreden.GEEN_ONDERWIJS.value: Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS.value,
}


@dataclass(frozen=True)
class Uitschrijving:
    """De beëindigde inschrijving en wat er bij de bekostigingsinstantie volgt.

    ``melding``: de verwerkte melding waarbij een terugmelding hoort (None: geen melding,
    of een overstap); ``terugmelding``: de ingediende terugmelding; ``terugmelden_vanaf``
    en ``uiterlijk``: als zij nog moet, vanaf welke dag en uiterlijk wanneer (de termijn
    uit de regelkern, I-19)."""

    inschrijving: Inschrijving
    melding: Melding | None
    terugmelding: Terugmelding | None
    terugmelden_vanaf: date | None
    uiterlijk: date | None

    @property
    def is_overstap(self) -> bool:
        return self.inschrijving.uitschrijfreden == Uitschrijfreden.ANDERE_REGULIERE_SCHOOL


def _te_melden(leerling: Leerling, school_id: int) -> Melding | None:
    """De laatste verwerkte melding van deze leerling op deze school zonder (niet
    geweigerde) terugmelding van uitschrijving."""
    meldingen = Melding.objects.filter(
        leerling=leerling, school_id=school_id, status=Meldingstatus.GEACCEPTEERD
    )
    al = (
        Terugmelding.objects.filter(melding__in=meldingen)
        .exclude(soort=Terugmeldingsoort.WIJZIGING)
        .exclude(status=Terugmeldingstatus.GEWEIGERD)
    )
    if al.exists():
        return None
    return meldingen.order_by("-meldingsdatum", "-id").first()


def _indienen(door: Gebruiker, melding: Melding, reden: str, eerste_dag: date) -> Terugmelding:
    try:
        return meldingservices.terugmelding_indienen(
            door=door, melding=melding, soort=SOORT_BIJ_REDEN[reden], datum=eerste_dag
        )
    except ValidationError as e:
        teksten = [t for berichten in e.message_dict.values() for t in berichten]
        raise ValidationError(
            {
                "reden": "de terugmelding bij de bekostigingsinstantie kon niet worden "
                f"ingediend, dus de leerling is niet uitgeschreven: {'; '.join(teksten)}"
            }
        ) from None


@transaction.atomic
def leerling_uitschrijven_met_vervolg(
    *, door: Gebruiker, leerling: Leerling, tot: date, reden: str
) -> Uitschrijving:
    """Schrijf de leerling uit (laatste dag ``tot``) en dien, als de reden dat vraagt en er
    een verwerkte melding is, de terugmelding in (I-47)."""
    inschrijving = services.leerling_uitschrijven(
        door=door, leerling=leerling, tot=tot, reden=reden
    )
    eerste_dag = tot + timedelta(days=1)
    melding = (
        _te_melden(leerling, inschrijving.school_id) if reden in REDENEN_MET_TERUGMELDING else None
    )
    terugmelding = None
    if melding is not None and eerste_dag <= vandaag():
        terugmelding = _indienen(door, melding, reden, eerste_dag)
    nog = melding is not None and terugmelding is None
    return Uitschrijving(
        inschrijving=inschrijving,
        melding=melding,
        terugmelding=terugmelding,
        terugmelden_vanaf=eerste_dag if nog else None,
        uiterlijk=(
            kerntermijnen.terugmelding(standaard_regeling(), eerste_dag).uiterlijk
            if melding is not None
            else None
        ),
    )


def wachtende_terugmelding(
    melding: Melding, *, peildatum: date | None = None
) -> Inschrijving | None:
    """De uitschrijving (naar het (v)so of uit het onderwijs) waarvoor bij deze melding nog
    een terugmelding moet en nu kan (de eerste dag zonder inschrijving is er), of None."""
    dag = peildatum or vandaag()
    if melding.status != Meldingstatus.GEACCEPTEERD:
        return None
    te_melden = _te_melden(melding.leerling, melding.school_id)
    if te_melden is None or te_melden.pk != melding.pk:
        return None
    inschrijving = (
        Inschrijving.objects.filter(leerling_id=melding.leerling_id, school_id=melding.school_id)
        .order_by("-van")
        .first()
    )
    if (
        inschrijving is None
        or inschrijving.tot is None
        or inschrijving.uitschrijfreden not in REDENEN_MET_TERUGMELDING
        or inschrijving.tot + timedelta(days=1) > dag
    ):
        return None
    return inschrijving


@transaction.atomic
def terugmelding_na_uitschrijving(*, door: Gebruiker, melding: Melding) -> Terugmelding:
    """Dien de terugmelding in bij een uitschrijving die eerder met een datum in de
    toekomst is vastgelegd: de reden en de datum komen van de beëindigde inschrijving."""
    inschrijving = wachtende_terugmelding(melding)
    if inschrijving is None or inschrijving.tot is None:
        raise ValidationError(
            {
                "melding": "er wacht geen terugmelding: er is geen uitschrijving naar het (v)so "
                "of uit het onderwijs na deze melding, zij is al teruggemeld, of de eerste dag "
                "zonder inschrijving is er nog niet"
            }
        )
    return _indienen(
        door, melding, inschrijving.uitschrijfreden, inschrijving.tot + timedelta(days=1)
    )


def zml_aanvraag_aangewezen(*, leerling: Leerling, school_id: int) -> Melding | None:
    """Na de overgang van groep 2 naar groep 3: de verwerkte zml-melding in het
    basisonderwijs waarbij de school het aanvullende bedrag kan aanvragen (003,
    formulier 66007), als er nog geen lopende aanvraag is; anders None. Alleen een
    verwijzing: het aanvragen zelf (en of het mag) blijft bij
    :func:`rugzak.meldingen.services.zml_aanvraag_indienen`."""
    melding = (
        Melding.objects.filter(
            leerling=leerling,
            school_id=school_id,
            status=Meldingstatus.GEACCEPTEERD,
            onderwijssoort=Onderwijssoort.ZML.value,
            schoolsoort=Schoolsoort.BAO.value,
        )
        .order_by("-meldingsdatum", "-id")
        .first()
    )
    if melding is None:
        return None
    # dezelfde toets als de aanvraag zelf: herindicaties en terugplaatsingen tellen mee
    lopend = meldingservices.lopende_zml_aanvraag(melding)
    return None if lopend is not None else melding
