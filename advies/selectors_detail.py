"""Reads for the detail pages of a recommendation and of a report.

Each page costs a fixed number of queries, whatever the number of recommendations, responses
or commitments: everything is fetched with select_related and prefetch_related here, and the
helpers below only arrange what was fetched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from advies.models import Aanbeveling, Advies
from adviesmonitor.boom import Knoop, bouw_boom
from adviesmonitor.richtext import sanitize
from reacties.models import (
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Toezegging,
    Toezeggingstatus,
)

# Commitments that still have to be met; past their deadline they are overdue (the same rule
# as the dashboard and the rappel).
OPENSTAAND = (Toezeggingstatus.OPEN, Toezeggingstatus.IN_UITVOERING)

# Responses newest letter first; within a letter in the letter's order.
REACTIEVOLGORDE = ("-sectie__brief__versie", "sectie__volgorde", "volgorde", "pk")


def aanbevelingen_voor_detail() -> QuerySet[Aanbeveling]:
    """Recommendations with everything their page shows. Eight queries for one."""
    reacties = (
        Reactie.objects.select_related("sectie__brief")
        .prefetch_related(
            Prefetch("aanbevelingen", queryset=Aanbeveling.objects.order_by("volgorde")),
            Prefetch(
                "koppelingen",
                queryset=Programmakoppeling.objects.select_related(
                    "programma", "onderdeel"
                ).order_by("programma__naam", "onderdeel__volgorde", "pk"),
            ),
            Prefetch(
                "toezeggingen",
                queryset=Toezegging.objects.select_related(
                    "ambtsdrager", "organisatie", "programma"
                ).order_by("volgorde", "pk"),
            ),
        )
        .order_by(*REACTIEVOLGORDE)
    )
    return Aanbeveling.objects.select_related("advies", "bovenliggend").prefetch_related(
        "advies__raden",
        "bestuurslagen",
        Prefetch("onderdelen", queryset=Aanbeveling.objects.order_by("volgorde")),
        Prefetch("reacties", queryset=reacties),
    )


def adviezen_voor_detail() -> QuerySet[Advies]:
    """Reports with their councils, recommendations (with the stance of every response to
    them) and letters. Five queries for one."""
    reacties = (
        Reactie.objects.select_related("sectie__brief")
        .defer("tekst", "sectie__tekst", "sectie__brief__opening", "sectie__brief__slot")
        .order_by(*REACTIEVOLGORDE)
    )
    return Advies.objects.prefetch_related(
        "raden",
        Prefetch(
            "aanbevelingen",
            queryset=Aanbeveling.objects.order_by("volgorde").prefetch_related(
                Prefetch("reacties", queryset=reacties)
            ),
        ),
        Prefetch("brieven", queryset=Reactiebrief.objects.order_by("versie")),
    )


# --- a recommendation --------------------------------------------------------------------


def einde_deadline(toezegging: Toezegging) -> dt.date | None:
    """The last day of the deadline: the date itself, or 31 December of the year."""
    if toezegging.deadline_datum:
        return toezegging.deadline_datum
    if toezegging.deadline_jaar:
        return dt.date(toezegging.deadline_jaar, 12, 31)
    return None


def is_te_laat(toezegging: Toezegging, peildatum: dt.date) -> bool:
    einde = einde_deadline(toezegging)
    return toezegging.status in OPENSTAAND and einde is not None and einde < peildatum


@dataclass
class Toezeggingregel:
    toezegging: Toezegging
    te_laat: bool


@dataclass
class Reactieweergave:
    reactie: Reactie
    tekst: SafeString
    samen_met: list[Aanbeveling]
    bestaand: list[Programmakoppeling] = field(default_factory=list)
    nieuw: list[Programmakoppeling] = field(default_factory=list)
    toezeggingen: list[Toezeggingregel] = field(default_factory=list)

    @property
    def brief(self) -> Reactiebrief:
        return self.reactie.sectie.brief


@dataclass
class Aanbevelingdetail:
    aanbeveling: Aanbeveling
    reacties: list[Reactieweergave]
    peildatum: dt.date


def aanbeveling_detail(
    aanbeveling: Aanbeveling, peildatum: dt.date | None = None
) -> Aanbevelingdetail:
    """The fetched recommendation (from aanbevelingen_voor_detail) arranged for its page;
    no queries."""
    peildatum = peildatum or timezone.localdate()
    weergaven = []
    for reactie in aanbeveling.reacties.all():
        weergave = Reactieweergave(
            reactie,
            # Stored sanitised already; sanitised again here, so no path around the field's
            # pre_save (a raw update, an old row) reaches the page unfiltered.
            tekst=mark_safe(sanitize(reactie.tekst)),
            samen_met=[a for a in reactie.aanbevelingen.all() if a.pk != aanbeveling.pk],
        )
        for koppeling in reactie.koppelingen.all():
            if koppeling.soort == Koppelsoort.NIEUW:
                weergave.nieuw.append(koppeling)
            else:
                weergave.bestaand.append(koppeling)
        weergave.toezeggingen = [
            Toezeggingregel(t, is_te_laat(t, peildatum)) for t in reactie.toezeggingen.all()
        ]
        weergaven.append(weergave)
    return Aanbevelingdetail(aanbeveling, weergaven, peildatum)


# --- a report ------------------------------------------------------------------------------


@dataclass
class Adviesdetail:
    advies: Advies
    boom: list[Knoop[Aanbeveling]]
    brieven: list[Reactiebrief]

    @property
    def meerdere_brieven(self) -> bool:
        return len(self.brieven) > 1


def advies_detail(advies: Advies) -> Adviesdetail:
    """The fetched report (from adviezen_voor_detail) arranged for its page: the
    recommendations as a tree of main advice and sub-recommendations. No queries."""
    aanbevelingen = list(advies.aanbevelingen.all())
    boom = bouw_boom(aanbevelingen, ouder=lambda a: a.bovenliggend_id)
    return Adviesdetail(advies, boom, list(advies.brieven.all()))
