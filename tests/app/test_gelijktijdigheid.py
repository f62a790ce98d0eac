"""Gelijktijdigheid op PostgreSQL: draden die op hetzelfde moment (een threading.Barrier)
dezelfde zaak met dezelfde versie wijzigen, twee meldingen van één leerling tegelijk
indienen, of een betaalrun draaien terwijl een terugmelding verwerkt wordt.

Elke draad heeft zijn eigen databaseverbinding en transacties, zoals twee verzoeken op een
server; daarom ``transaction=True`` (de gegevens zijn gecommit en voor elke draad
zichtbaar) en de fixture ``zonder_alleen_toevoegen_triggers`` (conftest), die de flush na
de test mogelijk maakt. SQLite zet schrijvers achter elkaar (BEGIN IMMEDIATE) en kent geen
rijvergrendeling: daar zegt de test niets en slaat hij over."""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Sum
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.audit.models import Actie, AuditRegel
from rugzak.betalingen import berekening
from rugzak.betalingen.models import Boekingsoort, Grootboekregel, Runstatus
from rugzak.betalingen.services import (
    BetaalrunMislukt,
    betaalrun_uitvoeren,
    betaalrun_verwerken,
)
from rugzak.gedeeld.fouten import GelijktijdigeWijziging
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import leerling_wijzig
from rugzak.meldingen import services as meldingservices
from rugzak.meldingen.models import (
    Melding,
    MeldingOvergang,
    OnvolledigeIndiening,
    Terugmelding,
    Terugmeldingsoort,
    TerugplaatsingGroep2,
    ZmlAanvraag,
)
from rugzak.regeling.tijd import Maand
from rugzak.toelating.models import ToelatingOvergang
from rugzak.toelating.services import toelatingszaak_vastleggen
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie
from tests.app.toelating_opbouw import maak_aanmelding

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="gelijktijdigheid vraagt PostgreSQL (rijvergrendeling, echte parallelle "
        "transacties); SQLite zet schrijvers achter elkaar. Draai met DATABASE_URL=postgresql://...",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("zonder_alleen_toevoegen_triggers"),
]

DRADEN = 4


