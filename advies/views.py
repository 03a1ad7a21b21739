"""The recommendation list (``/aanbevelingen/``): a thin view over advies.selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from advies import gegevensversie, zoeken
from advies.filters import PAGINAGROOTTES, SORTERINGEN
from advies.selectors import canoniek, filtersleutel, zoek_aanbevelingen

LEESRECHT = "advies.view_aanbeveling"

# The export links: (label, the format parameters tried in order). Shown only for the
# formats the export view (URL name "advies:export") accepts.
EXPORTFORMATEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CSV", ("csv",)),
    ("Excel", ("xlsx", "excel")),
    ("JSON", ("json",)),
)


def exportlinks() -> list[tuple[str, str]]:
    """(label, URL without query string) for every export format that resolves."""
    links = []
    for label, formaten in EXPORTFORMATEN:
        for formaat in formaten:
            try:
                links.append((label, reverse("advies:export", args=[formaat])))
            except NoReverseMatch:
                continue
            break
    return links


def _paren(params: QueryDict) -> list[tuple[str, str]]:
    return sorted((k, v) for k in params for v in params.getlist(k))


@require_GET
@login_required
@permission_required(LEESRECHT, raise_exception=True)
def aanbevelingen(request: HttpRequest) -> HttpResponse:
    # The filter form sends every field, empty ones too; a bookmark should hold only the
    # state itself, so such a request is sent on to the same state's short URL.
    schoon = canoniek(request.GET)
    if _paren(schoon) != _paren(request.GET):
        return redirect(f"{request.path}?{schoon.urlencode()}" if schoon else request.path)
    # Nothing in the content depends on the reader: counted, ordered and rendered once per
    # query string and data version (advies.gegevensversie), a repeat costs a cache read.
    inhoud = gegevensversie.gecachet(
        "lijst-inhoud", tuple(_paren(request.GET)), lambda: _inhoud(request.GET)
    )
    return render(
        request,
        "advies/aanbevelingen.html",
        # Rendered from our templates, whose every value is escaped there.
        {"inhoud": mark_safe(inhoud), "term": zoeken.schoon(request.GET.get("q"))},
    )


def _inhoud(params: QueryDict) -> str:
    resultaat = zoek_aanbevelingen(params)
    links = exportlinks()
    # The facets are a third of the rendering and the same for every page and order of
    # these filters: rendered once per filter state and data version, as they are counted.
    facetten_html = gegevensversie.gecachet(
        "lijst-facetten-html",
        filtersleutel(params),
        lambda: render_to_string("advies/_facetten.html", {"facets": resultaat.facets}),
    )
    return render_to_string(
        "advies/_aanbevelingen_inhoud.html",
        {
            "resultaat": resultaat,
            "page": resultaat.page,
            "facetten_html": mark_safe(facetten_html),
            "export_beschikbaar": bool(links),
            "exportlinks": links,
            "sorteringen": SORTERINGEN,
            "paginagroottes": PAGINAGROOTTES,
        },
    )
