"""Tests voor het laden en controleren van regelingsbestanden (``rugzak.regeling.laden``).

Een nieuw schooljaar wordt toegevoegd door een databestand neer te zetten; daarom moet
:func:`controleer` elk probleem in zo'n bestand in één keer melden (bestand, plaats en
wat wel mag), en moet :func:`laad_regeling` weigeren zolang er één probleem is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from rugzak.cli.main import main
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.fouten import OntbrekendeBron
from rugzak.regeling.laden import (
    DATA_MAP,
    OngeldigeRegeling,
    Probleem,
    controleer,
    laad_regeling,
    lees_bestand,
    standaard_bestanden,
    standaard_regeling,
)
from rugzak.regeling.regels.budget import Situatie, jaarbudget
from rugzak.regeling.tijd import Schooljaar

BAO_2011 = "001, tabel 'Leerlinggebonden budget per 1 augustus 2011 voor het basisonderwijs'"

#: Een correct bestand voor een nieuw schooljaar: een kopie van drie bao-rijen uit de
#: tabel 2011 (001), geldig in 2012-2013. Alle tests hieronder breken dit bestand op
#: één of meer plaatsen.
NIEUW_SCHOOLJAAR = """\
[bestand]
titel = "Leerlinggebonden budget per 1 augustus 2012 (proef)"
document = "001"

[[tabel]]
naam = "lgf.bedrag"
sectie = "tabel 'Leerlinggebonden budget per 1 augustus 2012 voor het basisonderwijs'"
geldig_van = 2012-08-01
geldig_tot = 2013-07-31
eenheid = "EUR per schooljaar"
interpretaties = ["I-01"]
sleutel = { schoolsoort = "bao" }
kolommen = [
  { label = "school, personele deel", sleutel = { deel = "school_personeel" } },
  { label = "school, materiële deel", sleutel = { deel = "school_materieel" } },
  { label = "AB, personele deel", sleutel = { deel = "ab_personeel" } },
  { label = "AB, materiële deel", sleutel = { deel = "ab_materieel" } },
]

[[tabel.rij]]
label = "cluster 2: dove kinderen"
sleutel = { onderwijssoort = "doof" }
waarden = ["12523.63", "1096", "11161.42", "1417"]

[[tabel.rij]]
label = "cluster 2: slechthorende kinderen"
sleutel = { onderwijssoort = "sh" }
waarden = ["6098.02", "978", "4963.99", "521"]

[[tabel.rij]]
label = "cluster 3: zeer moeilijk lerende kinderen"
sleutel = { onderwijssoort = "zml" }
waarden = ["6098.02", "923", "4286.81", "301"]

