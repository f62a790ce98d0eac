"""Webpagina's van de school voor leerlingen en inschrijvingen (onder /leerlingen/).

- een nieuwe leerling registreren met inschrijving en ouder (dubbelen: eerst bevestigen,
  I-46); het beginwachtwoord van een nieuwe ouder staat één keer op de pagina (I-45);
- een bekende leerling inschrijven, de groep of het leerjaar wijzigen (van groep 2 naar 3:
  de zml-aanvraag aangeboden), uitschrijven met de reden die het vervolg bepaalt (I-47),
  een ouder koppelen.

Lezen via :mod:`rugzak.leerlingen.selectors` (met auditregel), schrijven via
:mod:`rugzak.leerlingen.services` en :mod:`rugzak.leerlingen.uitschrijving`. Geen toegang
tot de leerling en een onbekend id geven hetzelfde (404); een leerling die u ziet maar niet
mag wijzigen, geeft 403.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from rugzak import toegang
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import gelukt, ingelogd, met_fouten, uitvoeren
from rugzak.leerlingen import services, uitschrijving
from rugzak.leerlingen.formulieren import (
    InschrijvenFormulier,
    KlasFormulier,
    OuderFormulier,
    RegistratieFormulier,
    UitschrijvenFormulier,
    ZmlFormulier,
)
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.selectors import LeerlingDossier, leerling_dossier
from rugzak.meldingen import selectors as meldingselectors
from rugzak.meldingen import services as meldingservices
from rugzak.organisaties.models import Gebruiker, Organisatie


def _geen() -> Http404:
    return Http404("deze leerling bestaat niet of u hebt er geen toegang toe")


def _scholen(gebruiker: Gebruiker) -> list[Organisatie]:
    """De scholen waar ``gebruiker`` leerlingen inschrijft (directie of intern begeleider)."""
    ids = {
        r.organisatie_id
        for r in toegang.actieve_rollen(gebruiker)
        if r.rol in toegang.SCHOOLROLLEN_WIJZIGEN and r.organisatie_id
    }
    scholen = [
        s
        for s in Organisatie.objects.filter(pk__in=ids).order_by("naam")
        if toegang.inschrijfgrond(gebruiker, s) is not None
    ]
    if not scholen:
        raise GeenToegang(
            "leerlingen inschrijven", nodig="de rol directie of intern begeleider bij een school"
        )
    return scholen


def _keuzes(scholen: list[Organisatie]) -> list[tuple[int, str]]:
    return [(s.pk, f"{s.naam} ({s.brin})") for s in scholen]


def _geheim(antwoord: HttpResponse) -> HttpResponse:
    """Een pagina met een beginwachtwoord: niet bewaren in een cache of geschiedenis."""
    antwoord["Cache-Control"] = "no-store"
    return antwoord


def _dossier(request: HttpRequest, publiek_id: UUID, reden: str) -> LeerlingDossier:
    try:
        return leerling_dossier(gebruiker=ingelogd(request), publiek_id=publiek_id, reden=reden)
    except GeenToegang:
        raise _geen() from None


def _vereis_wijzigen(gebruiker: Gebruiker, leerling: Leerling, wat: str) -> None:
    toegang.vereis(
        toegang.wijziggrond(gebruiker, leerling),
        wat=wat,
        nodig="de rol directie of intern begeleider bij de school waar de leerling "
        "ingeschreven staat",
    )


def acties(gebruiker: Gebruiker, leerling: Leerling) -> dict[str, bool]:
    """Welke handelingen de leerlingpagina aanbiedt (de services toetsen ze opnieuw)."""
    wijzigen = toegang.wijziggrond(gebruiker, leerling) is not None
    inschrijven = not wijzigen and any(
        r.rol in toegang.SCHOOLROLLEN_WIJZIGEN and r.organisatie_id
        for r in toegang.actieve_rollen(gebruiker)
    )
    return {"wijzigen": wijzigen, "inschrijven": inschrijven}


# --- een nieuwe leerling ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    """Een nieuwe leerling: persoonsgegevens, inschrijving en eventueel een ouder, in één
    keer; lukt één deel niet, dan is er niets opgeslagen en staat alle invoer er nog."""
    gebruiker = ingelogd(request)
    scholen = _scholen(gebruiker)
    if request.method == "POST":
        formulier = RegistratieFormulier(request.POST, scholen=_keuzes(scholen))

        def doe(d: dict[str, Any]) -> services.Registratie:
            school = next(s for s in scholen if s.pk == d["school"])
            return services.leerling_registreren(
                door=gebruiker,
                school=school,
                ouder=formulier.ouder(),
                dubbel_bevestigd=bool(d.get("dubbel_bevestigd")),
                **formulier.leerling(),
            )

        registratie = uitvoeren(formulier, doe, vertaling={"dubbel": "dubbel_bevestigd"})
        if registratie is not None:
            return _geheim(
                render(
                    request,
                    "leerlingen/geregistreerd.html",
                    {"r": registratie, "koppeling": registratie.ouder},
                )
            )
    else:
        formulier = RegistratieFormulier(
            initial={"van": vandaag(), "met_ouder": True, "ouder_keuze": "nieuw"},
            scholen=_keuzes(scholen),
        )
    toon_dubbel = "dubbel_bevestigd" in formulier.errors or bool(
        request.POST.get("dubbel_bevestigd")
    )
    return render(
        request,
        "leerlingen/nieuw.html",
        {"formulier": formulier, "fouten": met_fouten([formulier]), "toon_dubbel": toon_dubbel},
    )


# --- een bekende leerling --------------------------------------------------------------------


def _pagina(
    request: HttpRequest,
    dossier: LeerlingDossier,
    formulier: forms.Form,
    *,
    titel: str,
    knop: str,
    actie: str,
    uitleg: str = "",
) -> HttpResponse:
    return render(
        request,
        "leerlingen/handeling.html",
        {
            "dossier": dossier,
            "formulier": formulier,
            "fouten": met_fouten([formulier]),
            "titel": titel,
            "knop": knop,
            "actie": actie,
            "uitleg": uitleg,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def inschrijven(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """Een leerling die u al ziet (bv. via een toelatingszaak) inschrijven op uw school."""
    gebruiker = ingelogd(request)
    dossier = _dossier(request, publiek_id, "inschrijven: pagina")
    scholen = _scholen(gebruiker)
    if request.method == "POST":
        formulier = InschrijvenFormulier(request.POST, scholen=_keuzes(scholen))

        def doe(d: dict[str, Any]) -> Any:
            return services.inschrijving_maak(
                door=gebruiker,
                leerling=dossier.leerling,
                school=next(s for s in scholen if s.pk == d["school"]),
                van=d["van"],
                **formulier.klas(),
            )

        if uitvoeren(formulier, doe) is not None:
            return gelukt(
                request, "De leerling is ingeschreven.", reverse("leerling", args=[publiek_id])
            )
    else:
        formulier = InschrijvenFormulier(initial={"van": vandaag()}, scholen=_keuzes(scholen))
    return _pagina(
        request, dossier, formulier, titel="Inschrijven op uw school", knop="Inschrijven",
        actie=reverse("leerlingen:inschrijven", args=[publiek_id]),
        uitleg="De nieuwe inschrijving mag niet overlappen met een inschrijving op een andere "
        "school; die school schrijft de leerling eerst uit.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def klas(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De groep of het leerjaar wijzigen; van groep 2 naar 3 biedt de pagina daarna de
    aanvraag voor het aanvullende zml-bedrag aan (003, formulier 66007)."""
    gebruiker = ingelogd(request)
    dossier = _dossier(request, publiek_id, "groep of leerjaar: pagina")
    wat = "het wijzigen van de groep of het leerjaar van deze leerling"
    _vereis_wijzigen(gebruiker, dossier.leerling, wat)
    if request.method == "POST":
        formulier = KlasFormulier(request.POST)

        def doe(d: dict[str, Any]) -> Any:
            return services.klas_wijzig(
                door=gebruiker, leerling=dossier.leerling, **formulier.klas()
            )

        uitkomst = uitvoeren(formulier, doe)
        if uitkomst is not None:
            inschrijving, vorige = uitkomst
            melding = None
            if vorige == "groep 2" and inschrijving.groep == 3:
                melding = uitschrijving.zml_aanvraag_aangewezen(
                    leerling=dossier.leerling, school_id=inschrijving.school_id
                )
            if melding is None:
                return gelukt(
                    request,
                    f"De leerling zit nu in {inschrijving.klas} (was {vorige}).",
                    reverse("leerling", args=[publiek_id]),
                )
            return render(
                request,
                "leerlingen/zml.html",
                {
                    "dossier": dossier,
                    "melding": melding,
                    "formulier": ZmlFormulier(initial={"groep_3_per": vandaag()}),
                    "fouten": [],
                    "nieuw": True,
                },
            )
    else:
        school_id = toegang.vereis(
            toegang.wijziggrond(gebruiker, dossier.leerling), wat=wat, nodig=""
        ).organisatie_id
        huidig = services.lopende_inschrijving(leerling=dossier.leerling, school_id=school_id)
        formulier = KlasFormulier(
            initial={
                "groep": str(huidig.groep or "") if huidig else "",
                "leerjaar": str(huidig.leerjaar or "") if huidig else "",
            }
        )
    return _pagina(
        request, dossier, formulier, titel="Groep of leerjaar wijzigen", knop="Opslaan",
        actie=reverse("leerlingen:klas", args=[publiek_id]),
        uitleg="Een wijziging voor de bekostiging (andere groep bij de bekostigingsinstantie, "
        "zml-aanvraag) volgt apart bij de melding; de vorige groep staat in het auditlog (I-48).",
    )  # fmt: skip


