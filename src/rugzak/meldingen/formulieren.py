"""De formulieren van de webpagina's van melding en terugmelding: alleen invoer lezen.

Het meldingsformulier heeft geen verplichte velden in Django: de regelkern
(:func:`rugzak.regeling.regels.melding.melding_uit_formulier`, via
:func:`rugzak.meldingen.services.melding_indienen`) beoordeelt het formulier en noemt élk
ontbrekend of ongeldig veld tegelijk; die fouten komen naast de velden.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from rugzak.gedeeld.web.formulieren import datumveld
from rugzak.gedeeld.web.leerlingkeuze import ONGELDIGE_LEERLING
from rugzak.indicaties.models import ONDERWIJSSOORT_KEUZES
from rugzak.meldingen.models import (
    LEERWEG_KEUZES,
    MBO_NIVEAU_KEUZES,
    SCHOOLSOORT_KEUZES,
    VO_VARIANT_KEUZES,
)

_LEEG = ("", "— kies —")


def _keuze(label: str, keuzes: list[tuple[str, str]], hulp: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[_LEEG, *keuzes], required=False, help_text=hulp)


class MeldingFormulier(forms.Form):
    """Het meldingsformulier van de bekostigingsinstantie (004), één leerling per formulier."""

    leerling = forms.ChoiceField(
        label="Leerling", required=False, error_messages={"invalid_choice": ONGELDIGE_LEERLING}
    )
    school = forms.TypedChoiceField(label="Meldende school", coerce=int)
    inschrijvingsdatum = datumveld("Datum van inschrijving")
    schoolsoort = _keuze("Schoolsoort", SCHOOLSOORT_KEUZES)
    groep = _keuze("Groep", [(str(g), f"groep {g}") for g in range(1, 9)], "Alleen in het (s)bao.")
    leerjaar = _keuze(
        "Leerjaar", [(str(j), f"leerjaar {j}") for j in range(1, 7)], "Alleen in het vo en mbo."
    )
    vo_variant = _keuze("Soort voortgezet onderwijs", VO_VARIANT_KEUZES, "Alleen in het vo.")
    mbo_niveau = _keuze("Mbo-niveau", MBO_NIVEAU_KEUZES, "Alleen in het mbo.")
    leerweg = _keuze("Leerweg", LEERWEG_KEUZES, "Alleen in het mbo.")
    cvi_nummer = forms.CharField(label="CvI-nummer", required=False, max_length=40)
    indicatiedatum = datumveld("Datum van indicatiestelling")
    onderwijssoort = _keuze("Onderwijssoort (van de indicatie)", list(ONDERWIJSSOORT_KEUZES))
    herindicatie = forms.BooleanField(label="Dit is een herindicatie", required=False)
    vorig_cvi_nummer = forms.CharField(
        label="Vorig CvI-nummer", required=False, max_length=40, help_text="Bij een herindicatie."
    )
    ab_verzorger = forms.ChoiceField(
        label="(V)so-school of AB-dienst die de ambulante begeleiding verzorgt", required=False
    )
    schoolwisseling = forms.BooleanField(
        label="De leerling komt van een andere school", required=False
    )
    vorige_school = forms.CharField(
        label="Vorige school (BRIN-nummer)",
        required=False,
        max_length=10,
        help_text="Bij een wijziging van school: het BRIN-nummer van de vorige school, twee "
        "cijfers en twee letters (bv. 12AB).",
    )
    aanvullende_formatie_2003 = _keuze(
        "Aanvullende formatie 2003-2004 toegekend", [("ja", "ja"), ("nee", "nee")],
        "Alleen voor leerlingen die in 2003-2004 al aanvullende formatie hadden.",
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        leerlingen: list[tuple[str, str]],
        scholen: list[tuple[int, str]],
        ab_verzorgers: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["leerling"].choices = [("", "— kies een leerling —"), *leerlingen]  # type: ignore[attr-defined]
        self.fields["school"].choices = scholen  # type: ignore[attr-defined]
        self.fields["ab_verzorger"].choices = [_LEEG, *((str(k), v) for k, v in ab_verzorgers)]  # type: ignore[attr-defined]

    def clean_vorige_school(self) -> str:
        """Het BRIN-nummer in hoofdletters zonder spaties; de view zoekt de school erbij."""
        tekst = "".join(str(self.cleaned_data.get("vorige_school") or "").split()).upper()
        if tekst and not re.fullmatch(r"[0-9]{2}[A-Z]{2}", tekst):
            raise forms.ValidationError(
                f"vul het BRIN-nummer van de vorige school in: twee cijfers en twee letters, "
                f"bv. 12AB (niet {tekst!r})"
            )
        return tekst

    def gegevens(self) -> dict[str, object]:
        """De velden van het formulier zoals de school ze invulde, voor de service."""
        d = self.cleaned_data
        uit: dict[str, object] = {}
        for veld in (
            "inschrijvingsdatum", "schoolsoort", "groep", "leerjaar", "vo_variant", "mbo_niveau",
            "leerweg", "cvi_nummer", "indicatiedatum", "onderwijssoort", "vorig_cvi_nummer",
            "ab_verzorger", "vorige_school", "aanvullende_formatie_2003",
        ):  # fmt: skip
            waarde = d.get(veld)
            if waarde not in (None, ""):
                uit[veld] = waarde
        uit["herindicatie"] = bool(d.get("herindicatie"))
        uit["schoolwisseling"] = bool(d.get("schoolwisseling"))
        if "aanvullende_formatie_2003" in uit:
            uit["aanvullende_formatie_2003"] = uit["aanvullende_formatie_2003"] == "ja"
        return uit
