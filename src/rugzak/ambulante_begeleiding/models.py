"""Ambulante begeleiding als zaak: RAB, TAB en PAB (001, 003, 004).

Een :class:`Begeleiding` is een zaak met een toestandsmachine (:data:`TRANSITIES`): een
reguliere school vraagt haar aan bij een AB-dienst (van een REC), de coördinator van die
dienst start of wijst af en wijst een ambulant begeleider toe, en de begeleiding eindigt.
Wat mag, toetst de regelkern (:mod:`rugzak.regeling.regels.ambulante_begeleiding`):

* RAB (uit de rugzak): alleen met een geldige indicatie; de dienst mag van een ander REC
  zijn, van het cluster van de indicatie of, voor de mg-combinaties met doof of
  slechthorend, van cluster 2 (``rab_verzorger``; interpretatie I-29).
* TAB (terugplaatsing): één jaar na verlies van de indicatie in het (v)so (``tab_recht``;
  de periode komt uit de regelkern en is een termijn van de zaak), of voor een zittende
  leerling zonder indicatie die zonder rugzak teruggaat (``tab_recht_zittend``; I-55).
* PAB (preventief): op advies van de CvI-secretaris of de AB-coördinator, aangevraagd
  door de reguliere school (``pab_toegestaan``); wie adviseerde, staat in de zaak.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q

from rugzak.gedeeld.velden import Tijdstipveld
from rugzak.gedeeld.versie import VersieModel
from rugzak.indicaties.models import Indicatie, Zaakstap
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import SCHOOLSOORT_KEUZES, Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort


class Begeleidingsoort(models.TextChoices):
    RAB = "rab", "rugzak-AB (RAB)"
    TAB = "tab", "terugplaatsings-AB (TAB)"
    PAB = "pab", "preventieve AB (PAB)"


class Begeleidingstatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", "aangevraagd"
    LOPEND = "lopend", "lopend"
    BEEINDIGD = "beeindigd", "beëindigd"
    AFGEWEZEN = "afgewezen", "afgewezen"


#: De toestandsmachine: per toestand de toestanden die daarna mogen.
TRANSITIES: dict[str, frozenset[str]] = {
    Begeleidingstatus.AANGEVRAAGD: frozenset(
        {Begeleidingstatus.LOPEND, Begeleidingstatus.AFGEWEZEN}
    ),
    Begeleidingstatus.LOPEND: frozenset({Begeleidingstatus.BEEINDIGD}),
    Begeleidingstatus.BEEINDIGD: frozenset(),
    Begeleidingstatus.AFGEWEZEN: frozenset(),
}

#: Toestanden waarin de zaak loopt (toegang voor de AB-dienst, toewijzen).
LOPENDE_STATUSSEN = frozenset({Begeleidingstatus.AANGEVRAAGD, Begeleidingstatus.LOPEND})


class BegeleidingQuerySet(models.QuerySet["Begeleiding"]):
    def lopend_op(self, dag: date, ab_ids: Any = None) -> BegeleidingQuerySet:
        """Begeleidingen die op ``dag`` aangevraagd of lopend zijn (optioneel van deze
        AB-diensten)."""
        qs = self.filter(status__in=LOPENDE_STATUSSEN, aangevraagd_op__lte=dag)
        if ab_ids is not None:
            qs = qs.filter(ab_dienst_id__in=ab_ids)
        return qs


class Begeleiding(VersieModel):
    """Een begeleidingszaak (RAB, TAB of PAB). Wijzigen alleen via de services."""

    publiek_id = models.UUIDField("publiek id", default=uuid.uuid4, unique=True, editable=False)
    soort = models.CharField("soort", max_length=3, choices=Begeleidingsoort.choices)
    leerling = models.ForeignKey(
        Leerling, on_delete=models.PROTECT, related_name="begeleidingen", verbose_name="leerling"
    )
    ab_dienst = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="begeleidingen",
        limit_choices_to={"soort": Organisatiesoort.AB_DIENST},
        verbose_name="AB-dienst",
    )
    school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="begeleidingen_als_school",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
        verbose_name="reguliere school (aanvrager)",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=Begeleidingstatus.choices,
        default=Begeleidingstatus.AANGEVRAAGD,
    )
    aangevraagd_op = models.DateField("aangevraagd op")
    aangevraagd_door = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        related_name="aangevraagde_begeleidingen",
        verbose_name="aangevraagd door",
    )
    toegewezen = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toegewezen_begeleidingen",
        verbose_name="ambulant begeleider",
    )
    van = models.DateField("begeleiding vanaf", null=True, blank=True)
    tot = models.DateField(
        "begeleiding tot en met",
        null=True,
        blank=True,
        help_text="RAB: einde van de indicatie; TAB: einde van het jaar uit de regelkern",
    )
    beeindigd_op = models.DateField("beëindigd op", null=True, blank=True)
    afgewezen_op = models.DateField("afgewezen op", null=True, blank=True)
    reden = models.TextField("reden (afwijzing of beëindiging)", blank=True)

    # RAB: de geldende indicatie; TAB: de indicatie die in het (v)so verloren ging.
    indicatie = models.ForeignKey(
        Indicatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="begeleidingen",
        verbose_name="indicatie",
    )
    # TAB: de (v)so-school die de leerling verliet en de invoer van de regelkern.
    vso_school = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tab_begeleidingen",
        limit_choices_to={"soort": Organisatiesoort.SCHOOL},
        verbose_name="(v)so-school (TAB)",
    )
    vso_sinds = models.DateField("ingeschreven in het (v)so sinds (TAB)", null=True, blank=True)
    terugplaatsing_op = models.DateField("teruggeplaatst op (TAB)", null=True, blank=True)
    nieuwe_schoolsoort = models.CharField(
        "schoolsoort na terugplaatsing (TAB)", max_length=10, blank=True, choices=SCHOOLSOORT_KEUZES
    )
    # TAB voor een zittende leerling (op 31 juli 2003 al in het (v)so, zonder CvI-indicatie):
    # het bewijs van die inschrijving vervangt de verloren indicatie (004; I-55).
    zittend = models.BooleanField(
        "zittende leerling zonder indicatie (TAB)",
        default=False,
        help_text="op 31 juli 2003 al op de (v)so-school; TAB zonder rugzak (004; I-55)",
    )
    zittend_bewijs = models.CharField(
        "bewijs van de inschrijving op 31 juli 2003 (TAB, zittend)",
        max_length=200,
        blank=True,
        help_text="bv. het kenmerk van de verklaring van inschrijving van de (v)so-school",
    )
    # PAB: wie adviseerde, in welke rol, namens welke organisatie, wanneer.
    adviseur = models.ForeignKey(
        Gebruiker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pab_adviezen",
        verbose_name="adviseur (PAB)",
    )
    adviseur_rol = models.CharField("rol van de adviseur (PAB)", max_length=30, blank=True)
    adviseur_organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="adviseur namens (PAB)",
    )
    advies_op = models.DateField("advies gegeven op (PAB)", null=True, blank=True)

    aangemaakt_op = Tijdstipveld("aangemaakt op", auto_now_add=True)
    gewijzigd_op = Tijdstipveld("gewijzigd op", auto_now=True)

    objects = BegeleidingQuerySet.as_manager()

    class Meta:
        verbose_name = "begeleiding"
        verbose_name_plural = "begeleidingen"
        ordering = ["-aangevraagd_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="begeleiding_rab_heeft_indicatie",
                condition=~Q(soort="rab") | Q(indicatie__isnull=False),
            ),
            models.CheckConstraint(
                name="begeleiding_tab_heeft_invoer",
                condition=~Q(soort="tab")
                | (
                    Q(
                        vso_school__isnull=False,
                        vso_sinds__isnull=False,
                        terugplaatsing_op__isnull=False,
                        van__isnull=False,
                        tot__isnull=False,
                    )
                    & (Q(indicatie__isnull=False) | (Q(zittend=True) & ~Q(zittend_bewijs="")))
                ),
            ),
            models.CheckConstraint(
                name="begeleiding_zittend_alleen_tab_zonder_indicatie",
                condition=Q(zittend=False) | Q(soort="tab", indicatie__isnull=True),
            ),
            models.CheckConstraint(
                name="begeleiding_pab_heeft_adviseur",
                condition=~Q(soort="pab") | (Q(adviseur__isnull=False) & ~Q(adviseur_rol="")),
            ),
            models.CheckConstraint(
                name="begeleiding_tot_niet_voor_van",
                condition=Q(tot__isnull=True) | Q(van__isnull=True) | Q(tot__gte=models.F("van")),
            ),
        ]
        indexes = [
            models.Index(fields=["ab_dienst", "status"], name="begeleiding_dienst_status"),
        ]

    def __str__(self) -> str:
        return f"begeleiding {self.publiek_id}"


class Begeleidingstap(Zaakstap):
    """Eén overgang (of toewijzing) in de historie van een begeleiding."""

    begeleiding = models.ForeignKey(
        Begeleiding,
        on_delete=models.PROTECT,
        related_name="stappen",
        verbose_name="begeleiding",
    )

    class Meta:
        verbose_name = "stap van een begeleiding"
        verbose_name_plural = "stappen van begeleidingen"
        ordering = ["begeleiding_id", "wanneer", "id"]

    def __str__(self) -> str:
        return f"{self.begeleiding}: {self.van_status or '-'} -> {self.naar_status}"
