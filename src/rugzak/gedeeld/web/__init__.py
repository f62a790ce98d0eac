"""Gedeelde hulp voor de webpagina's van alle apps: formulieren en invoer die niets
verliest (``formulieren``), de bevestigingsstap voor bindende besluiten (``bevestiging``),
pagina's van lange lijsten (``paginering``), de leerlingkeuze in formulieren
(``leerlingkeuze``) en brieven als PDF (``brieven``). De pagina's zelf staan in de apps en
in :mod:`rugzak.web`."""
