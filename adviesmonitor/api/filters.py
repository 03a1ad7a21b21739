"""The filters of the API's lists, and how each filter is described as a query parameter.

The recommendations use the analyst list's own FilterSet (``advies.filters``), so a filter
added there is a filter here and in the OpenAPI document at once. The other lists have a
small FilterSet each, below. ``parameters(...)`` turns any FilterSet's filters into
parameter descriptions (name, JSON Schema, whether it may come more than once); the
query-string reader and the OpenAPI document both use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django_filters import FilterSet

from advies.filters import MAX_JAAR, MIN_JAAR, JarenVeld, OnderdelenVeld
from advies.models import Advies, Raad
from adviesmonitor.api import zichtbaarheid
from programmas.models import Programma, ProgrammaSoort
from reacties.models import Reactie, Standpunt, Toezegging, Toezeggingstatus


class AdviesFilter(FilterSet):
    raad = django_filters.ModelMultipleChoiceFilter(
        label="Adviesraad, op afkorting (?raad=RVS); meerdere: een van die raden",
        queryset=Raad.objects.all(),
        to_field_name="afkorting",
        method="_raad",
    )

    class Meta:
        model = Advies
        fields: list[str] = []

    def _raad(self, qs: QuerySet, name: str, value) -> QuerySet:
        # EXISTS rather than a join: a report of two of the chosen councils comes once.
        if not value:
            return qs
        koppels = Advies.raden.through.objects.filter(advies_id=OuterRef("pk"), raad__in=value)
        return qs.filter(Exists(koppels))


class ReactieFilter(FilterSet):
    advies = django_filters.ModelChoiceFilter(
        label="Het advies waarop de reactie antwoordt, op sleutel",
        field_name="sectie__brief__advies",
        queryset=Advies.objects.all(),
        to_field_name="slug",
    )
    standpunt = django_filters.MultipleChoiceFilter(
        label="Standpunt van de reactie; meerdere: een van die standpunten",
        choices=Standpunt.choices,
        distinct=False,
    )

    class Meta:
        model = Reactie
        fields: list[str] = []


class ToezeggingFilter(FilterSet):
    advies = django_filters.ModelChoiceFilter(
        label="Het advies waarop de reactie met de toezegging antwoordt, op sleutel",
        field_name="reactie__sectie__brief__advies",
        queryset=Advies.objects.all(),
        to_field_name="slug",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status van de toezegging; meerdere: een van die statussen",
        choices=Toezeggingstatus.choices,
        distinct=False,
    )
    programma = django_filters.ModelMultipleChoiceFilter(
        label="Het programma dat de toezegging noemt, op sleutel; meerdere: een ervan",
        # django-filter compares the to_field value (the slug) with the field: so the slug.
        field_name="programma__slug",
        queryset=Programma.objects.all(),
        to_field_name="slug",
        distinct=False,
    )

    class Meta:
        model = Toezegging
        fields: list[str] = []


class ProgrammaFilter(FilterSet):
    soort = django_filters.MultipleChoiceFilter(
        label="Soort programma of instrument; meerdere: een van die soorten",
        choices=ProgrammaSoort.choices,
        distinct=False,
    )

    class Meta:
        model = Programma
        fields: list[str] = []


def beperk_keuzes(filterset: FilterSet, zicht: zichtbaarheid.Zicht) -> FilterSet:
    """Let the filters that name records accept only records the user may see: a value
    naming a hidden record is refused like an unknown one (the same 400), so the answer
    never tells whether it exists. Call before the form is built."""
    for filter_ in filterset.filters.values():
        queryset = getattr(filter_, "queryset", None)
        if queryset is None or callable(queryset):
            continue
        zichtbaar = zichtbaarheid.voor_model(queryset.model, zicht)
        if zichtbaar is not None:
            filter_.queryset = zichtbaar
            filter_.__dict__.pop("_field", None)  # a field built before would keep the old set
    return filterset


# --- filters as query parameters ------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    naam: str
    schema: dict[str, Any]
    beschrijving: str
    meervoudig: bool  # may come more than once (?jaar=2021&jaar=2022)


def _keuzes(filter_: django_filters.Filter) -> list[str]:
    keuzes = filter_.extra.get("choices", [])
    keuzes = keuzes() if callable(keuzes) else keuzes
    return [str(waarde) for waarde, _ in keuzes if waarde != ""]


def _keuzetekst(filter_: django_filters.Filter) -> str:
    keuzes = filter_.extra.get("choices", [])
    keuzes = keuzes() if callable(keuzes) else keuzes
    return "; ".join(f"{waarde}: {label}" for waarde, label in keuzes if waarde != "")


def _schema(filter_: django_filters.Filter) -> tuple[dict[str, Any], bool, str]:
    """(JSON Schema of one value or of the list, whether it repeats, extra description).

    Read from the filter's class and arguments, never from its form field, which would
    bind the field (and a model filter's queryset) before the view restricts it."""
    veld = filter_.field_class
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        return {"type": "array", "items": {"type": "string"}}, True, ""
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        return {"type": "string"}, False, ""
    if isinstance(filter_, django_filters.MultipleChoiceFilter):
        items = {"type": "string", "enum": _keuzes(filter_)}
        return {"type": "array", "items": items}, True, _keuzetekst(filter_)
    if isinstance(filter_, django_filters.ChoiceFilter):
        return {"type": "string", "enum": _keuzes(filter_)}, False, _keuzetekst(filter_)
    if issubclass(veld, JarenVeld):
        jaar = {"type": "integer", "minimum": MIN_JAAR, "maximum": MAX_JAAR}
        return {"type": "array", "items": jaar}, True, ""
    if issubclass(veld, OnderdelenVeld):
        # Looser than what is accepted (letters, digits, - and _ on both sides): the document
        # may allow more than the server, never less.
        deel = {"type": "string", "pattern": "^[^:]+:[^:]+$"}
        return {"type": "array", "items": deel}, True, "als programma:onderdeel"
    if veld.widget is forms.MultipleHiddenInput:
        return {"type": "array", "items": {"type": "string"}}, True, ""
    if issubclass(veld, forms.IntegerField):
        schema: dict[str, Any] = {"type": "integer"}
        if (minimum := filter_.extra.get("min_value")) is not None:
            schema["minimum"] = minimum
        if (maximum := filter_.extra.get("max_value")) is not None:
            schema["maximum"] = maximum
        return schema, False, ""
    return {"type": "string"}, False, ""


def parameters(filterset_class: type[FilterSet], zonder: tuple[str, ...] = ()) -> list[Parameter]:
    """Every filter of the FilterSet as a query parameter, in the FilterSet's order."""
    uit = []
    for naam, filter_ in filterset_class.base_filters.items():
        if naam in zonder:
            continue
        schema, meervoudig, extra = _schema(filter_)
        label = str(filter_.label or naam)
        uit.append(Parameter(naam, schema, f"{label} ({extra})" if extra else label, meervoudig))
    return uit
