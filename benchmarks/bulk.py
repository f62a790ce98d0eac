"""Benchmark van de bulkberekening op een synthetisch land (geen getimede test).

Meet, op één kern, alleen het rekenen (de invoer wordt vooraf gemaakt, de tarieftabellen
vooraf opgebouwd):

* 50.000 leerlingen, één schooljaar maandbetalingen (matrix leerling x maand x ontvanger);
* 1.000.000 leerling-jaren, totalen per ontvanger (en ook met maandmatrix);

en controleert dat de totalen tot op de cent gelijk zijn aan het pad voor één leerling
(:func:`rugzak.regeling.regels.betaling.betaalschema`). Het pad voor één leerling wordt
in dezelfde run getimed, zodat de verhouding telt en niet de absolute tijd.

Gebruik::

    uv run python benchmarks/bulk.py            # volledige controle van de 50.000
    uv run python benchmarks/bulk.py --snel     # controle op een steekproef van 5.000
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

from rugzak.regeling.batch import (
    GROEPEN,
    LEERWEGEN,
    MBO_NIVEAUS,
    ONDERWIJSSOORTEN,
    SCHOOLSOORTEN,
    VO_VARIANTEN,
    Leerlingjaren,
    Tarieftabellen,
    bereken,
    combinatie_index,
)
from rugzak.regeling.begrippen import Ontvanger
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.betaling import (
    TerugplaatsingGroep2,
    Uitschrijving,
    ZmlAanvraag,
    betaalschema,
)
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Schooljaar

SJ = Schooljaar(2011)
NAT = np.datetime64("NaT", "D")

# Ruwe verdeling naar schoolsoort en onderwijssoort (synthetisch, niet uit de bronnen).
SCHOOLSOORT_KANS = {"bao": 0.55, "sbao": 0.05, "vo": 0.30, "mbo": 0.10}
ONDERWIJSSOORT_KANS = {
    "cl4": 0.40, "lz": 0.14, "zml": 0.10, "lg": 0.10, "esm": 0.10, "sh": 0.08, "doof": 0.02,
    "mg_lg_zml": 0.03, "mg_doof_zml": 0.01, "mg_sh_zml": 0.01, "mg_doof_blind": 0.01,
}  # fmt: skip


def synthetisch_land(n: int, regeling, tabellen: Tarieftabellen, zaad: int = 2011) -> Leerlingjaren:
    rng = np.random.default_rng(zaad)
    ss_codes = [s.value for s in SCHOOLSOORTEN]
    o_codes = [o.value for o in ONDERWIJSSOORTEN]
    s = rng.choice(len(ss_codes), n, p=[SCHOOLSOORT_KANS[c] for c in ss_codes])
    o = rng.choice(len(o_codes), n, p=[ONDERWIJSSOORT_KANS.get(c, 0.0) for c in o_codes])
    groep = np.where(s <= 1, rng.integers(1, 9, n), 0)
    vo = np.where(s == 2, rng.integers(1, len(VO_VARIANTEN), n), 0)
    lw = np.where(s == 3, rng.integers(1, len(LEERWEGEN), n), 0)
    niv = np.where(s == 3, rng.integers(1, len(MBO_NIVEAUS), n), 0)
    c = combinatie_index(s, o, groep, vo, lw, niv)
    # Ongeprijsde combinaties (bv. vo + esm) worden cluster 4: de bronnen prijzen die.
    cl4 = o_codes.index("cl4")
    c = np.where(tabellen.geldig[c], c, combinatie_index(s, cl4, groep, vo, lw, niv))
    begin = np.datetime64(SJ.begin, "D")
    ins = begin + rng.integers(-900, 300, n).astype("timedelta64[D]")
    melding = ins + rng.integers(0, 60, n).astype("timedelta64[D]")
    indicatie = ins - rng.integers(0, 400, n).astype("timedelta64[D]")
    uit = np.where(
        rng.random(n) < 0.05, ins + rng.integers(200, 700, n).astype("timedelta64[D]"), NAT
    )
    zml = (s == 0) & (o == o_codes.index("zml")) & (groep >= 3)
    aanvraag = np.where(
        zml & (rng.random(n) < 0.8), ins + rng.integers(0, 90, n).astype("timedelta64[D]"), NAT
    )
    return Leerlingjaren(
        combinatie=c,
        meldingsdatum=melding,
        inschrijvingsdatum=ins,
        indicatiedatum=indicatie,
        indicatie_einde=np.full(n, NAT),
        uitschrijving=uit,
        verhuisd_op=np.full(n, NAT),
        via_verhuizing=np.zeros(n, dtype=bool),
        opvolger_melding=np.full(n, NAT),
        zml_aanvraag=aanvraag,
        terugplaatsing_groep2=np.full(n, NAT),
        geboortedatum=np.full(n, NAT),
        down=np.zeros(n, dtype=bool),
    )


def _dag(x: np.datetime64) -> date | None:
    return None if np.isnat(x) else x.astype("datetime64[D]").astype(date)


def een_voor_een(regeling, rijen: Leerlingjaren, indices) -> tuple[int, int]:
    """Totalen (centen) school en AB via het pad voor één leerling."""
    vorm = (
        len(SCHOOLSOORTEN),
        len(ONDERWIJSSOORTEN),
        len(GROEPEN),
        len(VO_VARIANTEN),
        len(LEERWEGEN),
        len(MBO_NIVEAUS),
    )
    school = ab = 0
    for i in indices:
        s, o, g, v, lw, n = np.unravel_index(int(rijen.combinatie[i]), vorm)
        m = Melding(
            meldingsdatum=_dag(rijen.meldingsdatum[i]),
            school="S",
            schoolsoort=SCHOOLSOORTEN[s],
            inschrijvingsdatum=_dag(rijen.inschrijvingsdatum[i]),
            cvi_nummer="C",
            indicatiedatum=_dag(rijen.indicatiedatum[i]),
            onderwijssoort=ONDERWIJSSOORTEN[o],
            ab_verzorger="AB",
            groep=GROEPEN[g],
            vo_variant=VO_VARIANTEN[v],
            leerweg=LEERWEGEN[lw],
            mbo_niveau=MBO_NIVEAUS[n],
        )
        gebeurtenissen: list = [m]
        if (u := _dag(rijen.uitschrijving[i])) is not None:
            gebeurtenissen.append(Uitschrijving(u, "S"))
        if (a := _dag(rijen.zml_aanvraag[i])) is not None:
            gebeurtenissen.append(ZmlAanvraag(a))
        if (r := _dag(rijen.terugplaatsing_groep2[i])) is not None:
            gebeurtenissen.append(TerugplaatsingGroep2(r))
        schema = betaalschema(regeling, gebeurtenissen, SJ)
        for b in schema.betalingen:
            if b.ontvanger is Ontvanger.SCHOOL:
                school += int(b.bedrag * 100)
            else:
                ab += int(b.bedrag * 100)
    return school, ab


@dataclass
class Meting:
    naam: str
    seconden: float


def beste(functie, herhalingen: int = 5) -> float:
    tijden = []
    for _ in range(herhalingen):
        t0 = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - t0)
    return min(tijden)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--snel", action="store_true", help="controleer een steekproef van 5.000")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        kern = "één kern (sched_setaffinity)"
    except (AttributeError, OSError):
        kern = "kernen niet vastgezet"
    regeling = standaard_regeling()
    t0 = time.perf_counter()
    tabellen = Tarieftabellen.voor(regeling, SJ)
    opbouw = time.perf_counter() - t0

    klein = synthetisch_land(50_000, regeling, tabellen)
    groot = synthetisch_land(1_000_000, regeling, tabellen, zaad=7)

    metingen = [
        Meting(
            "50.000 leerlingen, maandmatrix",
            beste(lambda: bereken(regeling, SJ, klein, tabellen=tabellen, per_maand=True)),
        ),
        Meting(
            "50.000 leerlingen, totalen",
            beste(lambda: bereken(regeling, SJ, klein, tabellen=tabellen)),
        ),
        Meting(
            "1.000.000 leerling-jaren, totalen",
            beste(lambda: bereken(regeling, SJ, groot, tabellen=tabellen), 3),
        ),
        Meting(
            "1.000.000 leerling-jaren, maandmatrix",
            beste(lambda: bereken(regeling, SJ, groot, tabellen=tabellen, per_maand=True), 3),
        ),
    ]
    uit = bereken(regeling, SJ, klein, tabellen=tabellen, per_maand=True)
    assert uit.maand_school is not None and uit.maand_ab is not None
    assert int(uit.maand_school.sum()) == int(uit.totaal_school.sum() + uit.totaal_zml.sum())

    indices = range(len(klein)) if not args.snel else range(0, len(klein), 10)
    t0 = time.perf_counter()
    school, ab = een_voor_een(regeling, klein, indices)
    per_leerling = (time.perf_counter() - t0) / len(indices)
    lijst = list(indices)
    bulk_school = int(uit.totaal_school[lijst].sum() + uit.totaal_zml[lijst].sum())
    bulk_ab = int(uit.totaal_ab[lijst].sum())
    gelijk = (bulk_school, bulk_ab) == (school, ab)

    print(f"rugzak bulkbenchmark, schooljaar {SJ}, {kern}, numpy {np.__version__}")
    print(f"  tarieftabellen opbouwen (eenmalig, niet meegeteld): {opbouw:.3f} s")
    for m in metingen:
        print(f"  {m.naam:<40} {m.seconden:8.4f} s")
    print(
        f"  pad voor één leerling: {per_leerling * 1e3:.3f} ms per leerling "
        f"(naar schatting {per_leerling * 50_000:.1f} s voor 50.000)"
    )
    print(
        f"  verhouding één-voor-één / bulk (50.000, maandmatrix): "
        f"{per_leerling * 50_000 / metingen[0].seconden:,.0f}x"
    )
    print(
        f"  controle tegen één-voor-één over {len(lijst):,} leerlingen: "
        f"school {Decimal(school).scaleb(-2)} / AB {Decimal(ab).scaleb(-2)} -> "
        + (
            "gelijk tot op de cent"
            if gelijk
            else f"VERSCHIL: bulk {Decimal(bulk_school).scaleb(-2)} / {Decimal(bulk_ab).scaleb(-2)}"
        )
    )
    if not gelijk:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
