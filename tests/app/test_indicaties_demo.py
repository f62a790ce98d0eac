"""De demostappen van indicaties en ambulante begeleiding: zaken in elke toestand, ook
verlopen en verlengd, indicaties voor de meeste leerlingen, en de demo-logins zien ze."""

from __future__ import annotations

from datetime import date

import pytest

from rugzak.ambulante_begeleiding import selectors as ab_selectors
from rugzak.ambulante_begeleiding.models import Begeleiding
from rugzak.demo import opbouw
from rugzak.demo.laden import laad_demo
from rugzak.gedeeld.ontdekking import app_modules
from rugzak.indicaties import selectors as ind_selectors
from rugzak.indicaties.models import Indicatie, Indicatieaanvraag
from rugzak.leerlingen.models import Inschrijving
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.termijnregister import termijnen_voor

pytestmark = pytest.mark.django_db

PEILDATUM = date(2012, 3, 15)
STAPPEN = ("organisaties", "medewerkers", "leerlingen", "indicaties", "begeleidingen")


@pytest.mark.bron("000, 'Aanvragen van het rugzakje'")
def test_de_demo_heeft_indicatie_en_begeleidingszaken_in_elke_toestand_en_de_logins_zien_ze(
    monkeypatch,
):
    """Eén keer laden (de demo is traag), dan elke eis als eigen controle."""
    app_modules("demo")
    monkeypatch.setattr(opbouw, "STAPPEN", [(n, s) for n, s in opbouw.STAPPEN if n in STAPPEN])
    assert laad_demo().geladen
    _de_cvi_van_rec_3_heeft_een_aanvraag_in_elke_toestand()
    _er_zijn_verlopen_bijna_verlopen_en_verlengde_beslistermijnen()
    _de_meeste_leerlingen_van_reguliere_scholen_hebben_een_geldige_indicatie()
    _begeleidingen_van_elke_soort_en_in_elke_toestand()
    _de_demo_logins_zien_hun_zaken()


def gebruiker(naam: str) -> Gebruiker:
    return Gebruiker.objects.get(username=naam)


def _de_cvi_van_rec_3_heeft_een_aanvraag_in_elke_toestand() -> None:
    statussen = set(
        Indicatieaanvraag.objects.filter(cvi__rec__cluster="3").values_list("status", flat=True)
    )
    assert statussen >= {"ingediend", "dossier_volledig", "verlengd", "positief", "negatief"}
    assert Indicatieaanvraag.objects.filter(status="ingetrokken").exists()
    assert Indicatieaanvraag.objects.filter(aanvrager_soort="school").exists()
    assert Indicatieaanvraag.objects.filter(vorige_indicatie__isnull=False).exists()


def _er_zijn_verlopen_bijna_verlopen_en_verlengde_beslistermijnen() -> None:
    statussen = [
        t.status(PEILDATUM)
        for t in termijnen_voor(gebruiker("cvi-secretaris.rec3"), vandaag=PEILDATUM)
        if t.zaaktype == "indicatie"
    ]
    for verwacht in (
        Termijnstatus.VERLOPEN,
        Termijnstatus.BIJNA_VERLOPEN,
        Termijnstatus.LOPEND,
        Termijnstatus.VOLDAAN,
    ):
        assert verwacht in statussen
    assert Indicatieaanvraag.objects.filter(verlengingen=1, cvi__rec__cluster="4").exists()
    assert Termijnstatus.TE_LAAT_VOLDAAN in [
        t.status(PEILDATUM)
        for naam in ("cvi-secretaris.rec2", "cvi-secretaris.rec3", "cvi-secretaris.rec4")
        for t in termijnen_voor(gebruiker(naam), vandaag=PEILDATUM)
    ]


def _de_meeste_leerlingen_van_reguliere_scholen_hebben_een_geldige_indicatie() -> None:
    regulier = {
        i.leerling_id
        for i in Inschrijving.objects.select_related("school").filter(tot__isnull=True)
        if Schoolsoort(i.school.schoolsoort).is_regulier
    }
    geldig = set(
        Indicatie.objects.geldig_op(PEILDATUM)
        .filter(leerling_id__in=regulier)
        .values_list("leerling_id", flat=True)
    )
    assert len(geldig) >= 0.6 * len(regulier)
    clusters = {
        i.onderwijssoort_begrip.cluster.value
        for i in Indicatie.objects.filter(leerling_id__in=regulier)
    }
    assert clusters == {"2", "3", "4"}
    assert Indicatie.objects.filter(einddatum__isnull=True).exists()  # syndroom van Down


def _begeleidingen_van_elke_soort_en_in_elke_toestand() -> None:
    paren = set(Begeleiding.objects.values_list("soort", "status"))
    assert {
        ("rab", "lopend"),
        ("rab", "aangevraagd"),
        ("rab", "afgewezen"),
        ("rab", "beeindigd"),
    } <= paren
    assert {
        ("tab", "lopend"),
        ("tab", "aangevraagd"),
        ("pab", "lopend"),
        ("pab", "aangevraagd"),
    } <= paren
    verlopen = [
        t
        for t in termijnen_voor(gebruiker("ab-coordinator.rec4"), vandaag=PEILDATUM)
        if t.zaaktype == "begeleiding" and t.status(PEILDATUM) == Termijnstatus.VERLOPEN
    ]
    assert verlopen  # een TAB-jaar dat voorbij is maar niet beëindigd


def _de_demo_logins_zien_hun_zaken() -> None:
    assert ind_selectors.aanvragen_lijst(gebruiker=gebruiker("cvi-lid.rec3"))
    assert ind_selectors.aanvragen_lijst(gebruiker=gebruiker("directie.dewieken"))
    assert ab_selectors.begeleidingen_lijst(gebruiker=gebruiker("ab-coordinator.rec3"))
    eigen = ab_selectors.begeleidingen_lijst(gebruiker=gebruiker("ab.rec3"))
    assert eigen
    assert all(b.toegewezen.username == "ab.rec3" for b, _ in eigen)
    ouder = gebruiker("ouder.001")
    assert ind_selectors.indicaties_lijst(gebruiker=ouder)
    assert ab_selectors.begeleidingen_lijst(gebruiker=ouder)
