"""PDF-brieven uit sjablonen (WeasyPrint): elke brief met voorbeeldgegevens, de tekst in
de PDF bevat de kern, de bestandsnaam bevat geen persoonsgegevens."""

from __future__ import annotations

import dataclasses
import io
import re
import uuid
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rugzak.documenten import voorbeelden
from rugzak.documenten.brieven import SJABLONEN
from rugzak.documenten.pdf import (
    pdf_antwoord,
    pdf_maken,
    pdf_van_sjabloon_antwoord,
    veilige_bestandsnaam,
)
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.termijnen import evaluatiemomenten, weigering_toelating
from rugzak.regeling.tijd import Schooljaar


def _tekst(pdf: bytes) -> str:
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = "\n".join(pagina.extract_text() for pagina in lezer.pages)
    return re.sub(r"\s+", " ", tekst)


def _maak(sjabloon: str, brief) -> str:
    pdf = pdf_maken(sjabloon=SJABLONEN[sjabloon], context={"brief": brief})
    assert pdf.startswith(b"%PDF-")
    return _tekst(pdf)


@pytest.mark.bron("002, bijlage 1")
def test_de_uitnodiging_voor_het_eerste_gesprek_volgt_bijlage_1():
    brief = voorbeelden.uitnodiging()
    tekst = _maak("uitnodiging", brief)
    for deel in (
        "Geachte ouders,",
        "OBS De Wieken (voorbeeld)",
        "woensdag 25 januari 2012",
        "15.30 tot 16.30 uur",
        "M. de Vries, directeur",
        "Kennismaken",
        "Uw vragen",
        "hoe wij tot een besluit komen",
        "schriftelijk aan te melden",
        "Met vriendelijke groet",
    ):
        assert deel in tekst, deel
    uiterlijk = weigering_toelating(standaard_regeling(), voorbeelden.AANMELDING).uiterlijk
    assert f"uiterlijk op {uiterlijk.day} maart 2012" in tekst


@pytest.mark.bron("002, bijlage 2")
def test_de_overeenkomst_school_ouders_volgt_bijlage_2_met_de_evaluatiemomenten_uit_de_kern():
    tekst = _maak("overeenkomst", voorbeelden.overeenkomst())
    for deel in (
        "Overeenkomst tussen school en ouders",
        "Anna Jansen",
        "Dorpsstraat 1",
        "1 februari 2012",
        "groep 5",
        "handelingsplan",
        "ambulante begeleiding",
        "verwijdering",
        "onderwijsconsulent",
        "Namens de school",
        "Namens de ouders",
        "K. Jansen-de Boer",
    ):
        assert deel in tekst, deel
    # alleen de evaluaties binnen de looptijd (1 februari 2012 t/m 31 juli 2013; I-160)
    for termijn in evaluatiemomenten(standaard_regeling(), Schooljaar(2011)):
        if termijn.uiterlijk < date(2012, 2, 1):
            assert termijn.omschrijving not in tekst
        else:
            assert termijn.omschrijving in tekst
    for termijn in evaluatiemomenten(standaard_regeling(), Schooljaar(2012)):
        assert termijn.omschrijving in tekst
    assert "evaluatie oktober 2011" not in tekst and "evaluatie januari 2012" not in tekst


@pytest.mark.bron("002, bijlage 2: 'het aan de school toegekende persoonsgebonden budget'")
@pytest.mark.bron("000, 'Wat kan niet met het rugzakje?': zorg uit een persoonsgebonden budget")
def test_de_overeenkomst_noemt_het_budget_van_bijlage_2_leerlinggebonden_en_het_pgb_alleen_voor_zorg():
    """I-62: waar bijlage 2 'persoonsgebonden budget' schrijft, staat in de brief het
    leerlinggebonden budget; 'persoonsgebonden budget' komt alleen voor als PGB voor zorg."""
    zonder = _maak(
        "overeenkomst", dataclasses.replace(voorbeelden.overeenkomst(), inzet_pgb="")
    ).lower()
    assert "leerlinggebonden budget" in zonder
    assert "persoonsgebonden budget" not in zonder
    met = _maak(
        "overeenkomst", dataclasses.replace(voorbeelden.overeenkomst(), inzet_pgb="vervoer")
    ).lower()
    assert "persoonsgebonden budget (pgb) voor zorg: vervoer" in met


@pytest.mark.bron("002, fase 11, traject b")
def test_een_weigering_noemt_procedure_redenen_en_de_weg_van_bezwaar_en_beroep():
    brief = voorbeelden.besluit_weigering()
    tekst = _maak("besluit-toelating", brief)
    assert "niet toegelaten" in tekst
    assert "De gevolgde procedure" in tekst and "De redenen voor dit besluit" in tekst
    for reden in brief.redenen:
        assert reden[:40] in tekst
    assert "Bezwaar en beroep" in tekst and "Bezwaar:" in tekst and "Beroep:" in tekst
    assert "onderwijsconsulent" in tekst and "rechter" in tekst
    assert "12 maart 2012" in tekst  # uiterste datum uit de regelkern


