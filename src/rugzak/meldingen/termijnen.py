"""De termijn van de terugmelding: binnen zes weken na de uitschrijving en vóór het einde
van het schooljaar (004, 'Uitschrijving ...'; datum uit
:func:`rugzak.regeling.regels.termijnen.terugmelding`, interpretatie I-19).

Een termijn loopt voor elke verwerkte melding waarvan de leerling de school heeft
verlaten (de inschrijving is beëindigd), behalve bij een overstap naar een andere
reguliere school: dan hoeft de oude school niets te doen. Is de uitschrijving al
teruggemeld, dan is de termijn voldaan op de datum van ontvangst. Als uitschrijvingsdatum
geldt de eerste dag dat de leerling niet meer ingeschreven staat (de dag na 'tot en met').

Zichtbaar voor de school (directie, intern begeleider, team) en haar bestuur; alles in een
vast aantal queries, hoeveel meldingen er ook zijn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, Max, OuterRef, Subquery

from rugzak import toegang
from rugzak.leerlingen.models import Inschrijving, Uitschrijfreden
from rugzak.meldingen import rechten
from rugzak.meldingen.models import Melding, Meldingstatus, Terugmelding, Terugmeldingsoort
from rugzak.meldingen.services import REGULIER as _REGULIER
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import termijnen as kerntermijnen
from rugzak.termijnregister import Zaaktermijn


def zaaktermijnen(
    *, gebruiker: Gebruiker, vandaag: date, alleen_open: bool = False
) -> Iterable[Zaaktermijn]:
    gronden: dict[int, toegang.Toegangsgrond] = {}
    besturen: dict[int, toegang.Toegangsgrond] = {}
    for rol in toegang.actieve_rollen(gebruiker, peildatum=vandaag):
        if rol.rol in toegang.SCHOOLROLLEN_LEZEN and rol.organisatie_id is not None:
            gronden.setdefault(rol.organisatie_id, toegang.Toegangsgrond.van_rol(rol))
        elif rol.rol == Roltype.BESTUURDER and rol.organisatie_id is not None:
            besturen.setdefault(rol.organisatie_id, toegang.Toegangsgrond.van_rol(rol))
    if not gronden and not besturen:
        return []
    q = rechten.q_scholen_zichtbaar(gebruiker)
    if q is None:  # pragma: no cover - gronden zijn er
        return []
    # Eén query: de meldingen, met per melding wat de termijn nodig heeft van de
    # terugmeldingen en de inschrijvingen van dezelfde leerling (correlated subqueries).
    terug = (
        Terugmelding.objects.filter(
            melding__leerling_id=OuterRef("leerling_id"),
            melding__school_id=OuterRef("school_id"),
            # dezelfde meldingen als de buitenste query (de toegang hangt aan de school,
            # die hier dezelfde is)
            melding__status=Meldingstatus.GEACCEPTEERD,
            melding__meldingsdatum__lte=vandaag,
            soort__in=[
                Terugmeldingsoort.UITSCHRIJVING_SO,
                Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            ],
        )
        .exclude(status="geweigerd")
        # bij meer terugmeldingen telt de eerst ingediende
        .order_by("ingediend_op_datum", "id")
    )
    alle_ins = Inschrijving.objects.filter(leerling_id=OuterRef("leerling_id")).order_by()
    hier = alle_ins.filter(school_id=OuterRef("school_id"))
    qs = (
        Melding.objects.filter(q, status=Meldingstatus.GEACCEPTEERD, meldingsdatum__lte=vandaag)
        .annotate(
            terug_datum=Subquery(terug.values("datum")[:1]),
            terug_ontvangen=Subquery(terug.values("ingediend_op_datum")[:1]),
            # een open inschrijving hier (een LIMIT 1 per melding via de index; een EXISTS
            # laat PostgreSQL hier alle inschrijvingen lezen)
            hier_open=Subquery(hier.filter(tot__isnull=True).values("id")[:1]),
            hier_tot=Subquery(hier.values("leerling_id").annotate(m=Max("tot")).values("m")),
            # de reden van de laatste inschrijving hier (bij gelijke einddatum: de laatst
            # begonnen)
            hier_reden=Subquery(
                hier.filter(tot__isnull=False)
                .order_by("-tot", "-van")
                .values("uitschrijfreden")[:1]
            ),
            # later ingeschreven op een andere reguliere school (I-47)
            overstap_regulier=Exists(
                alle_ins.exclude(school_id=OuterRef("school_id")).filter(
                    school__schoolsoort__in=list(_REGULIER),
                    van__gt=OuterRef("inschrijvingsdatum"),
                )
            ),
        )
        .order_by("leerling_id", "school_id", "-meldingsdatum", "-id")
    )
    # Per (leerling, school) de laatste verwerkte melding.
    laatste: dict[tuple[int, int], dict[str, Any]] = {}
    for m in qs.values(
        "id", "publiek_id", "leerling_id", "leerling__publiek_id", "school_id",
        "school__bestuur_id", "school__brin", "inschrijvingsdatum", "cvi_nummer",
        "terug_datum", "terug_ontvangen", "hier_open", "hier_tot",
        "hier_reden", "overstap_regulier",
    ):  # fmt: skip
        laatste.setdefault((m["leerling_id"], m["school_id"]), m)
    if not laatste:
        return []

    regeling = standaard_regeling()
    # de regelkern rekent elke uitschrijvingsdatum één keer
    per_dag: dict[date, kerntermijnen.Termijn] = {}
    uit: list[Zaaktermijn] = []
    for (_lid, sid), m in laatste.items():
        grond = gronden.get(sid) or besturen.get(m["school__bestuur_id"] or -1)
        if grond is None:
            continue
        voldaan: date | None = None
        if m["terug_datum"] is not None:
            uitschrijving, voldaan = m["terug_datum"], m["terug_ontvangen"]
        else:
            # geen inschrijving hier (geen einddatum en geen open), of nog ingeschreven
            if m["hier_open"] is not None or m["hier_tot"] is None:
                continue
            tot = m["hier_tot"]
            if tot >= vandaag:
                continue
            uitschrijving = tot + timedelta(days=1)
            # de school gaf zelf een overstap naar een reguliere school op (I-47)
            overstap = m["hier_reden"] == Uitschrijfreden.ANDERE_REGULIERE_SCHOOL
            if overstap or m["overstap_regulier"]:
                continue
        termijn = per_dag.get(uitschrijving) or per_dag.setdefault(
            uitschrijving, kerntermijnen.terugmelding(regeling, uitschrijving)
        )
        uit.append(
            Zaaktermijn(
                zaaktype="terugmelding",
                zaak_id=str(m["publiek_id"]),
                leerling_publiek_id=m["leerling__publiek_id"],
                termijn=termijn,
                grond=grond,
                voldaan_op=voldaan,
                omschrijving_zaak=f"terugmelding uitschrijving CvI-nummer {m['cvi_nummer']} "
                f"({m['school__brin']})",
                actie="" if voldaan else "Meld de uitschrijving terug",
                actoren=frozenset() if voldaan else toegang.SCHOOLROLLEN_WIJZIGEN,
                actor_id=sid,
                handeling="terugmelden",
            )
        )
    return uit
