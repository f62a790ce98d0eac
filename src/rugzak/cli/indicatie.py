"""``rugzak indicatie`` en ``rugzak toelaatbaar``: geldigheid van een indicatie en de
voorwaarden voor een leerlinggebonden budget."""

from __future__ import annotations

import argparse

from rugzak.cli.gemeenschappelijk import (
    Uitvoer,
    datum,
    regeling_uit,
    vang_regelingsfouten,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.toelaatbaarheid import lgf_toelaatbaar


@vang_regelingsfouten
def _indicatie(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    g = indicatie_geldigheid(
        regeling,
        onderwijssoort=Onderwijssoort(args.onderwijssoort),
        indicatiedatum=args.indicatiedatum,
        syndroom_van_down=args.down,
    )

    def tekst() -> str:
        if g.einddatum is None:
            kop = "Geldig voor de hele onderwijsloopbaan; geen herindicatie nodig."
        else:
            assert g.herindicatie_op is not None
            kop = (
                f"Geldig t/m {g.einddatum.isoformat()}; herindicatie per "
                f"{g.herindicatie_op.isoformat()}."
            )
        if g.lgf_einde is not None:
            kop += (
                f"\nLet op: LGF eindigde op {g.lgf_einde.isoformat()}; daarna wordt er niets "
                "meer uit de rugzak betaald en is geen herindicatie voor LGF meer mogelijk "
                "(interpretaties I-70, I-71)."
            )
        return kop + "\n\n" + g.uitleg.als_tekst(regeling.interpretatietitels())

    uitvoer.schrijf(g.als_dict(), tekst)
    return 0


@vang_regelingsfouten
def _toelaatbaar(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    t = lgf_toelaatbaar(
        regeling,
        schoolsoort=Schoolsoort(args.schoolsoort),
        onderwijssoort=Onderwijssoort(args.onderwijssoort),
        geboortedatum=args.geboortedatum,
        peildatum=args.peildatum,
    )

    def tekst() -> str:
        kop = "Komt in aanmerking voor LGF." if t.lgf else "Komt niet in aanmerking voor LGF:"
        regels = [kop] + [f"  - {r}" for r in t.redenen]
        if t.tab_mogelijk:
            regels.append("Terugplaatsingsbegeleiding (TAB) is wel één jaar mogelijk.")
        if t.cluster1_bijzondere_bekostiging:
            regels.append(
                "De school kan bijzondere bekostiging voor cluster 1 aanvragen "
                "(rugzak budget --onderwijssoort blind|slechtziend)."
            )
        return "\n".join(regels) + "\n\n" + t.uitleg.als_tekst(regeling.interpretatietitels())

    uitvoer.schrijf(t.als_dict(), tekst)
    return 0 if t.lgf else 1


def registreer(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("indicatie", help="geldigheid van een indicatie en datum van herindicatie")
    voeg_algemene_opties_toe(p)
    p.add_argument("--onderwijssoort", required=True, choices=Onderwijssoort.codes())
    p.add_argument("--indicatiedatum", type=datum, required=True, help="JJJJ-MM-DD")
    p.add_argument("--down", action="store_true", help="leerling met het syndroom van Down")
    p.set_defaults(uitvoeren=_indicatie)

    t = sub.add_parser(
        "toelaatbaar",
        help="voldoet een leerling aan de voorwaarden voor LGF? (exitcode 1 als niet)",
    )
    voeg_algemene_opties_toe(t)
    t.add_argument("--schoolsoort", required=True, choices=Schoolsoort.codes())
    t.add_argument("--onderwijssoort", required=True, choices=Onderwijssoort.codes())
    t.add_argument("--geboortedatum", type=datum, required=True)
    t.add_argument("--peildatum", type=datum, required=True, help="de dag waarop getoetst wordt")
    t.set_defaults(uitvoeren=_toelaatbaar)
