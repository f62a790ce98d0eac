"""Modellen van deze zaak; zie de docstring van het pakket."""
