"""Eén bulkinsert voor het auditlog per verzoek (issue 11): de leesregels van een verzoek
wachten tot het eind en gaan dan in één keer de database in; ook na een fout. Een
wijziging, en alles binnen een transactie van het verzoek, wordt meteen vastgelegd."""

from __future__ import annotations

import pytest
from django.db import transaction

from rugzak.audit.models import Actie, AuditRegel
from rugzak.audit.services import audit_registreer, audit_registreer_lijst, auditbundel

pytestmark = pytest.mark.django_db


def _lees(reden: str, n: int = 3) -> None:
    audit_registreer_lijst(
        gebruiker=None,
        objecttype="leerling",
        items=[(i, None, "directie", None) for i in range(n)],
        reden=reden,
    )


def _aantal(reden: str) -> int:
    return AuditRegel.objects.filter(reden=reden).count()


def test_leesregels_wachten_tot_het_eind_van_de_bundel():
    with auditbundel():
        _lees("bundel a")
        _lees("bundel b", 2)
        audit_registreer(gebruiker=None, actie=Actie.LEZEN, objecttype="dossier", reden="bundel c")
        assert _aantal("bundel a") == _aantal("bundel b") == _aantal("bundel c") == 0
    assert (_aantal("bundel a"), _aantal("bundel b"), _aantal("bundel c")) == (3, 2, 1)
    regel = AuditRegel.objects.get(reden="bundel c")
    assert regel.actie == Actie.LEZEN and regel.verwerking and regel.velden == []


def _faal_in_bundel() -> None:
    with auditbundel():
        _lees("voor de fout")
        raise RuntimeError("de view faalt")


def test_de_bundel_schrijft_ook_na_een_fout():
    with pytest.raises(RuntimeError):
        _faal_in_bundel()
    assert _aantal("voor de fout") == 3


def test_een_wijziging_en_een_transactie_wachten_niet():
    with auditbundel():
        audit_registreer(
            gebruiker=None, actie=Actie.WIJZIGEN, objecttype="leerling", reden="wijziging"
        )
        assert _aantal("wijziging") == 1
        with transaction.atomic():
            _lees("in transactie")
            assert _aantal("in transactie") == 3


def test_buiten_een_bundel_meteen():
    _lees("meteen")
    assert _aantal("meteen") == 3
