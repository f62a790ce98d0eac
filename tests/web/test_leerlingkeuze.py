"""De keuzelijsten van het meldingsformulier en van een nieuwe toelatingszaak houden niet
meer stil op bij 1.000 leerlingen of 2.000 scholen: wie te veel leerlingen ziet, zoekt op
naam (een knop in hetzelfde formulier, zonder JavaScript, niets van de invoer kwijt), de
server controleert de gekozen leerling, en de vorige school is een BRIN-nummer met een
foutmelding die het veld en de vorm noemt."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.web import leerlingkeuze
from rugzak.meldingen.models import Melding, OnvolledigeIndiening
from rugzak.toelating.models import Toelatingszaak
from tests.app.conftest import schrijf_in
from tests.app.lgf_hulp import formulier as meldingsformulier
from tests.app.lgf_hulp import maak_indicatie
from tests.web.hulp import MODEL_BACKEND

pytestmark = pytest.mark.django_db

KEUZELIJST = "meldingsformulier: keuzelijst"


def _login(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker, backend=MODEL_BACKEND)
    return c


def _opties(html: str, veld: str = "leerling") -> list[str]:
    """De waarden van de opties van keuzelijst ``veld`` (zonder de lege)."""
    m = re.search(rf'<select name="{veld}"[^>]*>(.*?)</select>', html, re.S)
    assert m, f"geen keuzelijst {veld}"
    return [w for w in re.findall(r'<option value="([^"]*)"', m.group(1)) if w]


def _fouten(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", f).replace("Fout: ", "").strip()
        for f in re.findall(r'class="veldfout"[^>]*>(.*?)</p>', html, re.S)
    ]


def _laatste_audit() -> int:
    return AuditRegel.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def veel(wereld, monkeypatch):
    """School A met vier leerlingen, en een keuzelijst van hoogstens twee: te veel."""
    monkeypatch.setattr(leerlingkeuze, "KEUZE_MAX", 2)
    d = wereld.directie_a
    return {
        "vries1": schrijf_in(d, wereld.school_a, "Bas", groep=3, achternaam="Vries", tussenvoegsel="de"),
        "vries2": schrijf_in(d, wereld.school_a, "Cor", groep=4, achternaam="Vries", tussenvoegsel="de"),
        "jansen": schrijf_in(d, wereld.school_a, "Dirk", groep=6),
    }  # fmt: skip


def test_wie_weinig_leerlingen_ziet_krijgt_ze_allemaal_zonder_zoekveld(wereld):
    html = _login(wereld.ib_a).get(reverse("meldingen:nieuw")).content.decode()
    assert _opties(html) == [str(wereld.leerling_a.publiek_id)]
    assert 'name="zoek_leerling"' not in html
    # de vorige school is geen keuzelijst van (hoogstens 2.000) scholen meer maar een BRIN
    assert '<select name="vorige_school"' not in html
    assert 'name="vorige_school"' in html and "BRIN-nummer" in html


def test_wie_te_veel_leerlingen_ziet_zoekt_eerst_en_houdt_zijn_invoer(wereld, veel):
    c = _login(wereld.ib_a)
    voor = _laatste_audit()
    html = c.get(reverse("meldingen:nieuw")).content.decode()
    assert 'name="zoek_leerling"' in html and 'name="leerling_zoeken"' in html
    assert "U mag 4 leerlingen zien; dat zijn te veel voor één keuzelijst" in html
    assert _opties(html) == []  # niets stil afgekapt: leeg tot er gezocht is
    assert not AuditRegel.objects.filter(id__gt=voor, reden=KEUZELIJST).exists()

    voor = _laatste_audit()
    html = c.post(
        reverse("meldingen:nieuw"),
        {
            "zoek_leerling": "vries",
            "leerling_zoeken": "1",
            "school": str(wereld.school_a.pk),
            "cvi_nummer": "C3-12345",
            "groep": "5",
        },
    ).content.decode()
    gevonden = {str(veel["vries1"].publiek_id), str(veel["vries2"].publiek_id)}
    assert set(_opties(html)) == gevonden
    assert "2 leerlingen gevonden met &#x27;vries&#x27;" in html
    assert 'value="C3-12345"' in html and 'value="vries"' in html  # niets kwijt
    assert re.search(r'<option value="5" selected>groep 5</option>', html)
    assert "Niet in behandeling genomen" not in html and not _fouten(html)
    assert Melding.objects.count() == 0 and OnvolledigeIndiening.objects.count() == 0
    gelogd = AuditRegel.objects.filter(id__gt=voor, reden=KEUZELIJST)
    assert set(gelogd.values_list("object_id", flat=True)) == gevonden

    html = c.post(
        reverse("meldingen:nieuw"), {"zoek_leerling": "xyz", "leerling_zoeken": "1"}
    ).content.decode()
    assert "Geen leerling gevonden met &#x27;xyz&#x27;" in html and _opties(html) == []
    # meer treffers dan in de lijst passen: dat staat er, met hoe u verder zoekt
    html = c.post(
        reverse("meldingen:nieuw"), {"zoek_leerling": "a", "leerling_zoeken": "1"}
    ).content.decode()
    assert len(_opties(html)) == 2
    assert "de eerste 2 (op achternaam) staan in de keuzelijst. Typ meer van de naam" in html


def test_de_gekozen_leerling_controleert_de_server_ook_buiten_de_lijst(wereld, veel):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi)
    c = _login(wereld.ib_a)
    data = {
        "school": str(wereld.school_a.pk),
        **{k: str(v) for k, v in meldingsformulier(indicatie, wereld.ab_dienst).items()},
    }
    # een leerling van een andere school: een fout bij het veld, geen melding
    html = c.post(
        reverse("meldingen:nieuw"), {**data, "leerling": str(wereld.leerling_b.publiek_id)}
    ).content.decode()
    assert leerlingkeuze.ONGELDIGE_LEERLING in [f.replace("&#x27;", "'") for f in _fouten(html)]
    assert 'id="id_leerling_error"' in html
    assert Melding.objects.count() == 0
    # een eigen leerling die niet in de (lege) keuzelijst stond: de melding gaat door
    antwoord = c.post(
        reverse("meldingen:nieuw"), {**data, "leerling": str(wereld.leerling_a.publiek_id)}
    )
    melding = Melding.objects.get()
    assert antwoord["Location"] == reverse("meldingen:melding", args=[melding.publiek_id])


def test_de_vorige_school_is_een_brin_nummer_met_een_duidelijke_fout(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi)
    c = _login(wereld.ib_a)
    data = {
        "leerling": str(wereld.leerling_a.publiek_id),
        "school": str(wereld.school_a.pk),
        "schoolwisseling": "on",
        **{k: str(v) for k, v in meldingsformulier(indicatie, wereld.ab_dienst).items()},
    }
    verwacht = {
        "12": "vul het BRIN-nummer van de vorige school in: twee cijfers en twee letters, "
        "bv. 12AB (niet '12')",
        "99zz": "geen school met BRIN-nummer 99ZZ; vul het BRIN-nummer van de vorige school "
        "in (twee cijfers en twee letters, bv. 12AB)",
        wereld.school_a.brin: f"{wereld.school_a.brin} is de meldende school zelf",
    }
    for invoer, fout in verwacht.items():
        html = c.post(reverse("meldingen:nieuw"), {**data, "vorige_school": invoer})
        tekst = html.content.decode().replace("&#x27;", "'")
        assert 'id="id_vorige_school_error"' in tekst, invoer
        assert any(f.startswith(fout) for f in _fouten(tekst)), (invoer, _fouten(tekst))
        assert "Vorige school (BRIN-nummer)" in tekst
    assert Melding.objects.count() == 0
    antwoord = c.post(
        reverse("meldingen:nieuw"), {**data, "vorige_school": f" {wereld.school_b.brin.lower()}"}
    )
    assert antwoord.status_code == 302
    melding = Melding.objects.get()
    assert melding.vorige_school_id == wereld.school_b.pk
    # opnieuw indienen neemt de vorige school over als BRIN-nummer
    html = c.get(reverse("meldingen:nieuw") + f"?van={melding.publiek_id}").content.decode()
    assert f'value="{wereld.school_b.brin}"' in html


def test_een_nieuwe_toelatingszaak_zoekt_de_leerling_ook_op_naam(wereld, veel):
    c = _login(wereld.directie_a)
    html = c.get(reverse("toelating:nieuw")).content.decode()
    assert 'name="zoek_leerling"' in html and _opties(html) == []
    html = c.post(
        reverse("toelating:nieuw"),
        {
            "school": str(wereld.school_a.pk),
            "verzoek_op": "2011-10-03",
            "zoek_leerling": "dirk",
            "leerling_zoeken": "1",
        },
    ).content.decode()
    assert _opties(html) == [str(veel["jansen"].publiek_id)]
    assert 'value="2011-10-03"' in html and not _fouten(html)
    assert Toelatingszaak.objects.count() == 0
    antwoord = c.post(
        reverse("toelating:nieuw"),
        {
            "school": str(wereld.school_a.pk),
            "verzoek_op": "2011-10-03",
            "leerling": str(veel["jansen"].publiek_id),
        },
    )
    assert antwoord.status_code == 302
    assert Toelatingszaak.objects.get().leerling_id == veel["jansen"].pk


# --- Enter verstuurt het formulier, niet "Zoeken" -----------------------------------------------


class _Verzendknoppen(HTMLParser):
    """De verzendknoppen van het formulier met ``action``, in de boomvolgorde: (naam,
    tekst). Een knop hoort bij het formulier waarin hij staat, of bij het formulier dat zijn
    attribuut ``form`` noemt (HTML, 'form owner')."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action, self.form_id = action, None
        self.in_form, self.knop, self.knoppen = False, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_form = a.get("action") == self.action
            if self.in_form:
                self.form_id = a.get("id")
            return
        eigenaar = ("form" in a and a["form"] == self.form_id) or ("form" not in a and self.in_form)
        if tag == "button" and a.get("type", "submit") == "submit" and eigenaar:
            self.knop = [a.get("name") or "", ""]
        elif tag == "input" and a.get("type") in ("submit", "image") and eigenaar:
            self.knoppen.append((a.get("name") or "", a.get("value") or ""))

    def handle_data(self, data):
        if self.knop is not None:
            self.knop[1] += data

    def handle_endtag(self, tag):
        if tag == "button" and self.knop is not None:
            self.knoppen.append((self.knop[0], self.knop[1].strip()))
            self.knop = None
        elif tag == "form":
            self.in_form = False


