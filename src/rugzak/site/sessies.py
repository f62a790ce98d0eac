"""De sessie verloopt na dertig minuten zonder verzoek (``SESSION_COOKIE_AGE``), zonder dat
elk verzoek de sessierij in de database herschrijft.

Django's ``SESSION_SAVE_EVERY_REQUEST`` schrijft de sessie bij elk verzoek opnieuw weg (een
UPDATE en een COMMIT per verzoek, ook bij alleen lezen). :class:`SessieVerversenMiddleware`
doet dat hoogstens eens per :data:`VERVERS_NA` seconden: de sessie verloopt dan tussen
29 en 30 minuten na het laatste verzoek, nooit later.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rugzak.gedeeld import tijd

#: Na zoveel seconden sinds de laatste keer wordt de vervaldatum van de sessie verschoven.
VERVERS_NA = 60
#: De sleutel in de sessie met het laatste verversen (seconden sinds 1970, echte klok).
SLEUTEL = "_rugzak_ververst"


class SessieVerversenMiddleware:
    """Verschuift de vervaldatum van een bestaande sessie hoogstens eens per minuut."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        sessie = getattr(request, "session", None)
        if sessie is None or sessie.modified or sessie.is_empty():
            return response
        nu = int(tijd.systeemtijd().timestamp())
        if nu - int(sessie.get(SLEUTEL, 0)) >= VERVERS_NA:
            sessie[SLEUTEL] = nu  # markeert de sessie als gewijzigd: SessionMiddleware slaat op
        return response
