"""RAB, TAB en PAB: wie mag begeleiden, wanneer, en wanneer niet."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak.regeling.begrippen import Cluster, Onderwijssoort, Schoolsoort
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.ambulante_begeleiding import (
    AB_OOK_CLUSTER_2,
    ab_clusters,
    pab_toegestaan,
    rab_verzorger,
    tab_recht,
)

R = standaard_regeling()


@pytest.mark.bron("003, 'Rugzak - AB (RAB)': de begeleiding mag een ander REC verzorgen")
def test_rab_door_ander_rec_van_het_cluster_van_de_indicatie_mag_van_ander_cluster_niet():
    lg = Onderwijssoort.LG
    assert rab_verzorger(onderwijssoort=lg, verzorger_cluster=Cluster.C3).toegestaan
    b = rab_verzorger(onderwijssoort=lg, verzorger_cluster=Cluster.C2)
    assert not b.toegestaan
    assert "I-29" in b.uitleg.interpretaties()
    with pytest.raises(NietToegestaan, match=r"cluster.*I-29"):
        b.eis()


@pytest.mark.bron("001, tabellen per 1 augustus 2011: AB van doof+zml, doof+blind en sh+zml")
@pytest.mark.parametrize(
    "soort",
    [Onderwijssoort.MG_DOOF_ZML, Onderwijssoort.MG_DOOF_BLIND, Onderwijssoort.MG_SH_ZML],
)
def test_rab_voor_mg_met_doof_of_slechthorend_mag_ook_van_een_rec_van_cluster_2(soort):
    # De indicatie hoort bij cluster 3 (I-06), de AB prijst 001 als cluster 2: beide mogen.
    assert soort.cluster is Cluster.C3
    assert ab_clusters(soort) == (Cluster.C2, Cluster.C3)
    for cluster in (Cluster.C2, Cluster.C3):
        assert rab_verzorger(onderwijssoort=soort, verzorger_cluster=cluster).toegestaan
    b = rab_verzorger(onderwijssoort=soort, verzorger_cluster=Cluster.C4)
    assert not b.toegestaan
    assert {"I-06", "I-29"} <= set(b.uitleg.interpretaties())
    with pytest.raises(NietToegestaan, match=r"cluster 2.*of cluster 3"):
        b.eis()


@pytest.mark.bron("001, tabellen per 1 augustus 2011: AB van lg+zml met bedragen van cluster 3")
def test_rab_voor_lg_zml_alleen_van_een_rec_van_cluster_3():
    soort = Onderwijssoort.MG_LG_ZML
    assert ab_clusters(soort) == (Cluster.C3,)
    assert rab_verzorger(onderwijssoort=soort, verzorger_cluster=Cluster.C3).toegestaan
    assert not rab_verzorger(onderwijssoort=soort, verzorger_cluster=Cluster.C2).toegestaan


@pytest.mark.bron("001, bao- en vo-tabel per 1 augustus 2011, kolom 'voor AB, personele deel'")
@pytest.mark.parametrize("schoolsoort", ["bao", "vo"])
def test_de_mg_combinaties_met_cluster_2_ab_zijn_precies_die_met_ab_bedragen_van_cluster_2(
    schoolsoort,
):
    """AB_OOK_CLUSTER_2 volgt de tabellen: een mg-combinatie heeft het AB-personeelsbedrag
    van slechthorend (cluster 2) dan en slechts dan als zij in AB_OOK_CLUSTER_2 staat. (De
    sbao-tabel blijft buiten beschouwing: daar geeft 001 lg+zml hetzelfde bedrag, I-25.)"""
    regeling = standaard_regeling()
    peil = date(2011, 8, 1)

    def ab(soort: Onderwijssoort) -> object:
        return regeling.zoek(
            "lgf.bedrag", peil, schoolsoort=schoolsoort, onderwijssoort=soort.value,
            deel="ab_personeel",
        ).waarde  # fmt: skip

    cluster2 = ab(Onderwijssoort.SLECHTHOREND)
    mg = [o for o in Onderwijssoort if o.is_meervoudig]
    assert {o for o in mg if ab(o) == cluster2} == AB_OOK_CLUSTER_2


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
