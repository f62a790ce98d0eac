"""Geldigheid van een indicatie en de datum van herindicatie.

003 geeft 3 jaar voor LZ en LG, 4 jaar voor ZML en MG, en de hele onderwijsloopbaan
bij het syndroom van Down; 000 noemt algemeen 'elke drie jaar'. De keuze per
onderwijssoort staat als data in lgf-algemeen.toml (interpretatie I-04).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rugzak.regeling.begrippen import Cluster, Onderwijssoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.looptijd import lgf_einde
from rugzak.regeling.tijd import Maand, plus_jaren
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

BRON_AFLOOP = Bron("003", "paragraaf 'Rugzak - AB (RAB)', punten over de duur van de indicatie")
BRON_TAB = Bron("003", "paragraaf 'Terugplaatsings-AB (TAB)'")


@dataclass(frozen=True, slots=True)
class Indicatiegeldigheid:
    """Tot wanneer een indicatie geldt; ``einddatum`` None betekent de hele loopbaan.

    ``lgf_einde`` is de laatste dag van LGF als de indicatie daarna nog doorloopt: tot die
    dag wordt er hoogstens betaald (interpretaties I-70, I-71)."""

    indicatiedatum: date
    einddatum: date | None
    herindicatie_op: date | None
    uitleg: Uitleg
    lgf_einde: date | None = None

    def geldig_op(self, dag: date) -> bool:
        return self.indicatiedatum <= dag and (self.einddatum is None or dag <= self.einddatum)

    def als_dict(self) -> dict[str, object]:
        return {
            "indicatiedatum": self.indicatiedatum.isoformat(),
            "einddatum": self.einddatum.isoformat() if self.einddatum else None,
            "herindicatie_op": self.herindicatie_op.isoformat() if self.herindicatie_op else None,
            "lgf_einde": self.lgf_einde.isoformat() if self.lgf_einde else None,
            "uitleg": self.uitleg.als_dict(),
        }


def indicatie_geldigheid(
    regeling: Regeling,
    *,
    onderwijssoort: Onderwijssoort,
    indicatiedatum: date,
    syndroom_van_down: bool = False,
) -> Indicatiegeldigheid:
    """Einddatum en herindicatiedatum van een CvI-indicatie.

    Een indicatie van N jaar loopt tot en met de dag vóór dezelfde datum N jaar later;
    op die datum is herindicatie nodig (interpretatie I-27). Cluster 1 kent geen CvI
    en geen REC (004, 'Cluster 1').
    """
    if onderwijssoort.cluster is Cluster.C1:
        raise NietToegestaan(
            "voor cluster 1 (visueel gehandicapt) bestaat geen CvI-indicatie in de zin van LGF",
            bron="004, paragraaf 'Cluster 1. Visueel gehandicapten'",
        )
    stappen: list[Stap] = []
    einde_lgf = lgf_einde(regeling)
    if syndroom_van_down:
        w = regeling.zoek("indicatie.down_hele_loopbaan", indicatiedatum)
        if w.waarde:
            stap = Stap(
                regel="indicatie.geldigheid",
                omschrijving="Bij het syndroom van Down geldt de indicatie voor de hele "
                "onderwijsloopbaan; er is geen herindicatie.",
                uitkomst="geldig zonder einddatum",
                invoer=invoer(onderwijssoort=onderwijssoort.value, syndroom_van_down="ja"),
                gelezen=(w.gelezen(),),
            )
            na_lgf = einde_lgf.stap(
                wat="De indicatie blijft gelden, maar na die dag wordt er niets meer uit de "
                "rugzak betaald (interpretatie I-71).",
                uitkomst=f"laatste bekostigde maand: {einde_lgf.laatste_maand}",
                ook=("I-71",),
            )
            return Indicatiegeldigheid(
                indicatiedatum,
                None,
                None,
                Uitleg("geldigheid van de indicatie", (stap, na_lgf)),
                lgf_einde=einde_lgf.laatste_dag,
            )
    w = regeling.zoek("indicatie.geldigheid", indicatiedatum, onderwijssoort=onderwijssoort.value)
    assert isinstance(w.waarde, int)
    herindicatie = plus_jaren(indicatiedatum, w.waarde)
    einde = herindicatie - timedelta(days=1)
    stappen.append(
        Stap(
            regel="indicatie.geldigheid",
            omschrijving=f"Een indicatie {onderwijssoort.omschrijving} geldt {w.waarde} jaar; "
            "daarna moet de leerling opnieuw geïndiceerd worden.",
            uitkomst=f"geldig t/m {einde.isoformat()}, herindicatie per {herindicatie.isoformat()}",
            invoer=invoer(
                onderwijssoort=onderwijssoort.value, indicatiedatum=indicatiedatum.isoformat()
            ),
            gelezen=(w.gelezen(),),
        )
    )
    stappen.append(
        Stap(
            regel="indicatie.afloop",
            omschrijving="Na afloop stopt de bekostiging na de maand waarin de indicatie eindigt, "
            "tenzij een herindicatie opnieuw wordt gemeld; een leerling in het (v)so zonder nieuwe "
            "indicatie kan één jaar terugplaatsingsbegeleiding (TAB) krijgen.",
            uitkomst=f"laatste bekostigde maand: "
            f"{min(Maand.van_datum(einde), einde_lgf.laatste_maand)}",
            grondslag=(BRON_AFLOOP, BRON_TAB),
            interpretaties=("I-13",),
        )
    )
    if einde_lgf.voorbij(einde):
        herindicatie_na = (
            " Een herindicatie voor LGF is dan niet meer mogelijk."
            if einde_lgf.voorbij(herindicatie)
            else ""
        )
        stappen.append(
            einde_lgf.stap(
                wat=f"Deze indicatie loopt formeel tot en met {einde.isoformat()}, maar na "
                f"{einde_lgf.laatste_dag.isoformat()} wordt er niets meer uit de rugzak betaald "
                f"(interpretatie I-71).{herindicatie_na}",
                uitkomst=f"laatste bekostigde maand: {einde_lgf.laatste_maand}",
                ook=("I-71",),
            )
        )
    return Indicatiegeldigheid(
        indicatiedatum,
        einde,
        herindicatie,
        Uitleg("geldigheid van de indicatie", tuple(stappen)),
        lgf_einde=einde_lgf.laatste_dag if einde_lgf.voorbij(einde) else None,
    )
