"""URL's van de indicatieaanvraag in de webtoepassing (onder /indicaties/)."""

from django.urls import path

from rugzak.indicaties import views

app_name = "indicaties"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<uuid:publiek_id>/", views.aanvraag, name="aanvraag"),
    path("<uuid:publiek_id>/beschikking.pdf", views.beschikking, name="beschikking"),
    path("<uuid:publiek_id>/<slug:naam>/", views.handeling, name="handeling"),
]