def test_een_toelating_noemt_plaatsing_en_het_vervolg_zonder_bezwaarparagraaf():
    tekst = _maak("besluit-toelating", voorbeelden.besluit_toelating())
    assert "Uw kind is toegelaten" in tekst and "1 februari 2012" in tekst
    assert "handelingsplan" in tekst and "Bezwaar en beroep" not in tekst


def test_de_beschikking_van_de_cvi_noemt_nummer_geldigheid_en_herindicatie():
    brief = voorbeelden.beschikking()
    tekst = _maak("beschikking-cvi", brief)
    assert "toelaatbaar verklaard" in tekst and brief.cvi_nummer in tekst
    assert "zeer moeilijk lerend" in tekst
    assert "Herindicatie aanvragen vóór" in tekst
    assert "na 1 verlenging" in tekst
    assert "Bezwaar" in tekst


@pytest.mark.bron("002, fase 13")
def test_het_handelingsplan_heeft_de_vijf_verplichte_onderdelen_en_het_budget():
    tekst = _maak("handelingsplan", voorbeelden.plan())
    for kop in (
        "1. Beginsituatie",
        "2. Doelstelling",
        "3. Voorzieningen en maatregelen",
        "4. Inzet van de leerlinggebonden financiering",
        "5. Monitoring, terugkoppeling en bijstelling",
        "Instemming van de ouders",
    ):
        assert kop in tekst, kop
    assert "€ 18.277,74" in tekst  # het budget uit de regelkern
    assert "1 maart 2012 (een maand na plaatsing)" in tekst  # plaatsing 1 februari


@pytest.mark.bron(
    "004, paragraaf 'Inschrijving van leerlingen met een handicap na 1 augustus 2003'"
)
def test_de_melding_toont_de_velden_zoals_ingediend_en_geen_naam():
    brief = voorbeelden.melding()
    tekst = _maak("melding", brief)
    for veld, waarde in brief.velden:
        assert veld in tekst and waarde in tekst
    assert "Anna" not in tekst and "Jansen" not in tekst
    assert "alleen op CvI-nummer" in tekst


def test_de_pdf_is_getagd_en_heeft_een_titel_en_taal():
    pdf = pdf_maken(sjabloon=SJABLONEN["uitnodiging"], context={"brief": voorbeelden.uitnodiging()})
    lezer = PdfReader(io.BytesIO(pdf))
    assert lezer.metadata.title == "Uitnodiging voor een eerste gesprek"
    wortel = lezer.trailer["/Root"]
    assert bool(wortel["/MarkInfo"]["/Marked"])
    assert str(wortel["/Lang"]).startswith("nl")


def test_een_sjabloon_kan_geen_bestanden_of_netwerkadressen_ophalen(tmp_path, settings):
    geheim = tmp_path / "geheim.png"
    geheim.write_bytes(b"\x89PNG\r\n\x1a\nniet-echt")
    (tmp_path / "sjabloon.html").write_text(
        f'<html lang="nl"><body><p>Hallo</p><img src="file://{geheim}">'
        '<img src="http://127.0.0.1:9/x.png"></body></html>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]},
    ]
    pdf = pdf_maken(sjabloon="sjabloon.html", context={})
    assert "Hallo" in _tekst(pdf)
    assert b"niet-echt" not in pdf


def test_de_bestandsnaam_bevat_alleen_soort_kort_id_en_datum():
    zaak = uuid.UUID("3f2a9c1b-0000-4000-8000-000000000000")
    naam = veilige_bestandsnaam(soort="besluit-toelating", kenmerk=zaak, datum=date(2012, 3, 15))
    assert naam == "besluit-toelating-3f2a9c1b-2012-03-15.pdf"
    with pytest.raises(ValueError, match="soort"):
        veilige_bestandsnaam(soort="brief Anna Jansen", datum=date(2012, 3, 15))
    with pytest.raises(ValueError, match="hexadecimal UUID"):
        veilige_bestandsnaam(soort="brief", kenmerk="Anna Jansen", datum=date(2012, 3, 15))
    with pytest.raises(ValueError, match="onveilige bestandsnaam"):
        pdf_antwoord(pdf=b"%PDF-", bestandsnaam="Anna Jansen.pdf")


def test_het_pdf_antwoord_is_een_download_die_niet_in_een_cache_blijft():
    antwoord = pdf_van_sjabloon_antwoord(
        sjabloon=SJABLONEN["melding"],
        context={"brief": voorbeelden.melding()},
        soort="melding",
        kenmerk=uuid.uuid4(),
        datum=date(2012, 3, 15),
    )
    assert antwoord["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="melding-[0-9a-f]{8}-2012-03-15\.pdf"',
        antwoord["Content-Disposition"],
    )
    assert antwoord["Cache-Control"] == "no-store, private"
    assert antwoord.content.startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize("soort", sorted(voorbeelden.VOORBEELDEN))
def test_elke_voorbeeldbrief_is_als_pdf_te_bekijken(client, soort):
    antwoord = client.get(reverse("voorbeeldbrief", args=[soort]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"].startswith('inline; filename="voorbeeld-')
    assert len(_tekst(antwoord.content)) > 200


@pytest.mark.django_db
def test_een_onbekende_voorbeeldbrief_geeft_404(client):
    assert client.get("/documenten/voorbeeld/bestaat-niet.pdf").status_code == 404
