"""WSGI-ingang voor een productieserver (bv. gunicorn rugzak.site.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugzak.site.settings")

application = get_wsgi_application()
