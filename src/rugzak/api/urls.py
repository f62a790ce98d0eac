"""URL's van de API: ``/api/v1/...`` plus het OpenAPI-schema op ``/api/v1/schema/``."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from rugzak.api.termijnen import TermijnenView
from rugzak.gedeeld.ontdekking import app_modules

router = DefaultRouter()
extra: list = []
for module in app_modules("api"):
    module.registreer(router)
    extra.extend(getattr(module, "URLS", []))

v1 = [
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("termijnen/", TermijnenView.as_view(), name="termijnen"),
    *extra,
    path("", include(router.urls)),
]

urlpatterns = [path("v1/", include((v1, "api"), namespace="v1"))]
