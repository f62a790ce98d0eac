"""Het toegangsbeleid: wie welke leerlinggegevens mag zien en wijzigen. De enige plek.

Elke toegang volgt uit een :class:`~rugzak.organisaties.models.Rol` die op de peildatum
geldt. Per rol:

- **school** (directie, intern begeleider, teamlid): de leerlingen met een lopende of
  toekomstige inschrijving op die school. Directie en intern begeleider mogen ze ook
  wijzigen en nieuwe leerlingen inschrijven; alleen de directie mag verwijderen.
  Een beëindigde inschrijving geeft geen toegang meer. Daarnaast, via de zaken:
  :func:`_leerlingen_via_toelating` (een lopende of afgewezen toelatingszaak en een
  gastleerlingschap, I-38) en :func:`_leerlingen_via_vso_aanmelding` (een aanmelding bij
  een (v)so-school). De terugmelding na uitschrijving loopt via de melding van de school
  (``rugzak.meldingen.rechten``), niet via de leerling.
- **bestuur** (bestuurder): de leerlingen van de eigen scholen, ook via hun
  toelatingszaken (lezen; 002 fase 10b: het bestuur toetst een voorgenomen afwijzing).
- **CvI** (secretaris, lid): de leerlingen van aanvragen bij die CvI
  (:func:`_leerlingen_via_cvi`).
- **AB-dienst**: de coördinator de leerlingen van de lopende begeleidingen van de dienst,
  een ambulant begeleider alleen die van de zaken die aan hem zijn toegewezen
  (:func:`_leerlingen_via_ab_dienst`).
- **bekostigingsinstantie**: nooit naam of adres. De instantie kent leerlingen alleen op
  CvI-nummer (004: "De naam van de leerling is dan ook niet bekend bij Cfi"):
  :func:`bekostiging_pseudoniem_overzicht` en de meldingen zelf.
- **ouder**: alleen het eigen kind (via een ouderrelatie).

Welke zaak iemand binnen een zichtbare leerling mag lezen, beslist de selector van die
zaak (bv. het handelingsplan ook voor de AB-dienst die de leerling begeleidt, de
toelatingszaak niet).

Wie geen passende rol heeft, krijgt een lege queryset, niet een fout; wie een bepaalde
leerling opvraagt zonder grond, krijgt :class:`~rugzak.gedeeld.fouten.GeenToegang`.
Een superuser of staflid heeft géén extra toegang tot leerlinggegevens.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.verzoekcache import onthoud
from rugzak.leerlingen.models import Inschrijving, Leerling, OuderRelatie
from rugzak.organisaties.models import Gebruiker, Organisatie, Rol
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.organisaties.selectors import rollen_actief

SCHOOLROLLEN_LEZEN = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER, Roltype.TEAMLID})
SCHOOLROLLEN_WIJZIGEN = frozenset({Roltype.DIRECTIE, Roltype.INTERN_BEGELEIDER})
SCHOOLROLLEN_VERWIJDEREN = frozenset({Roltype.DIRECTIE})
CVI_ROLLEN = frozenset({Roltype.CVI_SECRETARIS, Roltype.CVI_LID})
AB_ROLLEN = frozenset({Roltype.AB_COORDINATOR, Roltype.AMBULANT_BEGELEIDER})

#: Volgorde waarin een toegangsgrond wordt gekozen als er meer rollen passen.
_VOORRANG = (
    Roltype.DIRECTIE,
    Roltype.INTERN_BEGELEIDER,
    Roltype.TEAMLID,
    Roltype.AB_COORDINATOR,
    Roltype.AMBULANT_BEGELEIDER,
    Roltype.CVI_SECRETARIS,
    Roltype.CVI_LID,
    Roltype.BESTUURDER,
    Roltype.OUDER,
    Roltype.BEKOSTIGINGSMEDEWERKER,
    Roltype.PRIVACY_OFFICER,  # geeft geen toegang tot leerlingen (rugzak.audit.selectors)
    # geeft geen toegang tot leerlingen: alleen scenario's op CvI-nummer (rugzak.scenarios,
    # I-104); geen enkele leesgrond hieronder noemt deze rol
    Roltype.BELEIDSANALIST,
)


@dataclass(frozen=True, slots=True)
class Toegangsgrond:
    """De rol waarmee een gebruiker toegang heeft; gaat mee naar het auditlog."""

    rol: str
    organisatie_id: int | None
    omschrijving: str

    @classmethod
    def van_rol(cls, rol: Rol) -> Toegangsgrond:
        return cls(rol=rol.rol, organisatie_id=rol.organisatie_id, omschrijving=str(rol))


@dataclass(frozen=True, slots=True)
class PseudoniemeLeerling:
    """Wat de bekostigingsinstantie van een leerling ziet: geen naam, geen adres."""

    cvi_nummer: str
    brin: str
    schoolsoort: str
    onderwijssoort: str


def _rollen(gebruiker: Gebruiker, peildatum: date | None) -> list[Rol]:
    """De rollen op de peildatum, in volgorde van voorrang; binnen één HTTP-verzoek één
    keer uit de database (:mod:`rugzak.gedeeld.verzoekcache`)."""
    if not gebruiker.is_authenticated:
        return []
    dag = peildatum or vandaag()

    def lees() -> list[Rol]:
        rollen = list(rollen_actief(gebruiker=gebruiker, peildatum=dag))
        rollen.sort(key=lambda r: _VOORRANG.index(Roltype(r.rol)))
        return rollen

    return list(onthoud(("rollen", gebruiker.pk, gebruiker.is_active, dag), lees))


def _lopende_inschrijvingen(peildatum: date) -> QuerySet[Inschrijving]:
    """Inschrijvingen die op de peildatum lopen of daarna beginnen."""
    return Inschrijving.objects.filter(Q(tot__isnull=True) | Q(tot__gte=peildatum))


def _leerlingen_via_cvi(cvi_ids: Sequence[int], peildatum: date) -> Q | None:
    """De leerlingen van aanvragen bij deze CvI's (secretaris en leden).

    Elke aanvraag die op de peildatum is ingediend telt, ook een beslist of ingetrokken
    aanvraag: de CvI bewaart het dossier (bezwaar, herindicatie). Welke aanvraag een
    CvI-gebruiker zelf mag inzien, bepaalt rugzak.indicaties.selectors (alleen die bij de
    eigen CvI); dit geeft alleen toegang tot de leerling.
    """
    from rugzak.indicaties.models import Indicatieaanvraag

    return Q(
        pk__in=Indicatieaanvraag.objects.filter(
            cvi_id__in=cvi_ids, ingediend_op__lte=peildatum
        ).values("leerling_id")
    )


def _leerlingen_via_ab_dienst(
    ab_ids: Sequence[int], peildatum: date, *, alleen_toegewezen_aan: int | None = None
) -> Q | None:
    """De leerlingen van lopende begeleidingen (aangevraagd of lopend) van deze AB-diensten.

    De coördinator ziet alle lopende zaken van de dienst; een ambulant begeleider
    (``alleen_toegewezen_aan``) alleen de leerlingen van zaken die aan hem zijn
    toegewezen. Na het einde van de begeleiding vervalt de toegang.
    """
    from rugzak.ambulante_begeleiding.models import Begeleiding

    zaken = Begeleiding.objects.lopend_op(peildatum, ab_ids)
    if alleen_toegewezen_aan is not None:
        zaken = zaken.filter(toegewezen_id=alleen_toegewezen_aan)
    return Q(pk__in=zaken.values("leerling_id"))


def _leerlingen_via_toelating(
    scholen: Sequence[int], besturen: Sequence[int], peildatum: date
) -> Q | None:
    """De leerlingen van toelatingszaken en gastleerlingschappen bij deze scholen (of bij
    scholen van deze besturen): een school die een aanmelding behandelt (002, 4) of een
    gastleerling ontvangt (002, 3), ziet die leerling ook zonder inschrijving; het bestuur
    toetst een voorgenomen afwijzing (002, fase 10b). Welke zaken toegang geven, bepalen
    de zaken zelf (``geeft_schooltoegang``; I-38)."""
    from rugzak.toelating.models import Gastleerlingschap, Toelatingszaak

    zaken = Toelatingszaak.objects.geeft_schooltoegang()
    gasten = Gastleerlingschap.objects.geeft_schooltoegang()
    delen: list[Q] = []
    if scholen:
        delen.append(Q(pk__in=zaken.filter(school_id__in=scholen).values("leerling_id")))
        delen.append(Q(pk__in=gasten.filter(school_id__in=scholen).values("leerling_id")))
    if besturen:
        delen.append(Q(pk__in=zaken.filter(school__bestuur_id__in=besturen).values("leerling_id")))
        delen.append(Q(pk__in=gasten.filter(school__bestuur_id__in=besturen).values("leerling_id")))
    if not delen:
        return None
    samen = delen[0]
    for q in delen[1:]:
        samen |= q
    return samen


def _leerlingen_via_vso_aanmelding(scholen: Sequence[int]) -> Q | None:
    """De leerlingen die bij deze (v)so-scholen zijn aangemeld of toegelaten (004,
    'Toelating'): de school beslist over de aanmelding en schrijft daarna in. Welke
    aanmeldingen toegang geven, bepaalt rugzak.rec (``geeft_schooltoegang``)."""
    from rugzak.rec.models import VsoAanmelding

    return Q(
        pk__in=VsoAanmelding.objects.geeft_schooltoegang()
        .filter(school_id__in=scholen)
        .values("leerling_id")
    )


def _q_leesbaar(rollen: Iterable[Rol], peildatum: date) -> Q | None:
    """Eén Q over Leerling voor alle leerlingen die deze rollen mogen zien; binnen één
    HTTP-verzoek één keer opgebouwd per rollen en dag (het opbouwen kost meer tijd dan de
    query zelf; de Q is lui en wordt pas bij gebruik uitgevoerd)."""
    lijst = list(rollen)
    if any(r.pk is None for r in lijst):  # niet opgeslagen: niet te onthouden
        return _q_leesbaar_bouwen(lijst, peildatum)
    return onthoud(
        ("q_leesbaar", tuple(r.pk for r in lijst), peildatum),
        lambda: _q_leesbaar_bouwen(lijst, peildatum),
    )


def _q_leesbaar_bouwen(rollen: Iterable[Rol], peildatum: date) -> Q | None:
    scholen: set[int] = set()
    besturen: set[int] = set()
    cvis: set[int] = set()
    ab_diensten: set[int] = set()
    begeleiders: dict[int, set[int]] = {}
    ouders: set[int] = set()
    for rol in rollen:
        if rol.rol in SCHOOLROLLEN_LEZEN and rol.organisatie_id is not None:
            scholen.add(rol.organisatie_id)
        elif rol.rol == Roltype.BESTUURDER and rol.organisatie_id is not None:
            besturen.add(rol.organisatie_id)
        elif rol.rol in CVI_ROLLEN and rol.organisatie_id is not None:
            cvis.add(rol.organisatie_id)
        elif rol.rol == Roltype.AB_COORDINATOR and rol.organisatie_id is not None:
            ab_diensten.add(rol.organisatie_id)
        elif rol.rol == Roltype.AMBULANT_BEGELEIDER and rol.organisatie_id is not None:
            begeleiders.setdefault(rol.gebruiker_id, set()).add(rol.organisatie_id)
        elif rol.rol == Roltype.OUDER:
            ouders.add(rol.gebruiker_id)
        # bekostigingsmedewerker: nooit leerlinggegevens met naam (zie module-uitleg)
        # functionaris gegevensbescherming: geen leerlingen, alleen het auditlog

    delen: list[Q] = []
    lopend = _lopende_inschrijvingen(peildatum)
    if scholen:
        delen.append(Q(pk__in=lopend.filter(school_id__in=scholen).values("leerling_id")))
    if besturen:
        delen.append(Q(pk__in=lopend.filter(school__bestuur_id__in=besturen).values("leerling_id")))
    if (scholen or besturen) and (
        q := _leerlingen_via_toelating(sorted(scholen), sorted(besturen), peildatum)
    ) is not None:
        delen.append(q)
    if scholen and (q := _leerlingen_via_vso_aanmelding(sorted(scholen))) is not None:
        delen.append(q)
    if ouders:
        delen.append(
            Q(pk__in=OuderRelatie.objects.filter(ouder_id__in=ouders).values("leerling_id"))
        )
    if cvis and (q := _leerlingen_via_cvi(sorted(cvis), peildatum)) is not None:
        delen.append(q)
    if ab_diensten and (q := _leerlingen_via_ab_dienst(sorted(ab_diensten), peildatum)) is not None:
        delen.append(q)
    for gebruiker_id, diensten in begeleiders.items():
        q = _leerlingen_via_ab_dienst(
            sorted(diensten), peildatum, alleen_toegewezen_aan=gebruiker_id
        )
        if q is not None:
            delen.append(q)
    if not delen:
        return None
    samen = delen[0]
    for q in delen[1:]:
        samen |= q
    return samen


def leerlingen_zichtbaar_voor(
    gebruiker: Gebruiker, *, peildatum: date | None = None
) -> QuerySet[Leerling]:
    """Alle leerlingen die ``gebruiker`` op ``peildatum`` (standaard vandaag) mag zien.

    Alleen de queryset; wie gegevens toont, legt dat vast in het auditlog
    (rugzak.leerlingen.selectors doet beide).
    """
    dag = peildatum or vandaag()

    def bouw() -> QuerySet[Leerling]:
        q = _q_leesbaar(_rollen(gebruiker, dag), dag)
        if q is None:
            return Leerling.objects.none()
        unie = _als_unie(q)
        ids = unie if unie is not None else Leerling.objects.filter(q).order_by().values("pk")
        # De deelvraag één keer naar SQL vertalen: elke lijst die haar gebruikt
        # (``leerling__in=``), neemt die SQL over in plaats van haar opnieuw op te bouwen
        # (dat kostte meer tijd dan de query zelf). Zelfde SQL, zelfde parameters.
        sql, params = ids.query.get_compiler(using=ids.db).as_sql()
        return Leerling.objects.filter(pk__in=RawSQL(sql, params))

    # binnen één verzoek één keer opgebouwd; elke aanroeper krijgt een eigen (luie) kopie
    sleutel = ("zichtbaar", gebruiker.pk, gebruiker.is_active, dag)
    return onthoud(sleutel, bouw).all()


def _als_unie(q: Q) -> QuerySet[Any] | None:
    """Dezelfde leerlingen als ``Leerling.objects.filter(q)`` voor een OF van
    ``pk__in``-deelvragen, als één UNION van leerling-id's: PostgreSQL zoekt dan elk deel
    via zijn index, in plaats van alle leerlingen langs alle deelvragen te halen (zie
    benchmarks/paginas.py). None als ``q`` een andere vorm heeft (dan het gewone filter)."""
    vragen: list[QuerySet[Any]] = []

    def verzamel(deel: object) -> bool:
        if isinstance(deel, Q):
            if deel.negated or (deel.connector != Q.OR and len(deel.children) != 1):
                return False
            return all(verzamel(kind) for kind in deel.children)
        if isinstance(deel, tuple) and deel[0] == "pk__in" and isinstance(deel[1], QuerySet):
            vragen.append(deel[1].order_by())
            return True
        return False

    if not verzamel(q) or not vragen:
        return None
    return vragen[0].union(*vragen[1:]) if len(vragen) > 1 else vragen[0]


def leesgrond(
    gebruiker: Gebruiker, leerling: Leerling, *, peildatum: date | None = None
) -> Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` deze leerling mag zien, of None."""
    dag = peildatum or vandaag()
    for rol in _rollen(gebruiker, dag):
        q = _q_leesbaar([rol], dag)
        if q is not None and Leerling.objects.filter(q, pk=leerling.pk).exists():
            return Toegangsgrond.van_rol(rol)
    return None


