"""Lezen: meldingen, terugmeldingen en zml-aanvragen, altijd via de rechten en gelogd.

De weergaven zijn projecties (``values()``) met een vaste lijst velden: er staat nooit een
naam of adres in, en voor de bekostigingsinstantie ook niet het publieke id van de
leerling; die kent leerlingen alleen op CvI-nummer (004).

:func:`gebeurtenissen_per_leerling` bouwt uit de verwerkte zaken de gebeurtenissen die
:func:`rugzak.regeling.regels.betaling.betaalschema` verwerkt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster, knip_lijst
from rugzak.meldingen import rechten
from rugzak.meldingen.kern import kern_melding, kern_wijziging, organisatie_sleutel
from rugzak.meldingen.models import (
    Melding,
    Meldingstatus,
    OnvolledigeIndiening,
    Terugmelding,
    Terugmeldingsoort,
    Terugmeldingstatus,
    TerugplaatsingGroep2,
    ZmlAanvraag,
    Zmlstatus,
)
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import betaling as kernbetaling
from rugzak.regeling.tijd import Schooljaar

#: De velden van een melding die een weergave toont. Geen enkel veld van de leerling
#: behalve (voor de school en het bestuur) het publieke id.
MELDINGVELDEN = (
    "publiek_id",
    "status",
    "versie",
    "meldingsdatum",
    "inschrijvingsdatum",
    "schoolsoort",
    "groep",
    "leerjaar",
    "vo_variant",
    "mbo_niveau",
    "leerweg",
    "cvi_nummer",
    "indicatiedatum",
    "onderwijssoort",
    "herindicatie",
    "vorig_cvi_nummer",
    "school__brin",
    "school__naam",
    "ab_verzorger_id",
    "ab_verzorger__naam",
    "schoolwisseling",
    "vorige_school__brin",
    "syndroom_van_down",
    "toelichting",
)


@dataclass(frozen=True)
class Weergave:
    """Een zaak zoals de gebruiker haar ziet: de velden en de grond waarop."""

    velden: dict[str, Any]
    grond: toegang.Toegangsgrond

    def __getitem__(self, sleutel: str) -> Any:
        return self.velden[sleutel]


def _projectie(
    qs: QuerySet[Any], velden: Iterable[str], *, met_leerling: bool, leerlingveld: str
) -> list[dict[str, Any]]:
    kolommen = [*velden, leerlingveld]
    rijen = []
    for rij in qs.values(*kolommen):
        publiek = rij.pop(leerlingveld)
        rij["_leerling"] = publiek
        if met_leerling:
            rij["leerling_publiek_id"] = publiek
        rijen.append(rij)
    return rijen


def _projectie_deel(
    qs: QuerySet[Any],
    velden: Iterable[str],
    venster: Venster | None,
    *,
    met_leerling: bool,
    leerlingveld: str,
) -> Deel[dict[str, Any]]:
    """De pagina ``venster`` (None: alles) van een geordende queryset als projectie, met
    het totaal; de filters zijn precies (één grond voor de hele lijst)."""
    if venster is None:
        rijen = _projectie(qs, velden, met_leerling=met_leerling, leerlingveld=leerlingveld)
        return Deel(rijen, len(rijen))
    aantal = qs.count()
    if venster.begin >= aantal:
        return Deel([], aantal)
    rijen = _projectie(
        qs[venster.begin : venster.eind],
        velden,
        met_leerling=met_leerling,
        leerlingveld=leerlingveld,
    )
    return Deel(rijen, aantal)


def _log_lijst(
    gebruiker: Gebruiker,
    objecttype: str,
    rijen: list[dict[str, Any]],
    grond: toegang.Toegangsgrond,
    reden: str,
) -> None:
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype=objecttype,
        items=[(r["publiek_id"], r["_leerling"], grond.rol, grond.organisatie_id) for r in rijen],
        reden=reden,
    )
    for r in rijen:
        r.pop("_leerling")


def _lijstgrond(gebruiker: Gebruiker) -> tuple[Q, toegang.Toegangsgrond]:
    gevonden = rechten.lijstgrond(gebruiker)
    if gevonden is None:
        raise rechten.geen_toegang("meldingen")
    return gevonden


def meldingen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    status: str | None = None,
    reden: str = "overzicht meldingen",
) -> Deel[dict[str, Any]]:
    """De meldingen die ``gebruiker`` mag zien (school, bestuur, bekostigingsinstantie):
    de pagina ``venster`` (None: alle) en het totaal; de teruggegeven worden gelogd."""
    q, grond = _lijstgrond(gebruiker)
    qs = Melding.objects.filter(q).order_by("-meldingsdatum", "-id")
    if status:
        qs = qs.filter(status=status)
    deel = _projectie_deel(
        qs,
        MELDINGVELDEN,
        venster,
        met_leerling=not rechten.is_bekostiging(grond),
        leerlingveld="leerling__publiek_id",
    )
    _log_lijst(gebruiker, "melding", deel.items, grond, reden)
    return deel


def meldingen_lijst(
    *, gebruiker: Gebruiker, status: str | None = None, reden: str = "overzicht meldingen"
) -> list[dict[str, Any]]:
    """Alle meldingen die ``gebruiker`` mag zien, zie :func:`meldingen_deel` (alle gelogd)."""
    return meldingen_deel(gebruiker=gebruiker, venster=None, status=status, reden=reden).items


def meldingen_lijsten(
    *, gebruiker: Gebruiker, redenen: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Als :func:`meldingen_lijst` voor meer statussen tegelijk (``redenen``: per status de
    reden in het auditlog), in één query: per status alle meldingen die ``gebruiker`` mag
    zien, elk gelogd met de reden van haar status."""
    q, grond = _lijstgrond(gebruiker)
    rijen = _projectie(
        Melding.objects.filter(q, status__in=list(redenen)).order_by("-meldingsdatum", "-id"),
        MELDINGVELDEN,
        met_leerling=not rechten.is_bekostiging(grond),
        leerlingveld="leerling__publiek_id",
    )
    uit: dict[str, list[dict[str, Any]]] = {status: [] for status in redenen}
    for rij in rijen:
        uit[rij["status"]].append(rij)
    for status, reden in redenen.items():
        _log_lijst(gebruiker, "melding", uit[status], grond, reden)
    return uit


