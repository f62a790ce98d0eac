"""Schrijven: de REC- en (v)so-administratie (004).

Elke service controleert eerst de rol (:mod:`rugzak.rec.rechten`), dan de invoer en de
regels van de regelkern (:mod:`rugzak.regeling.regels.rec_organisatie`,
:mod:`rugzak.regeling.regels.rec`), en schrijft pas daarna, in één transactie, met een
historieregel (bij een zaak) en een auditregel. Een geweigerde handeling schrijft niets.
Een weigering van de regelkern wordt een ``ValidationError`` op het veld waar het om gaat,
met alle redenen van de regelkern.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from rugzak import toegang
from rugzak.ambulante_begeleiding.models import LOPENDE_STATUSSEN, Begeleiding, Begeleidingsoort
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.betalingen import services as betalingen
from rugzak.betalingen.models import RecTelling
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import VersieModel, versie_bijwerken
from rugzak.indicaties.models import Indicatie, Zaakstap
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.rec import rechten
from rugzak.rec.models import (
    AANMELDING_TRANSITIES,
    VERZOEK_TRANSITIES,
    VESTIGING_TRANSITIES,
    Aanmeldingstap,
    Aanmeldingstatus,
    Gemeenschapslid,
    Onderwijsniveau,
    PabFormatieopgave,
    RecInrichting,
    ResidentieelVerzoek,
    Scholengemeenschap,
    VerbredeToelating,
    Verzoekstap,
    Verzoekstatus,
    Vestiging,
    Vestigingstap,
    Vestigingstatus,
    VsoAanmelding,
    VsoPlaatsing,
    VsoProfiel,
    Weigeringsgrond,
)
from rugzak.rec.telling import tel_rec, tel_school
from rugzak.regeling.begrippen import Cluster, Onderwijssoort, Schoolsoort
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.ambulante_begeleiding import Beslissing
from rugzak.regeling.regels.rec import (
    OnvolledigVerzoek,
    VerzoekResidentielePlaatsen,
    beoordeel_verzoek_residentiele_plaatsen,
    verreken_residentiele_plaatsen,
)
from rugzak.regeling.regels.rec_organisatie import (
    ab_bij_verbrede_toelating,
    nevenvestiging,
    scholengemeenschap,
    toelating_jonger_dan_4,
    verbrede_toelating,
    weigering_eigen_onderwijssoort,
)
from rugzak.regeling.tijd import Schooljaar, leeftijd_op

Fouten = dict[str, list[str]]
V = TypeVar("V", bound=VersieModel)

ONDERWIJSSOORTEN: dict[str, Onderwijssoort] = {o.value: o for o in Onderwijssoort}

#: Verzoeken die residentiële plaatsen geven of vragen (niet samen met verbrede toelating).
RESIDENTIEEL_ACTIEF = (Verzoekstatus.INGEDIEND, Verzoekstatus.TOEGEKEND)


# --- hulpfuncties -------------------------------------------------------------------------


def _fout(fouten: Fouten, veld: str, tekst: str) -> None:
    fouten.setdefault(veld, []).append(tekst)


def _eis(beslissing: Beslissing, veld: str) -> None:
    """Een weigering van de regelkern als veldfout, met alle redenen en de bron."""
    if not beslissing.toegestaan:
        bronnen = "; ".join(b.citeer() for b in beslissing.uitleg.bronnen())
        raise ValidationError({veld: [f"{r} ({bronnen})" for r in beslissing.redenen]})


def _dag(op: date | None, veld: str = "op") -> date:
    nu = vandaag()
    if op is None:
        return nu
    if op > nu:
        raise ValidationError(
            {
                veld: f"{lange_datum(op)} ligt na vandaag ({lange_datum(nu)}); "
                "leg vast wat gebeurd is"
            }
        )
    return op


def _onderwijssoort(code: str, veld: str = "onderwijssoort") -> Onderwijssoort:
    soort = ONDERWIJSSOORTEN.get(code)
    if soort is None or soort.cluster is Cluster.C1:
        raise ValidationError(
            {veld: f"onbekende onderwijssoort {code!r}; kies een onderwijssoort van cluster 2-4"}
        )
    return soort


def _schooljaar(waarde: Schooljaar | str, veld: str = "schooljaar") -> Schooljaar:
    if isinstance(waarde, Schooljaar):
        return waarde
    try:
        return Schooljaar.van_tekst(str(waarde))
    except OngeldigeInvoer:
        raise ValidationError({veld: "verwacht een schooljaar, bv. 2011-2012"}) from None


def _fre(waarde: object, veld: str, fouten: Fouten) -> Decimal | None:
    if isinstance(waarde, float | bool):
        _fout(fouten, veld, "geef een formatie als decimaal getal in tekst, bv. '2.5'")
        return None
    try:
        getal = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        _fout(fouten, veld, "verwacht een aantal fre, bv. 2.5")
        return None
    if not getal.is_finite() or getal < 0:
        _fout(fouten, veld, "een formatie is 0 of meer fre")
        return None
    return getal


def _audit(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    actie: Actie,
    objecttype: str,
    object_id: object,
    reden: str,
    leerling: Leerling | None = None,
    velden: Iterable[str] = (),
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=actie,
        objecttype=objecttype,
        object_id=object_id,
        leerling_publiek_id=leerling.publiek_id if leerling is not None else None,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
        velden=velden,
    )


def _vso_school(school: Organisatie, veld: str = "school") -> Organisatie:
    if not rechten.is_vso_school(school):
        raise ValidationError(
            {veld: "kies een school voor (voortgezet) speciaal onderwijs van een REC"}
        )
    return school


def _rec_beheer(door: Gebruiker, rec: Organisatie, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(
        rechten.rec_grond(door, rec, schrijven=True),
        wat=wat,
        nodig="de rol secretaris van de CvI of coördinator AB bij dit REC",
    )


def _school_beheer(door: Gebruiker, school: Organisatie, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(
        rechten.schoolgrond(door, school, schrijven=True),
        wat=wat,
        nodig="de rol directie of intern begeleider bij deze school",
    )


def _profiel(school: Organisatie) -> Onderwijssoort:
    profiel = VsoProfiel.objects.filter(school=school).first()
    if profiel is None:
        raise ValidationError(
            {
                "school": f"van {school} is de onderwijssoort nog niet vastgelegd; het REC legt "
                "die eerst vast"
            }
        )
    return ONDERWIJSSOORTEN[profiel.onderwijssoort]


def _clusteroverstijgend(rec: Organisatie) -> bool:
    inrichting = RecInrichting.objects.filter(rec=rec).first()
    return bool(inrichting and inrichting.clusteroverstijgend)


def _vergrendel(obj: V, versie: int, objecttype: str) -> V:
    actueel = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if actueel.versie != versie:
        raise GelijktijdigeWijziging(
            objecttype=objecttype,
            object_id=getattr(actueel, "publiek_id", actueel.pk),
            verwachte_versie=versie,
            huidige_versie=actueel.versie,
        )
    return actueel


def _eis_overgang(
    huidig: str, naar: str, transities: Mapping[str, frozenset[str]], keuzes: Any, wat: str
) -> None:
    toegestaan = transities[huidig]
    if naar not in toegestaan:
        verder = ", ".join(sorted(keuzes(s).label for s in toegestaan)) or "niets meer"
        raise ValidationError(
            {
                "status": f"{wat} is '{keuzes(huidig).label}'; naar '{keuzes(naar).label}' kan "
                f"niet. Vanuit deze toestand kan: {verder}"
            }
        )


def _stap(
    model: type[Zaakstap],
    veld: str,
    zaak: models.Model,
    *,
    van: str,
    naar: str,
    datum: date,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    toelichting: str,
) -> None:
    model.objects.create(
        **{veld: zaak},
        van_status=van,
        naar_status=naar,
        datum=datum,
        door=door,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        toelichting=toelichting.strip(),
    )


def _overgang(
    zaak: Any,
    *,
    stapmodel: type[Zaakstap],
    veld: str,
    objecttype: str,
    versie: int,
    wijzigingen: dict[str, Any],
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    datum: date,
    toelichting: str,
    reden: str,
    velden: Iterable[str] | None = None,
    leerling: Leerling | None = None,
) -> Any:
    """Eén overgang van een zaak met een ``status``: de wijziging met versiecontrole, een
    stap in haar geschiedenis (van, naar, wie, wanneer, waarom) en een auditregel. De
    voorwaarden toetst de aanroeper vooraf; deze functie schrijft alleen."""
    van = zaak.status
    versie_bijwerken(zaak, verwachte_versie=versie, wijzigingen=wijzigingen)
    _stap(
        stapmodel, veld, zaak, van=van, naar=zaak.status, datum=datum, door=door, grond=grond,
        toelichting=toelichting,
    )  # fmt: skip
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype=objecttype,
        object_id=zaak.publiek_id,
        leerling=leerling,
        reden=reden,
        velden=sorted(wijzigingen) if velden is None else velden,
    )
    return zaak


# --- inrichting van het REC en de scholen ---------------------------------------------------


@transaction.atomic
def rec_inrichting_vastleggen(
    *, door: Gebruiker, rec: Organisatie, clusteroverstijgend: bool
) -> RecInrichting:
    """Leg vast of het REC clusteroverstijgend is (004, 'Scholengemeenschap')."""
    grond = _rec_beheer(door, rec, f"de inrichting van {rec}")
    inrichting = RecInrichting.objects.filter(rec=rec).first()
    if inrichting is None:
        inrichting = RecInrichting.objects.create(
            rec=rec, clusteroverstijgend=clusteroverstijgend, vastgelegd_door=door
        )
    else:
        inrichting.clusteroverstijgend = clusteroverstijgend
        inrichting.vastgelegd_door = door
        inrichting.save(update_fields=["clusteroverstijgend", "vastgelegd_door", "vastgelegd_op"])
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="rec_inrichting",
        object_id=rec.pk,
        reden=f"clusteroverstijgend: {'ja' if clusteroverstijgend else 'nee'}",
        velden=["clusteroverstijgend"],
    )
    return inrichting


@transaction.atomic
def vso_profiel_vastleggen(
    *, door: Gebruiker, school: Organisatie, onderwijssoort: str
) -> VsoProfiel:
    """Leg vast welke onderwijssoort een (v)so-school van het REC zelf verzorgt."""
    _vso_school(school)
    assert school.rec is not None
    grond = _rec_beheer(door, school.rec, f"de onderwijssoort van {school}")
    soort = _onderwijssoort(onderwijssoort)
    fouten: Fouten = {}
    if soort.cluster.value != school.rec.cluster and not _clusteroverstijgend(school.rec):
        _fout(
            fouten,
            "onderwijssoort",
            f"{soort.omschrijving} hoort bij {soort.cluster.omschrijving}; {school.rec} is een "
            f"REC voor cluster {school.rec.cluster} en niet clusteroverstijgend",
        )
    if VsoProfiel.objects.filter(school=school).exists():
        _fout(fouten, "school", f"de onderwijssoort van {school} is al vastgelegd")
    if fouten:
        raise ValidationError(fouten)
    profiel = VsoProfiel.objects.create(
        school=school, onderwijssoort=soort.value, vastgelegd_door=door
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="vso_profiel",
        object_id=school.pk,
        reden=f"onderwijssoort {soort.value} vastgelegd",
        velden=["onderwijssoort"],
    )
    return profiel


# --- verbrede toelating ---------------------------------------------------------------------


def _ab_diensten_van(school: Organisatie) -> models.QuerySet[Organisatie]:
    """De AB-dienst(en) waarmee de school ambulante begeleiding verzorgt (zelfde BRIN)."""
    return Organisatie.objects.filter(soort=Organisatiesoort.AB_DIENST, brin=school.brin)


@transaction.atomic
def verbrede_toelating_vastleggen(
    *,
    door: Gebruiker,
    school: Organisatie,
    onderwijssoort: str,
    vanaf: date,
    alle_mg_indicaties: bool = False,
) -> VerbredeToelating:
    """De school laat leerlingen met een indicatie voor ``onderwijssoort`` verbreed toe
    (004, 'Verbrede toelating'): alleen clusters 2 en 3, een andere onderwijssoort van
    hetzelfde cluster, mg alleen als de school alle mg-indicaties opvangt, niet samen met
    residentiële plaatsen, en niet zolang de school voor die onderwijssoort ambulante
    begeleiding verzorgt (regelkern)."""
    _vso_school(school)
    grond = _school_beheer(door, school, f"verbrede toelating van {school}")
    eigen = _profiel(school)
    soort = _onderwijssoort(onderwijssoort)
    residentieel = ResidentieelVerzoek.objects.filter(
        school=school, status__in=RESIDENTIEEL_ACTIEF
    ).exists()
    _eis(
        verbrede_toelating(
            school_onderwijssoort=eigen,
            leerling_onderwijssoort=soort,
            school_is_so=False,
            leerling_is_vso=False,
            neemt_alle_mg_indicaties=alle_mg_indicaties,
            residentiele_plaatsen=residentieel,
        ),
        "onderwijssoort",
    )
    lopend = Begeleiding.objects.filter(
        ab_dienst__in=_ab_diensten_van(school),
        status__in=LOPENDE_STATUSSEN,
        soort__in=[Begeleidingsoort.RAB, Begeleidingsoort.TAB],
        indicatie__onderwijssoort=soort.value,
    ).count()
    if lopend:
        raise ValidationError(
            {
                "onderwijssoort": f"de school verzorgt nog ambulante begeleiding voor "
                f"{soort.omschrijving} ({lopend} lopende begeleiding(en)); wie verbreed "
                "toelaat, mag voor die onderwijssoort geen ambulante begeleiding verzorgen "
                "(004, 'Verbrede toelating'); beëindig of draag die eerst over"
            }
        )
    if VerbredeToelating.objects.filter(school=school, onderwijssoort=soort.value).exists():
        raise ValidationError(
            {"onderwijssoort": "deze school laat deze onderwijssoort al verbreed toe"}
        )
    vt = VerbredeToelating.objects.create(
        school=school,
        onderwijssoort=soort.value,
        alle_mg_indicaties=alle_mg_indicaties,
        vanaf=vanaf,
        vastgelegd_door=door,
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="verbrede_toelating",
        object_id=vt.publiek_id,
        reden=f"verbrede toelating {soort.value} vanaf {vanaf}",
        velden=["onderwijssoort", "alle_mg_indicaties", "vanaf"],
    )
    return vt


def eis_geen_ab_bij_verbrede_toelating(*, ab_dienst: Organisatie, onderwijssoort: str) -> None:
    """Weiger ambulante begeleiding door de AB-dienst van een school voor een onderwijssoort
    die die school verbreed toelaat (004, 'Verbrede toelating'; regelkern
    ``ab_bij_verbrede_toelating``). Aangeroepen door rugzak.ambulante_begeleiding bij het
    aanvragen van RAB en TAB."""
    if not ab_dienst.brin:
        return
    verbreed = [
        ONDERWIJSSOORTEN[o]
        for o in VerbredeToelating.objects.filter(school__brin=ab_dienst.brin).values_list(
            "onderwijssoort", flat=True
        )
    ]
    if not verbreed or onderwijssoort not in ONDERWIJSSOORTEN:
        return
    _eis(
        ab_bij_verbrede_toelating(
            verbreed_toegelaten_onderwijssoorten=verbreed,
            ab_onderwijssoort=ONDERWIJSSOORTEN[onderwijssoort],
        ),
        "ab_dienst",
    )


# --- plaatsing op een (v)so-school ----------------------------------------------------------


def _geldige_indicatie(leerling: Leerling, dag: date) -> Indicatie | None:
    return (
        Indicatie.objects.filter(leerling=leerling)
        .geldig_op(dag)
        .order_by("-indicatiedatum", "-id")
        .first()
    )


def _eis_vestiging(vestiging: Vestiging | None, school: Organisatie) -> None:
    if vestiging is None:
        return
    if vestiging.school_id != school.pk:
        raise ValidationError({"vestiging": "kies een vestiging van deze school"})
    if vestiging.status != Vestigingstatus.IN_SPREIDINGSPLAN:
        raise ValidationError(
            {
                "vestiging": "deze nevenvestiging staat (nog) niet in het spreidingsplan van het "
                "REC; daar kunnen nog geen leerlingen geplaatst worden"
            }
        )


def _verbreed_voor(
    *, school: Organisatie, indicatie: Indicatie | None, niveau: str, residentieel: bool
) -> VerbredeToelating | None:
    """De verbrede toelating waaronder de leerling geplaatst wordt, of None (eigen
    onderwijssoort of zittend zonder indicatie); weigert met de regelkern."""
    if indicatie is None or school.schoolsoort not in (Schoolsoort.SO.value, Schoolsoort.VSO.value):
        return None
    eigen = _profiel(school)
    soort = indicatie.onderwijssoort_begrip
    if soort is eigen and not (
        school.schoolsoort == Schoolsoort.SO.value and niveau == Onderwijsniveau.VSO
    ):
        return None
    vt = VerbredeToelating.objects.filter(school=school, onderwijssoort=soort.value).first()
    _eis(
        verbrede_toelating(
            school_onderwijssoort=eigen,
            leerling_onderwijssoort=soort,
            school_is_so=school.schoolsoort == Schoolsoort.SO.value,
            leerling_is_vso=niveau == Onderwijsniveau.VSO,
            neemt_alle_mg_indicaties=bool(vt and vt.alle_mg_indicaties),
            residentiele_plaatsen=residentieel,
        ),
        "indicatie",
    )
    if vt is None:
        raise ValidationError(
            {
                "indicatie": f"de leerling is geïndiceerd voor {soort.omschrijving}; de school "
                f"verzorgt {eigen.omschrijving} en laat {soort.omschrijving} niet verbreed toe "
                "(leg eerst de verbrede toelating vast)"
            }
        )
    return vt


@transaction.atomic
def vso_plaatsing_vastleggen(
    *,
    door: Gebruiker,
    inschrijving: Inschrijving,
    vestiging: Vestiging | None = None,
    residentieel: bool = False,
    niveau: str | None = None,
) -> VsoPlaatsing:
    """Leg bij een inschrijving op een (v)so-school vast op welke vestiging de leerling zit,
    of hij een residentiële plaats heeft en (uit zijn indicatie) of hij verbreed is
    toegelaten (004, 'De leerlingtelling', 'Verbrede toelating', 'Residentiële plaatsen')."""
    school = _vso_school(inschrijving.school)
    grond = _school_beheer(door, school, "de plaatsing van deze leerling")
    leerling = inschrijving.leerling
    niveau = niveau or (
        Onderwijsniveau.SO if school.schoolsoort == Schoolsoort.SO.value else Onderwijsniveau.VSO
    )
    if niveau not in Onderwijsniveau.values:
        raise ValidationError({"niveau": f"kies {', '.join(Onderwijsniveau.values)}"})
    if VsoPlaatsing.objects.filter(inschrijving=inschrijving).exists():
        raise ValidationError(
            {"inschrijving": "de plaatsing bij deze inschrijving is al vastgelegd"}
        )
    _eis_vestiging(vestiging, school)
    indicatie = _geldige_indicatie(
        leerling, max(inschrijving.van, min(vandaag(), inschrijving.tot or vandaag()))
    )
    if indicatie is None:
        indicatie = (
            Indicatie.objects.filter(leerling=leerling, indicatiedatum__lte=vandaag())
            .order_by("-indicatiedatum", "-id")
            .first()
        )
    if residentieel:
        eigen = _profiel(school)
        if not ResidentieelVerzoek.objects.filter(
            school=school, status=Verzoekstatus.TOEGEKEND, onderwijssoort=eigen.value
        ).exists():
            raise ValidationError(
                {
                    "residentieel": "de school heeft geen toegekende residentiële plaatsen; "
                    "een leerling op een residentiële plaats vraagt een toegekend verzoek "
                    "(004, 'Residentiële plaatsen')"
                }
            )
    vt = _verbreed_voor(
        school=school, indicatie=indicatie, niveau=niveau, residentieel=residentieel
    )
    plaatsing = VsoPlaatsing.objects.create(
        inschrijving=inschrijving,
        vestiging=vestiging,
        residentieel=residentieel,
        indicatie=indicatie,
        niveau=niveau,
        verbrede_toelating=vt,
        vastgelegd_door=door,
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="vso_plaatsing",
        object_id=plaatsing.pk,
        leerling=leerling,
        reden="plaatsing vastgelegd"
        + (" (verbreed toegelaten)" if vt else "")
        + (" (residentiële plaats)" if residentieel else ""),
        velden=["vestiging", "residentieel", "indicatie", "niveau", "verbrede_toelating"],
    )
    return plaatsing


# --- scholengemeenschap -------------------------------------------------------------------


@transaction.atomic
def scholengemeenschap_vormen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    naam: str,
    schoolplan: str,
    scholen: list[Organisatie],
    gevormd_op: date,
) -> Scholengemeenschap:
    """Scholen van verschillende onderwijssoorten binnen één REC vormen een
    scholengemeenschap met één schoolplan; van verschillende clusters alleen in een
    clusteroverstijgend REC (004, 'Scholengemeenschap'; regelkern ``scholengemeenschap``)."""
    grond = _rec_beheer(door, rec, f"een scholengemeenschap in {rec}")
    fouten: Fouten = {}
    if not naam.strip():
        _fout(fouten, "naam", "geef de naam van de scholengemeenschap")
    if not schoolplan.strip():
        _fout(fouten, "schoolplan", "een scholengemeenschap heeft één schoolplan; noem het")
    soorten: list[Onderwijssoort] = []
    for school in scholen:
        if not rechten.is_vso_school(school) or school.rec_id != rec.pk:
            _fout(fouten, "scholen", f"{school} is geen (v)so-school van {rec}")
            continue
        profiel = VsoProfiel.objects.filter(school=school).first()
        if profiel is None:
            _fout(fouten, "scholen", f"van {school} is de onderwijssoort niet vastgelegd")
            continue
        if Gemeenschapslid.objects.filter(school=school).exists():
            _fout(fouten, "scholen", f"{school} hoort al bij een scholengemeenschap")
        soorten.append(ONDERWIJSSOORTEN[profiel.onderwijssoort])
    if fouten:
        raise ValidationError(fouten)
    _eis(
        scholengemeenschap(
            onderwijssoorten=soorten, rec_clusteroverstijgend=_clusteroverstijgend(rec)
        ),
        "scholen",
    )
    gemeenschap = Scholengemeenschap.objects.create(
        rec=rec,
        naam=naam.strip(),
        schoolplan=schoolplan.strip(),
        gevormd_op=gevormd_op,
        vastgelegd_door=door,
    )
    Gemeenschapslid.objects.bulk_create(
        [Gemeenschapslid(gemeenschap=gemeenschap, school=s) for s in scholen]
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="scholengemeenschap",
        object_id=gemeenschap.publiek_id,
        reden=f"scholengemeenschap gevormd: {', '.join(s.brin for s in scholen)}",
        velden=["naam", "schoolplan", "scholen"],
    )
    return gemeenschap


# --- PAB-formatie -------------------------------------------------------------------------


@transaction.atomic
def pab_formatie_vastleggen(
    *,
    door: Gebruiker,
    school: Organisatie,
    onderwijssoort: str,
    huidig_fre: object,
    genormeerd_fre: object,
) -> PabFormatieopgave:
    """Leg de huidige en de genormeerde PAB-formatie van een (v)so-school voor één
    onderwijssoort vast (004, PAB-overgang); de bedragen per jaar rekent de regelkern."""
    _vso_school(school)
    assert school.rec is not None
    grond = _rec_beheer(door, school.rec, f"de PAB-formatie van {school}")
    soort = _onderwijssoort(onderwijssoort)
    fouten: Fouten = {}
    huidig = _fre(huidig_fre, "huidig_fre", fouten)
    genormeerd = _fre(genormeerd_fre, "genormeerd_fre", fouten)
    if PabFormatieopgave.objects.filter(school=school, onderwijssoort=soort.value).exists():
        _fout(
            fouten,
            "onderwijssoort",
            "de PAB-formatie van deze school en onderwijssoort is al vastgelegd; wijzig die",
        )
    if fouten:
        raise ValidationError(fouten)
    assert huidig is not None and genormeerd is not None
    opgave = PabFormatieopgave.objects.create(
        school=school,
        onderwijssoort=soort.value,
        huidig_fre=huidig,
        genormeerd_fre=genormeerd,
        vastgelegd_door=door,
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="pab_formatie",
        object_id=opgave.pk,
        reden=f"PAB-formatie {school.brin} {soort.value} vastgelegd",
        velden=["huidig_fre", "genormeerd_fre"],
    )
    return opgave


@transaction.atomic
def pab_formatie_wijzigen(
    *,
    door: Gebruiker,
    opgave: PabFormatieopgave,
    versie: int,
    huidig_fre: object,
    genormeerd_fre: object,
) -> PabFormatieopgave:
    """Wijzig een PAB-formatieopgave, als niemand anders haar intussen wijzigde."""
    school = opgave.school
    assert school.rec is not None
    grond = _rec_beheer(door, school.rec, f"de PAB-formatie van {school}")
    fouten: Fouten = {}
    huidig = _fre(huidig_fre, "huidig_fre", fouten)
    genormeerd = _fre(genormeerd_fre, "genormeerd_fre", fouten)
    if fouten:
        raise ValidationError(fouten)
    opgave = _vergrendel(opgave, versie, "PAB-formatieopgave")
    versie_bijwerken(
        opgave,
        verwachte_versie=versie,
        wijzigingen={"huidig_fre": huidig, "genormeerd_fre": genormeerd, "vastgelegd_door": door},
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="pab_formatie",
        object_id=opgave.pk,
        reden="PAB-formatie gewijzigd",
        velden=["huidig_fre", "genormeerd_fre"],
    )
    return opgave


# --- REC-telling voor de REC-bekostiging ----------------------------------------------------


@transaction.atomic
def rec_telling_vastleggen_uit_registratie(
    *, door: Gebruiker, rec: Organisatie, schooljaar: Schooljaar | str
) -> RecTelling:
    """Tel de leerlingen van het REC op de teldatum die de regeling voor dit schooljaar
    aanwijst (004, 'Rec-bekostiging': 1 oktober 2002) uit de geregistreerde gegevens, en leg
    de telling vast in rugzak.betalingen (waar de REC-bekostiging uit volgt)."""
    _rec_beheer(door, rec, f"de leerlingtelling van {rec}")
    sj = _schooljaar(schooljaar)
    teldatum = date.fromisoformat(str(standaard_regeling().zoek("rec.teldatum", sj.begin).waarde))
    uitkomst = tel_rec(rec, teldatum)
    return betalingen.rec_telling_vastleggen(
        door=door,
        rec=rec,
        schooljaar=sj,
        leerlingen=uitkomst.ingeschreven_totaal,
        ambulant_begeleid=uitkomst.begeleid_totaal,
    )


# --- zaak: vestiging ----------------------------------------------------------------------


def _vestiging_beheer(door: Gebruiker, school: Organisatie, wat: str) -> toegang.Toegangsgrond:
    """De school zelf (directie, IB) of het REC (secretaris CvI, coördinator AB)."""
    grond = rechten.schoolgrond(door, school, schrijven=True)
    if grond is None and school.rec is not None:
        grond = rechten.rec_grond(door, school.rec, schrijven=True)
    return toegang.vereis(
        grond,
        wat=wat,
        nodig="directie of intern begeleider van de school, of secretaris CvI of coördinator "
        "AB van het REC",
    )


def _vestiging_nieuw(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    school: Organisatie,
    status: str,
    toelichting: str,
    reden: str,
    **velden: Any,
) -> Vestiging:
    if Vestiging.objects.filter(school=school, naam=velden["naam"]).exists():
        raise ValidationError({"naam": "deze school heeft al een vestiging met deze naam"})
    vestiging = Vestiging.objects.create(school=school, status=status, **velden)
    _stap(
        Vestigingstap,
        "vestiging",
        vestiging,
        van="",
        naar=status,
        datum=vandaag(),
        door=door,
        grond=grond,
        toelichting=toelichting,
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="vestiging",
        object_id=vestiging.publiek_id,
        reden=reden,
        velden=sorted(velden),
    )
    return vestiging


def _tekst_verplicht(fouten: Fouten, **waarden: str) -> None:
    for veld, waarde in waarden.items():
        if not waarde.strip():
            _fout(fouten, veld, f"vul {veld} in")


@transaction.atomic
def hoofdvestiging_vastleggen(
    *, door: Gebruiker, school: Organisatie, naam: str, gemeente: str
) -> Vestiging:
    """Leg de hoofdvestiging van een (v)so-school vast (naam, gemeente)."""
    _vso_school(school)
    grond = _vestiging_beheer(door, school, f"de hoofdvestiging van {school}")
    fouten: Fouten = {}
    _tekst_verplicht(fouten, naam=naam, gemeente=gemeente)
    if Vestiging.objects.filter(school=school, hoofdvestiging=True).exists():
        _fout(fouten, "hoofdvestiging", "deze school heeft al een hoofdvestiging")
    if fouten:
        raise ValidationError(fouten)
    return _vestiging_nieuw(
        door=door,
        grond=grond,
        school=school,
        status=Vestigingstatus.IN_SPREIDINGSPLAN,
        toelichting="hoofdvestiging",
        reden="hoofdvestiging vastgelegd",
        naam=naam.strip(),
        gemeente=gemeente.strip(),
        hoofdvestiging=True,
    )


@transaction.atomic
def nevenvestiging_voorstellen(
    *,
    door: Gebruiker,
    school: Organisatie,
    naam: str,
    gemeente: str,
    omzetting_zmlk_afdeling: bool = False,
    toelichting: str = "",
) -> Vestiging:
    """De school stelt een nevenvestiging voor; in het spreidingsplan komt zij pas met
    instemming van scholen, aanpalende REC's en gemeente (004, 'Nevenvestigingen')."""
    _vso_school(school)
    grond = _vestiging_beheer(door, school, f"een nevenvestiging van {school}")
    fouten: Fouten = {}
    _tekst_verplicht(fouten, naam=naam, gemeente=gemeente)
    if not Vestiging.objects.filter(school=school, hoofdvestiging=True).exists():
        _fout(fouten, "school", "leg eerst de hoofdvestiging van de school vast")
    if fouten:
        raise ValidationError(fouten)
    return _vestiging_nieuw(
        door=door,
        grond=grond,
        school=school,
        status=Vestigingstatus.VOORGESTELD,
        toelichting=toelichting or "nevenvestiging voorgesteld",
        reden="nevenvestiging voorgesteld",
        naam=naam.strip(),
        gemeente=gemeente.strip(),
        hoofdvestiging=False,
        omzetting_zmlk_afdeling=omzetting_zmlk_afdeling,
    )


