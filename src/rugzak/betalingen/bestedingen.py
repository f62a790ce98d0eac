"""Waaraan de rugzak mag worden besteed: de drie onderdelen en wat er niet onder valt.

De rugzak bestaat uit extra formatie (klassenassistent, leerkracht, remedial teacher,
mentor of andere gekwalificeerde medewerker), een vrij te besteden materieel deel
(leermiddelen, handelingsgericht onderzoek) en ambulante begeleiding (000 'Wat kan met het
rugzakje?'; 001 'Wat zit er in de Rugzak?'). Het rugzakje is alleen voor
onderwijsgerelateerde zaken; zorg, zoals hulp bij het naar het toilet gaan, wordt betaald
uit een persoonsgebonden budget (PGB) (000 'Wat kan niet met het rugzakje?').

NB: de regelkern kent (nog) geen regel voor de besteding; dit is een opsomming uit de
bronnen, geen berekening. Zie het verslag bij issue 3.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from rugzak.regeling.begrippen import Budgetdeel


class Onderdeel(models.TextChoices):
    FORMATIE = "formatie", "extra formatie (personele deel)"
    MATERIEEL = "materieel", "leermiddelen en onderzoek (materiële deel)"
    AMBULANTE_BEGELEIDING = "ambulante_begeleiding", "ambulante begeleiding"


class Bestedingssoort(models.TextChoices):
    KLASSENASSISTENT = "klassenassistent", "klassenassistent"
    LEERKRACHTUREN = "leerkrachturen", "extra uren voor de leerkracht"
    REMEDIAL_TEACHER = "remedial_teacher", "remedial teacher"
    ANDERE_MEDEWERKER = "andere_medewerker", "mentor of andere gekwalificeerde medewerker"
    LEERMIDDELEN = "leermiddelen", "aangepaste of speciale leermiddelen"
    HANDELINGSGERICHT_ONDERZOEK = "handelingsgericht_onderzoek", "handelingsgericht onderzoek"
    AMBULANTE_BEGELEIDING = "ambulante_begeleiding", "ambulante begeleiding"
    AB_REISKOSTEN = "ab_reiskosten", "materiële kosten van de ambulante begeleiding (reiskosten)"
    ZORG_TOILET = "zorg_toilet", "zorg: hulp bij het naar het toilet gaan"
    ZORG_VERZORGING = "zorg_verzorging", "zorg: persoonlijke verzorging"
    ZORG_VERPLEGING = "zorg_verpleging", "zorg: verpleegkundige of medische handelingen"


@dataclass(frozen=True, slots=True)
class Bestedingsregel:
    onderdeel: Onderdeel | None  # None: geen onderwijs, niet uit de rugzak
    bron: str


BRON_FORMATIE = (
    "000 'Wat kan met het rugzakje?', eerste punt; 001 'Wat zit er in de Rugzak?', punt 1"
)
BRON_MATERIEEL = (
    "000 'Wat kan met het rugzakje?', laatste punt; 001 'Wat zit er in de Rugzak?', punt 2"
)
BRON_AB = "000 'Wat kan met het rugzakje?', tweede punt; 001 'Wat zit er in de Rugzak?', punt 3"
BRON_ZORG = "000, 'Wat kan niet met het rugzakje?'"

REGELS: dict[str, Bestedingsregel] = {
    Bestedingssoort.KLASSENASSISTENT: Bestedingsregel(Onderdeel.FORMATIE, BRON_FORMATIE),
    Bestedingssoort.LEERKRACHTUREN: Bestedingsregel(Onderdeel.FORMATIE, BRON_FORMATIE),
    Bestedingssoort.REMEDIAL_TEACHER: Bestedingsregel(Onderdeel.FORMATIE, BRON_FORMATIE),
    Bestedingssoort.ANDERE_MEDEWERKER: Bestedingsregel(Onderdeel.FORMATIE, BRON_FORMATIE),
    Bestedingssoort.LEERMIDDELEN: Bestedingsregel(Onderdeel.MATERIEEL, BRON_MATERIEEL),
    Bestedingssoort.HANDELINGSGERICHT_ONDERZOEK: Bestedingsregel(
        Onderdeel.MATERIEEL, BRON_MATERIEEL
    ),
    Bestedingssoort.AMBULANTE_BEGELEIDING: Bestedingsregel(
        Onderdeel.AMBULANTE_BEGELEIDING, BRON_AB
    ),
    Bestedingssoort.AB_REISKOSTEN: Bestedingsregel(Onderdeel.AMBULANTE_BEGELEIDING, BRON_AB),
    Bestedingssoort.ZORG_TOILET: Bestedingsregel(None, BRON_ZORG),
    Bestedingssoort.ZORG_VERZORGING: Bestedingsregel(None, BRON_ZORG),
    Bestedingssoort.ZORG_VERPLEGING: Bestedingsregel(None, BRON_ZORG),
}

PGB_REDEN = (
    "zorg kan niet uit het rugzakje: het rugzakje is alleen bedoeld voor onderwijsgerelateerde "
    "zaken (ondersteuning en begeleiding in het onderwijs). Zorg, zoals hulp bij het naar het "
    "toilet gaan, wordt betaald uit een persoonsgebonden budget (PGB); dat geld kan ook op "
    f"school worden ingezet ({BRON_ZORG})"
)

#: Welk onderdeel een budgetdeel uit het grootboek bekostigt. Het vo en mbo kennen één
#: bedrag voor personeel en materieel samen (001); dat telt voor beide.
ONDERDELEN_VAN_DEEL: dict[str, tuple[Onderdeel, ...]] = {
    Budgetdeel.SCHOOL_PERSONEEL: (Onderdeel.FORMATIE,),
    Budgetdeel.ZML_PERSONEEL: (Onderdeel.FORMATIE,),
    Budgetdeel.SCHOOL_MATERIEEL: (Onderdeel.MATERIEEL,),
    Budgetdeel.ZML_MATERIEEL: (Onderdeel.MATERIEEL,),
    Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL: (Onderdeel.FORMATIE, Onderdeel.MATERIEEL),
    Budgetdeel.AB_PERSONEEL: (Onderdeel.AMBULANTE_BEGELEIDING,),
    Budgetdeel.AB_MATERIEEL: (Onderdeel.AMBULANTE_BEGELEIDING,),
}
