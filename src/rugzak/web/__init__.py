"""De minimale webschil: inloggen, een startpagina per rol en de leerlingpagina.

Klein gehouden: de volledige webtoepassing bouwt hierop verder. Views lezen alleen
invoer, roepen één selector of service aan en tonen het resultaat.
"""
