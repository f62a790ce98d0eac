"""Issue 15, de ontbrekende handelingen: de AB-coördinator kent een aangevraagde
begeleiding toe of wijst haar af en kiest een ambulant begeleider; een lid van de CvI
adviseert; een bindend besluit vraagt eerst een bevestiging; formulieren die niet kunnen
slagen, staan er niet."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rugzak.ambulante_begeleiding import services as ab
from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingstap
from rugzak.audit.models import AuditRegel
from tests.app.zaken_hulp import maak_zaken, tel
from tests.web.hulp import MODEL_BACKEND, bedieningen_zonder_label, inline_stijl_of_script

pytestmark = pytest.mark.django_db


def _login(client: Client, gebruiker) -> Client:
    client.force_login(gebruiker, backend=MODEL_BACKEND)
    return client


def _post(client: Client, url: str, prefix: str, versie: int, bevestig: bool = False, **velden):
    data = {f"{prefix}-{k}": v for k, v in velden.items()}
    data[f"{prefix}-versie"] = str(versie)
    if bevestig:
        data["bevestigd"] = "ja"
    return client.post(url, data)


def _fouten(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", f).replace("Fout: ", "").strip()
        for f in re.findall(r'class="veldfout"[^>]*>(.*?)</p>', html, re.S)
    ]


@pytest.fixture
def z(wereld):
    return maak_zaken(wereld)


@pytest.fixture
def pab(z):
    return ab.begeleiding_aanvragen_pab(
        door=z.w.directie_a,
        leerling=z.w.leerling_a,
        ab_dienst=z.w.ab_dienst,
        adviseur=z.cvi3_secretaris,
        advies_op=date(2012, 3, 1),
    )


# --- AB-coördinator ---------------------------------------------------------------------------


@pytest.mark.bron("003, paragraaf 'Preventieve- AB (PAB)'")
def test_de_coordinator_kent_een_pab_toe_met_begeleider_na_bevestiging(client, z, pab):
    c = _login(client, z.ab_coordinator)
    pagina = reverse("ambulante_begeleiding:begeleiding", args=[pab.publiek_id])
    html = c.get(pagina).content.decode()
    for naam in ("starten-op", "starten-begeleider", "afwijzen-reden", "toewijzen-begeleider"):
        assert f'name="{naam}"' in html
    assert 'name="beeindigen-reden"' not in html  # een aanvraag beëindig je niet
    assert z.w.ambulant_begeleider.weergavenaam in html
    assert not bedieningen_zonder_label(html) and not inline_stijl_of_script(html)

    url = reverse("ambulante_begeleiding:handeling", args=[pab.publiek_id, "starten"])
    voor = tel(Begeleiding, Begeleidingstap)
    velden = {"op": "2012-03-15", "begeleider": str(z.w.ambulant_begeleider.pk), "toelichting": ""}
    bevestigen = _post(c, url, "starten", pab.versie, **velden)
    tekst = bevestigen.content.decode()
    assert bevestigen.status_code == 200 and "Bevestigen: toekennen en starten" in tekst
    assert "Er is nog niets opgeslagen" in tekst and "15 maart 2012" in tekst
    assert z.w.ambulant_begeleider.weergavenaam in tekst
    assert 'name="starten-begeleider"' in tekst and 'value="ja"' in tekst  # invoer verborgen mee
    pab.refresh_from_db()
    assert pab.status == "aangevraagd" and tel(Begeleiding, Begeleidingstap)[1:] == voor[1:]

    # terug naar het formulier: de invoer staat er nog, er is niets opgeslagen
    terug = c.post(
        url,
        {
            **{f"starten-{k}": v for k, v in velden.items()},
            "starten-versie": str(pab.versie),
            "terug": "ja",
        },
    )
    assert terug.status_code == 200 and 'value="2012-03-15"' in terug.content.decode()
    assert tel(Begeleiding, Begeleidingstap)[1:] == voor[1:]

    antwoord = _post(c, url, "starten", pab.versie, bevestig=True, **velden)
    assert antwoord.status_code == 302
    pab.refresh_from_db()
    assert pab.status == "lopend" and pab.toegewezen == z.w.ambulant_begeleider
    assert pab.van == date(2012, 3, 15)
    html = c.get(pagina).content.decode()
    assert 'name="starten-op"' not in html and 'name="afwijzen-reden"' not in html
    assert 'name="beeindigen-reden"' in html and 'name="toewijzen-begeleider"' in html
    assert AuditRegel.objects.filter(object_id=str(pab.publiek_id), actie="wijzigen").exists()


def test_de_coordinator_wijst_af_met_reden_en_zonder_reden_gebeurt_er_niets(client, z, pab):
    c = _login(client, z.ab_coordinator)
    url = reverse("ambulante_begeleiding:handeling", args=[pab.publiek_id, "afwijzen"])
    html = _post(c, url, "afwijzen", pab.versie, op="2012-03-15", reden="").content.decode()
    assert "Reden van de afwijzing" in html and _fouten(html)
    assert "Bevestigen" not in html.split("<main", 1)[1][:200]
    antwoord = _post(
        c, url, "afwijzen", pab.versie, bevestig=True, op="2012-03-15", reden="geen plaats"
    )
    assert antwoord.status_code == 302
    pab.refresh_from_db()
    assert pab.status == "afgewezen" and pab.reden == "geen plaats"
    html = c.get(reverse("ambulante_begeleiding:begeleiding", args=[pab.publiek_id])).content
    assert b'name="starten-op"' not in html and b'name="toewijzen-begeleider"' not in html


def test_de_coordinator_kiest_een_begeleider_zonder_te_starten(client, z, pab):
    c = _login(client, z.ab_coordinator)
    url = reverse("ambulante_begeleiding:handeling", args=[pab.publiek_id, "toewijzen"])
    leeg = _post(c, url, "toewijzen", pab.versie, begeleider="").content.decode()
    assert _fouten(leeg), leeg[leeg.find("<main") :][:3000]
    antwoord = _post(c, url, "toewijzen", pab.versie, begeleider=str(z.w.ambulant_begeleider.pk))
    assert antwoord.status_code == 302
    pab.refresh_from_db()
    assert pab.toegewezen == z.w.ambulant_begeleider and pab.status == "aangevraagd"


def test_de_school_en_de_begeleider_krijgen_geen_toeken_of_afwijsformulier(client, z, pab):
    for wie in (z.w.directie_a, z.w.ambulant_begeleider):
        html = _login(Client(), wie).get(
            reverse("ambulante_begeleiding:begeleiding", args=[pab.publiek_id])
        )
        if html.status_code == 404:  # de begeleider ziet alleen toegewezen begeleidingen
            continue
        tekst = html.content.decode()
        assert 'name="starten-op"' not in tekst and 'name="afwijzen-reden"' not in tekst
    # een POST zonder de rol: de service weigert (403) en er verandert niets
    c = _login(client, z.w.directie_a)
    url = reverse("ambulante_begeleiding:handeling", args=[pab.publiek_id, "afwijzen"])
    antwoord = _post(c, url, "afwijzen", pab.versie, bevestig=True, op="2012-03-15", reden="x")
    assert antwoord.status_code == 403
    pab.refresh_from_db()
    assert pab.status == "aangevraagd"


# --- CvI: advies van een lid, bevestigen van het besluit, één verlenging ------------------------


@pytest.fixture
def aanvraag(z):
    from tests.app.zaken_hulp import dien_in, met_rapport, volledig

    return volledig(z, met_rapport(z, dien_in(z)))


@pytest.mark.bron("000, 'Wat is het rugzakje?': de commissie beoordeelt")
def test_een_cvi_lid_adviseert_een_keer_en_de_secretaris_ziet_het(client, z, wereld, aanvraag):
    from rugzak.indicaties.models import Commissieadvies

    c = _login(client, wereld.cvi_lid)
    pagina = reverse("indicaties:aanvraag", args=[aanvraag.publiek_id])
    html = c.get(pagina).content.decode()
    assert 'name="advies-oordeel"' in html and 'name="advies-overwegingen"' in html
    assert "positief-onderwijssoort" not in html  # beslissen doet de secretaris (I-61)
    assert not bedieningen_zonder_label(html)
    url = reverse("indicaties:handeling", args=[aanvraag.publiek_id, "advies"])
    fout = _post(
        c, url, "advies", aanvraag.versie, oordeel="positief", overwegingen="", op="2012-03-15"
    ).content.decode()
    assert _fouten(fout) and not Commissieadvies.objects.exists()
    fout = _post(
        c,
        url,
        "advies",
        aanvraag.versie,
        oordeel="negatief",
        onderwijssoort="lg",
        overwegingen="geen lg",
        op="2012-03-15",
    ).content.decode()
    assert any("negatief advies noemt geen onderwijssoort" in f for f in _fouten(fout))
    antwoord = _post(
        c,
        url,
        "advies",
        aanvraag.versie,
        oordeel="positief",
        onderwijssoort="lg",
        overwegingen="voldoet aan de criteria",
        op="2012-03-15",
    )
    assert antwoord.status_code == 302
    advies = Commissieadvies.objects.get()
    assert (advies.lid, advies.oordeel, advies.onderwijssoort) == (wereld.cvi_lid, "positief", "lg")
    html = c.get(pagina).content.decode()
    assert 'name="advies-oordeel"' not in html and "U kunt nu geen advies geven" in html
    aanvraag.refresh_from_db()
    tweede = _post(
        c,
        url,
        "advies",
        aanvraag.versie,
        oordeel="negatief",
        overwegingen="toch niet",
        op="2012-03-15",
    ).content.decode()
    assert "adviseerde al" in tweede and Commissieadvies.objects.count() == 1
    # de secretaris ziet het advies; de ouder niet
    sec = _login(Client(), z.cvi3_secretaris).get(pagina).content.decode()
    assert "voldoet aan de criteria" in sec and wereld.cvi_lid.weergavenaam in sec
    ouder = _login(Client(), wereld.ouder_a).get(pagina).content.decode()
    assert "voldoet aan de criteria" not in ouder


def test_een_positief_besluit_vraagt_eerst_bevestiging(client, z, aanvraag):
    c = _login(client, z.cvi3_secretaris)
    url = reverse("indicaties:handeling", args=[aanvraag.publiek_id, "positief"])
    eerst = _post(c, url, "positief", aanvraag.versie, onderwijssoort="lg", op="2012-03-15")
    tekst = eerst.content.decode()
    assert eerst.status_code == 200 and "Bevestigen: positief beslissen" in tekst
    assert "bindend" in tekst and "Ja, positief beslissen" in tekst
    aanvraag.refresh_from_db()
    assert aanvraag.status == "dossier_volledig"
    dan = _post(
        c, url, "positief", aanvraag.versie, bevestig=True, onderwijssoort="lg", op="2012-03-15"
    )
    assert dan.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == "positief"


def test_na_een_verlenging_staat_het_verlengformulier_er_niet_meer(client, z, aanvraag):
    c = _login(client, z.cvi3_secretaris)
    pagina = reverse("indicaties:aanvraag", args=[aanvraag.publiek_id])
    assert 'name="verlengen-toelichting"' in c.get(pagina).content.decode()
    url = reverse("indicaties:handeling", args=[aanvraag.publiek_id, "verlengen"])
    assert (
        _post(
            c, url, "verlengen", aanvraag.versie, op="2012-03-15", toelichting="onderzoek"
        ).status_code
        == 302
    )
    html = c.get(pagina).content.decode()
    assert 'name="verlengen-toelichting"' not in html
    assert "hoogstens 1 keer verlengd" in html  # de reden komt uit de regelkern
    assert 'name="positief-onderwijssoort"' in html


# --- het meldingsformulier neemt de indicatie over (I-151) -------------------------------------


@pytest.mark.bron("004, 'Aanmelden en afmelden van geïndiceerde leerlingen'")
def test_het_meldingsformulier_neemt_de_geldende_indicatie_over(client, wereld):
    from tests.app.lgf_hulp import maak_indicatie

    oud = maak_indicatie(wereld.leerling_a, wereld.cvi, indicatiedatum=date(2008, 5, 12))
    nieuw = maak_indicatie(
        wereld.leerling_a, wereld.cvi, onderwijssoort="lg", indicatiedatum=date(2011, 5, 12),
        vorige=oud,
    )  # fmt: skip
    c = _login(client, wereld.ib_a)
    url = reverse("meldingen:nieuw")
    leeg = c.get(url).content.decode()
    assert 'name="gegevens_overnemen"' in leeg and nieuw.cvi_nummer not in leeg
    # zonder JavaScript: de leerling kiezen en "Gegevens uit de indicatie overnemen"
    antwoord = c.post(
        url,
        {"leerling": str(wereld.leerling_a.publiek_id), "school": str(wereld.school_a.pk),
         "schoolsoort": "bao", "groep": "4", "gegevens_overnemen": "ja"},
    )  # fmt: skip
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Niet in behandeling genomen" not in html
    assert f'value="{nieuw.cvi_nummer}"' in html and 'value="2011-05-12"' in html
    assert f'value="{oud.cvi_nummer}"' in html  # vorig CvI-nummer bij de herindicatie
    assert re.search(r'<option value="lg" selected>', html)
    assert re.search(r'<option value="4" selected>', html)  # de eigen invoer blijft
    assert "Overgenomen uit indicatie" in html and "I-151" in html
    from rugzak.meldingen.models import Melding

    assert not Melding.objects.exists()
    # ook via een link: ?leerling=
    html = c.get(url, {"leerling": str(wereld.leerling_a.publiek_id)}).content.decode()
    assert f'value="{nieuw.cvi_nummer}"' in html
    # een leerling van een andere school: niets overgenomen
    html = c.get(url, {"leerling": str(wereld.leerling_b.publiek_id)}).content.decode()
    assert "Overgenomen uit indicatie" not in html


# --- een tweede overeenkomst --------------------------------------------------------------------


def test_een_zaak_met_een_overeenkomst_krijgt_geen_tweede_formulier(client, wereld):
    from rugzak.handelingsplannen import services as hp
    from tests.app.toelating_opbouw import maak_aanmelding

    aanmelding = maak_aanmelding(wereld)
    zaak = aanmelding.zaak_in("11a")
    c = _login(client, wereld.ib_a)
    url = reverse("handelingsplannen:overeenkomst_nieuw", args=[zaak.publiek_id])
    assert 'name="inzet_budget"' in c.get(url).content.decode()
    hp.overeenkomst_opstellen(
        door=wereld.ib_a, zaak=zaak, looptijd_van=date(2012, 1, 9),
        looptijd_tot=date(2012, 7, 31), inzet_budget="assistent", verplichtingen="oefenen",
        groep=4,
    )  # fmt: skip
    html = c.get(url).content.decode()
    assert 'name="inzet_budget"' not in html
    assert "deze zaak heeft al een overeenkomst" in html and "Naar de overeenkomst" in html


def test_het_advies_via_de_api_alleen_de_cvi_ziet_de_adviezen(z, wereld, aanvraag):
    c = _login(Client(), wereld.cvi_lid)
    url = f"/api/v1/indicatieaanvragen/{aanvraag.publiek_id}/"
    fout = c.post(
        url + "adviezen/",
        {"versie": aanvraag.versie, "advies": "positief", "overwegingen": ""},
        content_type="application/json",
    )
    assert fout.status_code == 400 and fout["Content-Type"] == "application/problem+json"
    goed = c.post(
        url + "adviezen/",
        {"versie": aanvraag.versie, "advies": "negatief", "overwegingen": "geen lg"},
        content_type="application/json",
    )
    assert goed.status_code == 200, goed.content
    sec = _login(Client(), z.cvi3_secretaris).get(url).json()
    assert [(a["advies"], a["overwegingen"]) for a in sec["adviezen"]] == [("negatief", "geen lg")]
    assert _login(Client(), wereld.ouder_a).get(url).json()["adviezen"] == []
    # een tweede advies van hetzelfde lid: geweigerd, niets erbij
    aanvraag.refresh_from_db()
    tweede = c.post(
        url + "adviezen/",
        {"versie": aanvraag.versie, "advies": "positief", "overwegingen": "toch wel"},
        content_type="application/json",
    )
    assert tweede.status_code == 400 and "adviseerde al" in tweede.content.decode()
