"""Schrijven: de betaalrun, de REC-gegevens en de besteding van de rugzak.

Elke service controleert eerst de rol, dan de invoer (alle fouten tegelijk), en schrijft
pas dan, in één transactie, met auditregels. Een geweigerde handeling schrijft niets.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from itertools import repeat
from uuid import UUID

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Sum

from rugzak import toegang
from rugzak.audit.models import Actie
from rugzak.audit.services import audit_bulk_voorbereiden, audit_registreer
from rugzak.betalingen import rechten
from rugzak.betalingen.berekening import (
    DEELNAMEN,
    Boekingen,
    Leemtegeval,
    Runberekening,
    bereken_run,
    leemte_afdruk,
)
from rugzak.betalingen.models import (
    Besteding,
    Betaalrun,
    Boekingsoort,
    Formatieopgave,
    Garantietoedeling,
    GarantietoedelingRegel,
    Grootboekregel,
    Leemte,
    Leerlingberekening,
    RecTelling,
    Runfase,
    Runstatus,
)
from rugzak.gedeeld import hartslag
from rugzak.gedeeld.bulk import (
    BINAIRE_KOP,
    BINAIRE_STAART,
    Voorbereid,
    bulk_invoegen,
    copy_regels,
    indexen_na_invoer,
    schrijf,
    voorbereiden,
    zonder_gc,
)
from rugzak.gedeeld.fouten import GeenToegang
from rugzak.gedeeld.tijd import nu, systeemtijd, vandaag
from rugzak.leerlingen.models import Leerling
from rugzak.meldingen.models import Melding, Meldingstatus
from rugzak.organisaties.models import Gebruiker, Organisatie
from rugzak.organisaties.rollen import Organisatiesoort
from rugzak.regeling.fouten import OngeldigeInvoer
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels import rec as kernrec
from rugzak.regeling.regels.besteding import (
    Bestedingsbeoordeling,
    Bestedingssoort,
    Onderdeel,
    Ontvangsttoets,
    beoordeel_besteding,
    ontvangen_per_onderdeel,
    toets_tegen_ontvangen,
    weigerreden,
)
from rugzak.regeling.tijd import Maand, Schooljaar

Fouten = dict[str, list[str]]
I64 = npt.NDArray[np.int64]


def _fout(fouten: Fouten, veld: str, tekst: str) -> None:
    fouten.setdefault(veld, []).append(tekst)


def _maand(waarde: Maand | str) -> Maand:
    if isinstance(waarde, Maand):
        return waarde
    try:
        return Maand.van_tekst(str(waarde))
    except OngeldigeInvoer:
        raise ValidationError({"maand": "verwacht een maand als JJJJ-MM, bv. 2012-02"}) from None


def _schooljaar(waarde: Schooljaar | str, veld: str = "schooljaar") -> Schooljaar:
    if isinstance(waarde, Schooljaar):
        return waarde
    try:
        return Schooljaar.van_tekst(str(waarde))
    except OngeldigeInvoer:
        raise ValidationError({veld: "verwacht een schooljaar, bv. 2011-2012"}) from None


# --- betaalrun -----------------------------------------------------------------------------


class BetaalrunMislukt(Exception):
    """Een run die synchroon werd uitgevoerd (:func:`betaalrun_uitvoeren`) is mislukt; de
    reden staat ook in de run."""

    def __init__(self, run: Betaalrun) -> None:
        super().__init__(f"betaalrun {run.maand:%Y-%m} mislukt: {run.reden}")
        self.run = run


_RunOvergenomen = hartslag.Overgenomen


@transaction.atomic
def betaalrun_aanvragen(*, door: Gebruiker, maand: Maand | str, wachtrij: bool = True) -> Betaalrun:
    """Vraag de betaalrun voor ``maand`` aan: controleer recht en maand, leg de run vast in
    de toestand 'in de wachtrij' en zet de taak in de wachtrij (django-tasks). Keert meteen
    terug; een verwerker voert de run uit (:func:`betaalrun_verwerken`). Een geweigerde
    aanvraag schrijft niets. ``wachtrij=False``: geen taak (de aanroeper verwerkt zelf)."""
    grond = rechten.vereis_bekostiging(door, wat="de betaalrun")
    m = _maand(maand)
    dag = vandaag()
    if m.eerste_dag > dag:
        raise ValidationError(
            {
                "maand": f"{m} is nog niet begonnen (vandaag is {dag.isoformat()}); een maand "
                "wordt betaald naar de toestand op haar eerste dag"
            }
        )
    assert grond.organisatie_id is not None
    betaalruns_herstellen()  # een run van een uitgevallen verwerker eerst terug (I-81)
    run = Betaalrun(
        maand=m.eerste_dag,
        organisatie_id=grond.organisatie_id,
        uitgevoerd_door=door,
        aangevraagd_op=nu(),
        peildatum=dag,
    )
    run.save()
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="betaalrun",
        object_id=run.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=f"betaalrun {m} aangevraagd",
    )
    if wachtrij:
        _zet_in_wachtrij(run)
    return run


def _zet_in_wachtrij(run: Betaalrun, *, na: datetime | None = None) -> None:
    from rugzak.betalingen.taken import betaalrun_taak

    taak = betaalrun_taak if na is None else betaalrun_taak.using(run_after=na)
    resultaat = taak.enqueue(str(run.publiek_id))
    Betaalrun.objects.filter(pk=run.pk).update(taak_id=str(resultaat.id)[:64])


def betaalrun_uitvoeren(*, door: Gebruiker, maand: Maand | str) -> Betaalrun:
    """Vraag de run aan en voer hem meteen in dit proces uit (demo, opdrachtregel met
    ``--direct``, tests): :func:`betaalrun_aanvragen` zonder wachtrij gevolgd door
    :func:`betaalrun_verwerken`. Geeft de afgeronde run; mislukt hij, dan
    :class:`BetaalrunMislukt` (de run zelf toont de reden, er is niets geboekt)."""
    run = betaalrun_aanvragen(door=door, maand=maand, wachtrij=False)
    run = betaalrun_verwerken(publiek_id=run.publiek_id)
    if run.status != Runstatus.KLAAR:
        raise BetaalrunMislukt(run)
    return run


def _grootboekstand() -> tuple[int, int, int]:
    """Aantal en hoogste id van het grootboek en het hoogste id van de vastgelegde
    berekeningen: verandert bij elke boeking (alleen-toevoegen), ook bij een run die niets
    boekte maar wel berekeningen vastlegde (I-190)."""
    stand = Grootboekregel.objects.aggregate(n=Count("id"), hoogste=Max("id"))
    berekend = Leerlingberekening.objects.aggregate(hoogste=Max("id"))["hoogste"]
    return int(stand["n"] or 0), int(stand["hoogste"] or 0), int(berekend or 0)


def _hervat_reden(run: Betaalrun, tijd: datetime) -> str:
    return (
        f"hervat op {tijd:%Y-%m-%d %H:%M:%S}: de verwerker gaf sinds "
        f"{run.hartslag_op:%Y-%m-%d %H:%M:%S} geen teken van leven (poging "
        f"{run.poging}); er was niets van deze run geboekt (I-81)"
    )


def betaalruns_herstellen(*, grens: timedelta | None = None) -> list[Betaalrun]:
    """Hervat runs waarvan de verwerker uitviel (I-81): een run die 'bezig' is zonder teken
    van leven sinds ``grens`` (standaard ``RUGZAK_BETAALRUN_HARTSLAG_GRENS`` seconden) gaat
    terug naar de wachtrij en krijgt een nieuwe taak. Van die run is niets geboekt (de
    boekingen komen pas bij het afronden, in één transactie); de nieuwe poging rekent
    opnieuw tegen het grootboek. Draait bij het starten van een verwerker, bij elke
    aanvraag en elke taak, en met ``rugzak betaalrun herstel``. Geeft de hervatte runs.
    Het mechanisme (:mod:`rugzak.gedeeld.hartslag`) is dat van de scenario's ook."""
    return hartslag.herstellen(
        Betaalrun, marge=grens, reden=_hervat_reden, zet_in_wachtrij=_zet_in_wachtrij
    )


