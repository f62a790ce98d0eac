from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.toelating"
    label = "toelating"
    default_auto_field = "django.db.models.BigAutoField"
