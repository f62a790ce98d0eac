"""De formulieren van de webpagina's die de API anders vraagt: een nieuwe overeenkomst, een
nieuw handelingsplan en het wijzigen ervan (de andere volgen uit
:mod:`rugzak.handelingsplannen.handelingen`); alleen invoer lezen. Wat verplicht is,
zeggen de services (en :func:`rugzak.handelingsplannen.overgangen.handelingsplan_ontbrekend`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from rugzak.gedeeld.datumtekst import Datumfout, korte_datum, lees_datum
from rugzak.gedeeld.web.formulieren import (
    Invoerformulier,
    Versieformulier,
    datumveld,
    getalveld,
    tekstregel,
    tekstvak,
)


class DatumlijstVeld(forms.CharField):
    """Datums, één per regel (of gescheiden door komma's of puntkomma's), elk zoals
    :func:`rugzak.gedeeld.datumtekst.lees_datum` ze leest; elke onmogelijke datum wordt
    genoemd."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(korte_datum(d) if isinstance(d, date) else str(d) for d in value)
        return value

    def to_python(self, value: Any) -> list[date]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            return [d for d in value if isinstance(d, date)]
        tekst = super().to_python(value) or ""
        datums: list[date] = []
        fout: list[str] = []
        for deel in tekst.replace(";", "\n").replace(",", "\n").splitlines():
            deel = deel.strip()
            if not deel:
                continue
            try:
                datums.append(lees_datum(deel))
            except Datumfout as e:
                fout.append(f"{deel[:40]}: {e}")
        if fout:
            raise ValidationError("; ".join(fout))
        return datums


class OvereenkomstFormulier(Invoerformulier):
    groep = getalveld("Voorlopig geplaatst in groep", wat="groep", van=1, tot=8)
    leerjaar = getalveld(
        "Voorlopig geplaatst in leerjaar", wat="leerjaar", van=1, tot=6,
        hulp="In het voortgezet onderwijs en het mbo een leerjaar in plaats van een groep.",
    )  # fmt: skip
    looptijd_van = datumveld("Duur van de overeenkomst: van", verplicht=True)
    looptijd_tot = datumveld("Duur van de overeenkomst: tot en met", verplicht=True)
    inzet_budget = tekstvak(
        "Voorgenomen inzet van het leerlinggebonden budget",
        hulp="Ook het deel voor de ambulante begeleiding. Dit is wat de modelovereenkomst "
        "(002, bijlage 2) het 'persoonsgebonden budget' noemt (interpretatie I-62).",
    )
    verplichtingen = tekstvak(
        "Verplichtingen van de partijen", hulp="Ook de inspanningsverplichting van de ouders."
    )
    extra_evaluatiemomenten = DatumlijstVeld(
        label="Extra evaluatiemomenten",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Datums, één per regel. De vaste evaluatiemomenten komen uit de regeling.",
    )
    verdere_afspraken = tekstvak("Verdere afspraken")
    inzet_pgb = tekstregel(
        "Inzet van een persoonsgebonden budget (PGB) voor zorg",
        hulp="Alleen een PGB voor zorg, naast de rugzak (000); zorg komt niet uit het "
        "leerlinggebonden budget (interpretatie I-62).",
    )


class PlanFormulier(Invoerformulier):
    """De onderdelen van het handelingsplan (002, fase 13); halverwege opslaan mag."""

    periode_van = datumveld("Periode van")
    periode_tot = datumveld("Periode tot en met")
    beginsituatie = tekstvak("Beginsituatie", regels=4)
    doelstelling = tekstvak("Doelstelling", hulp="Eén doel per regel.", regels=4)
    voorzieningen_en_maatregelen = tekstvak(
        "Voorzieningen en maatregelen", hulp="Eén voorziening per regel.", regels=4
    )
    inzet_lgf = tekstvak("Inzet leerlinggebonden financiering")
    monitoring = tekstvak("Monitoring, terugkoppeling en bijstelling")
    ambulant_begeleider_naam = tekstregel(
        "Ambulant begeleider van het REC (naam)",
        hulp="Met wie het plan is opgesteld (002, fase 13).",
    )


class PlanWijzigenFormulier(Versieformulier, PlanFormulier):
    def als_invoer(self) -> dict[str, Any]:
        """De invoer zoals de API haar krijgt: de versie en de gewijzigde onderdelen."""
        d = dict(self.cleaned_data)
        return {"versie": d.pop("versie"), "wijzigingen": d}
