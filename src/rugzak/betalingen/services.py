"""Schrijven: de betaalrun, de REC-gegevens en de besteding van de rugzak.

Elke service controleert eerst de rol, dan de invoer (alle fouten tegelijk), en schrijft
pas dan, in één transactie, met auditregels. Een geweigerde handeling schrijft niets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import repeat

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_bulk
from rugzak.betalingen import rechten
from rugzak.betalingen.berekening import Runberekening, bereken_run
from rugzak.betalingen.models import (
    Besteding,
    Betaalrun,
    Boekingsoort,
    Formatieopgave,
    Garantietoedeling,
    GarantietoedelingRegel,
    Grootboekregel,
    Leemte,
    RecTelling,
)
from rugzak.gedeeld.bulk import bulk_invoegen
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import Melding, Meldingstatus
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import rec as kernrec
from rugzak.regeling.regels.besteding import (
    Bestedingsbeoordeling,
    Bestedingssoort,
    beoordeel_besteding,
)
from rugzak.regeling.tijd import Maand, Schooljaar

Fouten = dict[str, list[str]]


def _fout(fouten: Fouten, veld: str, tekst: str) -> None:
    fouten.setdefault(veld, []).append(tekst)


def _maand(waarde: Maand | str) -> Maand:
    if isinstance(waarde, Maand):
        return waarde
    try:
        return Maand.van_tekst(str(waarde))
    except OngeldigeInvoer:
        raise ValidationError({"maand": "verwacht een maand als JJJJ-MM, bv. 2012-02"}) from None


def _schooljaar(waarde: Schooljaar | str, veld: str = "schooljaar") -> Schooljaar:
    if isinstance(waarde, Schooljaar):
        return waarde
    try:
        return Schooljaar.van_tekst(str(waarde))
    except OngeldigeInvoer:
        raise ValidationError({veld: "verwacht een schooljaar, bv. 2011-2012"}) from None


# --- betaalrun -----------------------------------------------------------------------------


@transaction.atomic
def betaalrun_uitvoeren(*, door: Gebruiker, maand: Maand | str) -> Betaalrun:
    """Voer de betaalrun voor ``maand`` uit: boek per leerling, ontvanger, deel en maand het
    verschil tussen wat volgens de regelkern tot en met ``maand`` betaald had moeten zijn en
    wat het grootboek al bevat. Nogmaals draaien boekt dus niets dubbel; een late
    uitschrijving of gewijzigde melding wordt een correctieregel (nooit een wijziging).
    Schooljaren zonder bron worden per leerling als leemte vastgelegd, zonder boeking.
    """
    grond = rechten.vereis_bekostiging(door, wat="de betaalrun")
    m = _maand(maand)
    dag = vandaag()
    if m.eerste_dag > dag:
        raise ValidationError(
            {
                "maand": f"{m} is nog niet begonnen (vandaag is {dag.isoformat()}); een maand "
                "wordt betaald naar de toestand op haar eerste dag"
            }
        )
    assert grond.organisatie_id is not None
    # Eén run tegelijk per bekostigingsinstantie: twee gelijktijdige runs zouden allebei
    # hetzelfde verschil zien en het dubbel boeken.
    instantie = Organisatie.objects.select_for_update().get(pk=grond.organisatie_id)
    berekening = bereken_run(m)
    return betaalrun_boeken(door=door, grond=grond, instantie=instantie, berekening=berekening)


def betaalrun_boeken(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    instantie: Organisatie,
    berekening: Runberekening,
) -> Betaalrun:
    """Boek een berekende run in bulk: de run, de grootboekregels, de leemtes en één
    auditregel per geraakte leerling (``COPY`` op PostgreSQL, ``bulk_create`` elders).
    Hoort in de transactie van de aanroeper: mislukt er iets, dan is niets geboekt."""
    m = berekening.maand
    nu = timezone.now()
    b = berekening.boekingen
    run = Betaalrun(
        maand=m.eerste_dag,
        organisatie=instantie,
        uitgevoerd_door=door,
        uitgevoerd_op=nu,
        peildatum=vandaag(),
        leerlingen=berekening.leerlingen,
        regels=len(b),
        totaal_centen=b.totaal_centen,
        leemtes=len(berekening.leemtes),
        terugval=berekening.terugval,
    )
    run.save()
    soorten = np.where(b.correctie, Boekingsoort.CORRECTIE.value, Boekingsoort.BETALING.value)
    bulk_invoegen(
        Grootboekregel,
        ("maand", "ontvanger_id", "leerling_id", "cvi_nummer", "deel", "bedrag_centen", "run_id",
         "soort", "aangemaakt_op"),
        zip(b.maand, b.ontvanger_id.tolist(), b.leerling_id.tolist(), b.cvi_nummer, b.deel,
            b.centen.tolist(), repeat(run.pk), soorten.tolist(), repeat(nu)),
    )  # fmt: skip
    bulk_invoegen(
        Leemte,
        ("run_id", "leerling_id", "cvi_nummers", "schooljaar", "soort", "melding"),
        (
            (run.pk, g.leerling_id, g.cvi_nummers[:200], str(g.schooljaar), g.soort, g.melding)
            for g in berekening.leemtes
        ),
    )
    # per leerling: aantal regels en som (numpy), en de schooljaren met een leemte
    per_leerling: dict[int, tuple[int, int]] = {}
    if len(b):
        lids, begin, aantallen = np.unique(b.leerling_id, return_index=True, return_counts=True)
        sommen = np.add.reduceat(b.centen, begin)
        per_leerling = dict(
            zip(lids.tolist(), zip(aantallen.tolist(), sommen.tolist(), strict=True), strict=True)
        )
    leemtes_per_leerling: dict[int, list[str]] = defaultdict(list)
    for g in berekening.leemtes:
        leemtes_per_leerling[g.leerling_id].append(str(g.schooljaar))
    publiek = dict(
        Leerling.objects.filter(pk__in=set(per_leerling) | set(leemtes_per_leerling)).values_list(
            "pk", "publiek_id"
        )
    )

    def reden(lid: int) -> str:
        delen = []
        if lid in per_leerling:
            aantal, som = per_leerling[lid]
            delen.append(f"{aantal} regel(s) geboekt, samen EUR {Decimal(som).scaleb(-2)}")
        if lid in leemtes_per_leerling:
            delen.append(
                "leemte: " + ", ".join(sorted(leemtes_per_leerling[lid])) + " niet berekend"
            )
        return f"betaalrun {m}: " + "; ".join(delen)

    audit_registreer_bulk(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="grootboekregel",
        items=((run.publiek_id, publiek[lid], reden(lid)) for lid in sorted(publiek)),
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
    )
    return run


# --- REC -----------------------------------------------------------------------------------


def _vereis_rec(door: Gebruiker, rec: Organisatie) -> toegang.Toegangsgrond:
    if rec.soort != Organisatiesoort.REC:
        raise ValidationError({"rec": "dit is geen REC"})
    return toegang.vereis(
        rechten.recgrond(door, rec, schrijven=True),
        wat=f"de gegevens van {rec}",
        nodig="de rol secretaris van de CvI of coördinator AB bij dit REC",
    )


def _audit_rec(
    door: Gebruiker, grond: toegang.Toegangsgrond, objecttype: str, object_id: object, reden: str
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype=objecttype,
        object_id=object_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )


@transaction.atomic
def rec_telling_vastleggen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    schooljaar: Schooljaar | str,
    leerlingen: int,
    ambulant_begeleid: int = 0,
) -> RecTelling:
    """Leg de leerlingtelling vast waarop de REC-bekostiging van een schooljaar berust (004)."""
    grond = _vereis_rec(door, rec)
    sj = _schooljaar(schooljaar)
    fouten: Fouten = {}
    if leerlingen < 0:
        _fout(fouten, "leerlingen", "een aantal is 0 of meer")
    if ambulant_begeleid < 0:
        _fout(fouten, "ambulant_begeleid", "een aantal is 0 of meer")
    if RecTelling.objects.filter(rec=rec, schooljaar=str(sj)).exists():
        _fout(fouten, "schooljaar", f"de telling voor {sj} is al vastgelegd")
    if fouten:
        raise ValidationError(fouten)
    telling = RecTelling(
        rec=rec, schooljaar=str(sj), leerlingen=leerlingen, ambulant_begeleid=ambulant_begeleid,
        vastgelegd_door=door, vastgelegd_op=timezone.now(),
    )  # fmt: skip
    telling.save()
    _audit_rec(door, grond, "rec_telling", telling.pk, f"leerlingtelling {sj} vastgelegd")
    return telling


def _fre(waarde: object, veld: str, fouten: Fouten) -> Decimal | None:
    try:
        getal = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        _fout(fouten, veld, "verwacht een aantal fre, bv. 12.5")
        return None
    if getal < 0 or not getal.is_finite():
        _fout(fouten, veld, "een formatie is 0 of meer fre")
        return None
    return getal


@transaction.atomic
def formatie_vastleggen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    school: Organisatie,
    schooljaar: Schooljaar | str,
    basis_fre: object,
    huidig_fre: object,
) -> Formatieopgave:
    """Leg de formatie van een school van het REC vast: in het basisjaar (de nulmeting) en
    in het schooljaar (004, 'Formatiegarantieregeling')."""
    grond = _vereis_rec(door, rec)
    sj = _schooljaar(schooljaar)
    fouten: Fouten = {}
    if school.soort != Organisatiesoort.SCHOOL or school.rec_id != rec.pk:
        _fout(fouten, "school", f"kies een school die deelneemt in {rec}")
    basis = _fre(basis_fre, "basis_fre", fouten)
    huidig = _fre(huidig_fre, "huidig_fre", fouten)
    if Formatieopgave.objects.filter(school=school, schooljaar=str(sj)).exists():
        _fout(fouten, "schooljaar", f"de formatie van {school} voor {sj} is al vastgelegd")
    if fouten:
        raise ValidationError(fouten)
    assert basis is not None and huidig is not None
    opgave = Formatieopgave(
        rec=rec, school=school, schooljaar=str(sj), basis_fre=basis, huidig_fre=huidig,
        vastgelegd_door=door, vastgelegd_op=timezone.now(),
    )  # fmt: skip
    opgave.save()
    _audit_rec(door, grond, "formatieopgave", opgave.pk, f"formatie {school.brin} {sj} vastgelegd")
    return opgave


def formatiegarantie_berekenen(
    *, rec: Organisatie, schooljaar: Schooljaar
) -> kernrec.Formatiegarantie:
    """De formatiegarantie van het REC uit de vastgelegde formatie (regelkern)."""
    opgaven = Formatieopgave.objects.filter(rec=rec, schooljaar=str(schooljaar)).select_related(
        "school"
    )
    scholen = [
        kernrec.SchoolFormatie(school=o.school.brin, basis=o.basis_fre, huidig=o.huidig_fre)
        for o in opgaven.order_by("school__brin")
    ]
    if not scholen:
        raise ValidationError(
            {"schooljaar": f"er is voor {schooljaar} nog geen formatie van de scholen vastgelegd"}
        )
    return kernrec.formatiegarantie(standaard_regeling(), schooljaar, scholen)


@transaction.atomic
def formatiegarantie_toedelen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    schooljaar: Schooljaar | str,
    toedeling: Mapping[str, object],
    gemeld_op: date | None = None,
) -> Garantietoedeling:
    """Het REC verdeelt de formatiegarantie over zijn scholen en meldt dat aan de
    bekostigingsinstantie (004). ``toedeling``: BRIN -> fre; de delen tellen exact op tot
    de garantie (controle door de regelkern, :func:`verdeel_formatiegarantie`)."""
    grond = _vereis_rec(door, rec)
    sj = _schooljaar(schooljaar)
    garantie = formatiegarantie_berekenen(rec=rec, schooljaar=sj)
    fouten: Fouten = {}
    delen: dict[str, Decimal] = {}
    for brin, fre in toedeling.items():
        getal = _fre(fre, f"toedeling[{brin}]", fouten)
        if getal is not None:
            delen[str(brin)] = getal
    if fouten:
        raise ValidationError(fouten)
    if not garantie.heeft_garantie:
        raise ValidationError(
            {"toedeling": f"het REC heeft in {sj} geen formatiegarantie: er is niets toe te delen"}
        )
    try:
        verdeeld = kernrec.verdeel_formatiegarantie(garantie, delen)
    except OngeldigeInvoer as e:
        raise ValidationError({e.veld: str(e)}) from None
    scholen = {
        o.brin: o for o in Organisatie.objects.filter(rec=rec, soort=Organisatiesoort.SCHOOL)
    }
    record = Garantietoedeling(
        rec=rec, schooljaar=str(sj), garantie_fre=garantie.garantie,
        gemeld_op=gemeld_op or vandaag(), gemeld_door=door, aangemaakt_op=timezone.now(),
    )  # fmt: skip
    record.save()
    GarantietoedelingRegel.objects.bulk_create(
        [
            GarantietoedelingRegel(toedeling=record, school=scholen[b], fre=f)
            for b, f in verdeeld.per_school
        ]
    )
    _audit_rec(
        door, grond, "garantietoedeling", record.publiek_id,
        f"formatiegarantie {sj} ({garantie.garantie} fre) toegedeeld en gemeld",
    )  # fmt: skip
    return record


# --- besteding -------------------------------------------------------------------------------


@transaction.atomic
def besteding_vastleggen(
    *,
    door: Gebruiker,
    leerling: Leerling,
    schooljaar: Schooljaar | str,
    soort: str,
    omschrijving: str,
    bedrag: object,
    ouders_akkoord_op: date | None,
    handelingsplan: str = "",
) -> Besteding:
    """Leg vast waaraan de school de rugzak van ``leerling`` besteedt (000, 001).

    Alleen onderwijsgerelateerde besteding: zorg wordt geweigerd met de reden dat zorg bij
    een persoonsgebonden budget hoort (000). Het akkoord van de ouders, zoals het
    handelingsplan het vastlegt, is verplicht (001 'Leerlinggebonden').
    """
    grond = toegang.vereis(
        toegang.wijziggrond(door, leerling),
        wat="de besteding van de rugzak van deze leerling",
        nodig="de rol directie of intern begeleider bij de school van de leerling",
    )
    if grond.organisatie_id is None:  # pragma: no cover - een schoolrol heeft een school
        raise GeenToegang("de besteding", nodig="een schoolrol")
    school = Organisatie.objects.get(pk=grond.organisatie_id)
    fouten: Fouten = {}
    sj: Schooljaar | None = None
    try:
        sj = _schooljaar(schooljaar)
    except ValidationError as e:
        for veld, teksten in e.message_dict.items():
            for t in teksten:
                _fout(fouten, veld, t)
    beoordeling: Bestedingsbeoordeling | None = None
    try:
        beoordeling = beoordeel_besteding(soort)
    except OngeldigeInvoer:
        _fout(fouten, "soort", f"onbekende soort; toegestaan: {', '.join(Bestedingssoort.codes())}")
    else:
        if not beoordeling.toegestaan:
            bronnen = "; ".join(b.citeer() for b in beoordeling.uitleg.bronnen())
            _fout(fouten, "soort", f"{'; '.join(beoordeling.redenen)} ({bronnen})")
    if not omschrijving.strip():
        _fout(fouten, "omschrijving", "beschrijf de besteding (wat, hoeveel uur of welk middel)")
    try:
        bedrag_d = Decimal(str(bedrag))
        if (
            not bedrag_d.is_finite()
            or bedrag_d <= 0
            or bedrag_d != bedrag_d.quantize(Decimal("0.01"))
        ):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        _fout(fouten, "bedrag", "een bedrag in euro's, groter dan 0, hoogstens twee decimalen")
        bedrag_d = Decimal(0)
    if ouders_akkoord_op is None:
        _fout(
            fouten,
            "ouders_akkoord_op",
            "het akkoord van de ouders ontbreekt: de inzet van de rugzak wordt met de ouders "
            "afgesproken en in het handelingsplan vastgelegd (001 'Leerlinggebonden')",
        )
    elif ouders_akkoord_op > vandaag():
        _fout(fouten, "ouders_akkoord_op", "ligt in de toekomst")
    if not Melding.objects.filter(
        leerling=leerling, school=school, status=Meldingstatus.GEACCEPTEERD
    ).exists():
        _fout(
            fouten,
            "leerling",
            f"deze leerling heeft bij {school} geen verwerkte melding, dus geen rugzak",
        )
    if fouten:
        raise ValidationError(fouten)
    assert beoordeling is not None and beoordeling.onderdeel is not None and sj is not None
    assert ouders_akkoord_op is not None
    besteding = Besteding(
        leerling=leerling, school=school, schooljaar=str(sj), soort=soort,
        onderdeel=beoordeling.onderdeel.value, omschrijving=omschrijving.strip(), bedrag=bedrag_d,
        ouders_akkoord_op=ouders_akkoord_op, handelingsplan=handelingsplan.strip(),
        vastgelegd_door=door, vastgelegd_op=timezone.now(),
    )  # fmt: skip
    besteding.save()
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="besteding",
        object_id=besteding.publiek_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=(
            f"besteding {soort} ({beoordeling.onderdeel.omschrijving}) {sj} vastgelegd "
            f"({'; '.join(b.citeer() for b in beoordeling.uitleg.bronnen())})"
        ),
        velden=["soort", "omschrijving", "bedrag", "ouders_akkoord_op", "handelingsplan"],
    )
    return besteding
