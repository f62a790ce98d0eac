from typing import Any

from django.apps import AppConfig


def _ouderrelaties_gewijzigd(**_: Any) -> None:
    """Een ouderrelatie die binnen een verzoek verandert, mag niet uit de verzoekcache
    komen (rugzak.toegang.kinderen_van)."""
    from rugzak.gedeeld import verzoekcache

    verzoekcache.leeg()


class LeerlingenConfig(AppConfig):
    name = "rugzak.leerlingen"
    label = "leerlingen"
    verbose_name = "leerlingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from rugzak.leerlingen.models import OuderRelatie

        for signaal, naam in ((post_save, "opgeslagen"), (post_delete, "verwijderd")):
            signaal.connect(
                _ouderrelaties_gewijzigd,
                sender=OuderRelatie,
                dispatch_uid=f"rugzak_ouderrelatie_{naam}",
            )
