"""De bestedingsregel: drie onderdelen, zorg hoort bij een PGB (000, 001)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugzak.regeling.begrippen import Budgetdeel
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer
from rugzak.regeling.regels.besteding import (
    FORMATIE_EN_MATERIEEL,
    ONDERDELEN_VAN_DEEL,
    Bestedingssoort,
    Onderdeel,
    beoordeel_besteding,
    ontvangen_per_onderdeel,
)

VERWACHT = {
    "klassenassistent": "formatie",
    "leerkrachturen": "formatie",
    "remedial_teacher": "formatie",
    "andere_medewerker": "formatie",
    "leermiddelen": "materieel",
    "handelingsgericht_onderzoek": "materieel",
    "ambulante_begeleiding": "ambulante_begeleiding",
    "ab_reiskosten": "ambulante_begeleiding",
    "zorg_toilet": None,
    "zorg_verzorging": None,
    "zorg_verpleging": None,
}


def test_elke_soort_is_toegerekend_zoals_de_bronnen_zeggen() -> None:
    assert set(Bestedingssoort.codes()) == set(VERWACHT)
    for code, onderdeel in VERWACHT.items():
        b = beoordeel_besteding(code)
        assert (b.onderdeel.value if b.onderdeel else None) == onderdeel, code
        assert b.toegestaan is (onderdeel is not None)


def test_onderwijs_mag_en_citeert_000_en_001() -> None:
    b = beoordeel_besteding(Bestedingssoort.REMEDIAL_TEACHER)
    assert b.eis() is Onderdeel.FORMATIE
    assert b.redenen == ()
    documenten = {bron.document for bron in b.uitleg.bronnen()}
    assert documenten == {"000", "001"}
    assert "toegestaan" in b.uitleg.als_tekst()


def test_zorg_wordt_geweigerd_met_de_pgb_reden() -> None:
    b = beoordeel_besteding("zorg_toilet")
    assert not b.toegestaan
    assert "persoonsgebonden budget" in b.redenen[0]
    with pytest.raises(NietToegestaan) as e:
        b.eis()
    assert "PGB" in str(e.value)
    assert "Wat kan niet met het rugzakje?" in str(e.value)


def test_onbekende_soort_noemt_de_toegestane() -> None:
    with pytest.raises(OngeldigeInvoer) as e:
        beoordeel_besteding("fietsenstalling")
    assert "soort" in str(e.value)
    assert "klassenassistent" in str(e.value)


def test_ontvangen_per_onderdeel_telt_vo_apart_en_cluster1_niet() -> None:
    uitkomst = ontvangen_per_onderdeel(
        {
            "school_personeel": 100,
            "zml_personeel": 5,
            "school_materieel": 20,
            "ab_personeel": 300,
            "ab_materieel": 7,
            "school_personeel_materieel": 50,
            "cluster1": 999,
        }
    )
    assert uitkomst == {
        "formatie": 105,
        "materieel": 20,
        "ambulante_begeleiding": 307,
        FORMATIE_EN_MATERIEEL: 50,
    }


def test_ontvangen_per_onderdeel_weigert_een_onbekend_deel() -> None:
    with pytest.raises(OngeldigeInvoer):
        ontvangen_per_onderdeel({"fooi": 1})


@given(
    st.dictionaries(
        st.sampled_from([d.value for d in Budgetdeel]), st.integers(0, 10**9), max_size=10
    )
)
def test_niets_gaat_verloren_of_dubbel(centen: dict[str, int]) -> None:
    """Alles wat een rugzakonderdeel bekostigt komt precies één keer terug."""
    uitkomst = ontvangen_per_onderdeel(centen)
    in_rugzak = sum(v for k, v in centen.items() if Budgetdeel(k) in ONDERDELEN_VAN_DEEL)
    assert sum(uitkomst.values()) == in_rugzak
    assert all(v >= 0 for v in uitkomst.values())
