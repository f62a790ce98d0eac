"""Melding en terugmelding bij de bekostigingsinstantie (CFI/DUO), zml-aanvraag (003, 004)."""
