"""Gedeelde hulp voor de API van alle apps: paginering van lijsten (``paginering``) en lezen
als declaratie per zaaktype (``inzage``: de lijst, één zaak, de zaak voor een handeling). De
eindpunten zelf staan in de apps en in :mod:`rugzak.api`."""