def betaalrun_verwerken(*, publiek_id: UUID | str) -> Betaalrun:
    """Voer een aangevraagde run uit (de taak van de verwerker): boek per leerling,
    ontvanger, deel en maand het verschil tussen wat volgens de regelkern tot en met de
    maand betaald had moeten zijn en wat het grootboek al bevat. Nogmaals draaien boekt dus
    niets dubbel; een late uitschrijving of gewijzigde melding wordt een correctieregel.
    Schooljaren zonder bron worden per leerling als leemte vastgelegd, zonder boeking.

    Toestanden: bezig (met voortgang en hartslag) -> klaar, of mislukt met de reden. Alle
    boekingen, leemtes en auditregels komen in één transactie aan het eind, onder het slot
    van de bekostigingsinstantie (I-80): een uitgevallen verwerker laat niets half achter,
    en twee runs boeken nooit hetzelfde verschil. Een afgeronde run of een run die een
    andere verwerker nu uitvoert, wordt niet opnieuw gedaan."""
    betaalruns_herstellen()
    run: Betaalrun = Betaalrun.objects.get(publiek_id=publiek_id)
    if run.afgerond:
        return run
    # 1. claimen: bezig, nieuwe poging. Eén run tegelijk per instantie (unieke voorwaarde).
    with transaction.atomic():
        run = Betaalrun.objects.select_for_update().get(pk=run.pk)
        if run.afgerond or (run.status == Runstatus.BEZIG and hartslag.levend(run.hartslag_op)):
            return run
        poging = run.poging + 1
        try:
            with transaction.atomic():
                Betaalrun.objects.filter(pk=run.pk).update(
                    status=Runstatus.BEZIG, poging=poging, begonnen_op=nu(), hartslag_op=nu(),
                    leerlingen_gedaan=0, leerlingen_totaal=None,
                    # het wachten is voorbij; dat de run hervat werd, blijft zichtbaar
                    reden=run.reden if run.reden.startswith("hervat") else "",
                )  # fmt: skip
        except IntegrityError:
            bezig = Betaalrun.objects.filter(
                organisatie_id=run.organisatie_id, status=Runstatus.BEZIG
            ).first()
            if not getattr(_taakbackend(), "supports_defer", False):
                raise
            wacht = f"wacht op run {bezig.publiek_id}" if bezig else "wacht op een andere run"
            Betaalrun.objects.filter(pk=run.pk).update(reden=f"{wacht} (één run tegelijk, I-80)")
            # run_after vergelijkt de takenwachtrij met haar eigen (echte) klok: over 2 s echt.
            _zet_in_wachtrij(run, na=systeemtijd() + timedelta(seconds=2))
            return Betaalrun.objects.get(pk=run.pk)
    try:
        return _reken_en_boek(run.pk, poging)
    except _RunOvergenomen:
        return Betaalrun.objects.get(pk=run.pk)
    except Exception as fout:  # de reden komt in de run; er is niets geboekt
        reden = _reden(fout)
        Betaalrun.objects.filter(pk=run.pk, status=Runstatus.BEZIG, poging=poging).update(
            status=Runstatus.MISLUKT, reden=reden, fase=None, uitgevoerd_op=nu(), hartslag_op=nu()
        )
        return Betaalrun.objects.get(pk=run.pk)


def _taakbackend() -> object:
    from rugzak.betalingen.taken import betaalrun_taak

    return betaalrun_taak.get_backend()


def _reden(fout: Exception) -> str:
    if isinstance(fout, ValidationError):
        return "; ".join(f"{k}: {', '.join(v)}" for k, v in fout.message_dict.items())
    if isinstance(fout, GeenToegang):
        return f"geen toegang: {fout}"
    return f"{type(fout).__name__}: {fout}"


