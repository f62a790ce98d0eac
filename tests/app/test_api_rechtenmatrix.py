"""De rechtenmatrix van de hele API: elk eindpunt, elke HTTP-methode, elke rol.

Het eindpunt komt uit de URL-resolver (elke route van de DRF-router en de losse routes
onder ``/api/v1/``); de tabel :data:`MATRIX` zegt per (eindpunt, methode) welke rollen
het mogen voor objecten van hun **eigen** organisatie. Een eindpunt dat niet in de tabel
staat, laat de test falen: een nieuw eindpunt kan er niet ongemerkt bij.

Per cel:

- **eigen organisatie** (gebruikers en objecten van kant ``a``, zie
  ``tests/app/rechten_opbouw.py``): een toegestane rol krijgt precies de successtatus van
  de cel (200 of 201). Elke handeling krijgt daarvoor een *geldige* body voor een zaak in
  de juiste toestand: een 2xx bewijst dat de toegangscontrole doorgelaten heeft, en geen
  400 kan een weigering verbergen. Een niet-toegestane rol krijgt 403 of 404
  (problem+json) en er verandert niets: geen rij erbij of eraf, geen versie opgehoogd,
  geen auditregel behalve 'geweigerd'.
- **andere organisatie** (dezelfde verzoeken op de objecten van kant ``b``: een andere
  school en bestuur, een ander REC met zijn CvI en AB-dienst, het kind van een andere
  ouder): elke rol krijgt 403 of 404 en er verandert niets. Lijsten (en de termijnen)
  bevatten niets van kant ``b``. Uitzondering is de bekostigingsinstantie: die is
  landelijk en heeft geen "andere" organisatie.
- **de bekostigingsinstantie** krijgt in geen enkel antwoord een naam, adres, postcode,
  woonplaats, geboortedatum of publiek id van een leerling.
- **audit**: elk geslaagd verzoek dat leerlinggegevens toont, schrijft ten minste één
  auditregel 'lezen' of een schrijfregel.

Elk verzoek loopt in een savepoint dat daarna wordt teruggedraaid; de cellen hangen dus
niet van elkaar af.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.audit.models import Actie, AuditRegel
from rugzak.toelating.doorloop import voorbeeld_inventarisatie

from .rechten_opbouw import AB_MIN_10, ROLLEN, Kant, Rechtenwereld, rechtenwereld_in_transactie

# --- rollen -------------------------------------------------------------------------------

D, IB, T, BS = "directie", "intern_begeleider", "teamlid", "bestuurder"
CS, CL, AC, AB = "cvi_secretaris", "cvi_lid", "ab_coordinator", "ambulant_begeleider"
F, OU, FG = "bekostigingsmedewerker", "ouder", "privacy_officer"
#: de beleidsanalist (bekostigingsinstantie, landelijk, alleen pseudoniemen; I-104)
BA = "beleidsanalist"

INGELOGD = frozenset(ROLLEN) - {"anoniem"}
SCHOOL = frozenset({D, IB, T})
SCHOOL_WIJZIGEN = frozenset({D, IB})
CVI = frozenset({CS, CL})
AB_DIENST = frozenset({AC, AB})
#: wie de leerling "kind" ziet: school, bestuur, CvI (aanvraag), AB-dienst (lopende RAB), ouder
KIND_ZIEN = SCHOOL | {BS} | CVI | AB_DIENST | {OU}
#: wie een toelatingszaak (en haar overeenkomst, plannen, evaluaties) ziet
ZAAK_ZIEN = SCHOOL | {BS, OU}
#: wie meldingen, terugmeldingen en zml-aanvragen ziet
MELDING_ZIEN = SCHOOL | {BS, F}


# --- de cellen ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cel:
    """Eén (eindpunt, methode): het verzoek per kant en wie het mag bij de eigen kant.

    ``lijst``: een overzicht; bij een andere organisatie wordt niet een ander object
    gevraagd, maar moet het antwoord vrij zijn van alles van kant ``b``.
    ``toont_leerlingen``: een geslaagd verzoek toont leerlinggegevens (auditregel nodig).
    """

    pad: Callable[[Kant], str]
    mag: frozenset[str]
    body: Callable[[Kant], dict[str, Any]] | None = None
    status: int = 200
    lijst: bool = False
    toont_leerlingen: bool = True
    #: "so": directie, intern begeleider en teamlid zijn die van de so-school van de kant
    #: (de (v)so-administratie), anders die van de basisschool
    school: str = "regulier"


def v(obj: Any) -> int:
    """De versie van ``obj`` zoals die nu in de database staat."""
    return type(obj).objects.values_list("versie", flat=True).get(pk=obj.pk)


def _id(obj: Any) -> str:
    return str(obj.publiek_id)


AANVRAGEN = "/api/v1/indicatieaanvragen/"
ZAKEN = "/api/v1/toelatingszaken/"
GASTEN = "/api/v1/gastleerlingschappen/"
OVK = "/api/v1/overeenkomsten/"
PLANNEN = "/api/v1/handelingsplannen/"
MELDINGEN = "/api/v1/meldingen/"
BEGELEIDINGEN = "/api/v1/begeleidingen/"


def _actie(basis: str, sleutel: str, actie: str) -> Callable[[Kant], str]:
    return lambda k: f"{basis}{_id(k.zaken[sleutel])}/{actie}/"


MATRIX: dict[tuple[str, str], Cel] = {
    # --- algemeen
    ("api-root", "get"): Cel(lambda k: "/api/v1/", INGELOGD, lijst=True, toont_leerlingen=False),
    # het schema is openbaar (het staat ook in docs/openapi.yaml): geen leerlinggegevens
    ("schema", "get"): Cel(
        lambda k: "/api/v1/schema/", INGELOGD | {"anoniem"}, lijst=True, toont_leerlingen=False
    ),
    ("termijnen", "get"): Cel(lambda k: "/api/v1/termijnen/", INGELOGD, lijst=True),
    # --- leerlingen
    ("leerling-list", "get"): Cel(lambda k: "/api/v1/leerlingen/", INGELOGD, lijst=True),
    ("leerling-detail", "get"): Cel(lambda k: f"/api/v1/leerlingen/{_id(k.kind)}/", KIND_ZIEN),
    ("leerling-dossier", "get"): Cel(
        lambda k: f"/api/v1/leerlingen/{_id(k.kind)}/dossier/", KIND_ZIEN
    ),
    # schrijven door de school (issue 13): registreren, inschrijven, groep, uitschrijven, ouder
    ("leerling-list", "post"): Cel(
        lambda k: "/api/v1/leerlingen/",
        SCHOOL_WIJZIGEN,
        lambda k: {
            "school_brin": k.school.brin,
            "voornaam": "Noa",
            "achternaam": f"Nieuweling{k.naam.upper()}",
            "geboortedatum": "2007-01-05",
            "adres": "Duinweg 1",
            "postcode": "3841 AC",
            "woonplaats": "Harderwijk",
            "van": "2012-03-19",
            "groep": 1,
            "ouder_voornaam": "Sara",
            "ouder_achternaam": f"Nieuweling{k.naam.upper()}",
            "ouder_email": f"sara.{k.naam}@voorbeeld.nl",
        },
        status=201,
    ),
    ("leerling-inschrijvingen", "post"): Cel(
        lambda k: f"/api/v1/leerlingen/{_id(k.overstapper)}/inschrijvingen/",
        SCHOOL_WIJZIGEN,
        lambda k: {"school_brin": k.school.brin, "van": "2012-03-19", "groep": 3},
        status=201,
    ),
    ("leerling-groep", "post"): Cel(
        lambda k: f"/api/v1/leerlingen/{_id(k.nieuw)}/groep/",
        SCHOOL_WIJZIGEN,
        lambda k: {"groep": 6},
    ),
    ("leerling-uitschrijving", "post"): Cel(
        lambda k: f"/api/v1/leerlingen/{_id(k.nieuw)}/uitschrijving/",
        SCHOOL_WIJZIGEN,
        lambda k: {"tot": "2012-03-16", "reden": "andere_reguliere_school"},
    ),
    ("leerling-ouders", "post"): Cel(
        lambda k: f"/api/v1/leerlingen/{_id(k.nieuw)}/ouders/",
        SCHOOL_WIJZIGEN,
        lambda k: {
            "ouder_voornaam": "Tim",
            "ouder_achternaam": "Ouder",
            "ouder_email": f"tim.{k.naam}@voorbeeld.nl",
        },
        status=201,
    ),
    # --- indicaties
    ("indicatieaanvraag-list", "get"): Cel(lambda k: AANVRAGEN, INGELOGD, lijst=True),
    ("indicatieaanvraag-list", "post"): Cel(
        lambda k: AANVRAGEN,
        frozenset({OU}),
        lambda k: {"leerling": _id(k.nieuw), "cvi": k.cvi.pk, "onderwijssoort": "lg"},
        status=201,
    ),
    ("indicatieaanvraag-detail", "get"): Cel(
        lambda k: f"{AANVRAGEN}{_id(k.aanvraag_positief)}/", SCHOOL | {BS, OU} | CVI
    ),
    ("indicatieaanvraag-stukken", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_ingediend", "stukken"),
        SCHOOL_WIJZIGEN | {CS, OU},
        lambda k: {
            "versie": v(k.aanvraag_ingediend),
            "soort": "onderzoeksverslag",
            "ontvangen_op": "2012-03-01",
            "omschrijving": "psychologisch onderzoek",
        },
    ),
    ("indicatieaanvraag-volledig", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_ingediend", "volledig"),
        frozenset({CS}),
        lambda k: {"versie": v(k.aanvraag_ingediend), "op": "2012-03-01"},
    ),
    ("indicatieaanvraag-verlengen", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_volledig", "verlengen"),
        frozenset({CS}),
        lambda k: {"versie": v(k.aanvraag_volledig), "toelichting": "onderzoek loopt nog"},
    ),
    ("indicatieaanvraag-positief", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_volledig", "positief"),
        frozenset({CS}),
        lambda k: {"versie": v(k.aanvraag_volledig), "onderwijssoort": "zml", "op": "2012-03-01"},
    ),
    ("indicatieaanvraag-negatief", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_volledig", "negatief"),
        frozenset({CS}),
        lambda k: {"versie": v(k.aanvraag_volledig), "redenen": "geen zml-problematiek"},
    ),
    # het advies van een lid van de CvI (I-150); één per lid
    ("indicatieaanvraag-adviezen", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_volledig", "adviezen"),
        frozenset({CL}),
        lambda k: {
            "versie": v(k.aanvraag_volledig),
            "advies": "positief",
            "onderwijssoort": "zml",
            "overwegingen": "voldoet aan de criteria",
            "op": "2012-03-01",
        },
    ),
    ("indicatieaanvraag-intrekken", "post"): Cel(
        _actie(AANVRAGEN, "aanvraag_volledig", "intrekken"),
        frozenset({OU}),
        lambda k: {"versie": v(k.aanvraag_volledig), "toelichting": "toch niet"},
    ),
    ("indicatie-list", "get"): Cel(lambda k: "/api/v1/indicaties/", INGELOGD, lijst=True),
    ("indicatie-detail", "get"): Cel(
        lambda k: f"/api/v1/indicaties/{_id(k.indicatie)}/", KIND_ZIEN
    ),
    # --- toelating
    ("toelatingszaak-list", "get"): Cel(lambda k: ZAKEN, INGELOGD, lijst=True),
    ("toelatingszaak-list", "post"): Cel(
        lambda k: ZAKEN,
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {
            "school_brin": k.school.brin,
            "leerling": _id(k.nieuw),
            "verzoek_op": "2012-03-01",
        },
        status=201,
    ),
    ("toelatingszaak-detail", "get"): Cel(lambda k: f"{ZAKEN}{_id(k.z8)}/", ZAAK_ZIEN),
    ("toelatingszaak-gegevens", "post"): Cel(
        _actie(ZAKEN, "z1", "gegevens"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.z1), "gegevens": {"gesprek_gepland_op": "2012-03-12"}},
    ),
    ("toelatingszaak-volgende-fase", "post"): Cel(
        _actie(ZAKEN, "z1", "volgende-fase"), SCHOOL_WIJZIGEN, lambda k: {"versie": v(k.z1)}
    ),
    ("toelatingszaak-besluit", "post"): Cel(
        _actie(ZAKEN, "z8", "besluit"),
        frozenset({D}),
        lambda k: {
            "versie": v(k.z8),
            "besluit": "toelaten",
            "besluit_op": "2011-11-20",
            "motivering": "op grond van het teamadvies",
        },
    ),
    ("toelatingszaak-bestuurstoetsing", "post"): Cel(
        _actie(ZAKEN, "z10b", "bestuurstoetsing"),
        frozenset({BS}),
        lambda k: {
            "versie": v(k.z10b),
            "oordeel": "overnemen",
            "getoetst_op": "2011-11-28",
            "toelichting": "procedure gevolgd",
        },
    ),
    ("toelatingszaak-intrekken", "post"): Cel(
        _actie(ZAKEN, "z1", "intrekken"),
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {"versie": v(k.z1), "ingetrokken_op": "2012-03-05", "reden": "verhuizing"},
    ),
    ("toelatingszaak-informatieverzoeken", "post"): Cel(
        _actie(ZAKEN, "z4", "informatieverzoeken"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.z4), "instantie": "behandelaar", "verzocht_op": "2011-10-20"},
    ),
    ("toelatingszaak-informatie-ontvangen", "post"): Cel(
        _actie(ZAKEN, "z4", "informatie-ontvangen"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.z4), "verzoek_id": k.verzoek.pk, "ontvangen_op": "2011-10-25"},
    ),
    ("toelatingszaak-begeleidingsinformatie", "post"): Cel(
        _actie(ZAKEN, "z4", "begeleidingsinformatie"),
        SCHOOL_WIJZIGEN,
        lambda k: {
            "versie": v(k.z4),
            "bron": "ambulant_begeleider",
            "datum": "2011-10-21",
            "samenvatting": "gesprek met de ambulant begeleider",
        },
    ),
    ("toelatingszaak-inventarisatie", "post"): Cel(
        _actie(ZAKEN, "z5", "inventarisatie"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.z5), "schema": voorbeeld_inventarisatie(), "op": "2011-10-28"},
    ),
    ("toelatingszaak-teambesprekingen", "post"): Cel(
        _actie(ZAKEN, "z6", "teambesprekingen"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.z6), "datum": "2011-11-03", "verslag": "domeinen besproken"},
    ),
    ("toelatingszaak-onderwijsconsulent", "post"): Cel(
        _actie(ZAKEN, "z11a_ovk", "onderwijsconsulent"),
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {
            "versie": v(k.z11a_ovk),
            "aangevraagd_op": "2012-03-01",
            "vraag": "een second opinion",
        },
    ),
    ("toelatingszaak-onderwijsconsulent-advies", "post"): Cel(
        _actie(ZAKEN, "z11a_ovk", "onderwijsconsulent-advies"),
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {
            "versie": v(k.z11a_ovk),
            "inschakeling_id": k.consulent.pk,
            "advies_op": "2012-03-10",
            "advies": "de overeenkomst past",
        },
    ),
    ("gastleerlingschap-list", "get"): Cel(lambda k: GASTEN, INGELOGD, lijst=True),
    ("gastleerlingschap-list", "post"): Cel(
        lambda k: GASTEN,
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {
            "school_brin": k.school.brin,
            "rec_school_brin": k.so_school.brin,
            "leerling": _id(k.leerling_z1),
            "begin": "2012-04-02",
            "einde": "2012-06-29",
            "afspraken": "twee ochtenden per week",
        },
        status=201,
    ),
    ("gastleerlingschap-detail", "get"): Cel(lambda k: f"{GASTEN}{_id(k.gast_lopend)}/", ZAAK_ZIEN),
    ("gastleerlingschap-ondertekenen", "post"): Cel(
        _actie(GASTEN, "gast_concept", "ondertekenen"),
        frozenset({D}),
        lambda k: {"versie": v(k.gast_concept), "partij": "school", "getekend_op": "2012-01-30"},
    ),
    ("gastleerlingschap-verlengen", "post"): Cel(
        _actie(GASTEN, "gast_lopend", "verlengen"),
        frozenset({D}),
        lambda k: {"versie": v(k.gast_lopend), "verlengd_tot": "2012-07-15"},
    ),
    ("gastleerlingschap-beeindigen", "post"): Cel(
        _actie(GASTEN, "gast_lopend", "beeindigen"),
        frozenset({D}),
        lambda k: {
            "versie": v(k.gast_lopend),
            "beeindigd_op": "2012-03-01",
            "vervolg": "terug naar de so-school",
        },
    ),
    # --- overeenkomst, handelingsplan, evaluaties
    ("overeenkomst-list", "get"): Cel(lambda k: OVK, INGELOGD, lijst=True),
    ("overeenkomst-list", "post"): Cel(
        lambda k: OVK,
        SCHOOL_WIJZIGEN,
        lambda k: {
            "zaak": _id(k.z11a),
            "groep": 3,
            "looptijd_van": "2012-01-09",
            "looptijd_tot": "2012-07-31",
            "inzet_budget": "onderwijsassistent 8 uur per week",
            "verplichtingen": "handelingsplan per periode",
        },
        status=201,
    ),
    ("overeenkomst-detail", "get"): Cel(
        lambda k: f"{OVK}{_id(k.overeenkomst_concept)}/", ZAAK_ZIEN
    ),
    ("overeenkomst-wijzigen", "post"): Cel(
        _actie(OVK, "overeenkomst_concept", "wijzigen"),
        SCHOOL_WIJZIGEN,
        lambda k: {
            "versie": v(k.overeenkomst_concept),
            "wijzigingen": {"verdere_afspraken": "verslagen naar de school"},
        },
    ),
    ("overeenkomst-ondertekenen-school", "post"): Cel(
        _actie(OVK, "overeenkomst_concept", "ondertekenen-school"),
        frozenset({D}),
        lambda k: {"versie": v(k.overeenkomst_concept), "getekend_op": "2012-03-01"},
    ),
    ("overeenkomst-ondertekenen-ouders", "post"): Cel(
        _actie(OVK, "overeenkomst_concept", "ondertekenen-ouders"),
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {
            "versie": v(k.overeenkomst_concept),
            "getekend_op": "2012-03-01",
            "naam": "J. Zwaluwstaart",
        },
    ),
    ("handelingsplan-list", "get"): Cel(lambda k: PLANNEN, INGELOGD, lijst=True),
    ("handelingsplan-list", "post"): Cel(
        lambda k: PLANNEN,
        SCHOOL_WIJZIGEN,
        lambda k: {"zaak": _id(k.z13), "beginsituatie": "leest klankzuivere woorden"},
        status=201,
    ),
    ("handelingsplan-detail", "get"): Cel(
        lambda k: f"{PLANNEN}{_id(k.plan_vastgesteld)}/", ZAAK_ZIEN
    ),
    ("handelingsplan-wijzigen", "post"): Cel(
        _actie(PLANNEN, "plan_concept", "wijzigen"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.plan_concept), "wijzigingen": {"doelstelling": "rekenen tot 20"}},
    ),
    ("handelingsplan-voorleggen", "post"): Cel(
        _actie(PLANNEN, "plan_concept", "voorleggen"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.plan_concept), "voorgelegd_op": "2012-03-01"},
    ),
    ("handelingsplan-instemming", "post"): Cel(
        _actie(PLANNEN, "plan_ter_instemming", "instemming"),
        SCHOOL_WIJZIGEN | {OU},
        lambda k: {
            "versie": v(k.plan_ter_instemming),
            "besluit": "ingestemd",
            "op": "2012-03-01",
            "ouder_naam": "J. Zwaluwstaart",
        },
    ),
    ("evaluatie-detail", "get"): Cel(
        lambda k: f"/api/v1/evaluaties/{_id(k.evaluatie)}/", ZAAK_ZIEN
    ),
    ("evaluatie-gehouden", "post"): Cel(
        _actie("/api/v1/evaluaties/", "evaluatie", "gehouden"),
        SCHOOL_WIJZIGEN,
        lambda k: {"versie": v(k.evaluatie), "gehouden_op": "2012-03-01", "verslag": "op koers"},
    ),
    # --- meldingen
    ("melding-list", "get"): Cel(lambda k: MELDINGEN, MELDING_ZIEN, lijst=True),
    ("melding-list", "post"): Cel(
        lambda k: MELDINGEN,
        SCHOOL_WIJZIGEN,
        lambda k: {
            "leerling": _id(k.kind4),
            "school": k.school.pk,
            "inschrijvingsdatum": "2011-08-22",
            "schoolsoort": "bao",
            "groep": 5,
            "cvi_nummer": k.indicatie4.cvi_nummer,
            "indicatiedatum": k.indicatie4.indicatiedatum.isoformat(),
            "onderwijssoort": k.indicatie4.onderwijssoort,
            "ab_verzorger": k.ab_dienst.pk,
        },
        status=201,
    ),
    ("melding-onvolledig", "get"): Cel(
        lambda k: f"{MELDINGEN}onvolledig/", MELDING_ZIEN, lijst=True
    ),
    ("melding-detail", "get"): Cel(lambda k: f"{MELDINGEN}{_id(k.melding)}/", MELDING_ZIEN),
    # zonder verhuizing een lege lijst (geen leerlinggegevens, geen auditregel); met
    # verhuizing: tests/app/test_verhuizing_betaalrun.py
    ("melding-verhuisoverzicht", "get"): Cel(
        lambda k: f"{MELDINGEN}{_id(k.melding)}/verhuisoverzicht/",
        MELDING_ZIEN,
        toont_leerlingen=False,
    ),
    ("melding-accepteren", "post"): Cel(
        _actie(MELDINGEN, "melding_ingediend", "accepteren"),
        frozenset({F}),
        lambda k: {"versie": v(k.melding_ingediend)},
    ),
    ("melding-weigeren", "post"): Cel(
        _actie(MELDINGEN, "melding_ingediend", "weigeren"),
        frozenset({F}),
        lambda k: {"versie": v(k.melding_ingediend), "reden": "CvI-nummer onbekend"},
    ),
    ("melding-terugmelding", "post"): Cel(
        _actie(MELDINGEN, "melding2", "terugmelding"),
        SCHOOL_WIJZIGEN,
        lambda k: {"soort": "wijziging", "datum": "2012-03-01", "wijzigingen": {"groep": 3}},
        status=201,
    ),
    ("melding-zml-aanvraag", "post"): Cel(
        _actie(MELDINGEN, "melding2", "zml-aanvraag"),
        SCHOOL_WIJZIGEN,
        lambda k: {"groep_3_per": "2012-01-02"},
        status=201,
    ),
    ("melding-terugplaatsing-groep2", "post"): Cel(
        _actie(MELDINGEN, "melding_zml", "terugplaatsing-groep2"),
        SCHOOL_WIJZIGEN,
        lambda k: {"datum": "2012-03-01"},
        status=201,
    ),
    ("terugmelding-list", "get"): Cel(
        lambda k: "/api/v1/terugmeldingen/", MELDING_ZIEN, lijst=True
    ),
    ("terugmelding-verwerken", "post"): Cel(
        _actie("/api/v1/terugmeldingen/", "terugmelding", "verwerken"),
        frozenset({F}),
        lambda k: {"versie": v(k.terugmelding)},
    ),
    ("terugmelding-weigeren", "post"): Cel(
        _actie("/api/v1/terugmeldingen/", "terugmelding", "weigeren"),
        frozenset({F}),
        lambda k: {"versie": v(k.terugmelding), "reden": "groep klopt niet"},
    ),
    ("zml-aanvraag-list", "get"): Cel(lambda k: "/api/v1/zml-aanvragen/", MELDING_ZIEN, lijst=True),
    ("zml-aanvraag-toekennen", "post"): Cel(
        _actie("/api/v1/zml-aanvragen/", "zml", "toekennen"),
        frozenset({F}),
        lambda k: {"versie": v(k.zml)},
    ),
    ("zml-aanvraag-afwijzen", "post"): Cel(
        _actie("/api/v1/zml-aanvragen/", "zml", "afwijzen"),
        frozenset({F}),
        lambda k: {"versie": v(k.zml), "reden": "niet in groep 3"},
    ),
    ("geregistreerde-leerling-list", "get"): Cel(
        lambda k: "/api/v1/geregistreerde-leerlingen/", frozenset({F}), lijst=True
    ),
    # --- ambulante begeleiding
    ("begeleiding-list", "get"): Cel(lambda k: BEGELEIDINGEN, INGELOGD, lijst=True),
    ("begeleiding-list", "post"): Cel(
        lambda k: BEGELEIDINGEN,
        SCHOOL_WIJZIGEN,
        lambda k: {
            "soort": "pab",
            "leerling": _id(k.nieuw),
            "ab_dienst": k.ab_dienst.pk,
            "adviseur": k.gebruikers[CS].pk,
            "advies_op": "2012-03-01",
        },
        status=201,
    ),
    ("begeleiding-detail", "get"): Cel(
        lambda k: f"{BEGELEIDINGEN}{_id(k.rab_lopend)}/", SCHOOL | {BS, OU} | AB_DIENST
    ),
    ("begeleiding-toewijzen", "post"): Cel(
        _actie(BEGELEIDINGEN, "rab_aangevraagd", "toewijzen"),
        frozenset({AC}),
        lambda k: {"versie": v(k.rab_aangevraagd), "begeleider": k.gebruikers[AB].pk},
    ),
    ("begeleiding-starten", "post"): Cel(
        _actie(BEGELEIDINGEN, "rab_aangevraagd", "starten"),
        frozenset({AC}),
        lambda k: {"versie": v(k.rab_aangevraagd), "begeleider": k.gebruikers[AB].pk},
    ),
    ("begeleiding-afwijzen", "post"): Cel(
        _actie(BEGELEIDINGEN, "rab_aangevraagd", "afwijzen"),
        frozenset({AC}),
        lambda k: {"versie": v(k.rab_aangevraagd), "reden": "geen capaciteit"},
    ),
    ("begeleiding-beeindigen", "post"): Cel(
        _actie(BEGELEIDINGEN, "rab_lopend", "beeindigen"),
        SCHOOL_WIJZIGEN | {AC},
        lambda k: {"versie": v(k.rab_lopend), "reden": "naar het so"},
    ),
    # --- geld
    ("betaalrun-list", "get"): Cel(
        lambda k: "/api/v1/betaalruns/", frozenset({F}), lijst=True, toont_leerlingen=False
    ),
    ("betaalrun-list", "post"): Cel(
        lambda k: "/api/v1/betaalruns/", frozenset({F}), lambda k: {"maand": "2012-03"}, 202
    ),
    ("betaalrun-detail", "get"): Cel(
        lambda k: f"/api/v1/betaalruns/{k.run.publiek_id}/", frozenset({F}), lijst=True
    ),
    # wat-als-scenario's: alleen de beleidsanalist (I-104), landelijk zoals de betaalrun
    ("scenario-list", "get"): Cel(
        lambda k: "/api/v1/scenarios/", frozenset({BA}), lijst=True, toont_leerlingen=False
    ),
    ("scenario-list", "post"): Cel(
        lambda k: "/api/v1/scenarios/",
        frozenset({BA}),
        lambda k: {"inhoud": AB_MIN_10.read_text(encoding="utf-8"), "schooljaar": "2011-2012"},
        202,
    ),
    ("scenario-detail", "get"): Cel(
        lambda k: f"/api/v1/scenarios/{k.scenario.publiek_id}/", frozenset({BA}), lijst=True
    ),
    ("scenario-csv", "get"): Cel(
        lambda k: f"/api/v1/scenarios/{k.scenario.publiek_id}/csv/", frozenset({BA}), lijst=True
    ),
    ("grootboek-list", "get"): Cel(
        lambda k: f"/api/v1/grootboek/?ontvanger={k.school.pk}", frozenset({D, IB, BS, F})
    ),
    ("grootboek-csv", "get"): Cel(
        lambda k: f"/api/v1/grootboek/csv/?ontvanger={k.school.pk}", frozenset({D, IB, BS, F})
    ),
    # de functionaris gegevensbescherming van de school: het auditlog van de school (I-95)
    ("auditlog-export", "get"): Cel(
        lambda k: (
            f"/api/v1/auditlog/export/?organisatie={k.school.pk}&van=2000-01-01&tot=2100-12-31"
        ),
        frozenset({FG}),
    ),
    ("grootboek-ontvangers", "get"): Cel(
        lambda k: "/api/v1/grootboek/ontvangers/", INGELOGD, lijst=True, toont_leerlingen=False
    ),
    ("rec-bekostiging", "get"): Cel(
        lambda k: f"/api/v1/recs/{k.rec.pk}/bekostiging/?schooljaar=2003-2004",
        CVI | AB_DIENST | {F},
        toont_leerlingen=False,
    ),
    ("rec-formatiegarantie", "get"): Cel(
        lambda k: f"/api/v1/recs/{k.rec.pk}/formatiegarantie/?schooljaar=2004-2005",
        CVI | AB_DIENST | {F},
        toont_leerlingen=False,
    ),
    ("rec-telling", "post"): Cel(
        lambda k: f"/api/v1/recs/{k.rec.pk}/telling/",
        frozenset({CS, AC}),
        lambda k: {"schooljaar": "2010-2011", "leerlingen": 380, "ambulant_begeleid": 110},
        status=201,
        toont_leerlingen=False,
    ),
    ("rec-formatie", "post"): Cel(
        lambda k: f"/api/v1/recs/{k.rec.pk}/formatie/",
        frozenset({CS, AC}),
        lambda k: {
            "schooljaar": "2010-2011",
            "school": k.so_school.pk,
            "basis_fre": "20",
            "huidig_fre": "15",
        },
        status=201,
        toont_leerlingen=False,
    ),
    ("rec-toedeling", "post"): Cel(
        lambda k: f"/api/v1/recs/{k.rec.pk}/toedeling/",
        frozenset({CS, AC}),
        lambda k: {
            "schooljaar": "2004-2005",
            "toedeling": {k.so_school.brin: str(k.garantie.garantie)},
        },
        status=201,
        toont_leerlingen=False,
    ),
    ("besteding-list", "get"): Cel(
        lambda k: f"/api/v1/bestedingen/?leerling={_id(k.kind)}&schooljaar=2011-2012", KIND_ZIEN
    ),
    ("besteding-list", "post"): Cel(
        lambda k: "/api/v1/bestedingen/",
        SCHOOL_WIJZIGEN,
        lambda k: {
            "leerling": _id(k.kind),
            "schooljaar": "2011-2012",
            "soort": "leermiddelen",
            "omschrijving": "aangepaste leesboeken",
            "bedrag": "150.00",
            "ouders_akkoord_op": "2012-03-01",
        },
        status=201,
    ),
}


# --- REC- en (v)so-administratie (rugzak.rec) ---------------------------------------------------

REC = "/api/v1/rec-administratie/"
VSO = "/api/v1/vso-scholen/"
VESTIGINGEN = "/api/v1/vestigingen/"
VERZOEKEN = "/api/v1/residentiele-verzoeken/"
AANMELDINGEN = "/api/v1/vso-aanmeldingen/"
REC_BEHEER = frozenset({CS, AC})
REC_LEZEN = CVI | AB_DIENST | {F}
#: de so-school zelf (lezen), haar bestuur, haar REC en de bekostigingsinstantie
SO_LEZEN = SCHOOL | {BS} | REC_LEZEN


def _so(cel: Cel) -> Cel:
    from dataclasses import replace

    return replace(cel, school="so")


MATRIX.update(
    {
        k: _so(c)
        for k, c in {
            ("rec-administratie-telling", "get"): Cel(
                lambda k: f"{REC}{k.rec.pk}/telling/?teldatum=2011-10-01", REC_LEZEN
            ),
            ("rec-administratie-bekostiging", "get"): Cel(
                lambda k: f"{REC}{k.rec.pk}/bekostiging/?schooljaar=2003-2004",
                REC_LEZEN,
                toont_leerlingen=False,
            ),
            ("rec-administratie-rapport", "get"): Cel(
                lambda k: f"{REC}{k.rec.pk}/rapport/?schooljaar=2011-2012", REC_LEZEN
            ),
            ("rec-administratie-telling-vastleggen", "post"): Cel(
                lambda k: f"{REC}{k.rec.pk}/telling-vastleggen/",
                REC_BEHEER,
                lambda k: {"schooljaar": "2004-2005"},
                status=201,
                toont_leerlingen=False,
            ),
            ("rec-administratie-inrichting", "post"): Cel(
                lambda k: f"{REC}{k.rec.pk}/inrichting/",
                REC_BEHEER,
                lambda k: {"clusteroverstijgend": False},
                toont_leerlingen=False,
            ),
            ("rec-administratie-scholengemeenschappen", "post"): Cel(
                lambda k: f"{REC}{k.rec.pk}/scholengemeenschappen/",
                REC_BEHEER,
                lambda k: {
                    "naam": "Scholengemeenschap Noord",
                    "schoolplan": "één schoolplan voor so en vso",
                    "scholen": [k.so_school.pk, k.vso_school.pk],
                    "gevormd_op": "2011-08-01",
                },
                status=201,
                toont_leerlingen=False,
            ),
            ("vso-school-telling", "get"): Cel(
                lambda k: f"{VSO}{k.so_school.pk}/telling/?teldatum=2011-10-01", SO_LEZEN
            ),
            ("vso-school-leerlingen", "get"): Cel(
                lambda k: f"{VSO}{k.so_school.pk}/leerlingen/", SCHOOL
            ),
            ("vso-school-pab-formatie", "get"): Cel(
                lambda k: f"{VSO}{k.so_school.pk}/pab-formatie/", SO_LEZEN, toont_leerlingen=False
            ),
            ("vso-school-pab-formatie", "post"): Cel(
                lambda k: f"{VSO}{k.so_school.pk}/pab-formatie/",
                REC_BEHEER,
                lambda k: {"onderwijssoort": "zml", "huidig_fre": "4", "genormeerd_fre": "2"},
                status=201,
                toont_leerlingen=False,
            ),
            ("vso-school-profiel", "post"): Cel(
                lambda k: f"{VSO}{k.so_zonder_profiel.pk}/profiel/",
                REC_BEHEER,
                lambda k: {"onderwijssoort": "zml"},
                status=201,
                toont_leerlingen=False,
            ),
            ("vso-school-verbrede-toelatingen", "post"): Cel(
                lambda k: f"{VSO}{k.so_school.pk}/verbrede-toelatingen/",
                SCHOOL_WIJZIGEN,
                lambda k: {"onderwijssoort": "lg", "vanaf": "2012-03-01"},
                status=201,
                toont_leerlingen=False,
            ),
            ("vso-school-plaatsingen", "post"): Cel(
                lambda k: f"{VSO}{k.so_school.pk}/plaatsingen/",
                SCHOOL_WIJZIGEN,
                lambda k: {"leerling": _id(k.leerling_z1)},
                status=201,
            ),
            ("vestiging-list", "get"): Cel(lambda k: VESTIGINGEN, INGELOGD, lijst=True),
            ("vestiging-list", "post"): Cel(
                lambda k: VESTIGINGEN,
                SCHOOL_WIJZIGEN | REC_BEHEER,
                lambda k: {"school": k.so_school.pk, "naam": "SO Zuid", "gemeente": "Elburg"},
                status=201,
                toont_leerlingen=False,
            ),
            ("vestiging-detail", "get"): Cel(
                lambda k: f"{VESTIGINGEN}{_id(k.neven_voorgesteld)}/",
                SO_LEZEN,
                toont_leerlingen=False,
            ),
            ("vestiging-instemming", "post"): Cel(
                _actie(VESTIGINGEN, "neven_voorgesteld", "instemming"),
                REC_BEHEER,
                lambda k: {"versie": v(k.neven_voorgesteld), "partij": "gemeente"},
                toont_leerlingen=False,
            ),
            ("vestiging-opnemen", "post"): Cel(
                _actie(VESTIGINGEN, "neven_ingestemd", "opnemen"),
                REC_BEHEER,
                lambda k: {"versie": v(k.neven_ingestemd)},
                toont_leerlingen=False,
            ),
            ("vestiging-intrekken", "post"): Cel(
                _actie(VESTIGINGEN, "neven_voorgesteld", "intrekken"),
                SCHOOL_WIJZIGEN | REC_BEHEER,
                lambda k: {"versie": v(k.neven_voorgesteld), "reden": "geen leerlingen"},
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-list", "get"): Cel(lambda k: VERZOEKEN, INGELOGD, lijst=True),
            ("residentieel-verzoek-list", "post"): Cel(
                lambda k: VERZOEKEN,
                SCHOOL_WIJZIGEN,
                lambda k: {
                    "school": k.vso_school.pk,
                    "schooljaar": "2013-2014",
                    "onderwijssoort": "lg",
                },
                status=201,
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-detail", "get"): Cel(
                lambda k: f"{VERZOEKEN}{_id(k.verzoek_ingediend)}/",
                SO_LEZEN,
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-detail", "patch"): Cel(
                lambda k: f"{VERZOEKEN}{_id(k.verzoek_concept)}/",
                SCHOOL_WIJZIGEN,
                lambda k: {"versie": v(k.verzoek_concept), "plaatsen": 22},
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-indienen", "post"): Cel(
                _actie(VERZOEKEN, "verzoek_concept", "indienen"),
                SCHOOL_WIJZIGEN,
                lambda k: {"versie": v(k.verzoek_concept)},
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-intrekken", "post"): Cel(
                _actie(VERZOEKEN, "verzoek_concept", "intrekken"),
                SCHOOL_WIJZIGEN,
                lambda k: {"versie": v(k.verzoek_concept), "reden": "toch niet nodig"},
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-toekennen", "post"): Cel(
                _actie(VERZOEKEN, "verzoek_ingediend", "toekennen"),
                frozenset({F}),
                lambda k: {
                    "versie": v(k.verzoek_ingediend),
                    "plaatsen": 18,
                    "toegekend_tot": "2012-07-31",
                },
                toont_leerlingen=False,
            ),
            ("residentieel-verzoek-afwijzen", "post"): Cel(
                _actie(VERZOEKEN, "verzoek_ingediend", "afwijzen"),
                frozenset({F}),
                lambda k: {"versie": v(k.verzoek_ingediend), "reden": "te weinig leerlingen"},
                toont_leerlingen=False,
            ),
            ("vso-aanmelding-list", "get"): Cel(lambda k: AANMELDINGEN, INGELOGD, lijst=True),
            ("vso-aanmelding-list", "post"): Cel(
                lambda k: AANMELDINGEN,
                frozenset({OU}),
                lambda k: {
                    "leerling": _id(k.kind2),
                    "school": k.so_school.pk,
                    "gewenste_startdatum": "2012-04-01",
                },
                status=201,
            ),
            ("vso-aanmelding-detail", "get"): Cel(
                lambda k: f"{AANMELDINGEN}{_id(k.aanmelding)}/", SCHOOL | {BS, OU}
            ),
            ("vso-aanmelding-inspectie", "post"): Cel(
                _actie(AANMELDINGEN, "aanmelding", "inspectie"),
                SCHOOL_WIJZIGEN,
                lambda k: {"versie": v(k.aanmelding)},
            ),
            ("vso-aanmelding-toelaten", "post"): Cel(
                _actie(AANMELDINGEN, "aanmelding", "toelaten"),
                SCHOOL_WIJZIGEN,
                lambda k: {"versie": v(k.aanmelding)},
            ),
            ("vso-aanmelding-weigeren", "post"): Cel(
                _actie(AANMELDINGEN, "aanmelding_lg", "weigeren"),
                SCHOOL_WIJZIGEN,
                lambda k: {
                    "versie": v(k.aanmelding_lg),
                    "grond": "andere_onderwijssoort",
                    "toelichting": "de school kan de zorg niet bieden",
                },
            ),
            ("vso-aanmelding-intrekken", "post"): Cel(
                _actie(AANMELDINGEN, "aanmelding", "intrekken"),
                SCHOOL_WIJZIGEN | {OU},
                lambda k: {"versie": v(k.aanmelding), "reden": "andere school gekozen"},
            ),
        }.items()
    }
)


# --- de eindpunten uit de resolver ----------------------------------------------------------


def _routes(patronen: list[Any], voor: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patronen:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, voor + str(p.pattern))
        else:
            yield voor + str(p.pattern), p


#: HEAD is GET zonder body en OPTIONS geeft alleen de beschrijving van het eindpunt; DRF
#: staat ze overal toe. Ze staan niet per eindpunt in de matrix maar hebben hun eigen test.
ALTIJD = frozenset({"head", "options"})


def api_eindpunten() -> set[tuple[str, str]]:
    """Elk (naam, methode) onder ``/api/v1/``, uit de resolver (formaat-varianten als
    ``.json`` zijn dezelfde view en tellen niet apart)."""
    gevonden: set[tuple[str, str]] = set()
    for patroon, route in _routes(get_resolver().url_patterns):
        if not patroon.startswith("api/v1/") or "<format>" in patroon or "format_suffix" in patroon:
            continue
        callback = route.callback
        acties = getattr(callback, "actions", None)
        if acties is not None:
            methoden = set(acties)
        else:
            view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
            methoden = {
                m
                for m in ("get", "post", "put", "patch", "delete")
                if view is not None and hasattr(view, m)
            }
        for methode in methoden - ALTIJD:
            gevonden.add((route.name or patroon, methode))
    return gevonden


def test_elk_eindpunt_van_de_api_staat_in_de_rechtenmatrix():
    eindpunten = api_eindpunten()
    ontbreekt = sorted(eindpunten - set(MATRIX))
    assert not ontbreekt, (
        "eindpunten zonder regel in de rechtenmatrix (voeg ze toe aan MATRIX in "
        f"tests/app/test_api_rechtenmatrix.py): {ontbreekt}"
    )
    verouderd = sorted(set(MATRIX) - eindpunten)
    assert not verouderd, f"regels in de rechtenmatrix zonder eindpunt: {verouderd}"


def test_elke_cel_noemt_alleen_bekende_rollen():
    for sleutel, cel in MATRIX.items():
        assert cel.mag <= set(ROLLEN), sleutel


# --- de wereld, één keer per module -----------------------------------------------------------


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


@pytest.fixture
def clients(rw, db) -> dict[tuple[str, str], Client]:
    """Per (rol, school) een ingelogde client; school "so" alleen voor de schoolrollen."""
    uit = {}
    for school in ("regulier", "so"):
        for rol in ROLLEN:
            c = Client()
            gebruiker = rw.gebruiker(rol, school)
            if gebruiker is not None:
                c.force_login(gebruiker)
            uit[(rol, school)] = c
    return uit


# --- hulp: verzoek in een savepoint, vingerafdruk van de database ----------------------------


def _tabellen() -> list[tuple[str, bool]]:
    """(tabel, heeft versie) van elk model van rugzak behalve het auditlog."""
    uit = []
    for model in apps.get_models():
        if not model.__module__.startswith("rugzak.") or model is AuditRegel:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        velden = {f.name for f in model._meta.concrete_fields}
        uit.append((model._meta.db_table, "versie" in velden))
    return sorted(set(uit))


def vingerafdruk() -> str:
    """Een hash van de inhoud van alle zaak- en organisatietabellen (elke rij, elke kolom);
    het auditlog telt apart (zie :func:`verzoek`)."""
    h = hashlib.sha256()
    with connection.cursor() as cur:
        for tabel, _ in _tabellen():
            cur.execute(f'SELECT * FROM "{tabel}" ORDER BY 1')
            h.update(tabel.encode())
            for rij in cur.fetchall():
                h.update(repr(rij).encode())
    return h.hexdigest()


@dataclass
class Antwoord:
    status: int
    inhoudstype: str
    tekst: str
    json: Any
    nieuwe_audit: list[tuple[str, str]]  # (actie, leerling_publiek_id)
    geschreven: bool  # een rij in een zaak- of organisatietabel erbij, eraf of gewijzigd


def verzoek(
    c: Client, methode: str, pad: str, body: dict[str, Any] | None, *, controleer: bool
) -> Antwoord:
    """Doe het verzoek in een savepoint en draai alles daarna terug. ``controleer``: bepaal
    ook of er iets geschreven is (duurder)."""
    sid = transaction.savepoint()
    try:
        laatste = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
        voor = vingerafdruk() if controleer else None
        if methode == "get":
            r = c.get(pad)
        else:
            r = getattr(c, methode)(pad, json.dumps(body or {}), content_type="application/json")
        tekst = r.content.decode()
        try:
            data = json.loads(tekst) if tekst and "json" in r["Content-Type"] else None
        except ValueError:
            data = None
        nieuw = list(
            AuditRegel.objects.filter(id__gt=laatste).values_list("actie", "leerling_publiek_id")
        )
        geschreven = False
        if controleer:
            na = vingerafdruk()
            geschreven = na != voor
        return Antwoord(r.status_code, r.get("Content-Type", ""), tekst, data, nieuw, geschreven)
    finally:
        transaction.savepoint_rollback(sid)


def _geweigerd_goed(a: Antwoord) -> str | None:
    """Wat er mis is aan een weigering, of None."""
    if a.status not in (401, 403, 404):
        return f"status {a.status} in plaats van 403/404: {a.tekst[:200]}"
    if not a.inhoudstype.startswith(PROBLEEM_TYPE):
        return f"geen problem+json maar {a.inhoudstype}"
    if a.geschreven:
        return "een geweigerd verzoek heeft een zaak- of organisatietabel gewijzigd"
    if any(actie != Actie.GEWEIGERD for actie, _ in a.nieuwe_audit):
        return f"een geweigerd verzoek schreef auditregels {a.nieuwe_audit}"
    return None


def _leerlingtokens(k: Kant) -> set[str]:
    """Wat een leerling of zaak van kant ``k`` aanwijst (namen, ids, CvI-nummers)."""
    uit: set[str] = set()
    for leerling in k.leerlingen.values():
        uit |= {str(leerling.publiek_id), leerling.voornaam, leerling.achternaam}
    for zaak in k.zaken.values():
        # alleen zaken van een leerling (niet: vestigingen, verzoeken, runs, organisaties)
        van_leerling = any(
            hasattr(zaak, veld) for veld in ("leerling_id", "melding_id", "zaak_id")
        ) or hasattr(zaak, "handelingsplan_id")
        if van_leerling and getattr(zaak, "publiek_id", None):
            uit.add(str(zaak.publiek_id))
        if getattr(zaak, "cvi_nummer", None):
            uit.add(zaak.cvi_nummer)
    return uit


def _tokens_van(k: Kant) -> set[str]:
    """Wat van kant ``k`` nooit in een antwoord aan een ander mag staan."""
    uit: set[str] = {k.school.brin, k.so_school.brin, k.school.naam, k.cvi.naam}
    for leerling in k.leerlingen.values():
        uit |= {str(leerling.publiek_id), leerling.voornaam, leerling.achternaam, leerling.adres}
    for zaak in k.zaken.values():
        if getattr(zaak, "publiek_id", None):
            uit.add(str(zaak.publiek_id))
        if getattr(zaak, "cvi_nummer", None):
            uit.add(zaak.cvi_nummer)
    return uit


# --- de tests -----------------------------------------------------------------------------------


def test_rechtenmatrix_eigen_organisatie(rw, clients):
    """Elke rol krijgt op de objecten van de eigen organisatie precies wat de matrix zegt."""
    afwijkingen = []
    for (naam, methode), cel in sorted(MATRIX.items()):
        pad = cel.pad(rw.a)
        for rol in ROLLEN:
            body = cel.body(rw.a) if cel.body else None
            a = verzoek(
                clients[(rol, cel.school)], methode, pad, body, controleer=rol not in cel.mag
            )
            if rol in cel.mag:
                if a.status != cel.status:
                    afwijkingen.append(
                        (
                            naam,
                            methode,
                            rol,
                            f"verwacht {cel.status}, kreeg {a.status}",
                            a.tekst[:300],
                        )
                    )
            elif (fout := _geweigerd_goed(a)) is not None:
                afwijkingen.append((naam, methode, rol, fout))
    assert not afwijkingen, "\n".join(map(str, afwijkingen))


def test_geen_rol_leest_of_wijzigt_iets_van_een_andere_organisatie(rw, clients):
    """Dezelfde verzoeken op de objecten van kant b: geweigerd (403/404) en niets
    geschreven; lijsten bevatten niets van kant b. De bekostigingsinstantie is landelijk."""
    vreemd = _tokens_van(rw.b) - _tokens_van(rw.a)
    afwijkingen = []
    for (naam, methode), cel in sorted(MATRIX.items()):
        for rol in ROLLEN:
            if rol in (F, BA):  # landelijk
                continue
            if cel.lijst and methode == "get":
                a = verzoek(
                    clients[(rol, cel.school)], methode, cel.pad(rw.a), None, controleer=False
                )
                lek = sorted(t for t in vreemd if t in a.tekst)
                if lek:
                    afwijkingen.append((naam, methode, rol, f"toont van kant b: {lek[:5]}"))
                if isinstance(a.json, dict) and a.json.get("paginas", 1) != 1:
                    # alleen een lijst op één pagina is hier helemaal bekeken
                    afwijkingen.append((naam, methode, rol, "lijst past niet op één pagina"))
                continue
            body = cel.body(rw.b) if cel.body else None
            a = verzoek(clients[(rol, cel.school)], methode, cel.pad(rw.b), body, controleer=True)
            if (fout := _geweigerd_goed(a)) is not None:
                afwijkingen.append((naam, methode, rol, fout))
    assert not afwijkingen, "\n".join(map(str, afwijkingen))


VERBODEN_SLEUTELS = frozenset(
    {
        "voornaam",
        "tussenvoegsel",
        "achternaam",
        "leerling_naam",
        "volledige_naam",
        "adres",
        "postcode",
        "woonplaats",
        "geboortedatum",
    }
)


def _sleutels(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for k, w in data.items():
            yield str(k)
            yield from _sleutels(w)
    elif isinstance(data, list):
        for w in data:
            yield from _sleutels(w)


@pytest.mark.parametrize("wie", [F, BA])
def test_de_bekostigingsinstantie_krijgt_nergens_een_naam_of_adres(rw, clients, wie):
    """Op elk eindpunt (beide kanten): geen sleutel als voornaam/adres/postcode in de JSON,
    en geen naam, adres, postcode, woonplaats, geboortedatum of publiek id van een
    leerling in de tekst (ook niet in CSV)."""
    verboden: set[str] = set()
    for k in (rw.a, rw.b):
        for leerling in k.leerlingen.values():
            verboden |= {
                leerling.voornaam,
                leerling.achternaam,
                leerling.adres,
                leerling.postcode,
                leerling.geboortedatum.isoformat(),
                str(leerling.publiek_id),
            }
    afwijkingen = []
    for (naam, methode), cel in sorted(MATRIX.items()):
        for k in (rw.a, rw.b):
            body = cel.body(k) if cel.body else None
            a = verzoek(clients[(wie, cel.school)], methode, cel.pad(k), body, controleer=False)
            sleutels = sorted(set(_sleutels(a.json)) & VERBODEN_SLEUTELS)
            gevonden = sorted(t for t in verboden if t in a.tekst)
            if sleutels or gevonden:
                afwijkingen.append((naam, methode, k.naam, sleutels, gevonden[:5]))
    assert not afwijkingen, "\n".join(map(str, afwijkingen))


def test_elke_geslaagde_inzage_van_leerlinggegevens_schrijft_auditregels(rw, clients):
    """Per eindpunt dat leerlinggegevens toont en per toegestane rol: een geslaagd
    verzoek waarvan het antwoord een leerling of zaak van kant a noemt, schrijft ten minste
    één auditregel met het publieke id van een leerling."""
    eigen = _leerlingtokens(rw.a)
    ids = {str(leerling.publiek_id) for leerling in rw.a.leerlingen.values()}
    afwijkingen = []
    gecontroleerd = 0
    for (naam, methode), cel in sorted(MATRIX.items()):
        if not cel.toont_leerlingen:
            continue
        for rol in sorted(cel.mag):
            body = cel.body(rw.a) if cel.body else None
            a = verzoek(clients[(rol, cel.school)], methode, cel.pad(rw.a), body, controleer=False)
            if a.status >= 300 or not any(t in a.tekst for t in eigen):
                continue
            gecontroleerd += 1
            regels = [(act, lp) for act, lp in a.nieuwe_audit if lp in ids]
            if not regels:
                afwijkingen.append((naam, methode, rol, "geen auditregel met een leerling"))
    assert not afwijkingen, "\n".join(map(str, afwijkingen))
    assert gecontroleerd > 50


def test_niet_ingelogd_is_elk_eindpunt_geweigerd_als_problem_json(rw, clients):
    for (naam, methode), cel in sorted(MATRIX.items()):
        if "anoniem" in cel.mag:
            continue
        body = cel.body(rw.a) if cel.body else None
        a = verzoek(
            clients[("anoniem", cel.school)], methode, cel.pad(rw.a), body, controleer=False
        )
        assert a.status in (401, 403), (naam, methode, a.status)
        assert a.inhoudstype.startswith(PROBLEEM_TYPE), (naam, methode)


def test_head_en_options_volgen_get_en_tonen_niets(rw, clients):
    """HEAD geeft dezelfde status als GET; OPTIONS (de beschrijving van het eindpunt) is
    alleen voor wie ingelogd is en noemt geen leerling of zaak."""
    tokens = _leerlingtokens(rw.a) | _leerlingtokens(rw.b)
    for (naam, methode), cel in sorted(MATRIX.items()):
        pad = cel.pad(rw.a)
        for rol in (D, OU, F, "anoniem"):
            c = clients[(rol, cel.school)]
            if methode == "get":
                get = verzoek(c, "get", pad, None, controleer=False).status
                sid = transaction.savepoint()
                try:
                    assert c.head(pad).status_code == get, (naam, rol)
                finally:
                    transaction.savepoint_rollback(sid)
            sid = transaction.savepoint()
            try:
                r = c.options(pad)
            finally:
                transaction.savepoint_rollback(sid)
            if rol == "anoniem" and "anoniem" not in cel.mag:
                assert r.status_code in (401, 403), (naam, rol)
            else:
                assert r.status_code == 200, (naam, rol, r.status_code)
                assert not [t for t in tokens if t in r.content.decode()], (naam, rol)
