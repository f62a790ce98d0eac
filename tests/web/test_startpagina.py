"""De startpagina per rol: wat moet er deze week gebeuren, zaken per fase, het geld van dit
schooljaar (met "Waarom dit bedrag?"), alleen wat de rol mag zien, en een vast aantal
queries hoeveel zaken er ook zijn."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import betaalschema
from rugzak.regeling.tijd import Schooljaar
from rugzak.regeling.uitleg import euro
from tests.app.conftest import schrijf_in
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie
from tests.app.toelating_opbouw import maak_aanmelding
from tests.app.zaken_hulp import dien_in, maak_zaken, met_rapport, volledig
from tests.web.hulp import MODEL_BACKEND, bedieningen_zonder_label, inline_stijl_of_script

pytestmark = pytest.mark.django_db


def _start(client, gebruiker) -> str:
    client.force_login(gebruiker, backend=MODEL_BACKEND)
    antwoord = client.get(reverse("start"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert bedieningen_zonder_label(html) == [] and inline_stijl_of_script(html) == []
    return html


def _meld(wereld, leerling=None, school=None, door=None, **extra):
    leerling = leerling or wereld.leerling_a
    indicatie = maak_indicatie(leerling, wereld.cvi)
    return geaccepteerde_melding(
        door=door or wereld.ib_a,
        beoordelaar=wereld.bekostigingsmedewerker,
        leerling=leerling,
        school=school or wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst, **extra),
        meldingsdatum=date(2011, 9, 1),
    )


def test_de_school_ziet_haar_lgf_leerlingen_toelatingszaken_en_meldingen(client, wereld):
    _meld(wereld)
    maak_aanmelding(wereld).start()
    html = _start(client, wereld.directie_a)
    assert "School A (11AA)" in html
    assert "LGF-leerlingen" in html and "Jansen, Anna" in html
    assert "fase 1: verzoek om plaatsing" in html
    assert reverse("meldingen:nieuw") in html
    assert reverse("betalingen:grootboek", args=[wereld.school_a.pk]) in html


def test_het_geld_van_de_school_linkt_naar_het_grootboek_met_uitleg_per_regel(client, wereld):
    from rugzak.betalingen.services import betaalrun_uitvoeren

    _meld(wereld)
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand="2012-03")
    html = _start(client, wereld.directie_a)
    assert "Waarom dit bedrag? Het grootboek per regel" in html
    grootboek = client.get(reverse("betalingen:grootboek", args=[wereld.school_a.pk]))
    tekst = grootboek.content.decode()
    assert 'role="img"' in tekst  # de grafieken per maand en per onderwijssoort
    assert "zeer moeilijk lerend" in tekst
    regel = tekst.split('href="/betalingen/grootboek/regel/')[1].split("/")[0]
    uitleg = client.get(reverse("betalingen:regel", args=[int(regel)])).content.decode()
    assert "Gelezen uit de regeling" in uitleg and "dat klopt" in uitleg
    # de run die de regel boekte: de school leest haar maand, maar opent de run niet (403),
    # dus geen link; de bekostigingsinstantie krijgt die wel
    assert "de betaalrun van maart 2012" in uitleg and "/betalingen/runs/" not in uitleg
    client.force_login(wereld.bekostigingsmedewerker, backend=MODEL_BACKEND)
    duo = client.get(reverse("betalingen:regel", args=[int(regel)])).content.decode()
    assert 'href="/betalingen/runs/' in duo


def test_de_cvi_ziet_volledigheid_beslissingen_en_verlengingen(client, wereld):
    z = maak_zaken(wereld)
    dien_in(z)
    leerling_b2 = schrijf_in(wereld.directie_a, wereld.school_a, "Bas", groep=3)
    from rugzak.leerlingen.services import ouder_koppel

    ouder_koppel(door=wereld.directie_a, leerling=leerling_b2, ouder=wereld.ouder_a)
    volledig(z, met_rapport(z, dien_in(z, leerling=leerling_b2)))
    html = _start(client, z.cvi3_secretaris)
    assert "Volledigheid beoordelen" in html and "Beslissingen die eraan komen" in html
    assert "Jansen, Anna" in html and "Jansen, Bas" in html
    assert "19 maart 2012" in html  # acht weken na het volledige dossier (regelkern)


def test_de_bekostigingsinstantie_ziet_binnengekomen_meldingen_zonder_namen(client, wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi)
    from rugzak.meldingen.services import melding_indienen

    melding_indienen(
        door=wereld.ib_a,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
    )
    html = _start(client, wereld.bekostigingsmedewerker)
    assert f"Melding {indicatie.cvi_nummer}" in html
    assert "Betaalruns: de maand uitvoeren" in html
    assert "Anna" not in html and "Jansen" not in html
    assert str(wereld.leerling_a.publiek_id) not in html


def test_de_ouder_ziet_wat_de_rugzak_van_het_eigen_kind_bevat_met_uitleg(client, wereld):
    _meld(wereld)
    html = _start(client, wereld.ouder_a)
    schema = betaalschema(
        standaard_regeling(),
        gebeurtenissen_per_leerling(leerling_ids=[wereld.leerling_a.pk])[wereld.leerling_a.pk],
        Schooljaar(2011),
        geboortedatum=wereld.leerling_a.geboortedatum,
    )
    assert schema.totaal > Decimal(0)
    # in één zin: wat de rugzak per schooljaar bevat, vanaf wanneer, en wie het krijgt
    zin = re.search(r'<p class="rugzakzin">(.*?)</p>', html, re.S)
    assert zin is not None
    zin = unescape(zin.group(1)).replace("\u00a0", " ")
    eerste = min(b.maand for b in schema.betalingen)
    assert zin.startswith("De rugzak van Anna bevat in schooljaar 2011-2012, vanaf ")
    assert f"vanaf {eerste.eerste_dag.day} " in zin
    for b in schema.betalingen:
        assert b.jaarbedrag is not None and euro(b.jaarbedrag) in zin
    assert wereld.school_a.naam in zin and f"samen {euro(schema.totaal)}." in zin
    # "Waarom?" in gewone taal: de stappen met hun bron, zonder formules of invoercodes
    assert "<summary>Waarom dit bedrag?</summary>" in html
    assert "Waar het staat:" in html and "document 001" in html
    for fout in ("floor(", "Invoer:", "betalingen =", "Gelezen uit de regeling", "T·k"):
        assert fout not in html, fout
    assert "Anna Jansen" in html and "Bram" not in html
    assert "Leerlingen die u mag zien" not in html


def test_de_ab_dienst_ziet_het_werk_per_soort(client, wereld):
    html = _start(client, wereld.ambulant_begeleider)
    assert "Begeleidingen per soort" in html
    for soort in ("Rugzak-AB (RAB)", "Terugplaatsings-AB (TAB)", "Preventieve AB (PAB)"):
        assert soort in html


#: Hoeveel queries een startpagina hoogstens kost (issue 11; de auditregels van alle blokken
#: samen zijn één bulkinsert aan het eind van het verzoek).
HOOGSTENS_SCHOOL = 22  # met de takenlijst van issue 15 (was 24)
HOOGSTENS_BEKOSTIGING = 10


def _queries(client, gebruiker) -> int:
    client.force_login(gebruiker, backend=MODEL_BACKEND)
    # een nieuwe sessie wordt bij het eerste verzoek opgeslagen, daarna hoogstens eens per
    # minuut (rugzak.site.sessies): tel een gewoon verzoek
    client.get(reverse("start"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("start")).status_code == 200
    return len(ctx.captured_queries)


def test_de_startpagina_van_de_school_doet_een_vast_aantal_queries(client, wereld):
    _meld(wereld)
    aanmelding = maak_aanmelding(wereld)
    aanmelding.zaak_in("3")
    voor = _queries(client, wereld.directie_a)
    for naam in ("Ben", "Cor", "Dirk"):
        leerling = schrijf_in(wereld.directie_a, wereld.school_a, naam, groep=4)
        _meld(wereld, leerling=leerling, groep=4)
    na = _queries(client, wereld.directie_a)
    assert na == voor
    assert na <= HOOGSTENS_SCHOOL, na


def test_de_startpagina_van_de_bekostigingsinstantie_doet_een_vast_aantal_queries(client, wereld):
    _meld(wereld)
    voor = _queries(client, wereld.bekostigingsmedewerker)
    for naam in ("Ben", "Cor", "Dirk"):
        leerling = schrijf_in(wereld.directie_a, wereld.school_a, naam, groep=4)
        _meld(wereld, leerling=leerling, groep=4)
    assert _queries(client, wereld.bekostigingsmedewerker) == voor
    assert voor <= HOOGSTENS_BEKOSTIGING, voor


def test_de_startpagina_schrijft_al_haar_auditregels_in_een_bulkinsert(client, wereld):
    """De startpagina van de school logt meer overzichten (termijnen, meldingen,
    toelatingszaken); samen één insert aan het eind van het verzoek (rugzak.audit)."""
    from rugzak.audit.models import AuditRegel

    _meld(wereld)
    maak_aanmelding(wereld).zaak_in("3")
    tabel = AuditRegel._meta.db_table
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    client.get(reverse("start"))
    voor = AuditRegel.objects.count()
    with CaptureQueriesContext(connection) as q:
        assert client.get(reverse("start")).status_code == 200
    inserts = [
        s["sql"]
        for s in q.captured_queries
        if s["sql"].startswith((f'INSERT INTO "{tabel}"', f'COPY "{tabel}"'))
    ]
    nieuw = list(AuditRegel.objects.order_by("-id")[: AuditRegel.objects.count() - voor])
    assert len({r.reden for r in nieuw}) >= 2, [r.reden for r in nieuw]
    assert len(inserts) == 1, inserts
