"""Eén declaratie per overgang van een zaak; de API-acties en de webafhandeling volgen
daaruit.

Een zaaktype (indicatieaanvraag, toelatingszaak, melding, begeleiding, ...) declareert elke
overgang één keer als :class:`rugzak.gedeeld.zaakhandelingen.overgang.Overgang` in zijn
``handelingen.py``: invoer-serializer, service, de weergave van de velden op de zaakpagina,
wie het formulier ziet, de melding en eventueel de bevestiging. Wat daaruit volgt, is
alleen loodgieterswerk: de DRF-actie (:mod:`.api`), het formulier en de POST op de
zaakpagina (:mod:`.web`). Toegang, versie (409), voorwaarden, geschiedenis en audit
blijven in de services en selectors van het zaaktype. Een overgang zonder ``mag`` is er
alleen in de API (de REC-zaken, het gastleerlingschap).
"""
