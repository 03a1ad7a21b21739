"""Facet counts of the recommendation list: for every filter dimension, how many results
each option would give under all *other* current filters (disjunctive faceting).

With fetched search matches (``AanbevelingFilter.treffers``, at most MAX_TREFFERS ids), the
matches narrowed by the report and the year range are the *core*, and everything else is
one statement (``_kern_gefilterd_en_geteld``): per active dimension the core's values in it
(``_waarden``: the relation both its counts and its filter are about) and the core's
recommendations that pass it, as CTEs; the result set is their intersection; an active
dimension is counted over the core narrowed by the *other* active filters, every other
dimension over the result set; and the result set's ids come back with the counts. No
query searches again.

Otherwise every set is a queryset, with each filter as an EXISTS or IN subquery (advies.
filters), and the dimensions that share a set are counted together (``tel``): the set as a
materialised CTE (or, without any filter, the tables themselves), every dimension an
aggregate over it, joined with UNION ALL.

Either way the responses in sent letters to a set, which five dimensions need, are a CTE
of their own, and only counts travel back. The number of queries depends on which filters
are active, never on the number of results or the page size.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import QuerySet

from advies import zoeken
from advies.filters import (
    FACETFILTERS,
    GEEN_STANDPUNT,
    JA,
    KERNFILTERS,
    NEE,
    STANDPUNTKEUZES,
    AanbevelingFilter,
)
from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from advies.telregels import NIET_TELLENDE_BRIEFSTATUSSEN, Reactiekoppel
from advies.zoeken import IdIn, IdLijst
from programmas.models import Programma, Programmaonderdeel
from reacties.models import (
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
)
from reacties.models import Toezeggingstatus as TS


@dataclass
class Facetoptie:
    waarde: str
    label: str
    aantal: int
    gekozen: bool
    niveau: int = 0  # nesting depth, for the parts of a programme
    html_id: str = ""  # set by the facet

    @property
    def aantal_tekst(self) -> str:
        return str(self.aantal)


# Dimensions that take one value: radio buttons instead of checkboxes.
ENKELVOUDIG = {"nieuwe_toezegging"}


@dataclass
class Facet:
    naam: str  # the query parameter
    titel: str
    opties: list[Facetoptie]
    uitleg: str = ""

    def __post_init__(self) -> None:
        for i, optie in enumerate(self.opties, start=1):
            optie.html_id = f"f-{self.naam}-{i}"

    @property
    def gekozen(self) -> list[Facetoptie]:
        return [o for o in self.opties if o.gekozen]

    @property
    def invoer(self) -> str:
        return "radio" if self.naam in ENKELVOUDIG else "checkbox"

    @property
    def invoerklasse(self) -> str:
        soort = "radio-button" if self.naam in ENKELVOUDIG else "checkbox"
        return f"utrecht-{soort} utrecht-{soort}--html-input"

    @property
    def lang(self) -> bool:
        return len(self.opties) > 12


def _rijen(qs: QuerySet) -> list[tuple]:
    """The rows of a values_list queryset as plain tuples from the cursor: for thousands of
    rows of plain columns, without the ORM's work per row."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- the sets to count in ------------------------------------------------------------------


@dataclass
class Basis:
    """A set of recommendations: a queryset, or ids fetched before (then ``qs`` selects
    exactly those ids)."""

    qs: QuerySet[Aanbeveling]
    ids: IdLijst | None = None
    volledig: bool = False  # every recommendation: no filter at all

    @cached_property
    def aantal(self) -> int:
        """How many: known for fetched ids, counted along with the facets (``tel``), else
        one COUNT query."""
        return len(self.ids) if self.ids is not None else self.qs.order_by().count()

    @classmethod
    def uit_ids(cls, ids: Iterable[int]) -> Basis:
        lijst = IdLijst(ids)
        return cls(Aanbeveling.objects.filter(IdIn("pk", lijst)), lijst)

    def als_sql(self) -> tuple[str, list]:
        """SELECT of the ids of this set, as a column ``id``."""
        if self.ids is not None:
            if connection.vendor == "postgresql":
                return "SELECT unnest(%s::bigint[]) AS id", [self.ids.als_array]
            return "SELECT value AS id FROM json_each(%s)", [self.ids.als_json]
        sql, params = self.qs.order_by().values("pk").query.sql_with_params()
        return f"SELECT q.pk AS id FROM ({sql}) q", list(params)


