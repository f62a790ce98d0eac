"""De leerlingtelling van een (v)so-school op een teldatum (004, 'De leerlingtelling').

Teldata zijn 1 oktober en 16 januari. Ingeschreven leerlingen tellen in drie categorieën
(geïndiceerd sinds 1 augustus 2003 — zonder residentiële plaatsen, met verbreed
toegelaten leerlingen —; 'zittend' op 31 juli 2003 — zonder residentiële plaatsen —; op
residentiële plaatsen), elk naar geboortejaar en geslacht. Ambulant begeleide leerlingen
tellen in vier categorieën, naar de soort school waar ze ingeschreven staan (BO, SBO,
VO). Een school met een nevenvestiging in een andere gemeente telt per vestiging.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

BRON_TELLING = Bron("004", "paragraaf 'De leerlingtelling'")
BRON_RESIDENTIEEL = Bron("004", "paragraaf 'Residentiële plaatsen', slotalinea")

LGF_START = date(2003, 8, 1)
ZITTEND_OP = date(2003, 7, 31)
AB_PEIL = date(2002, 10, 1)


class Categorie(StrEnum):
    """De drie categorieën ingeschreven leerlingen (004)."""

    GEINDICEERD = "geindiceerd sinds 1 augustus 2003"
    ZITTEND = "zittend op 31 juli 2003"
    RESIDENTIEEL = "op residentiële plaatsen"


class AbCategorie(StrEnum):
    """De vier categorieën ambulant begeleide leerlingen (004)."""

    TERUGGEPLAATST = "sinds 1 oktober 2002 uitgeschreven en teruggeplaatst"
    BEGELEID_OKT_2002 = "op 1 oktober 2002 al begeleid, nog niet geïndiceerd"
    INSTROOM_VOOR_LGF = "ingestroomd na 1 oktober 2002, vóór 1 augustus 2003"
    GEINDICEERD = "sinds 1 augustus 2003 geïndiceerd en begeleid"


_AB_SCHOOLSOORTEN = {Schoolsoort.BAO: "BO", Schoolsoort.SBAO: "SBO", Schoolsoort.VO: "VO"}


def is_teldatum(dag: date) -> bool:
    return (dag.month, dag.day) in ((10, 1), (1, 16))


def _eis_teldatum(dag: date) -> None:
    if not is_teldatum(dag):
        raise OngeldigeInvoer(
            "teldatum", dag.isoformat(), reden="teldata zijn 1 oktober en 16 januari (004)"
        )


@dataclass(frozen=True, slots=True)
class IngeschrevenLeerling:
    """Een leerling van de (v)so-school, zoals de telling hem ziet."""

    id: str
    geboortedatum: date
    geslacht: str  # "m", "v" of "o"
    ingeschreven_van: date
    ingeschreven_tot: date | None  # laatste dag ingeschreven; None = loopt
    vestiging: str
    residentieel: bool = False
    indicatiedatum: date | None = None  # indicatie onder de WEC (sinds 1 augustus 2003)
    verbreed_toegelaten: bool = False

    def ingeschreven_op(self, dag: date) -> bool:
        return self.ingeschreven_van <= dag and (
            self.ingeschreven_tot is None or dag <= self.ingeschreven_tot
        )


@dataclass(frozen=True, slots=True)
class BegeleideLeerling:
    """Een ambulant begeleide leerling, met de gegevens die de vier categorieën bepalen."""

    id: str
    schoolsoort: Schoolsoort  # waar de leerling op de teldatum ingeschreven staat
    begeleid_van: date
    begeleid_tot: date | None
    indicatiedatum: date | None = None
    teruggeplaatst_op: date | None = None  # uitgeschreven uit het (v)so naar regulier

    def begeleid_op(self, dag: date) -> bool:
        return self.begeleid_van <= dag and (self.begeleid_tot is None or dag <= self.begeleid_tot)


def categorie(leerling: IngeschrevenLeerling, teldatum: date) -> Categorie:
    """De categorie van een ingeschreven leerling (004; interpretatie I-30).

    Residentieel gaat voor; daarna telt een indicatie sinds 1 augustus 2003 (ook als de
    leerling al vóór die datum op school zat); wie op 31 juli 2003 al op school zat en
    nog niet opnieuw geïndiceerd is, is zittend.
    """
    if leerling.residentieel:
        return Categorie.RESIDENTIEEL
    if leerling.indicatiedatum is not None and LGF_START <= leerling.indicatiedatum <= teldatum:
        return Categorie.GEINDICEERD
    if leerling.ingeschreven_van <= ZITTEND_OP:
        return Categorie.ZITTEND
    raise OngeldigeInvoer(
        f"leerling {leerling.id}.indicatiedatum",
        leerling.indicatiedatum.isoformat() if leerling.indicatiedatum else None,
        reden="na 31 juli 2003 ingeschreven zonder indicatie sinds 1 augustus 2003 vóór de "
        "teldatum: zo'n leerling kan niet op een (v)so-school staan",
    )


def ab_categorie(leerling: BegeleideLeerling) -> AbCategorie:
    """De categorie van een ambulant begeleide leerling (004; interpretatie I-31)."""
    if leerling.indicatiedatum is not None and leerling.indicatiedatum >= LGF_START:
        return AbCategorie.GEINDICEERD
    if leerling.teruggeplaatst_op is not None and leerling.teruggeplaatst_op >= AB_PEIL:
        return AbCategorie.TERUGGEPLAATST
    if leerling.begeleid_van <= AB_PEIL:
        return AbCategorie.BEGELEID_OKT_2002
    if leerling.begeleid_van < LGF_START:
        return AbCategorie.INSTROOM_VOOR_LGF
    raise OngeldigeInvoer(
        f"leerling {leerling.id}.indicatiedatum",
        None,
        reden="begeleid sinds 1 augustus 2003 zonder indicatie en niet teruggeplaatst: valt in "
        "geen van de vier categorieën (PAB telt apart)",
    )


@dataclass(frozen=True, slots=True)
class Telling:
    teldatum: date
    ingeschreven: Mapping[tuple[str, Categorie, int, str], int]  # vestiging, cat., jaar, geslacht
    begeleid: Mapping[tuple[AbCategorie, str], int]  # categorie, BO/SBO/VO
    uitleg: Uitleg

    def totaal_per_categorie(self) -> dict[Categorie, int]:
        uit: Counter[Categorie] = Counter()
        for (_, cat, _, _), n in self.ingeschreven.items():
            uit[cat] += n
        return dict(uit)

    def als_rijen(self) -> list[dict[str, object]]:
        rijen: list[dict[str, object]] = [
            {
                "soort": "ingeschreven",
                "vestiging": v,
                "categorie": c.value,
                "geboortejaar": j,
                "geslacht": g,
                "aantal": n,
            }
            for (v, c, j, g), n in sorted(
                self.ingeschreven.items(),
                key=lambda x: (x[0][0], list(Categorie).index(x[0][1]), x[0][2], x[0][3]),
            )
        ]
        rijen += [
            {"soort": "ambulant begeleid", "categorie": c.value, "schoolsoort": s, "aantal": n}
            for (c, s), n in sorted(
                self.begeleid.items(), key=lambda x: (list(AbCategorie).index(x[0][0]), x[0][1])
            )
        ]
        return rijen


def leerlingtelling(
    teldatum: date,
    ingeschreven: Iterable[IngeschrevenLeerling],
    begeleid: Iterable[BegeleideLeerling] = (),
) -> Telling:
    """Tel de leerlingen op de teldatum; elke leerling telt precies één keer."""
    _eis_teldatum(teldatum)
    telling: Counter[tuple[str, Categorie, int, str]] = Counter()
    gezien: set[str] = set()
    for leerling in ingeschreven:
        if not leerling.ingeschreven_op(teldatum):
            continue
        if leerling.id in gezien:
            raise OngeldigeInvoer("leerling.id", leerling.id, reden="komt twee keer voor")
        gezien.add(leerling.id)
        if leerling.geslacht not in ("m", "v", "o"):
            raise OngeldigeInvoer(
                f"leerling {leerling.id}.geslacht", leerling.geslacht, toegestaan=("m", "v", "o")
            )
        telling[
            (
                leerling.vestiging,
                categorie(leerling, teldatum),
                leerling.geboortedatum.year,
                leerling.geslacht,
            )
        ] += 1
    ab: Counter[tuple[AbCategorie, str]] = Counter()
    for b in begeleid:
        if not b.begeleid_op(teldatum):
            continue
        soort = _AB_SCHOOLSOORTEN.get(b.schoolsoort)
        if soort is None:
            raise OngeldigeInvoer(
                f"leerling {b.id}.schoolsoort",
                b.schoolsoort.value,
                toegestaan=("bao", "sbao", "vo"),
                reden="ambulant begeleide leerlingen tellen naar BO, SBO of VO",
            )
        ab[(ab_categorie(b), soort)] += 1
    stappen = (
        Stap(
            regel="telling.ingeschreven",
            omschrijving="Ingeschreven leerlingen op de teldatum in drie categorieën, naar "
            "vestiging, geboortejaar en geslacht; residentiële plaatsen apart, verbreed "
            "toegelaten leerlingen bij de geïndiceerden.",
            uitkomst="; ".join(
                f"{c.value}: {sum(n for k, n in telling.items() if k[1] is c)}" for c in Categorie
            ),
            invoer=invoer(teldatum=teldatum.isoformat()),
            grondslag=(BRON_TELLING, BRON_RESIDENTIEEL),
            interpretaties=("I-30",),
        ),
        Stap(
            regel="telling.ambulant",
            omschrijving="Ambulant begeleide leerlingen in vier categorieën, naar de soort school "
            "waar ze ingeschreven staan.",
            uitkomst="; ".join(
                f"{c.value}: {sum(n for k, n in ab.items() if k[0] is c)}" for c in AbCategorie
            ),
            grondslag=(BRON_TELLING,),
            interpretaties=("I-31",),
        ),
    )
    return Telling(
        teldatum, dict(telling), dict(ab), Uitleg(f"leerlingtelling {teldatum}", stappen)
    )
