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


def zaaktermijnen(*, gebruiker: Gebruiker, vandaag: date) -> Iterable[Zaaktermijn]:
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
    qs = Melding.objects.filter(
        q, status=Meldingstatus.GEACCEPTEERD, meldingsdatum__lte=vandaag
    ).order_by("leerling_id", "school_id", "-meldingsdatum", "-id")
    meldingen: list[dict[str, Any]] = [
        dict(m)
        for m in qs.values(
            "id", "publiek_id", "leerling_id", "leerling__publiek_id", "school_id",
            "school__bestuur_id", "school__brin", "inschrijvingsdatum", "cvi_nummer",
        )
    ]  # fmt: skip
    # Per (leerling, school) de laatste verwerkte melding.
    laatste: dict[tuple[int, int], dict[str, Any]] = {}
    for m in meldingen:
        laatste.setdefault((m["leerling_id"], m["school_id"]), m)
    if not laatste:
        return []
    ids = {m["id"] for m in meldingen}
    teruggemeld: dict[tuple[int, int], tuple[date, date]] = {}
    for t in (
        Terugmelding.objects.filter(
            melding_id__in=ids,
            soort__in=[
                Terugmeldingsoort.UITSCHRIJVING_SO,
                Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            ],
        )
        .exclude(status="geweigerd")
        .values("melding__leerling_id", "melding__school_id", "datum", "ingediend_op_datum")
    ):
        teruggemeld[(t["melding__leerling_id"], t["melding__school_id"])] = (
            t["datum"],
            t["ingediend_op_datum"],
        )
    inschrijvingen: dict[int, list[dict[str, Any]]] = {}
    for ins in Inschrijving.objects.filter(leerling_id__in={lid for lid, _ in laatste}).values(
        "leerling_id", "school_id", "school__schoolsoort", "van", "tot", "uitschrijfreden"
    ):
        inschrijvingen.setdefault(ins["leerling_id"], []).append(dict(ins))

    regeling = standaard_regeling()
    # de regelkern rekent elke uitschrijvingsdatum één keer
    per_dag: dict[date, kerntermijnen.Termijn] = {}
    uit: list[Zaaktermijn] = []
    for (lid, sid), m in laatste.items():
        grond = gronden.get(sid) or besturen.get(m["school__bestuur_id"] or -1)
        if grond is None:
            continue
        voldaan: date | None = None
        if (lid, sid) in teruggemeld:
            uitschrijving, voldaan = teruggemeld[(lid, sid)]
        else:
            hier = [i for i in inschrijvingen.get(lid, []) if i["school_id"] == sid]
            if not hier or any(i["tot"] is None for i in hier):
                continue
            tot = max(i["tot"] for i in hier)
            if tot >= vandaag:
                continue
            uitschrijving = tot + timedelta(days=1)
            laatste_hier = max(hier, key=lambda i: i["tot"])
            # de school gaf zelf een overstap naar een reguliere school op (I-47)
            overstap = laatste_hier["uitschrijfreden"] == Uitschrijfreden.ANDERE_REGULIERE_SCHOOL
            overstap = overstap or any(
                i["school_id"] != sid
                and i["school__schoolsoort"] in _REGULIER
                and i["van"] > m["inschrijvingsdatum"]
                for i in inschrijvingen.get(lid, [])
            )
            if overstap:
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
