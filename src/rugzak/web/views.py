"""Views van de webtoepassing. Ze lezen invoer, roepen één selector, service of regel
van de regelkern aan en tonen het resultaat; ze rekenen zelf niets uit."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from rugzak.audit.selectors import inzage_voor_ouder
from rugzak.documenten.brieven import SJABLONEN
from rugzak.documenten.pdf import pdf_van_sjabloon_antwoord
from rugzak.documenten.voorbeelden import VOORBEELDEN, VOORBEELDTITELS
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import ingelogd
from rugzak.gedeeld.web.paginering import webpagina
from rugzak.leerlingen.dossier import rugzak_geschiedenis, schooljaar_uit
from rugzak.leerlingen.selectors import leerling_dossier, leerlingen_pagina
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.bron import DOCUMENTEN
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.regeling.tijd import Schooljaar
from rugzak.termijnregister import termijnen_deel
from rugzak.web.geld import rugzak_van_leerling
from rugzak.web.rekenhulp import (
    STANDAARD_SCHOOLJAAR,
    RekenhulpFormulier,
    bereken,
    veldfout,
)
from rugzak.web.startpagina import startpagina
from rugzak.web.zaaktermijnen import zaaktijdlijn as tijdlijn_van_zaak

#: Open termijnen (de rest is voldaan).
OPEN_STATUSSEN = ("lopend", "bijna verlopen", "verlopen")


#: Termijnen per pagina op de termijnenpagina.
TERMIJNEN_PER_PAGINA = 100

#: Regels per pagina in het overzicht "wie zag of wijzigde de gegevens" van de ouder.
INZAGE_PER_PAGINA = 20


@require_GET
def thuis(request: HttpRequest) -> HttpResponse:
    return redirect("start" if request.user.is_authenticated else "inloggen")


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Wat moet er deze week gebeuren: per rol de termijnen, zaken, meldingen en het geld
    (rugzak.web.startpagina)."""
    p = startpagina(gebruiker=ingelogd(request))
    return render(request, "rugzak/start.html", {"p": p})


@require_GET
@login_required
def leerlingen(request: HttpRequest) -> HttpResponse:
    """De leerlingen die u mag zien, per pagina van 50 (elke getoonde leerling gelogd)."""
    try:
        paginanummer = int(request.GET.get("pagina", "1"))
    except ValueError:
        paginanummer = 1
    pagina = leerlingen_pagina(
        gebruiker=ingelogd(request),
        paginanummer=paginanummer,
        reden="overzicht leerlingen",
    )
    return render(request, "rugzak/leerlingen.html", {"pagina": pagina})


