"""De begrippen van de regeling: schoolsoorten, clusters, onderwijssoorten, budgetdelen.

Elke opsomming draagt de waarde die in de databestanden en de CLI wordt gebruikt
(kleine letters, ASCII) en een Nederlandse omschrijving voor mensen.
"""

from __future__ import annotations

from enum import Enum
from typing import Self


class _Begrip(str, Enum):  # noqa: UP042 - eigen __new__ met omschrijving
    """Een begrip met een vaste code (de waarde) en een leesbare omschrijving."""

    omschrijving: str

    def __new__(cls, code: str, omschrijving: str) -> _Begrip:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.omschrijving = omschrijving
        return obj

    def __str__(self) -> str:
        return str.__str__(self)

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)

    @classmethod
    def van_code(cls, code: str, *, veld: str) -> Self:
        """Zoek een begrip op zijn code; een onbekende code geeft een fout die de
        toegestane codes noemt."""
        from rugzak.regeling.fouten import OngeldigeInvoer

        for lid in cls:
            if lid.value == code:
                return lid
        raise OngeldigeInvoer(veld, code, toegestaan=cls.codes())


class Schoolsoort(_Begrip):
    """Soort school waar een leerling is ingeschreven (001, tabelkoppen; 004)."""

    BAO = ("bao", "basisonderwijs")
    SBAO = ("sbao", "speciaal basisonderwijs")
    VO = ("vo", "voortgezet onderwijs")
    MBO = ("mbo", "middelbaar beroepsonderwijs")
    SO = ("so", "speciaal onderwijs")
    VSO = ("vso", "voortgezet speciaal onderwijs")

    @property
    def is_regulier(self) -> bool:
        """Regulier in de zin van LGF: alles behalve (v)so (003, laatste punt RAB;
        (s)bao valt onder de WPO en heeft eigen LGF-tabellen in 001)."""
        return bool(self not in (Schoolsoort.SO, Schoolsoort.VSO))


class Cluster(_Begrip):
    """De vier clusters van het speciaal onderwijs (000, 'Verschillende clusters')."""

    C1 = ("1", "cluster 1: visueel gehandicapt")
    C2 = ("2", "cluster 2: auditief en communicatief gehandicapt")
    C3 = ("3", "cluster 3: lichamelijk en/of verstandelijk gehandicapt, langdurig ziek")
    C4 = ("4", "cluster 4: gedragsproblemen en/of psychiatrische problematiek")


class Onderwijssoort(_Begrip):
    """De onderwijssoort waarvoor de CvI een leerling toelaatbaar verklaart (001 tabelrijen)."""

    DOOF = ("doof", "doof")
    SLECHTHOREND = ("sh", "slechthorend")
    ESM = ("esm", "ernstige spraakmoeilijkheden")
    LG = ("lg", "lichamelijk gehandicapt")
    LZ = ("lz", "langdurig ziek met een lichamelijke handicap")
    ZML = ("zml", "zeer moeilijk lerend")
    MG_DOOF_ZML = ("mg_doof_zml", "meervoudig gehandicapt: doof en zeer moeilijk lerend")
    MG_DOOF_BLIND = ("mg_doof_blind", "meervoudig gehandicapt: doof en blind")
    MG_SH_ZML = ("mg_sh_zml", "meervoudig gehandicapt: slechthorend en zeer moeilijk lerend")
    MG_LG_ZML = ("mg_lg_zml", "meervoudig gehandicapt: lichamelijk gehandicapt en zml")
    CLUSTER4 = ("cl4", "gedragsproblemen en/of psychiatrische problematiek")
    BLIND = ("blind", "blind")
    SLECHTZIEND = ("slechtziend", "slechtziend")

    @property
    def cluster(self) -> Cluster:
        return _CLUSTER_VAN[self]

    @property
    def is_meervoudig(self) -> bool:
        return str(self.value).startswith("mg_")


_CLUSTER_VAN: dict[Onderwijssoort, Cluster] = {
    Onderwijssoort.DOOF: Cluster.C2,
    Onderwijssoort.SLECHTHOREND: Cluster.C2,
    Onderwijssoort.ESM: Cluster.C2,
    Onderwijssoort.LG: Cluster.C3,
    Onderwijssoort.LZ: Cluster.C3,
    Onderwijssoort.ZML: Cluster.C3,
    # 001 zet alle vier mg-combinaties onder "cluster 3"; zie interpretatie I-06.
    Onderwijssoort.MG_DOOF_ZML: Cluster.C3,
    Onderwijssoort.MG_DOOF_BLIND: Cluster.C3,
    Onderwijssoort.MG_SH_ZML: Cluster.C3,
    Onderwijssoort.MG_LG_ZML: Cluster.C3,
    Onderwijssoort.CLUSTER4: Cluster.C4,
    Onderwijssoort.BLIND: Cluster.C1,
    Onderwijssoort.SLECHTZIEND: Cluster.C1,
}


