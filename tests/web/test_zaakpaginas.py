"""De begeleide formulieren van de zaak-apps in de webtoepassing: POST met CSRF en versie,
redirect na succes, fouten naast het veld en niets kwijt na een fout, niets geschreven bij
een weigering, en dezelfde toegang als de API (geen toegang: 404; geen rol: 403)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rugzak.handelingsplannen.models import Handelingsplan, Overeenkomst
from rugzak.indicaties.models import Indicatieaanvraag
from rugzak.meldingen.models import Melding, OnvolledigeIndiening
from rugzak.toelating.inventarisatie import DOMEINEN, KOLOMMEN
from rugzak.toelating.models import ToelatingOvergang
from tests.app.lgf_hulp import formulier as meldingsformulier
from tests.app.lgf_hulp import maak_indicatie
from tests.app.toelating_opbouw import maak_aanmelding
from tests.app.zaken_hulp import dien_in, maak_zaken, met_rapport, volledig
from tests.web.hulp import MODEL_BACKEND, bedieningen_zonder_label, inline_stijl_of_script

pytestmark = pytest.mark.django_db


def _login(client: Client, gebruiker) -> Client:
    client.force_login(gebruiker, backend=MODEL_BACKEND)
    return client


def _fouten(html: str) -> list[str]:
    """De teksten van de fouten naast de velden."""
    return [
        re.sub(r"<[^>]+>", "", f).replace("Fout: ", "").strip()
        for f in re.findall(r'class="veldfout"[^>]*>(.*?)</p>', html, re.S)
    ]


def _post(client: Client, url: str, prefix: str, versie: int, **velden):
    """``bevestigd="ja"``: de tweede stap van een bindend besluit (issue 15)."""
    bevestigd = velden.pop("bevestigd", None)
    data = {f"{prefix}-{k}": v for k, v in velden.items()}
    data[f"{prefix}-versie"] = str(versie)
    if bevestigd:
        data["bevestigd"] = bevestigd
    return client.post(url, data)


@pytest.fixture
def aanmelding(wereld):
    return maak_aanmelding(wereld)


# --- toelating ---------------------------------------------------------------------------------


def test_de_zaakpagina_toont_fase_wat_nog_nodig_is_en_een_formulier_per_fase(
    client, wereld, aanmelding
):
    zaak = aanmelding.start()
    html = _login(client, wereld.ib_a).get(reverse("toelating:zaak", args=[zaak.publiek_id]))
    html = html.content.decode()
    assert 'aria-current="step">fase 1: verzoek om plaatsing' in html
    assert "Wat deze fase nog nodig heeft" in html
    assert 'href="#id_gegevens-uitnodiging_verstuurd_op"' in html
    assert 'name="gegevens-versie"' in html and 'name="gegevens-uitnodiging_verstuurd_op"' in html
    assert 'type="date"' not in html  # een tekstveld dat de server leest (issue 15)
    assert "Uitnodiging voor het eerste gesprek (002, bijlage 1)" in html
    assert bedieningen_zonder_label(html) == [] and inline_stijl_of_script(html) == []


def test_naar_de_volgende_fase_zonder_alles_noemt_wat_ontbreekt_en_schrijft_niets(
    client, wereld, aanmelding
):
    zaak = aanmelding.start()
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "volgende-fase"])
    voor = ToelatingOvergang.objects.count()
    antwoord = _post(_login(client, wereld.ib_a), url, "volgende-fase", zaak.versie, notitie="")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Niet opgeslagen" in html
    assert "de datum van de uitnodiging voor het gesprek (bijlage 1)" in html
    zaak.refresh_from_db()
    assert (zaak.toestand, zaak.versie) == ("1", 1)
    assert ToelatingOvergang.objects.count() == voor


def test_gegevens_opslaan_en_verder_gaat_met_post_redirect_get(client, wereld, aanmelding):
    zaak = aanmelding.start()
    c = _login(client, wereld.ib_a)
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "gegevens"])
    antwoord = _post(
        c, url, "gegevens", 1, uitnodiging_verstuurd_op="2011-11-03", gesprek_gepland_op=""
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("toelating:zaak", args=[zaak.publiek_id])
    zaak.refresh_from_db()
    assert zaak.uitnodiging_verstuurd_op == date(2011, 11, 3) and zaak.versie == 2
    volgende = reverse("toelating:handeling", args=[zaak.publiek_id, "volgende-fase"])
    assert _post(c, volgende, "volgende-fase", 2, notitie="").status_code == 302
    zaak.refresh_from_db()
    assert zaak.toestand == "2"
    html = c.get(reverse("toelating:zaak", args=[zaak.publiek_id])).content.decode()
    assert "De fase is afgerond" in html  # de melding na de redirect


def test_een_verouderde_versie_bewaart_de_invoer_en_zet_de_nieuwe_versie(
    client, wereld, aanmelding
):
    zaak = aanmelding.start()
    c = _login(client, wereld.ib_a)
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "gegevens"])
    _post(c, url, "gegevens", 1, uitnodiging_verstuurd_op="2011-11-03")
    antwoord = _post(c, url, "gegevens", 1, uitnodiging_verstuurd_op="2011-11-04")
    html = antwoord.content.decode()
    assert "intussen door iemand anders gewijzigd" in html
    assert 'value="2011-11-04"' in html  # wat de gebruiker typte
    assert 'name="gegevens-versie" value="2"' in html
    zaak.refresh_from_db()
    assert zaak.uitnodiging_verstuurd_op == date(2011, 11, 3)


def test_de_inventarisatie_is_een_schema_van_drie_maal_drie_en_acht_maal_vier(
    client, wereld, aanmelding
):
    zaak = aanmelding.zaak_in("5")
    c = _login(client, wereld.ib_a)
    html = c.get(reverse("toelating:zaak", args=[zaak.publiek_id])).content.decode()
    assert len(re.findall(r'name="inventarisatie-b_\w+_\d"', html)) == 9
    assert len(re.findall(r'<textarea name="inventarisatie-d_\w+"', html)) == 32
    assert bedieningen_zonder_label(html) == []
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "inventarisatie"])
    velden = {"op": "2011-11-25", "aard_handicap": "Down"}
    velden.update({f"b_autonomie_{i}": "x" for i in (1, 2, 3)})
    velden.update({f"d_{d}_{k}": "tekst" for d in DOMEINEN for k in KOLOMMEN})
    assert _post(c, url, "inventarisatie", zaak.versie, **velden).status_code == 302
    zaak.refresh_from_db()
    assert zaak.inventarisatie["domeinen"]["medeleerlingen"]["grenzen"] == "tekst"
    assert zaak.inventarisatie["basisbehoeften"]["autonomie"] == ["x", "x", "x"]


def test_fase_6_en_7_in_een_vergadering_geeft_een_waarschuwing(client, wereld, aanmelding):
    zaak = aanmelding.zaak_in("8", fase67_samen=True)
    html = _login(client, wereld.directie_a).get(reverse("toelating:zaak", args=[zaak.publiek_id]))
    assert "in één vergadering" in html.content.decode()


def test_alleen_de_directie_krijgt_het_besluitformulier_en_de_ib_krijgt_403(
    client, wereld, aanmelding
):
    zaak = aanmelding.zaak_in("8")
    c = _login(client, wereld.ib_a)
    html = c.get(reverse("toelating:zaak", args=[zaak.publiek_id])).content.decode()
    assert 'name="besluit-besluit"' not in html
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "besluit"])
    antwoord = _post(
        c, url, "besluit", zaak.versie, besluit="toelaten", besluit_op="2011-12-20", motivering="x"
    )
    assert antwoord.status_code == 403
    zaak.refresh_from_db()
    assert zaak.toestand == "8"


def test_een_school_ziet_een_zaak_van_een_andere_school_niet(client, wereld, aanmelding):
    zaak = aanmelding.start()
    c = _login(client, wereld.directie_b)
    assert c.get(reverse("toelating:zaak", args=[zaak.publiek_id])).status_code == 404
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "gegevens"])
    assert _post(c, url, "gegevens", 1, uitnodiging_verstuurd_op="2011-11-03").status_code == 404
    assert (
        c.get(reverse("toelating:brief", args=[zaak.publiek_id, "uitnodiging"])).status_code == 404
    )


def test_een_formulier_zonder_csrf_token_wordt_geweigerd(wereld, aanmelding):
    zaak = aanmelding.start()
    c = _login(Client(enforce_csrf_checks=True), wereld.ib_a)
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "gegevens"])
    assert _post(c, url, "gegevens", 1, uitnodiging_verstuurd_op="2011-11-03").status_code == 403
    zaak.refresh_from_db()
    assert zaak.versie == 1


def test_van_overeenkomst_tot_vastgesteld_handelingsplan_via_de_formulieren(
    client, wereld, aanmelding
):
    zaak = aanmelding.zaak_in("11a", plaatsingsdatum=date(2012, 1, 9))
    c = _login(client, wereld.ib_a)
    antwoord = c.post(
        reverse("handelingsplannen:overeenkomst_nieuw", args=[zaak.publiek_id]),
        {
            "groep": "3",
            "looptijd_van": "2012-01-09",
            "looptijd_tot": "2013-07-31",
            "inzet_budget": "onderwijsassistent",
            "verplichtingen": "",
            "extra_evaluatiemomenten": "niet-een-datum",
        },
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert any("niet-een-datum" in f and "is geen datum" in f for f in _fouten(html))
    assert 'value="onderwijsassistent"' in html or "onderwijsassistent</textarea>" in html
    antwoord = c.post(
        reverse("handelingsplannen:overeenkomst_nieuw", args=[zaak.publiek_id]),
        {
            "groep": "3",
            "looptijd_van": "2012-01-09",
            "looptijd_tot": "2013-07-31",
            "inzet_budget": "onderwijsassistent",
            "verplichtingen": "ouders oefenen thuis",
            "extra_evaluatiemomenten": "2012-05-14",
        },
    )
    assert antwoord.status_code == 302
    o = Overeenkomst.objects.get(zaak=zaak)
    d = _login(Client(), wereld.directie_a)
    url = reverse("handelingsplannen:overeenkomst_tekenen", args=[o.publiek_id, "school"])
    eerst = _post(d, url, "school", o.versie, getekend_op="2012-01-10")
    assert (
        eerst.status_code == 200
        and "Bevestigen: tekenen namens de school" in eerst.content.decode()
    )
    o.refresh_from_db()
    assert o.school_getekend_op is None  # nog niets vastgelegd
    assert (
        _post(d, url, "school", o.versie, getekend_op="2012-01-10", bevestigd="ja").status_code
        == 302
    )
    o.refresh_from_db()
    ouder = _login(Client(), aanmelding.ouder)
    url = reverse("handelingsplannen:overeenkomst_tekenen", args=[o.publiek_id, "ouders"])
    assert (
        _post(ouder, url, "ouders", o.versie, getekend_op="2012-01-11", bevestigd="ja").status_code
        == 302
    )
    o.refresh_from_db()
    assert o.toestand == "ondertekend"
    brief = c.get(reverse("handelingsplannen:brief_overeenkomst", args=[o.publiek_id]))
    assert brief["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="overeenkomst-[0-9a-f]{8}-2012-03-15\.pdf"',
        brief["Content-Disposition"],
    )
    # alleen de evaluaties binnen de looptijd (9 januari 2012 t/m 31 juli 2013), ook die
    # van het tweede schooljaar (I-160)
    import io

    from pypdf import PdfReader

    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(brief.content)).pages)
    tekst = re.sub(r"\s+", " ", tekst)
    assert "evaluatie oktober 2011" not in tekst
    for moment in ("evaluatie januari 2012", "evaluatie mei 2012", "evaluatie oktober 2012"):
        assert moment in tekst, moment
    assert "eindevaluatie schooljaar 2012-2013" in tekst

    # het handelingsplan: opstellen, voorleggen geweigerd met elk ontbrekend onderdeel
    antwoord = c.post(
        reverse("handelingsplannen:plan_nieuw", args=[zaak.publiek_id]),
        {"beginsituatie": "leest E3", "periode_van": "2012-01-09", "periode_tot": "2012-07-31"},
    )
    plan = Handelingsplan.objects.get(zaak=zaak)
    assert antwoord["Location"] == reverse("handelingsplannen:plan", args=[plan.publiek_id])
    url = reverse("handelingsplannen:plan_handeling", args=[plan.publiek_id, "voorleggen"])
    html = _post(c, url, "voorleggen", plan.versie, voorgelegd_op="2012-01-20").content.decode()
    ontbrekend = " ".join(_fouten(html))
    for onderdeel in ("doelstelling", "voorzieningen en maatregelen", "monitoring"):
        assert onderdeel in ontbrekend
    plan.refresh_from_db()
    assert plan.toestand == "concept"
    url = reverse("handelingsplannen:plan_handeling", args=[plan.publiek_id, "wijzigen"])
    _post(
        c,
        url,
        "wijzigen",
        plan.versie,
        periode_van="2012-01-09",
        periode_tot="2012-07-31",
        beginsituatie="leest E3",
        doelstelling="leest M4",
        voorzieningen_en_maatregelen="assistent",
        inzet_lgf="formatie",
        monitoring="IB",
        ambulant_begeleider_naam="R. Mulder",
    )
    plan.refresh_from_db()
    url = reverse("handelingsplannen:plan_handeling", args=[plan.publiek_id, "voorleggen"])
    assert _post(c, url, "voorleggen", plan.versie, voorgelegd_op="2012-01-20").status_code == 302
    # de ouder stemt zelf in (instemmingsrecht)
    plan.refresh_from_db()
    html = ouder.get(reverse("handelingsplannen:plan", args=[plan.publiek_id])).content.decode()
    assert "Uw instemming" in html and "instemming-ouder_naam" not in html
    url = reverse("handelingsplannen:plan_handeling", args=[plan.publiek_id, "instemming"])
    antwoord = _post(
        ouder, url, "instemming", plan.versie, besluit="ingestemd", op="2012-01-23", toelichting=""
    )
    assert antwoord.status_code == 302
    plan.refresh_from_db()
    assert plan.toestand == "vastgesteld" and plan.evaluaties.exists()
    brief = c.get(reverse("handelingsplannen:brief_plan", args=[plan.publiek_id]))
    assert brief["Content-Type"] == "application/pdf"
    # een evaluatie vastleggen: één formulier per evaluatie, de ouder krijgt er geen
    e = plan.evaluaties.order_by("uiterlijk").first()
    assert (
        f"evaluatie-{e.pk}-gehouden_op"
        not in ouder.get(reverse("handelingsplannen:plan", args=[plan.publiek_id])).content.decode()
    )
    assert (
        f"evaluatie-{e.pk}-gehouden_op"
        in c.get(reverse("handelingsplannen:plan", args=[plan.publiek_id])).content.decode()
    )
    url = reverse("handelingsplannen:plan_handeling", args=[plan.publiek_id, "evaluatie"])
    prefix = f"evaluatie-{e.pk}"
    fout = c.post(url, {"onderdeel": e.pk, f"{prefix}-versie": e.versie, f"{prefix}-verslag": "x"})
    assert fout.status_code == 200 and _fouten(fout.content.decode())  # geen datum
    e.refresh_from_db()
    assert e.gehouden_op is None
    antwoord = c.post(
        url,
        {
            "onderdeel": e.pk,
            f"{prefix}-versie": e.versie,
            f"{prefix}-gehouden_op": "14-3-2012",
            f"{prefix}-verslag": "doelen gehaald",
        },
    )
    assert antwoord.status_code == 302, _fouten(antwoord.content.decode())
    e.refresh_from_db()
    assert e.gehouden_op == date(2012, 3, 14) and e.verslag == "doelen gehaald"


# --- CvI -----------------------------------------------------------------------------------------


def test_de_cvi_verlengt_een_keer_en_de_regelkern_weigert_een_tweede_keer(client, wereld):
    z = maak_zaken(wereld)
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    c = _login(client, z.cvi3_secretaris)
    url = reverse("indicaties:handeling", args=[aanvraag.publiek_id, "verlengen"])
    html = _post(c, url, "verlengen", aanvraag.versie, op="2012-03-15", toelichting="").content
    assert any("noem de reden" in f for f in _fouten(html.decode()))
    assert _post(c, url, "verlengen", aanvraag.versie, op="2012-03-15", toelichting="onderzoek")
    aanvraag.refresh_from_db()
    assert aanvraag.verlengingen == 1
    html = _post(c, url, "verlengen", aanvraag.versie, op="2012-03-15", toelichting="nog eens")
    assert "hoogstens 1 keer verlengd" in html.content.decode()
    aanvraag.refresh_from_db()
    assert (aanvraag.verlengingen, aanvraag.versie) == (1, aanvraag.versie)
    url = reverse("indicaties:handeling", args=[aanvraag.publiek_id, "positief"])
    antwoord = _post(
        c, url, "positief", aanvraag.versie, onderwijssoort="lg", op="2012-03-15", bevestigd="ja"
    )
    assert antwoord.status_code == 302
    aanvraag.refresh_from_db()
    assert aanvraag.status == "positief"
    brief = c.get(reverse("indicaties:beschikking", args=[aanvraag.publiek_id]))
    assert brief["Content-Type"] == "application/pdf"
    assert "Jansen" not in brief["Content-Disposition"]


def test_een_cvi_lid_leest_mee_maar_krijgt_geen_beslisformulieren(client, wereld):
    z = maak_zaken(wereld)
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    html = _login(client, wereld.cvi_lid).get(
        reverse("indicaties:aanvraag", args=[aanvraag.publiek_id])
    )
    assert html.status_code == 200
    assert "positief-onderwijssoort" not in html.content.decode()
    assert Indicatieaanvraag.objects.get(pk=aanvraag.pk).status == "dossier_volledig"


@pytest.mark.bron(
    "003, paragraaf 'Rugzak - AB (RAB)': indicatie bij het REC van de regio van de ouders"
)
def test_de_secretaris_ziet_woonplaats_en_regio_naast_elkaar_bij_het_volledig_verklaren(
    client, wereld
):
    """I-32: rugzak toetst de regio niet, maar zet voor de secretaris de woonplaats van de
    leerling naast de regio van het REC, met het nummer van de interpretatie."""
    z = maak_zaken(wereld)
    aanvraag = met_rapport(z, dien_in(z))
    url = reverse("indicaties:aanvraag", args=[aanvraag.publiek_id])
    html = _login(client, z.cvi3_secretaris).get(url).content.decode()
    regio = re.search(r'<p id="regio-toets">(.*?)</p>', html, flags=re.S)
    assert regio is not None
    tekst = regio.group(1)
    assert "Harderwijk" in tekst and f"<strong>{wereld.rec.regio}</strong>" in tekst
    assert reverse("interpretatie", args=["I-32"]) in tekst
    # Wie het dossier niet volledig kan verklaren, krijgt het blok niet.
    lid = Client()
    assert 'id="regio-toets"' not in _login(lid, wereld.cvi_lid).get(url).content.decode()


# --- melding -------------------------------------------------------------------------------------


def test_het_meldingsformulier_noemt_elk_ontbrekend_veld_naast_het_veld(client, wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi)
    c = _login(client, wereld.ib_a)
    data = {
        "leerling": str(wereld.leerling_a.publiek_id),
        "school": str(wereld.school_a.pk),
        "cvi_nummer": indicatie.cvi_nummer,
        "schoolsoort": "bao",
    }
    antwoord = c.post(reverse("meldingen:nieuw"), data)
    html = antwoord.content.decode()
    assert "Niet in behandeling genomen" in html
    for veld in ("inschrijvingsdatum", "groep", "indicatiedatum", "onderwijssoort", "ab_verzorger"):
        assert f'id="id_{veld}_error"' in html, veld
    assert f'value="{indicatie.cvi_nummer}"' in html  # niets kwijt
    assert Melding.objects.count() == 0
    assert OnvolledigeIndiening.objects.count() == 1
    volledig_ = {
        **data,
        **{k: str(v) for k, v in meldingsformulier(indicatie, wereld.ab_dienst).items()},
    }
    antwoord = c.post(reverse("meldingen:nieuw"), volledig_)
    melding = Melding.objects.get()
    assert antwoord["Location"] == reverse("meldingen:melding", args=[melding.publiek_id])


def test_de_bekostigingsinstantie_weigert_met_reden_en_ziet_geen_namen(client, wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi)
    from rugzak.meldingen.services import melding_indienen

    melding = melding_indienen(
        door=wereld.ib_a,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=meldingsformulier(indicatie, wereld.ab_dienst),
    )
    c = _login(client, wereld.bekostigingsmedewerker)
    html = c.get(reverse("meldingen:melding", args=[melding.publiek_id])).content.decode()
    assert (
        "Anna" not in html
        and "Jansen" not in html
        and str(wereld.leerling_a.publiek_id) not in html
    )
    url = reverse("meldingen:beoordelen", args=[melding.publiek_id, "weigeren"])
    antwoord = _post(c, url, "weigeren", melding.versie, reden="")
    assert any("geef de reden" in f for f in _fouten(antwoord.content.decode()))
    melding.refresh_from_db()
    assert melding.status == "ontvangen"
    eerst = _post(c, url, "weigeren", melding.versie, reden="kopie ontbreekt")
    assert "Bevestigen: melding weigeren" in eerst.content.decode()
    melding.refresh_from_db()
    assert melding.status == "ontvangen"
    antwoord = _post(c, url, "weigeren", melding.versie, reden="kopie ontbreekt", bevestigd="ja")
    assert antwoord.status_code == 302
    melding.refresh_from_db()
    assert melding.status == "geweigerd"
    # de school kan verbeterd opnieuw indienen, met de gegevens van de geweigerde melding
    s = _login(Client(), wereld.ib_a)
    html = s.get(reverse("meldingen:melding", args=[melding.publiek_id])).content.decode()
    assert "Verbeteren en opnieuw indienen" in html
    html = s.get(reverse("meldingen:nieuw") + f"?van={melding.publiek_id}").content.decode()
    assert f'value="{indicatie.cvi_nummer}"' in html and 'value="22-08-2011"' in html


# --- start, geld en toegang ------------------------------------------------------------------------


def test_een_teamlid_ziet_geen_geld_en_geen_formulieren(client, wereld, aanmelding):
    zaak = aanmelding.start()
    c = _login(client, wereld.teamlid_a)
    start = c.get(reverse("start")).content.decode()
    assert "Het grootboek ziet alleen de directie en de intern begeleider" in start
    html = c.get(reverse("toelating:zaak", args=[zaak.publiek_id])).content.decode()
    assert "gegevens-versie" not in html and "volgende-fase-versie" not in html


def test_het_bestuur_toetst_een_voorgenomen_afwijzing_en_heroverwegen_vraagt_het_overleg(
    client, wereld, aanmelding
):
    zaak = aanmelding.zaak_in("10b")
    html = _login(client, wereld.directie_a).get(reverse("toelating:zaak", args=[zaak.publiek_id]))
    assert 'name="bestuurstoetsing-oordeel"' not in html.content.decode()
    b = _login(Client(), wereld.bestuurder_a)
    html = b.get(reverse("toelating:zaak", args=[zaak.publiek_id])).content.decode()
    assert "Toetsing door het bestuur (fase 10b)" in html
    assert '<fieldset class="veld keuzes' in html and "<legend>Oordeel van het bestuur" in html
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "bestuurstoetsing"])
    antwoord = _post(
        b, url, "bestuurstoetsing", zaak.versie, oordeel="heroverwegen",
        getoetst_op="2011-12-30", toelichting="Past niet bij ons beleid.",
    )  # fmt: skip
    fouten = " ".join(_fouten(antwoord.content.decode()))
    assert "overleg met de directie" in fouten and "uitkomst van het overleg" in fouten
    zaak.refresh_from_db()
    assert zaak.toestand == "10b"
    antwoord = _post(
        b, url, "bestuurstoetsing", zaak.versie, oordeel="overnemen",
        getoetst_op="2011-12-30", toelichting="Het advies is zorgvuldig.", bevestigd="ja",
    )  # fmt: skip
    assert antwoord.status_code == 302
    zaak.refresh_from_db()
    assert zaak.toestand == "11b"


def test_de_brief_bij_een_weigering_noemt_procedure_redenen_bezwaar_en_beroep(wereld, aanmelding):
    from rugzak.leerlingen.selectors import leerling_dossier
    from rugzak.toelating import brieven

    zaak = aanmelding.zaak_in("12b")
    dossier = leerling_dossier(
        gebruiker=wereld.directie_a, publiek_id=zaak.leerling.publiek_id, reden="test"
    )
    brief = brieven.besluit(
        zaak=zaak,
        dossier=dossier,
        door=wereld.ib_a,
        rol="intern_begeleider",
        vandaag=date(2012, 3, 15),
    )
    assert brief.toegelaten is False
    assert brief.redenen and brief.gevolgde_procedure
    assert "bezwaar" in brief.bezwaar and "Bestuur A" in brief.bezwaar
    assert "in beroep gaan bij de rechter" in brief.beroep
    assert brief.besluit_uiterlijk is not None  # acht weken na de aanmelding (regelkern)
    assert brief.hoofd.kenmerk == zaak.publiek_id.hex[:8]
    # ondertekend door wie besliste (de directie), niet door wie de brief maakt
    assert brief.ondertekenaar == brieven.ondertekenaar(wereld.directie_a, "directie")
