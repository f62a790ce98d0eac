"""Het geld: betaalruns, het grootboek, REC-gegevens en de besteding van de rugzak.

- :class:`Betaalrun`: één uitvoering van de maandelijkse betaalrun voor een maand.
- :class:`Grootboekregel`: één boeking, alleen toevoegen (model, queryset én
  databasetriggers weigeren wijzigen en verwijderen). Een correctie is een nieuwe regel.
- :class:`Leemte`: per run en leerling een schooljaar dat niet berekend kon worden (de
  bronnen geven geen tarief, of de gegevens passen niet); daarvoor is niets geboekt.
- :class:`RecTelling`, :class:`Formatieopgave`, :class:`Garantietoedeling`: de gegevens
  waaruit de REC-bekostiging en de formatiegarantie volgen (004).
- :class:`Besteding`: hoe de school de rugzak van een leerling besteedt (000, 001).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.contrib.postgres.indexes import BrinIndex
from django.db import models
from django.db.models import Q

from rugzak.gedeeld.alleen_toevoegen import (
    AlleenToevoegenModel,
    AlleenToevoegenQuerySet,
)
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.begrippen import Budgetdeel

BUDGETDEEL_KEUZES = [(d.value, d.omschrijving) for d in Budgetdeel]


class BrinOpPostgres(BrinIndex):
    """Een BRIN-index op PostgreSQL, elders (SQLite) een gewone index.

    Voor een kolom die met de invoegvolgorde oploopt, zoals de run van een grootboekregel
    (alleen toevoegen: de regels van een run staan achter elkaar in de tabel). Een BRIN
    houdt per blok van pagina's alleen het kleinste en grootste waarde bij: een COPY van
    miljoenen regels kost er vrijwel niets voor (een btree een indexrecord en WAL per
    regel), en een zoekvraag op één run leest alleen de blokken van die run."""

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class Runstatus(models.TextChoices):
    IN_WACHTRIJ = "in_wachtrij", "in de wachtrij"
    BEZIG = "bezig", "bezig"
    KLAAR = "klaar", "klaar"
    MISLUKT = "mislukt", "mislukt"


class Runfase(models.TextChoices):
    """Waar een lopende run is (issue 9, deel 3): de voortgang per fase."""

    LEZEN = "lezen", "gegevens lezen"
    REKENEN = "rekenen", "berekenen"
    GROOTBOEK = "grootboek", "vergelijken met het grootboek"
    BOEKEN = "boeken", "boeken"


#: De fasen in volgorde (voor "fase 2 van 4").
FASEN = tuple(Runfase)

#: Een run in een van deze toestanden verandert nooit meer (model, queryset en trigger).
AFGEROND = (Runstatus.KLAAR, Runstatus.MISLUKT)

#: De velden die de verwerker van een nog niet afgeronde run bijwerkt. De aanvraag zelf
#: (maand, instantie, wie, wanneer, peildatum) verandert nooit.
VOORTGANGSVELDEN = frozenset(
    {
        "status", "poging", "leerlingen_gedaan", "leerlingen_totaal", "begonnen_op",
        "hartslag_op", "uitgevoerd_op", "reden", "taak_id", "leerlingen", "regels",
        "totaal_centen", "leemtes", "terugval", "fase",
    }
)  # fmt: skip


class BetaalrunQuerySet(AlleenToevoegenQuerySet):
    """Als het grootboek: niets verwijderen. Bijwerken alleen van de voortgangsvelden en
    alleen van runs die nog niet afgerond zijn (een afgeronde run blijft zoals hij is)."""

    def update(self, **kwargs: Any) -> int:  # type: ignore[override]
        vreemd = set(kwargs) - VOORTGANGSVELDEN
        if vreemd:
            self._weiger(f"bijwerken van {', '.join(sorted(vreemd))}")
        return super(AlleenToevoegenQuerySet, self.exclude(status__in=AFGEROND)).update(**kwargs)


class Betaalrun(AlleenToevoegenModel):
    """Eén betaalrun: wat tot en met ``maand`` betaald had moeten zijn, min wat al geboekt was.

    Een run wordt aangevraagd (in de wachtrij), door een verwerker uitgevoerd (bezig, met
    voortgang en hartslag) en afgerond (klaar, met totalen, of mislukt, met de reden). Alle
    boekingen van een run komen in één transactie bij het afronden; een afgeronde run is
    alleen-toevoegen zoals het grootboek (zie :class:`BetaalrunQuerySet` en migratie 0003).
    ``uitgevoerd_door`` is wie de run aanvroeg; ``uitgevoerd_op`` wanneer hij afrondde."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    maand = models.DateField("maand", help_text="de eerste dag van de maand", db_index=True)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="bekostigingsinstantie",
    )
    uitgevoerd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", verbose_name="aangevraagd door"
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op")
    peildatum = models.DateField("peildatum")
    status = models.CharField(
        "toestand", max_length=20, choices=Runstatus.choices, default=Runstatus.IN_WACHTRIJ
    )
    poging = models.PositiveIntegerField(
        "poging", default=0, help_text="hoe vaak een verwerker de run begon (ook na uitval)"
    )
    leerlingen_gedaan = models.PositiveIntegerField("leerlingen berekend", default=0)
    leerlingen_totaal = models.PositiveIntegerField("leerlingen te berekenen", null=True)
    # Leeg (NULL) zolang de run niet loopt en als hij afgerond is. Nullable zonder standaard,
    # zodat de kolom op SQLite met ALTER TABLE komt en de tabel (met haar triggers) blijft.
    fase = models.CharField(
        "fase", max_length=20, choices=Runfase.choices, null=True, blank=True,
        help_text="waar de verwerker nu is: lezen, rekenen, grootboek of boeken",
    )  # fmt: skip
    begonnen_op = models.DateTimeField("begonnen op", null=True, blank=True)
    hartslag_op = models.DateTimeField(
        "laatste teken van leven", null=True, blank=True,
        help_text="de verwerker werkt dit bij; blijft het uit, dan wordt de run hervat",
    )  # fmt: skip
    uitgevoerd_op = models.DateTimeField("afgerond op", null=True, blank=True)
    reden = models.TextField("reden (mislukt of hervat)", blank=True, default="")
    taak_id = models.CharField("id in de takenwachtrij", max_length=64, blank=True, default="")
    leerlingen = models.PositiveIntegerField("berekende leerlingen", null=True)
    regels = models.PositiveIntegerField("geboekte regels", null=True)
    totaal_centen = models.BigIntegerField("totaal geboekt (centen)", null=True)
    leemtes = models.PositiveIntegerField("leemtes", null=True)
    terugval = models.PositiveIntegerField(
        "leerlingen via het pad voor één leerling",
        default=0,
        help_text="leerlingen wier geschiedenis niet in bulk te rekenen was (I-85)",
    )

    objects = BetaalrunQuerySet.as_manager()

    class Meta:
        verbose_name = "betaalrun"
        verbose_name_plural = "betaalruns"
        ordering = ["-aangevraagd_op", "-id"]
        constraints = [
            # Eén run tegelijk per bekostigingsinstantie (I-80): twee runs die tegelijk
            # rekenen zouden hetzelfde verschil zien.
            models.UniqueConstraint(
                fields=["organisatie"],
                condition=Q(status="bezig"),
                name="betaalrun_een_bezig_per_instantie",
            )
        ]

    def __str__(self) -> str:
        return f"betaalrun {self.maand:%Y-%m} ({self.publiek_id})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise self.weigering(
                "een bestaande run opslaan (de verwerker werkt de voortgang bij via de queryset)"
            )
        super().save(*args, **kwargs)

    @property
    def afgerond(self) -> bool:
        return self.status in AFGEROND

    @property
    def totaal(self) -> Decimal | None:
        if self.totaal_centen is None:
            return None
        return Decimal(self.totaal_centen).scaleb(-2)


