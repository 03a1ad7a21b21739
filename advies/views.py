"""The recommendation list (``/aanbevelingen/``): a thin view over advies.selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from advies.filters import PAGINAGROOTTES, SORTERINGEN
from advies.selectors import canoniek, zoek_aanbevelingen

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
    resultaat = zoek_aanbevelingen(request.GET)
    links = exportlinks()
    return render(
        request,
        "advies/aanbevelingen.html",
        {
            "resultaat": resultaat,
            "page": resultaat.page,
            "export_beschikbaar": bool(links),
            "exportlinks": links,
            "sorteringen": SORTERINGEN,
            "paginagroottes": PAGINAGROOTTES,
        },
    )
