"""Een wat-als-scenario: het TOML-bestand, het schooljaar, de toestand en de uitkomst.

De uitkomst (totalen per soort ontvanger, REC, schoolsoort en onderwijssoort, de scholen
die het meest winnen of verliezen, het verschil per CvI-nummer) staat als JSON in de rij,
zodat de uitkomstpagina niets hoeft te herberekenen. Er staan alleen pseudoniemen in:
CvI-nummers, BRIN en naam van scholen, REC's; nooit een naam, adres, geboortedatum of
publiek id van een leerling (I-104).
"""

from __future__ import annotations

import uuid

from django.db import models

from rugzak.betalingen.models import Runstatus
from rugzak.organisaties.models import Gebruiker, Organisatie


class Scenario(models.Model):
    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField("titel", max_length=200)
    bestandsnaam = models.CharField("bestandsnaam", max_length=200)
    inhoud = models.TextField("scenariobestand (TOML)")
    schooljaar = models.CharField("schooljaar", max_length=9, help_text="bv. 2011-2012")
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bekostigingsinstantie",
    )
    aangevraagd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="aangevraagd door"
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op")
    status = models.CharField(
        "toestand", max_length=20, choices=Runstatus.choices, default=Runstatus.IN_WACHTRIJ
    )
    leerlingen_gedaan = models.PositiveIntegerField("leerlingen berekend", default=0)
    leerlingen_totaal = models.PositiveIntegerField("leerlingen te berekenen", null=True)
    begonnen_op = models.DateTimeField("begonnen op", null=True, blank=True)
    poging = models.PositiveIntegerField(
        "poging", default=0, help_text="hoe vaak een verwerker het scenario begon (ook na uitval)"
    )
    hartslag_op = models.DateTimeField(
        "laatste teken van leven", null=True, blank=True,
        help_text="de verwerker werkt dit bij; blijft het uit, dan wordt het scenario hervat "
        "(I-110)",
    )  # fmt: skip
    uitgevoerd_op = models.DateTimeField("afgerond op", null=True, blank=True)
    reden = models.TextField("reden (mislukt of hervat)", blank=True, default="")
    taak_id = models.CharField("id in de takenwachtrij", max_length=64, blank=True, default="")
    uitkomst = models.JSONField("uitkomst", null=True, blank=True)

    class Meta:
        verbose_name = "scenario"
        verbose_name_plural = "scenario's"
        ordering = ["-aangevraagd_op", "-id"]

    def __str__(self) -> str:
        return f"{self.titel} ({self.schooljaar})"
