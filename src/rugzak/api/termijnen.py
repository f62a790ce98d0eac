"""API: alle termijnen van alle zaken die de gebruiker mag zien (``/api/v1/termijnen/``).

Filter met ``?status=verlopen&status=bijna verlopen`` (herhaalbaar; waarden: lopend,
bijna verlopen, verlopen, voldaan, te laat voldaan). De datums en grondslagen komen uit
de regelkern; toegang en audit uit :mod:`rugzak.termijnregister`. Gepagineerd zoals elke
lijst (:mod:`rugzak.gedeeld.api.paginering`); alleen de termijnen op de pagina worden gelogd.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from rugzak.gedeeld.api.paginering import lijst_antwoord, lijst_schema, venster_uit
from rugzak.gedeeld.tijd import vandaag
from rugzak.regeling.regels.termijnen import Termijnstatus
from rugzak.termijnregister import termijnen_deel


class ZaaktermijnSerializer(serializers.Serializer):
    zaaktype = serializers.CharField()
    zaak_id = serializers.CharField()
    leerling = serializers.UUIDField(allow_null=True)
    omschrijving = serializers.CharField()
    zaak = serializers.CharField()
    begin = serializers.DateField()
    uiterlijk = serializers.DateField()
    status = serializers.ChoiceField([s.value for s in Termijnstatus])
    voldaan_op = serializers.DateField(allow_null=True)
    grondslag = serializers.ListField(child=serializers.CharField())


class TermijnenView(APIView):
    @lijst_schema(
        ZaaktermijnSerializer,
        "ZaaktermijnLijst",
        operation_id="termijnen_list",
        parameters=[
            OpenApiParameter(
                "status",
                str,
                many=True,
                enum=[s.value for s in Termijnstatus],
                description="alleen termijnen met deze status (herhaalbaar)",
            )
        ],
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
        venster = venster_uit(request)
        dag = vandaag()
        deel = termijnen_deel(
            request.user,
            venster=venster,
            vandaag=dag,
            statussen=[toegestaan[s] for s in gevraagd] if gevraagd else None,
            reden="api termijnen",
        )
        return lijst_antwoord(request, venster, deel, [t.als_dict(dag) for t in deel.items])
