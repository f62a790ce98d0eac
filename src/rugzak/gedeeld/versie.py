"""Optimistische gelijktijdigheid: een record wordt alleen gewijzigd als het nog de
versie heeft die de wijziger las.

Gebruik: een model erft van :class:`VersieModel`; een service wijzigt het met
:func:`versie_bijwerken`, die in één statement ``UPDATE ... SET ..., versie = versie + 1
WHERE id = ? AND versie = ?`` uitvoert en :class:`GelijktijdigeWijziging` geeft als er
geen rij veranderde. Een gewone ``save()`` op een bestaand record wordt geweigerd, zodat
niemand de controle per ongeluk omzeilt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models
from django.db.models import F

from rugzak.gedeeld import tijd
from rugzak.gedeeld.fouten import GelijktijdigeWijziging


class VersieModel(models.Model):
    """Abstract basismodel met een versienummer dat bij elke wijziging één ophoogt."""

    versie = models.PositiveIntegerField(
        "versie",
        default=1,
        editable=False,
        help_text="Hoogt bij elke wijziging één op; wijzigen op een oude versie wordt geweigerd.",
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError(
                f"{type(self).__name__} staat onder versiebeheer: wijzig een bestaand record "
                "met rugzak.gedeeld.versie.versie_bijwerken(), niet met save()"
            )
        super().save(*args, **kwargs)


M = TypeVar("M", bound=VersieModel)


def vereis_versie(obj: VersieModel, *, verwachte_versie: int) -> None:
    """Een verouderde versie is altijd :class:`GelijktijdigeWijziging` (409), ook als de zaak
    intussen in een toestand staat waarin de handeling niet meer kan: wie een oude stand las,
    moet eerst opnieuw lezen. Zo hangt het antwoord niet af van wie het eerst las."""
    if obj.versie != verwachte_versie:
        raise GelijktijdigeWijziging(
            objecttype=str(type(obj)._meta.verbose_name),
            object_id=getattr(obj, "publiek_id", obj.pk),
            verwachte_versie=verwachte_versie,
            huidige_versie=obj.versie,
        )


def versie_bijwerken(obj: M, *, verwachte_versie: int, wijzigingen: Mapping[str, Any]) -> M:
    """Schrijf ``wijzigingen`` naar ``obj`` als het in de database nog ``verwachte_versie`` heeft.

    Velden met ``auto_now`` krijgen het huidige tijdstip. Geeft ``obj`` terug met de nieuwe
    waarden en het nieuwe versienummer. Geen rij gewijzigd: :class:`GelijktijdigeWijziging`
    (en er is niets geschreven).
    """
    model = type(obj)
    waarden = dict(wijzigingen)
    onbekend = sorted(set(waarden) - {f.name for f in model._meta.concrete_fields})
    if onbekend or "versie" in waarden or model._meta.pk.name in waarden:
        raise ValueError(
            f"versie_bijwerken: {', '.join(onbekend) or 'versie/pk'} kan niet gewijzigd worden "
            f"op {model.__name__}"
        )
    for veld in model._meta.concrete_fields:
        if getattr(veld, "auto_now", False):
            waarden[veld.name] = tijd.nu()
    aantal = model._default_manager.filter(pk=obj.pk, versie=verwachte_versie).update(
        versie=F("versie") + 1, **waarden
    )
    if aantal == 0:
        huidige = model._default_manager.filter(pk=obj.pk).values_list("versie", flat=True).first()
        raise GelijktijdigeWijziging(
            objecttype=str(model._meta.verbose_name),
            object_id=getattr(obj, "publiek_id", obj.pk),
            verwachte_versie=verwachte_versie,
            huidige_versie=huidige,
        )
    for naam, waarde in waarden.items():
        setattr(obj, naam, waarde)
    obj.versie = verwachte_versie + 1
    return obj
