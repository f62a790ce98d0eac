"""Webpagina's van de begeleidingszaken (RAB, TAB, PAB): het werk van de AB-dienst.

Lezen via :mod:`rugzak.ambulante_begeleiding.selectors` (de coördinator ziet de dienst, een
ambulant begeleider alleen de aan hem toegewezen begeleidingen); schrijven via
:mod:`rugzak.ambulante_begeleiding.services`. De coördinator van de dienst kent een
aangevraagde begeleiding toe (starten, met of zonder begeleider), wijst haar af, kiest een
ambulant begeleider en beëindigt haar; de school die haar aanvroeg, kan haar beëindigen.
Welke formulieren er staan, volgt uit de rol en de toestandsmachine
(:data:`~rugzak.ambulante_begeleiding.models.TRANSITIES`); de service toetst alles opnieuw.
Starten, afwijzen en beëindigen vragen eerst een bevestiging
(:mod:`rugzak.gedeeld.web.bevestiging`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as datumfilter
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from rugzak import toegang
from rugzak.ambulante_begeleiding import selectors, services
from rugzak.ambulante_begeleiding.formulieren import (
    AfwijzenFormulier,
    BeeindigenFormulier,
    StartenFormulier,
    ToewijzenFormulier,
)
from rugzak.ambulante_begeleiding.models import (
    LOPENDE_STATUSSEN,
    TRANSITIES,
    Begeleiding,
    Begeleidingsoort,
    Begeleidingstatus,
)
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import ingelogd, met_fouten
from rugzak.gedeeld.web.paginering import PER_PAGINA, webpagina
from rugzak.gedeeld.zaakhandelingen.web import Bindend, Webhandeling, roep, verwerk
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
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


def _gebruiker(pk: int | None) -> Gebruiker | None:
    return Gebruiker.objects.filter(pk=pk).first() if pk is not None else None


def _begeleider(d: dict[str, Any]) -> Gebruiker:
    gekozen = _gebruiker(d["begeleider"])
    if gekozen is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"begeleider": "kies een ambulant begeleider uit de lijst"})
    return gekozen


def _gevolgen_starten(b: Begeleiding, d: dict[str, Any]) -> list[str]:
    uit = [
        f"De {b.get_soort_display()} voor {b.leerling.volledige_naam} is toegekend en loopt "
        "vanaf de gekozen dag; de school ziet dat de aanvraag is aangenomen.",
        "Een toegekende begeleiding kan daarna niet meer worden afgewezen, alleen beëindigd.",
    ]
    if d.get("begeleider") is None:
        uit.append("Er is nog geen ambulant begeleider gekozen; dat kan later op deze pagina.")
    if b.soort == Begeleidingsoort.TAB and b.tot is not None:
        uit.append(
            "Het jaar terugplaatsingsbegeleiding blijft lopen zoals de regeling het bepaalt."
        )
    return uit


def _gevolgen_afwijzen(b: Begeleiding, d: dict[str, Any]) -> list[str]:
    return [
        f"De aanvraag voor {b.get_soort_display()} van {b.leerling.volledige_naam} is "
        f"afgewezen; {b.school.naam} ziet de reden.",
        "Een afgewezen aanvraag kan niet meer worden toegekend: de school moet dan een nieuwe "
        "aanvraag doen.",
    ]


def _gevolgen_beeindigen(b: Begeleiding, d: dict[str, Any]) -> list[str]:
    return [
        f"De {b.get_soort_display()} van {b.leerling.volledige_naam} is beëindigd per de "
        "gekozen dag.",
        "Een beëindigde begeleiding kan niet opnieuw starten; daarvoor is een nieuwe aanvraag "
        "nodig.",
    ]


HANDELINGEN: dict[str, Webhandeling] = {
    "starten": Webhandeling(
        StartenFormulier,
        lambda door, b, d: services.begeleiding_starten(
            door=door,
            begeleiding=b,
            versie=d["versie"],
            op=d["op"],
            begeleider=_gebruiker(d["begeleider"]),
            toelichting=d["toelichting"],
        ),
        "De begeleiding is toegekend en loopt.",
        Bindend("toekennen en starten", "Ja, toekennen en starten", _gevolgen_starten),
    ),
    "afwijzen": Webhandeling(
        AfwijzenFormulier,
        roep(services.begeleiding_afwijzen, "begeleiding", "versie", "reden", "op"),
        "De aanvraag is afgewezen; de school ziet de reden.",
        Bindend("aanvraag afwijzen", "Ja, afwijzen", _gevolgen_afwijzen),
    ),
    "toewijzen": Webhandeling(
        ToewijzenFormulier,
        lambda door, b, d: services.begeleiding_toewijzen(
            door=door, begeleiding=b, versie=d["versie"], begeleider=_begeleider(d)
        ),
        "De ambulant begeleider is gekozen.",
    ),
    "beeindigen": Webhandeling(
        BeeindigenFormulier,
        roep(services.begeleiding_beeindigen, "begeleiding", "versie", "reden", "op"),
        "De begeleiding is beëindigd.",
        Bindend("begeleiding beëindigen", "Ja, beëindigen", _gevolgen_beeindigen),
    ),
}


def mogelijke_handelingen(b: Begeleiding, grond: toegang.Toegangsgrond) -> list[str]:
    """De handelingen die op deze pagina een formulier krijgen: uit de rol (coördinator van
    de dienst; directie of IB van de aanvragende school) en de toestandsmachine, dezelfde
    tabel die de services toetsen. Wat dan nog niet kan, weigert de service met de reden."""
    volgende = TRANSITIES[b.status]
    coordinator = grond.rol == Roltype.AB_COORDINATOR and grond.organisatie_id == b.ab_dienst_id
    school = (
        grond.rol in (Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER)
        and grond.organisatie_id == b.school_id
    )
    namen: list[str] = []
    if coordinator:
        if Begeleidingstatus.LOPEND in volgende:
            namen.append("starten")
        if Begeleidingstatus.AFGEWEZEN in volgende:
            namen.append("afwijzen")
        if b.status in LOPENDE_STATUSSEN:
            namen.append("toewijzen")
    if (coordinator or school) and Begeleidingstatus.BEEINDIGD in volgende:
        namen.append("beeindigen")
    return namen


def _keuzes(b: Begeleiding) -> list[tuple[int, str]]:
    begeleiders = selectors.begeleiders_van_dienst(b.ab_dienst_id, vandaag())
    return [(g.pk, g.weergavenaam) for g in begeleiders]


def _formulier(naam: str, b: Begeleiding, **kwargs: Any) -> forms.Form:
    return HANDELINGEN[naam].maak(begeleiders=_keuzes(b), prefix=naam, **kwargs)  # type: ignore[call-arg]


def _pagina(
    request: HttpRequest, publiek_id: UUID, gebonden: dict[str, forms.Form] | None = None
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
    gebonden = gebonden or {}
    begin = {
        "versie": b.versie,
        "op": vandaag(),
        "begeleider": b.toegewezen_id,
    }
    f = {
        n: gebonden.get(n) or _formulier(n, b, initial=begin)
        for n in mogelijke_handelingen(b, dossier.grond)
    }
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


@require_POST
@login_required
def handeling(request: HttpRequest, publiek_id: UUID, naam: str) -> HttpResponse:
    """Eén handeling op de begeleiding (POST). Bij een bindende handeling eerst de
    bevestigingspagina; na "Ja" de service, dan terug naar de begeleiding."""
    spec = HANDELINGEN.get(naam)
    if spec is None:
        raise Http404("deze handeling bestaat niet")
    try:
        b = selectors.begeleiding_voor_handeling(gebruiker=ingelogd(request), publiek_id=publiek_id)
    except GeenToegang:
        raise Http404("deze begeleiding bestaat niet of u hebt er geen toegang toe") from None
    formulier = _formulier(naam, b, data=request.POST)
    return verwerk(
        request,
        spec=spec,
        zaak=b,
        formulier=formulier,
        pagina=lambda: _pagina(request, publiek_id, {naam: formulier}),
        terug=reverse("ambulante_begeleiding:begeleiding", args=[publiek_id]),
        omschrijving=lambda: (
            f"{b.get_soort_display().capitalize()} voor "
            f"{b.leerling.volledige_naam}, aangevraagd door {b.school.naam} op "
            f"{datumfilter(b.aangevraagd_op, 'j F Y')}."
        ),
    )
