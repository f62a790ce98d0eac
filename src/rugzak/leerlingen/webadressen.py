"""URL's van de leerlingpagina's van de school (onder /leerlingen/); leerlingen en
meldingen op hun publieke id. De leerlingpagina zelf is ``/leerlingen/<id>/``
(rugzak.web.urls)."""

from django.urls import path

from rugzak.leerlingen import views

app_name = "leerlingen"

urlpatterns = [
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:publiek_id>/inschrijven/", views.inschrijven, name="inschrijven"),
    path("<uuid:publiek_id>/groep/", views.klas, name="klas"),
    path("<uuid:publiek_id>/uitschrijven/", views.uitschrijven, name="uitschrijven"),
    path("<uuid:publiek_id>/ouder/", views.ouder, name="ouder"),
    path("zml-aanvraag/<uuid:publiek_id>/", views.zml_aanvraag, name="zml_aanvraag"),
    path("terugmelding/<uuid:publiek_id>/", views.terugmelding, name="terugmelding"),
]
