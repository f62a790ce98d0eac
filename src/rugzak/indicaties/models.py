"""De indicatiestelling door de CvI: de aanvraag als zaak en de indicatie als uitkomst.

Een :class:`Indicatieaanvraag` is een zaak met een toestandsmachine (:data:`TRANSITIES`):
de ouders (of, alleen in cluster 4, de school: I-60) dienen haar in bij de CvI van een
REC (000, 'Aanvragen van het rugzakje'; 003: bij het REC van de regio van de ouders; de
regio beoordeelt de secretaris, rugzak toetst haar niet, I-32), het
dossier wordt aangevuld met onder meer het onderwijskundig rapport van de huidige school
(004, 'Onderwijskundig rapport'), de CvI-secretaris verklaart het dossier volledig, waarna
de beslistermijn loopt (acht weken, één keer met acht weken te verlengen; de termijn
komt uit :func:`rugzak.regeling.regels.termijnen.cvi_beslissing`), en de secretaris beslist.

Een :class:`Indicatie` wordt alleen door de beslisservice gemaakt
(:func:`rugzak.indicaties.services.aanvraag_beslissen_positief`) en daarna niet meer
gewijzigd (een herindicatie is een nieuwe indicatie met een verwijzing naar de vorige).
De geldigheid komt uit de regelkern
(:func:`rugzak.regeling.regels.indicatie.indicatie_geldigheid`), nooit uit eigen rekenwerk.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, NoReturn

from django.db import models
from django.db.models import Q

from rugzak.gedeeld.velden import Tijdstipveld
from rugzak.gedeeld.versie import VersieModel
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.begrippen import Onderwijssoort

ONDERWIJSSOORT_KEUZES = [(o.value, o.omschrijving) for o in Onderwijssoort]


class IndicatieQuerySet(models.QuerySet["Indicatie"]):
    def geldig_op(self, dag: date) -> IndicatieQuerySet:
        """Indicaties die op ``dag`` gelden (einddatum leeg: de hele loopbaan)."""
        return self.filter(indicatiedatum__lte=dag).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=dag)
        )


class Indicatie(models.Model):
    """Een positieve beschikking: CvI-nummer, onderwijssoort en geldigheid."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
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
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)

    objects = IndicatieQuerySet.as_manager()

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

    @property
    def onderwijssoort_begrip(self) -> Onderwijssoort:
        return next(o for o in Onderwijssoort if o.value == self.onderwijssoort)


# --- de aanvraag als zaak -----------------------------------------------------------------


class Aanvraagstatus(models.TextChoices):
    INGEDIEND = "ingediend", "ingediend"
    DOSSIER_VOLLEDIG = "dossier_volledig", "dossier volledig, beslistermijn loopt"
    VERLENGD = "verlengd", "beslistermijn verlengd"
    POSITIEF = "positief", "besloten: positief (indicatie afgegeven)"
    NEGATIEF = "negatief", "besloten: negatief"
    INGETROKKEN = "ingetrokken", "ingetrokken"


#: De toestandsmachine: per toestand de toestanden die daarna mogen. ``verlengd ->
#: verlengd`` staat hier bewust: hoe vaak verlengd mag worden is regelingsdata
#: (termijn.cvi_max_verlengingen) en de regelkern weigert een verlenging te veel.
TRANSITIES: dict[str, frozenset[str]] = {
    Aanvraagstatus.INGEDIEND: frozenset(
        {Aanvraagstatus.DOSSIER_VOLLEDIG, Aanvraagstatus.INGETROKKEN}
    ),
    Aanvraagstatus.DOSSIER_VOLLEDIG: frozenset(
        {
            Aanvraagstatus.VERLENGD,
            Aanvraagstatus.POSITIEF,
            Aanvraagstatus.NEGATIEF,
            Aanvraagstatus.INGETROKKEN,
        }
    ),
    Aanvraagstatus.VERLENGD: frozenset(
        {
            Aanvraagstatus.VERLENGD,
            Aanvraagstatus.POSITIEF,
            Aanvraagstatus.NEGATIEF,
            Aanvraagstatus.INGETROKKEN,
        }
    ),
    Aanvraagstatus.POSITIEF: frozenset(),
    Aanvraagstatus.NEGATIEF: frozenset(),
    Aanvraagstatus.INGETROKKEN: frozenset(),
}

#: Toestanden waarin de aanvraag nog loopt (stukken toevoegen, intrekken).
OPEN_STATUSSEN = frozenset(
    {Aanvraagstatus.INGEDIEND, Aanvraagstatus.DOSSIER_VOLLEDIG, Aanvraagstatus.VERLENGD}
)
#: Toestanden waarin de beslistermijn van de CvI loopt.
TERMIJN_STATUSSEN = frozenset({Aanvraagstatus.DOSSIER_VOLLEDIG, Aanvraagstatus.VERLENGD})


