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
- :class:`Datumveld` (:func:`datumveld`) en :class:`Getalveld` (:func:`getalveld`):
  tekstvelden die de server leest. Een onmogelijke datum ("31-02-2012") of een getal als
  "3e" is een fout naast het veld, nooit een lege waarde; een opgeslagen datum wissen
  kan alleen met het vinkje "Opgeslagen datum wissen" (:class:`Versieformulier`
  controleert dat), anders blijft hij staan en wordt er niets opgeslagen;
- :func:`tekstvak`: een ``<textarea>``.

Waarom geen ``<input type="date">``: de browser stuurt bij een onmogelijke datum een
lege waarde (de formulieren hebben ``novalidate``), en de server kan "leeg" dan niet
onderscheiden van "gewist". Zo ging een opgeslagen datum verloren (issue 15).

Een ``GeenToegang`` gaat gewoon door: Django maakt er een 403 van.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect

from rugzak.gedeeld.datumtekst import (
    Datumfout,
    iso_naar_nl,
    korte_datum,
    lange_datum,
    lees_datum,
)
from rugzak.gedeeld.fouten import GelijktijdigeWijziging
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron

T = TypeVar("T")

#: Achtervoegsel van het vinkje waarmee een opgeslagen datum bewust gewist wordt.
WISSEN = "__wissen"

DATUMHULP = "Dag-maand-jaar, bijvoorbeeld 14-05-2012."


class Datuminvoer(forms.TextInput):
    """Een gewoon tekstveld voor een datum (geen ``type="date"``: zie boven)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, date):
            return korte_datum(value)
        return cast("str | None", super().format_value(value))


class DatumBoundField(forms.BoundField):
    """Een datumveld in een formulier, met wat het sjabloon nodig heeft voor het vinkje
    "Opgeslagen datum wissen"."""

    @property
    def opgeslagen(self) -> date | None:
        waarde = getattr(self.form, "opgeslagen", {}).get(self.name)
        return waarde if isinstance(waarde, date) else None

    @property
    def opgeslagen_tekst(self) -> str:
        return lange_datum(self.opgeslagen) if self.opgeslagen else ""

    @property
    def toon_wissen(self) -> bool:
        return bool(getattr(self.field, "wisbaar", False)) and self.opgeslagen is not None

    @property
    def wis_naam(self) -> str:
        return self.html_name + WISSEN

    @property
    def wis_id(self) -> str:
        return (self.auto_id or self.html_name) + WISSEN

    @property
    def wis_aangevinkt(self) -> bool:
        return self.form.is_bound and bool(self.form.data.get(self.wis_naam))


class Datumveld(forms.Field):
    """Een datum als tekst, op de server gelezen met :func:`lees_datum`: ``31-2-2012``,
    ``31-02-2012``, ``2012-02-29``, ``29 februari 2012``. Een onmogelijke datum of andere
    tekst is een fout bij het veld ("31 februari 2012 bestaat niet"). ``wisbaar``: een
    opgeslagen waarde mag met het vinkje gewist worden (standaard: als het veld niet
    verplicht is)."""

    widget = Datuminvoer

    def __init__(self, *, wisbaar: bool | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"required": "vul een datum in (dag-maand-jaar)"})
        super().__init__(**kwargs)
        self.wisbaar = (not self.required) if wisbaar is None else wisbaar

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return lees_datum(str(value))
        except Datumfout as e:
            raise ValidationError(str(e), code="invalid") from None

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> forms.BoundField:
        return DatumBoundField(form, self, field_name)


def datumveld(
    label: str, *, verplicht: bool = False, hulp: str = "", wisbaar: bool | None = None
) -> Datumveld:
    return Datumveld(
        label=label,
        required=verplicht,
        help_text=f"{hulp} {DATUMHULP}".strip(),
        wisbaar=wisbaar,
    )


class Getalinvoer(forms.TextInput):
    """Een tekstveld voor een heel getal (geen ``type="number"``: daar stuurt de browser
    bij "3e" een lege waarde)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})