#: partij -> veld van de instemming en omschrijving (004, 'Nevenvestigingen').
INSTEMMENDE_PARTIJEN: dict[str, tuple[str, str]] = {
    "scholen_rec": ("instemming_scholen_rec_op", "de scholen binnen het REC"),
    "aanpalende_recs": ("instemming_aanpalende_recs_op", "de aanpalende REC's"),
    "gemeente": ("instemming_gemeente_op", "de gemeente van de nevenvestiging"),
}


def _rec_van(vestiging: Vestiging, door: Gebruiker, wat: str) -> toegang.Toegangsgrond:
    rec = vestiging.school.rec
    assert rec is not None
    return _rec_beheer(door, rec, wat)


@transaction.atomic
def vestiging_instemming_vastleggen(
    *, door: Gebruiker, vestiging: Vestiging, versie: int, partij: str, op: date | None = None
) -> Vestiging:
    """Het REC legt de instemming van één partij met de nevenvestiging vast."""
    grond = _rec_van(vestiging, door, "de instemming met deze nevenvestiging")
    dag = _dag(op)
    if partij not in INSTEMMENDE_PARTIJEN:
        raise ValidationError({"partij": f"kies {', '.join(INSTEMMENDE_PARTIJEN)}"})
    vestiging = _vergrendel(vestiging, versie, "vestiging")
    if vestiging.status != Vestigingstatus.VOORGESTELD:
        raise ValidationError(
            {
                "status": f"de vestiging is '{vestiging.get_status_display()}'; instemming "
                "vastleggen kan alleen bij een voorgestelde nevenvestiging"
            }
        )
    veld, wie = INSTEMMENDE_PARTIJEN[partij]
    versie_bijwerken(vestiging, verwachte_versie=versie, wijzigingen={veld: dag})
    _stap(
        Vestigingstap,
        "vestiging",
        vestiging,
        van=vestiging.status,
        naar=vestiging.status,
        datum=dag,
        door=door,
        grond=grond,
        toelichting=f"instemming van {wie}",
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        objecttype="vestiging",
        object_id=vestiging.publiek_id,
        reden=f"instemming van {wie} vastgelegd",
        velden=[veld],
    )
    return vestiging