class Aanvragersoort(models.TextChoices):
    OUDERS = "ouders", "ouders of verzorgers"
    SCHOOL = "school", "school (alleen cluster 4)"


class Indicatieaanvraag(VersieModel):
    """Een aanvraag om indicatiestelling bij een CvI. Wijzigen alleen via de services."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.PROTECT,
        related_name="indicatieaanvragen",
        verbose_name="leerling",
    )
    cvi = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="indicatieaanvragen",
        limit_choices_to={"soort": Organisatiesoort.CVI},
        verbose_name="CvI",
    )
    aanvrager_soort = models.CharField("aanvrager", max_length=10, choices=Aanvragersoort.choices)
    aanvrager = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        related_name="ingediende_indicatieaanvragen",
        verbose_name="ingediend door",
    )
    aanvragende_school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicatieaanvragen_als_school",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
        verbose_name="aanvragende school (cluster 4)",
    )
    onderwijssoort_gevraagd = models.CharField(
        "gevraagde onderwijssoort",
        max_length=20,
        blank=True,
        choices=ONDERWIJSSOORT_KEUZES,
        help_text="leeg: de CvI bepaalt de onderwijssoort binnen het cluster van het REC",
    )
    vorige_indicatie = models.ForeignKey(
        Indicatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herindicatieaanvragen",
        verbose_name="vorige indicatie (herindicatie)",
    )
    status = models.CharField(
        "status", max_length=20, choices=Aanvraagstatus.choices, default=Aanvraagstatus.INGEDIEND
    )
    ingediend_op = models.DateField("ingediend op")
    volledig_op = models.DateField("dossier volledig op", null=True, blank=True)
    verlengingen = models.PositiveSmallIntegerField("aantal verlengingen", default=0)
    uiterste_beslisdatum = models.DateField(
        "uiterste beslisdatum",
        null=True,
        blank=True,
        help_text="uit de regelkern (termijnen.cvi_beslissing); leeg zolang het dossier "
        "niet volledig is",
    )
    besloten_op = models.DateField("besloten op", null=True, blank=True)
    besluit_toelichting = models.TextField("toelichting of redenen van het besluit", blank=True)
    indicatie = models.OneToOneField(
        Indicatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanvraag",
        verbose_name="afgegeven indicatie",
    )
    ingetrokken_op = models.DateField("ingetrokken op", null=True, blank=True)
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "indicatieaanvraag"
        verbose_name_plural = "indicatieaanvragen"
        ordering = ["-ingediend_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="aanvraag_school_alleen_bij_schoolaanvraag",
                condition=(Q(aanvrager_soort="school") & Q(aanvragende_school__isnull=False))
                | (Q(aanvrager_soort="ouders") & Q(aanvragende_school__isnull=True)),
            ),
            models.CheckConstraint(
                name="aanvraag_positief_heeft_indicatie",
                condition=Q(status="positief", indicatie__isnull=False)
                | (~Q(status="positief") & Q(indicatie__isnull=True)),
            ),
        ]
        indexes = [
            models.Index(fields=["cvi", "status"], name="aanvraag_cvi_status"),
            models.Index(fields=["status", "uiterste_beslisdatum"], name="aanvraag_termijn"),
        ]

    def __str__(self) -> str:
        # Geen naam: __str__ belandt in logs en foutmeldingen.
        return f"indicatieaanvraag {self.publiek_id}"

    @property
    def is_herindicatie(self) -> bool:
        return self.vorige_indicatie_id is not None


class Stuksoort(models.TextChoices):
    ONDERWIJSKUNDIG_RAPPORT = "onderwijskundig_rapport", "onderwijskundig rapport"
    AANMELDINGSFORMULIER = "aanmeldingsformulier", "aanmeldingsformulier"
    ONDERZOEKSVERSLAG = "onderzoeksverslag", "onderzoeksverslag (psychologisch, medisch)"
    HANDELINGSPLAN = "handelingsplan", "handelingsplan of leerlingdossier"
    OVERIG = "overig", "overig stuk"


class Dossierstuk(models.Model):
    """Een stuk in het dossier van een aanvraag. rugzak legt vast dát het stuk er is (soort,
    wie het opstelde, wanneer ontvangen); de inhoud zelf staat niet in rugzak."""

    aanvraag = models.ForeignKey(
        Indicatieaanvraag,
        on_delete=models.CASCADE,
        related_name="stukken",
        verbose_name="aanvraag",
    )
    soort = models.CharField("soort stuk", max_length=30, choices=Stuksoort.choices)
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True)
    opgesteld_door = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opgestelde_dossierstukken",
        verbose_name="opgesteld door (school)",
    )
    ontvangen_op = models.DateField("ontvangen op")
    toegevoegd_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        related_name="toegevoegde_dossierstukken",
        verbose_name="toegevoegd door",
    )
    toegevoegd_op = Tijdstipveld("toegevoegd op", auto_now_add=True)

    class Meta:
        verbose_name = "dossierstuk"
        verbose_name_plural = "dossierstukken"
        ordering = ["aanvraag_id", "ontvangen_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="dossierstuk_rapport_heeft_school",
                condition=~Q(soort="onderwijskundig_rapport") | Q(opgesteld_door__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} bij {self.aanvraag}"


# --- historie (alleen toevoegen) ----------------------------------------------------------


class AlleenToevoegenQuerySet(models.QuerySet[Any]):
    """Een queryset die de historie niet kan wijzigen of wissen."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("de historie van een zaak kan niet gewijzigd worden")

    def delete(self) -> NoReturn:
        raise TypeError("de historie van een zaak kan niet verwijderd worden")


