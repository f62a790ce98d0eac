from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.scenarios"
    label = "scenarios"
    default_auto_field = "django.db.models.BigAutoField"
