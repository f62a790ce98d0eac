"""De termijnen van de REC- en (v)so-administratie, voor het termijnenregister.

004 verbindt aan deze zaken geen termijn: het verzoek om residentiële plaatsen, de
instemming met een nevenvestiging en het besluit over een aanmelding bij een
(v)so-school hebben in de bronnen geen beslis- of meldtermijn, en de regelkern
(:mod:`rugzak.regeling.regels.termijnen`) kent er dus geen. De duur van een toekenning
van residentiële plaatsen is een besluit van de bekostigingsinstantie, geen termijn. Zolang
de bronnen niets geven, levert deze module niets op (en rekent zij niets zelf uit).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rugzak.organisaties.models import Gebruiker
from rugzak.termijnregister import Zaaktermijn


def zaaktermijnen(
    *, gebruiker: Gebruiker, vandaag: date, alleen_open: bool = False
) -> Iterable[Zaaktermijn]:
    """Geen termijnen: 004 en de regelkern kennen er voor deze zaken geen."""
    return ()
