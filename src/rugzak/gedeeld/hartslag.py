"""Hartslag en herstel van achtergrondwerk op de takenwachtrij (I-81, I-110).

Een betaalrun en een scenario worden door een verwerker uitgevoerd. Zolang de verwerker
werkt, houdt hij ``hartslag_op`` bij; blijft die langer dan de grens uit
(``RUGZAK_BETAALRUN_HARTSLAG_GRENS`` seconden, voor beide), dan is de verwerker
uitgevallen en gaat het werk terug naar de wachtrij met een nieuwe poging. Een verwerker
schrijft alleen zolang de poging de zijne is (``poging`` is het hek, "fencing"): een trage
verwerker wiens werk intussen hervat werd, schrijft niets meer.

Het model heeft de velden ``status`` (:class:`~rugzak.betalingen.models.Runstatus`),
``poging``, ``hartslag_op`` en ``reden``. Eén mechanisme voor beide, hier; de services
geven alleen hun eigen reden en hun eigen taak mee.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from rugzak.gedeeld.tijd import nu

M = TypeVar("M", bound=models.Model)

#: de toestanden (als tekst, zoals ``Runstatus``; geen import van betalingen hier)
BEZIG = "bezig"
IN_WACHTRIJ = "in_wachtrij"


class Overgenomen(Exception):
    """Deze verwerker heeft het werk niet meer: het is hervat door een andere (fencing)."""


def grens() -> timedelta:
    """Hoe lang een verwerker zonder teken van leven mag zijn."""
    return timedelta(seconds=int(getattr(settings, "RUGZAK_BETAALRUN_HARTSLAG_GRENS", 300)))


def verlopen(tijd: datetime, marge: timedelta) -> Q:
    """Een hartslag die meer dan ``marge`` van ``tijd`` af ligt, naar voren of naar achteren.

    Met een vastgezette dag (I-99) springt :func:`nu` om middernacht een etmaal terug; een
    hartslag van vóór middernacht ligt dan "later vandaag" en is van een eerdere echte dag,
    dus verlopen. Op de echte klok is een hartslag in de toekomst een verschil tussen de
    klokken van twee processen; ook dan is hervatten veilig (er is niets vastgelegd, de
    oude verwerker merkt dat de poging niet meer de zijne is en stopt)."""
    return Q(hartslag_op__lt=tijd - marge) | Q(hartslag_op__gt=tijd + marge)


def levend(hartslag_op: datetime | None, marge: timedelta | None = None) -> bool:
    """Is de verwerker met deze hartslag nog aan het werk (zie :func:`verlopen`)?"""
    if hartslag_op is None:
        return False
    return abs(hartslag_op - nu()) <= (marge if marge is not None else grens())


def herstellen(
    model: type[M],
    *,
    marge: timedelta | None,
    reden: Callable[[M, datetime], str],
    zet_in_wachtrij: Callable[[M], None],
) -> list[M]:
    """Zet werk van uitgevallen verwerkers terug in de wachtrij: elke rij die 'bezig' is
    zonder hartslag binnen ``marge`` (standaard :func:`grens`) krijgt de toestand 'in de
    wachtrij', de ``reden(rij, tijd)`` en een nieuwe taak. Per rij één transactie, alleen
    als de poging intussen niet veranderde. Geeft de hervatte rijen."""
    tijd = nu()
    q = verlopen(tijd, marge if marge is not None else grens())
    beheer: Any = model._default_manager
    hervat: list[M] = []
    for rij in beheer.filter(q, status=BEZIG):
        with transaction.atomic():
            n = beheer.filter(q, pk=rij.pk, status=BEZIG, poging=rij.poging).update(
                status=IN_WACHTRIJ, reden=reden(rij, tijd)
            )
            if n:
                zet_in_wachtrij(rij)
                hervat.append(beheer.get(pk=rij.pk))
    return hervat


def klop(model: type[models.Model], pk: int, poging: int, **velden: Any) -> None:
    """Een teken van leven (met eventueel voortgang in ``velden``) van de verwerker met
    ``poging``; is het werk niet meer van deze poging, dan :class:`Overgenomen`."""
    beheer: Any = model._default_manager
    if not beheer.filter(pk=pk, status=BEZIG, poging=poging).update(hartslag_op=nu(), **velden):
        raise Overgenomen