class VoVariant(_Begrip):
    """VO-tabel 001: het schooldeel verschilt voor PRO/LWOO en overig VO."""

    PRO_LWOO = ("pro_lwoo", "praktijkonderwijs of leerwegondersteunend onderwijs")
    OVERIG = ("overig", "overig voortgezet onderwijs")


class MboNiveau(_Begrip):
    """Mbo-kwalificatieniveau; 001 kent twee kolommen voor het instellingsdeel."""

    ASSISTENT = ("assistent", "niveau 1: assistentopleiding")
    BASIS = ("basis", "niveau 2: basisberoepsopleiding")
    VAK = ("vak", "niveau 3: vakopleiding")
    MIDDEN = ("midden", "niveau 4: middenkaderopleiding")
    SPECIALIST = ("specialist", "niveau 4: specialistenopleiding")

    @property
    def niveaugroep(self) -> MboNiveaugroep:
        if self in (MboNiveau.ASSISTENT, MboNiveau.BASIS):
            return MboNiveaugroep.ASSISTENT_BASIS
        return MboNiveaugroep.VAK_MIDDEN_SPECIALIST


class MboNiveaugroep(_Begrip):
    """De twee kolommen 'assistent en basis' en 'vak, midden en specialist' (001)."""

    ASSISTENT_BASIS = ("assistent_basis", "assistent en basis")
    VAK_MIDDEN_SPECIALIST = ("vak_midden_specialist", "vak, midden en specialist")


class Leerweg(_Begrip):
    """Mbo-leerweg. 001 prijst 'voltijds' en 'deeltijds'; zie interpretatie I-08."""

    BOL_VOLTIJD = ("bol_voltijd", "beroepsopleidende leerweg, voltijd")
    BOL_DEELTIJD = ("bol_deeltijd", "beroepsopleidende leerweg, deeltijd")
    BBL = ("bbl", "beroepsbegeleidende leerweg")

    @property
    def mbo_tijd(self) -> MboTijd:
        return MboTijd.VOLTIJD if self is Leerweg.BOL_VOLTIJD else MboTijd.DEELTIJD


class MboTijd(_Begrip):
    VOLTIJD = ("voltijd", "voltijds")
    DEELTIJD = ("deeltijd", "deeltijds")


class Ontvanger(_Begrip):
    """Wie een deel van het budget ontvangt (001, 'Betaling')."""

    SCHOOL = ("school", "school of instelling waar de leerling is ingeschreven")
    AB_VERZORGER = (
        "ab_verzorger",
        "(v)so-school of REC-dienst die de ambulante begeleiding verzorgt",
    )


class Budgetdeel(_Begrip):
    """Een deel van het leerlinggebonden budget of van de bijzondere bekostiging."""

    SCHOOL_PERSONEEL = ("school_personeel", "school: personele deel (formatie-uitbreiding)")
    SCHOOL_MATERIEEL = ("school_materieel", "school: materiële deel (materiële instandhouding)")
    SCHOOL_PERSONEEL_MATERIEEL = (
        "school_personeel_materieel",
        "school: personeel en materieel deel (één bedrag)",
    )
    AB_PERSONEEL = ("ab_personeel", "ambulante begeleiding: personele deel")
    AB_MATERIEEL = ("ab_materieel", "ambulante begeleiding: materiële deel")
    ZML_PERSONEEL = ("zml_personeel", "aanvullend bedrag zml vanaf groep 3: personeel")
    ZML_MATERIEEL = ("zml_materieel", "aanvullend bedrag zml vanaf groep 3: materieel")
    CLUSTER1_PERSONEEL = ("cluster1_personeel", "bijzondere bekostiging cluster 1: personeel")
    CLUSTER1_MATERIEEL = ("cluster1_materieel", "bijzondere bekostiging cluster 1: materiaal")
    CLUSTER1 = ("cluster1", "bijzondere bekostiging cluster 1: één bedrag")

    @property
    def ontvanger(self) -> Ontvanger:
        if self in (Budgetdeel.AB_PERSONEEL, Budgetdeel.AB_MATERIEEL):
            return Ontvanger.AB_VERZORGER
        return Ontvanger.SCHOOL

    @property
    def is_zml_aanvulling(self) -> bool:
        return self in (Budgetdeel.ZML_PERSONEEL, Budgetdeel.ZML_MATERIEEL)

    @property
    def hoofddeel(self) -> Budgetdeel:
        """Het deel van de rugzak waar dit deel bij hoort: de zml-aanvulling bij het
        personele of materiële schooldeel, elk ander deel bij zichzelf."""
        if self is Budgetdeel.ZML_PERSONEEL:
            return Budgetdeel.SCHOOL_PERSONEEL
        if self is Budgetdeel.ZML_MATERIEEL:
            return Budgetdeel.SCHOOL_MATERIEEL
        return self


class Regelingsoort(_Begrip):
    """Onder welke regeling een bedrag valt."""

    LGF = ("lgf", "leerlinggebonden financiering")
    CLUSTER1 = ("cluster1", "bijzondere bekostiging visueel gehandicapten (geen LGF)")
