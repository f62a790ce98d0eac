# mypy: disable-error-code="misc,untyped-decorator"
# (DRF heeft geen typestubs in dit project: Serializer/ViewSet zijn Any.)
"""Paginering van elke lijst in de API: één vorm, één foutmelding.

Query-parameters ``pagina`` (vanaf 1, standaard 1) en ``per_pagina`` (standaard 50,
hoogstens 500). Elk lijstantwoord is::

    {"aantal": 123, "pagina": 2, "paginas": 3, "per_pagina": 50,
     "volgende": "https://.../?pagina=3", "vorige": "https://.../?pagina=1",
     "resultaten": [...]}

plus de eigen sleutels van een eindpunt (bv. de totalen van het grootboek). Een pagina die
geen geheel getal is, kleiner dan 1, of voorbij de laatste pagina (behalve pagina 1 van een
lege lijst), en een ``per_pagina`` buiten 1..500, geven 400 (``application/problem+json``)
met het veld en wat wel kan. De selectors krijgen het :class:`Venster` en loggen alleen wat
op de pagina staat.

Gebruik in een eindpunt::

    @lijst_schema(MijnSerializer, "MijnLijst", parameters=[...])
    def list(self, request):
        venster = venster_uit(request)
        deel = selectors.mijn_deel(gebruiker=request.user, venster=venster)
        return lijst_antwoord(request, venster, deel, MijnSerializer(deel.items, many=True).data)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.drainage import set_override
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from rugzak.gedeeld.paginering import Deel, Venster

STANDAARD_PER_PAGINA = 50
MAX_PER_PAGINA = 500

PARAMETERS = [
    OpenApiParameter(
        "pagina", int, description="paginanummer, vanaf 1 (standaard 1)", required=False
    ),
    OpenApiParameter(
        "per_pagina",
        int,
        description=f"items per pagina, 1 tot en met {MAX_PER_PAGINA} "
        f"(standaard {STANDAARD_PER_PAGINA})",
        required=False,
    ),
]


def _geheel(request: Request, veld: str, standaard: int, *, hoogstens: int | None) -> int:
    tekst = request.query_params.get(veld)
    if tekst is None or tekst == "":
        return standaard
    bereik = (
        f"een geheel getal van 1 tot en met {hoogstens}"
        if hoogstens is not None
        else "een geheel getal vanaf 1"
    )
    try:
        waarde = int(tekst.strip())
    except ValueError:
        raise ValidationError({veld: f"{bereik}, niet {tekst!r}"}) from None
    if waarde < 1 or (hoogstens is not None and waarde > hoogstens):
        raise ValidationError({veld: f"{bereik}, niet {waarde}"})
    return waarde


def venster_uit(request: Request) -> Venster:
    """Het gevraagde :class:`Venster`; een ongeldige ``pagina`` of ``per_pagina``: 400."""
    per_pagina = _geheel(request, "per_pagina", STANDAARD_PER_PAGINA, hoogstens=MAX_PER_PAGINA)
    pagina = _geheel(request, "pagina", 1, hoogstens=None)
    return Venster(pagina=pagina, per_pagina=per_pagina)


def lijst_antwoord(
    request: Request,
    venster: Venster,
    deel: Deel[Any],
    resultaten: Sequence[Any],
    **extra: Any,
) -> Response:
    """Het antwoord in de vorm van elke lijst; een pagina voorbij de laatste: 400.

    ``resultaten`` zijn de geserialiseerde ``deel.items``; ``extra`` de eigen sleutels van
    het eindpunt. De selector heeft voor een pagina voorbij de laatste niets geladen en
    niets gelogd (de pagina is leeg)."""
    paginas = deel.paginas(venster.per_pagina)
    if venster.pagina > paginas:
        raise ValidationError(
            {"pagina": f"een geheel getal van 1 tot en met {paginas}, niet {venster.pagina}"}
        )
    url = request.build_absolute_uri()

    def naar(nummer: int) -> str:
        if nummer == 1:
            return str(remove_query_param(url, "pagina"))
        return str(replace_query_param(url, "pagina", nummer))

    return Response(
        {
            "aantal": deel.aantal,
            "pagina": venster.pagina,
            "paginas": paginas,
            "per_pagina": venster.per_pagina,
            "volgende": naar(venster.pagina + 1) if venster.pagina < paginas else None,
            "vorige": naar(venster.pagina - 1) if venster.pagina > 1 else None,
            **extra,
            "resultaten": list(resultaten),
        }
    )


def met_toegangsrol(paren: Sequence[tuple[Any, Any]]) -> list[Any]:
    """De objecten uit ``(object, toegangsgrond)``-paren van een selector, elk met het
    attribuut ``toegang_via_rol`` (de rol van de grond), voor een serializer die dat veld
    declareert (zodat het in het schema staat)."""
    uit = []
    for obj, grond in paren:
        obj.toegang_via_rol = grond.rol
        uit.append(obj)
    return uit


TOEGANG_VIA_ROL_HULP = "de rol waarlangs u dit item ziet (bv. directie, bestuurder, ouder)"


def lijst_serializer(
    item: Any, naam: str, *, extra: dict[str, serializers.Field] | None = None
) -> serializers.Serializer:
    """Het schema van een lijstantwoord met ``item`` (serializerklasse of -instantie) als
    element van ``resultaten``, als component ``naam``."""
    schema = inline_serializer(
        naam,
        fields={
            "aantal": serializers.IntegerField(help_text="het totaal aantal items"),
            "pagina": serializers.IntegerField(help_text="deze pagina, vanaf 1"),
            "paginas": serializers.IntegerField(help_text="het aantal pagina's (minstens 1)"),
            "per_pagina": serializers.IntegerField(),
            "volgende": serializers.URLField(
                allow_null=True, help_text="de volgende pagina, of null op de laatste"
            ),
            "vorige": serializers.URLField(
                allow_null=True, help_text="de vorige pagina, of null op de eerste"
            ),
            **(extra or {}),
            "resultaten": item(many=True) if isinstance(item, type) else item,
        },
    )
    # één object (de lijstvorm), geen array van lijstvormen
    set_override(schema, "many", False)
    return schema


def lijst_schema(
    item: Any,
    naam: str,
    *,
    parameters: Sequence[OpenApiParameter] = (),
    extra: dict[str, serializers.Field] | None = None,
    **kwargs: Any,
) -> Any:
    """``extend_schema`` voor een lijst: de eigen parameters plus ``pagina`` en
    ``per_pagina``, en de lijstvorm als antwoord."""
    return extend_schema(
        parameters=[*parameters, *PARAMETERS],
        responses=lijst_serializer(item, naam, extra=extra),
        **kwargs,
    )
