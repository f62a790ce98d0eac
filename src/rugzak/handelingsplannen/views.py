"""Webpagina's van de overeenkomst school-ouders (002, fase 11a, bijlage 2), het
handelingsplan met zijn verplichte onderdelen en de instemming van de ouders (002, fase
13), en de evaluaties (bijlage 2).

Lezen via :mod:`rugzak.handelingsplannen.selectors`, schrijven via
:mod:`rugzak.handelingsplannen.services`; elke handeling is een POST met CSRF-token en de
versie, gevolgd door een redirect. Een geweigerde handeling toont de pagina opnieuw met de
fouten naast de velden en de invoer van de gebruiker.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.brieven import brief_pdf, met_leerlingdossier
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, met_fouten, uitvoeren
from rugzak.gedeeld.web.paginering import selectorpagina
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang, Wie
from rugzak.gedeeld.zaakhandelingen.web import formulieren, overgangview
from rugzak.handelingsplannen import brieven, selectors, services
from rugzak.handelingsplannen.formulieren import OvereenkomstFormulier, PlanFormulier
from rugzak.handelingsplannen.handelingen import GEHOUDEN, HANDELINGSPLAN, OVEREENKOMST
from rugzak.handelingsplannen.models import (
    VERPLICHTE_ONDERDELEN,
    Evaluatie,
    Overeenkomsttoestand,
)
from rugzak.toelating import selectors as toelating_selectors
from rugzak.web.zaaktermijnen import zaaktijdlijn

GEEN_ZAAK = "dit bestaat niet of u hebt er geen toegang toe"


def _geen_zaak() -> Http404:
    return Http404(GEEN_ZAAK)


# --- overeenkomst -----------------------------------------------------------------------------


def _overeenkomstpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    try:
        dossier = selectors.overeenkomst_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina overeenkomst",
        )
    except GeenToegang:
        raise _geen_zaak() from None
    o = dossier.overeenkomst
    f = formulieren(
        OVEREENKOMST,
        Wie(ingelogd(request), dossier.grond),
        o,
        initial={"versie": o.versie, "getekend_op": vandaag()},
        gebonden=gebonden,
    )
    return render(
        request,
        "handelingsplannen/overeenkomst.html",
        {
            "dossier": dossier,
            "o": o,
            "zaak": o.zaak,
            "zaak_zichtbaar": toelating_selectors.zaak_leesbaar(ingelogd(request), o.zaak),
            "rol": dossier.grond.rol,
            "f": f,
            "fouten": met_fouten(f.values()),
            "ondertekend": o.toestand == Overeenkomsttoestand.ONDERTEKEND,
        },
    )


@require_GET
@login_required
def overeenkomst(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _overeenkomstpagina(request, publiek_id)


#: de school of de ouders tekenen de overeenkomst (bindend: eerst bevestigen)
overeenkomst_tekenen = overgangview(
    OVEREENKOMST,
    opzoeken=lambda request, publiek_id, overgang: selectors.overeenkomst_voor_handeling(
        gebruiker=ingelogd(request), publiek_id=publiek_id, reden="overeenkomst tekenen"
    ),
    pagina=_overeenkomstpagina,
    terug="handelingsplannen:overeenkomst",
    omschrijving=lambda o: f"Overeenkomst school-ouders voor {o.zaak.leerling.volledige_naam}.",
    zaak_als="overeenkomst",
)


@require_http_methods(["GET", "POST"])
@login_required
def overeenkomst_nieuw(request: HttpRequest, zaak_id: UUID) -> HttpResponse:
    """Fase 11a: de school stelt de overeenkomst op (model: bijlage 2)."""
    try:
        zaak = toelating_selectors.toelatingszaak_voor_handeling(
            gebruiker=ingelogd(request),
            publiek_id=zaak_id,
        )
    except GeenToegang:
        raise _geen_zaak() from None
    bezwaar = services.overeenkomst_bezwaar(zaak)
    if bezwaar is not None and request.method == "GET":
        # een formulier dat niet kan slagen (een tweede overeenkomst, een zaak buiten fase
        # 11a) staat er niet: de pagina zegt waarom en verwijst naar de bestaande
        from rugzak.handelingsplannen.models import Overeenkomst

        return render(
            request,
            "handelingsplannen/overeenkomst_nieuw.html",
            {
                "zaak": zaak,
                "bezwaar": next(iter(bezwaar.values())),
                "bestaande": Overeenkomst.objects.filter(zaak=zaak).first(),
            },
        )
    if request.method == "POST":
        formulier = OvereenkomstFormulier(request.POST)
        nieuw = uitvoeren(
            formulier,
            lambda d: services.overeenkomst_opstellen(door=ingelogd(request), zaak=zaak, **d),
        )
        if nieuw is not None:
            return gelukt(
                request,
                "De overeenkomst is opgesteld. Nu tekenen de school en de ouders.",
                reverse("handelingsplannen:overeenkomst", args=[nieuw.publiek_id]),
            )
    else:
        formulier = OvereenkomstFormulier(
            initial={"looptijd_van": zaak.plaatsingsdatum or vandaag()}
        )
    return render(
        request,
        "handelingsplannen/overeenkomst_nieuw.html",
        {"zaak": zaak, "formulier": formulier, "fouten": met_fouten([formulier])},
    )


# --- handelingsplan ---------------------------------------------------------------------------


def _planpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    try:
        dossier = selectors.handelingsplan_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina handelingsplan",
        )
    except GeenToegang:
        raise _geen_zaak() from None
    plan = dossier.plan
    wie = Wie(ingelogd(request), dossier.grond)
    f = formulieren(
        HANDELINGSPLAN,
        wie,
        plan,
        initial={
            "versie": plan.versie,
            "voorgelegd_op": vandaag(),
            "op": vandaag(),
            **{k: getattr(plan, k) for k in PlanFormulier.base_fields},
        },
        gebonden=gebonden,
    )
    evaluaties = []
    for e in dossier.evaluaties:
        prefix = f"evaluatie-{e.pk}"
        ef = None
        if gebonden is not None and gebonden.prefix == prefix:
            ef = gebonden
        elif GEHOUDEN.mag is not None and GEHOUDEN.mag(wie, e):
            ef = GEHOUDEN.formulier_voor(
                wie.gebruiker, e, prefix=prefix, initial={"versie": e.versie}
            )
        evaluaties.append((e, ef))
    onderdelen = [
        (naam, getattr(plan, veld), veld not in dossier.ontbrekend)
        for veld, naam in VERPLICHTE_ONDERDELEN.items()
    ]
    return render(
        request,
        "handelingsplannen/plan.html",
        {
            "dossier": dossier,
            "plan": plan,
            "zaak": plan.zaak,
            "zaak_zichtbaar": toelating_selectors.zaak_leesbaar(ingelogd(request), plan.zaak),
            "rol": dossier.grond.rol,
            "f": f,
            "evaluaties": evaluaties,
            "onderdelen": onderdelen,
            "nodig": list(dossier.ontbrekend.items()),
            "fouten": met_fouten([*f.values(), *(ef for _, ef in evaluaties)]),
            "tijdlijn": zaaktijdlijn(
                gebruiker=ingelogd(request), zaaktype="handelingsplan", zaak_id=str(plan.publiek_id)
            ),
        },
    )


@require_GET
@login_required
def plan(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _planpagina(request, publiek_id)


def _plan_of_evaluatie(request: HttpRequest, publiek_id: UUID, overgang: Overgang) -> Any:
    """Het plan; voor een evaluatie de evaluatie van het plan (``onderdeel`` in de POST)."""
    p = selectors.handelingsplan_voor_handeling(
        gebruiker=ingelogd(request),
        publiek_id=publiek_id,
        reden=f"handelingsplan: {overgang.webnaam}",
    )
    if overgang is not GEHOUDEN:
        return p
    e = Evaluatie.objects.filter(pk=request.POST.get("onderdeel") or 0, handelingsplan=p).first()
    if e is None:
        raise Http404
    return e


#: wijzigen, voorleggen, instemming of een evaluatie vastleggen
plan_handeling = overgangview(
    (*HANDELINGSPLAN, GEHOUDEN),
    opzoeken=_plan_of_evaluatie,
    pagina=_planpagina,
    terug="handelingsplannen:plan",
    zaak_als="plan",
)


@require_http_methods(["GET", "POST"])
@login_required
def plan_nieuw(request: HttpRequest, zaak_id: UUID) -> HttpResponse:
    """Fase 13: een handelingsplan opstellen (concept; onderdelen mogen nog leeg zijn)."""
    try:
        zaak = toelating_selectors.toelatingszaak_voor_handeling(
            gebruiker=ingelogd(request),
            publiek_id=zaak_id,
        )
    except GeenToegang:
        raise _geen_zaak() from None
    if request.method == "POST":
        formulier = PlanFormulier(request.POST)
        nieuw = uitvoeren(
            formulier,
            lambda d: services.handelingsplan_opstellen(door=ingelogd(request), zaak=zaak, **d),
        )
        if nieuw is not None:
            return gelukt(
                request,
                "Het handelingsplan is opgesteld (concept).",
                reverse("handelingsplannen:plan", args=[nieuw.publiek_id]),
            )
    else:
        formulier = PlanFormulier(initial={"periode_van": zaak.plaatsingsdatum})
    return render(
        request,
        "handelingsplannen/plan_nieuw.html",
        {"zaak": zaak, "formulier": formulier, "fouten": met_fouten([formulier])},
    )


@require_GET
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """Handelingsplannen (``?pagina=``) en overeenkomsten (``?pagina_overeenkomsten=``),
    elk per pagina van 50; alleen de getoonde staan in het auditlog."""
    plannen = selectorpagina(
        request, selectors.handelingsplannen_deel, reden="lijst handelingsplannen"
    )
    overeenkomsten = selectorpagina(
        request,
        selectors.overeenkomsten_deel,
        parameter="pagina_overeenkomsten",
        reden="lijst overeenkomsten",
    )
    return render(
        request,
        "handelingsplannen/lijst.html",
        {"plannen": plannen, "overeenkomsten": overeenkomsten},
    )


# --- brieven ----------------------------------------------------------------------------------


@require_GET
@login_required
def brief_overeenkomst(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    dossier, leerling = met_leerlingdossier(
        ingelogd(request),
        selectors.overeenkomst_dossier,
        publiek_id=publiek_id,
        reden="brief overeenkomst",
        leerling=lambda d: d.overeenkomst.zaak.leerling,
        melding=GEEN_ZAAK,
    )
    o = dossier.overeenkomst
    return brief_pdf(
        "overeenkomst",
        o.publiek_id,
        lambda _: brieven.overeenkomst(
            o=o, dossier=leerling, door=ingelogd(request), rol=dossier.grond.rol
        ),
    )


@require_GET
@login_required
def brief_plan(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    dossier, leerling = met_leerlingdossier(
        ingelogd(request),
        selectors.handelingsplan_dossier,
        publiek_id=publiek_id,
        reden="brief handelingsplan",
        leerling=lambda d: d.plan.zaak.leerling,
        melding=GEEN_ZAAK,
    )
    p = dossier.plan
    return brief_pdf(
        "handelingsplan",
        p.publiek_id,
        lambda _: brieven.plan(
            p=p, dossier=leerling, door=ingelogd(request), rol=dossier.grond.rol
        ),
    )