@zonder_gc()  # rekenen en boeken in bulk: geen rondes van de collector (zie zonder_gc)
def _reken_en_boek(run_pk: int, poging: int) -> Betaalrun:
    run = Betaalrun.objects.select_related("uitgevoerd_door").get(pk=run_pk)
    door = run.uitgevoerd_door
    # Het recht van de aanvrager geldt ook als de run later in de wachtrij aan de beurt is.
    grond = rechten.vereis_bekostiging(door, wat="de betaalrun")
    m = Maand.van_datum(run.maand)
    vertraging = float(getattr(settings, "RUGZAK_BETAALRUN_TESTVERTRAGING", 0) or 0)
    laatst = [0.0]

    def voortgang(gedaan: int, totaal: int) -> None:
        moment = time.monotonic()  # echte verstreken tijd: hooguit één voortgangsschrijf per s
        if gedaan < totaal and moment - laatst[0] < 1 and not vertraging:
            return
        laatst[0] = moment
        hartslag.klop(Betaalrun, run_pk, poging, leerlingen_gedaan=gedaan, leerlingen_totaal=totaal)
        if vertraging:
            time.sleep(vertraging)

    def fase(naam: str) -> None:  # elke nieuwe fase meteen zichtbaar (runpagina, API)
        hartslag.klop(Betaalrun, run_pk, poging, fase=naam)

    stand = _grootboekstand()
    incrementeel = bool(getattr(settings, "RUGZAK_BETAALRUN_INCREMENTEEL", True))
    berekening = bereken_run(
        maand=m, voortgang=voortgang, fase=fase, afdrukken=True, incrementeel=incrementeel
    )
    fase(Runfase.BOEKEN)
    with transaction.atomic():
        # Het slot van de instantie: boekingen van runs van één instantie na elkaar (I-80).
        Organisatie.objects.select_for_update().get(pk=run.organisatie_id)
        huidig = Betaalrun.objects.select_for_update().get(pk=run_pk)
        if huidig.status != Runstatus.BEZIG or huidig.poging != poging:
            raise _RunOvergenomen
        if _grootboekstand() != stand:
            # Intussen boekte een andere run: opnieuw rekenen, onder het slot, zodat geen
            # verschil twee keer geboekt wordt.
            berekening = bereken_run(maand=m, afdrukken=True, incrementeel=incrementeel)
        _boek(run, berekening, door=door, grond=grond, m=m)
        Betaalrun.objects.filter(pk=run_pk, status=Runstatus.BEZIG, poging=poging).update(
            status=Runstatus.KLAAR,
            leerlingen=berekening.leerlingen,
            leerlingen_gedaan=berekening.leerlingen,
            leerlingen_totaal=berekening.leerlingen,
            regels=len(berekening.boekingen),
            totaal_centen=berekening.boekingen.totaal_centen,
            leemtes=berekening.leemtes_totaal,
            terugval=berekening.terugval,
            fase=None,
            uitgevoerd_op=nu(),
            hartslag_op=nu(),
        )
    return Betaalrun.objects.get(pk=run_pk)


def betaalrun_boeken(
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    instantie: Organisatie,
    berekening: Runberekening,
) -> Betaalrun:
    """Boek een al berekende run meteen als afgeronde run, zonder wachtrij (de benchmark
    meet zo lezen, rekenen en boeken apart). Hoort in de transactie van de aanroeper, die
    het slot op ``instantie`` houdt (I-80); mislukt er iets, dan is niets geboekt."""
    moment = nu()
    run = Betaalrun.objects.create(
        maand=berekening.maand.eerste_dag,
        organisatie=instantie,
        uitgevoerd_door=door,
        aangevraagd_op=moment,
        peildatum=vandaag(),
        status=Runstatus.KLAAR,
        poging=1,
        begonnen_op=moment,
        hartslag_op=moment,
        uitgevoerd_op=moment,
        leerlingen=berekening.leerlingen,
        leerlingen_gedaan=berekening.leerlingen,
        leerlingen_totaal=berekening.leerlingen,
        regels=len(berekening.boekingen),
        totaal_centen=berekening.boekingen.totaal_centen,
        leemtes=berekening.leemtes_totaal,
        terugval=berekening.terugval,
    )
    _boek(run, berekening, door=door, grond=grond, m=berekening.maand)
    return run


_GROOTBOEKVELDEN = (
    "maand", "ontvanger_id", "leerling_id", "cvi_nummer", "deel", "bedrag_centen", "run_id",
    "soort", "aangemaakt_op",
)  # fmt: skip

#: zoveel grootboekregels per blok naar ``COPY``
_COPY_REGELS = 100_000

#: de kolommen van de binaire ``COPY`` van het grootboek: eerst die van vaste breedte, dan
#: de teksten (soort en deel samen, het CvI-nummer)
_BINAIRE_VELDEN = (
    "maand", "ontvanger_id", "leerling_id", "bedrag_centen", "run_id", "aangemaakt_op",
    "soort", "deel", "cvi_nummer",
)  # fmt: skip

#: per regel het begin van vaste breedte, big-endian: het aantal velden, dan per veld de
#: lengte en de waarde (date: dagen sinds 2000-01-01; timestamptz: microseconden sinds
#: 2000-01-01 UTC; de id's en het bedrag: int8)
_BINAIR_BEGIN = np.dtype(
    [
        ("n", ">i2"),
        ("l_maand", ">i4"), ("maand", ">i4"),
        ("l_ontvanger", ">i4"), ("ontvanger", ">i8"),
        ("l_leerling", ">i4"), ("leerling", ">i8"),
        ("l_bedrag", ">i4"), ("bedrag", ">i8"),
        ("l_run", ">i4"), ("run", ">i8"),
        ("l_moment", ">i4"), ("moment", ">i8"),
    ]
)  # fmt: skip
_PG_NUL = datetime(2000, 1, 1, tzinfo=UTC)
#: dagen van 1970-01-01 (numpy) tot 2000-01-01 (PostgreSQL)
_PG_DAGEN = 10_957


