"""De REC- en (v)so-administratie (004): wat de regelkern nodig heeft en de gegevens nog
niet hadden, en drie zaken met een toestandsmachine.

Gegevens (geen zaak):

- :class:`RecInrichting`: of een REC clusteroverstijgend is (004, 'Scholengemeenschap').
- :class:`VsoProfiel`: de onderwijssoort die een (v)so-school zelf verzorgt (004 spreekt
  steeds van 'de onderwijssoort die door de school wordt verzorgd').
- :class:`VerbredeToelating`: een school laat leerlingen van een andere onderwijssoort
  van haar REC verbreed toe (004, 'Verbrede toelating').
- :class:`VsoPlaatsing`: bij een inschrijving op een (v)so-school de vestiging, de
  residentiële plaats, de indicatie en (zo nodig) de verbrede toelating. 'Zittend' volgt
  uit de datum van de inschrijving (op 31 juli 2003 al op school).
- :class:`Scholengemeenschap` met :class:`Gemeenschapslid`: scholen van verschillende
  onderwijssoorten met één schoolplan (004).
- :class:`PabFormatieopgave`: huidige en genormeerde PAB-formatie per school en
  onderwijssoort (004, PAB-overgang).

Zaken (:class:`~rugzak.gedeeld.versie.VersieModel`, met een alleen-toevoegen historie):

- :class:`Vestiging`: een nevenvestiging komt pas in het spreidingsplan met de
  instemming van de scholen van het REC, de aanpalende REC's en de gemeente.
- :class:`ResidentieelVerzoek`: het verzoek om residentiële plaatsen met alle
  onderdelen van 004; onvolledig wordt het niet ingediend.
- :class:`VsoAanmelding`: de aanmelding bij een (v)so-school en het besluit erover
  (jonger dan 4; geen weigering 'past niet' bij de eigen onderwijssoort).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Exists, OuterRef, Q

from rugzak.gedeeld.velden import Tijdstipveld
from rugzak.gedeeld.versie import VersieModel
from rugzak.indicaties.models import ONDERWIJSSOORT_KEUZES, Indicatie, Zaakstap
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort

# --- gegevens -----------------------------------------------------------------------------


class RecInrichting(models.Model):
    """Hoe een REC is ingericht: clusteroverstijgend of niet (004, 'Scholengemeenschap')."""

    rec = models.OneToOneField(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="rec_inrichting",
        limit_choices_to={"soort": Organisatiesoort.REC},
        verbose_name="REC",
    )
    clusteroverstijgend = models.BooleanField(
        "clusteroverstijgend",
        default=False,
        help_text="scholen van verschillende clusters kunnen dan een scholengemeenschap vormen",
    )
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    vastgelegd_op = Tijdstipveld("vastgelegd op", auto_now=True)

    class Meta:
        verbose_name = "inrichting van een REC"
        verbose_name_plural = "inrichting van REC's"

    def __str__(self) -> str:
        return f"inrichting van {self.rec}"


class VsoProfiel(models.Model):
    """De onderwijssoort die een (v)so-school zelf verzorgt (004)."""

    school = models.OneToOneField(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="vso_profiel",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
        verbose_name="school",
    )
    onderwijssoort = models.CharField(
        "onderwijssoort van de school", max_length=20, choices=ONDERWIJSSOORT_KEUZES
    )
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    vastgelegd_op = Tijdstipveld("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "onderwijssoort van een (v)so-school"
        verbose_name_plural = "onderwijssoorten van (v)so-scholen"

    def __str__(self) -> str:
        return f"{self.school}: {self.get_onderwijssoort_display()}"


class VerbredeToelating(models.Model):
    """Een (v)so-school laat leerlingen met een indicatie voor een andere onderwijssoort
    van haar REC verbreed toe (004, 'Verbrede toelating'). Voor die onderwijssoort mag de
    school geen ambulante begeleiding verzorgen."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="verbrede_toelatingen",
        verbose_name="school",
    )
    onderwijssoort = models.CharField(
        "verbreed toegelaten onderwijssoort", max_length=20, choices=ONDERWIJSSOORT_KEUZES
    )
    alle_mg_indicaties = models.BooleanField(
        "neemt alle mg-indicaties op",
        default=False,
        help_text="cluster 3, mg: de school vangt alle mg-geïndiceerde leerlingen op "
        "(laag functionerend en tyltyl)",
    )
    vanaf = models.DateField("vanaf")
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    vastgelegd_op = Tijdstipveld("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "verbrede toelating"
        verbose_name_plural = "verbrede toelatingen"
        ordering = ["school_id", "onderwijssoort"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "onderwijssoort"],
                name="rec_verbreed_een_per_onderwijssoort",
                violation_error_message="deze school laat deze onderwijssoort al verbreed toe",
            )
        ]

    def __str__(self) -> str:
        return f"verbrede toelating {self.publiek_id}"


