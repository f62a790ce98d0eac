"""Eén declaratie per overgang (issue 12): het formulier van de zaakpagina volgt uit de
serializer van de API, met dezelfde invoer voor de service."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from rest_framework import serializers

from rugzak.ambulante_begeleiding.handelingen import OVERGANGEN as BEGELEIDING
from rugzak.gedeeld.web.formulieren import Datumveld
from rugzak.gedeeld.zaakhandelingen.overgang import Overgang, Veld
from rugzak.indicaties.handelingen import OVERGANGEN as INDICATIE
from rugzak.meldingen.handelingen import MELDING, TERUGMELDING, ZML_AANVRAAG
from rugzak.toelating.handelingen import TOELATINGSZAAK


class _Invoer(serializers.Serializer):
    versie = serializers.IntegerField(min_value=1)
    op = serializers.DateField(required=False, allow_null=True, default=None)
    soort = serializers.ChoiceField(choices=[("a", "Soort a"), ("b", "Soort b")])
    wie = serializers.IntegerField(required=False, allow_null=True, default=None)
    reden = serializers.CharField()
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


def _service(**kwargs: object) -> dict[str, object]:
    return kwargs


OVERGANG = Overgang(
    "proef",
    _Invoer,
    _service,
    weergave={
        "soort": Veld("Soort", rondjes=True),
        "op": Veld("Op", verplicht=True),
        "kies": Veld("Wie", van="wie", keuzes=lambda g, z: [(7, "Jan")], leeg="— kies —"),
        "reden": Veld("Reden", regel=True),
    },
    mag=lambda wie, zaak: True,
)


def _formulier(**data: str) -> forms.Form:
    return OVERGANG.formulier_voor(
        None, None, data={f"proef-{k}": v for k, v in data.items()}, prefix="proef"
    )


def test_het_formulier_volgt_de_serializer_met_de_weergave():
    f = OVERGANG.formulier_voor(None, None, prefix="proef")
    assert list(f.fields) == ["versie", "soort", "op", "kies", "reden"]
    assert isinstance(f.fields["versie"].widget, forms.HiddenInput)
    assert isinstance(f.fields["op"], Datumveld) and f.fields["op"].required
    assert isinstance(f.fields["soort"].widget, forms.RadioSelect)
    assert f.fields["kies"].choices == [("", "— kies —"), (7, "Jan")]
    assert isinstance(f.fields["reden"].widget, forms.TextInput)
    assert "toelichting" not in f.fields  # niet in de weergave: niet op de pagina


def test_een_nederlandse_datum_en_de_api_invoer_voor_de_service():
    f = _formulier(versie="3", op="3-12-2011", soort="b", kies="7", reden="zo")
    assert f.is_valid(), f.errors
    invoer = OVERGANG.invoer_van(f)
    assert invoer == {
        "versie": 3,
        "op": date(2011, 12, 3),
        "soort": "b",
        "wie": 7,
        "reden": "zo",
        "toelichting": "",
    }
    assert OVERGANG.aanroep("door", "zaak", invoer) == {"door": "door", "zaak": "zaak", **invoer}


def test_een_onmogelijke_datum_en_een_onbekende_keuze_zijn_fouten_bij_het_veld():
    f = _formulier(versie="3", op="31-02-2012", soort="c", kies="8", reden="")
    assert not f.is_valid()
    assert set(f.errors) == {"op", "soort", "kies", "reden"}
    assert "bestaat niet" in f.errors["op"][0]


@pytest.mark.parametrize(
    "overgang",
    [*INDICATIE, *BEGELEIDING, *MELDING, *TERUGMELDING, *ZML_AANVRAAG, *TOELATINGSZAAK],
    ids=lambda o: o.naam,
)
def test_elk_veld_op_de_pagina_staat_in_de_serializer_van_de_api(overgang: Overgang):
    velden = overgang.invoer().fields
    for naam, veld in overgang.weergave.items():
        assert (veld.van or naam) in velden, f"{overgang.naam}: {naam}"
    if overgang.mag is not None and overgang.formulier is None:
        assert overgang.gelukt, f"{overgang.naam}: geen melding na succes"