# Counted options of a dimension: value -> (label, sort key, count).
Telling = dict[str, tuple[str, object, int]]


@dataclass
class Basissen:
    alles: Basis  # every filter
    per_facet: dict[str, Basis]  # every filter except the facet's own
    treffers: zoeken.Zoektreffers | None = None  # the fetched search matches, if any
    geteld: dict[str, Telling] = field(default_factory=dict)  # dimensions counted already


# --- labels and order of the options ---------------------------------------------------------

STANDPUNTLABELS = dict(STANDPUNTKEUZES)
STATUSLABELS = dict(TS.choices)
NIEUWLABELS = {JA: "ja", NEE: "nee"}
_VOLGORDE = {
    "standpunt": {s: i for i, s in enumerate(STANDPUNTLABELS)},
    "toezeggingstatus": {s: i for i, s in enumerate(STATUSLABELS)},
    "nieuwe_toezegging": {JA: 0, NEE: 1},
}


def _optie(dimensie: str, waarde: str, naam: str | None, volgorde: int | None):
    """(label, sort key) of an option, from what its row tells."""
    if dimensie == "bestuurslaag":
        return naam, (volgorde or 0, naam)
    if dimensie == "raad":
        return f"{naam} ({waarde})", waarde.lower()
    if dimensie == "jaar":
        return waarde, -int(waarde)
    if dimensie == "programma":
        return naam, naam.lower()
    if dimensie == "standpunt":
        return STANDPUNTLABELS[waarde], _VOLGORDE[dimensie][waarde]
    if dimensie == "toezeggingstatus":
        return STATUSLABELS[waarde], _VOLGORDE[dimensie][waarde]
    if dimensie == "nieuwe_toezegging":
        return NIEUWLABELS[waarde], _VOLGORDE[dimensie][waarde]
    return waarde, waarde  # onderdeel: labelled from the parts themselves


# --- the sets ---------------------------------------------------------------------------

# The value of a recommendation without any value in the dimension, where that is an option.
LEEG = {"standpunt": GEEN_STANDPUNT, "nieuwe_toezegging": NEE}


def gekozen_waarden(fs: AanbevelingFilter, naam: str) -> set[str]:
    """The chosen options of a dimension as their values in the URL."""
    waarde = fs.waarde(naam)
    if not waarde:
        return set()
    if naam in ("bestuurslaag", "programma"):
        return {o.slug for o in waarde}
    if naam == "raad":
        return {o.afkorting for o in waarde}
    if naam == "onderdeel":
        return {f"{p}:{s}" for p, s in waarde}
    if naam == "nieuwe_toezegging":
        return {waarde}
    return {str(w) for w in waarde}


def _ids(qs: QuerySet[Aanbeveling]) -> set[int]:
    return {pk for (pk,) in _rijen(qs.order_by().values_list("pk"))}


def basissen(fs: AanbevelingFilter, tellen: bool = True) -> Basissen:
    """The result set, and per facet dimension the set it is counted in.

    With fetched search matches: the core (the matches, narrowed by the report and the
    year range), and per active dimension the core's recommendations that pass its
    filter, one query each (the same condition as the filter's, so both ways agree);
    every set is then an intersection of those, made here. Without: querysets."""
    actief = [d for d in FACETFILTERS if fs.is_actief(d)]
    treffers = fs.treffers
    if treffers is None:
        overal = {f for f in (*FACETFILTERS, *KERNFILTERS) if fs.is_actief(f)}
        alles = Basis(fs.gefilterd(), volledig=not overal)
        return Basissen(
            alles,
            {
                d: Basis(fs.gefilterd(zonder={d}), volledig=overal <= {d}) if d in actief else alles
                for d in FACETFILTERS
            },
        )
    kern = treffers.ids
    if any(fs.is_actief(k) for k in KERNFILTERS if k != "q"):
        kern = IdLijst(_ids(fs.gefilterd(zonder=FACETFILTERS)))
    if not actief:
        alles = Basis(Aanbeveling.objects.filter(IdIn("pk", kern)), kern)
        return Basissen(alles, dict.fromkeys(FACETFILTERS, alles), treffers)
    ids, geteld = _kern_gefilterd_en_geteld(fs, kern, actief, tellen)
    alles = Basis.uit_ids(ids)
    return Basissen(alles, dict.fromkeys(FACETFILTERS, alles), treffers, geteld)


