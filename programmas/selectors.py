"""Reads for the programme pages: the overview with its counts, and a programme's coverage.

Coverage: the recommendations, across all reports, answered by a response that links to the
programme, existing policy and new commitments apart. A link to a part of the programme
names the programme too (Programmakoppeling.clean keeps the part inside it), so filtering on
the programme finds both. As on the list and the dashboard, only responses in sent letters
count (advies.telregels): a draft is not yet the cabinet's answer.

Every read here costs a fixed number of queries whatever the number of recommendations: the
sections are paginated in the database (COUNT plus LIMIT/OFFSET on an EXISTS filter, no
DISTINCT) and only the rows of the page get their details, two queries per section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)

from advies.models import Aanbeveling
from advies.telregels import TELLENDE_BRIEFSTATUS
from adviesmonitor.boom import Knoop, bouw_boom
from programmas.models import Programma, Programmaonderdeel
from reacties.models import Koppelsoort, Programmakoppeling, Reactie

PAGINAGROOTTE = 50

# The two sections of a programme page, in this order: (soort, heading, anchor, page parameter)
SECTIES: tuple[tuple[str, str, str, str], ...] = (
    (Koppelsoort.BESTAAND, "Bestaand beleid", "bestaand-beleid", "pagina_bestaand"),
    (Koppelsoort.NIEUW, "Nieuwe toezegging", "nieuwe-toezegging", "pagina_nieuw"),
)


# --- the overview --------------------------------------------------------------------------


@dataclass
class Programmaregel:
    programma: Programma
    bestaand: int = 0
    nieuw: int = 0

    @property
    def onderdelen(self) -> int:
        return self.programma.aantal_onderdelen  # type: ignore[attr-defined]


def programma_overzicht() -> list[Programmaregel]:
    """Every programme with its number of parts and of recommendations it covers, per kind
    of link. Two queries."""
    programmas = (
        Programma.objects.select_related("eigenaar", "uitvoerder")
        .annotate(aantal_onderdelen=Count("onderdelen"))
        .order_by("naam")
    )
    tellingen = (
        Programmakoppeling.objects.filter(reactie__sectie__brief__status=TELLENDE_BRIEFSTATUS)
        .order_by()
        .values("programma_id", "soort")
        .annotate(n=Count("reactie__aanbevelingen", distinct=True))
        .values_list("programma_id", "soort", "n")
    )
    per_programma: dict[int, dict[str, int]] = {}
    for programma_id, soort, n in tellingen:
        per_programma.setdefault(programma_id, {})[soort] = n
    regels = []
    for programma in programmas:
        aantallen = per_programma.get(programma.pk, {})
        regels.append(
            Programmaregel(
                programma,
                bestaand=aantallen.get(Koppelsoort.BESTAAND, 0),
                nieuw=aantallen.get(Koppelsoort.NIEUW, 0),
            )
        )
    return regels


# --- one programme ---------------------------------------------------------------------------


def onderdelenboom(programma: Programma) -> list[Knoop[Programmaonderdeel]]:
    """The programme's parts as a tree, each level in its own order. One query."""
    onderdelen = Programmaonderdeel.objects.filter(programma=programma).order_by("volgorde")
    return bouw_boom(onderdelen, ouder=lambda o: o.bovenliggend_id)


def _koppelingen(programma: Programma, soort: str) -> QuerySet[Programmakoppeling]:
    """The programme's links of this kind in sent letters."""
    return Programmakoppeling.objects.filter(
        programma=programma, soort=soort, reactie__sectie__brief__status=TELLENDE_BRIEFSTATUS
    )


def aanbevelingen_bij_programma(programma: Programma, soort: str) -> QuerySet[Aanbeveling]:
    """The recommendations a response links to the programme (or a part of it) with this kind
    of link: newest report first, then in the order of the report."""
    koppelend = _koppelingen(programma, soort).filter(reactie__aanbevelingen=OuterRef("pk"))
    return (
        Aanbeveling.objects.filter(Exists(koppelend))
        .select_related("advies")
        .order_by(
            F("advies__publicatiedatum").desc(nulls_last=True),
            "advies__titel",
            "advies_id",
            "volgorde",
        )
    )


@dataclass
class Dekkingsregel:
    """One recommendation in a section: the parts it is linked to (empty: the programme as a
    whole) and the stances of the responses that link it."""

    aanbeveling: Aanbeveling
    onderdelen: list[Programmaonderdeel] = field(default_factory=list)
    hele_programma: bool = False
    standpunten: list[str] = field(default_factory=list)


@dataclass
class Dekking:
    soort: str
    kop: str
    anker: str
    parameter: str
    pagina: Page
    regels: list[Dekkingsregel]

    @property
    def aantal(self) -> int:
        return self.pagina.paginator.count


def dekking(programma: Programma, soort: str, paginanummer: object) -> Dekking:
    """One section of the programme page: one page of its recommendations with their details.
    Four queries (count, page, responses, links), or one for an empty section."""
    kop, anker, parameter = next(s[1:] for s in SECTIES if s[0] == soort)
    paginator = Paginator(aanbevelingen_bij_programma(programma, soort), PAGINAGROOTTE)
    pagina = paginator.get_page(paginanummer)
    aanbevelingen = list(pagina.object_list)
    pagina.object_list = aanbevelingen  # evaluated once; the template reads this list
    koppelende_reacties = (
        Reactie.objects.filter(
            Exists(_koppelingen(programma, soort).filter(reactie=OuterRef("pk")))
        )
        .only("pk", "standpunt")
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "koppelingen",
                queryset=_koppelingen(programma, soort)
                .select_related("onderdeel")
                .order_by("onderdeel__volgorde", "pk"),
                to_attr="hier",
            )
        )
    )
    prefetch_related_objects(
        aanbevelingen,
        Prefetch("reacties", queryset=koppelende_reacties, to_attr="koppelende_reacties"),
    )
    regels = []
    for aanbeveling in aanbevelingen:
        regel = Dekkingsregel(aanbeveling)
        for reactie in aanbeveling.koppelende_reacties:  # type: ignore[attr-defined]
            if reactie.standpunt not in regel.standpunten:
                regel.standpunten.append(reactie.standpunt)
            for koppeling in reactie.hier:
                if koppeling.onderdeel is None:
                    regel.hele_programma = True
                elif koppeling.onderdeel not in regel.onderdelen:
                    regel.onderdelen.append(koppeling.onderdeel)
        regels.append(regel)
    return Dekking(soort, kop, anker, parameter, pagina, regels)
