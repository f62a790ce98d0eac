"""De openbare rekenhulp "Wat zit er in de rugzak?": formulier en berekening.

Alles wat een bedrag is, komt uit de regelkern (:func:`rugzak.regeling.regels.budget.jaarbudget`
en :func:`rugzak.regeling.regels.betaling.maandbedragen`); hier wordt alleen invoer gelezen
en de uitkomst klaargezet voor het sjabloon. Geen leerlinggegevens, dus geen auditregel.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from django import forms

from rugzak.regeling.begrippen import (
    Cluster,
    Leerweg,
    MboNiveau,
    Onderwijssoort,
    Regelingsoort,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import maandbedragen
from rugzak.regeling.regels.budget import (
    GROEPEN,
    Budget,
    Situatie,
    geprijsde_schooljaren,
    jaarbudget,
)
from rugzak.regeling.tijd import Schooljaar
from rugzak.web.grafieken import MAANDEN_KORT, Staafdiagram, staafdiagram

#: Alleen de schooljaren waarvoor de regeling tarieven kent (de regelkern zegt welke:
#: ``geprijsde_schooljaren``); een jaar zonder tarieven kan nooit een bedrag geven.
SCHOOLJAREN = tuple(str(j) for j in geprijsde_schooljaren(standaard_regeling()))
#: het jongste geprijsde jaar
STANDAARD_SCHOOLJAAR = SCHOOLJAREN[-1]
SCHOOLSOORTEN = (Schoolsoort.BAO, Schoolsoort.SBAO, Schoolsoort.VO, Schoolsoort.MBO)
CLUSTER1_LABEL = "bijzondere bekostiging, geen LGF"

_LEEG = ("", "— niet van toepassing —")


def _onderwijssoortkeuzes() -> list[tuple[str, list[tuple[str, str]]]]:
    """De onderwijssoorten gegroepeerd per cluster; cluster 1 met het label dat het geen
    LGF is."""
    groepen: list[tuple[str, list[tuple[str, str]]]] = []
    for cluster in (Cluster.C2, Cluster.C3, Cluster.C4, Cluster.C1):
        kop = cluster.omschrijving.capitalize()
        if cluster is Cluster.C1:
            kop += f" ({CLUSTER1_LABEL})"
        groepen.append(
            (kop, [(o.value, o.omschrijving) for o in Onderwijssoort if o.cluster is cluster])
        )
    return groepen


class RekenhulpFormulier(forms.Form):
    """De situatie van een leerling; welke velden verplicht zijn, zegt de regelkern."""

    schooljaar = forms.ChoiceField(
        label="Schooljaar",
        choices=[(j, j) for j in SCHOOLJAREN],
        help_text="Een schooljaar loopt van 1 augustus tot en met 31 juli. U kunt alleen "
        "kiezen uit de schooljaren waarvan de bronnen de bedragen geven.",
        error_messages={
            "invalid_choice": "voor %(value)s geven de bronnen geen bedragen; kies een van "
            + ", ".join(SCHOOLJAREN)
        },
    )
    schoolsoort = forms.ChoiceField(
        label="Schoolsoort",
        choices=[(s.value, s.omschrijving) for s in SCHOOLSOORTEN],
        help_text="De reguliere school waar de leerling is ingeschreven.",
    )
    onderwijssoort = forms.ChoiceField(
        label="Onderwijssoort (indicatie van de CvI)",
        choices=_onderwijssoortkeuzes,
    )
    groep = forms.TypedChoiceField(
        label="Groep",
        choices=[_LEEG, *((str(g), f"groep {g}") for g in GROEPEN)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Alleen in het (speciaal) basisonderwijs.",
    )
    vo_variant = forms.ChoiceField(
        label="Soort voortgezet onderwijs",
        choices=[_LEEG, *((v.value, v.omschrijving) for v in VoVariant)],
        required=False,
        help_text="Alleen in het voortgezet onderwijs.",
    )
    mbo_niveau = forms.ChoiceField(
        label="Mbo-niveau",
        choices=[_LEEG, *((n.value, n.omschrijving) for n in MboNiveau)],
        required=False,
        help_text="Alleen in het mbo.",
    )
    leerweg = forms.ChoiceField(
        label="Leerweg",
        choices=[_LEEG, *((w.value, w.omschrijving) for w in Leerweg)],
        required=False,
        help_text="Alleen in het mbo.",
    )
    down_aanvulling = forms.BooleanField(
        label="De school vroeg de aanvulling voor een leerling met het syndroom van Down aan",
        required=False,
        help_text="Alleen in het voortgezet onderwijs.",
    )

    def situatie(self) -> Situatie:
        """De situatie voor de regelkern (na is_valid())."""
        d = self.cleaned_data
        return Situatie(
            schooljaar=Schooljaar.van_tekst(d["schooljaar"]),
            schoolsoort=_lid(Schoolsoort, d["schoolsoort"]),
            onderwijssoort=_lid(Onderwijssoort, d["onderwijssoort"]),
            groep=d.get("groep"),
            vo_variant=_lid(VoVariant, d["vo_variant"]) if d.get("vo_variant") else None,
            mbo_niveau=_lid(MboNiveau, d["mbo_niveau"]) if d.get("mbo_niveau") else None,
            leerweg=_lid(Leerweg, d["leerweg"]) if d.get("leerweg") else None,
            down_aanvulling=bool(d.get("down_aanvulling")),
        )


E = TypeVar("E", bound=Enum)


def _lid(soort: type[E], code: str) -> E:
    """Het begrip met deze code (de keuzes van het formulier zijn al gecontroleerd)."""
    return next(lid for lid in soort if lid.value == code)


def veldfout(fout: OngeldigeInvoer) -> str:
    """De fout van de regelkern als tekst naast het veld."""
    tekst = "Vul dit veld in" if fout.waarde is None else f"De waarde {fout.waarde} kan hier niet"
    if fout.reden:
        tekst += f": {fout.reden}"
    return tekst + "."


@dataclass(frozen=True, slots=True)
class Vergelijking:
    grafiek: Staafdiagram | None
    zonder_bedrag: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rekenuitkomst:
    budget: Budget
    is_cluster1: bool
    per_maand: Staafdiagram
    vergelijking: Vergelijking


def _per_maand(budget: Budget) -> Staafdiagram:
    """De twaalf maandbetalingen van het jaarbudget (I-11), als de leerling het hele
    schooljaar gemeld en ingeschreven is."""
    totalen = [Decimal(0)] * 12
    for post in budget.posten:
        for i, bedrag in enumerate(maandbedragen(post.bedrag)):
            totalen[i] += bedrag
    maanden = budget.situatie.schooljaar.maanden()
    return staafdiagram(
        titel=f"Per maand in {budget.situatie.schooljaar}, bij melding vóór 1 augustus",
        reeks=[(MAANDEN_KORT[m.maand - 1], totalen[i]) for i, m in enumerate(maanden)],
        label_kop="Maand",
        waarde_kop="Bedrag",
        met_totaal=True,
    )


def _vergelijking(situatie: Situatie) -> Vergelijking:
    """Het totaal per onderwijssoort voor dezelfde school, groep en hetzelfde schooljaar."""
    regeling = standaard_regeling()
    reeks: list[tuple[str, Decimal]] = []
    zonder: list[str] = []
    for soort in Onderwijssoort:
        if soort.cluster is Cluster.C1:
            continue
        try:
            kandidaat = Situatie(
                schooljaar=situatie.schooljaar,
                schoolsoort=situatie.schoolsoort,
                onderwijssoort=soort,
                groep=situatie.groep,
                vo_variant=situatie.vo_variant,
                mbo_niveau=situatie.mbo_niveau,
                leerweg=situatie.leerweg,
            )
            reeks.append((soort.omschrijving, jaarbudget(regeling, kandidaat).totaal))
        except (OntbrekendeBron, OngeldigeInvoer, NietToegestaan):
            zonder.append(soort.omschrijving)
    if not reeks:
        return Vergelijking(None, tuple(zonder))
    grafiek = staafdiagram(
        titel=f"Leerlinggebonden budget per onderwijssoort, {situatie.schoolsoort.omschrijving}, "
        f"{situatie.schooljaar}",
        reeks=reeks,
        liggend=True,
        label_kop="Onderwijssoort",
        waarde_kop="Totaal per schooljaar",
        markeer=situatie.onderwijssoort.omschrijving,
    )
    return Vergelijking(grafiek, tuple(zonder))


def bereken(situatie: Situatie) -> Rekenuitkomst:
    """Het jaarbudget met maandreeks en vergelijking. Fouten van de regelkern
    (OngeldigeInvoer, OntbrekendeBron, NietToegestaan) gaan ongewijzigd door."""
    budget = jaarbudget(standaard_regeling(), situatie)
    is_cluster1 = budget.regelingsoort is Regelingsoort.CLUSTER1
    return Rekenuitkomst(
        budget=budget,
        is_cluster1=is_cluster1,
        per_maand=_per_maand(budget),
        vergelijking=Vergelijking(None, ()) if is_cluster1 else _vergelijking(situatie),
    )
