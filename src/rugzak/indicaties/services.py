"""Schrijven: de indicatieaanvraag en haar overgangen, en de indicatie bij een positief besluit.

Elke service controleert eerst de toegang (wie mag dit), vergrendelt dan de zaak en
vergelijkt de versie die de gebruiker las (:class:`GelijktijdigeWijziging` als die
verouderd is), toetst de toestandsmachine (:data:`~rugzak.indicaties.models.TRANSITIES`)
en de voorwaarden, en schrijft pas daarna: de zaak (met ``versie_bijwerken``), een
historieregel en een auditregel. Een geweigerde handeling schrijft dus niets.

Wie mag wat (de bronnen zwijgen over de rollen binnen de CvI; interpretaties I-60, I-61):

- **indienen**: een ouder van de leerling; de directie of intern begeleider van de school
  van de leerling alleen bij een CvI van cluster 4 (I-60, een keuze zonder bron). De regio
  van de CvI toetst rugzak niet, de secretaris wel (I-32).
- **stukken toevoegen**: een ouder, de directie of intern begeleider van de school van de
  leerling, of de secretaris van de CvI (die het dossier samen met de ouders compleet maakt).
- **volledig verklaren, verlengen, beslissen**: alleen de secretaris van de CvI van de
  aanvraag. CvI-leden lezen mee maar beslissen niet via rugzak: de secretaris legt het
  besluit van de commissie vast (I-61).
- **adviseren**: een lid van de CvI van de aanvraag, één keer per aanvraag, zolang de
  beslistermijn loopt (I-150); de secretaris ziet de adviezen en legt het besluit vast.
- **intrekken**: een ouder; bij een aanvraag van de school ook de directie of intern
  begeleider van die school.

De beslistermijn komt uit :func:`rugzak.regeling.regels.termijnen.cvi_beslissing`, de
geldigheid van de indicatie uit :func:`rugzak.regeling.regels.indicatie.indicatie_geldigheid`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.fouten import GeenToegang, GelijktijdigeWijziging
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.versie import versie_bijwerken
from rugzak.indicaties.models import (
    OPEN_STATUSSEN,
    TERMIJN_STATUSSEN,
    TRANSITIES,
    Aanvraagstap,
    Aanvraagstatus,
    Aanvragersoort,
    Adviesoordeel,
    Commissieadvies,
    Dossierstuk,
    Indicatie,
    Indicatieaanvraag,
    Stuksoort,
)
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.regeling.begrippen import Cluster, Onderwijssoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.regels.termijnen import cvi_beslissing

ONDERWIJSSOORTEN: dict[str, Onderwijssoort] = {o.value: o for o in Onderwijssoort}
CLUSTERS: dict[str, Cluster] = {c.value: c for c in Cluster}
BRON_AANVRAGEN = "000, paragraaf 'Aanvragen van het rugzakje'"
BRON_RAPPORT = "004, paragraaf 'Onderwijskundig rapport'"


# --- hulpfuncties -------------------------------------------------------------------------


def _dag(op: date | None, veld: str = "op") -> date:
    """De zaakdatum: standaard vandaag, nooit in de toekomst."""
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


def _onderwijssoort(code: str, veld: str = "onderwijssoort") -> Onderwijssoort:
    soort = ONDERWIJSSOORTEN.get(code)
    if soort is None:
        codes = ", ".join(ONDERWIJSSOORTEN)
        raise ValidationError({veld: f"onbekende onderwijssoort {code!r}; kies uit: {codes}"})
    return soort


def cluster_van_cvi(cvi: Organisatie) -> Cluster:
    """Het cluster waarvoor deze CvI indiceert: dat van haar REC."""
    if cvi.soort != Organisatiesoort.CVI or cvi.rec is None:
        raise ValidationError({"cvi": "kies een commissie van indicatiestelling (CvI) van een REC"})
    return CLUSTERS[cvi.rec.cluster]


def _toets_onderwijssoort(soort: Onderwijssoort, cvi: Organisatie, dag: date, veld: str) -> None:
    """Cluster 1 kent geen CvI (de regelkern weigert, 004 'Cluster 1'); de onderwijssoort
    moet bij het cluster van het REC van de CvI horen (000: elk cluster zijn eigen REC)."""
    # De regelkern weigert cluster 1 met NietToegestaan; voor de andere clusters toetst
    # dit ook dat de regeling voor deze dag bekend is.
    indicatie_geldigheid(standaard_regeling(), onderwijssoort=soort, indicatiedatum=dag)
    cluster = cluster_van_cvi(cvi)
    if soort.cluster is not cluster:
        raise ValidationError(
            {
                veld: f"{soort.omschrijving} hoort bij {soort.cluster.omschrijving}; deze CvI "
                f"indiceert voor {cluster.omschrijving}. Dien de aanvraag in bij de CvI van een "
                f"REC van cluster {soort.cluster.value} ({BRON_AANVRAGEN})"
            }
        )


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


def _oudergrond(door: Gebruiker, leerling: Leerling, dag: date) -> toegang.Toegangsgrond | None:
    for rol in toegang.actieve_rollen(door, peildatum=dag):
        if rol.rol == Roltype.OUDER:
            if OuderRelatie.objects.filter(ouder=door, leerling=leerling).exists():
                return toegang.Toegangsgrond.van_rol(rol)
            return None
    return None


def _cvigrond(
    door: Gebruiker, aanvraag: Indicatieaanvraag, dag: date, rollen: frozenset[str]
) -> toegang.Toegangsgrond | None:
    for rol in toegang.actieve_rollen(door, peildatum=dag):
        if rol.rol in rollen and rol.organisatie_id == aanvraag.cvi_id:
            return toegang.Toegangsgrond.van_rol(rol)
    return None


def _secretaris(door: Gebruiker, aanvraag: Indicatieaanvraag, wat: str) -> toegang.Toegangsgrond:
    return toegang.vereis(
        _cvigrond(door, aanvraag, vandaag(), frozenset({Roltype.CVI_SECRETARIS})),
        wat=wat,
        nodig="de rol secretaris bij de CvI van deze aanvraag; leden lezen alleen mee, de "
        "secretaris legt het besluit van de commissie vast (interpretatie I-61)",
    )


def _vergrendel(aanvraag: Indicatieaanvraag, versie: int) -> Indicatieaanvraag:
    """Lees de zaak opnieuw met een rijvergrendeling; een verouderde versie schrijft niets."""
    actueel = Indicatieaanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if actueel.versie != versie:
        raise GelijktijdigeWijziging(
            objecttype="indicatieaanvraag",
            object_id=actueel.publiek_id,
            verwachte_versie=versie,
            huidige_versie=actueel.versie,
        )
    return actueel


def _eis_overgang(aanvraag: Indicatieaanvraag, naar: str) -> None:
    toegestaan = TRANSITIES[aanvraag.status]
    if naar not in toegestaan:
        huidig = Aanvraagstatus(aanvraag.status).label
        verder = ", ".join(sorted(Aanvraagstatus(s).label for s in toegestaan)) or "niets meer"
        raise ValidationError(
            {
                "status": f"de aanvraag is '{huidig}'; naar '{Aanvraagstatus(naar).label}' kan "
                f"niet. Vanuit deze toestand kan: {verder}"
            }
        )


def _overgang(
    *,
    aanvraag: Indicatieaanvraag,
    naar: str,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    datum: date,
    toelichting: str,
    wijzigingen: Mapping[str, Any],
    reden: str,
) -> Indicatieaanvraag:
    """Schrijf een toegestane overgang: zaak, historie en auditregel."""
    van = aanvraag.status
    velden = {"status": naar, **wijzigingen}
    versie_bijwerken(aanvraag, verwachte_versie=aanvraag.versie, wijzigingen=velden)
    Aanvraagstap.objects.create(
        aanvraag=aanvraag,
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
        objecttype="indicatieaanvraag",
        object_id=aanvraag.publiek_id,
        leerling=aanvraag.leerling,
        reden=reden,
        velden=sorted(velden),
    )
    return aanvraag


# --- indienen -----------------------------------------------------------------------------


@transaction.atomic
def aanvraag_indienen(
    *,
    door: Gebruiker,
    leerling: Leerling,
    cvi: Organisatie,
    onderwijssoort: str = "",
    vorige_cvi_nummer: str = "",
    op: date | None = None,
    toelichting: str = "",
) -> Indicatieaanvraag:
    """Dien een aanvraag om indicatiestelling in bij ``cvi`` (000, 'Aanvragen van het
    rugzakje'). Door een ouder; door de school (directie, intern begeleider) alleen bij
    cluster 4. ``vorige_cvi_nummer`` maakt er een herindicatie van. ``op`` is de datum van
    ontvangst (standaard vandaag)."""
    dag = _dag(op)
    if cvi.soort != Organisatiesoort.CVI:
        raise ValidationError({"cvi": "kies een commissie van indicatiestelling (CvI) van een REC"})
    cluster = cluster_van_cvi(cvi)
    grond = _oudergrond(door, leerling, vandaag())
    soort = Aanvragersoort.OUDERS
    school: Organisatie | None = None
    if grond is None:
        schoolgrond = toegang.wijziggrond(door, leerling)
        if schoolgrond is None:
            raise GeenToegang(
                "een indicatieaanvraag indienen voor deze leerling",
                nodig="ouder van de leerling, of directie of intern begeleider van haar of zijn "
                "school (alleen voor cluster 4, interpretatie I-60)",
            )
        if cluster is not Cluster.C4:
            raise GeenToegang(
                f"een indicatieaanvraag namens de school bij een CvI van {cluster.omschrijving}",
                nodig="een aanvraag van de ouders; alleen voor cluster 4 mag de school aanvragen "
                "(interpretatie I-60)",
            )
        grond, soort = schoolgrond, Aanvragersoort.SCHOOL
        school = Organisatie.objects.get(pk=schoolgrond.organisatie_id or 0)

    gevraagd = ""
    if onderwijssoort:
        soort_begrip = _onderwijssoort(onderwijssoort)
        _toets_onderwijssoort(soort_begrip, cvi, dag, "onderwijssoort")
        gevraagd = soort_begrip.value

    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    lopend = Indicatieaanvraag.objects.filter(leerling=leerling, status__in=OPEN_STATUSSEN).first()
    if lopend is not None:
        raise ValidationError(
            {
                "leerling": f"voor deze leerling loopt al een aanvraag ({lopend.publiek_id}, "
                f"{lopend.get_status_display()}); wacht het besluit af of trek die eerst in (I-34)"
            }
        )
    vorige: Indicatie | None = None
    if vorige_cvi_nummer.strip():
        vorige = Indicatie.objects.filter(
            cvi_nummer=vorige_cvi_nummer.strip(), leerling=leerling
        ).first()
        if vorige is None:
            raise ValidationError(
                {
                    "vorige_cvi_nummer": "deze leerling heeft geen indicatie met dit CvI-nummer; "
                    "geef het nummer van de vorige beschikking of laat het leeg"
                }
            )
        if vorige.herindicaties.exists():
            raise ValidationError(
                {
                    "vorige_cvi_nummer": f"indicatie {vorige.cvi_nummer} is al opnieuw "
                    "geïndiceerd; verwijs naar de nieuwste indicatie"
                }
            )
    aanvraag = Indicatieaanvraag.objects.create(
        leerling=leerling,
        cvi=cvi,
        aanvrager_soort=soort,
        aanvrager=door,
        aanvragende_school=school,
        onderwijssoort_gevraagd=gevraagd,
        vorige_indicatie=vorige,
        status=Aanvraagstatus.INGEDIEND,
        ingediend_op=dag,
    )
    Aanvraagstap.objects.create(
        aanvraag=aanvraag,
        van_status="",
        naar_status=Aanvraagstatus.INGEDIEND,
        datum=dag,
        door=door,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        toelichting=toelichting,
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="indicatieaanvraag",
        object_id=aanvraag.publiek_id,
        leerling=leerling,
        reden=(
            f"indicatieaanvraag ingediend bij {cvi.naam} door {Aanvragersoort(soort).label}"
            + (f", herindicatie van {vorige.cvi_nummer}" if vorige else "")
        ),
        velden=["cvi", "aanvrager_soort", "onderwijssoort_gevraagd", "vorige_indicatie"],
    )
    return aanvraag


# --- dossier ------------------------------------------------------------------------------


def _stukgrond(door: Gebruiker, aanvraag: Indicatieaanvraag) -> toegang.Toegangsgrond:
    dag = vandaag()
    grond = (
        _oudergrond(door, aanvraag.leerling, dag)
        or _cvigrond(door, aanvraag, dag, frozenset({Roltype.CVI_SECRETARIS}))
        or toegang.wijziggrond(door, aanvraag.leerling)
    )
    return toegang.vereis(
        grond,
        wat="stukken toevoegen aan deze indicatieaanvraag",
        nodig="ouder van de leerling, directie of intern begeleider van haar of zijn school, "
        "of secretaris van de CvI van de aanvraag",
    )


def _scholen_op(leerling: Leerling, dag: date) -> set[int]:
    """De scholen waar de leerling op ``dag`` ingeschreven stond."""
    return set(
        Inschrijving.objects.filter(leerling=leerling, van__lte=dag)
        .filter(Q(tot__isnull=True) | Q(tot__gte=dag))
        .values_list("school_id", flat=True)
    )


@transaction.atomic
def aanvraag_stuk_toevoegen(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    soort: str,
    ontvangen_op: date | None = None,
    opgesteld_door: Organisatie | None = None,
    omschrijving: str = "",
) -> Dossierstuk:
    """Leg vast dat een stuk in het dossier zit. Het onderwijskundig rapport stelt de
    school op die de leerling op de datum van de aanvraag bezoekt (004, 'Onderwijskundig
    rapport'); ``opgesteld_door`` is dan verplicht."""
    grond = _stukgrond(door, aanvraag)
    dag = _dag(ontvangen_op, "ontvangen_op")
    aanvraag = _vergrendel(aanvraag, versie)
    if aanvraag.status not in OPEN_STATUSSEN:
        raise ValidationError(
            {
                "status": f"de aanvraag is '{aanvraag.get_status_display()}'; stukken kunnen "
                "alleen bij een lopende aanvraag"
            }
        )
    if soort not in Stuksoort.values:
        raise ValidationError(
            {"soort": f"onbekende soort stuk {soort!r}; kies uit: {', '.join(Stuksoort.values)}"}
        )
    if soort == Stuksoort.ONDERWIJSKUNDIG_RAPPORT:
        if opgesteld_door is None:
            raise ValidationError(
                {
                    "opgesteld_door": "een onderwijskundig rapport wordt opgesteld door de school "
                    f"die de leerling bezoekt; noem die school ({BRON_RAPPORT})"
                }
            )
        if opgesteld_door.soort != Organisatiesoort.SCHOOL:
            raise ValidationError(
                {"opgesteld_door": "het onderwijskundig rapport komt van een school"}
            )
        scholen = _scholen_op(aanvraag.leerling, aanvraag.ingediend_op)
        # Staat de leerling op de aanvraagdatum nergens in rugzak ingeschreven (bv. een
        # inschrijving van vóór rugzak), dan toetst de CvI de herkomst zelf.
        if scholen and opgesteld_door.pk not in scholen:
            raise ValidationError(
                {
                    "opgesteld_door": "het onderwijskundig rapport komt van de school die de "
                    "leerling op de aanvraagdatum "
                    f"({lange_datum(aanvraag.ingediend_op)}) bezocht, niet van {opgesteld_door} "
                    f"({BRON_RAPPORT})"
                }
            )
    stuk = Dossierstuk(
        aanvraag=aanvraag,
        soort=soort,
        omschrijving=omschrijving.strip(),
        opgesteld_door=opgesteld_door,
        ontvangen_op=dag,
        toegevoegd_door=door,
    )
    stuk.full_clean(exclude=["aanvraag", "toegevoegd_door", "opgesteld_door"])
    versie_bijwerken(aanvraag, verwachte_versie=aanvraag.versie, wijzigingen={})
    stuk.save()
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="dossierstuk",
        object_id=stuk.pk,
        leerling=aanvraag.leerling,
        reden=f"{stuk.get_soort_display()} toegevoegd aan aanvraag {aanvraag.publiek_id}",
        velden=["soort", "ontvangen_op", "opgesteld_door", "omschrijving"],
    )
    return stuk


@transaction.atomic
def aanvraag_volledig_verklaren(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    op: date | None = None,
    toelichting: str = "",
) -> Indicatieaanvraag:
    """De secretaris verklaart het dossier volledig; vanaf die dag loopt de beslistermijn
    (000, 'Aanvragen van het rugzakje'). Zonder onderwijskundig rapport geweigerd (004).
    Of de ouders in de regio van het REC wonen, gaat de secretaris zelf na; rugzak toetst
    het niet (I-32)."""
    grond = _secretaris(door, aanvraag, "het dossier van deze aanvraag volledig verklaren")
    dag = _dag(op)
    aanvraag = _vergrendel(aanvraag, versie)
    _eis_overgang(aanvraag, Aanvraagstatus.DOSSIER_VOLLEDIG)
    _niet_voor(dag, aanvraag.ingediend_op, "op", "de datum van indiening")
    if not aanvraag.stukken.filter(soort=Stuksoort.ONDERWIJSKUNDIG_RAPPORT).exists():
        raise ValidationError(
            {
                "stukken": "het onderwijskundig rapport van de school die de leerling bezoekt "
                f"ontbreekt; voeg het eerst toe ({BRON_RAPPORT})"
            }
        )
    termijn = cvi_beslissing(standaard_regeling(), dag)
    return _overgang(
        aanvraag=aanvraag,
        naar=Aanvraagstatus.DOSSIER_VOLLEDIG,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=toelichting,
        wijzigingen={"volledig_op": dag, "uiterste_beslisdatum": termijn.uiterlijk},
        reden=f"dossier volledig per {lange_datum(dag)}; beslissen uiterlijk "
        f"{lange_datum(termijn.uiterlijk)}",
    )


def verlengen_bezwaar(aanvraag: Indicatieaanvraag, dag: date) -> str | None:
    """Waarom de beslistermijn nu niet (meer) verlengd kan worden, of None. Vraagt de
    regelkern of er nog een verlenging bij kan (dezelfde aanroep als
    :func:`aanvraag_verlengen`), zodat de webpagina geen formulier toont dat niet kan slagen."""
    from rugzak.regeling.fouten import NietToegestaan

    if Aanvraagstatus.VERLENGD not in TRANSITIES[aanvraag.status] or aanvraag.volledig_op is None:
        return "de beslistermijn loopt niet"
    if aanvraag.uiterste_beslisdatum is not None and dag > aanvraag.uiterste_beslisdatum:
        return "de beslistermijn is verstreken; verlengen kan niet meer"
    try:
        cvi_beslissing(
            standaard_regeling(), aanvraag.volledig_op, verlengingen=aanvraag.verlengingen + 1
        )
    except NietToegestaan as e:
        return str(e)
    return None


@transaction.atomic
def aanvraag_verlengen(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    toelichting: str,
    op: date | None = None,
) -> Indicatieaanvraag:
    """Verleng de beslistermijn. Hoe vaak dat mag en met hoeveel, zegt de regelkern
    (000: één keer, acht weken); een verlenging te veel weigert zij met NietToegestaan.
    rugzak eist een reden en een verlenging vóór het verstrijken van de lopende termijn."""
    grond = _secretaris(door, aanvraag, "de beslistermijn van deze aanvraag verlengen")
    dag = _dag(op)
    aanvraag = _vergrendel(aanvraag, versie)
    _eis_overgang(aanvraag, Aanvraagstatus.VERLENGD)
    if not toelichting.strip():
        raise ValidationError(
            {
                "toelichting": "noem de reden van de verlenging "
                "(000: verlengen 'als dat nodig is'; I-33)"
            }
        )
    assert aanvraag.volledig_op is not None and aanvraag.uiterste_beslisdatum is not None
    _niet_voor(dag, aanvraag.volledig_op, "op", "de datum waarop het dossier volledig was")
    if dag > aanvraag.uiterste_beslisdatum:
        raise ValidationError(
            {
                "op": f"de beslistermijn is op {lange_datum(aanvraag.uiterste_beslisdatum)} "
                "verstreken; een verstreken termijn kan niet meer verlengd worden"
            }
        )
    termijn = cvi_beslissing(
        standaard_regeling(), aanvraag.volledig_op, verlengingen=aanvraag.verlengingen + 1
    )
    return _overgang(
        aanvraag=aanvraag,
        naar=Aanvraagstatus.VERLENGD,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=toelichting.strip(),
        wijzigingen={
            "verlengingen": aanvraag.verlengingen + 1,
            "uiterste_beslisdatum": termijn.uiterlijk,
        },
        reden=f"beslistermijn verlengd tot {lange_datum(termijn.uiterlijk)}",
    )


# --- besluit ------------------------------------------------------------------------------


def _nieuw_cvi_nummer(cvi: Organisatie, dag: date) -> str:
    """Een uniek CvI-nummer: cluster, CvI, jaar en volgnummer, bv. ``C3-007-2012-00012``.
    De CvI-rij wordt vergrendeld, zodat twee besluiten tegelijk niet hetzelfde nummer krijgen."""
    Organisatie.objects.select_for_update().filter(pk=cvi.pk).first()
    voorvoegsel = f"C{cluster_van_cvi(cvi).value}-{cvi.pk:03d}-{dag.year}-"
    volgnummer = Indicatie.objects.filter(cvi_nummer__startswith=voorvoegsel).count() + 1
    while Indicatie.objects.filter(cvi_nummer=f"{voorvoegsel}{volgnummer:05d}").exists():
        volgnummer += 1
    return f"{voorvoegsel}{volgnummer:05d}"


@transaction.atomic
def aanvraag_beslissen_positief(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    onderwijssoort: str,
    syndroom_van_down: bool = False,
    op: date | None = None,
    toelichting: str = "",
) -> Indicatie:
    """Positief besluit: een indicatie met een nieuw CvI-nummer, de onderwijssoort en de
    geldigheid uit de regelkern; bij een herindicatie met een verwijzing naar de vorige."""
    grond = _secretaris(door, aanvraag, "over deze aanvraag beslissen")
    dag = _dag(op)
    aanvraag = _vergrendel(aanvraag, versie)
    _eis_overgang(aanvraag, Aanvraagstatus.POSITIEF)
    _niet_voor(dag, aanvraag.volledig_op, "op", "de datum waarop het dossier volledig was")
    soort = _onderwijssoort(onderwijssoort)
    _toets_onderwijssoort(soort, aanvraag.cvi, dag, "onderwijssoort")
    geldigheid = indicatie_geldigheid(
        standaard_regeling(),
        onderwijssoort=soort,
        indicatiedatum=dag,
        syndroom_van_down=syndroom_van_down,
    )
    vorige = aanvraag.vorige_indicatie
    if vorige is not None and vorige.herindicaties.exists():
        raise ValidationError(
            {
                "vorige_indicatie": f"indicatie {vorige.cvi_nummer} is intussen al opnieuw "
                "geïndiceerd; deze aanvraag kan geen tweede herindicatie geven"
            }
        )
    indicatie = Indicatie.objects.create(
        leerling=aanvraag.leerling,
        cvi=aanvraag.cvi,
        cvi_nummer=_nieuw_cvi_nummer(aanvraag.cvi, dag),
        indicatiedatum=dag,
        onderwijssoort=soort.value,
        syndroom_van_down=syndroom_van_down,
        einddatum=geldigheid.einddatum,
        herindicatie_op=geldigheid.herindicatie_op,
        vorige=vorige,
    )
    einde = lange_datum(geldigheid.einddatum) if geldigheid.einddatum else "de hele loopbaan"
    _overgang(
        aanvraag=aanvraag,
        naar=Aanvraagstatus.POSITIEF,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=toelichting.strip(),
        wijzigingen={
            "besloten_op": dag,
            "indicatie": indicatie,
            "besluit_toelichting": toelichting.strip(),
        },
        reden=f"positief besloten: {indicatie.cvi_nummer}, {soort.omschrijving}, geldig t/m "
        f"{einde}",
    )
    _audit(
        door=door,
        grond=grond,
        actie=Actie.AANMAKEN,
        objecttype="indicatie",
        object_id=indicatie.publiek_id,
        leerling=aanvraag.leerling,
        reden=f"indicatie {indicatie.cvi_nummer} afgegeven"
        + (f" (herindicatie van {vorige.cvi_nummer})" if vorige else ""),
        velden=["cvi_nummer", "onderwijssoort", "indicatiedatum", "einddatum", "vorige"],
    )
    return indicatie


@transaction.atomic
def aanvraag_beslissen_negatief(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    redenen: str,
    op: date | None = None,
) -> Indicatieaanvraag:
    """Negatief besluit, met de redenen (verplicht: de ouders moeten weten waarom)."""
    grond = _secretaris(door, aanvraag, "over deze aanvraag beslissen")
    dag = _dag(op)
    aanvraag = _vergrendel(aanvraag, versie)
    _eis_overgang(aanvraag, Aanvraagstatus.NEGATIEF)
    _niet_voor(dag, aanvraag.volledig_op, "op", "de datum waarop het dossier volledig was")
    if not redenen.strip():
        raise ValidationError(
            {"redenen": "een negatief besluit noemt de redenen (welke criteria niet vervuld zijn)"}
        )
    return _overgang(
        aanvraag=aanvraag,
        naar=Aanvraagstatus.NEGATIEF,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=redenen.strip(),
        wijzigingen={"besloten_op": dag, "besluit_toelichting": redenen.strip()},
        reden="negatief besloten",
    )


@transaction.atomic
def aanvraag_intrekken(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    toelichting: str = "",
    op: date | None = None,
) -> Indicatieaanvraag:
    """De aanvrager trekt de aanvraag in: een ouder, of bij een aanvraag van de school de
    directie of intern begeleider van die school."""
    grond = _oudergrond(door, aanvraag.leerling, vandaag())
    if grond is None and aanvraag.aanvrager_soort == Aanvragersoort.SCHOOL:
        schoolgrond = toegang.wijziggrond(door, aanvraag.leerling)
        if schoolgrond is not None and schoolgrond.organisatie_id == aanvraag.aanvragende_school_id:
            grond = schoolgrond
    grond = toegang.vereis(
        grond,
        wat="deze indicatieaanvraag intrekken",
        nodig="ouder van de leerling (of, bij een aanvraag van de school, directie of intern "
        "begeleider van die school)",
    )
    dag = _dag(op)
    aanvraag = _vergrendel(aanvraag, versie)
    _eis_overgang(aanvraag, Aanvraagstatus.INGETROKKEN)
    _niet_voor(dag, aanvraag.ingediend_op, "op", "de datum van indiening")
    return _overgang(
        aanvraag=aanvraag,
        naar=Aanvraagstatus.INGETROKKEN,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=toelichting.strip(),
        wijzigingen={"ingetrokken_op": dag},
        reden="aanvraag ingetrokken",
    )


# --- advies van een lid van de commissie --------------------------------------------------


def advies_bezwaar(aanvraag: Indicatieaanvraag, lid: Gebruiker) -> str | None:
    """Waarom ``lid`` nu geen advies kan geven, of None als het kan. Dezelfde voorwaarde
    toetst :func:`aanvraag_adviseren`; de webpagina toont het formulier alleen zonder
    bezwaar (I-150)."""
    if aanvraag.status not in TERMIJN_STATUSSEN:
        return (
            f"de aanvraag is '{Aanvraagstatus(aanvraag.status).label}'; adviseren kan zolang "
            "de beslistermijn loopt: nadat het dossier volledig is en vóór het besluit (I-150)"
        )
    eerder = Commissieadvies.objects.filter(aanvraag=aanvraag, lid=lid).first()
    if eerder is not None:
        return (
            f"u adviseerde al op {eerder.datum.isoformat()}; een advies wordt niet gewijzigd "
            "(I-150). Een nieuwe overweging kunt u de secretaris laten weten"
        )
    return None


@transaction.atomic
def aanvraag_adviseren(
    *,
    door: Gebruiker,
    aanvraag: Indicatieaanvraag,
    versie: int,
    oordeel: str,
    overwegingen: str,
    onderwijssoort: str = "",
    op: date | None = None,
) -> Commissieadvies:
    """Een lid van de CvI van de aanvraag legt zijn of haar advies vast: positief (met een
    onderwijssoort binnen het cluster van het REC, of zonder: dan bepaalt de commissie die)
    of negatief, met overwegingen (I-150). Het besluit blijft bij de secretaris (I-61); het
    advies hoogt de versie van de aanvraag op, zodat wie een besluit invult en het advies
    nog niet zag, eerst opnieuw leest."""
    dag = _dag(op)
    grond = toegang.vereis(
        _cvigrond(door, aanvraag, dag, frozenset({Roltype.CVI_LID})),
        wat="een advies geven over deze aanvraag",
        nodig="de rol lid bij de CvI van deze aanvraag (interpretatie I-150)",
    )
    aanvraag = _vergrendel(aanvraag, versie)
    bezwaar = advies_bezwaar(aanvraag, door)
    if bezwaar is not None:
        raise ValidationError({"status": bezwaar})
    if oordeel not in Adviesoordeel.values:
        raise ValidationError({"oordeel": f"kies een advies: {', '.join(Adviesoordeel.labels)}"})
    if not overwegingen.strip():
        raise ValidationError({"overwegingen": "noem de overwegingen bij uw advies"})
    assert aanvraag.volledig_op is not None
    _niet_voor(dag, aanvraag.volledig_op, "op", "de datum waarop het dossier volledig was")
    soort = ""
    if oordeel == Adviesoordeel.POSITIEF and onderwijssoort:
        begrip = _onderwijssoort(onderwijssoort)
        _toets_onderwijssoort(begrip, aanvraag.cvi, dag, "onderwijssoort")
        soort = begrip.value
    elif oordeel == Adviesoordeel.NEGATIEF and onderwijssoort:
        raise ValidationError(
            {"onderwijssoort": "een negatief advies noemt geen onderwijssoort; laat dit leeg"}
        )
    advies = Commissieadvies.objects.create(
        aanvraag=aanvraag,
        lid=door,
        oordeel=oordeel,
        onderwijssoort=soort,
        overwegingen=overwegingen.strip(),
        datum=dag,
    )
    _overgang(
        aanvraag=aanvraag,
        naar=aanvraag.status,
        door=door,
        grond=grond,
        datum=dag,
        toelichting=f"advies van een lid: {Adviesoordeel(oordeel).label}"
        + (f" ({ONDERWIJSSOORTEN[soort].omschrijving})" if soort else ""),
        wijzigingen={},
        reden=f"advies van een lid van de CvI: {oordeel}",
    )
    return advies
