"""Views van de webschil."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from rugzak import toegang
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.selectors import leerling_dossier, leerlingen_pagina
from rugzak.web.rolteksten import ROLTEKSTEN


@require_GET
def thuis(request: HttpRequest) -> HttpResponse:
    return redirect("start" if request.user.is_authenticated else "inloggen")


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Wie u bent, uw rollen, en de leerlingen die u mag zien (gelogd)."""
    try:
        paginanummer = int(request.GET.get("pagina", "1"))
    except ValueError:
        paginanummer = 1
    rollen = toegang.actieve_rollen(request.user)  # type: ignore[arg-type]
    pagina = leerlingen_pagina(
        gebruiker=request.user,  # type: ignore[arg-type]
        paginanummer=paginanummer,
        reden="startpagina: overzicht leerlingen",
    )
    rolregels = [(rol, ROLTEKSTEN.get(rol.rol, "")) for rol in rollen]
    return render(
        request,
        "rugzak/start.html",
        {"rolregels": rolregels, "pagina": pagina, "peildatum": vandaag()},
    )


@require_GET
@login_required
def leerling(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De gegevens van één leerling; elke inzage staat in het auditlog."""
    try:
        dossier = leerling_dossier(
            gebruiker=request.user,  # type: ignore[arg-type]
            publiek_id=publiek_id,
            reden="leerlingpagina bekeken",
        )
    except GeenToegang:
        raise Http404("deze leerling bestaat niet of u hebt er geen toegang toe") from None
    return render(request, "rugzak/leerling.html", {"dossier": dossier, "peildatum": vandaag()})
