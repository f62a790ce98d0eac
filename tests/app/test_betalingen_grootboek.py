"""Het grootboek is alleen-toevoegen (model, queryset, ruwe SQL); per ontvanger totalen per
maand en schooljaar en een CSV-export, alleen voor wie dat mag, en gelogd."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from rugzak.audit.models import Actie, AuditRegel
from rugzak.betalingen.models import Betaalrun, Grootboekregel, Leemte
from rugzak.betalingen.selectors import betaalrun_weergave, grootboek_csv, grootboek_overzicht
from rugzak.betalingen.services import betaalrun_uitvoeren
from rugzak.gedeeld.alleen_toevoegen import AlleenToevoegen
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.regeling.regels.betaling import maandbedrag_centen
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def geboekt(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    geaccepteerde_melding(
        door=wereld.directie_a,
        beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
        meldingsdatum=date(2011, 9, 5),
    )
    for maand in (Maand(2011, 10), Maand(2011, 11), Maand(2011, 12)):
        betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=maand)
    return Grootboekregel.objects.order_by("id").first()


def test_een_grootboekregel_opslaan_of_verwijderen_wordt_geweigerd(geboekt):
    geboekt.bedrag_centen = 1
    with pytest.raises(AlleenToevoegen):
        geboekt.save()
    with pytest.raises(AlleenToevoegen):
        geboekt.delete()


@pytest.mark.parametrize("handeling", ["update", "delete", "bulk_update"])
def test_de_queryset_van_het_grootboek_weigert_wijzigen(geboekt, handeling):
    acties = {
        "update": lambda qs: qs.update(bedrag_centen=0),
        "delete": lambda qs: qs.delete(),
        "bulk_update": lambda qs: qs.bulk_update([geboekt], ["bedrag_centen"]),
    }
    with pytest.raises(AlleenToevoegen):
        acties[handeling](Grootboekregel.objects.all())


@pytest.mark.parametrize(
    ("tabel", "sql"),
    [
        ("betalingen_grootboekregel", "UPDATE betalingen_grootboekregel SET bedrag_centen = 1"),
        ("betalingen_grootboekregel", "DELETE FROM betalingen_grootboekregel"),
        ("betalingen_betaalrun", "UPDATE betalingen_betaalrun SET totaal_centen = 0"),
        ("betalingen_betaalrun", "DELETE FROM betalingen_betaalrun"),
    ],
)
def test_ruwe_sql_op_het_grootboek_wordt_door_een_trigger_geweigerd(geboekt, tabel, sql):
    voor = list(Grootboekregel.objects.values_list("id", "bedrag_centen"))
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert list(Grootboekregel.objects.values_list("id", "bedrag_centen")) == voor


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE alleen op PostgreSQL")
def test_truncate_van_het_grootboek_wordt_geweigerd_op_postgresql(geboekt):
    with connection.cursor() as cursor:  # uitgestelde FK-controles van de test eerst afhandelen
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE betalingen_grootboekregel")
    assert Grootboekregel.objects.exists()


def test_ook_runs_en_leemtes_zijn_alleen_toevoegen(geboekt):
    run = Betaalrun.objects.first()
    with pytest.raises(AlleenToevoegen):
        run.save()
    with pytest.raises(AlleenToevoegen):
        Leemte.objects.all().delete()


def test_het_grootboek_per_ontvanger_heeft_totalen_per_maand_en_schooljaar(wereld, geboekt):
    school = grootboek_overzicht(
        gebruiker=wereld.bekostigingsmedewerker, ontvanger_id=wereld.school_a.pk
    )
    assert sorted(school.per_maand) == ["2011-10", "2011-11", "2011-12"]
    # lg in het basisonderwijs, 2011-2012: 6098,02 + 979 per jaar, oktober is maand 3 (I-11)
    assert school.per_maand["2011-10"].netto == maandbedrag_centen(609802, 3) + maandbedrag_centen(
        97900, 3
    )
    assert list(school.per_schooljaar) == ["2011-2012"]
    assert school.per_schooljaar["2011-2012"].netto == sum(
        t.netto for t in school.per_maand.values()
    )
    ab = grootboek_overzicht(
        gebruiker=wereld.bekostigingsmedewerker,
        ontvanger_id=wereld.ab_dienst.pk,
        schooljaar=Schooljaar(2011),
    )
    assert set(ab.per_deel) == {"ab_personeel", "ab_materieel"}
    assert all(r["cvi_nummer"] for r in school.regels)
    # elke leerling in het overzicht is gelogd
    assert AuditRegel.objects.filter(
        objecttype="grootboek", leerling_publiek_id=str(wereld.leerling_a.publiek_id)
    ).exists()


@pytest.mark.parametrize(
    ("wie", "ontvanger", "mag"),
    [
        ("bekostigingsmedewerker", "school_a", True),
        ("directie_a", "school_a", True),
        ("bestuurder_a", "school_a", True),
        ("teamlid_a", "school_a", False),
        ("directie_b", "school_a", False),
        ("bestuurder_a", "ab_dienst", False),
        ("ouder_a", "school_a", False),
        ("cvi_lid", "ab_dienst", False),
    ],
)
def test_wie_het_grootboek_van_een_ontvanger_mag_zien(wereld, geboekt, wie, ontvanger, mag):
    gebruiker = getattr(wereld, wie)
    org = getattr(wereld, ontvanger)
    if mag:
        assert grootboek_overzicht(gebruiker=gebruiker, ontvanger_id=org.pk).regels
    else:
        with pytest.raises(GeenToegang):
            grootboek_overzicht(gebruiker=gebruiker, ontvanger_id=org.pk)


def test_de_csv_export_bevat_de_regels_zonder_namen_en_wordt_gelogd(wereld, geboekt):
    tekst = grootboek_csv(gebruiker=wereld.bekostigingsmedewerker, ontvanger_id=wereld.school_a.pk)
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert len(rijen) == Grootboekregel.objects.filter(ontvanger=wereld.school_a).count()
    assert {r["ontvanger"] for r in rijen} == {"11AA"}
    leerling = wereld.leerling_a
    for verboden in (leerling.voornaam, leerling.achternaam, leerling.adres, leerling.postcode):
        assert verboden not in tekst
    assert AuditRegel.objects.filter(
        actie=Actie.EXPORTEREN, leerling_publiek_id=str(leerling.publiek_id)
    ).exists()


def test_een_run_toont_zijn_leemtes_per_cvi_nummer(wereld):
    # vo met ernstige spraakmoeilijkheden prijzen de bronnen niet (001)
    ind_b = maak_indicatie(wereld.leerling_b, wereld.cvi, onderwijssoort="esm")
    geaccepteerde_melding(
        door=wereld.directie_b,
        beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_b,
        school=wereld.school_b,
        gegevens=formulier(
            ind_b, wereld.ab_dienst, schoolsoort="vo", groep=None, leerjaar=2, vo_variant="overig"
        ),
        meldingsdatum=date(2011, 9, 5),
    )
    run = betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2011, 12))
    assert run.regels == 0 and run.leemtes == 1
    weergave = betaalrun_weergave(
        gebruiker=wereld.bekostigingsmedewerker, publiek_id=run.publiek_id
    )
    [leemte] = weergave["leemteregels"]
    assert leemte["cvi_nummers"] == ind_b.cvi_nummer
    assert leemte["schooljaar"] == "2011-2012"
    assert "ernstige spraakmoeilijkheden" in leemte["melding"]
    assert "leerling__publiek_id" not in leemte
    with (
        pytest.raises(DatabaseError, match="alleen-toevoegen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM betalingen_leemte")
    assert Leemte.objects.count() == 1
