from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "rugzak.organisaties"
    label = "organisaties"
    verbose_name = "organisaties en gebruikers"
    default_auto_field = "django.db.models.BigAutoField"
