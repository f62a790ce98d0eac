"""Toelating van een leerling met LGF op een school: het protocol in 14 fasen (002)."""
