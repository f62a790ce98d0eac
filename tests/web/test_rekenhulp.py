"""De openbare rekenhulp "Wat zit er in de rugzak?": zonder inloggen, bedragen uit de
regelkern, fouten naast het veld, leemtes in de bronnen zonder bedrag, cluster 1 apart."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rugzak.audit.models import AuditRegel
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.tijd import Schooljaar
from rugzak.regeling.uitleg import euro
from tests.web.hulp import bedieningen_zonder_label, inline_stijl_of_script

pytestmark = pytest.mark.django_db


def _reken(client, **velden):
    return client.get(reverse("rekenhulp"), velden)


def test_de_rekenhulp_is_openbaar_en_heeft_een_label_bij_elk_veld(client):
    antwoord = client.get(reverse("rekenhulp"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Wat zit er in de rugzak?" in html
    assert 'method="get"' in html
    assert bedieningen_zonder_label(html) == []
    assert inline_stijl_of_script(html) == []
    assert "Totaal per schooljaar" not in html  # nog niets berekend


@pytest.mark.bron(
    "001, tabel 'Leerlinggebonden budget per 1 augustus 2011 voor het basisonderwijs'"
)
def test_het_bedrag_komt_uit_de_regelkern_met_elk_deel_en_zijn_ontvanger(client):
    antwoord = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="zml", groep="4"
    )
    html = antwoord.content.decode()
    budget = jaarbudget(
        standaard_regeling(),
        Situatie(Schooljaar(2011), Schoolsoort.BAO, Onderwijssoort.ZML, groep=4),
    )
    assert f'Totaal per schooljaar: <strong class="bedrag">{euro(budget.totaal)}</strong>' in html
    assert euro(budget.totaal) == "€ 18.277,74"
    for post in budget.posten:
        assert euro(post.bedrag) in html
        assert post.deel.omschrijving.capitalize() in html
    for ontvanger, bedrag in budget.per_ontvanger().items():
        assert f"Samen naar {ontvanger.omschrijving}" in html
        assert euro(bedrag) in html


def test_waarom_dit_bedrag_toont_elke_stap_elke_gelezen_cel_met_bron_en_de_interpretaties(client):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="zml", groep="4"
    ).content.decode()
    budget = jaarbudget(
        standaard_regeling(),
        Situatie(Schooljaar(2011), Schoolsoort.BAO, Onderwijssoort.ZML, groep=4),
    )
    assert "<summary>Waarom dit bedrag?</summary>" in html
    assert html.count('<li class="stap">') == len(budget.uitleg.stappen)
    for stap in budget.uitleg.stappen:
        for gelezen in stap.gelezen:
            assert gelezen.bron.sectie.replace("'", "&#x27;") in html
            assert f"rij ‘{gelezen.bron.rij}’" in html.replace("&#x27;", "'")
            assert f"kolom ‘{gelezen.bron.kolom}’" in html.replace("&#x27;", "'")
    for i in budget.uitleg.interpretaties():
        titel = standaard_regeling().interpretaties[i].titel
        assert f'href="/regeling/interpretaties/{i}/"' in html
        assert titel.replace("'", "&#x27;") in html
        assert client.get(f"/regeling/interpretaties/{i}/").status_code == 200


def test_een_ontbrekend_verplicht_veld_staat_naast_het_veld_en_de_invoer_blijft(client):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="zml"
    ).content.decode()
    assert re.search(r'<p class="veldfout" id="id_groep_error">.*zml-leerling in het basis', html)
    assert 'aria-invalid="true"' in re.search(r"<select name=\"groep\"[^>]*>", html).group(0)
    assert re.search(r'<option value="zml" selected>', html)
    assert re.search(r'<option value="2011-2012" selected>', html)
    assert 'role="alert"' in html and 'href="#id_groep"' in html
    assert "Totaal per schooljaar" not in html
    assert "<title>Fout in het formulier:" in html


def test_groep_is_niet_nodig_waar_het_bedrag_er_niet_van_afhangt(client):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="lg"
    ).content.decode()
    assert 'id="id_groep_error"' not in html
    assert "Totaal per schooljaar" in html


def test_een_ongeldige_keuze_geeft_een_nederlandse_fout_naast_het_veld(client):
    html = _reken(client, schooljaar="1999-2000", schoolsoort="bao", onderwijssoort="lg", groep="3")
    tekst = html.content.decode()
    assert 'id="id_schooljaar_error"' in tekst
    assert "voor 1999-2000 geven de bronnen geen bedragen; kies een van" in tekst


@pytest.mark.bron("001, tabel voor het voortgezet onderwijs")
def test_een_combinatie_die_de_bronnen_niet_prijzen_geeft_de_melding_van_de_kern_zonder_bedrag(
    client,
):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="vo", onderwijssoort="esm", vo_variant="overig"
    ).content.decode()
    assert "Geen bedrag: de bronnen prijzen deze situatie niet" in html
    assert "ernstige spraakmoeilijkheden in het voortgezet onderwijs" in html
    assert "er wordt niet teruggevallen op een ander jaar" in html
    assert "Totaal per schooljaar" not in html and "Waarom dit bedrag?" not in html


def test_alleen_geprijsde_schooljaren_en_een_ander_jaar_noemt_wat_wel_kan(client):
    """Issue 15: de keuzelijst biedt alleen de schooljaren waarvoor de regelkern tarieven
    kent; een jaar zonder tarieven (met de hand in de URL) is een fout bij het veld."""
    from rugzak.regeling.laden import standaard_regeling
    from rugzak.regeling.regels.budget import geprijsde_schooljaren

    jaren = [str(j) for j in geprijsde_schooljaren(standaard_regeling())]
    assert jaren == ["2009-2010", "2011-2012"]
    html = client.get(reverse("rekenhulp")).content.decode()
    keuzes = re.findall(r'<option value="(\d{4}-\d{4})"', html)
    assert keuzes == jaren
    for jaar in ("2005-2006", "2003-2004"):
        tekst = _reken(
            client, schooljaar=jaar, schoolsoort="bao", onderwijssoort="zml", groep="3"
        ).content.decode()
        assert 'id="id_schooljaar_error"' in tekst
        assert f"voor {jaar} geven de bronnen geen bedragen; kies een van 2009-2010, 2011-2012" in (
            tekst
        )
        assert "Totaal per schooljaar" not in tekst


def test_de_uitkomst_staat_in_beeld_via_het_anker(client):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="zml", groep="4"
    ).content.decode()
    assert 'action="/rekenhulp/#uitkomst"' in html
    anker = html.index('id="uitkomst"')
    assert anker < html.index("Totaal per schooljaar")


@pytest.mark.bron("001, paragraaf 'Visueel gehandicapten'")
def test_cluster_1_heet_bijzondere_bekostiging_en_geen_lgf(client):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="blind"
    ).content.decode()
    assert "Bijzondere bekostiging, geen LGF: blind" in html
    assert "vallen niet onder de leerlinggebonden financiering" in html
    budget = jaarbudget(
        standaard_regeling(),
        Situatie(Schooljaar(2011), Schoolsoort.BAO, Onderwijssoort.BLIND),
    )
    assert euro(budget.totaal) in html
    # in de keuzelijst staat cluster 1 apart, met hetzelfde label
    assert "(bijzondere bekostiging, geen LGF)" in html


def test_de_grafieken_tonen_twaalf_maanden_en_de_onderwijssoorten_ook_als_tabel(client):
    html = _reken(
        client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="zml", groep="4"
    ).content.decode()
    assert html.count('role="img"') == 2
    assert "Per maand in 2011-2012" in html
    assert "De cijfers als tabel" in html
    # de twaalf maandbedragen tellen op tot het jaarbedrag (I-11)
    tabel = html.split("Per maand in 2011-2012")[-1].split("</table>")[0]
    assert tabel.count('<th scope="row">') == 13  # twaalf maanden en het totaal
    assert re.search(r'<th scope="row">Totaal</th><td class="getal">€ 18.277,74</td>', tabel)
    assert "zeer moeilijk lerend (gekozen)" in html
    assert inline_stijl_of_script(html) == []


def test_de_rekenhulp_schrijft_niets_in_het_auditlog(client):
    voor = AuditRegel.objects.count()
    _reken(client, schooljaar="2011-2012", schoolsoort="bao", onderwijssoort="zml", groep="4")
    assert AuditRegel.objects.count() == voor
