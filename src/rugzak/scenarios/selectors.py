"""Lezen: de scenario's van de analist, één scenario met zijn uitkomst, de CSV en de uitleg
per CvI-nummer. Alleen de beleidsanalist van de eigen bekostigingsinstantie; elke inzage
krijgt een auditregel. Er wordt geen Leerling-rij geladen (I-104): de uitleg per
CvI-nummer leest de gebeurtenissen op leerling-id."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.gedeeld.csvbestand import bedrag as csv_bedrag
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster
from rugzak.meldingen.models import Melding, Meldingstatus
from rugzak.meldingen.selectors import gebeurtenissen_per_leerling
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.regels.betaling import Betaalschema, betaalschema
from rugzak.regeling.tijd import Schooljaar
from rugzak.scenarios import rechten
from rugzak.scenarios.models import Scenario
from rugzak.scenarios.rekenen import I_PSEUDONIEM
from rugzak.scenarios.services import scenario_lezen


def _eigen(gebruiker: Gebruiker, wat: str) -> tuple[Any, Any]:
    grond = rechten.vereis_analist(gebruiker, wat=wat)
    return grond, Scenario.objects.filter(organisatie_id=grond.organisatie_id)


def scenario_deel(*, gebruiker: Gebruiker, venster: Venster | None) -> Deel[Scenario]:
    """De scenario's van de bekostigingsinstantie van de analist, nieuwste eerst: de pagina
    ``venster`` (None: alle) en het totaal. Geen leerlinggegevens (de uitkomst staat
    alleen op CvI-nummer en wordt hier niet geladen), dus geen auditregel."""
    _, qs = _eigen(gebruiker, "scenario's")
    qs = qs.defer("inhoud", "uitkomst").select_related("aangevraagd_door")
    if venster is None:
        alle = list(qs)
        return Deel(alle, len(alle))
    aantal = qs.count()
    if venster.begin >= aantal:
        return Deel([], aantal)
    return Deel(list(qs[venster.begin : venster.eind]), aantal)


def scenario_lijst(*, gebruiker: Gebruiker) -> list[Scenario]:
    """Alle scenario's van de bekostigingsinstantie van de analist, nieuwste eerst."""
    return scenario_deel(gebruiker=gebruiker, venster=None).items


def _audit_per_leerling(
    gebruiker: Gebruiker, grond: Any, scenario: Scenario, actie: Actie, reden: str
) -> None:
    """Eén auditregel per leerling wier CvI-nummer de uitkomst toont (in bulk). Het
    publieke id gaat alleen naar het auditlog, nooit naar de analist."""
    cvi = [r["cvi_nummer"] for r in (scenario.uitkomst or {}).get("per_leerling", [])]
    cvi += [
        c.strip()
        for r in (scenario.uitkomst or {}).get("leemtes", [])
        for c in r["cvi_nummers"].split(",")
    ]
    leerlingen = set(
        Melding.objects.filter(cvi_nummer__in=cvi).values_list("leerling__publiek_id", flat=True)
    )
    items: list[tuple[object, UUID | str | None, str, int | None]] = [
        (scenario.publiek_id, p, grond.rol, grond.organisatie_id)
        for p in sorted(leerlingen, key=str)
    ] or [(scenario.publiek_id, None, grond.rol, grond.organisatie_id)]
    audit_registreer_lijst(
        gebruiker=gebruiker, objecttype="scenario", items=items, reden=reden, actie=actie
    )


def scenario_van(*, gebruiker: Gebruiker, publiek_id: UUID | str, reden: str) -> Scenario:
    """Eén scenario (met uitkomst); :class:`Scenario.DoesNotExist` als het niet bestaat of
    van een andere instantie is. Auditregel per getoonde leerling (op CvI-nummer)."""
    grond, qs = _eigen(gebruiker, "een scenario")
    scenario: Scenario = qs.select_related("aangevraagd_door").get(publiek_id=publiek_id)
    _audit_per_leerling(gebruiker, grond, scenario, Actie.LEZEN, reden)
    return scenario


def _euro(centen: int) -> str:
    return csv_bedrag(Decimal(centen).scaleb(-2))


CSV_KOPPEN = [
    "Indeling",
    "Sleutel",
    "Omschrijving",
    "Leerlingen",
    "Basis (euro)",
    "Scenario (euro)",
    "Verschil (euro)",
]
_INDELINGEN = (
    ("totaal", "Totaal"),
    ("per_ontvanger", "Soort ontvanger"),
    ("per_rec", "REC"),
    ("per_schoolsoort", "Schoolsoort"),
    ("per_onderwijssoort", "Onderwijssoort"),
    ("per_school", "School"),
)


