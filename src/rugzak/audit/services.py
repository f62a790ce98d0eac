"""Schrijven naar het auditlog. Elke lees- en schrijfhandeling op leerlinggegevens roept
:func:`audit_registreer` aan (of :func:`audit_registreer_lijst` voor een overzicht)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld import tijd

#: Gebruikersnaam in het log voor handelingen zonder ingelogde gebruiker.
SYSTEEM = "systeem"


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
    return AuditRegel.objects.create(
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
    )


def audit_registreer_lijst(
    *,
    gebruiker: Any | None,
    objecttype: str,
    items: Iterable[tuple[object, UUID | str | None, str, int | None]],
    reden: str = "",
) -> list[AuditRegel]:
    """Leg vast dat een gebruiker een overzicht zag: één regel 'lezen' per getoond item.

    ``items`` zijn ``(object_id, leerling_publiek_id, rol, organisatie_id)``; zo is per
    leerling na te gaan wie haar of zijn naam in een overzicht zag.
    """
    gebruiker_id, gebruikersnaam = _gebruiker_velden(gebruiker)
    nu = tijd.nu()
    regels = [
        AuditRegel(
            wanneer=nu,
            gebruiker_id=gebruiker_id,
            gebruikersnaam=gebruikersnaam,
            rol=rol,
            organisatie_id=organisatie_id,
            actie=Actie.LEZEN,
            objecttype=objecttype,
            object_id=str(object_id),
            leerling_publiek_id=str(leerling_publiek_id) if leerling_publiek_id else "",
            reden=reden,
            velden=[],
        )
        for object_id, leerling_publiek_id, rol, organisatie_id in items
    ]
    return AuditRegel.objects.bulk_create(regels)


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
