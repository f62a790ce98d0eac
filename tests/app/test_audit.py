"""Het auditlog: elke lees- en schrijfhandeling op leerlinggegevens wordt vastgelegd, en
het log is niet te wijzigen of te verwijderen, niet via de ORM en niet via ruwe SQL."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from rugzak.audit.models import Actie, AuditlogOnveranderlijk, AuditRegel
from rugzak.audit.selectors import auditregels_voor_leerling
from rugzak.audit.services import audit_registreer
from rugzak.leerlingen.selectors import leerling_dossier, leerlingen_pagina
from rugzak.leerlingen.services import leerling_verwijder, leerling_wijzig

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel():
    return audit_registreer(
        gebruiker=None, actie=Actie.LEZEN, objecttype="test", object_id=1, reden="origineel"
    )


def test_inschrijven_legt_leerling_en_inschrijving_vast_met_de_toegangsgrond(wereld):
    regels = auditregels_voor_leerling(leerling_publiek_id=wereld.leerling_a.publiek_id)
    aangemaakt = {r.objecttype for r in regels.filter(actie=Actie.AANMAKEN)}
    assert aangemaakt == {"leerling", "inschrijving", "ouderrelatie"}
    leerlingregel = regels.get(objecttype="leerling", actie=Actie.AANMAKEN)
    assert leerlingregel.gebruikersnaam == "directie_a"
    assert leerlingregel.gebruiker_id == wereld.directie_a.pk
    assert leerlingregel.rol == "directie"
    assert leerlingregel.organisatie_id == wereld.school_a.pk
    assert "achternaam" in leerlingregel.velden


def test_wijzigen_legt_de_gewijzigde_velden_vast_zonder_waarden(wereld):
    leerling = wereld.leerling_a
    leerling_wijzig(
        door=wereld.directie_a,
        leerling=leerling,
        verwachte_versie=leerling.versie,
        wijzigingen={"adres": "Kerkstraat 2", "woonplaats": "Harderwijk"},
        reden="verhuisd",
    )
    regel = AuditRegel.objects.filter(actie=Actie.WIJZIGEN, objecttype="leerling").get()
    assert regel.velden == ["adres"]  # woonplaats was al Harderwijk
    assert regel.reden == "verhuisd"
    assert "Kerkstraat" not in str(regel.velden) + regel.reden


def test_een_dossier_lezen_wordt_gelogd(wereld):
    leerling_dossier(
        gebruiker=wereld.ouder_a, publiek_id=wereld.leerling_a.publiek_id, reden="bekeken"
    )
    regel = AuditRegel.objects.get(actie=Actie.LEZEN, gebruiker_id=wereld.ouder_a.pk)
    assert regel.leerling_publiek_id == str(wereld.leerling_a.publiek_id)
    assert regel.rol == "ouder"
    assert regel.organisatie_id is None


def test_een_overzicht_logt_elke_getoonde_leerling(wereld):
    from rugzak.leerlingen.services import leerling_inschrijven

    tweede = leerling_inschrijven(
        door=wereld.directie_a,
        school=wereld.school_a,
        voornaam="Cas",
        achternaam="Smit",
        geboortedatum=date(2005, 1, 1),
        adres="Dorpsstraat 3",
        postcode="3841AB",
        woonplaats="Harderwijk",
        van=date(2011, 8, 22),
        groep=3,
    )
    leerlingen_pagina(gebruiker=wereld.teamlid_a)
    gezien = set(
        AuditRegel.objects.filter(actie=Actie.LEZEN, gebruiker_id=wereld.teamlid_a.pk).values_list(
            "leerling_publiek_id", flat=True
        )
    )
    assert gezien == {str(wereld.leerling_a.publiek_id), str(tweede.publiek_id)}
    assert set(
        AuditRegel.objects.filter(gebruiker_id=wereld.teamlid_a.pk).values_list("rol", flat=True)
    ) == {"teamlid"}


def test_het_log_overleeft_het_verwijderen_van_de_leerling(wereld):
    publiek_id = wereld.leerling_a.publiek_id
    voor = auditregels_voor_leerling(leerling_publiek_id=publiek_id).count()
    leerling_verwijder(door=wereld.directie_a, leerling=wereld.leerling_a, reden="dubbel ingevoerd")
    regels = auditregels_voor_leerling(leerling_publiek_id=publiek_id)
    assert regels.count() == voor + 1
    assert regels.filter(actie=Actie.VERWIJDEREN, reden="dubbel ingevoerd").exists()


# --- niet te wijzigen -----------------------------------------------------------------


def test_een_bestaande_regel_opslaan_wordt_geweigerd(regel):
    regel.reden = "gewijzigd"
    with pytest.raises(AuditlogOnveranderlijk):
        regel.save()
    assert AuditRegel.objects.get(pk=regel.pk).reden == "origineel"


def test_een_regel_verwijderen_wordt_geweigerd(regel):
    with pytest.raises(AuditlogOnveranderlijk):
        regel.delete()
    assert AuditRegel.objects.filter(pk=regel.pk).exists()


def test_queryset_update_en_delete_worden_geweigerd(regel):
    with pytest.raises(AuditlogOnveranderlijk):
        AuditRegel.objects.filter(pk=regel.pk).update(reden="gewijzigd")
    with pytest.raises(AuditlogOnveranderlijk):
        AuditRegel.objects.all().delete()
    with pytest.raises(AuditlogOnveranderlijk):
        AuditRegel.objects.bulk_update([regel], ["reden"])
    with pytest.raises(AuditlogOnveranderlijk):
        AuditRegel.objects.update_or_create(pk=regel.pk, defaults={"reden": "gewijzigd"})
    assert AuditRegel.objects.get(pk=regel.pk).reden == "origineel"


def test_ruwe_sql_update_wordt_door_trigger_geweigerd(regel):
    # de trigger noemt het auditlog bij zijn naam (trigger_operatie(..., naam="auditlog"))
    with (
        pytest.raises(DatabaseError, match="auditlog is alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE audit_auditregel SET reden = %s WHERE id = %s", ["gewijzigd", regel.pk]
        )
    assert AuditRegel.objects.get(pk=regel.pk).reden == "origineel"


def test_ruwe_sql_delete_wordt_door_trigger_geweigerd(regel):
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditregel WHERE id = %s", [regel.pk])
    assert AuditRegel.objects.filter(pk=regel.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TRUNCATE bestaat alleen op PostgreSQL"
)
def test_truncate_wordt_door_trigger_geweigerd_op_postgresql(regel):
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE audit_auditregel")
    assert AuditRegel.objects.filter(pk=regel.pk).exists()


def test_toevoegen_blijft_mogelijk(regel):
    audit_registreer(gebruiker=None, actie=Actie.WIJZIGEN, objecttype="test", object_id=2)
    assert AuditRegel.objects.count() == 2
