"""Modellen: de overeenkomst school-ouders (002, fase 11a en bijlage 2), het handelingsplan
(002, fase 13) met de instemming van de ouders, en de evaluaties (002, bijlage 2).

Alle drie horen bij een toelatingszaak op traject a. Wijzigen gaat alleen via
:mod:`rugzak.handelingsplannen.services` (versiebeheer); elke overgang komt in een
geschiedenistabel die alleen kan groeien. Welke overgangen mogen, staat in
:mod:`rugzak.handelingsplannen.overgangen`.
"""

from __future__ import annotations

import uuid

from django.db import models

from rugzak.gedeeld.velden import Tijdstipveld
from rugzak.gedeeld.versie import VersieModel
from rugzak.organisaties.models import Gebruiker
from rugzak.toelating.models import Geschiedenisregel, Toelatingszaak


class Overeenkomsttoestand(models.TextChoices):
    CONCEPT = "concept", "concept"
    GETEKEND_SCHOOL = "getekend_school", "getekend door de school, wacht op de ouders"
    GETEKEND_OUDERS = "getekend_ouders", "getekend door de ouders, wacht op de school"
    ONDERTEKEND = "ondertekend", "ondertekend door school en ouders"


class Overeenkomst(VersieModel):
    """De overeenkomst school-ouders (002, fase 11a; model in bijlage 2)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    zaak = models.OneToOneField(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="overeenkomst",
    )
    toestand = models.CharField(
        "toestand",
        max_length=20,
        choices=Overeenkomsttoestand.choices,
        default=Overeenkomsttoestand.CONCEPT,
    )
    groep = models.PositiveSmallIntegerField("voorlopig geplaatst in groep", null=True, blank=True)
    leerjaar = models.PositiveSmallIntegerField(
        "voorlopig geplaatst in leerjaar", null=True, blank=True
    )
    looptijd_van = models.DateField("duur van de overeenkomst: van")
    looptijd_tot = models.DateField("duur van de overeenkomst: tot en met")
    extra_evaluatiemomenten = models.JSONField(
        "geplande extra evaluatiemomenten (datums)", default=list, blank=True
    )
    verdere_afspraken = models.TextField("verdere afspraken", blank=True)
    inzet_pgb = models.TextField("inzet persoonsgebonden budget (PGB)", blank=True)
    inzet_budget = models.TextField(
        "voorgenomen inzet van het leerlinggebonden budget (ook ambulante begeleiding)"
    )
    verplichtingen = models.TextField(
        "verplichtingen van de partijen (ook de inspanningsverplichting van de ouders)"
    )
    school_getekend_op = models.DateField("getekend namens de school op", null=True, blank=True)
    school_getekend_door = models.ForeignKey(
        Gebruiker,
        verbose_name="getekend namens de school door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ouders_getekend_op = models.DateField("getekend door de ouders op", null=True, blank=True)
    ouders_getekend_naam = models.CharField(
        "getekend door (naam ouder)", max_length=200, blank=True
    )
    ouders_getekend_door = models.ForeignKey(
        Gebruiker,
        verbose_name="getekend door (ouder, als die zelf tekende)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt_door = models.ForeignKey(
        Gebruiker, verbose_name="aangemaakt door", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "overeenkomst school-ouders"
        verbose_name_plural = "overeenkomsten school-ouders"
        ordering = ["-looptijd_van", "id"]
        constraints = [
            models.CheckConstraint(
                name="overeenkomst_looptijd_tot_na_van",
                condition=models.Q(looptijd_tot__gte=models.F("looptijd_van")),
            ),
        ]

    def __str__(self) -> str:
        return f"overeenkomst {self.publiek_id}"


class OvereenkomstOvergang(Geschiedenisregel):
    zaak = models.ForeignKey(
        Overeenkomst,
        verbose_name="overeenkomst",
        on_delete=models.PROTECT,
        related_name="overgangen",
    )

    class Meta(Geschiedenisregel.Meta):
        verbose_name = "overgang van een overeenkomst"
        verbose_name_plural = "overgangen van overeenkomsten"


class Handelingsplantoestand(models.TextChoices):
    CONCEPT = "concept", "concept"
    TER_INSTEMMING = "ter_instemming", "voorgelegd aan de ouders ter instemming"
    VASTGESTELD = "vastgesteld", "vastgesteld (ouders stemden in)"


#: De verplichte onderdelen van een handelingsplan (002, fase 13), veld -> omschrijving.
VERPLICHTE_ONDERDELEN = {
    "beginsituatie": "beginsituatie",
    "doelstelling": "doelstelling",
    "voorzieningen_en_maatregelen": "voorzieningen en maatregelen",
    "inzet_lgf": "inzet leerlinggebonden financiering",
    "monitoring": "monitoring, terugkoppeling en bijstelling",
}


class Handelingsplan(VersieModel):
    """Het handelingsplan (002, fase 13): opgesteld door school, ouders en de ambulant
    begeleider van het REC; vastgesteld pas als de ouders instemmen (instemmingsrecht)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="handelingsplannen",
    )
    toestand = models.CharField(
        "toestand",
        max_length=20,
        choices=Handelingsplantoestand.choices,
        default=Handelingsplantoestand.CONCEPT,
    )
    periode_van = models.DateField("periode van", null=True, blank=True)
    periode_tot = models.DateField("periode tot en met", null=True, blank=True)
    beginsituatie = models.TextField("beginsituatie", blank=True)
    doelstelling = models.TextField("doelstelling", blank=True)
    voorzieningen_en_maatregelen = models.TextField("voorzieningen en maatregelen", blank=True)
    inzet_lgf = models.TextField("inzet leerlinggebonden financiering", blank=True)
    monitoring = models.TextField("monitoring, terugkoppeling en bijstelling", blank=True)
    ambulant_begeleider_naam = models.CharField(
        "ambulant begeleider van het REC (naam)", max_length=200, blank=True
    )
    ambulant_begeleider = models.ForeignKey(
        Gebruiker,
        verbose_name="ambulant begeleider (gebruiker)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    voorgelegd_op = models.DateField("voorgelegd aan de ouders op", null=True, blank=True)
    vastgesteld_op = models.DateField("vastgesteld op (instemming ouders)", null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, verbose_name="aangemaakt door", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "handelingsplan"
        verbose_name_plural = "handelingsplannen"
        ordering = ["-aangemaakt_op", "id"]

    def __str__(self) -> str:
        return f"handelingsplan {self.publiek_id}"


class HandelingsplanOvergang(Geschiedenisregel):
    zaak = models.ForeignKey(
        Handelingsplan,
        verbose_name="handelingsplan",
        on_delete=models.PROTECT,
        related_name="overgangen",
    )

    class Meta(Geschiedenisregel.Meta):
        verbose_name = "overgang van een handelingsplan"
        verbose_name_plural = "overgangen van handelingsplannen"


class Instemmingsbesluit(models.TextChoices):
    INGESTEMD = "ingestemd", "ingestemd"
    GEWEIGERD = "geweigerd", "instemming geweigerd"


class Instemming(models.Model):
    """Het besluit van de ouders over een voorgelegd handelingsplan (instemmingsrecht,
    002 fase 13). Alleen toevoegen: een nieuw voorstel krijgt een nieuw besluit."""

    handelingsplan = models.ForeignKey(
        Handelingsplan,
        verbose_name="handelingsplan",
        on_delete=models.PROTECT,
        related_name="instemmingen",
    )
    besluit = models.CharField("besluit", max_length=10, choices=Instemmingsbesluit.choices)
    op = models.DateField("datum")
    ouder = models.ForeignKey(
        Gebruiker,
        verbose_name="ouder (als die zelf besliste)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ouder_naam = models.CharField("naam ouder", max_length=200)
    toelichting = models.TextField("toelichting", blank=True)
    vastgelegd_door = models.ForeignKey(
        Gebruiker, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = Tijdstipveld("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "instemming van de ouders"
        verbose_name_plural = "instemmingen van de ouders"
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"instemming {self.pk} ({self.besluit})"


class Evaluatie(VersieModel):
    """Een evaluatiemoment van een handelingsplan (002, bijlage 2: oktober, januari, mei en
    het eind van het schooljaar); de uiterste datum komt uit de regelkern."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    handelingsplan = models.ForeignKey(
        Handelingsplan,
        verbose_name="handelingsplan",
        on_delete=models.PROTECT,
        related_name="evaluaties",
    )
    schooljaar = models.PositiveSmallIntegerField("schooljaar (beginjaar)")
    regel = models.CharField("regel", max_length=40)
    omschrijving = models.CharField("omschrijving", max_length=100)
    uiterlijk = models.DateField("uiterlijk (uit de regelkern)")
    gehouden_op = models.DateField("gehouden op", null=True, blank=True)
    verslag = models.TextField("verslag", blank=True)
    vastgelegd_door = models.ForeignKey(
        Gebruiker,
        verbose_name="vastgelegd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "evaluatie"
        verbose_name_plural = "evaluaties"
        ordering = ["uiterlijk", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["handelingsplan", "regel", "uiterlijk"], name="evaluatie_uniek_per_moment"
            ),
        ]

    def __str__(self) -> str:
        return f"evaluatie {self.publiek_id}"
