"""URL's van het auditlog in de webtoepassing (onder /audit/)."""

from django.urls import path

from rugzak.audit import views

app_name = "audit"

urlpatterns = [
    path("export/", views.export, name="export"),
]
