"""Lezen uit het auditlog: de inzage van de ouder (AVG art. 15) en de export van de
functionaris gegevensbescherming. Beide lezingen komen zelf ook in het auditlog."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from rugzak import toegang
from rugzak.audit.models import Actie, AuditRegel
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.audit.verwerkingen import VERWERKINGEN, verwerking_van
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster
from rugzak.leerlingen.models import Leerling
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Roltype

#: De keuzes die de ouder bij het overzicht te zien krijgt (zie interpretaties-auditrecht).
INTERPRETATIE_WIE = "I-93"
INTERPRETATIE_GRONDSLAG = "I-94"
INTERPRETATIE_EXPORT = "I-95"

#: Hoe een soort object in de inzage van de ouder heet (welk deel van de gegevens).
_OBJECTNAMEN = {
    "leerling": "gegevens van de leerling",
    "dossier": "dossier van de leerling",
    "geregistreerde_leerling": "registratie van de leerling",
    "ouderrelatie": "koppeling van een ouder",
    "indicatieaanvraag": "aanvraag om indicatie",
    "dossierstuk": "stuk in het indicatiedossier",
    "toelatingszaak": "toelating",
    "vso_aanmelding": "aanmelding bij een (v)so-school",
    "vso_plaatsing": "plaatsing op een (v)so-school",
    "overeenkomst": "overeenkomst school-ouders",
    "zml_aanvraag": "zml-aanvraag",
    "terugplaatsing_groep2": "terugplaatsing naar groep 2",
    "rugzak": "inhoud van de rugzak",
    "grootboekregel": "betaling (grootboekregel)",
    "grootboek": "betalingen (grootboek)",
    "begeleiding": "ambulante begeleiding",
    "begeleidingsinformatie": "informatie over begeleiding",
    "onderwijsconsulent": "inschakeling onderwijsconsulent",
    "auditlog_inzage": "dit overzicht (wie uw gegevens zag)",
    "auditlog_export": "export van het auditlog",
}


def auditregels_voor_leerling(*, leerling_publiek_id: UUID | str) -> QuerySet[AuditRegel]:
    """Alle regels over één leerling, nieuwste eerst (ook na verwijdering van de leerling).

    Zonder toegangscontrole en zonder audit: voor tests en voor de selectors hieronder.
    """
    return AuditRegel.objects.filter(leerling_publiek_id=str(leerling_publiek_id))


# --- de inzage van de ouder -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Inzageregel:
    """Eén regel van het overzicht voor de ouder: wie (rol en organisatie, nooit de naam
    van een ander), wanneer, wat en waarom (I-93)."""

    wanneer: datetime
    wie: str
    organisatie: str
    handeling: str
    wat: str
    reden: str
    verwerking: str
    grondslag: str


def _objectnaam(objecttype: str) -> str:
    return _OBJECTNAMEN.get(objecttype, objecttype.replace("_", " "))


def _verwerking_en_grondslag(regel: AuditRegel) -> tuple[str, str]:
    """De vastgelegde verwerking en grondslag; een regel van vóór die velden (migratie
    audit 0003) kan niet worden bijgewerkt en krijgt ze uit hetzelfde register."""
    if regel.verwerking:
        v = VERWERKINGEN.get(regel.verwerking)
        return (v.naam if v else regel.verwerking), regel.grondslag
    afgeleid = verwerking_van(regel.objecttype)
    if afgeleid is None:
        return "niet vastgelegd", "niet vastgelegd"
    return afgeleid.naam, afgeleid.grondslag


def _wie(regel: AuditRegel, kijker: Gebruiker) -> str:
    """Rol, nooit een naam (I-93): de ouder ziet wie namens welke organisatie handelde."""
    if regel.gebruiker_id is None:
        return "rugzak (het systeem zelf)"
    if regel.gebruiker_id == kijker.pk:
        rol = Roltype(regel.rol).label if regel.rol in Roltype.values else "zonder rol"
        return f"uzelf ({rol})"
    if regel.rol in Roltype.values:
        return Roltype(regel.rol).label
    return "een gebruiker zonder toegang tot dit kind"


def _organisatienamen(ids: Iterable[int | None]) -> dict[int, str]:
    echt = {i for i in ids if i is not None}
    return dict(Organisatie.objects.filter(pk__in=echt).values_list("pk", "naam"))


def inzage_voor_ouder(
    *, gebruiker: Gebruiker, publiek_id: UUID, venster: Venster
) -> Deel[Inzageregel]:
    """Wie de gegevens van dit kind las of wijzigde, wanneer en waarom: één pagina, nieuwste
    eerst, voor een ouder van het kind (AVG art. 15). Andere rollen, ook als ze het kind
    zien, krijgen :class:`GeenToegang`. Het bekijken wordt zelf vastgelegd; die regel staat
    vanaf de volgende keer in het overzicht."""
    leerling = Leerling.objects.filter(publiek_id=publiek_id).first()
    grond = toegang.oudergrond(gebruiker, leerling) if leerling is not None else None
    if leerling is None or grond is None:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.GEWEIGERD,
            objecttype="auditlog_inzage",
            object_id=publiek_id,
            leerling_publiek_id=publiek_id,
            reden="inzage in het auditlog van een kind: geen ouder van dit kind",
        )
        raise GeenToegang("het auditlog van dit kind", nodig="ouder of verzorger van dit kind")
    alle = auditregels_voor_leerling(leerling_publiek_id=leerling.publiek_id).order_by(
        "-wanneer", "-id"
    )
    aantal = alle.count()
    regels = list(alle[venster.begin : venster.eind])
    namen = _organisatienamen(r.organisatie_id for r in regels)
    items = []
    for r in regels:
        verwerking, grondslag = _verwerking_en_grondslag(r)
        items.append(
            Inzageregel(
                wanneer=r.wanneer,
                wie=_wie(r, gebruiker),
                organisatie=namen.get(r.organisatie_id or 0, "—"),
                handeling=Actie(r.actie).label,
                wat=_objectnaam(r.objecttype),
                reden=r.reden,
                verwerking=verwerking,
                grondslag=grondslag,
            )
        )
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="auditlog_inzage",
        object_id=leerling.publiek_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=f"overzicht 'wie zag of wijzigde gegevens' bekeken, pagina {venster.pagina}",
    )
    return Deel(items, aantal)


# --- de export van de functionaris gegevensbescherming ----------------------------------

#: De kolommen van de CSV, met de begrippen van de Logboek Dataverwerkingen erbij (README).
CSV_KOLOMMEN = (
    "Tijdstip",
    "Gebruiker",
    "Rol",
    "Organisatie",
    "Handeling",
    "Verwerkingsactiviteit",
    "Grondslag",
    "Soort gegevens",
    "Object",
    "Betrokkene (leerling, publiek id)",
    "Reden",
    "Gewijzigde velden",
)

#: Tekens waarmee een rekenblad een cel als formule leest; zo'n waarde krijgt een '.
_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def _cel(waarde: object) -> str:
    tekst = "" if waarde is None else str(waarde)
    return f"'{tekst}" if tekst.startswith(_FORMULETEKENS) else tekst


def privacy_organisaties(*, gebruiker: Gebruiker) -> list[Organisatie]:
    """De organisaties waarvan ``gebruiker`` functionaris gegevensbescherming is."""
    ids = toegang.privacygronden(gebruiker)
    return list(Organisatie.objects.filter(pk__in=ids).order_by("naam"))


def _periode(van: date | None, tot: date | None) -> tuple[date, date]:
    if van is None:
        raise ValidationError({"van": "geef de eerste dag van de periode (JJJJ-MM-DD)"})
    if tot is None:
        raise ValidationError({"tot": "geef de laatste dag van de periode (JJJJ-MM-DD)"})
    if tot < van:
        raise ValidationError({"tot": f"de laatste dag ligt vóór de eerste dag ({van:%Y-%m-%d})"})
    return van, tot


def export_bestandsnaam(organisatie_id: int, van: date, tot: date) -> str:
    """De naam van het exportbestand (webpagina en API): organisatie en periode."""
    return f"auditlog-{organisatie_id}-{van:%Y%m%d}-{tot:%Y%m%d}.csv"


def auditlog_export_csv(
    *, gebruiker: Gebruiker, organisatie_id: int, van: date | None, tot: date | None
) -> tuple[str, int]:
    """De auditregels van één organisatie in een periode (van en tot en met, lokale
    datum), als CSV voor de functionaris gegevensbescherming van die organisatie (I-95):
    UTF-8 met BOM, puntkomma als scheidingsteken, Nederlandse kolomkoppen.

    Geeft de tekst en het aantal regels. De export komt zelf in het auditlog: één regel
    voor de organisatie en één per leerling in de export ('geëxporteerd'), zodat ook de
    ouder ziet dat de regels over het kind zijn uitgevoerd. Geen rol: :class:`GeenToegang`
    (met een regel 'geweigerd'); een ongeldige periode: ValidationError, niets gelogd.
    """
    begin, eind = _periode(van, tot)
    grond = toegang.privacygronden(gebruiker).get(organisatie_id)
    if grond is None:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.GEWEIGERD,
            objecttype="auditlog_export",
            object_id=f"organisatie:{organisatie_id}",
            reden="export van het auditlog: geen functionaris gegevensbescherming van deze "
            "organisatie",
        )
        raise GeenToegang(
            "het auditlog van deze organisatie",
            nodig="de rol functionaris gegevensbescherming bij deze organisatie",
        )
    regels = AuditRegel.objects.filter(
        organisatie_id=organisatie_id, wanneer__date__gte=begin, wanneer__date__lte=eind
    ).order_by("wanneer", "id")
    naam = Organisatie.objects.values_list("naam", flat=True).get(pk=organisatie_id)
    uit = io.StringIO()
    uit.write("\ufeff")
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOLOMMEN)
    leerlingen: set[str] = set()
    aantal = 0
    for r in regels.iterator():
        aantal += 1
        if r.leerling_publiek_id:
            leerlingen.add(r.leerling_publiek_id)
        verwerking, grondslag = _verwerking_en_grondslag(r)
        rol = Roltype(r.rol).label if r.rol in Roltype.values else r.rol
        velden: Any = r.velden
        schrijver.writerow(
            [
                _cel(timezone.localtime(r.wanneer).strftime("%Y-%m-%d %H:%M:%S")),
                _cel(r.gebruikersnaam),
                _cel(rol),
                _cel(naam),
                _cel(Actie(r.actie).label),
                _cel(verwerking),
                _cel(grondslag),
                _cel(r.objecttype),
                _cel(r.object_id),
                _cel(r.leerling_publiek_id),
                _cel(r.reden),
                _cel(", ".join(velden) if isinstance(velden, list) else velden),
            ]
        )
    reden = f"auditlog geëxporteerd als CSV, {begin:%Y-%m-%d} t/m {eind:%Y-%m-%d}"
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.EXPORTEREN,
        objecttype="auditlog_export",
        object_id=f"organisatie:{organisatie_id}",
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=f"{reden} ({aantal} regels)",
    )
    audit_registreer_lijst(
        gebruiker=gebruiker,
        objecttype="auditlog_export",
        actie=Actie.EXPORTEREN,
        items=[
            (f"organisatie:{organisatie_id}", lp, grond.rol, grond.organisatie_id)
            for lp in sorted(leerlingen)
        ],
        reden=reden,
    )
    return uit.getvalue(), aantal
