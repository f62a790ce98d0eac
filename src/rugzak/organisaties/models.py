"""Organisaties, gebruikers en rollen.

Eén model :class:`Organisatie` voor alle soorten, met per soort de velden die die soort
nodig heeft; :meth:`Organisatie.clean` en databasecontroles bewaken welke velden bij
welke soort horen. Een :class:`Rol` zegt wat een gebruiker binnen een organisatie is;
welke rol bij welke soort past, staat in :mod:`rugzak.organisaties.rollen`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from rugzak.gedeeld.tijd import nu
from rugzak.organisaties.rollen import Organisatiesoort, Roltype, rolfout
from rugzak.regeling.begrippen import Cluster, Schoolsoort

#: BRIN-nummer: twee cijfers en twee hoofdletters, bv. "12AB".
brin_validator = RegexValidator(
    regex=r"^[0-9]{2}[A-Z]{2}$",
    message="een BRIN-nummer is twee cijfers gevolgd door twee hoofdletters, bv. 12AB",
    code="brin",
)

SCHOOLSOORT_KEUZES = [(s.value, s.omschrijving) for s in Schoolsoort]
#: REC's bestaan voor de clusters 2, 3 en 4; cluster 1 kent geen LGF (000, 001).
REC_CLUSTERS = [c for c in Cluster if c is not Cluster.C1]
CLUSTER_KEUZES = [(c.value, c.omschrijving) for c in REC_CLUSTERS]
VSO_SCHOOLSOORTEN = (Schoolsoort.SO.value, Schoolsoort.VSO.value)


class Gebruiker(AbstractUser):
    """Een persoon die inlogt. Wat hij mag, volgt uit zijn rollen (zie rugzak.toegang)."""

    # Als in AbstractUser, maar op de klok van de toepassing (I-99), niet timezone.now.
    date_joined = models.DateTimeField("date joined", default=nu)

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    @property
    def weergavenaam(self) -> str:
        return self.get_full_name() or self.get_username()


class Organisatie(models.Model):
    """Een bestuur, school, REC, CvI, AB-dienst of de bekostigingsinstantie."""

    soort = models.CharField("soort", max_length=30, choices=Organisatiesoort.choices)
    naam = models.CharField("naam", max_length=200)
    plaats = models.CharField("plaats", max_length=100, blank=True)

    # school (en optioneel de AB-dienst van een (v)so-school)
    brin = models.CharField(
        "BRIN-nummer", max_length=4, blank=True, validators=[brin_validator], db_index=True
    )
    schoolsoort = models.CharField(
        "schoolsoort", max_length=10, blank=True, choices=SCHOOLSOORT_KEUZES
    )
    bestuur = models.ForeignKey(
        "self",
        verbose_name="bevoegd gezag",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scholen",
        limit_choices_to={"soort": Organisatiesoort.BESTUUR},
    )

    # REC
    cluster = models.CharField("cluster", max_length=2, blank=True, choices=CLUSTER_KEUZES)
    regio = models.CharField("regio", max_length=100, blank=True)

    # CvI, AB-dienst en (v)so-school: het REC waartoe ze behoren
    rec = models.ForeignKey(
        "self",
        verbose_name="REC",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderdelen",
        limit_choices_to={"soort": Organisatiesoort.REC},
    )

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["soort", "naam"]
        constraints = [
            models.CheckConstraint(
                name="org_school_heeft_brin_schoolsoort_bestuur",
                condition=~Q(soort=Organisatiesoort.SCHOOL)
                | (~Q(brin="") & ~Q(schoolsoort="") & Q(bestuur__isnull=False)),
            ),
            models.CheckConstraint(
                name="org_alleen_school_heeft_schoolsoort_bestuur",
                condition=Q(soort=Organisatiesoort.SCHOOL)
                | (Q(schoolsoort="") & Q(bestuur__isnull=True)),
            ),
            models.CheckConstraint(
                name="org_brin_alleen_school_of_ab_dienst",
                condition=Q(soort__in=[Organisatiesoort.SCHOOL, Organisatiesoort.AB_DIENST])
                | Q(brin=""),
            ),
            models.CheckConstraint(
                name="org_rec_heeft_cluster_en_regio",
                condition=~Q(soort=Organisatiesoort.REC)
                | (Q(cluster__in=[c.value for c in REC_CLUSTERS]) & ~Q(regio="")),
            ),
            models.CheckConstraint(
                name="org_alleen_rec_heeft_cluster",
                condition=Q(soort=Organisatiesoort.REC) | Q(cluster=""),
            ),
            models.CheckConstraint(
                name="org_cvi_en_ab_dienst_horen_bij_rec",
                condition=~Q(soort__in=[Organisatiesoort.CVI, Organisatiesoort.AB_DIENST])
                | Q(rec__isnull=False),
            ),
            models.CheckConstraint(
                name="org_rec_koppeling_alleen_cvi_ab_vso",
                condition=Q(
                    soort__in=[
                        Organisatiesoort.CVI,
                        Organisatiesoort.AB_DIENST,
                        Organisatiesoort.SCHOOL,
                    ]
                )
                | Q(rec__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["brin"],
                condition=Q(soort=Organisatiesoort.SCHOOL),
                name="org_brin_uniek_per_school",
                violation_error_message="er bestaat al een school met dit BRIN-nummer",
            ),
            models.UniqueConstraint(
                fields=["rec"],
                condition=Q(soort=Organisatiesoort.CVI),
                name="org_een_cvi_per_rec",
                violation_error_message="dit REC heeft al een CvI",
            ),
        ]

    def __str__(self) -> str:
        if self.soort == Organisatiesoort.SCHOOL:
            return f"{self.naam} ({self.brin})"
        return self.naam

    @property
    def is_school(self) -> bool:
        return self.soort == Organisatiesoort.SCHOOL

    def clean(self) -> None:
        """Controleer dat de velden passen bij de soort; elke fout noemt het veld."""
        fouten: dict[str, list[str]] = {}

        def fout(veld: str, tekst: str) -> None:
            fouten.setdefault(veld, []).append(tekst)

        soort = self.soort
        label = Organisatiesoort(soort).label if soort in Organisatiesoort.values else soort
        if soort == Organisatiesoort.SCHOOL:
            if not self.brin:
                fout("brin", "een school heeft een BRIN-nummer (twee cijfers, twee letters)")
            if not self.schoolsoort:
                fout("schoolsoort", f"kies een schoolsoort: {', '.join(Schoolsoort.codes())}")
            if self.bestuur_id is None:
                fout("bestuur", "een school hoort bij een bevoegd gezag (bestuur)")
            elif self.bestuur is not None and self.bestuur.soort != Organisatiesoort.BESTUUR:
                fout("bestuur", "het bevoegd gezag moet een organisatie van soort 'bestuur' zijn")
            if self.rec_id is not None and self.schoolsoort not in VSO_SCHOOLSOORTEN:
                fout("rec", "alleen een (v)so-school hoort bij een REC")
        else:
            if self.schoolsoort:
                fout("schoolsoort", f"een {label} heeft geen schoolsoort")
            if self.bestuur_id is not None:
                fout("bestuur", f"een {label} heeft geen bevoegd gezag in dit model")
            if self.brin and soort != Organisatiesoort.AB_DIENST:
                fout("brin", f"een {label} heeft geen BRIN-nummer")

        if soort == Organisatiesoort.REC:
            if self.cluster not in {c.value for c in REC_CLUSTERS}:
                fout("cluster", "een REC hoort bij cluster 2, 3 of 4 (cluster 1 kent geen LGF)")
            if not self.regio.strip():
                fout("regio", "een REC heeft een regio")
        else:
            if self.cluster:
                fout("cluster", f"alleen een REC heeft een cluster, geen {label}")
            if self.regio:
                fout("regio", f"alleen een REC heeft een regio, geen {label}")

        if soort in (Organisatiesoort.CVI, Organisatiesoort.AB_DIENST):
            if self.rec_id is None:
                fout("rec", f"een {label} hoort bij een REC")
        elif soort != Organisatiesoort.SCHOOL and self.rec_id is not None:
            fout("rec", f"een {label} hoort niet bij een REC")
        if (
            self.rec_id is not None
            and self.rec is not None
            and self.rec.soort != Organisatiesoort.REC
        ):
            fout("rec", "de gekoppelde organisatie moet een REC zijn")

        if fouten:
            raise ValidationError(fouten)


class Rol(models.Model):
    """Wat een gebruiker binnen een organisatie is, van ``van`` tot en met ``tot``."""

    gebruiker = models.ForeignKey(
        Gebruiker, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="rollen"
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rollen",
    )
    rol = models.CharField("rol", max_length=30, choices=Roltype.choices)
    van = models.DateField("van")
    tot = models.DateField("tot en met", null=True, blank=True)

    class Meta:
        verbose_name = "rol"
        verbose_name_plural = "rollen"
        ordering = ["gebruiker_id", "rol"]
        constraints = [
            models.CheckConstraint(
                name="rol_ouder_zonder_organisatie",
                condition=(Q(rol=Roltype.OUDER) & Q(organisatie__isnull=True))
                | (~Q(rol=Roltype.OUDER) & Q(organisatie__isnull=False)),
            ),
            models.CheckConstraint(
                name="rol_tot_niet_voor_van", condition=Q(tot__isnull=True) | Q(tot__gte=F("van"))
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "organisatie", "rol"],
                condition=Q(tot__isnull=True, organisatie__isnull=False),
                name="rol_een_lopende_rol_per_organisatie",
                violation_error_message="deze gebruiker heeft deze rol al bij deze organisatie",
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "rol"],
                condition=Q(tot__isnull=True, organisatie__isnull=True),
                name="rol_een_lopende_rol_zonder_organisatie",
                violation_error_message="deze gebruiker heeft deze rol al",
            ),
        ]

    def __str__(self) -> str:
        waar = f" bij {self.organisatie}" if self.organisatie_id else ""
        return f"{self.get_rol_display()}{waar}"

    def is_actief_op(self, dag: date) -> bool:
        return self.van <= dag and (self.tot is None or dag <= self.tot)

    def clean(self) -> None:
        """De rol moet passen bij de soort organisatie (zie rugzak.organisaties.rollen)."""
        fouten: dict[str, Any] = {}
        soort = self.organisatie.soort if self.organisatie_id and self.organisatie else None
        if self.rol:
            tekst = rolfout(self.rol, soort)
            if tekst:
                fouten["rol"] = tekst
        if self.tot is not None and self.van is not None and self.tot < self.van:
            fouten["tot"] = "de einddatum ligt vóór de begindatum"
        if fouten:
            raise ValidationError(fouten)
