"""Webpagina's van de begeleidingszaken (RAB, TAB, PAB): het werk van de AB-dienst.

Lezen via :mod:`rugzak.ambulante_begeleiding.selectors` (de coördinator ziet de dienst, een
ambulant begeleider alleen de aan hem toegewezen begeleidingen); schrijven via
:mod:`rugzak.ambulante_begeleiding.services`. De coördinator van de dienst kent een
aangevraagde begeleiding toe (starten, met of zonder begeleider), wijst haar af, kiest een
ambulant begeleider en beëindigt haar; de school die haar aanvroeg, kan haar beëindigen.
De overgangen en wie welk formulier ziet, staan in
:mod:`rugzak.ambulante_begeleiding.handelingen`.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as datumfilter
from django.views.decorators.http import require_GET

from rugzak.ambulante_begeleiding import selectors
from rugzak.ambulante_begeleiding.handelingen import OVERGANGEN
from rugzak.ambulante_begeleiding.models import Begeleidingsoort, Begeleidingstatus
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import ingelogd, met_fouten
from rugzak.gedeeld.web.paginering import PER_PAGINA, webpagina
from rugzak.gedeeld.zaakhandelingen.overgang import Wie
from rugzak.gedeeld.zaakhandelingen.web import formulieren, overgangview
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


def _pagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    try:
        dossier = selectors.begeleiding_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina begeleiding",
        )
    except GeenToegang:
        raise Http404("deze begeleiding bestaat niet of u hebt er geen toegang toe") from None
    b = dossier.begeleiding
    f = formulieren(
        OVERGANGEN,
        Wie(ingelogd(request), dossier.grond),
        b,
        initial={"versie": b.versie, "op": vandaag(), "begeleider": b.toegewezen_id},
        gebonden=gebonden,
    )
    return render(
        request,
        "ambulante_begeleiding/begeleiding.html",
        {
            "dossier": dossier,
            "b": b,
            "f": f,
            "fouten": met_fouten(f.values()),
            "tijdlijn": zaaktijdlijn(
                gebruiker=ingelogd(request), zaaktype="begeleiding", zaak_id=str(publiek_id)
            ),
        },
    )


@require_GET
@login_required
def begeleiding(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _pagina(request, publiek_id)


def _omschrijving(b: Any) -> str:
    return (
        f"{b.get_soort_display().capitalize()} voor "
        f"{b.leerling.volledige_naam}, aangevraagd door {b.school.naam} op "
        f"{datumfilter(b.aangevraagd_op, 'j F Y')}."
    )


#: een handeling op de begeleiding (POST; bindend: eerst bevestigen)
handeling = overgangview(
    OVERGANGEN,
    opzoeken=lambda request, publiek_id, overgang: selectors.begeleiding_voor_handeling(
        gebruiker=ingelogd(request), publiek_id=publiek_id
    ),
    pagina=_pagina,
    terug="ambulante_begeleiding:begeleiding",
    omschrijving=_omschrijving,
    zaak_als="begeleiding",
)