def scenario_csv(*, gebruiker: Gebruiker, publiek_id: UUID | str) -> tuple[Scenario, bytes]:
    """De uitkomst als CSV (UTF-8 met BOM, puntkomma, bedragen met komma): elke indeling
    en daarna elk CvI-nummer. Alleen een afgerond scenario heeft een uitkomst."""
    grond, qs = _eigen(gebruiker, "een scenario")
    scenario: Scenario = qs.get(publiek_id=publiek_id)
    u = scenario.uitkomst or {}
    uit = io.StringIO()
    w = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_KOPPEN)
    for sleutel, naam in _INDELINGEN:
        rijen = [u[sleutel]] if sleutel == "totaal" and sleutel in u else u.get(sleutel, [])
        for r in rijen:
            w.writerow(
                [naam, r["sleutel"], r["omschrijving"], r["leerlingen"],
                 _euro(r["basis_centen"]), _euro(r["scenario_centen"]),
                 _euro(r["verschil_centen"])]
            )  # fmt: skip
    for r in u.get("per_leerling", []):
        w.writerow(
            ["CvI-nummer", r["cvi_nummer"], f"{r['rec']}; scholen {', '.join(r['scholen'])}", 1,
             _euro(r["basis_centen"]), _euro(r["scenario_centen"]), _euro(r["verschil_centen"])]
        )  # fmt: skip
    _audit_per_leerling(gebruiker, grond, scenario, Actie.EXPORTEREN, "uitkomst scenario als CSV")
    return scenario, ("\ufeff" + uit.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class Uitlegpaar:
    """Basis en scenario voor één CvI-nummer, elk met het betaalschema (pad voor één
    leerling) of de leemte."""

    scenario: Scenario
    cvi_nummer: str
    basis: Betaalschema | None
    nieuw: Betaalschema | None
    basis_fout: str
    nieuw_fout: str
    interpretaties: dict[str, str]

    @property
    def verschil(self) -> Decimal | None:
        if self.basis is None or self.nieuw is None:
            return None
        return self.nieuw.totaal - self.basis.totaal


def uitleg_per_cvi(*, gebruiker: Gebruiker, publiek_id: UUID | str, cvi_nummer: str) -> Uitlegpaar:
    """Beide uitleggen (basis en scenario) voor de leerling met dit CvI-nummer, op het pad
    voor één leerling. :class:`GeenToegang` voor wie geen analist is; ``LookupError`` als
    het nummer niet in de uitkomst van het scenario staat."""
    grond, qs = _eigen(gebruiker, "een scenario")
    scenario: Scenario = qs.get(publiek_id=publiek_id)
    bekend = {r["cvi_nummer"] for r in (scenario.uitkomst or {}).get("per_leerling", [])}
    if cvi_nummer not in bekend:
        raise LookupError(cvi_nummer)
    lids = set(
        Melding.objects.filter(
            cvi_nummer=cvi_nummer, status=Meldingstatus.GEACCEPTEERD
        ).values_list("leerling_id", flat=True)
    )
    if len(lids) != 1:
        raise LookupError(cvi_nummer)
    lid = lids.pop()
    gebeurtenissen = gebeurtenissen_per_leerling(leerling_ids=[lid]).get(lid, [])
    geboren = (
        Melding.objects.filter(leerling_id=lid).values_list("leerling__geboortedatum", flat=True)
    ).first()
    regeling = scenario_lezen(scenario.inhoud, scenario.bestandsnaam)
    jaar = Schooljaar.van_tekst(scenario.schooljaar)
    schemas: list[Betaalschema | None] = []
    fouten: list[str] = []
    for reg in (regeling.basis, regeling.regeling):
        try:
            schemas.append(betaalschema(reg, gebeurtenissen, jaar, geboortedatum=geboren))
            fouten.append("")
        except RegelingFout as fout:
            schemas.append(None)
            fouten.append(str(fout))
    leerling_publiek_id = (
        Melding.objects.filter(leerling_id=lid).values_list("leerling__publiek_id", flat=True)
    ).first()
    audit_registreer(
        gebruiker=gebruiker, actie=Actie.LEZEN, objecttype="scenario",
        object_id=scenario.publiek_id, leerling_publiek_id=leerling_publiek_id,
        rol=grond.rol, organisatie_id=grond.organisatie_id,
        reden=f"uitleg basis en scenario voor CvI-nummer {cvi_nummer} ({I_PSEUDONIEM})",
    )  # fmt: skip
    return Uitlegpaar(
        scenario, cvi_nummer, schemas[0], schemas[1], fouten[0], fouten[1],
        dict(regeling.regeling.interpretatietitels()),
    )  # fmt: skip


__all__ = [
    "GeenToegang",
    "scenario_csv",
    "scenario_deel",
    "scenario_lijst",
    "scenario_van",
    "uitleg_per_cvi",
]
