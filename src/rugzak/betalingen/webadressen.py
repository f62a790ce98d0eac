"""URL's van betaalruns en grootboek in de webtoepassing (onder /betalingen/)."""

from django.urls import path

from rugzak.betalingen import views

app_name = "betalingen"

urlpatterns = [
    path("", views.ontvangers, name="ontvangers"),
    path("runs/", views.runs, name="runs"),
    path("runs/<uuid:publiek_id>/", views.run, name="run"),
    path("grootboek/<int:ontvanger_id>/", views.grootboek, name="grootboek"),
    path("grootboek/<int:ontvanger_id>/grootboek.csv", views.csv, name="csv"),
    path("grootboek/regel/<int:regel_id>/", views.regel, name="regel"),
    path("bestedingen/<uuid:publiek_id>/", views.bestedingen, name="bestedingen"),
]