def _vergrendel_verwijzingen(leerling_ids: list[int], ontvanger_ids: list[int]) -> dict[int, str]:
    """Wat een FOREIGN KEY per regel deed, in één query per tabel (I-111): controleer dat
    elke leerling en ontvanger bestaat en vergrendel ze (``FOR KEY SHARE``, zoals
    PostgreSQL dat voor een verwijzing doet) tot het eind van de transactie, zodat niemand
    ze intussen verwijdert. Een onbekende verwijzing is een fout: de run boekt dan niets.
    Geeft per leerling het publieke id (voor de auditregels)."""
    tabel_l = Leerling._meta.db_table
    tabel_o = Organisatie._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT id, publiek_id::text FROM {tabel_l} WHERE id = ANY(%s) FOR KEY SHARE",
                [leerling_ids],
            )
            publiek = dict(cur.fetchall())
            cur.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {tabel_o} WHERE id = ANY(%s) "
                "FOR KEY SHARE) AS v",
                [ontvanger_ids],
            )
            ontvangers = int(cur.fetchone()[0])
    else:  # SQLite: één schrijver tegelijk; in blokken (grens aan het aantal parameters)
        publiek = {}
        for i in range(0, len(leerling_ids), 900):
            publiek.update(
                (pk, str(p))
                for pk, p in Leerling.objects.filter(pk__in=leerling_ids[i : i + 900]).values_list(
                    "pk", "publiek_id"
                )
            )
        ontvangers = sum(
            Organisatie.objects.filter(pk__in=ontvanger_ids[i : i + 900]).count()
            for i in range(0, len(ontvanger_ids), 900)
        )
    if len(publiek) != len(leerling_ids) or ontvangers != len(ontvanger_ids):
        raise IntegrityError(
            f"grootboek: {len(leerling_ids) - len(publiek)} onbekende leerling(en) en "
            f"{len(ontvanger_ids) - ontvangers} onbekende ontvanger(s); er is niets geboekt (I-111)"
        )
    return publiek


def _tekstveld(t: str) -> bytes:
    """Een tekst als veld van de binaire ``COPY``: de lengte (int4) en de UTF-8."""
    data = t.encode()
    return len(data).to_bytes(4, "big") + data


def _bytetabel(velden: list[bytes]) -> tuple[npt.NDArray[np.uint8], I64]:
    """``velden`` als rijen van een matrix (opgevuld met nullen) en hun lengtes."""
    breed = max((len(v) for v in velden), default=0)
    matrix = np.zeros((len(velden), breed), dtype=np.uint8)
    for i, v in enumerate(velden):
        matrix[i, : len(v)] = np.frombuffer(v, dtype=np.uint8)
    return matrix, np.array([len(v) for v in velden], dtype=np.int64)


