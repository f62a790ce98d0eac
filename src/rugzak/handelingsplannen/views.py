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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.brieven import brief_pdf, met_leerlingdossier
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, met_fouten, uitvoeren
from rugzak.gedeeld.web.paginering import selectorpagina
from rugzak.gedeeld.zaakhandelingen.web import Bindend, Webhandeling, roep, verwerk
from rugzak.handelingsplannen import brieven, selectors, services
from rugzak.handelingsplannen.formulieren import (
    EvaluatieFormulier,
    InstemmingFormulier,
    OudersTekenenFormulier,
    OvereenkomstFormulier,
    PlanFormulier,
    PlanWijzigenFormulier,
    SchoolTekentFormulier,
    VoorleggenFormulier,
)
from rugzak.handelingsplannen.models import (
    VERPLICHTE_ONDERDELEN,
    Evaluatie,
    Handelingsplantoestand,
    Overeenkomsttoestand,
)
from rugzak.organisaties.rollen import Roltype
from rugzak.toelating import overgangen as toelating_overgangen
from rugzak.toelating import selectors as toelating_selectors
from rugzak.toelating.rechten import is_ouder
from rugzak.web.zaaktermijnen import zaaktijdlijn

PROTOCOL = toelating_overgangen.PROTOCOL
DIRECTIE = toelating_overgangen.DIRECTIE


GEEN_ZAAK = "dit bestaat niet of u hebt er geen toegang toe"


def _geen_zaak() -> Http404:
    return Http404(GEEN_ZAAK)


# --- overeenkomst -----------------------------------------------------------------------------


def _overeenkomstpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: dict[str, forms.Form] | None = None
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
    rol = dossier.grond.rol
    gebonden = gebonden or {}
    f: dict[str, forms.Form] = {}
    if o.school_getekend_op is None and rol in DIRECTIE:
        f["school"] = gebonden.get("school") or SchoolTekentFormulier(
            prefix="school", initial={"versie": o.versie, "getekend_op": vandaag()}
        )
    if o.ouders_getekend_op is None and (rol in PROTOCOL or rol == Roltype.OUDER):
        ouders = gebonden.get("ouders") or OudersTekenenFormulier(
            prefix="ouders", initial={"versie": o.versie, "getekend_op": vandaag()}
        )
        if rol == Roltype.OUDER:
            ouders.fields.pop("naam", None)
        f["ouders"] = ouders
    return render(
        request,
        "handelingsplannen/overeenkomst.html",
        {
            "dossier": dossier,
            "o": o,
            "zaak": o.zaak,
            "zaak_zichtbaar": toelating_selectors.zaak_leesbaar(ingelogd(request), o.zaak),
            "rol": rol,
            "f": f,
            "fouten": met_fouten(f.values()),
            "ondertekend": o.toestand == Overeenkomsttoestand.ONDERTEKEND,
        },
    )


