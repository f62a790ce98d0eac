"""Organisaties en rollen: velden per soort, BRIN, rol past bij de soort organisatie."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rugzak.audit.models import AuditRegel
from rugzak.organisaties.models import Organisatie, Rol
from rugzak.organisaties.rollen import ROLLEN_PER_SOORT, Organisatiesoort, Roltype, rolfout
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken

pytestmark = pytest.mark.django_db


@pytest.fixture
def bestuur():
    return organisatie_maak(soort=Organisatiesoort.BESTUUR, naam="Stichting Test")


@pytest.mark.parametrize("brin", ["12AB", "00ZZ", "99XY"])
def test_een_geldig_brin_is_twee_cijfers_en_twee_letters(bestuur, brin):
    school = organisatie_maak(
        soort="school", naam="School", brin=brin, schoolsoort="bao", bestuur=bestuur
    )
    assert school.brin == brin


def test_brin_wordt_naar_hoofdletters_gezet(bestuur):
    school = organisatie_maak(
        soort="school", naam="School", brin=" 12ab ", schoolsoort="bao", bestuur=bestuur
    )
    assert school.brin == "12AB"


@pytest.mark.parametrize("brin", ["1AB", "12A", "AB12", "123B", "12ABC", "12-A", "1 2A"])
def test_een_ongeldig_brin_wordt_geweigerd_met_het_veld_genoemd(bestuur, brin):
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(
            soort="school", naam="School", brin=brin, schoolsoort="bao", bestuur=bestuur
        )
    assert "brin" in fout.value.message_dict
    assert not Organisatie.objects.filter(soort="school").exists()


def test_een_school_zonder_brin_schoolsoort_en_bestuur_noemt_alle_drie():
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(soort="school", naam="School")
    assert {"brin", "schoolsoort", "bestuur"} <= set(fout.value.message_dict)


def test_schoolsoorten_komen_uit_de_regelkern(bestuur):
    from rugzak.regeling.begrippen import Schoolsoort

    veld = Organisatie._meta.get_field("schoolsoort")
    assert [code for code, _ in veld.choices] == list(Schoolsoort.codes())
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(
            soort="school", naam="School", brin="12AB", schoolsoort="lyceum", bestuur=bestuur
        )
    assert "schoolsoort" in fout.value.message_dict


def test_het_brin_van_een_school_is_uniek(bestuur):
    organisatie_maak(soort="school", naam="A", brin="12AB", schoolsoort="bao", bestuur=bestuur)
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(soort="school", naam="B", brin="12AB", schoolsoort="vo", bestuur=bestuur)
    assert "BRIN" in str(fout.value)


def test_een_rec_heeft_cluster_2_3_of_4_en_een_regio():
    for cluster in ("2", "3", "4"):
        organisatie_maak(soort="rec", naam=f"REC {cluster}", cluster=cluster, regio="Oost")
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(soort="rec", naam="REC 1", cluster="1", regio="Oost")
    assert "cluster" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(soort="rec", naam="REC 2", cluster="2")
    assert "regio" in fout.value.message_dict


def test_cvi_en_ab_dienst_horen_bij_een_rec(bestuur):
    rec = organisatie_maak(soort="rec", naam="REC 3", cluster="3", regio="Oost")
    for soort in ("cvi", "ab_dienst"):
        with pytest.raises(ValidationError) as fout:
            organisatie_maak(soort=soort, naam="zonder rec")
        assert "rec" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            organisatie_maak(soort=soort, naam="bij een bestuur", rec=bestuur)
        assert "rec" in fout.value.message_dict
    organisatie_maak(soort="cvi", naam="CvI", rec=rec)
    organisatie_maak(soort="ab_dienst", naam="AB", rec=rec, brin="62KB")


def test_een_rec_heeft_een_cvi():
    rec = organisatie_maak(soort="rec", naam="REC 3", cluster="3", regio="Oost")
    organisatie_maak(soort="cvi", naam="CvI", rec=rec)
    with pytest.raises(ValidationError):
        organisatie_maak(soort="cvi", naam="tweede CvI", rec=rec)


def test_alleen_een_vso_school_hoort_bij_een_rec(bestuur):
    rec = organisatie_maak(soort="rec", naam="REC 4", cluster="4", regio="Oost")
    organisatie_maak(
        soort="school", naam="VSO", brin="63BK", schoolsoort="vso", bestuur=bestuur, rec=rec
    )
    with pytest.raises(ValidationError) as fout:
        organisatie_maak(
            soort="school", naam="OBS", brin="21WK", schoolsoort="bao", bestuur=bestuur, rec=rec
        )
    assert "rec" in fout.value.message_dict


def test_de_database_weigert_een_school_zonder_bestuur_ook_buiten_de_service():
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisatie.objects.create(soort="school", naam="School", brin="12AB", schoolsoort="bao")


# --- rollen -----------------------------------------------------------------------------


@pytest.fixture
def organisaties(bestuur):
    rec = organisatie_maak(soort="rec", naam="REC 3", cluster="3", regio="Oost")
    return {
        "bestuur": bestuur,
        "school": organisatie_maak(
            soort="school", naam="School", brin="12AB", schoolsoort="bao", bestuur=bestuur
        ),
        "rec": rec,
        "cvi": organisatie_maak(soort="cvi", naam="CvI", rec=rec),
        "ab_dienst": organisatie_maak(soort="ab_dienst", naam="AB", rec=rec),
        "bekostigingsinstantie": organisatie_maak(soort="bekostigingsinstantie", naam="CFI"),
    }


def _gebruiker(naam="persoon"):
    return gebruiker_maak(gebruikersnaam=naam, voornaam="P", achternaam="Q")


@pytest.mark.parametrize("soort", list(ROLLEN_PER_SOORT))
@pytest.mark.parametrize("rol", [r for r in Roltype.values if r != Roltype.OUDER])
def test_een_rol_past_alleen_bij_zijn_soort_organisatie(organisaties, soort, rol):
    gebruiker = _gebruiker()
    past = rol in ROLLEN_PER_SOORT[soort]
    if past:
        lid = rol_toeken(gebruiker=gebruiker, rol=rol, organisatie=organisaties[soort])
        assert lid.pk is not None
    else:
        aantal = AuditRegel.objects.count()
        with pytest.raises(ValidationError) as fout:
            rol_toeken(gebruiker=gebruiker, rol=rol, organisatie=organisaties[soort])
        assert "rol" in fout.value.message_dict
        assert not Rol.objects.filter(gebruiker=gebruiker).exists()
        assert AuditRegel.objects.count() == aantal


def test_de_foutmelding_noemt_de_rollen_die_wel_passen(organisaties):
    tekst = rolfout(Roltype.CVI_LID, Organisatiesoort.SCHOOL)
    assert tekst is not None
    assert "directie" in tekst and "intern_begeleider" in tekst and "teamlid" in tekst


def test_een_ouder_heeft_geen_organisatie(organisaties):
    gebruiker = _gebruiker()
    rol_toeken(gebruiker=gebruiker, rol=Roltype.OUDER)
    with pytest.raises(ValidationError):
        rol_toeken(gebruiker=_gebruiker("b"), rol=Roltype.OUDER, organisatie=organisaties["school"])
    with pytest.raises(ValidationError):
        rol_toeken(gebruiker=_gebruiker("c"), rol=Roltype.DIRECTIE)


def test_een_rol_kan_niet_twee_keer_lopen(organisaties):
    gebruiker = _gebruiker()
    rol_toeken(gebruiker=gebruiker, rol=Roltype.DIRECTIE, organisatie=organisaties["school"])
    with pytest.raises(ValidationError):
        rol_toeken(gebruiker=gebruiker, rol=Roltype.DIRECTIE, organisatie=organisaties["school"])


def test_de_database_weigert_een_ouderrol_met_organisatie(organisaties):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rol.objects.create(
            gebruiker=_gebruiker(),
            rol=Roltype.OUDER,
            organisatie=organisaties["school"],
            van="2011-08-01",
        )


def test_rol_toekennen_wordt_gelogd(organisaties):
    gebruiker = _gebruiker()
    lid = rol_toeken(gebruiker=gebruiker, rol=Roltype.TEAMLID, organisatie=organisaties["school"])
    regel = AuditRegel.objects.get(objecttype="rol", object_id=str(lid.pk))
    assert regel.actie == "aanmaken"
    assert regel.organisatie_id == organisaties["school"].pk


def test_een_zwak_wachtwoord_wordt_geweigerd():
    with pytest.raises(ValidationError) as fout:
        gebruiker_maak(gebruikersnaam="x", voornaam="X", achternaam="Y", wachtwoord="12345678")
    assert "wachtwoord" in fout.value.message_dict
