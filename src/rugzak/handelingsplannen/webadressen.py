"""URL's van overeenkomst, handelingsplan en evaluaties (onder /handelingsplannen/)."""

from django.urls import path

from rugzak.handelingsplannen import views

app_name = "handelingsplannen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("overeenkomsten/<uuid:publiek_id>/", views.overeenkomst, name="overeenkomst"),
    path(
        "overeenkomsten/<uuid:publiek_id>/brief.pdf",
        views.brief_overeenkomst,
        name="brief_overeenkomst",
    ),
    path(
        "overeenkomsten/<uuid:publiek_id>/tekenen/<slug:naam>/",
        views.overeenkomst_tekenen,
        name="overeenkomst_tekenen",
    ),
    path("zaak/<uuid:zaak_id>/overeenkomst/", views.overeenkomst_nieuw, name="overeenkomst_nieuw"),
    path("zaak/<uuid:zaak_id>/handelingsplan/", views.plan_nieuw, name="plan_nieuw"),
    path("<uuid:publiek_id>/", views.plan, name="plan"),
    path("<uuid:publiek_id>/brief.pdf", views.brief_plan, name="brief_plan"),
    path("<uuid:publiek_id>/<slug:naam>/", views.plan_handeling, name="plan_handeling"),
]
