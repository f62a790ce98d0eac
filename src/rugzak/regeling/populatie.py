"""Een populatie voor wat-als-berekeningen: één rij per inschrijving per schooljaar.

Het formaat volgt de invoer van het bulkpad (:class:`~rugzak.regeling.batch.Leerlingjaar`)
plus wie en waar: een pseudoniem van de leerling (nooit een naam), het schooljaar, de
school en het REC. Zie :data:`KOLOMMEN` voor elke kolom, haar soort en wat ze accepteert
(ook in ``rugzak scenario --help`` en de README). Een verhuizing binnen het schooljaar
is twee rijen (oude school met ``verhuisd_op``, nieuwe met ``via_verhuizing = ja``); een
herindicatie bij dezelfde school is twee rijen (de eerste met ``opvolger_melding`` =
meldingsdatum van de tweede); interpretatie I-79.

:func:`populatie_uit_rijen` controleert alles en meldt *elke* foute rij met rijnummer
en veld (:class:`OngeldigePopulatie`); er wordt niets berekend zolang er één is. Het
lezen van het CSV-bestand zit in :func:`rugzak.regeling.laden.lees_populatie`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from rugzak.regeling.batch import (
    GROEPEN,
    LEERWEGEN,
    MBO_NIVEAUS,
    ONDERWIJSSOORTEN,
    SCHOOLSOORTEN,
    VO_VARIANTEN,
    Leerlingjaar,
    Leerlingjaren,
    combinatie_index,
)
from rugzak.regeling.begrippen import (
    Leerweg,
    MboNiveau,
    Onderwijssoort,
    Schoolsoort,
    VoVariant,
)
from rugzak.regeling.fouten import RegelingFout
from rugzak.regeling.regels.betaling import (
    Gebeurtenis,
    TerugplaatsingGroep2,
    Uitschrijving,
    ZmlAanvraag,
)
from rugzak.regeling.regels.melding import Melding
from rugzak.regeling.tijd import Schooljaar

SCHOOLSOORTEN_POPULATIE = ("bao", "sbao", "vo", "mbo")
JA_NEE = ("ja", "nee")


@dataclass(frozen=True, slots=True)
class Kolom:
    naam: str
    soort: str
    verplicht: str  # "ja", "nee" of wanneer
    accepteert: str
    omschrijving: str


_DATUM = "JJJJ-MM-DD"
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: Datums buiten dit bereik kunnen geen LGF-geschiedenis zijn en vallen buiten de
#: kalendertabellen van het bulkpad.
_EERSTE = date(1900, 1, 1)
_LAATSTE = date(2099, 12, 31)
KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("leerling", "tekst", "ja", "pseudoniem of CvI-nummer, nooit een naam", "wie"),
    Kolom("schooljaar", "schooljaar", "ja", "bv. 2011-2012", "het schooljaar van deze rij"),
    Kolom("school", "tekst", "ja", "code van de school (brin of eigen code)", "waar ingeschreven"),
    Kolom("rec", "tekst", "ja", "code van het REC", "het REC van de indicatie"),
    Kolom("schoolsoort", "code", "ja", ", ".join(SCHOOLSOORTEN_POPULATIE), "reguliere schoolsoort"),
    Kolom("onderwijssoort", "code", "ja", ", ".join(Onderwijssoort.codes()), "van de indicatie"),
    Kolom("groep", "geheel getal", "bij bao en sbao", "1-8", "groep in dit schooljaar"),
    Kolom("vo_variant", "code", "bij vo", ", ".join(VoVariant.codes()), "soort vo"),
    Kolom("leerweg", "code", "bij mbo", ", ".join(Leerweg.codes()), "mbo-leerweg"),
    Kolom("mbo_niveau", "code", "bij mbo", ", ".join(MboNiveau.codes()), "mbo-niveau"),
    Kolom("meldingsdatum", "datum", "ja", _DATUM, "melding bij de bekostigingsinstantie"),
    Kolom("inschrijvingsdatum", "datum", "ja", _DATUM, "inschrijving op deze school"),
    Kolom("indicatiedatum", "datum", "ja", _DATUM, "datum van de indicatie"),
    Kolom("indicatie_einde", "datum", "nee", _DATUM, "leeg: volgt uit de geldigheidsduur"),
    Kolom("uitschrijving", "datum", "nee", _DATUM, "eerste dag niet meer ingeschreven"),
    Kolom("verhuisd_op", "datum", "nee", _DATUM, "inschrijving op de nieuwe school"),
    Kolom("via_verhuizing", "ja/nee", "nee", "ja, nee (leeg = nee)", "rij is de nieuwe school"),
    Kolom("opvolger_melding", "datum", "nee", _DATUM, "meldingsdatum van de herindicatie"),
    Kolom("zml_aanvraag", "datum", "nee", _DATUM, "aanvraag aanvullend zml-bedrag"),
    Kolom("terugplaatsing_groep2", "datum", "nee", _DATUM, "terug naar groep 2"),
    Kolom("geboortedatum", "datum", "nee", _DATUM, "voor de minimumleeftijd"),
    Kolom("down", "ja/nee", "nee", "ja, nee (leeg = nee)", "syndroom van Down"),
    Kolom("cvi_nummer", "tekst", "nee", "leeg: het pseudoniem", "voor de uitleg"),
    Kolom("ab_verzorger", "tekst", "nee", "leeg: 'ab-onbekend'", "voor de uitleg"),
)
KOLOMNAMEN = tuple(k.naam for k in KOLOMMEN)
VERPLICHT = tuple(k.naam for k in KOLOMMEN if k.verplicht == "ja")


def kolommen_tekst() -> str:
    """De kolommen als tekst (voor ``--help`` en de README)."""
    breedte = max(len(k.naam) for k in KOLOMMEN)
    return "\n".join(
        f"  {k.naam:<{breedte}}  {k.soort}; verplicht: {k.verplicht}; {k.accepteert}"
        for k in KOLOMMEN
    )


@dataclass(frozen=True, slots=True)
class Rijfout:
    """Eén probleem: rij (regel in het bestand; de kop is regel 1), veld en melding."""

    rij: int
    veld: str
    melding: str

    def __str__(self) -> str:
        return f"rij {self.rij}, veld '{self.veld}': {self.melding}"


class OngeldigePopulatie(RegelingFout, ValueError):
    """Een of meer rijen van een populatiebestand kloppen niet; er wordt niets berekend."""

    def __init__(self, fouten: Sequence[Rijfout], bestand: str = "populatie") -> None:
        self.fouten = tuple(fouten)
        super().__init__(
            f"{len(self.fouten)} probleem/problemen in {bestand}:\n"
            + "\n".join(f"  - {f}" for f in self.fouten)
        )


@dataclass(frozen=True, slots=True)
class Populatierij:
    rij: int
    leerling: str
    schooljaar: Schooljaar
    school: str
    rec: str
    jaar: Leerlingjaar
    cvi_nummer: str
    ab_verzorger: str


@dataclass(frozen=True, slots=True)
class Populatie:
    rijen: tuple[Populatierij, ...]

    def schooljaren(self) -> tuple[Schooljaar, ...]:
        return tuple(sorted({r.schooljaar for r in self.rijen}))

    def van_jaar(self, schooljaar: Schooljaar) -> tuple[Populatierij, ...]:
        return tuple(r for r in self.rijen if r.schooljaar == schooljaar)


class _Rij:
    """Hulp: velden van één rij lezen en elk probleem noteren."""

    def __init__(self, nr: int, ruw: Mapping[str | None, object], fouten: list[Rijfout]) -> None:
        self.nr = nr
        self.ruw = ruw
        self.fouten = fouten
        self.ok = True

    def fout(self, veld: str, melding: str) -> None:
        self.fouten.append(Rijfout(self.nr, veld, melding))
        self.ok = False

    def tekst(self, veld: str) -> str:
        w = self.ruw.get(veld)
        return w.strip() if isinstance(w, str) else ""

    def verplicht(self, veld: str) -> str:
        w = self.tekst(veld)
        if not w:
            self.fout(veld, "ontbreekt (verplicht)")
        return w

    def datum(self, veld: str, *, verplicht: bool = False) -> date | None:
        w = self.tekst(veld)
        if not w:
            if verplicht:
                self.fout(veld, f"ontbreekt (verplicht, {_DATUM})")
            return None
        try:
            if not _ISO.match(w):
                raise ValueError(w)
            d = date.fromisoformat(w)
        except ValueError:
            self.fout(veld, f"{w!r} is geen datum; schrijf {_DATUM}, bv. 2011-09-01")
            return None
        if not _EERSTE <= d <= _LAATSTE:
            self.fout(veld, f"{w} ligt buiten {_EERSTE} t/m {_LAATSTE}")
            return None
        return d

    def ja_nee(self, veld: str) -> bool:
        w = self.tekst(veld).lower()
        if w in ("", "nee"):
            return False
        if w == "ja":
            return True
        self.fout(veld, f"{w!r}; toegestaan: ja, nee (leeg = nee)")
        return False

    def code(self, veld: str, toegestaan: Sequence[str], *, nodig: bool, waarom: str) -> str | None:
        w = self.tekst(veld)
        if not w:
            if nodig:
                self.fout(veld, f"ontbreekt ({waarom}); toegestaan: {', '.join(toegestaan)}")
            return None
        if not nodig:
            self.fout(veld, f"{w!r} hoort hier niet ({waarom}); laat het veld leeg")
            return None
        if w not in toegestaan:
            self.fout(veld, f"onbekende waarde {w!r}; toegestaan: {', '.join(toegestaan)}")
            return None
        return w


def _lees_rij(
    nr: int, ruw: Mapping[str | None, object], fouten: list[Rijfout]
) -> Populatierij | None:
    r = _Rij(nr, ruw, fouten)
    if ruw.get(None):
        r.fout("(einde)", "meer velden dan kolommen in de kop")
    leerling = r.verplicht("leerling")
    school = r.verplicht("school")
    rec = r.verplicht("rec")
    sj_tekst = r.verplicht("schooljaar")
    schooljaar: Schooljaar | None = None
    if sj_tekst:
        try:
            schooljaar = Schooljaar.van_tekst(sj_tekst)
        except (RegelingFout, ValueError):
            r.fout("schooljaar", f"{sj_tekst!r} is geen schooljaar; schrijf bv. 2011-2012")
    ss = r.code("schoolsoort", SCHOOLSOORTEN_POPULATIE, nodig=True, waarom="verplicht")
    os_ = r.code("onderwijssoort", Onderwijssoort.codes(), nodig=True, waarom="verplicht")
    po = ss in ("bao", "sbao")
    groep: int | None = None
    g = r.tekst("groep")
    if po:
        if g not in tuple(str(i) for i in range(1, 9)):
            r.fout(
                "groep",
                ("ontbreekt" if not g else f"{g!r} is ongeldig")
                + " (verplicht bij bao en sbao); toegestaan: 1-8",
            )
        else:
            groep = int(g)
    elif g and ss is not None:
        r.fout("groep", f"{g!r} hoort hier niet (alleen bij bao en sbao); laat het veld leeg")
    vo = (
        r.code(
            "vo_variant", VoVariant.codes(), nodig=ss == "vo", waarom="alleen en verplicht bij vo"
        )
        if ss
        else None
    )
    lw = (
        r.code("leerweg", Leerweg.codes(), nodig=ss == "mbo", waarom="alleen en verplicht bij mbo")
        if ss
        else None
    )
    niv = (
        r.code(
            "mbo_niveau", MboNiveau.codes(), nodig=ss == "mbo", waarom="alleen en verplicht bij mbo"
        )
        if ss
        else None
    )
    melding = r.datum("meldingsdatum", verplicht=True)
    ins = r.datum("inschrijvingsdatum", verplicht=True)
    ind = r.datum("indicatiedatum", verplicht=True)
    einde = r.datum("indicatie_einde")
    uit = r.datum("uitschrijving")
    verhuisd = r.datum("verhuisd_op")
    opvolger = r.datum("opvolger_melding")
    zml = r.datum("zml_aanvraag")
    terug = r.datum("terugplaatsing_groep2")
    geb = r.datum("geboortedatum")
    via = r.ja_nee("via_verhuizing")
    down = r.ja_nee("down")
    if ins and uit and uit <= ins:
        r.fout("uitschrijving", f"{uit} ligt niet na de inschrijvingsdatum {ins}")
    if ins and verhuisd and verhuisd <= ins:
        r.fout("verhuisd_op", f"{verhuisd} ligt niet na de inschrijvingsdatum {ins}")
    if melding and opvolger and opvolger <= melding:
        r.fout("opvolger_melding", f"{opvolger} ligt niet na de meldingsdatum {melding}")
    if ind and einde and einde < ind:
        r.fout("indicatie_einde", f"{einde} ligt vóór de indicatiedatum {ind}")
    if (zml or terug) and not (ss == "bao" and os_ == "zml"):
        veld = "zml_aanvraag" if zml else "terugplaatsing_groep2"
        r.fout(veld, "hoort alleen bij een zml-leerling in het basisonderwijs (bao, zml)")
    if not r.ok:
        return None
    assert schooljaar and ss and os_ and melding and ins and ind
    return Populatierij(
        rij=nr,
        leerling=leerling,
        schooljaar=schooljaar,
        school=school,
        rec=rec,
        jaar=Leerlingjaar(
            schoolsoort=Schoolsoort.van_code(ss, veld="schoolsoort"),
            onderwijssoort=Onderwijssoort.van_code(os_, veld="onderwijssoort"),
            meldingsdatum=melding,
            inschrijvingsdatum=ins,
            indicatiedatum=ind,
            groep=groep,
            vo_variant=VoVariant.van_code(vo, veld="vo_variant") if vo else None,
            leerweg=Leerweg.van_code(lw, veld="leerweg") if lw else None,
            mbo_niveau=MboNiveau.van_code(niv, veld="mbo_niveau") if niv else None,
            indicatie_einde=einde,
            uitschrijving=uit,
            verhuisd_op=verhuisd,
            via_verhuizing=via,
            opvolger_melding=opvolger,
            zml_aanvraag=zml,
            terugplaatsing_groep2=terug,
            geboortedatum=geb,
            down=down,
        ),
        cvi_nummer=r.tekst("cvi_nummer") or leerling,
        ab_verzorger=r.tekst("ab_verzorger") or "ab-onbekend",
    )


def _samenhang(rijen: Sequence[Populatierij], fouten: list[Rijfout]) -> None:
    """Controles over rijen van dezelfde leerling in hetzelfde schooljaar heen (I-79)."""
    groepen: dict[tuple[str, Schooljaar], list[Populatierij]] = {}
    for r in rijen:
        groepen.setdefault((r.leerling, r.schooljaar), []).append(r)
    for (_, sj), groep in groepen.items():
        gezien: dict[tuple[str, date], int] = {}
        for r in groep:
            j = r.jaar
            sleutel = (r.school, j.meldingsdatum)
            if sleutel in gezien:
                fouten.append(
                    Rijfout(
                        r.rij,
                        "meldingsdatum",
                        f"dezelfde leerling, school en meldingsdatum als rij {gezien[sleutel]}",
                    )
                )
            gezien.setdefault(sleutel, r.rij)
            if j.opvolger_melding is not None:
                opvolgers = [
                    o
                    for o in groep
                    if o.school == r.school and o.jaar.meldingsdatum == j.opvolger_melding
                ]
                if not opvolgers:
                    fouten.append(
                        Rijfout(
                            r.rij,
                            "opvolger_melding",
                            "geen rij van deze leerling bij deze school met die meldingsdatum "
                            "(de herindicatie is een eigen rij; I-79)",
                        )
                    )
                for o in opvolgers:
                    if (o.jaar.inschrijvingsdatum, o.jaar.uitschrijving) != (
                        j.inschrijvingsdatum,
                        j.uitschrijving,
                    ):
                        fouten.append(
                            Rijfout(
                                o.rij,
                                "inschrijvingsdatum",
                                f"de herindicatie hoort bij dezelfde inschrijving als rij {r.rij}: "
                                "zelfde inschrijvingsdatum en uitschrijving",
                            )
                        )
            if (
                j.verhuisd_op is not None
                and j.verhuisd_op > sj.begin
                and not any(
                    n.school != r.school
                    and n.jaar.via_verhuizing
                    and n.jaar.inschrijvingsdatum == j.verhuisd_op
                    for n in groep
                )
            ):
                fouten.append(
                    Rijfout(
                        r.rij,
                        "verhuisd_op",
                        "geen rij van de nieuwe school (via_verhuizing = ja, "
                        "inschrijvingsdatum = verhuisd_op) in dit schooljaar (I-79)",
                    )
                )
            if (
                j.via_verhuizing
                and j.inschrijvingsdatum > sj.begin
                and not any(
                    o.school != r.school and o.jaar.verhuisd_op == j.inschrijvingsdatum
                    for o in groep
                )
            ):
                fouten.append(
                    Rijfout(
                        r.rij,
                        "via_verhuizing",
                        "geen rij van de oude school met verhuisd_op = deze "
                        "inschrijvingsdatum in dit schooljaar (I-79)",
                    )
                )


def samenhangfouten(rijen: Sequence[Populatierij]) -> tuple[Rijfout, ...]:
    """De controles over rijen heen (verhuizing, herindicatie, dubbele rijen; I-79), voor
    wie een :class:`Populatie` zelf opbouwt (bv. uit de database) in plaats van uit CSV."""
    fouten: list[Rijfout] = []
    _samenhang(rijen, fouten)
    return tuple(sorted(fouten, key=lambda f: f.rij))


def populatie_uit_rijen(
    kop: Sequence[str] | None,
    rijen: Sequence[Mapping[str | None, object]],
    *,
    bestand: str = "populatie",
) -> Populatie:
    """Een :class:`Populatie` uit CSV-rijen (``csv.DictReader``); elke fout wordt gemeld.

    Rijnummers zijn regels in het bestand: de kop is regel 1, de eerste rij regel 2.
    """
    fouten: list[Rijfout] = []
    if not kop:
        raise OngeldigePopulatie(
            [
                Rijfout(
                    1,
                    "(kop)",
                    "geen kop; de eerste regel noemt de kolommen: " + ", ".join(KOLOMNAMEN),
                )
            ],
            bestand,
        )
    for naam in kop:
        if naam not in KOLOMNAMEN:
            fouten.append(
                Rijfout(1, str(naam), "onbekende kolom; bekend: " + ", ".join(KOLOMNAMEN))
            )
    for naam in VERPLICHT:
        if naam not in kop:
            fouten.append(Rijfout(1, naam, "verplichte kolom ontbreekt in de kop"))
    dubbel = sorted({str(k) for k in kop if list(kop).count(k) > 1})
    for naam in dubbel:
        fouten.append(Rijfout(1, naam, "kolom staat dubbel in de kop"))
    if fouten:
        raise OngeldigePopulatie(fouten, bestand)
    gelezen = [r for nr, ruw in enumerate(rijen, start=2) if (r := _lees_rij(nr, ruw, fouten))]
    if not rijen:
        fouten.append(Rijfout(2, "(rij)", "het bestand heeft geen rijen onder de kop"))
    _samenhang(gelezen, fouten)
    if fouten:
        raise OngeldigePopulatie(sorted(fouten, key=lambda f: f.rij), bestand)
    return Populatie(tuple(gelezen))


def gebeurtenissen_van(rijen: Sequence[Populatierij]) -> list[Gebeurtenis]:
    """De geschiedenis van één leerling in een schooljaar voor het pad voor één leerling:
    een melding per rij, plus uitschrijvingen, zml-aanvragen en terugplaatsingen."""
    uit: list[Gebeurtenis] = []
    zml: set[date] = set()
    terug: set[date] = set()
    for r in rijen:
        j = r.jaar
        uit.append(
            Melding(
                meldingsdatum=j.meldingsdatum,
                school=r.school,
                schoolsoort=j.schoolsoort,
                inschrijvingsdatum=j.inschrijvingsdatum,
                cvi_nummer=r.cvi_nummer,
                indicatiedatum=j.indicatiedatum,
                onderwijssoort=j.onderwijssoort,
                ab_verzorger=r.ab_verzorger,
                groep=j.groep,
                vo_variant=j.vo_variant,
                mbo_niveau=j.mbo_niveau,
                leerweg=j.leerweg,
                syndroom_van_down=j.down,
                indicatie_einddatum=j.indicatie_einde,
            )
        )
        if j.uitschrijving is not None and j.opvolger_melding is None:
            uit.append(Uitschrijving(j.uitschrijving, r.school))
        if j.zml_aanvraag is not None:
            zml.add(j.zml_aanvraag)
        if j.terugplaatsing_groep2 is not None:
            terug.add(j.terugplaatsing_groep2)
    uit.extend(ZmlAanvraag(d) for d in sorted(zml))
    uit.extend(TerugplaatsingGroep2(d) for d in sorted(terug))
    return uit


_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min


def _datumkolom(waarden: Sequence[date | None]) -> npt.NDArray[np.datetime64]:
    dagen = np.fromiter(
        (_NAT if d is None else d.toordinal() - _EPOCH for d in waarden),
        dtype=np.int64,
        count=len(waarden),
    )
    return dagen.view("datetime64[D]")


def _posities(reeks: Sequence[object], waarden: Sequence[object]) -> npt.NDArray[np.int64]:
    pos = {w: i for i, w in enumerate(reeks)}
    return np.fromiter((pos[w] for w in waarden), dtype=np.int64, count=len(waarden))


def populatie_kolommen(rijen: Sequence[Populatierij]) -> Leerlingjaren:
    """De rijen als kolommen voor het bulkpad; hetzelfde als
    :func:`rugzak.regeling.batch.naar_kolommen`, maar snel genoeg voor een heel land."""
    j = [r.jaar for r in rijen]
    return Leerlingjaren(
        combinatie=combinatie_index(
            _posities(SCHOOLSOORTEN, [x.schoolsoort for x in j]),
            _posities(ONDERWIJSSOORTEN, [x.onderwijssoort for x in j]),
            _posities(GROEPEN, [x.groep for x in j]),
            _posities(VO_VARIANTEN, [x.vo_variant for x in j]),
            _posities(LEERWEGEN, [x.leerweg for x in j]),
            _posities(MBO_NIVEAUS, [x.mbo_niveau for x in j]),
        ),
        meldingsdatum=_datumkolom([x.meldingsdatum for x in j]),
        inschrijvingsdatum=_datumkolom([x.inschrijvingsdatum for x in j]),
        indicatiedatum=_datumkolom([x.indicatiedatum for x in j]),
        indicatie_einde=_datumkolom([x.indicatie_einde for x in j]),
        uitschrijving=_datumkolom([x.uitschrijving for x in j]),
        verhuisd_op=_datumkolom([x.verhuisd_op for x in j]),
        via_verhuizing=np.fromiter((x.via_verhuizing for x in j), dtype=np.bool_, count=len(j)),
        opvolger_melding=_datumkolom([x.opvolger_melding for x in j]),
        zml_aanvraag=_datumkolom([x.zml_aanvraag for x in j]),
        terugplaatsing_groep2=_datumkolom([x.terugplaatsing_groep2 for x in j]),
        geboortedatum=_datumkolom([x.geboortedatum for x in j]),
        down=np.fromiter((x.down for x in j), dtype=np.bool_, count=len(j)),
        verhuisd_van_op=_datumkolom([x.verhuisd_van_op for x in j]),
    )
