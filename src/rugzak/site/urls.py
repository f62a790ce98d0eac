"""URL's van rugzak. Geen namen of andere persoonsgegevens in een URL: leerlingen worden
aangeduid met hun publieke id (UUID)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("rugzak.api.urls")),
    path("", include("rugzak.web.urls")),
]
