"""Eén declaratie per handeling op een zaak; de API-acties en de webafhandeling volgen
daaruit.

Een zaaktype (toelatingszaak, melding, overeenkomst, ...) declareert elke handeling één
keer als :class:`rugzak.gedeeld.zaakhandelingen.api.Handeling` (de API) en/of
:class:`rugzak.gedeeld.zaakhandelingen.web.Webhandeling` (de zaakpagina). Wat daaruit
volgt, is alleen loodgieterswerk: invoer valideren, de zaak opzoeken voor de handeling,
de service aanroepen, het antwoord of de redirect. Toegang, versie (409), voorwaarden,
geschiedenis en audit blijven in de services en selectors van het zaaktype.
"""
