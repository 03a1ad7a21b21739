"""The recommendation list: filtering, facet counts, ordering and one page of rows.

``zoek_aanbevelingen(params)`` is the one entry point. Its ``queryset`` (filtered and
ordered, not paginated) is what the exports reuse, so a download holds exactly the rows of
the list.

Facet counts are disjunctive: each dimension is counted under all *other* current filters,
so every option says how many results choosing it (in addition to what is chosen in that
dimension) would give; see advies.facetten. The number of queries of a page depends on
which filters are active, never on the page size or the number of results.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format

from advies import facetindex, gegevensversie, zoeken
from advies.facetten import (
    Basis,
    Basissen,
    Facet,
    Facetoptie,
    basissen,
    facetten,
    gekozen_labels,
)
from advies.filters import (
    FACETFILTERS,
    NIEUWSTE,
    PAGINAGROOTTES,
    RELEVANTIE,
    SORTERINGEN,
    STANDAARD_PER_PAGINA,
    AanbevelingFilter,
)
from advies.models import Aanbeveling, Advies
from advies.telregels import tellende_koppels
from reacties.models import Koppelsoort, Standpunt

PAGINA = "pagina"
# Parameters that are state but no filter: never shown as an active filter.
GEEN_FILTER = {"sorteer", "per_pagina", PAGINA}


@dataclass
class ActiefFilter:
    label: str
    verwijder_url: str  # the list without this filter (a query string starting with "?")


@dataclass
class Zoekresultaat:
    filterset: AanbevelingFilter
    queryset: QuerySet[Aanbeveling]  # filtered and ordered; not paginated
    page: Page
    facets: list[Facet]
    total: int
    term: str
    sortering: str
    per_pagina: int
    actieve_filters: list[ActiefFilter] = field(default_factory=list)
    querystring: str = ""  # the state without the page number, for links that keep it
    fouten: list[str] = field(default_factory=list)

    @property
    def facet(self) -> dict[str, Facet]:
        return {f.naam: f for f in self.facets}

    @property
    def paginabereik(self) -> list[int | str]:
        """Page numbers for the pagination, with an ellipsis for long runs."""
        return list(
            self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        )


# --- ordering ------------------------------------------------------------------------------


def standaard_sortering(term: str) -> str:
    return RELEVANTIE if term else NIEUWSTE


def sortering(filterset: AanbevelingFilter) -> str:
    term = filterset.zoekterm
    gekozen = filterset.waarde("sorteer") or standaard_sortering(term)
    if gekozen == RELEVANTIE and not term:
        return NIEUWSTE
    return gekozen


def orden(qs: QuerySet[Aanbeveling], volgorde: str, relevantie=None) -> QuerySet[Aanbeveling]:
    """A total order (ties broken by report and place in it), so pages never overlap.
    ``relevantie``: the expression to sort on first for RELEVANTIE."""
    binnen_advies = ("advies__titel", "advies_id", "volgorde")
    nieuwste = (F("advies__publicatiedatum").desc(nulls_last=True), *binnen_advies)
    if volgorde == RELEVANTIE and relevantie is not None:
        return qs.order_by(relevantie.desc(), *nieuwste)
    if volgorde == "publicatiedatum":
        return qs.order_by(F("advies__publicatiedatum").asc(nulls_last=True), *binnen_advies)
    if volgorde == "advies":
        return qs.order_by(*binnen_advies)
    return qs.order_by(*nieuwste)


def per_pagina(filterset: AanbevelingFilter) -> int:
    waarde = filterset.waarde("per_pagina")
    return int(waarde) if waarde else STANDAARD_PER_PAGINA


# --- the rows of a page --------------------------------------------------------------------


@dataclass(frozen=True)
class Raadnaam:
    afkorting: str
    naam: str


@dataclass(frozen=True)
class Laagnaam:
    naam: str


@dataclass(frozen=True)
class Programmaverwijzing:
    programma: str
    onderdeel: str
    nieuw: bool  # linked as a new commitment

    @property
    def label(self) -> str:
        return f"{self.programma}: {self.onderdeel}" if self.onderdeel else self.programma


_STANDPUNTEN = dict(Standpunt.choices)


def _url_maker(naam: str, voorbeeld) -> Callable[[object], str] | None:
    """URLs of a route with one parameter, made by filling in a reversed example: reversing
    once per page instead of once per row. None when the route does not exist (yet)."""
    try:
        voor, na = reverse(naam, args=[voorbeeld]).split(str(voorbeeld), 1)
    except NoReverseMatch:
        return None
    return lambda waarde: f"{voor}{waarde}{na}"


def bereid_pagina(aanbevelingen: list[Aanbeveling]) -> list[Aanbeveling]:
    """Give each recommendation of one page what its row shows: ``raden_lijst``,
    ``bestuurslagen_lijst``, ``standpunten`` ((value, label) of the responses in sent
    letters) and ``programmaverwijzingen``. Three queries for the whole page (councils,
    levels, responses with their programme links), as plain rows rather than model
    instances; none for an empty page."""
    if not aanbevelingen:
        return aanbevelingen
    ids = [a.pk for a in aanbevelingen]
    raden: dict[int, list[Raadnaam]] = {}
    for advies_id, afkorting, naam in (
        Advies.raden.through.objects.filter(advies_id__in={a.advies_id for a in aanbevelingen})
        .order_by("raad__afkorting")
        .values_list("advies_id", "raad__afkorting", "raad__naam")
    ):
        raden.setdefault(advies_id, []).append(Raadnaam(afkorting, naam))
    lagen: dict[int, list[Laagnaam]] = {}
    for pk, naam in (
        Aanbeveling.bestuurslagen.through.objects.filter(aanbeveling_id__in=ids)
        .order_by("bestuurslaag__volgorde", "bestuurslaag__naam")
        .values_list("aanbeveling_id", "bestuurslaag__naam")
    ):
        lagen.setdefault(pk, []).append(Laagnaam(naam))
    standpunten: dict[int, list[str]] = {}
    programmas: dict[int, dict[tuple[str, str], bool]] = {}
    for pk, standpunt, programma, onderdeel, soort in (
        tellende_koppels()
        .filter(aanbeveling_id__in=ids)
        .order_by(
            "-reactie__sectie__brief__versie",
            "reactie__sectie__volgorde",
            "reactie__volgorde",
            "reactie_id",
            "reactie__koppelingen__programma__naam",
            "reactie__koppelingen__onderdeel__volgorde",
        )
        .values_list(
            "aanbeveling_id",
            "reactie__standpunt",
            "reactie__koppelingen__programma__naam",
            "reactie__koppelingen__onderdeel__naam",
            "reactie__koppelingen__soort",
        )
    ):
        lijst = standpunten.setdefault(pk, [])
        if standpunt and standpunt not in lijst:
            lijst.append(standpunt)
        if programma is not None:
            sleutel = (programma, onderdeel or "")
            per_rij = programmas.setdefault(pk, {})
            per_rij[sleutel] = per_rij.get(sleutel, False) or soort == Koppelsoort.NIEUW
    detail_url = _url_maker("advies:aanbeveling", 987654321)
    advies_url = _url_maker("advies:advies", "x-voorbeeld-sleutel-x")
    for a in aanbevelingen:
        a.detail_url = detail_url(a.pk) if detail_url else ""
        a.advies_url = advies_url(quote(a.advies.slug)) if advies_url else ""
        a.advies_filter_url = "?" + urlencode({"advies": a.advies.slug})
        datum = a.advies.publicatiedatum
        a.publicatiedatum_tekst = date_format(datum, "j F Y") if datum else ""
        a.raden_lijst = raden.get(a.advies_id, [])
        a.bestuurslagen_lijst = lagen.get(a.pk, [])
        a.standpunten = [(s, _STANDPUNTEN[s]) for s in standpunten.get(a.pk, [])]
        a.programmaverwijzingen = [
            Programmaverwijzing(p, o, nieuw) for (p, o), nieuw in programmas.get(a.pk, {}).items()
        ]
    return aanbevelingen


# --- the state in the URL ------------------------------------------------------------------


def _querystring(params: QueryDict, weg: str | None = None, waarde: str | None = None) -> str:
    """The state as a query string without the page number; without parameter ``weg``, or
    only without its value ``waarde``."""
    kopie = params.copy()
    kopie.pop(PAGINA, None)
    if weg is not None:
        if waarde is None:
            kopie.pop(weg, None)
        else:
            kopie.setlist(weg, [w for w in kopie.getlist(weg) if w != waarde])
    return kopie.urlencode()


def canoniek(params: QueryDict) -> QueryDict:
    """The same state without empty values, defaults and duplicates: what a bookmark should
    hold. A filter form sends every field, empty ones too."""
    term = zoeken.schoon(params.get("q"))
    standaard = {
        "sorteer": standaard_sortering(term),
        "per_pagina": str(STANDAARD_PER_PAGINA),
        PAGINA: "1",
    }
    schoon = QueryDict(mutable=True)
    for naam in params:
        waarden: list[str] = []
        for w in params.getlist(naam):
            w = w.strip()
            if w and w not in waarden:
                waarden.append(w)
        if naam in standaard and waarden == [standaard[naam]]:
            continue
        if naam == "q" and waarden:
            waarden = [term] if term else []
        if waarden:
            schoon.setlist(naam, waarden)
    return schoon


def _actieve_filters(
    params: QueryDict, fs: AanbevelingFilter, facets: list[Facet]
) -> list[ActiefFilter]:
    """Every active filter value, each with the list's URL without it."""
    actief = []
    uit_facetten = {f.naam: {o.waarde: o.label for o in f.opties} for f in facets}
    for naam in params:
        if naam in GEEN_FILTER or naam not in fs.filters or not fs.is_actief(naam):
            continue
        titel = fs.filters[naam].label
        if naam in FACETFILTERS:
            labels = {**gekozen_labels(fs, naam), **uit_facetten.get(naam, {})}
            for w in params.getlist(naam):
                if w in labels:
                    actief.append(
                        ActiefFilter(f"{titel}: {labels[w]}", "?" + _querystring(params, naam, w))
                    )
            continue
        waarde = fs.waarde(naam)
        if naam == "q":
            label = f"Zoekterm: ‘{fs.zoekterm}’"
        elif naam == "advies":
            label = f"Advies: {waarde.titel}"
        elif naam == "jaar_van":
            label = f"Gepubliceerd vanaf {waarde}"
        else:
            label = f"Gepubliceerd tot en met {waarde}"
        actief.append(ActiefFilter(label, "?" + _querystring(params, naam)))
    return actief