def leerling_en_leesgrond(
    gebruiker: Gebruiker, *, publiek_id: Any, peildatum: date | None = None
) -> tuple[Leerling | None, Toegangsgrond | None]:
    """De leerling met dit publieke id (of None) en de rol waarmee ``gebruiker`` haar mag
    zien (of None), in één query: dezelfde regel als :func:`leesgrond` (de eerste rol in
    volgorde van voorrang), met per rol een ``EXISTS`` in de query van de leerling."""
    from django.db.models import Exists, OuterRef

    dag = peildatum or vandaag()
    kandidaten: list[tuple[str, Rol]] = []
    annotaties: dict[str, Any] = {}
    for i, rol in enumerate(_rollen(gebruiker, dag)):
        q = _q_leesbaar([rol], dag)
        if q is None:
            continue
        naam = f"via_rol_{i}"
        annotaties[naam] = Exists(Leerling.objects.filter(q, pk=OuterRef("pk")))
        kandidaten.append((naam, rol))
    leerling = Leerling.objects.filter(publiek_id=publiek_id).annotate(**annotaties).first()
    if leerling is None:
        return None, None
    for naam, rol in kandidaten:
        if getattr(leerling, naam):
            return leerling, Toegangsgrond.van_rol(rol)
    return leerling, None


