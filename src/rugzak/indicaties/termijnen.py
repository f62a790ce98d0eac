"""De beslistermijn van de CvI per aanvraag, voor het termijnenregister.

De termijn loopt vanaf de dag dat het dossier volledig is (acht weken, één keer met acht
weken te verlengen, 000); de datum komt uit
:func:`rugzak.regeling.regels.termijnen.cvi_beslissing`. Een besliste aanvraag levert haar
termijn als voldaan (op de besluitdatum); een ingetrokken aanvraag of een aanvraag zonder
volledig dossier heeft geen lopende termijn.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from rugzak.indicaties.models import Aanvraagstatus, Indicatieaanvraag
from rugzak.indicaties.selectors import aanvragen_met_grond, kandidaten
from rugzak.organisaties.models import Gebruiker
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import Termijn, cvi_beslissing
from rugzak.termijnregister import Zaaktermijn

_VELDEN = (
    "publiek_id",
    "status",
    "volledig_op",
    "verlengingen",
    "besloten_op",
    "vorige_indicatie_id",
    "leerling_id",
    "leerling__publiek_id",
    "cvi_id",
    "cvi__naam",
)

#: Wie beslist: de secretaris van de CvI (rugzak.indicaties.services._secretaris).
BESLISSERS = frozenset({Roltype.CVI_SECRETARIS})

_MET_TERMIJN = (
    Aanvraagstatus.DOSSIER_VOLLEDIG,
    Aanvraagstatus.VERLENGD,
    Aanvraagstatus.POSITIEF,
    Aanvraagstatus.NEGATIEF,
)


#: zonder besluit: de termijn loopt nog
_OPEN = (Aanvraagstatus.DOSSIER_VOLLEDIG, Aanvraagstatus.VERLENGD)


def zaaktermijnen(
    *, gebruiker: Gebruiker, vandaag: date, alleen_open: bool = False
) -> Iterable[Zaaktermijn]:
    qs = (
        kandidaten(gebruiker, vandaag, Indicatieaanvraag.objects.select_related("leerling", "cvi"))
        .filter(status__in=_MET_TERMIJN, volledig_op__isnull=False)
        # alleen wat de termijn en de regel in het overzicht nodig hebben
        .only(*_VELDEN)
    )
    if alleen_open:
        # Een besliste aanvraag is voldaan op haar besluitdatum (als die niet na vandaag
        # ligt): voor alleen de open termijnen hoeft die niet gelezen te worden.
        qs = qs.filter(
            Q(status__in=_OPEN) | Q(besloten_op__isnull=True) | Q(besloten_op__gt=vandaag)
        )
    regeling = standaard_regeling()
    # Veel aanvragen delen hun datum: de regelkern rekent elke (datum, verlengingen) één keer.
    termijnen: dict[tuple[date, int], Termijn] = {}
    for aanvraag, grond in aanvragen_met_grond(gebruiker, list(qs), vandaag, voorgefilterd=True):
        assert aanvraag.volledig_op is not None
        sleutel = (aanvraag.volledig_op, aanvraag.verlengingen)
        termijn = termijnen.get(sleutel)
        if termijn is None:
            termijn = termijnen[sleutel] = cvi_beslissing(
                regeling, aanvraag.volledig_op, verlengingen=aanvraag.verlengingen
            )
        voldaan = (
            aanvraag.besloten_op
            if aanvraag.besloten_op and aanvraag.besloten_op <= vandaag
            else None
        )
        yield Zaaktermijn(
            zaaktype="indicatie",
            zaak_id=str(aanvraag.publiek_id),
            leerling_publiek_id=aanvraag.leerling.publiek_id,
            termijn=termijn,
            grond=grond,
            voldaan_op=voldaan,
            omschrijving_zaak=f"indicatieaanvraag bij {aanvraag.cvi.naam}"
            + (" (herindicatie)" if aanvraag.vorige_indicatie_id else ""),
            actie=""
            if voldaan
            else "Beslis over de herindicatie"
            if aanvraag.vorige_indicatie_id
            else "Beslis over de indicatieaanvraag",
            actoren=frozenset() if voldaan else BESLISSERS,
            actor_id=aanvraag.cvi_id,
            handeling="positief",
        )
