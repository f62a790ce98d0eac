"""De indicatie: de positieve beschikking van een CvI, het begin van elke rugzak.

Een :class:`Indicatie` wordt alleen door de beslisservice van de indicatiezaak gemaakt en
daarna niet meer gewijzigd (een herindicatie is een nieuwe indicatie met een verwijzing
naar de vorige). De geldigheid komt uit de regelkern
(:func:`rugzak.regeling.regels.indicatie.indicatie_geldigheid`), nooit uit eigen rekenwerk.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.begrippen import Onderwijssoort

ONDERWIJSSOORT_KEUZES = [(o.value, o.omschrijving) for o in Onderwijssoort]


class Indicatie(models.Model):
    """Een positieve beschikking: CvI-nummer, onderwijssoort en geldigheid."""

    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="indicaties", verbose_name="leerling"
    )
    cvi = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="afgegeven_indicaties",
        limit_choices_to={"soort": Organisatiesoort.CVI},
        verbose_name="CvI",
    )
    cvi_nummer = models.CharField("CvI-nummer", max_length=40, unique=True)
    indicatiedatum = models.DateField("datum van indicatiestelling")
    onderwijssoort = models.CharField(
        "onderwijssoort", max_length=20, choices=ONDERWIJSSOORT_KEUZES
    )
    syndroom_van_down = models.BooleanField("syndroom van Down", default=False)
    einddatum = models.DateField(
        "geldig tot en met", null=True, blank=True, help_text="leeg: de hele onderwijsloopbaan"
    )
    herindicatie_op = models.DateField("herindicatie per", null=True, blank=True)
    vorige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herindicaties",
        verbose_name="vorige indicatie (bij herindicatie)",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "indicatie"
        verbose_name_plural = "indicaties"
        ordering = ["-indicatiedatum", "id"]
        constraints = [
            models.CheckConstraint(
                name="indicatie_einde_na_begin",
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("indicatiedatum")),
            ),
        ]

    def __str__(self) -> str:
        return f"indicatie {self.cvi_nummer}"

    def geldig_op(self, dag: date) -> bool:
        return self.indicatiedatum <= dag and (self.einddatum is None or dag <= self.einddatum)