def _kern_gefilterd_en_geteld(
    fs: AanbevelingFilter, kern: IdLijst, actief: list[str], tellen: bool
) -> tuple[list[int], dict[str, Telling]]:
    """With fetched matches and active facet filters, in one statement: the result set
    (the core's recommendations that pass every active filter) and, with ``tellen``, every
    facet's counts: an active dimension over the core narrowed by the other active filters,
    the rest over the result set. Per active dimension the core's values (``_waarden``)
    are a CTE, the core's recommendations that pass it another; the sets are intersections
    of those. So the core is looked up once per dimension, not once per filter and once
    more per count."""
    basis_sql, params = Basis(Aanbeveling.objects.none(), kern).als_sql()
    ctes = [f"kern AS {_m()}({basis_sql})"]
    if KETEN & set(actief):
        sql, meer = _reacties_cte(
            "k_kern", "kern x JOIN " + _t(Reactiekoppel) + " ra ON ra.aanbeveling_id = x.id"
        )
        ctes.append(sql)
        params += meer
    for d in actief:
        sql, meer = _waarden(d, "kern", "k_kern")
        ctes.append(f"w_{d} AS {_m()}({sql})")
        params += meer
        gekozen = gekozen_waarden(fs, d)
        leeg = LEEG.get(d)
        delen = []
        if echt := sorted(gekozen - {leeg}):
            delen.append(f"SELECT a AS id FROM w_{d} WHERE w IN ({', '.join(['%s'] * len(echt))})")
            params += echt
        if leeg in gekozen:
            delen.append(f"SELECT id FROM kern WHERE id NOT IN (SELECT a FROM w_{d})")
        ctes.append(f"p_{d} AS {_m()}({' UNION '.join(delen)})")

    def in_alle(kolom: str, dimensies: list[str]) -> str:
        return " AND ".join(f"{kolom} IN (SELECT id FROM p_{e})" for e in dimensies) or "TRUE"

    ctes.append(f"basis AS {_m()}(SELECT id FROM kern WHERE {in_alle('id', actief)})")
    selects: list[str] = []
    if tellen:
        rest = [
            d
            for d in FACETFILTERS
            if d not in actief and (d != "onderdeel" or _programmas_voor_onderdelen(fs))
        ]
        meer_ctes, selects, meer = _delen(rest, klein=True, volledig=False)
        ctes += meer_ctes
        params += meer
        for d in actief:
            andere = [e for e in actief if e != d]
            selects.append(
                f"SELECT '{d}', w, n, v, COUNT(DISTINCT a) FROM w_{d} "
                f"WHERE {in_alle('a', andere)} GROUP BY w, n, v"
            )
            if d in LEEG:
                selects.append(
                    f"SELECT '_zonder_{d}', {_TEKST}, {_TEKST}, {_GETAL}, COUNT(*) FROM kern "
                    f"WHERE {in_alle('id', andere)} AND id NOT IN (SELECT a FROM w_{d})"
                )
    selects.append(f"SELECT '_id', {_TEKST}, {_TEKST}, {_GETAL}, id FROM basis")
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rijen = cursor.fetchall()
    ids = [r[4] for r in rijen if r[0] == "_id"]
    geteld: dict[str, Telling] = {}
    if tellen:
        tellingen = _lees(rijen, [d for d in FACETFILTERS if d not in actief], len(ids))
        geteld.update({d: t for d, t in tellingen.items() if d not in actief})
        for d in actief:
            geteld[d] = {
                w: (*_optie(d, w, n, v), aantal)
                for dimensie, w, n, v, aantal in rijen
                if dimensie == d and w is not None
            }
            if d in LEEG:
                zonder = next(r[4] for r in rijen if r[0] == f"_zonder_{d}")
                geteld[d][LEEG[d]] = (*_optie(d, LEEG[d], None, None), zonder)
    return ids, geteld