def _een(
    *,
    gebruiker: Gebruiker,
    model: type[Any],
    publiek_id: UUID,
    schoolveld: str,
    leerlingveld: str,
    objecttype: str,
    reden: str,
    lezen: bool = True,
) -> tuple[Any, toegang.Toegangsgrond]:
    """Eén zaak met de grond waarop ``gebruiker`` haar ziet. ``lezen``: leg de inzage vast;
    False voor een handeling (de service legt die vast, en een geweigerde handeling
    schrijft niets)."""
    zaak = model.objects.select_related(schoolveld).filter(publiek_id=publiek_id).first()
    school = None
    if zaak is not None:
        school = zaak
        for deel in schoolveld.split("__"):
            school = getattr(school, deel)
    grond = rechten.leesgrond_school(gebruiker, school) if school is not None else None
    if zaak is None or grond is None:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.GEWEIGERD,
            objecttype=objecttype,
            object_id=publiek_id,
            reden=f"{reden}: geen toegang of onbekend id",
        )
        raise GeenToegang(
            f"deze {objecttype.replace('_', '-')}",
            nodig="een rol bij de school, haar bestuur of de bekostigingsinstantie",
        )
    if not lezen:
        return zaak, grond
    leerling_id = zaak
    for deel in leerlingveld.split("__"):
        leerling_id = getattr(leerling_id, deel)
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype=objecttype,
        object_id=publiek_id,
        leerling_publiek_id=leerling_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return zaak, grond


def melding_zaak(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Melding, toegang.Toegangsgrond]:
    """De melding zelf (voor een overgang); leest en logt. Geen grond: GeenToegang."""
    zaak, grond = _een(
        gebruiker=gebruiker, model=Melding, publiek_id=publiek_id, schoolveld="school",
        leerlingveld="leerling__publiek_id", objecttype="melding", reden=reden,
    )  # fmt: skip
    return zaak, grond


def melding_voor_handeling(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Melding, toegang.Toegangsgrond]:
    """De melding waarop ``gebruiker`` een handeling wil doen, als hij haar mag zien; geen
    leesregel (de service legt de handeling vast). Geen grond: GeenToegang (gelogd)."""
    zaak, grond = _een(
        gebruiker=gebruiker, model=Melding, publiek_id=publiek_id, schoolveld="school",
        leerlingveld="leerling__publiek_id", objecttype="melding", reden=reden, lezen=False,
    )  # fmt: skip
    return zaak, grond


