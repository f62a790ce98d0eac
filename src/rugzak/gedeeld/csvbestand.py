"""CSV voor Nederlandse spreadsheets (issue 15), één keuze voor elke export:

- UTF-8 met BOM (anders leest Excel "geïndiceerd" als "geÃ¯ndiceerd");
- puntkomma als scheidingsteken en regeleinde CRLF (Nederlandse Excel en LibreOffice
  openen het bestand zo met een dubbelklik in kolommen);
- bedragen met een decimale komma en zonder duizendtallen (``1234,50``), zodat Excel ze
  als getal leest en niet als tekst of als 123450;
- leesbare Nederlandse kolomkoppen; codes in de cellen als hun omschrijving;
- datums in de datakolommen als ISO (``2011-09-05``, maand ``2011-09``): dat leest elke
  spreadsheet als datum, in elke taalinstelling;
- als download (:func:`csv_antwoord`, in de webtoepassing en de API): een bijlage met een
  bestandsnaam, en nooit in een cache (een export bevat gegevens over leerlingen).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

BOM = "\ufeff"


def bedrag(waarde: Decimal) -> str:
    """``Decimal("1234.5")`` -> ``"1234,50"``."""
    return f"{waarde:.2f}".replace(".", ",")


def csv_tekst(koppen: Sequence[str], rijen: Iterable[Sequence[object]]) -> str:
    """De kopregel en de rijen als CSV-tekst, met BOM (zie boven)."""
    uit = io.StringIO()
    uit.write(BOM)
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(koppen)
    schrijver.writerows(rijen)
    return uit.getvalue()


def csv_antwoord(tekst: str, bestandsnaam: str) -> HttpResponse:
    """De CSV-tekst als download ``bestandsnaam``; niet bewaren in caches."""
    antwoord = HttpResponse(tekst, content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    antwoord["Cache-Control"] = "no-store, private"
    return antwoord
