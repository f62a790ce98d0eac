"""URL's van meldingen en terugmeldingen in de webtoepassing (onder /meldingen/)."""

from django.urls import path

from rugzak.meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:publiek_id>/", views.melding, name="melding"),
    path("<uuid:publiek_id>/melding.pdf", views.brief, name="brief"),
    path("<uuid:publiek_id>/<slug:naam>/", views.beoordelen, name="beoordelen"),
    path("terugmeldingen/<uuid:publiek_id>/", views.terugmelding, name="terugmelding"),
    path(
        "terugmeldingen/<uuid:publiek_id>/<slug:naam>/",
        views.terugmelding_beoordelen,
        name="terugmelding_beoordelen",
    ),
]
