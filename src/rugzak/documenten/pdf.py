"""Een Django-sjabloon als PDF (WeasyPrint), en het HTTP-antwoord dat hem aanbiedt.

De PDF is getagd (PDF/UA-1): schermlezers kunnen de koppen, lijsten en tabellen volgen.
WeasyPrint haalt niets van buiten: het stijlblad wordt als tekst meegegeven en alleen
``data:``-URL's worden geladen, zodat een sjabloon nooit een bestand of netwerkadres
kan opvragen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from django.template.loader import render_to_string

STIJLBLAD = Path(__file__).resolve().parent / "stijl" / "brief.css"
PDF_VARIANT = "pdf/ua-1"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@cache
def _stijl() -> Any:
    from weasyprint import CSS

    return CSS(string=STIJLBLAD.read_text(encoding="utf-8"))


def html_van_sjabloon(sjabloon: str, context: Mapping[str, Any]) -> str:
    return render_to_string(sjabloon, dict(context))


def pdf_maken(*, sjabloon: str, context: Mapping[str, Any]) -> bytes:
    """Het sjabloon met deze context als PDF-bytes (A4, getagd)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = html_van_sjabloon(sjabloon, context)
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
    pdf: bytes = document.write_pdf(stylesheets=[_stijl()], pdf_variant=PDF_VARIANT)
    return pdf


def veilige_bestandsnaam(*, soort: str, kenmerk: UUID | str | None = None, datum: date) -> str:
    """Een bestandsnaam zonder persoonsgegevens: soort, de eerste 8 tekens van het
    publieke zaak-id en de datum, bv. ``besluit-toelating-3f2a9c1b-2012-03-15.pdf``.

    ``soort`` is een vaste slug uit de code (kleine letters, cijfers, streepjes); een
    kenmerk dat geen UUID is, wordt geweigerd, zodat er nooit een naam in terechtkomt.
    """
    if not _SLUG.match(soort):
        raise ValueError(f"soort {soort!r}: gebruik kleine letters, cijfers en streepjes")
    delen = [soort]
    if kenmerk is not None:
        delen.append(UUID(str(kenmerk)).hex[:8])
    delen.append(datum.isoformat())
    return "-".join(delen) + ".pdf"


def pdf_antwoord(*, pdf: bytes, bestandsnaam: str, downloaden: bool = True) -> HttpResponse:
    """Een antwoord met ``application/pdf``; het bestand wordt gedownload (of met
    ``downloaden=False`` in de browser getoond). Niet bewaren in caches: een brief bevat
    persoonsgegevens."""
    if not re.fullmatch(r"[a-z0-9-]+\.pdf", bestandsnaam):
        raise ValueError(f"onveilige bestandsnaam {bestandsnaam!r}; gebruik veilige_bestandsnaam()")
    antwoord = HttpResponse(pdf, content_type="application/pdf")
    wijze = "attachment" if downloaden else "inline"
    antwoord["Content-Disposition"] = f'{wijze}; filename="{bestandsnaam}"'
    antwoord["Cache-Control"] = "no-store, private"
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


def pdf_van_sjabloon_antwoord(
    *,
    sjabloon: str,
    context: Mapping[str, Any],
    soort: str,
    datum: date,
    kenmerk: UUID | str | None = None,
    downloaden: bool = True,
) -> HttpResponse:
    """Alles in één: sjabloon naar PDF, als antwoord met een veilige bestandsnaam."""
    return pdf_antwoord(
        pdf=pdf_maken(sjabloon=sjabloon, context=context),
        bestandsnaam=veilige_bestandsnaam(soort=soort, kenmerk=kenmerk, datum=datum),
        downloaden=downloaden,
    )
