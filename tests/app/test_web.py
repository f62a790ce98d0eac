"""De webschil: inloggen, startpagina, leerlingpagina, beveiligingskoppen."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rugzak.audit.models import Actie, AuditRegel

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _log_in(client, gebruikersnaam, wachtwoord):
    return client.post(reverse("inloggen"), {"username": gebruikersnaam, "password": wachtwoord})


def test_de_inlogpagina_is_nederlands_en_toegankelijk(client):
    antwoord = client.get(reverse("inloggen"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    assert "csrfmiddlewaretoken" in html


def test_beveiligingskoppen_staan_op_elk_antwoord(client):
    antwoord = client.get(reverse("inloggen"))
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert antwoord["Referrer-Policy"] == "same-origin"
    csp = antwoord["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_inloggen_met_het_juiste_wachtwoord_leidt_naar_de_startpagina(client, wereld, wachtwoord):
    antwoord = _log_in(client, "directie_a", wachtwoord)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("start")
    start = client.get(reverse("start"))
    html = start.content.decode()
    assert "Directie" in html and "School A" in html
    lijst = client.get(reverse("leerlingen")).content.decode()
    assert "Jansen, Anna" in lijst
    assert "Bakker" not in lijst and "Bakker" not in html  # leerling van school B


def test_een_verkeerd_wachtwoord_geeft_een_nederlandse_foutmelding(client, wereld):
    antwoord = _log_in(client, "directie_a", "verkeerd-wachtwoord")
    assert antwoord.status_code == 200
    assert "gebruikersnaam" in antwoord.content.decode().lower()
    assert 'role="alert"' in antwoord.content.decode()


def test_na_vijf_mislukte_pogingen_wordt_inloggen_geblokkeerd(client, wereld, wachtwoord):
    for _ in range(5):
        _log_in(client, "directie_a", "verkeerd-wachtwoord")
    antwoord = _log_in(client, "directie_a", wachtwoord)
    assert antwoord.status_code == 429
    assert "geblokkeerd" in antwoord.content.decode()


def test_de_sessie_verloopt_na_dertig_minuten(client, wereld, wachtwoord, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    _log_in(client, "directie_a", wachtwoord)
    assert client.session.get_expiry_age() <= 30 * 60


def test_de_sessie_schuift_hoogstens_eens_per_minuut_op(client, wereld, monkeypatch):
    """Elk verzoek telt als activiteit, maar de sessierij wordt niet bij elk verzoek
    herschreven: pas na een minuut weer (rugzak.site.sessies)."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session

    from rugzak.gedeeld import tijd
    from rugzak.site import sessies

    client.force_login(wereld.directie_a, backend=MODEL_BACKEND)
    client.get(reverse("start"))
    sleutel = client.session.session_key
    eerst = Session.objects.get(session_key=sleutel).expire_date
    client.get(reverse("start"))  # binnen de minuut: niet opnieuw opgeslagen
    assert Session.objects.get(session_key=sleutel).expire_date == eerst
    echt = tijd.systeemtijd()
    monkeypatch.setattr(
        sessies.tijd, "systeemtijd", lambda: echt + timedelta(seconds=sessies.VERVERS_NA + 1)
    )
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: echt + timedelta(seconds=sessies.VERVERS_NA + 1)
    )
    client.get(reverse("start"))
    later = Session.objects.get(session_key=sleutel).expire_date
    assert later - eerst >= timedelta(seconds=sessies.VERVERS_NA)


def test_de_startpagina_vraagt_om_inloggen(client):
    antwoord = client.get(reverse("start"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("inloggen"))


def test_links_naar_leerlingen_bevatten_alleen_het_publieke_id(client, wereld):
    client.force_login(wereld.ouder_a, backend=MODEL_BACKEND)
    html = client.get(reverse("start")).content.decode()
    links = re.findall(r'href="(/leerlingen/[^"]+)"', html)
    assert links == [f"/leerlingen/{wereld.leerling_a.publiek_id}/"]


def test_de_leerlingpagina_toont_het_dossier_en_logt_de_inzage(client, wereld):
    client.force_login(wereld.ouder_a, backend=MODEL_BACKEND)
    url = reverse("leerling", args=[wereld.leerling_a.publiek_id])
    antwoord = client.get(url)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Anna Jansen" in html and "School A" in html and "groep 5" in html
    assert AuditRegel.objects.filter(
        actie=Actie.LEZEN,
        gebruiker_id=wereld.ouder_a.pk,
        leerling_publiek_id=str(wereld.leerling_a.publiek_id),
        reden="leerlingpagina bekeken",
    ).exists()


def test_een_leerling_zonder_toegang_geeft_404_net_als_een_onbekend_id(client, wereld):
    import uuid

    client.force_login(wereld.ouder_a, backend=MODEL_BACKEND)
    geen_toegang = client.get(reverse("leerling", args=[wereld.leerling_b.publiek_id]))
    onbekend = client.get(reverse("leerling", args=[uuid.uuid4()]))
    assert geen_toegang.status_code == onbekend.status_code == 404
    assert "Bram" not in geen_toegang.content.decode()
    assert AuditRegel.objects.filter(actie=Actie.GEWEIGERD).count() == 2


def test_de_bekostigingsinstantie_ziet_geen_namen_op_de_startpagina(client, wereld):
    client.force_login(wereld.bekostigingsmedewerker, backend=MODEL_BACKEND)
    html = client.get(reverse("start")).content.decode()
    assert "Anna" not in html and "Bram" not in html
    assert "CvI-nummer" in html


def test_uitloggen_gaat_met_post(client, wereld):
    client.force_login(wereld.ouder_a, backend=MODEL_BACKEND)
    assert client.get(reverse("uitloggen")).status_code == 405
    assert client.post(reverse("uitloggen")).status_code == 302
    assert client.get(reverse("start")).status_code == 302
