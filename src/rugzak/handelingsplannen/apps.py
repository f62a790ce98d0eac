from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.handelingsplannen"
    label = "handelingsplannen"
    default_auto_field = "django.db.models.BigAutoField"
