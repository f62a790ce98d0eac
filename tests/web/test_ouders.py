"""De rugzak in gewone taal (rugzak.web.ouders): alleen weergave van wat de regelkern gaf."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rugzak.regeling.begrippen import Budgetdeel
from rugzak.regeling.regels.betaling import Betaling
from rugzak.regeling.tijd import Maand, Schooljaar
from rugzak.regeling.uitleg import Stap, Uitleg
from rugzak.web.ouders import gewone_datums, gewone_uitleg, rugzakdelen, rugzakzin


def _betaling(maand: Maand, deel: Budgetdeel, ontvanger_id: str, bedrag: str, jaar: str):
    return Betaling(
        maand, deel.ontvanger, ontvanger_id, deel, Decimal(bedrag), "C3-1", "1", Decimal(jaar)
    )


def test_datums_en_maanden_van_de_regelkern_in_woorden():
    assert gewone_datums("gemeld op 2011-12-25") == "gemeld op 25 december 2011"
    assert gewone_datums("2011-08 t/m 2011-12") == "augustus 2011 tot en met december 2011"
    assert gewone_datums("schooljaar 2011-2012") == "schooljaar 2011-2012"


def test_de_zin_noemt_per_ontvanger_de_delen_per_schooljaar_en_vanaf_wanneer():
    betalingen = [
        _betaling(Maand(2012, m), Budgetdeel.SCHOOL_PERSONEEL, "1", "100.00", "1200.00")
        for m in (1, 2, 3, 4, 5, 6, 7)
    ] + [
        _betaling(Maand(2012, m), Budgetdeel.AB_PERSONEEL, "2", "50.00", "600.00")
        for m in (1, 2, 3, 4, 5, 6, 7)
    ]
    delen = rugzakdelen(betalingen, {"1": "OBS De Wieken", "2": "REC-dienst"})
    assert [(d.deel, d.per_schooljaar, d.dit_schooljaar) for d in delen] == [
        (Budgetdeel.SCHOOL_PERSONEEL, Decimal("1200.00"), Decimal("700.00")),
        (Budgetdeel.AB_PERSONEEL, Decimal("600.00"), Decimal("350.00")),
    ]
    assert delen[0].vanaf_dag == date(2012, 1, 1) and delen[0].tot_en_met_dag == date(2012, 7, 31)
    zin = rugzakzin(
        voornaam="Anna", schooljaar=Schooljaar(2011), delen=delen, totaal=Decimal("1050.00")
    )
    assert zin.replace("\u00a0", " ") == (
        "De rugzak van Anna bevat in schooljaar 2011-2012, vanaf 1 januari 2012, per "
        "schooljaar: voor OBS De Wieken € 1.200,00 voor extra personeel; en voor REC-dienst "
        "€ 600,00 voor de ambulant begeleider; over dit schooljaar is dat samen € 1.050,00."
    )


def test_de_zin_noemt_de_periode_per_ontvanger_als_die_verschilt():
    betalingen = [
        _betaling(Maand(2011, m), Budgetdeel.SCHOOL_PERSONEEL, "1", "100.00", "1200.00")
        for m in (9, 10)
    ] + [
        _betaling(Maand(2011, 11), Budgetdeel.SCHOOL_PERSONEEL, "3", "100.00", "1200.00"),
    ]
    delen = rugzakdelen(betalingen, {"1": "School A", "3": "School B"})
    zin = rugzakzin(
        voornaam="Bram", schooljaar=Schooljaar(2011), delen=delen, totaal=Decimal("300.00")
    ).replace("\u00a0", " ")
    assert (
        "voor School A € 1.200,00 voor extra personeel, vanaf 1 september 2011 tot en "
        "met 31 oktober 2011" in zin
    )
    assert (
        "voor School B € 1.200,00 voor extra personeel, vanaf 1 november 2011 tot en "
        "met 30 november 2011" in zin
    )


def test_waarom_in_gewone_taal_zonder_formule_en_zonder_invoercodes():
    uitleg = Uitleg(
        "betaalschema 2011-2012",
        (
            Stap(
                regel="betaling.maanden",
                omschrijving="School OBS De Wieken: 2012-01 t/m 2012-07: betaald (gemeld op "
                "2011-12-25).",
                uitkomst="€ 700,00",
                interpretaties=("I-13",),
            ),
            Stap(
                regel="betaling.maandverdeling",
                omschrijving="maand k krijgt floor(T·k/12) − floor(T·(k−1)/12) cent.",
                uitkomst="totaal in 2011-2012: € 700,00",
                invoer=(("betalingen", "7"),),
                interpretaties=("I-11",),
            ),
        ),
    )
    u = gewone_uitleg(uitleg)
    tekst = " ".join(
        f"{s['tekst']} {s['uitkomst']} {' '.join(s['gegevens'])}" for s in u["stappen"]
    )
    assert (
        "Januari 2012 tot en met juli 2012: geld voor OBS De Wieken, want de school "
        "meldde uw kind op 25 december 2011." in tekst
    )
    assert "Over schooljaar 2011-2012 is dat samen €\u00a0700,00." in tekst
    assert "floor" not in tekst and "betalingen" not in tekst and "=" not in tekst
    assert [i["id"] for s in u["stappen"] for i in s["interpretaties"]] == ["I-13", "I-11"]
