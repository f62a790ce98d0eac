"""Schrijven naar het auditlog. Elke lees- en schrijfhandeling op leerlinggegevens roept
:func:`audit_registreer` aan (of :func:`audit_registreer_lijst` voor een overzicht).

Binnen een HTTP-verzoek (:class:`rugzak.audit.middleware.AuditbundelMiddleware`) worden de
regels van het *lezen* (lezen, geweigerd, exporteren) buiten een transactie verzameld en
aan het eind van het verzoek, vóór het antwoord de server verlaat, in één bulkinsert
geschreven (``COPY`` op PostgreSQL): een startpagina met tien overzichten kost zo één
insert in plaats van tien. Ook als het verzoek met een fout eindigt, worden ze geschreven.
Regels van een wijziging, en alles binnen een transactie, gaan meteen mee in die
transactie (alles of niets). Buiten een verzoek (services in tests, de CLI, taken) wordt
alles meteen geschreven."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import connection

from rugzak.audit.models import Actie, AuditRegel
from rugzak.audit.verwerkingen import verwerking_van
from rugzak.gedeeld import tijd

if TYPE_CHECKING:
    from rugzak.gedeeld.bulk import Voorbereid

#: Gebruikersnaam in het log voor handelingen zonder ingelogde gebruiker.
SYSTEEM = "systeem"


def _verwerking_velden(objecttype: str) -> dict[str, str]:
    """Verwerking en grondslag uit het register (Logboek Dataverwerkingen), op één plek."""
    v = verwerking_van(objecttype)
    if v is None:
        return {"verwerking": "", "grondslag": ""}
    return {"verwerking": v.code, "grondslag": v.grondslag}


#: Acties waarvan de regel tot het eind van het verzoek mag wachten: lezen, geen wijziging.
_LEESACTIES = frozenset({Actie.LEZEN, Actie.GEWEIGERD, Actie.EXPORTEREN})

#: De open bundel: de verzamelde regels en de transactiediepte toen hij openging (een test
#: draait zelf in een transactie; alleen een transactie die *binnen* het verzoek begon, telt).
_bundel: ContextVar[tuple[list[AuditRegel], int] | None] = ContextVar(
    "rugzak_auditbundel", default=None
)

#: De kolommen van één regel, in de volgorde van :func:`_schrijf`.
_KOLOMMEN = (
    "wanneer", "gebruiker_id", "gebruikersnaam", "rol", "organisatie_id", "actie",
    "objecttype", "object_id", "leerling_publiek_id", "reden", "velden",
    "verwerking", "grondslag",
)  # fmt: skip


def _schrijf(regels: list[AuditRegel]) -> None:
    """Schrijf de regels in één bulkinsert (``COPY`` op PostgreSQL; elders ``bulk_create``
    in blokken)."""
    from rugzak.gedeeld.bulk import bulk_invoegen

    bulk_invoegen(
        AuditRegel,
        _KOLOMMEN,
        (
            tuple(str(w) if k == "actie" else w for k, w in ((k, getattr(r, k)) for k in _KOLOMMEN))
            for r in regels
        ),
    )


def _bewaar(regels: list[AuditRegel], actie: str) -> list[AuditRegel]:
    """Leesregels binnen een verzoek en buiten een transactie van dat verzoek: in de
    bundel; de rest meteen."""
    bundel = _bundel.get()
    if bundel is not None and actie in _LEESACTIES and len(connection.atomic_blocks) <= bundel[1]:
        bundel[0].extend(regels)
        return regels
    if len(regels) == 1:
        regels[0].save()
        return regels
    return AuditRegel.objects.bulk_create(regels)


@contextmanager
def auditbundel() -> Iterator[None]:
    """Verzamel de leesregels tot het eind van het blok en schrijf ze dan in één keer
    (ook als het blok met een fout eindigt). Genest: het buitenste blok schrijft."""
    if _bundel.get() is not None:
        yield
        return
    regels: list[AuditRegel] = []
    teken = _bundel.set((regels, len(connection.atomic_blocks)))
    try:
        yield
    finally:
        _bundel.reset(teken)
        if regels:
            _schrijf(regels)


def _gebruiker_velden(gebruiker: Any | None) -> tuple[int | None, str]:
    if gebruiker is None:
        return None, SYSTEEM
    return gebruiker.pk, gebruiker.get_username()


def audit_registreer(
    *,
    gebruiker: Any | None,
    actie: Actie | str,
    objecttype: str,
    object_id: object = "",
    leerling_publiek_id: UUID | str | None = None,
    rol: str = "",
    organisatie_id: int | None = None,
    reden: str = "",
    velden: Iterable[str] = (),
) -> AuditRegel:
    """Leg één gebeurtenis vast.

    ``gebruiker`` is de ingelogde gebruiker, of None voor het systeem (installatie, demo).
    ``rol`` en ``organisatie_id`` zijn de toegangsgrond waarmee de gebruiker handelde
    (zie :class:`rugzak.toegang.Toegangsgrond`). ``velden`` noemt de gewijzigde velden,
    niet hun waarden: het log bevat zelf zo weinig mogelijk persoonsgegevens.
    """
    gebruiker_id, gebruikersnaam = _gebruiker_velden(gebruiker)
    regel = AuditRegel(
        wanneer=tijd.nu(),
        gebruiker_id=gebruiker_id,
        gebruikersnaam=gebruikersnaam,
        rol=rol,
        organisatie_id=organisatie_id,
        actie=Actie(actie),
        objecttype=objecttype,
        object_id="" if object_id is None else str(object_id),
        leerling_publiek_id=str(leerling_publiek_id) if leerling_publiek_id else "",
        reden=reden,
        velden=sorted(velden),
        **_verwerking_velden(objecttype),
    )
    _bewaar([regel], regel.actie)
    return regel


def audit_registreer_lijst(
    *,
    gebruiker: Any | None,
    objecttype: str,
    items: Iterable[tuple[object, UUID | str | None, str, int | None]],
    reden: str = "",
    actie: Actie = Actie.LEZEN,
) -> list[AuditRegel]:
    """Leg vast dat een gebruiker een overzicht zag: één regel 'lezen' per getoond item
    (of een andere ``actie``, bv. 'exporteren').

    ``items`` zijn ``(object_id, leerling_publiek_id, rol, organisatie_id)``; zo is per
    leerling na te gaan wie haar of zijn naam in een overzicht zag.
    """
    gebruiker_id, gebruikersnaam = _gebruiker_velden(gebruiker)
    nu = tijd.nu()
    verwerking = _verwerking_velden(objecttype)
    regels = [
        AuditRegel(
            wanneer=nu,
            gebruiker_id=gebruiker_id,
            gebruikersnaam=gebruikersnaam,
            rol=rol,
            organisatie_id=organisatie_id,
            actie=actie,
            objecttype=objecttype,
            object_id=str(object_id),
            leerling_publiek_id=str(leerling_publiek_id) if leerling_publiek_id else "",
            reden=reden,
            velden=[],
            **verwerking,
        )
        for object_id, leerling_publiek_id, rol, organisatie_id in items
    ]
    if not regels:
        return []
    return _bewaar(regels, actie)


def audit_registreer_veel(
    *,
    gebruiker: Any | None,
    actie: Actie | str,
    objecttype: str,
    object_id: object,
    rol: str,
    organisatie_id: int | None,
    per_leerling: Iterable[tuple[UUID | str, str]],
) -> list[AuditRegel]:
    """Als :func:`audit_registreer`, voor veel leerlingen tegelijk in één bulkinsert: één
    regel per ``(leerling_publiek_id, reden)`` (bv. de leerlingen van een betaalrun)."""
    gebruiker_id, gebruikersnaam = _gebruiker_velden(gebruiker)
    nu = tijd.nu()
    regels = [
        AuditRegel(
            wanneer=nu,
            gebruiker_id=gebruiker_id,
            gebruikersnaam=gebruikersnaam,
            rol=rol,
            organisatie_id=organisatie_id,
            actie=Actie(actie),
            objecttype=objecttype,
            object_id=str(object_id),
            leerling_publiek_id=str(leerling_publiek_id),
            reden=reden,
            velden=[],
        )
        for leerling_publiek_id, reden in per_leerling
    ]
    return AuditRegel.objects.bulk_create(regels, batch_size=2000)


def audit_bulk_voorbereiden(
    *,
    gebruiker: Any | None,
    actie: Actie | str,
    objecttype: str,
    items: Iterable[tuple[object, UUID | str | None, str]],
    rol: str = "",
    organisatie_id: int | None = None,
    velden: Iterable[str] = (),
) -> Voorbereid:
    """Leg veel gebeurtenissen tegelijk vast, één regel per item, met dezelfde velden als
    :func:`audit_registreer`; ``items`` zijn ``(object_id, leerling_publiek_id, reden)``.

    In bulk (``COPY`` op PostgreSQL, anders ``bulk_create``): voor de betaalrun, die per
    geraakte leerling een regel schrijft. Maakt de regels alleen klaar (de tekst voor
    ``COPY``); :func:`rugzak.gedeeld.bulk.schrijf` voegt ze in, zodat de betaalrun ze kan
    maken terwijl de server het grootboek nog invoegt."""
    from rugzak.gedeeld.bulk import voorbereiden

    gebruiker_id, gebruikersnaam = _gebruiker_velden(gebruiker)
    nu = tijd.nu()
    soort = str(Actie(actie))
    gesorteerd = sorted(velden)
    verwerking = _verwerking_velden(objecttype)
    # alleen object, leerling en reden verschillen per regel; de rest is voor alle regels
    # gelijk en gaat één keer naar de tekstvorm (bulk_invoegen, ``vast``)
    return voorbereiden(
        AuditRegel,
        ("object_id", "leerling_publiek_id", "reden"),
        (
            ("" if object_id is None else str(object_id), str(leerling) if leerling else "", reden)
            for object_id, leerling, reden in items
        ),
        vast={
            "wanneer": nu, "gebruiker_id": gebruiker_id, "gebruikersnaam": gebruikersnaam,
            "rol": rol, "organisatie_id": organisatie_id, "actie": soort,
            "objecttype": objecttype, "velden": gesorteerd,
            "verwerking": verwerking["verwerking"], "grondslag": verwerking["grondslag"],
        },
    )  # fmt: skip


def audit_registreer_bulk(
    *,
    gebruiker: Any | None,
    actie: Actie | str,
    objecttype: str,
    items: Iterable[tuple[object, UUID | str | None, str]],
    rol: str = "",
    organisatie_id: int | None = None,
    velden: Iterable[str] = (),
) -> int:
    """Leg veel gebeurtenissen tegelijk vast (zie :func:`audit_bulk_voorbereiden`); geeft
    het aantal regels."""
    from rugzak.gedeeld.bulk import schrijf

    return schrijf(
        audit_bulk_voorbereiden(
            gebruiker=gebruiker, actie=actie, objecttype=objecttype, items=items, rol=rol,
            organisatie_id=organisatie_id, velden=velden,
        )
    )  # fmt: skip
