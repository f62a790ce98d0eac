"""Gedeelde hulp voor de webpagina's van alle apps: formulieren en invoer die niets
verliest (``formulieren``), de bevestigingsstap voor bindende besluiten (``bevestiging``),
pagina's van lange lijsten (``paginering``) en de leerlingkeuze in formulieren
(``leerlingkeuze``). De pagina's zelf staan in de apps en in :mod:`rugzak.web`."""