@transaction.atomic
def vestiging_opnemen(
    *, door: Gebruiker, vestiging: Vestiging, versie: int, op: date | None = None
) -> Vestiging:
    """Neem de nevenvestiging op in het spreidingsplan van het REC: alleen met de
    instemming van de scholen van het REC, de aanpalende REC's en de gemeente, of als
    omzetting van een zmlk-afdeling (004, 'Nevenvestigingen'; regelkern ``nevenvestiging``)."""
    grond = _rec_van(vestiging, door, "deze nevenvestiging in het spreidingsplan opnemen")
    dag = _dag(op)
    vestiging = _vergrendel(vestiging, versie, "vestiging")
    _eis_overgang(
        vestiging.status,
        Vestigingstatus.IN_SPREIDINGSPLAN,
        VESTIGING_TRANSITIES,
        Vestigingstatus,
        "de vestiging",
    )
    beslissing = nevenvestiging(
        instemming_scholen_rec=vestiging.instemming_scholen_rec_op is not None,
        instemming_aanpalende_recs=vestiging.instemming_aanpalende_recs_op is not None,
        instemming_gemeente=vestiging.instemming_gemeente_op is not None,
        omzetting_zmlk_afdeling=vestiging.omzetting_zmlk_afdeling,
    )
    if not beslissing.toegestaan:
        velden = {
            "instemming van de scholen binnen het REC ontbreekt": "instemming_scholen_rec_op",
            "instemming van de aanpalende REC's ontbreekt": "instemming_aanpalende_recs_op",
            "instemming van de gemeente van de nevenvestiging ontbreekt": "instemming_gemeente_op",
        }
        fouten: Fouten = {}
        for reden in beslissing.redenen:
            _fout(fouten, velden.get(reden, "status"), f"{reden} (004, 'Nevenvestigingen')")
        raise ValidationError(fouten)
    return _overgang(
        vestiging, stapmodel=Vestigingstap, veld="vestiging", objecttype="vestiging",
        versie=versie,
        wijzigingen={"status": Vestigingstatus.IN_SPREIDINGSPLAN, "opgenomen_op": dag},
        door=door, grond=grond, datum=dag, toelichting="opgenomen in het spreidingsplan",
        reden="nevenvestiging opgenomen in het spreidingsplan",
    )  # fmt: skip


