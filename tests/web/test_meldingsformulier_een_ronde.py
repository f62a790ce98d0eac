"""Het meldingsformulier noemt elk ontbrekend veld in één ronde, ook als er nog geen
leerling gekozen is (issue 15: verplichte velden kwamen één ronde per keer aan het licht)."""

from __future__ import annotations

from django.urls import reverse

from rugzak.meldingen.models import Melding, OnvolledigeIndiening


def test_zonder_leerling_ziet_de_school_alles_wat_ontbreekt_in_een_keer(client, wereld):
    client.force_login(wereld.directie_a, backend="django.contrib.auth.backends.ModelBackend")
    voor = (Melding.objects.count(), OnvolledigeIndiening.objects.count())
    r = client.post(reverse("meldingen:nieuw"), {"school": wereld.school_a.pk, "groep": "4"})
    assert r.status_code == 200
    fouten = r.context["formulier"].errors
    assert "leerling" in fouten
    for veld in ("inschrijvingsdatum", "schoolsoort", "cvi_nummer", "indicatiedatum"):
        assert veld in fouten, (veld, sorted(fouten))
    assert "groep" not in fouten
    # niets vastgelegd: zonder leerling is er geen indiening om te bewaren
    assert (Melding.objects.count(), OnvolledigeIndiening.objects.count()) == voor
