"""Een toelatingszaak doorloopt beide trajecten volledig via de services."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.toelating_opbouw import maak_aanmelding


@pytest.fixture
def aanmelding(wereld):
    return maak_aanmelding(wereld)


@pytest.mark.bron("002, 4.2")
def test_traject_a_van_verzoek_tot_toegelaten(aanmelding):
    zaak = aanmelding.zaak_in("toegelaten", verzoek_op=date(2011, 5, 2))
    assert zaak.toestand == "toegelaten"
    assert [o.naar for o in zaak.overgangen.order_by("id")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9a",
        "10a",
        "11a",
        "12a",
        "13",
        "14",
        "toegelaten",
    ]


@pytest.mark.bron("002, 4.2")
def test_traject_b_van_verzoek_tot_afgewezen(aanmelding):
    zaak = aanmelding.zaak_in("afgewezen")
    assert zaak.toestand == "afgewezen"
    assert [o.naar for o in zaak.overgangen.order_by("id")][-5:] == [
        "9b",
        "10b",
        "11b",
        "12b",
        "afgewezen",
    ]
