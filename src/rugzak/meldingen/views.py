"""Webpagina's van de melding bij de bekostigingsinstantie (004) en de terugmelding.

- de school vult het meldingsformulier in; een onvolledig formulier wordt niet in
  behandeling genomen en de pagina noemt élk ontbrekend veld, naast het veld;
- de medewerker bekostiging accepteert of weigert een melding (met reden), en verwerkt of
  weigert een terugmelding; hij ziet leerlingen alleen op CvI-nummer.

Lezen via :mod:`rugzak.meldingen.selectors`, schrijven via :mod:`rugzak.meldingen.services`.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rugzak import toegang
from rugzak.documenten.brieven import SJABLONEN, MeldingAlsIngediend
from rugzak.documenten.pdf import pdf_van_sjabloon_antwoord
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, met_fouten, uitvoeren
from rugzak.gedeeld.web.leerlingkeuze import (
    ZOEKVELD,
    Leerlingkeuze,
    invoer_als_begin,
    is_zoeken,
    leerlingkeuze,
)
from rugzak.gedeeld.web.paginering import webpagina
from rugzak.gedeeld.zaakhandelingen.overgang import Wie
from rugzak.gedeeld.zaakhandelingen.web import formulieren, overgangview
from rugzak.meldingen import rechten, selectors, services
from rugzak.meldingen.formulieren import MeldingFormulier
from rugzak.meldingen.handelingen import MELDING, TERUGMELDING
from rugzak.meldingen.models import Meldingstatus
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.begrippen import Schoolsoort
from rugzak.toelating.brieven import afzender


def _geen() -> Http404:
    return Http404("deze melding bestaat niet of u hebt er geen toegang toe")


# --- lijst ------------------------------------------------------------------------------------


@require_GET
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """Meldingen, terugmeldingen en niet in behandeling genomen formulieren, elk per
    pagina (``pagina``, ``pagina_terug``, ``pagina_onvolledig``); alleen wat getoond wordt,
    staat in het auditlog."""
    gebruiker = ingelogd(request)
    status = request.GET.get("status") or None
    if status not in (None, *Meldingstatus.values):
        status = None
    meldingen = webpagina(
        request,
        lambda v: selectors.meldingen_deel(
            gebruiker=gebruiker, venster=v, status=status, reden="lijst meldingen"
        ),
        per_pagina=100,
    )
    terug = webpagina(
        request,
        lambda v: selectors.terugmeldingen_deel(
            gebruiker=gebruiker, venster=v, reden="lijst terugmeldingen"
        ),
        per_pagina=50,
        parameter="pagina_terug",
    )
    onvolledig = webpagina(
        request,
        lambda v: selectors.onvolledige_indieningen_deel(
            gebruiker=gebruiker, venster=v, reden="lijst niet in behandeling genomen"
        ),
        per_pagina=50,
        parameter="pagina_onvolledig",
    )
    kan_melden = any(
        r.rol in toegang.SCHOOLROLLEN_WIJZIGEN for r in toegang.actieve_rollen(gebruiker)
    )
    return render(
        request,
        "meldingen/lijst.html",
        {
            "meldingen": meldingen,
            "terugmeldingen": terug,
            "onvolledig": onvolledig,
            "status": status,
            "statussen": Meldingstatus.choices,
            "kan_melden": kan_melden,
        },
    )


# --- het meldingsformulier --------------------------------------------------------------------


def _scholen(gebruiker: Any) -> list[Organisatie]:
    """De scholen waarvoor de gebruiker meldt (directie of intern begeleider)."""
    school_ids = {
        r.organisatie_id
        for r in toegang.actieve_rollen(gebruiker)
        if r.rol in toegang.SCHOOLROLLEN_WIJZIGEN and r.organisatie_id
    }
    scholen = list(Organisatie.objects.filter(pk__in=school_ids).order_by("naam"))
    if not scholen:
        raise GeenToegang("een melding indienen", nodig="de rol directie of intern begeleider")
    return scholen


def _keuzes(scholen: list[Organisatie], leerlingen: Leerlingkeuze) -> dict[str, Any]:
    """De keuzelijsten: de scholen waarvoor de gebruiker meldt, de leerlingen (zie
    :mod:`rugzak.gedeeld.web.leerlingkeuze`) en de AB-verzorgers (geen leerlinggegevens). De vorige
    school is geen keuzelijst maar een BRIN-nummer: er zijn te veel scholen voor één lijst."""
    ab = Organisatie.objects.filter(soort=Organisatiesoort.AB_DIENST) | Organisatie.objects.filter(
        soort=Organisatiesoort.SCHOOL, schoolsoort__in=[Schoolsoort.SO.value, Schoolsoort.VSO.value]
    )
    return {
        "leerlingen": leerlingen.keuzes,
        "scholen": [(s.pk, f"{s.naam} ({s.brin})") for s in scholen],
        "ab_verzorgers": [
            (o.pk, f"{o.naam}{' (' + o.brin + ')' if o.brin else ''}") for o in ab.order_by("naam")
        ],
    }


def _vorige_school(brin: str, school: Organisatie) -> int:
    """De school met dit BRIN-nummer (het veld "Vorige school"), als id voor de service."""
    vorige = (
        Organisatie.objects.filter(soort=Organisatiesoort.SCHOOL, brin=brin)
        .values_list("pk", flat=True)
        .first()
    )
    if vorige is None:
        raise ValidationError(
            {
                "vorige_school": f"geen school met BRIN-nummer {brin}; vul het BRIN-nummer "
                "van de vorige school in (twee cijfers en twee letters, bv. 12AB)"
            }
        )
    if vorige == school.pk:
        raise ValidationError(
            {
                "vorige_school": f"{brin} is de meldende school zelf; vul het BRIN-nummer "
                "van de school in waar de leerling hiervoor stond"
            }
        )
    return vorige


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    """Het meldingsformulier (004). Onvolledig: niet in behandeling genomen, met elk
    ontbrekend veld naast het veld; alles wat de school typte blijft staan. Wie veel
    leerlingen ziet, zoekt de leerling eerst op naam ("Zoeken", zonder het formulier te
    versturen)."""
    gebruiker = ingelogd(request)
    scholen = _scholen(gebruiker)
    schoolkeuzes = [(s.pk, f"{s.naam} ({s.brin})") for s in scholen]
    begin = _overnemen(request, schoolkeuzes) if request.method == "GET" else {}
    post = request.POST if request.method == "POST" else None
    leerlingen = leerlingkeuze(
        gebruiker,
        reden="meldingsformulier: keuzelijst",
        zoek=post.get(ZOEKVELD, "") if post is not None else "",
        gekozen=post.get("leerling") if post is not None else begin.get("leerling"),
    )
    keuzes = _keuzes(scholen, leerlingen)
    onvolledig = False
    overgenomen = None
    if request.method == "GET" and request.GET.get("leerling") and not request.GET.get("van"):
        uit, overgenomen = _uit_indicatie(gebruiker, request.GET["leerling"])
        begin = {**begin, **uit}
    if post is not None and OVERNEEMKNOP in post:
        uit, overgenomen = _uit_indicatie(gebruiker, post.get("leerling", ""))
        formulier = MeldingFormulier(
            initial={
                **{k: v for k, v in invoer_als_begin(post).items() if k != OVERNEEMKNOP},
                **uit,
            },
            **keuzes,
        )
    elif post is not None and is_zoeken(post):
        formulier = MeldingFormulier(initial=invoer_als_begin(post), **keuzes)
    elif post is not None:
        formulier = MeldingFormulier(post, **keuzes)

        def doe(d: dict[str, Any]) -> Any:
            if not d.get("leerling"):
                # ook wat verder ontbreekt, in dezelfde ronde (issue 15)
                school = next(s for s in scholen if s.pk == d["school"])
                raise ValidationError(
                    {
                        "leerling": ["kies de leerling die u meldt"],
                        **services.formulierfouten(school=school, gegevens=formulier.gegevens()),
                    }
                )
            from rugzak.toelating.selectors import leerling_op_id

            leerling = leerling_op_id(gebruiker=gebruiker, publiek_id=UUID(d["leerling"]))
            school = next(s for s in scholen if s.pk == d["school"])
            gegevens = formulier.gegevens()
            if gegevens.get("vorige_school"):
                gegevens["vorige_school"] = _vorige_school(str(gegevens["vorige_school"]), school)
            return services.melding_indienen(
                door=gebruiker,
                leerling=leerling,
                school=school,
                gegevens=gegevens,
            )

        try:
            melding = uitvoeren(formulier, doe)
        except GeenToegang:
            raise Http404 from None
        if melding is not None:
            return gelukt(
                request,
                "De melding is ingediend en wacht op de bekostigingsinstantie.",
                reverse("meldingen:melding", args=[melding.publiek_id]),
            )
        onvolledig = formulier.is_bound and bool(formulier.errors)
    else:
        formulier = MeldingFormulier(initial=begin, **keuzes)
    return render(
        request,
        "meldingen/nieuw.html",
        {
            "formulier": formulier,
            "fouten": met_fouten([formulier]),
            "onvolledig": onvolledig,
            "leerlingkeuze": leerlingen,
            "overgenomen": overgenomen,
            "overnemen_gevraagd": post is not None and OVERNEEMKNOP in post,
        },
    )


#: De knop "Gegevens uit de indicatie overnemen" (na de verzendknop, zie nieuw.html).
OVERNEEMKNOP = "gegevens_overnemen"


def _uit_indicatie(gebruiker: Any, leerling_id: str) -> tuple[dict[str, Any], Any]:
    """De velden van de indicatie in het meldingsformulier (I-151): de indicatie die vandaag
    geldt, anders de jongste, van de indicaties die ``gebruiker`` van deze leerling mag zien
    (via de selector, dus gelogd). Zonder leerling of indicatie: niets."""
    from rugzak.indicaties.selectors import indicaties_lijst

    try:
        publiek_id = UUID(leerling_id)
    except ValueError:
        return {}, None
    indicaties = [
        i
        for i, _ in indicaties_lijst(
            gebruiker=gebruiker,
            leerling_publiek_id=publiek_id,
            reden="meldingsformulier: gegevens uit de indicatie",
        )
    ]
    if not indicaties:
        return {"leerling": leerling_id}, None
    dag = vandaag()
    geldig = [i for i in indicaties if i.geldig_op(dag)]
    gekozen = max(geldig or indicaties, key=lambda i: (i.indicatiedatum, i.pk))
    uit: dict[str, Any] = {
        "leerling": leerling_id,
        "cvi_nummer": gekozen.cvi_nummer,
        "indicatiedatum": gekozen.indicatiedatum.isoformat(),
        "onderwijssoort": gekozen.onderwijssoort,
        "herindicatie": gekozen.vorige_id is not None,
        "vorig_cvi_nummer": gekozen.vorige.cvi_nummer if gekozen.vorige else "",
    }
    return uit, gekozen


def _overnemen(request: HttpRequest, scholen: list[tuple[int, str]]) -> dict[str, Any]:
    """Opnieuw indienen na een weigering: het formulier begint met de gegevens van de
    geweigerde melding (``?van=<publiek id>``), zodat de school alleen verbetert."""
    van = request.GET.get("van")
    if not van:
        return {}
    try:
        weergave = selectors.melding_weergave(
            gebruiker=ingelogd(request),
            publiek_id=UUID(van),
            reden="meldingsformulier: gegevens overnemen",
        )
    except (GeenToegang, ValueError):
        raise _geen() from None
    m = weergave.velden
    school = Organisatie.objects.filter(brin=m["school__brin"]).values_list("pk", flat=True).first()
    initial: dict[str, Any] = {
        veld: m[veld]
        for veld in (
            "schoolsoort",
            "vo_variant",
            "mbo_niveau",
            "leerweg",
            "cvi_nummer",
            "onderwijssoort",
            "herindicatie",
            "vorig_cvi_nummer",
            "schoolwisseling",
        )
        if m.get(veld) not in (None, "")
    }
    for veld in ("inschrijvingsdatum", "indicatiedatum"):
        if m.get(veld):
            initial[veld] = m[veld]
    for veld in ("groep", "leerjaar"):
        if m.get(veld):
            initial[veld] = str(m[veld])
    if m.get("ab_verzorger_id"):
        initial["ab_verzorger"] = str(m["ab_verzorger_id"])
    if m.get("leerling_publiek_id"):
        initial["leerling"] = str(m["leerling_publiek_id"])
    if m.get("vorige_school__brin"):
        initial["vorige_school"] = m["vorige_school__brin"]
    if school in {pk for pk, _ in scholen}:
        initial["school"] = school
    return initial


# --- de melding -------------------------------------------------------------------------------


def _meldingpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    try:
        weergave = selectors.melding_weergave(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina melding",
        )
    except GeenToegang:
        raise _geen() from None
    m = weergave.velden
    verhuizingen = selectors.verhuisoverzicht(
        gebruiker=ingelogd(request), publiek_id=publiek_id, reden="pagina melding: verhuisoverzicht"
    )
    f = formulieren(
        MELDING,
        Wie(ingelogd(request), weergave.grond),
        SimpleNamespace(**m),
        initial={"versie": m["versie"]},
        gebonden=gebonden,
    )
    from rugzak.meldingen.rechten import schoolgrond

    school = Organisatie.objects.filter(brin=m["school__brin"]).first()
    kan_opnieuw = (
        m["status"] == Meldingstatus.GEWEIGERD
        and school is not None
        and schoolgrond(ingelogd(request), school, wijzigen=True) is not None
    )
    # een uitschrijving waarvan de terugmelding nu kan (I-47): de school dient haar in
    wachtend = None
    if school is not None and schoolgrond(ingelogd(request), school, wijzigen=True) is not None:
        from rugzak.leerlingen.uitschrijving import wachtende_terugmelding
        from rugzak.meldingen.models import Melding

        # de toegang is hierboven getoetst (melding_weergave, met auditregel)
        wachtend = wachtende_terugmelding(Melding.objects.get(publiek_id=publiek_id))
    # een link naar het dossier alleen voor wie het mag openen (het bestuur ziet de melding,
    # niet altijd de leerling; een leerling die de school verliet, ziet de school niet meer)
    leerling_zichtbaar = bool(
        m.get("leerling_publiek_id")
        and toegang.leerlingen_zichtbaar_voor(ingelogd(request))
        .filter(publiek_id=m["leerling_publiek_id"])
        .exists()
    )
    return render(
        request,
        "meldingen/melding.html",
        {
            "wachtende_uitschrijving": wachtend,
            "leerling_zichtbaar": leerling_zichtbaar,
            "kan_opnieuw": kan_opnieuw,
            "m": m,
            "verhuizingen": verhuizingen,
            "grond": weergave.grond,
            "bekostiging": rechten.is_bekostiging(weergave.grond),
            "f": f,
            "fouten": met_fouten(f.values()),
        },
    )


@require_GET
@login_required
def melding(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _meldingpagina(request, publiek_id)


#: de medewerker bekostiging accepteert of weigert (met reden)
beoordelen = overgangview(
    MELDING,
    opzoeken=lambda request, publiek_id, overgang: selectors.melding_voor_handeling(
        gebruiker=ingelogd(request), publiek_id=publiek_id, reden=f"melding {overgang.naam}"
    )[0],
    pagina=_meldingpagina,
    terug="meldingen:melding",
    omschrijving=lambda zaak: f"Melding met CvI-nummer {zaak.cvi_nummer}.",
    zaak_als="melding",
)


# --- terugmelding -----------------------------------------------------------------------------


def _terugmeldingpagina(
    request: HttpRequest, publiek_id: UUID, gebonden: forms.Form | None = None
) -> HttpResponse:
    try:
        zaak, grond = selectors.terugmelding_zaak(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="pagina terugmelding",
        )
    except GeenToegang:
        raise _geen() from None
    f = formulieren(
        TERUGMELDING,
        Wie(ingelogd(request), grond),
        zaak,
        initial={"versie": zaak.versie},
        gebonden=gebonden,
    )
    return render(
        request,
        "meldingen/terugmelding.html",
        {"t": zaak, "grond": grond, "f": f, "fouten": met_fouten(f.values())},
    )


@require_GET
@login_required
def terugmelding(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    return _terugmeldingpagina(request, publiek_id)


#: de medewerker bekostiging verwerkt de terugmelding
terugmelding_beoordelen = overgangview(
    TERUGMELDING,
    opzoeken=lambda request, publiek_id, overgang: selectors.terugmelding_voor_handeling(
        gebruiker=ingelogd(request), publiek_id=publiek_id, reden=f"terugmelding {overgang.naam}"
    )[0],
    pagina=_terugmeldingpagina,
    terug="meldingen:terugmelding",
    omschrijving=lambda zaak: f"Terugmelding bij CvI-nummer {zaak.melding.cvi_nummer}.",
    zaak_als="terugmelding",
)


# --- de melding als PDF -----------------------------------------------------------------------

_VELDEN = (
    ("school__brin", "BRIN-nummer van de school"),
    ("schoolsoort", "Schoolsoort"),
    ("inschrijvingsdatum", "Datum van inschrijving"),
    ("groep", "Groep"),
    ("leerjaar", "Leerjaar"),
    ("vo_variant", "Soort voortgezet onderwijs"),
    ("mbo_niveau", "Mbo-niveau"),
    ("leerweg", "Leerweg"),
    ("cvi_nummer", "CvI-nummer"),
    ("indicatiedatum", "Datum van de indicatie"),
    ("onderwijssoort", "Onderwijssoort"),
    ("herindicatie", "Herindicatie"),
    ("vorig_cvi_nummer", "Vorig CvI-nummer"),
    ("ab_verzorger__naam", "Ambulante begeleiding door"),
    ("schoolwisseling", "Wijziging van school"),
    ("vorige_school__brin", "Vorige school (BRIN)"),
    ("syndroom_van_down", "Syndroom van Down (uit de indicatie)"),
)


def _tekst(waarde: object, veld: str) -> str:
    from rugzak.web.templatetags.weergave import begrip

    if waarde is None or waarde == "":
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, date):
        return lange_datum(waarde)
    return begrip(waarde, veld)


@require_GET
@login_required
def brief(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De melding zoals de school haar indiende, als PDF (zonder naam of adres: 004)."""
    try:
        weergave = selectors.melding_weergave(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="melding als PDF",
        )
    except GeenToegang:
        raise _geen() from None
    m = weergave.velden
    zaak, _ = selectors.melding_voor_handeling(
        gebruiker=ingelogd(request),
        publiek_id=publiek_id,
        reden="melding als PDF",
    )
    velden = tuple(
        (label, _tekst(m.get(veld), veld))
        for veld, label in _VELDEN
        if m.get(veld) not in (None, "")
    )
    inhoud = MeldingAlsIngediend(
        soort="melding",
        kenmerk=zaak.publiek_id.hex[:8],
        ingediend_op=zaak.ingediend_op.date(),
        ingediend_door=zaak.ingediend_door.weergavenaam,
        school=afzender(zaak.school),
        velden=velden,
        status=zaak.get_status_display(),
        opmerkingen=(m["toelichting"],) if m.get("toelichting") else (),
    )
    return pdf_van_sjabloon_antwoord(
        sjabloon=SJABLONEN["melding"],
        context={"brief": inhoud},
        soort="melding",
        kenmerk=zaak.publiek_id,
        datum=vandaag(),
    )
