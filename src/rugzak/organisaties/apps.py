from typing import Any

from django.apps import AppConfig


def _rollen_gewijzigd(**_: Any) -> None:
    """Een rol die binnen een verzoek verandert, mag niet uit de verzoekcache komen."""
    from rugzak.gedeeld import verzoekcache

    verzoekcache.leeg()


def _laatste_login(sender: Any, user: Any, **_: Any) -> None:
    """Als Django's update_last_login, maar op de klok van de toepassing (I-99)."""
    from rugzak.gedeeld.tijd import nu

    user.last_login = nu()
    user.save(update_fields=["last_login"])


class OrganisatiesConfig(AppConfig):
    name = "rugzak.organisaties"
    label = "organisaties"
    verbose_name = "organisaties en gebruikers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from rugzak.organisaties.models import Rol

        post_save.connect(_rollen_gewijzigd, sender=Rol, dispatch_uid="rugzak_rol_opgeslagen")
        post_delete.connect(_rollen_gewijzigd, sender=Rol, dispatch_uid="rugzak_rol_verwijderd")
        # Eén klok: "laatst ingelogd" komt uit gedeeld.tijd, niet uit timezone.now.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(_laatste_login, dispatch_uid="rugzak_laatste_login")