class Onderwijsniveau(models.TextChoices):
    SO = "so", "speciaal onderwijs (so)"
    VSO = "vso", "voortgezet speciaal onderwijs (vso)"


class VsoPlaatsing(VersieModel):
    """Wat de telling van 004 van een inschrijving op een (v)so-school moet weten en de
    inschrijving zelf niet bevat."""

    inschrijving = models.OneToOneField(
        Inschrijving,
        on_delete=models.CASCADE,
        related_name="vso_plaatsing",
        verbose_name="inschrijving",
    )
    vestiging = models.ForeignKey(
        "Vestiging",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plaatsingen",
        verbose_name="vestiging",
        help_text="leeg: de hoofdvestiging",
    )
    residentieel = models.BooleanField("op een residentiële plaats", default=False)
    indicatie = models.ForeignKey(
        Indicatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vso_plaatsingen",
        verbose_name="indicatie",
        help_text="leeg: een zittende leerling zonder indicatie onder de WEC",
    )
    niveau = models.CharField(
        "toelaatbaar tot", max_length=3, choices=Onderwijsniveau.choices, default=Onderwijsniveau.SO
    )
    verbrede_toelating = models.ForeignKey(
        VerbredeToelating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plaatsingen",
        verbose_name="verbrede toelating",
    )
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "plaatsing op een (v)so-school"
        verbose_name_plural = "plaatsingen op (v)so-scholen"
        constraints = [
            models.CheckConstraint(
                name="rec_plaatsing_niet_residentieel_en_verbreed",
                condition=Q(residentieel=False) | Q(verbrede_toelating__isnull=True),
                violation_error_message="een residentiële plaats kan niet samen met verbrede "
                "toelating",
            )
        ]

    def __str__(self) -> str:
        return f"plaatsing bij inschrijving {self.inschrijving_id}"


