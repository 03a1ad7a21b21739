"""One selector per resource: visibility first, then the filters, then a total order.

Filtering happens inside the visible set (never filter-then-hide), so counts, pages and
"does this filter value exist" all speak about what the reader may see. Every order ends
on a unique key, so pages never overlap or skip a row.

The recommendations go through the analyst list's FilterSet and its ordering
(``advies.filters.AanbevelingFilter``, ``advies.selectors.sortering`` / ``orden``): a
filter or sort order added there works here the same way.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import F, Model, QuerySet
from django.http import QueryDict
from django_filters import FilterSet

from advies import zoeken
from advies.filters import RELEVANTIE, AanbevelingFilter
from advies.models import Aanbeveling, Advies
from advies.selectors import orden, sortering
from adviesmonitor.api import zichtbaarheid
from adviesmonitor.api.antwoorden import niet_gevonden, parameterfout
from adviesmonitor.api.filters import (
    AdviesFilter,
    ProgrammaFilter,
    ReactieFilter,
    ToezeggingFilter,
    beperk_keuzes,
    parameters,
)
from adviesmonitor.api.parameters import filterfouten
from adviesmonitor.api.zichtbaarheid import Zicht
from programmas.models import Programma
from reacties.models import Reactie, Toezegging

M = TypeVar("M", bound=Model)

# The list's own page size is not a filter here: the API has its own (1-200).
AANBEVELING_ZONDER = ("per_pagina",)
# The largest id a BigAutoField holds; beyond it nothing can exist.
MAX_ID = 2**63 - 1

FILTERPARAMETERS = {
    "adviezen": parameters(AdviesFilter),
    "aanbevelingen": parameters(AanbevelingFilter, zonder=AANBEVELING_ZONDER),
    "reacties": parameters(ReactieFilter),
    "toezeggingen": parameters(ToezeggingFilter),
    "programmas": parameters(ProgrammaFilter),
}


def _gefilterd(filterset: FilterSet, zicht: Zicht) -> FilterSet:
    beperk_keuzes(filterset, zicht)
    if not filterset.is_valid():
        raise parameterfout(filterfouten(filterset.errors))
    return filterset


def adviezen(zicht: Zicht, params: QueryDict) -> QuerySet[Advies]:
    fs = _gefilterd(AdviesFilter(params, queryset=zichtbaarheid.adviezen(zicht)), zicht)
    return fs.qs.order_by(F("publicatiedatum").desc(nulls_last=True), "titel", "pk")


def aanbevelingen(zicht: Zicht, params: QueryDict) -> QuerySet[Aanbeveling]:
    """The analyst list's filters and order on the recommendations the reader may see."""
    fs = AanbevelingFilter(params, queryset=zichtbaarheid.aanbevelingen(zicht))
    _gefilterd(fs, zicht)
    volgorde = sortering(fs)
    relevantie = None
    if volgorde == RELEVANTIE:
        if fs.treffers is not None:  # fetched once: the weights come from those matches
            relevantie = zoeken.relevantie_uit(fs.treffers, fs.treffers.bronnen)
        else:
            relevantie = zoeken.relevantie(fs.zoekterm)
    return orden(fs.qs, volgorde, relevantie)


def reacties(zicht: Zicht, params: QueryDict) -> QuerySet[Reactie]:
    fs = _gefilterd(ReactieFilter(params, queryset=zichtbaarheid.reacties(zicht)), zicht)
    return fs.qs.order_by(
        F("sectie__brief__datum").desc(nulls_last=True),
        "sectie__brief_id",
        "sectie__volgorde",
        "volgorde",
        "pk",
    )


def toezeggingen(zicht: Zicht, params: QueryDict) -> QuerySet[Toezegging]:
    fs = _gefilterd(ToezeggingFilter(params, queryset=zichtbaarheid.toezeggingen(zicht)), zicht)
    return fs.qs.order_by(
        F("reactie__sectie__brief__datum").desc(nulls_last=True),
        "reactie__sectie__brief_id",
        "reactie__sectie__volgorde",
        "reactie__volgorde",
        "volgorde",
        "pk",
    )


def programmas(zicht: Zicht, params: QueryDict) -> QuerySet[Programma]:
    fs = _gefilterd(ProgrammaFilter(params, queryset=zichtbaarheid.programmas(zicht)), zicht)
    return fs.qs.order_by("naam", "pk")


# --- one object -------------------------------------------------------------------------------


def een(qs: QuerySet[M], boodschap: str, **sleutel: object) -> M:
    """The one visible object with this key; 404 (the same for hidden and for unknown)."""
    for waarde in sleutel.values():
        if isinstance(waarde, int) and not 1 <= waarde <= MAX_ID:
            raise niet_gevonden(boodschap)
    obj = qs.filter(**sleutel).first()
    if obj is None:
        raise niet_gevonden(boodschap)
    return obj