# --- counting: one statement per set ---------------------------------------------------------


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _jaar(kolom: str) -> str:
    if connection.vendor == "postgresql":
        return f"to_char({kolom}, 'YYYY')"
    return f"strftime('%%Y', {kolom})"


def _m() -> str:
    """Materialise a CTE (computed once, however often used): explicit on PostgreSQL;
    SQLite (3.35 and later do so by themselves) may predate the keyword."""
    return "MATERIALIZED " if connection.vendor == "postgresql" else ""


# Typed NULLs: the parts of a UNION ALL must agree on every column's type.
_TEKST, _GETAL = "CAST(NULL AS TEXT)", "CAST(NULL AS INTEGER)"
KETEN = {"standpunt", "programma", "onderdeel", "toezeggingstatus", "nieuwe_toezegging"}


def _reacties_cte(naam: str, van_koppels: str) -> tuple[str, list]:
    """CTE ``naam`` (a, r, s): recommendation, response and its stance, for the responses in
    sent letters (not in a section of a letter not sent) to the recommendations of
    ``van_koppels`` (a FROM clause that yields the response–recommendation rows as ra)."""
    plekken = ", ".join(["%s"] * len(NIET_TELLENDE_BRIEFSTATUSSEN))
    return (
        f"{naam} AS {_m()}(SELECT ra.aanbeveling_id AS a, ra.reactie_id AS r, "
        f"re.standpunt AS s FROM {van_koppels} JOIN {_t(Reactie)} re "
        f"ON re.id = ra.reactie_id WHERE NOT EXISTS (SELECT 1 FROM {_t(Sectie)} se "
        f"JOIN {_t(Reactiebrief)} b ON b.id = se.brief_id WHERE se.id = re.sectie_id "
        f"AND b.status IN ({plekken})))",
        list(NIET_TELLENDE_BRIEFSTATUSSEN),
    )


def _waarden(
    dimensie: str, bron: str | None, reacties: str, klein: bool = True
) -> tuple[str, list]:
    """SELECT (a, w, n, v) of the values of one dimension for the recommendations in CTE
    ``bron`` (column id; None: every recommendation): recommendation, value, name, order;
    ``reacties`` is the CTE of their responses (``_reacties_cte``). The relation that both a
    facet's counts and its filter are about: a recommendation passes when one of its values
    is chosen. ``klein``: a small set (see _delen); False for every recommendation
    (advies.facetindex)."""
    geen_naam, geen_volgorde = f"{_TEKST} AS n", f"{_GETAL} AS v"
    lagen, aanbeveling = _t(Aanbeveling.bestuurslagen.through), _t(Aanbeveling)
    # Every recommendation: no join with a set to restrict to (some 100 ms less per
    # dimension at 100,000 recommendations).
    van_lagen = (
        f"{lagen} ab" if bron is None else f"{bron} x JOIN {lagen} ab ON ab.aanbeveling_id = x.id"
    )
    van_aanbevelingen = (
        f"{aanbeveling} a" if bron is None else f"{bron} x JOIN {aanbeveling} a ON a.id = x.id"
    )
    if dimensie == "bestuurslaag":
        return (
            "SELECT ab.aanbeveling_id AS a, bl.slug AS w, bl.naam AS n, "
            "CAST(bl.volgorde AS INTEGER) AS v "
            f"FROM {van_lagen} JOIN {_t(Bestuurslaag)} bl ON bl.id = ab.bestuurslaag_id",
            [],
        )
    if dimensie == "raad":
        return (
            f"SELECT a.id AS a, r.afkorting AS w, r.naam AS n, {geen_volgorde} "
            f"FROM {van_aanbevelingen} JOIN {_t(Advies.raden.through)} ar "
            f"ON ar.advies_id = a.advies_id JOIN {_t(Raad)} r ON r.id = ar.raad_id",
            [],
        )
    if dimensie == "jaar":
        return (
            f"SELECT a.id AS a, {_jaar('ad.publicatiedatum')} AS w, {geen_naam}, {geen_volgorde} "
            f"FROM {van_aanbevelingen} JOIN {_t(Advies)} ad "
            "ON ad.id = a.advies_id WHERE ad.publicatiedatum IS NOT NULL",
            [],
        )
    if dimensie == "standpunt":
        return (
            f"SELECT k.a, k.s AS w, {geen_naam}, {geen_volgorde} FROM {reacties} k WHERE k.s <> ''",
            [],
        )
    koppeling, programma = _t(Programmakoppeling), _t(Programma)
    if dimensie == "programma":
        return (
            f"SELECT k.a, p.slug AS w, p.naam AS n, {geen_volgorde} FROM {reacties} k "
            f"JOIN {koppeling} pk ON pk.reactie_id = k.r JOIN {programma} p "
            "ON p.id = pk.programma_id",
            [],
        )
    if dimensie == "onderdeel":
        return (
            f"SELECT k.a, p.slug || ':' || o.sleutel AS w, {geen_naam}, {geen_volgorde} "
            f"FROM {reacties} k JOIN {koppeling} pk ON pk.reactie_id = k.r "
            f"JOIN {_t(Programmaonderdeel)} o ON o.id = pk.onderdeel_id "
            f"JOIN {programma} p ON p.id = o.programma_id",
            [],
        )
    if dimensie == "toezeggingstatus":
        return (
            f"SELECT k.a, t.status AS w, {geen_naam}, {geen_volgorde} FROM {reacties} k "
            f"{_toezeggingen_per_reactie('k', klein)}",
            [],
        )
    return (  # nieuwe_toezegging: "ja" for a response that commits to something new
        f"SELECT k.a, %s AS w, {geen_naam}, {geen_volgorde} FROM {reacties} k "
        f"WHERE {_nieuw('k', klein)}",
        [JA, Koppelsoort.NIEUW],
    )


