from django.apps import AppConfig


class LeerlingenConfig(AppConfig):
    name = "rugzak.leerlingen"
    label = "leerlingen"
    verbose_name = "leerlingen"
    default_auto_field = "django.db.models.BigAutoField"
