"""De bulkweg naar het grootboek (issue 9): op PostgreSQL schrijft de run de regels met een
binaire ``COPY`` die numpy per blok maakt (:func:`services._grootboek_copy`); elke regel
komt er precies zo in als de boekingen zeggen (ook teksten met tekens die de tekstvorm zou
moeten ontsnappen, een correctie, een datum in elke maand, het tijdstip tot op de
microseconde). En de index op de run: een BRIN op PostgreSQL, een gewone index elders."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import psycopg
import pytest
from django.db import connection, transaction

from rugzak.betalingen import services
from rugzak.betalingen.berekening import DEELNAMEN, Boeking, Boekingen
from rugzak.betalingen.models import Betaalrun, Boekingsoort, Grootboekregel, Runstatus
from rugzak.gedeeld.tijd import nu

postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="de binaire COPY is er alleen op PostgreSQL"
)


def _run(wereld) -> Betaalrun:
    moment = nu()
    return Betaalrun.objects.create(
        maand=date(2012, 3, 1), organisatie=wereld.cfi,
        uitgevoerd_door=wereld.bekostigingsmedewerker, aangevraagd_op=moment,
        peildatum=moment.date(), status=Runstatus.BEZIG, poging=1,
    )  # fmt: skip


def _boekingen(wereld) -> list[Boeking]:
    """Boekingen met elk deel, beide soorten, maanden over jaargrenzen en lastige teksten."""
    leerlingen = (wereld.leerling_a.pk, wereld.leerling_b.pk)
    ontvangers = (wereld.school_a.pk, wereld.rec.pk, wereld.ab_dienst.pk)
    cvi = ("C3-2011-000001", "O-C3-2009-000002", "tab\tin\\het\nnummer", "é-ü-ñ-€", "")
    rng = np.random.default_rng(7)
    uit = []
    for i in range(2_500):
        maand = date(2009 + i % 5, 1 + i % 12, 1)
        centen = int(rng.integers(-900_000, 900_000)) or 1
        uit.append(
            Boeking(
                leerling_id=leerlingen[i % 2], ontvanger_id=ontvangers[i % 3],
                deel=DEELNAMEN[i % len(DEELNAMEN)], maand=maand, cvi_nummer=cvi[i % len(cvi)],
                centen=centen,
                soort=Boekingsoort.CORRECTIE if i % 7 == 0 else Boekingsoort.BETALING,
            )
        )  # fmt: skip
    return sorted(uit, key=lambda b: (b.leerling_id, b.ontvanger_id, b.deel, b.maand))


@postgresql
@pytest.mark.django_db
def test_de_binaire_copy_schrijft_elke_regel_zoals_de_boekingen(wereld, monkeypatch):
    monkeypatch.setattr(services, "_COPY_REGELS", 700)  # meer blokken, ook een halve
    run = _run(wereld)
    lijst = _boekingen(wereld)
    moment = datetime(2012, 3, 15, 9, 30, 12, 345678, tzinfo=UTC)
    services._grootboek_copy(run, Boekingen.uit_lijst(lijst), moment)
    regels = list(
        Grootboekregel.objects.filter(run=run)
        .order_by("id")
        .values_list(
            "leerling_id", "ontvanger_id", "deel", "maand", "cvi_nummer", "bedrag_centen",
            "soort", "aangemaakt_op", "run_id",
        )
    )  # fmt: skip
    verwacht = [
        (b.leerling_id, b.ontvanger_id, b.deel, b.maand, b.cvi_nummer, b.centen, b.soort,
         moment, run.pk)
        for b in lijst
    ]  # fmt: skip
    assert regels == verwacht


@postgresql
@pytest.mark.django_db
def test_een_fout_van_de_server_in_de_copy_boekt_niets(wereld):
    """De controle van de database (geen bedrag 0) geldt ook voor de binaire COPY; de fout
    komt als uitzondering, en er staat niets."""
    run = _run(wereld)
    lijst = _boekingen(wereld)
    b = lijst[10]
    kapot = [
        *lijst[:10],
        Boeking(b.leerling_id, b.ontvanger_id, b.deel, b.maand, b.cvi_nummer, 0, b.soort),
    ]
    with pytest.raises(psycopg.errors.CheckViolation), transaction.atomic():
        services._grootboek_copy(run, Boekingen.uit_lijst(kapot), nu())
    assert not Grootboekregel.objects.filter(run=run).exists()


@pytest.mark.django_db
def test_de_index_op_de_run_is_een_brin_op_postgresql_en_elders_gewoon():
    tabel = Grootboekregel._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [tabel])
            indexes = dict(cur.fetchall())
            assert "USING brin (run_id)" in indexes["grootboek_run"]
            # geen btree meer op de run: die kostte per geboekte regel een indexrecord
            assert not [d for d in indexes.values() if "btree (run_id)" in d]
        else:
            cur.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s",
                [tabel],
            )
            indexes = dict(cur.fetchall())
            assert '("run_id")' in indexes["grootboek_run"]
            assert sum('("run_id")' in (d or "") for d in indexes.values()) == 1


def _indexen() -> dict[str, str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [Grootboekregel._meta.db_table],
        )
        return dict(cur.fetchall())


@postgresql
@pytest.mark.django_db
def test_een_grote_invoer_in_een_kleine_tabel_herbouwt_de_indexen_zoals_ze_waren(
    wereld, monkeypatch
):
    """Een eerste landelijke run: de gewone btree-indexen gaan weg, de regels erin, de
    indexen terug met dezelfde naam en definitie (en de primaire sleutel en de BRIN
    blijven staan); daarna vindt een zoekvraag op de sleutel de regels weer."""
    from rugzak.gedeeld import bulk

    monkeypatch.setattr(bulk, "HERBOUW_MINIMUM", 1)
    voor = _indexen()
    weg: list[str] = []
    echt = bulk._losse_indexen

    def _onthoud(tabel: str) -> list[tuple[str, str]]:
        uit = echt(tabel)
        weg.extend(naam for naam, _ in uit)
        return uit

    monkeypatch.setattr(bulk, "_losse_indexen", _onthoud)
    run = _run(wereld)
    lijst = _boekingen(wereld)
    monkeypatch.setattr(bulk, "_tabelgrootte", lambda tabel: 0.0)  # een lege tabel
    with (
        transaction.atomic(),
        bulk.indexen_na_invoer(Grootboekregel, nieuw=len(lijst)) as herbouwd,
    ):
        assert herbouwd
        assert set(_indexen()) == set(voor) - set(weg)
        services._grootboek_copy(run, Boekingen.uit_lijst(lijst), nu())
    assert sorted(weg) == ["grootboek_ontvanger_maand", "grootboek_sleutel"]
    assert _indexen() == voor
    b = lijst[0]
    assert Grootboekregel.objects.filter(
        leerling_id=b.leerling_id, ontvanger_id=b.ontvanger_id, deel=b.deel, maand=b.maand
    ).count() == sum(
        (x.leerling_id, x.ontvanger_id, x.deel, x.maand)
        == (b.leerling_id, b.ontvanger_id, b.deel, b.maand)
        for x in lijst
    )


@postgresql
@pytest.mark.django_db
def test_een_mislukte_grote_invoer_laat_de_indexen_staan(wereld, monkeypatch):
    from rugzak.gedeeld import bulk

    monkeypatch.setattr(bulk, "HERBOUW_MINIMUM", 1)
    monkeypatch.setattr(bulk, "_tabelgrootte", lambda tabel: 0.0)
    voor = _indexen()
    run = _run(wereld)
    tussendoor: list[dict[str, str]] = []

    def halverwege() -> None:
        with (
            transaction.atomic(),
            bulk.indexen_na_invoer(Grootboekregel, nieuw=2_500) as herbouwd,
        ):
            assert herbouwd
            tussendoor.append(_indexen())
            services._grootboek_copy(run, Boekingen.uit_lijst(_boekingen(wereld)), nu())
            raise RuntimeError("halverwege")

    with pytest.raises(RuntimeError, match="halverwege"):
        halverwege()
    assert tussendoor and tussendoor[0] != voor
    assert _indexen() == voor
    assert not Grootboekregel.objects.filter(run=run).exists()


@pytest.mark.django_db
def test_een_kleine_invoer_of_een_volle_tabel_herbouwt_niets(wereld, monkeypatch):
    """Onder het minimum, of minder nieuwe regels dan er al staan: de indexen blijven."""
    from rugzak.gedeeld import bulk

    with transaction.atomic(), bulk.indexen_na_invoer(Grootboekregel, nieuw=10) as herbouwd:
        assert not herbouwd
    monkeypatch.setattr(bulk, "HERBOUW_MINIMUM", 1)
    monkeypatch.setattr(bulk, "_tabelgrootte", lambda tabel: 1_000.0)
    with transaction.atomic(), bulk.indexen_na_invoer(Grootboekregel, nieuw=999) as herbouwd:
        assert not herbouwd
