"""Letter pages: the list, the HTML preview and the PDF download."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_safe

from reacties.brief.pdf import vastgelegde_pdf
from reacties.brief.samenstelling import stel_samen
from reacties.brief.taken import VERVERS_SECONDEN, PdfInVoorbereiding, PdfMislukt, pdf_of_status
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


@require_safe
@login_required
def brief_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    brief = brief_voor_lezer(request.user, pk)
    # A frozen letter is its stored PDF; any other is rendered from its records, in the
    # background when a task queue is configured (reacties.brief.taken).
    bestand = vastgelegde_pdf(brief) or pdf_of_status(brief, opnieuw="opnieuw" in request.GET)
    if isinstance(bestand, PdfInVoorbereiding):
        context = {
            "brief": brief,
            "verversen": request.GET.get("verversen") != "0",
            "seconden": VERVERS_SECONDEN,
        }
        return _niet_bewaren(render(request, "brieven/pdf_wacht.html", context, status=202))
    if isinstance(bestand, PdfMislukt):
        context = {"brief": brief, "reden": bestand.reden}
        return _niet_bewaren(render(request, "brieven/pdf_mislukt.html", context, status=503))
    response = HttpResponse(bestand.inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestand.bestandsnaam}"'
    response["Content-Length"] = str(len(bestand.inhoud))
    response["ETag"] = f'"{bestand.sleutel}"'
    response["Cache-Control"] = "private, no-cache"
    if bestand.vastgelegd:
        response["X-Content-SHA256"] = bestand.sleutel
    return response


def _niet_bewaren(response: HttpResponse) -> HttpResponse:
    # A status of this moment: no browser or proxy may answer the next request with it.
    response["Cache-Control"] = "no-store"
    return response
