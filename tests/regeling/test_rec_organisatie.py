"""Verbrede toelating, nevenvestigingen, scholengemeenschappen en toelating (004)."""

from __future__ import annotations

import pytest

from rugzak.regeling.begrippen import Onderwijssoort as O
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.regels.rec_organisatie import (
    Bekostigingswijze,
    ab_bij_verbrede_toelating,
    nevenvestiging,
    scholengemeenschap,
    toelating_jonger_dan_4,
    verbrede_toelating,
    weigering_eigen_onderwijssoort,
)


@pytest.mark.bron("004, 'Verbrede toelating': alleen cluster 2 en 3")
def test_verbrede_toelating_alleen_in_cluster_2_en_3():
    assert verbrede_toelating(
        school_onderwijssoort=O.SLECHTHOREND,
        leerling_onderwijssoort=O.ESM,
        school_is_so=True,
        leerling_is_vso=False,
    ).toegestaan
    b = verbrede_toelating(
        school_onderwijssoort=O.CLUSTER4,
        leerling_onderwijssoort=O.CLUSTER4,
        school_is_so=True,
        leerling_is_vso=False,
    )
    assert not b.toegestaan and "cluster 2 en 3" in b.redenen[0]


@pytest.mark.bron(
    "004, 'Verbrede toelating': geen vso-leerling op so-school van dezelfde onderwijssoort"
)
def test_geen_vso_leerling_op_so_school_van_dezelfde_onderwijssoort():
    b = verbrede_toelating(
        school_onderwijssoort=O.ZML,
        leerling_onderwijssoort=O.ZML,
        school_is_so=True,
        leerling_is_vso=True,
    )
    assert not b.toegestaan
    with pytest.raises(NietToegestaan, match="vso-leerling"):
        b.eis()


@pytest.mark.bron("004, 'Verbrede toelating': mg vraagt opvang van alle mg-indicaties")
def test_cluster_3_school_die_mg_toelaat_moet_alle_mg_indicaties_opvangen():
    kw = dict(
        school_onderwijssoort=O.LG,
        leerling_onderwijssoort=O.MG_LG_ZML,
        school_is_so=True,
        leerling_is_vso=False,
    )
    assert not verbrede_toelating(**kw).toegestaan
    assert verbrede_toelating(**kw, neemt_alle_mg_indicaties=True).toegestaan


@pytest.mark.bron("004, 'Residentiële plaatsen': niet samen met verbrede toelating")
def test_verbrede_toelating_niet_samen_met_residentiele_plaatsen():
    assert not verbrede_toelating(
        school_onderwijssoort=O.LG,
        leerling_onderwijssoort=O.LZ,
        school_is_so=True,
        leerling_is_vso=False,
        residentiele_plaatsen=True,
    ).toegestaan


@pytest.mark.bron("004, 'Verbrede toelating': geen AB voor de verbreed toegelaten onderwijssoort")
def test_geen_ab_voor_verbreed_toegelaten_onderwijssoort():
    assert not ab_bij_verbrede_toelating(
        verbreed_toegelaten_onderwijssoorten=[O.LZ], ab_onderwijssoort=O.LZ
    ).toegestaan
    assert ab_bij_verbrede_toelating(
        verbreed_toegelaten_onderwijssoorten=[O.LZ], ab_onderwijssoort=O.LG
    ).toegestaan
    assert "minutenwals" in Bekostigingswijze().formatie


@pytest.mark.bron("004, 'Nevenvestigingen': drie instemmingen, behalve bij omzetting zmlk-afdeling")
def test_nevenvestiging_vraagt_drie_instemmingen():
    b = nevenvestiging(
        instemming_scholen_rec=True, instemming_aanpalende_recs=False, instemming_gemeente=False
    )
    assert len(b.redenen) == 2
    assert nevenvestiging(
        instemming_scholen_rec=False,
        instemming_aanpalende_recs=False,
        instemming_gemeente=False,
        omzetting_zmlk_afdeling=True,
    ).toegestaan


@pytest.mark.bron("004, 'Scholengemeenschap'")
def test_scholengemeenschap_verschillende_onderwijssoorten_en_clusters_alleen_clusteroverstijgend():
    assert scholengemeenschap(
        onderwijssoorten=[O.LG, O.ZML], rec_clusteroverstijgend=False
    ).toegestaan
    assert not scholengemeenschap(
        onderwijssoorten=[O.LG, O.LG], rec_clusteroverstijgend=True
    ).toegestaan
    assert not scholengemeenschap(
        onderwijssoorten=[O.DOOF, O.ZML], rec_clusteroverstijgend=False
    ).toegestaan
    assert scholengemeenschap(
        onderwijssoorten=[O.DOOF, O.ZML], rec_clusteroverstijgend=True
    ).toegestaan


@pytest.mark.bron("004, 'Toelating': jonger dan 4 alleen met indicatie en instemming inspectie")
def test_toelating_jonger_dan_4():
    assert toelating_jonger_dan_4(heeft_indicatie=True, instemming_inspectie=True).toegestaan
    assert (
        len(toelating_jonger_dan_4(heeft_indicatie=False, instemming_inspectie=False).redenen) == 2
    )


@pytest.mark.bron("004, 'Toelating': niet weigeren omdat de leerling niet past")
def test_geen_weigering_van_eigen_onderwijssoort_omdat_leerling_niet_past():
    assert not weigering_eigen_onderwijssoort(
        school_onderwijssoort=O.ZML, leerling_onderwijssoort=O.ZML, grond="past_niet"
    ).toegestaan
    assert weigering_eigen_onderwijssoort(
        school_onderwijssoort=O.ZML, leerling_onderwijssoort=O.LG, grond="past_niet"
    ).toegestaan
