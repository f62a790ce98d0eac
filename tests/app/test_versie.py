"""Optimistische gelijktijdigheid: wie een oude versie wijzigt, overschrijft niets."""

from __future__ import annotations

import pytest

from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GelijktijdigeWijziging
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_wijzig

pytestmark = pytest.mark.django_db


def test_elke_wijziging_hoogt_de_versie_op(wereld):
    leerling = wereld.leerling_a
    assert leerling.versie == 1
    leerling_wijzig(
        door=wereld.directie_a,
        leerling=leerling,
        verwachte_versie=1,
        wijzigingen={"adres": "Kerkstraat 2"},
    )
    assert leerling.versie == 2
    assert Leerling.objects.get(pk=leerling.pk).versie == 2


def test_de_tweede_van_twee_gelijktijdige_wijzigingen_wordt_geweigerd(wereld):
    # Twee medewerkers lezen dezelfde versie ...
    eerste = Leerling.objects.get(pk=wereld.leerling_a.pk)
    tweede = Leerling.objects.get(pk=wereld.leerling_a.pk)
    leerling_wijzig(
        door=wereld.directie_a,
        leerling=eerste,
        verwachte_versie=eerste.versie,
        wijzigingen={"adres": "Kerkstraat 2"},
    )
    wijzigingen_voor = AuditRegel.objects.filter(actie=Actie.WIJZIGEN).count()
    # ... de tweede slaat op zonder de wijziging van de eerste te hebben gezien.
    with pytest.raises(GelijktijdigeWijziging) as fout:
        leerling_wijzig(
            door=wereld.ib_a,
            leerling=tweede,
            verwachte_versie=tweede.versie,
            wijzigingen={"adres": "Stationsweg 9"},
        )
    assert fout.value.verwachte_versie == 1
    assert fout.value.huidige_versie == 2
    assert "niets opgeslagen" in str(fout.value)
    opgeslagen = Leerling.objects.get(pk=wereld.leerling_a.pk)
    assert opgeslagen.adres == "Kerkstraat 2"
    assert opgeslagen.versie == 2
    assert AuditRegel.objects.filter(actie=Actie.WIJZIGEN).count() == wijzigingen_voor


def test_versie_bijwerken_op_een_verdwenen_record_zegt_dat(wereld):
    leerling = Leerling.objects.get(pk=wereld.leerling_a.pk)
    Leerling.objects.filter(pk=leerling.pk).delete()
    with pytest.raises(GelijktijdigeWijziging) as fout:
        versie_bijwerken(leerling, verwachte_versie=1, wijzigingen={"adres": "X 1"})
    assert fout.value.huidige_versie is None


def test_save_op_een_bestaand_record_wordt_geweigerd(wereld):
    leerling = wereld.leerling_a
    leerling.adres = "Stiekem 1"
    with pytest.raises(TypeError, match="versie_bijwerken"):
        leerling.save()
    assert Leerling.objects.get(pk=leerling.pk).adres == "Dorpsstraat 1"


def test_versie_en_sleutel_zijn_niet_direct_te_wijzigen(wereld):
    with pytest.raises(ValueError, match="versie"):
        versie_bijwerken(wereld.leerling_a, verwachte_versie=1, wijzigingen={"versie": 5})
