"""RAB, TAB en PAB: wie mag begeleiden, wanneer, en wanneer niet."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak.regeling.begrippen import Cluster, Schoolsoort
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.ambulante_begeleiding import pab_toegestaan, rab_verzorger, tab_recht

R = standaard_regeling()


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': de begeleiding mag een ander REC verzorgen")
def test_rab_door_ander_rec_van_hetzelfde_cluster_mag_van_ander_cluster_niet():
    assert rab_verzorger(indicatie_cluster=Cluster.C3, verzorger_cluster=Cluster.C3).toegestaan
    b = rab_verzorger(indicatie_cluster=Cluster.C3, verzorger_cluster=Cluster.C2)
    assert not b.toegestaan
    assert "I-29" in b.uitleg.interpretaties()
    with pytest.raises(NietToegestaan, match="cluster"):
        b.eis()


@pytest.mark.bron("003, 'TAB'; 004, 'Terugplaatsingsbegeleiding': één jaar")
def test_tab_een_jaar_na_terugplaatsing_na_verlies_van_de_indicatie():
    t = tab_recht(
        R,
        ingeschreven_vso_sinds=date(2008, 8, 18),
        indicatie_einde=date(2011, 7, 31),
        herindicatie=False,
        terugplaatsing_op=date(2011, 8, 22),
        nieuwe_schoolsoort=Schoolsoort.BAO,
    )
    assert (t.periode.van, t.periode.tot) == (date(2011, 8, 22), date(2012, 8, 21))


@pytest.mark.bron("004, slotalinea AB/PAB: TAB kan ook in het mbo")
def test_tab_ook_in_het_mbo():
    t = tab_recht(
        R,
        ingeschreven_vso_sinds=date(2000, 8, 1),
        indicatie_einde=date(2003, 7, 31),
        herindicatie=False,
        terugplaatsing_op=date(2003, 8, 25),
        nieuwe_schoolsoort=Schoolsoort.MBO,
    )
    assert t.periode.tot == date(2004, 8, 24)


@pytest.mark.bron("001, 'AB, TAB en PAB': na ten minste één jaar; 003 'TAB'")
def test_tab_geweigerd_met_alle_redenen_tegelijk():
    with pytest.raises(NietToegestaan) as e:
        tab_recht(
            R,
            ingeschreven_vso_sinds=date(2011, 1, 10),
            indicatie_einde=date(2011, 12, 31),
            herindicatie=False,
            terugplaatsing_op=date(2011, 8, 22),
            nieuwe_schoolsoort=Schoolsoort.SO,
        )
    tekst = str(e.value)
    assert "niet regulier" in tekst and "minder dan één jaar" in tekst and "loopt nog" in tekst


@pytest.mark.bron("003, 'PAB': alleen op advies van de CvI-secretaris of de AB-coördinator")
def test_pab_alleen_op_advies_van_cvi_secretaris_of_ab_coordinator():
    for rol in ("cvi_secretaris", "ab_coordinator"):
        assert pab_toegestaan(
            adviseur_rol=rol, heeft_geldige_indicatie=False, aanvragende_schoolsoort=Schoolsoort.VO
        ).toegestaan
    b = pab_toegestaan(
        adviseur_rol="intern_begeleider",
        heeft_geldige_indicatie=True,
        aanvragende_schoolsoort=Schoolsoort.VSO,
    )
    assert not b.toegestaan
    assert len(b.redenen) == 3


@pytest.mark.bron("000, 'Geen leerlinggebonden financiering (rugzakje) meer'; I-72")
def test_tab_die_over_het_einde_van_lgf_heen_loopt_wordt_ingekort_tot_31_juli_2014():
    t = tab_recht(
        R,
        ingeschreven_vso_sinds=date(2010, 8, 16),
        indicatie_einde=date(2014, 2, 28),
        herindicatie=False,
        terugplaatsing_op=date(2014, 3, 3),
        nieuwe_schoolsoort=Schoolsoort.BAO,
    )
    assert (t.periode.van, t.periode.tot) == (date(2014, 3, 3), date(2014, 7, 31))
    assert {"I-70", "I-72"} <= set(t.uitleg.interpretaties())
    assert "eindigde op 2014-07-31" in t.uitleg.als_tekst()


def test_tab_die_binnen_lgf_eindigt_zegt_niets_over_het_einde():
    t = tab_recht(
        R,
        ingeschreven_vso_sinds=date(2010, 8, 16),
        indicatie_einde=date(2012, 2, 28),
        herindicatie=False,
        terugplaatsing_op=date(2012, 3, 5),
        nieuwe_schoolsoort=Schoolsoort.BAO,
    )
    assert t.periode.tot == date(2013, 3, 4)
    assert "I-70" not in t.uitleg.interpretaties()


@pytest.mark.bron("000, 'Geen leerlinggebonden financiering (rugzakje) meer'; I-72")
def test_geen_tab_na_een_terugplaatsing_na_het_einde_van_lgf():
    with pytest.raises(NietToegestaan, match=r"na het einde van LGF.*I-72"):
        tab_recht(
            R,
            ingeschreven_vso_sinds=date(2010, 8, 16),
            indicatie_einde=date(2014, 7, 31),
            herindicatie=False,
            terugplaatsing_op=date(2014, 8, 18),
            nieuwe_schoolsoort=Schoolsoort.BAO,
        )
