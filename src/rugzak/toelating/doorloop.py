"""Een toelatingszaak via de services door het protocol leiden tot een gewenste toestand.

Voor de demo en de tests: elke stap is een gewone service-aanroep met de juiste rol, dus
met toegang, versiecontrole, geschiedenis en audit. De datums volgen een vast schema
vanaf het verzoek om plaatsing (``start``), in dagen:

====================================  =====
stap                                  dag
====================================  =====
uitnodiging verstuurd (fase 1)        2
gesprek, aanmelding, toestemming (2)  9
team geïnformeerd (3)                 12
informatieverzoeken (4a)              13
informatie over begeleiding (4b)      16
inventarisatie (5)                    24
teambespreking (6)                    30
advies van het team (7)               44
beslissing (8)                        46
advies aan het bestuur (9b)           48
besluit toegelicht (10a)              50
toetsing door het bestuur (10b)       53
besluit tot niet-toelating (11b)      55
overeenkomst (11a)                    54-58
bestuur, MR, inspectie (12)           60
handelingsplan (13)                   plaatsing + 14 (voorgelegd), + 21 (instemming)
overige belanghebbenden (14)          plaatsing + 25
====================================  =====
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.tijd import Schooljaar
from rugzak.toelating import services
from rugzak.toelating.inventarisatie import DOMEINEN
from rugzak.toelating.models import (
    Begeleidingsbron,
    Besluit,
    Bestuursoordeel,
    Instantie,
    Teamadvies,
    Toelatingszaak,
    Toestand,
)

#: De volgorde van de toestanden op elk traject.
TRAJECT_A = (
    "1", "2", "3", "4", "5", "6", "7", "8", "9a", "10a", "11a", "12a", "13", "14", "toegelaten",
)  # fmt: skip
TRAJECT_B = ("1", "2", "3", "4", "5", "6", "7", "8", "9b", "10b", "11b", "12b", "afgewezen")


def voorbeeld_inventarisatie(aard: str = "") -> dict[str, Any]:
    """Een volledig ingevuld schema inventarisatie (002, 4.3)."""
    return {
        "aard_handicap": aard
        or "Syndroom van Down; vertraagde taal- en spraakontwikkeling, snel vermoeid.",
        "basisbehoeften": {
            "autonomie": ["zelfstandig aan- en uitkleden", "zelf een taak kiezen"],
            "competentie": ["aanvankelijk lezen", "rekenen tot 20"],
            "relatie": ["aansluiting bij leeftijdgenoten op het plein"],
        },
        "domeinen": {
            d: {
                "vraag_kind": f"{naam}: structuur en herhaling",
                "mogelijkheden_school": "kleine groep, ervaren leerkracht, onderwijsassistent",
                "grenzen": "geen extra ruimte in de groep na 14.00 uur",
                "externe_ondersteuning": "ambulant begeleider REC, logopedie",
            }
            for d, naam in DOMEINEN.items()
        },
    }


@dataclass
class Doorloop:
    """Leid ``zaak`` door het protocol. ``personen``: directie, ib, bestuurder, ouder."""

    zaak: Toelatingszaak
    directie: Gebruiker
    ib: Gebruiker
    bestuurder: Gebruiker
    ouder: Gebruiker
    start: date
    plaatsingsdatum: date | None = None
    groep: int | None = 3
    leerjaar: int | None = None
    fase67_samen: bool = False
    tweede_bespreking: bool = False
    teamadvies: str = Teamadvies.PLAATSEN
    geen_huidige_school: bool = False
    plan_voorgelegd_op: date | None = None
    plan_instemming_op: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def dag(self, n: int) -> date:
        return self.start + timedelta(days=n)

    @property
    def v(self) -> int:
        self.zaak.refresh_from_db()
        return self.zaak.versie

    def _vastleggen(self, door: Gebruiker, **gegevens: Any) -> None:
        self.zaak = services.toelatingszaak_vastleggen(
            door=door, zaak=self.zaak, versie=self.v, gegevens=gegevens
        )

    def _verder(self, door: Gebruiker | None = None, notitie: str = "") -> None:
        self.zaak = services.toelatingszaak_volgende_fase(
            door=door or self.ib, zaak=self.zaak, versie=self.v, notitie=notitie
        )

    def tot(self, doel: str) -> Toelatingszaak:
        """Voer stappen uit tot de zaak in ``doel`` staat."""
        traject = TRAJECT_B if doel in TRAJECT_B and doel not in TRAJECT_A else TRAJECT_A
        while self.zaak.toestand != doel:
            if self.zaak.toestand not in traject:  # pragma: no cover - verkeerd gebruik
                raise ValueError(f"{doel} ligt niet op de weg vanaf {self.zaak.toestand}")
            self.stap(afwijzen=traject is TRAJECT_B)
        return self.zaak

    def stap(self, *, afwijzen: bool = False) -> None:
        """Eén fase afronden (met de gegevens die erbij horen)."""
        t = self.zaak.toestand
        ib, directie = self.ib, self.directie
        if t == Toestand.F1:
            self._vastleggen(
                ib, uitnodiging_verstuurd_op=self.dag(2), gesprek_gepland_op=self.dag(9)
            )
            self._verder()
        elif t == Toestand.F2:
            self._vastleggen(
                ib,
                gesprek_op=self.dag(9),
                aanmelding_schriftelijk_op=self.dag(9),
                toestemming_derden_op=self.dag(9),
                communicatieafspraken="Wekelijks telefonisch contact met de IB'er; "
                "besluit uiterlijk binnen acht weken, in een gesprek op school.",
                gespreksverslag="Ouders lichtten de ontwikkeling en hun verwachtingen toe; "
                "beleidsplan LGF en toelatingsprocedure besproken.",
            )
            self._verder()
        elif t == Toestand.F3:
            self._vastleggen(ib, team_geinformeerd_op=self.dag(12))
            self._verder()
        elif t == Toestand.F4:
            if self.geen_huidige_school:
                self._vastleggen(ib, geen_huidige_school=True)
            instanties = [Instantie.CVI]
            if not self.geen_huidige_school:
                instanties.append(Instantie.HUIDIGE_SCHOOL)
            instanties.append(Instantie.BEHANDELAAR)
            for instantie in instanties:
                services.informatieverzoek_registreer(
                    door=ib,
                    zaak=self.zaak,
                    versie=self.v,
                    instantie=instantie,
                    verzocht_op=self.dag(13),
                    ontvangen_op=self.dag(20),
                )
            services.begeleidingsinformatie_registreer(
                door=ib,
                zaak=self.zaak,
                versie=self.v,
                bron=Begeleidingsbron.AMBULANT_BEGELEIDER,
                datum=self.dag(16),
                samenvatting="Gesprek met de ambulant begeleider over ervaringen in groep 1-3.",
            )
            self._verder()
        elif t == Toestand.F5:
            self.zaak = services.inventarisatie_vastleggen(
                door=ib,
                zaak=self.zaak,
                versie=self.v,
                schema=voorbeeld_inventarisatie(),
                op=self.dag(24),
            )
            self._verder()
        elif t == Toestand.F6:
            services.teambespreking_registreer(
                door=ib,
                zaak=self.zaak,
                versie=self.v,
                datum=self.dag(30),
                verslag="Mogelijkheden en grenzen per domein besproken; vragen over de "
                "begeleiding op het plein.",
            )
            if self.tweede_bespreking:
                services.teambespreking_registreer(
                    door=ib,
                    zaak=self.zaak,
                    versie=self.v,
                    datum=self.dag(37),
                    verslag="Tweede bespreking met een collega die ervaring heeft met een "
                    "vergelijkbare leerling.",
                    externe_deskundige="IB'er van een basisschool in de regio",
                )
            self._verder()
        elif t == Toestand.F7:
            self._vastleggen(
                ib,
                teamadvies=Teamadvies.NIET_PLAATSEN if afwijzen else self.teamadvies,
                teamadvies_op=self.dag(30) if self.fase67_samen else self.dag(44),
                teamadvies_motivering="Afweging van wat het kind vraagt tegen de mogelijkheden "
                "en grenzen van de school.",
            )
            self._verder()
        elif t == Toestand.F8:
            self.zaak = services.toelatingszaak_beslis(
                door=directie,
                zaak=self.zaak,
                versie=self.v,
                besluit=Besluit.AFWIJZEN if afwijzen else Besluit.TOELATEN,
                besluit_op=self.dag(46),
                motivering="Besluit op grond van het teamadvies en de inventarisatie.",
            )
        elif t == Toestand.F9A:
            self._vastleggen(ib, plaatsingsdatum=self.plaatsingsdatum or self.dag(76))
            self._verder()
        elif t == Toestand.F9B:
            self._vastleggen(
                directie,
                advies_procedure="Protocol fase 1-8 doorlopen; twee teambesprekingen.",
                advies_motieven="De zorg die het kind nodig heeft, gaat ten koste van de zorg "
                "voor de andere leerlingen in een groep van 31.",
                advies_aan_bestuur_op=self.dag(48),
            )
            self._verder(directie)
        elif t == Toestand.F10A:
            self._vastleggen(ib, besluit_toegelicht_op=self.dag(50), aanmelding_gehandhaafd=True)
            self._verder()
        elif t == Toestand.F10B:
            self.zaak = services.toelatingszaak_bestuur_toetst(
                door=self.bestuurder,
                zaak=self.zaak,
                versie=self.v,
                oordeel=Bestuursoordeel.OVERNEMEN,
                getoetst_op=self.dag(53),
                toelichting="Procedure gevolgd volgens het beleidsplan; motieven getoetst.",
            )
        elif t == Toestand.F11A:
            self._overeenkomst()
            self._verder()
        elif t == Toestand.F11B:
            self._vastleggen(
                directie,
                weigering_besluit_op=self.dag(55),
                weigering_redenen="Zie het advies aan het bestuur; samen met ouders en REC "
                "wordt naar alternatieven gezocht.",
                weigering_gesprek_op=self.dag(56),
                wijst_op_bezwaar_beroep=True,
                wijst_op_onderwijsconsulent=True,
            )
            self._verder(directie)
        elif t == Toestand.F12A:
            self._vastleggen(
                ib,
                bestuur_geinformeerd_op=self.dag(60),
                mr_geinformeerd_op=self.dag(60),
                inspectie_geinformeerd_op=self.dag(60),
            )
            self._verder()
        elif t == Toestand.F12B:
            self._vastleggen(
                ib, mr_geinformeerd_op=self.dag(60), inspectie_geinformeerd_op=self.dag(60)
            )
            self._verder()
        elif t == Toestand.F13:
            self.handelingsplan()
            self._verder()
        elif t == Toestand.F14:
            assert self.zaak.plaatsingsdatum is not None
            self._vastleggen(
                ib,
                belanghebbenden_geinformeerd_op=self.zaak.plaatsingsdatum + timedelta(days=25),
                belanghebbenden_toelichting="De kinderen van de groep en hun ouders op een "
                "ouderavond, met de ambulant begeleider.",
            )
            self._verder()
        else:  # pragma: no cover
            raise ValueError(f"geen stap vanuit {t}")

    def _overeenkomst(self) -> None:
        from rugzak.handelingsplannen import services as hp

        assert self.zaak.plaatsingsdatum is not None
        plaatsing = self.zaak.plaatsingsdatum
        overeenkomst = hp.overeenkomst_opstellen(
            door=self.ib,
            zaak=self.zaak,
            groep=self.groep,
            leerjaar=self.leerjaar,
            looptijd_van=plaatsing,
            looptijd_tot=Schooljaar.van_datum(plaatsing + timedelta(days=60)).einde,
            extra_evaluatiemomenten=[plaatsing + timedelta(days=42)],
            verdere_afspraken="Alle relevante verslagen en handelingsplannen worden aan de "
            "school ter beschikking gesteld.",
            inzet_pgb="Verzorging tijdens de lunch uit het PGB, niet uit de rugzak.",
            inzet_budget="Onderwijsassistent 8 uur per week; deel van het budget via de "
            "ambulante begeleiding van het REC.",
            verplichtingen="School: handelingsplan per periode, evaluaties in oktober, januari, "
            "mei en aan het eind van het jaar. Ouders: inspanningsverplichting ter "
            "ondersteuning van de begeleiding thuis.",
        )
        overeenkomst = hp.overeenkomst_ondertekenen_school(
            door=self.directie,
            overeenkomst=overeenkomst,
            versie=overeenkomst.versie,
            getekend_op=self.dag(56),
        )
        hp.overeenkomst_ondertekenen_ouders(
            door=self.ouder,
            overeenkomst=overeenkomst,
            versie=overeenkomst.versie,
            getekend_op=self.dag(58),
        )

    def handelingsplan(self, *, tot: str = "vastgesteld") -> Any:
        """Stel een handelingsplan op en breng het tot ``tot`` (concept, ter_instemming of
        vastgesteld)."""
        from rugzak.handelingsplannen import services as hp

        assert self.zaak.plaatsingsdatum is not None
        plaatsing = self.zaak.plaatsingsdatum
        plan = hp.handelingsplan_opstellen(
            door=self.ib,
            zaak=self.zaak,
            beginsituatie="Leest klankzuivere woorden; rekent tot 10 met materiaal.",
            doelstelling="Eind januari: woorden van vier letters lezen; rekenen tot 20.",
            voorzieningen_en_maatregelen="Instructie aan de instructietafel; dagritmekaarten.",
            inzet_lgf="Onderwijsassistent 8 uur per week; ambulante begeleiding 1 uur per week.",
            monitoring="Evaluatie in oktober, januari en mei en aan het eind van het jaar; "
            "bijstelling na elke evaluatie.",
            ambulant_begeleider_naam="ambulant begeleider van het REC",
            periode_van=plaatsing,
        )
        if tot == "concept":
            return plan
        plan = hp.handelingsplan_voorleggen(
            door=self.ib,
            plan=plan,
            versie=plan.versie,
            voorgelegd_op=self.plan_voorgelegd_op or plaatsing + timedelta(days=14),
        )
        if tot == "ter_instemming":
            return plan
        return hp.handelingsplan_instemming(
            door=self.ouder,
            plan=plan,
            versie=plan.versie,
            besluit="ingestemd",
            op=self.plan_instemming_op or plaatsing + timedelta(days=21),
        )
