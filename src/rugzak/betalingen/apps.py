from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.betalingen"
    label = "betalingen"
    default_auto_field = "django.db.models.BigAutoField"