def melding_weergave(*, gebruiker: Gebruiker, publiek_id: UUID, reden: str) -> Weergave:
    zaak, grond = melding_zaak(gebruiker=gebruiker, publiek_id=publiek_id, reden=reden)
    rij = _projectie(
        Melding.objects.filter(pk=zaak.pk), MELDINGVELDEN,
        met_leerling=not rechten.is_bekostiging(grond), leerlingveld="leerling__publiek_id",
    )[0]  # fmt: skip
    rij.pop("_leerling")
    rij["geschiedenis"] = list(
        zaak.geschiedenis.order_by("op", "id").values(
            "van", "naar", "op", "notitie", "door__username"
        )
    )
    return Weergave(rij, grond)


TERUGMELDINGVELDEN = (
    "publiek_id",
    "status",
    "versie",
    "soort",
    "datum",
    "ingediend_op_datum",
    "groep",
    "leerjaar",
    "vo_variant",
    "mbo_niveau",
    "leerweg",
    "ab_verzorger_id",
    "melding__publiek_id",
    "melding__cvi_nummer",
    "melding__school__brin",
    "toelichting",
)


def terugmeldingen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    status: str | None = None,
    reden: str = "overzicht terugmeldingen",
) -> Deel[dict[str, Any]]:
    q, grond = _lijstgrond(gebruiker)
    qs = Terugmelding.objects.filter(**_melding_q(q)).order_by("-ingediend_op_datum", "-id")
    if status:
        qs = qs.filter(status=status)
    deel = _projectie_deel(
        qs, TERUGMELDINGVELDEN, venster, met_leerling=not rechten.is_bekostiging(grond),
        leerlingveld="melding__leerling__publiek_id",
    )  # fmt: skip
    _log_lijst(gebruiker, "terugmelding", deel.items, grond, reden)
    return deel


def terugmeldingen_lijst(
    *, gebruiker: Gebruiker, status: str | None = None, reden: str = "overzicht terugmeldingen"
) -> list[dict[str, Any]]:
    return terugmeldingen_deel(gebruiker=gebruiker, venster=None, status=status, reden=reden).items


def _melding_q(q: Q) -> dict[str, Any]:
    """Een Q over Melding als filter over een model met een veld ``melding``."""
    return {"melding__in": Melding.objects.filter(q)}


def terugmelding_zaak(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Terugmelding, toegang.Toegangsgrond]:
    zaak, grond = _een(
        gebruiker=gebruiker, model=Terugmelding, publiek_id=publiek_id,
        schoolveld="melding__school", leerlingveld="melding__leerling__publiek_id",
        objecttype="terugmelding", reden=reden,
    )  # fmt: skip
    return zaak, grond


def terugmelding_voor_handeling(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[Terugmelding, toegang.Toegangsgrond]:
    """Als :func:`melding_voor_handeling`, voor een terugmelding."""
    zaak, grond = _een(
        gebruiker=gebruiker, model=Terugmelding, publiek_id=publiek_id,
        schoolveld="melding__school", leerlingveld="melding__leerling__publiek_id",
        objecttype="terugmelding", reden=reden, lezen=False,
    )  # fmt: skip
    return zaak, grond


ZMLVELDEN = (
    "publiek_id",
    "status",
    "versie",
    "groep_3_per",
    "aanvraagdatum",
    "melding__publiek_id",
    "melding__cvi_nummer",
    "melding__school__brin",
    "toelichting",
)


def zml_aanvragen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    status: str | None = None,
    reden: str = "overzicht zml-aanvragen",
) -> Deel[dict[str, Any]]:
    q, grond = _lijstgrond(gebruiker)
    qs = ZmlAanvraag.objects.filter(**_melding_q(q)).order_by("-aanvraagdatum", "-id")
    if status:
        qs = qs.filter(status=status)
    deel = _projectie_deel(
        qs, ZMLVELDEN, venster, met_leerling=not rechten.is_bekostiging(grond),
        leerlingveld="melding__leerling__publiek_id",
    )  # fmt: skip
    _log_lijst(gebruiker, "zml_aanvraag", deel.items, grond, reden)
    return deel


def zml_aanvragen_lijst(
    *, gebruiker: Gebruiker, status: str | None = None, reden: str = "overzicht zml-aanvragen"
) -> list[dict[str, Any]]:
    return zml_aanvragen_deel(gebruiker=gebruiker, venster=None, status=status, reden=reden).items