@require_POST
@login_required
def zml_aanvraag(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De aanvraag voor het aanvullende zml-bedrag bij de melding ``publiek_id``."""
    gebruiker = ingelogd(request)
    try:
        melding, _ = meldingselectors.melding_voor_handeling(
            gebruiker=gebruiker, publiek_id=publiek_id, reden="zml-aanvraag na groep 3"
        )
    except GeenToegang:
        raise Http404("deze melding bestaat niet of u hebt er geen toegang toe") from None
    formulier = ZmlFormulier(request.POST)

    def doe(d: dict[str, Any]) -> Any:
        return meldingservices.zml_aanvraag_indienen(
            door=gebruiker, melding=melding, groep_3_per=d["groep_3_per"]
        )

    if uitvoeren(formulier, doe) is not None:
        return gelukt(
            request,
            "De zml-aanvraag is ingediend en wacht op de bekostigingsinstantie.",
            reverse("meldingen:melding", args=[publiek_id]),
        )
    dossier = _dossier(request, melding.leerling.publiek_id, "zml-aanvraag: pagina")
    return render(
        request,
        "leerlingen/zml.html",
        {"dossier": dossier, "melding": melding, "formulier": formulier,
         "fouten": met_fouten([formulier]), "nieuw": False},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def uitschrijven(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """Uitschrijven met de reden; de uitkomstpagina zegt wat er bij de
    bekostigingsinstantie volgt (004; I-47). Geen redirect naar de leerling: na de laatste
    schooldag ziet de school haar of hem niet meer."""
    gebruiker = ingelogd(request)
    dossier = _dossier(request, publiek_id, "uitschrijven: pagina")
    _vereis_wijzigen(gebruiker, dossier.leerling, "het uitschrijven van deze leerling")
    if request.method == "POST":
        formulier = UitschrijvenFormulier(request.POST)

        def doe(d: dict[str, Any]) -> uitschrijving.Uitschrijving:
            return uitschrijving.leerling_uitschrijven_met_vervolg(
                door=gebruiker, leerling=dossier.leerling, tot=d["tot"], reden=d["reden"]
            )

        u = uitvoeren(formulier, doe)
        if u is not None:
            return render(request, "leerlingen/uitgeschreven.html", {"u": u, "dossier": dossier})
    else:
        formulier = UitschrijvenFormulier(initial={"tot": vandaag()})
    return _pagina(
        request, dossier, formulier, titel="Uitschrijven", knop="Uitschrijven",
        actie=reverse("leerlingen:uitschrijven", args=[publiek_id]),
        uitleg="De reden bepaalt wat er bij de bekostigingsinstantie volgt (004, "
        "'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'; I-47).",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def ouder(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """Een ouder of verzorger koppelen: nieuw account (beginwachtwoord één keer getoond) of
    bestaand account (I-45)."""
    gebruiker = ingelogd(request)
    dossier = _dossier(request, publiek_id, "ouder koppelen: pagina")
    _vereis_wijzigen(gebruiker, dossier.leerling, "het koppelen van ouders aan deze leerling")
    if request.method == "POST":
        formulier = OuderFormulier(request.POST)

        def doe(d: dict[str, Any]) -> services.Ouderkoppeling:
            return services.ouder_koppelen(
                door=gebruiker, leerling=dossier.leerling, ouder=formulier.ouder()
            )

        koppeling = uitvoeren(formulier, doe)
        if koppeling is not None:
            return _geheim(
                render(
                    request,
                    "leerlingen/ouder_gekoppeld.html",
                    {"dossier": dossier, "koppeling": koppeling},
                )
            )
    else:
        formulier = OuderFormulier(initial={"ouder_keuze": "nieuw", "ouder_soort": "ouder"})
    return _pagina(
        request, dossier, formulier, titel="Ouder of verzorger koppelen", knop="Koppelen",
        actie=reverse("leerlingen:ouder", args=[publiek_id]),
        uitleg="Een nieuwe ouder krijgt een account met een beginwachtwoord dat u één keer "
        "ziet en zelf aan de ouder geeft; de ouder ziet het kind zodra zij of hij inlogt (I-45).",
    )  # fmt: skip


@require_POST
@login_required
def terugmelding(request: HttpRequest, publiek_id: UUID) -> HttpResponse:
    """De terugmelding bij een eerder vastgelegde uitschrijving (laatste schooldag in de
    toekomst; I-47), vanaf de pagina van de melding ``publiek_id``."""
    gebruiker = ingelogd(request)
    try:
        melding, _ = meldingselectors.melding_voor_handeling(
            gebruiker=gebruiker, publiek_id=publiek_id, reden="terugmelding na uitschrijving"
        )
    except GeenToegang:
        raise Http404("deze melding bestaat niet of u hebt er geen toegang toe") from None
    try:
        t = uitschrijving.terugmelding_na_uitschrijving(door=gebruiker, melding=melding)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return HttpResponseRedirect(reverse("meldingen:melding", args=[publiek_id]))
    return gelukt(
        request,
        "De terugmelding is ingediend en wacht op de bekostigingsinstantie.",
        reverse("meldingen:terugmelding", args=[t.publiek_id]),
    )
