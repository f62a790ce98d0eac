"""De demogegevens laden en de demo-logins opzoeken (na django.setup())."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from rugzak.demo import DEMO_PEILDATUM, DEMO_WACHTWOORD, DEMO_ZAAD
from rugzak.demo.opbouw import DEMO_LOGINS, STAPPEN, DemoContext
from rugzak.gedeeld.ontdekking import app_modules
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
from rugzak.organisaties.rollen import Roltype


@dataclass(frozen=True)
class DemoLogin:
    rol: str
    rolnaam: str
    gebruikersnaam: str
    wachtwoord: str
    organisatie: str


@dataclass(frozen=True)
class Demoverslag:
    geladen: bool
    organisaties: int
    gebruikers: int
    leerlingen: int


def database_is_leeg() -> bool:
    """Leeg: geen organisaties en geen gebruikers."""
    return not Organisatie.objects.exists() and not Gebruiker.objects.exists()


def laad_demo(*, zaad: int = DEMO_ZAAD, peildatum: date = DEMO_PEILDATUM) -> Demoverslag:
    """Laad de demogegevens als de database leeg is; anders niets (idempotent).

    Alles in één transactie: mislukt een stap, dan blijft de database leeg.
    """
    # Elke zaak-app registreert zijn demostappen in <app>/demo.py (na de basisstappen).
    app_modules("demo")
    geladen = False
    if database_is_leeg():
        with transaction.atomic():
            ctx = DemoContext(
                zaad=zaad, peildatum=peildatum, wachtwoord_hash=make_password(DEMO_WACHTWOORD)
            )
            for _naam, stap in STAPPEN:
                stap(ctx)
        geladen = True
    return Demoverslag(
        geladen=geladen,
        organisaties=Organisatie.objects.count(),
        gebruikers=Gebruiker.objects.count(),
        leerlingen=Leerling.objects.count(),
    )


def demo_logins() -> list[DemoLogin]:
    """Per rol één demo-login die in de database bestaat, in de volgorde van de rollen."""
    rollen = {
        (r.gebruiker.username, r.rol): r
        for r in Rol.objects.filter(gebruiker__username__in=DEMO_LOGINS.values()).select_related(
            "gebruiker", "organisatie"
        )
    }
    logins = []
    for rol in Roltype:
        naam = DEMO_LOGINS.get(rol.value)
        lid = rollen.get((naam, rol.value)) if naam else None
        if lid is None:
            continue
        logins.append(
            DemoLogin(
                rol=rol.value,
                rolnaam=rol.label,
                gebruikersnaam=lid.gebruiker.username,
                wachtwoord=DEMO_WACHTWOORD,
                organisatie=str(lid.organisatie) if lid.organisatie else "(eigen kind)",
            )
        )
    return logins
