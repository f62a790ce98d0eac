"""Webpagina's: de leerlingtelling (004) van een REC of een (v)so-school als tabel, met de
CSV uit de API. Views lezen invoer, roepen één selector aan en tonen het resultaat."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.rec import selectors
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.tijd import Schooljaar


def _teldata() -> list[date]:
    """De teldata van het lopende en het vorige schooljaar (1 oktober, 16 januari)."""
    nu = Schooljaar.van_datum(vandaag()).beginjaar
    return [d for j in (nu, nu - 1) for d in (date(j + 1, 1, 16), date(j, 10, 1)) if d <= vandaag()]


def _teldatum(request: HttpRequest) -> tuple[date, str]:
    tekst = request.GET.get("teldatum", "")
    if not tekst:
        return _teldata()[0], ""
    try:
        return date.fromisoformat(tekst), ""
    except ValueError:
        return _teldata()[0], "geef een teldatum als JJJJ-MM-DD (1 oktober of 16 januari)"


@login_required
@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    gebruiker: Any = request.user
    recs, scholen = selectors.zichtbare_recs_en_scholen(gebruiker=gebruiker)
    return render(request, "rec/overzicht.html", {"recs": recs, "scholen": scholen})


def _telling(request: HttpRequest, *, rec_id: int | None, school_id: int | None) -> HttpResponse:
    teldatum, fout = _teldatum(request)
    gebruiker: Any = request.user
    try:
        if rec_id is not None:
            weergave = selectors.telling_van_rec(
                gebruiker=gebruiker, rec_id=rec_id, teldatum=teldatum, reden="webpagina"
            )
            csv = f"/api/v1/rec-administratie/{rec_id}/telling/?teldatum={teldatum}&formaat=csv"
        else:
            assert school_id is not None
            weergave = selectors.telling_van_school(
                gebruiker=gebruiker, school_id=school_id, teldatum=teldatum, reden="webpagina"
            )
            csv = f"/api/v1/vso-scholen/{school_id}/telling/?teldatum={teldatum}&formaat=csv"
    except GeenToegang:
        raise Http404 from None
    except OngeldigeInvoer as e:
        return render(
            request,
            "rec/telling.html",
            {"fout": e.reden or str(e), "teldata": _teldata(), "teldatum": teldatum},
            status=400,
        )
    return render(
        request,
        "rec/telling.html",
        {
            "weergave": weergave,
            "rijen": weergave.uitkomst.telling.als_rijen(),
            # een Counter in een sjabloon: ``apart.items`` zou de sleutel 'items' opzoeken
            "apart": sorted(weergave.uitkomst.apart.items()),
            "teldatum": teldatum,
            "teldata": _teldata(),
            "csv": csv,
            "fout": fout,
        },
    )


@login_required
@require_GET
def rec_telling(request: HttpRequest, rec_id: int) -> HttpResponse:
    return _telling(request, rec_id=rec_id, school_id=None)


@login_required
@require_GET
def school_telling(request: HttpRequest, school_id: int) -> HttpResponse:
    return _telling(request, rec_id=None, school_id=school_id)
