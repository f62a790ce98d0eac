"""De takenlijst op de startpagina ("Wat moet er deze week gebeuren"), per rol: elke regel
noemt het kind (de bekostigingsinstantie alleen het CvI-nummer), wat er moet gebeuren, wie
moet handelen, de uiterste datum, en een knop naar de pagina waar het gebeurt; alleen de
eigen taken staan onder "Uw taken", gegroepeerd ten opzichte van de peildatum
(donderdag 15 maart 2012, uit de fixture ``vaste_peildatum``: deze week is 12-18 maart,
volgende week 19-25 maart)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from rugzak.ambulante_begeleiding import services as ab
from rugzak.audit.models import AuditRegel
from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
from rugzak.meldingen.services import melding_indienen
from rugzak.organisaties.rollen import Roltype
from rugzak.termijnregister import termijnen_verzamelen
from rugzak.toelating.models import Toestand
from rugzak.toelating.termijnen import weigering_stap
from rugzak.web.taken import groep
from tests.app.conftest import schrijf_in
from tests.app.lgf_hulp import formulier, maak_indicatie
from tests.app.toelating_opbouw import gebruiker, maak_aanmelding
from tests.app.zaken_hulp import dien_in, maak_zaken, met_rapport, volledig
from tests.web.hulp import MODEL_BACKEND

pytestmark = pytest.mark.django_db

PEILDATUM = date(2012, 3, 15)


def _start(client, gebruiker) -> str:
    client.force_login(gebruiker, backend=MODEL_BACKEND)
    antwoord = client.get(reverse("start"))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _groepen(html: str) -> dict[str, str]:
    """De HTML van elke groep van "Uw taken" (kop-id -> tabel), en die van de gevolgde."""
    uit = {}
    for code in ("te_laat", "deze_week", "volgende_week", "later", "zonder", "gevolgd"):
        m = re.search(rf'id="bijschrift-taken-{code}".*?</table>', html, re.S)
        uit[code] = m.group(0) if m else ""
    return uit


def _rij(tabel: str, tekst: str) -> str:
    """De tabelregel van ``tabel`` waar ``tekst`` in staat."""
    for rij in re.findall(r"<tr>.*?</tr>", tabel, re.S):
        if tekst in rij:
            return rij
    return ""


def _knop(rij: str) -> str:
    m = re.search(r'<a class="knop-link" href="([^"]+)"', rij)
    return m.group(1) if m else ""


def test_groepen_te_laat_deze_week_volgende_week_later():
    assert groep(date(2012, 3, 14), PEILDATUM) == "te_laat"
    assert groep(date(2012, 3, 15), PEILDATUM) == "deze_week"
    assert groep(date(2012, 3, 18), PEILDATUM) == "deze_week"  # zondag
    assert groep(date(2012, 3, 19), PEILDATUM) == "volgende_week"
    assert groep(date(2012, 3, 25), PEILDATUM) == "volgende_week"
    assert groep(date(2012, 3, 26), PEILDATUM) == "later"
    assert groep(None, PEILDATUM) == "zonder"


@pytest.fixture
def school(wereld):
    """Drie toelatingszaken op school A:

    - Daan (traject a, fase 13, plaatsing 20 februari): handelingsplan uiterlijk 20 maart
      (volgende week), het plan ligt nog niet bij de ouders;
    - Eva (fase 8, aanmelding 11 januari + 9 dagen): beslissen uiterlijk 16 maart (deze week);
    - Finn (fase 5, aanmelding november): de acht weken zijn voorbij (te laat).
    """
    a = maak_aanmelding(wereld)
    daan = a.doorloop(a.start(date(2011, 12, 1)), plaatsingsdatum=date(2012, 2, 20)).tot("13")
    kinderen = {"daan": daan}
    for naam, start, fase in (("Eva", date(2012, 1, 11), "8"), ("Finn", date(2011, 11, 1), "5")):
        leerling = leerling_inschrijven(
            door=a.directie_so,
            school=a.so_school,
            voornaam=naam,
            achternaam="Smit",
            geboortedatum=date(2005, 3, 1),
            adres="Kerkstraat 3",
            postcode="3841 AC",
            woonplaats="Harderwijk",
            van=date(2009, 8, 20),
            groep=2,
        )
        ouder = gebruiker(f"ouder_{naam.lower()}", Roltype.OUDER)
        ouder_koppel(door=a.directie_so, leerling=leerling, ouder=ouder)
        from rugzak.toelating import services

        zaak = services.toelatingszaak_start(
            door=ouder, school=a.school, leerling=leerling, verzoek_op=start
        )
        kinderen[naam.lower()] = a.doorloop(zaak, ouder=ouder).tot(fase)
    return a, kinderen


def test_de_directie_ziet_haar_taken_per_kind_gegroepeerd_met_een_knop_naar_de_handeling(
    client, wereld, school
):
    _, zaken = school
    html = _start(client, wereld.directie_a)
    g = _groepen(html)
    # deze week: de directie beslist over Eva (fase 8), met de knop naar de beslissing
    rij = _rij(g["deze_week"], "Smit, Eva")
    assert "Beslis over toelating" in rij and "16 maart 2012" in rij
    assert _knop(rij) == reverse("toelating:zaak", args=[zaken["eva"].publiek_id]) + "#besluit"
    # te laat: de procedure van Finn (fase 5); volgende week: het handelingsplan van Daan
    assert "Rond de toelatingsprocedure af" in _rij(g["te_laat"], "Smit, Finn")
    rij = _rij(g["volgende_week"], "de Vries, Daan")
    assert "Stel het handelingsplan op" in rij and "20 maart 2012" in rij
    # een toegelaten kind heeft geen achtwekentermijn als taak, en nergens staat op een
    # toegelaten zaak "besluit tot niet-toelating"
    assert "niet-toelating" not in html
    # wie moet handelen staat erbij
    assert "De directie van School A" in rij or "Directie of intern begeleider van School A" in rij


def test_de_intern_begeleider_ziet_de_beslissing_van_de_directie_alleen_als_gevolgd(
    client, wereld, school
):
    html = _start(client, wereld.ib_a)
    g = _groepen(html)
    assert "Smit, Eva" not in g["deze_week"]  # beslissen is van de directie (002, fase 8)
    assert "Beslis over toelating" in _rij(g["gevolgd"], "Smit, Eva")
    assert "Rond de toelatingsprocedure af" in _rij(g["te_laat"], "Smit, Finn")
    assert "Stel het handelingsplan op" in _rij(g["volgende_week"], "de Vries, Daan")


def test_een_teamlid_heeft_geen_eigen_taken_en_volgt_die_van_de_school(client, wereld, school):
    html = _start(client, wereld.teamlid_a)
    g = _groepen(html)
    assert not any(g[c] for c in ("te_laat", "deze_week", "volgende_week", "later", "zonder"))
    assert "U hoeft op dit moment niets te doen." in html
    assert "Smit, Eva" in g["gevolgd"] and 'class="knop-link"' not in g["gevolgd"]


def test_de_ouder_ziet_de_gevraagde_instemming_bovenaan_en_niet_de_taken_van_de_school(
    client, wereld, school
):
    a, zaken = school
    d = a.doorloop(zaken["daan"])
    plan = d.handelingsplan(tot="ter_instemming")
    html = _start(client, a.ouder)
    kop = html.index('id="kop-toestemming"')
    assert kop < html.index('id="kop-aandacht"') and kop < html.index("kop-kind-")
    blok = html[kop : html.index("</section>", kop)]
    assert "Daan" in blok and "geef instemming met het handelingsplan" in blok
    assert "20 maart 2012" in blok  # de termijn van het handelingsplan (002, fase 13)
    assert (reverse("handelingsplannen:plan", args=[plan.publiek_id]) + "#instemming") in blok
    g = _groepen(html)
    assert not any(g[c] for c in ("te_laat", "deze_week", "volgende_week", "later", "zonder"))
    # de school volgt nu de instemming van de ouders, en heeft zelf geen taak meer voor Daan
    html = _start(client, wereld.ib_a)
    g = _groepen(html)
    assert "de Vries, Daan" not in g["volgende_week"]
    assert "Geef instemming met het handelingsplan" in _rij(g["gevolgd"], "de Vries, Daan")


def test_het_bestuur_toetst_een_voorgenomen_afwijzing(client, wereld):
    a = maak_aanmelding(wereld)
    zaak = a.zaak_in("10b", verzoek_op=date(2012, 1, 20))
    html = _start(client, wereld.bestuurder_a)
    rij = _rij(_groepen(html)["volgende_week"], "de Vries, Daan")  # 29 jan + 8 weken
    assert "Toets het advies tot afwijzing" in rij and "25 maart 2012" in rij
    assert _knop(rij).endswith(
        reverse("toelating:zaak", args=[zaak.publiek_id]) + "#bestuurstoetsing"
    )


def test_de_naam_van_de_achtwekentermijn_volgt_de_fase(wereld):
    a = maak_aanmelding(wereld)
    zaak = a.start(date(2012, 1, 20))
    for toestand, naam, actie in (
        (Toestand.F3, "beslissing over toelating", "Rond de toelatingsprocedure af"),
        (Toestand.F8, "beslissing over toelating", "Beslis over toelating"),
        (Toestand.F10B, "schriftelijk besluit tot niet-toelating", "Toets het advies"),
        (Toestand.F11B, "schriftelijk besluit tot niet-toelating", "Leg het schriftelijke"),
        (Toestand.AFGEWEZEN, "schriftelijk besluit tot niet-toelating", ""),
    ):
        zaak.toestand = toestand
        gekregen = weigering_stap(zaak)
        assert gekregen[0].startswith(naam) and gekregen[1].startswith(actie), toestand
    zaak.toestand, zaak.besluit = Toestand.F10A, "toelaten"
    assert weigering_stap(zaak)[:3] == ("beslissing over toelating: toegelaten", "", frozenset())


def test_de_cvi_secretaris_beslist_en_beoordeelt_volledigheid_het_lid_volgt(client, wereld):
    z = maak_zaken(wereld)
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))  # volledig 23 januari: + 8 weken
    open_ = dien_in(z, leerling=wereld.leerling_b, door=wereld.ouder_b)
    html = _start(client, z.cvi3_secretaris)
    g = _groepen(html)
    rij = _rij(g["volgende_week"], "Jansen, Anna")
    assert "Beslis over de indicatieaanvraag" in rij and "19 maart 2012" in rij
    assert _knop(rij) == reverse("indicaties:aanvraag", args=[aanvraag.publiek_id]) + "#positief"
    rij = _rij(g["zonder"], "Bakker, Bram")
    assert "Beoordeel of het dossier volledig is" in rij
    assert _knop(rij) == reverse("indicaties:aanvraag", args=[open_.publiek_id]) + "#volledig"
    # het lid van de CvI beslist niet: alleen gevolgd
    html = _start(client, wereld.cvi_lid)
    g = _groepen(html)
    assert "Jansen, Anna" not in g["volgende_week"] and "Bakker, Bram" not in g["zonder"]
    assert "Beslis over de indicatieaanvraag" in _rij(g["gevolgd"], "Jansen, Anna")


def test_de_ab_coordinator_wijst_een_aangevraagde_begeleiding_toe(client, wereld):
    z = maak_zaken(wereld)
    b = ab.begeleiding_aanvragen_pab(
        door=wereld.directie_a,
        leerling=wereld.leerling_a,
        ab_dienst=wereld.ab_dienst,
        adviseur=z.ab_coordinator,
        advies_op=date(2012, 3, 1),
    )
    html = _start(client, z.ab_coordinator)
    rij = _rij(_groepen(html)["zonder"], "Jansen, Anna")
    assert "Wijs de begeleiding toe of af" in rij
    assert _knop(rij) == reverse("ambulante_begeleiding:begeleiding", args=[b.publiek_id])
    # de ambulant begeleider wijst niet toe
    html = _start(client, wereld.ambulant_begeleider)
    assert "Wijs de begeleiding toe of af" not in html


def test_de_bekostigingsinstantie_ziet_haar_taken_op_cvi_nummer_zonder_namen(client, wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi)
    melding = melding_indienen(
        door=wereld.ib_a,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
        meldingsdatum=date(2012, 3, 1),
    )
    html = _start(client, wereld.bekostigingsmedewerker)
    rij = _rij(_groepen(html)["zonder"], f"CvI-nummer {indicatie.cvi_nummer}")
    assert "Beoordeel de melding" in rij
    assert _knop(rij) == reverse("meldingen:melding", args=[melding.publiek_id]) + "#accepteren"
    assert "Jansen" not in html and "Anna" not in html


def test_elke_getoonde_naam_uit_het_termijnregister_staat_in_het_auditlog_in_een_insert(
    client, wereld, school
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    voor = AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("start")).status_code == 200
    gelezen = {
        r.leerling_publiek_id for r in AuditRegel.objects.filter(id__gt=voor, objecttype="termijn")
    }
    _, zaken = school
    for zaak in zaken.values():
        assert str(zaak.leerling.publiek_id) in gelezen
    inserts = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("INSERT") and "audit" in q["sql"] and "'termijn'" in q["sql"]
    ]
    assert len(inserts) <= 1


def test_de_takenlijst_doet_een_vast_aantal_queries(client, wereld):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    z = maak_zaken(wereld)
    volledig(z, met_rapport(z, dien_in(z)))

    def tel() -> int:
        client.force_login(z.cvi3_secretaris, backend=MODEL_BACKEND)
        # het eerste verzoek na het inloggen slaat de nieuwe sessie op (rugzak.site.sessies);
        # geteld wordt een gewoon verzoek daarna
        assert client.get(reverse("start")).status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("start")).status_code == 200
        return len(ctx.captured_queries)

    voor = tel()
    for naam in ("Ben", "Cor", "Dirk", "Eef"):
        leerling = schrijf_in(wereld.directie_a, wereld.school_a, naam, groep=4)
        ouder = gebruiker(f"ouder_{naam.lower()}", Roltype.OUDER)
        ouder_koppel(door=wereld.directie_a, leerling=leerling, ouder=ouder)
        aanvraag = met_rapport(z, dien_in(z, leerling=leerling, door=ouder))
        if naam != "Eef":  # Eef wacht op de beoordeling van de volledigheid
            volledig(z, aanvraag)
    assert len([t for t in termijnen_verzamelen(z.cvi3_secretaris) if t.actie]) == 4
    assert tel() == voor
