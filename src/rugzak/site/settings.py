"""Django-instellingen van rugzak.

Alles wat per omgeving verschilt, komt uit omgevingsvariabelen:

- ``DATABASE_URL``: PostgreSQL (of een andere database) via dj-database-url. Zonder
  deze variabele: de ingebouwde SQLite-database ``RUGZAK_SQLITE`` (standaard
  ``var/rugzak.sqlite3`` onder de werkmap; de map wordt aangemaakt).
- ``RUGZAK_DEBUG`` (standaard 0), ``RUGZAK_SECRET_KEY`` (verplicht zonder debug),
  ``RUGZAK_ALLOWED_HOSTS`` (komma's; standaard 127.0.0.1,localhost),
  ``RUGZAK_HTTPS`` (standaard 1 zonder debug: veilige cookies, HSTS, doorsturen naar
  https), ``RUGZAK_HSTS_PRELOAD`` (standaard gelijk aan RUGZAK_HTTPS: HSTS met
  ``preload``), ``RUGZAK_VANDAAG`` (vaste peildatum JJJJ-MM-DD, voor demo en tests),
  ``RUGZAK_ACHTER_PROXY`` (1: vertrouw X-Forwarded-Proto van een eigen proxy),
  ``RUGZAK_CSRF_TRUSTED_ORIGINS`` (komma's, bv. https://rugzak.example.nl).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from rugzak.site import omgeving

PAKKET = Path(__file__).resolve().parent.parent

DEBUG = omgeving.vlag("RUGZAK_DEBUG", False)

SECRET_KEY = os.environ.get("RUGZAK_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "RUGZAK_SECRET_KEY ontbreekt. Zet een lange willekeurige waarde, of zet "
            "RUGZAK_DEBUG=1 voor ontwikkelwerk (dan wordt er per proces een sleutel gemaakt)."
        )
    SECRET_KEY = "dev-" + secrets.token_urlsafe(48)

ALLOWED_HOSTS = omgeving.lijst("RUGZAK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rugzak.organisaties",
    "rugzak.leerlingen",
    "rugzak.audit",
    "rugzak.indicaties",
    "rugzak.toelating",
    "rugzak.handelingsplannen",
    "rugzak.meldingen",
    "rugzak.ambulante_begeleiding",
    "rugzak.betalingen",
    "rugzak.scenarios",
    "rugzak.rec",
    "rugzak.documenten",
    "rugzak.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rugzak.site.beveiliging.BeveiligingskoppenMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # de vervaldatum van de sessie hoogstens eens per minuut verschuiven: rugzak.site.sessies
    "rugzak.site.sessies.SessieVerversenMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # een cache per verzoek (de rollen van de gebruiker): rugzak.gedeeld.verzoekcache
    "rugzak.gedeeld.verzoekcache.VerzoekcacheMiddleware",
    # de leesregels van het auditlog in één bulkinsert per verzoek: rugzak.audit.services
    "rugzak.audit.middleware.AuditbundelMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes als laatste (zijn documentatie): blokkeert na te veel mislukte pogingen.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rugzak.site.urls"
WSGI_APPLICATION = "rugzak.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
_url = omgeving.database_url()
if _url:
    # Blijvende verbindingen: elke thread van gunicorn houdt haar verbinding tot
    # RUGZAK_CONN_MAX_AGE seconden (standaard 600) en controleert haar vóór hergebruik na
    # een verzoek (CONN_HEALTH_CHECKS), zodat een herstarte database geen fout geeft. Zo
    # kost een verzoek geen nieuwe verbinding (zie gunicorn.conf.py en README, "Productie").
    DATABASES = {
        "default": dj_database_url.parse(
            _url,
            conn_max_age=int(os.environ.get("RUGZAK_CONN_MAX_AGE", "600")),
            conn_health_checks=True,
        )
    }
else:
    _sqlite = omgeving.sqlite_pad()
    _sqlite.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite),
            "OPTIONS": {
                # Schrijvers wachten op elkaar in plaats van halverwege te falen.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- achtergrondtaken (django-tasks, wachtrij in de eigen database) ----------------------
# Een betaalrun wordt in de wachtrij gezet en door een verwerker uitgevoerd:
# ``python -m django db_worker`` (of ``rugzak betaalrun verwerker``). Meer verwerkers, ook op
# meer machines, delen dezelfde wachtrij in dezelfde database.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("RUGZAK_TAKEN_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
#: Na hoeveel seconden zonder teken van leven een lopende run als uitgevallen geldt en
#: wordt hervat (zie rugzak.betalingen.taken).
RUGZAK_BETAALRUN_HARTSLAG_GRENS = int(os.environ.get("RUGZAK_BETAALRUN_HARTSLAG_GRENS", "300"))
#: Alleen voor tests: zoveel seconden wachten tussen twee delen van de berekening, zodat een
#: test de verwerker midden in een run kan stoppen.
RUGZAK_BETAALRUN_TESTVERTRAGING = float(os.environ.get("RUGZAK_BETAALRUN_TESTVERTRAGING", "0"))
# Een betaalrun rekent alleen de leerlingen opnieuw bij wie iets veranderde (I-190); 0: iedereen.
RUGZAK_BETAALRUN_INCREMENTEEL = os.environ.get("RUGZAK_BETAALRUN_INCREMENTEEL", "1") != "0"

# --- gebruikers en inloggen ---------------------------------------------------------------
AUTH_USER_MODEL = "organisaties.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "inloggen"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "inloggen"

# django-axes: na 5 mislukte pogingen voor dezelfde gebruikersnaam vanaf hetzelfde adres
# 15 minuten geblokkeerd; een geslaagde inlog zet de teller terug.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_VERBOSE = False

# --- sessies en beveiliging ---------------------------------------------------------------
SESSION_COOKIE_AGE = 30 * 60
# Niet bij elk verzoek opslaan (een UPDATE en COMMIT per verzoek): rugzak.site.sessies
# verschuift de vervaldatum hoogstens eens per minuut, dus 29 tot 30 minuten na het laatste
# verzoek is de sessie verlopen.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

HTTPS = omgeving.vlag("RUGZAK_HTTPS", not DEBUG)
# Veilige cookies, HSTS en doorsturen naar https: alleen met https (zie
# omgeving.https_instellingen; 'django-admin check --deploy' is daarmee schoon).
globals().update(
    omgeving.https_instellingen(HTTPS, preload=omgeving.vlag("RUGZAK_HSTS_PRELOAD", HTTPS))
)
if omgeving.vlag("RUGZAK_ACHTER_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = omgeving.lijst("RUGZAK_CSRF_TRUSTED_ORIGINS", [])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy en Permissions-Policy: rugzak.site.beveiliging (geen inline
# scripts of stijlen; een test bewaakt de sjablonen en de browser meldt schendingen).

# --- taal en tijd -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

#: Vaste peildatum van de toepassing (zie rugzak.gedeeld.tijd); None: de echte datum.
RUGZAK_VANDAAG = omgeving.datum("RUGZAK_VANDAAG")

# --- statische bestanden -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("RUGZAK_STATIC_ROOT") or str(Path.cwd() / "var" / "static")

# --- REST API (de endpoints volgen; zie issue 3, punt 7) ------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Geen DEFAULT_PAGINATION_CLASS: de viewsets zijn geen generieke views; elke lijst
    # pagineert met rugzak.gedeeld.api.paginering (pagina, per_pagina; 50 standaard, hoogstens 500).
    "EXCEPTION_HANDLER": "rugzak.api.problemen.verwerk_fout",
    # Alleen JSON: de HTML-weergave van DRF (de 'browsable API') zet inline stijlen en
    # jQuery in de pagina, wat de strikte CSP weigert; de API is voor programma's en
    # beschreven in docs/openapi.yaml. Een browser die /api/v1/ opent, krijgt JSON.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "rugzak API",
    "DESCRIPTION": "Zaakadministratie van de leerlinggebonden financiering (LGF).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rugzak.api.problemen.schema_met_problemen",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
