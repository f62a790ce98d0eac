"""Eigenschappen die voor élke geschiedenis gelden (Hypothesis).

* geen negatief bedrag;
* betaling begint nooit vóór de maand na de melding;
* de twaalf maanden van een schooljaar tellen op tot het jaarbedrag, tot op de cent;
* de bulkberekening geeft per rij, per maand en per ontvanger precies hetzelfde als het
  pad voor één leerling (dat uit gebeurtenissen rekent), ook bij verhuizingen in elke
  volgorde: eerst de melding van de nieuwe school, eerst de uitschrijving door de oude
  (met schoolwisseling), een late uitschrijving, en verhuizingen rond de zomer (I-14,
  I-50, I-51, I-52).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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


#: Hoe een verhuizing in de gebeurtenissen staat (I-52):
#: - "melding_eerst": alleen de melding van de nieuwe school (de oude doet niets, 004);
#: - "uitschrijving_eerst": de oude school schrijft uit, later meldt de nieuwe school
#:   met schoolwisseling (vorige school = de oude);
#: - "uitschrijving_later": de nieuwe school meldt, de oude schrijft na de inschrijving
#:   bij de nieuwe nog uit (op dezelfde dag telt de uitschrijving als eerst).
VOLGORDES = ("melding_eerst", "uitschrijving_eerst", "uitschrijving_later")


@dataclass(frozen=True)
class Verloop:
    """Wat de gebeurtenissen naast de rij nodig hebben: hoe de verhuizingen binnenkwamen."""

    naar: str = "melding_eerst"  # volgorde van de verhuizing van S naar T
    naar_inschrijving: date | None = None  # inschrijving bij T (na uitschrijving: later)
    naar_late_uitschrijving: date | None = None
    naar_vorige_school: str | None = None
    van: str = "melding_eerst"  # volgorde van de verhuizing van P naar S
    van_late_uitschrijving: date | None = None
    ander_na_uitschrijving: date | None = None  # melding van T zonder schoolwisseling
    ander_vorige_school: str | None = None


def _rond_de_zomer(draw, sj: Schooljaar) -> date:
    """Een dag in juli, augustus of begin september, rond een jaargrens bij ``sj``."""
    jaar = sj.beginjaar + draw(st.integers(-1, 1))
    maand = draw(st.sampled_from([7, 8, 8, 9]))
    dag = draw(st.integers(1, 31 if maand != 9 else 3))
    return date(jaar, maand, dag)


@st.composite
def leerlingjaren(draw) -> tuple[Schooljaar, Leerlingjaar, Verloop]:
    sj = draw(st.sampled_from(JAREN))
    s, o, g, v, lw, n = draw(st.sampled_from(GELDIG[sj]))
    if draw(st.integers(0, 3)) == 0:
        ins = _rond_de_zomer(draw, sj)
    else:
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
    verloop = Verloop()
    einde = draw(st.sampled_from(["regel", "gegeven", "down"]))
    if einde == "gegeven":
        rij = replace(rij, indicatie_einde=indicatie + timedelta(days=draw(st.integers(30, 1500))))
    elif einde == "down":
        rij = replace(rij, down=True)
    afloop = draw(
        st.sampled_from(["geen", "uitschrijving", "verhuizing", "opvolger", "uitschrijving_ander"])
    )
    if afloop == "uitschrijving":
        rij = replace(rij, uitschrijving=ins + timedelta(days=draw(st.integers(1, 700))))
    elif afloop == "uitschrijving_ander":
        # uitgeschreven, daarna een melding van een andere school zonder schoolwisseling
        # of met een andere vorige school: geen verhuizing, de bekostiging stopt (I-52)
        uit = ins + timedelta(days=draw(st.integers(1, 700)))
        rij = replace(rij, uitschrijving=uit)
        verloop = replace(
            verloop,
            ander_na_uitschrijving=uit + timedelta(days=draw(st.integers(0, 100))),
            ander_vorige_school=draw(st.sampled_from([None, "X"])),
        )
    elif afloop == "verhuizing":
        if draw(st.booleans()):
            verhuisd = _rond_de_zomer(draw, sj)
            assume(verhuisd > ins)
        else:
            verhuisd = ins + timedelta(days=draw(st.integers(1, 700)))
        rij = replace(rij, verhuisd_op=verhuisd)
        volgorde = draw(st.sampled_from(VOLGORDES))
        if volgorde == "uitschrijving_eerst":
            verloop = replace(
                verloop,
                naar=volgorde,
                naar_inschrijving=verhuisd + timedelta(days=draw(st.integers(0, 400))),
                naar_vorige_school="S",
            )
        else:
            verloop = replace(
                verloop,
                naar=volgorde,
                naar_inschrijving=verhuisd,
                naar_vorige_school=draw(st.sampled_from([None, "S"])),
                naar_late_uitschrijving=(
                    verhuisd + timedelta(days=draw(st.integers(1, 200)))
                    if volgorde == "uitschrijving_later"
                    else None
                ),
            )
    elif afloop == "opvolger":
        rij = replace(rij, opvolger_melding=melding + timedelta(days=draw(st.integers(1, 400))))
    rij = replace(rij, via_verhuizing=draw(st.booleans()))
    if rij.via_verhuizing:
        volgorde = draw(st.sampled_from(VOLGORDES))
        if volgorde == "uitschrijving_eerst":
            # P schreef uit vóór de inschrijving bij S; S noemt P als vorige school
            rij = replace(rij, verhuisd_van_op=ins - timedelta(days=draw(st.integers(0, 99))))
        verloop = replace(
            verloop,
            van=volgorde,
            van_late_uitschrijving=(
                ins + timedelta(days=draw(st.integers(1, 200)))
                if volgorde == "uitschrijving_later"
                else None
            ),
        )
    if rij.onderwijssoort is Onderwijssoort.ZML and rij.schoolsoort is Schoolsoort.BAO:
        if draw(st.booleans()):
            rij = replace(rij, zml_aanvraag=ins + timedelta(days=draw(st.integers(-30, 500))))
        if draw(st.booleans()):
            rij = replace(
                rij, terugplaatsing_groep2=ins + timedelta(days=draw(st.integers(-30, 500)))
            )
    if draw(st.booleans()):
        rij = replace(rij, geboortedatum=ins - timedelta(days=draw(st.integers(3 * 365, 7 * 365))))
    return sj, rij, verloop


def als_gebeurtenissen(rij: Leerlingjaar, verloop: Verloop = Verloop()):
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
        vorige_school="P" if rij.via_verhuizing and verloop.van != "melding_eerst" else None,
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
                vorige_school=None,
            )
        )
        if rij.verhuisd_van_op is not None:
            gebeurtenissen.append(Uitschrijving(rij.verhuisd_van_op, "P"))
        if verloop.van_late_uitschrijving is not None:
            gebeurtenissen.append(Uitschrijving(verloop.van_late_uitschrijving, "P"))
    if rij.uitschrijving:
        gebeurtenissen.append(Uitschrijving(rij.uitschrijving, "S"))
    if verloop.ander_na_uitschrijving is not None:
        gebeurtenissen.append(
            replace(
                melding,
                school="T",
                ab_verzorger="AB-T",
                inschrijvingsdatum=verloop.ander_na_uitschrijving,
                meldingsdatum=max(
                    verloop.ander_na_uitschrijving, rij.meldingsdatum + timedelta(days=1)
                ),
                vorige_school=verloop.ander_vorige_school,
            )
        )
    if rij.verhuisd_op:
        inschrijving = verloop.naar_inschrijving or rij.verhuisd_op
        if verloop.naar == "uitschrijving_eerst":
            gebeurtenissen.append(Uitschrijving(rij.verhuisd_op, "S"))
        gebeurtenissen.append(
            replace(
                melding,
                school="T",
                ab_verzorger="AB-T",
                inschrijvingsdatum=inschrijving,
                meldingsdatum=max(inschrijving, rij.meldingsdatum + timedelta(days=1)),
                vorige_school=verloop.naar_vorige_school,
            )
        )
        if verloop.naar_late_uitschrijving is not None:
            gebeurtenissen.append(Uitschrijving(verloop.naar_late_uitschrijving, "S"))
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
    sj, rij, verloop = geval
    assume(_geldig(rij, sj))
    schema = betaalschema(R, als_gebeurtenissen(rij, verloop), sj, geboortedatum=rij.geboortedatum)
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
    sj, rij, verloop = geval
    assume(_geldig(rij, sj))
    schema = betaalschema(R, als_gebeurtenissen(rij, verloop), sj, geboortedatum=rij.geboortedatum)
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
