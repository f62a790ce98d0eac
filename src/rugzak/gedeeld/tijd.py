"""De peildatum van de toepassing: de enige plek waar de toepassing "vandaag" leest.

De regelkern krijgt de datum altijd als argument. De toepassing leest hem hier, zodat
een demo of test een vaste datum kan zetten met de instelling ``RUGZAK_VANDAAG``
(omgevingsvariabele, JJJJ-MM-DD); zonder die instelling is het de lokale datum.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def vandaag() -> date:
    """De datum waarop de toepassing rekent en toegang bepaalt."""
    vast: date | None = getattr(settings, "RUGZAK_VANDAAG", None)
    if vast is not None:
        return vast
    return timezone.localdate()


def nu() -> datetime:
    """Het tijdstip (met tijdzone) dat de toepassing vastlegt: aangevraagd, begonnen,
    afgerond, laatste teken van leven."""
    return timezone.now()
