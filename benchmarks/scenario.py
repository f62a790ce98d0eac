"""Wat-als-vergelijking op het bulkpad voor een synthetisch land.

Vermenigvuldigt de voorbeeldpopulatie (``voorbeelden/populatie-voorbeeld.csv``) tot
``--leerlingen`` leerlingen over 2.000 scholen en 40 REC's en meet de tarieftabellen en
de vergelijking met ``voorbeelden/scenario-ab-10-procent-lager.toml``.

    uv run python benchmarks/scenario.py [--leerlingen 100000]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from rugzak.regeling.laden import laad_scenario, lees_populatie
from rugzak.regeling.populatie import Populatie
from rugzak.regeling.scenario import tabellen_voor, vergelijk
from rugzak.regeling.tijd import Schooljaar

VOORBEELDEN = Path(__file__).resolve().parents[1] / "voorbeelden"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leerlingen", type=int, default=100_000)
    args = parser.parse_args()
    sj = Schooljaar(2011)
    voorbeeld = lees_populatie(VOORBEELDEN / "populatie-voorbeeld.csv")
    per_kopie = len({r.leerling for r in voorbeeld.rijen})
    kopieen = max(1, args.leerlingen // per_kopie)
    rijen = tuple(
        replace(r, leerling=f"{r.leerling}-{i}", school=f"S{i % 2000:04d}", rec=f"REC-{i % 40:02d}")
        for i in range(kopieen)
        for r in voorbeeld.rijen
    )
    populatie = Populatie(rijen)
    t0 = time.perf_counter()
    scenario = laad_scenario(VOORBEELDEN / "scenario-ab-10-procent-lager.toml")
    t1 = time.perf_counter()
    tabellen = tabellen_voor(scenario, sj)
    t2 = time.perf_counter()
    v = vergelijk(scenario, populatie, sj, tabellen=tabellen)
    t3 = time.perf_counter()
    print(f"{v.totaal.leerlingen} leerlingen, {len(rijen)} rijen, schooljaar {sj}")
    print(f"  scenario laden en toepassen: {t1 - t0:6.2f} s")
    print(f"  tarieftabellen (basis + scenario): {t2 - t1:6.2f} s")
    print(f"  vergelijking (bulk x2, groeperen): {t3 - t2:6.2f} s")
    print(f"  basis {v.totaal.basis_centen} ct, scenario {v.totaal.scenario_centen} ct")


if __name__ == "__main__":
    main()
