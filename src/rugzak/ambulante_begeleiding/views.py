"""Webpagina's van de begeleidingszaken (RAB, TAB, PAB): het werk van de AB-dienst.

Lezen via :mod:`rugzak.ambulante_begeleiding.selectors` (de coördinator ziet de dienst, een
ambulant begeleider alleen de aan hem toegewezen begeleidingen)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rugzak.ambulante_begeleiding import selectors
from rugzak.ambulante_begeleiding.models import Begeleidingsoort, Begeleidingstatus
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.web.formulieren import ingelogd
from rugzak.web.paginering import PER_PAGINA, webpagina
from rugzak.web.zaaktermijnen import zaaktijdlijn


@require_GET
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """De begeleidingen, aangevraagd en lopend (``?pagina=``) en afgesloten
    (``?pagina_afgesloten=``) elk per pagina van 50; het filter ``soort`` blijft in de
    links. Alleen de getoonde begeleidingen staan in het auditlog."""
    gebruiker = ingelogd(request)
    soort = request.GET.get("soort") or None
    if soort not in (None, *Begeleidingsoort.values):
        soort = None
    open_ = (Begeleidingstatus.AANGEVRAAGD, Begeleidingstatus.LOPEND)
    dicht = [s for s in Begeleidingstatus.values if s not in open_]
    lopend = webpagina(
        request,
        lambda v: selectors.begeleidingen_deel(
            gebruiker=gebruiker,
            venster=v,
            statussen=open_,
            soort=soort,
            reden="lijst begeleidingen",
        ),
        per_pagina=PER_PAGINA,
    )
    afgesloten = webpagina(
        request,
        lambda v: selectors.begeleidingen_deel(
            gebruiker=gebruiker,
            venster=v,
            statussen=dicht,
            soort=soort,
            reden="lijst begeleidingen",
        ),
        per_pagina=PER_PAGINA,
        parameter="pagina_afgesloten",
    )
    return render(
        request,
        "ambulante_begeleiding/lijst.html",
        {
            "soort": soort,
            "soorten": Begeleidingsoort.choices,
            "lopend": lopend,
            "afgesloten": afgesloten,
        },
    )


@require_GET
@login_required
def begeleiding(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    try:
        dossier = selectors.begeleiding_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina begeleiding",
        )
    except GeenToegang:
        raise Http404("deze begeleiding bestaat niet of u hebt er geen toegang toe") from None
    return render(
        request,
        "ambulante_begeleiding/begeleiding.html",
        {
            "dossier": dossier,
            "b": dossier.begeleiding,
            "tijdlijn": zaaktijdlijn(
                gebruiker=ingelogd(request), zaaktype="begeleiding", zaak_id=str(publiek_id)
            ),
        },
    )
