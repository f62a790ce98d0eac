from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.meldingen"
    label = "meldingen"
    default_auto_field = "django.db.models.BigAutoField"
