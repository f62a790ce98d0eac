from django.contrib.auth import views as auth_views
from django.urls import path

from rugzak.web import views

urlpatterns = [
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
    path("leerlingen/<uuid:publiek_id>/", views.leerling, name="leerling"),
]
