"""Eigenschappen die voor élke geschiedenis gelden (Hypothesis).

* geen negatief bedrag;
* betaling begint nooit vóór de maand na de melding;
* de twaalf maanden van een schooljaar tellen op tot het jaarbedrag, tot op de cent;
* de bulkberekening geeft per rij, per maand en per ontvanger precies hetzelfde als het
  pad voor één leerling (dat uit gebeurtenissen rekent).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rugzak.regeling.batch import (
    GROEPEN,
    LEERWEGEN,
    MBO_NIVEAUS,
    ONDERWIJSSOORTEN,
    SCHOOLSOORTEN,
    VO_VARIANTEN,
    Leerlingjaar,
    Tarieftabellen,
    _zinvolle_combinaties,
    bereken,
    naar_kolommen,
)
from rugzak.regeling.begrippen import Onderwijssoort, Ontvanger, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import (
    TerugplaatsingGroep2,
    Uitschrijving,
    ZmlAanvraag,
    betaalschema,
    maandbedragen,
)
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Maand, Schooljaar

R = standaard_regeling()
JAREN = (Schooljaar(2009), Schooljaar(2011))
TABELLEN = {sj: Tarieftabellen.voor(R, sj) for sj in JAREN}
GELDIG = {
    sj: [
        c
        for c in _zinvolle_combinaties()
        if TABELLEN[sj].geldig[
            np.ravel_multi_index(
                c,
                (
                    len(SCHOOLSOORTEN),
                    len(ONDERWIJSSOORTEN),
                    len(GROEPEN),
                    len(VO_VARIANTEN),
                    len(LEERWEGEN),
                    len(MBO_NIVEAUS),
                ),
            )
        ]
    ]
    for sj in JAREN
}

dagen = st.integers(min_value=0, max_value=700)


@st.composite
def leerlingjaren(draw) -> tuple[Schooljaar, Leerlingjaar]:
    sj = draw(st.sampled_from(JAREN))
    s, o, g, v, lw, n = draw(st.sampled_from(GELDIG[sj]))
    ins = sj.begin + timedelta(days=draw(st.integers(-500, 360)))
    melding = ins + timedelta(days=draw(st.integers(0, 300)))
    indicatie = max(date(2003, 8, 1), ins - timedelta(days=draw(dagen)))
    rij = Leerlingjaar(
        schoolsoort=SCHOOLSOORTEN[s],
        onderwijssoort=ONDERWIJSSOORTEN[o],
        groep=GROEPEN[g],
        vo_variant=VO_VARIANTEN[v],
        leerweg=LEERWEGEN[lw],
        mbo_niveau=MBO_NIVEAUS[n],
        meldingsdatum=melding,
        inschrijvingsdatum=ins,
        indicatiedatum=indicatie,
    )
    einde = draw(st.sampled_from(["regel", "gegeven", "down"]))
    if einde == "gegeven":
        rij = replace(rij, indicatie_einde=indicatie + timedelta(days=draw(st.integers(30, 1500))))
    elif einde == "down":
        rij = replace(rij, down=True)
    afloop = draw(st.sampled_from(["geen", "uitschrijving", "verhuizing", "opvolger"]))
    if afloop == "uitschrijving":
        rij = replace(rij, uitschrijving=ins + timedelta(days=draw(st.integers(1, 700))))
    elif afloop == "verhuizing":
        rij = replace(rij, verhuisd_op=ins + timedelta(days=draw(st.integers(1, 700))))
    elif afloop == "opvolger":
        rij = replace(rij, opvolger_melding=melding + timedelta(days=draw(st.integers(1, 400))))
    rij = replace(rij, via_verhuizing=draw(st.booleans()))
    if rij.onderwijssoort is Onderwijssoort.ZML and rij.schoolsoort is Schoolsoort.BAO:
        if draw(st.booleans()):
            rij = replace(rij, zml_aanvraag=ins + timedelta(days=draw(st.integers(-30, 500))))
        if draw(st.booleans()):
            rij = replace(
                rij, terugplaatsing_groep2=ins + timedelta(days=draw(st.integers(-30, 500)))
            )
    if draw(st.booleans()):
        rij = replace(rij, geboortedatum=ins - timedelta(days=draw(st.integers(3 * 365, 7 * 365))))
    return sj, rij


def als_gebeurtenissen(rij: Leerlingjaar):
    """Dezelfde situatie als geschiedenis voor het pad van één leerling (school 'S')."""
    melding = Melding(
        meldingsdatum=rij.meldingsdatum,
        school="S",
        schoolsoort=rij.schoolsoort,
        inschrijvingsdatum=rij.inschrijvingsdatum,
        cvi_nummer="CVI-1",
        indicatiedatum=rij.indicatiedatum,
        onderwijssoort=rij.onderwijssoort,
        ab_verzorger="AB",
        groep=rij.groep,
        vo_variant=rij.vo_variant,
        mbo_niveau=rij.mbo_niveau,
        leerweg=rij.leerweg,
        syndroom_van_down=rij.down,
        indicatie_einddatum=rij.indicatie_einde,
    )
    gebeurtenissen: list = [melding]
    if rij.via_verhuizing:
        gebeurtenissen.append(
            replace(
                melding,
                school="P",
                ab_verzorger="AB-P",
                inschrijvingsdatum=rij.inschrijvingsdatum - timedelta(days=100),
                meldingsdatum=min(rij.inschrijvingsdatum, rij.meldingsdatum) - timedelta(days=90),
                indicatiedatum=min(
                    rij.indicatiedatum, rij.inschrijvingsdatum - timedelta(days=100)
                ),
            )
        )
    if rij.uitschrijving:
        gebeurtenissen.append(Uitschrijving(rij.uitschrijving, "S"))
    if rij.verhuisd_op:
        gebeurtenissen.append(
            replace(
                melding,
                school="T",
                ab_verzorger="AB-T",
                inschrijvingsdatum=rij.verhuisd_op,
                meldingsdatum=max(rij.verhuisd_op, rij.meldingsdatum + timedelta(days=1)),
            )
        )
    if rij.opvolger_melding:
        gebeurtenissen.append(
            replace(melding, meldingsdatum=rij.opvolger_melding, cvi_nummer="CVI-2")
        )
    if rij.zml_aanvraag:
        gebeurtenissen.append(ZmlAanvraag(rij.zml_aanvraag))
    if rij.terugplaatsing_groep2:
        gebeurtenissen.append(TerugplaatsingGroep2(rij.terugplaatsing_groep2))
    return gebeurtenissen


def _geldig(rij: Leerlingjaar, sj: Schooljaar) -> bool:
    """Sluit geschiedenissen uit die de regelkern terecht weigert (bv. een indicatie van vóór
    2003 bij de vorige school)."""
    return not (
        rij.via_verhuizing and rij.inschrijvingsdatum - timedelta(days=100) < date(2003, 8, 1)
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(leerlingjaren())
def test_bulk_is_gelijk_aan_een_voor_een(geval):
    sj, rij = geval
    assume(_geldig(rij, sj))
    schema = betaalschema(R, als_gebeurtenissen(rij), sj, geboortedatum=rij.geboortedatum)
    uit = bereken(R, sj, naar_kolommen([rij]), tabellen=TABELLEN[sj], per_maand=True)
    assert uit.maand_school is not None and uit.maand_ab is not None
    maanden = sj.maanden()
    school = [0] * 12
    ab = [0] * 12
    for b in schema.betalingen:
        if b.school != "S" or b.cvi_nummer != "CVI-1":
            continue
        i = maanden.index(b.maand)
        centen = int(b.bedrag * 100)
        if b.ontvanger is Ontvanger.SCHOOL:
            school[i] += centen
        else:
            ab[i] += centen
    assert list(uit.maand_school[0]) == school
    assert list(uit.maand_ab[0]) == ab
    assert int(uit.totaal_school[0] + uit.totaal_zml[0]) == sum(school)
    assert int(uit.totaal_ab[0]) == sum(ab)


@settings(max_examples=300, deadline=None)
@given(leerlingjaren())
def test_geen_negatief_bedrag_en_nooit_voor_de_maand_na_de_melding(geval):
    sj, rij = geval
    assume(_geldig(rij, sj))
    schema = betaalschema(R, als_gebeurtenissen(rij), sj, geboortedatum=rij.geboortedatum)
    for b in schema.betalingen:
        assert b.bedrag >= 0
        if b.school == "S":
            assert b.maand > Maand.van_datum(rij.meldingsdatum)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10_000_000))
def test_twaalf_maanden_tellen_op_tot_het_jaarbedrag(centen):
    bedrag = Decimal(centen).scaleb(-2)
    maanden = maandbedragen(bedrag)
    assert sum(maanden) == bedrag
    assert all(m >= 0 for m in maanden)
    assert max(maanden) - min(maanden) <= Decimal("0.01")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(JAREN), st.data())
def test_volledig_jaar_betaalt_precies_het_jaarbudget(sj, data):
    s, o, g, v, lw, n = data.draw(st.sampled_from(GELDIG[sj]))
    situatie = Situatie(
        sj,
        SCHOOLSOORTEN[s],
        ONDERWIJSSOORTEN[o],
        GROEPEN[g],
        VO_VARIANTEN[v],
        MBO_NIVEAUS[n],
        LEERWEGEN[lw],
    )
    budget = jaarbudget(R, situatie)
    melding = Melding(
        meldingsdatum=sj.begin - timedelta(days=5),
        school="S",
        schoolsoort=situatie.schoolsoort,
        inschrijvingsdatum=sj.begin - timedelta(days=10),
        cvi_nummer="C",
        indicatiedatum=sj.begin - timedelta(days=20),
        onderwijssoort=situatie.onderwijssoort,
        ab_verzorger="AB",
        groep=situatie.groep,
        vo_variant=situatie.vo_variant,
        mbo_niveau=situatie.mbo_niveau,
        leerweg=situatie.leerweg,
    )
    gebeurtenissen: list = [melding]
    if any(p.deel.is_zml_aanvulling for p in budget.posten):
        gebeurtenissen.append(ZmlAanvraag(sj.begin - timedelta(days=8)))
    schema = betaalschema(R, gebeurtenissen, sj)
    assert schema.totaal == budget.totaal
    assert schema.per_ontvanger()["S"] == budget.per_ontvanger()[Ontvanger.SCHOOL]


@pytest.mark.bron("batch: een ongeprijsde combinatie met een te betalen maand is een fout")
def test_bulk_weigert_ongeprijsde_combinatie_met_te_betalen_maand():
    from rugzak.regeling.fouten import OntbrekendeBron

    rij = Leerlingjaar(
        schoolsoort=Schoolsoort.BAO,
        onderwijssoort=Onderwijssoort.DOOF,
        groep=3,
        meldingsdatum=date(2009, 9, 1),
        inschrijvingsdatum=date(2009, 8, 20),
        indicatiedatum=date(2009, 6, 1),
    )
    with pytest.raises(OntbrekendeBron, match="rij 0"):
        bereken(R, Schooljaar(2009), naar_kolommen([rij]))
    # zonder te betalen maand geen fout (zoals bij één leerling)
    later = replace(rij, meldingsdatum=date(2010, 7, 15), inschrijvingsdatum=date(2010, 7, 1))
    uit = bereken(R, Schooljaar(2009), naar_kolommen([later]))
    assert uit.totaal == 0