def _fouten(fs: AanbevelingFilter) -> list[str]:
    fouten = []
    for naam, lijst in fs.errors.items():
        label = fs.filters[naam].label if naam in fs.filters else naam
        for fout in lijst:
            fouten.append(f"{label}: {fout}")
    return fouten


# --- the entry point -----------------------------------------------------------------------


@contextmanager
def lijstplanner():
    """On PostgreSQL: the list's queries in one transaction, with planner settings for data
    that is in memory (``random_page_cost`` 1.1 instead of the default 4, which is meant
    for spinning disks, and no JIT compilation, which costs more than these short queries
    take). With the default the planner prefers scanning whole tables over a few thousand
    index lookups, and the searched page at 10,000 reports takes twice as long. A database
    configured this way already (as advised for SSDs) loses nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('random_page_cost', '1.1', true), set_config('jit', 'off', true)"
        )
        yield


@dataclass
class Lijsttelling:
    """What the list counts for one filter state (whatever the page, order or page size):
    the facets, the number of results and, for fetched search matches, the result set with
    where each matched (``zoeken.BIT``) and its ids in the relevance order. Cached per
    filter state and data version (advies.gegevensversie), so it must stay plain data."""

    facets: list[Facet]
    aantal: int
    bronnen: dict[int, int] | None = None  # None: the result set is fs.gefilterd()
    op_relevantie: list[int] | None = None


def filtersleutel(params: QueryDict) -> tuple[tuple[str, str], ...]:
    """The filter state of ``params``: every parameter except page, order and page size."""
    return tuple(sorted((k, v) for k in params if k not in GEEN_FILTER for v in params.getlist(k)))


def _tel(fs: AanbevelingFilter) -> Lijsttelling:
    """Count from the bitmap index (advies.facetindex); in SQL (advies.facetten) for a
    search with more matches than are fetched. For a search, the relevance order (its
    default) sorts every match: done once here, so that every page is a slice of it."""
    index = facetindex.tel(fs)
    if index is None:
        return _tel_in_sql(fs)
    geteld = Basissen(Basis(Aanbeveling.objects.none()), {}, fs.treffers, index.tellingen)
    telling = Lijsttelling(facetten(fs, geteld), index.aantal)
    if fs.zoekterm:
        bronnen = fs.treffers.bronnen
        telling.bronnen = {pk: bronnen[pk] for pk in index.ids_uit(bronnen)}
        telling.op_relevantie = index.index.op_relevantie(telling.bronnen)
    return telling


def _tel_in_sql(fs: AanbevelingFilter) -> Lijsttelling:
    sets = basissen(fs)
    # First the facets: counting them gives the number of results as well.
    telling = Lijsttelling(facetten(fs, sets), sets.alles.aantal)
    if sets.alles.ids is not None:
        treffers = sets.treffers.bronnen if sets.treffers is not None else {}
        telling.bronnen = {pk: treffers.get(pk, 0) for pk in sets.alles.ids}
        qs = _geordend(sets.alles, RELEVANTIE, fs.zoekterm, sets.treffers)
        telling.op_relevantie = list(qs.values_list("pk", flat=True))
    return telling


def _geordend(
    alles: Basis, volgorde: str, term: str, treffers: zoeken.Zoektreffers | None
) -> QuerySet[Aanbeveling]:
    relevantie = None
    if volgorde == RELEVANTIE:
        relevantie = (
            zoeken.relevantie_uit(treffers, alles.ids)
            if alles.ids is not None and treffers is not None
            else zoeken.relevantie(term)
        )
    return orden(alles.qs, volgorde, relevantie)


def _pagina_uit_ids(ids: list[int], grootte: int, nummer: str | None) -> Page:
    """A page of an ordered list of ids, with the recommendations (and their reports) of
    that page only."""
    page = Paginator(ids, grootte).get_page(nummer)
    rijen = Aanbeveling.objects.select_related("advies").in_bulk(page.object_list)
    page.object_list = [rijen[pk] for pk in page.object_list if pk in rijen]
    return page


def zoek_aanbevelingen(params: QueryDict, met_facetten: bool = True) -> Zoekresultaat:
    """Filter, count, order and paginate the recommendations for the state in ``params``
    (the request's query parameters; see ``advies.filters`` for their meaning). Invalid
    values are ignored and reported in ``fouten``. ``met_facetten=False`` skips the facet
    counts (for an export, which needs the rows only); the active filters are described
    either way.

    The counts (facets, number of results, a search's matches in the relevance order) come
    from the cache when the same filter state was counted on the same data
    (advies.gegevensversie): over 100,000 recommendations they take tenths of seconds, the
    page of rows milliseconds."""
    with lijstplanner():
        fs = AanbevelingFilter(params, queryset=Aanbeveling.objects.all())
        term = fs.zoekterm
        volgorde = sortering(fs)
        grootte = per_pagina(fs)
        telling = None
        if met_facetten:
            telling = gegevensversie.gecachet("lijst", filtersleutel(params), lambda: _tel(fs))
            lijst, aantal = telling.facets, telling.aantal
            if telling.bronnen is None:
                alles, treffers = Basis(fs.gefilterd()), None
            else:
                alles = Basis.uit_ids(telling.bronnen)
                treffers = zoeken.Zoektreffers(telling.bronnen)
        else:
            sets = basissen(fs, tellen=False)
            alles, treffers, lijst = sets.alles, sets.treffers, []
            aantal = alles.aantal
        qs = _geordend(alles, volgorde, term, treffers)
        if telling is not None and telling.op_relevantie is not None and volgorde == RELEVANTIE:
            page = _pagina_uit_ids(telling.op_relevantie, grootte, params.get(PAGINA))
        else:
            paginator = Paginator(qs.select_related("advies"), grootte)
            paginator.count = aantal
            page = paginator.get_page(params.get(PAGINA))
        page.object_list = zoeken.met_fragmenten(bereid_pagina(list(page.object_list)), term)
    return Zoekresultaat(
        filterset=fs,
        queryset=qs,
        page=page,
        facets=lijst,
        total=aantal,
        term=term,
        sortering=volgorde,
        per_pagina=grootte,
        actieve_filters=_actieve_filters(params, fs, lijst),
        querystring=_querystring(params),
        fouten=_fouten(fs),
    )


__all__ = [
    "PAGINAGROOTTES",
    "SORTERINGEN",
    "ActiefFilter",
    "Facet",
    "Facetoptie",
    "Zoekresultaat",
    "canoniek",
    "zoek_aanbevelingen",
]
