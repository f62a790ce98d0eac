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
    p.add_argument("--groep", type=int, help="groep 1-8 in (s)bao")
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
