"""Schrijven: melding, terugmelding, zml-aanvraag en terugplaatsing naar groep 2.

Elke service controleert eerst de rol (:mod:`rugzak.meldingen.rechten`), dan de
voorwaarden (alle fouten tegelijk, met het veld), dan de toestand
(:mod:`rugzak.meldingen.overgangen`) en de versie, en schrijft pas dan: de zaak, een
regel in haar geschiedenis en een auditregel. Een geweigerde overgang schrijft niets.

Eén uitzondering, zoals 004 haar beschrijft: een onvolledig meldingsformulier wordt
'niet in behandeling genomen'. Er wordt dan geen (halve) melding bewaard, alleen een
:class:`~rugzak.meldingen.models.OnvolledigeIndiening` met de namen van de ontbrekende
velden, zodat school en bekostigingsinstantie zien dát er iets terugkwam en waarom (I-35).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld import tijd
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import vereis_versie, versie_bijwerken
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving, Leerling, Uitschrijfreden
from rugzak.leerlingen.services import inschrijving_sluiten_na_terugmelding
from rugzak.meldingen import overgangen, rechten
from rugzak.meldingen.kern import (
    WIJZIGBARE_BASISGEGEVENS,
    formulier_na_wijziging,
    organisatie_sleutel,
)
from rugzak.meldingen.models import (
    Melding,
    MeldingOvergang,
    Meldingstatus,
    OnvolledigeIndiening,
    Terugmelding,
    TerugmeldingOvergang,
    Terugmeldingsoort,
    Terugmeldingstatus,
    TerugplaatsingGroep2,
    ZmlAanvraag,
    ZmlAanvraagOvergang,
    Zmlstatus,
)
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.regels.melding import Melding as KernMelding
from rugzak.regeling.regels.melding import OnvolledigeMelding, melding_uit_formulier

#: De velden van het meldingsformulier die de school invult (004); meldingsdatum en
#: school vult de toepassing in, syndroom van Down en einde indicatie komen uit de indicatie.
FORMULIERVELDEN = (
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
    "ab_verzorger",
    "schoolwisseling",
    "vorige_school",
    "aanvullende_formatie_2003",
)

#: De reguliere schoolsoorten (regelkern: Schoolsoort.is_regulier).
REGULIER = frozenset(s.value for s in Schoolsoort if s.is_regulier)

BRON_MELDING = "004, 'Inschrijving van leerlingen met een handicap na 1 augustus 2003'"
BRON_UITSCHRIJVING = "004, 'Uitschrijving van leerlingen met een handicap na 1 augustus 2003'"
BRON_ZML = "003, punt over formulier 66007"

Fouten = dict[str, list[str]]


def _fout(fouten: Fouten, veld: str, tekst: str) -> None:
    fouten.setdefault(veld, []).append(tekst)


def _audit(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    actie: Actie,
    objecttype: str,
    object_id: object,
    leerling: Leerling,
    reden: str,
    velden: list[str] | tuple[str, ...] = (),
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=actie,
        objecttype=objecttype,
        object_id=object_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
        velden=velden,
    )


def _organisatie(waarde: object) -> Organisatie | None:
    """Een organisatie uit het formulier: het object, haar id, of voor een school haar
    BRIN-nummer (bv. ``12AB``, hoofdletters of niet)."""
    if isinstance(waarde, Organisatie):
        return waarde
    tekst = str(waarde).strip()
    if tekst.isdigit():
        return Organisatie.objects.filter(pk=int(tekst)).first()
    if tekst and len(tekst) <= 8:
        return Organisatie.objects.filter(soort=Organisatiesoort.SCHOOL, brin=tekst.upper()).first()
    return None


def _is_ab_verzorger(org: Organisatie) -> bool:
    """Een AB-dienst van een REC of een (v)so-school (001 'Betaling'; 004)."""
    return org.soort == Organisatiesoort.AB_DIENST or (
        org.soort == Organisatiesoort.SCHOOL
        and org.schoolsoort in (Schoolsoort.SO.value, Schoolsoort.VSO.value)
    )


def _kernfouten(e: OnvolledigeMelding, fouten: Fouten) -> None:
    for veldfout in e.fouten:
        _fout(fouten, veldfout.veld, veldfout.melding)


def _ingeschreven_op(leerling: Leerling, school: Organisatie, dag: date) -> bool:
    return (
        Inschrijving.objects.filter(leerling=leerling, school=school, van__lte=dag)
        .exclude(tot__lt=dag)
        .exists()
    )


def _vergrendel_leerling(leerling_id: int) -> None:
    """Eén indiening tegelijk per leerling, tot het einde van de transactie.

    De controles 'al gemeld', 'al teruggemeld' en 'de aanvraag is eenmalig' lezen wat er
    is en schrijven dan; twee gelijktijdige indieningen zouden allebei niets zien en allebei
    schrijven. De rij van de leerling vergrendelen zet ze achter elkaar: wie wacht, leest
    daarna wat de eerste schreef (PostgreSQL, read committed) en krijgt dezelfde fout als
    na elkaar. ``no_key``: het slot houdt geen andere transacties op die alleen naar de
    leerling verwijzen (de boekingen van een betaalrun). SQLite zet schrijvende
    transacties zelf achter elkaar (BEGIN IMMEDIATE)."""
    Leerling.objects.select_for_update(no_key=True).filter(pk=leerling_id).first()


# --- melding -----------------------------------------------------------------------------


def formulierfouten(*, school: Organisatie, gegevens: Mapping[str, object]) -> Fouten:
    """Wat de regelkern (:func:`melding_uit_formulier`) aan het formulier zelf mist of
    afkeurt, zonder de controles tegen de leerling: voor het formulier waarop nog geen
    leerling gekozen is, zodat de school alles in één keer ziet. Schrijft niets."""
    fouten: Fouten = {}
    formulier: dict[str, object] = {k: gegevens.get(k) for k in FORMULIERVELDEN}
    formulier["meldingsdatum"] = vandaag()
    formulier["school"] = organisatie_sleutel(school.pk)
    for veld in ("ab_verzorger", "vorige_school"):
        if formulier.get(veld) not in (None, ""):
            formulier[veld] = "opgegeven"  # pas met een leerling en school te controleren
    try:
        melding_uit_formulier(formulier)
    except OnvolledigeMelding as e:
        _kernfouten(e, fouten)
    return fouten


def _beoordeel_formulier(
    *,
    leerling: Leerling,
    school: Organisatie,
    gegevens: Mapping[str, object],
    meldingsdatum: date,
) -> tuple[Fouten, KernMelding | None, Indicatie | None, Organisatie | None, Organisatie | None]:
    """Alle fouten van een meldingsformulier in één keer: die van de regelkern
    (:func:`melding_uit_formulier`, elk ontbrekend veld) en de controles tegen wat de
    toepassing weet (indicatie, school, inschrijving, AB-verzorger)."""
    fouten: Fouten = {}
    for veld in sorted(set(gegevens) - set(FORMULIERVELDEN)):
        if veld == "meldingsdatum":
            _fout(
                fouten,
                veld,
                "de meldingsdatum is de dag waarop de bekostigingsinstantie het formulier "
                "ontvangt; rugzak zet haar zelf (vandaag). Laat dit veld weg. (In een "
                "gebeurtenissenbestand van 'rugzak betaalschema' geeft u haar wel op: dat "
                "beschrijft een geschiedenis.)",
            )
            continue
        _fout(fouten, veld, f"onbekend veld; het formulier kent: {', '.join(FORMULIERVELDEN)}")
    formulier: dict[str, object] = {k: gegevens.get(k) for k in FORMULIERVELDEN}
    formulier["meldingsdatum"] = meldingsdatum
    formulier["school"] = organisatie_sleutel(school.pk)

    cvi_nummer = str(gegevens.get("cvi_nummer") or "").strip()
    indicatie = (
        Indicatie.objects.select_related("vorige").filter(cvi_nummer=cvi_nummer).first()
        if cvi_nummer
        else None
    )
    if cvi_nummer and (indicatie is None or indicatie.leerling_id != leerling.pk):
        _fout(
            fouten,
            "cvi_nummer",
            f"{cvi_nummer} is geen CvI-nummer van een indicatie van deze leerling",
        )
        indicatie = None
    if indicatie is not None:
        formulier["syndroom_van_down"] = indicatie.syndroom_van_down
        formulier["indicatie_einddatum"] = indicatie.einddatum

    ab: Organisatie | None = None
    if gegevens.get("ab_verzorger") not in (None, ""):
        ab = _organisatie(gegevens["ab_verzorger"])
        if ab is None or not _is_ab_verzorger(ab):
            _fout(
                fouten,
                "ab_verzorger",
                "kies de (v)so-school of AB-dienst van een REC die de ambulante begeleiding "
                "verzorgt: het BRIN-nummer van de (v)so-school of het id van de AB-dienst",
            )
            ab = None
        else:
            formulier["ab_verzorger"] = organisatie_sleutel(ab.pk)
    vorige: Organisatie | None = None
    if gegevens.get("vorige_school") not in (None, ""):
        vorige = _organisatie(gegevens["vorige_school"])
        if vorige is None or vorige.soort != Organisatiesoort.SCHOOL or vorige.pk == school.pk:
            _fout(
                fouten,
                "vorige_school",
                "kies de vorige school: het BRIN-nummer (of id) van een andere school",
            )
            vorige = None
        else:
            formulier["vorige_school"] = organisatie_sleutel(vorige.pk)

    kern: KernMelding | None = None
    try:
        kern = melding_uit_formulier(formulier)
    except OnvolledigeMelding as e:
        _kernfouten(e, fouten)

    if kern is not None and indicatie is not None:
        if kern.indicatiedatum != indicatie.indicatiedatum:
            _fout(
                fouten,
                "indicatiedatum",
                f"de indicatie {indicatie.cvi_nummer} is gesteld op "
                f"{lange_datum(indicatie.indicatiedatum)}, "
                f"niet op {lange_datum(kern.indicatiedatum)}",
            )
        if kern.onderwijssoort.value != indicatie.onderwijssoort:
            _fout(
                fouten,
                "onderwijssoort",
                f"de indicatie {indicatie.cvi_nummer} is voor "
                f"{indicatie.get_onderwijssoort_display()}",
            )
        if indicatie.vorige is not None and kern.vorig_cvi_nummer != indicatie.vorige.cvi_nummer:
            _fout(
                fouten,
                "vorig_cvi_nummer",
                f"dit is een herindicatie: vul herindicatie = ja en het vorige CvI-nummer "
                f"{indicatie.vorige.cvi_nummer} in",
            )
    if kern is not None:
        if kern.schoolsoort.value != school.schoolsoort:
            _fout(
                fouten,
                "schoolsoort",
                f"de meldende school is een school voor {school.get_schoolsoort_display()} "
                f"({school.schoolsoort})",
            )
        if not _ingeschreven_op(leerling, school, kern.inschrijvingsdatum):
            _fout(
                fouten,
                "inschrijvingsdatum",
                f"de leerling staat op {lange_datum(kern.inschrijvingsdatum)} niet op {school} "
                "ingeschreven",
            )
        dubbel = (
            Melding.objects.filter(school=school, cvi_nummer=kern.cvi_nummer)
            .exclude(status=Meldingstatus.GEWEIGERD)
            .first()
        )
        if dubbel is not None:
            _fout(
                fouten,
                "cvi_nummer",
                f"deze school heeft CvI-nummer {kern.cvi_nummer} al gemeld op "
                f"{lange_datum(dubbel.meldingsdatum)} (status {dubbel.get_status_display()})",
            )
    return fouten, kern, indicatie, ab, vorige


def melding_indienen(
    *,
    door: Gebruiker,
    leerling: Leerling,
    school: Organisatie,
    gegevens: Mapping[str, object],
    meldingsdatum: date | None = None,
) -> Melding:
    """De school meldt één geïndiceerde leerling bij de bekostigingsinstantie (004).

    Alleen een volledig formulier wordt een :class:`Melding` (status ontvangen). Een
    onvolledig formulier geeft een ``ValidationError`` met élk ontbrekend of ongeldig veld
    en wordt alleen als :class:`OnvolledigeIndiening` vastgelegd. ``meldingsdatum`` is de
    datum van ontvangst (standaard vandaag; de demo zet eerdere datums).
    """
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="een melding voor deze leerling",
        nodig=f"de rol directie of intern begeleider bij {school}, waar de leerling "
        "ingeschreven staat",
    )
    if grond.organisatie_id != school.pk:
        raise GeenToegang(
            f"melden namens {school}", nodig="de rol directie of intern begeleider bij die school"
        )
    dag = meldingsdatum or vandaag()
    with transaction.atomic():
        # controleren ('al gemeld') en opslaan in één transactie, één tegelijk per leerling
        _vergrendel_leerling(leerling.pk)
        fouten, kern, indicatie, ab, vorige = _beoordeel_formulier(
            leerling=leerling, school=school, gegevens=gegevens, meldingsdatum=dag
        )
        if not fouten and kern is not None and indicatie is not None and ab is not None:
            return _melding_opslaan(
                door=door, grond=grond, leerling=leerling, school=school, kern=kern,
                indicatie=indicatie, ab=ab, vorige=vorige,
            )  # fmt: skip
        _onvolledige_indiening_vastleggen(
            door=door,
            grond=grond,
            leerling=leerling,
            school=school,
            gegevens=gegevens,
            fouten=fouten,
        )
    raise ValidationError(fouten)  # na de commit: de indiening zelf blijft vastgelegd


@transaction.atomic
def _onvolledige_indiening_vastleggen(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    leerling: Leerling,
    school: Organisatie,
    gegevens: Mapping[str, object],
    fouten: Fouten,
) -> OnvolledigeIndiening:
    indiening = OnvolledigeIndiening(
        school=school,
        leerling=leerling,
        cvi_nummer=str(gegevens.get("cvi_nummer") or "").strip()[:40],
        ingediend_door=door,
        ingediend_op=tijd.nu(),
        fouten=fouten,
    )
    indiening.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="onvolledige_indiening",
        object_id=indiening.publiek_id,
        leerling=leerling,
        reden=f"meldingsformulier onvolledig, niet in behandeling genomen ({BRON_MELDING}; I-35)",
        velden=sorted(fouten),
    )
    return indiening


@transaction.atomic
def _melding_opslaan(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    leerling: Leerling,
    school: Organisatie,
    kern: KernMelding,
    indicatie: Indicatie,
    ab: Organisatie,
    vorige: Organisatie | None,
) -> Melding:
    melding = Melding(
        leerling=leerling,
        school=school,
        indicatie=indicatie,
        meldingsdatum=kern.meldingsdatum,
        inschrijvingsdatum=kern.inschrijvingsdatum,
        schoolsoort=kern.schoolsoort.value,
        groep=kern.groep,
        leerjaar=kern.leerjaar,
        vo_variant=kern.vo_variant.value if kern.vo_variant else "",
        mbo_niveau=kern.mbo_niveau.value if kern.mbo_niveau else "",
        leerweg=kern.leerweg.value if kern.leerweg else "",
        cvi_nummer=kern.cvi_nummer,
        indicatiedatum=kern.indicatiedatum,
        onderwijssoort=kern.onderwijssoort.value,
        herindicatie=kern.vorig_cvi_nummer is not None,
        vorig_cvi_nummer=kern.vorig_cvi_nummer or "",
        ab_verzorger=ab,
        schoolwisseling=vorige is not None,
        vorige_school=vorige,
        syndroom_van_down=kern.syndroom_van_down,
        aanvullende_formatie_2003=kern.aanvullende_formatie_2003,
        ingediend_door=door,
        ingediend_op=tijd.nu(),
    )
    melding.save()
    MeldingOvergang(
        melding=melding, van="", naar=Meldingstatus.ONTVANGEN, door=door, op=melding.ingediend_op,
        notitie=f"ingediend door de school, ontvangen op {lange_datum(kern.meldingsdatum)}",
    ).save()  # fmt: skip
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="melding",
        object_id=melding.publiek_id,
        leerling=leerling,
        reden=f"melding CvI-nummer {melding.cvi_nummer} ingediend ({BRON_MELDING})",
        velden=[*FORMULIERVELDEN, "meldingsdatum"],
    )
    return melding


Z = TypeVar("Z", Melding, Terugmelding, ZmlAanvraag)


def _beoordeel(
    *,
    zaak: Z,
    tabel: dict[str, frozenset[str]],
    zaaknaam: str,
    geschiedenis: type[Any],
    koppeling: str,
    door: Gebruiker,
    versie: int,
    naar: str,
    toelichting: str,
    reden_verplicht: bool,
) -> Z:
    """Gemeenschappelijk voor de beoordeling door de bekostigingsinstantie."""
    grond = rechten.vereis_bekostiging(door, wat=f"het beoordelen van een {zaaknaam}")
    vereis_versie(zaak, verwachte_versie=versie)
    if reden_verplicht and not toelichting.strip():
        raise ValidationError({"reden": f"geef de reden waarom de {zaaknaam} wordt geweigerd"})
    overgangen.controleer_overgang(tabel, zaak=zaaknaam, van=zaak.status, naar=naar)
    van = zaak.status
    nu = tijd.nu()
    versie_bijwerken(
        zaak,
        verwachte_versie=versie,
        wijzigingen={
            "status": naar,
            "beoordeeld_door": door,
            "beoordeeld_op": nu,
            "toelichting": toelichting.strip(),
        },
    )
    geschiedenis(
        **{koppeling: zaak}, van=van, naar=naar, door=door, op=nu, notitie=toelichting.strip()
    ).save()
    melding = zaak if isinstance(zaak, Melding) else zaak.melding
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype=zaaknaam.replace("-", "_"),
        object_id=zaak.publiek_id,
        leerling=melding.leerling,
        reden=f"{zaaknaam} {van} -> {naar}" + (f": {toelichting.strip()}" if toelichting else ""),
        velden=["status"],
    )
    return zaak


@transaction.atomic
def melding_accepteren(
    *, door: Gebruiker, melding: Melding, versie: int, toelichting: str = ""
) -> Melding:
    """De bekostigingsinstantie verwerkt en accepteert een volledige melding; vanaf dan
    telt zij voor de betaalrun (betaling vanaf de maand na de meldingsdatum, 001)."""
    return _beoordeel(
        zaak=melding, tabel=overgangen.MELDING, zaaknaam="melding", geschiedenis=MeldingOvergang,
        koppeling="melding", door=door, versie=versie, naar=Meldingstatus.GEACCEPTEERD,
        toelichting=toelichting, reden_verplicht=False,
    )  # fmt: skip


@transaction.atomic
def melding_weigeren(*, door: Gebruiker, melding: Melding, versie: int, reden: str) -> Melding:
    """De bekostigingsinstantie weigert een melding, met reden."""
    return _beoordeel(
        zaak=melding, tabel=overgangen.MELDING, zaaknaam="melding", geschiedenis=MeldingOvergang,
        koppeling="melding", door=door, versie=versie, naar=Meldingstatus.GEWEIGERD,
        toelichting=reden, reden_verplicht=True,
    )  # fmt: skip


# --- terugmelding ------------------------------------------------------------------------


def naar_andere_reguliere_school(melding: Melding) -> Inschrijving | None:
    """De inschrijving op een andere reguliere school na deze melding, als die er is: dan
    hoeft de oude school niets te doen (004, 'Uitschrijving ...', eerste punt)."""
    for ins in (
        Inschrijving.objects.filter(
            leerling_id=melding.leerling_id, van__gt=melding.inschrijvingsdatum
        )
        .exclude(school_id=melding.school_id)
        .select_related("school")
        .order_by("van")
    ):
        if ins.school.schoolsoort in REGULIER:
            return ins
    return None


def _zelfde_inschrijving(melding: Melding) -> list[Melding]:
    """De verwerkte meldingen van dezelfde leerling bij dezelfde school (herindicaties)."""
    return list(
        Melding.objects.filter(
            leerling_id=melding.leerling_id,
            school_id=melding.school_id,
            status=Meldingstatus.GEACCEPTEERD,
        )
    )


@transaction.atomic
def terugmelding_indienen(
    *,
    door: Gebruiker,
    melding: Melding,
    soort: str,
    datum: date,
    wijzigingen: Mapping[str, object] | None = None,
    ingediend_op: date | None = None,
) -> Terugmelding:
    """De school vult het terugmeldingsformulier in (003; 004 'Uitschrijving ...').

    ``soort``: uitschrijving naar het (v)so, uitschrijving uit het onderwijs, of wijziging
    van de basisgegevens (dan ``wijzigingen`` met de nieuwe waarden). ``datum``: bij
    uitschrijving de eerste dag dat de leerling niet meer ingeschreven staat, bij een
    wijziging de ingangsdatum. Bij een overstap naar een andere reguliere school hoeft de
    oude school niets te doen; zo'n terugmelding wordt geweigerd.
    """
    grond = rechten.vereis_school(door, melding.school, wat="een terugmelding voor deze melding")
    _vergrendel_leerling(melding.leerling_id)  # 'al teruggemeld' en opslaan: één tegelijk
    dag = ingediend_op or vandaag()
    wijzigingen = dict(wijzigingen or {})
    fouten: Fouten = {}
    if soort not in Terugmeldingsoort.values:
        _fout(
            fouten, "soort", f"onbekende soort; toegestaan: {', '.join(Terugmeldingsoort.values)}"
        )
    if melding.status != Meldingstatus.GEACCEPTEERD:
        _fout(
            fouten,
            "melding",
            f"alleen een verwerkte melding kan worden teruggemeld; deze is "
            f"'{melding.get_status_display()}'",
        )
    if datum <= melding.inschrijvingsdatum:
        _fout(
            fouten,
            "datum",
            f"ligt niet na de inschrijving ({lange_datum(melding.inschrijvingsdatum)})",
        )
    if datum > dag:
        _fout(
            fouten,
            "datum",
            f"ligt na de datum van ontvangst ({lange_datum(dag)}); meld wat er gebeurd is",
        )
    ab: Organisatie | None = None
    if soort == Terugmeldingsoort.WIJZIGING:
        onbekend = sorted(set(wijzigingen) - set(WIJZIGBARE_BASISGEGEVENS))
        for veld in onbekend:
            _fout(
                fouten,
                veld,
                f"kan niet worden gewijzigd; wel: {', '.join(WIJZIGBARE_BASISGEGEVENS)}",
            )
        if not any(v not in (None, "") for v in wijzigingen.values()):
            _fout(fouten, "wijzigingen", "geef ten minste één gewijzigd basisgegeven")
        if wijzigingen.get("ab_verzorger") not in (None, ""):
            ab = _organisatie(wijzigingen["ab_verzorger"])
            if ab is None or not _is_ab_verzorger(ab):
                _fout(
                    fouten,
                    "ab_verzorger",
                    "kies de (v)so-school of AB-dienst (id van de organisatie)",
                )
                ab = None
            else:
                wijzigingen["ab_verzorger"] = organisatie_sleutel(ab.pk)
        if "ab_verzorger" not in fouten:
            try:
                melding_uit_formulier(
                    formulier_na_wijziging(
                        melding, {k: wijzigingen.get(k) for k in WIJZIGBARE_BASISGEGEVENS}, datum
                    )
                )
            except OnvolledigeMelding as e:
                _kernfouten(e, fouten)
    elif soort in Terugmeldingsoort.values:
        if wijzigingen:
            _fout(fouten, "wijzigingen", "alleen bij een wijziging van de basisgegevens")
        nieuw = naar_andere_reguliere_school(melding)
        if nieuw is not None:
            _fout(
                fouten,
                "soort",
                f"de leerling staat sinds {lange_datum(nieuw.van)} op een andere reguliere school "
                f"({nieuw.school}); dan hoeft de oude school niets te doen: de bekostiging loopt "
                f"het lopende schooljaar door en stopt daarna ({BRON_UITSCHRIJVING})",
            )
        al = Terugmelding.objects.filter(
            melding__in=_zelfde_inschrijving(melding),
            soort__in=[
                Terugmeldingsoort.UITSCHRIJVING_SO,
                Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            ],
        ).exclude(status=Terugmeldingstatus.GEWEIGERD)
        if al.exists():
            _fout(fouten, "soort", "de uitschrijving van deze leerling is al teruggemeld")
    if fouten:
        raise ValidationError(fouten)
    return _terugmelding_opslaan(
        door=door, grond=grond, melding=melding, soort=soort, datum=datum, dag=dag,
        wijzigingen=wijzigingen, ab=ab,
    )  # fmt: skip


@transaction.atomic
def _terugmelding_opslaan(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    melding: Melding,
    soort: str,
    datum: date,
    dag: date,
    wijzigingen: Mapping[str, object],
    ab: Organisatie | None,
) -> Terugmelding:
    def geheel(veld: str) -> int | None:
        w = wijzigingen.get(veld)
        return None if w in (None, "") else int(str(w))

    terugmelding = Terugmelding(
        melding=melding,
        soort=soort,
        datum=datum,
        ingediend_op_datum=dag,
        groep=geheel("groep"),
        leerjaar=geheel("leerjaar"),
        vo_variant=str(wijzigingen.get("vo_variant") or ""),
        mbo_niveau=str(wijzigingen.get("mbo_niveau") or ""),
        leerweg=str(wijzigingen.get("leerweg") or ""),
        ab_verzorger=ab,
        ingediend_door=door,
        ingediend_op=tijd.nu(),
    )
    terugmelding.save()
    TerugmeldingOvergang(
        terugmelding=terugmelding, van="", naar=Terugmeldingstatus.ONTVANGEN, door=door,
        op=terugmelding.ingediend_op, notitie=f"ontvangen op {lange_datum(dag)}",
    ).save()  # fmt: skip
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="terugmelding",
        object_id=terugmelding.publiek_id,
        leerling=melding.leerling,
        reden=f"terugmelding ({terugmelding.get_soort_display()}) per {lange_datum(datum)}",
        velden=[
            "soort",
            "datum",
            *sorted(k for k, v in wijzigingen.items() if v not in (None, "")),
        ],
    )
    return terugmelding


@transaction.atomic
def terugmelding_verwerken(
    *, door: Gebruiker, terugmelding: Terugmelding, versie: int, toelichting: str = ""
) -> Terugmelding:
    """De bekostigingsinstantie verwerkt een terugmelding; de volgende betaalrun houdt er
    rekening mee en corrigeert wat al te veel of te weinig betaald is.

    Een verwerkte uitschrijving beëindigt ook de inschrijving op de school van de melding,
    per de dag vóór de datum van de terugmelding, met de reden die bij de soort hoort
    (I-47); een inschrijving die al eerder eindigde, blijft zoals zij is."""
    zaak = _beoordeel(
        zaak=terugmelding, tabel=overgangen.TERUGMELDING, zaaknaam="terugmelding",
        geschiedenis=TerugmeldingOvergang, koppeling="terugmelding", door=door, versie=versie,
        naar=Terugmeldingstatus.VERWERKT, toelichting=toelichting, reden_verplicht=False,
    )  # fmt: skip
    if zaak.is_uitschrijving:
        melding = zaak.melding
        inschrijving_sluiten_na_terugmelding(
            door=door,
            grond=rechten.vereis_bekostiging(door, wat="het verwerken van een terugmelding"),
            leerling_id=melding.leerling_id,
            school_id=melding.school_id,
            laatste_dag=zaak.datum - timedelta(days=1),
            reden=(
                Uitschrijfreden.NAAR_VSO
                if zaak.soort == Terugmeldingsoort.UITSCHRIJVING_SO
                else Uitschrijfreden.GEEN_ONDERWIJS
            ),
        )
    return zaak


@transaction.atomic
def terugmelding_weigeren(
    *, door: Gebruiker, terugmelding: Terugmelding, versie: int, reden: str
) -> Terugmelding:
    return _beoordeel(
        zaak=terugmelding, tabel=overgangen.TERUGMELDING, zaaknaam="terugmelding",
        geschiedenis=TerugmeldingOvergang, koppeling="terugmelding", door=door, versie=versie,
        naar=Terugmeldingstatus.GEWEIGERD, toelichting=reden, reden_verplicht=True,
    )  # fmt: skip


# --- zml-aanvraag en terugplaatsing naar groep 2 ---------------------------------------------


def lopende_zml_aanvraag(melding: Melding) -> ZmlAanvraag | None:
    """De laatste niet-afgewezen aanvraag bij deze inschrijving zonder latere terugplaatsing
    naar groep 2: zolang die er is, is een nieuwe aanvraag niet nodig (003)."""
    meldingen = _zelfde_inschrijving(melding) or [melding]
    aanvraag = (
        ZmlAanvraag.objects.filter(melding__in=meldingen)
        .exclude(status=Zmlstatus.AFGEWEZEN)
        .order_by("-groep_3_per", "-id")
        .first()
    )
    if aanvraag is None:
        return None
    later = TerugplaatsingGroep2.objects.filter(
        melding__in=meldingen, datum__gt=aanvraag.groep_3_per
    ).exists()
    return None if later else aanvraag


@transaction.atomic
def zml_aanvraag_indienen(
    *,
    door: Gebruiker,
    melding: Melding,
    groep_3_per: date,
    aanvraagdatum: date | None = None,
) -> ZmlAanvraag:
    """De eenmalige aanvraag voor het aanvullende zml-bedrag bij de overgang van groep 2
    naar groep 3 (003, formulier 66007; alleen basisonderwijs, niet sbao)."""
    grond = rechten.vereis_school(door, melding.school, wat="een zml-aanvraag voor deze melding")
    _vergrendel_leerling(melding.leerling_id)  # 'eenmalig' en opslaan: één tegelijk
    dag = aanvraagdatum or vandaag()
    fouten: Fouten = {}
    if melding.status != Meldingstatus.GEACCEPTEERD:
        _fout(fouten, "melding", "vraag het aanvullende bedrag aan bij een verwerkte melding")
    if melding.onderwijssoort != Onderwijssoort.ZML.value:
        _fout(
            fouten,
            "melding",
            f"het aanvullende bedrag is voor zml-leerlingen ({BRON_ZML}); deze leerling is "
            f"geïndiceerd voor {melding.get_onderwijssoort_display()}",
        )
    if melding.schoolsoort != Schoolsoort.BAO.value:
        _fout(
            fouten,
            "melding",
            f"het aanvullende zml-bedrag geldt alleen in het basisonderwijs, niet in het "
            f"{melding.get_schoolsoort_display()} (001 voetnoot *; 003 'geldt niet voor speciaal "
            "basis onderwijs')",
        )
    if groep_3_per < melding.inschrijvingsdatum:
        _fout(fouten, "groep_3_per", "ligt vóór de inschrijving op deze school")
    if dag < melding.meldingsdatum:
        _fout(fouten, "aanvraagdatum", "ligt vóór de melding")
    lopend = lopende_zml_aanvraag(melding)
    if lopend is not None:
        _fout(
            fouten,
            "melding",
            "de aanvraag is eenmalig: er is al een aanvraag van "
            f"{lange_datum(lopend.aanvraagdatum)} "
            f"({lopend.get_status_display()}); de toekenning loopt daarna elk schooljaar door "
            f"zolang de leerling op de school staat ingeschreven ({BRON_ZML}; I-36)",
        )
    if fouten:
        raise ValidationError(fouten)
    return _zml_aanvraag_opslaan(
        door=door, grond=grond, melding=melding, groep_3_per=groep_3_per, dag=dag
    )


@transaction.atomic
def _zml_aanvraag_opslaan(
    *, door: Gebruiker, grond: toegang.Toegangsgrond, melding: Melding, groep_3_per: date, dag: date
) -> ZmlAanvraag:
    aanvraag = ZmlAanvraag(
        melding=melding,
        groep_3_per=groep_3_per,
        aanvraagdatum=dag,
        ingediend_door=door,
        ingediend_op=tijd.nu(),
    )
    aanvraag.save()
    ZmlAanvraagOvergang(
        aanvraag=aanvraag, van="", naar=Zmlstatus.ONTVANGEN, door=door, op=aanvraag.ingediend_op,
        notitie=f"ontvangen op {lange_datum(dag)}",
    ).save()  # fmt: skip
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="zml_aanvraag",
        object_id=aanvraag.publiek_id,
        leerling=melding.leerling,
        reden=f"zml-aanvraag (groep 3 per {lange_datum(groep_3_per)}) ingediend ({BRON_ZML})",
        velden=["groep_3_per", "aanvraagdatum"],
    )
    return aanvraag


@transaction.atomic
def zml_aanvraag_toekennen(
    *, door: Gebruiker, aanvraag: ZmlAanvraag, versie: int, toelichting: str = ""
) -> ZmlAanvraag:
    return _beoordeel(
        zaak=aanvraag, tabel=overgangen.ZML_AANVRAAG, zaaknaam="zml-aanvraag",
        geschiedenis=ZmlAanvraagOvergang, koppeling="aanvraag", door=door, versie=versie,
        naar=Zmlstatus.TOEGEKEND, toelichting=toelichting, reden_verplicht=False,
    )  # fmt: skip


@transaction.atomic
def zml_aanvraag_afwijzen(
    *, door: Gebruiker, aanvraag: ZmlAanvraag, versie: int, reden: str
) -> ZmlAanvraag:
    return _beoordeel(
        zaak=aanvraag, tabel=overgangen.ZML_AANVRAAG, zaaknaam="zml-aanvraag",
        geschiedenis=ZmlAanvraagOvergang, koppeling="aanvraag", door=door, versie=versie,
        naar=Zmlstatus.AFGEWEZEN, toelichting=reden, reden_verplicht=True,
    )  # fmt: skip


@transaction.atomic
def terugplaatsing_groep2_melden(
    *, door: Gebruiker, melding: Melding, datum: date, gemeld_op: date | None = None
) -> TerugplaatsingGroep2:
    """Het bevoegd gezag meldt de terugplaatsing van een zml-leerling naar groep 2 direct;
    het aanvullende bedrag stopt met ingang van de maand erna (003)."""
    grond = rechten.vereis_school(door, melding.school, wat="een terugplaatsing voor deze melding")
    _vergrendel_leerling(melding.leerling_id)  # 'al gemeld' en opslaan: één tegelijk
    dag = gemeld_op or vandaag()
    fouten: Fouten = {}
    meldingen = _zelfde_inschrijving(melding) or [melding]
    toegekend = (
        ZmlAanvraag.objects.filter(melding__in=meldingen, status=Zmlstatus.TOEGEKEND)
        .order_by("-groep_3_per")
        .first()
    )
    if toegekend is None:
        _fout(
            fouten,
            "melding",
            "er is geen toegekende zml-aanvraag voor deze leerling op deze school",
        )
    elif datum <= toegekend.groep_3_per:
        _fout(
            fouten,
            "datum",
            f"ligt niet na de overgang naar groep 3 ({lange_datum(toegekend.groep_3_per)})",
        )
    elif lopende_zml_aanvraag(melding) is None:
        _fout(fouten, "melding", "de terugplaatsing naar groep 2 is al gemeld")
    if datum > dag:
        _fout(fouten, "datum", f"ligt na de datum van ontvangst ({lange_datum(dag)})")
    if fouten:
        raise ValidationError(fouten)
    terugplaatsing = TerugplaatsingGroep2(
        melding=melding,
        datum=datum,
        gemeld_op_datum=dag,
        gemeld_door=door,
        gemeld_op=tijd.nu(),
    )
    terugplaatsing.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="terugplaatsing_groep2",
        object_id=terugplaatsing.publiek_id,
        leerling=melding.leerling,
        reden=f"teruggeplaatst naar groep 2 op {lange_datum(datum)} ({BRON_ZML})",
        velden=["datum"],
    )
    return terugplaatsing