def _grootboek_copy(
    run: Betaalrun,
    b: Boekingen,
    moment: datetime,
    terwijl: Callable[[], None] | None = None,
) -> None:
    """De grootboekregels in de binaire vorm van ``COPY``, per blok met numpy gemaakt (geen
    Python-werk per regel; de server hoeft geen tekst te ontleden).

    Per regel: een begin van vaste breedte (:data:`_BINAIR_BEGIN`), dan de teksten uit
    twee tabellen: soort en deel samen (een code per combinatie) en het CvI-nummer. Het
    blok is een matrix met per regel de volle breedte; een masker houdt per regel alleen
    de gebruikte bytes over, in volgorde (zo worden de regels aan elkaar gezet)."""
    soorten = (Boekingsoort.BETALING.value, Boekingsoort.CORRECTIE.value)
    # code van soort en deel samen: correctie * aantal delen + deelcode
    midden, l_midden = _bytetabel(
        [_tekstveld(s) + _tekstveld(d) for s in soorten for d in DEELNAMEN]
    )
    cvi, l_cvi = _bytetabel([_tekstveld(c) for c in b.cvi_namen])
    vast = _BINAIR_BEGIN.itemsize
    breed_m, breed_c = midden.shape[1], cvi.shape[1]
    kolom = np.arange(vast + breed_m + breed_c)
    microseconden = (moment - _PG_NUL) // timedelta(microseconds=1)

    def blokken() -> Iterator[bytes]:
        yield BINAIRE_KOP
        for i in range(0, len(b), _COPY_REGELS):
            v = slice(i, i + _COPY_REGELS)
            n = len(b.centen[v])
            begin = np.empty(n, dtype=_BINAIR_BEGIN)
            begin["n"] = len(_BINAIRE_VELDEN)
            for veld, breedte in (("maand", 4), ("ontvanger", 8), ("leerling", 8),
                                  ("bedrag", 8), ("run", 8), ("moment", 8)):  # fmt: skip
                begin[f"l_{veld}"] = breedte
            begin["maand"] = (
                (b.maandnummer[v] - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
            ).astype(np.int64) - _PG_DAGEN
            begin["ontvanger"] = b.ontvanger_id[v]
            begin["leerling"] = b.leerling_id[v]
            begin["bedrag"] = b.centen[v]
            begin["run"] = run.pk
            begin["moment"] = microseconden
            code_m = b.correctie[v].astype(np.int64) * len(DEELNAMEN) + b.deelcode[v]
            matrix = np.empty((n, len(kolom)), dtype=np.uint8)
            matrix[:, :vast] = begin.view(np.uint8).reshape(n, vast)
            matrix[:, vast : vast + breed_m] = midden[code_m]
            matrix[:, vast + breed_m :] = cvi[b.cvi_code[v]]
            # per regel: het begin en de gebruikte bytes van beide teksten
            masker = (kolom < vast + l_midden[code_m][:, None]) | (
                (kolom >= vast + breed_m) & (kolom < vast + breed_m + l_cvi[b.cvi_code[v]][:, None])
            )
            yield matrix[masker].tobytes()
        yield BINAIRE_STAART

    copy_regels(Grootboekregel, _BINAIRE_VELDEN, blokken(), binair=True, terwijl=terwijl)


@dataclass(frozen=True, slots=True)
class _Leemtes:
    #: de leemtes die deze run schrijft
    schrijven: list[Leemtegeval]
    #: per opnieuw berekende leerling: (aantal leemtes, afdruk, run waarin ze staan)
    per_leerling: dict[int, tuple[int, int, int | None]]


def _te_schrijven_leemtes(run: Betaalrun, berekening: Runberekening) -> _Leemtes:
    """Welke leemtes deze run schrijft. Zonder afdrukken: alle. Met afdrukken alleen die
    van een leerling wier leemtes anders zijn dan bij haar vorige berekening; voor de
    anderen blijven de leemtes gelden die een eerdere run vastlegde (I-191)."""
    if berekening.afdruk_lid is None:
        return _Leemtes(list(berekening.leemtes), {})
    per: dict[int, list[Leemtegeval]] = defaultdict(list)
    for g in berekening.leemtes:
        per[g.leerling_id].append(g)
    schrijven: list[Leemtegeval] = []
    per_leerling: dict[int, tuple[int, int, int | None]] = {}
    for lid in berekening.afdruk_lid.tolist():
        eigen = per.get(lid, [])
        afdruk = leemte_afdruk(eigen)
        v = berekening.vorige.get(lid)
        if v is not None and v.leemte_afdruk == afdruk and (not eigen or v.leemte_run_id):
            per_leerling[lid] = (len(eigen), afdruk, v.leemte_run_id if eigen else None)
            continue
        schrijven.extend(eigen)
        per_leerling[lid] = (len(eigen), afdruk, run.pk if eigen else None)
    return _Leemtes(schrijven, per_leerling)


_BEREKENINGVELDEN = (
    "run_id", "leerling_id", "afdruk", "leemtes", "leemte_afdruk", "leemte_run_id", "terugval",
    "grootboek_tot",
)  # fmt: skip


def _leg_berekeningen_vast(run: Betaalrun, berekening: Runberekening, leemtes: _Leemtes) -> None:
    """Per opnieuw berekende leerling een :class:`Leerlingberekening` (I-190), in bulk, in de
    transactie van de boekingen: een run die niet afrondt, legt ook niets vast."""
    if berekening.afdruk_lid is None or berekening.afdruk is None or not len(berekening.afdruk_lid):
        return
    tot = int(Grootboekregel.objects.aggregate(h=Max("id"))["h"] or 0)
    terugval = berekening.terugval_ids
    bulk_invoegen(
        Leerlingberekening,
        _BEREKENINGVELDEN,
        (
            (run.pk, lid, a, *leemtes.per_leerling[lid], lid in terugval, tot)
            for lid, a in zip(
                berekening.afdruk_lid.tolist(), berekening.afdruk.tolist(), strict=True
            )
        ),
    )


@zonder_gc()
def _boek(
    run: Betaalrun,
    berekening: Runberekening,
    *,
    door: Gebruiker,
    grond: toegang.Toegangsgrond,
    m: Maand,
) -> None:
    """De boekingen, leemtes en auditregels (één per betrokken leerling) van een run, in bulk
    (``COPY`` op PostgreSQL, ``bulk_create`` elders). Hoort in de transactie van de
    aanroeper: mislukt er iets, dan is niets geboekt. Eerst worden de verwezen leerlingen en
    ontvangers gecontroleerd en vergrendeld (I-111)."""
    moment = nu()
    b = berekening.boekingen
    # per leerling: aantal regels en som (numpy), en de schooljaren met een leemte
    per_leerling: dict[int, tuple[int, int]] = {}
    if len(b):
        lids, begin, aantallen = np.unique(b.leerling_id, return_index=True, return_counts=True)
        sommen = np.add.reduceat(b.centen, begin)
        per_leerling = dict(
            zip(lids.tolist(), zip(aantallen.tolist(), sommen.tolist(), strict=True), strict=True)
        )
    # de leemtes: alleen wat anders is dan wat voor de leerling al gold (I-191)
    leemtes = _te_schrijven_leemtes(run, berekening)
    leemtes_per_leerling: dict[int, list[str]] = defaultdict(list)
    for g in leemtes.schrijven:
        leemtes_per_leerling[g.leerling_id].append(str(g.schooljaar))
    publiek = _vergrendel_verwijzingen(
        sorted(set(per_leerling) | set(leemtes_per_leerling)),
        np.unique(b.ontvanger_id).tolist(),
    )

    def reden(lid: int) -> str:
        delen = []
        if lid in per_leerling:
            aantal, som = per_leerling[lid]
            delen.append(f"{aantal} regel(s) geboekt, samen EUR {Decimal(som).scaleb(-2)}")
        if lid in leemtes_per_leerling:
            delen.append(
                "leemte: " + ", ".join(sorted(leemtes_per_leerling[lid])) + " niet berekend"
            )
        return f"betaalrun {m}: " + "; ".join(delen)

    klaar: list[Voorbereid] = []

    def voorbereid() -> None:
        """De leemtes en de auditregels (één per betrokken leerling) als tekst; op
        PostgreSQL terwijl de server het grootboek nog invoegt."""
        velden = ("run_id", "leerling_id", "cvi_nummers", "schooljaar", "soort", "melding")
        rijen = (
            (run.pk, g.leerling_id, g.cvi_nummers[:200], str(g.schooljaar), g.soort, g.melding)
            for g in leemtes.schrijven
        )
        klaar.append(voorbereiden(Leemte, velden, rijen))
        klaar.append(
            audit_bulk_voorbereiden(
                gebruiker=door,
                actie=Actie.AANMAKEN,
                objecttype="grootboekregel",
                items=((run.publiek_id, publiek[lid], reden(lid)) for lid in sorted(publiek)),
                rol=grond.rol,
                organisatie_id=grond.organisatie_id,
            )
        )

    if connection.vendor == "postgresql":
        # een eerste landelijke run: de indexen na de invoer in één keer opbouwen
        with indexen_na_invoer(Grootboekregel, nieuw=len(b)):
            _grootboek_copy(run, b, moment, terwijl=voorbereid)
    else:
        soorten = np.where(b.correctie, Boekingsoort.CORRECTIE.value, Boekingsoort.BETALING.value)
        bulk_invoegen(
            Grootboekregel,
            _GROOTBOEKVELDEN,
            zip(b.maand, b.ontvanger_id.tolist(), b.leerling_id.tolist(), b.cvi_nummer, b.deel,
                b.centen.tolist(), repeat(run.pk), soorten.tolist(), repeat(moment)),
        )  # fmt: skip
    if not klaar:  # elders dan PostgreSQL: nu, na het grootboek
        voorbereid()
    leemte_klaar, audit_klaar = klaar
    schrijf(leemte_klaar)
    _leg_berekeningen_vast(run, berekening, leemtes)
    schrijf(audit_klaar)


# --- REC -----------------------------------------------------------------------------------


def _vereis_rec(door: Gebruiker, rec: Organisatie) -> toegang.Toegangsgrond:
    if rec.soort != Organisatiesoort.REC:
        raise ValidationError({"rec": "dit is geen REC"})
    return toegang.vereis(
        rechten.recgrond(door, rec, schrijven=True),
        wat=f"de gegevens van {rec}",
        nodig="de rol secretaris van de CvI of coördinator AB bij dit REC",
    )


def _audit_rec(
    door: Gebruiker, grond: toegang.Toegangsgrond, objecttype: str, object_id: object, reden: str
) -> None:
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype=objecttype,
        object_id=object_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=reden,
    )


