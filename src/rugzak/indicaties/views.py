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
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from rugzak.documenten.brieven import SJABLONEN, BeschikkingCvi, Briefhoofd, Ondertekenaar
from rugzak.documenten.pdf import pdf_van_sjabloon_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import ingelogd, met_fouten
from rugzak.gedeeld.web.paginering import PER_PAGINA, webpagina
from rugzak.gedeeld.zaakhandelingen.web import Bindend, Webhandeling, roep, verwerk
from rugzak.indicaties import selectors, services
from rugzak.indicaties.formulieren import (
    AdviesFormulier,
    IntrekkenFormulier,
    NegatiefFormulier,
    PositiefFormulier,
    StukFormulier,
    VerlengenFormulier,
    VolledigFormulier,
)
from rugzak.indicaties.models import TRANSITIES, Aanvraagstatus, Indicatieaanvraag
from rugzak.leerlingen.selectors import LeerlingDossier, leerling_dossier
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Roltype
from rugzak.toelating.brieven import geadresseerde
from rugzak.web.zaaktermijnen import zaaktijdlijn

S = Aanvraagstatus
OPEN = (S.INGEDIEND, S.DOSSIER_VOLLEDIG, S.VERLENGD)


def _cluster(aanvraag: Indicatieaanvraag) -> Any:
    try:
        return services.cluster_van_cvi(aanvraag.cvi)
    except Exception:
        return None


def _scholen(dossier: LeerlingDossier | None) -> list[tuple[int, str]]:
    if dossier is None:
        return []
    gezien: dict[int, str] = {}
    for i in dossier.inschrijvingen:
        gezien.setdefault(i.school_id, f"{i.school.naam} ({i.school.brin})")
    return list(gezien.items())


def _gevolgen_positief(a: Indicatieaanvraag, d: dict[str, Any]) -> list[str]:
    return [
        f"De commissie geeft {a.leerling.volledige_naam} een indicatie; die krijgt een nieuw "
        "CvI-nummer en geldt zo lang als de regeling voor deze onderwijssoort bepaalt.",
        "De ouders en de school kunnen daarmee de rugzak aanvragen; de beschikking is "
        "daarna als PDF te maken.",
        "Het besluit is bindend: het kan in rugzak niet worden teruggedraaid of gewijzigd.",
    ]


def _gevolgen_negatief(a: Indicatieaanvraag, d: dict[str, Any]) -> list[str]:
    return [
        f"De commissie geeft {a.leerling.volledige_naam} geen indicatie; de redenen staan in "
        "de beschikking voor de ouders.",
        "Het besluit is bindend: het kan in rugzak niet worden teruggedraaid of gewijzigd. "
        "Een nieuwe aanvraag blijft mogelijk.",
    ]


def _stuk(door: Any, a: Indicatieaanvraag, d: dict[str, Any]) -> Any:
    school = (
        Organisatie.objects.filter(pk=d["opgesteld_door"]).first() if d["opgesteld_door"] else None
    )
    return services.aanvraag_stuk_toevoegen(
        door=door,
        aanvraag=a,
        versie=d["versie"],
        soort=d["soort"],
        ontvangen_op=d["ontvangen_op"],
        opgesteld_door=school,
        omschrijving=d["omschrijving"],
    )


