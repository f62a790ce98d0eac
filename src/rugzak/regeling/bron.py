"""Bronverwijzingen: elke waarde en elke regel noemt waar hij vandaan komt."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Bron:
    """Een plaats in een brondocument: document, sectie of tabel, en zo nodig rij en kolom.

    >>> Bron("001", "bao-tabel 2011", rij="dove kinderen", kolom="personeel").citeer()
    "001, bao-tabel 2011, rij 'dove kinderen', kolom 'personeel'"
    """

    document: str
    sectie: str
    rij: str | None = None
    kolom: str | None = None

    def __post_init__(self) -> None:
        if self.document not in DOCUMENTEN:
            raise ValueError(
                f"onbekend brondocument {self.document!r}; bekend: {', '.join(DOCUMENTEN)}"
            )
        if not self.sectie.strip():
            raise ValueError("een bron noemt altijd een sectie of tabel")

    @property
    def bestand(self) -> str:
        return BESTANDEN[self.document]

    def citeer(self) -> str:
        tekst = f"{self.document}, {self.sectie}"
        if self.rij:
            tekst += f", rij '{self.rij}'"
        if self.kolom:
            tekst += f", kolom '{self.kolom}'"
        return tekst

    def als_dict(self) -> dict[str, str]:
        d = {"document": self.document, "bestand": self.bestand, "sectie": self.sectie}
        if self.rij:
            d["rij"] = self.rij
        if self.kolom:
            d["kolom"] = self.kolom
        d["citaat"] = self.citeer()
        return d

    def __str__(self) -> str:
        return self.citeer()
