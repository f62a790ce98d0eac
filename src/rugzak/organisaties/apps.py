from typing import Any

from django.apps import AppConfig


def _rollen_gewijzigd(**_: Any) -> None:
    """Een rol die binnen een verzoek verandert, mag niet uit de verzoekcache komen."""
    from rugzak.gedeeld import verzoekcache

    verzoekcache.leeg()


class OrganisatiesConfig(AppConfig):
    name = "rugzak.organisaties"
    label = "organisaties"
    verbose_name = "organisaties en gebruikers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from rugzak.organisaties.models import Rol

        post_save.connect(_rollen_gewijzigd, sender=Rol, dispatch_uid="rugzak_rol_opgeslagen")
        post_delete.connect(_rollen_gewijzigd, sender=Rol, dispatch_uid="rugzak_rol_verwijderd")
