"""Waaraan de school de rugzak mag besteden, en welk deel van het budget dat bekostigt.

De rugzak heeft drie onderdelen (000 'Wat kan met het rugzakje?'; 001 'Wat zit er in de
Rugzak?'):

1. extra formatie: extra uren voor de leerkracht, een remedial teacher, een
   klassenassistent, een mentor of een andere gekwalificeerde medewerker;
2. een vrij te besteden, materieel deel: aangepaste of speciale leermiddelen en
   handelingsgericht onderzoek;
3. ambulante begeleiding, met de materiële kosten daarvan zoals reiskosten van de ambulant
   begeleider; dit deel wordt bij het REC besteed (000).

Het rugzakje is alleen voor onderwijsgerelateerde zaken. Zorg, zoals hulp bij het naar het
toilet gaan, komt uit een persoonsgebonden budget (PGB) (000 'Wat kan niet met het
rugzakje?'); zo'n besteding wordt geweigerd met die reden.

Welke soorten besteding er zijn is een opsomming uit de bronnen, geen tarief: een nieuw
schooljaar verandert haar niet. De app kiest uit :class:`Bestedingssoort` en vraagt
:func:`beoordeel_besteding`; zij herhaalt deze regel nergens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from rugzak.regeling.begrippen import Budgetdeel, _Begrip
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer
from rugzak.regeling.uitleg import Stap, Uitleg, euro, invoer

BRON_FORMATIE = (
    Bron("000", "paragraaf 'Wat kan met het rugzakje?', eerste punt"),
    Bron("001", "paragraaf 'Wat zit er in de Rugzak?', punt 1"),
)
BRON_MATERIEEL = (
    Bron("000", "paragraaf 'Wat kan met het rugzakje?', laatste punt"),
    Bron("001", "paragraaf 'Wat zit er in de Rugzak?', punt 2"),
)
BRON_AB = (
    Bron("000", "paragraaf 'Wat kan met het rugzakje?', tweede punt"),
    Bron("001", "paragraaf 'Wat zit er in de Rugzak?', punt 3"),
)
BRON_ZORG = (Bron("000", "paragraaf 'Wat kan niet met het rugzakje?'"),)


class Onderdeel(_Begrip):
    """De drie onderdelen van de rugzak waaraan een besteding wordt toegerekend."""

    FORMATIE = ("formatie", "extra formatie (personele deel)")
    MATERIEEL = ("materieel", "leermiddelen en onderzoek (materiële deel)")
    AMBULANTE_BEGELEIDING = ("ambulante_begeleiding", "ambulante begeleiding")


class Bestedingssoort(_Begrip):
    """Een soort besteding zoals de bronnen haar noemen, ook de soorten die niet mogen."""

    KLASSENASSISTENT = ("klassenassistent", "klassenassistent")
    LEERKRACHTUREN = ("leerkrachturen", "extra uren voor de leerkracht")
    REMEDIAL_TEACHER = ("remedial_teacher", "remedial teacher")
    ANDERE_MEDEWERKER = ("andere_medewerker", "mentor of andere gekwalificeerde medewerker")
    LEERMIDDELEN = ("leermiddelen", "aangepaste of speciale leermiddelen")
    HANDELINGSGERICHT_ONDERZOEK = ("handelingsgericht_onderzoek", "handelingsgericht onderzoek")
    AMBULANTE_BEGELEIDING = ("ambulante_begeleiding", "ambulante begeleiding")
    AB_REISKOSTEN = (
        "ab_reiskosten",
        "materiële kosten van de ambulante begeleiding (reiskosten)",
    )
    ZORG_TOILET = ("zorg_toilet", "zorg: hulp bij het naar het toilet gaan")
    ZORG_VERZORGING = ("zorg_verzorging", "zorg: persoonlijke verzorging")
    ZORG_VERPLEGING = ("zorg_verpleging", "zorg: verpleegkundige of medische handelingen")


@dataclass(frozen=True, slots=True)
class _Toerekening:
    onderdeel: Onderdeel | None  # None: geen onderwijs, dus niet uit de rugzak
    bronnen: tuple[Bron, ...]


_TOEREKENING: Mapping[Bestedingssoort, _Toerekening] = MappingProxyType(
    {
        Bestedingssoort.KLASSENASSISTENT: _Toerekening(Onderdeel.FORMATIE, BRON_FORMATIE),
        Bestedingssoort.LEERKRACHTUREN: _Toerekening(Onderdeel.FORMATIE, BRON_FORMATIE),
        Bestedingssoort.REMEDIAL_TEACHER: _Toerekening(Onderdeel.FORMATIE, BRON_FORMATIE),
        Bestedingssoort.ANDERE_MEDEWERKER: _Toerekening(Onderdeel.FORMATIE, BRON_FORMATIE),
        Bestedingssoort.LEERMIDDELEN: _Toerekening(Onderdeel.MATERIEEL, BRON_MATERIEEL),
        Bestedingssoort.HANDELINGSGERICHT_ONDERZOEK: _Toerekening(
            Onderdeel.MATERIEEL, BRON_MATERIEEL
        ),
        Bestedingssoort.AMBULANTE_BEGELEIDING: _Toerekening(
            Onderdeel.AMBULANTE_BEGELEIDING, BRON_AB
        ),
        Bestedingssoort.AB_REISKOSTEN: _Toerekening(Onderdeel.AMBULANTE_BEGELEIDING, BRON_AB),
        Bestedingssoort.ZORG_TOILET: _Toerekening(None, BRON_ZORG),
        Bestedingssoort.ZORG_VERZORGING: _Toerekening(None, BRON_ZORG),
        Bestedingssoort.ZORG_VERPLEGING: _Toerekening(None, BRON_ZORG),
    }
)

PGB_REDEN = (
    "zorg kan niet uit het rugzakje: het rugzakje is alleen voor onderwijsgerelateerde zaken "
    "(ondersteuning en begeleiding in het onderwijs). Zorg, zoals hulp bij het naar het "
    "toilet gaan, wordt betaald uit een persoonsgebonden budget (PGB); dat geld kan ook op "
    "school worden ingezet"
)


@dataclass(frozen=True, slots=True)
class Bestedingsbeoordeling:
    """Mag deze besteding uit de rugzak, en zo ja: uit welk onderdeel?"""

    soort: Bestedingssoort
    onderdeel: Onderdeel | None
    redenen: tuple[str, ...]
    uitleg: Uitleg

    @property
    def toegestaan(self) -> bool:
        return self.onderdeel is not None

    def eis(self) -> Onderdeel:
        """Geef het onderdeel, of weiger met de reden en de bron."""
        if self.onderdeel is None:
            bronnen = "; ".join(b.citeer() for b in self.uitleg.bronnen())
            raise NietToegestaan("; ".join(self.redenen), bron=bronnen)
        return self.onderdeel


def beoordeel_besteding(soort: Bestedingssoort | str) -> Bestedingsbeoordeling:
    """Beoordeel een besteding naar haar soort (000, 001).

    Een onbekende code geeft :class:`~rugzak.regeling.fouten.OngeldigeInvoer` met de
    toegestane codes; zorg geeft een weigering met de PGB-reden.
    """
    if not isinstance(soort, Bestedingssoort):
        soort = Bestedingssoort.van_code(soort, veld="soort")
    toerekening = _TOEREKENING[soort]
    if toerekening.onderdeel is None:
        redenen: tuple[str, ...] = (PGB_REDEN,)
        uitkomst = "niet toegestaan: zorg hoort bij een persoonsgebonden budget (PGB)"
    else:
        redenen = ()
        uitkomst = f"toegestaan, uit het onderdeel {toerekening.onderdeel.omschrijving}"
    stap = Stap(
        regel="besteding.soort",
        omschrijving="Uit de rugzak gaat alleen wat het onderwijs dient: extra formatie, "
        "leermiddelen en onderzoek, of ambulante begeleiding; zorg niet.",
        uitkomst=uitkomst,
        invoer=invoer(soort=soort.value),
        grondslag=toerekening.bronnen,
    )
    return Bestedingsbeoordeling(
        soort, toerekening.onderdeel, redenen, Uitleg(f"besteding: {soort.omschrijving}", (stap,))
    )


#: Welk onderdeel een budgetdeel bekostigt. Het vo en mbo kennen één bedrag voor personeel
#: en materieel samen (001-tabellen vo en mbo); dat deel bekostigt beide onderdelen.
ONDERDELEN_VAN_DEEL: Mapping[Budgetdeel, tuple[Onderdeel, ...]] = MappingProxyType(
    {
        Budgetdeel.SCHOOL_PERSONEEL: (Onderdeel.FORMATIE,),
        Budgetdeel.ZML_PERSONEEL: (Onderdeel.FORMATIE,),
        Budgetdeel.SCHOOL_MATERIEEL: (Onderdeel.MATERIEEL,),
        Budgetdeel.ZML_MATERIEEL: (Onderdeel.MATERIEEL,),
        Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL: (Onderdeel.FORMATIE, Onderdeel.MATERIEEL),
        Budgetdeel.AB_PERSONEEL: (Onderdeel.AMBULANTE_BEGELEIDING,),
        Budgetdeel.AB_MATERIEEL: (Onderdeel.AMBULANTE_BEGELEIDING,),
    }
)

#: De sleutel voor het vo/mbo-bedrag dat formatie en materieel samen bekostigt.
FORMATIE_EN_MATERIEEL = "formatie_en_materieel"


def ontvangen_per_onderdeel(centen_per_deel: Mapping[str, int]) -> dict[str, int]:
    """Tel ontvangen bedragen (in centen, per budgetdeel) op per onderdeel van de rugzak.

    Een vo/mbo-bedrag voor personeel en materieel samen telt onder
    :data:`FORMATIE_EN_MATERIEEL`; delen buiten de rugzak (cluster 1) tellen niet mee.
    Elk onderdeel staat in de uitkomst, ook als er niets is ontvangen.
    """
    uitkomst: dict[str, int] = {o.value: 0 for o in Onderdeel}
    for code, centen in centen_per_deel.items():
        deel = Budgetdeel.van_code(code, veld="deel")
        onderdelen = ONDERDELEN_VAN_DEEL.get(deel, ())
        if len(onderdelen) == 1:
            uitkomst[onderdelen[0].value] += centen
        elif onderdelen:
            uitkomst[FORMATIE_EN_MATERIEEL] = uitkomst.get(FORMATIE_EN_MATERIEEL, 0) + centen
    return uitkomst


# --- besteding tegen wat ontvangen is ------------------------------------------------------

BRON_LEERLINGGEBONDEN = Bron("001", "paragraaf 'Leerlinggebonden'")
BRON_BEHEER = Bron("000", "paragraaf 'Wat kan niet met het rugzakje?', derde zin")
BRON_AB_BIJ_REC = Bron("000", "paragraaf 'Wat kan met het rugzakje?', tweede punt")
BRON_BETALING = Bron("001", "paragraaf 'Betaling'")


def _euro_centen(centen: int) -> str:
    return euro(Decimal(centen).scaleb(-2))


@dataclass(frozen=True, slots=True)
class Ontvangsttoets:
    """Past een nieuwe besteding binnen wat de besteder voor dit onderdeel ontving?

    ``ruimte_centen`` is wat er vóór deze besteding nog over was (0 als er al meer besteed
    is), ``overschrijding_centen`` het deel van deze besteding dat daarboven uitkomt. Een
    overschrijding mag alleen met een uitdrukkelijke reden (interpretatie I-56).
    """

    onderdeel: Onderdeel
    bedrag_centen: int
    ontvangen_centen: int
    besteed_centen: int
    ruimte_centen: int
    overschrijding_centen: int
    reden: str
    uitleg: Uitleg

    @property
    def overschrijdt(self) -> bool:
        return self.overschrijding_centen > 0

    @property
    def toegestaan(self) -> bool:
        return not self.overschrijdt or bool(self.reden)

    def eis(self) -> None:
        """Weiger een overschrijding zonder reden, met het bedrag en de bron."""
        if not self.toegestaan:
            bronnen = "; ".join(b.citeer() for b in self.uitleg.bronnen())
            raise NietToegestaan(weigerreden(self), bron=bronnen)


def weigerreden(toets: Ontvangsttoets) -> str:
    """De tekst van de weigering van een overschrijding zonder reden (ook voor de app)."""
    return (
        f"deze besteding van {_euro_centen(toets.bedrag_centen)} komt "
        f"{_euro_centen(toets.overschrijding_centen)} boven wat er voor "
        f"{toets.onderdeel.omschrijving} is ontvangen (ontvangen "
        f"{_euro_centen(toets.ontvangen_centen)}, al besteed "
        f"{_euro_centen(toets.besteed_centen)}, nog over {_euro_centen(toets.ruimte_centen)}); "
        "leg vast waarom er meer wordt besteed (interpretatie I-56)"
    )


def toets_tegen_ontvangen(
    *,
    onderdeel: Onderdeel | str,
    bedrag_centen: int,
    ontvangen_centen: Mapping[str, int],
    besteed_centen: Mapping[str, int],
    reden: str = "",
) -> Ontvangsttoets:
    """Vergelijk een nieuwe besteding met wat de besteder voor deze leerling en dit
    onderdeel ontving (001 'Leerlinggebonden': het geld is voor deze leerling; 000: het
    AB-deel wordt bij het REC besteed, de rest beheert de school).

    ``ontvangen_centen``: per onderdeel (en :data:`FORMATIE_EN_MATERIEEL`) wat het
    grootboek deze besteder in het schooljaar betaalde, zoals :func:`ontvangen_per_onderdeel`
    het telt; ``besteed_centen``: per onderdeel wat al is besteed. Het vo/mbo-bedrag voor
    personeel en materieel samen is één pot voor die twee onderdelen: wat formatie of
    materieel boven het eigen deel besteedt, gaat daar eerst af (I-56).
    """
    if not isinstance(onderdeel, Onderdeel):
        onderdeel = Onderdeel.van_code(onderdeel, veld="onderdeel")
    if bedrag_centen <= 0:
        raise OngeldigeInvoer("bedrag", bedrag_centen, reden="een besteding is meer dan 0")
    for naam, waarden in (("ontvangen", ontvangen_centen), ("besteed", besteed_centen)):
        for code in waarden:
            if code != FORMATIE_EN_MATERIEEL:
                Onderdeel.van_code(code, veld=naam)

    def ontv(o: Onderdeel) -> int:
        return ontvangen_centen.get(o.value, 0)

    def best(o: Onderdeel) -> int:
        return besteed_centen.get(o.value, 0)

    gedeeld = ontvangen_centen.get(FORMATIE_EN_MATERIEEL, 0)
    if onderdeel is Onderdeel.AMBULANTE_BEGELEIDING:
        ontvangen = ontv(onderdeel)
        besteed = best(onderdeel)
        ruimte = max(0, ontvangen - besteed)
    else:
        schooldelen = (Onderdeel.FORMATIE, Onderdeel.MATERIEEL)
        tekort = sum(max(0, best(o) - ontv(o)) for o in schooldelen)
        ontvangen = ontv(onderdeel) + gedeeld
        besteed = best(onderdeel) + (
            max(0, tekort - max(0, best(onderdeel) - ontv(onderdeel))) if gedeeld else 0
        )
        ruimte = max(0, ontv(onderdeel) - best(onderdeel)) + max(0, gedeeld - tekort)
    overschrijding = max(0, bedrag_centen - ruimte)
    reden = reden.strip()
    if not overschrijding:
        uitkomst = "past binnen wat ontvangen is"
    elif reden:
        uitkomst = f"overschrijding van {_euro_centen(overschrijding)}, met reden: {reden}"
    else:
        uitkomst = f"overschrijding van {_euro_centen(overschrijding)} zonder reden: geweigerd"
    stap = Stap(
        regel="besteding.ontvangen",
        omschrijving="Een besteding komt uit wat de besteder voor deze leerling en dit onderdeel "
        "van de rugzak ontving; wie meer besteedt, legt uitdrukkelijk vast waarom.",
        uitkomst=uitkomst,
        invoer=invoer(
            onderdeel=onderdeel.value,
            bedrag=_euro_centen(bedrag_centen),
            ontvangen=_euro_centen(ontvangen),
            al_besteed=_euro_centen(besteed),
            nog_over=_euro_centen(ruimte),
            reden=reden or "-",
        ),
        grondslag=(BRON_LEERLINGGEBONDEN, BRON_BEHEER, BRON_AB_BIJ_REC, BRON_BETALING),
        interpretaties=("I-56",),
    )
    return Ontvangsttoets(
        onderdeel,
        bedrag_centen,
        ontvangen,
        besteed,
        ruimte,
        overschrijding,
        reden,
        Uitleg(f"besteding tegen ontvangen: {onderdeel.omschrijving}", (stap,)),
    )
