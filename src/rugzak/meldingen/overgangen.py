"""De toestanden en toegestane overgangen van de zaken in deze app.

Elke overgang is een service in :mod:`rugzak.meldingen.services`; die controleert eerst
de rol, dan deze tabel, dan de versie, en schrijft pas daarna (een geweigerde overgang
schrijft niets).

=================  =====================================  ==================================
zaak               van                                    naar (service)
=================  =====================================  ==================================
melding            (nieuw)                                ontvangen (melding_indienen)
                   ontvangen                              geaccepteerd (melding_accepteren),
                                                          geweigerd (melding_weigeren)
terugmelding       (nieuw)                                ontvangen (terugmelding_indienen)
                   ontvangen                              verwerkt (terugmelding_verwerken),
                                                          geweigerd (terugmelding_weigeren)
zml-aanvraag       (nieuw)                                ontvangen (zml_aanvraag_indienen)
                   ontvangen                              toegekend (zml_aanvraag_toekennen),
                                                          afgewezen (zml_aanvraag_afwijzen)
=================  =====================================  ==================================
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from rugzak.meldingen.models import Meldingstatus, Terugmeldingstatus, Zmlstatus

MELDING: dict[str, frozenset[str]] = {
    Meldingstatus.ONTVANGEN: frozenset({Meldingstatus.GEACCEPTEERD, Meldingstatus.GEWEIGERD}),
    Meldingstatus.GEACCEPTEERD: frozenset(),
    Meldingstatus.GEWEIGERD: frozenset(),
}

TERUGMELDING: dict[str, frozenset[str]] = {
    Terugmeldingstatus.ONTVANGEN: frozenset(
        {Terugmeldingstatus.VERWERKT, Terugmeldingstatus.GEWEIGERD}
    ),
    Terugmeldingstatus.VERWERKT: frozenset(),
    Terugmeldingstatus.GEWEIGERD: frozenset(),
}

ZML_AANVRAAG: dict[str, frozenset[str]] = {
    Zmlstatus.ONTVANGEN: frozenset({Zmlstatus.TOEGEKEND, Zmlstatus.AFGEWEZEN}),
    Zmlstatus.TOEGEKEND: frozenset(),
    Zmlstatus.AFGEWEZEN: frozenset(),
}


def controleer_overgang(
    tabel: dict[str, frozenset[str]], *, zaak: str, van: str, naar: str
) -> None:
    """Geef een ValidationError (veld ``status``) als ``van -> naar`` niet in ``tabel`` staat."""
    toegestaan = tabel.get(van, frozenset())
    if naar not in toegestaan:
        wel = ", ".join(sorted(toegestaan)) or "geen: dit is een eindtoestand"
        raise ValidationError(
            {
                "status": f"een {zaak} met status '{van}' kan niet naar '{naar}'; "
                f"toegestaan vanuit '{van}': {wel}"
            }
        )
