"""Gastleerlingschap (002, hoofdstuk 3, laatste punt): een week tot zes maanden, met
verlenging tot hoogstens een jaar, getekend door ouders, REC-school en school."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak import toegang
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.termijnregister import termijnen_voor
from rugzak.toelating import services
from rugzak.toelating.selectors import gastleerlingschappen_lijst

from .toelating_opbouw import maak_aanmelding, velden, weigert_zonder_schrijven

BEGIN = date(2012, 1, 9)


@pytest.fixture
def a(wereld):
    return maak_aanmelding(wereld)


def _maak(a, *, einde=date(2012, 4, 6), door=None, **extra):
    gegevens = {
        "door": door or a.directie_so,
        "school": a.school,
        "rec_school": a.so_school,
        "leerling": a.leerling,
        "begin": BEGIN,
        "einde": einde,
        "afspraken": "ochtenden in groep 3",
    }
    gegevens.update(extra)
    return services.gastleerlingschap_maak(**gegevens)


@pytest.mark.bron("002, hoofdstuk 3")
@pytest.mark.parametrize("einde", [date(2012, 1, 15), date(2012, 7, 10)])
def test_korter_dan_een_week_of_langer_dan_zes_maanden_wordt_geweigerd(a, einde):
    fout = weigert_zonder_schrijven(_maak, a=a, einde=einde)
    assert "einde" in velden(fout)
    assert "002" in str(fout)


@pytest.mark.bron("002, hoofdstuk 3")
@pytest.mark.parametrize("einde", [date(2012, 1, 16), date(2012, 7, 9)])
def test_een_week_en_zes_maanden_zijn_de_grenzen(a, einde):
    assert _maak(a, einde=einde).toestand == "concept"


def test_de_leerling_staat_ingeschreven_bij_een_so_school_en_de_ontvanger_is_regulier(a, wereld):
    fout = weigert_zonder_schrijven(_maak, a=a, rec_school=wereld.school_b, door=a.ouder)
    assert "rec_school" in velden(fout)
    fout = weigert_zonder_schrijven(_maak, a=a, school=a.so_school)
    assert "school" in velden(fout)


def test_de_ontvangende_school_zonder_leerling_in_zicht_maakt_niets(a, wereld):
    weigert_zonder_schrijven(_maak, a=a, fout=GeenToegang, door=wereld.directie_a)


def _teken(zaak, door, partij, op=date(2012, 1, 2)):
    return services.gastleerlingschap_ondertekenen(
        door=door, zaak=zaak, versie=zaak.versie, partij=partij, getekend_op=op
    )


@pytest.mark.bron("002, hoofdstuk 3")
def test_na_drie_handtekeningen_loopt_het_gastleerlingschap(a, wereld):
    zaak = _maak(a)
    # de ontvangende school ziet de leerling via het gastleerlingschap
    assert toegang.leesgrond(wereld.directie_a, a.leerling) is not None
    weigert_zonder_schrijven(
        _teken, fout=GeenToegang, obj=zaak, zaak=zaak, door=wereld.ib_a, partij="school"
    )
    weigert_zonder_schrijven(
        _teken, fout=GeenToegang, obj=zaak, zaak=zaak, door=wereld.directie_a, partij="rec_school"
    )
    zaak = _teken(zaak, a.directie_so, "rec_school")
    zaak = _teken(zaak, a.ouder, "ouders")
    assert zaak.toestand == "concept"
    fout = weigert_zonder_schrijven(_teken, obj=zaak, zaak=zaak, door=a.ouder, partij="ouders")
    assert "ouders_getekend_op" in velden(fout)
    zaak = _teken(zaak, wereld.directie_a, "school")
    assert zaak.toestand == "lopend"
    assert [o.naar for o in zaak.overgangen.order_by("id")] == ["concept", "lopend"]


def _lopend(a, wereld):
    zaak = _maak(a)
    zaak = _teken(zaak, a.directie_so, "rec_school")
    zaak = _teken(zaak, a.ouder, "ouders")
    return _teken(zaak, wereld.directie_a, "school")


@pytest.mark.bron("002, hoofdstuk 3")
def test_verlengen_kan_tot_hoogstens_een_jaar_na_het_begin(a, wereld):
    zaak = _lopend(a, wereld)
    fout = weigert_zonder_schrijven(
        services.gastleerlingschap_verlengen,
        obj=zaak,
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
        verlengd_tot=date(2013, 1, 10),
    )
    assert "verlengd_tot" in velden(fout)
    zaak = services.gastleerlingschap_verlengen(
        door=wereld.directie_a, zaak=zaak, versie=zaak.versie, verlengd_tot=date(2013, 1, 9)
    )
    assert zaak.laatste_dag == date(2013, 1, 9)


@pytest.mark.bron("002, hoofdstuk 3")
def test_het_einde_is_een_termijn_voldaan_bij_beeindiging(a, wereld):
    zaak = _lopend(a, wereld)
    (termijn,) = [t for t in termijnen_voor(wereld.directie_a) if t.zaaktype == "gastleerling"]
    assert (termijn.termijn.uiterlijk, termijn.status(date(2012, 3, 15))) == (
        date(2012, 4, 6),
        Termijnstatus.LOPEND,
    )
    fout = weigert_zonder_schrijven(
        services.gastleerlingschap_beeindigen,
        obj=zaak,
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
        beeindigd_op=date(2012, 3, 9),
        vervolg="",
    )
    assert "vervolg" in velden(fout)
    zaak = services.gastleerlingschap_beeindigen(
        door=wereld.directie_a,
        zaak=zaak,
        versie=zaak.versie,
        beeindigd_op=date(2012, 3, 9),
        vervolg="overstap per 1 april",
    )
    assert zaak.toestand == "beeindigd"
    # na beëindiging ziet de ontvangende school de leerling niet meer
    assert toegang.leesgrond(wereld.directie_a, a.leerling) is None
    assert gastleerlingschappen_lijst(gebruiker=wereld.directie_a) == []
    (termijn,) = [t for t in termijnen_voor(a.directie_so) if t.zaaktype == "gastleerling"]
    assert termijn.voldaan_op == date(2012, 3, 9)


def test_een_school_van_een_ander_bestuur_ziet_het_gastleerlingschap_niet(a, wereld):
    _lopend(a, wereld)
    assert gastleerlingschappen_lijst(gebruiker=wereld.directie_b) == []
    assert [g.rol for _, g in gastleerlingschappen_lijst(gebruiker=wereld.bestuurder_a)] == [
        "bestuurder"
    ]
    assert [g.rol for _, g in gastleerlingschappen_lijst(gebruiker=a.ouder)] == ["ouder"]
