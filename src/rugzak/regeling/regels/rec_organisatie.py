"""Regels voor de inrichting van een REC en zijn (v)so-scholen (004).

Verbrede toelating, nevenvestigingen, scholengemeenschappen en toelating (jonger dan 4;
geen weigering van een leerling die voor de eigen onderwijssoort is geïndiceerd). Elke
toets geeft een :class:`Beslissing` met *alle* redenen en de bron.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rugzak.regeling.begrippen import Cluster, Onderwijssoort
from rugzak.regeling.bron import Bron
from rugzak.regeling.regels.ambulante_begeleiding import Beslissing
from rugzak.regeling.uitleg import Stap, Uitleg, invoer

BRON_VERBREED = Bron("004", "paragraaf 'Verbrede toelating (artikel 76a)'")
BRON_NEVEN = Bron("004", "paragraaf 'Nevenvestigingen (artikel 76a WEC)'")
BRON_GEMEENSCHAP = Bron("004", "paragraaf 'Scholengemeenschap (artikel 71b WEC)'")
BRON_TOELATING = Bron("004", "paragraaf 'Toelating'")
BRON_RESIDENTIEEL = Bron("004", "paragraaf 'Residentiële plaatsen (artikel 71c WEC)'")


def _beslissing(
    regel: str, omschrijving: str, redenen: list[str], bron: Bron, onderwerp: str, **inv: object
) -> Beslissing:
    stap = Stap(
        regel=regel,
        omschrijving=omschrijving,
        uitkomst="toegestaan" if not redenen else "niet toegestaan: " + "; ".join(redenen),
        invoer=invoer(**inv),
        grondslag=(bron,),
    )
    return Beslissing(not redenen, tuple(redenen), Uitleg(onderwerp, (stap,)))


@dataclass(frozen=True, slots=True)
class Bekostigingswijze:
    """Hoe een verbreed toegelaten leerling meetelt (004, 'Verbrede toelating')."""

    formatie: str = "OP- en OOP-formatie volgens de minutenwals van de geïndiceerde onderwijssoort"
    materieel_leerling: str = "leerlingafhankelijke component volgens de indicatie"
    materieel_groep: str = "groepsafhankelijke component als leerling van de kernschool"
    schoolbudget: str = "volgens de indicatie van de leerling"
    huisvesting: str = "Gemeentefonds: volgens de onderwijssoort waarvoor geïndiceerd is"


def verbrede_toelating(
    *,
    school_onderwijssoort: Onderwijssoort,
    leerling_onderwijssoort: Onderwijssoort,
    school_is_so: bool,
    leerling_is_vso: bool,
    neemt_alle_mg_indicaties: bool = False,
    residentiele_plaatsen: bool = False,
) -> Beslissing:
    """Mag een (v)so-school deze leerling verbreed toelaten?

    Alleen in clusters 2 en 3 (cluster 4 kent een clusterindicatie), voor een andere
    onderwijssoort binnen hetzelfde cluster; geen vso-leerling op een so-school van
    dezelfde onderwijssoort; een cluster-3-school die mg verbreed toelaat, moet alle
    mg-indicaties kunnen opvangen; niet samen met residentiële plaatsen (004).
    """
    redenen: list[str] = []
    cluster = school_onderwijssoort.cluster
    if cluster not in (Cluster.C2, Cluster.C3):
        redenen.append(
            "verbrede toelating bestaat alleen in cluster 2 en 3 (cluster 4 kent een "
            "clusterindicatie)"
        )
    if leerling_onderwijssoort.cluster is not cluster:
        redenen.append("de leerling is geïndiceerd voor een onderwijssoort van een ander cluster")
    if leerling_onderwijssoort is school_onderwijssoort:
        if school_is_so and leerling_is_vso:
            redenen.append(
                "een vso-leerling kan niet verbreed worden toegelaten op een so-school "
                "van dezelfde onderwijssoort"
            )
        else:
            redenen.append("dezelfde onderwijssoort als de school: dat is gewone toelating")
    if (
        cluster is Cluster.C3
        and leerling_onderwijssoort.is_meervoudig
        and not neemt_alle_mg_indicaties
    ):
        redenen.append(
            "een cluster-3-school die mg verbreed toelaat, moet alle mg-geïndiceerde "
            "leerlingen kunnen opvangen"
        )
    if residentiele_plaatsen:
        redenen.append("verbrede toelating kan niet samen met residentiële plaatsen")
    return _beslissing(
        "rec.verbrede_toelating",
        "Verbrede toelating: een leerling met een indicatie voor een andere onderwijssoort binnen "
        "het REC toelaten; de school verzorgt voor die onderwijssoort geen ambulante begeleiding.",
        redenen,
        BRON_VERBREED,
        "verbrede toelating",
        school=school_onderwijssoort.value,
        leerling=leerling_onderwijssoort.value,
    )


def ab_bij_verbrede_toelating(
    *,
    verbreed_toegelaten_onderwijssoorten: Sequence[Onderwijssoort],
    ab_onderwijssoort: Onderwijssoort,
) -> Beslissing:
    """Geen ambulante begeleiding voor een onderwijssoort die de school alleen verbreed toelaat."""
    redenen = (
        [
            f"de school laat {ab_onderwijssoort.omschrijving} alleen verbreed toe en mag "
            "daarvoor geen ambulante begeleiding verzorgen"
        ]
        if ab_onderwijssoort in verbreed_toegelaten_onderwijssoorten
        else []
    )
    return _beslissing(
        "rec.verbreed_geen_ab",
        "Bij verbrede toelating gaat het alleen om toelaten, niet om ambulante begeleiding.",
        redenen,
        BRON_VERBREED,
        "ambulante begeleiding bij verbrede toelating",
        onderwijssoort=ab_onderwijssoort.value,
    )


def nevenvestiging(
    *,
    instemming_scholen_rec: bool,
    instemming_aanpalende_recs: bool,
    instemming_gemeente: bool,
    omzetting_zmlk_afdeling: bool = False,
) -> Beslissing:
    """Een nevenvestiging komt alleen in het spreidingsplan met instemming van de scholen in
    het REC, de aanpalende REC's en de gemeente; een zmlk-afdeling die wordt omgezet, volgt
    een eenvoudiger verzoek (004)."""
    redenen: list[str] = []
    if not omzetting_zmlk_afdeling:
        if not instemming_scholen_rec:
            redenen.append("instemming van de scholen binnen het REC ontbreekt")
        if not instemming_aanpalende_recs:
            redenen.append("instemming van de aanpalende REC's ontbreekt")
        if not instemming_gemeente:
            redenen.append("instemming van de gemeente van de nevenvestiging ontbreekt")
    return _beslissing(
        "rec.nevenvestiging",
        "Opname van een nevenvestiging in het spreidingsplan van het REC."
        + (
            " Omzetting van een zmlk-afdeling: verzoek tot omzetting volstaat."
            if omzetting_zmlk_afdeling
            else ""
        ),
        redenen,
        BRON_NEVEN,
        "nevenvestiging",
        omzetting_zmlk_afdeling="ja" if omzetting_zmlk_afdeling else "nee",
    )


def scholengemeenschap(
    *, onderwijssoorten: Sequence[Onderwijssoort], rec_clusteroverstijgend: bool
) -> Beslissing:
    """Scholen van verschillende onderwijssoorten binnen één REC; van verschillende clusters
    alleen in een clusteroverstijgend REC; nooit twee scholen van dezelfde onderwijssoort.
    Eén schoolplan voor de gemeenschap (004)."""
    redenen: list[str] = []
    if len(onderwijssoorten) < 2:
        redenen.append("een scholengemeenschap bestaat uit ten minste twee scholen")
    dubbel = sorted({o.value for o in onderwijssoorten if list(onderwijssoorten).count(o) > 1})
    if dubbel:
        redenen.append(
            "scholen van dezelfde onderwijssoort kunnen geen scholengemeenschap vormen: "
            + ", ".join(dubbel)
        )
    clusters = {o.cluster for o in onderwijssoorten}
    if len(clusters) > 1 and not rec_clusteroverstijgend:
        redenen.append("scholen van verschillende clusters alleen in een clusteroverstijgend REC")
    return _beslissing(
        "rec.scholengemeenschap",
        "Een scholengemeenschap van scholen binnen één REC, met één schoolplan.",
        redenen,
        BRON_GEMEENSCHAP,
        "scholengemeenschap",
        onderwijssoorten=", ".join(o.value for o in onderwijssoorten),
    )


def toelating_jonger_dan_4(*, heeft_indicatie: bool, instemming_inspectie: bool) -> Beslissing:
    """Een kind jonger dan 4 alleen met een indicatie en instemming van de inspectie (004)."""
    redenen: list[str] = []
    if not heeft_indicatie:
        redenen.append("een kind jonger dan 4 jaar kan alleen met een indicatie worden toegelaten")
    if not instemming_inspectie:
        redenen.append("de inspectie moet met de toelating van een kind jonger dan 4 instemmen")
    return _beslissing(
        "rec.toelating_jonger_dan_4",
        "Toelating tot het (v)so van een kind jonger dan 4 jaar.",
        redenen,
        BRON_TOELATING,
        "toelating jonger dan 4",
    )


def weigering_eigen_onderwijssoort(
    *, school_onderwijssoort: Onderwijssoort, leerling_onderwijssoort: Onderwijssoort, grond: str
) -> Beslissing:
    """Een school mag een leerling met een indicatie voor haar eigen onderwijssoort niet
    weigeren op de grond dat de leerling er niet past (004)."""
    redenen: list[str] = []
    if leerling_onderwijssoort is school_onderwijssoort and grond == "past_niet":
        redenen.append(
            "een leerling met een indicatie voor de onderwijssoort van de school mag "
            "niet geweigerd worden omdat hij niet op de school zou passen"
        )
    return _beslissing(
        "rec.weigering",
        "Weigeren van een geïndiceerde leerling door een (v)so-school.",
        redenen,
        BRON_TOELATING,
        "weigering van toelating",
        grond=grond,
    )
