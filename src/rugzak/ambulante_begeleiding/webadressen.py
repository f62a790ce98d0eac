"""URL's van de begeleidingszaken in de webtoepassing (onder /ambulante_begeleiding/)."""

from django.urls import path

from rugzak.ambulante_begeleiding import views

app_name = "ambulante_begeleiding"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<uuid:publiek_id>/", views.begeleiding, name="begeleiding"),
    path("<uuid:publiek_id>/<slug:naam>/", views.handeling, name="handeling"),
]