@transaction.atomic
def rec_telling_vastleggen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    schooljaar: Schooljaar | str,
    leerlingen: int,
    ambulant_begeleid: int = 0,
) -> RecTelling:
    """Leg de leerlingtelling vast waarop de REC-bekostiging van een schooljaar berust (004)."""
    grond = _vereis_rec(door, rec)
    sj = _schooljaar(schooljaar)
    fouten: Fouten = {}
    if leerlingen < 0:
        _fout(fouten, "leerlingen", "een aantal is 0 of meer")
    if ambulant_begeleid < 0:
        _fout(fouten, "ambulant_begeleid", "een aantal is 0 of meer")
    if RecTelling.objects.filter(rec=rec, schooljaar=str(sj)).exists():
        _fout(fouten, "schooljaar", f"de telling voor {sj} is al vastgelegd")
    if fouten:
        raise ValidationError(fouten)
    telling = RecTelling(
        rec=rec, schooljaar=str(sj), leerlingen=leerlingen, ambulant_begeleid=ambulant_begeleid,
        vastgelegd_door=door, vastgelegd_op=nu(),
    )  # fmt: skip
    telling.save()
    _audit_rec(door, grond, "rec_telling", telling.pk, f"leerlingtelling {sj} vastgelegd")
    return telling


def _fre(waarde: object, veld: str, fouten: Fouten) -> Decimal | None:
    try:
        getal = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        _fout(fouten, veld, "verwacht een aantal fre, bv. 12.5")
        return None
    if getal < 0 or not getal.is_finite():
        _fout(fouten, veld, "een formatie is 0 of meer fre")
        return None
    return getal


@transaction.atomic
def formatie_vastleggen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    school: Organisatie,
    schooljaar: Schooljaar | str,
    basis_fre: object,
    huidig_fre: object,
) -> Formatieopgave:
    """Leg de formatie van een school van het REC vast: in het basisjaar (de nulmeting) en
    in het schooljaar (004, 'Formatiegarantieregeling')."""
    grond = _vereis_rec(door, rec)
    sj = _schooljaar(schooljaar)
    fouten: Fouten = {}
    if school.soort != Organisatiesoort.SCHOOL or school.rec_id != rec.pk:
        _fout(fouten, "school", f"kies een school die deelneemt in {rec}")
    basis = _fre(basis_fre, "basis_fre", fouten)
    huidig = _fre(huidig_fre, "huidig_fre", fouten)
    if Formatieopgave.objects.filter(school=school, schooljaar=str(sj)).exists():
        _fout(fouten, "schooljaar", f"de formatie van {school} voor {sj} is al vastgelegd")
    if fouten:
        raise ValidationError(fouten)
    assert basis is not None and huidig is not None
    opgave = Formatieopgave(
        rec=rec, school=school, schooljaar=str(sj), basis_fre=basis, huidig_fre=huidig,
        vastgelegd_door=door, vastgelegd_op=nu(),
    )  # fmt: skip
    opgave.save()
    _audit_rec(door, grond, "formatieopgave", opgave.pk, f"formatie {school.brin} {sj} vastgelegd")
    return opgave


def formatiegarantie_berekenen(
    *, rec: Organisatie, schooljaar: Schooljaar
) -> kernrec.Formatiegarantie:
    """De formatiegarantie van het REC uit de vastgelegde formatie (regelkern)."""
    opgaven = Formatieopgave.objects.filter(rec=rec, schooljaar=str(schooljaar)).select_related(
        "school"
    )
    scholen = [
        kernrec.SchoolFormatie(school=o.school.brin, basis=o.basis_fre, huidig=o.huidig_fre)
        for o in opgaven.order_by("school__brin")
    ]
    if not scholen:
        raise ValidationError(
            {"schooljaar": f"er is voor {schooljaar} nog geen formatie van de scholen vastgelegd"}
        )
    return kernrec.formatiegarantie(standaard_regeling(), schooljaar, scholen)


