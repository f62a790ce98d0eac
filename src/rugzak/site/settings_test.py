"""Instellingen voor de testsuite: de gewone instellingen, met een vaste testsleutel,
zonder https-doorsturing en met een snelle wachtwoordhash. De database volgt dezelfde
regels (SQLite standaard, ``DATABASE_URL`` voor PostgreSQL)."""

from __future__ import annotations

import os

os.environ.setdefault("RUGZAK_SECRET_KEY", "test-sleutel-niet-voor-productie-" + "x" * 32)
os.environ.setdefault("RUGZAK_HTTPS", "0")

from rugzak.site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
