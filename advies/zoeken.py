"""Search over recommendations, the responses to them and the commitments made in those.

One interface, two implementations, chosen by the database in use:

``zoektreffers(term, limiet)``
    Every matching recommendation with where it matched (its own text, a response to it, a
    commitment in such a response), in one query; None when there are more than ``limiet``.
    The list page fetches this once and then works with the ids (``IdIn``), so the search
    runs once per page instead of once per count.
``zoek_filter(qs, term)``
    The same match as a subquery: narrows a queryset of recommendations to those that match.
    For result sets above the limit, and for anyone who wants a plain queryset.
``relevantie(term)`` / ``relevantie_uit(treffers, ids)``
    An expression to order by, highest first: a match in the recommendation's own text
    weighs most (4), then one in a response (2), then one in a commitment (1); the weights
    add up. Ties are broken by the caller (newest report first).
``met_fragmenten(aanbevelingen, term)``
    For the rows of one page only: sets ``tekst_gemarkeerd`` (the recommendation's text with
    the matches marked, or None) and ``fragmenten`` (snippets from responses and commitments)
    on each. A fixed number of queries, whatever the number of rows.

PostgreSQL: Dutch full-text search. The term is read with ``websearch_to_tsquery('dutch',
…)`` (quotes for a phrase, ``-woord`` to exclude, ``or``), words are stemmed (``buurten``
finds ``buurt``), and each text is matched as ``to_tsvector('dutch'::regconfig, tekst)``:
character for character the expression of the GIN indexes made by the migrations
advies.0003_zoekindex and reacties.0005_zoekindexen, so the planner uses them. (Django's
SearchVector wraps the column in COALESCE, which no index matches.) The three parts are
combined with UNION, so each part is an index scan; an OR of subqueries would force a scan
of every recommendation. Relevance comes from where the text matched, which the index scans
already tell; ``ts_rank`` would have to parse every matching text again (about 12 µs a
recommendation, 60 ms for 5,000 matches), so it is not used for the order. Snippets come
from ``ts_headline`` with sentinel characters as markers: the text around them is escaped
and only the sentinels become ``<mark>``, so no stored text can add markup.

SQLite (the embedded demo): every word of the term must occur, case-insensitively, in one
and the same text (the recommendation, a response or a commitment). No stemming; the snippet
is the first sentence with the words, marked and escaped.

Only responses in sent letters count (``advies.telregels``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from advies.models import Aanbeveling
from advies.telregels import Reactiekoppel, tellende_koppels, tellende_reacties
from reacties.models import Toezegging

MAX_LENGTE = 200

# Where a match was found; also the order in which snippets are shown.
AANBEVELING = "aanbeveling"
REACTIE = "reactie"
TOEZEGGING = "toezegging"
BRONNEN = {AANBEVELING: "aanbeveling", REACTIE: "reactie", TOEZEGGING: "toezegging"}

# Private-use characters as the highlight markers of ts_headline; stripped from the stored
# texts first, so only ts_headline can put them there.
BEGIN, EINDE, SCHEIDING = "\ue000", "\ue001", "\ue002"
_MARKERS = BEGIN + EINDE + SCHEIDING
_KOP_OPTIES = (
    f"StartSel={BEGIN}, StopSel={EINDE}, FragmentDelimiter={SCHEIDING}, "
    "MaxFragments=2, MaxWords=25, MinWords=8"
)
# A recommendation is short: show all of it, with every match marked.
_KOP_OPTIES_HEEL = f"StartSel={BEGIN}, StopSel={EINDE}, HighlightAll=true"


def schoon(term: str | None) -> str:
    """The term as searched: whitespace collapsed, markers and control characters removed,
    at most MAX_LENGTE characters."""
    if not term:
        return ""
    term = "".join(t for t in term.translate(_ZONDER_MARKERS) if t.isprintable())
    return " ".join(term.split())[:MAX_LENGTE]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- the PostgreSQL expressions ----------------------------------------------------------


class NlTsVector(Func):
    """``to_tsvector('dutch'::regconfig, <tekst>)``: textually the indexed expression."""

    template = "to_tsvector('dutch'::regconfig, %(expressions)s)"
    output_field = TextField()


class NlZoekvraag(Func):
    template = "websearch_to_tsquery('dutch'::regconfig, %(expressions)s)"
    output_field = TextField()


class Treft(Func):
    """``<tsvector> @@ <tsquery>``."""

    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


class TsKop(Func):
    """``ts_headline('dutch', <tekst>, <tsquery>, <opties>)``."""

    template = "ts_headline('dutch'::regconfig, %(expressions)s)"
    output_field = TextField()


class ZonderTags(Func):
    """The text with HTML tags replaced by a space (entities stay; see _naar_html)."""

    template = "regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g')"
    output_field = TextField()


def _zonder_markers(expressie) -> Func:
    return Func(expressie, Value(_MARKERS), Value(""), function="translate")


def _vraag(term: str) -> NlZoekvraag:
    return NlZoekvraag(Value(term))


def _treft(kolom: str, term: str) -> Treft:
    return Treft(NlTsVector(kolom), _vraag(term))


# --- the SQLite fallback -----------------------------------------------------------------


def woorden(term: str) -> list[str]:
    """The words of the term for the fallback, lower case, each once, in order."""
    gezien: dict[str, None] = {}
    for woord in re.findall(r"\w+", term.lower()):
        gezien.setdefault(woord, None)
    return list(gezien)


def _alle_woorden(kolom: str, term: str) -> Q:
    q = Q()
    for woord in woorden(term):
        q &= Q(**{f"{kolom}__icontains": woord})
    return q if woorden(term) else Q(pk__in=[])


# --- the parts of a match: the same on both databases ------------------------------------

# Where a recommendation matched, as bits that add up to its relevance.
BIT = {AANBEVELING: 4, REACTIE: 2, TOEZEGGING: 1}


def _voorwaarde(kolom: str, term: str):
    return _treft(kolom, term) if is_postgresql() else _alle_woorden(kolom, term)


def eigen_treffers(term: str) -> QuerySet:
    """Ids of the recommendations whose own text matches."""
    return Aanbeveling.objects.filter(_voorwaarde("tekst", term)).order_by().values("pk")


def treffers_via_reacties(term: str) -> QuerySet:
    """Ids of the recommendations answered (in a sent letter) by a matching response."""
    reacties = tellende_reacties().filter(_voorwaarde("tekst", term)).values("pk")
    return Reactiekoppel.objects.filter(reactie_id__in=reacties).order_by().values("aanbeveling_id")


def treffers_via_toezeggingen(term: str) -> QuerySet:
    """Ids of the recommendations answered (in a sent letter) by a response with a matching
    commitment."""
    toezeggingen = Toezegging.objects.filter(_voorwaarde("tekst", term)).values("reactie_id")
    reacties = tellende_reacties().filter(pk__in=toezeggingen).values("pk")
    return Reactiekoppel.objects.filter(reactie_id__in=reacties).order_by().values("aanbeveling_id")


def zoek_filter(qs: QuerySet[Aanbeveling], term: str) -> QuerySet[Aanbeveling]:
    """The recommendations of ``qs`` that match ``term`` (see the module docstring)."""
    term = schoon(term)
    if not term:
        return qs
    alle = eigen_treffers(term).union(treffers_via_reacties(term), treffers_via_toezeggingen(term))
    return qs.filter(pk__in=alle)


def relevantie(term: str):
    """An expression for ``order_by(relevantie(term).desc())`` on matching recommendations,
    with the parts as subqueries (each a set of ids, hashed once per query)."""
    term = schoon(term)
    delen = (
        (eigen_treffers(term), AANBEVELING),
        (treffers_via_reacties(term), REACTIE),
        (treffers_via_toezeggingen(term), TOEZEGGING),
    )
    som = Value(0)
    for ids, bron in delen:
        som = som + Case(When(pk__in=ids, then=Value(BIT[bron])), default=Value(0))
    return som


class IdIn(Func):
    """``<kolom> IN <ids>`` with the ids as one parameter, however many there are: an array
    on PostgreSQL (``unnest(%s::bigint[])``), a JSON list on SQLite (``json_each``). Keeps the
    SQL short and its parsing cheap when thousands of ids are passed to several queries."""

    output_field = BooleanField()

    def __init__(self, kolom: str, ids: IdLijst):
        super().__init__(F(kolom) if isinstance(kolom, str) else kolom)
        self.ids = ids

    def as_sql(self, compiler, connection, **extra_context):
        kolom, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            # A set to join with (its size known to the planner from the array), rather than
            # "= ANY(array)", which the planner tends to check row by row over a whole index.
            return f"{kolom} IN (SELECT unnest(%s::bigint[]))", (*params, self.ids.als_array)
        return f"{kolom} IN (SELECT value FROM json_each(%s))", (*params, self.ids.als_json)


class IdLijst:
    """A list of ids with its parameter text, made once however often it is passed."""

    def __init__(self, ids: Iterable[int]):
        self.ids = list(ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids)

    @cached_property
    def als_array(self) -> str:
        return "{" + ",".join(map(str, self.ids)) + "}"

    @cached_property
    def als_json(self) -> str:
        return "[" + ",".join(map(str, self.ids)) + "]"


@dataclass(frozen=True)
class Zoektreffers:
    """Every matching recommendation: id -> the sum of BIT of where it matched."""

    bronnen: dict[int, int]

    @property
    def ids(self) -> IdLijst:
        return IdLijst(self.bronnen)


# Stand-ins for the search term and for a list of ids: a query is compiled once with them
# (the ORM's work), and the real values go into its parameters (see _eenmaal_gecompileerd).
_TERM = "\ue003term\ue003"
_IDS = "\ue003ids\ue003"


class _IdsPlaatshouder(IdLijst):
    def __init__(self) -> None:
        super().__init__(())
        self.__dict__["als_array"] = self.__dict__["als_json"] = _IDS


def _eenmaal_gecompileerd(bouw: Callable[..., QuerySet], *args) -> Callable[..., tuple]:
    """On PostgreSQL the SQL of ``bouw(term, ids)`` does not depend on the term or on the
    ids, which are parameters: compiled once per process, filled in per call. (On SQLite
    the fallback has one condition per word, so the SQL itself depends on the term.)"""
    sleutel = (bouw.__name__, connection.alias, *args)
    if sleutel not in _GECOMPILEERD:
        qs = bouw(_TERM, _IdsPlaatshouder(), *args)
        _GECOMPILEERD[sleutel] = qs.query.sql_with_params()
    sql, params = _GECOMPILEERD[sleutel]

    def vul(term: str, ids: IdLijst | None = None) -> tuple[str, list]:
        waarden = {_TERM: term, _IDS: ids.als_array if ids is not None else None}
        return sql, [waarden.get(p, p) if isinstance(p, str) else p for p in params]

    return vul


_GECOMPILEERD: dict[tuple, tuple[str, tuple]] = {}


def _treffers_qs(term: str, ids: IdLijst | None = None) -> QuerySet:
    delen = [
        deel.annotate(zoek_id=F(kolom), zoek_bron=Value(BIT[bron])).values_list(
            "zoek_id", "zoek_bron"
        )
        for deel, kolom, bron in (
            (Aanbeveling.objects.filter(_voorwaarde("tekst", term)).order_by(), "pk", AANBEVELING),
            (treffers_via_reacties(term), "aanbeveling_id", REACTIE),
            (treffers_via_toezeggingen(term), "aanbeveling_id", TOEZEGGING),
        )
    ]
    return delen[0].union(*delen[1:])


def zoektreffers(term: str, limiet: int) -> Zoektreffers | None:
    """All matches of ``term`` with where they matched, in one query; None when there are
    more than ``limiet`` (then use zoek_filter). The three parts are index scans (see the
    module docstring), combined with UNION and summed per recommendation."""
    term = schoon(term)
    if not term:
        return Zoektreffers({})
    if is_postgresql():
        sql, params = _eenmaal_gecompileerd(_treffers_qs)(term)
    else:
        sql, params = _treffers_qs(term).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT zoek_id, SUM(zoek_bron) FROM ({sql}) treffers "
            f"GROUP BY zoek_id LIMIT {int(limiet) + 1}",
            params,
        )
        rijen = cursor.fetchall()
    if len(rijen) > limiet:
        return None
    return Zoektreffers({pk: int(bronnen) for pk, bronnen in rijen})


def relevantie_uit(treffers: Zoektreffers, ids: Iterable[int]) -> Case | None:
    """The relevance of ``relevantie`` from fetched matches: one ``IdIn`` per weight that
    occurs among ``ids`` (at most seven)."""
    per_gewicht: dict[int, list[int]] = {}
    for pk in ids:
        per_gewicht.setdefault(treffers.bronnen.get(pk, 0), []).append(pk)
    gevallen = [
        When(IdIn("pk", IdLijst(lijst)), then=Value(gewicht))
        for gewicht, lijst in sorted(per_gewicht.items(), reverse=True)
        if gewicht
    ]
    # Without any match there is nothing to order by (and a bare constant would be read as
    # a column position by PostgreSQL).
    return Case(*gevallen, default=Value(0)) if gevallen else None


# --- snippets ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    bron: str  # AANBEVELING, REACTIE or TOEZEGGING
    html: SafeString

    @property
    def bron_label(self) -> str:
        return BRONNEN[self.bron]


_MARKER_SPLITS = re.compile(f"([{_MARKERS}])")
_ZONDER_MARKERS = dict.fromkeys(map(ord, _MARKERS))


def _naar_html(kop: str, bron_is_html: bool) -> SafeString:
    """ts_headline's output as safe HTML: every piece of text escaped, only the markers
    turned into <mark>; an entity of the stored HTML (the source of a response) is decoded
    before it is escaped again, and nothing decoded can become a marker."""
    uit: list[str] = []
    open_ = False
    for stuk in _MARKER_SPLITS.split(kop):
        if stuk == BEGIN:
            if not open_:
                uit.append("<mark>")
                open_ = True
        elif stuk == EINDE:
            if open_:
                uit.append("</mark>")
                open_ = False
        elif stuk == SCHEIDING:
            if open_:
                uit.append("</mark>")
                open_ = False
            uit.append(" … ")
        elif stuk:
            if bron_is_html:
                stuk = html.unescape(stuk)
            stuk = stuk.translate(_ZONDER_MARKERS)
            uit.append(str(escape(re.sub(r"\s+", " ", stuk))))
    if open_:
        uit.append("</mark>")
    return mark_safe("".join(uit).strip())  # built from escaped pieces only


def _koppen_qs(term: str, ids: IdLijst) -> QuerySet:
    """(aanbeveling id, bron, volgorde, ts_headline) for the matching texts of these rows."""
    vraag = _vraag(term)
    eigen = (
        Aanbeveling.objects.filter(IdIn("pk", ids))
        .filter(_treft("tekst", term))
        .order_by()
        .annotate(
            zoekbron=Value(AANBEVELING),
            zoekvolgorde=Value(0),
            zoekkop=TsKop(_zonder_markers("tekst"), vraag, Value(_KOP_OPTIES_HEEL)),
        )
        .values_list("pk", "zoekbron", "zoekvolgorde", "zoekkop")
    )
    via_reactie = (
        tellende_koppels()
        .filter(IdIn("aanbeveling_id", ids))
        .filter(_treft("reactie__tekst", term))
        .annotate(
            zoekbron=Value(REACTIE),
            zoekkop=TsKop(ZonderTags(_zonder_markers("reactie__tekst")), vraag, Value(_KOP_OPTIES)),
        )
        .values_list("aanbeveling_id", "zoekbron", "reactie_id", "zoekkop")
    )
    via_toezegging = (
        tellende_koppels()
        .filter(IdIn("aanbeveling_id", ids))
        .filter(_treft("reactie__toezeggingen__tekst", term))
        .annotate(
            zoekbron=Value(TOEZEGGING),
            zoekkop=TsKop(
                _zonder_markers("reactie__toezeggingen__tekst"), vraag, Value(_KOP_OPTIES)
            ),
        )
        .values_list("aanbeveling_id", "zoekbron", "reactie__toezeggingen__id", "zoekkop")
    )
    return eigen.union(via_reactie, via_toezegging, all=True)


def _pg_koppen(ids: Sequence[int], term: str) -> list[tuple[int, str, int, str]]:
    """The snippets of these rows, in one query."""
    sql, params = _eenmaal_gecompileerd(_koppen_qs)(term, IdLijst(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_ZINNEN = re.compile(r"(?<=[.!?;:])\s+")


def _markeer(tekst: str, woordenlijst: list[str]) -> SafeString:
    """The text escaped, with every occurrence of a word in <mark>."""
    patroon = re.compile("|".join(re.escape(w) for w in woordenlijst), re.IGNORECASE)
    uit, begin = [], 0
    for treffer in patroon.finditer(tekst):
        uit.append(str(escape(tekst[begin : treffer.start()])))
        uit.append(f"<mark>{escape(treffer.group())}</mark>")
        begin = treffer.end()
    uit.append(str(escape(tekst[begin:])))
    return mark_safe("".join(uit))  # built from escaped pieces only


def _bevat_alle(tekst: str, woordenlijst: list[str]) -> bool:
    laag = tekst.lower()
    return all(w in laag for w in woordenlijst)


def _zin_met(tekst: str, woordenlijst: list[str]) -> str | None:
    zinnen = _ZINNEN.split(" ".join(tekst.split()))
    for zin in zinnen:
        if _bevat_alle(zin, woordenlijst):
            return zin
    for zin in zinnen:
        if any(w in zin.lower() for w in woordenlijst):
            return zin
    return None


def _sqlite_koppen(
    aanbevelingen: Sequence[Aanbeveling], term: str
) -> list[tuple[int, str, int, SafeString]]:
    """The fallback's snippets for these rows: two queries (response and commitment texts)."""
    lijst = woorden(term)
    if not lijst:
        return []
    ids = [a.pk for a in aanbevelingen]
    uit: list[tuple[int, str, int, SafeString]] = []
    for a in aanbevelingen:
        if _bevat_alle(a.tekst, lijst):
            uit.append((a.pk, AANBEVELING, 0, _markeer(a.tekst, lijst)))
    bronnen = (
        (REACTIE, "reactie_id", "reactie__tekst", True),
        (TOEZEGGING, "reactie__toezeggingen__id", "reactie__toezeggingen__tekst", False),
    )
    for bron, volgorde, kolom, is_html in bronnen:
        rijen = (
            tellende_koppels()
            .filter(aanbeveling_id__in=ids, **{f"{kolom}__isnull": False})
            .values_list("aanbeveling_id", volgorde, kolom)
        )
        for pk, nummer, tekst in rijen:
            if is_html:
                tekst = html.unescape(strip_tags(tekst.replace("<", " <")))
            if _bevat_alle(tekst, lijst) and (zin := _zin_met(tekst, lijst)):
                uit.append((pk, bron, nummer, _markeer(zin, lijst)))
    return uit


