"""De school als eerste gebruiker: een leerling registreren (met ouder en dubbelcontrole),
uitschrijven met de reden die het vervolg bepaalt (004), groep of leerjaar wijzigen, een
ouder koppelen; een verwerkte terugmelding beëindigt de inschrijving. Elke weigering
schrijft niets."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from rugzak import toegang
from rugzak.audit.models import AuditRegel
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.leerlingen import uitschrijving
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.leerlingen.services import (
    BestaandeOuder,
    NieuweOuder,
    klas_wijzig,
    leerling_registreren,
    ouder_koppelen,
)
from rugzak.leerlingen.uitschrijving import (
    leerling_uitschrijven_met_vervolg,
    zml_aanvraag_aangewezen,
)
from rugzak.meldingen.models import Terugmelding
from rugzak.meldingen.services import terugmelding_indienen, terugmelding_verwerken
from rugzak.organisaties.models import Gebruiker, Rol

from .lgf_hulp import formulier, geaccepteerde_melding, maak_indicatie

pytestmark = pytest.mark.django_db


def _stand():
    return (
        Leerling.objects.count(),
        Inschrijving.objects.count(),
        OuderRelatie.objects.count(),
        Gebruiker.objects.count(),
        Rol.objects.count(),
        Terugmelding.objects.count(),
        AuditRegel.objects.count(),
        list(Inschrijving.objects.order_by("pk").values_list("tot", "groep", "uitschrijfreden")),
    )


def _nieuw(**extra):
    gegevens = {
        "voornaam": "Sem",
        "achternaam": "de Wit",
        "geboortedatum": date(2006, 4, 2),
        "adres": "Kerkpad 3",
        "postcode": "3841ab",
        "woonplaats": "Harderwijk",
        "van": date(2012, 3, 19),
        "groep": 2,
    }
    gegevens.update(extra)
    return gegevens


OUDER = NieuweOuder(voornaam="Lotte", achternaam="de Wit", email="Lotte.deWit@voorbeeld.nl")


def test_de_ib_registreert_een_leerling_met_nieuwe_ouder_en_de_ouder_ziet_het_kind(wereld):
    reg = leerling_registreren(door=wereld.ib_a, school=wereld.school_a, ouder=OUDER, **_nieuw())
    assert reg.inschrijving.school == wereld.school_a
    assert reg.inschrijving.groep == 2
    assert reg.leerling.postcode == "3841 AB"
    assert reg.ouder is not None and reg.ouder.gebruikersnaam == "lotte.dewit@voorbeeld.nl"
    ouder = Gebruiker.objects.get(username="lotte.dewit@voorbeeld.nl")
    # het beginwachtwoord werkt meteen, en alleen de hash is bewaard
    assert ouder.check_password(reg.ouder.wachtwoord)
    assert reg.ouder.wachtwoord not in ouder.password
    assert list(toegang.leerlingen_zichtbaar_voor(ouder)) == [reg.leerling]
    c = Client()
    r = c.post("/inloggen/", {"username": ouder.username, "password": reg.ouder.wachtwoord})
    assert r.status_code == 302
    assert str(reg.leerling.publiek_id) in c.get("/start/").content.decode()
    acties = set(
        AuditRegel.objects.filter(leerling_publiek_id=reg.leerling.publiek_id).values_list(
            "objecttype", flat=True
        )
    )
    assert {"leerling", "inschrijving", "ouderrelatie"} <= acties


def test_een_bestaande_ouder_wordt_gekoppeld_zonder_nieuw_account(wereld):
    voor = Gebruiker.objects.count()
    reg = leerling_registreren(
        door=wereld.directie_a,
        school=wereld.school_a,
        ouder=BestaandeOuder(gebruikersnaam="ouder_a"),
        **_nieuw(),
    )
    assert reg.ouder is not None and reg.ouder.wachtwoord is None
    assert Gebruiker.objects.count() == voor
    assert set(toegang.leerlingen_zichtbaar_voor(wereld.ouder_a)) == {
        wereld.leerling_a,
        reg.leerling,
    }


def test_dezelfde_naam_en_geboortedatum_op_dezelfde_school_wordt_geweigerd_tot_bevestiging(
    wereld,
):
    # leerling_a: Anna Jansen, 1 mei 2004, op school A
    dubbel = _nieuw(voornaam="anna ", achternaam="JANSEN", geboortedatum=date(2004, 5, 1))
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        leerling_registreren(door=wereld.ib_a, school=wereld.school_a, ouder=OUDER, **dubbel)
    assert "dubbel" in fout.value.message_dict
    assert "I-46" in fout.value.message_dict["dubbel"][0]
    assert _stand() == voor
    reg = leerling_registreren(
        door=wereld.ib_a, school=wereld.school_a, dubbel_bevestigd=True, **dubbel
    )
    assert reg.leerling != wereld.leerling_a


def test_dezelfde_naam_op_een_andere_school_is_geen_dubbele(wereld):
    reg = leerling_registreren(
        door=wereld.directie_b,
        school=wereld.school_b,
        **_nieuw(voornaam="Anna", achternaam="Jansen", geboortedatum=date(2004, 5, 1),
                 groep=None, leerjaar=1),
    )  # fmt: skip
    assert reg.inschrijving.leerjaar == 1


def test_fouten_in_leerling_en_ouder_komen_samen_en_er_is_niets_opgeslagen(wereld):
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        leerling_registreren(
            door=wereld.ib_a,
            school=wereld.school_a,
            ouder=NieuweOuder(voornaam="", achternaam="X", email="geen-adres"),
            **_nieuw(postcode="0000 AA", groep=None),
        )
    assert {"postcode", "groep", "ouder_voornaam", "ouder_email"} <= set(fout.value.message_dict)
    assert _stand() == voor


def test_een_ouderaccount_dat_al_bestaat_wordt_niet_nog_eens_gemaakt(wereld):
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        leerling_registreren(
            door=wereld.ib_a,
            school=wereld.school_a,
            ouder=NieuweOuder(voornaam="A", achternaam="B", email="OUDER_A"),
            **_nieuw(),
        )
    assert "ouder_email" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        leerling_registreren(
            door=wereld.ib_a,
            school=wereld.school_a,
            ouder=BestaandeOuder(gebruikersnaam="directie_a"),  # geen rol 'ouder'
            **_nieuw(),
        )
    assert "ouder_gebruikersnaam" in fout.value.message_dict
    assert _stand() == voor


@pytest.mark.parametrize("wie", ["teamlid_a", "directie_b", "bestuurder_a", "ouder_a", "cvi_lid"])
def test_alleen_directie_en_ib_van_de_school_registreren_en_een_weigering_schrijft_niets(
    wereld, wie
):
    voor = _stand()
    with pytest.raises(GeenToegang):
        leerling_registreren(
            door=getattr(wereld, wie), school=wereld.school_a, ouder=OUDER, **_nieuw()
        )
    assert _stand() == voor


def test_de_school_koppelt_later_een_ouder_en_die_ziet_het_kind_meteen(wereld):
    k = ouder_koppelen(door=wereld.ib_a, leerling=wereld.leerling_a, ouder=OUDER)
    ouder = Gebruiker.objects.get(username=k.gebruikersnaam)
    assert wereld.leerling_a in toegang.leerlingen_zichtbaar_voor(ouder)
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        ouder_koppelen(
            door=wereld.ib_a,
            leerling=wereld.leerling_a,
            ouder=BestaandeOuder(gebruikersnaam=k.gebruikersnaam),
        )
    assert "al aan deze leerling gekoppeld" in fout.value.message_dict["ouder_gebruikersnaam"][0]
    with pytest.raises(GeenToegang):
        ouder_koppelen(door=wereld.directie_b, leerling=wereld.leerling_a, ouder=OUDER)
    assert _stand() == voor


# --- groep en leerjaar --------------------------------------------------------------------


def test_groep_wijzigen_legt_de_vorige_groep_vast_in_het_auditlog(wereld):
    inschrijving, vorige = klas_wijzig(door=wereld.ib_a, leerling=wereld.leerling_a, groep=6)
    assert (vorige, inschrijving.groep) == ("groep 5", 6)
    regel = AuditRegel.objects.filter(objecttype="inschrijving").latest("id")
    assert "groep 5 -> groep 6" in regel.reden


def test_groep_wijzigen_weigert_dezelfde_groep_een_leerjaar_in_het_bao_en_een_vreemde(wereld):
    voor = _stand()
    for kwargs, veld in (({"groep": 5}, "groep"), ({"leerjaar": 2}, "leerjaar"),
                         ({"groep": 9}, "groep")):  # fmt: skip
        with pytest.raises(ValidationError) as fout:
            klas_wijzig(door=wereld.ib_a, leerling=wereld.leerling_a, **kwargs)
        assert veld in fout.value.message_dict
    with pytest.raises(GeenToegang):
        klas_wijzig(door=wereld.teamlid_a, leerling=wereld.leerling_a, groep=6)
    with pytest.raises(GeenToegang):
        klas_wijzig(door=wereld.directie_b, leerling=wereld.leerling_a, groep=6)
    assert _stand() == voor


def _zml_leerling(wereld, groep=2, voornaam="Sem"):
    reg = leerling_registreren(
        door=wereld.ib_a,
        school=wereld.school_a,
        **_nieuw(van=date(2011, 8, 22), groep=groep, voornaam=voornaam),
    )
    indicatie = maak_indicatie(reg.leerling, wereld.cvi, onderwijssoort="zml")
    melding = geaccepteerde_melding(
        door=wereld.ib_a,
        beoordelaar=wereld.bekostigingsmedewerker,
        leerling=reg.leerling,
        school=wereld.school_a,
        gegevens=formulier(indicatie, wereld.ab_dienst, groep=groep),
        meldingsdatum=date(2011, 9, 1),
    )
    return reg.leerling, melding


@pytest.mark.bron("003, punt over formulier 66007")
def test_na_groep_2_naar_3_wijst_rugzak_de_zml_aanvraag_aan(wereld):
    leerling, melding = _zml_leerling(wereld)
    klas_wijzig(door=wereld.ib_a, leerling=leerling, groep=3)
    assert zml_aanvraag_aangewezen(leerling=leerling, school_id=wereld.school_a.pk) == melding
    # een leerling zonder zml-melding: niets aan te vragen
    assert zml_aanvraag_aangewezen(leerling=wereld.leerling_a, school_id=wereld.school_a.pk) is None


# --- uitschrijven -------------------------------------------------------------------------


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_uitschrijven_naar_het_vso_dient_de_terugmelding_in(wereld):
    leerling, melding = _zml_leerling(wereld)
    u = leerling_uitschrijven_met_vervolg(
        door=wereld.ib_a, leerling=leerling, tot=date(2012, 3, 9), reden="naar_vso"
    )
    assert u.inschrijving.tot == date(2012, 3, 9)
    assert u.inschrijving.uitschrijfreden == "naar_vso"
    assert u.terugmelding is not None
    assert (u.terugmelding.soort, u.terugmelding.datum) == ("uitschrijving_so", date(2012, 3, 10))
    assert u.terugmelding.melding == melding
    assert u.uiterlijk == date(2012, 4, 21)  # zes weken na 10 maart


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_uitschrijven_bij_een_overstap_naar_een_reguliere_school_meldt_niets(wereld):
    leerling, _ = _zml_leerling(wereld)
    u = leerling_uitschrijven_met_vervolg(
        door=wereld.ib_a, leerling=leerling, tot=date(2012, 3, 9),
        reden="andere_reguliere_school",
    )  # fmt: skip
    assert u.is_overstap and u.melding is None and u.terugmelding is None
    assert not Terugmelding.objects.exists()


def test_uitschrijven_in_de_toekomst_bewaart_de_terugmelding_voor_later(wereld):
    leerling, melding = _zml_leerling(wereld)
    u = leerling_uitschrijven_met_vervolg(
        door=wereld.ib_a, leerling=leerling, tot=date(2012, 7, 6), reden="geen_onderwijs"
    )
    assert u.terugmelding is None
    assert u.melding == melding and u.terugmelden_vanaf == date(2012, 7, 7)
    assert not Terugmelding.objects.exists()


def test_uitschrijven_zonder_reden_of_voor_het_begin_schrijft_niets(wereld):
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        leerling_uitschrijven_met_vervolg(
            door=wereld.ib_a, leerling=wereld.leerling_a, tot=date(2011, 1, 1), reden="weg"
        )
    assert {"reden", "tot"} <= set(fout.value.message_dict)
    with pytest.raises(GeenToegang):
        leerling_uitschrijven_met_vervolg(
            door=wereld.teamlid_a, leerling=wereld.leerling_a, tot=date(2012, 3, 9),
            reden="naar_vso",
        )  # fmt: skip
    assert _stand() == voor


def test_lukt_de_terugmelding_niet_dan_is_de_leerling_ook_niet_uitgeschreven(wereld, monkeypatch):
    leerling, melding = _zml_leerling(wereld)
    terugmelding_indienen(
        door=wereld.ib_a, melding=melding, soort="uitschrijving_so", datum=date(2012, 3, 1)
    )
    # al teruggemeld: uitschrijven meldt niet nog eens
    u = leerling_uitschrijven_met_vervolg(
        door=wereld.ib_a, leerling=leerling, tot=date(2012, 2, 29), reden="naar_vso"
    )
    assert u.melding is None and Terugmelding.objects.count() == 1
    # weigert de meldingenservice de terugmelding, dan blijft ook de inschrijving open
    leerling2, _ = _zml_leerling(wereld, voornaam="Noor")

    def weiger(**_):
        raise ValidationError({"datum": "geweigerd voor de test"})

    monkeypatch.setattr(uitschrijving.meldingservices, "terugmelding_indienen", weiger)
    voor = _stand()
    with pytest.raises(ValidationError) as fout:
        leerling_uitschrijven_met_vervolg(
            door=wereld.ib_a, leerling=leerling2, tot=date(2012, 3, 9), reden="naar_vso"
        )
    assert "geweigerd voor de test" in fout.value.message_dict["reden"][0]
    assert _stand() == voor


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_een_verwerkte_terugmelding_beeindigt_de_inschrijving(wereld):
    leerling, melding = _zml_leerling(wereld)
    t = terugmelding_indienen(
        door=wereld.ib_a, melding=melding, soort="uitschrijving_geen_onderwijs",
        datum=date(2012, 3, 1),
    )  # fmt: skip
    assert Inschrijving.objects.get(leerling=leerling).tot is None
    terugmelding_verwerken(door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie)
    ins = Inschrijving.objects.get(leerling=leerling)
    assert (ins.tot, ins.uitschrijfreden) == (date(2012, 2, 29), "geen_onderwijs")
    regel = AuditRegel.objects.filter(objecttype="inschrijving").latest("id")
    assert regel.rol == "bekostigingsmedewerker" and "I-47" in regel.reden


def test_een_verwerkte_wijziging_laat_de_inschrijving_open(wereld):
    leerling, melding = _zml_leerling(wereld, groep=4)
    t = terugmelding_indienen(
        door=wereld.ib_a, melding=melding, soort="wijziging", datum=date(2012, 3, 1),
        wijzigingen={"groep": 5},
    )  # fmt: skip
    terugmelding_verwerken(door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie)
    assert Inschrijving.objects.get(leerling=leerling).tot is None


@pytest.mark.bron("004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'")
def test_de_terugmeldtermijn_volgt_de_reden_van_uitschrijving(wereld):
    from rugzak.meldingen.termijnen import zaaktermijnen

    def terug(dag):
        return [
            t
            for t in zaaktermijnen(gebruiker=wereld.ib_a, vandaag=dag)
            if t.zaaktype == "terugmelding"
        ]

    vso, _ = _zml_leerling(wereld, voornaam="Vera")
    weg, _ = _zml_leerling(wereld, voornaam="Wim")
    leerling_uitschrijven_met_vervolg(
        door=wereld.ib_a, leerling=vso, tot=date(2012, 3, 30), reden="naar_vso"
    )
    leerling_uitschrijven_met_vervolg(
        door=wereld.ib_a, leerling=weg, tot=date(2012, 3, 30), reden="andere_reguliere_school"
    )
    # na de laatste schooldag: alleen de (v)so-leerling heeft een open terugmelding
    termijnen = terug(date(2012, 4, 2))
    assert [t.leerling_publiek_id for t in termijnen] == [vso.publiek_id]
    assert termijnen[0].termijn.uiterlijk == date(2012, 5, 12)


def test_een_geweigerde_verwerking_laat_de_inschrijving_open(wereld):
    from rugzak.gedeeld.fouten import GelijktijdigeWijziging

    leerling, melding = _zml_leerling(wereld)
    t = terugmelding_indienen(
        door=wereld.ib_a, melding=melding, soort="uitschrijving_so", datum=date(2012, 3, 1)
    )
    voor = _stand()
    with pytest.raises(GelijktijdigeWijziging):
        terugmelding_verwerken(
            door=wereld.bekostigingsmedewerker, terugmelding=t, versie=t.versie + 1
        )
    with pytest.raises(GeenToegang):
        terugmelding_verwerken(door=wereld.ib_a, terugmelding=t, versie=t.versie)
    assert _stand() == voor
    assert Inschrijving.objects.get(leerling=leerling).tot is None