class Scholengemeenschap(models.Model):
    """Scholen van verschillende onderwijssoorten binnen één REC met één schoolplan (004)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    rec = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="scholengemeenschappen",
        verbose_name="REC",
    )
    naam = models.CharField("naam", max_length=200)
    schoolplan = models.CharField(
        "schoolplan (kenmerk)", max_length=200, help_text="het ene schoolplan van de gemeenschap"
    )
    gevormd_op = models.DateField("gevormd op")
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    vastgelegd_op = Tijdstipveld("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "scholengemeenschap"
        verbose_name_plural = "scholengemeenschappen"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gemeenschapslid(models.Model):
    gemeenschap = models.ForeignKey(
        Scholengemeenschap,
        on_delete=models.CASCADE,
        related_name="leden",
        verbose_name="scholengemeenschap",
    )
    school = models.OneToOneField(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="gemeenschapslid",
        verbose_name="school",
    )

    class Meta:
        verbose_name = "school van een scholengemeenschap"
        verbose_name_plural = "scholen van scholengemeenschappen"


class PabFormatieopgave(VersieModel):
    """De huidige en genormeerde PAB-formatie van een (v)so-school voor één onderwijssoort
    (004, 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)'). De
    bedragen per overgangsjaar komen uit de regelkern."""

    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="pab_formatieopgaven",
        verbose_name="school",
    )
    onderwijssoort = models.CharField(
        "onderwijssoort", max_length=20, choices=ONDERWIJSSOORT_KEUZES
    )
    huidig_fre = models.DecimalField("huidige PAB-formatie (fre)", max_digits=10, decimal_places=4)
    genormeerd_fre = models.DecimalField(
        "genormeerde PAB-formatie (fre)", max_digits=10, decimal_places=4
    )
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="vastgelegd door"
    )
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "PAB-formatieopgave"
        verbose_name_plural = "PAB-formatieopgaven"
        ordering = ["school_id", "onderwijssoort"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "onderwijssoort"],
                name="rec_pab_een_per_school_onderwijssoort",
                violation_error_message="de PAB-formatie van deze school en onderwijssoort is "
                "al vastgelegd; wijzig die",
            ),
            models.CheckConstraint(
                name="rec_pab_niet_negatief",
                condition=Q(huidig_fre__gte=0) & Q(genormeerd_fre__gte=0),
            ),
        ]


# --- zaak: vestiging ----------------------------------------------------------------------


class Vestigingstatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", "voorgesteld, instemming wordt gevraagd"
    IN_SPREIDINGSPLAN = "in_spreidingsplan", "opgenomen in het spreidingsplan van het REC"
    INGETROKKEN = "ingetrokken", "ingetrokken"


#: De toestandsmachine van een vestiging.
VESTIGING_TRANSITIES: dict[str, frozenset[str]] = {
    Vestigingstatus.VOORGESTELD: frozenset(
        {Vestigingstatus.IN_SPREIDINGSPLAN, Vestigingstatus.INGETROKKEN}
    ),
    Vestigingstatus.IN_SPREIDINGSPLAN: frozenset(),
    Vestigingstatus.INGETROKKEN: frozenset(),
}


class Vestiging(VersieModel):
    """Een vestiging van een (v)so-school: de hoofdvestiging of een nevenvestiging
    (004, 'Nevenvestigingen' en 'De leerlingtelling')."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="vestigingen", verbose_name="school"
    )
    naam = models.CharField("naam", max_length=200)
    gemeente = models.CharField("gemeente", max_length=100)
    hoofdvestiging = models.BooleanField("hoofdvestiging", default=False)
    status = models.CharField(
        "status",
        max_length=20,
        choices=Vestigingstatus.choices,
        default=Vestigingstatus.VOORGESTELD,
    )
    omzetting_zmlk_afdeling = models.BooleanField(
        "omzetting van een zmlk-afdeling",
        default=False,
        help_text="een zmlk-afdeling die nevenvestiging wordt, volstaat met een verzoek tot "
        "omzetting (004)",
    )
    instemming_scholen_rec_op = models.DateField(
        "instemming van de scholen van het REC op", null=True, blank=True
    )
    instemming_aanpalende_recs_op = models.DateField(
        "instemming van de aanpalende REC's op", null=True, blank=True
    )
    instemming_gemeente_op = models.DateField(
        "instemming van de gemeente op", null=True, blank=True
    )
    opgenomen_op = models.DateField("opgenomen in het spreidingsplan op", null=True, blank=True)
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "vestiging"
        verbose_name_plural = "vestigingen"
        ordering = ["school_id", "-hoofdvestiging", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(hoofdvestiging=True),
                name="rec_een_hoofdvestiging_per_school",
                violation_error_message="deze school heeft al een hoofdvestiging",
            ),
            models.UniqueConstraint(
                fields=["school", "naam"],
                name="rec_vestigingnaam_uniek",
                violation_error_message="deze school heeft al een vestiging met deze naam",
            ),
        ]

    def __str__(self) -> str:
        return f"vestiging {self.publiek_id}"


class Vestigingstap(Zaakstap):
    vestiging = models.ForeignKey(
        Vestiging, on_delete=models.PROTECT, related_name="stappen", verbose_name="vestiging"
    )

    class Meta:
        verbose_name = "stap van een vestiging"
        verbose_name_plural = "stappen van vestigingen"
        ordering = ["vestiging_id", "wanneer", "id"]


# --- zaak: verzoek om residentiële plaatsen ------------------------------------------------


