"""De formulieren van de leerlingpagina's: alleen invoer lezen. Wat de school invult,
toetsen de services (:mod:`rugzak.leerlingen.services`); hun fouten komen naast het veld
(:func:`rugzak.gedeeld.web.formulieren.uitvoeren`)."""

from __future__ import annotations

from typing import Any

from django import forms

from rugzak.gedeeld.web.formulieren import Invoerformulier, datumveld, tekstregel
from rugzak.leerlingen.models import Geslacht, OuderRelatie, Uitschrijfreden
from rugzak.leerlingen.services import BestaandeOuder, NieuweOuder

_LEEG = ("", "— kies —")

GROEPEN = [_LEEG, *((str(g), f"groep {g}") for g in range(1, 9))]
LEERJAREN = [_LEEG, *((str(j), f"leerjaar {j}") for j in range(1, 7))]

#: Hulptekst per uitschrijfreden: wat er daarna bij de bekostigingsinstantie gebeurt (004).
REDEN_HULP = {
    Uitschrijfreden.ANDERE_REGULIERE_SCHOOL: "Uw school hoeft bij de bekostigingsinstantie "
    "niets te doen; de bekostiging loopt dit schooljaar door en stopt daarna.",
    Uitschrijfreden.NAAR_VSO: "Bij een verwerkte melding stuurt rugzak de terugmelding "
    "(binnen zes weken en vóór het einde van het schooljaar).",
    Uitschrijfreden.GEEN_ONDERWIJS: "Bij een verwerkte melding stuurt rugzak de terugmelding "
    "(binnen zes weken en vóór het einde van het schooljaar).",
}


def _geheel(waarde: object) -> int | None:
    return int(str(waarde)) if waarde not in (None, "") else None


class _Basis(Invoerformulier):
    pass


def _ouder_uit(d: dict[str, Any]) -> NieuweOuder | BestaandeOuder:
    soort = d.get("ouder_soort") or OuderRelatie.Soort.OUDER
    if d.get("ouder_keuze") == "bestaand":
        return BestaandeOuder(gebruikersnaam=d.get("ouder_gebruikersnaam") or "", soort=soort)
    return NieuweOuder(
        voornaam=d.get("ouder_voornaam") or "",
        achternaam=d.get("ouder_achternaam") or "",
        email=d.get("ouder_email") or "",
        soort=soort,
    )


class KlasVelden(_Basis):
    groep = forms.ChoiceField(
        label="Groep", choices=GROEPEN, required=False, help_text="In het (s)bao en so."
    )
    leerjaar = forms.ChoiceField(
        label="Leerjaar", choices=LEERJAREN, required=False, help_text="In het vo, vso en mbo."
    )

    def klas(self) -> dict[str, int | None]:
        d = self.cleaned_data
        return {"groep": _geheel(d.get("groep")), "leerjaar": _geheel(d.get("leerjaar"))}


class OuderVelden(_Basis):
    """Een ouder koppelen: een nieuw account of een bestaand (I-45)."""

    ouder_keuze = forms.ChoiceField(
        label="Ouder of verzorger",
        choices=[
            ("nieuw", "nieuw ouderaccount maken"),
            ("bestaand", "bestaand ouderaccount koppelen (bv. van een broer of zus)"),
        ],
        widget=forms.RadioSelect,
        initial="nieuw",
    )
    ouder_voornaam = tekstregel("Voornaam van de ouder", hulp="Bij een nieuw account.", lengte=150)
    ouder_achternaam = tekstregel(
        "Achternaam van de ouder", hulp="Bij een nieuw account.", lengte=150
    )
    ouder_email = forms.CharField(
        label="E-mailadres van de ouder",
        required=False,
        max_length=150,
        help_text="Bij een nieuw account; het wordt de gebruikersnaam. U krijgt één keer een "
        "beginwachtwoord te zien dat u de ouder zelf geeft.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    ouder_gebruikersnaam = tekstregel(
        "Gebruikersnaam van de bestaande ouder", hulp="Bij een bestaand account.", lengte=150
    )
    ouder_soort = forms.ChoiceField(
        label="Relatie tot de leerling", choices=OuderRelatie.Soort.choices, initial="ouder"
    )

    def ouder(self) -> NieuweOuder | BestaandeOuder:
        return _ouder_uit(self.cleaned_data)


class OuderFormulier(OuderVelden):
    pass


class RegistratieFormulier(KlasVelden):
    """Een nieuwe leerling met inschrijving en (eventueel) een ouder, in één keer."""

    school = forms.TypedChoiceField(label="School", coerce=int)
    voornaam = tekstregel("Voornaam", verplicht=True, lengte=100)
    tussenvoegsel = tekstregel("Tussenvoegsel", lengte=20)
    achternaam = tekstregel("Achternaam", verplicht=True, lengte=100)
    geboortedatum = datumveld("Geboortedatum", verplicht=True)
    geslacht = forms.ChoiceField(label="Geslacht", choices=Geslacht.choices, initial="o")
    adres = tekstregel("Adres", verplicht=True, hulp="Straat en huisnummer.", lengte=200)
    postcode = tekstregel(
        "Postcode", verplicht=True, hulp="Vier cijfers en twee letters, bv. 3811 AB.", lengte=10
    )
    woonplaats = tekstregel("Woonplaats", verplicht=True, lengte=100)
    van = datumveld(
        "Ingeschreven vanaf",
        verplicht=True,
        hulp="De eerste schooldag; mag in de toekomst liggen.",
    )
    met_ouder = forms.BooleanField(
        label="Nu ook een ouder of verzorger koppelen", required=False, initial=True
    )
    dubbel_bevestigd = forms.BooleanField(
        label="Ik heb gecontroleerd dat dit een ander kind is dan de leerling met dezelfde naam "
        "en geboortedatum",
        required=False,
    )

    def __init__(self, *args: Any, scholen: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = scholen  # type: ignore[attr-defined]
        ouder = OuderVelden()
        for naam, veld in ouder.fields.items():
            self.fields[naam] = veld
        self.fields["ouder_keuze"].required = False
        self.fields["ouder_soort"].required = False

    def leerling(self) -> dict[str, Any]:
        d = self.cleaned_data
        velden = ("voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "geslacht",
                  "adres", "postcode", "woonplaats", "van")  # fmt: skip
        return {v: d[v] for v in velden} | self.klas()

    def ouder(self) -> NieuweOuder | BestaandeOuder | None:
        if not self.cleaned_data.get("met_ouder"):
            return None
        return _ouder_uit(self.cleaned_data)


class InschrijvenFormulier(KlasVelden):
    school = forms.TypedChoiceField(label="School", coerce=int)
    van = datumveld("Ingeschreven vanaf", verplicht=True)

    def __init__(self, *args: Any, scholen: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = scholen  # type: ignore[attr-defined]


class KlasFormulier(KlasVelden):
    pass


class UitschrijvenFormulier(_Basis):
    tot = datumveld(
        "Laatste schooldag", verplicht=True, hulp="De laatste dag dat de leerling op uw school "
        "ingeschreven staat."
    )  # fmt: skip
    reden = forms.ChoiceField(
        label="Reden van uitschrijving",
        choices=Uitschrijfreden.choices,
        widget=forms.RadioSelect,
        help_text=" ".join(
            f"{Uitschrijfreden(k).label}: {REDEN_HULP[Uitschrijfreden(k)]}"
            for k in Uitschrijfreden.values
        ),
    )


class ZmlFormulier(_Basis):
    groep_3_per = datumveld("In groep 3 per", verplicht=True)
