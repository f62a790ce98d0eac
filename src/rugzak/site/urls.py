"""URL's van rugzak. Geen namen of andere persoonsgegevens in een URL: leerlingen worden
aangeduid met hun publieke id (UUID)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("rugzak.api.urls")),
    path("", include("rugzak.web.urls")),
]

# Onder /api/ is ook een fout buiten de API-views om (een pad dat geen route is, een
# onverwachte fout) application/problem+json; elders de gewone foutpagina's.
handler400 = "rugzak.api.problemen.foutpagina_400"
handler403 = "rugzak.api.problemen.foutpagina_403"
handler404 = "rugzak.api.problemen.foutpagina_404"
handler500 = "rugzak.api.problemen.foutpagina_500"
