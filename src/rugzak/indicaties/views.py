"""Webpagina's van de indicatieaanvraag: intake en beslissing door de CvI.

Het dossier aanvullen (onderwijskundig rapport), volledig verklaren (vanaf dan loopt de
beslistermijn), één keer verlengen, en positief of negatief beslissen; de termijnen en
het aantal verlengingen komen uit de regelkern (via de services). Lezen via
:mod:`rugzak.indicaties.selectors`, schrijven via :mod:`rugzak.indicaties.services`.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rugzak.documenten.brieven import SJABLONEN, BeschikkingCvi, Briefhoofd, Ondertekenaar
from rugzak.documenten.pdf import pdf_van_sjabloon_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import ingelogd, met_fouten
from rugzak.gedeeld.web.paginering import PER_PAGINA, webpagina
from rugzak.gedeeld.zaakhandelingen.overgang import Wie
from rugzak.gedeeld.zaakhandelingen.web import formulieren, overgangview
from rugzak.indicaties import selectors, services
from rugzak.indicaties.handelingen import OVERGANGEN
from rugzak.indicaties.models import Aanvraagstatus
from rugzak.leerlingen.selectors import leerling_dossier
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Roltype
from rugzak.toelating.brieven import geadresseerde
from rugzak.web.zaaktermijnen import zaaktijdlijn

S = Aanvraagstatus


def _aanvraagpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    try:
        dossier = selectors.aanvraag_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina indicatieaanvraag",
        )
    except GeenToegang:
        raise Http404("deze aanvraag bestaat niet of u hebt er geen toegang toe") from None
    a = dossier.aanvraag
    rol = dossier.grond.rol
    secretaris = rol == Roltype.CVI_SECRETARIS and dossier.grond.organisatie_id == a.cvi_id
    lid = rol == Roltype.CVI_LID and dossier.grond.organisatie_id == a.cvi_id
    f = formulieren(
        OVERGANGEN,
        Wie(ingelogd(request), dossier.grond),
        a,
        initial={"versie": a.versie, "op": vandaag(), "ontvangen_op": vandaag()},
        gebonden=gebonden,
    )
    return render(
        request,
        "indicaties/aanvraag.html",
        {
            "dossier": dossier,
            "a": a,
            "rol": rol,
            "f": f,
            "fouten": met_fouten(f.values()),
            "secretaris": secretaris,
            "lid": lid,
            "advies_bezwaar": services.advies_bezwaar(a, ingelogd(request)) if lid else None,
            "verlengen_bezwaar": services.verlengen_bezwaar(a, vandaag()) if secretaris else None,
            "adviezen": dossier.adviezen,
            "tijdlijn": zaaktijdlijn(
                gebruiker=ingelogd(request), zaaktype="indicatie", zaak_id=str(a.publiek_id)
            ),
            "peildatum": vandaag(),
        },
    )


@require_GET
@login_required
def aanvraag(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _aanvraagpagina(request, publiek_id)


#: een handeling op de aanvraag (POST; bindend: eerst bevestigen)
handeling = overgangview(
    OVERGANGEN,
    opzoeken=lambda request, publiek_id, overgang: selectors.aanvraag_voor_handeling(
        gebruiker=ingelogd(request), publiek_id=publiek_id
    ),
    pagina=_aanvraagpagina,
    terug="indicaties:aanvraag",
    omschrijving=lambda a: f"Indicatieaanvraag van {a.leerling.volledige_naam} bij {a.cvi.naam}.",
    zaak_als="aanvraag",
)


@require_GET
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """De indicatieaanvragen per pagina van 50 (``?pagina=``, het filter ``status`` blijft in
    de links); alleen de getoonde aanvragen staan in het auditlog."""
    gebruiker = ingelogd(request)
    status = request.GET.get("status") or None
    if status not in (None, *Aanvraagstatus.values):
        status = None
    paren = webpagina(
        request,
        lambda v: selectors.aanvragen_deel(
            gebruiker=gebruiker, venster=v, status=status, reden="lijst indicatieaanvragen"
        ),
        per_pagina=PER_PAGINA,
    )
    return render(
        request,
        "indicaties/lijst.html",
        {"paren": paren, "status": status, "statussen": Aanvraagstatus.choices},
    )


@require_GET
@login_required
def beschikking(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De beschikking van de CvI als PDF (na een positief of negatief besluit)."""
    try:
        dossier = selectors.aanvraag_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="beschikking CvI",
        )
        leerling = leerling_dossier(
            gebruiker=ingelogd(request),
            publiek_id=dossier.aanvraag.leerling.publiek_id,
            reden="beschikking CvI",
        )
    except GeenToegang:
        raise Http404 from None
    a = dossier.aanvraag
    if a.status not in (S.POSITIEF, S.NEGATIEF) or a.besloten_op is None or a.volledig_op is None:
        raise Http404("over deze aanvraag is nog niet beslist")
    i = a.indicatie
    beslisser = next((s.door for s in reversed(dossier.stappen) if s.naar_status == a.status), None)
    brief = BeschikkingCvi(
        hoofd=Briefhoofd(
            afzender=_afzender(a.cvi),
            geadresseerde=geadresseerde(leerling),
            datum=a.besloten_op,
            onderwerp="Beschikking indicatiestelling",
            kenmerk=a.publiek_id.hex[:8],
        ),
        leerling_naam=leerling.leerling.volledige_naam,
        geboortedatum=leerling.leerling.geboortedatum,
        cvi_nummer=i.cvi_nummer if i else "",
        datum_volledig=a.volledig_op,
        datum_beslissing=a.besloten_op,
        positief=a.status == S.POSITIEF,
        ondertekenaar=Ondertekenaar(
            beslisser.weergavenaam if beslisser else "", "secretaris van de commissie"
        ),
        onderwijssoort=i.get_onderwijssoort_display() if i else "",
        cluster=i.onderwijssoort_begrip.cluster.omschrijving if i else "",
        geldig_van=i.indicatiedatum if i else None,
        geldig_tot=i.einddatum if i else None,
        herindicatie_voor=i.herindicatie_op if i else None,
        redenen=tuple(r.strip() for r in a.besluit_toelichting.splitlines() if r.strip()),
        beslissen_uiterlijk=a.uiterste_beslisdatum,
        verlengingen=a.verlengingen,
    )
    return pdf_van_sjabloon_antwoord(
        sjabloon=SJABLONEN["beschikking-cvi"],
        context={"brief": brief},
        soort="beschikking-cvi",
        kenmerk=a.publiek_id,
        datum=vandaag(),
    )


def _afzender(cvi: Organisatie) -> Any:
    from rugzak.toelating.brieven import afzender

    return afzender(cvi)
