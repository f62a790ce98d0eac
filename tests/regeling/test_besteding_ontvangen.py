"""Besteding tegen wat ontvangen is (001 'Leerlinggebonden'; interpretatie I-56)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer
from rugzak.regeling.regels.besteding import (
    FORMATIE_EN_MATERIEEL,
    Onderdeel,
    toets_tegen_ontvangen,
)

BAO = {"formatie": 50_000, "materieel": 8_000, "ambulante_begeleiding": 30_000}


@pytest.mark.bron("001, 'Leerlinggebonden'")
def test_een_besteding_binnen_wat_ontvangen_is_mag_zonder_reden() -> None:
    t = toets_tegen_ontvangen(
        onderdeel="formatie", bedrag_centen=20_000, ontvangen_centen=BAO,
        besteed_centen={"formatie": 30_000},
    )  # fmt: skip
    assert (t.ruimte_centen, t.overschrijding_centen) == (20_000, 0)
    assert t.toegestaan and not t.overschrijdt
    t.eis()
    assert "I-56" in t.uitleg.interpretaties()


def test_een_cent_boven_wat_ontvangen_is_wordt_zonder_reden_geweigerd() -> None:
    t = toets_tegen_ontvangen(
        onderdeel="formatie", bedrag_centen=20_001, ontvangen_centen=BAO,
        besteed_centen={"formatie": 30_000},
    )  # fmt: skip
    assert t.overschrijding_centen == 1
    assert not t.toegestaan
    with pytest.raises(NietToegestaan) as e:
        t.eis()
    assert "€ 0,01" in str(e.value) and "I-56" in str(e.value)
    assert "001, paragraaf 'Leerlinggebonden'" in str(e.value)


def test_met_een_reden_mag_een_overschrijding_en_de_reden_staat_in_de_uitleg() -> None:
    t = toets_tegen_ontvangen(
        onderdeel="materieel", bedrag_centen=10_000, ontvangen_centen=BAO,
        besteed_centen={}, reden="  school legt bij uit eigen middelen ",
    )  # fmt: skip
    assert t.overschrijding_centen == 2_000 and t.toegestaan
    assert t.reden == "school legt bij uit eigen middelen"
    assert "met reden: school legt bij" in t.uitleg.als_tekst()


def test_een_reden_van_alleen_spaties_is_geen_reden() -> None:
    t = toets_tegen_ontvangen(
        onderdeel="ambulante_begeleiding", bedrag_centen=30_001, ontvangen_centen=BAO,
        besteed_centen={}, reden="   ",
    )  # fmt: skip
    assert not t.toegestaan


def test_elk_onderdeel_telt_apart_in_het_bao() -> None:
    # de ruimte in materieel en AB helpt formatie niet
    t = toets_tegen_ontvangen(
        onderdeel="formatie", bedrag_centen=1, ontvangen_centen=BAO,
        besteed_centen={"formatie": 50_000},
    )  # fmt: skip
    assert t.overschrijding_centen == 1


def test_al_overschreden_maakt_elke_nieuwe_besteding_helemaal_overschrijding() -> None:
    t = toets_tegen_ontvangen(
        onderdeel="ambulante_begeleiding", bedrag_centen=500, ontvangen_centen=BAO,
        besteed_centen={"ambulante_begeleiding": 40_000},
    )  # fmt: skip
    assert (t.ruimte_centen, t.overschrijding_centen) == (0, 500)


@pytest.mark.bron("001, tabel voortgezet onderwijs: personeel en materieel deel samen")
def test_het_vo_bedrag_voor_personeel_en_materieel_is_een_pot_voor_beide() -> None:
    vo = {"formatie": 0, "materieel": 0, FORMATIE_EN_MATERIEEL: 100_000}
    t = toets_tegen_ontvangen(
        onderdeel="materieel", bedrag_centen=40_000, ontvangen_centen=vo,
        besteed_centen={"formatie": 60_000},
    )  # fmt: skip
    assert (t.ontvangen_centen, t.besteed_centen, t.ruimte_centen) == (100_000, 60_000, 40_000)
    assert t.overschrijding_centen == 0
    t2 = toets_tegen_ontvangen(
        onderdeel="formatie", bedrag_centen=1, ontvangen_centen=vo,
        besteed_centen={"formatie": 60_000, "materieel": 40_000},
    )  # fmt: skip
    assert t2.overschrijding_centen == 1


def test_onbekend_onderdeel_en_bedrag_nul_zijn_ongeldige_invoer() -> None:
    with pytest.raises(OngeldigeInvoer) as e:
        toets_tegen_ontvangen(
            onderdeel="zorg", bedrag_centen=1, ontvangen_centen={}, besteed_centen={}
        )
    assert e.value.veld == "onderdeel"
    with pytest.raises(OngeldigeInvoer) as e:
        toets_tegen_ontvangen(
            onderdeel="formatie", bedrag_centen=0, ontvangen_centen={}, besteed_centen={}
        )
    assert e.value.veld == "bedrag"


centen = st.integers(min_value=0, max_value=10_000_000)


@given(
    onderdeel=st.sampled_from(list(Onderdeel)),
    bedrag=st.integers(min_value=1, max_value=10_000_000),
    ontvangen=st.fixed_dictionaries(
        {"formatie": centen, "materieel": centen, "ambulante_begeleiding": centen,
         FORMATIE_EN_MATERIEEL: centen}
    ),
    besteed=st.fixed_dictionaries(
        {"formatie": centen, "materieel": centen, "ambulante_begeleiding": centen}
    ),
)  # fmt: skip
def test_wat_past_plus_wat_overschrijdt_is_het_bedrag_en_alles_past_samen_in_de_ontvangst(
    onderdeel: Onderdeel, bedrag: int, ontvangen: dict[str, int], besteed: dict[str, int]
) -> None:
    t = toets_tegen_ontvangen(
        onderdeel=onderdeel, bedrag_centen=bedrag, ontvangen_centen=ontvangen,
        besteed_centen=besteed,
    )  # fmt: skip
    assert 0 <= t.overschrijding_centen <= bedrag
    assert t.overschrijding_centen == max(0, bedrag - t.ruimte_centen)
    # een besteding van precies de ruimte (als die er is) overschrijdt niets
    if t.ruimte_centen:
        gelijk = toets_tegen_ontvangen(
            onderdeel=onderdeel, bedrag_centen=t.ruimte_centen, ontvangen_centen=ontvangen,
            besteed_centen=besteed,
        )  # fmt: skip
        assert gelijk.overschrijding_centen == 0
    # de ruimte is nooit meer dan wat er voor dit onderdeel (met de gedeelde pot) binnenkwam
    gedeeld = (
        ontvangen[FORMATIE_EN_MATERIEEL] if onderdeel is not Onderdeel.AMBULANTE_BEGELEIDING else 0
    )
    assert t.ruimte_centen <= ontvangen[onderdeel.value] + gedeeld
