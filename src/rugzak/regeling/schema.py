"""Het schema van de regelingsbestanden: welke parameters er zijn, hun soort,
toegestane eenheden en sleuteldimensies met hun toegestane waarden.

Een nieuw schooljaar voegt waarden toe aan bestaande parameters; een nieuwe
parameter vraagt ook een regel die hem gebruikt, en dus code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from rugzak.regeling.begrippen import (
    Budgetdeel,
    Leerweg,
    MboNiveaugroep,
    MboTijd,
    Onderwijssoort,
    Schoolsoort,
    VoVariant,
)

Soort = Literal["bedrag", "fractie", "aantal", "ja_nee", "maanden", "schooljaar", "datum"]

DIMENSIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "schoolsoort": Schoolsoort.codes(),
        "onderwijssoort": Onderwijssoort.codes(),
        "deel": Budgetdeel.codes(),
        "vo_variant": VoVariant.codes(),
        "mbo_tijd": MboTijd.codes(),
        "mbo_niveaugroep": MboNiveaugroep.codes(),
        "leerweg": Leerweg.codes(),
        "richting": ("daler", "groeier"),
    }
)

DUUR_EENHEDEN = ("dagen", "weken", "maanden", "jaren")


@dataclass(frozen=True, slots=True)
class ParameterSchema:
    naam: str
    omschrijving: str
    soort: Soort
    eenheden: tuple[str, ...]
    dimensies: tuple[str, ...] = ()


def _s(
    naam: str, omschrijving: str, soort: Soort, eenheden: tuple[str, ...], *dims: str
) -> ParameterSchema:
    return ParameterSchema(naam, omschrijving, soort, eenheden, dims)


_BEDRAG_DIMS = (
    "schoolsoort",
    "onderwijssoort",
    "deel",
    "vo_variant",
    "mbo_tijd",
    "mbo_niveaugroep",
)

PARAMETERS: Mapping[str, ParameterSchema] = MappingProxyType(
    {
        p.naam: p
        for p in (
            _s(
                "lgf.bedrag",
                "bedrag van een deel van het leerlinggebonden budget",
                "bedrag",
                ("EUR per schooljaar",),
                *_BEDRAG_DIMS,
            ),
            _s(
                "cluster1.bedrag",
                "bijzondere bekostiging visueel gehandicapten (geen LGF)",
                "bedrag",
                ("EUR per schooljaar",),
                *_BEDRAG_DIMS,
                "leerweg",
            ),
            _s(
                "lgf.minimumleeftijd",
                "leeftijd vanaf wanneer LGF mogelijk is",
                "aantal",
                ("jaren",),
            ),
            _s("lgf.mbo", "of een leerlinggebonden budget in het mbo mogelijk is", "ja_nee", ("",)),
            _s(
                "lgf.einde",
                "laatste dag van de leerlinggebonden financiering (daarna passend onderwijs)",
                "datum",
                ("datum",),
            ),
            _s(
                "indicatie.geldigheid",
                "geldigheidsduur van een indicatie",
                "aantal",
                ("jaren",),
                "onderwijssoort",
            ),
            _s(
                "indicatie.down_hele_loopbaan",
                "indicatie bij syndroom van Down geldt de hele onderwijsloopbaan",
                "ja_nee",
                ("",),
            ),
            _s(
                "termijn.cvi_beslissing",
                "beslistermijn CvI vanaf volledig dossier",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.cvi_verlenging",
                "duur van een verlenging van de beslistermijn",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.cvi_max_verlengingen",
                "hoe vaak de beslistermijn verlengd mag worden",
                "aantal",
                ("keer",),
            ),
            _s(
                "termijn.weigering_toelating",
                "termijn voor een besluit tot niet-toelating",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.handelingsplan",
                "handelingsplan gereed na plaatsing",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.evaluatiemaanden",
                "maanden van de evaluatiemomenten in een schooljaar",
                "maanden",
                ("kalendermaanden",),
            ),
            _s(
                "termijn.terugmelding",
                "termijn voor het terugmeldingsformulier",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.gastleerling_minimum",
                "kortste periode als gastleerling",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.gastleerling_maximum",
                "langste periode als gastleerling",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "termijn.gastleerling_maximum_verlengd",
                "langste periode als gastleerling na verlenging",
                "aantal",
                DUUR_EENHEDEN,
            ),
            _s(
                "rec.aandeel_leerlingen",
                "deel van de getelde leerlingen dat als dossier telt",
                "fractie",
                ("fractie",),
            ),
            _s(
                "rec.opslag_niet_positief",
                "opslag voor dossiers zonder positieve beslissing",
                "fractie",
                ("fractie",),
            ),
            _s(
                "rec.bedrag_per_dossier",
                "bedrag per dossier indicatiestelling",
                "bedrag",
                ("EUR per dossier",),
            ),
            _s("rec.vaste_voet", "vaste voet REC-bekostiging", "bedrag", ("EUR per schooljaar",)),
            _s(
                "rec.bedrag_per_school",
                "bedrag per school in het REC",
                "bedrag",
                ("EUR per school per schooljaar",),
            ),
            _s("rec.teldatum", "teldatum waarop de REC-bekostiging berust", "datum", ("datum",)),
            _s(
                "pab.aandeel_toegekend",
                "deel van het verschil met de genormeerde PAB-formatie",
                "fractie",
                ("fractie",),
                "richting",
            ),
            _s(
                "residentieel.verrekening",
                "toegekende plaatsen worden verrekend met leerlingen",
                "ja_nee",
                ("",),
            ),
            _s(
                "formatiegarantie.basisjaar",
                "schooljaar waartegen de formatie wordt vergeleken",
                "schooljaar",
                ("schooljaar",),
            ),
        )
    }
)