HANDELINGEN: dict[str, Webhandeling] = {
    "stuk": Webhandeling(
        lambda a, scholen, **kw: StukFormulier(scholen=scholen, **kw),
        _stuk,
        "Het stuk is aan het dossier toegevoegd.",
    ),
    "volledig": Webhandeling(
        lambda a, scholen, **kw: VolledigFormulier(**kw),
        roep(services.aanvraag_volledig_verklaren, "aanvraag", "versie", "op", "toelichting"),
        "Het dossier is volledig verklaard; de beslistermijn loopt.",
    ),
    "verlengen": Webhandeling(
        lambda a, scholen, **kw: VerlengenFormulier(**kw),
        roep(services.aanvraag_verlengen, "aanvraag", "versie", "toelichting", "op"),
        "De beslistermijn is verlengd.",
    ),
    "positief": Webhandeling(
        lambda a, scholen, **kw: PositiefFormulier(cluster=_cluster(a), **kw),
        roep(
            services.aanvraag_beslissen_positief,
            "aanvraag",
            *("versie", "onderwijssoort", "syndroom_van_down", "op", "toelichting"),
        ),
        "Positief besloten: de indicatie is afgegeven.",
        Bindend("positief beslissen", "Ja, positief beslissen", _gevolgen_positief),
    ),
    "negatief": Webhandeling(
        lambda a, scholen, **kw: NegatiefFormulier(**kw),
        roep(services.aanvraag_beslissen_negatief, "aanvraag", "versie", "redenen", "op"),
        "Negatief besloten.",
        Bindend("negatief beslissen", "Ja, negatief beslissen", _gevolgen_negatief),
    ),
    "advies": Webhandeling(
        lambda a, scholen, **kw: AdviesFormulier(cluster=_cluster(a), **kw),
        roep(
            services.aanvraag_adviseren,
            "aanvraag",
            *("versie", "oordeel", "onderwijssoort", "overwegingen", "op"),
        ),
        "Uw advies is vastgelegd; de secretaris ziet het bij het besluit.",
    ),
    "intrekken": Webhandeling(
        lambda a, scholen, **kw: IntrekkenFormulier(**kw),
        roep(services.aanvraag_intrekken, "aanvraag", "versie", "toelichting", "op"),
        "De aanvraag is ingetrokken.",
    ),
}


def _aanvraagpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: dict[str, forms.Form] | None = None
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
    gebonden = gebonden or {}
    secretaris = rol == Roltype.CVI_SECRETARIS and dossier.grond.organisatie_id == a.cvi_id
    lid = rol == Roltype.CVI_LID and dossier.grond.organisatie_id == a.cvi_id
    advies_bezwaar = services.advies_bezwaar(a, ingelogd(request)) if lid else None
    verlengen_bezwaar = services.verlengen_bezwaar(a, vandaag()) if secretaris else None
    namen: list[str] = []
    if a.status in OPEN and (
        secretaris or rol in (Roltype.OUDER, Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER)
    ):
        namen.append("stuk")
    if secretaris:
        volgende = TRANSITIES[a.status]
        if S.DOSSIER_VOLLEDIG in volgende:
            namen.append("volledig")
        if S.VERLENGD in volgende and verlengen_bezwaar is None:
            namen.append("verlengen")
        if S.POSITIEF in volgende:
            namen += ["positief", "negatief"]
    if lid and advies_bezwaar is None:
        namen.append("advies")
    if a.status in OPEN and rol in (Roltype.OUDER, Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER):
        namen.append("intrekken")
    leerling = None
    if "stuk" in namen:
        try:
            leerling = leerling_dossier(
                gebruiker=ingelogd(request),
                publiek_id=a.leerling.publiek_id,
                reden="indicatieaanvraag: scholen van de leerling",
            )
        except GeenToegang:
            leerling = None
    scholen = _scholen(leerling)
    f = {
        n: gebonden.get(n)
        or HANDELINGEN[n].maak(
            a,
            scholen,
            prefix=n,
            initial={"versie": a.versie, "op": vandaag(), "ontvangen_op": vandaag()},
        )
        for n in namen
    }
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
            "advies_bezwaar": advies_bezwaar,
            "verlengen_bezwaar": verlengen_bezwaar,
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


@require_POST
@login_required
def handeling(request: HttpRequest, publiek_id: UUID, naam: str) -> HttpResponse:
    spec = HANDELINGEN.get(naam)
    if spec is None:
        raise Http404("deze handeling bestaat niet")
    try:
        a = selectors.aanvraag_voor_handeling(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
        )
    except GeenToegang:
        raise Http404("deze aanvraag bestaat niet of u hebt er geen toegang toe") from None
    scholen: list[tuple[int, str]] = []
    if naam == "stuk":
        try:
            scholen = _scholen(
                leerling_dossier(
                    gebruiker=ingelogd(request),
                    publiek_id=a.leerling.publiek_id,
                    reden="indicatieaanvraag: stuk toevoegen",
                )
            )
        except GeenToegang:
            scholen = []
    formulier = spec.maak(a, scholen, data=request.POST, prefix=naam)
    return verwerk(
        request,
        spec=spec,
        zaak=a,
        formulier=formulier,
        pagina=lambda: _aanvraagpagina(request, publiek_id, {naam: formulier}),
        terug=reverse("indicaties:aanvraag", args=[publiek_id]),
        omschrijving=lambda: f"Indicatieaanvraag van {a.leerling.volledige_naam} bij {a.cvi.naam}.",
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
