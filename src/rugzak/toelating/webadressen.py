"""URL's van de toelatingszaak in de webtoepassing (onder /toelating/); zaken op publiek id."""

from django.urls import path

from rugzak.toelating import views

app_name = "toelating"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("gastleerlingen/", views.gastleerlingen, name="gastleerlingen"),
    path("<uuid:publiek_id>/", views.zaak, name="zaak"),
    path("<uuid:publiek_id>/brief/<slug:soort>.pdf", views.brief, name="brief"),
    path("<uuid:publiek_id>/<slug:naam>/", views.handeling, name="handeling"),
]
