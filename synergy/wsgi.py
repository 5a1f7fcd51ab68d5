"""WSGI entry point (gunicorn synergy.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "synergy.settings.prod")

application = get_wsgi_application()
