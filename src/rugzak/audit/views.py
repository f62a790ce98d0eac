"""De export van het auditlog voor de functionaris gegevensbescherming (onder /audit/).

De pagina toont een formulier (organisatie, periode); met geldige invoer geeft dezelfde
URL het CSV-bestand. De selector controleert de rol en legt de export vast.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rugzak.audit import selectors
from rugzak.gedeeld.csvbestand import csv_antwoord
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import vandaag
from rugzak.gedeeld.web.formulieren import datumveld, ingelogd, met_fouten


class ExportFormulier(forms.Form):
    organisatie = forms.TypedChoiceField(label="Organisatie", coerce=int)
    van = datumveld("Van", verplicht=True, hulp="De eerste dag van de periode.")
    tot = datumveld("Tot en met", verplicht=True, hulp="De laatste dag van de periode.")

    def __init__(self, *args: Any, organisaties: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.TypedChoiceField)
        veld.choices = organisaties


@require_GET
@login_required
def export(request: HttpRequest) -> HttpResponse:
    gebruiker = ingelogd(request)
    organisaties = [(o.pk, o.naam) for o in selectors.privacy_organisaties(gebruiker=gebruiker)]
    if not organisaties:
        raise Http404("alleen voor de functionaris gegevensbescherming van een organisatie")
    status = 200
    if "van" in request.GET or "tot" in request.GET:
        formulier = ExportFormulier(request.GET, organisaties=organisaties)
        if formulier.is_valid():
            d = formulier.cleaned_data
            try:
                tekst, _ = selectors.auditlog_export_csv(
                    gebruiker=gebruiker,
                    organisatie_id=d["organisatie"],
                    van=d["van"],
                    tot=d["tot"],
                )
            except GeenToegang:
                raise Http404("deze organisatie bestaat niet of u bent er geen FG") from None
            except ValidationError as e:
                for veld, fouten in e.message_dict.items():
                    formulier.add_error(veld if veld in formulier.fields else None, fouten)
            else:
                return csv_antwoord(
                    tekst, selectors.export_bestandsnaam(d["organisatie"], d["van"], d["tot"])
                )
        status = 400
    else:
        dag = vandaag()
        formulier = ExportFormulier(
            initial={"organisatie": organisaties[0][0], "van": dag.replace(day=1), "tot": dag},
            organisaties=organisaties,
        )
    return render(
        request,
        "audit/export.html",
        {"formulier": formulier, "fouten": met_fouten([formulier])},
        status=status,
    )
