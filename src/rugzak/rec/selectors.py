"""Lezen: tellingen, het rapport per REC, de PAB-overgang, de verrekening van residentiële
plaatsen en de zaken van de REC- en (v)so-administratie. Altijd via
:mod:`rugzak.rec.rechten`, altijd gelogd.

Een telling en een rapport bevatten geen namen: alleen aantallen per categorie,
geboortejaar en geslacht (004). De lijst van geplaatste leerlingen van een school (met
naam) is alleen voor de school zelf, met een auditregel per getoonde leerling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_registreer, audit_registreer_lijst
from rugzak.betalingen.models import Garantietoedeling
from rugzak.betalingen.services import formatiegarantie_berekenen
from rugzak.gedeeld.csvbestand import csv_tekst
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.paginering import Deel, Venster, pagineer
from rugzak.gedeeld.tijd import vandaag
from rugzak.leerlingen.models import Inschrijving, OuderRelatie
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort, Roltype
from rugzak.rec import rechten
from rugzak.rec.models import (
    PabFormatieopgave,
    ResidentieelVerzoek,
    Scholengemeenschap,
    VerbredeToelating,
    Verzoekstatus,
    Vestiging,
    VsoAanmelding,
    VsoPlaatsing,
    VsoProfiel,
)
from rugzak.rec.telling import Tellinguitkomst, tel_rec, tel_school, vso_scholen
from rugzak.regeling.begrippen import Onderwijssoort
from rugzak.regeling.fouten import OngeldigeInvoer, OntbrekendeBron
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import rec as kernrec
from rugzak.regeling.regels.leerlingtelling import IngeschrevenLeerling, categorie
from rugzak.regeling.regels.rec_organisatie import Bekostigingswijze
from rugzak.regeling.tijd import Schooljaar

ONDERWIJSSOORTEN: dict[str, Onderwijssoort] = {o.value: o for o in Onderwijssoort}

#: De schooljaren van de PAB-overgang (004: 2005-2006 en 2006-2007 in twee stappen,
#: 2007-2008 de genormeerde formatie).
PAB_OVERGANGSJAREN = (Schooljaar(2005), Schooljaar(2006), Schooljaar(2007))

#: Het startjaar waarin residentiële plaatsen met de getelde leerlingen worden verrekend
#: en de teldatum van die telling (004: 1 oktober 2002 dan wel 16 januari 2003).
RESIDENTIEEL_STARTJAAR = Schooljaar(2003)
RESIDENTIEEL_TELDATUM = date(2002, 10, 1)


# --- hulp -----------------------------------------------------------------------------------


def _organisatie(pk: int, soort: str) -> Organisatie | None:
    return Organisatie.objects.filter(pk=pk, soort=soort).select_related("rec").first()


def _geen(wat: str, nodig: str) -> GeenToegang:
    return GeenToegang(wat, nodig=nodig)


def _audit_lezen(
    gebruiker: Gebruiker,
    grond: toegang.Toegangsgrond,
    objecttype: str,
    object_id: object,
    reden: str,
) -> None:
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype=objecttype,
        object_id=object_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )


def _schooljaar(waarde: Schooljaar | str) -> Schooljaar:
    if isinstance(waarde, Schooljaar):
        return waarde
    try:
        return Schooljaar.van_tekst(str(waarde))
    except OngeldigeInvoer:
        raise ValidationError({"schooljaar": "verwacht een schooljaar, bv. 2011-2012"}) from None


# --- tellingen ------------------------------------------------------------------------------


@dataclass
class Tellingweergave:
    """Een telling voor één school of één REC, met de grond waarop de gebruiker haar ziet.
    ``niet_geteld`` noemt publieke leerling-ids alleen voor de school zelf."""

    eenheid: str
    uitkomst: Tellinguitkomst
    grond: toegang.Toegangsgrond
    toon_ids: bool

    def als_dict(self) -> dict[str, Any]:
        u = self.uitkomst
        return {
            "eenheid": self.eenheid,
            "teldatum": u.teldatum.isoformat(),
            "ingeschreven_totaal": u.ingeschreven_totaal,
            "begeleid_totaal": u.begeleid_totaal,
            "per_categorie": {str(c): n for c, n in u.telling.totaal_per_categorie().items()},
            "rijen": u.telling.als_rijen(),
            "apart": dict(u.apart),
            "niet_geteld": [
                {"leerling": i if self.toon_ids else None, "reden": r} for i, r in u.niet_geteld
            ],
            "uitleg": u.telling.uitleg.als_dict(),
        }


def telling_van_school(
    *, gebruiker: Gebruiker, school_id: int, teldatum: date, reden: str = "leerlingtelling"
) -> Tellingweergave:
    """De telling van een (v)so-school op een teldatum (1 oktober of 16 januari; 004)."""
    school = _organisatie(school_id, Organisatiesoort.SCHOOL)
    grond = rechten.tellinggrond(gebruiker, school) if school is not None else None
    if school is None or grond is None or not rechten.is_vso_school(school):
        raise _geen(
            "de telling van deze school",
            "een rol bij de school, haar bestuur of haar REC, of medewerker bekostiging",
        )
    uitkomst = tel_school(school, teldatum)
    toon_ids = grond.rol in toegang.SCHOOLROLLEN_LEZEN
    _audit_lezen(gebruiker, grond, "leerlingtelling", f"{school.brin}:{teldatum}", reden)
    if toon_ids and uitkomst.niet_geteld:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype="leerlingtelling",
            items=[
                (f"{school.brin}:{teldatum}", i, grond.rol, grond.organisatie_id)
                for i, _ in uitkomst.niet_geteld
            ],
            reden=f"{reden}: niet geteld",
        )
    return Tellingweergave(f"{school.naam} ({school.brin})", uitkomst, grond, toon_ids)


def _rec_lezen(gebruiker: Gebruiker, rec_id: int) -> tuple[Organisatie, toegang.Toegangsgrond]:
    rec = _organisatie(rec_id, Organisatiesoort.REC)
    grond = rechten.rec_grond(gebruiker, rec, schrijven=False) if rec is not None else None
    if rec is None or grond is None:
        raise _geen(
            "de gegevens van dit REC",
            "een rol bij de CvI of de AB-dienst van het REC, of medewerker bekostiging",
        )
    return rec, grond


def telling_van_rec(
    *, gebruiker: Gebruiker, rec_id: int, teldatum: date, reden: str = "leerlingtelling"
) -> Tellingweergave:
    """De telling van alle (v)so-scholen en AB-diensten van een REC op een teldatum."""
    rec, grond = _rec_lezen(gebruiker, rec_id)
    uitkomst = tel_rec(rec, teldatum)
    _audit_lezen(gebruiker, grond, "leerlingtelling", f"rec {rec.pk}:{teldatum}", reden)
    return Tellingweergave(rec.naam, uitkomst, grond, toon_ids=False)


#: De kolommen van de CSV van de leerlingtelling (rugzak.gedeeld.csvbestand).
TELLING_KOLOMMEN = (
    "Teldatum", "Soort", "Vestiging", "Categorie", "Geboortejaar", "Geslacht", "Schoolsoort",
    "Aantal",
)  # fmt: skip


def telling_csv(weergave: Tellingweergave) -> str:
    """De telling als CSV voor een Nederlandse spreadsheet (:mod:`rugzak.gedeeld.csvbestand`:
    puntkomma, BOM, leesbare koppen, de teldatum ISO)."""
    dag = weergave.uitkomst.teldatum.isoformat()
    rijen: list[list[object]] = [
        [
            dag,
            rij["soort"],
            rij.get("vestiging", ""),
            rij["categorie"],
            rij.get("geboortejaar", ""),
            rij.get("geslacht", ""),
            rij.get("schoolsoort", ""),
            rij["aantal"],
        ]
        for rij in weergave.uitkomst.telling.als_rijen()
    ]
    for wat, n in sorted(weergave.uitkomst.apart.items()):
        rijen.append([dag, "apart", "", wat, "", "", "", n])
    return csv_tekst(TELLING_KOLOMMEN, rijen)


# --- REC-bekostiging, formatiegarantie en het rapport ----------------------------------------


def rec_bekostiging_uit_registratie(
    *, gebruiker: Gebruiker, rec_id: int, schooljaar: Schooljaar | str
) -> tuple[kernrec.RecBekostiging, Tellinguitkomst]:
    """De REC-bekostiging uit de telling van de geregistreerde gegevens op de teldatum die de
    regeling voor het schooljaar aanwijst (004, 'Rec-bekostiging'); een schooljaar zonder
    bron geeft ``OntbrekendeBron`` (interpretatie I-22), geen nul."""
    rec, grond = _rec_lezen(gebruiker, rec_id)
    sj = _schooljaar(schooljaar)
    regeling = standaard_regeling()
    teldatum = date.fromisoformat(str(regeling.zoek("rec.teldatum", sj.begin).waarde))
    uitkomst = tel_rec(rec, teldatum)
    scholen = Organisatie.objects.filter(rec=rec, soort=Organisatiesoort.SCHOOL).count()
    bekostiging = kernrec.rec_bekostiging(
        regeling,
        sj,
        leerlingen=uitkomst.ingeschreven_totaal,
        ambulant_begeleid=uitkomst.begeleid_totaal,
        scholen=max(scholen, 1),
    )
    _audit_lezen(gebruiker, grond, "rec_bekostiging", f"rec {rec.pk}:{sj}", "REC-bekostiging")
    return bekostiging, uitkomst


def _teldata(sj: Schooljaar) -> tuple[date, date]:
    return date(sj.beginjaar, 10, 1), date(sj.beginjaar + 1, 1, 16)


def _telling_samenvatting(u: Tellinguitkomst) -> dict[str, Any]:
    return {
        "teldatum": u.teldatum.isoformat(),
        "ingeschreven_totaal": u.ingeschreven_totaal,
        "begeleid_totaal": u.begeleid_totaal,
        "per_categorie": {str(c): n for c, n in u.telling.totaal_per_categorie().items()},
        "begeleid": [
            {"categorie": r["categorie"], "schoolsoort": r["schoolsoort"], "aantal": r["aantal"]}
            for r in u.telling.als_rijen()
            if r["soort"] == "ambulant begeleid"
        ],
        "apart": dict(u.apart),
        "niet_geteld": len(u.niet_geteld),
    }


def rec_rapport(
    *, gebruiker: Gebruiker, rec_id: int, schooljaar: Schooljaar | str, reden: str = "rapport"
) -> dict[str, Any]:
    """Het rapport van een REC voor een schooljaar, zoals de bekostigingsinstantie het leest:
    tellingen per school op beide teldata, REC-bekostiging (of waarom die er niet is),
    formatiegarantie en de gemelde toedeling, residentiële plaatsen, verbrede toelating,
    PAB-formatie, vestigingen en scholengemeenschappen. Zonder namen van leerlingen."""
    rec, grond = _rec_lezen(gebruiker, rec_id)
    sj = _schooljaar(schooljaar)
    scholen = vso_scholen(rec)
    okt, jan = _teldata(sj)
    profielen = {
        p.school_id: p.onderwijssoort for p in VsoProfiel.objects.filter(school__in=scholen)
    }
    per_school = []
    for school in scholen:
        per_school.append(
            {
                "brin": school.brin,
                "naam": school.naam,
                "onderwijssoort": profielen.get(school.pk),
                "tellingen": [_telling_samenvatting(tel_school(school, d)) for d in (okt, jan)],
            }
        )
    rapport: dict[str, Any] = {
        "rec": {"id": rec.pk, "naam": rec.naam, "cluster": rec.cluster, "regio": rec.regio},
        "schooljaar": str(sj),
        "scholen": per_school,
        "rec_telling": [_telling_samenvatting(tel_rec(rec, d)) for d in (okt, jan)],
    }
    regeling = standaard_regeling()
    try:
        teldatum = date.fromisoformat(str(regeling.zoek("rec.teldatum", sj.begin).waarde))
        u = tel_rec(rec, teldatum)
        rapport["bekostiging"] = kernrec.rec_bekostiging(
            regeling,
            sj,
            leerlingen=u.ingeschreven_totaal,
            ambulant_begeleid=u.begeleid_totaal,
            scholen=max(
                1, Organisatie.objects.filter(rec=rec, soort=Organisatiesoort.SCHOOL).count()
            ),
        ).als_dict()
    except OntbrekendeBron as e:
        rapport["bekostiging"] = {"beschikbaar": False, "reden": str(e)}
    try:
        garantie = formatiegarantie_berekenen(rec=rec, schooljaar=sj)
        rapport["formatiegarantie"] = garantie.als_dict()
    except (ValidationError, OntbrekendeBron, OngeldigeInvoer) as e:
        rapport["formatiegarantie"] = {
            "beschikbaar": False,
            "reden": "; ".join(getattr(e, "messages", [str(e)])),
        }
    rapport["garantietoedelingen"] = [
        {
            "publiek_id": str(t.publiek_id),
            "garantie_fre": str(t.garantie_fre),
            "gemeld_op": t.gemeld_op.isoformat(),
            "toedeling": {r.school.brin: str(r.fre) for r in t.regels.all()},
        }
        for t in Garantietoedeling.objects.filter(rec=rec, schooljaar=str(sj)).prefetch_related(
            "regels__school"
        )
    ]
    rapport["residentiele_verzoeken"] = [
        {
            "publiek_id": str(v.publiek_id),
            "school": v.school.brin,
            "schooljaar": v.schooljaar,
            "onderwijssoort": v.onderwijssoort,
            "status": v.status,
            "plaatsen": v.plaatsen,
            "plaatsen_toegekend": v.plaatsen_toegekend,
            "toegekend_tot": v.toegekend_tot.isoformat() if v.toegekend_tot else None,
        }
        for v in ResidentieelVerzoek.objects.filter(school__in=scholen).select_related("school")
    ]
    rapport["verbrede_toelatingen"] = [
        {
            "school": v.school.brin,
            "onderwijssoort": v.onderwijssoort,
            "alle_mg_indicaties": v.alle_mg_indicaties,
        }
        for v in VerbredeToelating.objects.filter(school__in=scholen).select_related("school")
    ]
    rapport["pab_formatie"] = [
        pab_overgang_van(o)
        for o in PabFormatieopgave.objects.filter(school__in=scholen).select_related("school")
    ]
    rapport["vestigingen"] = [
        {
            "publiek_id": str(v.publiek_id),
            "school": v.school.brin,
            "naam": v.naam,
            "gemeente": v.gemeente,
            "hoofdvestiging": v.hoofdvestiging,
            "status": v.status,
        }
        for v in Vestiging.objects.filter(school__in=scholen).select_related("school")
    ]
    rapport["scholengemeenschappen"] = [
        {
            "publiek_id": str(g.publiek_id),
            "naam": g.naam,
            "schoolplan": g.schoolplan,
            "scholen": sorted(lid.school.brin for lid in g.leden.all()),
        }
        for g in Scholengemeenschap.objects.filter(rec=rec).prefetch_related("leden__school")
    ]
    _audit_lezen(gebruiker, grond, "rec_rapport", f"rec {rec.pk}:{sj}", reden)
    return rapport


# --- PAB-overgang ----------------------------------------------------------------------------


def pab_overgang_van(opgave: PabFormatieopgave) -> dict[str, Any]:
    """De PAB-formatie in 2005-2006, 2006-2007 en 2007-2008 uit de regelkern."""
    regeling = standaard_regeling()
    jaren = [
        kernrec.pab_formatie(
            regeling,
            sj,
            huidig=opgave.huidig_fre,
            genormeerd=opgave.genormeerd_fre,
            school=opgave.school.brin,
            onderwijssoort=ONDERWIJSSOORTEN[opgave.onderwijssoort],
        ).als_dict()
        for sj in PAB_OVERGANGSJAREN
    ]
    return {
        "id": opgave.pk,
        "versie": opgave.versie,
        "school": opgave.school.brin,
        "onderwijssoort": opgave.onderwijssoort,
        "huidig_fre": str(opgave.huidig_fre),
        "genormeerd_fre": str(opgave.genormeerd_fre),
        "overgang": jaren,
    }


def _school_lezen(
    gebruiker: Gebruiker, school_id: int
) -> tuple[Organisatie, toegang.Toegangsgrond]:
    school = _organisatie(school_id, Organisatiesoort.SCHOOL)
    grond = rechten.tellinggrond(gebruiker, school) if school is not None else None
    if school is None or grond is None or not rechten.is_vso_school(school):
        raise _geen(
            "de gegevens van deze school",
            "een rol bij de school, haar bestuur of haar REC, of medewerker bekostiging",
        )
    return school, grond


def pab_formatie_van_school(*, gebruiker: Gebruiker, school_id: int) -> list[dict[str, Any]]:
    school, grond = _school_lezen(gebruiker, school_id)
    _audit_lezen(gebruiker, grond, "pab_formatie", school.brin, "PAB-formatie")
    return [
        pab_overgang_van(o)
        for o in PabFormatieopgave.objects.filter(school=school).select_related("school")
    ]


# --- residentiële plaatsen: verrekening --------------------------------------------------------


def residentiele_verrekening(verzoek: ResidentieelVerzoek) -> dict[str, Any]:
    """De verrekening van toegekende plaatsen met de leerlingen op 1 oktober 2002 in het
    startjaar 2003-2004 (004: 100 leerlingen en 20 plaatsen geeft 80 + 20), uit de
    regelkern; in andere jaren wordt niet verrekend (de regeling kent dan geen verrekening)."""
    sj = Schooljaar.van_tekst(verzoek.schooljaar)
    if verzoek.status != Verzoekstatus.TOEGEKEND or not verzoek.plaatsen_toegekend:
        return {"van_toepassing": False, "reden": "er zijn (nog) geen plaatsen toegekend"}
    if sj != RESIDENTIEEL_STARTJAAR:
        return {
            "van_toepassing": False,
            "reden": f"verrekening met de getelde leerlingen geldt alleen in het startjaar "
            f"{RESIDENTIEEL_STARTJAAR} (004, 'Residentiële plaatsen')",
        }
    leerlingen = tel_school(verzoek.school, RESIDENTIEEL_TELDATUM).ingeschreven_totaal
    try:
        verrekening = kernrec.verreken_residentiele_plaatsen(
            standaard_regeling(), sj, leerlingen=leerlingen, plaatsen=verzoek.plaatsen_toegekend
        )
    except OngeldigeInvoer as e:
        # Meer plaatsen dan getelde leerlingen (bv. een latere correctie van de telling):
        # de regelkern verrekent dat niet (I-63); toon de reden in plaats van een bedrag.
        return {"van_toepassing": False, "reden": e.reden or str(e)}
    return {
        "van_toepassing": True,
        "teldatum": RESIDENTIEEL_TELDATUM.isoformat(),
        **verrekening.als_dict(),
    }


# --- zaken ----------------------------------------------------------------------------------


def _zaakgrond(gebruiker: Gebruiker, school: Organisatie) -> toegang.Toegangsgrond | None:
    """Wie de zaken (vestiging, verzoek) van een school ziet: school, bestuur, REC, CFI."""
    return rechten.tellinggrond(gebruiker, school)


def _zichtbare_scholen(gebruiker: Gebruiker) -> Q:
    scholen: set[int] = set()
    besturen: set[int] = set()
    recs: set[int] = set()
    alles = False
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol in toegang.SCHOOLROLLEN_LEZEN and rol.organisatie_id:
            scholen.add(rol.organisatie_id)
        elif rol.rol == Roltype.BESTUURDER and rol.organisatie_id:
            besturen.add(rol.organisatie_id)
        elif rol.rol in (toegang.CVI_ROLLEN | toegang.AB_ROLLEN) and rol.organisatie is not None:
            if rol.organisatie.rec_id:
                recs.add(rol.organisatie.rec_id)
        elif rol.rol == Roltype.BEKOSTIGINGSMEDEWERKER:
            alles = True
    if alles:
        return Q()
    return (
        Q(school_id__in=scholen) | Q(school__bestuur_id__in=besturen) | Q(school__rec_id__in=recs)
    )


def _exact_deel(qs: QuerySet[Any], venster: Venster | None) -> Deel[Any]:
    """Een pagina (None: alles) uit een queryset die precies filtert; geen leerlinggegevens,
    dus geen auditregel."""
    if venster is None:
        alles = list(qs)
        return Deel(alles, len(alles))
    aantal = qs.count()
    return Deel(list(qs[venster.begin : venster.eind]) if venster.begin < aantal else [], aantal)


def vestigingen_deel(
    *, gebruiker: Gebruiker, venster: Venster | None, school_id: int | None = None
) -> Deel[Vestiging]:
    qs = Vestiging.objects.filter(_zichtbare_scholen(gebruiker)).select_related("school")
    if school_id is not None:
        qs = qs.filter(school_id=school_id)
    return _exact_deel(qs.order_by("school__brin", "-hoofdvestiging", "naam", "id"), venster)


def vestiging_voor(*, gebruiker: Gebruiker, publiek_id: UUID) -> Vestiging:
    v = (
        Vestiging.objects.filter(publiek_id=publiek_id)
        .select_related("school", "school__rec")
        .first()
    )
    if v is None or _zaakgrond(gebruiker, v.school) is None:
        raise _geen("deze vestiging", "een rol bij de school, haar bestuur of haar REC")
    return v


def verzoeken_deel(
    *, gebruiker: Gebruiker, venster: Venster | None, status: str | None = None
) -> Deel[ResidentieelVerzoek]:
    """De verzoeken om residentiële plaatsen die ``gebruiker`` ziet, nieuwste schooljaar
    eerst: de pagina ``venster`` (None: alle) en het totaal."""
    qs = ResidentieelVerzoek.objects.filter(_zichtbare_scholen(gebruiker)).select_related("school")
    if status:
        qs = qs.filter(status=status)
    return _exact_deel(qs.order_by("-schooljaar", "school__brin", "id"), venster)


def verzoek_voor(*, gebruiker: Gebruiker, publiek_id: UUID) -> ResidentieelVerzoek:
    v = (
        ResidentieelVerzoek.objects.filter(publiek_id=publiek_id)
        .select_related("school", "school__rec")
        .first()
    )
    if v is None or _zaakgrond(gebruiker, v.school) is None:
        raise _geen("dit verzoek", "een rol bij de school, haar bestuur of haar REC, of CFI")
    return v


def _aanmeldingsgrond(gebruiker: Gebruiker, a: VsoAanmelding) -> toegang.Toegangsgrond | None:
    gevonden = _aanmeldingen_met_grond(gebruiker, [a])
    return gevonden[0][1] if gevonden else None


def _aanmeldingen_met_grond(
    gebruiker: Gebruiker, aanmeldingen: list[VsoAanmelding]
) -> list[tuple[VsoAanmelding, toegang.Toegangsgrond]]:
    """Per aanmelding de grond: een rol bij de school (of haar bestuur), anders ouder van
    de leerling; zonder grond valt ze weg. Een vast aantal queries voor de hele lijst."""
    rollen = toegang.actieve_rollen(gebruiker)
    ouderrol = next((r for r in rollen if r.rol == Roltype.OUDER), None)
    kinderen: set[int] = set()
    if ouderrol is not None and aanmeldingen:
        kinderen = set(
            OuderRelatie.objects.filter(
                ouder=gebruiker, leerling_id__in={a.leerling_id for a in aanmeldingen}
            ).values_list("leerling_id", flat=True)
        )
    uit = []
    for a in aanmeldingen:
        grond = rechten.schoolgrond(gebruiker, a.school, schrijven=False, actieve_rollen=rollen)
        if grond is None and ouderrol is not None and a.leerling_id in kinderen:
            grond = toegang.Toegangsgrond.van_rol(ouderrol)
        if grond is not None:
            uit.append((a, grond))
    return uit


def _aanmeldingen_qs(gebruiker: Gebruiker) -> QuerySet[VsoAanmelding]:
    scholen: set[int] = set()
    besturen: set[int] = set()
    for rol in toegang.actieve_rollen(gebruiker):
        if rol.rol in toegang.SCHOOLROLLEN_LEZEN and rol.organisatie_id:
            scholen.add(rol.organisatie_id)
        elif rol.rol == Roltype.BESTUURDER and rol.organisatie_id:
            besturen.add(rol.organisatie_id)
    return VsoAanmelding.objects.filter(
        Q(school_id__in=scholen)
        | Q(school__bestuur_id__in=besturen)
        | Q(leerling__ouderrelaties__ouder=gebruiker)
    ).distinct()


def aanmeldingen_deel(
    *,
    gebruiker: Gebruiker,
    venster: Venster | None,
    status: str | None = None,
    reden: str = "overzicht",
) -> Deel[tuple[VsoAanmelding, toegang.Toegangsgrond]]:
    """De aanmeldingen die de gebruiker ziet: de pagina ``venster`` (None: alle) en het
    totaal; een auditregel per teruggegeven leerling."""
    qs = _aanmeldingen_qs(gebruiker).select_related("school", "leerling", "indicatie")
    if status:
        qs = qs.filter(status=status)
    deel = pagineer(
        qs.order_by("-aangemeld_op", "id"),
        lambda aanmeldingen: _aanmeldingen_met_grond(gebruiker, aanmeldingen),
        venster,
        licht=("school", "school__bestuur", "leerling"),
    )
    if deel.items:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype="vso_aanmelding",
            items=[
                (a.publiek_id, a.leerling.publiek_id, g.rol, g.organisatie_id)
                for a, g in deel.items
            ],
            reden=reden,
        )
    return deel


def aanmeldingen_lijst(
    *, gebruiker: Gebruiker, status: str | None = None, reden: str = "overzicht"
) -> list[tuple[VsoAanmelding, toegang.Toegangsgrond]]:
    """Alle aanmeldingen die de gebruiker ziet, zie :func:`aanmeldingen_deel`."""
    return aanmeldingen_deel(gebruiker=gebruiker, venster=None, status=status, reden=reden).items


def aanmelding_voor(
    *, gebruiker: Gebruiker, publiek_id: UUID, reden: str = "dossier", lezen: bool = True
) -> tuple[VsoAanmelding, toegang.Toegangsgrond]:
    """De aanmelding met de grond waarop ``gebruiker`` haar ziet. ``lezen=False`` voor een
    handeling: geen leesregel (de service legt de handeling vast, en een geweigerde
    handeling schrijft niets)."""
    a = (
        VsoAanmelding.objects.filter(publiek_id=publiek_id)
        .select_related("school", "leerling", "indicatie")
        .first()
    )
    grond = _aanmeldingsgrond(gebruiker, a) if a is not None else None
    if a is None or grond is None:
        audit_registreer(
            gebruiker=gebruiker,
            actie=Actie.GEWEIGERD,
            objecttype="vso_aanmelding",
            object_id=publiek_id,
            reden=f"{reden}: geen toegang of onbekend id",
        )
        raise _geen("deze aanmelding", "de school van de aanmelding of een ouder van de leerling")
    if not lezen:
        return a, grond
    audit_registreer(
        gebruiker=gebruiker,
        actie=Actie.LEZEN,
        objecttype="vso_aanmelding",
        object_id=a.publiek_id,
        leerling_publiek_id=a.leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )
    return a, grond


# --- geplaatste leerlingen van een school (met naam; alleen de school) --------------------------


@dataclass
class GeplaatsteLeerling:
    inschrijving: Inschrijving
    plaatsing: VsoPlaatsing | None
    categorie: str | None
    bekostigingswijze: dict[str, str] | None


def geplaatste_leerlingen(
    *, gebruiker: Gebruiker, school_id: int, peildatum: date | None = None, reden: str = "overzicht"
) -> list[GeplaatsteLeerling]:
    """De leerlingen die op de peildatum op de (v)so-school staan, met hun categorie in de
    telling (regelkern) en, bij verbrede toelating, hoe zij meetellen voor formatie,
    materiële instandhouding, schoolbudget en huisvesting (004; regelkern
    ``Bekostigingswijze``). Alleen voor de school; een auditregel per leerling."""
    school = _organisatie(school_id, Organisatiesoort.SCHOOL)
    grond = rechten.schoolgrond(gebruiker, school, schrijven=False) if school is not None else None
    if school is None or grond is None or grond.rol not in toegang.SCHOOLROLLEN_LEZEN:
        raise _geen("de leerlingen van deze school", "een rol bij de school")
    dag = peildatum or vandaag()
    inschrijvingen = list(
        Inschrijving.objects.filter(school=school, van__lte=dag)
        .filter(Q(tot__isnull=True) | Q(tot__gte=dag))
        .select_related("leerling")
        .order_by("leerling__achternaam", "leerling__voornaam", "id")
    )
    plaatsingen = {
        p.inschrijving_id: p
        for p in VsoPlaatsing.objects.filter(inschrijving__in=inschrijvingen).select_related(
            "indicatie", "verbrede_toelating", "vestiging"
        )
    }
    uit = []
    for i in inschrijvingen:
        p = plaatsingen.get(i.pk)
        indicatiedatum = (
            i.leerling.indicaties.filter(indicatiedatum__lte=dag)
            .order_by("-indicatiedatum")
            .values_list("indicatiedatum", flat=True)
            .first()
        )
        kandidaat = IngeschrevenLeerling(
            id=str(i.leerling.publiek_id),
            geboortedatum=i.leerling.geboortedatum,
            geslacht=i.leerling.geslacht,
            ingeschreven_van=i.van,
            ingeschreven_tot=i.tot,
            vestiging="",
            residentieel=bool(p and p.residentieel),
            indicatiedatum=indicatiedatum,
            verbreed_toegelaten=bool(p and p.verbrede_toelating_id),
        )
        try:
            cat: str | None = str(categorie(kandidaat, dag))
        except OngeldigeInvoer:
            cat = None
        wijze = None
        if p is not None and p.verbrede_toelating is not None and p.indicatie is not None:
            b = Bekostigingswijze()
            soort = p.indicatie.get_onderwijssoort_display()
            wijze = {
                "geindiceerd_voor": soort,
                "formatie": b.formatie,
                "materieel_leerling": b.materieel_leerling,
                "materieel_groep": b.materieel_groep,
                "schoolbudget": b.schoolbudget,
                "huisvesting": b.huisvesting,
            }
        uit.append(GeplaatsteLeerling(i, p, cat, wijze))
    if uit:
        audit_registreer_lijst(
            gebruiker=gebruiker,
            objecttype="vso_plaatsing",
            items=[
                (
                    g.inschrijving.pk,
                    g.inschrijving.leerling.publiek_id,
                    grond.rol,
                    grond.organisatie_id,
                )
                for g in uit
            ],
            reden=reden,
        )
    return uit


# --- wat de gebruiker kan openen (webtoepassing) ----------------------------------------------


def zichtbare_recs_en_scholen(
    *, gebruiker: Gebruiker
) -> tuple[list[Organisatie], list[Organisatie]]:
    """De REC's waarvan de gebruiker telling en rapport ziet, en de (v)so-scholen waarvan hij
    de telling ziet (via :mod:`rugzak.rec.rechten`). Geen leerlinggegevens."""
    recs = [
        r
        for r in Organisatie.objects.filter(soort=Organisatiesoort.REC).order_by("cluster", "naam")
        if rechten.rec_grond(gebruiker, r, schrijven=False) is not None
    ]
    scholen = [
        s
        for s in Organisatie.objects.filter(
            soort=Organisatiesoort.SCHOOL, rec__isnull=False, schoolsoort__in=["so", "vso"]
        )
        .select_related("rec")
        .order_by("brin")
        if rechten.tellinggrond(gebruiker, s) is not None
    ]
    return recs, scholen
