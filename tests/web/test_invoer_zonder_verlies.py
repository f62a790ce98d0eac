"""Invoer die geen gegevens kan verliezen (issue 15): het gedeelde datumveld en getalveld.

Een onmogelijke datum ("31-02-2012") of "3e" in een groepsveld is een fout naast het veld;
de opgeslagen waarde blijft staan en er wordt niets uit dat formulier opgeslagen. Een
opgeslagen datum wissen kan alleen met het vinkje "Opgeslagen datum wissen"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from rugzak.gedeeld.datumtekst import (
    Datumfout,
    iso_naar_nl,
    korte_datum,
    lange_datum,
    lange_maand,
    lees_datum,
    lees_maand,
)
from rugzak.gedeeld.web.formulieren import Getalveld, Invoerformulier, Versieformulier, datumveld
from tests.app.toelating_opbouw import maak_aanmelding
from tests.web.hulp import MODEL_BACKEND

# --- de lezer ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "datum"),
    [
        ("29-2-2012", date(2012, 2, 29)),
        ("29-02-2012", date(2012, 2, 29)),
        ("2012-02-29", date(2012, 2, 29)),
        ("29/2/2012", date(2012, 2, 29)),
        ("29.02.2012", date(2012, 2, 29)),
        (" 29 - 02 - 2012 ", date(2012, 2, 29)),
        ("29 februari 2012", date(2012, 2, 29)),
        ("29 Februari 2012", date(2012, 2, 29)),
        ("29 feb. 2012", date(2012, 2, 29)),
        ("3 mrt 2012", date(2012, 3, 3)),
        ("woensdag 29 februari 2012", date(2012, 2, 29)),
        ("3 december 2026", date(2026, 12, 3)),
    ],
)
def test_de_lezer_neemt_de_gangbare_nederlandse_vormen_aan(tekst, datum):
    assert lees_datum(tekst) == datum


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [
        ("31-2-2012", "31 februari 2012 bestaat niet (februari 2012 heeft 29 dagen)"),
        ("31-02-2012", "31 februari 2012 bestaat niet"),
        ("29-02-2011", "29 februari 2011 bestaat niet (februari 2011 heeft 28 dagen)"),
        ("31 april 2012", "31 april 2012 bestaat niet"),
        ("2012-13-01", "maand 13 bestaat niet"),
        ("0-1-2012", "dag 0 bestaat niet"),
        ("1-1-12", "schrijf het jaar voluit"),
        ("1-1-2112", "het jaar 2112 ligt buiten 1900–2099"),
        ("3 brumaire 2012", "'brumaire' is geen maand"),
        ("3e", "'3e' is geen datum; schrijf dag-maand-jaar, bijvoorbeeld 14-05-2012"),
        ("", "vul een datum in"),
    ],
)
def test_een_onmogelijke_datum_is_een_fout_met_de_reden(tekst, fout):
    with pytest.raises(Datumfout) as e:
        lees_datum(tekst)
    assert fout in str(e.value)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_elke_tekst_is_een_datum_of_een_duidelijke_fout_nooit_iets_anders(tekst):
    try:
        uit: object = lees_datum(tekst)
    except Datumfout as e:
        uit = str(e)
    assert isinstance(uit, date) or (isinstance(uit, str) and uit and "Traceback" not in uit)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_elke_getoonde_datum_leest_terug_als_dezelfde_datum(dag):
    assert lees_datum(korte_datum(dag)) == dag
    assert lees_datum(lange_datum(dag)) == dag
    assert lees_datum(dag.isoformat()) == dag
    assert lees_datum(f"{dag.day}-{dag.month}-{dag.year}") == dag


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1900, max_value=2099),
)
def test_een_getypte_dag_maand_jaar_bestaat_of_de_fout_noemt_de_datum(d, m, j):
    try:
        bestaat = date(j, m, d)
    except ValueError:
        bestaat = None
    if bestaat is not None:
        assert lees_datum(f"{d}-{m}-{j}") == bestaat
    else:
        with pytest.raises(Datumfout, match="bestaat niet"):
            lees_datum(f"{d}-{m}-{j}")


def test_de_notaties():
    assert lange_datum(date(2026, 12, 3)) == "3 december 2026"
    assert korte_datum(date(2026, 12, 3)) == "03-12-2026"
    assert lange_maand(2012, 3) == "maart 2012"


@pytest.mark.parametrize(
    ("tekst", "getoond"),
    [
        ("2011-08 t/m 2012-03: betaald", "augustus 2011 t/m maart 2012: betaald"),
        ("laatste bekostigde maand: 2014-07", "laatste bekostigde maand: juli 2014"),
        ("op 2012-01-13, motivering", "op 13 januari 2012, motivering"),
        ("schooljaar 2011-2012", "schooljaar 2011-2012"),
        ("2012-02-31 bestaat niet", "2012-02-31 bestaat niet"),
    ],
)
def test_iso_datums_en_maanden_van_de_regelkern_in_de_nederlandse_notatie(tekst, getoond):
    assert iso_naar_nl(tekst) == getoond


@pytest.mark.parametrize(
    "tekst", ["03-2012", "3-2012", "3/2012", "maart 2012", "mrt. 2012", "2012-03"]
)
def test_de_maandlezer_neemt_de_gangbare_vormen_aan(tekst):
    assert lees_maand(tekst) == (2012, 3)


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [("13-2012", "maand 13 bestaat niet"), ("maar 2012", "geen maand"), ("3e", "geen maand")],
)
def test_een_onmogelijke_maand_is_een_fout_met_de_reden(tekst, fout):
    with pytest.raises(Datumfout, match=fout):
        lees_maand(tekst)


# --- het formulierveld -------------------------------------------------------------------------


class _Formulier(Versieformulier):
    op = datumveld("Gesprek op")
    verplicht = datumveld("Besloten op", verplicht=True)


def _data(**velden: str) -> dict[str, str]:
    return {"versie": "1", "verplicht": "1-3-2012", **velden}


def test_een_onmogelijke_datum_is_een_fout_bij_het_veld_niet_leeg():
    f = _Formulier(_data(op="31-02-2012"), opgeslagen={"op": date(2012, 2, 1)})
    assert not f.is_valid()
    assert f.errors["op"] == ["31 februari 2012 bestaat niet (februari 2012 heeft 29 dagen)"]


def test_een_leeg_veld_wist_een_opgeslagen_datum_niet_stil():
    f = _Formulier(_data(op=""), opgeslagen={"op": date(2012, 2, 1)})
    assert not f.is_valid()
    assert "1 februari 2012 opgeslagen; die blijft staan" in f.errors["op"][0]


def test_wissen_is_een_bewuste_handeling_met_het_vinkje():
    f = _Formulier(_data(op="", op__wissen="1"), opgeslagen={"op": date(2012, 2, 1)})
    assert f.is_valid(), f.errors
    assert f.cleaned_data["op"] is None
    html = str(_Formulier(initial={"op": date(2012, 2, 1)}))
    assert 'value="01-02-2012"' in html and "__wissen" not in html  # een voorstel
    f = _Formulier(initial={"op": date(2012, 2, 1)}, opgeslagen={"op": date(2012, 2, 1)})
    assert f["op"].toon_wissen and not f["verplicht"].toon_wissen


def test_een_voorstel_in_initial_telt_niet_als_opgeslagen():
    f = _Formulier(_data(op=""), initial={"op": date(2012, 2, 1)})
    assert f.is_valid(), f.errors
    assert f.cleaned_data["op"] is None


def test_leeg_zonder_opgeslagen_waarde_is_gewoon_leeg():
    f = _Formulier(_data(op=""))
    assert f.is_valid(), f.errors
    assert f.cleaned_data["op"] is None


def test_een_verplichte_datum_noemt_wat_er_ontbreekt():
    f = _Formulier({"versie": "1", "op": ""})
    assert not f.is_valid()
    assert f.errors["verplicht"] == ["vul een datum in (dag-maand-jaar)"]


class _Groep(Invoerformulier):
    groep = Getalveld(label="Groep", wat="groep", van=1, tot=8, required=False)


@pytest.mark.parametrize("tekst", ["3e", "3,5", "9", "0", "-1", "drie", "3 ", "٣"])
def test_een_getal_buiten_het_bereik_of_geen_getal_is_een_fout_nooit_leeg(tekst):
    f = _Groep({"groep": tekst})
    if tekst.strip() == "3":
        assert f.is_valid() and f.cleaned_data["groep"] == 3
        return
    assert not f.is_valid()
    assert f.errors["groep"][0].startswith("groep is een heel getal van 1 tot en met 8")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_het_getalveld_geeft_een_getal_leeg_of_een_fout(tekst):
    f = _Groep({"groep": tekst})
    if f.is_valid():
        waarde = f.cleaned_data["groep"]
        assert waarde is None or 1 <= waarde <= 8
    else:
        assert "groep is een heel getal" in f.errors["groep"][0]


def test_de_velden_zijn_tekstvelden_niet_type_date_of_number():
    html = str(_Formulier()) + str(_Groep())
    assert 'type="date"' not in html and 'type="number"' not in html
    assert isinstance(_Groep.base_fields["groep"].widget, forms.TextInput)


# --- de pagina van de toelatingszaak -----------------------------------------------------------


def _veldfouten(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", f).replace("Fout: ", "").strip()
        for f in re.findall(r'class="veldfout"[^>]*>(.*?)</p>', html, re.S)
    ]


@pytest.mark.django_db
def test_een_onmogelijke_datum_in_een_fase_houdt_de_opgeslagen_datum(client: Client, wereld):
    aanmelding = maak_aanmelding(wereld)
    zaak = aanmelding.start()
    client.force_login(wereld.ib_a, backend=MODEL_BACKEND)
    url = reverse("toelating:handeling", args=[zaak.publiek_id, "gegevens"])
    pagina = reverse("toelating:zaak", args=[zaak.publiek_id])

    antwoord = client.post(
        url,
        {
            "gegevens-versie": str(zaak.versie),
            "gegevens-uitnodiging_verstuurd_op": "3-11-2011",
            "gegevens-gesprek_gepland_op": "",
        },
    )
    assert antwoord.status_code == 302, _veldfouten(antwoord.content.decode())
    zaak.refresh_from_db()
    assert zaak.uitnodiging_verstuurd_op == date(2011, 11, 3)
    versie = zaak.versie

    # Een onmogelijke datum: fout naast het veld, de getypte tekst blijft, niets opgeslagen.
    antwoord = client.post(
        url,
        {
            "gegevens-versie": str(versie),
            "gegevens-uitnodiging_verstuurd_op": "31-02-2012",
            "gegevens-gesprek_gepland_op": "10-11-2011",
        },
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "31 februari 2012 bestaat niet (februari 2012 heeft 29 dagen)" in _veldfouten(html)
    assert 'value="31-02-2012"' in html
    zaak.refresh_from_db()
    assert zaak.uitnodiging_verstuurd_op == date(2011, 11, 3)
    assert zaak.gesprek_gepland_op is None and zaak.versie == versie

    # Leeg laten wist niets; het vinkje wel.
    html = client.get(pagina).content.decode()
    assert 'value="03-11-2011"' in html
    assert "Opgeslagen datum wissen (3 november 2011)" in html
    antwoord = client.post(
        url, {"gegevens-versie": str(versie), "gegevens-uitnodiging_verstuurd_op": ""}
    )
    assert antwoord.status_code == 200
    assert any(
        "3 november 2011 opgeslagen; die blijft staan" in f
        for f in _veldfouten(antwoord.content.decode())
    )
    zaak.refresh_from_db()
    assert zaak.uitnodiging_verstuurd_op == date(2011, 11, 3)
    antwoord = client.post(
        url,
        {
            "gegevens-versie": str(versie),
            "gegevens-uitnodiging_verstuurd_op": "",
            "gegevens-uitnodiging_verstuurd_op__wissen": "1",
        },
    )
    assert antwoord.status_code == 302
    zaak.refresh_from_db()
    assert zaak.uitnodiging_verstuurd_op is None


def test_de_maand_van_een_betaalrun_typt_men_in_de_nederlandse_notatie():
    from rugzak.betalingen.views import RunFormulier

    assert "JJJJ" not in str(RunFormulier.base_fields["maand"].help_text)
    for tekst in ("03-2012", "maart 2012", "2012-03"):
        f = RunFormulier({"maand": tekst})
        assert f.is_valid(), f.errors
        assert f.cleaned_data["maand"] == "2012-03"  # zoals de service haar kent
    f = RunFormulier({"maand": "13-2012"})
    assert not f.is_valid() and "maand 13 bestaat niet" in f.errors["maand"][0]
