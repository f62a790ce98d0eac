"""Modelvelden van de toepassing.

:class:`Tijdstipveld` is een ``DateTimeField`` waarvan ``auto_now`` en ``auto_now_add``
het tijdstip van :func:`rugzak.gedeeld.tijd.nu` nemen in plaats van de systeemklok, zodat
ook "aangemaakt op" en "gewijzigd op" de vastgezette dag van demo en tests volgen (één
klok, I-99). In de database is het een gewone datum-tijdkolom.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models

from rugzak.gedeeld.tijd import nu


class Tijdstipveld(models.DateTimeField):  # type: ignore[type-arg]
    """``DateTimeField`` met ``auto_now``/``auto_now_add`` op de klok van de toepassing."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            waarde: datetime = nu()
            setattr(model_instance, self.attname, waarde)
            return waarde
        # Het veld zelf, zonder de systeemklok van DateTimeField/DateField.pre_save.
        return models.Field.pre_save(self, model_instance, add)
