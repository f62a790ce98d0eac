"""TAB voor zittende leerlingen zonder rugzak (004 'Terugplaatsingsbegeleiding'; I-55)."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.regels.ambulante_begeleiding import tab_recht_zittend

ZITTEND = {
    "ingeschreven_vso_sinds": date(2001, 8, 20),
    "terugplaatsing_op": date(2004, 8, 23),
    "nieuwe_schoolsoort": Schoolsoort.BAO,
    "heeft_geldige_indicatie": False,
    "bewijs": "verklaring inschrijving 2003-117",
}


@pytest.mark.bron("004, 'Terugplaatsingsbegeleiding', tweede alinea")
def test_een_zittende_leerling_zonder_rugzak_krijgt_een_jaar_tab_vanaf_de_terugplaatsing() -> None:
    b = tab_recht_zittend(**ZITTEND)
    assert b.toegestaan
    recht = b.eis()
    assert (recht.periode.van, recht.periode.tot) == (date(2004, 8, 23), date(2005, 8, 22))
    assert "I-55" in recht.uitleg.interpretaties()
    assert "Terugplaatsingsbegeleiding" in recht.uitleg.als_tekst()


@pytest.mark.bron("004, 'De leerlingtelling', categorie 2: zittend op 31 juli 2003")
def test_zittend_is_wie_op_31_juli_2003_al_op_de_vso_school_stond() -> None:
    assert tab_recht_zittend(**{**ZITTEND, "ingeschreven_vso_sinds": date(2003, 7, 31)}).toegestaan
    b = tab_recht_zittend(**{**ZITTEND, "ingeschreven_vso_sinds": date(2003, 8, 1)})
    assert [v for v, _ in b.redenen] == ["vso_sinds"]
    assert "2003-07-31" in b.redenen[0][1]


@pytest.mark.bron("004, 'Terugplaatsingsbegeleiding': zonder leerlinggebonden budget")
def test_met_een_geldige_indicatie_is_het_rab_geen_tab_voor_een_zittende_leerling() -> None:
    b = tab_recht_zittend(**{**ZITTEND, "heeft_geldige_indicatie": True})
    assert [v for v, _ in b.redenen] == ["indicatie"]
    with pytest.raises(NietToegestaan) as e:
        b.eis()
    assert "RAB" in str(e.value)


def test_zonder_bewijs_van_de_inschrijving_geen_tab() -> None:
    b = tab_recht_zittend(**{**ZITTEND, "bewijs": "  "})
    assert [v for v, _ in b.redenen] == ["zittend_bewijs"]


@pytest.mark.bron("001, 'AB, TAB en PAB': TAB na ten minste één jaar")
def test_minder_dan_een_jaar_vso_en_terugplaatsing_voor_lgf_en_een_so_school_geven_alle_redenen() -> (
    None
):
    b = tab_recht_zittend(
        ingeschreven_vso_sinds=date(2003, 3, 1),
        terugplaatsing_op=date(2003, 6, 1),
        nieuwe_schoolsoort=Schoolsoort.SO,
        heeft_geldige_indicatie=False,
        bewijs="x",
    )
    assert sorted(v for v, _ in b.redenen) == ["school", "terugplaatsing_op", "vso_sinds"]


@pytest.mark.bron("004, 'Ambulante begeleiding (AB) en PAB', slotalinea: TAB ook in het mbo")
def test_ook_naar_het_mbo_en_ook_na_2004_2005() -> None:
    b = tab_recht_zittend(
        **{**ZITTEND, "nieuwe_schoolsoort": Schoolsoort.MBO, "terugplaatsing_op": date(2007, 8, 1)}
    )
    assert b.toegestaan
