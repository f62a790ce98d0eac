"""De geschiedenis per schooljaar in het dossier (``/api/v1/leerlingen/{id}/dossier/`` met
en zonder ``?schooljaar=``; interpretatie I-73): het gekozen jaar telt, zonder keuze elk
jaar met rugzak, betalingen per maand en ontvanger en leemtes; een fout schooljaar is een
400 op het veld; de toegang is die van het dossier, en het aantal queries hangt niet af van
het aantal jaren."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.test import Client

from rugzak.api.problemen import PROBLEEM_TYPE
from rugzak.audit.models import Actie, AuditRegel
from rugzak.betalingen.models import Grootboekregel, Leemte

from .rechten_opbouw import ROLLEN, Rechtenwereld, rechtenwereld_in_transactie
from .test_api_dossier import _client, _pad, _queries, kopie, vermeerder

#: wie het kind van kant a ziet (zoals KIND_ZIEN in de rechtenmatrix)
KIND_ZIEN = {
    "directie", "intern_begeleider", "teamlid", "bestuurder", "cvi_secretaris", "cvi_lid",
    "ab_coordinator", "ambulant_begeleider", "ouder",
}  # fmt: skip


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _regel_in(k, maand: date) -> Grootboekregel:
    """Een kopie van een grootboekregel van het kind aan de school (die de school, haar
    bestuur en de ouder mogen zien), op een andere maand."""
    regel = Grootboekregel.objects.filter(leerling=k.kind, ontvanger=k.school).first()
    return kopie(regel, maand=maand)


def _leemte(rw, leerling, schooljaar: str, melding: str) -> Leemte:
    return Leemte(
        run=rw.run,
        leerling=leerling,
        cvi_nummers="CVI-X",
        schooljaar=schooljaar,
        soort="ontbrekende_bron",
        melding=melding,
    )


def _jaren(data: dict) -> list[str]:
    return [j["schooljaar"] for j in data["jaren"]]


# --- het gekozen schooljaar ------------------------------------------------------------------


def test_het_gekozen_schooljaar_bepaalt_budget_betalingen_en_jaren(rw, db):
    k = rw.a
    Grootboekregel.objects.bulk_create([_regel_in(k, date(2009, 10, 1))])
    c = _client(k.gebruikers["directie"])
    data = c.get(_pad(k.kind) + "?schooljaar=2009-2010").json()
    assert data["schooljaar"] == "2009-2010"
    assert data["budget"]["schooljaar"] == "2009-2010"
    assert _jaren(data) == ["2009-2010"]
    assert {r["maand"] for r in data["betalingen"]} == {"2009-10"}
    assert [r["maand"] for r in data["jaren"][0]["betaald"]] == ["2009-10"]
    # de melding is van september 2011: in 2009-2010 is er geen maand te betalen
    assert data["budget"]["totaal"] == "0.00"
    dit_jaar = c.get(_pad(k.kind) + "?schooljaar=2011-2012").json()
    assert dit_jaar["budget"]["totaal"] != "0.00"
    assert "2009-10" not in {r["maand"] for r in dit_jaar["betalingen"]}


def test_een_leeg_schooljaar_is_hetzelfde_als_geen_schooljaar(rw, db):
    c = _client(rw.a.gebruikers["directie"])
    assert _jaren(c.get(_pad(rw.a.kind) + "?schooljaar=").json()) == _jaren(
        c.get(_pad(rw.a.kind)).json()
    )


@pytest.mark.parametrize(
    "waarde", ["2011", "2011-2013", "twintig-elf", "2011-12-01", "9999/00", "1800-1801"]
)
def test_een_ongeldig_schooljaar_geeft_400_op_het_veld_en_schrijft_niets(rw, db, waarde):
    voor = AuditRegel.objects.count()
    r = _client(rw.a.gebruikers["directie"]).get(_pad(rw.a.kind), {"schooljaar": waarde})
    assert r.status_code == 400, r.content[:300]
    assert r["Content-Type"].startswith(PROBLEEM_TYPE)
    fout = r.json()
    assert list(fout["velden"]) == ["schooljaar"]
    assert "2011-2012" in fout["velden"]["schooljaar"][0]  # zegt wat wel kan
    assert AuditRegel.objects.count() == voor


# --- alle schooljaren ------------------------------------------------------------------------


def test_zonder_schooljaar_elk_jaar_met_rugzak_betalingen_en_leemtes(rw, db):
    """Van het eerste grootboekjaar (2009-2010) tot nu (2011-2012); de leemte die een
    betaalrun voor 2010-2011 vastlegde, staat bij dat jaar met haar reden en run."""
    k = rw.a
    Grootboekregel.objects.bulk_create([_regel_in(k, date(2009, 10, 1))])
    reden = "de bronnen geven geen waarde voor lgf.bedrag in 2010-2011"
    Leemte.objects.bulk_create(
        [_leemte(rw, k.kind, "2010-2011", reden), _leemte(rw, k.kind, "2010-2011", reden)]
    )
    data = _client(k.gebruikers["directie"]).get(_pad(k.kind)).json()
    assert data["schooljaar"] == "2011-2012"
    assert _jaren(data) == ["2009-2010", "2010-2011", "2011-2012"]
    jaar = {j["schooljaar"]: j for j in data["jaren"]}
    assert jaar["2009-2010"]["betaald_totaal"] == jaar["2009-2010"]["betaald"][0]["bedrag"]
    (leemte,) = jaar["2010-2011"]["leemtes"]  # dezelfde reden één keer
    assert leemte["reden"] == reden and leemte["soort"] == "ontbrekende_bron"
    assert leemte["betaalruns"] == [rw.run.maand.strftime("%Y-%m")]
    assert leemte["actueel"] is False
    huidig = jaar["2011-2012"]
    assert huidig["budget"]["totaal"] == data["budget"]["totaal"] != "0.00"
    assert huidig["betaald"] and all(r["ontvanger"] for r in huidig["betaald"])
    assert huidig["leemtes"] == []


def test_de_jaren_gaan_niet_voorbij_het_einde_van_lgf(rw, db, settings):
    """Op een dag in 2016 loopt de geschiedenis tot en met 2013-2014 (I-70, I-73); het
    budget van het huidige jaar zegt dat LGF eindigde en is geen leemte."""
    settings.RUGZAK_VANDAAG = date(2016, 3, 1)
    k = rw.a
    data = _client(k.gebruikers["directie"]).get(_pad(k.kind)).json()
    assert _jaren(data)[-1] == "2013-2014"
    assert data["budget"]["schooljaar"] == "2015-2016"
    assert data["budget"]["leemte"] == ""
    assert {m["reden"] for m in data["budget"]["maanden"]} == {
        "LGF beëindigd per 2014-08-01 (passend onderwijs)"
    }
    assert "I-70" in data["budget"]["uitleg"]
    # 2012-2013 en 2013-2014 hebben geen tarieven in de bronnen: een leemte, geen nul
    jaar = {j["schooljaar"]: j for j in data["jaren"]}
    assert jaar["2012-2013"]["budget"]["leemte"]
    assert jaar["2012-2013"]["leemtes"][0]["actueel"] is True


def test_de_cvi_ziet_de_rugzak_per_jaar_maar_geen_grootboek(rw, db):
    k = rw.a
    data = _client(k.gebruikers["cvi_lid"]).get(_pad(k.kind)).json()
    assert data["jaren"]
    assert all(j["betaald"] == [] for j in data["jaren"])
    assert data["jaren"][-1]["budget"] is not None


def test_de_auditregel_noemt_het_schooljaar_en_de_jaren(rw, db):
    k = rw.a
    voor = AuditRegel.objects.count()
    _client(k.gebruikers["intern_begeleider"]).get(_pad(k.kind) + "?schooljaar=2011-2012")
    (regel,) = AuditRegel.objects.order_by("id")[voor:]
    assert regel.actie == Actie.LEZEN and regel.objecttype == "dossier"
    assert "schooljaar 2011-2012" in regel.reden
    assert "jaren" in regel.velden


@pytest.mark.parametrize("rol", ["directie", "cvi_lid", "ouder", "bestuurder"])
def test_het_dossier_kost_evenveel_queries_met_een_als_met_vijf_jaren(rw, db, rol):
    k = rw.a
    vermeerder(k, k.kind, 1)
    c = _client(k.gebruikers[rol])
    c.get(_pad(k.kind))  # sessie en caches warm
    een, data1 = _queries(c, _pad(k.kind))
    Grootboekregel.objects.bulk_create(
        [_regel_in(k, date(jaar, maand, 1)) for jaar in (2007, 2008, 2009) for maand in (9, 10)]
    )
    Leemte.objects.bulk_create(
        [_leemte(rw, k.kind, f"{j}-{j + 1}", f"leemte {j}") for j in (2007, 2008, 2010)]
    )
    vijf, data5 = _queries(c, _pad(k.kind))
    assert een == vijf, (een, vijf)
    # wie het grootboek van de school ziet, ziet de jaren ervan (2007-2008 t/m 2011-2012);
    # wie het niet ziet (CvI, ouder), alleen de jaren van de meldingen
    ziet_grootboek = rol in ("directie", "bestuurder")
    assert bool(data5["betalingen_per_schooljaar"]) == ziet_grootboek
    assert len(data5["jaren"]) == (5 if ziet_grootboek else 1)
    assert len(data1["jaren"]) == 1
    gekozen, _ = _queries(c, _pad(k.kind) + "?schooljaar=2008-2009")
    assert gekozen <= een  # één jaar: hoogstens evenveel


# --- rechten: elke rol, eigen en andere organisatie, met ?schooljaar= ------------------------


@pytest.mark.parametrize("rol", ROLLEN)
def test_dossier_met_schooljaar_volgt_de_rechten_van_het_dossier(rw, db, rol):
    gebruiker = rw.gebruiker(rol)
    c = Client()
    if gebruiker is not None:
        c.force_login(gebruiker)
    eigen = c.get(_pad(rw.a.kind) + "?schooljaar=2011-2012")
    ander = c.get(_pad(rw.b.kind) + "?schooljaar=2011-2012")
    if rol in KIND_ZIEN:
        assert eigen.status_code == 200, eigen.content[:300]
        assert _jaren(eigen.json()) == ["2011-2012"]
    else:
        assert eigen.status_code in (401, 403, 404)
        assert eigen["Content-Type"].startswith(PROBLEEM_TYPE)
    assert ander.status_code in (401, 403, 404)
    assert rw.b.kind.achternaam not in ander.content.decode()
