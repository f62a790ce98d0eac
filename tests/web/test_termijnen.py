"""De termijnenpagina en de tijdlijn van één zaak, over het termijnregister: alleen wat de
gebruiker mag zien, met status en grondslag uit de regelkern."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from django.urls import reverse

from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import cvi_beslissing, handelingsplan
from rugzak.termijnregister import Zaaktermijn
from rugzak.toegang import Toegangsgrond
from tests.web.hulp import MODEL_BACKEND, inline_stijl_of_script

pytestmark = pytest.mark.django_db

ZAAK = uuid.UUID("11111111-2222-4333-8444-555555555555")


@pytest.fixture
def termijnen(monkeypatch, wereld):
    """Het register geeft twee termijnen van één zaak, alleen aan de directie van school A."""
    regeling = standaard_regeling()
    grond = Toegangsgrond("directie", wereld.school_a.pk, "directie bij School A")
    lijst = [
        Zaaktermijn(
            zaaktype="indicatie",
            zaak_id=str(ZAAK),
            leerling_publiek_id=wereld.leerling_a.publiek_id,
            termijn=cvi_beslissing(regeling, date(2012, 2, 1)),
            grond=grond,
            omschrijving_zaak="aanvraag indicatie",
        ),
        Zaaktermijn(
            zaaktype="indicatie",
            zaak_id=str(ZAAK),
            leerling_publiek_id=wereld.leerling_a.publiek_id,
            termijn=handelingsplan(regeling, date(2011, 9, 1)),
            grond=grond,
            voldaan_op=date(2011, 9, 20),
            omschrijving_zaak="aanvraag indicatie",
        ),
    ]

    def termijnen_verzamelen(gebruiker, *, vandaag=None, statussen=None):
        eigen = lijst if gebruiker.pk == wereld.directie_a.pk else []
        if statussen is None:
            return list(eigen)
        gewenst = set(statussen)
        return [t for t in eigen if t.status(vandaag) in gewenst]

    # Alleen het register zelf: termijnen_voor, termijnen_deel en de startpagina lezen via
    # deze naam in de module. (Een tweede vervanging in rugzak.web.startpagina lekte: werd
    # die module pas bij het vervangen geïmporteerd, dan bond zij de vervanger al als
    # 'origineel', en monkeypatch zette na de test de vervanger terug.)
    monkeypatch.setattr("rugzak.termijnregister.termijnen_verzamelen", termijnen_verzamelen)
    return lijst


def test_de_termijnenpagina_toont_open_termijnen_met_status_en_grondslag(client, wereld, termijnen):
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    html = client.get(reverse("termijnen")).content.decode()
    assert "Beslissing van de Commissie van Indicatiestelling" in html
    assert "28 maart 2012" in html and "bijna verlopen" in html  # binnen 14 dagen
    assert termijnen[0].termijn.grondslag[0].citeer().replace("'", "&#x27;") in html
    assert "1 termijn<" in html  # de voldane staat er niet bij
    alle = client.get(reverse("termijnen") + "?alle=1").content.decode()
    assert "2 termijnen" in alle and "voldaan" in alle


def test_de_startpagina_toont_een_open_termijn_als_taak_van_wie_moet_handelen(
    client, wereld, termijnen
):
    # zonder handeling is een termijn geen taak: alleen de link naar alle open termijnen
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    html = client.get(reverse("start")).content.decode()
    assert "Alle open termijnen (1)" in html and "28 maart 2012" not in html
    # met een handeling voor de directie van school A: een taak met het kind en de datum
    termijnen[0] = replace(
        termijnen[0],
        actie="Beslis over de indicatieaanvraag",
        actoren=frozenset({"directie"}),
        actor_id=wereld.school_a.pk,
    )
    html = client.get(reverse("start")).content.decode()
    assert "Beslis over de indicatieaanvraag" in html and "28 maart 2012" in html
    assert "Jansen, Anna" in html


def test_de_tijdlijn_van_een_zaak_toont_de_termijnen_en_waarom(client, wereld, termijnen):
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    html = client.get(reverse("zaaktijdlijn", args=["indicatie", ZAAK])).content.decode()
    assert '<svg class="tijdlijn"' in html and 'role="img"' in html
    assert html.count("<summary>Waarom deze datum?</summary>") == 2
    assert "(voldaan)" in html and "(bijna verlopen)" in html
    assert inline_stijl_of_script(html) == []


def test_wie_de_zaak_niet_mag_zien_krijgt_404_voor_de_tijdlijn(client, wereld, termijnen):
    client.force_login(wereld.directie_b, backend=MODEL_BACKEND)
    assert client.get(reverse("zaaktijdlijn", args=["indicatie", ZAAK])).status_code == 404
    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    assert client.get(reverse("zaaktijdlijn", args=["indicatie", uuid.uuid4()])).status_code == 404


def test_de_startpagina_leest_het_register_via_de_module():
    """Geen eigen kopie van ``termijnen_verzamelen`` in de startpagina: een vervanging van het
    register in één test geldt dan ook daar, en is na die test ook daar weer weg (de
    volgorde van de testbestanden doet er niet toe)."""
    from rugzak.web import startpagina

    assert not hasattr(startpagina, "termijnen_verzamelen")
