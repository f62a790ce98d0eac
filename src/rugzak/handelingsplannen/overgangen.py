"""De toestandsmachines van overeenkomst, handelingsplan en evaluatie.

- Overeenkomst (002, fase 11a, bijlage 2): concept -> getekend door één partij ->
  ondertekend door school én ouders. Na een handtekening verandert de tekst niet meer.
- Handelingsplan (002, fase 13): concept -> ter instemming (alle verplichte onderdelen
  aanwezig) -> vastgesteld (ouders stemmen in) of terug naar concept (ouders weigeren).
- Evaluatie (002, bijlage 2): gepland -> gehouden (met verslag).
"""

from __future__ import annotations

from rugzak.handelingsplannen.models import (
    VERPLICHTE_ONDERDELEN,
    Handelingsplan,
    Handelingsplantoestand,
    Overeenkomsttoestand,
)

OT = Overeenkomsttoestand
HT = Handelingsplantoestand

OVEREENKOMST_OVERGANGEN: dict[str, frozenset[str]] = {
    OT.CONCEPT: frozenset({OT.GETEKEND_SCHOOL, OT.GETEKEND_OUDERS}),
    OT.GETEKEND_SCHOOL: frozenset({OT.ONDERTEKEND}),
    OT.GETEKEND_OUDERS: frozenset({OT.ONDERTEKEND}),
    OT.ONDERTEKEND: frozenset(),
}

HANDELINGSPLAN_OVERGANGEN: dict[str, frozenset[str]] = {
    HT.CONCEPT: frozenset({HT.TER_INSTEMMING}),
    # de ouders hebben instemmingsrecht: instemmen stelt vast, weigeren geeft een nieuw concept
    HT.TER_INSTEMMING: frozenset({HT.VASTGESTELD, HT.CONCEPT}),
    HT.VASTGESTELD: frozenset(),
}

EVALUATIE_GEPLAND = "evaluatie gepland"
EVALUATIE_GEHOUDEN = "evaluatie gehouden"


def handelingsplan_ontbrekend(plan: Handelingsplan) -> dict[str, str]:
    """Welke verplichte onderdelen (002, fase 13) en betrokkenen nog ontbreken."""
    fouten = {
        veld: f"het onderdeel '{naam}' (002, fase 13)"
        for veld, naam in VERPLICHTE_ONDERDELEN.items()
        if not (getattr(plan, veld) or "").strip()
    }
    if not plan.ambulant_begeleider_naam.strip() and plan.ambulant_begeleider_id is None:
        fouten["ambulant_begeleider_naam"] = (
            "de ambulant begeleider van het REC met wie het plan is opgesteld (002, fase 13)"
        )
    return fouten