def _verzendknoppen(html: str, action: str) -> list[tuple[str, str]]:
    p = _Verzendknoppen(action)
    p.feed(html)
    return p.knoppen


@pytest.mark.parametrize(
    ("url", "knop"),
    [("meldingen:nieuw", "Melding indienen"), ("toelating:nieuw", "Zaak starten")],
)
def test_met_zoekveld_is_de_standaardknop_de_verzendknop_van_het_formulier(wereld, veel, url, knop):
    """Enter in een veld gebruikt de eerste verzendknop in de boomvolgorde (HTML, 'default
    button'): dat moet de knop van het formulier zijn, "Zoeken" komt erna."""
    c = _login(wereld.directie_a)
    for antwoord in (
        c.get(reverse(url)),
        c.post(reverse(url), {"zoek_leerling": "vries", "leerling_zoeken": "1"}),
    ):
        html = antwoord.content.decode()
        assert 'name="zoek_leerling"' in html
        knoppen = _verzendknoppen(html, reverse(url))
        # de eerste is de knop van het formulier; "Zoeken" (en bij de melding "Gegevens uit
        # de indicatie overnemen") komen erna
        assert knoppen[0] == ("", knop) and ("leerling_zoeken", "Zoeken") in knoppen[1:]
        assert len(knoppen) == (3 if url == "meldingen:nieuw" else 2), knoppen
        # het zoekveld staat na de knop, en bij de keuzelijst staat waar het is
        assert html.index(f">{knop}</button>") < html.index('id="id_zoek_leerling"')
        assert '<a href="#id_zoek_leerling">zoek de leerling eerst op naam</a>' in html


