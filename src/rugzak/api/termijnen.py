"""API: alle termijnen van alle zaken die de gebruiker mag zien (``/api/v1/termijnen/``).

Filter met ``?status=verlopen&status=bijna verlopen`` (herhaalbaar; waarden: lopend,
bijna verlopen, verlopen, voldaan, te laat voldaan). De datums en grondslagen komen uit
de regelkern; toegang en audit uit :mod:`rugzak.termijnregister`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from rugzak.gedeeld.tijd import vandaag
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.termijnregister import termijnen_voor

_TERMIJN = inline_serializer(
    "Zaaktermijn",
    fields={
        "zaaktype": serializers.CharField(),
        "zaak_id": serializers.CharField(),
        "leerling": serializers.UUIDField(allow_null=True),
        "omschrijving": serializers.CharField(),
        "zaak": serializers.CharField(),
        "begin": serializers.DateField(),
        "uiterlijk": serializers.DateField(),
        "status": serializers.ChoiceField([s.value for s in Termijnstatus]),
        "voldaan_op": serializers.DateField(allow_null=True),
        "grondslag": serializers.ListField(child=serializers.CharField()),
    },
    many=True,
)


class TermijnenView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                many=True,
                enum=[s.value for s in Termijnstatus],
                description="alleen termijnen met deze status (herhaalbaar)",
            )
        ],
        responses=_TERMIJN,
    )
    def get(self, request: Request) -> Response:
        gevraagd = request.query_params.getlist("status")
        toegestaan = {s.value: s for s in Termijnstatus}
        onbekend = [s for s in gevraagd if s not in toegestaan]
        if onbekend:
            raise ValidationError(
                {
                    "status": [
                        f"onbekende status {s!r}; toegestaan: {', '.join(toegestaan)}"
                        for s in onbekend
                    ]
                }
            )
        dag = vandaag()
        termijnen = termijnen_voor(
            request.user,
            vandaag=dag,
            statussen=[toegestaan[s] for s in gevraagd] if gevraagd else None,
            reden="api termijnen",
        )
        return Response([t.als_dict(dag) for t in termijnen])
