"""Lezen: leerlingen, altijd via het toegangsbeleid (rugzak.toegang) en altijd gelogd.

Deze selectors schrijven dus wél iets: een auditregel per getoonde leerling. Dat is de
prijs van "elke inzage wordt vastgelegd"; de leerlinggegevens zelf wijzigen ze niet.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.organisaties.models import Gebruiker


@dataclass(frozen=True)
class LeerlingDossier:
    """Wat een pagina over één leerling toont, met de grond waarop de gebruiker het ziet."""

    leerling: Leerling
    inschrijvingen: list[Inschrijving]
    ouders: list[OuderRelatie]
    grond: toegang.Toegangsgrond


def _zichtbaar_op_naam(gebruiker: Gebruiker, dag: date) -> QuerySet[Leerling]:
    return toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=dag).order_by(
        "achternaam", "voornaam", "id"
    )


def _log_leerlingen(
    gebruiker: Gebruiker, leerlingen: list[Leerling], dag: date, reden: str
) -> None:
    """Een auditregel 'lezen' per getoonde leerling, met de rol waarlangs de gebruiker haar
    of hem ziet."""
    if not leerlingen:
        return
    gronden = toegang.leesgronden(
        gebruiker, [leerling.pk for leerling in leerlingen], peildatum=dag
    )
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="leerling",
        items=[
            (
                leerling.publiek_id,
                leerling.publiek_id,
                gronden[leerling.pk].rol,
                gronden[leerling.pk].organisatie_id,
            )
            for leerling in leerlingen
        ],
        reden=reden,
    )


def leerlingen_pagina(
    *, gebruiker: Gebruiker, paginanummer: int = 1, per_pagina: int = 50, reden: str = "overzicht"
) -> Page[Leerling]:
    """Eén pagina van de leerlingen die ``gebruiker`` mag zien (een ongeldig nummer wordt
    de dichtstbijzijnde pagina, zoals :meth:`Paginator.get_page`); elke getoonde leerling
    krijgt een auditregel 'lezen' met de rol waarlangs de gebruiker haar of hem ziet."""
    dag = vandaag()
    pagina = Paginator(_zichtbaar_op_naam(gebruiker, dag), per_pagina).get_page(paginanummer)
    leerlingen: list[Leerling] = list(pagina.object_list)
    _log_leerlingen(gebruiker, leerlingen, dag, reden)
    pagina.object_list = leerlingen
    return pagina


def leerlingen_aantal(*, gebruiker: Gebruiker) -> int:
    """Hoeveel leerlingen ``gebruiker`` mag zien (een getal, geen leerlinggegevens: niet
    gelogd)."""
    return toegang.leerlingen_zichtbaar_voor(gebruiker, peildatum=vandaag()).count()


def leerlingen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster,
    reden: str = "overzicht",
    zoek: str | None = None,
    publiek_ids: Collection[UUID] | None = None,
) -> Deel[Leerling]:
    """Precies de gevraagde pagina van de leerlingen die ``gebruiker`` mag zien, met het
    totaal (een pagina voorbij de laatste is leeg); alleen de getoonde leerlingen worden
    gelogd.

    ``zoek``: alleen leerlingen bij wie elk woord voorkomt in voornaam, tussenvoegsel of
    achternaam (hoofdletters tellen niet). ``publiek_ids``: alleen deze leerlingen (wie de
    gebruiker niet mag zien, valt weg)."""
    dag = vandaag()
    qs = _zichtbaar_op_naam(gebruiker, dag)
    for woord in (zoek or "").replace(",", " ").split():
        qs = qs.filter(
            Q(voornaam__icontains=woord)
            | Q(tussenvoegsel__icontains=woord)
            | Q(achternaam__icontains=woord)
        )
    if publiek_ids is not None:
        qs = qs.filter(publiek_id__in=list(publiek_ids))
    aantal = qs.count()
    leerlingen = list(qs[venster.begin : venster.eind]) if venster.begin < aantal else []
    _log_leerlingen(gebruiker, leerlingen, dag, reden)
    return Deel(leerlingen, aantal)


def leerling_met_leesgrond(
    *,
    gebruiker: Gebruiker,
    publiek_id: UUID,
    objecttype: str,
    wat: str,
    reden: str,
    peildatum: date | None = None,
) -> tuple[Leerling, toegang.Toegangsgrond]:
    """De leerling met dit publieke id en de grond waarop ``gebruiker`` haar ziet. Geen
    toegang en geen leerling geven hetzelfde (:class:`GeenToegang` met een auditregel
    'geweigerd'), zodat niet te raden valt of een id bestaat."""
    # de leerling en de toegang in één query
    leerling, grond = toegang.leerling_en_leesgrond(
        gebruiker, publiek_id=publiek_id, peildatum=peildatum
    )
    if leerling is None or grond is None:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.GEWEIGERD,
            objecttype=objecttype,
            object_id=publiek_id,
            leerling_publiek_id=publiek_id,
            reden=f"{reden}: geen toegang of onbekend id",
        )
        raise GeenToegang(wat, nodig="een rol die deze leerling mag zien")
    return leerling, grond


def leerling_dossier(*, gebruiker: Gebruiker, publiek_id: UUID, reden: str) -> LeerlingDossier:
    """De gegevens van één leerling, als ``gebruiker`` die mag zien.

    Geen toegang of geen leerling met dit id: :class:`GeenToegang` (de aanroeper toont voor
    beide hetzelfde, zodat niet te raden valt of een id bestaat); de poging wordt gelogd.
    """
    leerling, grond = leerling_met_leesgrond(
        gebruiker=gebruiker, publiek_id=publiek_id, objecttype="leerling",
        wat="deze leerling", reden=reden,
    )  # fmt: skip
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="leerling",
        object_id=leerling.publiek_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    inschrijvingen = list(leerling.inschrijvingen.select_related("school").order_by("-van"))
    ouders = list(leerling.ouderrelaties.select_related("ouder").order_by("ouder__last_name"))
    return LeerlingDossier(
        leerling=leerling, inschrijvingen=inschrijvingen, ouders=ouders, grond=grond
    )
