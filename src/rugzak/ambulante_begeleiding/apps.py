from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.ambulante_begeleiding"
    label = "ambulante_begeleiding"
    default_auto_field = "django.db.models.BigAutoField"
