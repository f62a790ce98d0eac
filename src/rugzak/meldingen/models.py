"""De melding bij de bekostigingsinstantie en wat erop volgt (003, 004).

- :class:`Melding`: de registratie van één geïndiceerde leerling door de school (004,
  'Inschrijving van leerlingen met een handicap na 1 augustus 2003'); de medewerker
  bekostiging accepteert of weigert haar.
- :class:`OnvolledigeIndiening`: een onvolledig formulier, niet in behandeling genomen
  (004: 'Alleen volledig ingevulde formulieren worden in behandeling genomen'); er wordt
  géén halve melding bewaard, alleen welke velden ontbraken.
- :class:`Terugmelding`: uitschrijving naar het (v)so of uit het onderwijs, of een
  wijziging van de basisgegevens (003; 004 'Uitschrijving ...').
- :class:`ZmlAanvraag`: de eenmalige aanvraag voor het aanvullende zml-bedrag bij de
  overgang naar groep 3 (003, formulier 66007); :class:`TerugplaatsingGroep2`: de
  terugplaatsing naar groep 2, die het bevoegd gezag direct meldt.

Elke zaak heeft een publiek id (UUID), een versie (optimistische gelijktijdigheid) en een
geschiedenis die alleen kan groeien. De overgangen staan in :mod:`rugzak.meldingen.overgangen`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q

from rugzak.gedeeld.alleen_toevoegen import AlleenToevoegenModel
from rugzak.gedeeld.versie import VersieModel
from rugzak.indicaties.models import ONDERWIJSSOORT_KEUZES, Indicatie
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.begrippen import Leerweg, MboNiveau, Schoolsoort, VoVariant

SCHOOLSOORT_KEUZES = [(s.value, s.omschrijving) for s in Schoolsoort]
VO_VARIANT_KEUZES = [(v.value, v.omschrijving) for v in VoVariant]
MBO_NIVEAU_KEUZES = [(n.value, n.omschrijving) for n in MboNiveau]
LEERWEG_KEUZES = [(lw.value, lw.omschrijving) for lw in Leerweg]


class Meldingstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    GEACCEPTEERD = "geaccepteerd", "verwerkt en geaccepteerd"
    GEWEIGERD = "geweigerd", "geweigerd"


class Terugmeldingsoort(models.TextChoices):
    UITSCHRIJVING_SO = "uitschrijving_so", "uitschrijving: naar het (voortgezet) speciaal onderwijs"
    UITSCHRIJVING_GEEN_ONDERWIJS = (
        "uitschrijving_geen_onderwijs",
        "uitschrijving: volgt geen onderwijs meer",
    )
    WIJZIGING = "wijziging", "wijziging van de basisgegevens"


class Terugmeldingstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    VERWERKT = "verwerkt", "verwerkt"
    GEWEIGERD = "geweigerd", "geweigerd"


class Zmlstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    TOEGEKEND = "toegekend", "toegekend"
    AFGEWEZEN = "afgewezen", "afgewezen"


class Melding(VersieModel):
    """De melding van één geïndiceerde leerling (één leerling per formulier, 004)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="lgf_meldingen", verbose_name="leerling"
    )
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="lgf_meldingen",
        verbose_name="meldende school",
    )
    indicatie = models.ForeignKey(
        Indicatie, on_delete=models.PROTECT, related_name="meldingen", verbose_name="indicatie"
    )
    status = models.CharField(
        "status", max_length=20, choices=Meldingstatus.choices, default=Meldingstatus.ONTVANGEN
    )
    meldingsdatum = models.DateField("datum van ontvangst")
    inschrijvingsdatum = models.DateField("datum van inschrijving")
    schoolsoort = models.CharField("schoolsoort", max_length=10, choices=SCHOOLSOORT_KEUZES)
    groep = models.PositiveSmallIntegerField("groep", null=True, blank=True)
    leerjaar = models.PositiveSmallIntegerField("leerjaar", null=True, blank=True)
    vo_variant = models.CharField(
        "vo-variant", max_length=20, blank=True, choices=VO_VARIANT_KEUZES
    )
    mbo_niveau = models.CharField(
        "mbo-niveau", max_length=20, blank=True, choices=MBO_NIVEAU_KEUZES
    )
    leerweg = models.CharField("leerweg", max_length=20, blank=True, choices=LEERWEG_KEUZES)
    cvi_nummer = models.CharField("CvI-nummer", max_length=40, db_index=True)
    indicatiedatum = models.DateField("datum van indicatiestelling")
    onderwijssoort = models.CharField(
        "onderwijssoort", max_length=20, choices=ONDERWIJSSOORT_KEUZES
    )
    herindicatie = models.BooleanField("herindicatie", default=False)
    vorig_cvi_nummer = models.CharField("vorig CvI-nummer", max_length=40, blank=True)
    ab_verzorger = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="lgf_meldingen_als_ab_verzorger",
        verbose_name="(v)so-school of AB-dienst die de ambulante begeleiding verzorgt",
    )
    schoolwisseling = models.BooleanField("wijziging van school", default=False)
    vorige_school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lgf_meldingen_als_vorige_school",
        verbose_name="vorige school",
    )
    syndroom_van_down = models.BooleanField("syndroom van Down", default=False)
    aanvullende_formatie_2003 = models.BooleanField(
        "aanvullende formatie 2003-2004 toegekend", null=True, blank=True
    )
    ingediend_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="ingediend door"
    )
    ingediend_op = models.DateTimeField("ingediend op")
    beoordeeld_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordeeld door",
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    toelichting = models.TextField("toelichting bij de beoordeling", blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-meldingsdatum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "cvi_nummer"],
                condition=~Q(status="geweigerd"),
                name="melding_een_lopende_per_school_en_cvi_nummer",
                violation_error_message="deze school heeft dit CvI-nummer al gemeld",
            ),
            models.CheckConstraint(
                name="melding_groep_of_leerjaar",
                condition=Q(groep__isnull=False, leerjaar__isnull=True)
                | Q(groep__isnull=True, leerjaar__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"melding {self.publiek_id}"


class MeldingOvergang(AlleenToevoegenModel):
    """Eén overgang in de geschiedenis van een melding (wie, wanneer, van, naar, notitie)."""

    melding = models.ForeignKey(
        Melding, on_delete=models.PROTECT, related_name="geschiedenis", verbose_name="melding"
    )
    van = models.CharField("van", max_length=20, blank=True)
    naar = models.CharField("naar", max_length=20)
    door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")
    notitie = models.TextField("notitie", blank=True)

    class Meta:
        verbose_name = "overgang van een melding"
        verbose_name_plural = "overgangen van meldingen"
        ordering = ["op", "id"]


class OnvolledigeIndiening(AlleenToevoegenModel):
    """Een meldingsformulier dat niet in behandeling is genomen omdat het onvolledig was.

    Er staat geen melding in, alleen wie wanneer indiende en welke velden ontbraken of
    ongeldig waren, zodat school en bekostigingsinstantie het kunnen terugvinden.
    """

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="+")
    cvi_nummer = models.CharField("CvI-nummer (zoals opgegeven)", max_length=40, blank=True)
    ingediend_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    ingediend_op = models.DateTimeField("ingediend op")
    fouten = models.JSONField("ontbrekende of ongeldige velden", default=dict)

    class Meta:
        verbose_name = "onvolledige indiening"
        verbose_name_plural = "onvolledige indieningen"
        ordering = ["-ingediend_op", "-id"]


class Terugmelding(VersieModel):
    """Het terugmeldingsformulier: uitschrijving of wijziging van de basisgegevens."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    melding = models.ForeignKey(
        Melding, on_delete=models.PROTECT, related_name="terugmeldingen", verbose_name="melding"
    )
    soort = models.CharField("soort", max_length=30, choices=Terugmeldingsoort.choices)
    datum = models.DateField(
        "datum",
        help_text="bij uitschrijving de eerste dag dat de leerling niet meer ingeschreven "
        "staat; bij een wijziging de dag waarop de wijziging ingaat",
    )
    ingediend_op_datum = models.DateField("datum van ontvangst")
    status = models.CharField(
        "status",
        max_length=20,
        choices=Terugmeldingstatus.choices,
        default=Terugmeldingstatus.ONTVANGEN,
    )
    # Bij een wijziging: de nieuwe waarden (leeg = ongewijzigd).
    groep = models.PositiveSmallIntegerField("nieuwe groep", null=True, blank=True)
    leerjaar = models.PositiveSmallIntegerField("nieuw leerjaar", null=True, blank=True)
    vo_variant = models.CharField(
        "nieuwe vo-variant", max_length=20, blank=True, choices=VO_VARIANT_KEUZES
    )
    mbo_niveau = models.CharField(
        "nieuw mbo-niveau", max_length=20, blank=True, choices=MBO_NIVEAU_KEUZES
    )
    leerweg = models.CharField("nieuwe leerweg", max_length=20, blank=True, choices=LEERWEG_KEUZES)
    ab_verzorger = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="nieuwe AB-verzorger",
    )
    ingediend_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    ingediend_op = models.DateTimeField("ingediend op")
    beoordeeld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    toelichting = models.TextField("toelichting bij de beoordeling", blank=True)

    class Meta:
        verbose_name = "terugmelding"
        verbose_name_plural = "terugmeldingen"
        ordering = ["-ingediend_op_datum", "-id"]

    def __str__(self) -> str:
        return f"terugmelding {self.publiek_id}"

    @property
    def is_uitschrijving(self) -> bool:
        return self.soort != Terugmeldingsoort.WIJZIGING


class TerugmeldingOvergang(AlleenToevoegenModel):
    terugmelding = models.ForeignKey(
        Terugmelding, on_delete=models.PROTECT, related_name="geschiedenis"
    )
    van = models.CharField("van", max_length=20, blank=True)
    naar = models.CharField("naar", max_length=20)
    door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")
    notitie = models.TextField("notitie", blank=True)

    class Meta:
        verbose_name = "overgang van een terugmelding"
        verbose_name_plural = "overgangen van terugmeldingen"
        ordering = ["op", "id"]


class ZmlAanvraag(VersieModel):
    """De eenmalige aanvraag voor het aanvullende zml-bedrag vanaf groep 3 (003, 66007)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    melding = models.ForeignKey(
        Melding, on_delete=models.PROTECT, related_name="zml_aanvragen", verbose_name="melding"
    )
    groep_3_per = models.DateField("in groep 3 per")
    aanvraagdatum = models.DateField("datum van ontvangst")
    status = models.CharField(
        "status", max_length=20, choices=Zmlstatus.choices, default=Zmlstatus.ONTVANGEN
    )
    ingediend_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    ingediend_op = models.DateTimeField("ingediend op")
    beoordeeld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    toelichting = models.TextField("toelichting bij de beoordeling", blank=True)

    class Meta:
        verbose_name = "zml-aanvraag"
        verbose_name_plural = "zml-aanvragen"
        ordering = ["-aanvraagdatum", "-id"]

    def __str__(self) -> str:
        return f"zml-aanvraag {self.publiek_id}"


class ZmlAanvraagOvergang(AlleenToevoegenModel):
    aanvraag = models.ForeignKey(ZmlAanvraag, on_delete=models.PROTECT, related_name="geschiedenis")
    van = models.CharField("van", max_length=20, blank=True)
    naar = models.CharField("naar", max_length=20)
    door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")
    notitie = models.TextField("notitie", blank=True)

    class Meta:
        verbose_name = "overgang van een zml-aanvraag"
        verbose_name_plural = "overgangen van zml-aanvragen"
        ordering = ["op", "id"]


class TerugplaatsingGroep2(AlleenToevoegenModel):
    """De terugplaatsing van een zml-leerling naar groep 2, direct gemeld (003)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    melding = models.ForeignKey(
        Melding, on_delete=models.PROTECT, related_name="terugplaatsingen", verbose_name="melding"
    )
    datum = models.DateField("teruggeplaatst naar groep 2 op")
    gemeld_op_datum = models.DateField("datum van ontvangst")
    gemeld_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    gemeld_op = models.DateTimeField("gemeld op")

    class Meta:
        verbose_name = "terugplaatsing naar groep 2"
        verbose_name_plural = "terugplaatsingen naar groep 2"
        ordering = ["-datum", "-id"]