def leesgronden(
    gebruiker: Gebruiker,
    leerling_ids: Sequence[int],
    *,
    peildatum: date | None = None,
    alleen_rollen: frozenset[str] | None = None,
    voorgefilterd: bool = False,
) -> dict[int, Toegangsgrond]:
    """Per leerling (pk) de rol waarmee ``gebruiker`` haar of hem ziet; voor een overzicht
    in één query per rol in plaats van per leerling. Leerlingen zonder grond ontbreken.
    ``alleen_rollen`` beperkt de rollen die meetellen (bv. :data:`AB_ROLLEN`).

    ``voorgefilterd``: de aanroeper weet dat elke leerling in ``leerling_ids`` in
    :func:`leerlingen_zichtbaar_voor` (zelfde gebruiker en dag) zit, want hij las ze met
    die queryset. Geeft maar één rol van de gebruiker toegang tot leerlingen, dan is dat de
    grond van allemaal, zonder query."""
    dag = peildatum or vandaag()
    gronden: dict[int, Toegangsgrond] = {}
    if voorgefilterd:
        lezend = [r for r in _rollen(gebruiker, dag) if _q_leesbaar([r], dag) is not None]
        if len(lezend) == 1:
            enige = lezend[0]
            if alleen_rollen is not None and enige.rol not in alleen_rollen:
                return {}
            grond = Toegangsgrond.van_rol(enige)
            return dict.fromkeys(leerling_ids, grond)
    for rol in _rollen(gebruiker, dag):
        if alleen_rollen is not None and rol.rol not in alleen_rollen:
            continue
        rest = [i for i in leerling_ids if i not in gronden]
        if not rest:
            break
        q = _q_leesbaar([rol], dag)
        if q is None:
            continue
        grond = Toegangsgrond.van_rol(rol)  # onveranderlijk: één voor alle leerlingen
        for pk in Leerling.objects.filter(q, pk__in=rest).values_list("pk", flat=True):
            gronden[pk] = grond
    return gronden


