"""Services van de REC- en (v)so-administratie: elke regel van 004 met haar weigeringen,
en dat een weigering niets schrijft (geen rij, geen auditregel, geen historie)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rugzak.ambulante_begeleiding.models import Begeleiding
from rugzak.ambulante_begeleiding.services import begeleiding_aanvragen_rab
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.organisaties.rollen import Roltype
from rugzak.rec import services as rec
from rugzak.rec.models import (
    Aanmeldingstap,
    Aanmeldingstatus,
    Gemeenschapslid,
    PabFormatieopgave,
    RecInrichting,
    ResidentieelVerzoek,
    Scholengemeenschap,
    VerbredeToelating,
    Verzoekstap,
    Verzoekstatus,
    Vestiging,
    Vestigingstap,
    Vestigingstatus,
    VsoAanmelding,
    VsoPlaatsing,
    VsoProfiel,
)
from tests.app.rec_hulp import (
    VERZOEK_VOLLEDIG,
    RecWereld,
    gebruiker,
    indicatie,
    koppel_ouder,
    leerling_op,
    maak_rec_wereld,
    tel,
)


@pytest.fixture
def w(db) -> RecWereld:
    return maak_rec_wereld()


# --- onderwijssoort van de school en inrichting van het REC -----------------------------------


def test_onderwijssoort_van_een_ander_cluster_wordt_geweigerd_buiten_een_clusteroverstijgend_rec(w):
    school = w.zml.__class__.objects.create(
        soort="school", naam="SO Nieuw", brin="99NW", schoolsoort="so", bestuur=w.bestuur, rec=w.rec
    )
    voor = tel(VsoProfiel)
    with pytest.raises(ValidationError) as e:
        rec.vso_profiel_vastleggen(door=w.secretaris, school=school, onderwijssoort="doof")
    assert "onderwijssoort" in e.value.message_dict
    assert tel(VsoProfiel) == voor
    rec.rec_inrichting_vastleggen(door=w.secretaris, rec=w.rec, clusteroverstijgend=True)
    profiel = rec.vso_profiel_vastleggen(door=w.secretaris, school=school, onderwijssoort="doof")
    assert profiel.onderwijssoort == "doof"


def test_alleen_het_rec_van_de_school_legt_haar_onderwijssoort_vast(w):
    school = w.zml.__class__.objects.create(
        soort="school", naam="SO Nieuw", brin="98NW", schoolsoort="so", bestuur=w.bestuur, rec=w.rec
    )
    voor = tel(VsoProfiel)
    for door in (w.secretaris_ander, w.directie_zml, w.cvi_lid, w.bekostiging):
        with pytest.raises(GeenToegang):
            rec.vso_profiel_vastleggen(door=door, school=school, onderwijssoort="lz")
    assert tel(VsoProfiel) == voor


def test_rec_inrichting_alleen_door_het_rec(w):
    with pytest.raises(GeenToegang):
        rec.rec_inrichting_vastleggen(door=w.directie_zml, rec=w.rec, clusteroverstijgend=True)
    assert not RecInrichting.objects.exists()


# --- verbrede toelating ----------------------------------------------------------------------


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_verbrede_toelating_voor_een_andere_onderwijssoort_van_het_cluster(w):
    vt = rec.verbrede_toelating_vastleggen(
        door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
    )
    assert vt.onderwijssoort == "lg"
    assert AuditRegel.objects.filter(objecttype="verbrede_toelating", actie="aanmaken").exists()


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
@pytest.mark.parametrize(
    ("onderwijssoort", "mg", "deel"),
    [
        ("doof", False, "ander cluster"),
        ("cl4", False, "ander cluster"),
        ("zml", False, "gewone toelating"),
        ("mg_lg_zml", False, "alle mg-geïndiceerde"),
    ],
)
def test_verbrede_toelating_geweigerd(w, onderwijssoort, mg, deel):
    voor = tel(VerbredeToelating)
    with pytest.raises(ValidationError) as e:
        rec.verbrede_toelating_vastleggen(
            door=w.directie_zml,
            school=w.zml,
            onderwijssoort=onderwijssoort,
            vanaf=date(2011, 8, 1),
            alle_mg_indicaties=mg,
        )
    assert deel in " ".join(e.value.message_dict["onderwijssoort"])
    assert tel(VerbredeToelating) == voor


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_mg_verbreed_toelaten_kan_als_de_school_alle_mg_indicaties_opvangt(w):
    vt = rec.verbrede_toelating_vastleggen(
        door=w.directie_zml,
        school=w.zml,
        onderwijssoort="mg_lg_zml",
        vanaf=date(2011, 8, 1),
        alle_mg_indicaties=True,
    )
    assert vt.alle_mg_indicaties


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_verbrede_toelating_alleen_in_cluster_2_en_3(db):
    from rugzak.organisaties.services import organisatie_maak

    bestuur = organisatie_maak(soort="bestuur", naam="B")
    rec4 = organisatie_maak(soort="rec", naam="REC 4", cluster="4", regio="Zuid")
    cvi4 = organisatie_maak(soort="cvi", naam="CvI 4", rec=rec4)
    school = organisatie_maak(
        soort="school", naam="SO 4", brin="44CV", schoolsoort="so", bestuur=bestuur, rec=rec4
    )
    secretaris = gebruiker("sec4", Roltype.CVI_SECRETARIS, cvi4)
    directie = gebruiker("dir4", Roltype.DIRECTIE, school)
    rec.vso_profiel_vastleggen(door=secretaris, school=school, onderwijssoort="cl4")
    with pytest.raises(ValidationError) as e:
        rec.verbrede_toelating_vastleggen(
            door=directie, school=school, onderwijssoort="cl4", vanaf=date(2011, 8, 1)
        )
    assert "alleen in cluster 2 en 3" in " ".join(e.value.message_dict["onderwijssoort"])


def test_verbrede_toelating_alleen_door_de_eigen_school(w):
    for door in (w.directie_lg, w.secretaris, w.team_zml, w.bekostiging):
        with pytest.raises(GeenToegang):
            rec.verbrede_toelating_vastleggen(
                door=door, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
            )
    assert not VerbredeToelating.objects.exists()


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_geen_ambulante_begeleiding_voor_de_verbreed_toegelaten_onderwijssoort(w):
    rec.verbrede_toelating_vastleggen(
        door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
    )
    leerling, _ = leerling_op(w.directie_regulier, w.regulier, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "lg", date(2011, 6, 1))
    voor = tel(Begeleiding)
    with pytest.raises(ValidationError) as e:
        begeleiding_aanvragen_rab(door=w.directie_regulier, leerling=leerling, ab_dienst=w.ab)
    assert "verbreed" in " ".join(e.value.message_dict["ab_dienst"])
    assert tel(Begeleiding) == voor


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_ambulante_begeleiding_voor_de_eigen_onderwijssoort_blijft_mogelijk(w):
    rec.verbrede_toelating_vastleggen(
        door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
    )
    leerling, _ = leerling_op(w.directie_regulier, w.regulier, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "zml", date(2011, 6, 1))
    b = begeleiding_aanvragen_rab(door=w.directie_regulier, leerling=leerling, ab_dienst=w.ab)
    assert b.status == "aangevraagd"


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_verbrede_toelating_geweigerd_zolang_de_school_die_onderwijssoort_begeleidt(w):
    leerling, _ = leerling_op(w.directie_regulier, w.regulier, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "lg", date(2011, 6, 1))
    begeleiding_aanvragen_rab(door=w.directie_regulier, leerling=leerling, ab_dienst=w.ab)
    with pytest.raises(ValidationError) as e:
        rec.verbrede_toelating_vastleggen(
            door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
        )
    assert "ambulante begeleiding" in " ".join(e.value.message_dict["onderwijssoort"])


# --- plaatsing -------------------------------------------------------------------------------


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_plaatsing_met_indicatie_voor_een_andere_onderwijssoort_vraagt_verbrede_toelating(w):
    leerling, inschrijving = leerling_op(w.directie_zml, w.zml, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "lg", date(2011, 6, 1))
    voor = tel(VsoPlaatsing)
    with pytest.raises(ValidationError) as e:
        rec.vso_plaatsing_vastleggen(door=w.directie_zml, inschrijving=inschrijving)
    assert "niet verbreed toe" in " ".join(e.value.message_dict["indicatie"])
    assert tel(VsoPlaatsing) == voor
    vt = rec.verbrede_toelating_vastleggen(
        door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
    )
    plaatsing = rec.vso_plaatsing_vastleggen(door=w.directie_zml, inschrijving=inschrijving)
    assert plaatsing.verbrede_toelating == vt
    assert AuditRegel.objects.filter(
        objecttype="vso_plaatsing", leerling_publiek_id=str(leerling.publiek_id)
    ).exists()


@pytest.mark.bron("004, paragraaf 'Verbrede toelating (artikel 76a)'")
def test_geen_vso_leerling_verbreed_op_een_so_school_van_dezelfde_onderwijssoort(w):
    leerling, inschrijving = leerling_op(w.directie_zml, w.zml, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "zml", date(2011, 6, 1))
    with pytest.raises(ValidationError) as e:
        rec.vso_plaatsing_vastleggen(door=w.directie_zml, inschrijving=inschrijving, niveau="vso")
    assert "vso-leerling" in " ".join(e.value.message_dict["indicatie"])
    assert not VsoPlaatsing.objects.exists()


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_residentiele_plaats_vraagt_een_toegekend_verzoek(w):
    leerling, inschrijving = leerling_op(w.directie_zml, w.zml, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "zml", date(2011, 6, 1))
    with pytest.raises(ValidationError) as e:
        rec.vso_plaatsing_vastleggen(
            door=w.directie_zml, inschrijving=inschrijving, residentieel=True
        )
    assert "residentieel" in e.value.message_dict
    assert not VsoPlaatsing.objects.exists()


def test_plaatsing_op_een_nevenvestiging_buiten_het_spreidingsplan_wordt_geweigerd(w):
    rec.hoofdvestiging_vastleggen(door=w.directie_zml, school=w.zml, naam="De Zon", gemeente="Ede")
    neven = rec.nevenvestiging_voorstellen(
        door=w.directie_zml, school=w.zml, naam="De Zon Wageningen", gemeente="Wageningen"
    )
    leerling, inschrijving = leerling_op(w.directie_zml, w.zml, van=date(2011, 8, 22))
    indicatie(leerling, w.cvi, "zml", date(2011, 6, 1))
    with pytest.raises(ValidationError) as e:
        rec.vso_plaatsing_vastleggen(
            door=w.directie_zml, inschrijving=inschrijving, vestiging=neven
        )
    assert "spreidingsplan" in " ".join(e.value.message_dict["vestiging"])


# --- nevenvestiging ----------------------------------------------------------------------------


def _neven(w: RecWereld, **extra) -> Vestiging:
    rec.hoofdvestiging_vastleggen(door=w.directie_zml, school=w.zml, naam="De Zon", gemeente="Ede")
    return rec.nevenvestiging_voorstellen(
        door=w.directie_zml, school=w.zml, naam="De Zon Wageningen", gemeente="Wageningen", **extra
    )


@pytest.mark.bron("004, paragraaf 'Nevenvestigingen (artikel 76a WEC)'")
def test_nevenvestiging_zonder_instemming_komt_niet_in_het_spreidingsplan(w):
    neven = _neven(w)
    voor = tel(Vestigingstap)
    with pytest.raises(ValidationError) as e:
        rec.vestiging_opnemen(door=w.secretaris, vestiging=neven, versie=neven.versie)
    assert set(e.value.message_dict) == {
        "instemming_scholen_rec_op",
        "instemming_aanpalende_recs_op",
        "instemming_gemeente_op",
    }
    assert tel(Vestigingstap) == voor
    neven.refresh_from_db()
    assert neven.status == Vestigingstatus.VOORGESTELD


@pytest.mark.bron("004, paragraaf 'Nevenvestigingen (artikel 76a WEC)'")
def test_nevenvestiging_met_instemming_van_scholen_aanpalende_recs_en_gemeente(w):
    neven = _neven(w)
    for partij in ("scholen_rec", "aanpalende_recs"):
        neven = rec.vestiging_instemming_vastleggen(
            door=w.secretaris,
            vestiging=neven,
            versie=neven.versie,
            partij=partij,
            op=date(2012, 1, 10),
        )
    with pytest.raises(ValidationError) as e:
        rec.vestiging_opnemen(door=w.secretaris, vestiging=neven, versie=neven.versie)
    assert set(e.value.message_dict) == {"instemming_gemeente_op"}
    neven = rec.vestiging_instemming_vastleggen(
        door=w.coordinator, vestiging=neven, versie=neven.versie, partij="gemeente"
    )
    neven = rec.vestiging_opnemen(door=w.secretaris, vestiging=neven, versie=neven.versie)
    assert neven.status == Vestigingstatus.IN_SPREIDINGSPLAN
    stappen = list(neven.stappen.values_list("van_status", "naar_status"))
    assert stappen[0] == ("", "voorgesteld")
    assert stappen[-1] == ("voorgesteld", "in_spreidingsplan")
    assert len(stappen) == 5


@pytest.mark.bron("004, paragraaf 'Nevenvestigingen (artikel 76a WEC)'")
def test_omzetting_van_een_zmlk_afdeling_volstaat_met_een_verzoek(w):
    neven = _neven(w, omzetting_zmlk_afdeling=True)
    neven = rec.vestiging_opnemen(door=w.secretaris, vestiging=neven, versie=neven.versie)
    assert neven.status == Vestigingstatus.IN_SPREIDINGSPLAN


def test_vestiging_op_een_oude_versie_wordt_geweigerd(w):
    neven = _neven(w)
    oud = neven.versie
    rec.vestiging_instemming_vastleggen(
        door=w.secretaris, vestiging=neven, versie=oud, partij="gemeente"
    )
    voor = tel(Vestigingstap)
    with pytest.raises(GelijktijdigeWijziging):
        rec.vestiging_instemming_vastleggen(
            door=w.secretaris, vestiging=neven, versie=oud, partij="scholen_rec"
        )
    assert tel(Vestigingstap) == voor


def test_opnemen_in_het_spreidingsplan_alleen_door_het_rec(w):
    neven = _neven(w, omzetting_zmlk_afdeling=True)
    for door in (w.directie_zml, w.secretaris_ander, w.bekostiging):
        with pytest.raises(GeenToegang):
            rec.vestiging_opnemen(door=door, vestiging=neven, versie=neven.versie)
    neven.refresh_from_db()
    assert neven.status == Vestigingstatus.VOORGESTELD


def test_een_ingetrokken_nevenvestiging_kan_niet_meer_worden_opgenomen(w):
    neven = _neven(w, omzetting_zmlk_afdeling=True)
    neven = rec.vestiging_intrekken(
        door=w.directie_zml, vestiging=neven, versie=neven.versie, reden="geen gebouw"
    )
    with pytest.raises(ValidationError) as e:
        rec.vestiging_opnemen(door=w.secretaris, vestiging=neven, versie=neven.versie)
    assert "status" in e.value.message_dict


# --- scholengemeenschap ----------------------------------------------------------------------


@pytest.mark.bron("004, paragraaf 'Scholengemeenschap (artikel 71b WEC)'")
def test_scholengemeenschap_van_verschillende_onderwijssoorten_met_een_schoolplan(w):
    g = rec.scholengemeenschap_vormen(
        door=w.secretaris,
        rec=w.rec,
        naam="SG Gelderse Vallei",
        schoolplan="Schoolplan 2011-2015",
        scholen=[w.zml, w.lg],
        gevormd_op=date(2011, 8, 1),
    )
    assert {lid.school for lid in g.leden.all()} == {w.zml, w.lg}


@pytest.mark.bron("004, paragraaf 'Scholengemeenschap (artikel 71b WEC)'")
def test_scholen_van_dezelfde_onderwijssoort_vormen_geen_scholengemeenschap(w):
    voor = tel(Scholengemeenschap, Gemeenschapslid)
    with pytest.raises(ValidationError) as e:
        rec.scholengemeenschap_vormen(
            door=w.secretaris,
            rec=w.rec,
            naam="SG",
            schoolplan="SP",
            scholen=[w.zml, w.vso],
            gevormd_op=date(2011, 8, 1),
        )
    assert "dezelfde onderwijssoort" in " ".join(e.value.message_dict["scholen"])
    assert tel(Scholengemeenschap, Gemeenschapslid) == voor


@pytest.mark.bron("004, paragraaf 'Scholengemeenschap (artikel 71b WEC)'")
def test_scholengemeenschap_over_clusters_alleen_in_een_clusteroverstijgend_rec(w):
    rec.rec_inrichting_vastleggen(door=w.secretaris, rec=w.rec, clusteroverstijgend=True)
    school = w.zml.__class__.objects.create(
        soort="school", naam="SO Cl4", brin="97CL", schoolsoort="so", bestuur=w.bestuur, rec=w.rec
    )
    rec.vso_profiel_vastleggen(door=w.secretaris, school=school, onderwijssoort="cl4")
    rec.rec_inrichting_vastleggen(door=w.secretaris, rec=w.rec, clusteroverstijgend=False)
    with pytest.raises(ValidationError) as e:
        rec.scholengemeenschap_vormen(
            door=w.secretaris,
            rec=w.rec,
            naam="SG",
            schoolplan="SP",
            scholen=[w.zml, school],
            gevormd_op=date(2011, 8, 1),
        )
    assert "clusteroverstijgend" in " ".join(e.value.message_dict["scholen"])
    rec.rec_inrichting_vastleggen(door=w.secretaris, rec=w.rec, clusteroverstijgend=True)
    g = rec.scholengemeenschap_vormen(
        door=w.secretaris,
        rec=w.rec,
        naam="SG",
        schoolplan="SP",
        scholen=[w.zml, school],
        gevormd_op=date(2011, 8, 1),
    )
    assert g.leden.count() == 2


def test_scholengemeenschap_zonder_schoolplan_of_met_een_school_van_een_ander_rec(w):
    with pytest.raises(ValidationError) as e:
        rec.scholengemeenschap_vormen(
            door=w.secretaris,
            rec=w.rec,
            naam="SG",
            schoolplan=" ",
            scholen=[w.zml, w.andere_school],
            gevormd_op=date(2011, 8, 1),
        )
    assert {"schoolplan", "scholen"} <= set(e.value.message_dict)
    assert not Scholengemeenschap.objects.exists()


# --- residentiële plaatsen ------------------------------------------------------------------


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_onvolledig_verzoek_wordt_geweigerd_met_elk_ontbrekend_onderdeel(w):
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2011-2012",
        onderwijssoort="zml",
        plaatsen=20,
        leerlingen_uit_instelling={"2009-2010": 18, "2010-2011": 19},
    )
    voor = tel(Verzoekstap)
    with pytest.raises(ValidationError) as e:
        rec.residentieel_verzoek_indienen(door=w.directie_zml, verzoek=verzoek, versie=1)
    assert set(e.value.message_dict) == {
        "leerlingen_uit_instelling[2006-2007]",
        "leerlingen_uit_instelling[2007-2008]",
        "leerlingen_uit_instelling[2008-2009]",
        "gemiddelde_verblijfsduur_maanden",
        "plaatsen_instelling",
        "naam_instelling",
        "adres_instelling",
        "aard_opvang",
        "afschrift_samenwerkingsafspraken",
    }
    assert tel(Verzoekstap) == voor
    verzoek.refresh_from_db()
    assert verzoek.status == Verzoekstatus.CONCEPT


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_volledig_verzoek_ingediend_en_toegekend_door_de_bekostigingsinstantie(w):
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml, school=w.zml, schooljaar="2011-2012", onderwijssoort="zml"
    )
    verzoek = rec.residentieel_verzoek_wijzigen(
        door=w.ib_zml, verzoek=verzoek, versie=verzoek.versie, **VERZOEK_VOLLEDIG
    )
    verzoek = rec.residentieel_verzoek_indienen(
        door=w.directie_zml, verzoek=verzoek, versie=verzoek.versie
    )
    assert verzoek.status == Verzoekstatus.INGEDIEND
    with pytest.raises(GeenToegang):
        rec.residentieel_verzoek_toekennen(
            door=w.directie_zml,
            verzoek=verzoek,
            versie=verzoek.versie,
            plaatsen=20,
            toegekend_tot=date(2014, 7, 31),
        )
    verzoek = rec.residentieel_verzoek_toekennen(
        door=w.bekostiging,
        verzoek=verzoek,
        versie=verzoek.versie,
        plaatsen=18,
        toegekend_tot=date(2014, 7, 31),
    )
    assert (verzoek.status, verzoek.plaatsen_toegekend) == (Verzoekstatus.TOEGEKEND, 18)
    assert [s.naar_status for s in verzoek.stappen.all()] == ["concept", "ingediend", "toegekend"]


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_residentiele_plaatsen_alleen_voor_de_eigen_onderwijssoort(w):
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2011-2012",
        onderwijssoort="lg",
        **VERZOEK_VOLLEDIG,
    )
    with pytest.raises(ValidationError) as e:
        rec.residentieel_verzoek_indienen(door=w.directie_zml, verzoek=verzoek, versie=1)
    assert "eigen" in " ".join(e.value.message_dict["onderwijssoort"]) or "zelf" in " ".join(
        e.value.message_dict["onderwijssoort"]
    )
    verzoek.refresh_from_db()
    assert verzoek.status == Verzoekstatus.CONCEPT


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_residentiele_plaatsen_niet_samen_met_verbrede_toelating(w):
    rec.verbrede_toelating_vastleggen(
        door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
    )
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2011-2012",
        onderwijssoort="zml",
        **VERZOEK_VOLLEDIG,
    )
    voor = tel(Verzoekstap)
    with pytest.raises(ValidationError) as e:
        rec.residentieel_verzoek_indienen(door=w.directie_zml, verzoek=verzoek, versie=1)
    assert "verbrede toelating" in " ".join(e.value.message_dict["onderwijssoort"])
    assert tel(Verzoekstap) == voor


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_verbrede_toelating_geweigerd_naast_residentiele_plaatsen(w):
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2011-2012",
        onderwijssoort="zml",
        **VERZOEK_VOLLEDIG,
    )
    rec.residentieel_verzoek_indienen(door=w.directie_zml, verzoek=verzoek, versie=1)
    with pytest.raises(ValidationError) as e:
        rec.verbrede_toelating_vastleggen(
            door=w.directie_zml, school=w.zml, onderwijssoort="lg", vanaf=date(2011, 8, 1)
        )
    assert "residentiële plaatsen" in " ".join(e.value.message_dict["onderwijssoort"])


def test_verzoek_afwijzen_en_intrekken(w):
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2011-2012",
        onderwijssoort="zml",
        **VERZOEK_VOLLEDIG,
    )
    verzoek = rec.residentieel_verzoek_indienen(door=w.directie_zml, verzoek=verzoek, versie=1)
    with pytest.raises(ValidationError):
        rec.residentieel_verzoek_afwijzen(
            door=w.bekostiging, verzoek=verzoek, versie=verzoek.versie, reden=" "
        )
    verzoek = rec.residentieel_verzoek_afwijzen(
        door=w.bekostiging, verzoek=verzoek, versie=verzoek.versie, reden="geen afhankelijkheid"
    )
    assert verzoek.status == Verzoekstatus.AFGEWEZEN
    with pytest.raises(ValidationError):
        rec.residentieel_verzoek_intrekken(
            door=w.directie_zml, verzoek=verzoek, versie=verzoek.versie, reden="te laat"
        )
    ander = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml, school=w.zml, schooljaar="2012-2013", onderwijssoort="zml"
    )
    ander = rec.residentieel_verzoek_intrekken(
        door=w.directie_zml, verzoek=ander, versie=ander.versie, reden="niet nodig"
    )
    assert ander.status == Verzoekstatus.INGETROKKEN


def test_verzoek_met_een_onbekend_onderdeel_wordt_geweigerd(w):
    with pytest.raises(ValidationError) as e:
        rec.residentieel_verzoek_aanmaken(
            door=w.directie_zml,
            school=w.zml,
            schooljaar="2011-2012",
            onderwijssoort="zml",
            kleur="blauw",
        )
    assert "kleur" in e.value.message_dict
    assert not ResidentieelVerzoek.objects.exists()


# --- aanmelding en toelating -----------------------------------------------------------------


def _aanmelding(w: RecWereld, *, geboren: date, start: date, soort: str = "zml"):
    leerling, _ = leerling_op(
        w.directie_regulier, w.regulier, van=date(2011, 8, 22), geboortedatum=geboren
    )
    koppel_ouder(w, leerling, w.directie_regulier)
    indicatie(leerling, w.cvi, soort, date(2011, 11, 1))
    return rec.vso_aanmelding_registreren(
        door=w.ouder, leerling=leerling, school=w.zml, gewenste_startdatum=start
    )


@pytest.mark.bron("004, paragraaf 'Toelating'")
def test_kind_jonger_dan_4_alleen_met_instemming_van_de_inspectie(w):
    a = _aanmelding(w, geboren=date(2008, 6, 1), start=date(2012, 4, 1))
    voor = tel(Aanmeldingstap)
    with pytest.raises(ValidationError) as e:
        rec.vso_aanmelding_toelaten(door=w.directie_zml, aanmelding=a, versie=a.versie)
    assert set(e.value.message_dict) == {"instemming_inspectie_op"}
    assert tel(Aanmeldingstap) == voor
    a = rec.vso_aanmelding_instemming_inspectie(
        door=w.directie_zml, aanmelding=a, versie=a.versie, op=date(2012, 3, 1)
    )
    a = rec.vso_aanmelding_toelaten(door=w.directie_zml, aanmelding=a, versie=a.versie)
    assert a.status == Aanmeldingstatus.TOEGELATEN


@pytest.mark.bron("004, paragraaf 'Toelating'")
def test_kind_jonger_dan_4_zonder_indicatie_wordt_niet_toegelaten(w):
    leerling, _ = leerling_op(
        w.directie_regulier, w.regulier, van=date(2011, 8, 22), geboortedatum=date(2008, 6, 1)
    )
    koppel_ouder(w, leerling, w.directie_regulier)
    a = rec.vso_aanmelding_registreren(
        door=w.ouder, leerling=leerling, school=w.zml, gewenste_startdatum=date(2012, 4, 1)
    )
    with pytest.raises(ValidationError) as e:
        rec.vso_aanmelding_toelaten(door=w.directie_zml, aanmelding=a, versie=a.versie)
    assert {"indicatie", "instemming_inspectie_op"} == set(e.value.message_dict)


@pytest.mark.bron("004, paragraaf 'Toelating'")
def test_leerling_met_indicatie_voor_de_eigen_onderwijssoort_niet_weigeren_omdat_hij_niet_past(w):
    a = _aanmelding(w, geboren=date(2004, 6, 1), start=date(2012, 4, 1))
    voor = tel(Aanmeldingstap, VsoAanmelding)
    with pytest.raises(ValidationError) as e:
        rec.vso_aanmelding_weigeren(
            door=w.directie_zml, aanmelding=a, versie=a.versie, grond="past_niet"
        )
    assert "niet geweigerd" in " ".join(e.value.message_dict["grond"])
    assert tel(Aanmeldingstap, VsoAanmelding) == voor
    a.refresh_from_db()
    assert a.status == Aanmeldingstatus.AANGEMELD


@pytest.mark.bron("004, paragraaf 'Toelating'")
def test_weigeren_kan_wel_bij_een_indicatie_voor_een_andere_onderwijssoort(w):
    a = _aanmelding(w, geboren=date(2004, 6, 1), start=date(2012, 4, 1), soort="lg")
    with pytest.raises(ValidationError):
        rec.vso_aanmelding_toelaten(door=w.directie_zml, aanmelding=a, versie=a.versie)
    a = rec.vso_aanmelding_weigeren(
        door=w.directie_zml, aanmelding=a, versie=a.versie, grond="andere_onderwijssoort"
    )
    assert (a.status, a.weigeringsgrond) == (Aanmeldingstatus.GEWEIGERD, "andere_onderwijssoort")


def test_over_een_aanmelding_beslist_alleen_de_school_waar_zij_ligt(w):
    a = _aanmelding(w, geboren=date(2004, 6, 1), start=date(2012, 4, 1))
    for door in (w.directie_lg, w.directie_andere, w.secretaris, w.ouder, w.team_zml):
        with pytest.raises(GeenToegang):
            rec.vso_aanmelding_toelaten(door=door, aanmelding=a, versie=a.versie)
    a.refresh_from_db()
    assert a.status == Aanmeldingstatus.AANGEMELD


def test_aanmelding_alleen_door_de_ouder_of_een_school_die_de_leerling_kent(w):
    leerling, _ = leerling_op(w.directie_regulier, w.regulier, van=date(2011, 8, 22))
    with pytest.raises(GeenToegang):
        rec.vso_aanmelding_registreren(
            door=w.ouder, leerling=leerling, school=w.zml, gewenste_startdatum=date(2012, 4, 1)
        )
    with pytest.raises(GeenToegang):
        rec.vso_aanmelding_registreren(
            door=w.directie_zml,
            leerling=leerling,
            school=w.zml,
            gewenste_startdatum=date(2012, 4, 1),
        )
    assert not VsoAanmelding.objects.exists()


def test_de_school_ziet_een_aangemelde_leerling_en_kan_haar_na_toelating_inschrijven(w):
    from rugzak import toegang
    from rugzak.leerlingen.services import inschrijving_beeindig, inschrijving_maak

    a = _aanmelding(w, geboren=date(2004, 6, 1), start=date(2012, 4, 1))
    assert toegang.leesgrond(w.directie_zml, a.leerling) is not None
    assert toegang.leesgrond(w.directie_lg, a.leerling) is None
    a = rec.vso_aanmelding_toelaten(door=w.directie_zml, aanmelding=a, versie=a.versie)
    oud = a.leerling.inschrijvingen.get()
    inschrijving_beeindig(door=w.directie_regulier, inschrijving=oud, tot=date(2012, 3, 31))
    nieuw = inschrijving_maak(
        door=w.directie_zml, leerling=a.leerling, school=w.zml, van=date(2012, 4, 1), groep=3
    )
    plaatsing = rec.vso_plaatsing_vastleggen(door=w.directie_zml, inschrijving=nieuw)
    assert plaatsing.indicatie == a.indicatie
    # na de inschrijving geeft de inschrijving toegang, niet meer de toelating
    assert not VsoAanmelding.objects.geeft_schooltoegang().filter(pk=a.pk).exists()


def test_aanmelding_intrekken_door_de_ouder(w):
    a = _aanmelding(w, geboren=date(2004, 6, 1), start=date(2012, 4, 1))
    a = rec.vso_aanmelding_intrekken(door=w.ouder, aanmelding=a, versie=a.versie, reden="verhuisd")
    assert a.status == Aanmeldingstatus.INGETROKKEN
    with pytest.raises(ValidationError):
        rec.vso_aanmelding_toelaten(door=w.directie_zml, aanmelding=a, versie=a.versie)


# --- PAB-formatie -----------------------------------------------------------------------------


def test_pab_formatie_vastleggen_en_wijzigen_met_versie(w):
    opgave = rec.pab_formatie_vastleggen(
        door=w.secretaris,
        school=w.zml,
        onderwijssoort="zml",
        huidig_fre="4.0",
        genormeerd_fre="2.0",
    )
    with pytest.raises(ValidationError) as e:
        rec.pab_formatie_vastleggen(
            door=w.secretaris,
            school=w.zml,
            onderwijssoort="zml",
            huidig_fre="1",
            genormeerd_fre="1",
        )
    assert "onderwijssoort" in e.value.message_dict
    opgave = rec.pab_formatie_wijzigen(
        door=w.coordinator, opgave=opgave, versie=1, huidig_fre="4.5", genormeerd_fre="2.0"
    )
    assert opgave.huidig_fre == Decimal("4.5")
    with pytest.raises(GelijktijdigeWijziging):
        rec.pab_formatie_wijzigen(
            door=w.coordinator, opgave=opgave, versie=1, huidig_fre="5", genormeerd_fre="2"
        )


def test_pab_formatie_weigert_float_en_negatief(w):
    with pytest.raises(ValidationError) as e:
        rec.pab_formatie_vastleggen(
            door=w.secretaris,
            school=w.zml,
            onderwijssoort="zml",
            huidig_fre=4.0,
            genormeerd_fre="-1",
        )
    assert {"huidig_fre", "genormeerd_fre"} == set(e.value.message_dict)
    assert not PabFormatieopgave.objects.exists()
    with pytest.raises(GeenToegang):
        rec.pab_formatie_vastleggen(
            door=w.directie_zml,
            school=w.zml,
            onderwijssoort="zml",
            huidig_fre="1",
            genormeerd_fre="1",
        )


# --- één historieregel en één auditregel per overgang ------------------------------------------


def test_elke_overgang_schrijft_een_historieregel_en_een_auditregel(w):
    neven = _neven(w, omzetting_zmlk_afdeling=True)
    voor_audit, voor_stap = tel(Vestigingstap)
    rec.vestiging_opnemen(door=w.secretaris, vestiging=neven, versie=neven.versie)
    assert tel(Vestigingstap) == (voor_audit + 1, voor_stap + 1)
    regel = AuditRegel.objects.order_by("-id").first()
    assert (regel.actie, regel.objecttype, regel.rol) == ("wijzigen", "vestiging", "cvi_secretaris")


# --- verrekening van residentiële plaatsen in het startjaar ------------------------------------


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_school_met_100_leerlingen_en_20_plaatsen_krijgt_80_plus_20(w):
    from rugzak.rec.selectors import residentiele_verrekening

    for i in range(100):
        leerling_op(
            w.directie_zml,
            w.zml,
            van=date(2002, 8, 19),
            geboortedatum=date(1996, 1, 1),
            voornaam=f"L{i}",
        )
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2003-2004",
        onderwijssoort="zml",
        **{
            **VERZOEK_VOLLEDIG,
            "leerlingen_uit_instelling": {f"{j}-{j + 1}": 10 for j in range(1998, 2003)},
        },
    )
    verzoek = rec.residentieel_verzoek_indienen(
        door=w.directie_zml, verzoek=verzoek, versie=1, op=date(2003, 5, 1)
    )
    verzoek = rec.residentieel_verzoek_toekennen(
        door=w.bekostiging,
        verzoek=verzoek,
        versie=verzoek.versie,
        plaatsen=20,
        toegekend_tot=date(2006, 7, 31),
        op=date(2003, 7, 1),
    )
    uit = residentiele_verrekening(verzoek)
    assert (uit["leerlingen"], uit["bekostigde_leerlingen"], uit["bekostigde_plaatsen"]) == (
        100,
        80,
        20,
    )


@pytest.mark.bron("004, paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")
def test_in_2003_2004_niet_meer_plaatsen_toekennen_dan_leerlingen_op_de_teldatum(w):
    """I-63: de verrekening van 004 rekent alleen plaatsen binnen de telling; een toekenning
    die meer plaatsen geeft dan de school op 1 oktober 2002 leerlingen had, wordt
    geweigerd en schrijft niets. Zoveel plaatsen als leerlingen kan wel."""
    from rugzak.rec.selectors import residentiele_verrekening

    for i in range(12):
        leerling_op(
            w.directie_zml, w.zml, van=date(2002, 8, 19), geboortedatum=date(1996, 1, 1),
            voornaam=f"T{i}",
        )  # fmt: skip
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=w.directie_zml,
        school=w.zml,
        schooljaar="2003-2004",
        onderwijssoort="zml",
        **{
            **VERZOEK_VOLLEDIG,
            "leerlingen_uit_instelling": {f"{j}-{j + 1}": 10 for j in range(1998, 2003)},
        },
    )
    verzoek = rec.residentieel_verzoek_indienen(
        door=w.directie_zml, verzoek=verzoek, versie=1, op=date(2003, 5, 1)
    )
    voor = (verzoek.versie, AuditRegel.objects.count())
    with pytest.raises(ValidationError) as fout:
        rec.residentieel_verzoek_toekennen(
            door=w.bekostiging, verzoek=verzoek, versie=verzoek.versie, plaatsen=13,
            toegekend_tot=date(2006, 7, 31), op=date(2003, 7, 1),
        )  # fmt: skip
    assert "I-63" in " ".join(fout.value.message_dict["plaatsen"])
    verzoek.refresh_from_db()
    assert (verzoek.status, (verzoek.versie, AuditRegel.objects.count())) == ("ingediend", voor)
    verzoek = rec.residentieel_verzoek_toekennen(
        door=w.bekostiging, verzoek=verzoek, versie=verzoek.versie, plaatsen=12,
        toegekend_tot=date(2006, 7, 31), op=date(2003, 7, 1),
    )  # fmt: skip
    assert residentiele_verrekening(verzoek)["bekostigde_leerlingen"] == 0