@transaction.atomic
def vestiging_intrekken(
    *, door: Gebruiker, vestiging: Vestiging, versie: int, reden: str
) -> Vestiging:
    """De school of het REC trekt een voorgestelde nevenvestiging in."""
    grond = _vestiging_beheer(door, vestiging.school, "deze nevenvestiging intrekken")
    if not reden.strip():
        raise ValidationError({"reden": "noem de reden van het intrekken"})
    vestiging = _vergrendel(vestiging, versie, "vestiging")
    _eis_overgang(
        vestiging.status,
        Vestigingstatus.INGETROKKEN,
        VESTIGING_TRANSITIES,
        Vestigingstatus,
        "de vestiging",
    )
    return _overgang(
        vestiging, stapmodel=Vestigingstap, veld="vestiging", objecttype="vestiging",
        versie=versie, wijzigingen={"status": Vestigingstatus.INGETROKKEN},
        door=door, grond=grond, datum=vandaag(), toelichting=reden,
        reden="nevenvestiging ingetrokken",
    )  # fmt: skip


# --- zaak: verzoek om residentiële plaatsen -------------------------------------------------

#: De onderdelen van een verzoek die de school invult (004, 'Residentiële plaatsen').
VERZOEK_ONDERDELEN = frozenset(
    {
        "plaatsen",
        "leerlingen_uit_instelling",
        "gemiddelde_verblijfsduur_maanden",
        "plaatsen_instelling",
        "naam_instelling",
        "adres_instelling",
        "aard_opvang",
        "afschrift_samenwerkingsafspraken",
    }
)


