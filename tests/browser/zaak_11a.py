"""Een toelatingszaak in fase 11a zonder overeenkomst, in de database van de demoserver van
de browsertests (geen testmodule).

De demo heeft zo'n zaak niet (haar zaak in fase 11a heeft al een overeenkomst), en het
formulier voor een overeenkomst staat alleen bij een zaak zonder. De browsertest van het
groepsveld (``test_browser_invoer.py``) start dit script daarom met de omgeving van de
server (``Server.opbouw``): een nieuwe leerling van SO Het Palet met een ouder vraagt een
plaats op OBS De Wieken, en de zaak gaat via de services (``Doorloop``, zoals de demo en
``tests/app/toelating_opbouw.py``) met de rol die elke stap doet tot fase 11a. Het script
drukt het publieke id van de zaak af als JSON.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date


def maak_zaak() -> dict[str, str]:
    from rugzak.leerlingen.services import leerling_inschrijven, ouder_koppel
    from rugzak.organisaties.models import Gebruiker, Organisatie
    from rugzak.organisaties.rollen import Organisatiesoort, Roltype
    from rugzak.organisaties.services import gebruiker_maak, rol_toeken
    from rugzak.toelating import services
    from rugzak.toelating.doorloop import Doorloop
    from rugzak.toelating.models import Toestand

    def demo(naam: str) -> Gebruiker:
        return Gebruiker.objects.get(username=naam)

    directie_palet = demo("directie.hetpalet")
    school = Organisatiesoort.SCHOOL
    palet = Organisatie.objects.get(brin="61PA", soort=school)  # SO Het Palet
    wieken = Organisatie.objects.get(brin="21WK", soort=school)  # OBS De Wieken
    # een eigen ouder per aanroep: het script kan vaker draaien tegen dezelfde server
    volgnummer = Gebruiker.objects.filter(username__startswith="ouder.browser").count() + 1
    ouder = gebruiker_maak(
        gebruikersnaam=f"ouder.browser{volgnummer}",
        voornaam="Sanne",
        achternaam="Groepveld",
        wachtwoord="een-lang-wachtwoord-voor-de-browsertest",
    )
    rol_toeken(gebruiker=ouder, rol=Roltype.OUDER, van=date(2003, 8, 1))
    leerling = leerling_inschrijven(
        door=directie_palet,
        school=palet,
        voornaam="Noor",
        achternaam=f"Groepveld{volgnummer}",
        geboortedatum=date(2005, 6, 1),
        adres="Stationsweg 12",
        postcode="6711 PL",
        woonplaats="Ede",
        van=date(2010, 8, 23),
        groep=2,
    )
    ouder_koppel(door=directie_palet, leerling=leerling, ouder=ouder)
    start = date(2011, 12, 19)
    zaak = services.toelatingszaak_start(
        door=ouder,
        school=wieken,
        leerling=leerling,
        verzoek_op=start,
        notitie="verzoek om plaatsing door de ouders",
    )
    zaak = Doorloop(
        zaak=zaak,
        directie=demo("directie.dewieken"),
        ib=demo("ib.dewieken"),
        bestuurder=demo("bestuur.veluwerand"),
        ouder=ouder,
        start=start,
        plaatsingsdatum=date(2012, 4, 2),
        groep=3,
    ).tot(Toestand.F11A)
    return {"zaak": str(zaak.publiek_id), "toestand": str(zaak.toestand)}


def main() -> int:
    # dezelfde instellingen als de server (rugzak.cli.demo): database, peildatum, sleutel
    from rugzak.cli.demo import _zet_omgeving

    _zet_omgeving()
    import django

    django.setup()
    from django.db import transaction

    with transaction.atomic():
        uit = maak_zaak()
    sys.stdout.write(json.dumps(uit) + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rugzak.site.settings")
    raise SystemExit(main())