def _toezeggingen_per_reactie(k: str, klein: bool = True) -> str:
    """JOIN of the commitments (as t) of the responses in ``k``. For a small set on
    PostgreSQL a LATERAL subquery with "OFFSET 0", so an index lookup per response instead
    of a hash of every commitment (see _delen)."""
    if klein and connection.vendor == "postgresql":
        return (
            f"CROSS JOIN LATERAL (SELECT t.status FROM {_t(Toezegging)} t "
            f"WHERE t.reactie_id = {k}.r OFFSET 0) t"
        )
    return f"JOIN {_t(Toezegging)} t ON t.reactie_id = {k}.r"


def _nieuw(k: str, klein: bool) -> str:
    """Condition: the response ``k``.r commits to something new (one parameter: the kind
    of programme link)."""
    per_rij = " LIMIT 1 OFFSET 0" if klein else ""
    return (
        f"(EXISTS (SELECT 1 FROM {_t(Toezegging)} t WHERE t.reactie_id = {k}.r{per_rij}) "
        f"OR EXISTS (SELECT 1 FROM {_t(Programmakoppeling)} pk WHERE pk.reactie_id = {k}.r "
        f"AND pk.soort = %s{per_rij}))"
    )


def _delen(
    dimensies: Collection[str], klein: bool, volledig: bool
) -> tuple[list[str], list[str], list]:
    """(CTEs, SELECTs, parameters) counting ``dimensies`` over the set in CTE ``basis``
    (``volledig``: over every recommendation, without that CTE). Every SELECT gives:
    dimension, value, name, order, count. ``klein``: the set is a list of fetched ids
    (thousands at most), so an index lookup per row beats hashing a whole table."""
    ctes: list[str] = []
    selects: list[str] = []
    params: list = []
    aanbeveling, lagen, koppels = (
        _t(Aanbeveling),
        _t(Aanbeveling.bestuurslagen.through),
        _t(Reactiekoppel),
    )
    if volledig:
        van_aanbevelingen = f"{aanbeveling} a"
        van_lagen = f"{lagen} ab"
        van_koppels = f"{koppels} ra"
    else:
        van_aanbevelingen = f"basis JOIN {aanbeveling} a ON a.id = basis.id"
        van_lagen = f"basis JOIN {lagen} ab ON ab.aanbeveling_id = basis.id"
        van_koppels = f"basis JOIN {koppels} ra ON ra.aanbeveling_id = basis.id"
    if "bestuurslaag" in dimensies:
        selects.append(
            "SELECT 'bestuurslaag', bl.slug, bl.naam, CAST(bl.volgorde AS INTEGER), COUNT(*) "
            f"FROM {van_lagen} "
            f"JOIN {_t(Bestuurslaag)} bl ON bl.id = ab.bestuurslaag_id "
            "GROUP BY bl.slug, bl.naam, bl.volgorde"
        )
    if {"raad", "jaar"} & set(dimensies):
        # Councils and year belong to the report: count per report once, then add up.
        ctes.append(
            f"per_advies AS {_m()}(SELECT a.advies_id, COUNT(*) AS n "
            f"FROM {van_aanbevelingen} GROUP BY a.advies_id)"
        )
    if "raad" in dimensies:
        selects.append(
            f"SELECT 'raad', r.afkorting, r.naam, {_GETAL}, CAST(SUM(pa.n) AS INTEGER) "
            f"FROM per_advies pa JOIN {_t(Advies.raden.through)} ar ON ar.advies_id = pa.advies_id "
            f"JOIN {_t(Raad)} r ON r.id = ar.raad_id GROUP BY r.afkorting, r.naam"
        )
    if "jaar" in dimensies:
        jaar = _jaar("ad.publicatiedatum")
        selects.append(
            f"SELECT 'jaar', {jaar}, {_TEKST}, {_GETAL}, CAST(SUM(pa.n) AS INTEGER) "
            "FROM per_advies pa "
            f"JOIN {_t(Advies)} ad ON ad.id = pa.advies_id "
            f"WHERE ad.publicatiedatum IS NOT NULL GROUP BY {jaar}"
        )
    if KETEN & set(dimensies):
        sql, meer = _reacties_cte("k", van_koppels)
        ctes.append(sql)
        params += meer
    koppeling, programma = _t(Programmakoppeling), _t(Programma)
    if "standpunt" in dimensies:
        selects.append(
            f"SELECT 'standpunt', k.s, {_TEKST}, {_GETAL}, COUNT(DISTINCT k.a) FROM k "
            "WHERE k.s <> '' GROUP BY k.s"
        )
        selects.append(
            f"SELECT '_met_standpunt', {_TEKST}, {_TEKST}, {_GETAL}, COUNT(DISTINCT k.a) "
            "FROM k WHERE k.s <> ''"
        )
    if "programma" in dimensies:
        selects.append(
            f"SELECT 'programma', p.slug, p.naam, {_GETAL}, COUNT(DISTINCT k.a) FROM k "
            f"JOIN {koppeling} pk ON pk.reactie_id = k.r JOIN {programma} p "
            "ON p.id = pk.programma_id GROUP BY p.slug, p.naam"
        )
    if "onderdeel" in dimensies:
        selects.append(
            f"SELECT 'onderdeel', p.slug || ':' || o.sleutel, {_TEKST}, {_GETAL}, "
            "COUNT(DISTINCT k.a) "
            f"FROM k JOIN {koppeling} pk ON pk.reactie_id = k.r "
            f"JOIN {_t(Programmaonderdeel)} o ON o.id = pk.onderdeel_id "
            f"JOIN {programma} p ON p.id = o.programma_id GROUP BY p.slug, o.sleutel"
        )
    # For a small set, "OFFSET 0" in a subquery stops PostgreSQL from turning it into a
    # hash of the whole table: for a few thousand responses an index lookup each is what is
    # cheap (the query without it runs up to ten times longer); for a large set the hash is.
    if "toezeggingstatus" in dimensies:
        selects.append(
            f"SELECT 'toezeggingstatus', t.status, {_TEKST}, {_GETAL}, COUNT(DISTINCT k.a) FROM k "
            f"{_toezeggingen_per_reactie('k', klein)} GROUP BY t.status"
        )
    if "nieuwe_toezegging" in dimensies:
        selects.append(
            f"SELECT 'nieuwe_toezegging', %s, {_TEKST}, {_GETAL}, COUNT(DISTINCT k.a) FROM k "
            f"WHERE {_nieuw('k', klein)}"
        )
        params += [JA, Koppelsoort.NIEUW]
    return ctes, selects, params


