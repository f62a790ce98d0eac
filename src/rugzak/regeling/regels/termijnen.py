"""De termijnen van de leerlinggebonden financiering als kalenderdata.

Elke termijn telt een duur uit de regelingsbestanden (met expliciete eenheid) op bij
een begindatum en geeft een :class:`Termijn`: uiterste datum, grondslag en uitleg.
"Vandaag" is altijd een argument; :func:`status` leest geen klok.

>>> from rugzak.regeling.laden import standaard_regeling
>>> handelingsplan(standaard_regeling(), date(2012, 1, 31)).uiterlijk
datetime.date(2012, 2, 29)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer
from rugzak.regeling.parameters import Parameterwaarde, Regeling
from rugzak.regeling.regels.looptijd import lgf_einde
from rugzak.regeling.schema import DUUR_EENHEDEN
from rugzak.regeling.tijd import Maand, Schooljaar, plus_jaren, plus_maanden
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

#: Hoeveel dagen vóór de uiterste datum een termijn "bijna verlopen" heet (grens
#: inbegrepen). Geen waarde uit de bronnen, maar een signaleringsgrens van rugzak.
SIGNALERING_DAGEN = 14

#: De eindevaluatie staat in de modelovereenkomst zonder maand (002, bijlage 2; I-21).
BRON_EINDEVALUATIE = Bron(
    "002",
    "bijlage 2 (overeenkomst school-ouders), punt over de evaluatie aan het eind van elk jaar",
)
#: De aanmelding waarop de weigeringstermijn begint (002, fase 2; I-20).
BRON_AANMELDING = Bron("002", "fase 2 (toelichting toelatingsprotocol)")

_ENKELVOUD = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}


@dataclass(frozen=True, slots=True)
class Duur:
    """Een duur met expliciete eenheid; weken zijn 7 dagen, maanden en jaren zijn
    kalendermaanden met afkapping op de laatste dag van de maand (I-12).

    >>> Duur(1, "maanden").na(date(2011, 1, 31))
    datetime.date(2011, 2, 28)
    """

    aantal: int
    eenheid: str

    def __post_init__(self) -> None:
        if self.eenheid not in DUUR_EENHEDEN:
            raise OngeldigeInvoer(
                "eenheid",
                self.eenheid,
                toegestaan=DUUR_EENHEDEN,
                reden="een duur noemt altijd zijn eenheid; nooit stilzwijgend dagen",
            )
        if isinstance(self.aantal, bool) or not isinstance(self.aantal, int) or self.aantal < 0:
            raise OngeldigeInvoer("aantal", self.aantal, reden="een duur is een geheel getal >= 0")

    @classmethod
    def uit(cls, waarde: Parameterwaarde) -> Duur:
        """De duur die een parameterwaarde uit de regeling beschrijft."""
        if waarde.eenheid not in DUUR_EENHEDEN:
            raise OngeldigeInvoer(
                f"{waarde.naam}.eenheid",
                waarde.eenheid,
                toegestaan=DUUR_EENHEDEN,
                reden=f"onbekende eenheid voor een duur ({waarde.bron.citeer()})",
            )
        return cls(_geheel(waarde), waarde.eenheid)

    def na(self, dag: date) -> date:
        """De datum die deze duur na ``dag`` valt."""
        if self.eenheid == "dagen":
            return dag + timedelta(days=self.aantal)
        if self.eenheid == "weken":
            return dag + timedelta(days=7 * self.aantal)
        if self.eenheid == "maanden":
            return plus_maanden(dag, self.aantal)
        if self.eenheid == "jaren":
            return plus_jaren(dag, self.aantal)
        raise OngeldigeInvoer("eenheid", self.eenheid, toegestaan=DUUR_EENHEDEN)  # pragma: no cover

    def is_afgekapt(self, dag: date) -> bool:
        """Of :meth:`na` voor ``dag`` op de laatste dag van een kortere maand uitkwam (I-12)."""
        return self.eenheid in ("maanden", "jaren") and self.na(dag).day != dag.day

    def __str__(self) -> str:
        return f"{self.aantal} {_ENKELVOUD[self.eenheid] if self.aantal == 1 else self.eenheid}"


def _geheel(waarde: Parameterwaarde) -> int:
    w = waarde.waarde
    if isinstance(w, bool) or not isinstance(w, int):
        raise OngeldigeInvoer(
            waarde.naam, w, reden=f"verwacht een geheel aantal ({waarde.bron.citeer()})"
        )
    return w


class Termijnstatus(StrEnum):
    """Hoe een termijn ervoor staat op een gegeven dag."""

    LOPEND = "lopend"
    BIJNA_VERLOPEN = "bijna verlopen"
    VERLOPEN = "verlopen"
    VOLDAAN = "voldaan"
    TE_LAAT_VOLDAAN = "te laat voldaan"


@dataclass(frozen=True, slots=True)
class Termijn:
    """Een termijn als kalenderdatum: wat er uiterlijk wanneer moet, vanaf welke dag,
    op welke grondslag, en waarom."""

    regel: str
    omschrijving: str
    begin: date
    uiterlijk: date
    grondslag: tuple[Bron, ...]
    uitleg: Uitleg

    @property
    def interpretaties(self) -> tuple[str, ...]:
        return self.uitleg.interpretaties()

    def als_dict(self) -> dict[str, object]:
        return {
            "regel": self.regel,
            "omschrijving": self.omschrijving,
            "begin": self.begin.isoformat(),
            "uiterlijk": self.uiterlijk.isoformat(),
            "grondslag": [b.als_dict() for b in self.grondslag],
            "interpretaties": list(self.interpretaties),
            "uitleg": self.uitleg.als_dict(),
        }


def _na_lgf(regeling: Regeling, termijn: Termijn) -> Termijn:
    """Een termijn die na het einde van LGF afloopt, blijft staan (het is een termijn van
    de procedure), maar de uitleg zegt dat LGF dan geëindigd is (interpretatie I-70)."""
    einde = lgf_einde(regeling)
    if not einde.voorbij(termijn.uiterlijk):
        return termijn
    stap = einde.stap(
        wat=f"Deze termijn loopt tot {termijn.uiterlijk.isoformat()}, na dat einde; wat er "
        "dan nog besloten of gemeld wordt, levert geen leerlinggebonden financiering meer op.",
        uitkomst=f"termijn na het einde van LGF ({einde.laatste_dag.isoformat()})",
    )
    return replace(termijn, uitleg=termijn.uitleg.met(stap))


def _afkapping(duur: Duur, dag: date) -> tuple[str, tuple[str, ...]]:
    if duur.is_afgekapt(dag):
        return " (die dag bestaat niet: laatste dag van de maand)", ("I-12",)
    return "", ()


def _duurstap(
    regel: str, omschrijving: str, waarde: Parameterwaarde, begin: date, **invoerwaarden: object
) -> tuple[date, Stap]:
    """Tel de duur uit ``waarde`` op bij ``begin`` en leg dat vast als uitlegstap."""
    duur = Duur.uit(waarde)
    uiterlijk = duur.na(begin)
    noot, interpretaties = _afkapping(duur, begin)
    stap = Stap(
        regel=regel,
        omschrijving=omschrijving,
        uitkomst=f"{begin.isoformat()} + {duur} = {uiterlijk.isoformat()}{noot}",
        grondslag=(waarde.bron,),
        invoer=invoer(**invoerwaarden),
        gelezen=(waarde.gelezen(),),
        interpretaties=interpretaties,
    )
    return uiterlijk, stap


def cvi_beslissing(regeling: Regeling, volledig: date, *, verlengingen: int = 0) -> Termijn:
    """Uiterste datum voor de beslissing van de CvI: acht weken na het volledige dossier,
    hoogstens één keer met acht weken te verlengen (000, 'Aanvragen van het rugzakje')."""
    if isinstance(verlengingen, bool) or verlengingen < 0:
        raise OngeldigeInvoer(
            "verlengingen", verlengingen, reden="het aantal verlengingen is 0 of meer"
        )
    basis = regeling.zoek("termijn.cvi_beslissing", volledig)
    uiterlijk, stap = _duurstap(
        "termijn.cvi_beslissing",
        "Beslistermijn van de CvI, vanaf de dag dat het dossier volledig is",
        basis,
        volledig,
        dossier_volledig=volledig.isoformat(),
    )
    stappen = [stap]
    if verlengingen:
        maximum = regeling.zoek("termijn.cvi_max_verlengingen", volledig)
        toegestaan = _geheel(maximum)
        if verlengingen > toegestaan:
            raise NietToegestaan(
                f"de beslistermijn van de CvI mag hoogstens {toegestaan} keer verlengd worden; "
                f"gevraagd: {verlengingen} verlengingen",
                bron=maximum.bron.citeer(),
            )
        verlenging = regeling.zoek("termijn.cvi_verlenging", volledig)
        for nr in range(1, verlengingen + 1):
            vorige = uiterlijk
            uiterlijk, stap = _duurstap(
                "termijn.cvi_verlenging",
                f"Verlenging {nr} van {toegestaan} toegestane van de beslistermijn",
                verlenging,
                vorige,
                vorige_uiterste_datum=vorige.isoformat(),
                verlenging=nr,
            )
            stappen.append(replace(stap, gelezen=(*stap.gelezen, maximum.gelezen())))
    return _na_lgf(
        regeling,
        Termijn(
            regel="termijn.cvi_beslissing",
            omschrijving="beslissing van de Commissie van Indicatiestelling",
            begin=volledig,
            uiterlijk=uiterlijk,
            grondslag=(basis.bron,),
            uitleg=Uitleg("uiterste datum beslissing CvI", tuple(stappen)),
        ),
    )


def weigering_toelating(regeling: Regeling, aanmelding: date) -> Termijn:
    """Uiterste datum voor een besluit tot niet-toelating: acht weken (002, fase 11
    traject b), geteld vanaf de schriftelijke aanmelding door de ouders (002, fase 2; I-20)."""
    waarde = regeling.zoek("termijn.weigering_toelating", aanmelding)
    uiterlijk, stap = _duurstap(
        "termijn.weigering_toelating",
        "Termijn voor een besluit tot niet-toelating, vanaf de schriftelijke aanmelding",
        waarde,
        aanmelding,
        schriftelijke_aanmelding=aanmelding.isoformat(),
    )
    stap = replace(stap, grondslag=(*stap.grondslag, BRON_AANMELDING), interpretaties=("I-20",))
    return _na_lgf(
        regeling,
        Termijn(
            regel="termijn.weigering_toelating",
            omschrijving="besluit tot niet-toelating",
            begin=aanmelding,
            uiterlijk=uiterlijk,
            grondslag=(waarde.bron, BRON_AANMELDING),
            uitleg=Uitleg("uiterste datum besluit tot niet-toelating", (stap,)),
        ),
    )


def handelingsplan(regeling: Regeling, plaatsing: date) -> Termijn:
    """Uiterste datum waarop het handelingsplan gereed is: een maand na plaatsing
    (002, fase 13), in kalendermaanden met afkapping op de laatste dag (I-12)."""
    waarde = regeling.zoek("termijn.handelingsplan", plaatsing)
    uiterlijk, stap = _duurstap(
        "termijn.handelingsplan",
        "Handelingsplan gereed binnen de termijn na plaatsing",
        waarde,
        plaatsing,
        plaatsing=plaatsing.isoformat(),
    )
    return _na_lgf(
        regeling,
        Termijn(
            regel="termijn.handelingsplan",
            omschrijving="handelingsplan gereed",
            begin=plaatsing,
            uiterlijk=uiterlijk,
            grondslag=(waarde.bron,),
            uitleg=Uitleg("uiterste datum handelingsplan", (stap,)),
        ),
    )


_MAANDNAMEN = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def evaluatiemomenten(regeling: Regeling, schooljaar: Schooljaar) -> tuple[Termijn, ...]:
    """De evaluatiemomenten van een schooljaar in datumvolgorde: de maanden uit de
    regeling, elk uiterlijk op de laatste dag, plus de eindevaluatie uiterlijk op
    31 juli (002, bijlage 2; I-21)."""
    waarde = regeling.zoek("termijn.evaluatiemaanden", schooljaar.begin)
    maanden = waarde.waarde
    if not (
        isinstance(maanden, tuple)
        and maanden
        and all(isinstance(m, int) and not isinstance(m, bool) for m in maanden)
    ):
        raise OngeldigeInvoer(
            waarde.naam, maanden, reden=f"verwacht een lijst maandnummers ({waarde.bron.citeer()})"
        )
    per_nummer = {m.maand: m for m in schooljaar.maanden()}
    termijnen: list[Termijn] = []
    for nummer in maanden:
        if nummer not in per_nummer:
            raise OngeldigeInvoer(waarde.naam, nummer, reden="een maandnummer is 1 tot en met 12")
        maand = per_nummer[nummer]
        naam = f"{_MAANDNAMEN[nummer - 1]} {maand.jaar}"
        stap = Stap(
            regel="termijn.evaluatie",
            omschrijving=f"Evaluatiemoment in {naam}, schooljaar {schooljaar}",
            uitkomst=f"uiterlijk de laatste dag van {naam}: {maand.laatste_dag.isoformat()}",
            grondslag=(waarde.bron,),
            invoer=invoer(schooljaar=schooljaar, maand=nummer),
            gelezen=(waarde.gelezen(),),
            interpretaties=("I-21",),
        )
        termijnen.append(
            Termijn(
                regel="termijn.evaluatie",
                omschrijving=f"evaluatie {naam}",
                begin=maand.eerste_dag,
                uiterlijk=maand.laatste_dag,
                grondslag=(waarde.bron,),
                uitleg=Uitleg(f"uiterste datum evaluatie {naam}", (stap,)),
            )
        )
    laatste = Maand.van_datum(schooljaar.einde)
    eind = Stap(
        regel="termijn.eindevaluatie",
        omschrijving=f"Evaluatie aan het eind van schooljaar {schooljaar}",
        uitkomst=f"uiterlijk de laatste dag van het schooljaar: {schooljaar.einde.isoformat()}",
        grondslag=(BRON_EINDEVALUATIE,),
        invoer=invoer(schooljaar=schooljaar),
        interpretaties=("I-21",),
    )
    termijnen.append(
        Termijn(
            regel="termijn.eindevaluatie",
            omschrijving=f"eindevaluatie schooljaar {schooljaar}",
            begin=laatste.eerste_dag,
            uiterlijk=schooljaar.einde,
            grondslag=(BRON_EINDEVALUATIE,),
            uitleg=Uitleg(f"uiterste datum eindevaluatie {schooljaar}", (eind,)),
        )
    )
    return tuple(sorted(termijnen, key=lambda t: (t.uiterlijk, t.regel)))


def evaluatiemomenten_tussen(regeling: Regeling, van: date, tot: date) -> tuple[Termijn, ...]:
    """De evaluatiemomenten binnen de looptijd ``van`` tot en met ``tot`` (van een
    overeenkomst school-ouders), over alle schooljaren die de looptijd raakt: een moment
    telt mee als zijn maand (begin tot en met uiterste datum) in de looptijd valt, ook
    gedeeltelijk. Een moment dat al voorbij is als de looptijd begint, of pas begint na
    haar einde, staat er niet in (002, bijlage 2; I-21, I-160). Schooljaren na het einde
    van LGF tellen niet mee: daarvoor kent de regeling geen evaluatiemomenten (I-70)."""
    if tot < van:
        raise OngeldigeInvoer(
            "looptijd", f"{van.isoformat()} tot en met {tot.isoformat()}",
            reden="het einde ligt vóór het begin",
        )  # fmt: skip
    uit: list[Termijn] = []
    einde_lgf = lgf_einde(regeling)
    schooljaar = Schooljaar.van_datum(van)
    while schooljaar.begin <= tot and not einde_lgf.voorbij(schooljaar.begin):
        for t in evaluatiemomenten(regeling, schooljaar):
            if t.uiterlijk >= van and t.begin <= tot:
                stappen = tuple(
                    replace(s, interpretaties=(*s.interpretaties, "I-160"))
                    for s in t.uitleg.stappen
                )
                uit.append(replace(t, uitleg=Uitleg(t.uitleg.onderwerp, stappen)))
        schooljaar = Schooljaar(schooljaar.beginjaar + 1)
    return tuple(uit)


def terugmelding(regeling: Regeling, uitschrijving: date) -> Termijn:
    """Uiterste datum voor het terugmeldingsformulier: zes weken na uitschrijving en in
    elk geval vóór het einde van het schooljaar, de vroegste van beide (004,
    'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'; I-19)."""
    waarde = regeling.zoek("termijn.terugmelding", uitschrijving)
    na_termijn, stap = _duurstap(
        "termijn.terugmelding",
        "Termijn voor het terugmeldingsformulier, vanaf de uitschrijving",
        waarde,
        uitschrijving,
        uitschrijving=uitschrijving.isoformat(),
    )
    schooljaar = Schooljaar.van_datum(uitschrijving)
    uiterlijk = min(na_termijn, schooljaar.einde)
    if uiterlijk < na_termijn:
        uitkomst = (
            f"{schooljaar.einde.isoformat()}: het schooljaar eindigt vóór "
            f"{na_termijn.isoformat()}, dus geldt het einde van het schooljaar"
        )
    else:
        uitkomst = (
            f"{na_termijn.isoformat()}: valt niet na het einde van het schooljaar "
            f"({schooljaar.einde.isoformat()})"
        )
    begrenzing = Stap(
        regel="termijn.terugmelding.schooljaar",
        omschrijving=f"In elk geval vóór het einde van schooljaar {schooljaar}; de vroegste geldt",
        uitkomst=uitkomst,
        grondslag=(waarde.bron,),
        invoer=invoer(schooljaar=schooljaar, einde_schooljaar=schooljaar.einde.isoformat()),
        interpretaties=("I-19",),
    )
    return _na_lgf(
        regeling,
        Termijn(
            regel="termijn.terugmelding",
            omschrijving="terugmeldingsformulier verstuurd",
            begin=uitschrijving,
            uiterlijk=uiterlijk,
            grondslag=(waarde.bron,),
            uitleg=Uitleg("uiterste datum terugmelding", (stap, begrenzing)),
        ),
    )


@dataclass(frozen=True, slots=True)
class Gastleerlinggrenzen:
    """Tussen welke dagen een periode als gastleerling mag eindigen, zonder en met verlenging
    (002, 'Uitgangspunten', laatste punt; I-24)."""

    begin: date
    vroegste_einde: date
    laatste_einde: date
    laatste_einde_verlengd: date
    uitleg: Uitleg

    def als_dict(self) -> dict[str, object]:
        return {
            "begin": self.begin.isoformat(),
            "vroegste_einde": self.vroegste_einde.isoformat(),
            "laatste_einde": self.laatste_einde.isoformat(),
            "laatste_einde_verlengd": self.laatste_einde_verlengd.isoformat(),
            "uitleg": self.uitleg.als_dict(),
        }


def gastleerling_grenzen(regeling: Regeling, begin: date) -> Gastleerlinggrenzen:
    """De toegestane einddagen van een periode als gastleerling die op ``begin`` start: een
    week tot zes maanden, met verlenging hoogstens een jaar vanaf het begin (I-24)."""
    minimum = regeling.zoek("termijn.gastleerling_minimum", begin)
    maximum = regeling.zoek("termijn.gastleerling_maximum", begin)
    verlengd = regeling.zoek("termijn.gastleerling_maximum_verlengd", begin)
    kort, lang, totaal = Duur.uit(minimum), Duur.uit(maximum), Duur.uit(verlengd)
    vroegst, laatst, grens = kort.na(begin), lang.na(begin), totaal.na(begin)
    noot_lang, afgekapt_lang = _afkapping(lang, begin)
    noot_totaal, afgekapt_totaal = _afkapping(totaal, begin)
    stap = Stap(
        regel="termijn.gastleerling.grenzen",
        omschrijving="Toegestane einde van een periode als gastleerling, gerekend vanaf het begin",
        uitkomst=(
            f"einde tussen {vroegst.isoformat()} (begin + {kort}) en {laatst.isoformat()} "
            f"(begin + {lang}{noot_lang}); met verlenging uiterlijk {grens.isoformat()} "
            f"(begin + {totaal}{noot_totaal})"
        ),
        grondslag=(maximum.bron,),
        invoer=invoer(begin=begin.isoformat()),
        gelezen=(minimum.gelezen(), maximum.gelezen(), verlengd.gelezen()),
        interpretaties=tuple(dict.fromkeys(("I-24", *afgekapt_lang, *afgekapt_totaal))),
    )
    return Gastleerlinggrenzen(
        begin, vroegst, laatst, grens, Uitleg("grenzen periode als gastleerling", (stap,))
    )


def gastleerling(
    regeling: Regeling, begin: date, einde: date, verlengd_tot: date | None = None
) -> Termijn:
    """Controleer een periode als gastleerling (een week tot zes maanden, met verlenging
    hoogstens een jaar vanaf het begin) en geef de termijn voor het einde ervan
    (002, 'Uitgangspunten', laatste punt; I-24)."""
    minimum = regeling.zoek("termijn.gastleerling_minimum", begin)
    maximum = regeling.zoek("termijn.gastleerling_maximum", begin)
    kort, lang = Duur.uit(minimum), Duur.uit(maximum)
    vroegst, laatst = kort.na(begin), lang.na(begin)
    if not vroegst <= einde <= laatst:
        raise OngeldigeInvoer(
            "einde",
            einde.isoformat(),
            toegestaan=[f"{vroegst.isoformat()} t/m {laatst.isoformat()}"],
            reden=(
                f"een periode als gastleerling duurt {kort} tot {lang} vanaf het begin "
                f"({begin.isoformat()}) [{maximum.bron.citeer()}]"
            ),
        )
    noot, afgekapt = _afkapping(lang, begin)
    stappen = [
        Stap(
            regel="termijn.gastleerling",
            omschrijving="Periode als gastleerling binnen de toegestane duur",
            uitkomst=(
                f"einde {einde.isoformat()} ligt tussen {vroegst.isoformat()} (begin + {kort}) "
                f"en {laatst.isoformat()} (begin + {lang}{noot}): toegestaan"
            ),
            grondslag=(maximum.bron,),
            invoer=invoer(begin=begin.isoformat(), einde=einde.isoformat()),
            gelezen=(minimum.gelezen(), maximum.gelezen()),
            interpretaties=("I-24", *afgekapt),
        )
    ]
    uiterlijk = einde
    if verlengd_tot is not None:
        verlengd = regeling.zoek("termijn.gastleerling_maximum_verlengd", begin)
        totaal = Duur.uit(verlengd)
        grens = totaal.na(begin)
        if not einde < verlengd_tot <= grens:
            raise OngeldigeInvoer(
                "verlengd_tot",
                verlengd_tot.isoformat(),
                toegestaan=[f"{(einde + timedelta(days=1)).isoformat()} t/m {grens.isoformat()}"],
                reden=(
                    f"een verlenging eindigt na het oorspronkelijke einde ({einde.isoformat()}) "
                    f"en hoogstens {totaal} na het begin ({begin.isoformat()}) "
                    f"[{verlengd.bron.citeer()}]"
                ),
            )
        noot, afgekapt = _afkapping(totaal, begin)
        stappen.append(
            Stap(
                regel="termijn.gastleerling.verlenging",
                omschrijving="Verlenging van de periode als gastleerling, gerekend vanaf het begin",
                uitkomst=(
                    f"verlengd tot {verlengd_tot.isoformat()}: na {einde.isoformat()} en niet "
                    f"na {grens.isoformat()} (begin + {totaal}{noot}): toegestaan"
                ),
                grondslag=(verlengd.bron,),
                invoer=invoer(verlengd_tot=verlengd_tot.isoformat()),
                gelezen=(verlengd.gelezen(),),
                interpretaties=("I-24", *afgekapt),
            )
        )
        uiterlijk = verlengd_tot
    return _na_lgf(
        regeling,
        Termijn(
            regel="termijn.gastleerling",
            omschrijving="einde periode als gastleerling (daarna duidelijkheid over een overstap)",
            begin=begin,
            uiterlijk=uiterlijk,
            grondslag=(maximum.bron,),
            uitleg=Uitleg("einde periode als gastleerling", tuple(stappen)),
        ),
    )


def status(termijn: Termijn, vandaag: date, voldaan_op: date | None = None) -> Termijnstatus:
    """Hoe de termijn er op ``vandaag`` voor staat; "bijna verlopen" geldt vanaf
    :data:`SIGNALERING_DAGEN` dagen vóór de uiterste datum, die dag inbegrepen."""
    if voldaan_op is not None:
        if voldaan_op > vandaag:
            raise OngeldigeInvoer(
                "voldaan_op",
                voldaan_op.isoformat(),
                reden=f"ligt na vandaag ({vandaag.isoformat()}); voldaan ligt nooit in de toekomst",
            )
        if voldaan_op <= termijn.uiterlijk:
            return Termijnstatus.VOLDAAN
        return Termijnstatus.TE_LAAT_VOLDAAN
    if vandaag > termijn.uiterlijk:
        return Termijnstatus.VERLOPEN
    if (termijn.uiterlijk - vandaag).days <= SIGNALERING_DAGEN:
        return Termijnstatus.BIJNA_VERLOPEN
    return Termijnstatus.LOPEND
