"""De formulieren van de webpagina's van de toelatingszaak: alleen invoer lezen.

Welke gegevens in welke fase horen en wat een fase nog nodig heeft, staat in
:mod:`rugzak.toelating.overgangen`; de services controleren alles. Deze formulieren
zetten alleen tekst om in datums, keuzes en teksten, en houden vast wat de gebruiker
typte als de service iets weigert.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from rugzak.gedeeld.web.formulieren import (
    DATUMHULP,
    Datumveld,
    Versieformulier,
    datumveld,
    tekstvak,
)
from rugzak.gedeeld.web.leerlingkeuze import ONGELDIGE_LEERLING
from rugzak.toelating import overgangen
from rugzak.toelating.inventarisatie import BASISBEHOEFTEN, DOMEINEN, KOLOMMEN, MAX_ITEMS
from rugzak.toelating.models import (
    Toelatingszaak,
)

#: Tekstvelden die een tekstvak krijgen (de rest is een regel).
_LANGE_TEKST = {
    "communicatieafspraken",
    "gespreksverslag",
    "teamadvies_motivering",
    "advies_procedure",
    "advies_motieven",
    "weigering_redenen",
    "belanghebbenden_toelichting",
}

_HULP = {
    "uitnodiging_verstuurd_op": "De uitnodiging (002, bijlage 1) kunt u hieronder als brief maken.",
    "gesprek_gepland_op": "Een afspraak mag in de toekomst liggen.",
    "aanmelding_schriftelijk_op": "Vanaf deze dag lopen de acht weken voor een besluit.",
    "toestemming_derden_op": "Zonder schriftelijke toestemming mag de school geen gegevens "
    "bij derden opvragen (002, fase 2 en 4a).",
    "teamadvies_op": "Valt dit op de dag van de teambespreking, dan waarschuwt rugzak: fase 6 "
    "en 7 in één vergadering is in het algemeen niet wenselijk (002, fase 7).",
    "weigering_redenen": "Eén reden per regel; ze komen zo in de brief.",
    "wijst_op_bezwaar_beroep": "002, fase 11b: het besluit wijst op bezwaar en beroep.",
    "plaatsingsdatum": "Het handelingsplan moet binnen een maand na plaatsing klaar zijn.",
}


class GegevensFormulier(Versieformulier):
    """De gegevens van de huidige fase (:data:`overgangen.VELDEN`), velden in de volgorde
    van het model; niets is verplicht in het formulier: wat de fase nog nodig heeft, zegt
    :func:`overgangen.ontbrekend`, zodat halverwege opslaan kan."""

    def __init__(self, *args: Any, zaak: Toelatingszaak, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fase = overgangen.VELDEN.get(zaak.toestand)
        namen = fase.velden if fase else frozenset()
        for modelveld in Toelatingszaak._meta.concrete_fields:
            if modelveld.name not in namen:
                continue
            label = str(modelveld.verbose_name)[0].upper() + str(modelveld.verbose_name)[1:]
            hulp = _HULP.get(modelveld.name, "")
            veld: forms.Field | None
            if isinstance(modelveld, models.DateField):
                # Een tekstveld dat de server leest; een opgeslagen datum wissen kan alleen
                # met het vinkje (rugzak.gedeeld.web.formulieren.bewaar_opgeslagen_datums).
                veld = Datumveld(
                    label=label, required=False, help_text=f"{hulp} {DATUMHULP}".strip()
                )
            else:
                veld = modelveld.formfield()
                assert veld is not None
                veld.required = False
                veld.label = label
                veld.help_text = hulp
                if modelveld.name in _LANGE_TEKST:
                    veld.widget = forms.Textarea(attrs={"rows": 3})
            self.fields[modelveld.name] = veld
            # Ook bij een verstuurd formulier: de opgeslagen waarde, zodat een leeg
            # datumveld niet stil als "gewist" telt.
            self.opgeslagen[modelveld.name] = getattr(zaak, modelveld.name)
            if not self.is_bound:
                self.initial[modelveld.name] = getattr(zaak, modelveld.name)

    def gegevens(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "versie"}

    def als_invoer(self) -> dict[str, Any]:
        """De invoer zoals de API haar krijgt (``ToelatingGegevens``)."""
        return {"versie": self.cleaned_data["versie"], "gegevens": self.gegevens()}


class OntvangenFormulier(Versieformulier):
    verzoek = forms.IntegerField(widget=forms.HiddenInput)
    ontvangen_op = datumveld("Ontvangen op", verplicht=True)

    def als_invoer(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "versie": d["versie"],
            "verzoek_id": d["verzoek"],
            "ontvangen_op": d["ontvangen_op"],
        }


class InventarisatieFormulier(Versieformulier):
    """Het schema inventarisatie (002, 4.3): de aard van de handicap, per basisbehoefte
    hoogstens drie centrale belemmeringen, en acht domeinen met vier kolommen."""

    op = datumveld("Inventarisatie vastgelegd op", verplicht=True)
    aard_handicap = tekstvak("Aard van de handicap en de problemen waarin die zich uit")

    def __init__(self, *args: Any, zaak: Toelatingszaak, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema = zaak.inventarisatie or {}
        behoeften = schema.get("basisbehoeften") or {}
        domeinen = schema.get("domeinen") or {}
        if not self.is_bound:
            self.initial["aard_handicap"] = schema.get("aard_handicap", "")
            self.initial["op"] = zaak.inventarisatie_op
        for b, naam in BASISBEHOEFTEN.items():
            items = list(behoeften.get(b) or [])
            for i in range(1, MAX_ITEMS + 1):
                veld = f"b_{b}_{i}"
                self.fields[veld] = forms.CharField(
                    label=f"{naam.capitalize()}: belemmering {i}", required=False, max_length=500
                )
                if not self.is_bound:
                    self.initial[veld] = items[i - 1] if i <= len(items) else ""
        for d, naam in DOMEINEN.items():
            rij = domeinen.get(d) or {}
            for k, kolom in KOLOMMEN.items():
                veld = f"d_{d}_{k}"
                self.fields[veld] = forms.CharField(
                    label=f"{naam.capitalize()}: {kolom}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                if not self.is_bound:
                    self.initial[veld] = rij.get(k, "")

    def rijen(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Per domein de vier velden, voor de tabel."""
        return [(naam, [self[f"d_{d}_{k}"] for k in KOLOMMEN]) for d, naam in DOMEINEN.items()]

    def behoeften(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (naam, [self[f"b_{b}_{i}"] for i in range(1, MAX_ITEMS + 1)])
            for b, naam in BASISBEHOEFTEN.items()
        ]

    @staticmethod
    def kolommen() -> list[str]:
        return list(KOLOMMEN.values())

    def als_invoer(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"versie": d["versie"], "op": d["op"], "schema": self.schema()}

    def schema(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "aard_handicap": d.get("aard_handicap", ""),
            "basisbehoeften": {
                b: [d.get(f"b_{b}_{i}", "") for i in range(1, MAX_ITEMS + 1) if d.get(f"b_{b}_{i}")]
                for b in BASISBEHOEFTEN
            },
            "domeinen": {dom: {k: d.get(f"d_{dom}_{k}", "") for k in KOLOMMEN} for dom in DOMEINEN},
        }


