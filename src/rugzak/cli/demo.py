"""``rugzak demo``: de database klaarzetten, demogegevens laden en de toepassing starten.

Django wordt pas in :func:`_uitvoeren` geladen, zodat de andere subopdrachten zonder
Django werken.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rugzak.cli.gemeenschappelijk import CliFout, Uitvoer

STANDAARD_POORT = 8000


def registreer(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="demodatabase klaarzetten en de toepassing starten op 127.0.0.1",
        description=(
            "Maakt en migreert de SQLite-database (var/rugzak.sqlite3, of RUGZAK_SQLITE; "
            "DATABASE_URL kiest een andere database), laadt gefingeerde demogegevens als de "
            "database leeg is, toont per rol een demo-login en start de toepassing op "
            "127.0.0.1. Een tweede keer laadt niets opnieuw."
        ),
    )
    parser.add_argument(
        "--poort",
        type=int,
        default=STANDAARD_POORT,
        help=f"poort op 127.0.0.1 (standaard {STANDAARD_POORT})",
    )
    parser.add_argument(
        "--geen-server",
        action="store_true",
        help="alleen de database klaarzetten en de logins tonen, geen server starten",
    )
    parser.add_argument(
        "--opnieuw",
        action="store_true",
        help="de SQLite-database eerst verwijderen en alles opnieuw opbouwen",
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(uitvoeren=_uitvoeren)


def _zet_omgeving() -> None:
    """Standaarden voor de demo, alleen waar de gebruiker zelf niets zette."""
    from rugzak.demo import DEMO_PEILDATUM

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugzak.site.settings")
    os.environ.setdefault("RUGZAK_VANDAAG", DEMO_PEILDATUM.isoformat())
    # De demo draait op http://127.0.0.1; https-doorsturing en veilige cookies kunnen daar niet.
    os.environ.setdefault("RUGZAK_HTTPS", "0")
    if not os.environ.get("RUGZAK_SECRET_KEY") and os.environ.get("RUGZAK_DEBUG", "0") in (
        "",
        "0",
    ):
        os.environ["RUGZAK_SECRET_KEY"] = _demosleutel()


def _demosleutel() -> str:
    """Een geheime sleutel voor de demo, eenmalig gemaakt naast de database (alleen voor
    de eigenaar leesbaar), zodat sessies een herstart overleven."""
    from rugzak.site.omgeving import sqlite_pad

    pad = sqlite_pad().parent / "demo-geheime-sleutel"
    pad.parent.mkdir(parents=True, exist_ok=True)
    if not pad.exists():
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return pad.read_text().strip()


def _verwijder_sqlite(pad: Path) -> None:
    for deel in (pad, Path(f"{pad}-wal"), Path(f"{pad}-shm")):
        deel.unlink(missing_ok=True)


def _uitvoeren(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    if not 1 <= args.poort <= 65535:
        raise CliFout(f"--poort {args.poort}: kies een poort van 1 tot en met 65535, bv. 8000")
    _zet_omgeving()
    from rugzak.site.omgeving import database_url, sqlite_pad

    if args.opnieuw:
        if database_url():
            raise CliFout(
                "--opnieuw werkt alleen op de ingebouwde SQLite-database; DATABASE_URL is gezet. "
                "Leeg die database zelf, of laat DATABASE_URL weg."
            )
        _verwijder_sqlite(sqlite_pad())

    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)

    from rugzak.demo import DEMO_PEILDATUM
    from rugzak.demo.laden import demo_logins, laad_demo

    call_command("migrate", interactive=False, verbosity=0)
    verslag = laad_demo()
    logins = demo_logins()
    database = (
        f"SQLite {settings.DATABASES['default']['NAME']}"
        if connection.vendor == "sqlite"
        else f"{connection.vendor} {settings.DATABASES['default'].get('NAME', '')}"
    )
    adres = f"http://127.0.0.1:{args.poort}/"
    data = {
        "database": database,
        "demogegevens_geladen": verslag.geladen,
        "organisaties": verslag.organisaties,
        "gebruikers": verslag.gebruikers,
        "leerlingen": verslag.leerlingen,
        "peildatum": settings.RUGZAK_VANDAAG or DEMO_PEILDATUM,
        "logins": [login.__dict__ for login in logins],
        "adres": None if args.geen_server else adres,
    }

    def tekst() -> str:
        regels = [
            f"Database: {database}",
            (
                "Demogegevens geladen: "
                if verslag.geladen
                else "Demogegevens waren er al (niets opnieuw geladen): "
            )
            + f"{verslag.organisaties} organisaties, {verslag.gebruikers} gebruikers, "
            f"{verslag.leerlingen} leerlingen.",
            f"Peildatum van de toepassing: {data['peildatum']} (RUGZAK_VANDAAG); wat u in de "
            "demo vastlegt, krijgt die datum met de kloktijd van nu (I-99).",
            "",
            "Demo-logins, één per rol. Alle gegevens zijn verzonnen; alle demogebruikers",
            "hebben hetzelfde vaste demowachtwoord. Gebruik het nergens anders.",
            "",
        ]
        breedte = max((len(login.rolnaam) for login in logins), default=10)
        naambreedte = max((len(login.gebruikersnaam) for login in logins), default=10)
        regels.append(
            f"  {'rol':<{breedte}}  {'gebruikersnaam':<{naambreedte}}  {'wachtwoord':<16}  "
            "organisatie"
        )
        for login in logins:
            regels.append(
                f"  {login.rolnaam:<{breedte}}  {login.gebruikersnaam:<{naambreedte}}  "
                f"{login.wachtwoord:<16}  {login.organisatie}"
            )
        if not logins:
            regels.append("  (geen demo-logins gevonden: de database bevatte al andere gegevens)")
        regels.append("")
        if args.geen_server:
            regels.append("Geen server gestart (--geen-server).")
        else:
            regels.append(
                f"De toepassing draait op {adres}, met een verwerker voor de betaalruns "
                "(stoppen met Ctrl-C)."
            )
        return "\n".join(regels)

    uitvoer.schrijf(data, tekst)
    sys.stdout.flush()
    if not args.geen_server:
        verwerker = start_verwerker()
        # SIGTERM (bv. van een procesbeheerder of test) stopt ook de verwerker.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command(
                "runserver",
                f"127.0.0.1:{args.poort}",
                use_reloader=False,
                insecure_serving=True,
            )
        finally:
            stop_verwerker(verwerker)
    return 0


def start_verwerker() -> subprocess.Popen[bytes]:
    """De verwerker van de takenwachtrij (betaalruns) naast de webserver: een eigen proces
    met dezelfde omgeving, dat uitgevallen runs eerst hervat (``betaalrun_verwerker``)."""
    return subprocess.Popen(
        [sys.executable, "-m", "django", "betaalrun_verwerker", "--no-reload", "--verbosity", "0"],
        env=dict(os.environ),
    )


def stop_verwerker(verwerker: subprocess.Popen[bytes]) -> None:
    """Stop de verwerker netjes (SIGTERM: hij maakt een lopende taak eerst af), anders hard."""
    if verwerker.poll() is not None:
        return
    verwerker.terminate()
    try:
        verwerker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        verwerker.kill()
        verwerker.wait()


def hoofd(argv: Sequence[str] | None = None) -> int:
    """Alleen deze subopdracht, zonder de andere te laden: ``python -m rugzak.cli.demo``."""
    parser = argparse.ArgumentParser(prog="rugzak")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT", required=True)
    registreer(sub)
    args = parser.parse_args(["demo", *(sys.argv[1:] if argv is None else argv)])
    try:
        return int(args.uitvoeren(args, Uitvoer(json=args.json)) or 0)
    except CliFout as e:
        print(f"rugzak: fout: {e}", file=sys.stderr)
        return e.code


if __name__ == "__main__":
    sys.exit(hoofd())
