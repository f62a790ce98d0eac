"""De gunicorn-instellingen van rugzak voor productie (``gunicorn -c gunicorn.conf.py
rugzak.site.wsgi:application``; gunicorn leest dit bestand ook vanzelf uit de werkmap).

Voor een machine met twee kernen waarop ook PostgreSQL draait (zie README, "Productie"):
het werk per verzoek is vooral Python (de GIL), dus parallel werk komt van processen:
twee per kern. Elk proces heeft een paar threads, zodat het rekent terwijl een andere
thread op de database wacht; meer threads helpen niet en kosten verbindingen (elke
thread houdt een eigen, blijvende verbinding: ``CONN_MAX_AGE`` in de instellingen).
Per proces wordt de regeling één keer geladen, vóór het eerste verzoek.

Alles is te overschrijven met omgevingsvariabelen (``RUGZAK_GUNICORN_WORKERS``,
``RUGZAK_GUNICORN_THREADS``, ``RUGZAK_GUNICORN_BIND``) of met opties op de opdrachtregel.
"""

from __future__ import annotations

import os

_kernen = os.cpu_count() or 1

bind = os.environ.get("RUGZAK_GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("RUGZAK_GUNICORN_WORKERS", str(2 * _kernen)))
worker_class = "gthread"
threads = int(os.environ.get("RUGZAK_GUNICORN_THREADS", "4"))
#: keep-alive voor de proxy ervoor (of clients die hun verbinding hergebruiken)
keepalive = 30
#: een verzoek dat langer duurt, is een fout (lang werk is een taak, geen verzoek)
timeout = 30
graceful_timeout = 30
#: processen af en toe vernieuwen (geheugen), niet allemaal tegelijk
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("RUGZAK_GUNICORN_ACCESSLOG") or None
loglevel = os.environ.get("RUGZAK_GUNICORN_LOGLEVEL", "warning")


def post_worker_init(worker: object) -> None:
    """Laad de regeling (bronnen, tarieven, interpretaties) vóór het eerste verzoek: één
    keer per proces (``rugzak.regeling.laden.standaard_regeling`` onthoudt haar)."""
    from rugzak.regeling.laden import standaard_regeling

    standaard_regeling()