def met_fragmenten(
    aanbevelingen: Iterable[Aanbeveling], term: str, per_bron: int = 1
) -> list[Aanbeveling]:
    """Give each recommendation of one page ``tekst_gemarkeerd`` (its own text with the
    matches marked; None when the match is elsewhere) and ``fragmenten`` (at most
    ``per_bron`` snippets from responses and from commitments). One query on PostgreSQL,
    two on SQLite; none for an empty page or an empty term."""
    aanbevelingen = list(aanbevelingen)
    for a in aanbevelingen:
        a.tekst_gemarkeerd = None
        a.fragmenten = []
    term = schoon(term)
    if not aanbevelingen or not term:
        return aanbevelingen
    if is_postgresql():
        rijen = [
            (pk, bron, volgorde, _naar_html(kop, bron_is_html=bron == REACTIE))
            for pk, bron, volgorde, kop in _pg_koppen([a.pk for a in aanbevelingen], term)
            if kop
        ]
    else:
        rijen = _sqlite_koppen(aanbevelingen, term)
    per_id = {a.pk: a for a in aanbevelingen}
    rangorde = list(BRONNEN)
    for pk, bron, _volgorde, fragment in sorted(
        rijen, key=lambda r: (r[0], rangorde.index(r[1]), r[2])
    ):
        a = per_id[pk]
        if bron == AANBEVELING:
            a.tekst_gemarkeerd = fragment
        elif sum(f.bron == bron for f in a.fragmenten) < per_bron:
            a.fragmenten.append(Fragment(bron, fragment))
    return aanbevelingen
