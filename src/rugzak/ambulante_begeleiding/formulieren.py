"""De formulieren van de begeleidingspagina (AB-dienst en school): alleen invoer lezen.
Wat mag en wat verplicht is, toetsen de services en de regelkern."""

from __future__ import annotations

from typing import Any

from django import forms

from rugzak.gedeeld.web.formulieren import Versieformulier, datumveld, tekstvak


class _Begeleiderkeuze(forms.TypedChoiceField):
    def __init__(self, *, verplicht: bool, **kwargs: Any) -> None:
        super().__init__(coerce=int, required=verplicht, empty_value=None, **kwargs)


def _keuzes(begeleiders: list[tuple[int, str]], *, leeg: str | None) -> list[tuple[Any, str]]:
    return ([("", leeg)] if leeg is not None else []) + list(begeleiders)


class ToewijzenFormulier(Versieformulier):
    begeleider = _Begeleiderkeuze(
        verplicht=True,
        label="Ambulant begeleider",
        help_text="Een ambulant begeleider van uw dienst; hij of zij ziet daarna deze leerling.",
    )

    def __init__(self, *args: Any, begeleiders: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["begeleider"].choices = _keuzes(begeleiders, leeg="— kies —")  # type: ignore[attr-defined]


class StartenFormulier(Versieformulier):
    op = datumveld(
        "Start op",
        verplicht=True,
        hulp="De dag waarop de begeleiding begint (niet in de toekomst).",
    )
    begeleider = _Begeleiderkeuze(
        verplicht=False,
        label="Ambulant begeleider",
        help_text="Mag ook later; tot dan staat er 'nog niet toegewezen'.",
    )
    toelichting = tekstvak("Toelichting")

    def __init__(self, *args: Any, begeleiders: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["begeleider"].choices = _keuzes(begeleiders, leeg="— later kiezen —")  # type: ignore[attr-defined]


class AfwijzenFormulier(Versieformulier):
    op = datumveld("Afgewezen op", verplicht=True)
    reden = tekstvak("Reden van de afwijzing", verplicht=True, hulp="De school ziet deze reden.")

    def __init__(self, *args: Any, begeleiders: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class BeeindigenFormulier(Versieformulier):
    op = datumveld("Beëindigd op", verplicht=True)
    reden = tekstvak("Reden van de beëindiging", verplicht=True)

    def __init__(self, *args: Any, begeleiders: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
