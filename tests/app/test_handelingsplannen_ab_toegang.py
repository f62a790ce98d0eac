"""De AB-dienst leest het handelingsplan van een leerling die zij begeleidt, en niets meer.

De ambulant begeleider denkt mee over het handelingsplan en stelt het soms op (001
'Ambulante begeleding'); hij leest het dus, net als de coördinator AB van zijn dienst.
Wijzigen blijft aan de school, en een begeleider aan wie de zaak niet is toegewezen, of
een begeleiding die is beëindigd, geeft geen inzage.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingsoort, Begeleidingstatus
from rugzak.audit.models import Actie, AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.handelingsplannen import selectors
from rugzak.organisaties.rollen import Roltype

from .conftest import maak_gebruiker
from .toelating_opbouw import maak_aanmelding

PLAATSING = date(2012, 1, 9)


@pytest.fixture
def plan(wereld):
    a = maak_aanmelding(wereld)
    zaak = a.zaak_in("13", plaatsingsdatum=PLAATSING, verzoek_op=date(2011, 9, 1))
    return a.doorloop(zaak, plaatsingsdatum=PLAATSING).handelingsplan(tot="vastgesteld")


def _begeleiding(wereld, leerling, *, toegewezen, status=Begeleidingstatus.LOPEND):
    """Een lopende PAB van de AB-dienst van de wereld, op advies van de coördinator (als
    gegevens: de services van de begeleiding hebben hun eigen tests)."""
    adviseur = maak_gebruiker(f"adviseur_{toegewezen.pk}", Roltype.AB_COORDINATOR, wereld.ab_dienst)
    return Begeleiding.objects.create(
        soort=Begeleidingsoort.PAB,
        adviseur=adviseur,
        adviseur_rol=Roltype.AB_COORDINATOR,
        leerling=leerling,
        ab_dienst=wereld.ab_dienst,
        school=wereld.school_a,
        status=status,
        aangevraagd_op=date(2012, 1, 10),
        aangevraagd_door=wereld.ib_a,
        toegewezen=toegewezen,
        van=date(2012, 1, 16),
        beeindigd_op=date(2012, 2, 1) if status == Begeleidingstatus.BEEINDIGD else None,
    )


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def test_de_toegewezen_begeleider_en_de_coordinator_lezen_het_plan(wereld, plan):
    leerling = plan.zaak.leerling
    _begeleiding(wereld, leerling, toegewezen=wereld.ambulant_begeleider)
    coordinator = maak_gebruiker("coord", Roltype.AB_COORDINATOR, wereld.ab_dienst)
    for gebruiker, rol in (
        (wereld.ambulant_begeleider, Roltype.AMBULANT_BEGELEIDER),
        (coordinator, Roltype.AB_COORDINATOR),
    ):
        dossier = selectors.handelingsplan_dossier(
            gebruiker=gebruiker, publiek_id=plan.publiek_id, reden="test"
        )
        assert dossier.plan == plan
        assert dossier.grond.rol == rol
        assert [p for p, _ in selectors.handelingsplannen_lijst(gebruiker=gebruiker)] == [plan]
        evaluatie = plan.evaluaties.order_by("uiterlijk").first()
        gevonden, grond = selectors.evaluatie_zoek(
            gebruiker=gebruiker, publiek_id=evaluatie.publiek_id, reden="test"
        )
        assert gevonden == evaluatie and grond.rol == rol
    gelezen = AuditRegel.objects.filter(
        actie=Actie.LEZEN, objecttype="handelingsplan", object_id=str(plan.publiek_id),
        rol=Roltype.AMBULANT_BEGELEIDER,
    )  # fmt: skip
    assert gelezen.exists()


def test_de_api_toont_het_plan_aan_de_begeleider_maar_hij_wijzigt_niets(wereld, plan):
    _begeleiding(wereld, plan.zaak.leerling, toegewezen=wereld.ambulant_begeleider)
    c = _client(wereld.ambulant_begeleider)
    antwoord = c.get(f"/api/v1/handelingsplannen/{plan.publiek_id}/")
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["doelstelling"] == plan.doelstelling
    voor = (plan.versie, plan.doelstelling)
    for actie, body in (
        ("wijzigen", {"versie": plan.versie, "wijzigingen": {"doelstelling": "anders"}}),
        ("voorleggen", {"versie": plan.versie, "voorgelegd_op": "2012-03-01"}),
    ):
        antwoord = c.post(
            f"/api/v1/handelingsplannen/{plan.publiek_id}/{actie}/",
            body,
            content_type="application/json",
        )
        assert antwoord.status_code in (403, 404), (actie, antwoord.status_code)
    plan.refresh_from_db()
    assert (plan.versie, plan.doelstelling) == voor


def test_geen_inzage_zonder_toewijzing_of_na_het_einde_van_de_begeleiding(wereld, plan):
    ander = maak_gebruiker("ab_ander", Roltype.AMBULANT_BEGELEIDER, wereld.ab_dienst)
    _begeleiding(wereld, plan.zaak.leerling, toegewezen=ander)
    with pytest.raises(GeenToegang):
        selectors.handelingsplan_dossier(
            gebruiker=wereld.ambulant_begeleider, publiek_id=plan.publiek_id, reden="test"
        )
    assert selectors.handelingsplannen_lijst(gebruiker=wereld.ambulant_begeleider) == []
    assert (
        _client(wereld.ambulant_begeleider)
        .get(f"/api/v1/handelingsplannen/{plan.publiek_id}/")
        .status_code
        == 404
    )
    # de begeleiding van 'ander' eindigt: dan leest ook hij niet meer
    Begeleiding.objects.update(status=Begeleidingstatus.BEEINDIGD, beeindigd_op=date(2012, 2, 1))
    with pytest.raises(GeenToegang):
        selectors.handelingsplan_dossier(gebruiker=ander, publiek_id=plan.publiek_id, reden="t")


def test_de_ab_dienst_leest_de_toelatingszaak_en_de_overeenkomst_niet(wereld, plan):
    _begeleiding(wereld, plan.zaak.leerling, toegewezen=wereld.ambulant_begeleider)
    c = _client(wereld.ambulant_begeleider)
    assert c.get(f"/api/v1/toelatingszaken/{plan.zaak.publiek_id}/").status_code == 404
    assert selectors.overeenkomsten_lijst(gebruiker=wereld.ambulant_begeleider) == []
