from django.apps import AppConfig


class Config(AppConfig):
    name = "rugzak.rec"
    label = "rec"
    verbose_name = "REC- en (v)so-administratie"
    default_auto_field = "django.db.models.BigAutoField"
