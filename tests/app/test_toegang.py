"""Het toegangsbeleid (rugzak.toegang): wie welke leerlingen ziet en wijzigt."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak import toegang
from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.leerlingen.selectors import leerling_dossier
from rugzak.leerlingen.services import inschrijving_beeindig, ouder_koppel
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.services import rol_beeindig, rol_toeken

pytestmark = pytest.mark.django_db


def zichtbaar(gebruiker):
    return set(toegang.leerlingen_zichtbaar_voor(gebruiker))


def test_een_schoolgebruiker_ziet_alleen_de_leerlingen_van_de_eigen_school(wereld):
    for gebruiker in (wereld.directie_a, wereld.ib_a, wereld.teamlid_a):
        assert zichtbaar(gebruiker) == {wereld.leerling_a}
    assert zichtbaar(wereld.directie_b) == {wereld.leerling_b}


def test_school_a_kan_een_leerling_van_school_b_niet_openen_en_de_poging_wordt_gelogd(wereld):
    assert toegang.leesgrond(wereld.directie_a, wereld.leerling_b) is None
    with pytest.raises(GeenToegang):
        leerling_dossier(
            gebruiker=wereld.directie_a, publiek_id=wereld.leerling_b.publiek_id, reden="test"
        )
    regel = AuditRegel.objects.get(actie=Actie.GEWEIGERD)
    assert regel.gebruiker_id == wereld.directie_a.pk
    assert regel.leerling_publiek_id == str(wereld.leerling_b.publiek_id)


def test_een_ouder_ziet_alleen_het_eigen_kind(wereld):
    assert zichtbaar(wereld.ouder_a) == {wereld.leerling_a}
    assert zichtbaar(wereld.ouder_b) == {wereld.leerling_b}
    with pytest.raises(GeenToegang):
        leerling_dossier(
            gebruiker=wereld.ouder_a, publiek_id=wereld.leerling_b.publiek_id, reden="test"
        )


def test_een_ouder_mag_niet_wijzigen(wereld):
    assert toegang.wijziggrond(wereld.ouder_a, wereld.leerling_a) is None


def test_een_bestuurder_ziet_de_leerlingen_van_de_eigen_scholen(wereld):
    assert zichtbaar(wereld.bestuurder_a) == {wereld.leerling_a}
    assert toegang.wijziggrond(wereld.bestuurder_a, wereld.leerling_a) is None


def test_cvi_en_ab_zien_niemand_zolang_er_geen_zaken_zijn(wereld):
    assert zichtbaar(wereld.cvi_lid) == set()
    assert zichtbaar(wereld.ambulant_begeleider) == set()


def test_de_bekostigingsinstantie_ziet_nooit_namen(wereld):
    assert zichtbaar(wereld.bekostigingsmedewerker) == set()
    assert toegang.leesgrond(wereld.bekostigingsmedewerker, wereld.leerling_a) is None
    assert toegang.bekostiging_pseudoniem_overzicht(wereld.bekostigingsmedewerker) == []
    with pytest.raises(GeenToegang):
        toegang.bekostiging_pseudoniem_overzicht(wereld.directie_a)


def test_een_teamlid_mag_lezen_maar_niet_wijzigen(wereld):
    assert toegang.leesgrond(wereld.teamlid_a, wereld.leerling_a).rol == "teamlid"
    assert toegang.wijziggrond(wereld.teamlid_a, wereld.leerling_a) is None
    assert toegang.wijziggrond(wereld.ib_a, wereld.leerling_a).rol == "intern_begeleider"


def test_een_beeindigde_inschrijving_geeft_geen_toegang_meer(wereld):
    inschrijving = wereld.leerling_a.inschrijvingen.get()
    inschrijving_beeindig(door=wereld.directie_a, inschrijving=inschrijving, tot=date(2012, 3, 1))
    assert zichtbaar(wereld.directie_a) == set()
    # op de laatste schooldag zelf nog wel
    assert toegang.leerlingen_zichtbaar_voor(wereld.directie_a, peildatum=date(2012, 3, 1)).exists()
    # de ouder blijft het eigen kind zien
    assert zichtbaar(wereld.ouder_a) == {wereld.leerling_a}


def test_een_toekomstige_inschrijving_geeft_al_toegang(wereld, schrijf):
    nieuw = schrijf(wereld.directie_a, wereld.school_a, "Daan", groep=1, van=date(2012, 8, 20))
    assert nieuw in zichtbaar(wereld.teamlid_a)


def test_een_beeindigde_rol_geeft_geen_toegang_meer(wereld):
    rol = wereld.teamlid_a.rollen.get()
    rol_beeindig(rol=rol, tot=date(2012, 1, 31))
    assert zichtbaar(wereld.teamlid_a) == set()


def test_een_inactieve_gebruiker_ziet_niemand(wereld):
    wereld.directie_a.is_active = False
    wereld.directie_a.save()
    assert zichtbaar(wereld.directie_a) == set()


def test_een_superuser_heeft_geen_extra_toegang(wereld):
    wereld.cvi_lid.is_superuser = True
    wereld.cvi_lid.is_staff = True
    wereld.cvi_lid.save()
    assert zichtbaar(wereld.cvi_lid) == set()


def test_een_gebruiker_met_twee_rollen_ziet_beide_en_de_grond_is_de_sterkste(wereld):
    rol_toeken(gebruiker=wereld.directie_b, rol=Roltype.OUDER)
    ouder_koppel(door=wereld.directie_a, leerling=wereld.leerling_a, ouder=wereld.directie_b)
    assert zichtbaar(wereld.directie_b) == {wereld.leerling_a, wereld.leerling_b}
    assert toegang.leesgrond(wereld.directie_b, wereld.leerling_a).rol == "ouder"
    assert toegang.leesgrond(wereld.directie_b, wereld.leerling_b).rol == "directie"
