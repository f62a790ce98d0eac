"""Schrijven: organisaties, gebruikers en rollen.

Dit is beheer (in deze fundering door het systeem of de demo; een beheerscherm volgt).
Rollen bepalen wie wat ziet, dus elk toekennen en beëindigen gaat ook naar het auditlog.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer
from rugzak.gedeeld.datumtekst import lange_datum
from rugzak.gedeeld.tijd import vandaag
from rugzak.organisaties.models import Gebruiker, Organisatie, Rol


@transaction.atomic
def organisatie_maak(
    *,
    soort: str,
    naam: str,
    plaats: str = "",
    brin: str = "",
    schoolsoort: str = "",
    bestuur: Organisatie | None = None,
    cluster: str = "",
    regio: str = "",
    rec: Organisatie | None = None,
    door: Gebruiker | None = None,
) -> Organisatie:
    """Maak een organisatie; de velden moeten bij de soort passen (zie Organisatie.clean)."""
    organisatie = Organisatie(
        soort=soort,
        naam=naam.strip(),
        plaats=plaats.strip(),
        brin=brin.strip().upper(),
        schoolsoort=schoolsoort,
        bestuur=bestuur,
        cluster=cluster,
        regio=regio.strip(),
        rec=rec,
    )
    organisatie.full_clean()
    organisatie.save()
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="organisatie",
        object_id=organisatie.pk,
        reden=f"organisatie van soort {soort} aangemaakt",
    )
    return organisatie


@transaction.atomic
def gebruiker_maak(
    *,
    gebruikersnaam: str,
    voornaam: str,
    achternaam: str,
    email: str = "",
    wachtwoord: str | None = None,
    wachtwoord_hash: str | None = None,
    door: Gebruiker | None = None,
) -> Gebruiker:
    """Maak een gebruiker.

    ``wachtwoord`` wordt getoetst aan de wachtwoordregels (AUTH_PASSWORD_VALIDATORS).
    ``wachtwoord_hash`` is een al berekende hash (de demo gebruikt er één voor alle
    demogebruikers). Zonder beide kan de gebruiker (nog) niet inloggen.
    """
    if wachtwoord is not None and wachtwoord_hash is not None:
        raise ValueError("geef wachtwoord óf wachtwoord_hash, niet allebei")
    gebruiker = Gebruiker(
        username=gebruikersnaam.strip(),
        first_name=voornaam.strip(),
        last_name=achternaam.strip(),
        email=email.strip(),
    )
    if wachtwoord is not None:
        try:
            validate_password(wachtwoord, user=gebruiker)
        except ValidationError as e:
            raise ValidationError({"wachtwoord": e.messages}) from e
        gebruiker.set_password(wachtwoord)
    elif wachtwoord_hash is not None:
        gebruiker.password = wachtwoord_hash
    else:
        gebruiker.set_unusable_password()
    gebruiker.full_clean(exclude=["password"])
    gebruiker.save()
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="gebruiker",
        object_id=gebruiker.pk,
        reden="gebruiker aangemaakt",
    )
    return gebruiker


@transaction.atomic
def rol_toeken(
    *,
    gebruiker: Gebruiker,
    rol: str,
    organisatie: Organisatie | None = None,
    van: date | None = None,
    door: Gebruiker | None = None,
) -> Rol:
    """Geef ``gebruiker`` een rol, vanaf ``van`` (standaard vandaag).

    De rol moet passen bij de soort organisatie; een ouder heeft geen organisatie
    (zie rugzak.organisaties.rollen). Anders ValidationError en er is niets opgeslagen.
    """
    lidmaatschap = Rol(gebruiker=gebruiker, organisatie=organisatie, rol=rol, van=van or vandaag())
    lidmaatschap.full_clean()
    lidmaatschap.save()
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="rol",
        object_id=lidmaatschap.pk,
        rol=rol,
        organisatie_id=organisatie.pk if organisatie else None,
        reden=f"rol {rol} toegekend aan gebruiker {gebruiker.pk}",
    )
    return lidmaatschap


@transaction.atomic
def rol_beeindig(*, rol: Rol, tot: date, door: Gebruiker | None = None) -> Rol:
    """Beëindig een rol per ``tot`` (de laatste dag waarop hij geldt)."""
    if rol.tot is not None:
        raise ValidationError({"tot": f"deze rol is al beëindigd per {lange_datum(rol.tot)}"})
    rol.tot = tot
    rol.full_clean()
    rol.save(update_fields=["tot"])
    audit_registreer(
        gebruiker=door,
        actie=Actie.WIJZIGEN,
        objecttype="rol",
        object_id=rol.pk,
        rol=rol.rol,
        organisatie_id=rol.organisatie_id,
        reden=f"rol beëindigd per {lange_datum(tot)}",
        velden=["tot"],
    )
    return rol
