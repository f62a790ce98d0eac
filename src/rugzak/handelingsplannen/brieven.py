"""De brieven van overeenkomst en handelingsplan, gevuld uit de vastgelegde zaak.

De evaluatiemomenten en de uiterste datum van het handelingsplan komen uit de regelkern
(:func:`rugzak.regeling.regels.termijnen.evaluatiemomenten`,
:func:`rugzak.regeling.regels.termijnen.handelingsplan`); het budget uit
:func:`rugzak.regeling.regels.budget.jaarbudget` met de situatie zoals die is vastgelegd
(school, indicatie, groep uit de overeenkomst). Kan de regelkern het budget niet
berekenen (een leemte in de bronnen, of gegevens die ontbreken), dan staat er geen budget
in het plan: nooit een geschat bedrag.
"""

from __future__ import annotations

from datetime import date

from rugzak.documenten.brieven import Doel, Handelingsplan, Ondertekenaar, OvereenkomstSchoolOuders
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.tijd import vandaag
from rugzak.handelingsplannen.models import Handelingsplan as Plan
from rugzak.handelingsplannen.models import Instemmingsbesluit, Overeenkomst
from rugzak.leerlingen.selectors import LeerlingDossier
from rugzak.organisaties.models import Gebruiker
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.budget import Budget, Situatie, jaarbudget
from rugzak.regeling.regels.termijnen import evaluatiemomenten, handelingsplan
from rugzak.regeling.tijd import Schooljaar
from rugzak.toelating.brieven import afzender, ondertekenaar


def _extra(waarde: object) -> str:
    """Een extra evaluatiemoment (opgeslagen als ISO-tekst) als "14 mei 2012"."""
    try:
        return lange_datum(date.fromisoformat(str(waarde)))
    except ValueError:
        return str(waarde)


def _d(dag: date | None) -> str:
    return lange_datum(dag) if dag else "?"


def _momenten(vanaf: date) -> tuple[tuple[str, date], ...]:
    return tuple(
        (t.omschrijving, t.uiterlijk)
        for t in evaluatiemomenten(standaard_regeling(), Schooljaar.van_datum(vanaf))
    )


def overeenkomst(
    *, o: Overeenkomst, dossier: LeerlingDossier, door: Gebruiker, rol: str
) -> OvereenkomstSchoolOuders:
    zaak = o.zaak
    l = dossier.leerling  # noqa: E741
    ouders = tuple(r.ouder.weergavenaam for r in dossier.ouders) or (o.ouders_getekend_naam,)
    ondertekend = max(
        (d for d in (o.school_getekend_op, o.ouders_getekend_op) if d is not None), default=None
    )
    school_door = o.school_getekend_door or door
    return OvereenkomstSchoolOuders(
        school=afzender(zaak.school),
        leerling_naam=l.volledige_naam,
        leerling_adres=l.adres,
        leerling_postcode_plaats=f"{l.postcode} {l.woonplaats}",
        datum_plaatsing=zaak.plaatsingsdatum or o.looptijd_van,
        groep=f"groep {o.groep}" if o.groep else f"leerjaar {o.leerjaar}",
        ab_verzorger="de dienst ambulante begeleiding van het regionaal expertisecentrum",
        duur=f"van {_d(o.looptijd_van)} tot en met {_d(o.looptijd_tot)}",
        evaluatiemomenten=_momenten(o.looptijd_van),
        plaats_ondertekening=zaak.school.plaats or zaak.school.naam,
        datum_ondertekening=ondertekend if o.toestand == "ondertekend" else None,
        namens_school=ondertekenaar(school_door, "directie"),
        namens_ouders=ouders,
        extra_evaluaties=tuple(_extra(m) for m in o.extra_evaluatiemomenten),
        verdere_afspraken=tuple(r for r in o.verdere_afspraken.splitlines() if r.strip()),
        inzet_pgb=o.inzet_pgb,
        kenmerk=o.publiek_id.hex[:8],
    )


def _budget(plan: Plan, schooljaar: Schooljaar) -> Budget | None:
    zaak = plan.zaak
    if zaak.indicatie is None:
        return None
    overeenkomst = Overeenkomst.objects.filter(zaak=zaak).first()
    try:
        schoolsoort = next(s for s in Schoolsoort if s.value == zaak.school.schoolsoort)
        soort = next(o for o in Onderwijssoort if o.value == zaak.indicatie.onderwijssoort)
        return jaarbudget(
            standaard_regeling(),
            Situatie(
                schooljaar=schooljaar,
                schoolsoort=schoolsoort,
                onderwijssoort=soort,
                groep=overeenkomst.groep if overeenkomst else None,
            ),
        )
    except (RegelingFout, StopIteration):
        return None


def plan(*, p: Plan, dossier: LeerlingDossier, door: Gebruiker, rol: str) -> Handelingsplan:
    zaak = p.zaak
    vanaf = p.periode_van or zaak.plaatsingsdatum or vandaag()
    schooljaar = Schooljaar.van_datum(vanaf)
    instemming = next(
        (i for i in p.instemmingen.all() if i.besluit == Instemmingsbesluit.INGESTEMD), None
    )
    overeenkomst = Overeenkomst.objects.filter(zaak=zaak).first()
    opgesteld: list[Ondertekenaar] = [ondertekenaar(p.aangemaakt_door, rol)]
    if p.ambulant_begeleider_naam:
        opgesteld.append(Ondertekenaar(p.ambulant_begeleider_naam, "ambulant begeleider"))
    return Handelingsplan(
        school=afzender(zaak.school),
        leerling_naam=dossier.leerling.volledige_naam,
        groep=(f"groep {overeenkomst.groep}" if overeenkomst and overeenkomst.groep else ""),
        schooljaar=str(schooljaar),
        periode=f"{_d(p.periode_van)} tot en met {_d(p.periode_tot)}",
        beginsituatie=p.beginsituatie,
        doelen=tuple(Doel(r.strip()) for r in p.doelstelling.splitlines() if r.strip()),
        voorzieningen=tuple(
            r.strip() for r in p.voorzieningen_en_maatregelen.splitlines() if r.strip()
        ),
        inzet_lgf=p.inzet_lgf,
        monitoring=p.monitoring,
        opgesteld_door=tuple(opgesteld),
        gereed_uiterlijk=handelingsplan(standaard_regeling(), zaak.plaatsingsdatum).uiterlijk
        if zaak.plaatsingsdatum
        else None,
        evaluatiemomenten=tuple((e.omschrijving, e.uiterlijk) for e in p.evaluaties.all())
        or _momenten(vanaf),
        budget=_budget(p, schooljaar),
        instemming_ouders_op=instemming.op if instemming else None,
        ouders=tuple(r.ouder.weergavenaam for r in dossier.ouders),
        kenmerk=p.publiek_id.hex[:8],
    )