def zml_aanvraag_zaak(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[ZmlAanvraag, toegang.Toegangsgrond]:
    zaak, grond = _een(
        gebruiker=gebruiker, model=ZmlAanvraag, publiek_id=publiek_id,
        schoolveld="melding__school", leerlingveld="melding__leerling__publiek_id",
        objecttype="zml_aanvraag", reden=reden,
    )  # fmt: skip
    return zaak, grond


def zml_aanvraag_voor_handeling(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str
) -> tuple[ZmlAanvraag, toegang.Toegangsgrond]:
    """Als :func:`melding_voor_handeling`, voor een zml-aanvraag."""
    zaak, grond = _een(
        gebruiker=gebruiker, model=ZmlAanvraag, publiek_id=publiek_id,
        schoolveld="melding__school", leerlingveld="melding__leerling__publiek_id",
        objecttype="zml_aanvraag", reden=reden, lezen=False,
    )  # fmt: skip
    return zaak, grond


ONVOLLEDIGVELDEN = ("publiek_id", "school__brin", "cvi_nummer", "ingediend_op", "fouten")


def onvolledige_indieningen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    reden: str = "overzicht onvolledige indieningen",
) -> Deel[dict[str, Any]]:
    """De formulieren die niet in behandeling zijn genomen, met de ontbrekende velden: de
    pagina ``venster`` (None: alle) en het totaal; de teruggegeven worden gelogd."""
    q, grond = _lijstgrond(gebruiker)
    qs = OnvolledigeIndiening.objects.filter(q).order_by("-ingediend_op", "-id")
    deel = _projectie_deel(
        qs, ONVOLLEDIGVELDEN, venster, met_leerling=not rechten.is_bekostiging(grond),
        leerlingveld="leerling__publiek_id",
    )  # fmt: skip
    _log_lijst(gebruiker, "onvolledige_indiening", deel.items, grond, reden)
    return deel


def onvolledige_indieningen_lijst(
    *, gebruiker: Gebruiker, reden: str = "overzicht onvolledige indieningen"
) -> list[dict[str, Any]]:
    """Alle onvolledige indieningen, zie :func:`onvolledige_indieningen_deel`."""
    return onvolledige_indieningen_deel(gebruiker=gebruiker, venster=None, reden=reden).items


def pseudoniem_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    reden: str = "overzicht bekostigingsinstantie",
) -> Deel[toegang.PseudoniemeLeerling]:
    """Het overzicht van de bekostigingsinstantie (via :mod:`rugzak.toegang`): de pagina
    ``venster`` (None: alles) en het totaal; de teruggegeven regels worden gelogd."""
    grond = rechten.vereis_bekostiging(gebruiker, wat="het overzicht van de bekostigingsinstantie")
    deel = knip_lijst(toegang.bekostiging_pseudoniem_overzicht(gebruiker), venster)
    if deel.items:
        publiek = dict(
            Melding.objects.filter(
                status=Meldingstatus.GEACCEPTEERD,
                cvi_nummer__in=[p.cvi_nummer for p in deel.items],
            ).values_list("cvi_nummer", "leerling__publiek_id")
        )
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype="geregistreerde_leerling",
            items=[
                (p.cvi_nummer, publiek.get(p.cvi_nummer), grond.rol, grond.organisatie_id)
                for p in deel.items
            ],
            reden=reden,
        )
    return deel


def pseudoniem_overzicht(
    *, gebruiker: Gebruiker, reden: str = "overzicht bekostigingsinstantie"
) -> list[toegang.PseudoniemeLeerling]:
    """Het hele overzicht van de bekostigingsinstantie, zie :func:`pseudoniem_deel`."""
    return pseudoniem_deel(gebruiker=gebruiker, venster=None, reden=reden).items


# --- gebeurtenissen voor de regelkern --------------------------------------------------------


