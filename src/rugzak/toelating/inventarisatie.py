"""Het schema inventarisatie (002, 4.3) als gestructureerde gegevens.

Vorm (JSON)::

    {
      "aard_handicap": "aard van de handicap en de problemen waarin die zich uit",
      "basisbehoeften": {"autonomie": ["..."], "competentie": ["..."], "relatie": ["..."]},
      "domeinen": {
        "pedagogisch": {"vraag_kind": "...", "mogelijkheden_school": "...",
                        "grenzen": "...", "externe_ondersteuning": "..."},
        ... (acht domeinen)
      }
    }

:func:`valideer_inventarisatie` weigert onbekende sleutels en verkeerde vormen (met het
pad van elk fout veld); :func:`inventarisatie_ontbrekend` zegt wat er nog moet voordat
het team het schema kan bespreken (fase 6 bespreekt de kolommen mogelijkheden en grenzen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from rugzak.toelating.models import Toelatingszaak

#: De drie basisbehoeften, elk met hoogstens drie centrale belemmeringen.
BASISBEHOEFTEN = {"autonomie": "autonomie", "competentie": "competentie", "relatie": "relatie"}
MAX_ITEMS = 3

#: De acht domeinen (rijen van het schema).
DOMEINEN = {
    "pedagogisch": "pedagogisch",
    "didactisch": "didactisch",
    "klassenmanagement": "klassenmanagement",
    "leerkracht": "specifieke vaardigheden en attitude van de leerkracht",
    "zorg_behandeling": "(medische) zorg / behandeling",
    "gebouw_materieel": "gebouwelijk / materieel",
    "medeleerlingen": "medeleerlingen",
    "ouders_medeleerlingen": "ouders van medeleerlingen",
}

#: De vier kolommen van het schema.
KOLOMMEN = {
    "vraag_kind": "wat vraagt het kind?",
    "mogelijkheden_school": "mogelijkheden van de school",
    "grenzen": "grenzen aan de mogelijkheden",
    "externe_ondersteuning": "mogelijkheden voor externe ondersteuning",
}

#: Kolommen die per domein ingevuld moeten zijn voordat het team bespreekt (fase 6).
VERPLICHTE_KOLOMMEN = ("vraag_kind", "mogelijkheden_school", "grenzen")

_HOOFDSLEUTELS = {"aard_handicap", "basisbehoeften", "domeinen"}


def leeg_schema() -> dict[str, Any]:
    return {
        "aard_handicap": "",
        "basisbehoeften": {b: [] for b in BASISBEHOEFTEN},
        "domeinen": {d: dict.fromkeys(KOLOMMEN, "") for d in DOMEINEN},
    }


def _opties(d: dict[str, str]) -> str:
    return ", ".join(d)


def valideer_inventarisatie(schema: object) -> dict[str, Any]:
    """Controleer de vorm en geef een volledig schema terug (ontbrekende delen leeg).

    Weigert met een ``ValidationError`` die per pad (``inventarisatie.domeinen.x``) zegt
    wat fout is en wat wel mag. Deels invullen mag; :func:`inventarisatie_ontbrekend`
    zegt wat er nog ontbreekt.
    """
    fouten: dict[str, list[str]] = {}

    def fout(pad: str, tekst: str) -> None:
        fouten.setdefault(f"inventarisatie{'.' + pad if pad else ''}", []).append(tekst)

    if not isinstance(schema, dict):
        raise ValidationError(
            {"inventarisatie": "verwacht een object met aard_handicap, basisbehoeften, domeinen"}
        )
    uit = leeg_schema()
    for sleutel in sorted(set(schema) - _HOOFDSLEUTELS):
        fout(sleutel, f"onbekend onderdeel; toegestaan: {', '.join(sorted(_HOOFDSLEUTELS))}")

    aard = schema.get("aard_handicap", "")
    if not isinstance(aard, str):
        fout("aard_handicap", "verwacht tekst")
    else:
        uit["aard_handicap"] = aard.strip()

    behoeften = schema.get("basisbehoeften", {})
    if not isinstance(behoeften, dict):
        fout("basisbehoeften", f"verwacht een object met {_opties(BASISBEHOEFTEN)}")
    else:
        for sleutel, items in behoeften.items():
            if sleutel not in BASISBEHOEFTEN:
                fout(
                    f"basisbehoeften.{sleutel}",
                    f"onbekende basisbehoefte; toegestaan: {_opties(BASISBEHOEFTEN)}",
                )
                continue
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                fout(f"basisbehoeften.{sleutel}", "verwacht een lijst teksten")
                continue
            schoon = [i.strip() for i in items if i.strip()]
            if len(schoon) > MAX_ITEMS:
                fout(
                    f"basisbehoeften.{sleutel}",
                    f"hoogstens {MAX_ITEMS} centrale belemmeringen per basisbehoefte "
                    f"(002, 4.3); gegeven: {len(schoon)}",
                )
                continue
            uit["basisbehoeften"][sleutel] = schoon

    domeinen = schema.get("domeinen", {})
    if not isinstance(domeinen, dict):
        fout("domeinen", f"verwacht een object met {_opties(DOMEINEN)}")
    else:
        for domein, kolommen in domeinen.items():
            if domein not in DOMEINEN:
                fout(f"domeinen.{domein}", f"onbekend domein; toegestaan: {_opties(DOMEINEN)}")
                continue
            if not isinstance(kolommen, dict):
                fout(f"domeinen.{domein}", f"verwacht een object met {_opties(KOLOMMEN)}")
                continue
            for kolom, tekst in kolommen.items():
                if kolom not in KOLOMMEN:
                    fout(
                        f"domeinen.{domein}.{kolom}",
                        f"onbekende kolom; toegestaan: {_opties(KOLOMMEN)}",
                    )
                elif not isinstance(tekst, str):
                    fout(f"domeinen.{domein}.{kolom}", "verwacht tekst")
                else:
                    uit["domeinen"][domein][kolom] = tekst.strip()
    if fouten:
        raise ValidationError(fouten)
    return uit


def inventarisatie_ontbrekend_in(schema: dict[str, Any]) -> dict[str, str]:
    """Wat een (gevalideerd) schema nog mist; pad -> omschrijving."""
    volledig = {**leeg_schema(), **schema} if schema else leeg_schema()
    fouten: dict[str, str] = {}
    if not volledig.get("aard_handicap"):
        fouten["aard_handicap"] = "de aard van de handicap en de problemen waarin die zich uit"
    behoeften = volledig.get("basisbehoeften") or {}
    if not any(behoeften.get(b) for b in BASISBEHOEFTEN):
        fouten["basisbehoeften"] = (
            "ten minste één centrale belemmering bij autonomie, competentie of relatie"
        )
    domeinen = volledig.get("domeinen") or {}
    for domein, naam in DOMEINEN.items():
        rij = domeinen.get(domein) or {}
        for kolom in VERPLICHTE_KOLOMMEN:
            if not (rij.get(kolom) or "").strip():
                fouten[f"domeinen.{domein}.{kolom}"] = f"{naam}: '{KOLOMMEN[kolom]}'"
    return fouten


def inventarisatie_ontbrekend(zaak: Toelatingszaak) -> dict[str, str]:
    fouten = inventarisatie_ontbrekend_in(zaak.inventarisatie or {})
    if zaak.inventarisatie_op is None:
        fouten["inventarisatie_op"] = "de datum van de inventarisatie"
    return fouten
