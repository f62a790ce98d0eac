"""Het einde van de leerlinggebonden financiering (interpretatie I-70).

LGF liep van 1 augustus 2003 tot en met 31 juli 2014; 000 zegt dat er sinds 2014 geen
rugzakje meer is en dat het geld naar de samenwerkingsverbanden gaat. De laatste dag staat
als data in ``lgf-algemeen.toml`` (``lgf.einde``), niet in de code. Die waarde geldt over
de looptijd die zij afsluit, maar zegt juist iets over de dagen daarna; daarom wordt ze
hier zonder peildatum gelezen: de laatst beginnende versie telt. Ontbreekt ze, dan is dat
een :class:`OntbrekendeBron`, geen stille aanname.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import OntbrekendeBron
from rugzak.regeling.parameters import Parameterwaarde, Regeling
from rugzak.regeling.tijd import Maand, Schooljaar
from rugzak.regeling.uitleg import Stap

BRON_EINDE = Bron("000", "aanhef 'Geen leerlinggebonden financiering (rugzakje) meer'")
BRON_EINDE_AANVRAGEN = Bron("000", "paragraaf 'Aanvragen van het rugzakje', slotzin")

#: Wat er volgens 000 na LGF kwam (eigen tekst, zie I-70).
DAARNA = (
    "sindsdien kan geen rugzak meer worden aangevraagd en gaat het geld naar de "
    "samenwerkingsverbanden waarin scholen samenwerken (passend onderwijs)"
)


@dataclass(frozen=True, slots=True)
class Looptijdeinde:
    """De laatste dag van LGF, met de waarde (en dus de bron) waar hij vandaan komt."""

    waarde: Parameterwaarde

    @property
    def laatste_dag(self) -> date:
        assert isinstance(self.waarde.waarde, str)
        return date.fromisoformat(self.waarde.waarde)

    @property
    def eerste_dag_zonder(self) -> date:
        return self.laatste_dag + timedelta(days=1)

    @property
    def laatste_maand(self) -> Maand:
        return Maand.van_datum(self.laatste_dag)

    @property
    def laatste_schooljaar(self) -> Schooljaar:
        return Schooljaar.van_datum(self.laatste_dag)

    def voorbij(self, dag: date) -> bool:
        """Ligt ``dag`` na het einde van LGF?"""
        return dag > self.laatste_dag

    @property
    def reden(self) -> str:
        """De korte reden bij een maand na het einde (betaalschema, dossier)."""
        return f"LGF beëindigd per {self.eerste_dag_zonder.isoformat()} (passend onderwijs)"

    def stap(self, *, wat: str, uitkomst: str, ook: tuple[str, ...] = ()) -> Stap:
        """De uitlegstap die zegt dat LGF eindigde; ``wat`` zegt wat dat hier betekent,
        ``ook`` noemt de interpretaties die daarbij nog meetellen."""
        return Stap(
            regel="lgf.einde",
            omschrijving=f"De leerlinggebonden financiering eindigde op "
            f"{self.laatste_dag.isoformat()} (schooljaar {self.laatste_schooljaar} was het "
            f"laatste); {DAARNA}. {wat}",
            uitkomst=uitkomst,
            gelezen=(self.waarde.gelezen(),),
            grondslag=(BRON_EINDE, BRON_EINDE_AANVRAGEN),
            interpretaties=("I-70", *ook),
        )


def lgf_einde(regeling: Regeling) -> Looptijdeinde:
    """De laatste dag van LGF volgens de regeling (``lgf.einde``; I-70)."""
    versies = regeling.versies("lgf.einde")
    if not versies:
        raise OntbrekendeBron(
            "lgf.einde (de laatste dag van de leerlinggebonden financiering)",
            toelichting="zonder einddatum kan rugzak niet zeggen tot wanneer LGF liep",
        )
    return Looptijdeinde(versies[-1])
