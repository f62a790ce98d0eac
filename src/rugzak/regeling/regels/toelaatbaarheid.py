"""Komt een leerling in aanmerking voor een leerlinggebonden budget?

Voorwaarden: een positieve CvI-indicatie (clusters 2-4), ingeschreven in het regulier
onderwijs, ten minste 4 jaar oud (003), en in het mbo alleen in jaren waarin de regeling
dat kent (004 sluit het in 2003 uit, 001 prijst het in 2011; interpretatie I-05).
Cluster 1 valt erbuiten en heeft een eigen bijzondere bekostiging (001, 004).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rugzak.regeling.begrippen import Cluster, Onderwijssoort, Schoolsoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import OntbrekendeBron
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.tijd import leeftijd_op
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

BRON_LEEFTIJD_REGULIER = Bron("003", "paragraaf 'Rugzak - AB (RAB)', laatste punt")
BRON_CLUSTER1 = Bron("001", "paragraaf 'Visueel gehandicapten'")
BRON_TAB_MBO = Bron(
    "004",
    "paragraaf 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)', slotalinea",
)


@dataclass(frozen=True, slots=True)
class Toelaatbaarheid:
    """Het oordeel, met alle redenen (niet alleen de eerste) en de uitleg."""

    lgf: bool
    redenen: tuple[str, ...]
    tab_mogelijk: bool
    cluster1_bijzondere_bekostiging: bool
    uitleg: Uitleg

    def als_dict(self) -> dict[str, object]:
        return {
            "lgf": self.lgf,
            "redenen": list(self.redenen),
            "tab_mogelijk": self.tab_mogelijk,
            "cluster1_bijzondere_bekostiging": self.cluster1_bijzondere_bekostiging,
            "uitleg": self.uitleg.als_dict(),
        }


def lgf_toelaatbaar(
    regeling: Regeling,
    *,
    schoolsoort: Schoolsoort,
    onderwijssoort: Onderwijssoort,
    geboortedatum: date,
    peildatum: date,
) -> Toelaatbaarheid:
    """Toets de voorwaarden voor LGF op de peildatum; elke voorwaarde wordt een stap."""
    redenen: list[str] = []
    stappen: list[Stap] = []
    cluster1 = onderwijssoort.cluster is Cluster.C1
    if cluster1:
        redenen.append("visueel gehandicapte leerlingen vallen niet onder LGF")
    stappen.append(
        Stap(
            regel="toelaatbaarheid.cluster",
            omschrijving="Cluster 1 valt niet onder de leerlinggebonden financiering; daar geldt "
            "een bijzondere bekostiging.",
            uitkomst="cluster 1: geen LGF"
            if cluster1
            else f"{onderwijssoort.cluster.omschrijving}: ok",
            invoer=invoer(onderwijssoort=onderwijssoort.value),
            grondslag=(BRON_CLUSTER1, Bron("004", "paragraaf 'Cluster 1. Visueel gehandicapten'")),
        )
    )
    if not schoolsoort.is_regulier:
        redenen.append(
            f"de leerling staat ingeschreven in het {schoolsoort.omschrijving}, niet "
            "in het regulier onderwijs"
        )
    stappen.append(
        Stap(
            regel="toelaatbaarheid.regulier",
            omschrijving="De leerling moet ingeschreven staan op een school voor regulier "
            "onderwijs.",
            uitkomst="ok" if schoolsoort.is_regulier else "niet regulier",
            invoer=invoer(schoolsoort=schoolsoort.value),
            grondslag=(BRON_LEEFTIJD_REGULIER,),
        )
    )
    w = regeling.zoek("lgf.minimumleeftijd", peildatum)
    assert isinstance(w.waarde, int)
    leeftijd = leeftijd_op(geboortedatum, peildatum)
    if leeftijd < w.waarde:
        redenen.append(f"de leerling is {leeftijd} jaar; LGF kan vanaf {w.waarde} jaar")
    stappen.append(
        Stap(
            regel="toelaatbaarheid.leeftijd",
            omschrijving=f"De leerling moet ten minste {w.waarde} jaar zijn.",
            uitkomst=f"{leeftijd} jaar: " + ("ok" if leeftijd >= w.waarde else "te jong"),
            invoer=invoer(geboortedatum=geboortedatum.isoformat(), peildatum=peildatum.isoformat()),
            gelezen=(w.gelezen(),),
        )
    )
    tab = False
    if schoolsoort is Schoolsoort.MBO and not cluster1:
        try:
            m = regeling.zoek("lgf.mbo", peildatum)
        except OntbrekendeBron as e:
            raise OntbrekendeBron(
                "de vraag of LGF in het mbo mogelijk is",
                peildatum,
                wel_bekend=e.wel_bekend,
                toelichting="004 sluit het in 2003-2004 uit, 001 prijst het in 2011-2012; voor "
                "andere jaren zwijgen de bronnen (interpretatie I-05)",
            ) from None
        if not m.waarde:
            redenen.append(
                "in dit schooljaar kent de regeling geen leerlinggebonden budget in het mbo"
            )
            tab = True
        stappen.append(
            Stap(
                regel="toelaatbaarheid.mbo",
                omschrijving="LGF in het mbo alleen in jaren waarin de regeling het kent; "
                "terugplaatsingsbegeleiding (TAB) kan in het mbo wel één jaar.",
                uitkomst="mbo: " + ("ok" if m.waarde else "geen LGF, wel TAB mogelijk"),
                gelezen=(m.gelezen(),),
                grondslag=(BRON_TAB_MBO,),
            )
        )
    lgf = not redenen
    stappen.append(
        Stap(
            regel="toelaatbaarheid.oordeel",
            omschrijving="Alle voorwaarden samen.",
            uitkomst="komt in aanmerking voor LGF" if lgf else "geen LGF: " + "; ".join(redenen),
        )
    )
    return Toelaatbaarheid(
        lgf=lgf,
        redenen=tuple(redenen),
        tab_mogelijk=tab,
        cluster1_bijzondere_bekostiging=cluster1 and schoolsoort.is_regulier,
        uitleg=Uitleg("toelaatbaarheid voor LGF", tuple(stappen)),
    )