class Boekingsoort(models.TextChoices):
    BETALING = "betaling", "betaling"
    CORRECTIE = "correctie", "correctie"


class Grootboekregel(AlleenToevoegenModel):
    """Eén boeking: een bedrag voor één leerling, ontvanger, budgetdeel en maand.

    ``maand`` is de maand waarop het bedrag betrekking heeft, ``run`` de run die het boekte;
    een correctie is een nieuwe regel op dezelfde maand in een latere run (I-37)."""

    maand = models.DateField("maand waarop de boeking betrekking heeft")
    # Geen eigen index op ontvanger en leerling: de samengestelde indexes hieronder
    # beginnen ermee, en bij een landelijke run telt elke index per geboekte regel.
    # Geen FOREIGN KEY in de database (db_constraint=False, I-111): PostgreSQL controleerde
    # bij een landelijke run elke verwijzing van elk van miljoenen regels apart bij de
    # commit (minuten). De toepassing waarborgt ze: de betaalrun controleert en vergrendelt
    # de leerlingen, ontvangers en de run in één query per tabel voor ze boekt
    # (services._vergrendel_verwijzingen), on_delete=PROTECT blijft in Django gelden, en
    # databasetriggers weigeren het verwijderen van een leerling of organisatie waarnaar
    # het grootboek verwijst (migratie 0007); een betaalrun is niet te verwijderen (0004).
    ontvanger = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="grootboekregels", db_index=False,
        db_constraint=False,
    )  # fmt: skip
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    cvi_nummer = models.CharField("CvI-nummer", max_length=40)
    deel = models.CharField("budgetdeel", max_length=40, choices=BUDGETDEEL_KEUZES)
    bedrag_centen = models.BigIntegerField("bedrag (centen)")
    # Geen btree op de run (de index grootboek_run is een BRIN, zie Meta).
    run = models.ForeignKey(
        Betaalrun, on_delete=models.PROTECT, related_name="grootboekregels", db_index=False,
        db_constraint=False,
    )  # fmt: skip
    soort = models.CharField("soort", max_length=20, choices=Boekingsoort.choices)
    aangemaakt_op = models.DateTimeField("aangemaakt op")

    class Meta:
        verbose_name = "grootboekregel"
        verbose_name_plural = "grootboekregels"
        ordering = ["maand", "id"]
        indexes = [
            models.Index(
                fields=["leerling", "ontvanger", "deel", "maand"], name="grootboek_sleutel"
            ),
            models.Index(fields=["ontvanger", "maand"], name="grootboek_ontvanger_maand"),
            # de regels van één run (runpagina: totalen per ontvanger); de regels van een
            # run staan achter elkaar, dus een BRIN volstaat (autosummarize: de vacuüm vat
            # een volgelopen blok meteen samen)
            BrinOpPostgres(fields=["run"], name="grootboek_run", autosummarize=True),
        ]
        constraints = [
            models.CheckConstraint(name="grootboek_bedrag_niet_nul", condition=~Q(bedrag_centen=0))
        ]

    def __str__(self) -> str:
        return f"grootboekregel {self.pk} ({self.maand:%Y-%m}, {self.deel})"

    @property
    def bedrag(self) -> Decimal:
        return Decimal(self.bedrag_centen).scaleb(-2)