@transaction.atomic
def formatiegarantie_toedelen(
    *,
    door: Gebruiker,
    rec: Organisatie,
    schooljaar: Schooljaar | str,
    toedeling: Mapping[str, object],
    gemeld_op: date | None = None,
) -> Garantietoedeling:
    """Het REC verdeelt de formatiegarantie over zijn scholen en meldt dat aan de
    bekostigingsinstantie (004). ``toedeling``: BRIN -> fre; de delen tellen exact op tot
    de garantie (controle door de regelkern, :func:`verdeel_formatiegarantie`)."""
    grond = _vereis_rec(door, rec)
    sj = _schooljaar(schooljaar)
    garantie = formatiegarantie_berekenen(rec=rec, schooljaar=sj)
    fouten: Fouten = {}
    delen: dict[str, Decimal] = {}
    for brin, fre in toedeling.items():
        getal = _fre(fre, f"toedeling[{brin}]", fouten)
        if getal is not None:
            delen[str(brin)] = getal
    if fouten:
        raise ValidationError(fouten)
    if not garantie.heeft_garantie:
        raise ValidationError(
            {"toedeling": f"het REC heeft in {sj} geen formatiegarantie: er is niets toe te delen"}
        )
    try:
        verdeeld = kernrec.verdeel_formatiegarantie(garantie, delen)
    except OngeldigeInvoer as e:
        raise ValidationError({e.veld: str(e)}) from None
    scholen = {
        o.brin: o for o in Organisatie.objects.filter(rec=rec, soort=Organisatiesoort.SCHOOL)
    }
    record = Garantietoedeling(
        rec=rec, schooljaar=str(sj), garantie_fre=garantie.garantie,
        gemeld_op=gemeld_op or vandaag(), gemeld_door=door, aangemaakt_op=nu(),
    )  # fmt: skip
    record.save()
    GarantietoedelingRegel.objects.bulk_create(
        [
            GarantietoedelingRegel(toedeling=record, school=scholen[b], fre=f)
            for b, f in verdeeld.per_school
        ]
    )
    _audit_rec(
        door, grond, "garantietoedeling", record.publiek_id,
        f"formatiegarantie {sj} ({garantie.garantie} fre) toegedeeld en gemeld",
    )  # fmt: skip
    return record


# --- besteding -------------------------------------------------------------------------------


def _bestedingsgrond(
    door: Gebruiker, leerling: Leerling, ab: bool
) -> tuple[toegang.Toegangsgrond, Organisatie, Organisatie | None]:
    """Wie namens wie besteedt: (grond, school van de leerling, AB-verzorger of None).

    Het schooldeel besteedt de school (directie of intern begeleider); het AB-deel de
    AB-verzorger die het volgens het grootboek ontving, niet de school (000, 001; I-57)."""
    if not ab:
        grond = toegang.vereis(
            toegang.wijziggrond(door, leerling),
            wat="de besteding van de rugzak van deze leerling",
            nodig="de rol directie of intern begeleider bij de school van de leerling; het "
            "AB-deel legt de AB-verzorger vast (I-57)",
        )
        if grond.organisatie_id is None:  # pragma: no cover - een schoolrol heeft een school
            raise GeenToegang("de besteding", nodig="een schoolrol")
        return grond, Organisatie.objects.get(pk=grond.organisatie_id), None
    gevonden = rechten.ab_verzorgergrond(door, leerling.pk)
    if gevonden is None:
        raise GeenToegang(
            "de besteding van het AB-deel van de rugzak van deze leerling",
            nodig="de rol coördinator AB (of directie van de (v)so-school) bij de AB-verzorger "
            "die volgens het grootboek de AB-delen voor deze leerling ontving: het AB-deel "
            "wordt bij het REC besteed, niet door de school (000, 001; I-57)",
        )
    grond, verzorger_id = gevonden
    melding = (
        Melding.objects.filter(leerling=leerling, status=Meldingstatus.GEACCEPTEERD)
        .select_related("school")
        .order_by("-id")
        .first()
    )
    if melding is None:
        raise ValidationError(
            {"leerling": "deze leerling heeft geen verwerkte melding, dus geen rugzak"}
        )
    return grond, melding.school, Organisatie.objects.get(pk=verzorger_id)


def _centen(bedrag: Decimal) -> int:
    return int(bedrag.scaleb(2))


def _ontvangsttoets(
    *,
    leerling: Leerling,
    schooljaar: Schooljaar,
    besteder: Organisatie,
    ab: bool,
    onderdeel: Onderdeel,
    bedrag: Decimal,
    reden: str = "",
) -> Ontvangsttoets:
    """Vergelijk een besteding met wat ``besteder`` in het schooljaar voor deze leerling
    ontving (grootboek) en al besteedde; de vergelijking is de regelkern (I-56)."""
    centen_per_deel = dict(
        Grootboekregel.objects.filter(
            leerling=leerling,
            ontvanger=besteder,
            maand__gte=schooljaar.begin,
            maand__lte=schooljaar.einde,
        )
        .values_list("deel")
        .annotate(s=Sum("bedrag_centen"))
        .order_by()
    )
    eerder = Besteding.objects.filter(leerling=leerling, schooljaar=str(schooljaar))
    eerder = (
        eerder.filter(ab_verzorger=besteder)
        if ab
        else eerder.filter(school=besteder, ab_verzorger__isnull=True)
    )
    besteed = {
        o: _centen(s or Decimal(0))
        for o, s in eerder.values_list("onderdeel").annotate(s=Sum("bedrag")).order_by()
    }
    return toets_tegen_ontvangen(
        onderdeel=onderdeel,
        bedrag_centen=_centen(bedrag),
        ontvangen_centen=ontvangen_per_onderdeel(centen_per_deel),
        besteed_centen=besteed,
        reden=reden,
    )


