"""API: de school registreert, schrijft in, wijzigt de groep, schrijft uit en koppelt een
ouder. Elke weigering is problem+json met het veld, en schrijft niets."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.audit.models import AuditRegel
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.meldingen.models import Terugmelding
from rugzak.organisaties.models import Gebruiker

from .lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie

pytestmark = pytest.mark.django_db

LEERLINGEN = "/api/v1/leerlingen/"


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _post(c: Client, pad: str, body: dict) -> tuple[int, dict, str]:
    r = c.post(pad, json.dumps(body), content_type="application/json")
    return r.status_code, r.json(), r["Content-Type"]


def _stand():
    return (
        Leerling.objects.count(),
        Gebruiker.objects.count(),
        OuderRelatie.objects.count(),
        Terugmelding.objects.count(),
        list(Inschrijving.objects.order_by("pk").values_list("tot", "groep", "uitschrijfreden")),
        AuditRegel.objects.exclude(actie="geweigerd").count(),
    )


def _nieuw(wereld, **extra):
    body = {
        "school_brin": wereld.school_a.brin,
        "voornaam": "Fenna",
        "achternaam": "Bos",
        "geboortedatum": "2006-02-01",
        "adres": "Laan 5",
        "postcode": "3841ab",
        "woonplaats": "Harderwijk",
        "van": "2011-08-22",
        "groep": 2,
        "ouder_voornaam": "Jet",
        "ouder_achternaam": "Bos",
        "ouder_email": "jet.bos@voorbeeld.nl",
    }
    body.update(extra)
    return body


def test_registreren_via_de_api_geeft_het_beginwachtwoord_dat_werkt(wereld):
    code, data, _ = _post(_client(wereld.ib_a), LEERLINGEN, _nieuw(wereld))
    assert code == 201, data
    assert data["inschrijving"]["groep"] == 2
    assert data["ouder"]["gebruikersnaam"] == "jet.bos@voorbeeld.nl"
    ouder = Gebruiker.objects.get(username="jet.bos@voorbeeld.nl")
    assert ouder.check_password(data["ouder"]["beginwachtwoord"])
    ouder_c = _client(ouder)
    lijst = ouder_c.get(LEERLINGEN).json()["resultaten"]
    assert [r["publiek_id"] for r in lijst] == [data["publiek_id"]]


def test_registreren_met_fouten_noemt_elk_veld_en_schrijft_niets(wereld):
    voor = _stand()
    code, data, soort = _post(
        _client(wereld.ib_a),
        LEERLINGEN,
        _nieuw(wereld, postcode="99", groep=None, ouder_email="geen"),
    )
    assert code == 400 and soort.startswith(PROBLEEM_TYPE)
    assert {"postcode", "groep", "ouder_email"} <= set(data["velden"])
    assert _stand() == voor
    code, data, _ = _post(_client(wereld.ib_a), LEERLINGEN, _nieuw(wereld, school_brin="99ZZ"))
    assert code == 400 and "school_brin" in data["velden"]
    assert _stand() == voor


def test_een_dubbele_leerling_geeft_400_dubbel_tot_bevestiging(wereld):
    dubbel = _nieuw(wereld, voornaam="Anna", achternaam="Jansen", geboortedatum="2004-05-01")
    c = _client(wereld.ib_a)
    voor = _stand()
    code, data, _ = _post(c, LEERLINGEN, dubbel)
    assert code == 400 and "dubbel" in data["velden"]
    assert _stand() == voor
    code, data, _ = _post(c, LEERLINGEN, dubbel | {"dubbel_bevestigd": True})
    assert code == 201


@pytest.mark.parametrize("wie", ["teamlid_a", "directie_b", "ouder_a", "bekostigingsmedewerker"])
def test_registreren_door_een_ander_dan_directie_of_ib_is_403_en_schrijft_niets(wereld, wie):
    voor = _stand()
    code, _, soort = _post(_client(getattr(wereld, wie)), LEERLINGEN, _nieuw(wereld))
    assert code == 403 and soort.startswith(PROBLEEM_TYPE)
    assert _stand() == voor


def test_groep_wijzigen_noemt_de_zml_melding_na_groep_2_naar_3(wereld):
    c = _client(wereld.ib_a)
    _, data, _ = _post(c, LEERLINGEN, _nieuw(wereld, ouder_email="", ouder_voornaam="",
                                             ouder_achternaam=""))  # fmt: skip
    leerling = Leerling.objects.get(publiek_id=data["publiek_id"])
    indicatie = maak_indicatie(leerling, wereld.cvi, onderwijssoort="zml")
    melding = geaccepteerde_melding(
        door=wereld.ib_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=leerling,
        school=wereld.school_a, gegevens=formulier(indicatie, wereld.ab_dienst, groep=2),
        meldingsdatum=date(2011, 9, 1),
    )  # fmt: skip
    pad = f"{LEERLINGEN}{leerling.publiek_id}/groep/"
    voor = _stand()
    code, data, _ = _post(c, pad, {"leerjaar": 3})
    assert code == 400 and "leerjaar" in data["velden"]
    assert _stand() == voor
    code, data, _ = _post(c, pad, {"groep": 3})
    assert code == 200
    assert data["vorige"] == "groep 2"
    assert data["zml_aanvraag_bij_melding"] == str(melding.publiek_id)


def test_uitschrijven_via_de_api_met_reden_en_terugmelding(wereld):
    c = _client(wereld.ib_a)
    _, data, _ = _post(c, LEERLINGEN, _nieuw(wereld))
    leerling = Leerling.objects.get(publiek_id=data["publiek_id"])
    indicatie = maak_indicatie(leerling, wereld.cvi, onderwijssoort="zml")
    geaccepteerde_melding(
        door=wereld.ib_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=leerling,
        school=wereld.school_a, gegevens=formulier(indicatie, wereld.ab_dienst, groep=2),
        meldingsdatum=date(2011, 9, 1),
    )  # fmt: skip
    pad = f"{LEERLINGEN}{leerling.publiek_id}/uitschrijving/"
    voor = _stand()
    code, data, _ = _post(c, pad, {"tot": "2012-03-09", "reden": "verhuisd"})
    assert code == 400 and "reden" in data["velden"]
    code, _, _ = _post(_client(wereld.teamlid_a), pad, {"tot": "2012-03-09", "reden": "naar_vso"})
    assert code == 403
    code, _, _ = _post(_client(wereld.directie_b), pad, {"tot": "2012-03-09", "reden": "naar_vso"})
    assert code == 404
    assert _stand() == voor
    code, data, _ = _post(c, pad, {"tot": "2012-03-09", "reden": "naar_vso"})
    assert code == 200, data
    assert data["inschrijving"]["uitschrijfreden"] == "naar_vso"
    assert data["terugmelding"] == str(Terugmelding.objects.get().publiek_id)


def test_ouder_koppelen_via_de_api(wereld):
    c = _client(wereld.directie_a)
    pad = f"{LEERLINGEN}{wereld.leerling_a.publiek_id}/ouders/"
    voor = _stand()
    code, data, _ = _post(c, pad, {})
    assert code == 400 and "ouder_email" in data["velden"]
    code, data, _ = _post(c, pad, {"ouder_gebruikersnaam": "ouder_a"})
    assert code == 400 and "ouder_gebruikersnaam" in data["velden"]  # al gekoppeld
    assert _stand() == voor
    code, data, _ = _post(c, pad, {"ouder_gebruikersnaam": "ouder_b", "ouder_soort": "voogd"})
    assert code == 201 and data["beginwachtwoord"] is None and data["soort"] == "voogd"


def test_inschrijven_van_een_bekende_leerling_via_de_api(wereld):
    c = _client(wereld.directie_a)
    pad = f"{LEERLINGEN}{wereld.leerling_a.publiek_id}/inschrijvingen/"
    voor = _stand()
    code, data, _ = _post(c, pad, {"school_brin": "11AA", "van": "2012-04-01", "groep": 5})
    assert code == 400 and "van" in data["velden"]  # overlapt met de lopende inschrijving
    code, _, _ = _post(_client(wereld.directie_b), pad, {"school_brin": "22BB", "van": "2012-04-01",
                                                         "leerjaar": 1})  # fmt: skip
    assert code == 404
    assert _stand() == voor