class Getalveld(forms.Field):
    """Een heel getal van ``van`` tot en met ``tot``; "3e", "3,5" of "9" bij groep 1-8 is
    een fout bij het veld ("groep is een heel getal van 1 tot en met 8")."""

    widget = Getalinvoer

    def __init__(self, *, wat: str, van: int, tot: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.wat, self.van, self.tot = wat, van, tot

    def _fout(self, tekst: str) -> ValidationError:
        return ValidationError(
            f"{self.wat} is een heel getal van {self.van} tot en met {self.tot}"
            + (f"; '{tekst[:20]}' is dat niet" if tekst else ""),
            code="invalid",
        )

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            getal = value
        else:
            tekst = str(value).strip()
            if not tekst:
                return None
            if not (tekst.isascii() and tekst.isdigit()):
                raise self._fout(tekst)
            getal = int(tekst)
        if not self.van <= getal <= self.tot:
            raise self._fout(str(value).strip())
        return getal


def getalveld(
    label: str, *, wat: str, van: int, tot: int, verplicht: bool = False, hulp: str = ""
) -> Getalveld:
    return Getalveld(label=label, required=verplicht, help_text=hulp, wat=wat, van=van, tot=tot)


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


def bewaar_opgeslagen_datums(formulier: forms.BaseForm) -> None:
    """Een datumveld met een opgeslagen waarde (``formulier.opgeslagen``, niet ``initial``:
    dat is alleen een voorstel) dat leeg terugkomt, wist die
    waarde alleen als het vinkje "Opgeslagen datum wissen" aan staat; anders is het een
    fout bij het veld en wordt er niets uit het formulier opgeslagen. Aan te roepen vanuit
    ``clean()`` (:class:`Versieformulier` en :class:`Invoerformulier` doen dat)."""
    cleaned = getattr(formulier, "cleaned_data", None)
    if cleaned is None:
        return
    for naam, veld in formulier.fields.items():
        if not isinstance(veld, Datumveld) or naam not in cleaned or cleaned[naam] is not None:
            continue
        opgeslagen = getattr(formulier, "opgeslagen", {}).get(naam)
        if not isinstance(opgeslagen, date):
            continue
        wissen = bool(formulier.data.get(formulier.add_prefix(naam) + WISSEN))
        if wissen and veld.wisbaar:
            continue
        if veld.wisbaar:
            tekst = (
                f"het veld is leeg, maar er staat {lange_datum(opgeslagen)} opgeslagen; die "
                "blijft staan. Wilt u de datum wissen, vink dan 'Opgeslagen datum wissen' aan"
            )
        else:
            tekst = (
                f"het veld is leeg; de opgeslagen datum {lange_datum(opgeslagen)} kan niet "
                "gewist worden, alleen veranderd"
            )
        formulier.add_error(naam, tekst)


class Invoerformulier(forms.Form):
    """Basis van een formulier zonder versie: geen dubbele punt achter het label, en een
    opgeslagen datum wordt niet stil gewist (:func:`bewaar_opgeslagen_datums`).

    ``opgeslagen``: de waarden die nu opgeslagen zijn (veldnaam -> waarde), bij het tonen
    én bij het verwerken van het formulier; ``initial`` blijft een voorstel (vandaag, de
    plaatsingsdatum) en telt niet als opgeslagen."""

    def __init__(
        self, *args: Any, opgeslagen: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.opgeslagen: dict[str, Any] = dict(opgeslagen or {})

    def clean(self) -> dict[str, Any]:
        schoon = super().clean()
        bewaar_opgeslagen_datums(self)
        return schoon if schoon is not None else self.cleaned_data


class Versieformulier(Invoerformulier):
    """Basis van elk formulier dat een zaak wijzigt: de versie die de gebruiker las."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


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
        formulier.add_error(None, [iso_naar_nl(t) for t in fout.messages])
        return
    for sleutel, ruw in fout.message_dict.items():
        teksten = [iso_naar_nl(t) for t in ruw]
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
        formulier.add_error(veld if veld in formulier.fields else None, iso_naar_nl(str(e)))
    except (NietToegestaan, OntbrekendeBron) as e:
        formulier.add_error(None, iso_naar_nl(str(e)))
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
