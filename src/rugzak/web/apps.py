from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rugzak.web"
    label = "web"
    verbose_name = "webschil"
