"""De leerlingtelling uit de geregistreerde gegevens: van databaserijen naar de invoer van
:func:`rugzak.regeling.regels.leerlingtelling.leerlingtelling` (004, 'De leerlingtelling').

Hier staat geen regel: welke categorie een leerling krijgt, bepaalt de regelkern. Dit
module zet alleen de rijen om:

- ingeschreven: elke inschrijving op een (v)so-school, met uit :class:`VsoPlaatsing` de
  vestiging, de residentiële plaats en de verbrede toelating; de indicatiedatum is die van
  de laatste indicatie van de leerling op of vóór de teldatum;
- vestiging: de naam van de hoofdvestiging, of van de nevenvestiging als die in een
  andere gemeente ligt dan de hoofdvestiging (004: dan telt de school per vestiging; I-44);
- ambulant begeleid: RAB en TAB van de AB-dienst van de school (zelfde BRIN) of, voor
  een REC, van de AB-diensten van het REC, die op de teldatum lopen of liepen; RAB met de
  indicatiedatum, TAB met de datum van terugplaatsing. PAB telt apart (004: de PAB-formatie
  wordt per onderwijssoort vastgesteld) en begeleiding in het mbo valt buiten de indeling
  BO/SBO/VO; beide worden genoemd, niet geteld.

Een leerling die de regelkern niet kan indelen (bv. na 31 juli 2003 ingeschreven zonder
indicatie) telt niet mee en komt met de reden van de regelkern in ``niet_geteld``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from rugzak.ambulante_begeleiding.models import Begeleiding, Begeleidingsoort, Begeleidingstatus
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving
from rugzak.organisaties.models import VSO_SCHOOLSOORTEN, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.rec.models import Vestiging, Vestigingstatus, VsoPlaatsing
from rugzak.regeling.begrippen import Schoolsoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.regels.leerlingtelling import (
    BegeleideLeerling,
    IngeschrevenLeerling,
    Telling,
    ab_categorie,
    categorie,
    leerlingtelling,
)

SCHOOLSOORTEN: dict[str, Schoolsoort] = {s.value: s for s in Schoolsoort}
_AB_TELBAAR = (Schoolsoort.BAO, Schoolsoort.SBAO, Schoolsoort.VO)


@dataclass
class Tellinguitkomst:
    """De telling van de regelkern, met wat niet geteld kon worden en waarom."""

    teldatum: date
    telling: Telling
    niet_geteld: list[tuple[str, str]] = field(default_factory=list)  # (publiek id, reden)
    apart: Counter[str] = field(default_factory=Counter)  # PAB, mbo

    @property
    def ingeschreven_totaal(self) -> int:
        return sum(self.telling.ingeschreven.values())

    @property
    def begeleid_totaal(self) -> int:
        return sum(self.telling.begeleid.values())


def vso_scholen(rec: Organisatie) -> list[Organisatie]:
    """De (v)so-scholen van een REC, op BRIN."""
    return list(
        Organisatie.objects.filter(
            rec=rec, soort=Organisatiesoort.SCHOOL, schoolsoort__in=VSO_SCHOOLSOORTEN
        ).order_by("brin")
    )


def _vestigingsnamen(
    scholen: list[Organisatie], voorvoegsel: bool
) -> dict[tuple[int, int | None], str]:
    """(school, vestiging of None) -> naam waaronder geteld wordt."""
    namen: dict[tuple[int, int | None], str] = {}
    for school in scholen:
        vestigingen = list(Vestiging.objects.filter(school=school))
        hoofd = next((v for v in vestigingen if v.hoofdvestiging), None)
        hoofdnaam = hoofd.naam if hoofd is not None else school.naam
        pre = f"{school.brin} " if voorvoegsel else ""
        namen[(school.pk, None)] = pre + hoofdnaam
        for v in vestigingen:
            anders = (
                not v.hoofdvestiging
                and v.status == Vestigingstatus.IN_SPREIDINGSPLAN
                and hoofd is not None
                and v.gemeente.strip().lower() != hoofd.gemeente.strip().lower()
            )
            namen[(school.pk, v.pk)] = pre + (v.naam if anders else hoofdnaam)
    return namen


def _ingeschreven(
    scholen: list[Organisatie], teldatum: date, voorvoegsel: bool
) -> tuple[list[IngeschrevenLeerling], list[tuple[str, str]]]:
    namen = _vestigingsnamen(scholen, voorvoegsel)
    inschrijvingen = list(
        Inschrijving.objects.filter(school__in=scholen, van__lte=teldatum)
        .filter(Q(tot__isnull=True) | Q(tot__gte=teldatum))
        .select_related("leerling")
        .order_by("school_id", "id")
    )
    plaatsingen = {
        p.inschrijving_id: p for p in VsoPlaatsing.objects.filter(inschrijving__in=inschrijvingen)
    }
    indicatiedata: dict[int, date] = {}
    for leerling_id, dag in (
        Indicatie.objects.filter(
            leerling_id__in=[i.leerling_id for i in inschrijvingen], indicatiedatum__lte=teldatum
        )
        .order_by("indicatiedatum")
        .values_list("leerling_id", "indicatiedatum")
    ):
        indicatiedata[leerling_id] = dag  # de laatste wint
    goed: list[IngeschrevenLeerling] = []
    fout: list[tuple[str, str]] = []
    for i in inschrijvingen:
        p = plaatsingen.get(i.pk)
        kandidaat = IngeschrevenLeerling(
            id=str(i.leerling.publiek_id),
            geboortedatum=i.leerling.geboortedatum,
            geslacht=i.leerling.geslacht,
            ingeschreven_van=i.van,
            ingeschreven_tot=i.tot,
            vestiging=namen[(i.school_id, p.vestiging_id if p is not None else None)],
            residentieel=bool(p and p.residentieel),
            indicatiedatum=indicatiedata.get(i.leerling_id),
            verbreed_toegelaten=bool(p and p.verbrede_toelating_id),
        )
        try:
            categorie(kandidaat, teldatum)
        except OngeldigeInvoer as e:
            fout.append((kandidaat.id, e.reden or str(e)))
            continue
        goed.append(kandidaat)
    return goed, fout


def _begeleid(
    diensten: Q, teldatum: date
) -> tuple[list[BegeleideLeerling], list[tuple[str, str]], Counter[str]]:
    rijen = (
        Begeleiding.objects.filter(diensten)
        .filter(
            status__in=[Begeleidingstatus.LOPEND, Begeleidingstatus.BEEINDIGD],
            van__isnull=False,
            van__lte=teldatum,
        )
        .select_related("leerling", "school", "indicatie")
        .order_by("id")
    )
    goed: list[BegeleideLeerling] = []
    fout: list[tuple[str, str]] = []
    apart: Counter[str] = Counter()
    for b in rijen:
        assert b.van is not None
        tot = b.beeindigd_op or b.tot
        if tot is not None and tot < teldatum:
            continue
        if b.soort == Begeleidingsoort.PAB:
            apart["preventieve ambulante begeleiding (PAB), telt apart"] += 1
            continue
        schoolsoort = SCHOOLSOORTEN[b.school.schoolsoort]
        if schoolsoort not in _AB_TELBAAR:
            apart[f"begeleid in het {schoolsoort.omschrijving}: valt buiten BO, SBO en VO"] += 1
            continue
        kandidaat = BegeleideLeerling(
            id=str(b.leerling.publiek_id),
            schoolsoort=schoolsoort,
            begeleid_van=b.van,
            begeleid_tot=tot,
            indicatiedatum=(
                b.indicatie.indicatiedatum
                if b.soort == Begeleidingsoort.RAB and b.indicatie is not None
                else None
            ),
            teruggeplaatst_op=b.terugplaatsing_op if b.soort == Begeleidingsoort.TAB else None,
        )
        try:
            ab_categorie(kandidaat)
        except OngeldigeInvoer as e:
            fout.append((kandidaat.id, e.reden or str(e)))
            continue
        goed.append(kandidaat)
    return goed, fout, apart


def tel_school(school: Organisatie, teldatum: date) -> Tellinguitkomst:
    """De telling van één (v)so-school; AB van de dienst met de BRIN van de school."""
    ingeschreven, fout_i = _ingeschreven([school], teldatum, voorvoegsel=False)
    diensten = Q(ab_dienst__soort=Organisatiesoort.AB_DIENST, ab_dienst__brin=school.brin)
    begeleid, fout_b, apart = _begeleid(diensten, teldatum)
    return Tellinguitkomst(
        teldatum, leerlingtelling(teldatum, ingeschreven, begeleid), fout_i + fout_b, apart
    )


def tel_rec(rec: Organisatie, teldatum: date) -> Tellinguitkomst:
    """De telling van alle (v)so-scholen van een REC (vestigingen met BRIN ervoor) en alle
    AB-diensten van het REC."""
    ingeschreven, fout_i = _ingeschreven(vso_scholen(rec), teldatum, voorvoegsel=True)
    begeleid, fout_b, apart = _begeleid(Q(ab_dienst__rec=rec), teldatum)
    return Tellinguitkomst(
        teldatum, leerlingtelling(teldatum, ingeschreven, begeleid), fout_i + fout_b, apart
    )
