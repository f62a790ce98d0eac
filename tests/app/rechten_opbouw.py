"""Opbouw voor de rechtenmatrix, het dossier en de termijnentests (geen testmodule).

Twee gespiegelde kanten, ``a`` en ``b``, elk met een bestuur, een basisschool, een
so-school, een REC (cluster 3) met CvI en AB-dienst, gebruikers in elke rol, en
leerlingen met zaken in elke app, in de toestanden die de handelingen van de API nodig
hebben. Daarnaast één landelijke bekostigingsinstantie. Alles via de services van de
apps, zoals de toepassing zelf (dus met toegang, versies, geschiedenis en audit).

De matrix gebruikt de gebruikers van kant ``a``; de objecten van kant ``b`` zijn "van een
andere organisatie" (een andere school, een ander REC met CvI en AB-dienst, het kind van
een andere ouder).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import override_settings

from rugzak.ambulante_begeleiding import services as ab
from rugzak.betalingen import services as geld
from rugzak.handelingsplannen import services as hp
from rugzak.indicaties import services as ind
from rugzak.indicaties.models import Indicatie, Indicatieaanvraag, Stuksoort
from rugzak.leerlingen.models import Leerling
from rugzak.leerlingen.services import (
    inschrijving_beeindig,
    inschrijving_maak,
    leerling_inschrijven,
    ouder_koppel,
)
from rugzak.meldingen import services as meld
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.services import gebruiker_maak, organisatie_maak, rol_toeken
from rugzak.regeling.tijd import Maand, Schooljaar
from rugzak.scenarios.services import scenario_aanvragen, scenario_verwerken
from rugzak.toelating import services as tl
from rugzak.toelating.doorloop import Doorloop
from rugzak.toelating.models import Instantie, Toelatingszaak
from tests.app.rec_hulp import VERZOEK_VOLLEDIG

WACHTWOORD = "een-lang-testwachtwoord-42"
AB_MIN_10 = Path(__file__).parents[2] / "voorbeelden" / "scenario-ab-10-procent-lager.toml"

#: De rollen van de matrix, in de volgorde van het verslag; ``anoniem`` is niet ingelogd.
ROLLEN = (
    "directie",
    "intern_begeleider",
    "teamlid",
    "bestuurder",
    "cvi_secretaris",
    "cvi_lid",
    "ab_coordinator",
    "ambulant_begeleider",
    "bekostigingsmedewerker",
    "ouder",
    "privacy_officer",
    "beleidsanalist",
    "anoniem",
)


def gebruiker(naam: str, rol: str, organisatie: Organisatie | None = None) -> Gebruiker:
    g = gebruiker_maak(
        gebruikersnaam=naam, voornaam="Mede", achternaam="Werker", wachtwoord=WACHTWOORD
    )
    rol_toeken(gebruiker=g, rol=rol, organisatie=organisatie, van=date(2003, 8, 1))
    return g


@dataclass
class Kant:
    """Eén kant van de wereld: organisaties, gebruikers, leerlingen en zaken."""

    naam: str
    bestuur: Organisatie
    school: Organisatie
    so_school: Organisatie
    rec: Organisatie
    cvi: Organisatie
    ab_dienst: Organisatie
    gebruikers: dict[str, Gebruiker]
    #: directie, intern begeleider en teamlid van de so-school (voor de (v)so-administratie)
    so_gebruikers: dict[str, Gebruiker]
    leerlingen: dict[str, Leerling] = field(default_factory=dict)
    zaken: dict[str, Any] = field(default_factory=dict)

    @property
    def directie_so(self) -> Gebruiker:
        return self.so_gebruikers["directie"]

    def __getattr__(self, naam: str) -> Any:
        # kant.z8, kant.kind: zaken en leerlingen als attributen
        for bak in ("zaken", "leerlingen", "gebruikers"):
            d = self.__dict__.get(bak, {})
            if naam in d:
                return d[naam]
        raise AttributeError(naam)


@dataclass
class Rechtenwereld:
    a: Kant
    b: Kant
    cfi: Organisatie
    bekostigingsmedewerker: Gebruiker
    run: Any
    beleidsanalist: Gebruiker | None = None

    def gebruiker(self, rol: str, school: str = "regulier") -> Gebruiker | None:
        """De gebruiker van kant a met ``rol``; ``school="so"``: voor directie, intern
        begeleider en teamlid die van de so-school in plaats van de basisschool."""
        if rol == "anoniem":
            return None
        if rol == "bekostigingsmedewerker":
            return self.bekostigingsmedewerker
        if rol == "beleidsanalist":
            return self.beleidsanalist
        if school == "so" and rol in self.a.so_gebruikers:
            return self.a.so_gebruikers[rol]
        return self.a.gebruikers[rol]


# --- organisaties en gebruikers ---------------------------------------------------------------


def _kant(naam: str, nummer: int) -> Kant:
    s = naam
    bestuur = organisatie_maak(soort=Organisatiesoort.BESTUUR, naam=f"Bestuur {s.upper()}")
    rec = organisatie_maak(
        soort=Organisatiesoort.REC,
        naam=f"REC 3 {s.upper()}",
        cluster="3",
        regio=f"Regio {s.upper()}",
    )
    cvi = organisatie_maak(soort=Organisatiesoort.CVI, naam=f"CvI REC 3 {s.upper()}", rec=rec)
    ab_dienst = organisatie_maak(
        soort=Organisatiesoort.AB_DIENST, naam=f"AB REC 3 {s.upper()}", rec=rec
    )
    school = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam=f"Basisschool {s.upper()}",
        brin=f"{nummer}{nummer}A{s.upper()}",
        schoolsoort="bao",
        bestuur=bestuur,
    )
    so_school = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam=f"SO-school {s.upper()}",
        brin=f"{nummer}{nummer}S{s.upper()}",
        schoolsoort="so",
        bestuur=bestuur,
        rec=rec,
    )
    gebruikers = {
        "directie": gebruiker(f"directie_{s}", Roltype.DIRECTIE, school),
        "intern_begeleider": gebruiker(f"ib_{s}", Roltype.INTERN_BEGELEIDER, school),
        "teamlid": gebruiker(f"teamlid_{s}", Roltype.TEAMLID, school),
        "bestuurder": gebruiker(f"bestuurder_{s}", Roltype.BESTUURDER, bestuur),
        "cvi_secretaris": gebruiker(f"cvi_secretaris_{s}", Roltype.CVI_SECRETARIS, cvi),
        "cvi_lid": gebruiker(f"cvi_lid_{s}", Roltype.CVI_LID, cvi),
        "ab_coordinator": gebruiker(f"ab_coordinator_{s}", Roltype.AB_COORDINATOR, ab_dienst),
        "ambulant_begeleider": gebruiker(
            f"ambulant_begeleider_{s}", Roltype.AMBULANT_BEGELEIDER, ab_dienst
        ),
        "ouder": gebruiker(f"ouder_{s}", Roltype.OUDER),
        "privacy_officer": gebruiker(f"fg_{s}", Roltype.PRIVACY_OFFICER, school),
    }
    return Kant(
        naam=s,
        bestuur=bestuur,
        school=school,
        so_school=so_school,
        rec=rec,
        cvi=cvi,
        ab_dienst=ab_dienst,
        gebruikers=gebruikers,
        so_gebruikers={
            "directie": gebruiker(f"directie_so_{s}", Roltype.DIRECTIE, so_school),
            "intern_begeleider": gebruiker(f"ib_so_{s}", Roltype.INTERN_BEGELEIDER, so_school),
            "teamlid": gebruiker(f"teamlid_so_{s}", Roltype.TEAMLID, so_school),
        },
    )


#: Per kant andere namen en adressen: de matrix zoekt ze in antwoorden die ze niet mogen
#: bevatten (bekostigingsinstantie, andere organisatie).
_VOORNAMEN = {
    "a": ["Annabel", "Abel", "Aukje", "Arjen", "Anouk", "Aart", "Amber", "Ahmed", "Alida"],
    "b": ["Bregje", "Bastiaan", "Berber", "Boaz", "Britt", "Bouke", "Bente", "Bilal", "Bodil"],
}


def _leerling(
    k: Kant, sleutel: str, *, school: Organisatie | None = None, groep: int = 5
) -> Leerling:
    """Een leerling van kant ``k`` met de ouder van die kant."""
    nummer = len(k.leerlingen)
    op_so = school is not None and school.pk == k.so_school.pk
    leerling = leerling_inschrijven(
        door=k.directie_so if op_so else k.gebruikers["directie"],
        school=school or k.school,
        voornaam=f"{_VOORNAMEN[k.naam][nummer % 9]}{nummer}",
        achternaam=f"Zwaluwstaart{k.naam.upper()}{nummer}",
        geboortedatum=date(2005, 3, 1) if op_so else date(2003, 5, 1),
        adres=f"Leeuwerikstraat {k.naam.upper()}{nummer}",
        postcode="3841 AC" if k.naam == "a" else "6821 BD",
        woonplaats="Harderwijk" if k.naam == "a" else "Arnhem",
        van=date(2009, 8, 20) if op_so else date(2011, 8, 22),
        groep=2 if op_so else groep,
    )
    ouder_koppel(
        door=k.directie_so if op_so else k.gebruikers["directie"],
        leerling=leerling,
        ouder=k.gebruikers["ouder"],
    )
    k.leerlingen[sleutel] = leerling
    return leerling


# --- indicaties --------------------------------------------------------------------------------


def _aanvraag(
    k: Kant, leerling: Leerling, *, tot: str, onderwijssoort: str = "zml"
) -> Indicatieaanvraag | Indicatie:
    """Een aanvraag bij de CvI van de kant, tot ``tot``: ingediend (met rapport), volledig
    of positief (dan de indicatie)."""
    g = k.gebruikers
    aanvraag = ind.aanvraag_indienen(
        door=g["ouder"], leerling=leerling, cvi=k.cvi, onderwijssoort=onderwijssoort,
        op=date(2011, 5, 2) if tot == "positief" else date(2012, 2, 6),
    )  # fmt: skip
    aanvraag.refresh_from_db()
    ind.aanvraag_stuk_toevoegen(
        door=g["cvi_secretaris"], aanvraag=aanvraag, versie=aanvraag.versie,
        soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT, ontvangen_op=aanvraag.ingediend_op,
        opgesteld_door=k.school,
    )  # fmt: skip
    aanvraag.refresh_from_db()
    if tot == "ingediend":
        return aanvraag
    aanvraag = ind.aanvraag_volledig_verklaren(
        door=g["cvi_secretaris"], aanvraag=aanvraag, versie=aanvraag.versie,
        op=date(2011, 5, 9) if tot == "positief" else date(2012, 2, 13),
    )  # fmt: skip
    if tot == "volledig":
        return aanvraag
    aanvraag.refresh_from_db()
    return ind.aanvraag_beslissen_positief(
        door=g["cvi_secretaris"], aanvraag=aanvraag, versie=aanvraag.versie,
        onderwijssoort=onderwijssoort, op=date(2011, 6, 20),
    )  # fmt: skip


def _formulier(indicatie: Indicatie, ab_dienst: Organisatie) -> dict[str, object]:
    return {
        "inschrijvingsdatum": "2011-08-22",
        "schoolsoort": "bao",
        "groep": 5,
        "cvi_nummer": indicatie.cvi_nummer,
        "indicatiedatum": indicatie.indicatiedatum.isoformat(),
        "onderwijssoort": indicatie.onderwijssoort,
        "ab_verzorger": ab_dienst.pk,
    }


# --- toelating ---------------------------------------------------------------------------------


def _doorloop(k: Kant, zaak: Toelatingszaak) -> Doorloop:
    g = k.gebruikers
    return Doorloop(
        zaak=zaak,
        directie=g["directie"],
        ib=g["intern_begeleider"],
        bestuurder=g["bestuurder"],
        ouder=g["ouder"],
        start=zaak.verzoek_op,
        plaatsingsdatum=date(2012, 1, 9),
    )


def _zaak(k: Kant, sleutel: str, tot: str, *, verzoek_op: date = date(2011, 10, 3)) -> Doorloop:
    leerling = _leerling(k, f"leerling_{sleutel}", school=k.so_school)
    zaak = tl.toelatingszaak_start(
        door=k.gebruikers["ouder"], school=k.school, leerling=leerling, verzoek_op=verzoek_op
    )
    loop = _doorloop(k, zaak)
    if tot != "1":
        loop.tot(tot)
    k.zaken[sleutel] = loop.zaak
    return loop


def _toelating(k: Kant) -> None:
    g = k.gebruikers
    ib = g["intern_begeleider"]
    # fase 1 met de gegevens van fase 1 (volgende fase kan), ook voor intrekken
    loop = _zaak(k, "z1", "1", verzoek_op=date(2012, 3, 1))
    loop._vastleggen(ib, uitnodiging_verstuurd_op=date(2012, 3, 2))
    loop._vastleggen(ib, gesprek_gepland_op=date(2012, 3, 9))
    k.zaken["z1"] = loop.zaak
    # fase 4 met een openstaand informatieverzoek
    loop = _zaak(k, "z4", "4")
    tl.informatieverzoek_registreer(
        door=ib, zaak=loop.zaak, versie=loop.v, instantie=Instantie.CVI,
        verzocht_op=date(2011, 10, 20),
    )  # fmt: skip
    loop.zaak.refresh_from_db()
    k.zaken["z4"] = loop.zaak
    k.zaken["verzoek"] = loop.zaak.informatieverzoeken.get(ontvangen_op__isnull=True)
    _zaak(k, "z5", "5")
    _zaak(k, "z6", "6")
    _zaak(k, "z8", "8")
    loop = _zaak(k, "z10b", "8")
    loop.tot("10b")
    k.zaken["z10b"] = loop.zaak
    # fase 11a zonder overeenkomst (opstellen), en met een overeenkomst in concept
    _zaak(k, "z11a", "11a")
    loop = _zaak(k, "z11a_ovk", "11a")
    k.zaken["overeenkomst_concept"] = hp.overeenkomst_opstellen(
        door=ib, zaak=loop.zaak, groep=3, looptijd_van=date(2012, 1, 9),
        looptijd_tot=date(2012, 7, 31), inzet_budget="Onderwijsassistent 8 uur per week.",
        verplichtingen="School: handelingsplan per periode; ouders: begeleiding thuis.",
    )  # fmt: skip
    consulent = tl.onderwijsconsulent_aanvragen(
        door=g["ouder"], zaak=loop.zaak, versie=loop.v, aangevraagd_op=date(2012, 3, 1),
        vraag="Past de overeenkomst bij wat ons kind nodig heeft?",
    )  # fmt: skip
    k.zaken["consulent"] = consulent
    loop.zaak.refresh_from_db()
    k.zaken["z11a_ovk"] = loop.zaak
    # fase 13 zonder plan (opstellen), met een plan in concept, en ter instemming
    _zaak(k, "z13", "13")
    loop = _zaak(k, "z13_concept", "13")
    k.zaken["plan_concept"] = loop.handelingsplan(tot="concept")
    loop = _zaak(k, "z13_instemming", "13")
    k.zaken["plan_ter_instemming"] = loop.handelingsplan(tot="ter_instemming")
    # toegelaten, met een vastgesteld plan en zijn evaluaties
    loop = _zaak(k, "z_toegelaten", "14")
    leerling = k.leerlingen["leerling_z_toegelaten"]
    inschrijving_beeindig(
        door=k.directie_so, inschrijving=leerling.inschrijvingen.get(), tot=date(2012, 1, 8)
    )
    inschrijving_maak(
        door=g["directie"], leerling=leerling, school=k.school, van=date(2012, 1, 9), groep=3
    )
    loop.tot("toegelaten")
    k.zaken["z_toegelaten"] = loop.zaak
    plan = loop.zaak.handelingsplannen.get()
    k.zaken["plan_vastgesteld"] = plan
    k.zaken["evaluatie"] = plan.evaluaties.order_by("uiterlijk", "id").first()
    # gastleerlingschappen: één om te tekenen, één die loopt
    for sleutel, tekenen in (("gast_concept", False), ("gast_lopend", True)):
        leerling = _leerling(k, f"leerling_{sleutel}", school=k.so_school)
        gast = tl.gastleerlingschap_maak(
            door=g["ouder"], school=k.school, rec_school=k.so_school, leerling=leerling,
            begin=date(2012, 2, 1), einde=date(2012, 5, 31),
            afspraken="Twee ochtenden per week in groep 3; vervoer door de ouders.",
        )  # fmt: skip
        if tekenen:
            for partij, door in (
                ("ouders", g["ouder"]),
                ("rec_school", k.directie_so),
                ("school", g["directie"]),
            ):
                gast.refresh_from_db()
                gast = tl.gastleerlingschap_ondertekenen(
                    door=door, zaak=gast, versie=gast.versie, partij=partij,
                    getekend_op=date(2012, 1, 30),
                )  # fmt: skip
        k.zaken[sleutel] = gast


# --- meldingen, begeleidingen en geld ----------------------------------------------------------


def _melding_en_begeleiding(k: Kant, cfi_medewerker: Gebruiker) -> None:
    g = k.gebruikers
    # kind: indicatie (zml), geaccepteerde melding, open zml-aanvraag, open terugmelding
    # (wijziging), lopende RAB met de ambulant begeleider, een besteding.
    kind = _leerling(k, "kind")
    indicatie = _aanvraag(k, kind, tot="positief")
    assert isinstance(indicatie, Indicatie)
    k.zaken["indicatie"] = indicatie
    k.zaken["aanvraag_positief"] = indicatie.aanvraag
    melding = meld.melding_indienen(
        door=g["directie"], leerling=kind, school=k.school,
        gegevens=_formulier(indicatie, k.ab_dienst), meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    melding = meld.melding_accepteren(door=cfi_medewerker, melding=melding, versie=melding.versie)
    k.zaken["melding"] = melding
    k.zaken["zml"] = meld.zml_aanvraag_indienen(
        door=g["directie"], melding=melding, groep_3_per=date(2011, 8, 22)
    )
    k.zaken["terugmelding"] = meld.terugmelding_indienen(
        door=g["directie"], melding=melding, soort="wijziging", datum=date(2012, 3, 1),
        wijzigingen={"groep": 6},
    )  # fmt: skip
    rab = ab.begeleiding_aanvragen_rab(
        door=g["intern_begeleider"], leerling=kind, ab_dienst=k.ab_dienst, op=date(2011, 9, 12)
    )
    rab = ab.begeleiding_starten(
        door=g["ab_coordinator"], begeleiding=rab, versie=rab.versie, op=date(2011, 9, 19),
        begeleider=g["ambulant_begeleider"],
    )  # fmt: skip
    k.zaken["rab_lopend"] = rab
    k.zaken["besteding"] = geld.besteding_vastleggen(
        door=g["directie"], leerling=kind, schooljaar="2011-2012", soort="klassenassistent",
        omschrijving="Klassenassistent vier uur per week", bedrag="1200.00",
        ouders_akkoord_op=date(2011, 9, 20),
        reden_overschrijding="voorgeschoten uit eigen middelen tot de eerste betaling",
    )  # fmt: skip

    # kind2: indicatie en geaccepteerde melding zonder vervolg (terugmelding, zml-aanvraag,
    # terugplaatsing indienen), en een aangevraagde RAB (toewijzen, starten, afwijzen)
    kind2 = _leerling(k, "kind2", groep=2)
    indicatie2 = _aanvraag(k, kind2, tot="positief")
    assert isinstance(indicatie2, Indicatie)
    formulier = {**_formulier(indicatie2, k.ab_dienst), "groep": 2}
    melding2 = meld.melding_indienen(
        door=g["directie"], leerling=kind2, school=k.school, gegevens=formulier,
        meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    k.zaken["melding2"] = meld.melding_accepteren(
        door=cfi_medewerker, melding=melding2, versie=melding2.versie
    )
    k.zaken["rab_aangevraagd"] = ab.begeleiding_aanvragen_rab(
        door=g["intern_begeleider"], leerling=kind2, ab_dienst=k.ab_dienst, op=date(2012, 3, 1)
    )

    # kind5: geaccepteerde melding met een toegekende zml-aanvraag (terugplaatsing groep 2)
    kind5 = _leerling(k, "kind5", groep=3)
    indicatie5 = _aanvraag(k, kind5, tot="positief")
    assert isinstance(indicatie5, Indicatie)
    melding5 = meld.melding_indienen(
        door=g["directie"], leerling=kind5, school=k.school,
        gegevens={**_formulier(indicatie5, k.ab_dienst), "groep": 3},
        meldingsdatum=date(2011, 9, 5),
    )  # fmt: skip
    melding5 = meld.melding_accepteren(door=cfi_medewerker, melding=melding5, versie=1)
    zml5 = meld.zml_aanvraag_indienen(
        door=g["directie"], melding=melding5, groep_3_per=date(2011, 8, 22)
    )
    meld.zml_aanvraag_toekennen(door=cfi_medewerker, aanvraag=zml5, versie=zml5.versie)
    k.zaken["melding_zml"] = melding5

    # kind3: een ingediende melding (accepteren, weigeren)
    kind3 = _leerling(k, "kind3")
    indicatie3 = _aanvraag(k, kind3, tot="positief")
    assert isinstance(indicatie3, Indicatie)
    k.zaken["melding_ingediend"] = meld.melding_indienen(
        door=g["directie"], leerling=kind3, school=k.school,
        gegevens=_formulier(indicatie3, k.ab_dienst), meldingsdatum=date(2012, 3, 5),
    )  # fmt: skip

    # kind4: een indicatie zonder melding (een melding indienen)
    kind4 = _leerling(k, "kind4")
    indicatie4 = _aanvraag(k, kind4, tot="positief")
    k.zaken["indicatie4"] = indicatie4

    # aanvragen in behandeling; een leerling zonder iets (nieuwe aanvraag, PAB)
    k.zaken["aanvraag_ingediend"] = _aanvraag(k, _leerling(k, "aanvrager"), tot="ingediend")
    k.zaken["aanvraag_volledig"] = _aanvraag(k, _leerling(k, "volledig"), tot="volledig")
    _leerling(k, "nieuw")
    # overstapper: van de so-school (inschrijving beëindigd), aangemeld bij de basisschool,
    # die haar nu kan inschrijven
    overstapper = _leerling(k, "overstapper", school=k.so_school)
    inschrijving_beeindig(
        door=k.directie_so, inschrijving=overstapper.inschrijvingen.get(), tot=date(2012, 3, 16)
    )
    tl.toelatingszaak_start(
        door=g["ouder"], school=k.school, leerling=overstapper, verzoek_op=date(2012, 3, 1)
    )

    # REC: telling en formatie, zodat bekostiging en formatiegarantie te berekenen zijn
    geld.rec_telling_vastleggen(
        door=g["cvi_secretaris"], rec=k.rec, schooljaar="2003-2004", leerlingen=400,
        ambulant_begeleid=120,
    )  # fmt: skip
    geld.formatie_vastleggen(
        door=g["cvi_secretaris"], rec=k.rec, school=k.so_school, schooljaar="2004-2005",
        basis_fre=Decimal("20"), huidig_fre=Decimal("12"),
    )  # fmt: skip
    # De formatiegarantie geldt alleen in 2003-2004 en 2004-2005 (I-28).
    k.zaken["garantie"] = geld.formatiegarantie_berekenen(rec=k.rec, schooljaar=Schooljaar(2004))


def _rec_administratie(k: Kant, nummer: int) -> None:
    """De (v)so-administratie van het REC: onderwijssoort van de so-school, een tweede
    (vso-)school zonder onderwijssoort, vestigingen, verzoeken om residentiële plaatsen en
    een aanmelding bij de so-school."""
    from rugzak.rec import services as rec

    sec = k.gebruikers["cvi_secretaris"]
    directie_so = k.directie_so
    k.zaken["vso_school"] = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam=f"VSO-school {k.naam.upper()}",
        brin=f"{nummer}{nummer}V{k.naam.upper()}",
        schoolsoort="vso",
        bestuur=k.bestuur,
        rec=k.rec,
    )
    k.zaken["so_zonder_profiel"] = organisatie_maak(
        soort=Organisatiesoort.SCHOOL,
        naam=f"SO-school {k.naam.upper()} nieuw",
        brin=f"{nummer}{nummer}N{k.naam.upper()}",
        schoolsoort="so",
        bestuur=k.bestuur,
        rec=k.rec,
    )
    # de staf van de so-school werkt ook op de vso-school (één scholengemeenschap)
    for rol, g in k.so_gebruikers.items():
        rol_toeken(gebruiker=g, rol=rol, organisatie=k.vso_school, van=date(2003, 8, 1))
    rec.vso_profiel_vastleggen(door=sec, school=k.so_school, onderwijssoort="zml")
    rec.vso_profiel_vastleggen(door=sec, school=k.vso_school, onderwijssoort="lg")
    k.zaken["hoofdvestiging"] = rec.hoofdvestiging_vastleggen(
        door=directie_so, school=k.so_school, naam=f"SO {k.naam.upper()}", gemeente="Ede"
    )
    k.zaken["neven_voorgesteld"] = rec.nevenvestiging_voorstellen(
        door=directie_so, school=k.so_school, naam=f"SO {k.naam.upper()} Oost", gemeente="Epe"
    )
    neven = rec.nevenvestiging_voorstellen(
        door=directie_so, school=k.so_school, naam=f"SO {k.naam.upper()} West", gemeente="Putten"
    )
    for partij in ("scholen_rec", "aanpalende_recs", "gemeente"):
        neven = rec.vestiging_instemming_vastleggen(
            door=sec, vestiging=neven, versie=neven.versie, partij=partij, op=date(2012, 1, 10)
        )
    k.zaken["neven_ingestemd"] = neven
    # residentiële plaatsen op de vso-school (de so-school laat verbreed toe; dat gaat
    # niet samen, 004)
    volgend_jaar = {
        **VERZOEK_VOLLEDIG,
        "leerlingen_uit_instelling": {
            "2007-2008": 15,
            "2008-2009": 17,
            "2009-2010": 18,
            "2010-2011": 19,
            "2011-2012": 20,
        },
    }
    k.zaken["verzoek_concept"] = rec.residentieel_verzoek_aanmaken(
        door=directie_so, school=k.vso_school, schooljaar="2012-2013", onderwijssoort="lg",
        **volgend_jaar,
    )  # fmt: skip
    verzoek = rec.residentieel_verzoek_aanmaken(
        door=directie_so, school=k.vso_school, schooljaar="2011-2012", onderwijssoort="lg",
        **VERZOEK_VOLLEDIG,
    )  # fmt: skip
    k.zaken["verzoek_ingediend"] = rec.residentieel_verzoek_indienen(
        door=directie_so, verzoek=verzoek, versie=verzoek.versie
    )
    # een leerling met een indicatie voor een onderwijssoort die de so-school niet verzorgt
    kind6 = _leerling(k, "kind6")
    _aanvraag(k, kind6, tot="positief", onderwijssoort="lg")
    k.zaken["aanmelding_lg"] = rec.vso_aanmelding_registreren(
        door=k.gebruikers["ouder"], leerling=kind6, school=k.so_school,
        gewenste_startdatum=date(2012, 4, 1),
    )  # fmt: skip
    k.zaken["aanmelding"] = rec.vso_aanmelding_registreren(
        door=k.gebruikers["ouder"], leerling=k.leerlingen["kind4"], school=k.so_school,
        gewenste_startdatum=date(2012, 4, 1),
    )  # fmt: skip


def bouw_rechtenwereld() -> Rechtenwereld:
    """De hele wereld, via de services (duurt enkele seconden)."""
    cfi = organisatie_maak(soort=Organisatiesoort.BEKOSTIGINGSINSTANTIE, naam="CFI")
    medewerker = gebruiker("bekostiging", Roltype.BEKOSTIGINGSMEDEWERKER, cfi)
    kanten = {}
    for nummer, naam in ((1, "a"), (2, "b")):
        k = _kant(naam, nummer)
        _toelating(k)
        _melding_en_begeleiding(k, medewerker)
        _rec_administratie(k, nummer)
        kanten[naam] = k
    run = geld.betaalrun_uitvoeren(door=medewerker, maand=Maand(2012, 2))
    analist = gebruiker("analist", Roltype.BELEIDSANALIST, cfi)
    scenario = scenario_aanvragen(
        door=analist, inhoud=AB_MIN_10.read_text(encoding="utf-8"), schooljaar="2011-2012",
        wachtrij=False,
    )  # fmt: skip
    scenario = scenario_verwerken(publiek_id=scenario.publiek_id)
    wereld = Rechtenwereld(
        a=kanten["a"], b=kanten["b"], cfi=cfi, bekostigingsmedewerker=medewerker, run=run,
        beleidsanalist=analist,
    )  # fmt: skip
    for k in (wereld.a, wereld.b):
        k.zaken["run"] = run  # landelijk: één run voor beide kanten
        k.zaken["scenario"] = scenario  # landelijk, zoals de run
        for sleutel, obj in list(k.zaken.items()):
            if hasattr(obj, "refresh_from_db") and getattr(obj, "pk", None):
                k.zaken[sleutel] = type(obj).objects.get(pk=obj.pk)
    return wereld


def rechtenwereld_in_transactie(django_db_blocker: Any) -> Iterator[Rechtenwereld]:
    """Voor een fixture met ``scope="module"``: bouw de wereld één keer, op de vaste
    peildatum van de tests, in een transactie die na de module wordt teruggedraaid. Elke
    test draait daarbinnen in zijn eigen savepoint (de gewone ``db``-fixture)."""
    from tests.app.conftest import PEILDATUM

    with django_db_blocker.unblock(), override_settings(RUGZAK_VANDAAG=PEILDATUM):
        blok = transaction.atomic()
        blok.__enter__()
        try:
            yield bouw_rechtenwereld()
        finally:
            transaction.set_rollback(True)
            blok.__exit__(None, None, None)
