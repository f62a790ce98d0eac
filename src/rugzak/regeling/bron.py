"""Bronverwijzingen: elke waarde en elke regel noemt waar hij vandaan komt.

De vijf brondocumenten in ``shared/seeds`` (000-004) zijn de specificatie. Een
regelingsbestand mag daarnaast een eigen bron verklaren (een :class:`Publicatie`): een
ministeriële regeling in de Staatscourant, een artikel van een bekostigingsbesluit, of
een wat-als-scenario dat zijn eigen bron is (interpretatie I-75). Zo'n bron wordt
geciteerd zoals een brondocument: kenmerk, sectie, rij en kolom.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

#: De vijf brondocumenten in ``shared/seeds`` met een korte titel.
DOCUMENTEN: dict[str, str] = {
    "000": "informatiepagina voor ouders over het rugzakje (na 2014)",
    "001": "forumbericht 2012: 'Wat zit er in de Rugzak?', tarieven per 1 augustus 2011",
    "002": "beleidsplan leerlinggebonden financiering van een schoolbestuur (toelatingsprotocol)",
    "003": "notitie ambulante begeleiding REC cluster 3 (augustus 2009), bedragen 2009-2010",
    "004": "voorlichting van het ministerie over lgf (veelgestelde vragen, 2003)",
}

BESTANDEN: dict[str, str] = {
    "000": "000_700b664f960dbdfd.txt",
    "001": "001_52dd43dc4f8d4bca.txt",
    "002": "002_5293c819b1856912.txt",
    "003": "003_e7ce2dfd7ed241cb.txt",
    "004": "004_6db59bff792905bc.txt",
}

Publicatiesoort = Literal["publicatie", "scenario"]
PUBLICATIESOORTEN: tuple[str, ...] = ("publicatie", "scenario")

#: Een eigen bron-id: kleine letters, cijfers en streepjes, beginnend met een letter
#: (zo kan hij nooit met 000-004 verward worden), bv. ``stcrt-2012-12345``.
PUBLICATIE_ID = re.compile(r"^[a-z][a-z0-9-]{1,62}$")

#: Toegestane kenmerken van een publicatie: Staatscourant, Staatsblad of een BWBR-id.
KENMERKEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Staatscourant, bv. 'Stcrt. 2012, 12345'", re.compile(r"^Stcrt\. (19|20)\d{2}, [1-9]\d*$")),
    ("Staatsblad, bv. 'Stb. 2012, 345'", re.compile(r"^Stb\. (19|20)\d{2}, [1-9]\d*$")),
    ("BWBR-id van wetten.overheid.nl, bv. 'BWBR0004368'", re.compile(r"^BWBR\d{7}$")),
)

_URL = re.compile(r"^https?://[^\s]+$")


def kenmerk_fout(kenmerk: str, soort: str) -> str | None:
    """Waarom ``kenmerk`` niet past bij ``soort``; ``None`` als het in orde is.

    Een publicatie heeft een officieel kenmerk; een scenario een vrije, niet-lege naam.
    """
    if not kenmerk.strip():
        return "'kenmerk' is leeg"
    if soort == "scenario":
        return None
    if any(p.match(kenmerk) for _, p in KENMERKEN):
        return None
    return f"kenmerk {kenmerk!r} is geen officieel kenmerk; toegestaan: " + "; ".join(
        u for u, _ in KENMERKEN
    )


def url_fout(url: str) -> str | None:
    return None if _URL.match(url) else f"url {url!r} begint niet met http:// of https://"


@dataclass(frozen=True, slots=True)
class Publicatie:
    """Een bron buiten de vijf documenten, verklaard in een regelingsbestand.

    ``soort`` is ``"publicatie"`` (een officiële publicatie met kenmerk als
    ``Stcrt. 2012, 12345`` of ``BWBR0004368``) of ``"scenario"`` (een wat-als-regeling
    die haar eigen bron is; het kenmerk is dan een vrije naam).
    """

    id: str
    titel: str
    kenmerk: str
    publicatiedatum: date
    soort: Publicatiesoort = "publicatie"
    url: str | None = None

    def __post_init__(self) -> None:
        if not PUBLICATIE_ID.match(self.id):
            raise ValueError(
                f"bron-id {self.id!r} ongeldig: kleine letters, cijfers en '-', "
                "beginnend met een letter (bv. 'stcrt-2012-12345')"
            )
        if not self.titel.strip():
            raise ValueError("een publicatie heeft een titel")
        fout = kenmerk_fout(self.kenmerk, self.soort)
        if fout:
            raise ValueError(fout)
        if self.url is not None and (fout := url_fout(self.url)):
            raise ValueError(fout)

    def citeer_kop(self) -> str:
        if self.soort == "scenario":
            return f"scenario '{self.titel}' ({self.kenmerk}, {self.publicatiedatum.isoformat()})"
        return f"{self.kenmerk} '{self.titel}'"

    def als_dict(self) -> dict[str, str]:
        d = {
            "id": self.id,
            "titel": self.titel,
            "kenmerk": self.kenmerk,
            "publicatiedatum": self.publicatiedatum.isoformat(),
            "soort": self.soort,
        }
        if self.url:
            d["url"] = self.url
        return d


@dataclass(frozen=True, slots=True)
class Bron:
    """Een plaats in een brondocument: document, sectie of tabel, en zo nodig rij en kolom.

    ``document`` is 000-004, of het id van een :class:`Publicatie` die dan ook in
    ``publicatie`` staat.

    >>> Bron("001", "bao-tabel 2011", rij="dove kinderen", kolom="personeel").citeer()
    "001, bao-tabel 2011, rij 'dove kinderen', kolom 'personeel'"
    """

    document: str
    sectie: str
    rij: str | None = None
    kolom: str | None = None
    publicatie: Publicatie | None = None

    def __post_init__(self) -> None:
        if self.publicatie is None:
            if self.document not in DOCUMENTEN:
                raise ValueError(
                    f"onbekend brondocument {self.document!r}; bekend: {', '.join(DOCUMENTEN)}"
                    " of een in het bestand verklaarde [[bron]]"
                )
        elif self.publicatie.id != self.document:
            raise ValueError(
                f"bron {self.document!r} hoort niet bij publicatie {self.publicatie.id!r}"
            )
        if not self.sectie.strip():
            raise ValueError("een bron noemt altijd een sectie of tabel")

    @property
    def bestand(self) -> str | None:
        """Het bestand in ``shared/seeds``; ``None`` voor een eigen publicatie."""
        return BESTANDEN.get(self.document) if self.publicatie is None else None

    @property
    def is_brondocument(self) -> bool:
        """Of de bron een van de vijf documenten 000-004 is."""
        return self.publicatie is None

    @property
    def documenttitel(self) -> str:
        if self.publicatie is not None:
            return self.publicatie.citeer_kop()
        return DOCUMENTEN[self.document]

    def citeer(self) -> str:
        kop = self.document if self.publicatie is None else self.publicatie.citeer_kop()
        tekst = f"{kop}, {self.sectie}"
        if self.rij:
            tekst += f", rij '{self.rij}'"
        if self.kolom:
            tekst += f", kolom '{self.kolom}'"
        return tekst

    def als_dict(self) -> dict[str, str]:
        d = {"document": self.document, "sectie": self.sectie}
        if self.publicatie is None:
            d["bestand"] = BESTANDEN[self.document]
        else:
            for k, v in self.publicatie.als_dict().items():
                if k != "id":
                    d[k] = v
        if self.rij:
            d["rij"] = self.rij
        if self.kolom:
            d["kolom"] = self.kolom
        d["citaat"] = self.citeer()
        return d

    def __str__(self) -> str:
        return self.citeer()