def gebeurtenissen_per_leerling(
    *, leerling_ids: Iterable[int]
) -> dict[int, list[kernbetaling.Gebeurtenis]]:
    """Per leerling de gebeurtenissen voor het betaalschema, uit de verwerkte zaken:

    - een geaccepteerde melding: :class:`~rugzak.regeling.regels.melding.Melding`;
    - een verwerkte terugmelding 'uitschrijving': ``Uitschrijving`` (datum = eerste dag
      niet meer ingeschreven), 'wijziging': een nieuwe melding van dezelfde school met de
      gewijzigde basisgegevens per de ingangsdatum;
    - een toegekende zml-aanvraag: ``Groepsovergang`` naar groep 3 en ``ZmlAanvraag``;
    - een terugplaatsing naar groep 2: ``TerugplaatsingGroep2``.

    Geen toegangscontrole en geen audit: dit is de bouwsteen van de betaalrun, die zelf
    de rol controleert en per leerling vastlegt wat ze boekte. Een melding die de
    regelkern niet meer aanvaardt, geeft de fout van de regelkern.
    """
    ids = list(leerling_ids)
    geaccepteerd = Melding.objects.filter(leerling_id__in=ids, status=Meldingstatus.GEACCEPTEERD)
    meldingen = list(geaccepteerd.select_related("indicatie").order_by("meldingsdatum", "id"))
    if not meldingen:  # zonder geaccepteerde melding ook geen verwerkte vervolgzaken
        return {i: [] for i in ids}
    return gebeurtenissen_uit(
        ids,
        meldingen=meldingen,
        terugmeldingen=Terugmelding.objects.filter(
            melding__in=geaccepteerd, status=Terugmeldingstatus.VERWERKT
        )
        .select_related("melding", "melding__indicatie")
        .order_by("datum", "id"),
        zml_aanvragen=ZmlAanvraag.objects.filter(
            melding__in=geaccepteerd, status=Zmlstatus.TOEGEKEND
        )
        .select_related("melding")
        .order_by("aanvraagdatum", "id"),
        terugplaatsingen=TerugplaatsingGroep2.objects.filter(
            melding__in=geaccepteerd
        ).select_related("melding"),
    )


def gebeurtenissen_uit(
    leerling_ids: Iterable[int],
    *,
    meldingen: Iterable[Melding],
    terugmeldingen: Iterable[Terugmelding],
    zml_aanvragen: Iterable[ZmlAanvraag],
    terugplaatsingen: Iterable[TerugplaatsingGroep2],
) -> dict[int, list[kernbetaling.Gebeurtenis]]:
    """Als :func:`gebeurtenissen_per_leerling`, uit zaken die de aanroeper al las (het
    dossier leest ze één keer voor het overzicht en voor de regelkern): de geaccepteerde
    meldingen op meldingsdatum, hun verwerkte terugmeldingen op datum, toegekende
    zml-aanvragen op aanvraagdatum en terugplaatsingen naar groep 2 (elk met ``melding``
    geladen; een terugmelding ook ``melding.indicatie``)."""
    uit: dict[int, list[kernbetaling.Gebeurtenis]] = {i: [] for i in leerling_ids}
    for m in meldingen:
        uit[m.leerling_id].append(kern_melding(m))
    for t in terugmeldingen:
        if t.soort == Terugmeldingsoort.WIJZIGING:
            uit[t.melding.leerling_id].append(kern_wijziging(t))
        else:
            uit[t.melding.leerling_id].append(
                kernbetaling.Uitschrijving(t.datum, organisatie_sleutel(t.melding.school_id))
            )
    for a in zml_aanvragen:
        uit[a.melding.leerling_id].append(kernbetaling.Groepsovergang(a.groep_3_per, 3))
        uit[a.melding.leerling_id].append(kernbetaling.ZmlAanvraag(a.aanvraagdatum))
    for r in terugplaatsingen:
        uit[r.melding.leerling_id].append(kernbetaling.TerugplaatsingGroep2(r.datum))
    return uit


def eerste_meldingsdatum(*, leerling_ids: Iterable[int]) -> dict[int, date]:
    """Per leerling de vroegste meldingsdatum van een geaccepteerde melding."""
    uit: dict[int, date] = {}
    for lid, d in Melding.objects.filter(
        leerling_id__in=list(leerling_ids), status=Meldingstatus.GEACCEPTEERD
    ).values_list("leerling_id", "meldingsdatum"):
        if lid not in uit or d < uit[lid]:
            uit[lid] = d
    return uit


# --- het overzicht na een verhuizing (004; I-53) ---------------------------------------------


@dataclass(frozen=True)
class Verhuisjaar:
    """Wat de eigen school in één schooljaar rond de verhuizing ontvangt."""

    schooljaar: str
    eerste_maand: date | None
    laatste_maand: date | None
    maanden: int
    bedrag: Decimal
    fout: str | None = None