@require_GET
@login_required
def leerling(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De gegevens van één leerling, de rugzak van het gekozen schooljaar (``?schooljaar=``,
    anders het huidige) en de geschiedenis per schooljaar; elke inzage staat in het
    auditlog. Een ongeldig schooljaar geeft 400 met de melding, en de pagina zonder keuze."""
    fout = ""
    try:
        gekozen = schooljaar_uit(request.GET.get("schooljaar"))
    except ValidationError as e:
        fout, gekozen = " ".join(e.message_dict["schooljaar"]), None
    try:
        dossier = leerling_dossier(
            gebruiker=ingelogd(request),
            publiek_id=publiek_id,
            reden="leerlingpagina bekeken",
        )
    except GeenToegang:
        raise Http404("deze leerling bestaat niet of u hebt er geen toegang toe") from None
    dag = vandaag()
    rugzak = rugzak_van_leerling(
        gebruiker=ingelogd(request),
        publiek_id=publiek_id,
        schooljaar=gekozen if gekozen is not None else Schooljaar.van_datum(dag),
    )
    geschiedenis = rugzak_geschiedenis(
        gebruiker=ingelogd(request),
        publiek_id=publiek_id,
        schooljaar=gekozen,
        reden="leerlingpagina: rugzak per schooljaar",
    )
    # De ouder ziet ook wie de gegevens van het kind las of wijzigde (AVG art. 15, I-93).
    inzage = (
        webpagina(
            request,
            lambda venster: inzage_voor_ouder(
                gebruiker=ingelogd(request), publiek_id=publiek_id, venster=venster
            ),
            per_pagina=INZAGE_PER_PAGINA,
            parameter="inzage",
        )
        if dossier.grond.rol == Roltype.OUDER
        else None
    )
    from rugzak.leerlingen.views import acties

    return render(
        request,
        "rugzak/leerling.html",
        {
            "dossier": dossier,
            "peildatum": dag,
            "rugzak": rugzak,
            "geschiedenis": geschiedenis,
            "schooljaarfout": fout,
            "acties": acties(ingelogd(request), dossier.leerling),
            "inzage": inzage,
            "voor_ouder": dossier.grond.rol == Roltype.OUDER,
        },
        status=400 if fout else 200,
    )


# --- termijnen --------------------------------------------------------------------------


@require_GET
@login_required
def termijnen(request: HttpRequest) -> HttpResponse:
    """De termijnen van de zaken die u mag zien, met grondslag: standaard de open, met
    ``?alle=1`` ook de voldane; per pagina van 100, en alleen de getoonde pagina gelogd."""
    dag = vandaag()
    alleen_open = request.GET.get("alle") != "1"
    statussen = [s for s in Termijnstatus if str(s) in OPEN_STATUSSEN] if alleen_open else None
    pagina = webpagina(
        request,
        lambda venster: termijnen_deel(
            request.user,
            venster=venster,
            vandaag=dag,
            statussen=statussen,
            reden="termijnenpagina",
        ),
        per_pagina=TERMIJNEN_PER_PAGINA,
    )
    rijen = [(t, t.status(dag)) for t in pagina.items]
    return render(
        request,
        "rugzak/termijnen.html",
        {"rijen": rijen, "peildatum": dag, "alleen_open": alleen_open, "pagina": pagina},
    )


@require_GET
@login_required
def zaaktijdlijn(request: HttpRequest, zaaktype: str, zaak_id: str) -> HttpResponse:
    """De tijdlijn van de termijnen van één zaak (alleen als u die zaak mag zien). Het
    zaak-id is het publieke id dat de termijnmodule van de zaak-app meegeeft."""
    tl = tijdlijn_van_zaak(gebruiker=ingelogd(request), zaaktype=zaaktype, zaak_id=zaak_id)
    if tl is None:
        raise Http404("deze zaak bestaat niet of u hebt er geen toegang toe")
    return render(
        request,
        "rugzak/zaaktijdlijn.html",
        {"lijn": tl.lijn, "termijnen": tl.termijnen, "zaaktype": zaaktype, "peildatum": vandaag()},
    )


# --- openbaar: rekenhulp en interpretaties ----------------------------------------------


@require_GET
def rekenhulp(request: HttpRequest) -> HttpResponse:
    """ "Wat zit er in de rugzak?": het jaarbudget met uitleg, zonder in te loggen."""
    uitkomst = None
    ontbrekend: str | None = None
    niet_toegestaan: str | None = None
    if "onderwijssoort" in request.GET:
        formulier = RekenhulpFormulier(request.GET)
        if formulier.is_valid():
            try:
                uitkomst = bereken(formulier.situatie())
            except OngeldigeInvoer as e:
                veld = e.veld if e.veld in formulier.fields else None
                formulier.add_error(veld, veldfout(e))
            except OntbrekendeBron as e:
                ontbrekend = str(e)
            except NietToegestaan as e:
                niet_toegestaan = str(e)
    else:
        formulier = RekenhulpFormulier(
            initial={"schooljaar": STANDAARD_SCHOOLJAAR, "schoolsoort": "bao", "groep": "4"}
        )
    return render(
        request,
        "rugzak/rekenhulp.html",
        {
            "formulier": formulier,
            "uitkomst": uitkomst,
            "ontbrekend": ontbrekend,
            "niet_toegestaan": niet_toegestaan,
            "documenten": DOCUMENTEN,
        },
    )


@require_GET
def interpretaties(request: HttpRequest) -> HttpResponse:
    """Het interpretatielog: waar de bronnen botsen of zwijgen, en welke lezing rugzak koos."""
    alle = sorted(
        standaard_regeling().interpretaties.values(), key=lambda i: int(i.id.split("-")[1])
    )
    return render(request, "rugzak/interpretaties.html", {"interpretaties": alle})


@require_GET
def interpretatie(request: HttpRequest, interpretatie_id: str) -> HttpResponse:
    gevonden = standaard_regeling().interpretaties.get(interpretatie_id)
    if gevonden is None:
        raise Http404("deze interpretatie bestaat niet")
    return render(request, "rugzak/interpretatie.html", {"i": gevonden})


@require_GET
def voorbeeldbrief(request: HttpRequest, soort: str) -> HttpResponse:
    """Een voorbeeldbrief met verzonnen gegevens, als PDF (in de browser te bekijken)."""
    if soort not in VOORBEELDEN:
        raise Http404("deze voorbeeldbrief bestaat niet")
    sjabloon, maker = VOORBEELDEN[soort]
    return pdf_van_sjabloon_antwoord(
        sjabloon=SJABLONEN[sjabloon],
        context={"brief": maker()},
        soort=f"voorbeeld-{soort}",
        datum=vandaag(),
        downloaden=False,
    )


@require_GET
def voorbeeldbrieven(request: HttpRequest) -> HttpResponse:
    return render(
        request, "rugzak/voorbeeldbrieven.html", {"soorten": list(VOORBEELDTITELS.items())}
    )
