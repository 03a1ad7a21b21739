"""The analyst pages: the dashboard and the printable reminder list (rappel).

Thin views: the selectors in ``reacties.selectors_dashboard`` count, ``reacties.grafieken``
draws; here the two are only put together for the templates.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from advies import gegevensversie
from reacties import selectors_dashboard as sd
from reacties.grafieken import Reeks, Staaf, gestapeld_staafdiagram, staafdiagram
from reacties.models import Standpunt

LEESRECHT = "advies.view_aanbeveling"

# Colour and pattern per stance: each pattern differs, so no stance depends on its colour.
STANDPUNTREEKSEN: tuple[Reeks, ...] = (
    Reeks(Standpunt.OVERGENOMEN, "overgenomen", "#1d5b2c", "vol"),
    Reeks(Standpunt.DEELS, "deels overgenomen", "#4d6b12", "schuin"),
    Reeks(Standpunt.NIET, "niet overgenomen", "#a1262d", "kruis"),
    Reeks(Standpunt.IN_ONDERZOEK, "in onderzoek", "#7a4a00", "stippen"),
    Reeks(Standpunt.KENNISGENOMEN, "kennisgenomen", "#4b4f8c", "horizontaal"),
    Reeks(sd.GEEN_STANDPUNT, "geen standpunt", "#5f6368", "verticaal"),
)
TABELVERWIJZING = "De cijfers staan ook in de tabel bij deze grafiek."


def procent(waarde: float | None) -> str:
    """62,5% in Dutch notation; a dash when there is nothing to divide by."""
    if waarde is None:
        return "—"
    return f"{waarde * 100:.1f}".replace(".", ",") + "%"


def _overnamestaven(groepen: list[sd.Standpuntgroep]) -> list[Staaf]:
    return [
        Staaf(
            g.label,
            (g.telling.overnamegraad or 0) * 100,
            f"{procent(g.telling.overnamegraad)} (n={g.telling.met_standpunt})",
        )
        for g in groepen
    ]


def _grafieken(d: sd.Dashboard) -> dict[str, SafeString]:
    svg = {
        "standpunten": gestapeld_staafdiagram(
            "standpunten",
            "Aanbevelingen per bestuurslaag en standpunt",
            [g.label for g in d.per_bestuurslaag],
            STANDPUNTREEKSEN,
            [g.telling.rij for g in d.per_bestuurslaag],
            beschrijving="Gestapelde staven: per bestuurslaag het aantal aanbevelingen per "
            f"standpunt, elk standpunt met een eigen arcering. {TABELVERWIJZING}",
        ),
        "overname_laag": staafdiagram(
            "overname-laag",
            "Overnamegraad per bestuurslaag",
            _overnamestaven(d.per_bestuurslaag),
            beschrijving=f"Percentage per bestuurslaag, schaal 0 tot 100%. {TABELVERWIJZING}",
            maximum=100,
        ),
        "overname_raad": staafdiagram(
            "overname-raad",
            "Overnamegraad per adviesraad",
            _overnamestaven(d.per_raad),
            beschrijving=f"Percentage per adviesraad, schaal 0 tot 100%. {TABELVERWIJZING}",
            maximum=100,
        ),
        "toezeggingen": staafdiagram(
            "toezeggingen",
            "Toezeggingen per status",
            [Staaf(s.label, s.aantal) for s in d.toezeggingen],
            beschrijving=f"Aantal toezeggingen per status. {TABELVERWIJZING}",
        ),
        "achterstallig": staafdiagram(
            "achterstallig",
            "Achterstallige toezeggingen per ambtsdrager",
            [Staaf(t.label, t.aantal) for t in d.achterstallig],
            beschrijving=f"Aantal achterstallige toezeggingen per ambtsdrager. {TABELVERWIJZING}",
        ),
        "termijnen": staafdiagram(
            "termijnen",
            "Adviezen naar stand van de kabinetsreactie",
            [Staaf(s.label, s.aantal) for s in d.termijnen.aantallen],
            beschrijving=f"Aantal adviezen per stand van de reactie. {TABELVERWIJZING}",
        ),
    }
    # The chart functions escape every text they are given.
    return {naam: mark_safe(markup) for naam, markup in svg.items()}


def _dashboard_html(peildatum: dt.date, termijn: int, mag_brieven: bool) -> str:
    d = sd.dashboard(peildatum, termijn)
    return render_to_string(
        "analyse/_dashboard.html",
        {
            "d": d,
            "grafieken": _grafieken(d),
            "standpunten": [r.naam for r in STANDPUNTREEKSEN],
            "overnamegraad_totaal": procent(d.totaal.overnamegraad),
            "overname_laag": [(g, procent(g.telling.overnamegraad)) for g in d.per_bestuurslaag],
            "overname_raad": [(g, procent(g.telling.overnamegraad)) for g in d.per_raad],
            "mag_brieven": mag_brieven,
        },
    )


@require_GET
@login_required
@permission_required(LEESRECHT, raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    # The figures and their charts and tables are the same for every reader (but for the
    # links to letters): counted and rendered once per data version (advies.gegevensversie),
    # they cost tenths of seconds over 100,000 recommendations.
    peildatum, termijn = sd.vandaag(), sd.antwoordtermijn()
    mag_brieven = request.user.has_perm("reacties.view_reactiebrief")
    inhoud = gegevensversie.gecachet(
        "dashboard",
        (peildatum.isoformat(), termijn, mag_brieven),
        lambda: _dashboard_html(peildatum, termijn, mag_brieven),
    )
    # Rendered from our template, whose every value is escaped there.
    return render(request, "analyse/dashboard.html", {"inhoud": mark_safe(inhoud)})


@require_GET
@login_required
@permission_required(LEESRECHT, raise_exception=True)
def rappel(request: HttpRequest) -> HttpResponse:
    ministeries = list(sd.ministeries_voor_rappel())
    gevraagd = request.GET.get("ministerie", "").strip()
    bekend = {m.afkorting: m for m in ministeries}
    ministerie = bekend.get(gevraagd)
    peildatum = sd.vandaag()
    return render(
        request,
        "analyse/rappel.html",
        {
            "peildatum": peildatum,
            "groepen": sd.rappel(peildatum, ministerie.afkorting if ministerie else None),
            "ministeries": ministeries,
            "ministerie": ministerie,
            "onbekend_ministerie": gevraagd if gevraagd and ministerie is None else "",
        },
    )
