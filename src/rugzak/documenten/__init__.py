"""Brieven en documenten als PDF, gemaakt met WeasyPrint uit Django-sjablonen.

- :mod:`rugzak.documenten.pdf`: een sjabloon met context naar PDF-bytes, en een
  HTTP-antwoord met een veilige bestandsnaam (zonder namen of andere persoonsgegevens);
- :mod:`rugzak.documenten.brieven`: de gegevens die elke brief nodig heeft, als getypte
  dataclasses (het contract tussen een zaak-app en haar sjabloon);
- :mod:`rugzak.documenten.voorbeelden`: verzonnen voorbeeldgegevens, voor tests en de
  voorbeeldbrieven op ``/documenten/voorbeeld/<soort>.pdf``;
- ``templates/documenten/``: één sjabloon per brief, op één basissjabloon.

Teksten zijn eigen tekst van rugzak; de opbouw volgt de bronnen (002, bijlagen 1 en 2;
002 fasen 9-13; 004 voor de melding).
"""
