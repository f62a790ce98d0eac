"""URL's van de wat-als-scenario's (onder /scenarios/)."""

from django.urls import path

from rugzak.scenarios import views

app_name = "scenarios"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<uuid:publiek_id>/", views.scenario, name="scenario"),
    path("<uuid:publiek_id>/scenario.csv", views.csv, name="csv"),
    path("<uuid:publiek_id>/cvi/<str:cvi_nummer>/", views.leerling, name="leerling"),
]