def tel(basis: Basis, dimensies: Collection[str]) -> dict[str, Telling]:
    """Every option of ``dimensies`` with the number of recommendations of ``basis`` that
    have it, in one statement; also sets ``basis.aantal``."""
    ctes, selects, meer = _delen(dimensies, klein=basis.ids is not None, volledig=basis.volledig)
    if basis.volledig:
        params: list = []
        selects.append(
            f"SELECT '_totaal', {_TEKST}, {_TEKST}, {_GETAL}, COUNT(*) FROM {_t(Aanbeveling)}"
        )
    else:
        basis_sql, params = basis.als_sql()
        ctes.insert(0, f"basis AS {_m()}({basis_sql})")
        selects.append(f"SELECT '_totaal', {_TEKST}, {_TEKST}, {_GETAL}, COUNT(*) FROM basis")
    sql = ("WITH " + ", ".join(ctes) + " " if ctes else "") + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *meer])
        rijen = cursor.fetchall()
    totaal = next(r[4] for r in rijen if r[0] == "_totaal")
    basis.__dict__["aantal"] = totaal
    return _lees(rijen, dimensies, totaal)


def _lees(rijen: list[tuple], dimensies: Collection[str], totaal: int) -> dict[str, Telling]:
    """The counts of ``dimensies`` from the rows of a statement made with _delen over a set
    of ``totaal`` recommendations."""
    tellingen: dict[str, Telling] = {d: {} for d in dimensies}
    speciaal: dict[str, int] = {}
    for dimensie, waarde, naam, volgorde, aantal in rijen:
        if dimensie.startswith("_"):
            speciaal[dimensie] = aantal
        elif dimensie in tellingen and waarde is not None:
            tellingen[dimensie][waarde] = (*_optie(dimensie, waarde, naam, volgorde), aantal)
    if "standpunt" in dimensies:
        geen = totaal - speciaal.get("_met_standpunt", 0)
        tellingen["standpunt"][GEEN_STANDPUNT] = (
            *_optie("standpunt", GEEN_STANDPUNT, None, None),
            geen,
        )
    if "nieuwe_toezegging" in dimensies:
        ja = tellingen["nieuwe_toezegging"].get(JA, ("", 0, 0))[2]
        tellingen["nieuwe_toezegging"][NEE] = (
            *_optie("nieuwe_toezegging", NEE, None, None),
            totaal - ja,
        )
    return tellingen