@require_GET
@login_required
def overeenkomst(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _overeenkomstpagina(request, publiek_id)


def _tekenen_gevolgen(namens: str) -> Bindend:
    return Bindend(
        f"tekenen namens {namens}",
        "Ja, tekenen",
        lambda o, d: [
            f"U tekent de overeenkomst namens {namens}; de handtekening wordt vastgelegd "
            "met de datum hierboven en kan niet worden ingetrokken.",
            "Als school en ouders allebei getekend hebben, ligt de overeenkomst vast: de "
            "afspraken gelden dan voor de hele looptijd.",
        ],
    )


def _ouders_tekenen_formulier(door: Any, data: Any, prefix: str) -> forms.Form:
    formulier = OudersTekenenFormulier(data, prefix=prefix)
    if is_ouder(door):
        formulier.fields.pop("naam", None)
    return formulier


#: het tekenen van de overeenkomst (bindend: eerst bevestigen); maak(door, data, prefix)
TEKENEN: dict[str, Webhandeling] = {
    "school": Webhandeling(
        lambda door, data, prefix: SchoolTekentFormulier(data, prefix=prefix),
        roep(services.overeenkomst_ondertekenen_school, "overeenkomst", "versie", "getekend_op"),
        "De handtekening is vastgelegd.",
        _tekenen_gevolgen("de school"),
    ),
    "ouders": Webhandeling(
        _ouders_tekenen_formulier,
        lambda door, o, d: services.overeenkomst_ondertekenen_ouders(
            door=door,
            overeenkomst=o,
            versie=d["versie"],
            getekend_op=d["getekend_op"],
            naam=d.get("naam", ""),
        ),
        "De handtekening is vastgelegd.",
        _tekenen_gevolgen("de ouders"),
    ),
}


@require_POST
@login_required
def overeenkomst_tekenen(request: HttpRequest, publiek_id: UUID, wie: str) -> HttpResponse:
    """De school of de ouders tekenen de overeenkomst."""
    spec = TEKENEN.get(wie)
    if spec is None:
        raise Http404
    try:
        o = selectors.overeenkomst_voor_handeling(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="overeenkomst tekenen",
        )
    except GeenToegang:
        raise _geen_zaak() from None
    formulier = spec.maak(ingelogd(request), request.POST, wie)
    return verwerk(
        request,
        spec=spec,
        zaak=o,
        formulier=formulier,
        pagina=lambda: _overeenkomstpagina(request, publiek_id, {wie: formulier}),
        terug=reverse("handelingsplannen:overeenkomst", args=[publiek_id]),
        omschrijving=lambda: f"Overeenkomst school-ouders voor {o.zaak.leerling.volledige_naam}.",
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
            lambda d: services.overeenkomst_opstellen(
                door=ingelogd(request),
                zaak=zaak,
                looptijd_van=d["looptijd_van"],
                looptijd_tot=d["looptijd_tot"],
                inzet_budget=d["inzet_budget"],
                verplichtingen=d["verplichtingen"],
                groep=d["groep"],
                leerjaar=d["leerjaar"],
                extra_evaluatiemomenten=d["extra_evaluatiemomenten"],
                verdere_afspraken=d["verdere_afspraken"],
                inzet_pgb=d["inzet_pgb"],
            ),
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
    request: HttpRequest, publiek_id: UUID, gebonden: dict[str, forms.Form] | None = None
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
    rol = dossier.grond.rol
    gebonden = gebonden or {}
    f: dict[str, forms.Form] = {}
    schrijven = rol in PROTOCOL
    if plan.toestand == Handelingsplantoestand.CONCEPT and schrijven:
        f["wijzigen"] = gebonden.get("wijzigen") or PlanWijzigenFormulier(
            prefix="wijzigen",
            opgeslagen={"periode_van": plan.periode_van, "periode_tot": plan.periode_tot},
            initial={
                "versie": plan.versie,
                **{k: getattr(plan, k) for k in PlanFormulier.base_fields},
            },
        )
        f["voorleggen"] = gebonden.get("voorleggen") or VoorleggenFormulier(
            prefix="voorleggen", initial={"versie": plan.versie, "voorgelegd_op": vandaag()}
        )
    if plan.toestand == Handelingsplantoestand.TER_INSTEMMING and (
        schrijven or rol == Roltype.OUDER
    ):
        instemming = gebonden.get("instemming") or InstemmingFormulier(
            prefix="instemming", initial={"versie": plan.versie, "op": vandaag()}
        )
        if rol == Roltype.OUDER:
            instemming.fields.pop("ouder_naam", None)
        f["instemming"] = instemming
    evaluaties = []
    for e in dossier.evaluaties:
        ef = None
        if (
            e.gehouden_op is None
            and schrijven
            and plan.toestand == Handelingsplantoestand.VASTGESTELD
        ):
            ef = gebonden.get(f"evaluatie-{e.pk}") or EvaluatieFormulier(
                prefix=f"evaluatie-{e.pk}", initial={"versie": e.versie}
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
            "rol": rol,
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


def _plan_wijzigen_formulier(p: Any, door: Any, data: Any, prefix: str) -> forms.Form:
    # De opgeslagen periode als initial: een leeg datumveld wist haar niet stil.
    return PlanWijzigenFormulier(
        data, prefix=prefix, opgeslagen={"periode_van": p.periode_van, "periode_tot": p.periode_tot}
    )


def _instemming_formulier(p: Any, door: Any, data: Any, prefix: str) -> forms.Form:
    formulier = InstemmingFormulier(data, prefix=prefix)
    if is_ouder(door):
        formulier.fields.pop("ouder_naam", None)
    return formulier


#: de handelingen op de planpagina; maak(plan, door, data, prefix); "evaluatie" werkt op
#: de evaluatie (``evaluatie_id`` in de POST), de rest op het plan
PLANHANDELINGEN: dict[str, Webhandeling] = {
    "wijzigen": Webhandeling(
        _plan_wijzigen_formulier,
        lambda door, p, d: services.handelingsplan_wijzigen(
            door=door,
            plan=p,
            versie=d["versie"],
            wijzigingen={k: v for k, v in d.items() if k != "versie"},
        ),
        "Het handelingsplan is opgeslagen.",
    ),
    "voorleggen": Webhandeling(
        lambda p, door, data, prefix: VoorleggenFormulier(data, prefix=prefix),
        roep(services.handelingsplan_voorleggen, "plan", "versie", "voorgelegd_op"),
        "Het handelingsplan is aan de ouders voorgelegd ter instemming.",
    ),
    "instemming": Webhandeling(
        _instemming_formulier,
        lambda door, p, d: services.handelingsplan_instemming(
            door=door,
            plan=p,
            versie=d["versie"],
            besluit=d["besluit"],
            op=d["op"],
            toelichting=d["toelichting"],
            ouder_naam=d.get("ouder_naam", ""),
        ),
        "Het besluit van de ouders is vastgelegd.",
    ),
    "evaluatie": Webhandeling(
        lambda p, door, data, prefix: EvaluatieFormulier(data, prefix=prefix),
        roep(services.evaluatie_vastleggen, "evaluatie", "versie", "gehouden_op", "verslag"),
        "De evaluatie is vastgelegd.",
    ),
}


@require_POST
@login_required
def plan_handeling(request: HttpRequest, publiek_id: UUID, naam: str) -> HttpResponse:
    """Wijzigen, voorleggen, instemming of een evaluatie vastleggen."""
    try:
        p = selectors.handelingsplan_voor_handeling(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden=f"handelingsplan: {naam}",
        )
    except GeenToegang:
        raise _geen_zaak() from None
    spec = PLANHANDELINGEN.get(naam)
    if spec is None:
        raise Http404
    door = ingelogd(request)
    zaak: Any = p
    prefix = naam
    if naam == "evaluatie":
        zaak = Evaluatie.objects.filter(
            pk=request.POST.get("evaluatie_id") or 0, handelingsplan=p
        ).first()
        if zaak is None:
            raise Http404
        prefix = f"evaluatie-{zaak.pk}"
    formulier = spec.maak(p, door, request.POST, prefix)
    if uitvoeren(formulier, lambda d: spec.doe(door, zaak, d)) is not None:
        return gelukt(request, spec.gelukt, reverse("handelingsplannen:plan", args=[publiek_id]))
    return _planpagina(request, publiek_id, {prefix: formulier})


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
            lambda d: services.handelingsplan_opstellen(
                door=ingelogd(request),
                zaak=zaak,
                **d,
            ),
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
