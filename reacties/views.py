"""Letter pages: the list, the HTML preview and the PDF download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from reacties.brief.pdf import maak_pdf, vastgelegde_pdf
from reacties.brief.samenstelling import stel_samen
from reacties.brief.weergave import brief_html
from reacties.selectors import brieven_overzicht
from reacties.toegang import brief_voor_lezer


@require_GET
@login_required
@permission_required("reacties.view_reactiebrief", raise_exception=True)
def brief_lijst(request: HttpRequest) -> HttpResponse:
    return render(request, "brieven/lijst.html", {"brieven": brieven_overzicht()})


@require_GET
@login_required
def brief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    brief = brief_voor_lezer(request.user, pk)
    html = brief_html(stel_samen(brief), modus="scherm")
    return render(request, "brieven/brief.html", {"brief": brief, "brief_html": mark_safe(html)})


@require_GET
@login_required
def brief_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    brief = brief_voor_lezer(request.user, pk)
    # A frozen letter is its stored PDF; any other is rendered from its records.
    bestand = vastgelegde_pdf(brief) or maak_pdf(brief)
    response = HttpResponse(bestand.inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestand.bestandsnaam}"'
    response["Content-Length"] = str(len(bestand.inhoud))
    response["ETag"] = f'"{bestand.sleutel}"'
    response["Cache-Control"] = "private, no-cache"
    if bestand.vastgelegd:
        response["X-Content-SHA256"] = bestand.sleutel
    return response
