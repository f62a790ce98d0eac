"""Ambulante begeleiding: RAB (uit de rugzak), TAB (na terugplaatsing) en PAB (preventief).

* RAB: de indicatie komt van het REC van de regio van de ouders; de begeleiding mag een
  ander REC verzorgen (003, 'Rugzak - AB (RAB)'). Dat REC hoort bij een cluster waarvoor
  001 de AB van de onderwijssoort prijst: het cluster van de indicatie, en voor de
  mg-combinaties met doof of slechthorend ook cluster 2 (interpretatie I-29).
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

from rugzak.regeling.begrippen import Cluster, Onderwijssoort, Schoolsoort
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
BRON_AB_MG = Bron(
    "001",
    "tabellen basisonderwijs, speciaal basisonderwijs en voortgezet onderwijs per 1 augustus "
    "2011, rijen 'cluster 3: meervoudig gehandicapte kinderen met de combinatie', kolommen "
    "'voor AB'; tabellen mbo, rij 'cluster 2: meervoudig gehandicapte deelnemers'",
)

#: De mg-combinaties waarvan 001 de AB prijst als cluster 2 (de bedragen van slechthorend
#: en ernstige spraakmoeilijkheden; in het mbo de rij 'cluster 2: meervoudig gehandicapte
#: deelnemers'), terwijl de indicatie bij cluster 3 hoort (I-06, I-07). Voor hen mag de AB
#: ook van een REC van cluster 2 komen (I-29).
AB_OOK_CLUSTER_2: frozenset[Onderwijssoort] = frozenset(
    {Onderwijssoort.MG_DOOF_ZML, Onderwijssoort.MG_DOOF_BLIND, Onderwijssoort.MG_SH_ZML}
)

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


def ab_clusters(onderwijssoort: Onderwijssoort) -> tuple[Cluster, ...]:
    """De clusters waarvan een REC de rugzak-AB voor ``onderwijssoort`` mag verzorgen: het
    cluster van de indicatie, en voor doof+zml, doof+blind en sh+zml ook cluster 2, omdat
    001 hun AB met de bedragen van cluster 2 prijst (interpretatie I-29)."""
    clusters = [onderwijssoort.cluster]
    if onderwijssoort in AB_OOK_CLUSTER_2 and Cluster.C2 not in clusters:
        clusters.append(Cluster.C2)
    return tuple(sorted(clusters, key=lambda c: c.value))


def rab_verzorger(*, onderwijssoort: Onderwijssoort, verzorger_cluster: Cluster) -> Beslissing:
    """Mag een AB-dienst van ``verzorger_cluster`` de rugzak-AB verzorgen voor een leerling
    met een indicatie voor ``onderwijssoort``? Een ander REC mag, van een cluster uit
    :func:`ab_clusters` (interpretatie I-29)."""
    toegestaan = ab_clusters(onderwijssoort)
    namen = " of ".join(c.omschrijving for c in toegestaan)
    redenen: tuple[str, ...] = ()
    if verzorger_cluster not in toegestaan:
        redenen = (
            f"de AB-verzorger hoort bij {verzorger_cluster.omschrijving}; de AB voor een indicatie "
            f"'{onderwijssoort.omschrijving}' komt van een REC van {namen} (interpretatie I-29)",
        )
    grondslag = (BRON_RAB, BRON_AB_001) + ((BRON_AB_MG,) if onderwijssoort.is_meervoudig else ())
    stap = Stap(
        regel="ab.rab_verzorger",
        omschrijving="De begeleiding mag door een ander REC worden verzorgd dan het REC dat "
        "indiceerde, van een cluster waarvoor 001 de AB van deze onderwijssoort prijst: het "
        "cluster van de indicatie, en voor doof+zml, doof+blind en sh+zml ook cluster 2.",
        uitkomst="toegestaan" if not redenen else "niet toegestaan: " + redenen[0],
        invoer=invoer(
            onderwijssoort=onderwijssoort.value,
            indicatie_cluster=onderwijssoort.cluster.value,
            toegestane_clusters=", ".join(c.value for c in toegestaan),
            verzorger=verzorger_cluster.value,
        ),
        grondslag=grondslag,
        interpretaties=("I-06", "I-07", "I-29") if onderwijssoort.is_meervoudig else ("I-29",),
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


BRON_ZITTEND_TAB = Bron("004", "paragraaf 'Terugplaatsingsbegeleiding', tweede alinea")
BRON_ZITTEND_VSO = Bron(
    "004", "paragraaf 'Toelating', alinea 'Zittende leerlingen in het speciaal onderwijs'"
)
BRON_ZITTEND_TELLING = Bron(
    "004", "paragraaf 'De leerlingtelling', ingeschreven leerlingen, categorie 2 ('zittende')"
)
BRON_TAB_AANVRAAG = Bron("001", "paragraaf 'Ambulante begeleding: AB, TAB en PAB', slotalinea")

#: Een zittende leerling stond vóór de invoering van lgf al op de (v)so-school: op
#: 31 juli 2003 (004, 'De leerlingtelling') en dus op 1 augustus 2003 (004, 'Zittende
#: leerlingen in het speciaal onderwijs').
ZITTEND_OP = date(2003, 7, 31)
LGF_START = date(2003, 8, 1)


@dataclass(frozen=True, slots=True)
class TabZittendBeslissing:
    """TAB voor een zittende leerling: per invoerveld de redenen van een weigering."""

    periode: Periode
    redenen: tuple[tuple[str, str], ...]
    uitleg: Uitleg

    @property
    def toegestaan(self) -> bool:
        return not self.redenen

    def eis(self) -> TabRecht:
        if self.redenen:
            bronnen = "; ".join(b.citeer() for b in self.uitleg.bronnen())
            raise NietToegestaan("; ".join(r for _, r in self.redenen), bron=bronnen)
        return TabRecht(self.periode, self.uitleg)


def tab_recht_zittend(
    *,
    ingeschreven_vso_sinds: date,
    terugplaatsing_op: date,
    nieuwe_schoolsoort: Schoolsoort,
    heeft_geldige_indicatie: bool,
    bewijs: str,
) -> TabZittendBeslissing:
    """Eén jaar TAB voor een zittende leerling die zonder rugzak terug gaat naar het
    regulier onderwijs (004 'Terugplaatsingsbegeleiding', tweede alinea; interpretatie I-55).

    Zittend is wie op 31 juli 2003 al op de (v)so-school stond en dus zonder indicatie van
    een CvI op die school zat (004). In plaats van de verloren indicatie staat het bewijs
    van die inschrijving: een verklaring van de (v)so-school (``bewijs``, het kenmerk). Het
    jaar begint op de dag van terugplaatsing. Weigert per veld, met alle redenen tegelijk.
    """
    redenen: list[tuple[str, str]] = []
    if ingeschreven_vso_sinds > ZITTEND_OP:
        redenen.append(
            (
                "vso_sinds",
                f"ingeschreven in het (v)so sinds {ingeschreven_vso_sinds.isoformat()}: zittend "
                f"is alleen wie op {ZITTEND_OP.isoformat()} al op de (v)so-school stond; wie "
                "later kwam, is door de CvI geïndiceerd (004; I-55)",
            )
        )
    if terugplaatsing_op < LGF_START:
        redenen.append(
            (
                "terugplaatsing_op",
                f"teruggeplaatst op {terugplaatsing_op.isoformat()}, vóór de invoering van lgf "
                f"({LGF_START.isoformat()}): TAB van de WEC geldt vanaf die datum (004)",
            )
        )
    if plus_jaren(ingeschreven_vso_sinds, 1) > terugplaatsing_op:
        redenen.append(
            (
                "vso_sinds",
                "de leerling zat minder dan één jaar in het (v)so; TAB is voor wie na ten minste "
                "één jaar teruggaat (001; I-55)",
            )
        )
    if not nieuwe_schoolsoort.is_regulier:
        redenen.append(
            (
                "school",
                f"de nieuwe school is {nieuwe_schoolsoort.omschrijving}, niet regulier; TAB "
                "begeleidt de terugkeer naar het regulier onderwijs (ook het mbo)",
            )
        )
    if heeft_geldige_indicatie:
        redenen.append(
            (
                "indicatie",
                f"de leerling heeft op {terugplaatsing_op.isoformat()} een geldige indicatie en "
                "gaat dus met een rugzak naar het regulier onderwijs: dat is RAB, geen TAB voor "
                "een zittende leerling zonder budget (004)",
            )
        )
    if not bewijs.strip():
        redenen.append(
            (
                "zittend_bewijs",
                "noem het bewijs dat de leerling op 31 juli 2003 op de (v)so-school stond (bv. "
                "het kenmerk van de verklaring van inschrijving van die school); dat bewijs "
                "vervangt bij een zittende leerling de indicatie (I-55)",
            )
        )
    periode = Periode(terugplaatsing_op, plus_jaren(terugplaatsing_op, 1) - timedelta(days=1))
    stap = Stap(
        regel="ab.tab_zittend",
        omschrijving="Een zittende leerling (op 31 juli 2003 al in het (v)so, zonder indicatie "
        "van een CvI) die zonder rugzak naar het regulier onderwijs gaat, krijgt nog één jaar "
        "terugplaatsingsbegeleiding vanuit de (v)so-school; de reguliere school vraagt aan.",
        uitkomst=f"TAB van {periode}"
        if not redenen
        else "geen TAB: " + "; ".join(r for _, r in redenen),
        invoer=invoer(
            ingeschreven_vso_sinds=ingeschreven_vso_sinds.isoformat(),
            terugplaatsing_op=terugplaatsing_op.isoformat(),
            nieuwe_schoolsoort=nieuwe_schoolsoort.value,
            geldige_indicatie="ja" if heeft_geldige_indicatie else "nee",
            bewijs=bewijs.strip() or "-",
        ),
        grondslag=(
            BRON_ZITTEND_TAB,
            BRON_ZITTEND_VSO,
            BRON_ZITTEND_TELLING,
            BRON_TAB_MBO,
            BRON_AB_001,
            BRON_TAB_AANVRAAG,
        ),
        interpretaties=("I-55",),
    )
    return TabZittendBeslissing(
        periode,
        tuple(redenen),
        Uitleg("terugplaatsingsbegeleiding (TAB), zittende leerling", (stap,)),
    )


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
