"""Facet counts from a bitmap index: every filter combination counted in a millisecond.

Counting the facets in SQL (advies.facetten) takes a few tenths of a second per filter
combination at 100,000 recommendations, and an analyst's next click is a new combination.
So the facet values of *every* recommendation are read once per data version, in one
statement (``_bouw``, some hundreds of milliseconds), into a bitmap per option: a Python
integer whose bit *n* is set when recommendation *n* has that value. A filter is then the
OR of its chosen options' bitmaps, the result set the AND of the filters, and a count one
``(bitmap & set).bit_count()``.

The index is the relation of ``facetten._waarden``, the one definition that both the facet
counts and the filters are about, so the counts are exactly those of the SQL path (the
tests compare both). It is kept in the shared cache (about 2.5 MB at 100,000
recommendations, for two minutes: advies.gegevensversie), so it is built once per change
for all processes, and in each process's memory for as long as the version holds.

Not used (``tel`` returns None) for a search with more than MAX_TREFFERS matches, which is
then a subquery: the SQL path counts those.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection

from advies import gegevensversie
from advies.facetten import (
    _GETAL,
    _TEKST,
    LEEG,
    Telling,
    _optie,
    _reacties_cte,
    _t,
    _waarden,
    gekozen_waarden,
)
from advies.filters import FACETFILTERS, AanbevelingFilter
from advies.models import Aanbeveling
from advies.telregels import Reactiekoppel

# The pseudo-dimension of every recommendation.
_ALLE = "_alle"


@dataclass(frozen=True)
class Facetindex:
    # dimension -> value -> (name, order, bitmap of the recommendations with that value)
    waarden: dict[str, dict[str, tuple[str | None, int | None, int]]]
    alle: int  # every recommendation
    # Per recommendation id its place in the default order (newest report first): the
    # relevance order of a search sorts on it after the relevance, in Python.
    rang: array

    def op_relevantie(self, bronnen: dict[int, int]) -> list[int]:
        """The ids of ``bronnen`` (id -> relevance) most relevant first, then newest first:
        the order of ``advies.selectors.orden`` for RELEVANTIE."""
        rang, laatste = self.rang, len(self.rang)
        return sorted(bronnen, key=lambda pk: (-bronnen[pk], rang[pk] if pk < laatste else laatste))

    def bitmap(self, dimensie: str, waarde: str) -> int:
        return self.waarden.get(dimensie, {}).get(waarde, (None, None, 0))[2]

    def met_waarde(self, dimensie: str) -> int:
        """The recommendations with any value in the dimension."""
        return reduce(or_, (b for _, _, b in self.waarden.get(dimensie, {}).values()), 0)


@dataclass(frozen=True)
class Indextelling:
    index: Facetindex
    resultaat: int  # bitmap of the result set
    aantal: int
    tellingen: dict[str, Telling]

    def ids_uit(self, kandidaten) -> list[int]:
        """Those of ``kandidaten`` (ids) that are in the result set, in their order."""
        bits = self.resultaat.to_bytes((self.resultaat.bit_length() + 7) // 8 or 1, "little")
        grens = len(bits) * 8
        return [pk for pk in kandidaten if pk < grens and bits[pk >> 3] >> (pk & 7) & 1]


# --- building -------------------------------------------------------------------------------


def _bitmap(ids) -> int:
    """A bitmap with bit ``i`` set for every id ``i``."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray(max(ids) // 8 + 1)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def _als_lijst(ids, postgresql: bool) -> list[int]:
    """The ids of array_agg (NULL over no rows) or group_concat (SQLite: text)."""
    if postgresql:
        return ids or []
    return [int(i) for i in (ids or "").split(",") if i]


def _bouw() -> Facetindex:
    """Every dimension's values of every recommendation, in one statement."""
    postgresql = connection.vendor == "postgresql"
    samen = "array_agg(a)" if postgresql else "group_concat(a)"
    aanbeveling = _t(Aanbeveling)
    cte, params = _reacties_cte("k_alle", f"{_t(Reactiekoppel)} ra")
    selects = [
        f"SELECT '{_ALLE}', {_TEKST}, {_TEKST}, {_GETAL}, {samen} "
        f"FROM (SELECT id AS a FROM {aanbeveling}) q"
    ]
    for dimensie in FACETFILTERS:
        sql, meer = _waarden(dimensie, None, "k_alle", klein=False)
        selects.append(f"SELECT '{dimensie}', w, n, v, {samen} FROM ({sql}) q GROUP BY w, n, v")
        params += meer
    from advies.selectors import lijstplanner  # its planner settings (no JIT) hold here too

    with lijstplanner(), connection.cursor() as cursor:
        cursor.execute(f"WITH {cte} " + " UNION ALL ".join(selects), params)
        rijen = cursor.fetchall()
    waarden: dict[str, dict[str, tuple[str | None, int | None, int]]] = {}
    alle = 0
    for dimensie, waarde, naam, volgorde, ids in rijen:
        ids = _als_lijst(ids, postgresql)
        if dimensie == _ALLE:
            alle = _bitmap(ids)
        elif waarde is not None:
            waarden.setdefault(dimensie, {})[waarde] = (naam, volgorde, _bitmap(ids))
    # The default order, by the list's own definition of it (the same order by construction).
    from advies.filters import NIEUWSTE
    from advies.selectors import orden

    volgorde = list(orden(Aanbeveling.objects.all(), NIEUWSTE).values_list("pk", flat=True))
    rang = array("q", [len(volgorde)]) * (max(volgorde, default=0) + 1)
    for plaats, pk in enumerate(volgorde):
        rang[pk] = plaats
    return Facetindex(waarden, alle, rang)