@transaction.atomic
def besteding_vastleggen(
    *,
    door: Gebruiker,
    leerling: Leerling,
    schooljaar: Schooljaar | str,
    soort: str,
    omschrijving: str,
    bedrag: object,
    ouders_akkoord_op: date | None,
    handelingsplan: str = "",
    reden_overschrijding: str = "",
) -> Besteding:
    """Leg vast waaraan de rugzak van ``leerling`` wordt besteed (000, 001).

    Alleen onderwijsgerelateerde besteding: zorg wordt geweigerd met de reden dat zorg bij
    een persoonsgebonden budget hoort (000). Het akkoord van de ouders, zoals het
    handelingsplan het vastlegt, is verplicht (001 'Leerlinggebonden'). Het schooldeel
    legt de school vast, het AB-deel de AB-verzorger die het ontving (I-57). Een besteding
    boven wat de besteder voor dit onderdeel in het schooljaar ontving, vraagt een
    uitdrukkelijke ``reden_overschrijding`` (regelkern: ``toets_tegen_ontvangen``; I-56);
    de reden staat op de besteding en in de auditregel.
    """
    voorlopig: Bestedingsbeoordeling | None = None
    with contextlib.suppress(OngeldigeInvoer):
        voorlopig = beoordeel_besteding(soort)
    ab = voorlopig is not None and voorlopig.onderdeel is Onderdeel.AMBULANTE_BEGELEIDING
    grond, school, verzorger = _bestedingsgrond(door, leerling, ab)
    besteder = verzorger if verzorger is not None else school
    # één besteding tegelijk per leerling: twee gelijktijdige zouden dezelfde ruimte zien
    Leerling.objects.select_for_update().filter(pk=leerling.pk).first()
    fouten: Fouten = {}
    sj: Schooljaar | None = None
    try:
        sj = _schooljaar(schooljaar)
    except ValidationError as e:
        for veld, teksten in e.message_dict.items():
            for t in teksten:
                _fout(fouten, veld, t)
    beoordeling = voorlopig
    if beoordeling is None:
        _fout(fouten, "soort", f"onbekende soort; toegestaan: {', '.join(Bestedingssoort.codes())}")
    elif not beoordeling.toegestaan:
        bronnen = "; ".join(b.citeer() for b in beoordeling.uitleg.bronnen())
        _fout(fouten, "soort", f"{'; '.join(beoordeling.redenen)} ({bronnen})")
    if not omschrijving.strip():
        _fout(fouten, "omschrijving", "beschrijf de besteding (wat, hoeveel uur of welk middel)")
    bedrag_ok = True
    try:
        bedrag_d = Decimal(str(bedrag))
        if (
            not bedrag_d.is_finite()
            or bedrag_d <= 0
            or bedrag_d != bedrag_d.quantize(Decimal("0.01"))
        ):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        _fout(fouten, "bedrag", "een bedrag in euro's, groter dan 0, hoogstens twee decimalen")
        bedrag_d = Decimal(0)
        bedrag_ok = False
    if ouders_akkoord_op is None:
        _fout(
            fouten,
            "ouders_akkoord_op",
            "het akkoord van de ouders ontbreekt: de inzet van de rugzak wordt met de ouders "
            "afgesproken en in het handelingsplan vastgelegd (001 'Leerlinggebonden')",
        )
    elif ouders_akkoord_op > vandaag():
        _fout(fouten, "ouders_akkoord_op", "ligt in de toekomst")
    if (
        verzorger is None
        and not Melding.objects.filter(
            leerling=leerling, school=school, status=Meldingstatus.GEACCEPTEERD
        ).exists()
    ):
        _fout(
            fouten,
            "leerling",
            f"deze leerling heeft bij {school} geen verwerkte melding, dus geen rugzak",
        )
    toets: Ontvangsttoets | None = None
    if (
        sj is not None
        and bedrag_ok
        and beoordeling is not None
        and beoordeling.onderdeel is not None
    ):
        toets = _ontvangsttoets(
            leerling=leerling, schooljaar=sj, besteder=besteder, ab=ab,
            onderdeel=beoordeling.onderdeel, bedrag=bedrag_d, reden=reden_overschrijding,
        )  # fmt: skip
        if not toets.toegestaan:
            _fout(fouten, "reden_overschrijding", weigerreden(toets))
    if fouten:
        raise ValidationError(fouten)
    assert beoordeling is not None and beoordeling.onderdeel is not None and sj is not None
    assert ouders_akkoord_op is not None and toets is not None
    besteding = Besteding(
        leerling=leerling, school=school, ab_verzorger=verzorger, schooljaar=str(sj), soort=soort,
        onderdeel=beoordeling.onderdeel.value, omschrijving=omschrijving.strip(), bedrag=bedrag_d,
        ouders_akkoord_op=ouders_akkoord_op, handelingsplan=handelingsplan.strip(),
        overschrijding_centen=toets.overschrijding_centen,
        overschrijding_reden=toets.reden if toets.overschrijdt else "",
        vastgelegd_door=door, vastgelegd_op=nu(),
    )  # fmt: skip
    besteding.save()
    velden = ["soort", "omschrijving", "bedrag", "ouders_akkoord_op", "handelingsplan"]
    overschrijding = ""
    if toets.overschrijdt:
        velden.append("overschrijding_reden")
        overschrijding = (
            f"; EUR {besteding.overschrijding} boven wat ontvangen is (I-56), reden: {toets.reden}"
        )
    door_wie = f" door AB-verzorger {verzorger} (I-57)" if verzorger is not None else ""
    audit_registreer(
        gebruiker=door,
        actie=Actie.AANMAKEN,
        objecttype="besteding",
        object_id=besteding.publiek_id,
        leerling_publiek_id=leerling.publiek_id,
        rol=grond.rol,
        organisatie_id=grond.organisatie_id,
        reden=(
            f"besteding {soort} ({beoordeling.onderdeel.omschrijving}) {sj} vastgelegd"
            f"{door_wie} ({'; '.join(b.citeer() for b in beoordeling.uitleg.bronnen())})"
            f"{overschrijding}"
        ),
        velden=velden,
    )
    return besteding
