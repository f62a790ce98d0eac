"""Fouten van de toepassing (niet van de regelkern: die staan in rugzak.regeling.fouten).

Elke fout zegt wat er mis is en wat wel kan. Validatiefouten van invoer zijn gewone
``django.core.exceptions.ValidationError``; deze klassen dekken de overige gevallen.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class GeenToegang(PermissionDenied):
    """De gebruiker heeft geen rol die deze handeling op dit object toestaat.

    Subklasse van ``PermissionDenied``, zodat Django er een 403 van maakt.
    """

    def __init__(self, wat: str, *, nodig: str = "") -> None:
        self.wat = wat
        self.nodig = nodig
        bericht = f"geen toegang: {wat}"
        if nodig:
            bericht += f"; daarvoor is nodig: {nodig}"
        super().__init__(bericht)


class GelijktijdigeWijziging(Exception):
    """Iemand anders heeft het record gewijzigd sinds het werd gelezen.

    De wijziging is niet opgeslagen; lees het record opnieuw en voer de wijziging
    opnieuw uit op de nieuwe versie.
    """

    def __init__(
        self,
        *,
        objecttype: str,
        object_id: object,
        verwachte_versie: int,
        huidige_versie: int | None,
    ) -> None:
        self.objecttype = objecttype
        self.object_id = object_id
        self.verwachte_versie = verwachte_versie
        self.huidige_versie = huidige_versie
        if huidige_versie is None:
            stand = "het record bestaat niet meer"
        else:
            stand = f"de huidige versie is {huidige_versie}"
        super().__init__(
            f"{objecttype} {object_id} is intussen door iemand anders gewijzigd: u wijzigde "
            f"versie {verwachte_versie}, maar {stand}. Er is niets opgeslagen; lees het "
            "record opnieuw en voer uw wijziging opnieuw uit."
        )
