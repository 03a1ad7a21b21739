"""Reads for the analyst pages: the dashboard and the reminder list (rappel).

Everything is counted in the database (``values().annotate()`` with ``Count``, ``Case`` and
``When``), so each function runs a fixed number of queries whatever the amount of data.

Definitions, also explained on the pages:

- Only letters with status *verzonden* count: a draft is not yet the cabinet's answer, so
  its stances and commitments are left out until it is sent.
- A recommendation's stance is that of its response in the newest sent letter version
  that gives it a stance; without one it counts as "geen standpunt".
- Adoption rate = (overgenomen + ½ × deels overgenomen) / recommendations with a stance
  (any of the five stances).
- A commitment is overdue when its deadline has passed (a deadline date before today; a
  deadline year counts as passed after 31 December of that year) and it is still open or
  in progress (not voldaan, not vervallen).
- A report's reply is due ``ANTWOORDTERMIJN_DAGEN`` days after its receipt date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from advies.models import Aanbeveling, Advies
from programmas.models import Ministerie
from reacties.models import Briefstatus, Reactie, Reactiebrief, Standpunt, Toezegging
from reacties.models import Toezeggingstatus as TS

# The letter status whose content counts as the cabinet's answer.
TELLENDE_BRIEFSTATUS = Briefstatus.VERZONDEN

GEEN_STANDPUNT = ""
STANDPUNTEN: tuple[str, ...] = (*Standpunt.values, GEEN_STANDPUNT)
STANDPUNT_LABELS: dict[str, str] = {**dict(Standpunt.choices), GEEN_STANDPUNT: "geen standpunt"}

OPENSTAAND = (TS.OPEN, TS.IN_UITVOERING)

# How many overdue reports the dashboard lists; the counts above the list are complete.
MAX_TE_LAAT = 200


def vandaag() -> dt.date:
    return timezone.localdate()


def antwoordtermijn() -> int:
    return settings.ANTWOORDTERMIJN_DAGEN


# --- stances -------------------------------------------------------------------------------


@dataclass
class Standpunttelling:
    """How many recommendations got each stance (keys: STANDPUNTEN)."""

    aantallen: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANDPUNTEN, 0))

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    @property
    def met_standpunt(self) -> int:
        return self.totaal - self.aantallen[GEEN_STANDPUNT]

    @property
    def overnamegraad(self) -> float | None:
        """(overgenomen + ½ × deels overgenomen) / with a stance; None without any stance."""
        if not self.met_standpunt:
            return None
        punten = self.aantallen[Standpunt.OVERGENOMEN] + 0.5 * self.aantallen[Standpunt.DEELS]
        return punten / self.met_standpunt

    @property
    def rij(self) -> list[int]:
        """The counts in the order of STANDPUNTEN."""
        return [self.aantallen[s] for s in STANDPUNTEN]


@dataclass
class Standpuntgroep:
    label: str
    telling: Standpunttelling


# The link between a response and a recommendation (the M2M table Reactie.aanbevelingen).
Koppeling = Reactie.aanbevelingen.through


def _koppelingen_met_standpunt() -> QuerySet:
    """Links from a response with a stance in a sent letter."""
    return Koppeling.objects.filter(reactie__sectie__brief__status=TELLENDE_BRIEFSTATUS).exclude(
        reactie__standpunt=""
    )


def _beslissende_koppelingen() -> QuerySet:
    """Per recommendation at most one link: the one that decides its stance, from the
    newest letter version (the latest response within it on a tie).

    Written as NOT EXISTS (a newer link for the same recommendation) rather than a
    correlated "newest first, LIMIT 1" subquery per recommendation: the database runs it
    as one hash anti-join, which stays fast at 100,000 recommendations.
    """
    versie = "reactie__sectie__brief__versie"
    nieuwer = (
        _koppelingen_met_standpunt()
        .filter(aanbeveling=OuterRef("aanbeveling"))
        .filter(
            Q(**{f"{versie}__gt": OuterRef(versie)})
            | Q(**{versie: OuterRef(versie)}, reactie_id__gt=OuterRef("reactie_id"))
        )
    )
    return _koppelingen_met_standpunt().filter(~Exists(nieuwer)).order_by()


# Deciding stances counted per group: kind ("totaal", "laag", "raad") -> level or council id
# (None: the recommendation has none) -> stance -> number of recommendations.
Beslist = dict[str, dict[int | None, dict[str, int]]]


def beslist() -> Beslist:
    """The deciding stance of every recommendation, counted in total, per level and per
    council, in one statement: the deciding links (an anti-join over every link) are
    computed once, as a CTE, instead of once per grouping (at 100,000 recommendations some
    700 ms less for the dashboard). Levels and councils by LEFT JOIN, so a recommendation
    without one counts under None, as the groups of all recommendations do."""
    sql, params = (
        _beslissende_koppelingen()
        .values("aanbeveling_id", "reactie__standpunt")
        .query.sql_with_params()
    )
    q = connection.ops.quote_name
    lagen = q(Aanbeveling.bestuurslagen.through._meta.db_table)
    raden = q(Advies.raden.through._meta.db_table)
    aanbeveling = q(Aanbeveling._meta.db_table)
    gematerialiseerd = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH beslissend (a, s) AS {gematerialiseerd}({sql}) "
            "SELECT 'totaal', NULL, s, COUNT(*) FROM beslissend GROUP BY s "
            "UNION ALL "
            f"SELECT 'laag', ab.bestuurslaag_id, b.s, COUNT(*) FROM beslissend b "
            f"LEFT JOIN {lagen} ab ON ab.aanbeveling_id = b.a GROUP BY ab.bestuurslaag_id, b.s "
            "UNION ALL "
            f"SELECT 'raad', ar.raad_id, b.s, COUNT(*) FROM beslissend b "
            f"JOIN {aanbeveling} x ON x.id = b.a "
            f"LEFT JOIN {raden} ar ON ar.advies_id = x.advies_id GROUP BY ar.raad_id, b.s",
            params,
        )
        rijen = cursor.fetchall()
    uit: Beslist = {"totaal": {}, "laag": {}, "raad": {}}
    for soort, groep, standpunt, aantal in rijen:
        uit[soort].setdefault(groep, {})[standpunt] = aantal
    return uit


def _tel(
    sleutel: str, velden: tuple[str, ...], label, volgorde, beslist: dict
) -> list[Standpuntgroep]:
    """Stances grouped by ``sleutel`` (a path from Aanbeveling, e.g. ``bestuurslagen__id``)
    with ``velden`` for its label: all recommendations per group (one query), of which
    ``beslist`` (group -> stance -> number) have a stance."""
    paden = (sleutel, *velden)
    alle = Aanbeveling.objects.order_by().values(*paden).annotate(n=Count("pk"))
    groepen: dict[object, Standpuntgroep] = {}
    for rij in sorted(alle, key=volgorde):
        telling = Standpunttelling()
        telling.aantallen[GEEN_STANDPUNT] = rij["n"]
        groepen[rij[sleutel]] = Standpuntgroep(label(rij), telling)
    for groep_id, per_standpunt in beslist.items():
        groep = groepen.get(groep_id)
        if groep is None:  # added between the two queries; the next view counts it
            continue
        for standpunt, aantal in per_standpunt.items():
            _boek(groep.telling, standpunt, aantal)
    return list(groepen.values())


def _boek(telling: Standpunttelling, standpunt: str, aantal: int) -> None:
    """Move ``aantal`` recommendations from "geen standpunt" to ``standpunt``."""
    telling.aantallen[standpunt] += aantal
    # Never below zero, should a write land between the two queries.
    telling.aantallen[GEEN_STANDPUNT] = max(0, telling.aantallen[GEEN_STANDPUNT] - aantal)


def standpunten_totaal(tellingen: Beslist | None = None) -> Standpunttelling:
    """Every recommendation once, by stance. Two queries (one with ``tellingen``, the
    result of ``beslist()``)."""
    tellingen = tellingen if tellingen is not None else beslist()
    telling = Standpunttelling()
    telling.aantallen[GEEN_STANDPUNT] = Aanbeveling.objects.count()
    for standpunt, aantal in tellingen["totaal"].get(None, {}).items():
        _boek(telling, standpunt, aantal)
    return telling


def standpunten_per_bestuurslaag(tellingen: Beslist | None = None) -> list[Standpuntgroep]:
    """Per level, by stance; a recommendation aimed at two levels counts at both. Two
    queries (one with ``tellingen``, the result of ``beslist()``)."""
    tellingen = tellingen if tellingen is not None else beslist()
    return _tel(
        "bestuurslagen__id",
        ("bestuurslagen__naam", "bestuurslagen__volgorde"),
        label=lambda r: r["bestuurslagen__naam"] or "zonder bestuurslaag",
        volgorde=lambda r: (
            r["bestuurslagen__id"] is None,
            r["bestuurslagen__volgorde"] or 0,
            r["bestuurslagen__naam"] or "",
        ),
        beslist=tellingen["laag"],
    )


def standpunten_per_raad(tellingen: Beslist | None = None) -> list[Standpuntgroep]:
    """Per council, by stance; a report of two councils counts at both. Two queries (one
    with ``tellingen``, the result of ``beslist()``)."""
    tellingen = tellingen if tellingen is not None else beslist()
    return _tel(
        "advies__raden__id",
        ("advies__raden__naam", "advies__raden__afkorting"),
        label=lambda r: (
            f"{r['advies__raden__naam']} ({r['advies__raden__afkorting']})"
            if r["advies__raden__id"] is not None
            else "zonder adviesraad"
        ),
        volgorde=lambda r: (r["advies__raden__id"] is None, r["advies__raden__afkorting"] or ""),
        beslist=tellingen["raad"],
    )


# --- commitments ---------------------------------------------------------------------------


def _toezeggingen() -> QuerySet[Toezegging]:
    """Commitments made in sent letters."""
    return Toezegging.objects.filter(reactie__sectie__brief__status=TELLENDE_BRIEFSTATUS)


def achterstallig(peildatum: dt.date) -> Q:
    """Still open or in progress, and the deadline has passed on ``peildatum``."""
    verstreken = Q(deadline_datum__lt=peildatum) | Q(deadline_jaar__lt=peildatum.year)
    return Q(status__in=OPENSTAAND) & verstreken


def verstreken_deadline(toezegging: Toezegging) -> dt.date | None:
    """The last day of the deadline: the date itself, or 31 December of the year."""
    if toezegging.deadline_datum:
        return toezegging.deadline_datum
    if toezegging.deadline_jaar:
        return dt.date(toezegging.deadline_jaar, 12, 31)
    return None


@dataclass
class Statusaantal:
    status: str
    label: str
    aantal: int


def toezeggingen_per_status() -> list[Statusaantal]:
    """Every status with its count (zero included). One query."""
    aantallen = dict(
        _toezeggingen()
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("status", "n")
    )
    return [Statusaantal(s, label, aantallen.get(s, 0)) for s, label in TS.choices]


@dataclass
class Ambtsdragertelling:
    ambtsdrager_id: int | None
    label: str
    aantal: int


def _ambtsdragerlabel(titel: str | None, naam: str | None) -> str:
    if not titel:
        return "geen verantwoordelijke ambtsdrager vastgelegd"
    return f"{titel} ({naam})" if naam else titel


def achterstallig_per_ambtsdrager(peildatum: dt.date) -> list[Ambtsdragertelling]:
    """Overdue commitments per responsible office holder, most first. One query."""
    rijen = (
        _toezeggingen()
        .filter(achterstallig(peildatum))
        .values("ambtsdrager__id", "ambtsdrager__titel", "ambtsdrager__naam")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tellingen = [
        Ambtsdragertelling(
            r["ambtsdrager__id"],
            _ambtsdragerlabel(r["ambtsdrager__titel"], r["ambtsdrager__naam"]),
            r["n"],
        )
        for r in rijen
    ]
    tellingen.sort(key=lambda t: (-t.aantal, t.ambtsdrager_id is None, t.label))
    return tellingen


# --- reply terms ---------------------------------------------------------------------------

BEANTWOORD = "beantwoord"
LAAT_BEANTWOORD = "laat_beantwoord"
LOPEND = "lopend"
TE_LAAT = "te_laat"
ONBEKEND = "onbekend"

TERMIJN_LABELS: dict[str, str] = {
    BEANTWOORD: "op tijd beantwoord",
    LAAT_BEANTWOORD: "te laat beantwoord",
    LOPEND: "nog open, binnen de termijn",
    TE_LAAT: "nog open, termijn verstreken",
    ONBEKEND: "nog open, geen ontvangstdatum",
}


@dataclass
class TeLaatAdvies:
    advies: Advies
    uiterste_datum: dt.date
    verzonden_op: dt.date | None
    dagen_te_laat: int
    brief_id: int | None

    @property
    def beantwoord(self) -> bool:
        return self.verzonden_op is not None


@dataclass
class Termijnoverzicht:
    termijn_dagen: int
    peildatum: dt.date
    aantallen: list[Statusaantal]
    te_laat: list[TeLaatAdvies]
    te_laat_totaal: int

    @property
    def ingekort(self) -> bool:
        return self.te_laat_totaal > len(self.te_laat)


def _adviezen_met_termijn(peildatum: dt.date, termijn: int) -> QuerySet[Advies]:
    verzonden = Reactiebrief.objects.filter(advies=OuterRef("pk"), status=TELLENDE_BRIEFSTATUS)
    eerste_verzending = verzonden.exclude(datum=None).order_by("datum").values("datum")[:1]
    nieuwste_brief = Reactiebrief.objects.filter(advies=OuterRef("pk")).order_by("-versie")
    grens = peildatum - dt.timedelta(days=termijn)  # received before this: reply is overdue
    return Advies.objects.annotate(
        heeft_verzonden=Exists(verzonden),
        verzonden_op=Subquery(eerste_verzending, output_field=DateField()),
        uiterste=ExpressionWrapper(
            F("ontvangstdatum") + dt.timedelta(days=termijn), output_field=DateField()
        ),
        nieuwste_brief_id=Subquery(nieuwste_brief.values("pk")[:1]),
        categorie=Case(
            When(heeft_verzonden=True, verzonden_op__gt=F("uiterste"), then=Value(LAAT_BEANTWOORD)),
            When(heeft_verzonden=True, then=Value(BEANTWOORD)),
            When(ontvangstdatum__isnull=True, then=Value(ONBEKEND)),
            When(ontvangstdatum__lt=grens, then=Value(TE_LAAT)),
            default=Value(LOPEND),
            output_field=CharField(),
        ),
    ).order_by()


def antwoordtermijnen(peildatum: dt.date, termijn: int) -> Termijnoverzicht:
    """Reports by reply status, and those past their term. Three queries (one for the
    councils of the listed reports)."""
    adviezen = _adviezen_met_termijn(peildatum, termijn)
    aantallen = dict(
        adviezen.values("categorie").annotate(n=Count("pk")).values_list("categorie", "n")
    )
    te_laat_qs = (
        adviezen.filter(categorie__in=[TE_LAAT, LAAT_BEANTWOORD])
        .prefetch_related("raden")
        .order_by(F("heeft_verzonden").asc(), "ontvangstdatum", "titel")[:MAX_TE_LAAT]
    )
    te_laat = []
    for advies in te_laat_qs:
        uiterste = advies.ontvangstdatum + dt.timedelta(days=termijn)
        tot = advies.verzonden_op if advies.heeft_verzonden else peildatum
        te_laat.append(
            TeLaatAdvies(
                advies=advies,
                uiterste_datum=uiterste,
                verzonden_op=advies.verzonden_op if advies.heeft_verzonden else None,
                dagen_te_laat=(tot - uiterste).days,
                brief_id=advies.nieuwste_brief_id,
            )
        )
    te_laat.sort(key=lambda t: (t.beantwoord, -t.dagen_te_laat))
    return Termijnoverzicht(
        termijn_dagen=termijn,
        peildatum=peildatum,
        aantallen=[
            Statusaantal(k, label, aantallen.get(k, 0)) for k, label in TERMIJN_LABELS.items()
        ],
        te_laat=te_laat,
        te_laat_totaal=aantallen.get(TE_LAAT, 0) + aantallen.get(LAAT_BEANTWOORD, 0),
    )


# --- the dashboard as a whole --------------------------------------------------------------


@dataclass
class Dashboard:
    peildatum: dt.date
    totaal: Standpunttelling
    per_bestuurslaag: list[Standpuntgroep]
    per_raad: list[Standpuntgroep]
    toezeggingen: list[Statusaantal]
    achterstallig: list[Ambtsdragertelling]
    termijnen: Termijnoverzicht

    @property
    def achterstallig_totaal(self) -> int:
        return sum(t.aantal for t in self.achterstallig)


def dashboard(peildatum: dt.date | None = None, termijn: int | None = None) -> Dashboard:
    """All figures of the dashboard, in a fixed number of queries. (The page caches them,
    rendered, per data version: reacties.views_analyse.)"""
    peildatum = peildatum or vandaag()
    termijn = antwoordtermijn() if termijn is None else termijn
    tellingen = beslist()
    return Dashboard(
        peildatum=peildatum,
        totaal=standpunten_totaal(tellingen),
        per_bestuurslaag=standpunten_per_bestuurslaag(tellingen),
        per_raad=standpunten_per_raad(tellingen),
        toezeggingen=toezeggingen_per_status(),
        achterstallig=achterstallig_per_ambtsdrager(peildatum),
        termijnen=antwoordtermijnen(peildatum, termijn),
    )


# --- the reminder list (rappel) ------------------------------------------------------------


@dataclass
class Rappelregel:
    toezegging: Toezegging
    deadline: dt.date
    dagen_te_laat: int

    @property
    def brief(self) -> Reactiebrief:
        return self.toezegging.reactie.sectie.brief


@dataclass
class Rappelgroep:
    ambtsdrager_id: int | None
    titel: str
    naam: str
    ministerie: str
    regels: list[Rappelregel]


def rappel(peildatum: dt.date | None = None, ministerie: str | None = None) -> list[Rappelgroep]:
    """Per office holder, their open commitments past the deadline, most overdue first.
    ``ministerie`` (an abbreviation) keeps one ministry's office holders. One query."""
    peildatum = peildatum or vandaag()
    toezeggingen = (
        _toezeggingen()
        .filter(achterstallig(peildatum))
        .select_related(
            "ambtsdrager__ministerie", "reactie__sectie__brief__advies", "organisatie", "programma"
        )
        .order_by("ambtsdrager__titel", "ambtsdrager__naam", "ambtsdrager__id", "pk")
    )
    if ministerie:
        toezeggingen = toezeggingen.filter(ambtsdrager__ministerie__afkorting=ministerie)
    groepen: list[Rappelgroep] = []
    for ambtsdrager_id, rij in groupby(toezeggingen, key=lambda t: t.ambtsdrager_id):
        rij = list(rij)
        drager = rij[0].ambtsdrager
        regels = []
        for toezegging in rij:
            deadline = verstreken_deadline(toezegging)
            regels.append(Rappelregel(toezegging, deadline, (peildatum - deadline).days))
        regels.sort(key=lambda r: (-r.dagen_te_laat, r.toezegging.pk))
        groepen.append(
            Rappelgroep(
                ambtsdrager_id=ambtsdrager_id,
                titel=drager.titel if drager else "Geen verantwoordelijke ambtsdrager vastgelegd",
                naam=drager.naam if drager else "",
                ministerie=drager.ministerie.naam if drager else "",
                regels=regels,
            )
        )
    # Office holders first, the commitments nobody is responsible for last.
    groepen.sort(key=lambda g: g.ambtsdrager_id is None)
    return groepen


def ministeries_voor_rappel() -> QuerySet[Ministerie]:
    """The ministries to filter the reminder list by. One query."""
    return Ministerie.objects.only("naam", "afkorting").order_by("naam")
