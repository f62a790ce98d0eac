"""Een brief bij een zaak als PDF (de webpagina ``.../brief/...``).

Elke brief gaat zo: het dossier van de zaak en dat van de leerling opzoeken, elk met een
auditregel met dezelfde reden (:func:`met_leerlingdossier`; zonder toegang tot een van
beide bestaat de zaak voor de gebruiker niet: 404), de inhoud maken met de brieven van de
app, en het sjabloon van die soort als PDF aanbieden met een bestandsnaam zonder
persoonsgegevens (:func:`brief_pdf`, via :mod:`rugzak.documenten.pdf`). Een rol die de
brief niet mag maken, weigert de view zelf (403), tussen die twee stappen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from django.http import Http404, HttpResponse

from rugzak.documenten.brieven import SJABLONEN
from rugzak.documenten.pdf import pdf_van_sjabloon_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.selectors import leerling_dossier
from rugzak.organisaties.models import Gebruiker

D = TypeVar("D")


def met_leerlingdossier(
    gebruiker: Gebruiker,
    ophalen: Callable[..., D],
    *,
    publiek_id: UUID,
    reden: str,
    leerling: Callable[[D], Any],
    melding: str | None = None,
) -> tuple[D, Any]:
    """Het dossier van de zaak (``ophalen(gebruiker=..., publiek_id=..., reden=...)``) en
    het leerlingdossier van ``leerling(dossier)``, elk gelogd met ``reden``. Zonder
    toegang: 404 (met ``melding`` als tekst)."""
    try:
        dossier = ophalen(gebruiker=gebruiker, publiek_id=publiek_id, reden=reden)
        lln = leerling_dossier(
            gebruiker=gebruiker, publiek_id=leerling(dossier).publiek_id, reden=reden
        )
    except GeenToegang:
        raise (Http404(melding) if melding else Http404()) from None
    return dossier, lln


def brief_pdf(soort: str, kenmerk: UUID, inhoud: Callable[[date], Any]) -> HttpResponse:
    """De brief ``soort`` (sjabloon ``SJABLONEN[soort]``) van vandaag als PDF-download;
    ``inhoud(vandaag)`` maakt de brief. De bestandsnaam: de soort, het begin van
    ``kenmerk`` (het publieke id van de zaak) en de datum."""
    dag = vandaag()
    return pdf_van_sjabloon_antwoord(
        sjabloon=SJABLONEN[soort],
        context={"brief": inhoud(dag)},
        soort=soort,
        kenmerk=kenmerk,
        datum=dag,
    )
