"""``rugzak scenario``: wat als de regeling anders was? Basis tegen scenario over een populatie.

Rekent op het bulkpad (dezelfde regels als de betaalrun) en geeft totalen per soort
ontvanger, per REC, per schoolsoort en onderwijssoort, en de scholen die het meest
winnen of verliezen; ``--leerling`` toont voor één leerling beide uitleggen.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from rugzak.cli.gemeenschappelijk import (
    CliFout,
    Uitvoer,
    regeling_uit,
    schooljaar_type,
    vang_regelingsfouten,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.laden import OngeldigeRegeling, laad_scenario, lees_populatie
from rugzak.regeling.populatie import kolommen_tekst
from rugzak.regeling.scenario import AFRONDINGEN, vergelijk, vergelijk_leerling

BESCHRIJVING = f"""\
Vergelijkt de basisregeling (de meegeleverde, plus --regeling) met een scenario over de
leerlingen van een populatiebestand in één schooljaar, op het bulkpad, in hele centen.

Scenariobestand (TOML, zie README 'Een wat-als-scenario'): [bestand] met titel,
soort = "scenario" en document = het id van een eigen [[bron]] met soort = "scenario";
daarnaast [[waarde]]/[[tabel]] (vervangen de basis in hun periode, I-76),
[[aanpassing]] (naam, sleutel, peildatum, factor, afronding: {", ".join(AFRONDINGEN)};
optioneel geldig_van/geldig_tot voor een nieuw schooljaar; I-77) en [[vervalt]] (naam,
sleutel, peildatum: het bedrag wordt 0, I-78).

Populatiebestand (CSV, UTF-8, kop op regel 1, komma of puntkomma): één rij per
inschrijving van een leerling in een schooljaar (I-79). Een verhuizing binnen het jaar
is twee rijen (oude school met verhuisd_op, nieuwe met via_verhuizing = ja); een
herindicatie bij dezelfde school ook (de eerste met opvolger_melding). Kolommen:
{kolommen_tekst()}

Exitcode 0: berekend. Exitcode 2: een fout in een bestand of optie; elke foute rij
(met rijnummer en veld) en elk probleem in het scenario wordt genoemd, en er wordt niets
berekend.
"""


@vang_regelingsfouten
def _scenario(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    for optie, pad in (("--scenario", args.scenario), ("--populatie", args.populatie)):
        if not pad.is_file():
            raise CliFout(f"{optie}: bestand {pad} bestaat niet")
    if args.leerling is not None and args.csv is not None:
        raise CliFout("--csv: gaat niet samen met --leerling; de CSV is de hele vergelijking")
    if args.top < 1:
        raise CliFout(f"--top: {args.top} is ongeldig; toegestaan: een geheel getal >= 1")
    basis = regeling_uit(args)
    try:
        scenario = laad_scenario(args.scenario, basis)
    except OngeldigeRegeling as e:
        raise CliFout(f"--scenario: {e}") from e
    populatie = lees_populatie(args.populatie)
    titels = scenario.regeling.interpretatietitels()
    if args.leerling is not None:
        lv = vergelijk_leerling(scenario, populatie, args.schooljaar, args.leerling)
        uitvoer.schrijf(lv.als_dict(), lambda: lv.als_tekst(titels))
        return 0
    v = vergelijk(scenario, populatie, args.schooljaar)
    if args.csv is not None:
        try:
            with Path(args.csv).open("w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows(v.csv_rijen())
        except OSError as e:
            raise CliFout(f"--csv: kan {args.csv} niet schrijven: {e}") from e
    uitvoer.schrijf(
        v.als_dict(top=args.top), lambda: v.als_tekst(top=args.top, interpretaties=titels)
    )
    return 0


def registreer(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "scenario",
        help="wat als: basis tegen een scenario over een populatie (bulkpad)",
        description=BESCHRIJVING,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    voeg_algemene_opties_toe(p)
    p.add_argument(
        "--scenario", type=Path, required=True, metavar="BESTAND", help="scenario (TOML)"
    )
    p.add_argument(
        "--populatie", type=Path, required=True, metavar="BESTAND", help="populatie (CSV)"
    )
    p.add_argument(
        "--schooljaar", type=schooljaar_type, required=True, help="schooljaar, bv. 2011-2012"
    )
    p.add_argument("--csv", metavar="BESTAND", help="schrijf de vergelijking ook als CSV")
    p.add_argument(
        "--leerling", metavar="ID", help="toon voor deze leerling beide uitleggen naast elkaar"
    )
    p.add_argument(
        "--top", type=int, default=10, help="aantal scholen met meeste winst/verlies (10)"
    )
    p.set_defaults(uitvoeren=_scenario)