# --- the facets ---------------------------------------------------------------------------

TITELS = {
    "bestuurslaag": ("Bestuurslaag", "Aan wie de aanbeveling is gericht."),
    "standpunt": (
        "Standpunt",
        "Het standpunt van het kabinet in een verzonden reactiebrief; ‘geen standpunt’: "
        "nog geen verzonden reactie met een standpunt.",
    ),
    "raad": ("Adviesraad", ""),
    "jaar": ("Jaar van publicatie", "Het jaar waarin het advies verscheen."),
    "programma": (
        "Programma",
        "Een programma of instrument waaraan een reactie de aanbeveling koppelt.",
    ),
    "onderdeel": (
        "Programmaonderdeel",
        "Alleen koppelingen aan dit onderdeel zelf, niet aan de onderdelen eronder.",
    ),
    "toezeggingstatus": (
        "Status van de toezegging",
        "Een aanbeveling met toezeggingen in verschillende staten telt bij elk ervan.",
    ),
    "nieuwe_toezegging": (
        "Nieuwe toezegging",
        "Ja: een reactie in een verzonden brief doet een toezegging, vastgelegd als "
        "toezegging of als koppeling aan een programma met de soort ‘nieuwe toezegging’.",
    ),
}
VASTE_OPTIES = {
    "standpunt": STANDPUNTLABELS,
    "toezeggingstatus": STATUSLABELS,
    "nieuwe_toezegging": NIEUWLABELS,
}


def gekozen_labels(fs: AanbevelingFilter, naam: str) -> dict[str, str]:
    """The chosen options of a dimension, value -> label, from the validated values."""
    waarde = fs.waarde(naam) or []
    if naam == "bestuurslaag":
        return {o.slug: o.naam for o in waarde}
    if naam == "raad":
        return {o.afkorting: f"{o.naam} ({o.afkorting})" for o in waarde}
    if naam == "programma":
        return {o.slug: o.naam for o in waarde}
    if naam == "onderdeel":
        return {f"{p}:{s}": f"{p}:{s}" for p, s in waarde}
    if naam in VASTE_OPTIES:
        return {w: VASTE_OPTIES[naam][w] for w in ([waarde] if isinstance(waarde, str) else waarde)}
    return {str(w): str(w) for w in waarde}