def _onderdelen(onderdelen: Mapping[str, Any]) -> dict[str, Any]:
    onbekend = sorted(set(onderdelen) - VERZOEK_ONDERDELEN)
    if onbekend:
        raise ValidationError(
            {
                v: f"geen onderdeel van het verzoek; wel: {', '.join(sorted(VERZOEK_ONDERDELEN))}"
                for v in onbekend
            }
        )
    waarden = dict(onderdelen)
    fouten: Fouten = {}
    per_jaar = waarden.get("leerlingen_uit_instelling")
    if per_jaar is not None:
        schoon: dict[str, int] = {}
        for sleutel, aantal in dict(per_jaar).items():
            try:
                sj = Schooljaar.van_tekst(str(sleutel))
            except OngeldigeInvoer:
                _fout(
                    fouten,
                    "leerlingen_uit_instelling",
                    f"{sleutel!r} is geen schooljaar, bv. 2006-2007",
                )
                continue
            if isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 0:
                _fout(
                    fouten,
                    f"leerlingen_uit_instelling[{sj}]",
                    "een aantal is een geheel getal, 0 of meer",
                )
                continue
            schoon[str(sj)] = aantal
        waarden["leerlingen_uit_instelling"] = schoon
    duur = waarden.get("gemiddelde_verblijfsduur_maanden")
    if duur is not None:
        waarden["gemiddelde_verblijfsduur_maanden"] = _fre(
            duur, "gemiddelde_verblijfsduur_maanden", fouten
        )
    for veld in ("naam_instelling", "adres_instelling", "aard_opvang"):
        if veld in waarden:
            waarden[veld] = str(waarden[veld] or "").strip()
    if fouten:
        raise ValidationError(fouten)
    return waarden