def test_enter_in_het_zoekveld_zoekt_en_houdt_de_invoer_zonder_melding(wereld, veel):
    """Enter in het zoekveld verstuurt het formulier zonder de knop "Zoeken"; met een nieuwe
    zoekterm en zonder leerling is dat een zoekvraag: niets kwijt, geen onvolledige melding."""
    c = _login(wereld.ib_a)
    html = c.post(
        reverse("meldingen:nieuw"),
        {"zoek_leerling": "vries", "leerling_gezocht": "", "cvi_nummer": "C3-12345"},
    ).content.decode()
    assert set(_opties(html)) == {str(veel["vries1"].publiek_id), str(veel["vries2"].publiek_id)}
    assert 'value="C3-12345"' in html and not _fouten(html)
    assert '<input type="hidden" name="leerling_gezocht" value="vries">' in html
    assert OnvolledigeIndiening.objects.count() == 0 and Melding.objects.count() == 0

    # dezelfde zoekterm nog eens versturen (Enter in een ander veld): het formulier zelf
    html = c.post(
        reverse("meldingen:nieuw"),
        {"zoek_leerling": "vries", "leerling_gezocht": "vries", "cvi_nummer": "C3-12345"},
    ).content.decode()
    assert "Niet in behandeling genomen" in html and _fouten(html)
    assert set(_opties(html)) == {str(veel["vries1"].publiek_id), str(veel["vries2"].publiek_id)}


def test_met_een_gekozen_leerling_is_een_nieuwe_zoekterm_geen_zoekvraag():
    post = QueryDict(mutable=True)
    post.update({"zoek_leerling": "jan", "leerling_gezocht": "", "leerling": "x"})
    assert not leerlingkeuze.is_zoeken(post)
    post = QueryDict(mutable=True)
    post.update({"zoek_leerling": " jan  ", "leerling_gezocht": "jan"})
    assert not leerlingkeuze.is_zoeken(post)
    post.update({"leerling_zoeken": "1"})
    assert leerlingkeuze.is_zoeken(post)
