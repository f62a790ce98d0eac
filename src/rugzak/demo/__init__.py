"""Synthetische, realistische demogegevens: besturen, scholen van elke schoolsoort,
REC's voor de clusters 2-4 met CvI en AB-dienst, de bekostigingsinstantie, leerlingen
met inschrijvingen en ouders. Reproduceerbaar: hetzelfde zaad geeft dezelfde gegevens.

Alle gegevens zijn verzonnen. Alle demogebruikers hebben hetzelfde vaste wachtwoord
:data:`DEMO_WACHTWOORD`; gebruik deze gegevens nooit buiten een demo.

Laden: :func:`rugzak.demo.laden.laad_demo` (na django.setup()). Uitbreiden met zaken en
betalingen: zie :mod:`rugzak.demo.opbouw` (registreer_stap).

Dit pakketbestand laadt geen Django, zodat de CLI de constanten vóór django.setup() kan lezen.
"""

from __future__ import annotations

from datetime import date

#: Het vaste wachtwoord van alle demogebruikers. Alleen voor demogegevens.
DEMO_WACHTWOORD = "rugzak-demo-2011"
#: Het zaad van de generator.
DEMO_ZAAD = 2011
#: De peildatum van de demo: midden in schooljaar 2011-2012 (tarieven 001 per 1 augustus 2011).
DEMO_PEILDATUM = date(2012, 3, 15)
