"""De verwijzingen van het grootboek blijven geldig zonder FOREIGN KEY per regel (I-111):
na runs verwijst elke regel naar een bestaande leerling, ontvanger en run; een leerling of
organisatie waarnaar het grootboek verwijst, is niet te verwijderen (ook niet met SQL
buiten Django om); een run met een onbekende verwijzing boekt niets."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

from rugzak.betalingen import services
from rugzak.betalingen.models import Betaalrun, Grootboekregel, Runstatus
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.regeling.tijd import Maand
from tests.app.test_betalingen_taken import gemeld  # noqa: F401  (fixture)


def _zwevend() -> int:
    """Regels die naar een leerling, ontvanger of run verwijzen die niet bestaat."""
    g = Grootboekregel._meta.db_table
    sql = (
        f"SELECT count(*) FROM {g} r "
        f"LEFT JOIN {Leerling._meta.db_table} l ON l.id = r.leerling_id "
        f"LEFT JOIN {Organisatie._meta.db_table} o ON o.id = r.ontvanger_id "
        f"LEFT JOIN {Betaalrun._meta.db_table} b ON b.id = r.run_id "
        "WHERE l.id IS NULL OR o.id IS NULL OR b.id IS NULL"
    )
    with connection.cursor() as cur:
        cur.execute(sql)
        return int(cur.fetchone()[0])


@pytest.mark.django_db
def test_na_runs_verwijst_elke_grootboekregel_naar_iets_dat_bestaat(gemeld):  # noqa: F811
    services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 3))
    assert Grootboekregel.objects.count() > 0
    assert _zwevend() == 0


@pytest.mark.django_db
def test_een_leerling_of_ontvanger_in_het_grootboek_is_niet_te_verwijderen(gemeld):  # noqa: F811
    services.betaalrun_uitvoeren(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    regel = Grootboekregel.objects.select_related("leerling", "ontvanger").first()
    assert regel is not None
    # in Django: PROTECT
    with pytest.raises(ProtectedError), transaction.atomic():
        regel.leerling.delete()
    # buiten Django om: de trigger van migratie 0007
    for tabel, pk in (
        (Leerling._meta.db_table, regel.leerling_id),
        (Organisatie._meta.db_table, regel.ontvanger_id),
    ):
        with (
            pytest.raises((IntegrityError, DatabaseError)) as fout,
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(f"DELETE FROM {tabel} WHERE id = %s", [pk])
        assert "grootboek verwijst" in str(fout.value)
    assert _zwevend() == 0


@pytest.mark.django_db
def test_een_run_met_een_onbekende_leerling_boekt_niets_en_mislukt(gemeld, monkeypatch):  # noqa: F811
    echte = services.bereken_run

    def met_onbekende(*args, **kwargs):
        uit = echte(*args, **kwargs)
        b = uit.boekingen
        assert len(b)
        b.leerling_id[0] = 10**9  # bestaat niet
        return uit

    monkeypatch.setattr(services, "bereken_run", met_onbekende)
    run = services.betaalrun_aanvragen(door=gemeld.bekostigingsmedewerker, maand=Maand(2012, 2))
    run = services.betaalrun_verwerken(publiek_id=run.publiek_id)
    assert run.status == Runstatus.MISLUKT
    assert "onbekende leerling" in run.reden and "I-111" in run.reden
    assert not Grootboekregel.objects.exists()