def _verzoek_school(
    door: Gebruiker, verzoek: ResidentieelVerzoek, wat: str
) -> toegang.Toegangsgrond:
    return _school_beheer(door, verzoek.school, wat)


@transaction.atomic
def residentieel_verzoek_aanmaken(
    *,
    door: Gebruiker,
    school: Organisatie,
    schooljaar: Schooljaar | str,
    onderwijssoort: str,
    **onderdelen: Any,
) -> ResidentieelVerzoek:
    """Begin een verzoek om residentiële plaatsen (in voorbereiding; onvolledig mag nog)."""
    _vso_school(school)
    grond = _school_beheer(door, school, f"een verzoek om residentiële plaatsen van {school}")
    sj = _schooljaar(schooljaar)
    soort = _onderwijssoort(onderwijssoort)
    waarden = _onderdelen(onderdelen)
    verzoek = ResidentieelVerzoek.objects.create(
        school=school,
        schooljaar=str(sj),
        onderwijssoort=soort.value,
        aangemaakt_door=door,
        **waarden,
    )
    _stap(
        Verzoekstap,
        "verzoek",
        verzoek,
        van="",
        naar=verzoek.status,
        datum=vandaag(),
        door=door,
        grond=grond,
        toelichting="verzoek in voorbereiding",
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="residentieel_verzoek",
        object_id=verzoek.publiek_id,
        reden=f"verzoek residentiële plaatsen {sj} aangemaakt",
        velden=sorted(waarden),
    )
    return verzoek


@transaction.atomic
def residentieel_verzoek_wijzigen(
    *, door: Gebruiker, verzoek: ResidentieelVerzoek, versie: int, **onderdelen: Any
) -> ResidentieelVerzoek:
    """Vul onderdelen van een verzoek in voorbereiding aan of wijzig ze."""
    grond = _verzoek_school(door, verzoek, "dit verzoek wijzigen")
    waarden = _onderdelen(onderdelen)
    verzoek = _vergrendel(verzoek, versie, "verzoek om residentiële plaatsen")
    if verzoek.status != Verzoekstatus.CONCEPT:
        raise ValidationError(
            {
                "status": f"het verzoek is '{verzoek.get_status_display()}'; alleen een verzoek in "
                "voorbereiding kan gewijzigd worden"
            }
        )
    if waarden:
        versie_bijwerken(verzoek, verwachte_versie=versie, wijzigingen=waarden)
        _audit(
            door=door,
            grond=grond,
            actie=Actie.WIJZIGEN,
            objecttype="residentieel_verzoek",
            object_id=verzoek.publiek_id,
            reden="verzoek aangevuld",
            velden=sorted(waarden),
        )
    return verzoek


def _kernverzoek(verzoek: ResidentieelVerzoek) -> VerzoekResidentielePlaatsen:
    school = verzoek.school
    eigen = _profiel(school)
    return VerzoekResidentielePlaatsen(
        school=school.brin,
        schooljaar=Schooljaar.van_tekst(verzoek.schooljaar),
        onderwijssoort_school=eigen,
        onderwijssoort=ONDERWIJSSOORTEN[verzoek.onderwijssoort],
        plaatsen=verzoek.plaatsen,
        leerlingen_uit_instelling=tuple(
            (Schooljaar.van_tekst(sj), int(n))
            for sj, n in sorted(verzoek.leerlingen_uit_instelling.items())
        ),
        gemiddelde_verblijfsduur_maanden=verzoek.gemiddelde_verblijfsduur_maanden,
        plaatsen_instelling=verzoek.plaatsen_instelling,
        naam_instelling=verzoek.naam_instelling or None,
        adres_instelling=verzoek.adres_instelling or None,
        aard_opvang=verzoek.aard_opvang or None,
        afschrift_samenwerkingsafspraken=verzoek.afschrift_samenwerkingsafspraken,
        verbrede_toelating=VerbredeToelating.objects.filter(school=school).exists(),
    )


@transaction.atomic
def residentieel_verzoek_indienen(
    *, door: Gebruiker, verzoek: ResidentieelVerzoek, versie: int, op: date | None = None
) -> ResidentieelVerzoek:
    """Dien het verzoek in. De regelkern weigert een verzoek voor een andere onderwijssoort
    dan die van de school, een verzoek samen met verbrede toelating, en een verzoek dat
    onderdelen mist; de fout noemt elk ontbrekend onderdeel (004, 'Residentiële plaatsen')."""
    grond = _verzoek_school(door, verzoek, "dit verzoek indienen")
    dag = _dag(op)
    verzoek = _vergrendel(verzoek, versie, "verzoek om residentiële plaatsen")
    _eis_overgang(
        verzoek.status, Verzoekstatus.INGEDIEND, VERZOEK_TRANSITIES, Verzoekstatus, "het verzoek"
    )
    try:
        beoordeel_verzoek_residentiele_plaatsen(_kernverzoek(verzoek))
    except NietToegestaan as e:
        raise ValidationError(
            {"onderwijssoort": [f"{e} ({e.bron})" if getattr(e, "bron", "") else str(e)]}
        ) from None
    except OnvolledigVerzoek as e:
        raise ValidationError(
            {
                veld: [f"ontbreekt: {omschrijving} (004, 'Residentiële plaatsen')"]
                for veld, omschrijving in e.ontbrekend
            }
        ) from None
    except OngeldigeInvoer as e:
        raise ValidationError({e.veld: [str(e)]}) from None
    return _overgang(
        verzoek, stapmodel=Verzoekstap, veld="verzoek", objecttype="residentieel_verzoek",
        versie=versie, wijzigingen={"status": Verzoekstatus.INGEDIEND, "ingediend_op": dag},
        door=door, grond=grond, datum=dag, toelichting="verzoek volledig ingediend",
        reden="verzoek ingediend",
    )  # fmt: skip