class Verzoekstatus(models.TextChoices):
    CONCEPT = "concept", "in voorbereiding"
    INGEDIEND = "ingediend", "ingediend (volledig)"
    TOEGEKEND = "toegekend", "toegekend"
    AFGEWEZEN = "afgewezen", "afgewezen"
    INGETROKKEN = "ingetrokken", "ingetrokken"


VERZOEK_TRANSITIES: dict[str, frozenset[str]] = {
    Verzoekstatus.CONCEPT: frozenset({Verzoekstatus.INGEDIEND, Verzoekstatus.INGETROKKEN}),
    Verzoekstatus.INGEDIEND: frozenset(
        {Verzoekstatus.TOEGEKEND, Verzoekstatus.AFGEWEZEN, Verzoekstatus.INGETROKKEN}
    ),
    Verzoekstatus.TOEGEKEND: frozenset(),
    Verzoekstatus.AFGEWEZEN: frozenset(),
    Verzoekstatus.INGETROKKEN: frozenset(),
}


class ResidentieelVerzoek(VersieModel):
    """Een verzoek van een (v)so-school om residentiële plaatsen (004, 'Residentiële
    plaatsen'). Leeg is 'ontbreekt'; indienen lukt pas als alles er is (regelkern)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="residentiele_verzoeken",
        verbose_name="school",
    )
    schooljaar = models.CharField("schooljaar", max_length=9)
    onderwijssoort = models.CharField(
        "onderwijssoort van de plaatsen", max_length=20, choices=ONDERWIJSSOORT_KEUZES
    )
    status = models.CharField(
        "status", max_length=12, choices=Verzoekstatus.choices, default=Verzoekstatus.CONCEPT
    )
    plaatsen = models.PositiveIntegerField("gevraagde plaatsen", null=True, blank=True)
    leerlingen_uit_instelling = models.JSONField(
        "leerlingen uit de instelling per schooljaar",
        default=dict,
        blank=True,
        help_text='de vijf voorafgaande schooljaren, bv. {"2006-2007": 12}',
    )
    gemiddelde_verblijfsduur_maanden = models.DecimalField(
        "gemiddelde verblijfsduur (maanden)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    plaatsen_instelling = models.PositiveIntegerField(
        "plaatsen in de instelling", null=True, blank=True
    )
    naam_instelling = models.CharField("naam van de instelling", max_length=200, blank=True)
    adres_instelling = models.CharField("adres van de instelling", max_length=300, blank=True)
    aard_opvang = models.CharField("aard van de opvang", max_length=300, blank=True)
    afschrift_samenwerkingsafspraken = models.BooleanField(
        "afschrift van de samenwerkingsafspraken bijgevoegd", default=False
    )
    ingediend_op = models.DateField("ingediend op", null=True, blank=True)
    besloten_op = models.DateField("besloten op", null=True, blank=True)
    plaatsen_toegekend = models.PositiveIntegerField("toegekende plaatsen", null=True, blank=True)
    toegekend_tot = models.DateField(
        "toegekend tot en met", null=True, blank=True, help_text="de duur van de toekenning"
    )
    besluit_toelichting = models.TextField("toelichting bij het besluit", blank=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="aangemaakt door"
    )
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "verzoek om residentiële plaatsen"
        verbose_name_plural = "verzoeken om residentiële plaatsen"
        ordering = ["-schooljaar", "school_id", "id"]

    def __str__(self) -> str:
        return f"verzoek residentiële plaatsen {self.publiek_id}"


class Verzoekstap(Zaakstap):
    verzoek = models.ForeignKey(
        ResidentieelVerzoek,
        on_delete=models.PROTECT,
        related_name="stappen",
        verbose_name="verzoek",
    )

    class Meta:
        verbose_name = "stap van een verzoek om residentiële plaatsen"
        verbose_name_plural = "stappen van verzoeken om residentiële plaatsen"
        ordering = ["verzoek_id", "wanneer", "id"]


# --- zaak: aanmelding bij een (v)so-school -------------------------------------------------


class Aanmeldingstatus(models.TextChoices):
    AANGEMELD = "aangemeld", "aangemeld"
    TOEGELATEN = "toegelaten", "toegelaten"
    GEWEIGERD = "geweigerd", "geweigerd"
    INGETROKKEN = "ingetrokken", "ingetrokken"


AANMELDING_TRANSITIES: dict[str, frozenset[str]] = {
    Aanmeldingstatus.AANGEMELD: frozenset(
        {Aanmeldingstatus.TOEGELATEN, Aanmeldingstatus.GEWEIGERD, Aanmeldingstatus.INGETROKKEN}
    ),
    Aanmeldingstatus.TOEGELATEN: frozenset(),
    Aanmeldingstatus.GEWEIGERD: frozenset(),
    Aanmeldingstatus.INGETROKKEN: frozenset(),
}

#: Toestanden waarin de school de aangemelde leerling ziet (rugzak.toegang).
AANMELDING_GEEFT_SCHOOLTOEGANG = frozenset(
    {Aanmeldingstatus.AANGEMELD, Aanmeldingstatus.TOEGELATEN}
)


class Weigeringsgrond(models.TextChoices):
    PAST_NIET = "past_niet", "de leerling is niet aangewezen op het onderwijs van de school"
    ANDERE_ONDERWIJSSOORT = (
        "andere_onderwijssoort",
        "de leerling is geïndiceerd voor een onderwijssoort die de school niet verzorgt",
    )
    GEEN_INDICATIE = "geen_indicatie", "de leerling heeft geen (geldige) indicatie"
    ANDERS = "anders", "andere grond (toelichten)"


class VsoAanmeldingQuerySet(models.QuerySet["VsoAanmelding"]):
    def geeft_schooltoegang(self) -> VsoAanmeldingQuerySet:
        """Aanmeldingen waardoor de school de leerling ziet: een open aanmelding, en een
        toelating zolang de leerling nog niet op de school is ingeschreven (daarna geeft de
        inschrijving toegang, en na de uitschrijving vervalt die)."""
        ingeschreven = Inschrijving.objects.filter(
            leerling_id=OuterRef("leerling_id"), school_id=OuterRef("school_id")
        )
        return self.filter(
            Q(status=Aanmeldingstatus.AANGEMELD)
            | (Q(status=Aanmeldingstatus.TOEGELATEN) & ~Exists(ingeschreven))
        )


class VsoAanmelding(VersieModel):
    """De aanmelding van een leerling bij een (v)so-school en het besluit erover
    (004, 'Toelating')."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.PROTECT,
        related_name="vso_aanmeldingen",
        verbose_name="leerling",
    )
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="vso_aanmeldingen",
        verbose_name="(v)so-school",
    )
    indicatie = models.ForeignKey(
        Indicatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vso_aanmeldingen",
        verbose_name="indicatie",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Aanmeldingstatus.choices,
        default=Aanmeldingstatus.AANGEMELD,
    )
    aangemeld_op = models.DateField("aangemeld op")
    gewenste_startdatum = models.DateField("gewenste startdatum")
    instemming_inspectie_op = models.DateField(
        "instemming van de inspectie op",
        null=True,
        blank=True,
        help_text="nodig voor een kind dat op de startdatum jonger is dan 4 jaar",
    )
    besloten_op = models.DateField("besloten op", null=True, blank=True)
    weigeringsgrond = models.CharField(
        "weigeringsgrond", max_length=30, choices=Weigeringsgrond.choices, blank=True
    )
    toelichting = models.TextField("toelichting", blank=True)
    aangemeld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="aangemeld door"
    )
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    objects = VsoAanmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = "aanmelding bij een (v)so-school"
        verbose_name_plural = "aanmeldingen bij (v)so-scholen"
        ordering = ["-aangemeld_op", "id"]

    def __str__(self) -> str:
        return f"aanmelding {self.publiek_id}"


class Aanmeldingstap(Zaakstap):
    aanmelding = models.ForeignKey(
        VsoAanmelding,
        on_delete=models.PROTECT,
        related_name="stappen",
        verbose_name="aanmelding",
    )

    class Meta:
        verbose_name = "stap van een aanmelding bij een (v)so-school"
        verbose_name_plural = "stappen van aanmeldingen bij (v)so-scholen"
        ordering = ["aanmelding_id", "wanneer", "id"]