def _opties(naam: str, telling: Telling, gekozen: dict[str, str]) -> list[Facetoptie]:
    """Options in their order: those with a count above zero, plus the chosen ones (count
    zero when absent)."""
    rijen = dict(telling)
    for i, (w, label) in enumerate(VASTE_OPTIES.get(naam, {}).items()):
        rijen.setdefault(w, (label, i, 0))
    opties = [
        Facetoptie(w, label, n, w in gekozen)
        for w, (label, _, n) in sorted(rijen.items(), key=lambda r: r[1][1])
        if n > 0 or w in gekozen
    ]
    bekend = {o.waarde for o in opties}
    return opties + [
        Facetoptie(w, label, 0, True) for w, label in gekozen.items() if w not in bekend
    ]


def _programmas_voor_onderdelen(fs: AanbevelingFilter) -> set[str]:
    """The programmes whose parts are shown: the chosen ones and those of chosen parts."""
    return {p.slug for p in fs.waarde("programma") or []} | {
        p for p, _ in fs.waarde("onderdeel") or []
    }


def _facet_onderdeel(fs: AanbevelingFilter, telling: Telling) -> Facet:
    """The parts of the chosen programmes, nested, each under its parent."""
    programmas = _programmas_voor_onderdelen(fs)
    onderdelen = list(
        Programmaonderdeel.objects.filter(programma__slug__in=programmas)
        .select_related("programma")
        .order_by("programma__naam", "volgorde")
    )
    per_id = {o.pk: o for o in onderdelen}
    kinderen: dict[int | None, list[Programmaonderdeel]] = {}
    for o in onderdelen:
        kinderen.setdefault(o.bovenliggend_id if o.bovenliggend_id in per_id else None, []).append(
            o
        )
    gekozen = set(gekozen_labels(fs, "onderdeel"))
    opties: list[Facetoptie] = []

    def loop(ouder: int | None, niveau: int) -> None:
        for o in kinderen.get(ouder, []):
            waarde = f"{o.programma.slug}:{o.sleutel}"
            aantal = telling.get(waarde, ("", "", 0))[2]
            if aantal or waarde in gekozen:
                label = o.naam if len(programmas) == 1 else f"{o.programma.naam}: {o.naam}"
                opties.append(Facetoptie(waarde, label, aantal, waarde in gekozen, niveau))
            if niveau < 10:
                loop(o.pk, niveau + 1)

    loop(None, 0)
    bekend = {o.waarde for o in opties}
    opties += [Facetoptie(w, w, 0, True) for w in sorted(gekozen - bekend)]
    titel, uitleg = TITELS["onderdeel"]
    return Facet("onderdeel", titel, opties, uitleg)


# In the order shown.
VOLGORDE = (
    "bestuurslaag",
    "standpunt",
    "raad",
    "jaar",
    "programma",
    "onderdeel",
    "toezeggingstatus",
    "nieuwe_toezegging",
)


def facetten(fs: AanbevelingFilter, sets: Basissen) -> list[Facet]:
    """Every facet, in the order shown, each counted in its own set: the dimensions not
    counted yet in one statement per set."""
    tellingen: dict[str, Telling] = dict(sets.geteld)
    groepen: dict[int, tuple[Basis, list[str]]] = {}
    toon_onderdelen = bool(_programmas_voor_onderdelen(fs))
    for d in FACETFILTERS:
        if d in tellingen or (d == "onderdeel" and not toon_onderdelen):
            continue
        basis = sets.per_facet[d]
        groepen.setdefault(id(basis), (basis, []))[1].append(d)
    for basis, dimensies in groepen.values():
        tellingen.update(tel(basis, dimensies))
    lijst = []
    for d in VOLGORDE:
        if d == "onderdeel":
            if toon_onderdelen:
                lijst.append(_facet_onderdeel(fs, tellingen.get(d, {})))
            continue
        titel, uitleg = TITELS[d]
        lijst.append(
            Facet(d, titel, _opties(d, tellingen.get(d, {}), gekozen_labels(fs, d)), uitleg)
        )
    return lijst


__all__ = ["Basis", "Basissen", "Facet", "Facetoptie", "basissen", "facetten", "tel"]
