"""REC-bekostiging en formatiegarantie uit de vastgelegde gegevens (regelkern), en de
besteding van de rugzak: alleen onderwijs, zorg hoort bij een PGB, ouders akkoord."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rugzak.betalingen.models import Besteding
from rugzak.betalingen.selectors import (
    bestedingen_van_leerling,
    formatiegarantie_voor,
    rec_bekostiging_voor,
)
from rugzak.betalingen.services import (
    besteding_vastleggen,
    betaalrun_uitvoeren,
    formatie_vastleggen,
    formatiegarantie_toedelen,
    rec_telling_vastleggen,
)
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.organisaties.rollen import Roltype
from rugzak.organisaties.services import organisatie_maak
from rugzak.regeling.fouten import OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import rec as kernrec
from rugzak.regeling.tijd import Maand, Schooljaar
from tests.app.conftest import maak_gebruiker
from tests.app.lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie, tellingen

pytestmark = pytest.mark.django_db


@pytest.fixture
def rec(wereld):
    kempenaer = organisatie_maak(soort="bestuur", naam="Stichting SO")
    so1 = organisatie_maak(
        soort="school", naam="SO Een", brin="71AA", schoolsoort="so", bestuur=kempenaer,
        rec=wereld.rec,
    )  # fmt: skip
    so2 = organisatie_maak(
        soort="school", naam="VSO Twee", brin="72BB", schoolsoort="vso", bestuur=kempenaer,
        rec=wereld.rec,
    )  # fmt: skip
    secretaris = maak_gebruiker("secretaris", Roltype.CVI_SECRETARIS, wereld.cvi)
    return {"rec": wereld.rec, "so1": so1, "so2": so2, "secretaris": secretaris}


@pytest.mark.bron("004, 'Rec-bekostiging'")
def test_rec_bekostiging_uit_telling_en_het_aantal_scholen_van_het_rec(wereld, rec):
    rec_telling_vastleggen(
        door=rec["secretaris"], rec=rec["rec"], schooljaar="2003-2004", leerlingen=1200,
        ambulant_begeleid=80,
    )  # fmt: skip
    uitkomst = rec_bekostiging_voor(
        gebruiker=wereld.bekostigingsmedewerker, rec_id=rec["rec"].pk, schooljaar=Schooljaar(2003)
    )
    verwacht = kernrec.rec_bekostiging(
        standaard_regeling(), Schooljaar(2003), leerlingen=1200, scholen=2, ambulant_begeleid=80
    )
    assert uitkomst.totaal == verwacht.totaal
    assert uitkomst.scholen == 2


@pytest.mark.bron("004, 'Rec-bekostiging'; interpretatie I-22")
def test_rec_bekostiging_zonder_bron_is_een_fout_geen_nul(wereld, rec):
    rec_telling_vastleggen(
        door=rec["secretaris"], rec=rec["rec"], schooljaar="2011-2012", leerlingen=900
    )
    with pytest.raises(OntbrekendeBron):
        rec_bekostiging_voor(
            gebruiker=rec["secretaris"], rec_id=rec["rec"].pk, schooljaar=Schooljaar(2011)
        )


@pytest.mark.parametrize("wie", ["directie_a", "ouder_a", "bestuurder_a"])
def test_alleen_het_rec_en_de_bekostigingsinstantie_zien_rec_gegevens(wereld, rec, wie):
    with pytest.raises(GeenToegang):
        rec_bekostiging_voor(
            gebruiker=getattr(wereld, wie), rec_id=rec["rec"].pk, schooljaar=Schooljaar(2003)
        )


def test_een_cvi_lid_of_de_bekostigingsinstantie_legt_geen_telling_vast(wereld, rec):
    voor = tellingen()
    for wie in (wereld.cvi_lid, wereld.bekostigingsmedewerker):
        with pytest.raises(GeenToegang):
            rec_telling_vastleggen(door=wie, rec=rec["rec"], schooljaar="2003-2004", leerlingen=1)
    assert tellingen() == voor


@pytest.mark.bron("004, 'Formatiegarantieregeling'")
def test_formatiegarantie_en_de_toedeling_aan_de_scholen(wereld, rec):
    for school, basis, huidig in ((rec["so1"], "100", "90"), (rec["so2"], "50", "45")):
        formatie_vastleggen(
            door=rec["secretaris"], rec=rec["rec"], school=school, schooljaar="2004-2005",
            basis_fre=basis, huidig_fre=huidig,
        )  # fmt: skip
    garantie, toedelingen = formatiegarantie_voor(
        gebruiker=wereld.bekostigingsmedewerker, rec_id=rec["rec"].pk, schooljaar=Schooljaar(2004)
    )
    assert garantie.garantie == Decimal(15)
    assert toedelingen == []
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        formatiegarantie_toedelen(
            door=rec["secretaris"], rec=rec["rec"], schooljaar="2004-2005", toedeling={"71AA": "10"}
        )
    assert "toedeling" in e.value.message_dict
    assert tellingen() == voor
    formatiegarantie_toedelen(
        door=rec["secretaris"], rec=rec["rec"], schooljaar="2004-2005",
        toedeling={"71AA": "10", "72BB": "5"}, gemeld_op=date(2005, 3, 1),
    )  # fmt: skip
    _, toedelingen = formatiegarantie_voor(
        gebruiker=wereld.bekostigingsmedewerker, rec_id=rec["rec"].pk, schooljaar=Schooljaar(2004)
    )
    assert toedelingen[0]["toedeling"] == {"71AA": Decimal(10), "72BB": Decimal(5)}


def test_formatie_van_een_school_buiten_het_rec_wordt_geweigerd(wereld, rec):
    with pytest.raises(ValidationError) as e:
        formatie_vastleggen(
            door=rec["secretaris"], rec=rec["rec"], school=wereld.school_a,
            schooljaar="2011-2012", basis_fre="1", huidig_fre="-1",
        )  # fmt: skip
    assert {"school", "huidig_fre"} <= set(e.value.message_dict)


# --- besteding -----------------------------------------------------------------------------


@pytest.fixture
def rugzak(wereld):
    indicatie = maak_indicatie(wereld.leerling_a, wereld.cvi, onderwijssoort="lg")
    return geaccepteerde_melding(
        door=wereld.directie_a,
        beoordelaar=wereld.bekostigingsmedewerker,
        leerling=wereld.leerling_a,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst),
        meldingsdatum=date(2011, 9, 5),
    )


def _besteding(wereld, **extra):
    gegevens = {
        "door": wereld.ib_a,
        "leerling": wereld.leerling_a,
        "schooljaar": "2011-2012",
        "soort": "klassenassistent",
        "omschrijving": "klassenassistent 3 uur per week",
        "bedrag": "2400.00",
        "ouders_akkoord_op": date(2011, 10, 3),
        "handelingsplan": "HP 2011-12",
    }
    gegevens.update(extra)
    return besteding_vastleggen(**gegevens)


@pytest.mark.bron("000, 'Wat kan met het rugzakje?'; 001, 'Wat zit er in de Rugzak?'")
def test_een_besteding_aan_extra_formatie_wordt_vastgelegd_naast_wat_ontvangen_is(wereld, rugzak):
    betaalrun_uitvoeren(door=wereld.bekostigingsmedewerker, maand=Maand(2012, 2))
    b = _besteding(wereld)
    assert b.onderdeel == "formatie"
    _besteding(wereld, soort="leermiddelen", omschrijving="aangepaste stoel", bedrag="350")
    overzicht = bestedingen_van_leerling(
        gebruiker=wereld.ouder_a,
        publiek_id=wereld.leerling_a.publiek_id,
        schooljaar=Schooljaar(2011),
    )
    assert overzicht.besteed == {"formatie": Decimal("2400.00"), "materieel": Decimal("350.00")}
    assert overzicht.ontvangen["formatie"] > 0 and overzicht.ontvangen["ambulante_begeleiding"] > 0
    assert overzicht.grond.rol == "ouder"


@pytest.mark.bron("000, 'Wat kan niet met het rugzakje?'")
@pytest.mark.parametrize("soort", ["zorg_toilet", "zorg_verzorging", "zorg_verpleging"])
def test_zorg_wordt_geweigerd_met_de_reden_dat_zorg_bij_een_pgb_hoort(wereld, rugzak, soort):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        _besteding(wereld, soort=soort, omschrijving="hulp bij naar het toilet gaan")
    reden = " ".join(e.value.message_dict["soort"])
    assert "persoonsgebonden budget (PGB)" in reden
    assert "onderwijsgerelateerde" in reden
    assert tellingen() == voor


def test_zonder_akkoord_van_de_ouders_en_zonder_rugzak_wordt_niets_vastgelegd(wereld):
    voor = tellingen()
    with pytest.raises(ValidationError) as e:
        _besteding(wereld, ouders_akkoord_op=None, bedrag="0", omschrijving=" ")
    assert {"ouders_akkoord_op", "leerling", "bedrag", "omschrijving"} <= set(e.value.message_dict)
    assert tellingen() == voor
    assert not Besteding.objects.exists()


@pytest.mark.parametrize("wie", ["teamlid_a", "directie_b", "ouder_a", "bekostigingsmedewerker"])
def test_alleen_directie_of_ib_van_de_school_legt_een_besteding_vast(wereld, rugzak, wie):
    voor = tellingen()
    with pytest.raises(GeenToegang):
        _besteding(wereld, door=getattr(wereld, wie))
    assert tellingen() == voor


def test_een_andere_ouder_ziet_de_besteding_niet(wereld, rugzak):
    _besteding(wereld, reden_overschrijding="voorgeschoten tot de eerste betaling")
    with pytest.raises(GeenToegang):
        bestedingen_van_leerling(
            gebruiker=wereld.ouder_b,
            publiek_id=wereld.leerling_a.publiek_id,
            schooljaar=Schooljaar(2011),
        )
