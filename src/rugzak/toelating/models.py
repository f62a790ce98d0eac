"""Modellen van de toelatingszaak (002, hoofdstuk 4) en het gastleerlingschap (002, hoofdstuk 3).

Een :class:`Toelatingszaak` doorloopt het toelatingsprotocol in 14 fasen met traject a
(toelaten) en b (afwijzen, met toetsing door het bestuur). De toestand is één code
(``"1"`` ... ``"8"``, ``"9a"`` ... ``"14"``, of een eindtoestand); welke overgangen mogen en
wat elke fase nodig heeft, staat in :mod:`rugzak.toelating.overgangen`. Wijzigen gaat
alleen via :mod:`rugzak.toelating.services` (versiebeheer); elke overgang komt als rij in
:class:`ToelatingOvergang`, een tabel die alleen kan groeien.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, NoReturn

from django.db import models
from django.db.models import Q

from rugzak.gedeeld.velden import Tijdstipveld
from rugzak.gedeeld.versie import VersieModel
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort


class Toestand(models.TextChoices):
    """De toestand van een toelatingszaak: de fase van het protocol (002, 4.2), met het
    traject vanaf fase 9, of een eindtoestand."""

    F1 = "1", "fase 1: verzoek om plaatsing"
    F2 = "2", "fase 2: gesprek met de ouders en schriftelijke aanmelding"
    F3 = "3", "fase 3: team geïnformeerd"
    F4 = "4", "fase 4: gegevens verzamelen"
    F5 = "5", "fase 5: inventarisatie"
    F6 = "6", "fase 6: bespreking in het team"
    F7 = "7", "fase 7: advies van het team"
    F8 = "8", "fase 8: beslissing van de directie"
    F9A = "9a", "fase 9a: leerling toegelaten"
    F9B = "9b", "fase 9b: directie adviseert het bestuur af te wijzen"
    F10A = "10a", "fase 10a: besluit toegelicht aan de ouders"
    F10B = "10b", "fase 10b: toetsing door het bestuur"
    F11A = "11a", "fase 11a: overeenkomst school-ouders"
    F11B = "11b", "fase 11b: schriftelijk besluit tot niet-toelating"
    F12A = "12a", "fase 12a: bestuur, MR en inspectie op de hoogte"
    F12B = "12b", "fase 12b: MR en inspectie op de hoogte"
    F13 = "13", "fase 13: handelingsplan"
    F14 = "14", "fase 14: overige belanghebbenden geïnformeerd"
    TOEGELATEN = "toegelaten", "afgesloten: toegelaten en geplaatst"
    AFGEWEZEN = "afgewezen", "afgesloten: niet toegelaten"
    INGETROKKEN = "ingetrokken", "afgesloten: aanmelding ingetrokken door de ouders"


#: Eindtoestanden: daar gaat geen overgang meer vandaan.
EINDTOESTANDEN = frozenset({Toestand.TOEGELATEN, Toestand.AFGEWEZEN, Toestand.INGETROKKEN})


class Besluit(models.TextChoices):
    TOELATEN = "toelaten", "toelaten"
    AFWIJZEN = "afwijzen", "afwijzen (advies aan het bestuur)"


class Teamadvies(models.TextChoices):
    PLAATSEN = "plaatsen", "plaatsen"
    NIET_PLAATSEN = "niet_plaatsen", "niet plaatsen"


class Bestuursoordeel(models.TextChoices):
    OVERNEMEN = "overnemen", "advies overgenomen: niet toelaten"
    HEROVERWEGEN = "heroverwegen", "heroverwegen in overleg met de directie"


class ToelatingszaakQuerySet(models.QuerySet["Toelatingszaak"]):
    def geeft_schooltoegang(self) -> ToelatingszaakQuerySet:
        """De zaken waarlangs de school (en haar bestuur) de leerling mag zien: elke lopende
        zaak, en een afgewezen zaak (de school moet een afwijzing kunnen verantwoorden bij
        bezwaar en beroep, 002 fase 11b). Na toelating loopt de toegang via de inschrijving;
        na intrekking vervalt hij."""
        return self.exclude(toestand__in=[Toestand.TOEGELATEN, Toestand.INGETROKKEN])


class Toelatingszaak(VersieModel):
    """De toelating van een leerling met (een aanvraag voor) LGF op een school (002, 4)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        Organisatie,
        verbose_name="school",
        on_delete=models.PROTECT,
        related_name="toelatingszaken",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
    )
    leerling = models.ForeignKey(
        Leerling, verbose_name="leerling", on_delete=models.PROTECT, related_name="toelatingszaken"
    )
    indicatie = models.ForeignKey(
        Indicatie,
        verbose_name="indicatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toelatingszaken",
    )
    toestand = models.CharField(
        "toestand", max_length=12, choices=Toestand.choices, default=Toestand.F1
    )

    # fase 1
    verzoek_op = models.DateField("verzoek om plaatsing op")
    uitnodiging_verstuurd_op = models.DateField(
        "uitnodiging eerste gesprek verstuurd op (bijlage 1)", null=True, blank=True
    )
    gesprek_gepland_op = models.DateField("gesprek gepland op", null=True, blank=True)
    # fase 2
    gesprek_op = models.DateField("gesprek met de ouders op", null=True, blank=True)
    aanmelding_schriftelijk_op = models.DateField(
        "schriftelijke aanmelding op", null=True, blank=True
    )
    toestemming_derden_op = models.DateField(
        "schriftelijke toestemming gegevens bij derden op", null=True, blank=True
    )
    communicatieafspraken = models.TextField("afspraken over de communicatie", blank=True)
    gespreksverslag = models.TextField("verslag van het gesprek", blank=True)
    # fase 3
    team_geinformeerd_op = models.DateField("team geïnformeerd op", null=True, blank=True)
    # fase 4
    geen_huidige_school = models.BooleanField("het kind bezoekt (nog) geen school", default=False)
    # fase 5
    inventarisatie = models.JSONField("schema inventarisatie (002, 4.3)", default=dict, blank=True)
    inventarisatie_op = models.DateField("inventarisatie vastgelegd op", null=True, blank=True)
    # fase 7
    teamadvies = models.CharField(
        "advies van het team", max_length=20, choices=Teamadvies.choices, blank=True
    )
    teamadvies_op = models.DateField("advies van het team op", null=True, blank=True)
    teamadvies_motivering = models.TextField("toelichting op het advies", blank=True)
    # fase 8
    besluit = models.CharField(
        "beslissing van de directie", max_length=20, choices=Besluit.choices, blank=True
    )
    besluit_op = models.DateField("beslissing op", null=True, blank=True)
    besluit_motivering = models.TextField("motivering van de beslissing", blank=True)
    # fase 9a / 11a
    plaatsingsdatum = models.DateField("datum plaatsing", null=True, blank=True)
    # fase 9b
    advies_procedure = models.TextField("gevolgde procedure (advies aan het bestuur)", blank=True)
    advies_motieven = models.TextField("motieven (advies aan het bestuur)", blank=True)
    advies_aan_bestuur_op = models.DateField("advies aan het bestuur op", null=True, blank=True)
    # fase 10a
    besluit_toegelicht_op = models.DateField(
        "besluit toegelicht aan de ouders op", null=True, blank=True
    )
    aanmelding_gehandhaafd = models.BooleanField(
        "ouders handhaven de aanmelding", null=True, blank=True
    )
    # fase 10b
    bestuursoordeel = models.CharField(
        "oordeel van het bestuur", max_length=20, choices=Bestuursoordeel.choices, blank=True
    )
    bestuur_getoetst_op = models.DateField("getoetst door het bestuur op", null=True, blank=True)
    bestuur_toelichting = models.TextField("toelichting van het bestuur", blank=True)
    # fase 11b
    weigering_besluit_op = models.DateField(
        "schriftelijk besluit tot niet-toelating op", null=True, blank=True
    )
    weigering_redenen = models.TextField("redenen van de niet-toelating", blank=True)
    weigering_gesprek_op = models.DateField(
        "besluit toegelicht in gesprek met de ouders op", null=True, blank=True
    )
    wijst_op_bezwaar_beroep = models.BooleanField(
        "besluit wijst op bezwaar en beroep", default=False
    )
    wijst_op_onderwijsconsulent = models.BooleanField(
        "besluit wijst op de onderwijsconsulent", default=False
    )
    # fase 12
    bestuur_geinformeerd_op = models.DateField("bestuur geïnformeerd op", null=True, blank=True)
    mr_geinformeerd_op = models.DateField("MR geïnformeerd op", null=True, blank=True)
    inspectie_geinformeerd_op = models.DateField("inspectie geïnformeerd op", null=True, blank=True)
    # fase 14
    belanghebbenden_geinformeerd_op = models.DateField(
        "overige belanghebbenden geïnformeerd op", null=True, blank=True
    )
    belanghebbenden_toelichting = models.TextField("wie is hoe geïnformeerd (fase 14)", blank=True)
    # einde
    afgesloten_op = models.DateField("afgesloten op", null=True, blank=True)
    intrekkingsreden = models.TextField("reden van intrekking", blank=True)

    aangemaakt_door = models.ForeignKey(
        Gebruiker, verbose_name="aangemaakt door", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    objects = ToelatingszaakQuerySet.as_manager()

    class Meta:
        verbose_name = "toelatingszaak"
        verbose_name_plural = "toelatingszaken"
        ordering = ["-verzoek_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "leerling"],
                condition=~Q(toestand__in=["toegelaten", "afgewezen", "ingetrokken"]),
                name="toelating_een_lopende_zaak_per_school_en_leerling",
                violation_error_message=(
                    "voor deze leerling loopt op deze school al een toelatingszaak"
                ),
            ),
        ]
        indexes = [models.Index(fields=["school", "toestand"], name="toelating_school_toestand")]

    def __str__(self) -> str:
        return f"toelatingszaak {self.publiek_id}"

    @property
    def fase(self) -> int | None:
        """Het fasenummer 1-14, of None in een eindtoestand."""
        if self.toestand in EINDTOESTANDEN:
            return None
        return int(self.toestand.rstrip("ab"))

    @property
    def traject(self) -> str:
        """'a' (toelaten), 'b' (afwijzen) of '' (nog niet beslist)."""
        if self.toestand in ("9a", "10a", "11a", "12a", "13", "14", Toestand.TOEGELATEN):
            return "a"
        if self.toestand in ("9b", "10b", "11b", "12b", Toestand.AFGEWEZEN):
            return "b"
        return ""

    @property
    def is_afgesloten(self) -> bool:
        return self.toestand in EINDTOESTANDEN


class GeschiedenisQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("de geschiedenis van een zaak kan alleen worden aangevuld")

    def delete(self) -> NoReturn:
        raise TypeError("de geschiedenis van een zaak kan alleen worden aangevuld")


class Geschiedenisregel(models.Model):
    """Een geschiedenisregel: wie, wanneer, van welke naar welke toestand, met notitie."""

    wanneer = Tijdstipveld("wanneer", auto_now_add=True)
    datum = models.DateField("peildatum van de toepassing")
    door = models.ForeignKey(
        Gebruiker, verbose_name="door", on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField("rol", max_length=30)
    van = models.CharField("van", max_length=20, blank=True)
    naar = models.CharField("naar", max_length=20)
    notitie = models.TextField("notitie", blank=True)

    objects = GeschiedenisQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["wanneer", "id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("de geschiedenis van een zaak kan alleen worden aangevuld")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("de geschiedenis van een zaak kan alleen worden aangevuld")


class ToelatingOvergang(Geschiedenisregel):
    """Eén overgang van een toelatingszaak (alleen toevoegen)."""

    zaak = models.ForeignKey(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="overgangen",
    )

    class Meta(Geschiedenisregel.Meta):
        verbose_name = "overgang van een toelatingszaak"
        verbose_name_plural = "overgangen van toelatingszaken"


class Instantie(models.TextChoices):
    """Bij wie de school gegevens opvraagt (002, fase 4a)."""

    CVI = "cvi", "de indicatiecommissie (CvI) van het REC"
    HUIDIGE_SCHOOL = "huidige_school", "de huidige school van het kind"
    SCHOOLBEGELEIDINGSDIENST = "schoolbegeleidingsdienst", "de schoolbegeleidingsdienst"
    GGD = "ggd", "de GGD"
    BEHANDELAAR = "behandelaar", "een instantie waar het kind onder behandeling is"
    VOORSCHOOLS = "voorschools", "een voorschoolse instelling (bij vierjarigen)"


#: Instanties waarbij 002 fase 4a 'in ieder geval' informatie laat opvragen.
VERPLICHTE_INSTANTIES = (Instantie.CVI, Instantie.HUIDIGE_SCHOOL)


class Informatieverzoek(models.Model):
    """Een verzoek om gegevens bij een instantie, met toestemming van de ouders (fase 4a)."""

    zaak = models.ForeignKey(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="informatieverzoeken",
    )
    instantie = models.CharField("instantie", max_length=30, choices=Instantie.choices)
    naam_instantie = models.CharField("naam van de instantie", max_length=200, blank=True)
    verzocht_op = models.DateField("verzocht op")
    ontvangen_op = models.DateField("gegevens ontvangen op", null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        Gebruiker, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "informatieverzoek"
        verbose_name_plural = "informatieverzoeken"
        ordering = ["verzocht_op", "id"]

    def __str__(self) -> str:
        return f"informatieverzoek {self.pk} ({self.instantie})"


class Begeleidingsbron(models.TextChoices):
    """Waar de school informatie over de begeleiding haalt (002, fase 4b)."""

    AMBULANT_BEGELEIDER = "ambulant_begeleider", "de ambulant begeleider van het REC"
    DRAAIBOEK = "draaiboek", "het draaiboek 'met de rugzak naar school'"
    ANDERE_SCHOOL = "andere_school", "een basisschool met ervaring met een vergelijkbare handicap"


class Begeleidingsinformatie(models.Model):
    """Informatie over de begeleiding van kinderen met deze handicap (fase 4b)."""

    zaak = models.ForeignKey(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="begeleidingsinformatie",
    )
    bron = models.CharField("bron", max_length=30, choices=Begeleidingsbron.choices)
    datum = models.DateField("datum")
    samenvatting = models.TextField("samenvatting")
    vastgelegd_door = models.ForeignKey(
        Gebruiker, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "informatie over begeleiding"
        verbose_name_plural = "informatie over begeleiding"
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"begeleidingsinformatie {self.pk} ({self.bron})"


class Teambespreking(models.Model):
    """Een teamvergadering over het verzoek tot plaatsing (fase 6), eventueel met een
    externe deskundige (tweede vergadering)."""

    zaak = models.ForeignKey(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="teambesprekingen",
    )
    datum = models.DateField("datum")
    externe_deskundige = models.CharField(
        "externe deskundige (naam en functie)", max_length=200, blank=True
    )
    verslag = models.TextField("verslag (mogelijkheden en grenzen)")
    vastgelegd_door = models.ForeignKey(
        Gebruiker, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "teambespreking"
        verbose_name_plural = "teambesprekingen"
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"teambespreking {self.pk}"


class Aanvrager(models.TextChoices):
    OUDERS = "ouders", "de ouders"
    SCHOOL = "school", "de school"


class Onderwijsconsulent(models.Model):
    """De inschakeling van een onderwijsconsulent (002, fase 11): aangevraagd door ouders
    of school, onafhankelijk advies; bij afwijzing ook bij bezwaar en beroep."""

    zaak = models.ForeignKey(
        Toelatingszaak,
        verbose_name="toelatingszaak",
        on_delete=models.PROTECT,
        related_name="onderwijsconsulenten",
    )
    aangevraagd_door = models.CharField(
        "aangevraagd door", max_length=10, choices=Aanvrager.choices
    )
    aangevraagd_op = models.DateField("aangevraagd op")
    vraag = models.TextField("waarover (vraag of geschil)")
    advies_op = models.DateField("advies ontvangen op", null=True, blank=True)
    advies = models.TextField("advies", blank=True)
    vastgelegd_door = models.ForeignKey(
        Gebruiker, verbose_name="vastgelegd door", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "inschakeling onderwijsconsulent"
        verbose_name_plural = "inschakelingen onderwijsconsulent"
        ordering = ["aangevraagd_op", "id"]

    def __str__(self) -> str:
        return f"onderwijsconsulent {self.pk}"


# --- gastleerling -------------------------------------------------------------------------


class Gastleerlingtoestand(models.TextChoices):
    CONCEPT = "concept", "afspraken opgesteld, nog niet door alle drie ondertekend"
    LOPEND = "lopend", "lopend"
    BEEINDIGD = "beeindigd", "beëindigd"


class GastleerlingschapQuerySet(models.QuerySet["Gastleerlingschap"]):
    def geeft_schooltoegang(self) -> GastleerlingschapQuerySet:
        """De gastleerlingschappen waarlangs de ontvangende school de leerling ziet."""
        return self.exclude(toestand=Gastleerlingtoestand.BEEINDIGD)


class Gastleerlingschap(VersieModel):
    """Een leerling van een REC-school volgt als gastleerling de lessen op een school, een
    week tot zes maanden, verlengbaar tot een jaar, met schriftelijke afspraken getekend
    door ouders, REC-school en school (002, hoofdstuk 3, laatste punt)."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        Organisatie,
        verbose_name="ontvangende school",
        on_delete=models.PROTECT,
        related_name="gastleerlingschappen",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
    )
    rec_school = models.ForeignKey(
        Organisatie,
        verbose_name="REC-school (inschrijving)",
        on_delete=models.PROTECT,
        related_name="gastleerlingschappen_uit",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
    )
    leerling = models.ForeignKey(
        Leerling,
        verbose_name="leerling",
        on_delete=models.PROTECT,
        related_name="gastleerlingschappen",
    )
    toestand = models.CharField(
        "toestand",
        max_length=12,
        choices=Gastleerlingtoestand.choices,
        default=Gastleerlingtoestand.CONCEPT,
    )
    begin = models.DateField("eerste dag als gastleerling")
    einde = models.DateField("laatste dag (oorspronkelijke periode)")
    verlengd_tot = models.DateField("verlengd tot en met", null=True, blank=True)
    afspraken = models.TextField("schriftelijke afspraken")
    ouders_getekend_op = models.DateField("ondertekend door de ouders op", null=True, blank=True)
    rec_school_getekend_op = models.DateField(
        "ondertekend door de REC-school op", null=True, blank=True
    )
    school_getekend_op = models.DateField(
        "ondertekend door de ontvangende school op", null=True, blank=True
    )
    beeindigd_op = models.DateField("beëindigd op", null=True, blank=True)
    vervolg = models.TextField("besluit over een eventuele overstap", blank=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, verbose_name="aangemaakt door", on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)

    objects = GastleerlingschapQuerySet.as_manager()

    class Meta:
        verbose_name = "gastleerlingschap"
        verbose_name_plural = "gastleerlingschappen"
        ordering = ["-begin", "id"]
        constraints = [
            models.CheckConstraint(
                name="gastleerling_einde_na_begin", condition=Q(einde__gt=models.F("begin"))
            ),
        ]

    def __str__(self) -> str:
        return f"gastleerlingschap {self.publiek_id}"

    @property
    def laatste_dag(self) -> date:
        return self.verlengd_tot or self.einde


class GastleerlingOvergang(Geschiedenisregel):
    """Eén overgang van een gastleerlingschap (alleen toevoegen)."""

    zaak = models.ForeignKey(
        Gastleerlingschap,
        verbose_name="gastleerlingschap",
        on_delete=models.PROTECT,
        related_name="overgangen",
    )

    class Meta(Geschiedenisregel.Meta):
        verbose_name = "overgang van een gastleerlingschap"
        verbose_name_plural = "overgangen van gastleerlingschappen"
