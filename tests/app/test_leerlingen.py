"""Leerlingservices: validatie vóór schrijven, toegang, geen overlappende inschrijvingen,
en bij een weigering is er niets geschreven (ook geen auditregel)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.leerlingen.services import (
    inschrijving_maak,
    leerling_inschrijven,
    leerling_verwijder,
    leerling_wijzig,
    normaliseer_postcode,
    ouder_koppel,
)
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.services import rol_toeken

pytestmark = pytest.mark.django_db


@pytest.fixture
def stand(wereld):
    """Tellers om te controleren dat een geweigerde handeling niets schreef."""

    def tel():
        return (
            Leerling.objects.count(),
            Inschrijving.objects.count(),
            OuderRelatie.objects.count(),
            AuditRegel.objects.count(),
        )

    return tel


def _gegevens(**extra):
    gegevens = {
        "voornaam": "Eva",
        "achternaam": "Visser",
        "geboortedatum": date(2005, 2, 3),
        "adres": "Molenweg 4",
        "postcode": "3842 CD",
        "woonplaats": "Harderwijk",
        "van": date(2011, 8, 22),
        "groep": 4,
    }
    gegevens.update(extra)
    return gegevens


@pytest.mark.parametrize(("invoer", "uit"), [("3811ab", "3811 AB"), (" 3811 AB ", "3811 AB")])
def test_een_postcode_wordt_genormaliseerd(invoer, uit):
    assert normaliseer_postcode(invoer) == uit


def test_ongeldige_gegevens_noemen_elk_veld_en_schrijven_niets(wereld, stand):
    voor = stand()
    with pytest.raises(ValidationError) as fout:
        leerling_inschrijven(
            door=wereld.directie_a,
            school=wereld.school_a,
            **_gegevens(postcode="0123 AB", groep=None, leerjaar=2, voornaam=""),
        )
    assert {"postcode", "groep", "leerjaar", "voornaam"} <= set(fout.value.message_dict)
    assert stand() == voor


def test_een_groep_hoort_bij_het_basisonderwijs_en_een_leerjaar_bij_het_vo(wereld):
    with pytest.raises(ValidationError) as fout:
        leerling_inschrijven(door=wereld.directie_b, school=wereld.school_b, **_gegevens())
    assert {"groep", "leerjaar"} <= set(fout.value.message_dict)
    leerling_inschrijven(
        door=wereld.directie_b, school=wereld.school_b, **_gegevens(groep=None, leerjaar=3)
    )


@pytest.mark.parametrize("wie", ["teamlid_a", "directie_b", "bestuurder_a", "ouder_a", "cvi_lid"])
def test_alleen_directie_of_ib_van_de_school_schrijft_in(wereld, stand, wie):
    voor = stand()
    with pytest.raises(GeenToegang):
        leerling_inschrijven(door=getattr(wereld, wie), school=wereld.school_a, **_gegevens())
    assert stand() == voor


def test_een_overlappende_inschrijving_wordt_geweigerd(wereld, stand):
    # directie_a krijgt ook een rol op school B, zodat de toegang niet de reden is
    rol_toeken(gebruiker=wereld.directie_a, rol=Roltype.DIRECTIE, organisatie=wereld.school_b)
    voor = stand()
    with pytest.raises(ValidationError) as fout:
        inschrijving_maak(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            school=wereld.school_b,
            van=date(2012, 1, 9),
            leerjaar=1,
        )
    assert "van" in fout.value.message_dict
    assert stand() == voor


def test_wijzigen_met_een_onbekend_veld_wordt_geweigerd(wereld, stand):
    voor = stand()
    with pytest.raises(ValidationError) as fout:
        leerling_wijzig(
            door=wereld.directie_a,
            leerling=wereld.leerling_a,
            verwachte_versie=1,
            wijzigingen={"publiek_id": "x", "versie": 9},
        )
    assert {"publiek_id", "versie"} <= set(fout.value.message_dict)
    assert stand() == voor


def test_wijzigen_zonder_recht_schrijft_niets(wereld, stand):
    voor = stand()
    with pytest.raises(GeenToegang):
        leerling_wijzig(
            door=wereld.teamlid_a,
            leerling=wereld.leerling_a,
            verwachte_versie=1,
            wijzigingen={"adres": "Elders 1"},
        )
    assert stand() == voor
    assert Leerling.objects.get(pk=wereld.leerling_a.pk).adres == "Dorpsstraat 1"


def test_alleen_een_gebruiker_met_de_ouderrol_kan_worden_gekoppeld(wereld):
    with pytest.raises(ValidationError) as fout:
        ouder_koppel(door=wereld.directie_a, leerling=wereld.leerling_a, ouder=wereld.teamlid_a)
    assert "ouder" in fout.value.message_dict


def test_verwijderen_vraagt_een_reden_en_de_directie(wereld, stand):
    voor = stand()
    with pytest.raises(ValidationError):
        leerling_verwijder(door=wereld.directie_a, leerling=wereld.leerling_a, reden=" ")
    with pytest.raises(GeenToegang):
        leerling_verwijder(door=wereld.ib_a, leerling=wereld.leerling_a, reden="dubbel")
    assert stand() == voor
    leerling_verwijder(door=wereld.directie_a, leerling=wereld.leerling_a, reden="dubbel")
    assert not Leerling.objects.filter(pk=wereld.leerling_a.pk).exists()
    assert not Inschrijving.objects.filter(leerling_id=wereld.leerling_a.pk).exists()


def test_de_naam_staat_niet_in_de_tekstweergave(wereld):
    assert "Anna" not in str(wereld.leerling_a)
    assert str(wereld.leerling_a.publiek_id) in str(wereld.leerling_a)
