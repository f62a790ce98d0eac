"""Wat een lijst van de API per item teruggeeft, staat precies zo in het OpenAPI-schema:
dezelfde sleutels als het item-schema van ``resultaten``. Zo kan een eindpunt geen veld
meer toevoegen dat een client uit het schema niet kent (zoals ``toegang_via_rol`` bij
overeenkomsten, handelingsplannen, toelatingszaken en gastleerlingschappen)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from .rechten_opbouw import Rechtenwereld, rechtenwereld_in_transactie
from .test_api_paginering import GROEIENDE, OVERIGE, SCHEMA, _client, _gebruiker


@pytest.fixture(scope="module")
def rw(django_db_setup, django_db_blocker) -> Iterator[Rechtenwereld]:
    yield from rechtenwereld_in_transactie(django_db_blocker)


def _schema() -> dict[str, Any]:
    return yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))


def _component(schema: dict[str, Any], ref: str) -> dict[str, Any]:
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def _itemschema(schema: dict[str, Any], pad: str) -> dict[str, Any]:
    """Het schema van één item in ``resultaten`` van de lijst op ``pad``."""
    pad = pad.split("?", 1)[0]
    antwoord = schema["paths"][pad]["get"]["responses"]["200"]
    lijst = _component(schema, antwoord["content"]["application/json"]["schema"]["$ref"])
    items = lijst["properties"]["resultaten"]["items"]
    return _component(schema, items["$ref"]) if "$ref" in items else items


#: Lijsten waarvan de items bij de (v)so-school van de wereld horen.
ZIET_SO_SCHOOL = {"vestigingen", "residentiele-verzoeken"}


def _onvolledig_formulier(rw: Rechtenwereld) -> None:
    """Een meldingsformulier zonder gegevens: wordt alleen als onvolledige indiening
    vastgelegd (004)."""
    from django.core.exceptions import ValidationError

    from rugzak.meldingen import services as meldingen

    k = rw.a
    with pytest.raises(ValidationError):
        meldingen.melding_indienen(
            door=k.gebruikers["directie"], leerling=k.leerlingen["kind"], school=k.school,
            gegevens={},
        )  # fmt: skip


@pytest.mark.parametrize(
    ("naam", "pad", "rol"), GROEIENDE + OVERIGE, ids=lambda x: x if isinstance(x, str) else "pad"
)
def test_elk_item_van_een_lijst_heeft_precies_de_velden_van_het_schema(rw, db, naam, pad, rol):
    schema = _schema()
    pad_ = pad(rw.a)
    item = _itemschema(schema, pad_)
    if naam in ZIET_SO_SCHOOL:
        rol = "so-directie"  # vestigingen en verzoeken horen bij de (v)so-school
    if naam == "onvolledig":
        _onvolledig_formulier(rw)
    r = _client(_gebruiker(rw, rol)).get(pad_)
    assert r.status_code == 200, (naam, r.content[:300])
    resultaten = r.json()["resultaten"]
    # zonder items toetst deze test niets: de wereld moet van elke lijst iets hebben
    assert resultaten, f"{naam}: geen items in deze wereld, dus niets getoetst"
    for resultaat in resultaten:
        assert set(resultaat) == set(item["properties"]), (
            naam,
            "niet in het schema:",
            sorted(set(resultaat) - set(item["properties"])),
            "niet in het antwoord:",
            sorted(set(item["properties"]) - set(resultaat)),
        )


@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/overeenkomsten/",
        "/api/v1/handelingsplannen/",
        "/api/v1/toelatingszaken/",
        "/api/v1/gastleerlingschappen/",
    ],
)
def test_de_lijsten_met_toegang_via_rol_declareren_het_veld(pad):
    item = _itemschema(_schema(), pad)
    assert item["properties"]["toegang_via_rol"]["type"] == "string"
    assert "toegang_via_rol" in item["required"]
    assert "rol waarlangs u" in item["properties"]["toegang_via_rol"]["description"]


@pytest.mark.parametrize(
    ("pad", "zaak"),
    [
        ("/api/v1/overeenkomsten/{publiek_id}/", "overeenkomst_concept"),
        ("/api/v1/handelingsplannen/{publiek_id}/", "plan_vastgesteld"),
    ],
)
def test_een_dossier_heeft_precies_de_velden_van_het_schema(rw, db, pad, zaak):
    """Ook één overeenkomst of handelingsplan: de rol, de geschiedenis, de instemmingen en
    de evaluaties staan in het schema."""
    antwoord = _schema()["paths"][pad]["get"]["responses"]["200"]
    velden = _component(_schema(), antwoord["content"]["application/json"]["schema"]["$ref"])
    obj = rw.a.zaken[zaak]
    r = _client(_gebruiker(rw, "directie")).get(pad.format(publiek_id=obj.publiek_id))
    assert r.status_code == 200, r.content[:300]
    assert set(r.json()) == set(velden["properties"])