class Zaakstap(models.Model):
    """Abstracte historieregel van een zaak: wie, wanneer, van welke naar welke toestand,
    met welke toelichting. Alleen toevoegen: wijzigen en verwijderen worden geweigerd."""

    van_status = models.CharField("van", max_length=20, blank=True)
    naar_status = models.CharField("naar", max_length=20)
    datum = models.DateField("datum", help_text="de dag waarop het gebeurde (de zaakdatum)")
    wanneer = Tijdstipveld("vastgelegd op", auto_now_add=True)
    door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="door"
    )
    rol = models.CharField("rol", max_length=30)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="namens",
    )
    toelichting = models.TextField("toelichting", blank=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("de historie van een zaak kan niet gewijzigd worden")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("de historie van een zaak kan niet verwijderd worden")


class Aanvraagstap(Zaakstap):
    """Eén overgang in de historie van een indicatieaanvraag."""

    aanvraag = models.ForeignKey(
        Indicatieaanvraag,
        on_delete=models.PROTECT,
        related_name="stappen",
        verbose_name="aanvraag",
    )

    class Meta:
        verbose_name = "stap van een indicatieaanvraag"
        verbose_name_plural = "stappen van indicatieaanvragen"
        ordering = ["aanvraag_id", "wanneer", "id"]

    def __str__(self) -> str:
        return f"{self.aanvraag}: {self.van_status or '-'} -> {self.naar_status}"


# --- het advies van een lid van de commissie (alleen toevoegen) ---------------------------


class Adviesoordeel(models.TextChoices):
    POSITIEF = "positief", "positief: de leerling komt in aanmerking"
    NEGATIEF = "negatief", "negatief: de leerling komt niet in aanmerking"


class Commissieadvies(models.Model):
    """Het advies van één lid van de CvI over een aanvraag (interpretatie I-150): positief
    (met de onderwijssoort die het lid voorstelt) of negatief, met overwegingen. De
    secretaris ziet de adviezen naast het beslisformulier en legt het besluit van de
    commissie vast (I-61). Een advies wordt niet gewijzigd of verwijderd."""

    aanvraag = models.ForeignKey(
        Indicatieaanvraag,
        on_delete=models.PROTECT,
        related_name="adviezen",
        verbose_name="aanvraag",
    )
    lid = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="lid van de CvI"
    )
    oordeel = models.CharField("advies", max_length=10, choices=Adviesoordeel.choices)
    onderwijssoort = models.CharField(
        "voorgestelde onderwijssoort", max_length=20, blank=True, choices=ONDERWIJSSOORT_KEUZES
    )
    overwegingen = models.TextField("overwegingen")
    datum = models.DateField("geadviseerd op")
    vastgelegd_op = Tijdstipveld("vastgelegd op", auto_now_add=True)

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = "advies van een lid van de CvI"
        verbose_name_plural = "adviezen van leden van de CvI"
        ordering = ["aanvraag_id", "datum", "id"]
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "lid"], name="advies_een_per_lid"),
            models.CheckConstraint(
                name="advies_onderwijssoort_alleen_bij_positief",
                condition=Q(oordeel="positief") | Q(onderwijssoort=""),
            ),
        ]

    def __str__(self) -> str:
        return f"advies bij {self.aanvraag}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("een advies van de commissie kan niet gewijzigd worden")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("een advies van de commissie kan niet verwijderd worden")
