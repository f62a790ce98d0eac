"""Ambulante begeleiding: RAB (uit de rugzak), TAB (na terugplaatsing) en PAB (preventief).

* RAB: de indicatie komt van het REC van de regio van de ouders; de begeleiding mag een
  ander REC verzorgen (003, 'Rugzak - AB (RAB)'). rugzak eist wel hetzelfde cluster
  (interpretatie I-29).
* TAB: een leerling die in het (v)so zijn indicatie verliest en naar het regulier
  onderwijs (ook mbo) gaat, krijgt één jaar begeleiding; de (v)so-school krijgt er formatie
  voor, de reguliere school niets extra (003 'TAB'; 004 'Terugplaatsingsbegeleiding';
  001: na ten minste één jaar (v)so).
* PAB: voor leerlingen die (nog) niet aan de criteria voldoen; de reguliere school vraagt
  aan, in principe alleen op advies van de ambtelijk secretaris van de CvI of de
  coördinator AB (003 'PAB'; 001 'AB, TAB en PAB').
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rugzak.regeling.begrippen import Cluster, Schoolsoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.looptijd import lgf_einde
from rugzak.regeling.tijd import Periode, plus_jaren
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

BRON_RAB = Bron("003", "paragraaf 'Rugzak - AB (RAB)', eerste alinea")
BRON_TAB = Bron("003", "paragraaf 'Terugplaatsings-AB (TAB)'")
BRON_TAB_004 = Bron("004", "paragraaf 'Terugplaatsingsbegeleiding'")
BRON_TAB_MBO = Bron(
    "004",
    "paragraaf 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)', slotalinea",
)
BRON_AB_001 = Bron("001", "paragraaf 'Ambulante begeleding: AB, TAB en PAB'")
BRON_PAB = Bron("003", "paragraaf 'Preventieve- AB (PAB)'")

#: Rollen die PAB mogen adviseren (003).
PAB_ADVISEURS = ("cvi_secretaris", "ab_coordinator")


@dataclass(frozen=True, slots=True)
class Beslissing:
    """Een toets met uitkomst en uitleg; ``redenen`` is leeg als het mag."""

    toegestaan: bool
    redenen: tuple[str, ...]
    uitleg: Uitleg

    def eis(self) -> None:
        """Weiger met alle redenen als het niet mag."""
        if not self.toegestaan:
            bronnen = "; ".join(b.citeer() for b in self.uitleg.bronnen())
            raise NietToegestaan("; ".join(self.redenen), bron=bronnen)


def rab_verzorger(*, indicatie_cluster: Cluster, verzorger_cluster: Cluster) -> Beslissing:
    """Mag deze AB-dienst de rugzak-AB verzorgen? Een ander REC mag, van hetzelfde cluster."""
    redenen: tuple[str, ...] = ()
    if indicatie_cluster is not verzorger_cluster:
        redenen = (
            f"de AB-verzorger hoort bij {verzorger_cluster.omschrijving}, de indicatie bij "
            f"{indicatie_cluster.omschrijving}",
        )
    stap = Stap(
        regel="ab.rab_verzorger",
        omschrijving="De begeleiding mag door een ander REC worden verzorgd, van hetzelfde "
        "cluster als de indicatie.",
        uitkomst="toegestaan" if not redenen else "niet toegestaan: " + redenen[0],
        invoer=invoer(indicatie_cluster=indicatie_cluster.value, verzorger=verzorger_cluster.value),
        grondslag=(BRON_RAB,),
        interpretaties=("I-29",),
    )
    return Beslissing(not redenen, redenen, Uitleg("keuze van de AB-verzorger", (stap,)))


@dataclass(frozen=True, slots=True)
class TabRecht:
    periode: Periode
    uitleg: Uitleg


def tab_recht(
    regeling: Regeling,
    *,
    ingeschreven_vso_sinds: date,
    indicatie_einde: date,
    herindicatie: bool,
    terugplaatsing_op: date,
    nieuwe_schoolsoort: Schoolsoort,
) -> TabRecht:
    """Eén jaar terugplaatsingsbegeleiding na verlies van de indicatie in het (v)so.

    Weigert met alle redenen tegelijk: herindicatie gekregen, nieuwe school niet regulier,
    minder dan een jaar (v)so (001), of terugplaatsing vóór het einde van de indicatie.
    TAB loopt niet voorbij het einde van LGF: een jaar dat later eindigt wordt ingekort, een
    terugplaatsing na het einde geeft geen TAB (interpretatie I-72).
    """
    einde_lgf = lgf_einde(regeling)
    redenen: list[str] = []
    if herindicatie:
        redenen.append("de leerling kreeg een herindicatie: geen verlies van de indicatie")
    if not nieuwe_schoolsoort.is_regulier:
        redenen.append(f"de nieuwe school is {nieuwe_schoolsoort.omschrijving}, niet regulier")
    if plus_jaren(ingeschreven_vso_sinds, 1) > terugplaatsing_op:
        redenen.append("de leerling zat minder dan één jaar in het (v)so")
    if terugplaatsing_op <= indicatie_einde and not herindicatie:
        redenen.append(
            f"de indicatie loopt nog tot en met {indicatie_einde.isoformat()}; TAB volgt op het "
            "aflopen ervan"
        )
    if einde_lgf.voorbij(terugplaatsing_op):
        redenen.append(
            f"de terugplaatsing valt na het einde van LGF ({einde_lgf.laatste_dag.isoformat()}); "
            "dan bestaat er geen TAB meer (interpretatie I-72)"
        )
    periode = Periode(terugplaatsing_op, plus_jaren(terugplaatsing_op, 1) - timedelta(days=1))
    vol_jaar = periode
    if einde_lgf.voorbij(periode.tot) and not einde_lgf.voorbij(periode.van):
        periode = Periode(periode.van, einde_lgf.laatste_dag)
    stappen: tuple[Stap, ...] = (
        Stap(
            regel="ab.tab",
            omschrijving="Wie in het (v)so zijn indicatie verliest en naar het regulier onderwijs "
            "(ook het mbo) gaat, krijgt één jaar terugplaatsingsbegeleiding vanuit de "
            "(v)so-school; de reguliere school krijgt geen extra bekostiging.",
            uitkomst=f"TAB van {periode}" if not redenen else "geen TAB: " + "; ".join(redenen),
            invoer=invoer(
                ingeschreven_vso_sinds=ingeschreven_vso_sinds.isoformat(),
                indicatie_einde=indicatie_einde.isoformat(),
                herindicatie="ja" if herindicatie else "nee",
                terugplaatsing_op=terugplaatsing_op.isoformat(),
                nieuwe_schoolsoort=nieuwe_schoolsoort.value,
            ),
            grondslag=(BRON_TAB, BRON_TAB_004, BRON_TAB_MBO, BRON_AB_001),
        ),
    )
    if einde_lgf.voorbij(vol_jaar.tot):
        stappen += (
            einde_lgf.stap(
                wat="Terugplaatsingsbegeleiding hoort bij die regeling en loopt dus niet door "
                "na die dag (interpretatie I-72).",
                uitkomst=f"TAB ingekort tot {periode}"
                if periode != vol_jaar
                else "geen TAB na het einde van LGF",
                ook=("I-72",),
            ),
        )
    uitleg = Uitleg("terugplaatsingsbegeleiding (TAB)", stappen)
    if redenen:
        raise NietToegestaan("; ".join(redenen), bron=BRON_TAB.citeer())
    return TabRecht(periode, uitleg)


def pab_toegestaan(
    *, adviseur_rol: str, heeft_geldige_indicatie: bool, aanvragende_schoolsoort: Schoolsoort
) -> Beslissing:
    """PAB: alleen zonder geldige indicatie, aangevraagd door een reguliere school, op advies
    van de ambtelijk secretaris van de CvI of de coördinator AB (003; 001)."""
    redenen: list[str] = []
    if adviseur_rol not in PAB_ADVISEURS:
        redenen.append(
            f"advies van rol {adviseur_rol!r}; PAB vraagt advies van de ambtelijk secretaris van "
            "de CvI of de coördinator ambulante begeleiding"
        )
    if heeft_geldige_indicatie:
        redenen.append("de leerling heeft een geldige indicatie: dan is het RAB, geen PAB")
    if not aanvragende_schoolsoort.is_regulier:
        redenen.append("PAB wordt aangevraagd door een reguliere school (bao, sbo, vo, mbo)")
    stap = Stap(
        regel="ab.pab",
        omschrijving="Preventieve ambulante begeleiding voor een leerling die (nog) niet aan de "
        "criteria voldoet, op advies van de CvI-secretaris of de AB-coördinator.",
        uitkomst="toegestaan" if not redenen else "niet toegestaan: " + "; ".join(redenen),
        invoer=invoer(
            adviseur_rol=adviseur_rol,
            heeft_geldige_indicatie="ja" if heeft_geldige_indicatie else "nee",
            aanvragende_schoolsoort=aanvragende_schoolsoort.value,
        ),
        grondslag=(BRON_PAB, BRON_AB_001),
    )
    return Beslissing(
        not redenen, tuple(redenen), Uitleg("preventieve ambulante begeleiding", (stap,))
    )
