"""Het auditlog als recht: de ouder ziet wie de gegevens van het kind las of wijzigde
(AVG art. 15, I-93), elke regel draagt verwerking en grondslag (Logboek
Dataverwerkingen, I-94), en de functionaris gegevensbescherming exporteert de regels van
de eigen organisatie als CSV (I-95)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.test import Client

from rugzak.audit.models import Actie, AuditRegel
from rugzak.audit.selectors import CSV_KOLOMMEN, auditlog_export_csv, inzage_voor_ouder
from rugzak.audit.services import audit_registreer
from rugzak.audit.verwerkingen import PER_OBJECTTYPE, VERWERKINGEN
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Venster
from rugzak.leerlingen.selectors import leerling_dossier
from rugzak.leerlingen.services import ouder_koppel
from rugzak.organisaties.rollen import ROLLEN_PER_SOORT, Organisatiesoort, Roltype, rolfout
from rugzak.organisaties.services import rol_toeken

from .conftest import maak_gebruiker

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "rugzak"
FG = Roltype.PRIVACY_OFFICER
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _client(gebruiker) -> Client:
    c = Client()
    c.force_login(gebruiker, backend=MODEL_BACKEND)
    return c


def _periode() -> tuple[date, date]:
    """De dagen waarop de regels van deze test zijn geschreven (welke klok het log ook
    gebruikt)."""
    grenzen = AuditRegel.objects.aggregate(van=Min("wanneer"), tot=Max("wanneer"))
    return grenzen["van"].date() - timedelta(days=1), grenzen["tot"].date() + timedelta(days=1)


# --- Logboek Dataverwerkingen: verwerking en grondslag ---------------------------------


def test_elk_soort_object_in_de_code_heeft_een_verwerking_met_grondslag():
    gebruikt: set[str] = set()
    for pad in SRC.rglob("*.py"):
        gebruikt |= set(re.findall(r'objecttype="([a-z0-9_]+)"', pad.read_text("utf-8")))
    gebruikt |= {"melding", "terugmelding", "zml_aanvraag"}  # meldingen: zaaknaam
    ontbreekt = sorted(gebruikt - set(PER_OBJECTTYPE))
    assert not ontbreekt, f"voeg toe aan rugzak/audit/verwerkingen.py PER_OBJECTTYPE: {ontbreekt}"
    assert set(PER_OBJECTTYPE.values()) <= set(VERWERKINGEN)
    assert all(v.grondslag and v.bron for v in VERWERKINGEN.values())


def test_een_auditregel_krijgt_verwerking_en_grondslag_uit_het_register(wereld):
    regel = AuditRegel.objects.filter(objecttype="leerling", actie=Actie.AANMAKEN).first()
    assert regel.verwerking == "leerlingadministratie"
    assert regel.grondslag.startswith("AVG art. 6 lid 1 onder e")
    assert "WPO" in regel.grondslag


def test_een_onbekend_soort_object_krijgt_geen_geraden_grondslag(db):
    regel = audit_registreer(gebruiker=None, actie=Actie.LEZEN, objecttype="iets_nieuws")
    assert (regel.verwerking, regel.grondslag) == ("", "")


# --- de rol functionaris gegevensbescherming -------------------------------------------


@pytest.mark.parametrize("soort", list(Organisatiesoort))
def test_de_fg_past_bij_elke_soort_organisatie_met_leerlinggegevens(soort):
    assert FG in ROLLEN_PER_SOORT[soort]
    assert rolfout(FG, soort) is None


def test_de_fg_heeft_een_organisatie_nodig():
    fout = rolfout(FG, None)
    assert fout is not None and "kies die organisatie" in fout


def test_de_fg_ziet_geen_leerlingen(wereld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    with pytest.raises(GeenToegang):
        leerling_dossier(gebruiker=fg, publiek_id=wereld.leerling_a.publiek_id, reden="x")


# --- de inzage van de ouder ------------------------------------------------------------


def test_ouder_ziet_rol_en_school_van_wie_het_dossier_opende_zonder_naam(wereld):
    leerling_dossier(
        gebruiker=wereld.ib_a, publiek_id=wereld.leerling_a.publiek_id, reden="dossier geopend"
    )
    deel = inzage_voor_ouder(
        gebruiker=wereld.ouder_a, publiek_id=wereld.leerling_a.publiek_id, venster=Venster()
    )
    nieuwste = deel.items[0]
    assert (nieuwste.wie, nieuwste.organisatie) == ("intern begeleider", "School A")
    assert nieuwste.handeling == "gelezen" and nieuwste.reden == "dossier geopend"
    assert "WPO" in nieuwste.grondslag
    alles = " ".join(str(v) for r in deel.items for v in (r.wie, r.organisatie, r.reden))
    assert "ib_a" not in alles and "Ib_A" not in alles


def test_ouder_ziet_een_andere_ouder_alleen_als_rol(wereld):
    tweede = maak_gebruiker("tweede_ouder", Roltype.OUDER)
    ouder_koppel(door=wereld.directie_a, leerling=wereld.leerling_a, ouder=tweede)
    leerling_dossier(gebruiker=tweede, publiek_id=wereld.leerling_a.publiek_id, reden="bekeken")
    deel = inzage_voor_ouder(
        gebruiker=wereld.ouder_a, publiek_id=wereld.leerling_a.publiek_id, venster=Venster()
    )
    assert deel.items[0].wie == "ouder of verzorger"
    assert all("tweede" not in f"{r.wie} {r.reden}".lower() for r in deel.items)


def test_het_overzicht_is_nieuwste_eerst_en_gepagineerd(wereld):
    for i in range(3):
        leerling_dossier(
            gebruiker=wereld.directie_a, publiek_id=wereld.leerling_a.publiek_id, reden=f"r{i}"
        )
    totaal = AuditRegel.objects.filter(
        leerling_publiek_id=str(wereld.leerling_a.publiek_id)
    ).count()
    deel = inzage_voor_ouder(
        gebruiker=wereld.ouder_a,
        publiek_id=wereld.leerling_a.publiek_id,
        venster=Venster(pagina=1, per_pagina=2),
    )
    assert deel.aantal == totaal
    assert [r.reden for r in deel.items] == ["r2", "r1"]


def test_het_bekijken_van_het_overzicht_wordt_vastgelegd(wereld):
    inzage_voor_ouder(
        gebruiker=wereld.ouder_a, publiek_id=wereld.leerling_a.publiek_id, venster=Venster()
    )
    regel = AuditRegel.objects.get(objecttype="auditlog_inzage", actie=Actie.LEZEN)
    assert regel.gebruiker_id == wereld.ouder_a.pk and regel.rol == Roltype.OUDER
    assert regel.leerling_publiek_id == str(wereld.leerling_a.publiek_id)
    assert regel.grondslag == "AVG art. 15 (recht op inzage)"
    deel = inzage_voor_ouder(
        gebruiker=wereld.ouder_a, publiek_id=wereld.leerling_a.publiek_id, venster=Venster()
    )
    assert deel.items[0].wie == "uzelf (ouder of verzorger)"


@pytest.mark.parametrize("wie", ["directie_a", "ouder_b"])
def test_alleen_een_ouder_van_het_kind_ziet_het_overzicht(wereld, wie):
    gebruiker = getattr(wereld, wie)
    with pytest.raises(GeenToegang):
        inzage_voor_ouder(
            gebruiker=gebruiker, publiek_id=wereld.leerling_a.publiek_id, venster=Venster()
        )
    regel = AuditRegel.objects.get(objecttype="auditlog_inzage")
    assert regel.actie == Actie.GEWEIGERD and regel.gebruiker_id == gebruiker.pk


def test_de_leerlingpagina_toont_het_overzicht_alleen_aan_de_ouder(wereld):
    leerling_dossier(
        gebruiker=wereld.directie_a, publiek_id=wereld.leerling_a.publiek_id, reden="geopend"
    )
    pad = f"/leerlingen/{wereld.leerling_a.publiek_id}/"
    ouder, school = _client(wereld.ouder_a), _client(wereld.directie_a)
    tekst = ouder.get(pad).content.decode()
    assert "Wie zag of wijzigde de gegevens van uw kind?" in tekst
    assert "directie" in tekst and "School A" in tekst and "I-93" in tekst
    assert "directie_a" not in tekst
    assert "Wie zag of wijzigde" not in school.get(pad).content.decode()


# --- de export van de FG ---------------------------------------------------------------


def _rijen(tekst: str) -> list[list[str]]:
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def test_de_fg_exporteert_alleen_de_regels_van_de_eigen_organisatie(wereld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    leerling_dossier(
        gebruiker=wereld.directie_b, publiek_id=wereld.leerling_b.publiek_id, reden="b"
    )
    van, tot = _periode()
    tekst, aantal = auditlog_export_csv(
        gebruiker=fg, organisatie_id=wereld.school_a.pk, van=van, tot=tot
    )
    rijen = _rijen(tekst)
    assert tuple(rijen[0]) == CSV_KOLOMMEN
    assert (
        aantal
        == len(rijen) - 1
        == AuditRegel.objects.filter(
            organisatie_id=wereld.school_a.pk,
            actie__in=[Actie.AANMAKEN, Actie.LEZEN, Actie.WIJZIGEN],
        ).count()
    )
    assert {r[3] for r in rijen[1:]} == {"School A"}
    assert "directie_b" not in tekst and "directie_a" in tekst
    assert "Anna" not in tekst and "Jansen" not in tekst  # geen naam van de leerling


def test_de_export_filtert_op_periode(wereld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    van, _ = _periode()
    tekst, aantal = auditlog_export_csv(
        gebruiker=fg, organisatie_id=wereld.school_a.pk, van=van - timedelta(days=9), tot=van
    )
    assert aantal == 0 and len(_rijen(tekst)) == 1


def test_de_export_wordt_vastgelegd_ook_per_leerling(wereld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    van, tot = _periode()
    auditlog_export_csv(gebruiker=fg, organisatie_id=wereld.school_a.pk, van=van, tot=tot)
    regels = AuditRegel.objects.filter(actie=Actie.EXPORTEREN, gebruiker_id=fg.pk)
    assert regels.filter(leerling_publiek_id="").count() == 1
    assert set(
        regels.exclude(leerling_publiek_id="").values_list("leerling_publiek_id", flat=True)
    ) == {str(wereld.leerling_a.publiek_id)}
    assert {r.organisatie_id for r in regels} == {wereld.school_a.pk}
    assert {r.verwerking for r in regels} == {"toezicht_gegevensbescherming"}


def test_een_fg_van_een_andere_organisatie_krijgt_geen_export(wereld):
    fg_b = maak_gebruiker("fg_b", FG, wereld.school_b)
    van, tot = _periode()
    voor = AuditRegel.objects.exclude(actie=Actie.GEWEIGERD).count()
    with pytest.raises(GeenToegang):
        auditlog_export_csv(gebruiker=fg_b, organisatie_id=wereld.school_a.pk, van=van, tot=tot)
    assert AuditRegel.objects.exclude(actie=Actie.GEWEIGERD).count() == voor
    assert AuditRegel.objects.filter(actie=Actie.GEWEIGERD, gebruiker_id=fg_b.pk).count() == 1


@pytest.mark.parametrize(
    ("van", "tot", "veld"),
    [(None, date(2012, 1, 1), "van"), (date(2012, 1, 1), None, "tot"),
     (date(2012, 2, 1), date(2012, 1, 1), "tot")],
)  # fmt: skip
def test_een_ongeldige_periode_noemt_het_veld_en_schrijft_niets(wereld, van, tot, veld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    voor = AuditRegel.objects.count()
    with pytest.raises(ValidationError) as fout:
        auditlog_export_csv(gebruiker=fg, organisatie_id=wereld.school_a.pk, van=van, tot=tot)
    assert veld in fout.value.message_dict
    assert AuditRegel.objects.count() == voor


def test_een_waarde_die_een_rekenblad_als_formule_leest_krijgt_een_apostrof(wereld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    audit_registreer(
        gebruiker=wereld.directie_a,
        actie=Actie.LEZEN,
        objecttype="leerling",
        rol=Roltype.DIRECTIE,
        organisatie_id=wereld.school_a.pk,
        reden='=HYPERLINK("http://x")',
    )
    van, tot = _periode()
    tekst, _ = auditlog_export_csv(
        gebruiker=fg, organisatie_id=wereld.school_a.pk, van=van, tot=tot
    )
    assert any(r[10] == '\'=HYPERLINK("http://x")' for r in _rijen(tekst)[1:])


def test_de_exportpagina_geeft_csv_en_meldt_een_fout_bij_het_veld(wereld):
    c = _client(maak_gebruiker("fg_a", FG, wereld.school_a))
    assert c.get("/audit/export/").status_code == 200
    van, tot = _periode()
    antwoord = c.get("/audit/export/", {"organisatie": wereld.school_a.pk, "van": van, "tot": tot})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord.content.startswith("\ufeffTijdstip;".encode())
    fout = c.get("/audit/export/", {"organisatie": wereld.school_a.pk, "van": tot, "tot": van})
    assert fout.status_code == 400 and "vóór de eerste dag" in fout.content.decode()


def test_de_exportpagina_bestaat_niet_voor_wie_geen_fg_is(wereld):
    c = _client(wereld.directie_a)
    assert c.get("/audit/export/").status_code == 404


def test_de_api_export_geeft_csv_of_een_probleem_met_het_veld(wereld):
    c = _client(maak_gebruiker("fg_a", FG, wereld.school_a))
    van, tot = _periode()
    pad = "/api/v1/auditlog/export/"
    ok = c.get(pad, {"organisatie": wereld.school_a.pk, "van": van, "tot": tot})
    assert ok.status_code == 200 and ok.content.startswith("\ufeff".encode())
    fout = c.get(pad, {"organisatie": wereld.school_a.pk, "van": "gisteren", "tot": tot})
    assert fout.status_code == 400
    assert fout["Content-Type"].startswith("application/problem+json")
    assert "van" in fout.json()["velden"]


def test_een_tweede_fg_rol_bij_een_bestuur_geeft_ook_die_export(wereld):
    fg = maak_gebruiker("fg_a", FG, wereld.school_a)
    rol_toeken(gebruiker=fg, rol=FG, organisatie=wereld.bestuur_a, van=date(2003, 8, 1))
    van, tot = _periode()
    tekst, _ = auditlog_export_csv(
        gebruiker=fg, organisatie_id=wereld.bestuur_a.pk, van=van, tot=tot
    )
    # alleen wat namens het bestuur gebeurde (de rollen die het kreeg), niet de
    # inschrijvingen op zijn school (I-95)
    rijen = _rijen(tekst)[1:]
    assert rijen and {r[3] for r in rijen} == {"Bestuur A"}
    assert {r[5] for r in rijen} == {"beheer van gebruikers, rollen en organisaties"}
    assert all(r[9] == "" for r in rijen)
