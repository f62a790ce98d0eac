"""Rechtenmatrix over de eindpunten van indicatieaanvragen en begeleidingen: per rol en
handeling toegestaan (200), zichtbaar maar niet toegestaan (403) of onzichtbaar (404).
Geen enkele cel geeft toegang over organisaties heen."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from rugzak.ambulante_begeleiding import services as ab
from tests.app.zaken_hulp import dien_in, geindiceerd, maak_zaken, met_rapport, volledig

pytestmark = pytest.mark.django_db

ROLLEN = (
    "directie_a",
    "ib_a",
    "teamlid_a",
    "bestuurder_a",
    "ouder_a",
    "cvi_lid",
    "cvi3_secretaris",
    "directie_b",
    "ouder_b",
    "cvi3b_secretaris",
    "ab_coordinator",
    "ambulant_begeleider",
    "ab3b_coordinator",
    "bekostigingsmedewerker",
)

#: Indicatieaanvraag van leerling a bij de CvI van REC 3, dossier volledig.
AANVRAAG_LEZEN = {"directie_a", "ib_a", "teamlid_a", "bestuurder_a", "ouder_a", "cvi_lid",
                  "cvi3_secretaris"}  # fmt: skip
AANVRAAG_MAG = {
    "verlengen": {"cvi3_secretaris"},
    "stukken": {"ouder_a", "directie_a", "ib_a", "cvi3_secretaris"},
    "intrekken": {"ouder_a"},
    "negatief": {"cvi3_secretaris"},
}
AANVRAAG_DATA = {
    "verlengen": {"toelichting": "onderzoek"},
    "stukken": {"soort": "overig"},
    "intrekken": {},
    "negatief": {"redenen": "criteria niet vervuld"},
}

#: RAB van leerling a bij de AB-dienst van REC 3, aangevraagd.
BEGELEIDING_LEZEN = {"directie_a", "ib_a", "teamlid_a", "bestuurder_a", "ouder_a",
                     "ab_coordinator"}  # fmt: skip
BEGELEIDING_MAG = {"starten": {"ab_coordinator"}, "afwijzen": {"ab_coordinator"}}
BEGELEIDING_DATA = {"starten": {}, "afwijzen": {"reden": "geen capaciteit"}}


def _persoon(z, rol):
    return getattr(z, rol, None) or getattr(z.w, rol)


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker)
    return c


def _verwacht(rol, lezen, mag) -> int:
    if rol in mag:
        return 200
    return 403 if rol in lezen else 404


def _probeer(c, pad, handeling, data, versie):
    """Eén handeling in een savepoint die daarna wordt teruggedraaid, zodat elke cel op
    dezelfde zaak in dezelfde toestand begint."""
    with transaction.atomic():
        r = c.post(
            f"{pad}{handeling}/", {"versie": versie, **data}, content_type="application/json"
        )
        transaction.set_rollback(True)
    return r


@pytest.mark.parametrize("rol", ROLLEN)
def test_rechtenmatrix_indicatieaanvraag(wereld, rol):
    z = maak_zaken(wereld)
    aanvraag = volledig(z, met_rapport(z, dien_in(z)))
    pad = f"/api/v1/indicatieaanvragen/{aanvraag.publiek_id}/"
    c = _client(_persoon(z, rol))
    assert c.get(pad).status_code == (200 if rol in AANVRAAG_LEZEN else 404)
    for handeling, mag in AANVRAAG_MAG.items():
        r = _probeer(c, pad, handeling, AANVRAAG_DATA[handeling], aanvraag.versie)
        assert r.status_code == _verwacht(rol, AANVRAAG_LEZEN, mag), (handeling, r.json())
        aanvraag.refresh_from_db()
        assert (aanvraag.status, aanvraag.versie) == ("dossier_volledig", 3)


@pytest.mark.parametrize("rol", ROLLEN)
def test_rechtenmatrix_begeleiding(wereld, rol):
    z = maak_zaken(wereld)
    geindiceerd(z)
    b = ab.begeleiding_aanvragen_rab(
        door=z.w.ib_a, leerling=z.w.leerling_a, ab_dienst=z.w.ab_dienst
    )
    pad = f"/api/v1/begeleidingen/{b.publiek_id}/"
    c = _client(_persoon(z, rol))
    assert c.get(pad).status_code == (200 if rol in BEGELEIDING_LEZEN else 404)
    for handeling, mag in BEGELEIDING_MAG.items():
        r = _probeer(c, pad, handeling, BEGELEIDING_DATA[handeling], b.versie)
        assert r.status_code == _verwacht(rol, BEGELEIDING_LEZEN, mag), (handeling, r.json())
        b.refresh_from_db()
        assert (b.status, b.versie) == ("aangevraagd", 1)
