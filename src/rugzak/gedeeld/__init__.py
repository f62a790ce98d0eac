"""Gedeelde bouwstenen van de Django-toepassing: fouten, de peildatum ("vandaag") en
optimistische gelijktijdigheid (versiebeheer). Geen eigen modellen, geen Django-app."""
