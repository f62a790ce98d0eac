"""De gedeelde stukken voor lezen in de API (``rugzak.gedeeld.api.inzage``) en de
CSV-download (``rugzak.gedeeld.csvbestand.csv_antwoord``), los van een app: wat de
declaraties van de viewsets beloven."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest
from django.http import Http404
from rest_framework import serializers, viewsets
from rest_framework.test import APIRequestFactory

from rugzak.gedeeld.api.inzage import Lijst, Opzoeken, Zaakinzage, dossier_data, uit_query
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.fouten import GeenToegang


class _Zaak(serializers.Serializer):
    naam = serializers.CharField()


class _ZaakMetRol(_Zaak):
    toegang_via_rol = serializers.CharField()


class _Stap(serializers.Serializer):
    wat = serializers.CharField()


class _Dossier(_ZaakMetRol):
    stappen = _Stap(many=True)
    termijn = _Stap(allow_null=True)


@dataclass
class _Dossierobject:
    plan: Any
    grond: Any
    stappen: list[Any]
    termijn: Any


def _request(pad: str = "/") -> Any:
    return SimpleNamespace(user="gebruiker", query_params=APIRequestFactory().get(pad).GET)


def test_dossier_data_neemt_de_zaak_de_rol_en_de_onderdelen_van_het_dossier():
    dossier = _Dossierobject(
        plan=SimpleNamespace(naam="plan 1", stappen="niet deze"),
        grond=SimpleNamespace(rol="directie"),
        stappen=[SimpleNamespace(wat="opgesteld")],
        termijn=None,
    )
    assert dossier_data(_Dossier, dossier, "plan") == {
        "naam": "plan 1",
        "toegang_via_rol": "directie",
        "stappen": [{"wat": "opgesteld"}],
        "termijn": None,
    }


def test_opzoeken_maakt_van_geen_toegang_en_een_ongeldig_id_een_404():
    gezien: list[dict[str, Any]] = []

    def selector(**kwargs: Any) -> Any:
        gezien.append(kwargs)
        if kwargs["reden"] == "weigeren":
            raise GeenToegang("deze zaak", nodig="een rol")
        return ("zaak", "grond")

    sleutel = uuid4()
    assert Opzoeken(selector, reden="api", paar=True)(_request(), str(sleutel)) == "zaak"
    assert gezien == [{"gebruiker": "gebruiker", "publiek_id": sleutel, "reden": "api"}]
    with pytest.raises(Http404):
        Opzoeken(selector, reden="weigeren")(_request(), str(sleutel))
    with pytest.raises(Http404):
        Opzoeken(selector, reden="api")(_request(), "geen-uuid")
    assert len(gezien) == 2  # een ongeldig id komt niet bij de selector
    # alleen de genoemde fouten worden 404: een rol zonder recht blijft 403
    with pytest.raises(GeenToegang):
        Opzoeken(selector, reden="weigeren", geen=(LookupError,))(_request(), str(sleutel))


def test_een_viewset_kan_lijst_en_een_eigen_list_niet_allebei_hebben():
    with pytest.raises(TypeError, match="list bestaat al"):

        class _Dubbel(Zaakinzage, viewsets.ViewSet):
            lijst = Lijst(lambda **kw: None, _Zaak, "ZaakLijst")

            def list(self, request: Any) -> Any:
                return None


def test_uit_query_geeft_lege_filters_als_none():
    filters = uit_query("status", "school")
    assert filters(_request("/?status=open&school=")) == {"status": "open", "school": None}


def test_csv_antwoord_is_een_bijlage_die_nergens_bewaard_wordt():
    antwoord = csv_antwoord("\ufeffa;b\r\n", "telling-rec-1-2011-10-01.csv")
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord["Content-Disposition"] == 'attachment; filename="telling-rec-1-2011-10-01.csv"'
    assert antwoord["Cache-Control"] == "no-store, private"
    assert antwoord.content.decode("utf-8") == "\ufeffa;b\r\n"
