"""Gedeelde hulp voor de formulieren van de zaak-apps (POST, redirect, GET).

Een formulier van de webtoepassing leest alleen invoer; de service die het aanroept,
controleert toegang, versie en voorwaarden. Wat de service weigert, komt hier naast het
juiste veld te staan (of bovenaan als er geen passend veld is), en alles wat de gebruiker
typte blijft staan:

- :func:`uitvoeren`: valideer het formulier, roep de service aan, zet fouten van de
  service (``ValidationError`` met veldsleutels), van de regelkern (``OngeldigeInvoer``,
  ``NietToegestaan``, ``OntbrekendeBron``) en een verouderde versie
  (``GelijktijdigeWijziging``) op het formulier;
- :class:`Versieformulier`: het verborgen veld ``versie`` (optimistische gelijktijdigheid);
- :func:`datumveld`, :func:`tekstvak`: velden met een ``<input type="date">`` en een
  ``<textarea>``.

Een ``GeenToegang`` gaat gewoon door: Django maakt er een 403 van.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect

from rugzak.gedeeld.fouten import GelijktijdigeWijziging
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron

T = TypeVar("T")

DATUMNOTATIE = "%Y-%m-%d"


class Datuminvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=DATUMNOTATIE)


def datumveld(label: str, *, verplicht: bool = False, hulp: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=verplicht,
        help_text=hulp,
        widget=Datuminvoer(),
        input_formats=[DATUMNOTATIE, "%d-%m-%Y"],
    )


def tekstvak(
    label: str, *, verplicht: bool = False, hulp: str = "", regels: int = 3
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=verplicht,
        help_text=hulp,
        widget=forms.Textarea(attrs={"rows": regels}),
    )


def tekstregel(
    label: str, *, verplicht: bool = False, hulp: str = "", lengte: int = 200
) -> forms.CharField:
    return forms.CharField(label=label, required=verplicht, help_text=hulp, max_length=lengte)


class Versieformulier(forms.Form):
    """Basis van elk formulier dat een zaak wijzigt: de versie die de gebruiker las."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _leesbaar(sleutel: str) -> str:
    return sleutel.replace("__", " ").replace("_", " ").replace(".", ": ")


def fouten_overnemen(
    formulier: forms.Form,
    fout: ValidationError,
    *,
    vertaling: Mapping[str, str] | Callable[[str], str | None] | None = None,
) -> None:
    """Zet de fouten van een ``ValidationError`` op het formulier: een sleutel die een veld
    is (eventueel via ``vertaling``) naast dat veld, de rest bovenaan met de sleutel erbij
    (vertaalt ``vertaling`` een sleutel naar ``""``, dan zonder sleutel)."""
    if not hasattr(fout, "error_dict"):
        formulier.add_error(None, fout.messages)
        return
    for sleutel, teksten in fout.message_dict.items():
        veld: str | None
        if callable(vertaling):
            veld = vertaling(sleutel)
        elif vertaling is not None:
            veld = vertaling.get(sleutel, sleutel)
        else:
            veld = sleutel
        if veld is not None and veld in formulier.fields and veld != "versie":
            formulier.add_error(veld, list(teksten))
        elif veld == "" or sleutel == "__all__":
            formulier.add_error(None, list(teksten))
        else:
            formulier.add_error(None, [f"{_leesbaar(sleutel)}: {t}" for t in teksten])


def _nieuwe_versie(formulier: forms.Form, versie: int | None) -> None:
    """Zet de huidige versie in het formulier, zodat de gebruiker na controle bewust
    opnieuw kan versturen; de rest van de invoer blijft zoals hij was."""
    if versie is None or "versie" not in formulier.fields:
        return
    data = formulier.data.copy()  # type: ignore[attr-defined]
    data[formulier.add_prefix("versie")] = str(versie)
    formulier.data = data


def uitvoeren(
    formulier: forms.Form,
    doe: Callable[[dict[str, Any]], T],
    *,
    vertaling: Mapping[str, str] | Callable[[str], str | None] | None = None,
) -> T | None:
    """Valideer ``formulier`` en roep ``doe(cleaned_data)`` aan (één service). Geeft de
    uitkomst, of None als er fouten zijn; die staan dan op het formulier."""
    if not formulier.is_valid():
        return None
    try:
        return doe(formulier.cleaned_data)
    except ValidationError as e:
        fouten_overnemen(formulier, e, vertaling=vertaling)
    except GelijktijdigeWijziging as e:
        formulier.add_error(
            None,
            f"{e} Uw invoer staat hieronder nog: controleer de zaak en verstuur opnieuw.",
        )
        _nieuwe_versie(formulier, e.huidige_versie)
    except OngeldigeInvoer as e:
        veld = e.veld
        if callable(vertaling):
            veld = vertaling(e.veld) or e.veld
        elif vertaling is not None:
            veld = vertaling.get(e.veld, e.veld)
        formulier.add_error(veld if veld in formulier.fields else None, str(e))
    except (NietToegestaan, OntbrekendeBron) as e:
        formulier.add_error(None, str(e))
    return None


def ingelogd(request: HttpRequest) -> Gebruiker:
    """De ingelogde gebruiker (na ``login_required``)."""
    return cast(Gebruiker, request.user)


def gelukt(request: HttpRequest, tekst: str, naar: str) -> HttpResponseRedirect:
    """Na een geslaagde handeling: een melding voor de volgende pagina en een redirect
    (POST/redirect/GET), zodat vernieuwen niets dubbel doet."""
    messages.success(request, tekst)
    return HttpResponseRedirect(naar)


def met_fouten(formulieren: Iterable[forms.Form | None]) -> list[forms.Form]:
    """De formulieren met fouten (voor het overzicht bovenaan de pagina)."""
    return [f for f in formulieren if f is not None and f.is_bound and f.errors]
