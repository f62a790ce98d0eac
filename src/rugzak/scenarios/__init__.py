"""Wat-als-scenario's van de beleidsanalist over de geregistreerde populatie (issue 9, deel 4)."""
