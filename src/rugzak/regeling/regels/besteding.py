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
from types import MappingProxyType

from rugzak.regeling.begrippen import Budgetdeel, _Begrip
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

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
