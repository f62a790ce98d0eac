"""Schrijven: begeleidingszaken (RAB, TAB, PAB) en hun overgangen.

Elke service controleert eerst de toegang, vergrendelt dan de zaak en vergelijkt de
versie (:class:`GelijktijdigeWijziging` als die verouderd is), toetst de toestandsmachine
(:data:`~rugzak.ambulante_begeleiding.models.TRANSITIES`) en de regels van de regelkern
(:mod:`rugzak.regeling.regels.ambulante_begeleiding`), en schrijft pas daarna: de zaak, een
historieregel en een auditregel. Een geweigerde handeling schrijft niets.

Wie mag wat:

- **aanvragen** (RAB, TAB, PAB): de directie of intern begeleider van de reguliere school
  waar de leerling staat ingeschreven (003: PAB vraagt de reguliere school aan; voor RAB en
  TAB is de school het aanspreekpunt van de AB-dienst).
  Zo ook TAB voor een zittende leerling zonder indicatie (I-55).
- **toewijzen, starten, afwijzen**: de coördinator AB van de gekozen dienst.
- **beëindigen**: de coördinator AB, of de directie of intern begeleider van de school.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak import toegang
from rugzak.ambulante_begeleiding.models import (
    LOPENDE_STATUSSEN,
    TRANSITIES,
    Begeleiding,
    Begeleidingsoort,
    Begeleidingstap,
    Begeleidingstatus,
)
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.regeling.begrippen import Cluster, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.ambulante_begeleiding import (
    PAB_ADVISEURS,
    pab_toegestaan,
    rab_verzorger,
    tab_recht,
    tab_recht_zittend,
)

CLUSTERS: dict[str, Cluster] = {c.value: c for c in Cluster}
SCHOOLSOORTEN: dict[str, Schoolsoort] = {s.value: s for s in Schoolsoort}


# --- hulpfuncties -------------------------------------------------------------------------


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


def _niet_voor(op: date, grens: date | None, veld: str, wat: str) -> None:
    if grens is not None and op < grens:
        raise ValidationError(
            {
                veld: f"{lange_datum(op)} ligt vóór {wat} ({lange_datum(grens)}); "
                "kies een latere datum"
            }
        )


def _audit(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    actie: Actie,
    begeleiding: Begeleiding,
    reden: str,
    velden: list[str] | tuple[str, ...] = (),
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=actie,
        objecttype="begeleiding",
        object_id=begeleiding.publiek_id,
        leerling_publiek_id=begeleiding.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
        velden=velden,
    )


def _schoolgrond(door: Gebruiker, leerling: Leerling) -> tuple[toegang.Toegangsgrond, Organisatie]:
    """De reguliere school namens welke ``door`` aanvraagt (directie of intern begeleider)."""
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="ambulante begeleiding aanvragen voor deze leerling",
        nodig="de rol directie of intern begeleider bij de school van de leerling",
    )
    school = Organisatie.objects.get(pk=grond.organisatie_id or 0)
    return grond, school


def _eis_regulier(school: Organisatie) -> Schoolsoort:
    soort = SCHOOLSOORTEN[school.schoolsoort]
    if not soort.is_regulier:
        raise ValidationError(
            {
                "school": f"{school} is een school voor {soort.omschrijving}; ambulante "
                "begeleiding is voor leerlingen in het regulier onderwijs (003)"
            }
        )
    return soort


def _eis_ab_dienst(ab_dienst: Organisatie) -> Cluster:
    if ab_dienst.soort != Organisatiesoort.AB_DIENST or ab_dienst.rec is None:
        raise ValidationError({"ab_dienst": "kies een dienst ambulante begeleiding van een REC"})
    return CLUSTERS[ab_dienst.rec.cluster]


def _eis_geen_lopende(leerling: Leerling, soort: str) -> None:
    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    lopend = Begeleiding.objects.filter(
        leerling=leerling, soort=soort, status__in=LOPENDE_STATUSSEN
    ).first()
    if lopend is not None:
        raise ValidationError(
            {
                "leerling": f"voor deze leerling loopt al een {lopend.get_soort_display()} "
                f"({lopend.publiek_id}, {lopend.get_status_display()}); beëindig die eerst"
            }
        )


def _eis_geen_ab_bij_verbrede_toelating(ab_dienst: Organisatie, onderwijssoort: str) -> None:
    """Geen AB door de school van de dienst voor een onderwijssoort die zij verbreed
    toelaat (004, 'Verbrede toelating'; de toets staat in rugzak.rec)."""
    from rugzak.rec.services import eis_geen_ab_bij_verbrede_toelating

    eis_geen_ab_bij_verbrede_toelating(ab_dienst=ab_dienst, onderwijssoort=onderwijssoort)


def _maak(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    dag: date,
    toelichting: str,
    reden: str,
    **velden: Any,
) -> Begeleiding:
    begeleiding = Begeleiding.objects.create(
        aangevraagd_op=dag,
        aangevraagd_door=door,
        status=Begeleidingstatus.AANGEVRAAGD,
        **velden,
    )
    Begeleidingstap.objects.create(
        begeleiding=begeleiding,
        van_status="",
        naar_status=Begeleidingstatus.AANGEVRAAGD,
        datum=dag,
        door=door,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        toelichting=toelichting.strip(),
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        begeleiding=begeleiding,
        reden=reden,
        velden=sorted(velden),
    )
    return begeleiding


def _geldige_indicatie(leerling: Leerling, dag: date) -> Indicatie | None:
    return (
        Indicatie.objects.filter(leerling=leerling)
        .geldig_op(dag)
        .order_by("-indicatiedatum", "-id")
        .first()
    )


# --- aanvragen ----------------------------------------------------------------------------


@transaction.atomic
def begeleiding_aanvragen_rab(
    *,
    door: Gebruiker,
    leerling: Leerling,
    ab_dienst: Organisatie,
    op: date | None = None,
    toelichting: str = "",
) -> Begeleiding:
    """Vraag rugzak-AB aan bij ``ab_dienst``. Vereist een geldige indicatie; de dienst mag
    van een ander REC zijn, van het cluster van de indicatie of, voor doof+zml, doof+blind
    en sh+zml, van cluster 2 (regelkern: ``rab_verzorger``, I-29)."""
    grond, school = _schoolgrond(door, leerling)
    dag = _dag(op)
    _eis_regulier(school)
    verzorger = _eis_ab_dienst(ab_dienst)
    indicatie = _geldige_indicatie(leerling, dag)
    if indicatie is None:
        raise ValidationError(
            {
                "indicatie": f"de leerling heeft op {lange_datum(dag)} geen geldige indicatie; RAB "
                "hoort bij de rugzak (003). Zonder indicatie kan PAB, op advies van de "
                "CvI-secretaris of de AB-coördinator"
            }
        )
    rab_verzorger(onderwijssoort=indicatie.onderwijssoort_begrip, verzorger_cluster=verzorger).eis()
    _eis_geen_ab_bij_verbrede_toelating(ab_dienst, indicatie.onderwijssoort)
    _eis_geen_lopende(leerling, Begeleidingsoort.RAB)
    return _maak(
        door=door,
        grond=grond,
        dag=dag,
        toelichting=toelichting,
        reden=f"RAB aangevraagd bij {ab_dienst.naam} (indicatie {indicatie.cvi_nummer})",
        soort=Begeleidingsoort.RAB,
        leerling=leerling,
        ab_dienst=ab_dienst,
        school=school,
        indicatie=indicatie,
        tot=indicatie.einddatum,
    )


def _tab_inschrijving(
    leerling: Leerling, school: Organisatie, ab_dienst: Organisatie, vso_school: Organisatie
) -> Inschrijving:
    """Toets de dienst en de (v)so-school van een TAB-aanvraag en geef de inschrijving op de
    reguliere school: haar begin is de terugplaatsing (003, TAB)."""
    _eis_ab_dienst(ab_dienst)
    if vso_school.soort != Organisatiesoort.SCHOOL or vso_school.schoolsoort not in (
        Schoolsoort.SO.value,
        Schoolsoort.VSO.value,
    ):
        raise ValidationError({"vso_school": "kies de school voor (v)so die de leerling verliet"})
    if vso_school.rec_id is None or vso_school.rec_id != ab_dienst.rec_id:
        raise ValidationError(
            {
                "ab_dienst": "TAB verzorgt de (v)so-school die de leerling verliet "
                f"({vso_school}), via de AB-dienst van haar REC; kies die dienst "
                "(003, 'Terugplaatsings-AB')"
            }
        )
    inschrijving = (
        Inschrijving.objects.filter(leerling=leerling, school=school).order_by("-van").first()
    )
    assert inschrijving is not None  # wijziggrond eist een inschrijving op deze school
    return inschrijving


@transaction.atomic
def begeleiding_aanvragen_tab(
    *,
    door: Gebruiker,
    leerling: Leerling,
    ab_dienst: Organisatie,
    vso_school: Organisatie,
    vso_sinds: date,
    op: date | None = None,
    toelichting: str = "",
) -> Begeleiding:
    """Vraag terugplaatsingsbegeleiding aan: één jaar na verlies van de indicatie in het
    (v)so. Recht en periode komen uit de regelkern (``tab_recht``); de begeleiding komt van
    de (v)so-school die de leerling verliet, via de AB-dienst van haar REC (003, TAB)."""
    grond, school = _schoolgrond(door, leerling)
    dag = _dag(op)
    inschrijving = _tab_inschrijving(leerling, school, ab_dienst, vso_school)
    indicaties = list(Indicatie.objects.filter(leerling=leerling).order_by("indicatiedatum", "id"))
    if not indicaties:
        raise ValidationError(
            {
                "indicatie": "er is geen indicatie van deze leerling bekend; TAB volgt op een "
                "indicatie die in het (v)so verloren ging"
            }
        )
    afgelopen = [
        i for i in indicaties if i.einddatum is not None and i.einddatum < inschrijving.van
    ]
    verloren = afgelopen[-1] if afgelopen else indicaties[-1]
    if verloren.einddatum is None:
        raise ValidationError(
            {
                "indicatie": f"indicatie {verloren.cvi_nummer} geldt de hele onderwijsloopbaan; "
                "zij kan niet verloren gaan"
            }
        )
    herindicatie = verloren.herindicaties.exists() or any(
        i.indicatiedatum > verloren.indicatiedatum for i in indicaties
    )
    recht = tab_recht(
        standaard_regeling(),
        ingeschreven_vso_sinds=vso_sinds,
        indicatie_einde=verloren.einddatum,
        herindicatie=herindicatie,
        terugplaatsing_op=inschrijving.van,
        nieuwe_schoolsoort=SCHOOLSOORTEN[school.schoolsoort],
    )
    _eis_geen_ab_bij_verbrede_toelating(ab_dienst, verloren.onderwijssoort)
    _eis_geen_lopende(leerling, Begeleidingsoort.TAB)
    return _maak(
        door=door,
        grond=grond,
        dag=dag,
        toelichting=toelichting,
        reden=f"TAB aangevraagd bij {ab_dienst.naam}, {recht.periode}",
        soort=Begeleidingsoort.TAB,
        leerling=leerling,
        ab_dienst=ab_dienst,
        school=school,
        indicatie=verloren,
        vso_school=vso_school,
        vso_sinds=vso_sinds,
        terugplaatsing_op=inschrijving.van,
        nieuwe_schoolsoort=school.schoolsoort,
        van=recht.periode.van,
        tot=recht.periode.tot,
    )


@transaction.atomic
def begeleiding_aanvragen_tab_zittend(
    *,
    door: Gebruiker,
    leerling: Leerling,
    ab_dienst: Organisatie,
    vso_school: Organisatie,
    vso_sinds: date,
    zittend_bewijs: str,
    op: date | None = None,
    toelichting: str = "",
) -> Begeleiding:
    """Vraag TAB aan voor een zittende leerling: op 31 juli 2003 al op de (v)so-school,
    zonder indicatie van een CvI, en zonder rugzak teruggeplaatst naar het regulier
    onderwijs (004 'Terugplaatsingsbegeleiding'; interpretatie I-55).

    In plaats van de verloren indicatie legt de reguliere school het bewijs van die
    inschrijving vast (``zittend_bewijs``). Recht en periode (één jaar vanaf de
    terugplaatsing, het begin van de inschrijving op de reguliere school) komen uit de
    regelkern (``tab_recht_zittend``); de begeleiding komt, net als bij de gewone TAB, van
    de (v)so-school die de leerling verliet, via de AB-dienst van haar REC (003)."""
    grond, school = _schoolgrond(door, leerling)
    dag = _dag(op)
    inschrijving = _tab_inschrijving(leerling, school, ab_dienst, vso_school)
    terug = inschrijving.van
    geldig = _geldige_indicatie(leerling, terug)
    if geldig is None:
        eerdere = Indicatie.objects.filter(leerling=leerling).order_by("-indicatiedatum").first()
        if eerdere is not None:
            raise ValidationError(
                {
                    "zittend": f"deze leerling heeft indicatie {eerdere.cvi_nummer} van de CvI "
                    "gehad en is dus niet meer zittend zonder indicatie: vraag de gewone TAB "
                    "aan, na het aflopen van die indicatie (004; I-55)"
                }
            )
    beslissing = tab_recht_zittend(
        ingeschreven_vso_sinds=vso_sinds,
        terugplaatsing_op=terug,
        nieuwe_schoolsoort=SCHOOLSOORTEN[school.schoolsoort],
        heeft_geldige_indicatie=geldig is not None,
        bewijs=zittend_bewijs,
    )
    if not beslissing.toegestaan:
        fouten: dict[str, list[str]] = {}
        for veld, reden in beslissing.redenen:
            fouten.setdefault(veld, []).append(reden)
        raise ValidationError(fouten)
    recht = beslissing.eis()
    _eis_geen_lopende(leerling, Begeleidingsoort.TAB)
    return _maak(
        door=door,
        grond=grond,
        dag=dag,
        toelichting=toelichting,
        reden=f"TAB (zittende leerling, I-55) aangevraagd bij {ab_dienst.naam}, {recht.periode}; "
        f"bewijs: {zittend_bewijs.strip()}",
        soort=Begeleidingsoort.TAB,
        leerling=leerling,
        ab_dienst=ab_dienst,
        school=school,
        vso_school=vso_school,
        vso_sinds=vso_sinds,
        terugplaatsing_op=terug,
        nieuwe_schoolsoort=school.schoolsoort,
        zittend=True,
        zittend_bewijs=zittend_bewijs.strip(),
        van=recht.periode.van,
        tot=recht.periode.tot,
    )


def _adviseursrol(adviseur: Gebruiker, ab_dienst: Organisatie, dag: date) -> tuple[str, int | None]:
    """De rol waarin ``adviseur`` op ``dag`` PAB adviseert: bij voorkeur een adviseursrol
    (CvI-secretaris, AB-coördinator) binnen het REC van de dienst."""
    rollen = toegang.actieve_rollen(adviseur, peildatum=dag)
    elders = None
    for rol in rollen:
        if rol.rol in PAB_ADVISEURS and rol.organisatie is not None:
            if rol.organisatie.rec_id == ab_dienst.rec_id:
                return rol.rol, rol.organisatie_id
            elders = rol
    if elders is not None:
        raise ValidationError(
            {
                "adviseur": f"de adviseur is {elders.get_rol_display()} bij {elders.organisatie}, "
                f"een ander REC dan dat van {ab_dienst.naam}; PAB-advies komt uit het eigen REC"
            }
        )
    # Geen adviseursrol: de regelkern weigert met de reden.
    return (rollen[0].rol if rollen else "geen rol"), None


@transaction.atomic
def begeleiding_aanvragen_pab(
    *,
    door: Gebruiker,
    leerling: Leerling,
    ab_dienst: Organisatie,
    adviseur: Gebruiker,
    advies_op: date | None = None,
    op: date | None = None,
    toelichting: str = "",
) -> Begeleiding:
    """Vraag preventieve AB aan, op advies van ``adviseur`` (CvI-secretaris of AB-coördinator;
    regelkern: ``pab_toegestaan``). Voor een leerling zonder geldige indicatie."""
    grond, school = _schoolgrond(door, leerling)
    dag = _dag(op)
    advies = _dag(advies_op, "advies_op") if advies_op is not None else dag
    if advies > dag:
        raise ValidationError({"advies_op": "het advies gaat aan de aanvraag vooraf"})
    _eis_ab_dienst(ab_dienst)
    rol, organisatie_id = _adviseursrol(adviseur, ab_dienst, advies)
    pab_toegestaan(
        adviseur_rol=rol,
        heeft_geldige_indicatie=_geldige_indicatie(leerling, dag) is not None,
        aanvragende_schoolsoort=SCHOOLSOORTEN[school.schoolsoort],
    ).eis()
    _eis_geen_lopende(leerling, Begeleidingsoort.PAB)
    return _maak(
        door=door,
        grond=grond,
        dag=dag,
        toelichting=toelichting,
        reden=f"PAB aangevraagd bij {ab_dienst.naam} op advies van "
        f"{Roltype(rol).label} (gebruiker {adviseur.pk})",
        soort=Begeleidingsoort.PAB,
        leerling=leerling,
        ab_dienst=ab_dienst,
        school=school,
        adviseur=adviseur,
        adviseur_rol=rol,
        adviseur_organisatie_id=organisatie_id,
        advies_op=advies,
    )


# --- overgangen ---------------------------------------------------------------------------


def _coordinator(door: Gebruiker, begeleiding: Begeleiding, wat: str) -> toegang.Toegangsgrond:
    for rol in toegang.actieve_rollen(door):
        if rol.rol == Roltype.AB_COORDINATOR and rol.organisatie_id == begeleiding.ab_dienst_id:
            return toegang.Toegangsgrond.van_rol(rol)
    raise GeenToegang(wat, nodig="de rol coördinator AB bij de dienst van deze begeleiding")


def _vergrendel(begeleiding: Begeleiding, versie: int) -> Begeleiding:
    actueel = Begeleiding.objects.select_for_update().get(pk=begeleiding.pk)
    if actueel.versie != versie:
        raise GelijktijdigeWijziging(
            objecttype="begeleiding",
            object_id=actueel.publiek_id,
            verwachte_versie=versie,
            huidige_versie=actueel.versie,
        )
    return actueel


def _eis_overgang(begeleiding: Begeleiding, naar: str) -> None:
    toegestaan = TRANSITIES[begeleiding.status]
    if naar not in toegestaan:
        huidig = Begeleidingstatus(begeleiding.status).label
        verder = ", ".join(sorted(Begeleidingstatus(s).label for s in toegestaan)) or "niets meer"
        raise ValidationError(
            {
                "status": f"de begeleiding is '{huidig}'; naar '{Begeleidingstatus(naar).label}' "
                f"kan niet. Vanuit deze toestand kan: {verder}"
            }
        )


def _eis_begeleider(begeleider: Gebruiker, begeleiding: Begeleiding, dag: date) -> None:
    for rol in toegang.actieve_rollen(begeleider, peildatum=dag):
        if (
            rol.rol == Roltype.AMBULANT_BEGELEIDER
            and rol.organisatie_id == begeleiding.ab_dienst_id
        ):
            return
    raise ValidationError(
        {"begeleider": "kies een ambulant begeleider van de dienst van deze begeleiding"}
    )


def _schrijf(
    *,
    begeleiding: Begeleiding,
    naar: str,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    datum: date,
    toelichting: str,
    wijzigingen: Mapping[str, Any],
    reden: str,
) -> Begeleiding:
    van = begeleiding.status
    velden = {"status": naar, **wijzigingen}
    versie_bijwerken(begeleiding, verwachte_versie=begeleiding.versie, wijzigingen=velden)
    Begeleidingstap.objects.create(
        begeleiding=begeleiding,
        van_status=van,
        naar_status=naar,
        datum=datum,
        door=door,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        toelichting=toelichting,
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.WIJZIGEN,
        begeleiding=begeleiding,
        reden=reden,
        velden=sorted(velden),
    )
    return begeleiding


@transaction.atomic
def begeleiding_toewijzen(
    *, door: Gebruiker, begeleiding: Begeleiding, versie: int, begeleider: Gebruiker
) -> Begeleiding:
    """De coördinator wijst een ambulant begeleider van de dienst toe (of een ander)."""
    grond = _coordinator(door, begeleiding, "een begeleider toewijzen aan deze begeleiding")
    dag = vandaag()
    begeleiding = _vergrendel(begeleiding, versie)
    if begeleiding.status not in LOPENDE_STATUSSEN:
        raise ValidationError(
            {
                "status": f"de begeleiding is '{begeleiding.get_status_display()}'; toewijzen kan "
                "alleen bij een aangevraagde of lopende begeleiding"
            }
        )
    _eis_begeleider(begeleider, begeleiding, dag)
    return _schrijf(
        begeleiding=begeleiding,
        naar=begeleiding.status,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=f"toegewezen aan {begeleider.weergavenaam}",
        wijzigingen={"toegewezen": begeleider},
        reden=f"ambulant begeleider toegewezen (gebruiker {begeleider.pk})",
    )


@transaction.atomic
def begeleiding_starten(
    *,
    door: Gebruiker,
    begeleiding: Begeleiding,
    versie: int,
    op: date | None = None,
    begeleider: Gebruiker | None = None,
    toelichting: str = "",
) -> Begeleiding:
    """De coördinator neemt de aanvraag aan: de begeleiding loopt vanaf ``op`` (bij TAB
    blijft de periode die uit de regelkern komt)."""
    grond = _coordinator(door, begeleiding, "deze begeleiding starten")
    dag = _dag(op)
    begeleiding = _vergrendel(begeleiding, versie)
    _eis_overgang(begeleiding, Begeleidingstatus.LOPEND)
    _niet_voor(dag, begeleiding.aangevraagd_op, "op", "de aanvraag")
    wijzigingen: dict[str, Any] = {}
    if begeleiding.soort == Begeleidingsoort.RAB:
        indicatie = begeleiding.indicatie
        if indicatie is None or not indicatie.geldig_op(dag):
            raise ValidationError(
                {
                    "indicatie": f"de indicatie geldt op {lange_datum(dag)} niet (meer); RAB "
                    "kan niet starten zonder geldige indicatie"
                }
            )
        wijzigingen["van"] = dag
    elif begeleiding.soort == Begeleidingsoort.TAB:
        assert begeleiding.tot is not None
        if dag > begeleiding.tot:
            raise ValidationError(
                {
                    "op": f"het jaar terugplaatsingsbegeleiding liep tot en met "
                    f"{lange_datum(begeleiding.tot)}; starten kan niet meer"
                }
            )
    else:
        wijzigingen["van"] = dag
    if begeleider is not None:
        _eis_begeleider(begeleider, begeleiding, dag)
        wijzigingen["toegewezen"] = begeleider
    return _schrijf(
        begeleiding=begeleiding,
        naar=Begeleidingstatus.LOPEND,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=toelichting.strip(),
        wijzigingen=wijzigingen,
        reden=f"begeleiding gestart per {lange_datum(dag)}",
    )


@transaction.atomic
def begeleiding_afwijzen(
    *,
    door: Gebruiker,
    begeleiding: Begeleiding,
    versie: int,
    reden: str,
    op: date | None = None,
) -> Begeleiding:
    """De coördinator wijst de aanvraag af, met een reden."""
    grond = _coordinator(door, begeleiding, "deze aanvraag afwijzen")
    dag = _dag(op)
    begeleiding = _vergrendel(begeleiding, versie)
    _eis_overgang(begeleiding, Begeleidingstatus.AFGEWEZEN)
    _niet_voor(dag, begeleiding.aangevraagd_op, "op", "de aanvraag")
    if not reden.strip():
        raise ValidationError({"reden": "noem de reden van de afwijzing"})
    return _schrijf(
        begeleiding=begeleiding,
        naar=Begeleidingstatus.AFGEWEZEN,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=reden.strip(),
        wijzigingen={"afgewezen_op": dag, "reden": reden.strip()},
        reden="aanvraag ambulante begeleiding afgewezen",
    )


@transaction.atomic
def begeleiding_beeindigen(
    *,
    door: Gebruiker,
    begeleiding: Begeleiding,
    versie: int,
    reden: str,
    op: date | None = None,
) -> Begeleiding:
    """Beëindig een lopende begeleiding (coördinator, of directie/IB van de school)."""
    try:
        grond = _coordinator(door, begeleiding, "deze begeleiding beëindigen")
    except GeenToegang:
        schoolgrond = toegang.wijziggrond(door, begeleiding.leerling)
        if schoolgrond is None or schoolgrond.organisatie_id != begeleiding.school_id:
            raise GeenToegang(
                "deze begeleiding beëindigen",
                nodig="coördinator AB van de dienst, of directie of intern begeleider van de "
                "school die haar aanvroeg",
            ) from None
        grond = schoolgrond
    dag = _dag(op)
    begeleiding = _vergrendel(begeleiding, versie)
    _eis_overgang(begeleiding, Begeleidingstatus.BEEINDIGD)
    _niet_voor(dag, begeleiding.van or begeleiding.aangevraagd_op, "op", "het begin")
    if not reden.strip():
        raise ValidationError({"reden": "noem de reden van de beëindiging"})
    return _schrijf(
        begeleiding=begeleiding,
        naar=Begeleidingstatus.BEEINDIGD,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=reden.strip(),
        wijzigingen={"beeindigd_op": dag, "reden": reden.strip()},
        reden=f"begeleiding beëindigd per {lange_datum(dag)}",
    )
