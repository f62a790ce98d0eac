"""De Django-site van rugzak: instellingen, URL's, WSGI."""
