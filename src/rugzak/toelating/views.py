"""Webpagina's van de toelatingszaak: het toelatingsprotocol fase voor fase (002, 4).

Lezen via :mod:`rugzak.toelating.selectors`, schrijven via :mod:`rugzak.toelating.services`
(toegang, versie, voorwaarden, geschiedenis en audit zitten daar). Elke handeling is een
POST met CSRF-token en de versie die de gebruiker las; daarna een redirect naar de zaak
(POST/redirect/GET). Een geweigerde handeling toont de zaak opnieuw met de fouten naast
de velden en alles wat de gebruiker typte. Een zaak die de gebruiker niet mag lezen,
bestaat voor hem niet (404); een handeling die zijn rol niet toestaat, geeft 403.
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
from rugzak.gedeeld.web.leerlingkeuze import ZOEKVELD, invoer_als_begin, is_zoeken, leerlingkeuze
from rugzak.gedeeld.web.paginering import selectorpagina
from rugzak.gedeeld.zaakhandelingen.overgang import Wie
from rugzak.gedeeld.zaakhandelingen.web import formulieren as zaakformulieren
from rugzak.gedeeld.zaakhandelingen.web import overgangview
from rugzak.organisaties.models import Organisatie
from rugzak.toelating import brieven, overgangen, rechten, selectors, services
from rugzak.toelating.doorloop import TRAJECT_A, TRAJECT_B
from rugzak.toelating.formulieren import OntvangenFormulier, StartFormulier, inventarisatie_veld
from rugzak.toelating.handelingen import TOELATINGSZAAK
from rugzak.toelating.models import Besluit, Toelatingszaak, Toestand
from rugzak.web.zaaktermijnen import zaaktijdlijn

T = Toestand


def _zaak_url(zaak_id: UUID, anker: str = "") -> str:
    return reverse("toelating:zaak", args=[zaak_id]) + (f"#{anker}" if anker else "")


# --- de zaakpagina -------------------------------------------------------------------------


def _ankers(ontbrekend: dict[str, str]) -> list[tuple[str, str]]:
    """Wat de fase nog nodig heeft, met het veld waar het ingevuld wordt."""
    uit = []
    for sleutel, tekst in ontbrekend.items():
        if sleutel.startswith("informatieverzoeken"):
            anker = "id_informatieverzoek-instantie"
        elif sleutel == "begeleidingsinformatie":
            anker = "id_begeleidingsinformatie-bron"
        elif sleutel.startswith("inventarisatie"):
            veld = inventarisatie_veld(sleutel)
            anker = f"id_inventarisatie-{veld}" if veld else "inventarisatie"
        elif sleutel == "teambesprekingen":
            anker = "id_teambespreking-datum"
        elif sleutel == "besluit":
            anker = "besluit"
        elif sleutel == "bestuursoordeel":
            anker = "bestuurstoetsing"
        elif sleutel.startswith("overeenkomst"):
            anker = "overeenkomst"
        elif sleutel == "handelingsplan":
            anker = "handelingsplan"
        else:
            anker = f"id_gegevens-{sleutel}"
        uit.append((tekst, anker))
    return uit


def _fasen(zaak: Toelatingszaak) -> list[tuple[str, str, str]]:
    """De fasen van het traject van de zaak: (code, omschrijving, 'klaar'|'nu'|'')."""
    traject = TRAJECT_B if zaak.traject == "b" else TRAJECT_A
    if zaak.toestand == T.INGETROKKEN:
        return [(T.INGETROKKEN, T.INGETROKKEN.label, "nu")]
    plek = traject.index(zaak.toestand) if zaak.toestand in traject else -1
    return [
        (code, Toestand(code).label, "klaar" if i < plek else ("nu" if i == plek else ""))
        for i, code in enumerate(traject)
    ]


def _zaakpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    gebruiker = ingelogd(request)
    try:
        dossier = selectors.toelatingszaak_dossier(
            gebruiker=gebruiker,
            publiek_id=publiek_id,
            reden="zaakpagina toelating",
        )
    except GeenToegang:
        raise Http404("deze zaak bestaat niet of u hebt er geen toegang toe") from None
    zaak = dossier.zaak
    rol = dossier.grond.rol
    t = zaak.toestand
    protocol = rol in overgangen.PROTOCOL
    formulieren = {
        naam.replace("-", "_"): f
        for naam, f in zaakformulieren(
            TOELATINGSZAAK,
            Wie(gebruiker, dossier.grond),
            zaak,
            initial={"versie": zaak.versie},
            gebonden=gebonden,
        ).items()
    }
    ontvangen = []
    if t == T.F4 and protocol:
        for v in dossier.informatieverzoeken:
            if v.ontvangen_op is None:
                prefix = f"ontvangen-{v.pk}"
                f = (
                    gebonden
                    if gebonden is not None and gebonden.prefix == prefix
                    else OntvangenFormulier(
                        prefix=prefix, initial={"versie": zaak.versie, "verzoek": v.pk}
                    )
                )
                ontvangen.append((v, f))

    from rugzak.handelingsplannen.models import Handelingsplan, Overeenkomst

    overeenkomst = Overeenkomst.objects.filter(zaak=zaak).first()
    plannen = list(Handelingsplan.objects.filter(zaak=zaak).order_by("-aangemaakt_op", "-id"))
    context = {
        "dossier": dossier,
        "zaak": zaak,
        "rol": rol,
        "protocol": protocol,
        "fasen": _fasen(zaak),
        "nodig": _ankers(dossier.ontbrekend),
        "f": formulieren,
        "ontvangen": ontvangen,
        "fouten": met_fouten([*formulieren.values(), *(f for _, f in ontvangen)]),
        "overeenkomst": overeenkomst,
        "plannen": plannen,
        "kan_uitnodiging": zaak.toestand != T.INGETROKKEN and protocol,
        "kan_besluit": protocol
        and (
            (zaak.besluit == Besluit.TOELATEN and zaak.traject == "a")
            or zaak.weigering_besluit_op is not None
        ),
        "tijdlijn": zaaktijdlijn(
            gebruiker=gebruiker, zaaktype="toelating", zaak_id=str(zaak.publiek_id)
        ),
        "peildatum": vandaag(),
    }
    return render(request, "toelating/zaak.html", context, status=200)


@require_GET
@login_required
def zaak(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _zaakpagina(request, publiek_id)


#: één handeling op de zaak (POST); bij succes terug naar de zaak, anders de zaak met de
#: fouten naast de velden
handeling = overgangview(
    TOELATINGSZAAK,
    opzoeken=lambda request, publiek_id, overgang: selectors.toelatingszaak_voor_handeling(
        gebruiker=ingelogd(request), publiek_id=publiek_id
    ),
    pagina=_zaakpagina,
    terug="toelating:zaak",
    omschrijving=lambda z: f"Toelating van {z.leerling.volledige_naam} op {z.school.naam}.",
)


# --- lijst en nieuwe zaak ----------------------------------------------------------------------


@require_GET
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """De toelatingszaken, lopend (``?pagina=``) en afgesloten (``?pagina_afgesloten=``)
    elk per pagina van 50; alleen de getoonde zaken staan in het auditlog."""
    reden = "lijst toelatingszaken"
    lopend = selectorpagina(request, selectors.toelatingszaken_deel, afgesloten=False, reden=reden)
    afgesloten = selectorpagina(
        request,
        selectors.toelatingszaken_deel,
        parameter="pagina_afgesloten",
        afgesloten=True,
        reden=reden,
    )
    kan_starten = bool(rechten.organisaties_met_rol(ingelogd(request), overgangen.PROTOCOL))
    return render(
        request,
        "toelating/lijst.html",
        {"lopend": lopend, "afgesloten": afgesloten, "kan_starten": kan_starten},
    )


@require_GET
@login_required
def gastleerlingen(request: HttpRequest) -> HttpResponse:
    """De gastleerlingschappen (002, hoofdstuk 3), lopend en in concept (``?pagina=``) en
    beëindigd (``?pagina_beeindigd=``) elk per pagina van 50; alleen de getoonde staan in
    het auditlog."""
    reden = "lijst gastleerlingen"
    lopend = selectorpagina(
        request, selectors.gastleerlingschappen_deel, beeindigd=False, reden=reden
    )
    beeindigd = selectorpagina(
        request,
        selectors.gastleerlingschappen_deel,
        parameter="pagina_beeindigd",
        beeindigd=True,
        reden=reden,
    )
    return render(
        request,
        "toelating/gastleerlingen.html",
        {"lopend": lopend, "beeindigd": beeindigd},
    )


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    """Een nieuwe toelatingszaak (fase 1: het verzoek om plaatsing)."""
    gebruiker = ingelogd(request)
    school_ids = rechten.organisaties_met_rol(gebruiker, overgangen.PROTOCOL)
    if not school_ids:
        raise GeenToegang(
            "een toelatingszaak starten", nodig="de rol directie of intern begeleider"
        )
    scholen = list(Organisatie.objects.filter(pk__in=school_ids).order_by("naam"))
    post = request.POST if request.method == "POST" else None
    leerlingen = leerlingkeuze(
        gebruiker,
        reden="nieuwe toelatingszaak: keuzelijst",
        zoek=post.get(ZOEKVELD, "") if post is not None else "",
        gekozen=post.get("leerling") if post is not None else request.GET.get("leerling"),
    )
    kwargs: dict[str, Any] = {
        "scholen": [(s.pk, s.naam) for s in scholen],
        "leerlingen": leerlingen.keuzes,
    }
    if post is not None and is_zoeken(post):
        formulier = StartFormulier(initial=invoer_als_begin(post), **kwargs)
    elif post is not None:
        formulier = StartFormulier(post, **kwargs)

        def doe(d: dict[str, Any]) -> Toelatingszaak:
            leerling = selectors.leerling_op_id(gebruiker=gebruiker, publiek_id=UUID(d["leerling"]))
            school = next(s for s in scholen if s.pk == d["school"])
            return services.toelatingszaak_start(
                door=gebruiker,
                school=school,
                leerling=leerling,
                verzoek_op=d["verzoek_op"],
            )

        try:
            nieuwe = uitvoeren(formulier, doe)
        except GeenToegang:
            raise Http404 from None
        if nieuwe is not None:
            return gelukt(
                request, "De toelatingszaak is gestart (fase 1).", _zaak_url(nieuwe.publiek_id)
            )
    else:
        # ?leerling=<publiek id>: vanaf de leerlingpagina of na het registreren
        begin: dict[str, Any] = {"verzoek_op": vandaag()}
        if request.GET.get("leerling") in {k for k, _ in leerlingen.keuzes}:
            begin["leerling"] = request.GET["leerling"]
        formulier = StartFormulier(initial=begin, **kwargs)
    return render(
        request,
        "toelating/nieuw.html",
        {"formulier": formulier, "fouten": met_fouten([formulier]), "leerlingkeuze": leerlingen},
    )


# --- brieven -----------------------------------------------------------------------------


@require_GET
@login_required
def brief(request: HttpRequest, publiek_id: UUID, soort: str) -> HttpResponse:
    """De uitnodiging (002, bijlage 1) of het besluit over de toelating, als PDF; de
    bestandsnaam bevat alleen de soort, het begin van het zaak-id en de datum."""
    if soort not in ("uitnodiging", "besluit-toelating"):
        raise Http404("deze brief bestaat niet")
    gebruiker = ingelogd(request)
    dossier, leerling = met_leerlingdossier(
        gebruiker,
        selectors.toelatingszaak_dossier,
        publiek_id=publiek_id,
        reden=f"brief {soort}",
        leerling=lambda d: d.zaak.leerling,
    )
    if dossier.grond.rol not in overgangen.PROTOCOL:
        raise GeenToegang("deze brief maken", nodig="de rol directie of intern begeleider")
    maker = brieven.uitnodiging if soort == "uitnodiging" else brieven.besluit
    return brief_pdf(
        soort,
        dossier.zaak.publiek_id,
        lambda dag: maker(
            zaak=dossier.zaak, dossier=leerling, door=gebruiker, rol=dossier.grond.rol, vandaag=dag
        ),
    )
