"""Het auditlog: wie deed wanneer wat met welke gegevens, en waarom.

Alleen toevoegen. De toepassing kan een regel niet wijzigen of verwijderen: ``save()`` op
een bestaande regel, ``delete()``, en ``update()``/``delete()`` op een queryset geven
:class:`AuditlogOnveranderlijk`; daaronder weigert een databasetrigger (SQLite en
PostgreSQL, migratie 0002) elke UPDATE en DELETE, ook uit ruwe SQL.

Er zijn bewust geen foreign keys: gebruiker, organisatie, object en leerling staan er als
tekst of getal in, zodat de regel blijft bestaan als de zaak of de leerling verdwijnt.

Let op bij een latere migratie van dit model op SQLite: Django bouwt de tabel dan opnieuw
op en de triggers verdwijnen. Maak ze in dezelfde migratie opnieuw aan (zie 0002); de test
``test_ruwe_sql_update_wordt_door_trigger_geweigerd`` vangt het op.
"""

from __future__ import annotations

from django.db import models

from rugzak.gedeeld.alleen_toevoegen import (
    AlleenToevoegen,
    AlleenToevoegenModel,
    AlleenToevoegenQuerySet,
)


class AuditlogOnveranderlijk(AlleenToevoegen):
    """Het auditlog kan alleen worden aangevuld."""

    def __init__(self, handeling: str) -> None:
        super().__init__("het auditlog", handeling)


class Actie(models.TextChoices):
    LEZEN = "lezen", "gelezen"
    AANMAKEN = "aanmaken", "aangemaakt"
    WIJZIGEN = "wijzigen", "gewijzigd"
    VERWIJDEREN = "verwijderen", "verwijderd"
    GEWEIGERD = "geweigerd", "toegang geweigerd"
    EXPORTEREN = "exporteren", "geëxporteerd"


class AuditRegel(AlleenToevoegenModel):
    """Eén gebeurtenis met gegevens: lezen, aanmaken, wijzigen, verwijderen, geweigerd."""

    wanneer = models.DateTimeField("wanneer", db_index=True)
    gebruiker_id = models.BigIntegerField("gebruiker (id)", null=True, blank=True)
    gebruikersnaam = models.CharField("gebruikersnaam", max_length=150)
    rol = models.CharField("rol", max_length=30, blank=True)
    organisatie_id = models.BigIntegerField("organisatie (id)", null=True, blank=True)
    actie = models.CharField("actie", max_length=20, choices=Actie.choices)
    objecttype = models.CharField("soort object", max_length=60)
    object_id = models.CharField("object (id)", max_length=64, blank=True)
    leerling_publiek_id = models.CharField(
        "leerling (publiek id)", max_length=36, blank=True, db_index=True
    )
    reden = models.TextField("reden of omschrijving", blank=True)
    velden = models.JSONField("gewijzigde velden", default=list, blank=True)
    #: Logboek Dataverwerkingen: de verwerkingsactiviteit en haar grondslag, centraal
    #: afgeleid uit het soort object (rugzak.audit.verwerkingen); leeg als het register
    #: het soort object niet kent.
    verwerking = models.CharField("verwerkingsactiviteit", max_length=40, blank=True, default="")
    grondslag = models.CharField("grondslag", max_length=200, blank=True, default="")

    objects = AlleenToevoegenQuerySet.as_manager()

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        ordering = ["-wanneer", "-id"]
        indexes = [
            models.Index(fields=["gebruiker_id", "wanneer"], name="audit_gebruiker_wanneer"),
            models.Index(fields=["organisatie_id", "wanneer"], name="audit_organisatie_wanneer"),
            models.Index(fields=["objecttype", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.wanneer:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie} {self.objecttype}"

    @classmethod
    def weigering(cls, handeling: str) -> AuditlogOnveranderlijk:
        return AuditlogOnveranderlijk(handeling)