class Leemtesoort(models.TextChoices):
    ONTBREKENDE_BRON = "ontbrekende_bron", "de bronnen geven geen bedrag"
    ONGELDIGE_GEGEVENS = "ongeldige_gegevens", "de gegevens passen niet in de regeling"
    NIET_TOEGESTAAN = "niet_toegestaan", "de regeling staat dit niet toe"


class Leemte(AlleenToevoegenModel):
    """Een schooljaar van een leerling dat een run niet kon berekenen; er is niets voor geboekt."""

    run = models.ForeignKey(Betaalrun, on_delete=models.PROTECT, related_name="leemteregels")
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="+")
    cvi_nummers = models.CharField("CvI-nummer(s)", max_length=200)
    schooljaar = models.CharField("schooljaar", max_length=9)
    soort = models.CharField("soort", max_length=30, choices=Leemtesoort.choices)
    melding = models.TextField("melding van de regelkern")

    class Meta:
        verbose_name = "leemte in een betaalrun"
        verbose_name_plural = "leemtes in betaalruns"
        ordering = ["run_id", "schooljaar", "id"]


# --- REC -----------------------------------------------------------------------------------


class RecTelling(models.Model):
    """De leerlingtelling van de scholen van een REC die voor een schooljaar geldt (004)."""

    rec = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="rec_tellingen")
    schooljaar = models.CharField("schooljaar", max_length=9)
    leerlingen = models.PositiveIntegerField("ingeschreven leerlingen op de teldatum")
    ambulant_begeleid = models.PositiveIntegerField("ambulant begeleide leerlingen", default=0)
    vastgelegd_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "leerlingtelling van een REC"
        verbose_name_plural = "leerlingtellingen van REC's"
        constraints = [
            models.UniqueConstraint(fields=["rec", "schooljaar"], name="rectelling_een_per_jaar")
        ]