# Per process and database: the version and index last built or read.
_gedeeld: dict[str, tuple[int, Facetindex]] = {}


def facetindex() -> Facetindex:
    """The index of the current data: from this process's memory, else the shared cache,
    else built (and then cached). Built afresh, uncached, in a transaction that has
    written (advies.gegevensversie)."""
    versie = gegevensversie.versie()
    if versie is None:
        return _bouw()
    bekend = _gedeeld.get(connection.alias)
    if bekend is not None and bekend[0] == versie:
        return bekend[1]
    # Only the current version is of use, and each process reads it once: not kept long.
    index = gegevensversie.gecachet("facetindex", (), _bouw, bewaartijd=120, nummer=versie)
    _gedeeld[connection.alias] = (versie, index)
    return index


def vergeet() -> None:
    """Forget the index this process holds (for tests that count a request's queries)."""
    _gedeeld.clear()


# --- counting ---------------------------------------------------------------------------------


def _filter(index: Facetindex, fs: AanbevelingFilter, dimensie: str) -> int:
    """The recommendations that pass the filter on ``dimensie``: any chosen value (for
    LEEG's value: none at all)."""
    gekozen = gekozen_waarden(fs, dimensie)
    bitmap = reduce(or_, (index.bitmap(dimensie, w) for w in gekozen), 0)
    if LEEG.get(dimensie) in gekozen:
        bitmap |= index.alle & ~index.met_waarde(dimensie)
    return bitmap


def _kern(index: Facetindex, fs: AanbevelingFilter) -> int | None:
    """The recommendations that pass the search, report and year range (KERNFILTERS);
    None when the search has more matches than are fetched."""
    kern = index.alle
    if fs.zoekterm:
        treffers = fs.treffers
        if treffers is None:
            return None
        kern &= _bitmap(treffers.bronnen)
    advies = fs.waarde("advies")
    if advies is not None:
        kern &= _bitmap(
            Aanbeveling.objects.filter(advies_id=advies.pk).values_list("pk", flat=True)
        )
    van, tot = fs.waarde("jaar_van"), fs.waarde("jaar_tot")
    if van is not None or tot is not None:
        jaren = [
            bitmap
            for jaar, (_, _, bitmap) in index.waarden.get("jaar", {}).items()
            if (van is None or int(jaar) >= van) and (tot is None or int(jaar) <= tot)
        ]
        kern &= reduce(or_, jaren, 0)
    return kern


def tel(fs: AanbevelingFilter) -> Indextelling | None:
    """The result set and every facet's counts for the filters of ``fs``: each dimension
    counted under every *other* filter (disjunctive), as advies.facetten does. None for a
    search with too many matches."""
    index = facetindex()
    kern = _kern(index, fs)
    if kern is None:
        return None
    actief = [d for d in FACETFILTERS if fs.is_actief(d)]
    filters = {d: _filter(index, fs, d) for d in actief}
    resultaat = reduce(lambda a, b: a & b, filters.values(), kern)
    tellingen: dict[str, Telling] = {}
    for dimensie in FACETFILTERS:
        if dimensie in filters:
            andere = (f for d, f in filters.items() if d != dimensie)
            basis = reduce(lambda a, b: a & b, andere, kern)
        else:
            basis = resultaat
        telling: Telling = {}
        for waarde, (naam, volgorde, bitmap) in index.waarden.get(dimensie, {}).items():
            aantal = (bitmap & basis).bit_count()
            if aantal:
                telling[waarde] = (*_optie(dimensie, waarde, naam, volgorde), aantal)
        leeg = LEEG.get(dimensie)
        if leeg is not None:  # the value of having none ("geen standpunt", "nee")
            zonder = (basis & ~index.met_waarde(dimensie)).bit_count()
            telling[leeg] = (*_optie(dimensie, leeg, None, None), zonder)
        tellingen[dimensie] = telling
    return Indextelling(index, resultaat, resultaat.bit_count(), tellingen)


__all__ = ["Facetindex", "Indextelling", "facetindex", "tel"]
