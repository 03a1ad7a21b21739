"""The filters of the recommendation list (``/aanbevelingen/``), as one django-filter FilterSet.

Every state is a query parameter, so a URL can be bookmarked and shared:

=====================  =====================================================================
``bestuurslaag``       level, by slug; several: any of them (``?bestuurslaag=gemeente``)
``raad``               council of the report, by abbreviation (``?raad=RVS``); several: any
``advies``             one report, by its slug
``jaar``               publication year of the report; several: any (``?jaar=2021&jaar=2022``)
``jaar_van``           published in or after this year (``?jaar_van=2020``: since 2020)
``jaar_tot``           published in or before this year
``programma``          a programme a response links to, by slug; several: any
``onderdeel``          a programme part a response links to, as ``<programma-slug>:<sleutel>``
                       of the part (``?onderdeel=een-tegen-eenzaamheid:actielijn-3``); only
                       that part, not the parts below it; several: any
``standpunt``          the stance of a response (``niet_overgenomen``), or ``geen``: no
                       response gives one; several: any
``toezeggingstatus``   the status of a commitment in a response (``open``); several: any
``nieuwe_toezegging``  ``ja`` or ``nee``: whether a response commits to something new, either
                       as a recorded commitment or as a programme link of the kind
                       *nieuwe toezegging*
``q``                  search words (see ``advies.zoeken``)
``sorteer``            ``relevantie`` (the default while searching), ``-publicatiedatum`` (the
                       default otherwise), ``publicatiedatum`` or ``advies``
``per_pagina``         25 (default), 50 or 100
=====================  =====================================================================

Different parameters narrow each other down (AND); several values of one parameter widen
it (OR). Only responses in sent letters count (``advies.telregels``).

Every filter is an EXISTS or IN subquery or a condition on the report (one per
recommendation), never a join to a many-valued relation: no row comes out twice, so no
DISTINCT is needed, and the database can choose a semi-join. ``gefilterd(zonder=…)`` gives
the queryset with all filters except some, for the facet counts; ``voorwaarde(naam, …)``
one filter's condition.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cached_property

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet

from advies import gegevensversie, zoeken
from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from advies.telregels import tellende_koppels
from advies.zoeken import IdIn
from programmas.models import Programma, Programmaonderdeel
from reacties.models import Koppelsoort, Programmakoppeling, Standpunt, Toezegging
from reacties.models import Toezeggingstatus as TS

GEEN_STANDPUNT = "geen"
STANDPUNTKEUZES = [*Standpunt.choices, (GEEN_STANDPUNT, "geen standpunt")]
JA, NEE = "ja", "nee"

RELEVANTIE = "relevantie"
NIEUWSTE = "-publicatiedatum"
SORTERINGEN = [
    (RELEVANTIE, "relevantie (bij zoeken)"),
    (NIEUWSTE, "nieuwste advies eerst"),
    ("publicatiedatum", "oudste advies eerst"),
    ("advies", "titel van het advies (A–Z)"),
]
PAGINAGROOTTES = (25, 50, 100)
STANDAARD_PER_PAGINA = PAGINAGROOTTES[0]

MIN_JAAR, MAX_JAAR = 1900, 2200
# Search matches up to this many are fetched once per page and passed on as ids; above it,
# the search is a subquery of every query (slower, but the ids would cost more to pass).
MAX_TREFFERS = 50_000

# The dimensions with facet counts (each counted under the other filters); the other
# filters (q, advies, jaar_van, jaar_tot) narrow every count.
FACETFILTERS = (
    "bestuurslaag",
    "raad",
    "jaar",
    "programma",
    "onderdeel",
    "standpunt",
    "toezeggingstatus",
    "nieuwe_toezegging",
)
KERNFILTERS = ("q", "advies", "jaar_van", "jaar_tot")
# State in the URL that is no filter: how the rows are shown.
WEERGAVE = ("sorteer", "per_pagina")
_ONDERDEEL = re.compile(r"^([-\w]+):([-\w]+)$")


# --- fields for parameters that come more than once -----------------------------------------


class _MeerdereWaarden(forms.Field):
    """A parameter that may come more than once (``?jaar=2021&jaar=2022``)."""

    widget = forms.MultipleHiddenInput

    def lees(self, waarde: str):
        raise NotImplementedError

    def to_python(self, value) -> list:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        uit = []
        for w in value:
            if str(w).strip() == "":
                continue
            gelezen = self.lees(str(w).strip())
            if gelezen not in uit:
                uit.append(gelezen)
        return uit


class JarenVeld(_MeerdereWaarden):
    def lees(self, waarde: str) -> int:
        try:
            jaar = int(waarde)
        except ValueError:
            raise ValidationError(f"‘{waarde}’ is geen jaartal.", code="ongeldig") from None
        if not MIN_JAAR <= jaar <= MAX_JAAR:
            raise ValidationError(f"‘{waarde}’ is geen geldig jaartal.", code="ongeldig")
        return jaar


class OnderdelenVeld(_MeerdereWaarden):
    def lees(self, waarde: str) -> tuple[str, str]:
        treffer = _ONDERDEEL.match(waarde)
        if not treffer:
            raise ValidationError(
                f"‘{waarde}’ is geen programmaonderdeel; gebruik programma:onderdeel.",
                code="ongeldig",
            )
        return treffer.group(1), treffer.group(2)


class JarenFilter(django_filters.Filter):
    field_class = JarenVeld


class OnderdelenFilter(django_filters.Filter):
    field_class = OnderdelenVeld


class JaarFilter(django_filters.Filter):
    field_class = forms.IntegerField


# --- the conditions ---------------------------------------------------------------------


def via_reactie(**voorwaarden) -> Exists:
    """EXISTS a response in a sent letter to this recommendation that meets the conditions
    (lookups from the response–recommendation table, such as ``reactie__standpunt``)."""
    return Exists(tellende_koppels().filter(aanbeveling_id=OuterRef("pk"), **voorwaarden))


def met_standpunt() -> Exists:
    """A response in a sent letter gives this recommendation a stance."""
    return Exists(
        tellende_koppels().filter(aanbeveling_id=OuterRef("pk")).exclude(reactie__standpunt="")
    )


def met_nieuwe_toezegging() -> Exists:
    """A response in a sent letter commits to something new: it holds a recorded commitment,
    or links to a programme as a new commitment."""
    nieuw = Q(Exists(Toezegging.objects.filter(reactie_id=OuterRef("reactie_id")))) | Q(
        Exists(
            Programmakoppeling.objects.filter(
                reactie_id=OuterRef("reactie_id"), soort=Koppelsoort.NIEUW
            )
        )
    )
    return Exists(tellende_koppels().filter(nieuw, aanbeveling_id=OuterRef("pk")))


def _ids(objecten) -> list[int]:
    return [o.pk for o in objecten]


class AanbevelingFilter(django_filters.FilterSet):
    bestuurslaag = django_filters.ModelMultipleChoiceFilter(
        label="Bestuurslaag",
        queryset=Bestuurslaag.objects.all(),
        to_field_name="slug",
        method="pas_toe",
    )
    raad = django_filters.ModelMultipleChoiceFilter(
        label="Adviesraad",
        queryset=Raad.objects.all(),
        to_field_name="afkorting",
        method="pas_toe",
    )
    advies = django_filters.ModelChoiceFilter(
        label="Advies", queryset=Advies.objects.all(), to_field_name="slug", method="pas_toe"
    )
    jaar = JarenFilter(label="Jaar van publicatie", method="pas_toe")
    jaar_van = JaarFilter(
        label="Gepubliceerd vanaf", method="pas_toe", min_value=MIN_JAAR, max_value=MAX_JAAR
    )
    jaar_tot = JaarFilter(
        label="Gepubliceerd tot en met",
        method="pas_toe",
        min_value=MIN_JAAR,
        max_value=MAX_JAAR,
    )
    programma = django_filters.ModelMultipleChoiceFilter(
        label="Programma",
        queryset=Programma.objects.all(),
        to_field_name="slug",
        method="pas_toe",
    )
    onderdeel = OnderdelenFilter(label="Programmaonderdeel", method="pas_toe")
    standpunt = django_filters.MultipleChoiceFilter(
        label="Standpunt", choices=STANDPUNTKEUZES, method="pas_toe"
    )
    toezeggingstatus = django_filters.MultipleChoiceFilter(
        label="Status van de toezegging", choices=TS.choices, method="pas_toe"
    )
    nieuwe_toezegging = django_filters.ChoiceFilter(
        label="Nieuwe toezegging",
        choices=[(JA, "ja"), (NEE, "nee")],
        method="pas_toe",
    )
    q = django_filters.CharFilter(label="Zoeken", method="pas_toe")
    # Not filters but part of the state; validated here, applied by the selector.
    sorteer = django_filters.ChoiceFilter(
        label="Sorteren", choices=SORTERINGEN, method="niets_filteren"
    )
    per_pagina = django_filters.ChoiceFilter(
        label="Per pagina",
        choices=[(str(n), str(n)) for n in PAGINAGROOTTES],
        method="niets_filteren",
    )

    class Meta:
        model = Aanbeveling
        fields: list[str] = []

    # --- the filters: one method applies the condition of each ----------------------------------

    def pas_toe(self, qs: QuerySet, name: str, value) -> QuerySet:
        conditie = self.voorwaarde(name, value)
        return qs if conditie is None else qs.filter(conditie)

    def niets_filteren(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs

    def voorwaarde(self, naam: str, value) -> Q | Exists | IdIn | None:
        """The condition of one filter on a recommendation; None for no condition."""
        if naam in WEERGAVE or value in (None, "", [], ()):
            return None
        if isinstance(value, QuerySet) and not value:
            return None
        if naam == "q":
            return self._zoekvoorwaarde()
        return getattr(self, f"_voorwaarde_{naam}")(value)

    def _voorwaarde_bestuurslaag(self, value) -> Exists:
        return Exists(
            Aanbeveling.bestuurslagen.through.objects.filter(
                aanbeveling_id=OuterRef("pk"), bestuurslaag_id__in=_ids(value)
            )
        )

    def _voorwaarde_raad(self, value) -> Exists:
        return Exists(
            Advies.raden.through.objects.filter(
                advies_id=OuterRef("advies_id"), raad_id__in=_ids(value)
            )
        )

    def _voorwaarde_advies(self, value) -> Q:
        return Q(advies_id=value.pk)

    def _voorwaarde_jaar(self, value) -> Q:
        q = Q()
        for jaar in value:
            q |= Q(advies__publicatiedatum__year=jaar)
        return q

    def _voorwaarde_jaar_van(self, value) -> Q:
        return Q(advies__publicatiedatum__year__gte=value)

    def _voorwaarde_jaar_tot(self, value) -> Q:
        return Q(advies__publicatiedatum__year__lte=value)

    def _voorwaarde_programma(self, value) -> Exists:
        return via_reactie(reactie__koppelingen__programma_id__in=_ids(value))

    def _voorwaarde_onderdeel(self, value) -> Exists:
        welke = Q()
        for programma, sleutel in value:
            welke |= Q(programma__slug=programma, sleutel=sleutel)
        onderdelen = Programmaonderdeel.objects.filter(welke).order_by().values("pk")
        return via_reactie(reactie__koppelingen__onderdeel_id__in=onderdelen)

    def _voorwaarde_standpunt(self, value) -> Q:
        echte = [s for s in value if s != GEEN_STANDPUNT]
        q = Q()
        if echte:
            q |= Q(via_reactie(reactie__standpunt__in=echte))
        if GEEN_STANDPUNT in value:
            q |= ~Q(met_standpunt())
        return q

    def _voorwaarde_toezeggingstatus(self, value) -> Exists:
        return via_reactie(reactie__toezeggingen__status__in=value)

    def _voorwaarde_nieuwe_toezegging(self, value) -> Q | None:
        if value == JA:
            return Q(met_nieuwe_toezegging())
        if value == NEE:
            return ~Q(met_nieuwe_toezegging())
        return None

    def _zoekvoorwaarde(self) -> Q | IdIn | None:
        term = self.zoekterm
        if not term:
            return None
        if self.treffers is not None:
            return IdIn("pk", self.treffers.ids)
        return Q(pk__in=zoeken.zoek_filter(Aanbeveling.objects.all(), term).values("pk"))

    @cached_property
    def treffers(self) -> zoeken.Zoektreffers | None:
        """The search matches, fetched once (one query) when there are at most
        MAX_TREFFERS; None without a search term or with more matches, and then the search
        is a subquery of every query instead."""
        term = self.zoekterm
        if not term:
            return None
        # Per term and data version from the cache: every filter combined with the same
        # search starts from the same matches (advies.gegevensversie).
        return gegevensversie.gecachet(
            "zoektreffers", (term, MAX_TREFFERS), lambda: zoeken.zoektreffers(term, MAX_TREFFERS)
        )

    # --- for the selector ----------------------------------------------------------------

    def is_actief(self, naam: str) -> bool:
        if naam == "q":  # without fetching the matches, which may come from the cache
            return bool(self.zoekterm)
        return self.voorwaarde(naam, self.waarde(naam)) is not None

    def gefilterd(self, zonder: Collection[str] = ()) -> QuerySet[Aanbeveling]:
        """The queryset with every valid filter applied except those named in ``zonder``
        (for the facet counts: each dimension counted under all other filters). Invalid
        values are left out, as in ``qs``."""
        self.errors  # noqa: B018 - validates the form
        qs = self.queryset.all()
        for naam, waarde in self.form.cleaned_data.items():
            if naam not in zonder:
                qs = self.filters[naam].filter(qs, waarde)
        return qs

    def waarde(self, naam: str):
        """The cleaned value of a parameter; None when it was absent or invalid."""
        self.errors  # noqa: B018 - validates the form
        return self.form.cleaned_data.get(naam)

    @property
    def zoekterm(self) -> str:
        return zoeken.schoon(self.waarde("q"))