def _bekostiging(door: Gebruiker, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(
        rechten.bekostigingsgrond(door), wat=wat, nodig="de rol medewerker bekostiging"
    )


def _toets_verrekening(verzoek: ResidentieelVerzoek, plaatsen: int, fouten: Fouten) -> None:
    """In een schooljaar waarin 004 plaatsen met leerlingen verrekent (2003-2004), niet meer
    plaatsen toekennen dan de school op de teldatum leerlingen had: die verrekening weigert
    de regelkern (interpretatie I-63). In andere jaren kent de regeling geen verrekening."""
    from rugzak.rec.selectors import RESIDENTIEEL_TELDATUM

    sj = Schooljaar.van_tekst(verzoek.schooljaar)
    try:
        standaard_regeling().zoek("residentieel.verrekening", sj.begin)
    except OntbrekendeBron:
        return
    leerlingen = tel_school(verzoek.school, RESIDENTIEEL_TELDATUM).ingeschreven_totaal
    try:
        verreken_residentiele_plaatsen(
            standaard_regeling(), sj, leerlingen=leerlingen, plaatsen=plaatsen
        )
    except OngeldigeInvoer as e:
        _fout(fouten, "plaatsen", e.reden or str(e))


@transaction.atomic
def residentieel_verzoek_toekennen(
    *,
    door: Gebruiker,
    verzoek: ResidentieelVerzoek,
    versie: int,
    plaatsen: int,
    toegekend_tot: date,
    op: date | None = None,
    toelichting: str = "",
) -> ResidentieelVerzoek:
    """De bekostigingsinstantie kent plaatsen toe, met de duur van de toekenning (004; I-43)."""
    grond = _bekostiging(door, "een verzoek om residentiële plaatsen toekennen")
    dag = _dag(op)
    verzoek = _vergrendel(verzoek, versie, "verzoek om residentiële plaatsen")
    _eis_overgang(
        verzoek.status, Verzoekstatus.TOEGEKEND, VERZOEK_TRANSITIES, Verzoekstatus, "het verzoek"
    )
    fouten: Fouten = {}
    if isinstance(plaatsen, bool) or not isinstance(plaatsen, int) or plaatsen < 1:
        _fout(fouten, "plaatsen", "ken ten minste één plaats toe")
    elif verzoek.plaatsen is not None and plaatsen > verzoek.plaatsen:
        _fout(
            fouten,
            "plaatsen",
            f"er zijn {verzoek.plaatsen} plaatsen gevraagd; meer toekennen kan niet",
        )
    else:
        _toets_verrekening(verzoek, plaatsen, fouten)
    if toegekend_tot < Schooljaar.van_tekst(verzoek.schooljaar).begin:
        _fout(
            fouten,
            "toegekend_tot",
            "de toekenning loopt ten minste tot in het schooljaar van het verzoek",
        )
    if fouten:
        raise ValidationError(fouten)
    return _overgang(
        verzoek, stapmodel=Verzoekstap, veld="verzoek", objecttype="residentieel_verzoek",
        versie=versie,
        wijzigingen={
            "status": Verzoekstatus.TOEGEKEND,
            "besloten_op": dag,
            "plaatsen_toegekend": plaatsen,
            "toegekend_tot": toegekend_tot,
            "besluit_toelichting": toelichting.strip(),
        },
        door=door, grond=grond, datum=dag,
        toelichting=f"{plaatsen} plaatsen toegekend t/m {lange_datum(toegekend_tot)}",
        reden=f"{plaatsen} plaatsen toegekend",
        velden=["status", "besloten_op", "plaatsen_toegekend", "toegekend_tot"],
    )  # fmt: skip


@transaction.atomic
def residentieel_verzoek_afwijzen(
    *,
    door: Gebruiker,
    verzoek: ResidentieelVerzoek,
    versie: int,
    reden: str,
    op: date | None = None,
) -> ResidentieelVerzoek:
    """De bekostigingsinstantie wijst een ingediend verzoek af, met een reden."""
    grond = _bekostiging(door, "een verzoek om residentiële plaatsen afwijzen")
    dag = _dag(op)
    if not reden.strip():
        raise ValidationError({"reden": "noem de reden van de afwijzing"})
    verzoek = _vergrendel(verzoek, versie, "verzoek om residentiële plaatsen")
    _eis_overgang(
        verzoek.status, Verzoekstatus.AFGEWEZEN, VERZOEK_TRANSITIES, Verzoekstatus, "het verzoek"
    )
    return _overgang(
        verzoek, stapmodel=Verzoekstap, veld="verzoek", objecttype="residentieel_verzoek",
        versie=versie,
        wijzigingen={
            "status": Verzoekstatus.AFGEWEZEN,
            "besloten_op": dag,
            "besluit_toelichting": reden.strip(),
        },
        door=door, grond=grond, datum=dag, toelichting=reden, reden="verzoek afgewezen",
        velden=["status", "besloten_op"],
    )  # fmt: skip


@transaction.atomic
def residentieel_verzoek_intrekken(
    *, door: Gebruiker, verzoek: ResidentieelVerzoek, versie: int, reden: str
) -> ResidentieelVerzoek:
    """De school trekt haar verzoek in (in voorbereiding of ingediend)."""
    grond = _verzoek_school(door, verzoek, "dit verzoek intrekken")
    if not reden.strip():
        raise ValidationError({"reden": "noem de reden van het intrekken"})
    verzoek = _vergrendel(verzoek, versie, "verzoek om residentiële plaatsen")
    _eis_overgang(
        verzoek.status, Verzoekstatus.INGETROKKEN, VERZOEK_TRANSITIES, Verzoekstatus, "het verzoek"
    )
    return _overgang(
        verzoek, stapmodel=Verzoekstap, veld="verzoek", objecttype="residentieel_verzoek",
        versie=versie, wijzigingen={"status": Verzoekstatus.INGETROKKEN},
        door=door, grond=grond, datum=vandaag(), toelichting=reden, reden="verzoek ingetrokken",
    )  # fmt: skip


# --- zaak: aanmelding bij een (v)so-school ----------------------------------------------------


def _ouder_of_school(
    door: Gebruiker, leerling: Leerling, school: Organisatie
) -> toegang.Toegangsgrond:
    for rol in toegang.actieve_rollen(door):
        if (
            rol.rol == Roltype.OUDER
            and OuderRelatie.objects.filter(ouder=door, leerling=leerling).exists()
        ):
            return toegang.Toegangsgrond.van_rol(rol)
    grond = rechten.schoolgrond(door, school, schrijven=True)
    if grond is not None and toegang.leesgrond(door, leerling) is not None:
        return grond
    raise GeenToegang(
        "deze leerling aanmelden bij deze school",
        nodig="ouder van de leerling, of directie of intern begeleider van de school die de "
        "leerling al kent",
    )


def _aanmelding_school(
    door: Gebruiker, aanmelding: VsoAanmelding, wat: str
) -> toegang.Toegangsgrond:
    return _school_beheer(door, aanmelding.school, wat)


def _aanmelding_overgang(
    *,
    aanmelding: VsoAanmelding,
    versie: int,
    naar: str,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    datum: date,
    toelichting: str,
    wijzigingen: dict[str, Any],
    reden: str,
) -> VsoAanmelding:
    return _overgang(
        aanmelding, stapmodel=Aanmeldingstap, veld="aanmelding", objecttype="vso_aanmelding",
        versie=versie, wijzigingen={"status": naar, **wijzigingen},
        door=door, grond=grond, datum=datum, toelichting=toelichting, reden=reden,
        leerling=aanmelding.leerling,
    )  # fmt: skip


@transaction.atomic
def vso_aanmelding_registreren(
    *,
    door: Gebruiker,
    leerling: Leerling,
    school: Organisatie,
    gewenste_startdatum: date,
    op: date | None = None,
    toelichting: str = "",
) -> VsoAanmelding:
    """Meld een leerling aan bij een (v)so-school (de ouders, of de school zelf voor een
    leerling die zij al kent). De indicatie is de indicatie die op de gewenste startdatum
    geldt, of de laatste."""
    _vso_school(school)
    grond = _ouder_of_school(door, leerling, school)
    dag = _dag(op)
    if gewenste_startdatum < dag:
        raise ValidationError(
            {"gewenste_startdatum": "de gewenste startdatum ligt vóór de aanmelding"}
        )
    if VsoAanmelding.objects.filter(
        leerling=leerling, school=school, status=Aanmeldingstatus.AANGEMELD
    ).exists():
        raise ValidationError({"leerling": "deze leerling is al aangemeld bij deze school"})
    indicatie = _geldige_indicatie(leerling, gewenste_startdatum) or (
        Indicatie.objects.filter(leerling=leerling).order_by("-indicatiedatum", "-id").first()
    )
    aanmelding = VsoAanmelding.objects.create(
        leerling=leerling,
        school=school,
        indicatie=indicatie,
        aangemeld_op=dag,
        gewenste_startdatum=gewenste_startdatum,
        toelichting=toelichting.strip(),
        aangemeld_door=door,
    )
    _stap(
        Aanmeldingstap,
        "aanmelding",
        aanmelding,
        van="",
        naar=aanmelding.status,
        datum=dag,
        door=door,
        grond=grond,
        toelichting=toelichting or "aangemeld",
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="vso_aanmelding",
        object_id=aanmelding.publiek_id,
        leerling=leerling,
        reden=f"aangemeld bij {school.brin} per {lange_datum(gewenste_startdatum)}",
        velden=["school", "gewenste_startdatum", "indicatie"],
    )
    return aanmelding


@transaction.atomic
def vso_aanmelding_instemming_inspectie(
    *, door: Gebruiker, aanmelding: VsoAanmelding, versie: int, op: date | None = None
) -> VsoAanmelding:
    """De school legt vast dat de inspectie instemt met de toelating (004: nodig voor een
    kind jonger dan 4)."""
    grond = _aanmelding_school(door, aanmelding, "de instemming van de inspectie vastleggen")
    dag = _dag(op)
    aanmelding = _vergrendel(aanmelding, versie, "aanmelding")
    if aanmelding.status != Aanmeldingstatus.AANGEMELD:
        raise ValidationError({"status": "de instemming kan alleen bij een open aanmelding"})
    return _aanmelding_overgang(
        aanmelding=aanmelding,
        versie=versie,
        naar=aanmelding.status,
        door=door,
        grond=grond,
        datum=dag,
        toelichting="instemming van de inspectie",
        wijzigingen={"instemming_inspectie_op": dag},
        reden="instemming van de inspectie vastgelegd",
    )


def _eigen_of_verbreed(school: Organisatie) -> set[str]:
    eigen = _profiel(school)
    return {
        eigen.value,
        *VerbredeToelating.objects.filter(school=school).values_list("onderwijssoort", flat=True),
    }


@transaction.atomic
def vso_aanmelding_toelaten(
    *,
    door: Gebruiker,
    aanmelding: VsoAanmelding,
    versie: int,
    op: date | None = None,
    toelichting: str = "",
) -> VsoAanmelding:
    """De school laat de leerling toe. Een kind dat op de startdatum jonger is dan 4 alleen
    met een indicatie en de instemming van de inspectie (004, 'Toelating'; regelkern
    ``toelating_jonger_dan_4``); de indicatie moet gelden op de startdatum en passen bij de
    onderwijssoort van de school of een onderwijssoort die zij verbreed toelaat."""
    grond = _aanmelding_school(door, aanmelding, "deze leerling toelaten")
    dag = _dag(op)
    aanmelding = _vergrendel(aanmelding, versie, "aanmelding")
    _eis_overgang(
        aanmelding.status,
        Aanmeldingstatus.TOEGELATEN,
        AANMELDING_TRANSITIES,
        Aanmeldingstatus,
        "de aanmelding",
    )
    start = aanmelding.gewenste_startdatum
    indicatie = aanmelding.indicatie
    geldig = indicatie is not None and indicatie.geldig_op(start)
    if leeftijd_op(aanmelding.leerling.geboortedatum, start) < 4:
        beslissing = toelating_jonger_dan_4(
            heeft_indicatie=geldig,
            instemming_inspectie=aanmelding.instemming_inspectie_op is not None,
        )
        if not beslissing.toegestaan:
            fouten: Fouten = {}
            for r in beslissing.redenen:
                veld = "instemming_inspectie_op" if "inspectie" in r else "indicatie"
                _fout(fouten, veld, f"{r} (004, 'Toelating')")
            raise ValidationError(fouten)
    if not geldig or indicatie is None:
        raise ValidationError(
            {
                "indicatie": f"de leerling heeft op {lange_datum(start)} geen geldige indicatie; "
                "toelating tot het (v)so vraagt een indicatie van de CvI (004, 'Toelating'; I-42)"
            }
        )
    if indicatie.onderwijssoort not in _eigen_of_verbreed(aanmelding.school):
        raise ValidationError(
            {
                "indicatie": "de leerling is geïndiceerd voor "
                f"{indicatie.get_onderwijssoort_display()}; die onderwijssoort verzorgt de school "
                "niet en laat zij niet verbreed toe"
            }
        )
    return _aanmelding_overgang(
        aanmelding=aanmelding,
        versie=versie,
        naar=Aanmeldingstatus.TOEGELATEN,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=toelichting or "toegelaten",
        wijzigingen={"besloten_op": dag},
        reden="leerling toegelaten",
    )


@transaction.atomic
def vso_aanmelding_weigeren(
    *,
    door: Gebruiker,
    aanmelding: VsoAanmelding,
    versie: int,
    grond: str,
    toelichting: str = "",
    op: date | None = None,
) -> VsoAanmelding:
    """De school weigert de leerling, met een grond. Een leerling met een indicatie voor
    de onderwijssoort van de school mag niet geweigerd worden omdat hij 'niet past'
    (004, 'Toelating'; regelkern ``weigering_eigen_onderwijssoort``)."""
    rolgrond = _aanmelding_school(door, aanmelding, "deze leerling weigeren")
    dag = _dag(op)
    if grond not in Weigeringsgrond.values:
        raise ValidationError({"grond": f"kies een grond: {', '.join(Weigeringsgrond.values)}"})
    if grond == Weigeringsgrond.ANDERS and not toelichting.strip():
        raise ValidationError({"toelichting": "licht de andere grond toe"})
    aanmelding = _vergrendel(aanmelding, versie, "aanmelding")
    _eis_overgang(
        aanmelding.status,
        Aanmeldingstatus.GEWEIGERD,
        AANMELDING_TRANSITIES,
        Aanmeldingstatus,
        "de aanmelding",
    )
    eigen = _profiel(aanmelding.school)
    if aanmelding.indicatie is not None:
        _eis(
            weigering_eigen_onderwijssoort(
                school_onderwijssoort=eigen,
                leerling_onderwijssoort=aanmelding.indicatie.onderwijssoort_begrip,
                grond=grond,
            ),
            "grond",
        )
    return _aanmelding_overgang(
        aanmelding=aanmelding,
        versie=versie,
        naar=Aanmeldingstatus.GEWEIGERD,
        door=door,
        grond=rolgrond,
        datum=dag,
        toelichting=toelichting or Weigeringsgrond(grond).label,
        wijzigingen={"besloten_op": dag, "weigeringsgrond": grond},
        reden=f"leerling geweigerd ({grond})",
    )


@transaction.atomic
def vso_aanmelding_intrekken(
    *, door: Gebruiker, aanmelding: VsoAanmelding, versie: int, reden: str
) -> VsoAanmelding:
    """De ouders (of de school) trekken de aanmelding in."""
    grond = _ouder_of_school(door, aanmelding.leerling, aanmelding.school)
    if not reden.strip():
        raise ValidationError({"reden": "noem de reden van het intrekken"})
    aanmelding = _vergrendel(aanmelding, versie, "aanmelding")
    _eis_overgang(
        aanmelding.status,
        Aanmeldingstatus.INGETROKKEN,
        AANMELDING_TRANSITIES,
        Aanmeldingstatus,
        "de aanmelding",
    )
    return _aanmelding_overgang(
        aanmelding=aanmelding,
        versie=versie,
        naar=Aanmeldingstatus.INGETROKKEN,
        door=door,
        grond=grond,
        datum=vandaag(),
        toelichting=reden,
        wijzigingen={},
        reden="aanmelding ingetrokken",
    )
