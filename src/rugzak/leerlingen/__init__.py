"""Leerlingen, hun inschrijvingen op scholen en hun ouders."""
