"""Fuzzen van de bestanden die gebruikers meebrengen (issue 10, deel 2): regelingsbestanden
voor ``rugzak regeling valideer`` (TOML) en gebeurtenissenbestanden voor ``rugzak
betaalschema`` (JSON en CSV). Elke invoer eindigt in exitcode 0, 1 of 2, met bij een fout
een Nederlandse melding op stderr die de plaats noemt (bestand, gebeurtenis of regel,
veld), nooit in een stacktrace. Scenario- en populatiebestanden worden al gefuzzd in
``test_cli_scenario.py``; deze tests volgen die stijl (via :func:`rugzak.cli.main.main`)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rugzak.cli.main import main

WORTEL = Path(__file__).resolve().parents[2]
DATA = WORTEL / "src" / "rugzak" / "regeling" / "data"
VOORBEELDEN = WORTEL / "voorbeelden"
GEBEURTENISSEN = VOORBEELDEN / "gebeurtenissen-zml.json"

#: Vast (derandomize): CI ziet elke keer dezelfde invoer. ``RUGZAK_FUZZ_VOORBEELDEN=2000``
#: zoekt lokaal langer.
FUZZ = settings(
    max_examples=int(os.environ.get("RUGZAK_FUZZ_VOORBEELDEN", "60")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _draai(*args: str | Path) -> tuple[int, str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(uit), contextlib.redirect_stderr(fout):
        code = main([str(a) for a in args])
    return code, uit.getvalue(), fout.getvalue()


def _controleer_uitkomst(code: int, uit: str, err: str, *, als_json: bool = False) -> None:
    assert code in (0, 1, 2), code
    assert "Traceback" not in err and "Traceback" not in uit
    if code == 2 and als_json:
        fout = json.loads(err)  # {"fout": ..., "veld": ..., "toegestaan": [...]}
        assert isinstance(fout, dict) and fout["fout"], err
    elif code == 2:
        assert err.startswith("rugzak: fout: "), err


# --- regelingsbestanden (TOML) ------------------------------------------------------------

#: Het meegeleverde tariefbestand, een los bestand met alleen waarden en het voorbeeld met een
#: eigen bron: samen elke soort blok ([bestand], [[tabel]], [[tabel.rij]], [[waarde]], [[bron]]).
TOML_BASIS = [
    (DATA / "lgf-2011-2012.toml").read_text(encoding="utf-8"),
    (DATA / "lgf-algemeen.toml").read_text(encoding="utf-8"),
    (VOORBEELDEN / "regeling-voorbeeldpublicatie-2012-2013.toml").read_text(encoding="utf-8"),
]

TOML_WAARDEN = st.sampled_from(
    [
        '""',
        '"x"',
        '"12523.63"',
        '"-1"',
        '"1e5"',
        '"1,50"',
        '"NaN"',
        '"Infinity"',
        '"99999999999999999999999999999999"',
        "0",
        "-3",
        "99999999999999999999",
        "1.5",
        "nan",
        "inf",
        "true",
        "2011-08-01",
        "2011-07-31",
        "9999-12-31",
        "0001-01-01",
        "2011-08-01T10:00:00",
        "10:00:00",
        "[]",
        '["12523.63", 3]',
        '["1", "2", "3", "4", "5", "6", "7", "8", "9"]',
        "{}",
        '{ deel = "ab_personeel" }',
        '{ deel = ["ab_personeel"] }',
        '{ onzin = "x" }',
        "{ schoolsoort = 3 }",
        '[{ label = "x" }]',
        '[{ label = 3, sleutel = "x" }]',
        '"lgf.bedrag"',
        '"lgf.bestaat.niet"',
        '"001"',
        '"005"',
        '"I-13"',
        '"I-999"',
        '"Stcrt. 2012, 5"',
        '"stcrt-2012-12345"',
        '"scenario"',
        '"publicatie"',
        '"ftp://x"',
    ]
)
KOPPEN = st.sampled_from(
    ["[bestand]", "[[waarde]]", "[[tabel]]", "[[tabel.rij]]", "[[bron]]", "[tabel]", "[[onzin]]"]
)


@st.composite
def regelingsbestanden(draw: st.DrawFn) -> str:
    """Een echt regelingsbestand met willekeurige waarden, weggelaten, verdubbelde of
    verplaatste regels, een extra blok, of rommel."""
    soort = draw(st.sampled_from(["waarden", "weglaten", "verdubbelen", "blok", "rommel"]))
    if soort == "rommel":
        return draw(st.text(max_size=300))
    regels = draw(st.sampled_from(TOML_BASIS)).splitlines()
    toewijzingen = [i for i, r in enumerate(regels) if " = " in r and not r.startswith("#")]
    gekozen = draw(st.lists(st.sampled_from(toewijzingen), min_size=1, max_size=4, unique=True))
    for i in sorted(gekozen, reverse=True):
        if soort == "weglaten":
            regels[i] = ""
        elif soort == "verdubbelen":
            regels.insert(i, regels[i] if draw(st.booleans()) else draw(KOPPEN))
        else:
            sleutel = regels[i].split(" = ", 1)[0]
            regels[i] = f"{sleutel} = {draw(TOML_WAARDEN)}"
    if soort == "blok" or draw(st.booleans()):
        regels.append(draw(KOPPEN))
        for sleutel in draw(
            st.lists(
                st.sampled_from(
                    [
                        "naam",
                        "sectie",
                        "waarde",
                        "eenheid",
                        "geldig_van",
                        "geldig_tot",
                        "sleutel",
                        "document",
                        "id",
                        "kenmerk",
                        "titel",
                        "publicatiedatum",
                        "url",
                        "soort",
                        "kolommen",
                        "label",
                        "waarden",
                        "interpretatie",
                    ]
                ),
                max_size=6,
                unique=True,
            )
        ):
            regels.append(f"{sleutel} = {draw(TOML_WAARDEN)}")
    return "\n".join(regels) + "\n"


@FUZZ
@given(regelingsbestanden(), st.booleans(), st.booleans())
def test_elk_regelingsbestand_eindigt_in_0_1_of_2_en_noemt_bestand_en_plaats(
    tekst: str, los: bool, als_json: bool
) -> None:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "nieuw.toml"
        pad.write_text(tekst, encoding="utf-8")
        extra = [a for a, aan in (("--los", los), ("--json", als_json)) if aan]
        code, uit, err = _draai("regeling", "valideer", pad, *extra)
        _controleer_uitkomst(code, uit, err, als_json=als_json)
        if code == 1:
            # elk probleem noemt het bestand (en de plaats erin)
            if als_json:
                problemen = json.loads(uit)["problemen"]
                assert problemen and all(p["bestand"] and p["melding"] for p in problemen)
            else:
                regels = [r for r in uit.splitlines() if r.startswith("  - ")]
                assert regels and all(".toml" in r for r in regels), uit
        assert code != 2, err  # een bestaand bestand geeft problemen (1), geen fout


def test_valideer_zonder_bestand_en_niet_utf8_noemen_het_bestand(tmp_path: Path) -> None:
    code, _, err = _draai("regeling", "valideer", tmp_path / "weg.toml")
    assert code == 2 and "weg.toml" in err and "bestaat niet" in err
    pad = tmp_path / "latin1.toml"
    pad.write_bytes('[bestand]\ntitel = "é"\n'.encode("latin-1"))
    code, uit, err = _draai("regeling", "valideer", pad, "--los")
    assert code in (1, 2) and "Traceback" not in err
    assert "latin1.toml" in uit + err


# --- gebeurtenissenbestanden (JSON en CSV) ------------------------------------------------

GEBEURTENISLIJST: list[dict[str, Any]] = json.loads(GEBEURTENISSEN.read_text(encoding="utf-8"))
VELDEN = sorted({k for g in GEBEURTENISLIJST for k in g} | {"school", "groep", "leerjaar"})

#: Celwaarden voor JSON (elk JSON-type) en CSV (alleen tekst).
JSON_WAARDEN = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            3,
            9,
            2.5,
            10**30,
            "",
            "x",
            "ja",
            "nee",
            "melding",
            "uitschrijving",
            "groepsovergang",
            "zml_aanvraag",
            "terugplaatsing_groep2",
            "bao",
            "vo",
            "mbo",
            "so",
            "zml",
            "lg",
            "cl4",
            "blind",
            "pro_lwoo",
            "bbl",
            "vak",
            "2011-08-01",
            "2012-02-29",
            "2012-02-30",
            "1899-12-31",
            "9999-12-31",
            "0001-01-01",
            "20110801",
            "2011-08-01T00:00",
            "12AB",
            "34CD",
            "CVI-3-2011-0042",
            [],
            ["2011-08-01"],
            {},
            {"datum": "2011-08-01"},
        ]
    ),
    st.text(max_size=12),
)


SOORTEN = ("melding", "uitschrijving", "groepsovergang", "zml_aanvraag", "terugplaatsing_groep2")
DATA_WAARDEN = st.sampled_from(
    [
        "0001-01-01",
        "1899-12-31",
        "2011-09-01",
        "2012-01-31",
        "2012-07-31",
        "9999-12-01",
        "9999-12-31",
    ]
)
#: ``--schooljaar`` en ``--geboortedatum`` bij het betaalschema
SCHOOLJAREN = st.sampled_from(
    ["2011-2012", "2011/12", "0000-0001", "0001-0002", "9998-9999", "9999-10000", "2012-2011", "x"]
)
GEBOORTEDATA = st.sampled_from([None, "2004-05-01", "0001-01-01", "9999-12-31", "2012-02-30"])


@st.composite
def gebeurtenissen(draw: st.DrawFn) -> list[Any]:
    """De voorbeeldgebeurtenissen met gewijzigde, weggelaten of extra velden, verwisselde
    volgorde of extra gebeurtenissen."""
    lijst: list[Any] = [dict(g) for g in GEBEURTENISLIJST]
    for _ in range(draw(st.integers(0, 6))):
        g = lijst[draw(st.integers(0, len(lijst) - 1))]
        veld = draw(st.sampled_from(VELDEN))
        if draw(st.integers(0, 3)) == 0:
            g.pop(veld, None)
        else:
            g[veld] = draw(JSON_WAARDEN)
    if draw(st.booleans()):
        lijst = draw(st.permutations(lijst))
    if draw(st.booleans()):
        lijst.append(draw(st.dictionaries(st.sampled_from(VELDEN), JSON_WAARDEN, max_size=5)))
    if draw(st.booleans()):
        # een gebeurtenis die op zich klopt, op een uiterste of gewone datum
        lijst.insert(
            draw(st.integers(0, len(lijst))),
            {
                "soort": draw(st.sampled_from(SOORTEN[1:])),
                "datum": draw(DATA_WAARDEN),
                "school": draw(st.sampled_from(["12AB", "34CD"])),
                "groep": draw(st.integers(1, 8)),
            },
        )
    return lijst


@st.composite
def jsonbestanden(draw: st.DrawFn) -> str:
    soort = draw(st.sampled_from(["gebeurtenissen", "vorm", "rommel"]))
    if soort == "rommel":
        return draw(st.text(max_size=200))
    if soort == "vorm":
        return json.dumps(
            draw(
                st.sampled_from(
                    [{}, [], [[]], [1], ["melding"], [None], {"soort": "melding"}, "x", 3, None]
                )
            )
        )
    tekst = json.dumps(draw(gebeurtenissen()), ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 4)) == 0:
        tekst = tekst[: draw(st.integers(0, len(tekst)))]  # afgebroken bestand
    return tekst


CSV_WAARDEN = st.one_of(
    JSON_WAARDEN.filter(lambda w: isinstance(w, str)),
    st.sampled_from(['"', "a,b", "a\nb", "\x00", "\ufeff", " 2011-08-01 ", "3.0", "+3", "٣"]),
)


@st.composite
def csvbestanden(draw: st.DrawFn) -> str:
    soort = draw(st.sampled_from(["cellen", "kop", "rommel"]))
    if soort == "rommel":
        return draw(st.text(max_size=200))
    kolommen = ["soort", *[v for v in VELDEN if v != "soort"]]
    rijen = [
        {k: ("ja" if w is True else "" if w is None else str(w)) for k, w in g.items()}
        for g in GEBEURTENISLIJST
    ]
    for _ in range(draw(st.integers(1, 6))):
        rij = rijen[draw(st.integers(0, len(rijen) - 1))]
        rij[draw(st.sampled_from(kolommen))] = draw(CSV_WAARDEN)
    buffer = io.StringIO()
    schrijver = csv.DictWriter(buffer, fieldnames=kolommen, lineterminator="\n")
    schrijver.writeheader()
    schrijver.writerows(rijen)
    tekst = buffer.getvalue()
    regels = tekst.split("\n")
    if soort == "kop":
        weg = draw(st.sampled_from(kolommen))
        regels[0] = ",".join(
            k if k != weg else draw(st.sampled_from(["", "Soort", "soort", k + k]))
            for k in kolommen
        )
    if draw(st.booleans()):
        regels.insert(
            draw(st.integers(1, len(regels))),
            draw(st.sampled_from(["", ",,,", "melding" + ",x" * 40, '"open', "uitschrijving"])),
        )
    return "\n".join(regels)


def _betaalschema(
    pad: Path, *extra: str, schooljaar: str = "2011-2012", geboortedatum: str | None = None
) -> tuple[int, str, str]:
    geboorte = ("--geboortedatum", geboortedatum) if geboortedatum else ()
    return _draai("betaalschema", pad, "--schooljaar", schooljaar, "--kort", *geboorte, *extra)


def _controleer_plaats(code: int, err: str, naam: str) -> None:
    """Een fout in het bestand noemt het bestand en de gebeurtenis of regel; een fout van de
    regeling noemt het veld, een fout in een optie de optie, en een leemte in de bronnen
    (OntbrekendeBron: bv. een schooljaar buiten 2003-2014) de parameter en de dag."""
    if code != 2:
        return
    assert (
        naam in err
        or "veld" in err
        or err.startswith("rugzak: fout: --")
        or "de bronnen geven geen waarde voor " in err
    ), err


@settings(FUZZ, max_examples=FUZZ.max_examples * 2)
@given(jsonbestanden(), st.booleans(), SCHOOLJAREN, GEBOORTEDATA)
def test_elk_json_gebeurtenissenbestand_eindigt_in_0_1_of_2_en_noemt_de_plaats(
    tekst: str, als_json: bool, schooljaar: str, geboortedatum: str | None
) -> None:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "ev.json"
        pad.write_text(tekst, encoding="utf-8")
        code, uit, err = _betaalschema(
            pad,
            *(["--json"] if als_json else []),
            schooljaar=schooljaar,
            geboortedatum=geboortedatum,
        )
        _controleer_uitkomst(code, uit, err, als_json=als_json)
        _controleer_plaats(code, err, "ev.json")


@FUZZ
@given(csvbestanden(), st.booleans())
def test_elk_csv_gebeurtenissenbestand_eindigt_in_0_1_of_2_en_noemt_de_plaats(
    tekst: str, bom: bool
) -> None:
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "ev.csv"
        pad.write_text(("\ufeff" if bom else "") + tekst, encoding="utf-8")
        code, uit, err = _betaalschema(pad)
        _controleer_uitkomst(code, uit, err)
        _controleer_plaats(code, err, "ev.csv")


# --- wat de fuzztests vonden, als gewone regressietests ------------------------------------


def test_een_gebeurtenis_in_december_9999_is_een_fout_met_plaats_geen_stacktrace(
    tmp_path: Path,
) -> None:
    """De maand na december 9999 bestaat niet als datum: dat gaf een ValueError uit het
    betaalschema. Nu een fout die gebeurtenis en veld noemt."""
    for soort in ("zml_aanvraag", "terugplaatsing_groep2"):
        pad = tmp_path / "ev.json"
        pad.write_text(
            json.dumps([*GEBEURTENISLIJST, {"soort": soort, "datum": "9999-12-31"}]),
            encoding="utf-8",
        )
        code, _, err = _betaalschema(pad)
        assert code == 2, err
        assert "ev.json, gebeurtenis 5: veld 'datum' = '9999-12-31' ligt na 9998-12-31" in err


def test_schooljaar_0000_0001_is_een_fout_in_de_optie_geen_stacktrace() -> None:
    code, _, err = _betaalschema(GEBEURTENISSEN, schooljaar="0000-0001")
    assert code == 2
    assert err.startswith("rugzak: fout: --schooljaar") and "0001 tot en met 9998" in err


def test_een_maand_buiten_de_kalender_is_ongeldige_invoer() -> None:
    import pytest

    from rugzak.regeling.fouten import OngeldigeInvoer
    from rugzak.regeling.tijd import Maand

    with pytest.raises(OngeldigeInvoer, match="maand"):
        Maand(9999, 12).volgend()
    with pytest.raises(OngeldigeInvoer, match="maand"):
        Maand(0, 1)
