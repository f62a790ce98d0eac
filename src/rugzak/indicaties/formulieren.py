"""De formulieren van de webpagina's van de indicatieaanvraag (CvI): alleen invoer lezen.
Wat verplicht is en wat mag, zeggen de services en de regelkern."""

from __future__ import annotations

from typing import Any

from django import forms

from rugzak.gedeeld.web.formulieren import Versieformulier, datumveld, tekstregel, tekstvak
from rugzak.indicaties.models import Stuksoort
from rugzak.regeling.begrippen import Cluster, Onderwijssoort


class StukFormulier(Versieformulier):
    soort = forms.ChoiceField(label="Soort stuk", choices=Stuksoort.choices)
    ontvangen_op = datumveld("Ontvangen op", verplicht=True)
    opgesteld_door = forms.TypedChoiceField(
        label="Opgesteld door (school)",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Verplicht bij het onderwijskundig rapport: de school die de leerling bezoekt.",
    )
    omschrijving = tekstregel("Omschrijving")

    def __init__(self, *args: Any, scholen: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opgesteld_door"].choices = [("", "— geen school —"), *scholen]  # type: ignore[attr-defined]


class VolledigFormulier(Versieformulier):
    op = datumveld(
        "Dossier volledig op", verplicht=True, hulp="Vanaf deze dag loopt de beslistermijn."
    )
    toelichting = tekstvak("Toelichting")


class VerlengenFormulier(Versieformulier):
    op = datumveld("Verlengd op", verplicht=True)
    toelichting = tekstvak(
        "Reden van de verlenging", hulp="Verlengen mag één keer, vóór het einde van de termijn."
    )


class PositiefFormulier(Versieformulier):
    onderwijssoort = forms.ChoiceField(label="Onderwijssoort (toelaatbaar tot)")
    syndroom_van_down = forms.BooleanField(
        label="De leerling heeft het syndroom van Down", required=False
    )
    op = datumveld("Besloten op", verplicht=True)
    toelichting = tekstvak("Overwegingen van de commissie")

    def __init__(self, *args: Any, cluster: Cluster | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["onderwijssoort"].choices = [  # type: ignore[attr-defined]
            (o.value, o.omschrijving)
            for o in Onderwijssoort
            if cluster is None or o.cluster is cluster
        ]


class NegatiefFormulier(Versieformulier):
    op = datumveld("Besloten op", verplicht=True)
    redenen = tekstvak("Redenen", hulp="Welke criteria niet vervuld zijn; één reden per regel.")


class IntrekkenFormulier(Versieformulier):
    op = datumveld("Ingetrokken op", verplicht=True)
    toelichting = tekstvak("Toelichting")


class AdviesFormulier(Versieformulier):
    """Het advies van een lid van de CvI (I-150)."""

    oordeel = forms.ChoiceField(label="Uw advies", widget=forms.RadioSelect)
    onderwijssoort = forms.ChoiceField(
        label="Voorgestelde onderwijssoort",
        required=False,
        help_text="Alleen bij een positief advies; leeg laten als de commissie haar bepaalt.",
    )
    overwegingen = tekstvak(
        "Overwegingen", verplicht=True, hulp="Welke criteria wel of niet vervuld zijn."
    )
    op = datumveld("Geadviseerd op", verplicht=True)

    def __init__(self, *args: Any, cluster: Cluster | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from rugzak.indicaties.models import Adviesoordeel

        self.fields["oordeel"].choices = Adviesoordeel.choices  # type: ignore[attr-defined]
        self.fields["onderwijssoort"].choices = [  # type: ignore[attr-defined]
            ("", "— geen voorstel —"),
            *(
                (o.value, o.omschrijving)
                for o in Onderwijssoort
                if cluster is None or o.cluster is cluster
            ),
        ]