class Formatieopgave(models.Model):
    """De formatie (fre) van een school van het REC: basisjaar en schooljaar (004)."""

    rec = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="formatieopgaven"
    )
    schooljaar = models.CharField("schooljaar", max_length=9)
    basis_fre = models.DecimalField(
        "formatie in het basisjaar (fre)", max_digits=12, decimal_places=4
    )
    huidig_fre = models.DecimalField(
        "formatie in het schooljaar (fre)", max_digits=12, decimal_places=4
    )
    vastgelegd_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "formatieopgave"
        verbose_name_plural = "formatieopgaven"
        constraints = [
            models.UniqueConstraint(fields=["school", "schooljaar"], name="formatie_een_per_jaar")
        ]


class Garantietoedeling(AlleenToevoegenModel):
    """Hoe het REC de formatiegarantie over zijn scholen verdeelt, gemeld aan de
    bekostigingsinstantie (004). Een nieuwe toedeling vervangt de vorige."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    rec = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    schooljaar = models.CharField("schooljaar", max_length=9)
    garantie_fre = models.DecimalField("formatiegarantie (fre)", max_digits=12, decimal_places=4)
    gemeld_op = models.DateField("gemeld aan de bekostigingsinstantie op")
    gemeld_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField("aangemaakt op")

    class Meta:
        verbose_name = "toedeling van de formatiegarantie"
        verbose_name_plural = "toedelingen van de formatiegarantie"
        ordering = ["-aangemaakt_op", "-id"]


class GarantietoedelingRegel(AlleenToevoegenModel):
    toedeling = models.ForeignKey(
        Garantietoedeling, on_delete=models.PROTECT, related_name="regels"
    )
    school = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    fre = models.DecimalField("toegedeeld (fre)", max_digits=12, decimal_places=4)

    class Meta:
        verbose_name = "regel van een garantietoedeling"
        verbose_name_plural = "regels van garantietoedelingen"


# --- besteding -------------------------------------------------------------------------------


class Besteding(models.Model):
    """Een besteding uit de rugzak van één leerling, met het akkoord van de ouders.

    ``school`` is de school van de leerling; ``ab_verzorger`` is gevuld als de
    AB-verzorger het AB-deel besteedt (I-57), en leeg als de school haar eigen deel
    besteedt. Wat boven het ontvangen bedrag uitkomt, staat met de reden op de regel (I-56).
    """

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    leerling = models.ForeignKey(Leerling, on_delete=models.PROTECT, related_name="bestedingen")
    school = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    schooljaar = models.CharField("schooljaar", max_length=9)
    soort = models.CharField("soort besteding", max_length=40)
    onderdeel = models.CharField("onderdeel van de rugzak", max_length=30)
    omschrijving = models.TextField("omschrijving")
    bedrag = models.DecimalField("bedrag", max_digits=10, decimal_places=2)
    ouders_akkoord_op = models.DateField("akkoord van de ouders op")
    handelingsplan = models.CharField(
        "handelingsplan (kenmerk)", max_length=100, blank=True,
        help_text="het handelingsplan dat de inzet van de rugzak vastlegt",
    )  # fmt: skip
    ab_verzorger = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="AB-verzorger die besteedt",
        help_text="leeg: de school besteedt; gevuld: de AB-verzorger besteedt het AB-deel (I-57)",
    )
    overschrijding_centen = models.BigIntegerField(
        "boven het ontvangen bedrag (centen)",
        default=0,
        help_text="het deel van deze besteding boven wat er nog over was (I-56)",
    )
    overschrijding_reden = models.TextField(
        "reden van de overschrijding", blank=True,
        help_text="verplicht als de besteding boven wat ontvangen is uitkomt (I-56)",
    )  # fmt: skip
    vastgelegd_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "besteding"
        verbose_name_plural = "bestedingen"
        ordering = ["schooljaar", "vastgelegd_op", "id"]
        constraints = [
            models.CheckConstraint(name="besteding_bedrag_positief", condition=Q(bedrag__gt=0)),
            models.CheckConstraint(
                name="besteding_overschrijding_met_reden",
                condition=Q(overschrijding_centen=0) | ~Q(overschrijding_reden=""),
            ),
        ]

    def __str__(self) -> str:
        return f"besteding {self.publiek_id}"

    @property
    def overschrijding(self) -> Decimal:
        return Decimal(self.overschrijding_centen).scaleb(-2)


# --- incrementele run (issue 9) -------------------------------------------------------------


class Leerlingberekening(AlleenToevoegenModel):
    """Dat een run de betalingen van één leerling opnieuw berekende, met de vingerafdruk van
    alles waarop die berekening steunde (I-190): de meldingen, indicaties, terugmeldingen,
    zml-aanvragen en terugplaatsingen van de leerling, haar geboortedatum, de maand van de
    run en de versie van de regeling en de regelkern. Een volgende run rekent alleen de
    leerlingen opnieuw van wie de vingerafdruk nu anders is (of wier grootboek na deze rij
    buiten een run om veranderde); voor de anderen is er niets te boeken.

    Alleen toevoegen: de laatste rij (hoogste ``id``) per leerling geldt. ``leemte_run``
    is de run waarin de leemtes van deze berekening vastgelegd zijn: dezelfde leemtes als
    eerder worden niet nog eens geschreven (I-191). Geen persoonsgegevens: een getal, de
    leerling en de run."""

    run = models.ForeignKey(
        Betaalrun, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    afdruk = models.BigIntegerField("vingerafdruk van de invoer")
    leemtes = models.PositiveIntegerField("leemtes (schooljaren niet berekend)", default=0)
    leemte_afdruk = models.BigIntegerField("vingerafdruk van de leemtes", default=0)
    leemte_run = models.ForeignKey(
        Betaalrun, on_delete=models.PROTECT, related_name="+", null=True, db_constraint=False,
        help_text="de run waarin de geldende leemtes van deze leerling staan",
    )  # fmt: skip
    terugval = models.BooleanField("via het pad voor één leerling", default=False)
    grootboek_tot = models.BigIntegerField(
        "hoogste grootboek-id na de run",
        help_text="een grootboekregel van deze leerling met een hoger id kwam buiten deze "
        "berekening om: dan rekent de volgende run de leerling opnieuw",
    )

    class Meta:
        verbose_name = "berekening van een leerling in een betaalrun"
        verbose_name_plural = "berekeningen van leerlingen in betaalruns"
        indexes = [models.Index(fields=["leerling", "id"], name="leerlingberekening_laatste")]
