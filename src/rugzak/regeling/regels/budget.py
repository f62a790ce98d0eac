"""Het jaarbudget van een leerling: wat zit er in de rugzak, en wie krijgt welk deel.

De bedragen komen uit de tarieftabellen (001 voor 2011-2012, 003 voor 2009-2010);
het schooldeel gaat naar de school van inschrijving, het AB-deel rechtstreeks naar
de school of dienst die de ambulante begeleiding verzorgt (001, 'Betaling').
Visueel gehandicapte leerlingen (cluster 1) vallen niet onder LGF; hun bijzondere
bekostiging wordt als eigen regeling berekend en zo gelabeld (001, 'Visueel
gehandicapten'; 004, 'Cluster 1').
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from rugzak.regeling.begrippen import (
    Budgetdeel,
    Cluster,
    Leerweg,
    MboNiveau,
    Onderwijssoort,
    Ontvanger,
    Regelingsoort,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.bron import Bron
from rugzak.regeling.fouten import NietToegestaan, OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.parameters import Parameterwaarde, Regeling
from rugzak.regeling.regels.looptijd import BRON_EINDE, DAARNA, lgf_einde
from rugzak.regeling.tijd import Schooljaar
from rugzak.regeling.uitleg import Stap, Uitleg, euro, invoer

BRON_BETALING = Bron("001", "paragraaf 'Betaling'")
BRON_REGULIER = Bron("003", "paragraaf 'Rugzak - AB (RAB)', laatste punt")
BRON_CLUSTER1 = Bron("001", "paragraaf 'Visueel gehandicapten'")
BRON_CLUSTER1_REC = Bron("004", "paragraaf 'Cluster 1. Visueel gehandicapten'")
BRON_ZML_VOETNOOT = Bron(
    "001",
    "voetnoot * bij de tabel 'Leerlinggebonden budget per 1 augustus 2011 voor het basisonderwijs'",
)
BRON_ZML_2009 = Bron("003", "tabel 'Primair Onderwijs', rij 'ZMLK Groep 3 t/m 8'")
BRON_DOWN_VO = Bron("001", "voetnoot ** bij de tabel voor het voortgezet onderwijs")
BRON_MBO_2003 = Bron(
    "004",
    "paragraaf 'Ambulante begeleiding (AB) en preventieve ambulante begeleiding (PAB)', slotalinea",
)

GROEPEN = tuple(range(1, 9))


@dataclass(frozen=True, slots=True)
class Situatie:
    """Wat een jaarbudget bepaalt: schooljaar, school, indicatie, groep of leerweg.

    ``groep`` (1-8) is alleen verplicht voor een zml-leerling in het basisonderwijs, waar de
    groep het aanvullende bedrag bepaalt; elders in het (s)bao hangt het bedrag niet van de
    groep af. ``vo_variant`` is verplicht in het vo, ``mbo_niveau`` en ``leerweg`` in het
    mbo. ``down_aanvulling`` betekent dat de school de aanvullende bekostiging voor een
    leerling met het syndroom van Down in het vo heeft aangevraagd. ``zml_aanvraag`` zegt of
    de eenmalige aanvraag voor het aanvullende zml-bedrag (formulier 66007, 003) is gedaan:
    ``True`` of ``None`` (onbekend) rekent de aanvulling mee, ``False`` niet.
    """

    schooljaar: Schooljaar
    schoolsoort: Schoolsoort
    onderwijssoort: Onderwijssoort
    groep: int | None = None
    vo_variant: VoVariant | None = None
    mbo_niveau: MboNiveau | None = None
    leerweg: Leerweg | None = None
    down_aanvulling: bool = False
    zml_aanvraag: bool | None = None

    def __post_init__(self) -> None:
        if self.groep is not None and self.groep not in GROEPEN:
            raise OngeldigeInvoer("groep", self.groep, toegestaan=[str(g) for g in GROEPEN])

    def als_invoer(self) -> tuple[tuple[str, str], ...]:
        return invoer(
            schooljaar=self.schooljaar,
            schoolsoort=self.schoolsoort.value,
            onderwijssoort=self.onderwijssoort.value,
            groep=self.groep,
            vo_variant=self.vo_variant.value if self.vo_variant else None,
            mbo_niveau=self.mbo_niveau.value if self.mbo_niveau else None,
            leerweg=self.leerweg.value if self.leerweg else None,
            down_aanvulling="ja" if self.down_aanvulling else None,
            zml_aanvraag=None if self.zml_aanvraag is None else _ja_nee(self.zml_aanvraag),
        )


def _ja_nee(waarde: bool) -> str:
    return "ja" if waarde else "nee"


@dataclass(frozen=True, slots=True)
class Budgetpost:
    """Eén deel van het budget met zijn ontvanger en de tabelcel waar het vandaan komt."""

    deel: Budgetdeel
    bedrag: Decimal
    waarde: Parameterwaarde

    @property
    def ontvanger(self) -> Ontvanger:
        return self.deel.ontvanger

    @property
    def bron(self) -> Bron:
        return self.waarde.bron

    def als_dict(self) -> dict[str, object]:
        return {
            "deel": self.deel.value,
            "omschrijving": self.deel.omschrijving,
            "ontvanger": self.ontvanger.value,
            "bedrag": str(self.bedrag),
            "bron": self.bron.als_dict(),
            "interpretaties": list(self.waarde.interpretaties),
        }


@dataclass(frozen=True, slots=True)
class Budget:
    """Het jaarbudget: posten per deel, totalen per ontvanger, en de uitleg."""

    situatie: Situatie
    regelingsoort: Regelingsoort
    posten: tuple[Budgetpost, ...]
    uitleg: Uitleg

    @property
    def totaal(self) -> Decimal:
        return sum((p.bedrag for p in self.posten), Decimal("0"))

    def per_ontvanger(self) -> Mapping[Ontvanger, Decimal]:
        totalen: dict[Ontvanger, Decimal] = {}
        for p in self.posten:
            totalen[p.ontvanger] = totalen.get(p.ontvanger, Decimal("0")) + p.bedrag
        return totalen

    def per_deel(self) -> Mapping[Budgetdeel, Decimal]:
        """Het totaal per deel van de rugzak: het aanvullende zml-bedrag telt mee bij het
        personele of materiële schooldeel waar het bij hoort (001, voetnoot *)."""
        totalen: dict[Budgetdeel, Decimal] = {}
        for p in self.posten:
            deel = p.deel.hoofddeel
            totalen[deel] = totalen.get(deel, Decimal("0")) + p.bedrag
        return totalen

    def bedrag(self, deel: Budgetdeel) -> Decimal:
        for p in self.posten:
            if p.deel is deel:
                return p.bedrag
        return Decimal("0")

    def als_dict(self) -> dict[str, object]:
        return {
            "situatie": dict(self.situatie.als_invoer()),
            "regeling": self.regelingsoort.value,
            "regeling_omschrijving": self.regelingsoort.omschrijving,
            "posten": [p.als_dict() for p in self.posten],
            "per_deel": {d.value: str(b) for d, b in self.per_deel().items()},
            "per_ontvanger": {o.value: str(b) for o, b in self.per_ontvanger().items()},
            "totaal": str(self.totaal),
            "uitleg": self.uitleg.als_dict(),
        }


def _vereist(waarde: object, veld: str, toegestaan: tuple[str, ...], waarom: str) -> None:
    if waarde is None:
        raise OngeldigeInvoer(veld, None, toegestaan=toegestaan, reden=waarom)


def _mbo_toegestaan(regeling: Regeling, situatie: Situatie) -> Stap:
    """LGF in het mbo bestaat pas als de bronnen het voor dat jaar prijzen (I-05)."""
    peildatum = situatie.schooljaar.begin
    try:
        w = regeling.zoek("lgf.mbo", peildatum)
    except OntbrekendeBron as e:
        raise OntbrekendeBron(
            f"de vraag of LGF in het mbo mogelijk is in {situatie.schooljaar}",
            peildatum,
            wel_bekend=e.wel_bekend,
            toelichting="004 sluit het in 2003-2004 uit, 001 prijst het in 2011-2012",
        ) from None
    if not w.waarde:
        raise NietToegestaan(
            f"in {situatie.schooljaar} is inschrijving in het mbo met een leerlinggebonden "
            "budget niet mogelijk; terugplaatsingsbegeleiding (TAB) kan wel één jaar",
            bron=w.bron.citeer(),
        )
    return Stap(
        regel="lgf.mbo",
        omschrijving="In dit schooljaar kent de regeling een leerlinggebonden budget in het mbo.",
        uitkomst="toegestaan",
        gelezen=(w.gelezen(),),
    )


def _sleutels_lgf(situatie: Situatie) -> list[tuple[Budgetdeel, dict[str, str]]]:
    """Welke tabelcellen bij deze situatie horen (de kolommen van 001 en 003)."""
    s = situatie
    basis = {"schoolsoort": s.schoolsoort.value, "onderwijssoort": s.onderwijssoort.value}
    if s.schoolsoort in (Schoolsoort.BAO, Schoolsoort.SBAO):
        if s.schoolsoort is Schoolsoort.BAO and s.onderwijssoort is Onderwijssoort.ZML:
            _vereist(
                s.groep,
                "groep",
                tuple(str(g) for g in GROEPEN),
                "verplicht voor een zml-leerling in het basisonderwijs: vanaf groep 3 komt er "
                "een aanvullend bedrag bij (001, voetnoot *)",
            )
        cellen: list[tuple[Budgetdeel, dict[str, str]]] = [
            (Budgetdeel.SCHOOL_PERSONEEL, {}),
            (Budgetdeel.SCHOOL_MATERIEEL, {}),
        ]
    elif s.schoolsoort is Schoolsoort.VO:
        _vereist(s.vo_variant, "vo_variant", VoVariant.codes(), "verplicht in het vo (001)")
        assert s.vo_variant is not None
        cellen = [(Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL, {"vo_variant": s.vo_variant.value})]
    elif s.schoolsoort is Schoolsoort.MBO:
        _vereist(s.mbo_niveau, "mbo_niveau", MboNiveau.codes(), "verplicht in het mbo (001)")
        _vereist(s.leerweg, "leerweg", Leerweg.codes(), "verplicht in het mbo (001)")
        assert s.mbo_niveau is not None and s.leerweg is not None
        basis["mbo_tijd"] = s.leerweg.mbo_tijd.value
        cellen = [
            (
                Budgetdeel.SCHOOL_PERSONEEL_MATERIEEL,
                {"mbo_niveaugroep": s.mbo_niveau.niveaugroep.value},
            )
        ]
    else:  # pragma: no cover - afgevangen door de toets op regulier onderwijs
        raise AssertionError(s.schoolsoort)
    cellen += [(Budgetdeel.AB_PERSONEEL, {}), (Budgetdeel.AB_MATERIEEL, {})]
    return [(deel, {**basis, **extra, "deel": deel.value}) for deel, extra in cellen]


def _lees(
    regeling: Regeling, naam: str, situatie: Situatie, sleutel: dict[str, str]
) -> Parameterwaarde:
    peildatum = situatie.schooljaar.begin
    try:
        return regeling.zoek(naam, peildatum, **sleutel)
    except OntbrekendeBron as e:
        soort = situatie.schoolsoort.omschrijving
        raise OntbrekendeBron(
            f"{naam} voor {situatie.onderwijssoort.omschrijving} in het {soort}, "
            f"deel '{sleutel.get('deel')}', schooljaar {situatie.schooljaar}",
            peildatum,
            wel_bekend=e.wel_bekend,
            toelichting="de bronnen prijzen deze combinatie niet; er wordt niet teruggevallen "
            "op een ander jaar of een andere rij",
        ) from None


def _stap_post(post: Budgetpost) -> Stap:
    return Stap(
        regel=f"budget.{post.deel.value}",
        omschrijving=f"{post.deel.omschrijving.capitalize()}, naar {post.ontvanger.omschrijving}.",
        uitkomst=euro(post.bedrag) + " per schooljaar",
        gelezen=(post.waarde.gelezen(),),
        grondslag=(BRON_BETALING,),
    )


def _zml_aanvulling(regeling: Regeling, situatie: Situatie) -> tuple[list[Budgetpost], list[Stap]]:
    """Aanvulling voor zml-leerlingen vanaf groep 3, alleen in het basisonderwijs (001 voetnoot *;
    003 rij 'ZMLK Groep 3 t/m 8', 'geldt niet voor speciaal basis onderwijs')."""
    s = situatie
    if s.onderwijssoort is not Onderwijssoort.ZML or s.groep is None:
        return [], []
    if s.groep >= 3 and s.schoolsoort is Schoolsoort.BAO and s.zml_aanvraag is False:
        return [], [
            Stap(
                regel="budget.zml_aanvulling",
                omschrijving="Het aanvullende zml-bedrag vanaf groep 3 vraagt één aanvraag bij de "
                "overgang naar groep 3 (formulier 66007); die is niet gedaan, dus het hoort niet "
                "bij het budget.",
                uitkomst="geen aanvulling (niet aangevraagd)",
                invoer=invoer(groep=s.groep, zml_aanvraag="nee"),
                grondslag=(BRON_ZML_VOETNOOT, BRON_ZML_2009),
                interpretaties=("I-15",),
            )
        ]
    if s.groep < 3:
        return [], [
            Stap(
                regel="budget.zml_aanvulling",
                omschrijving="Het aanvullende zml-bedrag geldt pas vanaf groep 3.",
                uitkomst="geen aanvulling (groep " + str(s.groep) + ")",
                invoer=invoer(groep=s.groep),
                grondslag=(BRON_ZML_VOETNOOT, BRON_ZML_2009),
                interpretaties=("I-15",),
            )
        ]
    if s.schoolsoort is not Schoolsoort.BAO:
        return [], [
            Stap(
                regel="budget.zml_aanvulling",
                omschrijving="Het aanvullende zml-bedrag geldt alleen in het basisonderwijs, "
                "niet in het speciaal basisonderwijs.",
                uitkomst="geen aanvulling (" + s.schoolsoort.omschrijving + ")",
                invoer=invoer(schoolsoort=s.schoolsoort.value),
                grondslag=(BRON_ZML_VOETNOOT, BRON_ZML_2009),
            )
        ]
    posten = []
    for deel in (Budgetdeel.ZML_PERSONEEL, Budgetdeel.ZML_MATERIEEL):
        w = _lees(
            regeling,
            "lgf.bedrag",
            s,
            {"schoolsoort": "bao", "onderwijssoort": "zml", "deel": deel.value},
        )
        assert isinstance(w.waarde, Decimal)
        posten.append(Budgetpost(deel, w.waarde, w))
    stappen = [
        Stap(
            regel="budget.zml_aanvulling",
            omschrijving="Zml-leerling in groep 3 of hoger in het basisonderwijs: het aanvullende "
            "bedrag hoort bij het budget"
            + (
                " (de eenmalige aanvraag is gedaan)."
                if s.zml_aanvraag
                else " (het wordt pas betaald na de eenmalige aanvraag, formulier 66007)."
            ),
            uitkomst="aanvulling " + euro(sum((p.bedrag for p in posten), Decimal(0))),
            invoer=invoer(groep=s.groep),
            grondslag=(BRON_ZML_VOETNOOT, BRON_ZML_2009),
            interpretaties=("I-15",),
        )
    ]
    return posten, stappen + [_stap_post(p) for p in posten]


def _sleutels_cluster1(situatie: Situatie) -> list[tuple[Budgetdeel, dict[str, str]]]:
    """Welke cellen van de cluster-1-tabel van 001 bij deze situatie horen."""
    s = situatie
    basis = {"schoolsoort": s.schoolsoort.value, "onderwijssoort": s.onderwijssoort.value}
    if s.schoolsoort is Schoolsoort.BAO:
        return [
            (Budgetdeel.CLUSTER1_PERSONEEL, basis | {"deel": "cluster1_personeel"}),
            (Budgetdeel.CLUSTER1_MATERIEEL, basis | {"deel": "cluster1_materieel"}),
        ]
    if s.schoolsoort is Schoolsoort.VO:
        return [(Budgetdeel.CLUSTER1, basis | {"deel": "cluster1"})]
    if s.schoolsoort is Schoolsoort.MBO:
        _vereist(s.leerweg, "leerweg", Leerweg.codes(), "verplicht in het mbo (001)")
        assert s.leerweg is not None
        return [(Budgetdeel.CLUSTER1, basis | {"deel": "cluster1", "leerweg": s.leerweg.value})]
    raise OntbrekendeBron(
        f"bijzondere bekostiging cluster 1 in het {s.schoolsoort.omschrijving}",
        s.schooljaar.begin,
        toelichting="001 noemt alleen basisonderwijs, voortgezet onderwijs en mbo",
    )


def _niet_regulier(situatie: Situatie) -> NietToegestaan:
    return NietToegestaan(
        f"een leerlinggebonden budget bestaat alleen in het regulier onderwijs, niet in het "
        f"{situatie.schoolsoort.omschrijving}",
        bron=BRON_REGULIER.citeer(),
    )


def _met_zml_aanvulling(situatie: Situatie) -> bool:
    """Hoort het aanvullende zml-bedrag bij het budget (001 voetnoot *; 003 rij 'ZMLK
    Groep 3 t/m 8'; I-15): zml, basisonderwijs, groep 3 of hoger, aanvraag niet 'nee'."""
    s = situatie
    return (
        s.onderwijssoort is Onderwijssoort.ZML
        and s.schoolsoort is Schoolsoort.BAO
        and s.groep is not None
        and s.groep >= 3
        and s.zml_aanvraag is not False
    )


def budgetdelen(situatie: Situatie) -> tuple[Budgetdeel, ...]:
    """De delen die het jaarbudget van deze situatie heeft, zonder bedragen: dezelfde delen
    in dezelfde volgorde als de posten van :func:`jaarbudget`, met hun ontvanger
    (``deel.ontvanger``, 001 'Betaling').

    Voor een schooljaar waarvoor de bronnen geen tarief geven, zegt dit wie welk deel zou
    krijgen; het bedrag blijft onbekend (interpretatie I-102). Cluster 1 buiten bao, vo en
    mbo kent geen delen en geeft :class:`OntbrekendeBron`; invoerfouten (bv. een zml-
    leerling in het bao zonder groep) geven dezelfde fout als :func:`jaarbudget`.
    """
    s = situatie
    if s.onderwijssoort.cluster is Cluster.C1:
        return tuple(d for d, _ in _sleutels_cluster1(s))
    if not s.schoolsoort.is_regulier:
        raise _niet_regulier(s)
    delen = [d for d, _ in _sleutels_lgf(s)]
    if _met_zml_aanvulling(s):
        delen += [Budgetdeel.ZML_PERSONEEL, Budgetdeel.ZML_MATERIEEL]
    return tuple(delen)


def _cluster1(regeling: Regeling, situatie: Situatie) -> Budget:
    s = situatie
    cellen = _sleutels_cluster1(s)
    posten = []
    for deel, sleutel in cellen:
        w = _lees(regeling, "cluster1.bedrag", s, sleutel)
        assert isinstance(w.waarde, Decimal)
        posten.append(Budgetpost(deel, w.waarde, w))
    uitleg = Uitleg(
        f"bijzondere bekostiging {s.onderwijssoort.omschrijving} ({s.schoolsoort.omschrijving}, "
        f"{s.schooljaar})",
        (
            Stap(
                regel="budget.cluster1",
                omschrijving="Visueel gehandicapte leerlingen vallen niet onder de "
                "leerlinggebonden "
                "financiering; de school kan bijzondere bekostiging aanvragen.",
                uitkomst=Regelingsoort.CLUSTER1.omschrijving,
                invoer=s.als_invoer(),
                grondslag=(BRON_CLUSTER1, BRON_CLUSTER1_REC),
            ),
            *(_stap_post(p) for p in posten),
            _stap_totaal(posten),
        ),
    )
    return Budget(s, Regelingsoort.CLUSTER1, tuple(posten), uitleg)


def _stap_totaal(posten: list[Budgetpost]) -> Stap:
    per: dict[Ontvanger, Decimal] = {}
    for p in posten:
        per[p.ontvanger] = per.get(p.ontvanger, Decimal(0)) + p.bedrag
    delen = [f"{o.omschrijving}: {euro(b)}" for o, b in per.items()]
    totaal = sum(per.values(), Decimal(0))
    return Stap(
        regel="budget.totaal",
        omschrijving="Optellen per ontvanger.",
        uitkomst="; ".join(delen) + f"; totaal {euro(totaal)} per schooljaar",
        grondslag=(BRON_BETALING,),
    )


#: de parameters met de tarieven per leerling (LGF en de bijzondere bekostiging van cluster 1)
TARIEFPARAMETERS = ("lgf.bedrag", "cluster1.bedrag")


def geprijsde_schooljaren(regeling: Regeling) -> tuple[Schooljaar, ...]:
    """De schooljaren waarvoor de regeling tarieven kent (oplopend): een schooljaar telt als
    een tarieftabel geldt op 1 augustus, de dag waarop :func:`jaarbudget` de tarieven leest.
    Dat een combinatie van school en onderwijssoort in zo'n jaar geprijsd is, zegt dit
    niet (2009-2010 kent alleen cluster 3 in het primair onderwijs); dat zegt
    :func:`jaarbudget` met :class:`OntbrekendeBron`."""
    jaren: set[Schooljaar] = set()
    for naam in TARIEFPARAMETERS:
        for periode in regeling.perioden(naam):
            jaar = Schooljaar.van_datum(periode.van)
            while jaar.begin <= periode.tot:
                if periode.bevat(jaar.begin):
                    jaren.add(jaar)
                jaar = Schooljaar(jaar.beginjaar + 1)
    return tuple(sorted(jaren))


def jaarbudget(regeling: Regeling, situatie: Situatie) -> Budget:
    """Het budget voor één schooljaar, per deel en per ontvanger, met uitleg.

    Een combinatie die de bronnen niet prijzen (bv. vo met ernstige
    spraakmoeilijkheden, of cluster 2 in 2009-2010) geeft :class:`OntbrekendeBron`; een
    schooljaar na het einde van LGF geeft :class:`NietToegestaan` (I-70).
    """
    s = situatie
    if s.onderwijssoort.cluster is Cluster.C1:
        return _cluster1(regeling, s)
    if not s.schoolsoort.is_regulier:
        raise _niet_regulier(s)
    einde_lgf = lgf_einde(regeling)
    if einde_lgf.voorbij(s.schooljaar.begin):
        raise NietToegestaan(
            f"in {s.schooljaar} bestaat geen leerlinggebonden budget meer: LGF eindigde op "
            f"{einde_lgf.laatste_dag.isoformat()}; {DAARNA} (interpretatie I-70)",
            bron=BRON_EINDE.citeer(),
        )
    stappen: list[Stap] = [
        Stap(
            regel="budget.regeling",
            omschrijving=f"Leerling met een indicatie {s.onderwijssoort.omschrijving} "
            f"({s.onderwijssoort.cluster.omschrijving}) in het {s.schoolsoort.omschrijving}: "
            "leerlinggebonden financiering.",
            uitkomst=Regelingsoort.LGF.omschrijving,
            invoer=s.als_invoer(),
            grondslag=(BRON_REGULIER,),
        )
    ]
    if s.schoolsoort is Schoolsoort.MBO:
        stappen.append(_mbo_toegestaan(regeling, s))
    posten: list[Budgetpost] = []
    for deel, sleutel in _sleutels_lgf(s):
        w = _lees(regeling, "lgf.bedrag", s, sleutel)
        assert isinstance(w.waarde, Decimal)
        posten.append(Budgetpost(deel, w.waarde, w))
    stappen.extend(_stap_post(p) for p in posten)
    zml_posten, zml_stappen = _zml_aanvulling(regeling, s)
    posten.extend(zml_posten)
    stappen.extend(zml_stappen)
    if s.down_aanvulling:
        if s.schoolsoort is not Schoolsoort.VO:
            raise OngeldigeInvoer(
                "down_aanvulling",
                True,
                reden="de aanvulling voor het syndroom van Down bestaat "
                "alleen in het voortgezet onderwijs (001, voetnoot **)",
            )
        raise OntbrekendeBron(
            "de aanvullende personele bekostiging voor een leerling met het syndroom van Down "
            "in het vo",
            s.schooljaar.begin,
            toelichting="001 noemt de aanvraag bij DUO maar geen bedrag (interpretatie I-18)",
        )
    stappen.append(_stap_totaal(posten))
    onderwerp = (
        f"budget {s.onderwijssoort.omschrijving}, {s.schoolsoort.omschrijving}, {s.schooljaar}"
    )
    return Budget(s, Regelingsoort.LGF, tuple(posten), Uitleg(onderwerp, tuple(stappen)))
