"""``rugzak regeling``: regelingsbestanden controleren, waarden tonen, interpretaties lezen."""

from __future__ import annotations

import argparse
from collections.abc import Collection
from pathlib import Path

from rugzak.cli.gemeenschappelijk import (
    CliFout,
    Uitvoer,
    datum,
    regeling_uit,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.laden import controleer, standaard_bestanden
from rugzak.regeling.parameters import Interpretatie, Regeling, waarde_als_tekst


def _valideer(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    paden = [Path(p) for p in args.bestanden]
    for p in paden:
        if not p.is_file():
            raise CliFout(f"bestand {p} bestaat niet")
    tegen = () if args.los else standaard_bestanden()
    problemen = controleer(paden, tegen=tegen)
    data = {
        "bestanden": [str(p) for p in paden],
        "geldig": not problemen,
        "problemen": [
            {"bestand": p.bestand, "plaats": p.plaats, "melding": p.melding} for p in problemen
        ],
    }

    def tekst() -> str:
        if not problemen:
            return f"In orde: {', '.join(str(p) for p in paden)} (geen problemen gevonden)."
        regels = [f"{len(problemen)} probleem/problemen gevonden:"]
        regels += [f"  - {p}" for p in problemen]
        return "\n".join(regels)

    uitvoer.schrijf(data, tekst)
    return 1 if problemen else 0


def _toon(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling: Regeling = regeling_uit(args)
    waarden = [
        w
        for w in regeling.waarden
        if (args.naam is None or w.naam == args.naam)
        and (args.peildatum is None or w.periode.bevat(args.peildatum))
    ]
    if not waarden:
        raise CliFout(
            "geen waarden gevonden"
            + (f" voor parameter {args.naam!r}" if args.naam else "")
            + (f" op {args.peildatum}" if args.peildatum else "")
            + "; bekende parameters: "
            + ", ".join(sorted({w.naam for w in regeling.waarden}))
        )
    data = [
        {
            "naam": w.naam,
            "sleutel": dict(w.sleutel),
            "waarde": waarde_als_tekst(w.waarde),
            "eenheid": w.eenheid,
            "geldig_van": w.periode.van.isoformat(),
            "geldig_tot": w.periode.tot.isoformat(),
            "bron": w.bron.als_dict(),
            "interpretaties": list(w.interpretaties),
        }
        for w in waarden
    ]

    def tekst() -> str:
        return "\n".join(
            f"{w.naam} [{', '.join(f'{k}={v}' for k, v in w.sleutel)}] = "
            f"{waarde_als_tekst(w.waarde)} {w.eenheid} ({w.periode}) — {w.bron.citeer()}"
            for w in waarden
        )

    uitvoer.schrijf(data, tekst)
    return 0


def _volgorde(i: Interpretatie) -> int:
    return int(i.id.split("-")[1])


def interpretaties_markdown(regeling: Regeling, alleen: Collection[str] | None = None) -> str:
    """Het interpretatielog als Markdown (docs/interpretaties.md wordt hiermee gemaakt).

    De tekst eindigt op precies één regeleinde; ``alleen`` beperkt tot deze ids.
    """
    regels = [
        "# Interpretatielog",
        "",
        "Waar de bronnen in `shared/seeds/` elkaar tegenspreken of zwijgen, kiest rugzak een",
        "lezing. Elke keuze heeft een nummer; de uitleg bij een bedrag of termijn noemt het",
        "nummer, zodat een gebruiker ziet waar een keuze meetelt.",
        "",
        "Dit bestand wordt gemaakt met `rugzak regeling interpretaties --markdown`; de bron",
        "van waarheid zijn de `[[interpretatie]]`-blokken in `src/rugzak/regeling/data/`.",
        "",
    ]
    for i in sorted(regeling.interpretaties.values(), key=_volgorde):
        if alleen is not None and i.id not in alleen:
            continue
        regels += [f"## {i.id}: {i.titel}", "", f"**Vraag.** {i.vraag}", "", "**Bronnen.**", ""]
        regels += [f"- {b}" for b in i.bronnen]
        regels += ["", f"**Keuze.** {i.keuze}", ""]
    return "\n".join(regels)


def _interpretaties(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    alle = sorted(regeling.interpretaties.values(), key=_volgorde)
    items = [i for i in alle if i.id == args.id] if args.id else alle
    if not items:
        raise CliFout(
            f"onbekende interpretatie {args.id!r}; bekend: " + ", ".join(i.id for i in alle)
        )
    if args.markdown:
        # end="": de tekst eindigt al op een regeleinde, zodat
        # `... --markdown > docs/interpretaties.md` precies de functie-uitvoer schrijft.
        print(interpretaties_markdown(regeling, alleen={args.id} if args.id else None), end="")
        return 0
    data = [
        {
            "id": i.id,
            "titel": i.titel,
            "vraag": i.vraag,
            "bronnen": list(i.bronnen),
            "keuze": i.keuze,
        }
        for i in items
    ]

    def tekst() -> str:
        blokken = []
        for i in items:
            blokken.append(
                f"{i.id}: {i.titel}\n  vraag: {i.vraag}\n"
                + "".join(f"  bron: {b}\n" for b in i.bronnen)
                + f"  keuze: {i.keuze}"
            )
        return "\n\n".join(blokken)

    uitvoer.schrijf(data, tekst)
    return 0


def registreer(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("regeling", help="regelingsbestanden controleren en tonen")
    s = p.add_subparsers(dest="regelingopdracht", metavar="OPDRACHT", required=True)

    v = s.add_parser(
        "valideer",
        help="controleer regelingsbestanden (TOML) en meld elk probleem",
        description="Controleert elk bestand op schema, bronnen, perioden en bedragen, en op "
        "overlap met de meegeleverde regeling. Exitcode 1 als er problemen zijn.",
    )
    v.add_argument("bestanden", nargs="+", metavar="BESTAND")
    v.add_argument(
        "--los", action="store_true", help="niet vergelijken met de meegeleverde bestanden"
    )
    v.add_argument("--json", action="store_true", help="uitvoer als JSON")
    v.set_defaults(uitvoeren=_valideer)

    t = s.add_parser("toon", help="toon parameterwaarden met geldigheid en bron")
    voeg_algemene_opties_toe(t)
    t.add_argument("--naam", help="alleen deze parameter, bv. lgf.bedrag")
    t.add_argument("--peildatum", type=datum, help="alleen waarden die op deze datum gelden")
    t.set_defaults(uitvoeren=_toon)

    i = s.add_parser("interpretaties", help="het interpretatielog: gekozen lezingen van de bronnen")
    voeg_algemene_opties_toe(i)
    i.add_argument("id", nargs="?", help="alleen deze interpretatie, bv. I-13")
    i.add_argument("--markdown", action="store_true", help="als Markdown (voor docs/)")
    i.set_defaults(uitvoeren=_interpretaties)
