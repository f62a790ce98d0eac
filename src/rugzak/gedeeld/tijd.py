"""De klok van de toepassing: de enige plek waar de toepassing "vandaag" en "nu" leest.

De regelkern krijgt de datum altijd als argument. De toepassing leest hem hier, zodat
een demo of test een vaste datum kan zetten met de instelling ``RUGZAK_VANDAAG``
(omgevingsvariabele, JJJJ-MM-DD); zonder die instelling is het de lokale datum.

Elke datum en elk tijdstip dat de toepassing vastlegt of toont, komt van :func:`vandaag`
of :func:`nu`. Met een vaste dag geeft :func:`nu` die dag met de echte tijd van de dag
(I-99), zodat een melding in de demo op de dag van de demo binnenkomt.
:func:`systeemtijd` is de echte klok, alleen voor verstreken tijd en voor bibliotheken die
met hun eigen klok vergelijken (de takenwachtrij); ``tests/app/test_een_klok.py`` weigert
elke andere lezing van de systeemklok.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def vaste_dag() -> date | None:
    """De vastgezette dag (``RUGZAK_VANDAAG``), of None als de toepassing de echte dag volgt."""
    vast: date | None = getattr(settings, "RUGZAK_VANDAAG", None)
    return vast


def vandaag() -> date:
    """De datum waarop de toepassing rekent en toegang bepaalt."""
    vast = vaste_dag()
    if vast is not None:
        return vast
    return timezone.localdate()


def nu() -> datetime:
    """Het tijdstip (met tijdzone) dat de toepassing vastlegt: ingediend, aangevraagd,
    begonnen, afgerond, laatste teken van leven, auditregel.

    Is de dag vastgezet, dan is het die dag met de echte lokale tijd van de dag (I-99):
    ``nu().date()`` is dan altijd :func:`vandaag` in de tijdzone van de toepassing, en
    twee tijdstippen van dezelfde echte dag liggen even ver uiteen als op de echte klok."""
    echt = timezone.now()
    vast = vaste_dag()
    if vast is None:
        return echt
    lokaal = timezone.localtime(echt)
    # Dezelfde kloktijd op de vaste dag; de tijdzone rekent de verschuiving (zomer/winter)
    # voor die dag opnieuw uit.
    return lokaal.replace(year=vast.year, month=vast.month, day=vast.day)


def systeemtijd() -> datetime:
    """De echte klok (UTC, met tijdzone), ook als de dag vastgezet is.

    Alleen voor wat echt verstreken tijd meet of met de klok van een bibliotheek wordt
    vergeleken (``run_after`` van de takenwachtrij, I-100); nooit voor een datum die de
    toepassing vastlegt of toont. Wie dit aanroept, staat op de lijst in
    ``tests/app/test_een_klok.py``."""
    return timezone.now()
