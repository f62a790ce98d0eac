"""Gedeelde hulp voor de API van alle apps: paginering van lijsten (``paginering``). De
eindpunten zelf staan in de apps en in :mod:`rugzak.api`."""
