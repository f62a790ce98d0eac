"""Demogegevens voor meldingen en betalingen: een tijdlijn van augustus 2009 tot de
peildatum (15 maart 2012), in volgorde van de datums afgespeeld door de services.

- Meldingen voor de leerlingen op reguliere scholen met een indicatie. Heeft een leerling
  nog geen indicatie (de indicatiestap van een ander onderdeel kan er al een gemaakt
  hebben), dan maakt deze stap er een als rij, met de geldigheid uit de regelkern.
  Vier eigen leerlingen 'van het eerste uur' (cluster 3, basisonderwijs, sinds 2009)
  maken het schooljaar 2009-2010 en de zml-gevallen zeker.
- Elke toestand: ontvangen (nog niet beoordeeld), geaccepteerd, geweigerd (en opnieuw
  ingediend), onvolledige indieningen; terugmeldingen op tijd, te laat (met correcties in
  het grootboek), een die nog openstaat, een verlopen termijn zonder terugmelding, een
  wijziging van de basisgegevens; zml-aanvragen (toegekend, ontvangen) en een
  terugplaatsing naar groep 2.
- Betaalruns voor elke maand van augustus 2009 tot en met maart 2012: 2009-2010 (alleen
  cluster 3 in het primair onderwijs is geprijsd), 2010-2011 als zichtbare leemte (geen
  tarieven in de bronnen), 2011-2012 tot en met maart (de maand van de peildatum).
- REC-tellingen (2003-2005 berekenbaar, 2011-2012 zonder bron), formatie en een
  toedeling van de formatiegarantie; bestedingen van de rugzak met akkoord van de ouders.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError

from rugzak.betalingen import services as betalingen
from rugzak.demo import namen
from rugzak.demo.opbouw import SCHOLEN, DemoContext, registreer_stap
from rugzak.indicaties.models import Indicatie
from rugzak.leerlingen.models import Inschrijving, Leerling
from rugzak.leerlingen.services import inschrijving_beeindig, leerling_inschrijven
from rugzak.meldingen import services as meldingen
from rugzak.meldingen.models import Melding, Terugmeldingsoort
from rugzak.organisaties.models import Organisatie, Rol
from rugzak.organisaties.rollen import Roltype
from rugzak.regeling.begrippen import Onderwijssoort, Schoolsoort
from rugzak.regeling.laden import standaard_regeling
from rugzak.regeling.regels.indicatie import indicatie_geldigheid
from rugzak.regeling.tijd import Maand, Schooljaar

STAP = "meldingen-en-betalingen"
EERSTE_RUN = Maand(2009, 8)

#: Onderwijssoorten die de demo zelf kiest voor een nieuwe indicatie, per schoolsoort
#: (alleen combinaties die 001 voor 2011-2012 prijst).
KEUZE: dict[str, tuple[str, ...]] = {
    "bao": ("zml", "lg", "lz", "cl4", "cl4", "sh", "esm", "doof", "mg_lg_zml"),
    "sbao": ("cl4", "cl4", "zml", "lz", "esm"),
    "vo": ("cl4", "cl4", "lg", "lz", "sh", "zml"),
    "mbo": ("cl4", "lz", "sh", "esm"),
}


@dataclass
class Tijdlijn:
    """Gebeurtenissen op datum; een betaalrun op de eerste van de maand gaat na alles van
    die dag of eerder."""

    stappen: list[tuple[date, int, int, Callable[[], object]]] = field(default_factory=list)

    def op(self, dag: date, actie: Callable[[], object], *, volgorde: int = 0) -> None:
        self.stappen.append((dag, volgorde, len(self.stappen), actie))

    def speel_af(self) -> None:
        for _, _, _, actie in sorted(self.stappen, key=lambda s: s[:3]):
            actie()


def _soort(code: str) -> Onderwijssoort:
    return next(o for o in Onderwijssoort if o.value == code)


def _cluster(onderwijssoort: str) -> str:
    return str(_soort(onderwijssoort).cluster.value)


def _nieuwe_indicatie(
    ctx: DemoContext, leerling: Leerling, onderwijssoort: str, indicatiedatum: date
) -> Indicatie:
    """Een indicatie als rij (zoals de beslisservice van de indicatiezaak haar maakt),
    met de geldigheid uit de regelkern en een CvI-nummer in dezelfde vorm."""
    cvi = ctx.organisaties[f"rec{_cluster(onderwijssoort)}-cvi"]
    geldigheid = indicatie_geldigheid(
        standaard_regeling(),
        onderwijssoort=_soort(onderwijssoort),
        indicatiedatum=indicatiedatum,
    )
    voorvoegsel = f"C{_cluster(onderwijssoort)}-{cvi.pk:03d}-{indicatiedatum.year}-"
    volgnummer = Indicatie.objects.filter(cvi_nummer__startswith=voorvoegsel).count() + 1
    while Indicatie.objects.filter(cvi_nummer=f"{voorvoegsel}{volgnummer:05d}").exists():
        volgnummer += 1
    return Indicatie.objects.create(
        leerling=leerling,
        cvi=cvi,
        cvi_nummer=f"{voorvoegsel}{volgnummer:05d}",
        indicatiedatum=indicatiedatum,
        onderwijssoort=onderwijssoort,
        einddatum=geldigheid.einddatum,
        herindicatie_op=geldigheid.herindicatie_op,
    )


@dataclass
class Kandidaat:
    leerling: Leerling
    sleutel: str
    school: Organisatie
    inschrijving: Inschrijving
    indicatie: Indicatie

    @property
    def schoolsoort(self) -> str:
        return self.school.schoolsoort


def _formulier(
    ctx: DemoContext, rng: random.Random, k: Kandidaat, meldingsdatum: date
) -> dict[str, object]:
    ind = k.indicatie
    gegevens: dict[str, object] = {
        "inschrijvingsdatum": k.inschrijving.van.isoformat(),
        "schoolsoort": k.schoolsoort,
        "cvi_nummer": ind.cvi_nummer,
        "indicatiedatum": ind.indicatiedatum.isoformat(),
        "onderwijssoort": ind.onderwijssoort,
        "ab_verzorger": ctx.organisaties[f"rec{_cluster(ind.onderwijssoort)}-ab"].pk,
    }
    jaren_terug = ctx.schooljaar.beginjaar - Maand.van_datum(meldingsdatum).schooljaar.beginjaar
    if k.schoolsoort in (Schoolsoort.BAO.value, Schoolsoort.SBAO.value):
        gegevens["groep"] = max(1, (k.inschrijving.groep or 1) - jaren_terug)
    else:
        gegevens["leerjaar"] = max(1, (k.inschrijving.leerjaar or 1) - jaren_terug)
    if k.schoolsoort == Schoolsoort.VO.value:
        gegevens["vo_variant"] = rng.choice(["overig", "overig", "pro_lwoo"])
    if k.schoolsoort == Schoolsoort.MBO.value:
        gegevens["mbo_niveau"] = rng.choice(["basis", "vak", "midden"])
        gegevens["leerweg"] = "bol_voltijd"
    if ind.vorige_id is not None:
        gegevens["herindicatie"] = True
        gegevens["vorig_cvi_nummer"] = ind.vorige.cvi_nummer if ind.vorige else ""
    return gegevens


def _eigen_leerlingen(ctx: DemoContext, rng: random.Random) -> list[tuple[str, Leerling]]:
    """Vier leerlingen op reguliere basisscholen, ingeschreven sinds 2007-2009."""
    opzet = [
        ("dewieken", date(2007, 8, 20), 5, date(2003, 5, 14)),
        ("deakker", date(2007, 8, 21), 5, date(2003, 2, 3)),
        ("hetkompas", date(2009, 8, 17), 3, date(2005, 6, 22)),
        ("deakker", date(2009, 8, 18), 3, date(2005, 9, 9)),
    ]
    uit = []
    for sleutel, van, groep, geboren in opzet:
        _, _, _, _, plaats, _ = SCHOLEN[sleutel]
        tussen, achter = rng.choice(namen.ACHTERNAMEN)
        voornaam, geslacht = rng.choice(namen.VOORNAMEN)
        laag, hoog = namen.PLAATSEN[plaats]
        leerling = leerling_inschrijven(
            door=ctx.schooldirectie[sleutel],
            school=ctx.organisaties[sleutel],
            voornaam=voornaam,
            tussenvoegsel=tussen,
            achternaam=achter,
            geboortedatum=geboren,
            geslacht=geslacht,
            adres=f"{rng.choice(namen.STRATEN)} {rng.randint(1, 180)}",
            postcode=f"{rng.randint(laag, hoog)} {rng.choice(['AB', 'CK', 'EL', 'HN', 'TR'])}",
            woonplaats=plaats,
            van=van,
            groep=groep,
            publiek_id=uuid.UUID(int=rng.getrandbits(128), version=4),
        )
        ctx.school_van_leerling[leerling.publiek_id] = sleutel
        uit.append((sleutel, leerling))
    return uit


def _open_inschrijving(leerling: Leerling, school: Organisatie) -> Inschrijving | None:
    return (
        Inschrijving.objects.filter(leerling=leerling, school=school, tot__isnull=True)
        .order_by("-van")
        .first()
    )


def maak_meldingen_en_betalingen(ctx: DemoContext) -> None:
    rng = ctx.rng(STAP)
    peildatum = ctx.peildatum
    officier = ctx.gebruikers["bekostiging.cfi"]
    officier2 = ctx.gebruikers.get("bekostiging2.cfi", officier)
    regulier = {s.value for s in Schoolsoort if s.is_regulier}
    tijdlijn = Tijdlijn()

    # --- kandidaten: leerlingen op reguliere scholen met (of zonder) indicatie -------------
    kandidaten: list[Kandidaat] = []
    for leerling in ctx.leerlingen:
        sleutel = ctx.school_van_leerling.get(leerling.publiek_id)
        if sleutel is None or SCHOLEN[sleutel][1].value not in regulier:
            continue
        school = ctx.organisaties[sleutel]
        inschrijving = _open_inschrijving(leerling, school)
        if inschrijving is None:
            continue
        indicatie = leerling.indicaties.order_by("-indicatiedatum", "-id").first()
        if indicatie is None:
            if rng.random() < 0.15:
                continue  # niet elke leerling op een reguliere school heeft een rugzak
            soort = rng.choice(KEUZE[school.schoolsoort])
            dag = date(2011, rng.choice([3, 4, 5, 6, 9, 10, 11, 12]), rng.randint(1, 28))
            if rng.random() < 0.1:
                dag = date(2012, rng.choice([1, 2]), rng.randint(1, 28))
            dag = max(dag, inschrijving.van - timedelta(days=rng.randint(20, 90)))
            indicatie = _nieuwe_indicatie(ctx, leerling, soort, dag)
        if _cluster(indicatie.onderwijssoort) == "1":
            continue  # cluster 1: geen LGF (001, 'Visueel gehandicapten')
        kandidaten.append(Kandidaat(leerling, sleutel, school, inschrijving, indicatie))

    eigen = _eigen_leerlingen(ctx, rng)
    eerste_uur: list[Kandidaat] = []
    for (sleutel, leerling), (soort, dag) in zip(
        eigen,
        [
            ("zml", date(2009, 5, 18)),
            ("lg", date(2009, 6, 8)),
            ("zml", date(2011, 5, 9)),
            ("zml", date(2011, 9, 12)),
        ],
        strict=True,
    ):
        school = ctx.organisaties[sleutel]
        ins = _open_inschrijving(leerling, school)
        assert ins is not None
        eerste_uur.append(
            Kandidaat(leerling, sleutel, school, ins, _nieuwe_indicatie(ctx, leerling, soort, dag))
        )

    meldingen_van: dict[int, Melding] = {}

    def indienen(k: Kandidaat, dag: date, *, beoordeel: str = "accepteer") -> None:
        def actie() -> None:
            door = ctx.gebruikers.get(f"ib.{k.sleutel}") or ctx.schooldirectie[k.sleutel]
            m = meldingen.melding_indienen(
                door=door, leerling=k.leerling, school=k.school,
                gegevens=_formulier(ctx, rng, k, dag), meldingsdatum=dag,
            )  # fmt: skip
            if beoordeel == "accepteer":
                m = meldingen.melding_accepteren(
                    door=rng.choice([officier, officier2]), melding=m, versie=m.versie,
                    toelichting="formulier volledig, CvI-nummer bevestigd",
                )  # fmt: skip
                meldingen_van[k.leerling.pk] = m
            elif beoordeel == "weiger":
                meldingen.melding_weigeren(
                    door=officier, melding=m, versie=m.versie,
                    reden="handtekening van het bevoegd gezag ontbreekt op het formulier",
                )  # fmt: skip

        tijdlijn.op(dag, actie)

    def onvolledig(k: Kandidaat, dag: date, weglaten: tuple[str, ...]) -> None:
        def actie() -> None:
            gegevens: dict[str, Any] = {
                veld: waarde
                for veld, waarde in _formulier(ctx, rng, k, dag).items()
                if veld not in weglaten
            }
            try:
                meldingen.melding_indienen(
                    door=ctx.schooldirectie[k.sleutel], leerling=k.leerling, school=k.school,
                    gegevens=gegevens, meldingsdatum=dag,
                )  # fmt: skip
            except ValidationError:
                pass  # niet in behandeling genomen; vastgelegd als onvolledige indiening
            else:  # pragma: no cover - de demo laat bewust velden weg
                raise AssertionError("een onvolledige melding werd geaccepteerd")

        tijdlijn.op(dag, actie)

    # --- meldingen ------------------------------------------------------------------------
    gemeld: list[Kandidaat] = []
    meldingsdag: dict[int, date] = {}
    for i, k in enumerate(kandidaten):
        basis = max(k.indicatie.indicatiedatum, k.inschrijving.van)
        dag = basis + timedelta(days=rng.randint(3, 24))
        if dag > peildatum:
            continue
        if dag > peildatum - timedelta(days=14):
            indienen(k, dag, beoordeel="nee")  # nog niet beoordeeld
            continue
        if i % 9 == 4:
            onvolledig(k, basis + timedelta(days=1), ("indicatiedatum", "ab_verzorger"))
        if i % 11 == 7:
            indienen(k, basis + timedelta(days=1), beoordeel="weiger")
            dag += timedelta(days=7)
        indienen(k, dag)
        gemeld.append(k)
        meldingsdag[k.leerling.pk] = dag
    # een onvolledig vo-formulier
    vo = [k for k in gemeld if k.schoolsoort == "vo"]
    if vo:
        onvolledig(vo[0], date(2011, 9, 1), ("vo_variant", "leerjaar"))

    # eerste uur: 2009-2010 betaald (cluster 3, primair onderwijs)
    p1, p2, p3, p4 = eerste_uur
    indienen(p1, date(2009, 7, 6))
    indienen(p2, date(2009, 7, 14))
    onvolledig(p3, date(2011, 6, 14), ("inschrijvingsdatum", "schoolsoort", "groep"))
    indienen(p3, date(2011, 6, 20))
    indienen(p4, date(2011, 10, 3))
    gemeld += [p1, p2, p3, p4]

    # --- zml-aanvragen en terugplaatsing naar groep 2 (003, formulier 66007) ----------------
    def zml(k: Kandidaat, groep_3_per: date, dag: date, *, toekennen: bool) -> None:
        def actie() -> None:
            m = meldingen_van[k.leerling.pk]
            a = meldingen.zml_aanvraag_indienen(
                door=ctx.schooldirectie[k.sleutel], melding=m, groep_3_per=groep_3_per,
                aanvraagdatum=dag,
            )  # fmt: skip
            if toekennen:
                meldingen.zml_aanvraag_toekennen(
                    door=officier, aanvraag=a, versie=a.versie, toelichting="formulier 66007"
                )

        tijdlijn.op(dag, actie)

    zml(p1, date(2009, 8, 24), date(2009, 8, 26), toekennen=True)
    zml(p3, date(2011, 8, 22), date(2011, 9, 5), toekennen=True)
    zml(p4, date(2011, 8, 22), date(2012, 3, 5), toekennen=False)
    tijdlijn.op(
        date(2012, 2, 6),
        lambda: meldingen.terugplaatsing_groep2_melden(
            door=ctx.schooldirectie[p3.sleutel],
            melding=meldingen_van[p3.leerling.pk],
            datum=date(2012, 2, 6),
            gemeld_op=date(2012, 2, 6),
        ),
    )

    # --- terugmeldingen -----------------------------------------------------------------------
    def vertrek(
        k: Kandidaat,
        tot: date,
        *,
        soort: str | None,
        gemeld_op: date | None = None,
        verwerken: bool = True,
    ) -> None:
        def beeindig() -> None:
            inschrijving_beeindig(
                door=ctx.schooldirectie[k.sleutel], inschrijving=k.inschrijving, tot=tot
            )

        tijdlijn.op(tot, beeindig)
        if soort is None or gemeld_op is None:
            return  # geen terugmelding: de termijn verloopt

        def terugmelden() -> None:
            t = meldingen.terugmelding_indienen(
                door=ctx.schooldirectie[k.sleutel], melding=meldingen_van[k.leerling.pk],
                soort=soort, datum=tot + timedelta(days=1), ingediend_op=gemeld_op,
            )  # fmt: skip
            if verwerken:
                meldingen.terugmelding_verwerken(door=officier, terugmelding=t, versie=t.versie)

        tijdlijn.op(gemeld_op, terugmelden)

    # niet het kind van de eerste demo-ouder (ouder.001): dat blijft op school
    oud_genoeg = [
        k for k in gemeld
        if k not in eerste_uur and k.leerling.pk != ctx.leerlingen[0].pk
        and k.inschrijving.van < date(2011, 10, 1) and k.indicatie.indicatiedatum < date(2011, 9, 1)
    ]  # fmt: skip
    rng.shuffle(oud_genoeg)
    per_school: dict[str, list[Kandidaat]] = {}
    for k in oud_genoeg:
        per_school.setdefault(k.sleutel, []).append(k)
    gekozen: list[Kandidaat] = []

    def kies(voorkeur: str | None = None) -> Kandidaat | None:
        lijst = per_school.get(voorkeur, []) if voorkeur else []
        rest = [k for k in lijst + oud_genoeg if k not in gekozen]
        if not rest:
            return None
        gekozen.append(rest[0])
        return rest[0]

    # verlopen: de leerling verliet De Wieken op 19 januari 2012, de terugmelding bleef uit
    # (de eerste demo-login, directie.dewieken, ziet de verlopen termijn)
    wieken = [
        k for k in gemeld
        if k.sleutel == "dewieken" and k not in eerste_uur and k.leerling.pk != ctx.leerlingen[0].pk
        and meldingsdag.get(k.leerling.pk, peildatum) < date(2012, 1, 12)
    ] or [p1]  # fmt: skip
    gekozen.append(wieken[0])
    vertrek(wieken[0], date(2012, 1, 19), soort=None)
    if (v := kies()) is not None:  # op tijd naar het so
        vertrek(
            v,
            date(2011, 11, 25),
            soort=Terugmeldingsoort.UITSCHRIJVING_SO,
            gemeld_op=date(2011, 12, 6),
        )
    if (v := kies()) is not None:  # te laat: correcties in de run van maart
        vertrek(
            v, date(2011, 11, 30), soort=Terugmeldingsoort.UITSCHRIJVING_GEEN_ONDERWIJS,
            gemeld_op=date(2012, 2, 20),
        )  # fmt: skip
    if (v := kies("deakker")) is not None:  # ontvangen, nog niet verwerkt
        vertrek(
            v, date(2012, 2, 29), soort=Terugmeldingsoort.UITSCHRIJVING_SO,
            gemeld_op=date(2012, 3, 8), verwerken=False,
        )  # fmt: skip
    mbo = [k for k in oud_genoeg if k.schoolsoort == "mbo" and k not in gekozen]
    if mbo:  # wijziging van de basisgegevens: van bol voltijd naar bbl
        k = mbo[0]

        def wijzig(k: Kandidaat = k) -> None:
            t = meldingen.terugmelding_indienen(
                door=ctx.schooldirectie[k.sleutel], melding=meldingen_van[k.leerling.pk],
                soort=Terugmeldingsoort.WIJZIGING, datum=date(2012, 1, 2),
                wijzigingen={"leerweg": "bbl"}, ingediend_op=date(2012, 1, 10),
            )  # fmt: skip
            meldingen.terugmelding_verwerken(door=officier2, terugmelding=t, versie=t.versie)

        tijdlijn.op(date(2012, 1, 10), wijzig)

    # --- betaalruns: elke maand op de eerste ----------------------------------------------------
    def run(maand: Maand) -> None:
        betalingen.betaalrun_uitvoeren(door=officier, maand=maand)

    maand = EERSTE_RUN
    while maand <= Maand.van_datum(peildatum):
        tijdlijn.op(maand.eerste_dag, partial(run, maand), volgorde=1)
        maand = maand.volgend()

    tijdlijn.speel_af()

    # --- bestedingen (na de runs: de school ziet wat er binnenkwam) ------------------------------
    soorten = [
        ("klassenassistent", "klassenassistent {u} uur per week", 3200, 6800),
        ("remedial_teacher", "remedial teaching, {u} uur per week", 900, 2400),
        ("leerkrachturen", "extra leerkrachturen voor instructie in kleine groep", 700, 1800),
        ("leermiddelen", "aangepaste leermiddelen en software", 150, 700),
        ("handelingsgericht_onderzoek", "handelingsgericht onderzoek naar de leesaanpak", 400, 900),
        ("ambulante_begeleiding", "ambulante begeleiding volgens het begeleidingsplan", 1500, 3500),
    ]
    for k in gemeld:
        m = meldingen_van.get(k.leerling.pk)
        if m is None or k in gekozen or _open_inschrijving(k.leerling, k.school) is None:
            continue
        for soort, tekst, laag, hoog in rng.sample(soorten, rng.randint(1, 3)):
            door = ctx.gebruikers.get(f"ib.{k.sleutel}") or ctx.schooldirectie[k.sleutel]
            if soort == "ambulante_begeleiding":
                # het AB-deel besteedt de AB-verzorger die het ontving, niet de school (I-57)
                coordinator = (
                    Rol.objects.filter(rol=Roltype.AB_COORDINATOR, organisatie=m.ab_verzorger_id)
                    .select_related("gebruiker")
                    .first()
                )
                if coordinator is None:
                    continue
                door = coordinator.gebruiker
            gegevens: dict[str, Any] = {
                "door": door,
                "leerling": k.leerling,
                "schooljaar": "2011-2012",
                "soort": soort,
                "omschrijving": tekst.format(u=rng.randint(3, 8)),
                "bedrag": f"{rng.randint(laag, hoog)}.00",
                "ouders_akkoord_op": min(
                    peildatum,
                    max(m.meldingsdatum, date(2011, 9, 1)) + timedelta(days=rng.randint(7, 30)),
                ),
                "handelingsplan": f"HP {k.sleutel} 2011-2012",
            }
            try:
                betalingen.besteding_vastleggen(**gegevens)
            except ValidationError as e:
                if "reden_overschrijding" not in e.message_dict:
                    raise
                # meer dan er binnenkwam: met een uitdrukkelijke reden (I-56)
                betalingen.besteding_vastleggen(
                    **gegevens,
                    reden_overschrijding="er wordt bijgelegd uit eigen middelen, zoals in het "
                    "handelings- of begeleidingsplan met de ouders afgesproken",
                )

    # --- REC: telling, formatie, formatiegarantie ------------------------------------------------
    for rec_sleutel, (basis_fre, huidig_fre) in {
        "rec2": ("38.4000", "41.2000"),
        "rec3": ("52.6000", "47.9000"),
        "rec4": ("61.0000", "58.5000"),
    }.items():
        rec = ctx.organisaties[rec_sleutel]
        secretaris = ctx.gebruikers[f"cvi-secretaris.{rec_sleutel}"]
        for schooljaar, leerlingen, ab in (
            ("2003-2004", rng.randint(700, 1400), rng.randint(40, 160)),
            ("2004-2005", rng.randint(700, 1400), rng.randint(40, 160)),
            ("2011-2012", rng.randint(700, 1400), rng.randint(40, 160)),
        ):
            betalingen.rec_telling_vastleggen(
                door=secretaris, rec=rec, schooljaar=schooljaar, leerlingen=leerlingen,
                ambulant_begeleid=ab,
            )  # fmt: skip
        scholen = list(Organisatie.objects.filter(rec=rec, soort="school").order_by("brin"))
        for school in scholen:
            betalingen.formatie_vastleggen(
                door=secretaris, rec=rec, school=school, schooljaar="2004-2005",
                basis_fre=basis_fre, huidig_fre=huidig_fre,
            )  # fmt: skip
        # De formatiegarantie geldt alleen in 2003-2004 en 2004-2005 (interpretatie I-28).
        garantie = betalingen.formatiegarantie_berekenen(rec=rec, schooljaar=Schooljaar(2004))
        if garantie.heeft_garantie and scholen:
            betalingen.formatiegarantie_toedelen(
                door=ctx.gebruikers[f"ab-coordinator.{rec_sleutel}"], rec=rec,
                schooljaar="2004-2005", toedeling={scholen[0].brin: garantie.garantie},
                gemeld_op=date(2004, 10, 14),
            )  # fmt: skip


registreer_stap(STAP, maak_meldingen_en_betalingen)
