"""Het toelatingsprotocol als toestandsmachine (002, 4.1 en 4.2).

- :data:`OVERGANGEN`: vanuit elke toestand de toegestane volgende toestanden.
- :data:`VELDEN`: welke gegevens in welke fase worden vastgelegd, en door wie.
- :func:`ontbrekend`: wat de huidige fase nog nodig heeft voordat de zaak verder mag;
  een geweigerde overgang noemt precies deze lijst.
- :func:`waarschuwingen`: wat mag maar niet wenselijk is (fase 6 en 7 in één vergadering)
  of te laat is (het besluit tot niet-toelating na acht weken).

Geen regels uit de regeling hier: de termijn van acht weken komt uit
:func:`rugzak.regeling.regels.termijnen.weigering_toelating`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as regels_termijnen
from rugzak.toelating.inventarisatie import inventarisatie_ontbrekend
from rugzak.toelating.models import (
    VERPLICHTE_INSTANTIES,
    Besluit,
    Instantie,
    Toelatingszaak,
    Toestand,
)

if TYPE_CHECKING:
    from rugzak.regeling.regels.termijnen import Termijn

T = Toestand

#: Toestand -> toegestane volgende toestanden (002, 4.1 protocol en 4.2 toelichting).
OVERGANGEN: dict[str, frozenset[str]] = {
    T.F1: frozenset({T.F2, T.INGETROKKEN}),
    T.F2: frozenset({T.F3, T.INGETROKKEN}),
    T.F3: frozenset({T.F4, T.INGETROKKEN}),
    T.F4: frozenset({T.F5, T.INGETROKKEN}),
    T.F5: frozenset({T.F6, T.INGETROKKEN}),
    T.F6: frozenset({T.F7, T.INGETROKKEN}),
    T.F7: frozenset({T.F8, T.INGETROKKEN}),
    T.F8: frozenset({T.F9A, T.F9B, T.INGETROKKEN}),
    T.F9A: frozenset({T.F10A, T.INGETROKKEN}),
    T.F9B: frozenset({T.F10B, T.INGETROKKEN}),
    T.F10A: frozenset({T.F11A, T.INGETROKKEN}),
    # het bestuur neemt het advies over (11b) of vraagt heroverweging: overleg met de
    # directie, daarna een nieuwe beslissing (terug naar 8)
    T.F10B: frozenset({T.F11B, T.F8, T.INGETROKKEN}),
    T.F11A: frozenset({T.F12A, T.INGETROKKEN}),
    T.F11B: frozenset({T.F12B, T.INGETROKKEN}),
    T.F12A: frozenset({T.F13}),
    T.F12B: frozenset({T.AFGEWEZEN}),
    T.F13: frozenset({T.F14}),
    T.F14: frozenset({T.TOEGELATEN}),
    T.TOEGELATEN: frozenset(),
    T.AFGEWEZEN: frozenset(),
    T.INGETROKKEN: frozenset(),
}

#: De rechtstreekse volgende fase voor "volgende fase" (de vertakkingen 8 -> 9a/9b en
#: 10b -> 11b/8 hebben een eigen service: beslissing en toetsing door het bestuur).
VOLGENDE: dict[str, str] = {
    T.F1: T.F2,
    T.F2: T.F3,
    T.F3: T.F4,
    T.F4: T.F5,
    T.F5: T.F6,
    T.F6: T.F7,
    T.F7: T.F8,
    T.F9A: T.F10A,
    T.F9B: T.F10B,
    T.F10A: T.F11A,
    T.F11A: T.F12A,
    T.F11B: T.F12B,
    T.F12A: T.F13,
    T.F12B: T.AFGEWEZEN,
    T.F13: T.F14,
    T.F14: T.TOEGELATEN,
}

DIRECTIE = frozenset({Roltype.DIRECTIE})
PROTOCOL = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER})
LEZEN_SCHOOL = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.TEAMLID})


@dataclass(frozen=True)
class Fasevelden:
    velden: frozenset[str]
    rollen: frozenset[str]


#: Per toestand de velden die dan worden vastgelegd en de rollen die dat mogen. De intern
#: begeleider voert het protocol uit; beslissen, het advies aan het bestuur en het
#: schriftelijke besluit tot niet-toelating zijn van de directie (002, fase 8, 9b, 11b).
VELDEN: dict[str, Fasevelden] = {
    T.F1: Fasevelden(frozenset({"uitnodiging_verstuurd_op", "gesprek_gepland_op"}), PROTOCOL),
    T.F2: Fasevelden(
        frozenset(
            {
                "gesprek_op",
                "aanmelding_schriftelijk_op",
                "toestemming_derden_op",
                "communicatieafspraken",
                "gespreksverslag",
            }
        ),
        PROTOCOL,
    ),
    T.F3: Fasevelden(frozenset({"team_geinformeerd_op"}), PROTOCOL),
    T.F4: Fasevelden(frozenset({"geen_huidige_school"}), PROTOCOL),
    T.F7: Fasevelden(frozenset({"teamadvies", "teamadvies_op", "teamadvies_motivering"}), PROTOCOL),
    T.F9A: Fasevelden(frozenset({"plaatsingsdatum"}), PROTOCOL),
    T.F9B: Fasevelden(
        frozenset({"advies_procedure", "advies_motieven", "advies_aan_bestuur_op"}), DIRECTIE
    ),
    T.F10A: Fasevelden(
        frozenset({"besluit_toegelicht_op", "aanmelding_gehandhaafd", "plaatsingsdatum"}),
        PROTOCOL,
    ),
    T.F11A: Fasevelden(frozenset({"plaatsingsdatum"}), PROTOCOL),
    T.F11B: Fasevelden(
        frozenset(
            {
                "weigering_besluit_op",
                "weigering_redenen",
                "weigering_gesprek_op",
                "wijst_op_bezwaar_beroep",
                "wijst_op_onderwijsconsulent",
            }
        ),
        DIRECTIE,
    ),
    T.F12A: Fasevelden(
        frozenset({"bestuur_geinformeerd_op", "mr_geinformeerd_op", "inspectie_geinformeerd_op"}),
        PROTOCOL,
    ),
    T.F12B: Fasevelden(frozenset({"mr_geinformeerd_op", "inspectie_geinformeerd_op"}), PROTOCOL),
    T.F14: Fasevelden(
        frozenset({"belanghebbenden_geinformeerd_op", "belanghebbenden_toelichting"}), PROTOCOL
    ),
}

#: Velden die een datum in de toekomst mogen hebben (een afspraak, geen gebeurtenis).
TOEKOMSTIGE_DATUMS = frozenset({"gesprek_gepland_op", "plaatsingsdatum"})

#: Rollen die in een toestand naar de volgende fase mogen; standaard directie en IB.
ROLLEN_VOLGENDE: dict[str, frozenset[str]] = {
    T.F9B: DIRECTIE,
    T.F11B: DIRECTIE,
}


def _leeg(waarde: object) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _velden(zaak: Toelatingszaak, eisen: dict[str, str]) -> dict[str, str]:
    return {veld: tekst for veld, tekst in eisen.items() if _leeg(getattr(zaak, veld))}


def ontbrekend(zaak: Toelatingszaak) -> dict[str, str]:
    """Wat de huidige fase nog nodig heeft: veld -> wat er ontbreekt. Leeg: klaar."""
    t = zaak.toestand
    if t == T.F1:
        return _velden(
            zaak,
            {
                "uitnodiging_verstuurd_op": (
                    "de datum van de uitnodiging voor het gesprek (bijlage 1)"
                )
            },
        )
    if t == T.F2:
        return _velden(
            zaak,
            {
                "gesprek_op": "de datum van het gesprek van directie en IB met de ouders",
                "aanmelding_schriftelijk_op": "de datum van de schriftelijke aanmelding",
                "toestemming_derden_op": (
                    "de datum van de schriftelijke toestemming van de ouders om gegevens bij "
                    "derden op te vragen"
                ),
                "communicatieafspraken": "de afspraken over de communicatie tijdens de procedure",
                "gespreksverslag": "het verslag van het gesprek",
            },
        )
    if t == T.F3:
        return _velden(zaak, {"team_geinformeerd_op": "de datum waarop het team is geïnformeerd"})
    if t == T.F4:
        fouten: dict[str, str] = {}
        gevraagd = set(zaak.informatieverzoeken.values_list("instantie", flat=True))
        for instantie in VERPLICHTE_INSTANTIES:
            if instantie == Instantie.HUIDIGE_SCHOOL and zaak.geen_huidige_school:
                continue
            if instantie not in gevraagd:
                fouten[f"informatieverzoeken.{instantie.value}"] = (
                    f"een informatieverzoek bij {instantie.label} (002, fase 4a: in ieder geval)"
                )
        if not zaak.begeleidingsinformatie.exists():
            fouten["begeleidingsinformatie"] = (
                "informatie over de begeleiding (ambulant begeleider, draaiboek of een andere "
                "school; 002, fase 4b)"
            )
        return fouten
    if t == T.F5:
        return {
            k if k == "inventarisatie_op" else f"inventarisatie.{k}": v
            for k, v in inventarisatie_ontbrekend(zaak).items()
        }
    if t == T.F6:
        if not zaak.teambesprekingen.exists():
            return {"teambesprekingen": "ten minste één bespreking in het team (002, fase 6)"}
        return {}
    if t == T.F7:
        return _velden(
            zaak,
            {
                "teamadvies": "het advies van het team (plaatsen of niet plaatsen)",
                "teamadvies_op": "de datum van het advies",
            },
        )
    if t == T.F8:
        return {"besluit": "de beslissing van de directie (toelaten of afwijzen)"}
    if t == T.F9A:
        return _velden(zaak, {"plaatsingsdatum": "de datum van plaatsing"})
    if t == T.F9B:
        return _velden(
            zaak,
            {
                "advies_procedure": "de gevolgde procedure (002, fase 9b)",
                "advies_motieven": "de motieven voor de afweging (002, fase 9b)",
                "advies_aan_bestuur_op": "de datum van het advies aan het bestuur",
            },
        )
    if t == T.F10A:
        fouten = _velden(
            zaak,
            {
                "besluit_toegelicht_op": (
                    "de datum van het gesprek waarin het besluit is toegelicht"
                ),
                "plaatsingsdatum": "de datum van plaatsing",
            },
        )
        if zaak.aanmelding_gehandhaafd is None:
            fouten["aanmelding_gehandhaafd"] = "of de ouders de aanmelding handhaven"
        elif zaak.aanmelding_gehandhaafd is False:
            fouten["aanmelding_gehandhaafd"] = (
                "de ouders handhaven de aanmelding niet: leg de intrekking vast"
            )
        return fouten
    if t == T.F10B:
        return {"bestuursoordeel": "de toetsing door het bestuur (002, fase 10b)"}
    if t == T.F11A:
        return _overeenkomst_ontbrekend(zaak)
    if t == T.F11B:
        fouten = _velden(
            zaak,
            {
                "weigering_besluit_op": "de datum van het schriftelijke besluit tot niet-toelating",
                "weigering_redenen": "de redenen van het besluit",
                "weigering_gesprek_op": "de datum van het gesprek waarin het besluit is toegelicht",
            },
        )
        if not zaak.wijst_op_bezwaar_beroep:
            fouten["wijst_op_bezwaar_beroep"] = (
                "het besluit wijst de ouders op bezwaar en beroep (002, fase 11b)"
            )
        if not zaak.wijst_op_onderwijsconsulent:
            fouten["wijst_op_onderwijsconsulent"] = (
                "het besluit wijst de ouders op de onderwijsconsulent (002, fase 11b)"
            )
        return fouten
    if t == T.F12A:
        return _velden(
            zaak,
            {
                "bestuur_geinformeerd_op": "de datum waarop het bestuur is geïnformeerd",
                "mr_geinformeerd_op": "de datum waarop de MR is geïnformeerd",
                "inspectie_geinformeerd_op": "de datum waarop de inspectie is geïnformeerd",
            },
        )
    if t == T.F12B:
        return _velden(
            zaak,
            {
                "mr_geinformeerd_op": "de datum waarop de MR is geïnformeerd",
                "inspectie_geinformeerd_op": "de datum waarop de inspectie is geïnformeerd",
            },
        )
    if t == T.F13:
        return _handelingsplan_ontbrekend(zaak)
    if t == T.F14:
        return _velden(
            zaak,
            {
                "belanghebbenden_geinformeerd_op": (
                    "de datum waarop de overige belanghebbenden zijn geïnformeerd"
                )
            },
        )
    return {}


def _overeenkomst_ontbrekend(zaak: Toelatingszaak) -> dict[str, str]:
    from rugzak.handelingsplannen.models import Overeenkomst, Overeenkomsttoestand

    overeenkomst = Overeenkomst.objects.filter(zaak=zaak).first()
    if overeenkomst is None:
        return {"overeenkomst": "een overeenkomst school-ouders (002, fase 11a, bijlage 2)"}
    fouten = {}
    if overeenkomst.toestand != Overeenkomsttoestand.ONDERTEKEND:
        if overeenkomst.school_getekend_op is None:
            fouten["overeenkomst.school_getekend_op"] = "de handtekening namens de school"
        if overeenkomst.ouders_getekend_op is None:
            fouten["overeenkomst.ouders_getekend_op"] = "de handtekening van de ouders"
    return fouten


def _handelingsplan_ontbrekend(zaak: Toelatingszaak) -> dict[str, str]:
    from rugzak.handelingsplannen.models import Handelingsplan, Handelingsplantoestand

    if not Handelingsplan.objects.filter(
        zaak=zaak, toestand=Handelingsplantoestand.VASTGESTELD
    ).exists():
        return {
            "handelingsplan": (
                "een vastgesteld handelingsplan, met instemming van de ouders (002, fase 13)"
            )
        }
    return {}


def weigeringstermijn(zaak: Toelatingszaak) -> Termijn | None:
    """De acht weken voor een besluit tot niet-toelating, vanaf de schriftelijke aanmelding
    (regelkern; I-20), of None zolang er geen schriftelijke aanmelding is."""
    if zaak.aanmelding_schriftelijk_op is None:
        return None
    return regels_termijnen.weigering_toelating(
        standaard_regeling(), zaak.aanmelding_schriftelijk_op
    )


def waarschuwingen(zaak: Toelatingszaak) -> list[str]:
    """Wat toegestaan is maar aandacht vraagt."""
    uit: list[str] = []
    if (
        zaak.teamadvies_op is not None
        and zaak.teambesprekingen.filter(datum=zaak.teamadvies_op).exists()
    ):
        uit.append(
            "de bespreking in het team (fase 6) en het advies van het team (fase 7) vielen in "
            "één vergadering; dat is in het algemeen niet wenselijk (002, fase 7; I-40)"
        )
    termijn = weigeringstermijn(zaak)
    if (
        termijn is not None
        and zaak.weigering_besluit_op is not None
        and zaak.weigering_besluit_op > termijn.uiterlijk
    ):
        uit.append(
            f"het besluit tot niet-toelating ({lange_datum(zaak.weigering_besluit_op)}) is na "
            f"de termijn van acht weken genomen (uiterlijk {lange_datum(termijn.uiterlijk)}; "
            "002, fase 11b)"
        )
    if zaak.besluit == Besluit.TOELATEN and zaak.teamadvies == "niet_plaatsen":
        uit.append(
            "de directie besloot tot toelating tegen het advies van het team in; toelating "
            "hoort een teambesluit te zijn (002, hoofdstuk 5)"
        )
    return uit
