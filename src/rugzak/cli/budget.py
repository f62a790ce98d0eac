"""``rugzak budget``: wat zit er in de rugzak van een leerling in een schooljaar, en waarom."""

from __future__ import annotations

import argparse

from rugzak.cli.gemeenschappelijk import (
    Uitvoer,
    regeling_uit,
    schooljaar_type,
    vang_regelingsfouten,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.begrippen import Leerweg, MboNiveau, Onderwijssoort, Schoolsoort, VoVariant
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.uitleg import euro


@vang_regelingsfouten
def _budget(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    situatie = Situatie(
        schooljaar=args.schooljaar,
        schoolsoort=Schoolsoort(args.schoolsoort),
        onderwijssoort=Onderwijssoort(args.onderwijssoort),
        groep=args.groep,
        vo_variant=VoVariant(args.vo_variant) if args.vo_variant else None,
        mbo_niveau=MboNiveau(args.mbo_niveau) if args.mbo_niveau else None,
        leerweg=Leerweg(args.leerweg) if args.leerweg else None,
        down_aanvulling=args.down_aanvulling,
        zml_aanvraag=None if args.zml_aanvraag is None else args.zml_aanvraag == "ja",
    )
    budget = jaarbudget(regeling, situatie)

    def tekst() -> str:
        regels = [
            f"{budget.regelingsoort.omschrijving.capitalize()}: "
            f"{situatie.onderwijssoort.omschrijving}, {situatie.schoolsoort.omschrijving}, "
            f"schooljaar {situatie.schooljaar}",
            "",
        ]
        breedte = max(len(p.deel.omschrijving) for p in budget.posten)
        for p in budget.posten:
            regels.append(f"  {p.deel.omschrijving:<{breedte}}  {euro(p.bedrag):>13}")
        if any(p.deel.is_zml_aanvulling for p in budget.posten):
            regels += ["", "  per deel van de rugzak (met het aanvullende zml-bedrag):"]
            per_deel = budget.per_deel()
            breedte_deel = max(len(d.omschrijving) for d in per_deel)
            for deel, bedrag in per_deel.items():
                regels.append(f"  {deel.omschrijving:<{breedte_deel}}  {euro(bedrag):>13}")
        regels.append("")
        for ontvanger, bedrag in budget.per_ontvanger().items():
            regels.append(f"  naar {ontvanger.omschrijving}: {euro(bedrag)}")
        regels.append(f"  totaal per schooljaar: {euro(budget.totaal)}")
        if not args.kort:
            regels += ["", budget.uitleg.als_tekst(regeling.interpretatietitels())]
        return "\n".join(regels)

    uitvoer.schrijf(budget.als_dict(), tekst)
    return 0


def registreer(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "budget",
        help="het jaarbudget van een leerling, per deel en ontvanger, met uitleg",
        description="Berekent wat de rugzak bevat in een schooljaar: het schooldeel en het deel "
        "voor ambulante begeleiding, met de bron van elk bedrag.",
    )
    voeg_algemene_opties_toe(p)
    p.add_argument("--schooljaar", type=schooljaar_type, required=True, help="bv. 2011-2012")
    p.add_argument("--schoolsoort", required=True, choices=Schoolsoort.codes())
    p.add_argument("--onderwijssoort", required=True, choices=Onderwijssoort.codes())
    p.add_argument(
        "--groep",
        type=int,
        help="groep 1-8; alleen nodig voor een zml-leerling in het basisonderwijs (vanaf groep 3 "
        "komt er een aanvullend bedrag bij); elders hangt het bedrag niet van de groep af",
    )
    p.add_argument(
        "--zml-aanvraag",
        choices=("ja", "nee"),
        help="is de eenmalige aanvraag voor het aanvullende zml-bedrag (formulier 66007) gedaan? "
        "'nee' laat de aanvulling weg; zonder deze optie telt ze mee, met de opmerking dat ze "
        "pas na de aanvraag wordt betaald",
    )
    p.add_argument("--vo-variant", choices=VoVariant.codes(), help="in het vo: pro_lwoo of overig")
    p.add_argument("--mbo-niveau", choices=MboNiveau.codes())
    p.add_argument("--leerweg", choices=Leerweg.codes())
    p.add_argument(
        "--down-aanvulling",
        action="store_true",
        help="de vo-school vroeg de aanvulling voor een leerling met het syndroom van Down aan",
    )
    p.add_argument("--kort", action="store_true", help="zonder uitleg")
    p.set_defaults(uitvoeren=_budget)
