"""``rugzak betaalrun``: een betaalrun starten, volgen en hervatten, en een verwerker starten.

- ``start --maand 2012-03 --gebruiker NAAM``: zet de run in de wachtrij en keert meteen
  terug (met ``--wacht`` wacht de opdracht tot de run klaar of mislukt is);
- ``toon ID``: de toestand, voortgang en totalen van een run;
- ``herstel``: hervat runs van uitgevallen verwerkers (I-81);
- ``verwerker``: een verwerker van de wachtrij (hervat eerst, dan ``db_worker``).

Dezelfde database als de toepassing (``DATABASE_URL`` of de SQLite-database). Django wordt
pas bij het uitvoeren geladen.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from rugzak.cli.gemeenschappelijk import CliFout, Uitvoer


def registreer(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "betaalrun",
        help="een betaalrun starten (in de wachtrij), volgen, hervatten; een verwerker",
        description="De betaalrun als achtergrondtaak: starten zet de run in de wachtrij; "
        "een verwerker ('rugzak betaalrun verwerker', of 'rugzak demo') voert hem uit.",
    )
    sub = parser.add_subparsers(dest="handeling", metavar="HANDELING", required=True)
    start = sub.add_parser("start", help="een run in de wachtrij zetten")
    start.add_argument("--maand", required=True, help="JJJJ-MM, bv. 2012-03")
    start.add_argument(
        "--gebruiker", required=True, help="gebruikersnaam van de medewerker bekostiging"
    )
    start.add_argument(
        "--wacht", action="store_true", help="wachten tot de run klaar of mislukt is"
    )
    start.add_argument("--json", action="store_true", help="uitvoer als JSON")
    toon = sub.add_parser("toon", help="toestand, voortgang en totalen van een run")
    toon.add_argument("id", help="het publieke id van de run")
    toon.add_argument("--json", action="store_true", help="uitvoer als JSON")
    herstel = sub.add_parser("herstel", help="runs van uitgevallen verwerkers hervatten (I-81)")
    herstel.add_argument("--json", action="store_true", help="uitvoer als JSON")
    sub.add_parser("verwerker", help="een verwerker van de wachtrij starten (stoppen: Ctrl-C)")
    parser.set_defaults(uitvoeren=_uitvoeren)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugzak.site.settings")
    import django

    django.setup()


def _als_dict(run: Any) -> dict[str, Any]:
    return {
        "publiek_id": str(run.publiek_id),
        "maand": f"{run.maand:%Y-%m}",
        "status": run.status,
        "poging": run.poging,
        "voortgang": {"gedaan": run.leerlingen_gedaan, "totaal": run.leerlingen_totaal},
        "aangevraagd_op": run.aangevraagd_op.isoformat(),
        "uitgevoerd_op": run.uitgevoerd_op.isoformat() if run.uitgevoerd_op else None,
        "reden": run.reden,
        "leerlingen": run.leerlingen,
        "regels": run.regels,
        "leemtes": run.leemtes,
        "totaal": str(run.totaal) if run.totaal is not None else None,
    }


def _tekst(run: Any) -> str:
    regels = [f"Betaalrun {run.maand:%Y-%m} ({run.publiek_id}): {run.get_status_display()}"]
    if run.status == "bezig":
        regels.append(
            f"  {run.leerlingen_gedaan} van {run.leerlingen_totaal or '?'} leerlingen berekend"
        )
    if run.status == "klaar":
        regels.append(
            f"  {run.leerlingen} leerlingen, {run.regels} regel(s) geboekt, samen "
            f"EUR {run.totaal}, {run.leemtes} leemte(s)"
        )
    if run.reden:
        regels.append(f"  {'reden' if run.status == 'mislukt' else 'let op'}: {run.reden}")
    return "\n".join(regels)


def _uitvoeren(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    _django()
    from django.core.exceptions import ValidationError
    from django.core.management import call_command

    from rugzak.betalingen.models import Betaalrun
    from rugzak.betalingen.services import betaalrun_aanvragen, betaalruns_herstellen
    from rugzak.gedeeld.fouten import GeenToegang
    from rugzak.organisaties.models import Gebruiker

    if args.handeling == "verwerker":
        call_command("betaalrun_verwerker", "--no-reload")
        return 0
    if args.handeling == "herstel":
        hervat = betaalruns_herstellen()
        uitvoer.schrijf(
            [_als_dict(r) for r in hervat],
            lambda: "\n".join([*map(_tekst, hervat), f"{len(hervat)} run(s) hervat"]),
        )
        return 0
    if args.handeling == "toon":
        run = Betaalrun.objects.filter(publiek_id=args.id).first()
        if run is None:
            raise CliFout(f"id: geen betaalrun met id {args.id}")
        uitvoer.schrijf(_als_dict(run), lambda: _tekst(run))
        return 0
    door = Gebruiker.objects.filter(username=args.gebruiker).first()
    if door is None:
        raise CliFout(f"--gebruiker: onbekende gebruiker {args.gebruiker!r}")
    try:
        run = betaalrun_aanvragen(door=door, maand=args.maand)
    except ValidationError as e:
        raise CliFout(
            "; ".join(f"--{k}: {', '.join(v)}" for k, v in e.message_dict.items())
        ) from None
    except GeenToegang as e:
        raise CliFout(f"--gebruiker: {e}") from None
    while args.wacht and not run.afgerond:
        time.sleep(1)
        run = Betaalrun.objects.get(pk=run.pk)
    uitvoer.schrijf(_als_dict(run), lambda: _tekst(run))
    return 0 if run.status != "mislukt" else 1
