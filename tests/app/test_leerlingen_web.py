"""De leerlingpagina's van de school: registreren (met ouder, dubbelcontrole), inschrijven,
groep wijzigen (groep 2 naar 3: zml-aanvraag aangeboden), uitschrijven met reden, ouder
koppelen. Fouten staan naast het veld en er is dan niets opgeslagen."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.meldingen.models import Terugmelding, ZmlAanvraag
from rugzak.organisaties.models import Gebruiker

from .lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie

pytestmark = pytest.mark.django_db


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


NIEUW = {
    "school": "",
    "voornaam": "Mila",
    "tussenvoegsel": "van",
    "achternaam": "Dijk",
    "geboortedatum": "2006-09-01",
    "geslacht": "v",
    "adres": "Zeeweg 12",
    "postcode": "3841 AB",
    "woonplaats": "Harderwijk",
    "van": "2012-03-19",
    "groep": "2",
    "met_ouder": "on",
    "ouder_keuze": "nieuw",
    "ouder_voornaam": "Ruud",
    "ouder_achternaam": "van Dijk",
    "ouder_email": "ruud@voorbeeld.nl",
    "ouder_soort": "ouder",
}


def test_het_menu_van_de_ib_heeft_nieuwe_leerling_en_dat_van_het_teamlid_niet(wereld):
    url = reverse("leerlingen:nieuw")
    assert url in _client(wereld.ib_a).get("/start/").content.decode()
    assert url not in _client(wereld.teamlid_a).get("/start/").content.decode()
    assert _client(wereld.teamlid_a).get(url).status_code == 403
    assert _client(wereld.ouder_a).get(url).status_code == 403


def test_registreren_toont_het_beginwachtwoord_een_keer_en_niet_cachebaar(wereld):
    c = _client(wereld.ib_a)
    r = c.post(reverse("leerlingen:nieuw"), NIEUW | {"school": wereld.school_a.pk})
    assert r.status_code == 200, r.content.decode()[:2000]
    assert r["Cache-Control"] == "no-store"
    html = r.content.decode()
    leerling = Leerling.objects.get(achternaam="Dijk")
    assert f"/toelating/nieuw/?leerling={leerling.publiek_id}" in html
    ouder = Gebruiker.objects.get(username="ruud@voorbeeld.nl")
    wachtwoord = html.split('id="ouder-wachtwoord">')[1].split("<")[0]
    assert ouder.check_password(wachtwoord)
    # de toelatingszaak begint met deze leerling gekozen
    html = c.get(f"/toelating/nieuw/?leerling={leerling.publiek_id}").content.decode()
    assert f'value="{leerling.publiek_id}" selected' in html


def test_registreren_met_fouten_noemt_de_velden_en_slaat_niets_op(wereld):
    voor = (Leerling.objects.count(), Gebruiker.objects.count())
    r = _client(wereld.ib_a).post(
        reverse("leerlingen:nieuw"),
        NIEUW | {"school": wereld.school_a.pk, "postcode": "12", "ouder_email": "x", "groep": ""},
    )
    assert r.status_code == 200
    fouten = r.context["formulier"].errors
    assert {"postcode", "ouder_email", "groep"} <= set(fouten)
    assert (Leerling.objects.count(), Gebruiker.objects.count()) == voor


def test_een_dubbele_leerling_vraagt_bevestiging_naast_het_vinkje(wereld):
    dubbel = NIEUW | {
        "school": wereld.school_a.pk, "voornaam": "Anna", "tussenvoegsel": "",
        "achternaam": "Jansen", "geboortedatum": "2004-05-01", "met_ouder": "",
    }  # fmt: skip
    c = _client(wereld.ib_a)
    r = c.post(reverse("leerlingen:nieuw"), dubbel)
    assert "dubbel_bevestigd" in r.context["formulier"].errors
    assert 'name="dubbel_bevestigd"' in r.content.decode()
    assert Leerling.objects.filter(voornaam="Anna").count() == 1
    r = c.post(reverse("leerlingen:nieuw"), dubbel | {"dubbel_bevestigd": "on"})
    assert r.status_code == 200 and Leerling.objects.filter(voornaam="Anna").count() == 2


def test_de_leerlingpagina_biedt_de_handelingen_alleen_aan_wie_mag_wijzigen(wereld):
    url = reverse("leerling", args=[wereld.leerling_a.publiek_id])
    klas = reverse("leerlingen:klas", args=[wereld.leerling_a.publiek_id])
    assert klas in _client(wereld.ib_a).get(url).content.decode()
    assert klas not in _client(wereld.teamlid_a).get(url).content.decode()
    assert _client(wereld.teamlid_a).get(klas).status_code == 403
    assert _client(wereld.directie_b).get(klas).status_code == 404


def test_groep_2_naar_3_van_een_zml_leerling_biedt_de_zml_aanvraag_aan(wereld):
    c = _client(wereld.ib_a)
    c.post(reverse("leerlingen:nieuw"), NIEUW | {"school": wereld.school_a.pk, "van": "2011-08-22"})
    leerling = Leerling.objects.get(achternaam="Dijk")
    indicatie = maak_indicatie(leerling, wereld.cvi, onderwijssoort="zml")
    melding = geaccepteerde_melding(
        door=wereld.ib_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=leerling,
        school=wereld.school_a, gegevens=formulier(indicatie, wereld.ab_dienst, groep=2),
        meldingsdatum=date(2011, 9, 1),
    )  # fmt: skip
    r = c.post(reverse("leerlingen:klas", args=[leerling.publiek_id]), {"groep": "3"})
    assert r.status_code == 200
    actie = reverse("leerlingen:zml_aanvraag", args=[melding.publiek_id])
    assert actie in r.content.decode()
    r = c.post(actie, {"groep_3_per": "2012-03-15"})
    assert r.status_code == 302
    assert ZmlAanvraag.objects.get().groep_3_per == date(2012, 3, 15)


def test_uitschrijven_naar_het_vso_toont_de_ingediende_terugmelding(wereld):
    c = _client(wereld.ib_a)
    c.post(reverse("leerlingen:nieuw"), NIEUW | {"school": wereld.school_a.pk, "van": "2011-08-22"})
    leerling = Leerling.objects.get(achternaam="Dijk")
    indicatie = maak_indicatie(leerling, wereld.cvi, onderwijssoort="zml")
    geaccepteerde_melding(
        door=wereld.ib_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=leerling,
        school=wereld.school_a, gegevens=formulier(indicatie, wereld.ab_dienst, groep=2),
        meldingsdatum=date(2011, 9, 1),
    )  # fmt: skip
    url = reverse("leerlingen:uitschrijven", args=[leerling.publiek_id])
    r = c.post(url, {"tot": "2012-03-09", "reden": ""})
    assert "reden" in r.context["formulier"].errors
    assert Inschrijving.objects.get(leerling=leerling).tot is None
    r = c.post(url, {"tot": "2012-03-09", "reden": "naar_vso"})
    assert r.status_code == 200
    t = Terugmelding.objects.get()
    assert reverse("meldingen:terugmelding", args=[t.publiek_id]) in r.content.decode()
    # de laatste schooldag is voorbij: de school ziet de leerling niet meer
    assert c.get(reverse("leerling", args=[leerling.publiek_id])).status_code == 404


def test_inschrijven_van_een_leerling_die_de_school_via_een_zaak_ziet(wereld):
    from rugzak.leerlingen.services import inschrijving_beeindig
    from rugzak.toelating.services import toelatingszaak_start

    ins = Inschrijving.objects.get(leerling=wereld.leerling_b)
    inschrijving_beeindig(door=wereld.directie_b, inschrijving=ins, tot=date(2012, 3, 16))
    toelatingszaak_start(
        door=wereld.ouder_b, school=wereld.school_a, leerling=wereld.leerling_b,
        verzoek_op=date(2012, 3, 1),
    )  # fmt: skip
    c = _client(wereld.ib_a)
    url = reverse("leerlingen:inschrijven", args=[wereld.leerling_b.publiek_id])
    assert url in c.get(reverse("leerling", args=[wereld.leerling_b.publiek_id])).content.decode()
    r = c.post(url, {"school": wereld.school_a.pk, "van": "2012-03-10", "groep": "5"})
    assert "van" in r.context["formulier"].errors  # overlapt met de inschrijving op school B
    r = c.post(url, {"school": wereld.school_a.pk, "van": "2012-03-19", "groep": "5"})
    assert r.status_code == 302
    assert wereld.leerling_b.inschrijvingen.filter(school=wereld.school_a).exists()


def test_ouder_koppelen_via_de_pagina(wereld):
    c = _client(wereld.directie_a)
    url = reverse("leerlingen:ouder", args=[wereld.leerling_a.publiek_id])
    r = c.post(url, {"ouder_keuze": "bestaand", "ouder_gebruikersnaam": "niemand",
                     "ouder_soort": "ouder"})  # fmt: skip
    assert "ouder_gebruikersnaam" in r.context["formulier"].errors
    r = c.post(url, {"ouder_keuze": "nieuw", "ouder_voornaam": "Piet", "ouder_achternaam": "J",
                     "ouder_email": "piet@voorbeeld.nl", "ouder_soort": "verzorger"})  # fmt: skip
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    assert wereld.leerling_a.ouderrelaties.filter(ouder__username="piet@voorbeeld.nl").exists()


def test_een_uitschrijving_in_de_toekomst_wordt_later_vanaf_de_melding_teruggemeld(
    wereld, settings
):
    c = _client(wereld.ib_a)
    c.post(reverse("leerlingen:nieuw"), NIEUW | {"school": wereld.school_a.pk, "van": "2011-08-22"})
    leerling = Leerling.objects.get(achternaam="Dijk")
    indicatie = maak_indicatie(leerling, wereld.cvi, onderwijssoort="zml")
    melding = geaccepteerde_melding(
        door=wereld.ib_a, beoordelaar=wereld.bekostigingsmedewerker, leerling=leerling,
        school=wereld.school_a, gegevens=formulier(indicatie, wereld.ab_dienst, groep=2),
        meldingsdatum=date(2011, 9, 1),
    )  # fmt: skip
    r = c.post(
        reverse("leerlingen:uitschrijven", args=[leerling.publiek_id]),
        {"tot": "2012-03-30", "reden": "geen_onderwijs"},
    )
    assert "vanaf 31 maart 2012" in r.content.decode()
    pagina = reverse("meldingen:melding", args=[melding.publiek_id])
    actie = reverse("leerlingen:terugmelding", args=[melding.publiek_id])
    assert actie not in c.get(pagina).content.decode()  # nog niet: de leerling is er nog
    assert c.post(actie).status_code == 302 and not Terugmelding.objects.exists()
    settings.RUGZAK_VANDAAG = date(2012, 4, 2)
    assert actie in c.get(pagina).content.decode()
    assert actie not in _client(wereld.teamlid_a).get(pagina).content.decode()
    r = c.post(actie)
    t = Terugmelding.objects.get()
    assert r["Location"] == reverse("meldingen:terugmelding", args=[t.publiek_id])
    assert (t.soort, t.datum) == ("uitschrijving_geen_onderwijs", date(2012, 3, 31))
    assert actie not in c.get(pagina).content.decode()  # al teruggemeld
