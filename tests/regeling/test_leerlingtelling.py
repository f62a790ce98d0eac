"""De leerlingtelling op 1 oktober en 16 januari (004, 'De leerlingtelling')."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.regels.leerlingtelling import (
    AbCategorie,
    BegeleideLeerling,
    Categorie,
    IngeschrevenLeerling,
    leerlingtelling,
)

OKT = date(2004, 10, 1)


def leerling(id, **kw):
    basis = dict(
        geboortedatum=date(1996, 5, 1),
        geslacht="v",
        ingeschreven_van=date(2003, 9, 1),
        ingeschreven_tot=None,
        vestiging="hoofd",
        indicatiedatum=date(2003, 8, 20),
    )
    basis.update(kw)
    return IngeschrevenLeerling(id=id, **basis)


@pytest.mark.bron("004, 'De leerlingtelling': drie categorieën, naar geboortejaar en geslacht")
def test_drie_categorieen_naar_geboortejaar_en_geslacht():
    t = leerlingtelling(
        OKT,
        [
            leerling("a"),
            leerling("b", geslacht="m", verbreed_toegelaten=True),
            leerling("c", ingeschreven_van=date(1999, 8, 1), indicatiedatum=None),
            leerling("d", residentieel=True),
            leerling("e", ingeschreven_tot=date(2004, 6, 30)),  # niet meer ingeschreven
        ],
    )
    assert t.totaal_per_categorie() == {
        Categorie.GEINDICEERD: 2,
        Categorie.ZITTEND: 1,
        Categorie.RESIDENTIEEL: 1,
    }
    assert t.ingeschreven[("hoofd", Categorie.GEINDICEERD, 1996, "m")] == 1


@pytest.mark.bron("004, 'De leerlingtelling': per vestiging in een andere gemeente")
def test_per_vestiging():
    t = leerlingtelling(OKT, [leerling("a"), leerling("b", vestiging="neven Ede")])
    assert {k[0] for k in t.ingeschreven} == {"hoofd", "neven Ede"}


@pytest.mark.bron("004, 'De leerlingtelling'; interpretatie I-30")
def test_zittende_leerling_die_opnieuw_geindiceerd_is_telt_als_geindiceerd():
    t = leerlingtelling(
        OKT, [leerling("a", ingeschreven_van=date(2000, 8, 1), indicatiedatum=date(2004, 3, 1))]
    )
    assert t.totaal_per_categorie() == {Categorie.GEINDICEERD: 1}
    assert "I-30" in t.uitleg.interpretaties()


@pytest.mark.bron("004, 'De leerlingtelling': ambulant begeleid in vier categorieën naar BO/SBO/VO")
def test_ambulant_begeleid_vier_categorieen_naar_schoolsoort():
    b = [
        BegeleideLeerling(
            "1", Schoolsoort.BAO, date(2002, 11, 1), None, teruggeplaatst_op=date(2002, 11, 1)
        ),
        BegeleideLeerling("2", Schoolsoort.VO, date(2001, 9, 1), None),
        BegeleideLeerling("3", Schoolsoort.SBAO, date(2003, 2, 1), None),
        BegeleideLeerling(
            "4", Schoolsoort.BAO, date(2003, 9, 1), None, indicatiedatum=date(2003, 8, 25)
        ),
    ]
    t = leerlingtelling(date(2003, 10, 1), [], b)
    assert t.begeleid == {
        (AbCategorie.TERUGGEPLAATST, "BO"): 1,
        (AbCategorie.BEGELEID_OKT_2002, "VO"): 1,
        (AbCategorie.INSTROOM_VOOR_LGF, "SBO"): 1,
        (AbCategorie.GEINDICEERD, "BO"): 1,
    }


def test_alleen_1_oktober_en_16_januari_zijn_teldata():
    leerlingtelling(date(2005, 1, 16), [])
    with pytest.raises(OngeldigeInvoer, match="teldatum"):
        leerlingtelling(date(2004, 10, 2), [])


def test_leerling_zonder_grond_om_op_het_vso_te_staan_is_een_fout_met_veldnaam():
    with pytest.raises(OngeldigeInvoer, match=r"leerling x\.indicatiedatum"):
        leerlingtelling(OKT, [leerling("x", indicatiedatum=None)])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.booleans(), st.integers(1990, 2000), st.sampled_from("mvo")),
        max_size=40,
    )
)
def test_elke_ingeschreven_leerling_telt_precies_een_keer(kenmerken):
    leerlingen = [
        leerling(
            str(i),
            residentieel=r,
            indicatiedatum=date(2003, 9, 1) if ind else None,
            ingeschreven_van=date(2001, 9, 1),
            geboortedatum=date(j, 1, 1),
            geslacht=g,
        )
        for i, (r, ind, j, g) in enumerate(kenmerken)
    ]
    t = leerlingtelling(OKT, leerlingen)
    assert sum(t.ingeschreven.values()) == len(leerlingen)
