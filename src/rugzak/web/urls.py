"""URL's van de webtoepassing. Geen namen of andere persoonsgegevens in een URL: leerlingen
en zaken worden aangeduid met hun publieke id (UUID).

Een zaak-app kan eigen pagina's toevoegen met een module ``<app>/webadressen.py`` met
``urlpatterns``; die komen onder ``/<app-label>/`` (bv. ``/toelating/...``).
"""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from rugzak.gedeeld.ontdekking import app_modules
from rugzak.web import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.thuis, name="thuis"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="registration/inloggen.html", redirect_authenticated_user=True
        ),
        name="inloggen",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="uitloggen"),
    path("start/", views.start, name="start"),
    path("overzicht/leerlingen/", views.leerlingen, name="leerlingen"),
    path("leerlingen/<uuid:publiek_id>/", views.leerling, name="leerling"),
    path("termijnen/", views.termijnen, name="termijnen"),
    path(
        "termijnen/<str:zaaktype>/<str:zaak_id>/",
        views.zaaktijdlijn,
        name="zaaktijdlijn",
    ),
    path("rekenhulp/", views.rekenhulp, name="rekenhulp"),
    path("regeling/interpretaties/", views.interpretaties, name="interpretaties"),
    path(
        "regeling/interpretaties/<str:interpretatie_id>/",
        views.interpretatie,
        name="interpretatie",
    ),
    path("documenten/voorbeeld/", views.voorbeeldbrieven, name="voorbeeldbrieven"),
    path(
        "documenten/voorbeeld/<slug:soort>.pdf",
        views.voorbeeldbrief,
        name="voorbeeldbrief",
    ),
]

for _module in app_modules("webadressen"):
    _label = _module.__name__.split(".")[-2]
    urlpatterns.append(path(f"{_label}/", include(_module)))
