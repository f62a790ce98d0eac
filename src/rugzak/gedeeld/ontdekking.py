"""Vind per geïnstalleerde rugzak-app een submodule (``api``, ``termijnen``, ``demo``).

Zo voegt een nieuwe zaak zijn API-eindpunten, termijnen en demogegevens toe door alleen
in zijn eigen map een module te zetten; er is geen centrale lijst om bij te houden.
De volgorde is die van INSTALLED_APPS.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from django.apps import apps


def app_modules(submodule: str) -> list[ModuleType]:
    gevonden = []
    for config in apps.get_app_configs():
        if not config.name.startswith("rugzak."):
            continue
        naam = f"{config.name}.{submodule}"
        if importlib.util.find_spec(naam) is not None:
            gevonden.append(importlib.import_module(naam))
    return gevonden
