"""Leerling, inschrijving en ouderrelatie.

Een leerling heeft een ondoorzichtig publiek id (UUID) dat in URL's en in het auditlog
staat; namen staan nooit in een URL. Het CvI-nummer hoort bij de indicatie en komt daar.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from rugzak.gedeeld.velden import Tijdstipveld
from rugzak.gedeeld.versie import VersieModel
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.begrippen import Schoolsoort

postcode_validator = RegexValidator(
    regex=r"^[1-9][0-9]{3} [A-Z]{2}$",
    message="een postcode is vier cijfers (niet beginnend met 0), een spatie en twee hoofdletters, "
    "bv. 3811 AB",
    code="postcode",
)

#: Schoolsoorten waar een leerling in een groep zit (1-8); in de andere in een leerjaar.
SCHOOLSOORTEN_MET_GROEP = frozenset(
    {Schoolsoort.BAO.value, Schoolsoort.SBAO.value, Schoolsoort.SO.value}
)


class Geslacht(models.TextChoices):
    MAN = "m", "man"
    VROUW = "v", "vrouw"
    ONBEKEND = "o", "onbekend"


class Leerling(VersieModel):
    """Een leerling. Wijzigen gaat via rugzak.leerlingen.services.leerling_wijzig (versie)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    voornaam = models.CharField("voornaam", max_length=100)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=20, blank=True)
    achternaam = models.CharField("achternaam", max_length=100)
    geboortedatum = models.DateField("geboortedatum")
    geslacht = models.CharField(
        "geslacht", max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    adres = models.CharField("adres", max_length=200, help_text="straat en huisnummer")
    postcode = models.CharField("postcode", max_length=7, validators=[postcode_validator])
    woonplaats = models.CharField("woonplaats", max_length=100)
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "leerling"
        verbose_name_plural = "leerlingen"
        ordering = ["achternaam", "voornaam", "id"]

    def __str__(self) -> str:
        # Geen naam: __str__ belandt in logs en foutmeldingen.
        return f"leerling {self.publiek_id}"

    @property
    def volledige_naam(self) -> str:
        return " ".join(d for d in (self.voornaam, self.tussenvoegsel, self.achternaam) if d)

    @property
    def sorteernaam(self) -> str:
        achter = (
            f"{self.achternaam}, {self.tussenvoegsel}" if self.tussenvoegsel else self.achternaam
        )
        return f"{achter}, {self.voornaam}"


class Uitschrijfreden(models.TextChoices):
    """Waarom een inschrijving eindigt; de reden bepaalt wat er bij de bekostigingsinstantie
    volgt (004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'; I-47)."""

    ANDERE_REGULIERE_SCHOOL = (
        "andere_reguliere_school",
        "overstap naar een andere reguliere school",
    )
    NAAR_VSO = "naar_vso", "naar het (voortgezet) speciaal onderwijs"
    GEEN_ONDERWIJS = "geen_onderwijs", "volgt geen onderwijs meer"


#: Uitschrijfredenen waarbij de school een terugmelding stuurt (004; I-47).
REDENEN_MET_TERUGMELDING = frozenset({Uitschrijfreden.NAAR_VSO, Uitschrijfreden.GEEN_ONDERWIJS})


class Inschrijving(models.Model):
    """De inschrijving van een leerling op een school, van ``van`` tot en met ``tot``."""

    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.CASCADE, related_name="inschrijvingen"
    )
    school = models.ForeignKey(
        Organisatie,
        verbose_name="school",
        on_delete=models.PROTECT,
        related_name="inschrijvingen",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
    )
    van = models.DateField("ingeschreven vanaf")
    tot = models.DateField("ingeschreven tot en met", null=True, blank=True)
    groep = models.PositiveSmallIntegerField(
        "groep",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    leerjaar = models.PositiveSmallIntegerField(
        "leerjaar",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    uitschrijfreden = models.CharField(
        "reden van uitschrijving",
        max_length=30,
        blank=True,
        choices=Uitschrijfreden.choices,
        help_text="leeg zolang de inschrijving loopt, of als de reden niet is vastgelegd",
    )

    class Meta:
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"
        ordering = ["leerling_id", "-van"]
        constraints = [
            models.CheckConstraint(
                name="inschrijving_tot_niet_voor_van",
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
            ),
            models.CheckConstraint(
                name="inschrijving_groep_of_leerjaar",
                condition=(Q(groep__isnull=False) & Q(leerjaar__isnull=True))
                | (Q(groep__isnull=True) & Q(leerjaar__isnull=False)),
            ),
            models.CheckConstraint(
                name="inschrijving_groep_1_tot_8",
                condition=Q(groep__isnull=True) | Q(groep__gte=1, groep__lte=8),
            ),
            models.CheckConstraint(
                name="inschrijving_leerjaar_1_tot_6",
                condition=Q(leerjaar__isnull=True) | Q(leerjaar__gte=1, leerjaar__lte=6),
            ),
        ]
        indexes = [
            models.Index(fields=["school", "van", "tot"], name="inschrijving_school_periode")
        ]

    def __str__(self) -> str:
        return f"inschrijving {self.pk} van {self.leerling} op {self.school_id}"

    @property
    def klas(self) -> str:
        return f"groep {self.groep}" if self.groep is not None else f"leerjaar {self.leerjaar}"

    def clean(self) -> None:
        fouten: dict[str, str] = {}
        school = self.school if self.school_id else None
        if school is not None:
            if school.soort != Organisatiesoort.SCHOOL:
                fouten["school"] = "een leerling kan alleen op een school worden ingeschreven"
            else:
                soort = school.get_schoolsoort_display()
                if school.schoolsoort in SCHOOLSOORTEN_MET_GROEP:
                    if self.groep is None:
                        fouten["groep"] = f"een leerling in het {soort} zit in een groep (1-8)"
                    if self.leerjaar is not None:
                        fouten["leerjaar"] = f"in het {soort} geldt een groep, geen leerjaar"
                else:
                    if self.leerjaar is None:
                        fouten["leerjaar"] = (
                            f"een leerling in het {soort} zit in een leerjaar (1-6)"
                        )
                    if self.groep is not None:
                        fouten["groep"] = f"in het {soort} geldt een leerjaar, geen groep"
        if self.tot is not None and self.van is not None and self.tot < self.van:
            fouten["tot"] = "de einddatum ligt vóór de begindatum"
        if fouten:
            raise ValidationError(fouten)


class OuderRelatie(models.Model):
    """Een ouder of verzorger (een gebruiker met de rol 'ouder') van een leerling."""

    class Soort(models.TextChoices):
        OUDER = "ouder", "ouder"
        VERZORGER = "verzorger", "verzorger"
        VOOGD = "voogd", "voogd"

    ouder = models.ForeignKey(
        Gebruiker, verbose_name="ouder", on_delete=models.CASCADE, related_name="kinderen"
    )
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.CASCADE, related_name="ouderrelaties"
    )
    soort = models.CharField("relatie", max_length=10, choices=Soort.choices, default=Soort.OUDER)

    class Meta:
        verbose_name = "ouderrelatie"
        verbose_name_plural = "ouderrelaties"
        constraints = [
            models.UniqueConstraint(
                fields=["ouder", "leerling"],
                name="ouderrelatie_uniek",
                violation_error_message="deze ouder is al aan deze leerling gekoppeld",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.ouder_id} van {self.leerling}"
