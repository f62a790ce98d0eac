"""De REST-API van rugzak, versie 1 (``/api/v1/``).

Elke zaak-app zet zijn eindpunten in een eigen module ``<app>/api.py`` met een functie
``registreer(router)``; :mod:`rugzak.api.urls` vindt die modules vanzelf. Eindpunten roepen
dezelfde services en selectors aan als de webtoepassing: rechten en audit zitten daar,
niet in de API. Fouten komen als ``application/problem+json`` (RFC 9457), zie
:mod:`rugzak.api.problemen`. Geen namen of andere persoonsgegevens in URL's: leerlingen en
zaken heten er naar hun publieke id.
"""
