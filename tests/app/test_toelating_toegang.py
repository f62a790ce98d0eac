"""Toegang en audit van toelatingszaak, overeenkomst en handelingsplan: de school van de
zaak, haar bestuur en de ouders van het kind lezen; niemand anders. Elke inzage en elke
geweigerde inzage staat in het auditlog."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak import toegang
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.handelingsplannen import selectors as hp_selectors
from rugzak.leerlingen.selectors import leerling_dossier
from rugzak.toelating import selectors

from .toelating_opbouw import maak_aanmelding

LEZERS = {
    "directie_a": "directie",
    "ib_a": "intern_begeleider",
    "teamlid_a": "teamlid",
    "bestuurder_a": "bestuurder",
    "ouder": "ouder",
}
NIET_LEZERS = [
    "directie_b",
    "ib_b",
    "bestuurder_b",
    "ouder_a",
    "cvi_lid",
    "ambulant_begeleider",
    "bekostigingsmedewerker",
    "directie_so",
]


@pytest.fixture
def a(wereld):
    return maak_aanmelding(wereld)


def wie(a, naam):
    return getattr(a, naam, None) or getattr(a.w, naam)


@pytest.fixture
def zaak13(a):
    zaak = a.zaak_in("13", plaatsingsdatum=date(2012, 1, 9), verzoek_op=date(2011, 9, 1))
    a.doorloop(zaak, plaatsingsdatum=date(2012, 1, 9)).handelingsplan()
    return zaak


@pytest.mark.parametrize(("naam", "rol"), LEZERS.items())
def test_school_bestuur_en_ouders_lezen_de_zaak_met_hun_rol(a, zaak13, naam, rol):
    gebruiker = wie(a, naam)
    dossier = selectors.toelatingszaak_dossier(
        gebruiker=gebruiker, publiek_id=zaak13.publiek_id, reden="test"
    )
    assert dossier.grond.rol == rol
    assert [z.pk for z, _ in selectors.toelatingszaken_lijst(gebruiker=gebruiker)] == [zaak13.pk]
    plan = zaak13.handelingsplannen.get()
    assert (
        hp_selectors.handelingsplan_dossier(
            gebruiker=gebruiker, publiek_id=plan.publiek_id, reden="test"
        ).grond.rol
        == rol
    )
    overeenkomst = zaak13.overeenkomst
    assert (
        hp_selectors.overeenkomst_dossier(
            gebruiker=gebruiker, publiek_id=overeenkomst.publiek_id, reden="test"
        ).grond.rol
        == rol
    )


@pytest.mark.parametrize("naam", NIET_LEZERS)
def test_anderen_lezen_zaak_overeenkomst_en_plan_niet(a, zaak13, naam):
    gebruiker = wie(a, naam)
    with pytest.raises(GeenToegang):
        selectors.toelatingszaak_dossier(
            gebruiker=gebruiker, publiek_id=zaak13.publiek_id, reden="test"
        )
    with pytest.raises(GeenToegang):
        hp_selectors.handelingsplan_dossier(
            gebruiker=gebruiker,
            publiek_id=zaak13.handelingsplannen.get().publiek_id,
            reden="test",
        )
    with pytest.raises(GeenToegang):
        hp_selectors.overeenkomst_dossier(
            gebruiker=gebruiker, publiek_id=zaak13.overeenkomst.publiek_id, reden="test"
        )
    assert selectors.toelatingszaken_lijst(gebruiker=gebruiker) == []
    assert hp_selectors.handelingsplannen_lijst(gebruiker=gebruiker) == []
    assert hp_selectors.overeenkomsten_lijst(gebruiker=gebruiker) == []


def test_de_school_ziet_de_aangemelde_leerling_ook_zonder_inschrijving(a, wereld):
    assert toegang.leesgrond(wereld.teamlid_a, a.leerling) is None
    zaak = a.start()
    assert toegang.leesgrond(wereld.teamlid_a, a.leerling).rol == "teamlid"
    assert toegang.leesgrond(wereld.bestuurder_a, a.leerling).rol == "bestuurder"
    assert leerling_dossier(gebruiker=wereld.ib_a, publiek_id=a.leerling.publiek_id, reden="x")
    assert zaak.toestand == "1"


def test_na_intrekking_ziet_de_school_de_leerling_niet_meer(a, wereld):
    zaak = a.start()
    from rugzak.toelating import services

    services.toelatingszaak_intrekken(
        door=a.ouder, zaak=zaak, versie=zaak.versie, ingetrokken_op=date(2011, 11, 5), reden="x"
    )
    assert toegang.leesgrond(wereld.ib_a, a.leerling) is None
    assert selectors.toelatingszaken_lijst(gebruiker=wereld.ib_a) == []
    # de ouders houden hun zaak
    assert selectors.toelatingszaken_lijst(gebruiker=a.ouder)


@pytest.mark.bron("002, fase 11b")
def test_na_afwijzing_houdt_de_school_het_dossier_voor_bezwaar_en_beroep(a, wereld):
    zaak = a.zaak_in("afgewezen")
    assert selectors.toelatingszaak_dossier(
        gebruiker=wereld.directie_a, publiek_id=zaak.publiek_id, reden="bezwaar"
    )


def test_een_inzage_staat_in_het_auditlog_met_rol_en_reden(a, wereld):
    zaak = a.start()
    selectors.toelatingszaak_dossier(
        gebruiker=wereld.teamlid_a, publiek_id=zaak.publiek_id, reden="teambespreking"
    )
    regel = AuditRegel.objects.filter(actie="lezen", objecttype="toelatingszaak").latest("id")
    assert (regel.gebruiker_id, regel.rol, regel.reden, regel.leerling_publiek_id) == (
        wereld.teamlid_a.pk,
        "teamlid",
        "teambespreking",
        str(a.leerling.publiek_id),
    )


def test_een_geweigerde_inzage_staat_in_het_auditlog(a, wereld):
    zaak = a.start()
    with pytest.raises(GeenToegang):
        selectors.toelatingszaak_dossier(
            gebruiker=wereld.directie_b, publiek_id=zaak.publiek_id, reden="nieuwsgierig"
        )
    regel = AuditRegel.objects.filter(actie="geweigerd").latest("id")
    assert (regel.gebruiker_id, regel.object_id) == (wereld.directie_b.pk, str(zaak.publiek_id))


def test_een_overzicht_logt_elke_getoonde_zaak(a, wereld):
    a.start()
    voor = AuditRegel.objects.filter(objecttype="toelatingszaak", actie="lezen").count()
    selectors.toelatingszaken_lijst(gebruiker=wereld.directie_a)
    assert AuditRegel.objects.filter(objecttype="toelatingszaak", actie="lezen").count() == voor + 1


def test_elke_schrijfhandeling_staat_in_het_auditlog_met_de_gewijzigde_velden(a, wereld):
    zaak = a.start()
    from rugzak.toelating import services

    services.toelatingszaak_vastleggen(
        door=wereld.ib_a,
        zaak=zaak,
        versie=zaak.versie,
        gegevens={"uitnodiging_verstuurd_op": date(2011, 11, 3)},
    )
    regel = AuditRegel.objects.filter(actie="wijzigen", objecttype="toelatingszaak").latest("id")
    assert (regel.rol, regel.velden) == ("intern_begeleider", ["uitnodiging_verstuurd_op"])