[[waarde]]
naam = "lgf.minimumleeftijd"
document = "003"
sectie = "paragraaf 'Rugzak - AB (RAB)', laatste punt"
waarde = 4
eenheid = "jaren"
geldig_van = 2014-08-01
geldig_tot = 2015-07-31
"""

TABEL = "tabel 1 (tabel 'Leerlinggebonden budget per 1 augustus 2012 voor het basisonderwijs')"
RIJ_DOOF = f"{TABEL}, rij 1 (cluster 2: dove kinderen)"
WAARDE = "waarde 1 (lgf.minimumleeftijd)"


def _schrijf(map_: Path, tekst: str, naam: str = "lgf-2012-2013.toml") -> Path:
    pad = map_ / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _vervang(tekst: str, *paren: tuple[str, str]) -> str:
    """Vervang elk fragment precies één keer (zo breekt een test niet stil als het
    voorbeeldbestand verandert)."""
    for oud, nieuw in paren:
        assert tekst.count(oud) == 1, f"fragment {oud!r} komt niet precies één keer voor"
        tekst = tekst.replace(oud, nieuw)
    return tekst


def _situatie(schooljaar: str, onderwijssoort: str = "doof") -> Situatie:
    return Situatie(
        schooljaar=Schooljaar.van_tekst(schooljaar),
        schoolsoort=Schoolsoort.BAO,
        onderwijssoort=Onderwijssoort(onderwijssoort),
        groep=4,
    )


# --- een nieuw schooljaar toevoegen -------------------------------------------------------


@pytest.fixture
def nieuw_jaar(tmp_path: Path) -> Path:
    return _schrijf(tmp_path, NIEUW_SCHOOLJAAR)


def test_een_correct_bestand_voor_een_nieuw_schooljaar_is_in_orde(nieuw_jaar: Path) -> None:
    assert lees_bestand(nieuw_jaar).problemen == ()
    assert controleer([nieuw_jaar], tegen=standaard_bestanden()) == ()


def test_de_meegeleverde_bestanden_zijn_in_orde() -> None:
    assert standaard_bestanden(), "geen meegeleverde regelingsbestanden gevonden"
    assert controleer(standaard_bestanden(), tegen=standaard_bestanden()) == ()


@pytest.mark.bron(f"{BAO_2011}; interpretatie I-01 (één schooljaar per tabel)")
def test_een_nieuw_schooljaar_wordt_toegevoegd_door_een_databestand_neer_te_zetten(
    nieuw_jaar: Path,
) -> None:
    # Zonder het bestand zwijgen de bronnen over 2012-2013: geen terugval op 2011.
    with pytest.raises(OntbrekendeBron, match=r"2012-2013.*wel bekend: 2011-08-01 t/m 2012-07-31"):
        jaarbudget(standaard_regeling(), _situatie("2012-2013"))

    regeling = laad_regeling(extra=[nieuw_jaar])
    budget = jaarbudget(regeling, _situatie("2012-2013"))

    assert budget.totaal == Decimal("26198.05")
    assert [str(p.bedrag) for p in budget.posten] == ["12523.63", "1096", "11161.42", "1417"]
    bron = budget.posten[0].bron
    assert bron.citeer() == (
        "001, tabel 'Leerlinggebonden budget per 1 augustus 2012 voor het basisonderwijs', "
        "rij 'cluster 2: dove kinderen', kolom 'school, personele deel'"
    )
    assert budget.posten[0].waarde.interpretaties == ("I-01",)
    # Het bestaande jaar blijft ongewijzigd en uit zijn eigen bron komen.
    oud = jaarbudget(regeling, _situatie("2011-2012"))
    assert oud.totaal == Decimal("26198.05")
    assert oud.posten[0].bron.sectie.endswith("per 1 augustus 2011 voor het basisonderwijs'")


def test_het_nieuwe_jaar_geldt_alleen_waar_het_bestand_een_rij_heeft(nieuw_jaar: Path) -> None:
    regeling = laad_regeling(extra=[nieuw_jaar])
    assert jaarbudget(regeling, _situatie("2012-2013", "sh")).totaal == Decimal("12561.01")
    with pytest.raises(OntbrekendeBron, match="2012-2013"):
        jaarbudget(regeling, _situatie("2012-2013", "lg"))


def test_een_extra_bestand_dat_al_meegeleverd_is_telt_een_keer() -> None:
    extra = DATA_MAP / "lgf-2011-2012.toml"
    regeling = laad_regeling(extra=[extra])
    assert len(regeling.waarden) == len(standaard_regeling().waarden)


# --- elk probleem afzonderlijk: bestand, plaats en wat wel mag ----------------------------


@dataclass(frozen=True)
class Geval:
    """Een breuk in het voorbeeldbestand en de melding die erbij hoort."""

    vervangingen: tuple[tuple[str, str], ...]
    plaats: str
    melding: tuple[str, ...]


GEVALLEN: dict[str, Geval] = {
    "onbekende onderwijssoort": Geval(
        (('onderwijssoort = "doof"', 'onderwijssoort = "dooof"'),),
        RIJ_DOOF,
        ("onbekende onderwijssoort 'dooof'", "toegestaan: doof, sh, esm, lg, lz, zml"),
    ),
    "onbekende schoolsoort": Geval(
        (('sleutel = { schoolsoort = "bao" }', 'sleutel = { schoolsoort = "basisschool" }'),),
        TABEL,
        ("onbekende schoolsoort 'basisschool'", "toegestaan: bao, sbao, vo, mbo"),
    ),
    "onbekend deel": Geval(
        (('deel = "school_personeel"', 'deel = "personeel"'),),
        f"{TABEL}, kolom 'school, personele deel'",
        ("onbekende deel 'personeel'", "toegestaan: ", "school_personeel"),
    ),
    "onbekende parameter": Geval(
        (('naam = "lgf.bedrag"', 'naam = "lgf.bedragen"'),),
        "tabel 1 (",
        ("onbekende parameter 'lgf.bedragen'", "bekend: ", "lgf.bedrag,"),
    ),
    "onbekende dimensie": Geval(
        (('{ onderwijssoort = "doof" }', '{ onderwijssoort = "doof", regio = "noord" }'),),
        RIJ_DOOF,
        ("dimensie 'regio' hoort niet bij lgf.bedrag", "toegestaan: schoolsoort, onderwijssoort"),
    ),
    "dimensie bij een parameter zonder dimensies": Geval(
        (('eenheid = "jaren"', 'eenheid = "jaren"\nsleutel = { schoolsoort = "bao" }'),),
        WAARDE,
        ("dimensie 'schoolsoort' hoort niet bij lgf.minimumleeftijd", "toegestaan: (geen)"),
    ),
    "verkeerde eenheid in een tabel": Geval(
        (('eenheid = "EUR per schooljaar"', 'eenheid = "EUR per maand"'),),
        TABEL,
        ("eenheid 'EUR per maand' past niet bij lgf.bedrag", "toegestaan: 'EUR per schooljaar'"),
    ),
    "verkeerde eenheid bij een losse waarde": Geval(
        (('eenheid = "jaren"', 'eenheid = "maanden"'),),
        WAARDE,
        ("eenheid 'maanden' past niet bij lgf.minimumleeftijd", "toegestaan: 'jaren'"),
    ),
    "geen document": Geval(
        (('document = "001"\n', ""),),
        TABEL,
        ("bron ontbreekt: geef 'document' (000-004 of een [[bron]]-id) in [bestand] of hier",),
    ),
    "onbekend document": Geval(
        (('document = "001"\n', 'document = "005"\n'),),
        TABEL,
        ("onbekend brondocument '005'", "toegestaan: 000, 001, 002, 003, 004"),
    ),
    "geen sectie": Geval(
        (("sectie = \"tabel 'Leerlinggebonden budget per 1 augustus 2012", 'titel = "tabel'),),
        "tabel 1 (?)",
        ("bron ontbreekt: 'sectie' noemt de tabel of paragraaf in het document",),
    ),
    "bedrag als TOML-getal met drijvende komma": Geval(
        (('"12523.63", "1096"', '12523.63, "1096"'),),
        f"{RIJ_DOOF}, kolom 'school, personele deel'",
        ("bedrag 12523.63 moet als tekst met een punt als decimaalteken staan", '"12523.63"'),
    ),
    "bedrag in Nederlandse notatie": Geval(
        (('"12523.63", "1096"', '"12.523,63", "1096"'),),
        f"{RIJ_DOOF}, kolom 'school, personele deel'",
        ("bedrag '12.523,63' is geen decimaal getal", 'bv. "12523.63"'),
    ),
    "bedrag dat geen getal is": Geval(
        (('"12523.63", "1096"', '"abc", "1096"'),),
        f"{RIJ_DOOF}, kolom 'school, personele deel'",
        ("bedrag 'abc' is geen decimaal getal", 'bv. "12523.63"'),
    ),
    "bedrag met meer dan twee decimalen": Geval(
        (('"12523.63", "1096"', '"12523.634", "1096"'),),
        f"{RIJ_DOOF}, kolom 'school, personele deel'",
        ("bedrag '12523.634' is geen decimaal getal met hoogstens twee decimalen",),
    ),
    "negatief bedrag": Geval(
        (('"12523.63", "1096"', '"12523.63", "-1096"'),),
        f"{RIJ_DOOF}, kolom 'school, materiële deel'",
        ("bedrag '-1096' is negatief", "bedragen in de bronnen zijn >= 0"),
    ),
    "aantal als tekst": Geval(
        (("waarde = 4", 'waarde = "4"'),),
        WAARDE,
        ("aantal '4' moet een geheel getal van 0 tot 1000000 zijn",),
    ),
    "geldig_van ontbreekt": Geval(
        (("geldig_van = 2012-08-01\n", ""),),
        TABEL,
        ("'geldig_van' ontbreekt; elke waarde heeft een begin- én einddatum",),
    ),
    "geldig_tot ontbreekt": Geval(
        (("geldig_tot = 2015-07-31\n", ""),),
        WAARDE,
        ("'geldig_tot' ontbreekt; elke waarde heeft een begin- én einddatum",),
    ),
    "geldig_tot vóór geldig_van": Geval(
        (("geldig_tot = 2013-07-31", "geldig_tot = 2012-07-31"),),
        TABEL,
        ("geldig_tot 2012-07-31 ligt vóór geldig_van 2012-08-01",),
    ),
    "geldig_van als tekst": Geval(
        (("geldig_van = 2012-08-01", 'geldig_van = "1 augustus 2012"'),),
        TABEL,
        ("'geldig_van' = '1 augustus 2012' is geen datum (schrijf bv. 2011-08-01)",),
    ),
    "geldig_van met een tijdstip": Geval(
        (("geldig_van = 2012-08-01", "geldig_van = 2012-08-01T00:00:00"),),
        TABEL,
        ("is geen datum (schrijf bv. 2011-08-01)",),
    ),
    "te weinig waarden in een rij": Geval(
        (('"12523.63", "1096", "11161.42", "1417"', '"12523.63", "1096", "11161.42"'),),
        RIJ_DOOF,
        ("'waarden' heeft 3 waarden; verwacht 4", "'school, personele deel'"),
    ),
    "te veel waarden in een rij": Geval(
        (('"6098.02", "978", "4963.99", "521"', '"6098.02", "978", "4963.99", "521", "1"'),),
        f"{TABEL}, rij 2 (cluster 2: slechthorende kinderen)",
        ("'waarden' heeft 5 waarden; verwacht 4 (één per kolom",),
    ),
    "onbekend veld in [bestand]": Geval(
        (('titel = "Leerlinggebonden budget per 1 augustus 2012 (proef)"', 'titl = "proef"'),),
        "[bestand]",
        ("onbekend veld 'titl'", "bekend: document, soort, titel"),
    ),
    "onbekend veld in een tabel": Geval(
        (("geldig_tot = 2013-07-31", "geldig_tot = 2013-07-31\nbron = '001'"),),
        TABEL,
        ("onbekend veld 'bron'", "bekend: ", "document", "sectie"),
    ),
    "onbekend veld in een kolom": Geval(
        (('sleutel = { deel = "ab_materieel" }', 'sleutle = { deel = "ab_materieel" }'),),
        f"{TABEL}, kolom 'AB, materiële deel'",
        ("onbekend veld 'sleutle'", "bekend: label, sleutel"),
    ),
    "onbekend veld in een rij": Geval(
        (('label = "cluster 2: dove kinderen"', 'label = "cluster 2: dove kinderen"\nnoot = "x"'),),
        RIJ_DOOF,
        ("onbekend veld 'noot'", "bekend: interpretaties, label, sleutel, waarden"),
    ),
    "onbekend veld bij een losse waarde": Geval(
        (("waarde = 4", "waarde = 4\ntoelichting = 'x'"),),
        WAARDE,
        ("onbekend veld 'toelichting'", "bekend: ", "waarde"),
    ),
    "onbekend blok": Geval(
        (("[[waarde]]", "[[waarden]]"),),
        "bestand",
        ("onbekend veld 'waarden'", "bekend: bestand, bron, interpretatie, tabel, waarde"),
    ),
    "verwijzing naar een onbekende interpretatie": Geval(
        (('interpretaties = ["I-01"]', 'interpretaties = ["I-999"]'),),
        TABEL,
        ("interpretatie 'I-999' bestaat niet", "bekend: I-01, I-02"),
    ),
    "ongeldige TOML": Geval(
        (("waarde = 4", "waarde = = 4"),),
        "bestand",
        ("geen geldige TOML",),
    ),
}


@pytest.mark.parametrize("geval", GEVALLEN.values(), ids=GEVALLEN.keys())
def test_elk_probleem_noemt_bestand_plaats_en_wat_wel_mag(tmp_path: Path, geval: Geval) -> None:
    pad = _schrijf(tmp_path, _vervang(NIEUW_SCHOOLJAAR, *geval.vervangingen))
    problemen = controleer([pad], tegen=standaard_bestanden())
    passend = [
        p
        for p in problemen
        if p.plaats.startswith(geval.plaats) and all(m in p.melding for m in geval.melding)
    ]
    assert passend, "verwacht een melding met plaats {!r} en {}; gekregen:\n{}".format(
        geval.plaats, geval.melding, "\n".join(map(str, problemen))
    )
    for p in problemen:
        assert p.bestand == pad.name
        assert str(p).startswith(f"{pad.name}: {p.plaats}: ")


@pytest.mark.parametrize("geval", GEVALLEN.values(), ids=GEVALLEN.keys())
def test_laad_regeling_weigert_een_bestand_met_een_probleem(tmp_path: Path, geval: Geval) -> None:
    pad = _schrijf(tmp_path, _vervang(NIEUW_SCHOOLJAAR, *geval.vervangingen))
    with pytest.raises(OngeldigeRegeling) as fout:
        laad_regeling(extra=[pad])
    # Dezelfde problemen als 'rugzak regeling valideer' meldt, en ze staan in de tekst.
    assert set(fout.value.problemen) == set(controleer([pad], tegen=standaard_bestanden()))
    for p in fout.value.problemen:
        assert str(p) in str(fout.value)


# --- alle problemen in één keer -----------------------------------------------------------


VEEL_FOUTEN = _vervang(
    NIEUW_SCHOOLJAAR,
    ('titel = "Leerlinggebonden budget per 1 augustus 2012 (proef)"', 'titl = "proef"'),
    ('document = "001"\n', ""),
    ("geldig_tot = 2013-07-31", "geldig_tot = 2012-07-31"),
    ('eenheid = "EUR per schooljaar"', 'eenheid = "EUR"'),
    ('sleutel = { deel = "ab_materieel" }', 'sleutle = { deel = "ab_materieel" }'),
    ('onderwijssoort = "doof"', 'onderwijssoort = "dooof"'),
    ('"12523.63", "1096", "11161.42", "1417"', '12523.63, "1.096,00", "abc", "-1", "5"'),
    ('{ onderwijssoort = "sh" }', '{ onderwijssoort = "sh", regio = "noord" }'),
    ('"6098.02", "978", "4963.99", "521"', '"6098.025", "978", "4963.99", "521"'),
    ('{ onderwijssoort = "zml" }', '{ onderwijssoort = "zml", schoolsoort = "bao" }'),
    ('naam = "lgf.minimumleeftijd"', 'naam = "lgf.leeftijd"'),
    ("sectie = \"paragraaf 'Rugzak - AB (RAB)', laatste punt\"\n", ""),
    ("geldig_van = 2014-08-01\n", ""),
)


def test_controleer_meldt_alle_problemen_in_een_bestand_tegelijk(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path, VEEL_FOUTEN, "veel-fouten.toml")
    problemen = controleer([pad], tegen=standaard_bestanden())
    rij_sh = f"{TABEL}, rij 2 (cluster 2: slechthorende kinderen)"
    rij_zml = f"{TABEL}, rij 3 (cluster 3: zeer moeilijk lerende kinderen)"
    verwacht = [
        ("[bestand]", "onbekend veld 'titl'"),
        (TABEL, "bron ontbreekt: geef 'document'"),
        (TABEL, "geldig_tot 2012-07-31 ligt vóór geldig_van 2012-08-01"),
        (TABEL, "eenheid 'EUR' past niet bij lgf.bedrag; toegestaan: 'EUR per schooljaar'"),
        (f"{TABEL}, kolom 'AB, materiële deel'", "onbekend veld 'sleutle'"),
        (RIJ_DOOF, "onbekende onderwijssoort 'dooof'; toegestaan: doof"),
        (RIJ_DOOF, "'waarden' heeft 5 waarden; verwacht 4"),
        (f"{RIJ_DOOF}, kolom 'school, personele deel'", "bedrag 12523.63 moet als tekst"),
        (f"{RIJ_DOOF}, kolom 'school, materiële deel'", "bedrag '1.096,00' is geen decimaal"),
        (f"{RIJ_DOOF}, kolom 'AB, personele deel'", "bedrag 'abc' is geen decimaal getal"),
        (f"{RIJ_DOOF}, kolom 'AB, materiële deel'", "bedrag '-1' is negatief"),
        (rij_sh, "dimensie 'regio' hoort niet bij lgf.bedrag"),
        (f"{rij_sh}, kolom 'school, personele deel'", "hoogstens twee decimalen"),
        (rij_zml, "dimensie 'schoolsoort' staat dubbel in de sleutel"),
        ("waarde 1 (lgf.leeftijd)", "onbekende parameter 'lgf.leeftijd'; bekend: "),
        ("waarde 1 (lgf.leeftijd)", "'geldig_van' ontbreekt"),
        ("waarde 1 (lgf.leeftijd)", "bron ontbreekt: 'sectie'"),
    ]
    ontbrekend = [
        (plaats, melding)
        for plaats, melding in verwacht
        if not any(p.plaats == plaats and melding in p.melding for p in problemen)
    ]
    assert not ontbrekend, "niet gemeld: {}\ngemeld:\n{}".format(
        ontbrekend, "\n".join(map(str, problemen))
    )
    assert len(problemen) == len(verwacht), "\n".join(map(str, problemen))
    assert {p.bestand for p in problemen} == {"veel-fouten.toml"}


def test_een_fout_in_een_rijsleutel_wordt_een_keer_gemeld_niet_per_kolom(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path, _vervang(NIEUW_SCHOOLJAAR, ('"doof"', '"dooof"')))
    problemen = controleer([pad])
    assert [p.plaats for p in problemen] == [RIJ_DOOF]


def test_document_en_sectie_ontbreken_allebei_gemeld(tmp_path: Path) -> None:
    pad = _schrijf(
        tmp_path,
        _vervang(
            NIEUW_SCHOOLJAAR,
            ('document = "003"\n', ""),
            ("sectie = \"paragraaf 'Rugzak - AB (RAB)', laatste punt\"\n", ""),
            ('document = "001"\n', ""),
        ),
    )
    meldingen = [p.melding for p in controleer([pad]) if p.plaats == WAARDE]
    assert any("'document'" in m for m in meldingen)
    assert any("'sectie'" in m for m in meldingen)


def test_een_blok_dat_geen_tabel_is_geeft_een_melding_geen_crash(tmp_path: Path) -> None:
    pad = _schrijf(tmp_path, 'tabel = ["x"]\nwaarde = 3\n[bestand]\ndocument = "001"\n')
    problemen = controleer([pad])
    assert [(p.plaats, p.melding.split(";")[0]) for p in problemen] == [
        ("tabel 1", "'x' is geen blok"),
        ("waarde", "'waarde' moet een lijst blokken zijn: schrijf [[waarde]]"),
    ]


def test_een_onleesbaar_bestand_wordt_gemeld(tmp_path: Path) -> None:
    pad = tmp_path / "binair.toml"
    pad.write_bytes(b"\xff\xfe\x00titel")
    (probleem,) = controleer([pad])
    assert probleem.bestand == "binair.toml"
    assert probleem.plaats == "bestand"
    assert "kan niet gelezen worden" in probleem.melding


# --- overlap -----------------------------------------------------------------------------


@pytest.mark.bron("interpretatie I-01: per datum geldt precies één bedrag, geen terugval")
def test_overlappende_perioden_binnen_een_bestand(tmp_path: Path) -> None:
    dubbel = NIEUW_SCHOOLJAAR.replace(
        "[[waarde]]",
        '[[tabel.rij]]\nlabel = "nogmaals doof"\nsleutel = { onderwijssoort = "doof" }\n'
        'waarden = ["1", "2", "3", "4"]\n\n[[waarde]]',
    )
    pad = _schrijf(tmp_path, dubbel)
    problemen = controleer([pad])  # zonder de meegeleverde bestanden
    assert len(problemen) == 4  # één per kolom: vier sleutels
    for p in problemen:
        assert p.bestand == pad.name
        assert p.plaats.startswith("lgf.bedrag [deel=")
        assert "onderwijssoort=doof, schoolsoort=bao]" in p.plaats
        assert "periode 2012-08-01 t/m 2013-07-31 overlapt met 2012-08-01 t/m 2013-07-31" in (
            p.melding
        )
        assert "uit lgf-2012-2013.toml" in p.melding
        assert "per datum geldt precies één waarde" in p.melding


def test_overlap_met_de_meegeleverde_regeling(tmp_path: Path) -> None:
    tekst = _vervang(
        NIEUW_SCHOOLJAAR,
        ("geldig_van = 2012-08-01", "geldig_van = 2012-01-01"),
        ("geldig_van = 2014-08-01", "geldig_van = 2014-07-01"),
    )
    pad = _schrijf(tmp_path, tekst)
    assert controleer([pad]) == (), "zonder 'tegen' geen vergelijking met de meegeleverde data"
    problemen = controleer([pad], tegen=standaard_bestanden())
    assert len(problemen) == 3 * 4 + 1
    assert {p.bestand for p in problemen} == {pad.name}
    doof = next(p for p in problemen if "deel=school_personeel, onderwijssoort=doof" in p.plaats)
    assert doof.melding.startswith(
        "periode 2012-01-01 t/m 2013-07-31 overlapt met 2011-08-01 t/m 2012-07-31 "
        f"uit lgf-2011-2012.toml ({BAO_2011}, rij 'cluster 2: dove kinderen'"
    )
    leeftijd = next(p for p in problemen if p.plaats.startswith("lgf.minimumleeftijd"))
    assert "overlapt met 2003-08-01 t/m 2014-07-31 uit lgf-algemeen.toml" in leeftijd.melding


def test_overlap_wordt_gemeld_ook_als_het_nieuwe_bestand_eerder_begint(tmp_path: Path) -> None:
    """Het nieuwe bestand begint vóór de meegeleverde waarde; de melding hoort toch bij
    het nieuwe bestand (en niet bij het meegeleverde, waar hij wegvalt)."""
    tekst = _vervang(
        NIEUW_SCHOOLJAAR,
        ("geldig_van = 2014-08-01", "geldig_van = 2002-08-01"),
        ("geldig_tot = 2015-07-31", "geldig_tot = 2003-08-01"),
    )
    pad = _schrijf(tmp_path, tekst)
    (probleem,) = controleer([pad], tegen=standaard_bestanden())
    assert probleem.bestand == pad.name
    assert probleem.plaats == "lgf.minimumleeftijd []"
    assert probleem.melding.startswith(
        "periode 2002-08-01 t/m 2003-08-01 overlapt met 2003-08-01 t/m 2014-07-31 "
        "uit lgf-algemeen.toml"
    )
    with pytest.raises(OngeldigeRegeling) as fout:
        laad_regeling(extra=[pad])
    assert fout.value.problemen == (probleem,)


def test_overlap_met_een_niet_aangrenzende_eerdere_periode_wordt_gevonden(tmp_path: Path) -> None:
    blok = (
        '[[waarde]]\nnaam = "lgf.minimumleeftijd"\nsectie = "proef"\nwaarde = 4\n'
        'eenheid = "jaren"\ngeldig_van = {van}\ngeldig_tot = {tot}\n\n'
    )
    tekst = '[bestand]\ndocument = "003"\n\n' + "".join(
        blok.format(van=van, tot=tot)
        for van, tot in [
            ("2020-01-01", "2020-12-31"),  # lange periode
            ("2020-02-01", "2020-02-29"),  # binnen de lange
            ("2020-06-01", "2020-06-30"),  # ook binnen de lange, niet in de vorige
        ]
    )
    pad = _schrijf(tmp_path, tekst)
    problemen = controleer([pad])
    assert [p.melding.split(" uit ")[0] for p in problemen] == [
        "periode 2020-02-01 t/m 2020-02-29 overlapt met 2020-01-01 t/m 2020-12-31",
        "periode 2020-06-01 t/m 2020-06-30 overlapt met 2020-01-01 t/m 2020-12-31",
    ]


# --- laad_regeling: alles of niets --------------------------------------------------------


def test_laad_regeling_geeft_niets_half_terug(tmp_path: Path) -> None:
    """Eén fout in de losse waarde: ook de correcte tabel in hetzelfde bestand wordt niet
    geladen, en de standaardregeling blijft ongemoeid."""
    goed = _schrijf(tmp_path, NIEUW_SCHOOLJAAR)
    slecht = _schrijf(
        tmp_path, _vervang(NIEUW_SCHOOLJAAR, ("waarde = 4", "waarde = -4")), "slecht.toml"
    )
    voor = len(standaard_regeling().waarden)
    with pytest.raises(OngeldigeRegeling) as fout:
        laad_regeling(extra=[goed, slecht])
    # Het correcte bestand overlapt met de kopie in het slechte: ook dat wordt gemeld.
    meldingen = [str(p) for p in fout.value.problemen]
    assert any("slecht.toml: waarde 1 (lgf.minimumleeftijd): aantal -4" in m for m in meldingen)
    assert any("overlapt met" in m for m in meldingen)
    assert len(standaard_regeling().waarden) == voor
    with pytest.raises(OntbrekendeBron):
        jaarbudget(standaard_regeling(), _situatie("2012-2013"))


def test_ongeldige_regeling_somt_elk_probleem_op() -> None:
    problemen = [Probleem("a.toml", "tabel 1", "x"), Probleem("b.toml", "waarde 2", "y")]
    tekst = str(OngeldigeRegeling(problemen))
    assert tekst.splitlines() == [
        "2 probleem/problemen in de regelingsbestanden:",
        "  - a.toml: tabel 1: x",
        "  - b.toml: waarde 2: y",
    ]


def test_dubbel_interpretatienummer_wordt_geweigerd(tmp_path: Path) -> None:
    tekst = NIEUW_SCHOOLJAAR + (
        '\n[[interpretatie]]\nid = "I-01"\ntitel = "t"\nvraag = "v"\n'
        'bronnen = ["001, proef"]\nkeuze = "k"\n'
    )
    pad = _schrijf(tmp_path, tekst)
    (probleem,) = controleer([pad], tegen=standaard_bestanden())
    assert probleem.plaats == "interpretatie I-01"
    assert "id I-01 bestaat al in interpretaties.toml" in probleem.melding
    with pytest.raises(OngeldigeRegeling):
        laad_regeling(extra=[pad])


def test_interpretatie_zonder_bron_of_met_verkeerd_nummer_wordt_geweigerd(tmp_path: Path) -> None:
    tekst = NIEUW_SCHOOLJAAR + (
        '\n[[interpretatie]]\nid = "I-1a"\ntitel = "t"\nvraag = "v"\nkeuze = "k"\nnoot = "n"\n'
    )
    pad = _schrijf(tmp_path, tekst)
    meldingen = [p.melding for p in controleer([pad]) if p.plaats == "interpretatie 1 (I-1a)"]
    assert any("heeft niet de vorm I-NN" in m for m in meldingen)
    assert any("'bronnen' noemt de botsende of zwijgende passages" in m for m in meldingen)
    assert any("onbekend veld 'noot'" in m for m in meldingen)


# --- de opdracht 'rugzak regeling valideer' -----------------------------------------------


def test_valideer_toont_alle_problemen_van_controleer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = _schrijf(tmp_path, VEEL_FOUTEN, "veel-fouten.toml")
    code = main(["regeling", "valideer", str(pad)])
    uit = capsys.readouterr().out
    problemen = controleer([pad], tegen=standaard_bestanden())
    assert code == 1
    assert uit.splitlines()[0] == f"{len(problemen)} probleem/problemen gevonden:"
    for p in problemen:
        assert f"  - {p}" in uit


def test_valideer_een_correct_nieuw_schooljaar(
    nieuw_jaar: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["regeling", "valideer", str(nieuw_jaar)]) == 0
    assert capsys.readouterr().out.startswith(f"In orde: {nieuw_jaar}")
