"""Gedeelde hulpfuncties van de services van toelating en handelingsplannen: auditregel,
versiecontrole vóór het schrijven, en het verzamelen van validatiefouten."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GelijktijdigeWijziging
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import VersieModel
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker

M = TypeVar("M", bound=VersieModel)


def audit(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    actie: Actie,
    objecttype: str,
    object_id: object,
    leerling: Leerling,
    reden: str,
    velden: list[str] | tuple[str, ...] = (),
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=actie,
        objecttype=objecttype,
        object_id=object_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
        velden=velden,
    )


def vers(obj: M, versie: int) -> M:
    """Lees ``obj`` opnieuw (vergrendeld) en weiger als het niet meer de gelezen versie is."""
    model = type(obj)
    vers = model._default_manager.select_for_update().filter(pk=obj.pk).first()
    if vers is None or vers.versie != versie:
        raise GelijktijdigeWijziging(
            objecttype=str(model._meta.verbose_name),
            object_id=getattr(obj, "publiek_id", obj.pk),
            verwachte_versie=versie,
            huidige_versie=None if vers is None else vers.versie,
        )
    return vers


def niet_in_toekomst(fouten: dict[str, list[str]], veld: str, waarde: date | None) -> None:
    if waarde is not None and waarde > vandaag():
        fouten.setdefault(veld, []).append(
            f"ligt na vandaag ({lange_datum(vandaag())}); leg een gebeurtenis vast als die "
            "heeft plaatsgevonden"
        )


def vereis_tekst(fouten: dict[str, list[str]], veld: str, waarde: str, wat: str) -> None:
    if not (waarde or "").strip():
        fouten.setdefault(veld, []).append(f"vul {wat} in")


def weiger(fouten: Mapping[str, list[str] | str]) -> None:
    if fouten:
        raise ValidationError({k: v if isinstance(v, list) else [v] for k, v in fouten.items()})
