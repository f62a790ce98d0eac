from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "rugzak.documenten"
    label = "documenten"
    verbose_name = "brieven en documenten (PDF)"