def inventarisatie_veld(sleutel: str) -> str | None:
    """Van een foutsleutel van de service (``inventarisatie.domeinen.x.y``) naar het veld."""
    delen = sleutel.split(".")
    if delen and delen[0] == "inventarisatie":
        delen = delen[1:]
    if not delen:
        return "aard_handicap"
    if delen[0] == "aard_handicap":
        return "aard_handicap"
    if delen[0] == "basisbehoeften" and len(delen) >= 2:
        return f"b_{delen[1]}_1"
    if delen[0] == "domeinen" and len(delen) >= 3:
        return f"d_{delen[1]}_{delen[2]}"
    if delen[0] in ("inventarisatie_op", "op"):
        return "op"
    return None


class StartFormulier(forms.Form):
    """Een nieuwe toelatingszaak: welke leerling, bij welke school, sinds wanneer."""

    school = forms.TypedChoiceField(label="School", coerce=int)
    leerling = forms.ChoiceField(
        label="Leerling",
        help_text="Een leerling die u al ziet. Staat het kind nog niet in rugzak, registreer "
        "het dan eerst via 'Nieuwe leerling' (met inschrijving en ouder).",
        error_messages={"invalid_choice": ONGELDIGE_LEERLING},
    )
    verzoek_op = datumveld("Verzoek om plaatsing op", verplicht=True)

    def __init__(
        self,
        *args: Any,
        scholen: list[tuple[int, str]],
        leerlingen: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = scholen  # type: ignore[attr-defined]
        self.fields["leerling"].choices = [("", "— kies een leerling —"), *leerlingen]  # type: ignore[attr-defined]