def _schoolgrond(
    gebruiker: Gebruiker, leerling: Leerling, rollen_nodig: frozenset[str], peildatum: date
) -> Toegangsgrond | None:
    lopend = _lopende_inschrijvingen(peildatum).filter(leerling=leerling)
    scholen = set(lopend.values_list("school_id", flat=True))
    for rol in _rollen(gebruiker, peildatum):
        if rol.rol in rollen_nodig and rol.organisatie_id in scholen:
            return Toegangsgrond.van_rol(rol)
    return None


def wijziggrond(
    gebruiker: Gebruiker, leerling: Leerling, *, peildatum: date | None = None
) -> Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` deze leerling mag wijzigen (directie of intern
    begeleider van een school waar de leerling ingeschreven is of wordt), of None."""
    return _schoolgrond(gebruiker, leerling, SCHOOLROLLEN_WIJZIGEN, peildatum or vandaag())


def verwijdergrond(
    gebruiker: Gebruiker, leerling: Leerling, *, peildatum: date | None = None
) -> Toegangsgrond | None:
    """Verwijderen mag alleen de directie, en alleen als de leerling op geen andere school
    dan die van deze directie ingeschreven staat of stond."""
    dag = peildatum or vandaag()
    grond = _schoolgrond(gebruiker, leerling, SCHOOLROLLEN_VERWIJDEREN, dag)
    if grond is None:
        return None
    eigen = {r.organisatie_id for r in _rollen(gebruiker, dag) if r.rol in SCHOOLROLLEN_VERWIJDEREN}
    if leerling.inschrijvingen.exclude(school_id__in=eigen).exists():
        return None
    return grond


def inschrijfgrond(
    gebruiker: Gebruiker, school: Organisatie, *, peildatum: date | None = None
) -> Toegangsgrond | None:
    """De rol waarmee ``gebruiker`` leerlingen op ``school`` mag inschrijven, of None."""
    if school.soort != Organisatiesoort.SCHOOL:
        return None
    for rol in _rollen(gebruiker, peildatum or vandaag()):
        if rol.rol in SCHOOLROLLEN_WIJZIGEN and rol.organisatie_id == school.pk:
            return Toegangsgrond.van_rol(rol)
    return None


def vereis(grond: Toegangsgrond | None, *, wat: str, nodig: str) -> Toegangsgrond:
    """Geef de grond terug, of :class:`GeenToegang` als er geen is."""
    if grond is None:
        raise GeenToegang(wat, nodig=nodig)
    return grond


def bekostiging_pseudoniem_overzicht(
    gebruiker: Gebruiker, *, peildatum: date | None = None
) -> list[PseudoniemeLeerling]:
    """Het overzicht van de bekostigingsinstantie: leerlingen op CvI-nummer, zonder naam.

    Een projectie van de geaccepteerde meldingen (004: CvI-nummer, BRIN, schoolsoort,
    onderwijssoort), gelezen met ``values_list`` van precies die vier kolommen: de
    Leerling-rij (naam, adres) wordt nooit geladen.
    """
    from rugzak.meldingen.models import Melding, Meldingstatus  # meldingen importeert toegang

    dag = peildatum or vandaag()
    if not any(r.rol == Roltype.BEKOSTIGINGSMEDEWERKER for r in _rollen(gebruiker, dag)):
        raise GeenToegang(
            "het overzicht van de bekostigingsinstantie",
            nodig="de rol medewerker bekostiging",
        )
    rijen = (
        Melding.objects.filter(status=Meldingstatus.GEACCEPTEERD, meldingsdatum__lte=dag)
        .values_list("cvi_nummer", "school__brin", "schoolsoort", "onderwijssoort")
        .order_by("cvi_nummer", "school__brin")
        .distinct()
    )
    return [
        PseudoniemeLeerling(cvi_nummer=c, brin=b, schoolsoort=s, onderwijssoort=o)
        for c, b, s, o in rijen
    ]


def actieve_rollen(gebruiker: Gebruiker, *, peildatum: date | None = None) -> list[Rol]:
    """De rollen van ``gebruiker`` op de peildatum, in volgorde van voorrang."""
    return _rollen(gebruiker, peildatum)


def kinderen_van(gebruiker: Gebruiker) -> frozenset[int]:
    """De leerlingen (pk) waarmee ``gebruiker`` een ouderrelatie heeft; binnen één
    HTTP-verzoek één keer uit de database (een ouderrelatie die binnen het verzoek
    verandert, leegt de cache: rugzak.leerlingen.apps)."""
    if not gebruiker.is_authenticated:
        return frozenset()
    return onthoud(
        ("kinderen", gebruiker.pk),
        lambda: frozenset(
            OuderRelatie.objects.filter(ouder_id=gebruiker.pk).values_list("leerling_id", flat=True)
        ),
    )


def oudergrond(
    gebruiker: Gebruiker, leerling: Leerling, *, peildatum: date | None = None
) -> Toegangsgrond | None:
    """De rol 'ouder' waarmee ``gebruiker`` als ouder van deze leerling handelt (een
    ouderrelatie met het kind), of None; ook als hij het kind via een andere rol ziet."""
    for rol in _rollen(gebruiker, peildatum or vandaag()):
        if (
            rol.rol == Roltype.OUDER
            and OuderRelatie.objects.filter(ouder_id=gebruiker.pk, leerling=leerling).exists()
        ):
            return Toegangsgrond.van_rol(rol)
    return None


def privacygronden(
    gebruiker: Gebruiker, *, peildatum: date | None = None
) -> dict[int, Toegangsgrond]:
    """Per organisatie (id) de rol functionaris gegevensbescherming van ``gebruiker``: die
    mag het auditlog van die organisatie exporteren, en verder niets (geen leerlingen)."""
    return {
        rol.organisatie_id: Toegangsgrond.van_rol(rol)
        for rol in _rollen(gebruiker, peildatum or vandaag())
        if rol.rol == Roltype.PRIVACY_OFFICER and rol.organisatie_id is not None
    }