def tegelijk(taken: list[Callable[[], Any]]) -> list[tuple[str, Any]]:
    """Draai elke taak in een eigen draad; ze beginnen op hetzelfde moment (Barrier).
    Geeft per taak ("ok", uitkomst) of ("fout", uitzondering)."""
    start = threading.Barrier(len(taken))
    uitkomsten: list[tuple[str, Any]] = [("niet gedraaid", None)] * len(taken)

    def draai(i: int, taak: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=30)
            uitkomsten[i] = ("ok", taak())
        except BaseException as e:  # de test beoordeelt elke uitkomst
            uitkomsten[i] = ("fout", e)
        finally:
            connections.close_all()  # de verbinding van deze draad

    draden = [threading.Thread(target=draai, args=(i, t)) for i, t in enumerate(taken)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not any(d.is_alive() for d in draden), "een draad hangt (deadlock?)"
    return uitkomsten


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _post(c: Client, pad: str, data: dict) -> Any:
    return c.post(pad, data=json.dumps(data), content_type="application/json")


def _audit(objecttype: str, actie: str) -> int:
    return AuditRegel.objects.filter(objecttype=objecttype, actie=actie).count()


# --- dezelfde zaak, dezelfde versie ------------------------------------------------------------


def test_accepteren_en_weigeren_tegelijk_op_dezelfde_versie_een_wint_de_rest_krijgt_409(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    melding = meldingservices.melding_indienen(
        door=wereld.ib_a, leerling=wereld.leerling_a, school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
    )  # fmt: skip
    pad = f"/api/v1/meldingen/{melding.publiek_id}/"
    clients = [_client(wereld.bekostigingsmedewerker) for _ in range(DRADEN)]
    verzoeken = [
        (pad + "accepteren/", {"versie": 1, "toelichting": f"in orde ({i})"})
        if i % 2 == 0
        else (pad + "weigeren/", {"versie": 1, "reden": f"onjuist ({i})"})
        for i in range(DRADEN)
    ]
    uitkomsten = tegelijk(
        [lambda c=c, v=v: _post(c, *v) for c, v in zip(clients, verzoeken, strict=True)]
    )
    assert all(soort == "ok" for soort, _ in uitkomsten), uitkomsten
    codes = [r.status_code for _, r in uitkomsten]
    assert sorted(codes) == [200] + [409] * (DRADEN - 1), codes
    for _, r in uitkomsten:
        if r.status_code == 409:
            assert r["Content-Type"].startswith(PROBLEEM_TYPE)
            assert r.json()["type"].endswith("gelijktijdige-wijziging")
    winnaar = next(r.json() for _, r in uitkomsten if r.status_code == 200)
    melding.refresh_from_db()
    # de winnende wijziging staat er helemaal (status, versie, geschiedenis, audit) ...
    assert (melding.status, melding.versie) == (winnaar["status"], 2)
    assert MeldingOvergang.objects.filter(melding=melding).count() == 2  # indienen + één
    assert _audit("melding", Actie.WIJZIGEN) == 1
    # ... en van de verliezers niets
    assert melding.toelichting in {v[1].get("toelichting", v[1].get("reden")) for v in verzoeken}


def test_een_toelatingszaak_tegelijk_naar_de_volgende_fase_een_wint_de_rest_krijgt_409(wereld):
    zaak = maak_aanmelding(wereld).start()
    zaak = toelatingszaak_vastleggen(
        door=wereld.ib_a, zaak=zaak, versie=1,
        gegevens={"uitnodiging_verstuurd_op": date(2011, 11, 3)},
    )  # fmt: skip
    assert zaak.versie == 2
    pad = f"/api/v1/toelatingszaken/{zaak.publiek_id}/volgende-fase/"
    clients = [_client(g) for g in (wereld.ib_a, wereld.directie_a) * (DRADEN // 2)]
    uitkomsten = tegelijk(
        [lambda c=c, i=i: _post(c, pad, {"versie": 2, "notitie": f"draad {i}"})
         for i, c in enumerate(clients)]
    )  # fmt: skip
    assert all(soort == "ok" for soort, _ in uitkomsten), uitkomsten
    codes = sorted(r.status_code for _, r in uitkomsten)
    assert codes == [200] + [409] * (DRADEN - 1), [r.content for _, r in uitkomsten]
    assert all(
        r["Content-Type"].startswith(PROBLEEM_TYPE) for _, r in uitkomsten if r.status_code == 409
    )
    zaak.refresh_from_db()
    assert (zaak.toestand, zaak.versie) == ("2", 3)  # één fase verder, niet vier
    assert ToelatingOvergang.objects.filter(zaak=zaak, van="1", naar="2").count() == 1


def test_twee_wijzigingen_van_een_leerling_op_dezelfde_versie_geen_wijziging_gaat_verloren(
    wereld,
):
    leerling = wereld.leerling_a
    wijzigingen = [{"adres": "Kerkstraat 2"}, {"woonplaats": "Ermelo"}]

    def wijzig(w: dict[str, str]) -> Leerling:
        gelezen = Leerling.objects.get(pk=leerling.pk)
        return leerling_wijzig(
            door=wereld.directie_a, leerling=gelezen, verwachte_versie=1, wijzigingen=w
        )

    uitkomsten = tegelijk([lambda w=w: wijzig(w) for w in wijzigingen])
    soorten = Counter(soort for soort, _ in uitkomsten)
    assert soorten == {"ok": 1, "fout": 1}, uitkomsten
    verliezer = next(i for i, (soort, _) in enumerate(uitkomsten) if soort == "fout")
    fout = uitkomsten[verliezer][1]
    assert isinstance(fout, GelijktijdigeWijziging) and fout.huidige_versie == 2
    assert _audit("leerling", Actie.WIJZIGEN) == 1
    # de verliezer leest opnieuw en wijzigt de nieuwe versie: beide wijzigingen staan er
    leerling_wijzig(
        door=wereld.directie_a, leerling=Leerling.objects.get(pk=leerling.pk),
        verwachte_versie=2, wijzigingen=wijzigingen[verliezer],
    )  # fmt: skip
    leerling.refresh_from_db()
    assert (leerling.adres, leerling.woonplaats, leerling.versie) == ("Kerkstraat 2", "Ermelo", 3)


# --- twee meldingen van één leerling ------------------------------------------------------------


def test_twee_meldingen_van_een_leerling_tegelijk_alleen_een_wordt_ontvangen(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    gegevens = {
        "leerling": str(wereld.leerling_a.publiek_id),
        "school": wereld.school_a.pk,
        **formulier(indicatie, wereld.ab_dienst),
    }
    clients = [_client(g) for g in (wereld.ib_a, wereld.directie_a) * (DRADEN // 2)]
    uitkomsten = tegelijk([lambda c=c: _post(c, "/api/v1/meldingen/", gegevens) for c in clients])
    assert all(soort == "ok" for soort, _ in uitkomsten), uitkomsten
    codes = sorted(r.status_code for _, r in uitkomsten)
    assert codes == [201] + [400] * (DRADEN - 1), [r.content for _, r in uitkomsten]
    for _, r in uitkomsten:
        if r.status_code == 400:
            assert r["Content-Type"].startswith(PROBLEEM_TYPE)
            assert "al gemeld" in " ".join(r.json()["velden"]["cvi_nummer"])
    assert Melding.objects.filter(leerling=wereld.leerling_a).count() == 1
    assert _audit("melding", Actie.AANMAKEN) == 1
    # wie te laat was, ziet dat terug als niet in behandeling genomen formulier (zoals na elkaar)
    assert OnvolledigeIndiening.objects.filter(leerling=wereld.leerling_a).count() == DRADEN - 1


@pytest.fixture
def verwerkte_melding(wereld):
    """Een geaccepteerde zml-melding van Anna (bao, groep 5), ontvangen op 5 september 2011."""
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="zml")
    return geaccepteerde_melding(
        door=wereld.directie_a, beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a, school=wereld.school_a, meldingsdatum=date(2011, 9, 5),
        gegevens=formulier(indicatie, wereld.ab_dienst),
    )  # fmt: skip


def test_twee_uitschrijvingen_van_een_leerling_tegelijk_alleen_een_wordt_ontvangen(
    wereld, verwerkte_melding
):
    def uitschrijven(door, dag: date) -> Terugmelding:
        return meldingservices.terugmelding_indienen(
            door=door, melding=Melding.objects.get(pk=verwerkte_melding.pk),
            soort=Terugmeldingsoort.UITSCHRIJVING_SO, datum=dag,
        )  # fmt: skip

    uitkomsten = tegelijk(
        [
            lambda i=i: uitschrijven((wereld.directie_a, wereld.ib_a)[i % 2], date(2012, 1, 2 + i))
            for i in range(DRADEN)
        ]
    )
    soorten = Counter(soort for soort, _ in uitkomsten)
    assert soorten == {"ok": 1, "fout": DRADEN - 1}, uitkomsten
    for soort, fout in uitkomsten:
        if soort == "fout":
            assert isinstance(fout, ValidationError), fout
            assert "al teruggemeld" in " ".join(fout.message_dict["soort"])
    assert Terugmelding.objects.filter(melding=verwerkte_melding).count() == 1
    assert _audit("terugmelding", Actie.AANMAKEN) == 1


def test_twee_zml_aanvragen_tegelijk_de_aanvraag_blijft_eenmalig(wereld, verwerkte_melding):
    def aanvragen() -> ZmlAanvraag:
        return meldingservices.zml_aanvraag_indienen(
            door=wereld.directie_a, melding=Melding.objects.get(pk=verwerkte_melding.pk),
            groep_3_per=date(2011, 8, 22),
        )  # fmt: skip

    uitkomsten = tegelijk([aanvragen] * DRADEN)
    soorten = Counter(soort for soort, _ in uitkomsten)
    assert soorten == {"ok": 1, "fout": DRADEN - 1}, uitkomsten
    for soort, fout in uitkomsten:
        if soort == "fout":
            assert isinstance(fout, ValidationError), fout
            assert "eenmalig" in " ".join(fout.message_dict["melding"])
    assert ZmlAanvraag.objects.filter(melding=verwerkte_melding).count() == 1
    assert _audit("zml_aanvraag", Actie.AANMAKEN) == 1


def test_twee_terugplaatsingen_naar_groep_2_tegelijk_alleen_een_wordt_vastgelegd(
    wereld, verwerkte_melding
):
    aanvraag = meldingservices.zml_aanvraag_indienen(
        door=wereld.directie_a, melding=verwerkte_melding, groep_3_per=date(2011, 8, 22)
    )
    meldingservices.zml_aanvraag_toekennen(
        door=wereld.bekostigingsmedewerker, aanvraag=aanvraag, versie=aanvraag.versie
    )

    def terugplaatsen(dag: date) -> TerugplaatsingGroep2:
        return meldingservices.terugplaatsing_groep2_melden(
            door=wereld.directie_a, melding=Melding.objects.get(pk=verwerkte_melding.pk),
            datum=dag,
        )  # fmt: skip

    uitkomsten = tegelijk([lambda i=i: terugplaatsen(date(2012, 2, 1 + i)) for i in range(DRADEN)])
    soorten = Counter(soort for soort, _ in uitkomsten)
    assert soorten == {"ok": 1, "fout": DRADEN - 1}, uitkomsten
    for soort, fout in uitkomsten:
        if soort == "fout":
            assert isinstance(fout, ValidationError), fout
            assert "al gemeld" in " ".join(fout.message_dict["melding"])
    assert TerugplaatsingGroep2.objects.filter(melding=verwerkte_melding).count() == 1
    assert _audit("terugplaatsing_groep2", Actie.AANMAKEN) == 1


# --- een betaalrun en een correctie tegelijk ------------------------------------------------------


def _per_sleutel(leerling) -> dict[tuple[int, str, date], int]:
    uit: dict[tuple[int, str, date], int] = defaultdict(int)
    for r in Grootboekregel.objects.filter(leerling=leerling):
        uit[(r.ontvanger_id, r.deel, r.maand)] += r.bedrag_centen
    return {k: v for k, v in uit.items() if v}


def _verschuldigd(leerling, tot: Maand) -> dict[tuple[int, str, date], int]:
    """Wat volgens de regelkern tot en met ``tot`` betaald had moeten zijn (huidige stand)."""
    moet, *_ = berekening.verschuldigd(leerling_ids=[leerling.pk], tot_en_met=tot)
    return {(o, d, m): c for (_, o, d, m), c in moet.items() if c}


@pytest.fixture
def uitschrijving(wereld, verwerkte_melding):
    """Anna is betaald t/m februari 2012; de school meldt een uitschrijving per 1 december
    2011 (nog niet verwerkt)."""
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    return meldingservices.terugmelding_indienen(
        door=wereld.directie_a, melding=verwerkte_melding,
        soort=Terugmeldingsoort.UITSCHRIJVING_SO, datum=date(2011, 12, 1),
    )  # fmt: skip


def _verwerk(wereld, terugmelding: Terugmelding) -> Terugmelding:
    return meldingservices.terugmelding_verwerken(
        door=wereld.bekostigingsmedewerker,
        terugmelding=Terugmelding.objects.get(pk=terugmelding.pk),
        versie=terugmelding.versie,
    )


MAART = Maand(2012, 3)


def _run(wereld, maand: Maand = MAART):
    return betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=maand)


def test_een_terugmelding_verwerkt_terwijl_de_run_boekt_wordt_in_de_volgende_run_gecorrigeerd(
    wereld, uitschrijving, monkeypatch
):
    """De run heeft de gebeurtenissen al gelezen (zonder de verwerkte uitschrijving) als de
    bekostigingsinstantie de terugmelding verwerkt en commit; pas dan boekt de run."""
    anna = wereld.leerling_a
    voor = _per_sleutel(anna)
    gelezen, verwerkt = threading.Event(), threading.Event()
    # de bulkweg leest alle geschiedenissen in één keer (lees_geschiedenissen)
    origineel = berekening.lees_geschiedenissen

    def lees_en_wacht(*args, **kwargs):
        uit = origineel(*args, **kwargs)
        gelezen.set()
        assert verwerkt.wait(timeout=60), "de verwerking van de terugmelding bleef hangen"
        return uit

    monkeypatch.setattr(berekening, "lees_geschiedenissen", lees_en_wacht)

    def verwerk_na_lezen():
        assert gelezen.wait(timeout=60)
        try:
            return _verwerk(wereld, uitschrijving)
        finally:
            verwerkt.set()

    (s1, run1), (s2, _) = tegelijk([lambda: _run(wereld), verwerk_na_lezen])
    assert (s1, s2) == ("ok", "ok"), (run1, _)
    monkeypatch.undo()
    # de run boekte op de stand die hij las (zonder de uitschrijving): maart, één keer
    geboekt = Grootboekregel.objects.filter(run=run1)
    assert geboekt and {r.maand for r in geboekt} == {date(2012, 3, 1)}
    assert all(r.soort == Boekingsoort.BETALING and r.bedrag_centen > 0 for r in geboekt)
    assert {k: v for k, v in _per_sleutel(anna).items() if k[2] < date(2012, 3, 1)} == voor
    # de volgende run ziet de verwerkte uitschrijving en corrigeert december t/m maart
    run2 = _run(wereld)
    correcties = Grootboekregel.objects.filter(run=run2, leerling=anna)
    assert correcties and all(r.soort == Boekingsoort.CORRECTIE for r in correcties)
    assert all(r.bedrag_centen < 0 for r in correcties)
    assert _per_sleutel(anna) == _verschuldigd(anna, Maand(2012, 3))
    assert _run(wereld).regels == 0  # en daarna is er niets meer te boeken


def test_een_run_en_de_verwerking_van_een_terugmelding_tegelijk_boeken_nooit_dubbel(
    wereld, uitschrijving
):
    anna = wereld.leerling_a
    uitkomsten = tegelijk([lambda: _run(wereld), lambda: _verwerk(wereld, uitschrijving)])
    assert all(soort == "ok" for soort, _ in uitkomsten), uitkomsten
    _run(wereld)
    assert _per_sleutel(anna) == _verschuldigd(anna, Maand(2012, 3))
    assert _run(wereld).regels == 0
    totaal = Grootboekregel.objects.filter(leerling=anna).aggregate(s=Sum("bedrag_centen"))["s"]
    assert totaal == sum(_verschuldigd(anna, Maand(2012, 3)).values())


def test_twee_runs_tegelijk_boeken_een_maand_een_keer(wereld, verwerkte_melding):
    """Twee runs tegelijk: één run per instantie is bezig (I-80); de andere wacht (of ziet de
    eerste al) en boekt, als hij daarna wordt uitgevoerd, niets meer."""
    anna = wereld.leerling_a
    uitkomsten = tegelijk([lambda: _run(wereld, Maand(2012, 2))] * 2)
    runs = []
    for soort, uitkomst in uitkomsten:
        if soort == "ok":
            runs.append(uitkomst)
        else:  # de synchrone run moest wachten op de andere: nu uitvoeren
            assert isinstance(uitkomst, BetaalrunMislukt), uitkomst
            assert "I-80" in uitkomst.run.reden, uitkomst.run.reden
            runs.append(betaalrun_verwerken(publiek_id=uitkomst.run.publiek_id))
    assert all(run.status == Runstatus.KLAAR for run in runs), runs
    assert sorted(run.regels for run in runs)[0] == 0  # de tweede zag de eerste
    assert _per_sleutel(anna) == _verschuldigd(anna, Maand(2012, 2))