@dataclass(frozen=True)
class Verhuisoverzicht:
    """Het overzicht dat 004 ('Uitschrijving ...', eerste punt) de oude en de nieuwe school
    na een verhuizing belooft, vanuit de school van deze melding (interpretatie I-53)."""

    rol: str  # "oude school" of "nieuwe school"
    andere_school: str
    cvi_nummer: str
    onderwijssoort: str
    datum: date
    uitschrijving: date | None
    oude_school_tot_en_met: date
    nieuwe_school_vanaf: date
    in_de_zomer: bool
    jaren: tuple[Verhuisjaar, ...]
    interpretaties: tuple[str, ...]


def _school_naam(sleutel: str) -> str:
    org = Organisatie.objects.filter(pk=int(sleutel)).first()
    if org is None:
        return sleutel
    return f"{org.naam} ({org.brin})" if org.brin else org.naam


def verhuisoverzicht(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str = "verhuisoverzicht"
) -> list[Verhuisoverzicht]:
    """Het overzicht na een verhuizing bij een geaccepteerde melding, voor wie de melding
    mag lezen (de school, haar bestuur, de bekostigingsinstantie): de verhuisdatum, tot
    wanneer de oude en vanaf wanneer de nieuwe school het budget heeft, en per schooljaar
    wat de school van déze melding ontvangt. Van de andere school staan alleen naam en
    data erop, geen bedragen of meldingsgegevens (I-53). Leeg als deze melding geen deel
    van een verhuizing is; een getoond overzicht komt in het auditlog."""
    zaak, grond = _een(
        gebruiker=gebruiker, model=Melding, publiek_id=publiek_id, schoolveld="school",
        leerlingveld="leerling__publiek_id", objecttype="melding", reden=reden, lezen=False,
    )  # fmt: skip
    if zaak.status != Meldingstatus.GEACCEPTEERD:
        return []
    eigen = organisatie_sleutel(zaak.school_id)
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[zaak.leerling_id])[zaak.leerling_id]
    try:
        gevonden = kernbetaling.verhuizingen(gebeurtenissen)
    except RegelingFout:
        return []
    regeling = standaard_regeling()
    geboren = zaak.leerling.geboortedatum
    uit: list[Verhuisoverzicht] = []
    for v in gevonden:
        if v.oude_school == eigen and zaak.inschrijvingsdatum < v.datum:
            rol, ander = "oude school", v.nieuwe_school
        elif v.nieuwe_school == eigen and zaak.inschrijvingsdatum == v.nieuwe_inschrijving:
            rol, ander = "nieuwe school", v.oude_school
        else:
            continue
        jaren: list[Verhuisjaar] = []
        laatste_dag = v.overname - timedelta(days=1)
        for sj in (Schooljaar.van_datum(laatste_dag), Schooljaar.van_datum(v.overname)):
            try:
                schema = kernbetaling.betaalschema(
                    regeling, gebeurtenissen, sj, geboortedatum=geboren
                )
            except RegelingFout as fout:
                jaren.append(Verhuisjaar(str(sj), None, None, 0, Decimal(0), str(fout)))
                continue
            eigen_b = [b for b in schema.betalingen if b.ontvanger_id == eigen]
            maanden = sorted({b.maand for b in eigen_b})
            jaren.append(
                Verhuisjaar(
                    str(sj),
                    maanden[0].eerste_dag if maanden else None,
                    maanden[-1].eerste_dag if maanden else None,
                    len(maanden),
                    sum((b.bedrag for b in eigen_b), Decimal(0)),
                )
            )
        lezingen = ["I-14"]
        if v.in_de_zomer:
            lezingen.append("I-50")
        if v.nieuwe_inschrijving > v.datum:
            lezingen.append("I-51")
        if v.uitschrijving is not None:
            lezingen.append("I-52")
        lezingen.append("I-53")
        uit.append(
            Verhuisoverzicht(
                rol=rol,
                andere_school=_school_naam(ander),
                cvi_nummer=zaak.cvi_nummer,
                onderwijssoort=zaak.onderwijssoort,
                datum=v.datum,
                uitschrijving=v.uitschrijving,
                oude_school_tot_en_met=laatste_dag,
                nieuwe_school_vanaf=v.overname,
                in_de_zomer=v.in_de_zomer,
                jaren=tuple(jaren),
                interpretaties=tuple(lezingen),
            )
        )
    if uit:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.LEZEN,
            objecttype="verhuisoverzicht",
            object_id=zaak.publiek_id,
            leerling_publiek_id=zaak.leerling.publiek_id,
            rol=grond.rol,
            organisatie_id=grond.organisatie_id,
            reden=reden,
        )
    return uit
