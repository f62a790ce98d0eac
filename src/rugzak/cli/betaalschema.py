"""``rugzak betaalschema``: wie krijgt welk bedrag in welke maand, uit een gebeurtenissenbestand.

Het bestand is JSON (een lijst objecten) of CSV (een kop met veldnamen). Elke gebeurtenis
heeft een ``soort``:

* ``melding``: de velden van het meldingsformulier (meldingsdatum, school, schoolsoort,
  inschrijvingsdatum, cvi_nummer, indicatiedatum, onderwijssoort, ab_verzorger, groep of
  leerjaar, vo_variant, mbo_niveau, leerweg, herindicatie + vorig_cvi_nummer,
  schoolwisseling + vorige_school, syndroom_van_down, indicatie_einddatum);
* ``uitschrijving``: datum (eerste dag niet meer ingeschreven), school;
* ``groepsovergang``: datum, groep;
* ``zml_aanvraag``: datum;
* ``terugplaatsing_groep2``: datum.

Verhuizing naar een andere reguliere school (004 'Uitschrijving ...'; I-14, I-50-I-52):
een melding van een andere school terwijl de leerling nog op de vorige staat, is een
verhuizing. Een melding met ``schoolwisseling`` = ja en ``vorige_school`` = de school
die eerder een ``uitschrijving`` stuurde, maakt van die uitschrijving de verhuisdatum,
in welke volgorde de regels ook in het bestand staan. De oude school houdt het budget
tot en met 31 juli van het schooljaar van de verhuizing, de nieuwe krijgt het vanaf de
1 augustus daarna (een verhuizing waarvan de laatste dag op de oude school in augustus
valt, telt in het schooljaar dat op 31 juli eindigde). De uitvoer noemt elke verhuizing.

Schooljaar zonder tarief (I-01, I-101, I-102): geven de bronnen voor een te betalen
maand geen bedrag (bv. 2012-2013, waarvoor rugzak geen tabellen heeft), dan weigert
``rugzak betaalschema`` standaard het hele schema met exitcode 2, net als de betaalrun,
die dan een leemte vastlegt: zo neemt een script een onvolledig totaal nooit voor een
volledig. Met ``--toon-zonder-bron`` toont het toch het schema: zo'n maand staat er als
'te betalen, bedrag onbekend: geen bron', met per deel de ontvanger (school van
inschrijving, AB-verzorger) en wat er ontbreekt; in de tekst, de JSON en de CSV staat
'geen bron' waar anders een bedrag staat. De totalen tellen dan alleen de bekende
bedragen en heten onvolledig (JSON: ``"volledig": false``); een maand zonder bron telt
nooit als nul. Een andere fout (ongeldige invoer, ontbrekende termijn) blijft een fout.

Voorbeeld (JSON), verhuizing per 31 oktober 2011 met eerst de uitschrijving::

  [{"soort": "melding", "school": "12AB", ...},
   {"soort": "uitschrijving", "datum": "2011-10-31", "school": "12AB"},
   {"soort": "melding", "school": "34CD", "inschrijvingsdatum": "2011-11-01",
    "schoolwisseling": "ja", "vorige_school": "12AB", ...}]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from rugzak.cli.gemeenschappelijk import (
    CliFout,
    Uitvoer,
    datum,
    regeling_uit,
    schooljaar_type,
    vang_regelingsfouten,
    voeg_algemene_opties_toe,
)
from rugzak.regeling.fouten import OntbrekendeBron, RegelingFout
from rugzak.regeling.parameters import Regeling
from rugzak.regeling.regels.betaling import (
    GEEN_BRON,
    Betaalschema,
    Gebeurtenis,
    Groepsovergang,
    TerugplaatsingGroep2,
    Uitschrijving,
    ZmlAanvraag,
    betaalschema,
)
from rugzak.regeling.regels.melding import OnvolledigeMelding, melding_uit_formulier
from rugzak.regeling.tijd import Maand
from rugzak.regeling.uitleg import euro

#: de laatste dag die een gebeurtenis kan hebben (de maand erna moet nog bestaan)
LAATSTE_DATUM = date(9998, 12, 31)

SOORTEN = ("melding", "uitschrijving", "groepsovergang", "zml_aanvraag", "terugplaatsing_groep2")


def _datumveld(rij: Mapping[str, Any], veld: str, plaats: str) -> date:
    waarde = rij.get(veld)
    if not waarde:
        raise CliFout(f"{plaats}: veld '{veld}' ontbreekt (JJJJ-MM-DD)")
    try:
        dag = date.fromisoformat(str(waarde))
    except ValueError:
        raise CliFout(f"{plaats}: veld '{veld}' = {waarde!r} is geen datum (JJJJ-MM-DD)") from None
    if dag > LAATSTE_DATUM:
        # het betaalschema rekent met de maand na de gebeurtenis; na 9998 bestaat die niet
        # als kalenderdatum (gevonden door de fuzztest: een stacktrace)
        raise CliFout(
            f"{plaats}: veld '{veld}' = {waarde!r} ligt na {LAATSTE_DATUM.isoformat()}; "
            "geef een datum tot en met die dag (JJJJ-MM-DD)"
        )
    return dag


def gebeurtenis_uit(rij: Mapping[str, Any], plaats: str) -> Gebeurtenis:
    """Eén gebeurtenis uit een JSON-object of CSV-rij; fouten noemen rij en veld."""
    gegevens = {k: v for k, v in rij.items() if v not in (None, "")}
    soort = gegevens.get("soort")
    if soort not in SOORTEN:
        raise CliFout(f"{plaats}: veld 'soort' = {soort!r}; toegestaan: {', '.join(SOORTEN)}")
    if soort == "melding":
        try:
            return melding_uit_formulier(gegevens)
        except OnvolledigeMelding as e:
            raise CliFout(f"{plaats}: {e}") from None
    dag = _datumveld(gegevens, "datum", plaats)
    if soort == "uitschrijving":
        school = gegevens.get("school")
        if not school:
            raise CliFout(f"{plaats}: veld 'school' ontbreekt (de school die uitschrijft)")
        return Uitschrijving(dag, str(school))
    if soort == "groepsovergang":
        try:
            groep = int(str(gegevens.get("groep", "")))
        except ValueError:
            raise CliFout(f"{plaats}: veld 'groep' moet 1-8 zijn") from None
        if not 1 <= groep <= 8:
            raise CliFout(f"{plaats}: veld 'groep' = {groep}; toegestaan 1-8")
        return Groepsovergang(dag, groep)
    if soort == "zml_aanvraag":
        return ZmlAanvraag(dag)
    return TerugplaatsingGroep2(dag)


def lees_gebeurtenissen(pad: Path) -> list[Gebeurtenis]:
    if not pad.is_file():
        raise CliFout(f"bestand {pad} bestaat niet")
    try:
        # utf-8-sig: een CSV uit een rekenblad begint vaak met een BOM vóór 'soort'.
        tekst = pad.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise CliFout(f"{pad}: geen UTF-8-tekst ({e.reason} op positie {e.start})") from None
    except OSError as e:
        raise CliFout(f"{pad}: kan niet gelezen worden: {e.strerror or e}") from None
    if pad.suffix.lower() == ".json":
        try:
            data = json.loads(tekst)
        except json.JSONDecodeError as e:
            raise CliFout(f"{pad}: geen geldige JSON: {e}") from None
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise CliFout(f"{pad}: verwacht een lijst objecten, elk met een 'soort'")
        rijen: list[Mapping[str, Any]] = data
        return [gebeurtenis_uit(r, f"{pad.name}, gebeurtenis {i}") for i, r in enumerate(rijen, 1)]
    if pad.suffix.lower() == ".csv":
        # StringIO in plaats van splitlines(): een veld tussen aanhalingstekens mag een
        # regeleinde bevatten; line_num geeft dan het juiste regelnummer.
        lezer = csv.DictReader(io.StringIO(tekst, newline=""))
        try:
            if not lezer.fieldnames or "soort" not in lezer.fieldnames:
                raise CliFout(f"{pad}: de kopregel mist de kolom 'soort'")
            return [gebeurtenis_uit(r, f"{pad.name}, regel {lezer.line_num}") for r in lezer]
        except csv.Error as e:
            raise CliFout(f"{pad}, regel {lezer.line_num}: geen geldige CSV: {e}") from None
    raise CliFout(f"{pad}: onbekend formaat {pad.suffix!r}; gebruik .json of .csv")


def _schema(
    regeling: Regeling, gebeurtenissen: list[Gebeurtenis], args: argparse.Namespace
) -> Betaalschema:
    """Het schema in de gevraagde stand. Weigert de standaard omdat een tarief ontbreekt en
    kan ``--toon-zonder-bron`` het wel tonen, dan zegt de fout dat (I-101)."""
    try:
        return betaalschema(
            regeling,
            gebeurtenissen,
            args.schooljaar,
            geboortedatum=args.geboortedatum,
            toon_zonder_bron=args.toon_zonder_bron,
        )
    except OntbrekendeBron as fout:
        if args.toon_zonder_bron:
            raise
        try:
            betaalschema(
                regeling,
                gebeurtenissen,
                args.schooljaar,
                geboortedatum=args.geboortedatum,
                toon_zonder_bron=True,
            )
        except RegelingFout:
            raise fout from None
        raise CliFout(
            f"{fout}; met --toon-zonder-bron toont rugzak de te betalen maanden en hun "
            "ontvangers met 'geen bron' in plaats van een bedrag (interpretatie I-101)"
        ) from fout


def _reeksen(maanden: Sequence[Maand]) -> str:
    """``2012-08 t/m 2013-05, 2013-07``: aaneengesloten maanden als één reeks."""
    delen: list[list[Maand]] = []
    for m in sorted(maanden):
        if delen and delen[-1][-1].volgend() == m:
            delen[-1].append(m)
        else:
            delen.append([m])
    return ", ".join(str(d[0]) + ("" if len(d) == 1 else f" t/m {d[-1]}") for d in delen)


def _tekst_zonder_bron(schema: Betaalschema) -> list[str]:
    """De regels over wat ontbreekt: per melding van de regelkern de maanden (I-101)."""
    per_fout: dict[str, set[Maand]] = {}
    for z in schema.zonder_bron:
        per_fout.setdefault(z.fout, set()).add(z.maand)
    regels = [""]
    for fout, maanden in per_fout.items():
        regels.append(f"  {GEEN_BRON} voor {_reeksen(sorted(maanden))}: {fout}")
    regels.append(
        "  Deze maanden zijn te betalen, maar zonder bedrag: ze tellen in geen totaal mee, "
        "ook niet als nul (I-101); de ontvangers volgen uit de betaalregel (I-102)."
    )
    return regels


def _tekst(schema: Betaalschema, args: argparse.Namespace, regeling: Regeling) -> str:
    regels = [f"Betaalschema {schema.schooljaar}", ""]
    if not schema.volledig:
        n = len(schema.maanden_zonder_bron())
        regels += [
            f"  onvolledig: voor {n} te betalen {'maand' if n == 1 else 'maanden'} geven de "
            f"bronnen geen bedrag ('{GEEN_BRON}', I-101)",
            "",
        ]
    for v in schema.verhuizingen:
        regels.append(
            f"  verhuizing per {v.datum.isoformat()} van {v.oude_school} naar "
            f"{v.nieuwe_school}"
            + (" (in de zomer, I-50)" if v.in_de_zomer else "")
            + (
                f"; uitschrijving per {v.uitschrijving.isoformat()} telt als verhuisdatum"
                if v.uitschrijving is not None
                else ""
            )
        )
        regels.append(
            f"    {v.oude_school} houdt het budget tot en met "
            f"{(v.overname - timedelta(days=1)).isoformat()}, {v.nieuwe_school} krijgt "
            f"het vanaf {v.overname.isoformat()} (I-14)"
        )
    if schema.verhuizingen:
        regels.append("")
    zonder = schema.per_ontvanger_zonder_bron()
    ontvangers = sorted({b.ontvanger_id for b in schema.betalingen} | set(zonder))
    if not ontvangers:
        regels.append("  geen betalingen in dit schooljaar")
    else:
        kop = "  maand    " + "".join(f"{o:>16}" for o in ontvangers)
        regels.append(kop)
        cellen: dict[tuple[str, str], Decimal] = {}
        for b in schema.betalingen:
            sleutel = (str(b.maand), b.ontvanger_id)
            cellen[sleutel] = cellen.get(sleutel, Decimal(0)) + b.bedrag
        for maand in schema.schooljaar.maanden():
            rij: list[str] = []
            for o in ontvangers:
                bedrag = cellen.get((str(maand), o))
                if maand in zonder.get(o, ()):
                    rij.append(GEEN_BRON)
                else:
                    rij.append(euro(bedrag) if bedrag is not None else "-")
            regels.append(f"  {maand}  " + "".join(f"{x:>16}" for x in rij))
        regels.append("")
        bekend = schema.per_ontvanger()
        for o in ontvangers:
            som = euro(bekend.get(o, Decimal(0)))
            if o in zonder:
                regels.append(
                    f"  totaal {o}: onvolledig, {som} bekend; {GEEN_BRON} voor "
                    f"{_reeksen(zonder[o])}"
                )
            else:
                regels.append(f"  totaal {o}: {som}")
        if schema.volledig:
            regels.append(f"  totaal: {euro(schema.totaal)}")
        else:
            regels.append(
                f"  totaal: onvolledig, {euro(schema.totaal)} bekend; de maanden zonder bron "
                "tellen niet mee (I-101)"
            )
    if not schema.volledig:
        regels += _tekst_zonder_bron(schema)
    if not args.kort:
        regels += ["", schema.uitleg.als_tekst(regeling.interpretatietitels())]
    return "\n".join(regels)


def _schrijf_csv(schema: Betaalschema, pad: Path) -> None:
    try:
        with pad.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(schema.csv_rijen())
    except OSError as e:
        raise CliFout(f"--csv: kan {pad} niet schrijven: {e.strerror or e}", veld="csv") from e


@vang_regelingsfouten
def _betaalschema(args: argparse.Namespace, uitvoer: Uitvoer) -> int:
    regeling = regeling_uit(args)
    gebeurtenissen = lees_gebeurtenissen(Path(args.bestand))
    schema = _schema(regeling, gebeurtenissen, args)
    if args.csv is not None:
        _schrijf_csv(schema, Path(args.csv))
    uitvoer.schrijf(schema.als_dict(), lambda: _tekst(schema, args, regeling))
    return 0


def registreer(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "betaalschema",
        help="maandbetalingen per ontvanger uit een bestand met gebeurtenissen (JSON of CSV)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    voeg_algemene_opties_toe(p)
    p.add_argument("bestand", help="gebeurtenissen als .json of .csv")
    p.add_argument("--schooljaar", type=schooljaar_type, required=True, help="bv. 2011-2012")
    p.add_argument("--geboortedatum", type=datum, help="toets ook de minimumleeftijd per maand")
    p.add_argument(
        "--toon-zonder-bron",
        action="store_true",
        help="toon ook een schooljaar waarvoor de bronnen geen tarief geven: te betalen "
        "maanden met hun ontvangers en 'geen bron' in plaats van een bedrag, totalen "
        "onvolledig (I-101); zonder deze optie is dat een fout, zoals in de betaalrun",
    )
    p.add_argument(
        "--csv",
        metavar="BESTAND",
        help="schrijf de betalingen ook als CSV (één rij per maand, ontvanger en deel; "
        "'geen bron' waar het bedrag ontbreekt)",
    )
    p.add_argument("--kort", action="store_true", help="zonder uitleg")
    p.set_defaults(uitvoeren=_betaalschema)
