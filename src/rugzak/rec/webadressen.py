"""Pagina's van de REC- en (v)so-administratie (onder /rec/); organisaties op id, geen
persoonsgegevens in een URL."""

from django.urls import path

from rugzak.rec import views

app_name = "rec"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("<int:rec_id>/telling/", views.rec_telling, name="rec-telling"),
    path("school/<int:school_id>/telling/", views.school_telling, name="school-telling"),
]
