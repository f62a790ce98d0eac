from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.indicaties"
    label = "indicaties"
    default_auto_field = "django.db.models.BigAutoField"
