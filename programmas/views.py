"""Programme pages: every programme with its coverage counts, and one programme with the
recommendations whose responses link to it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmas import selectors
from programmas.toegang import LEESRECHT, programma_voor_lezer


@require_GET
@login_required
@permission_required(LEESRECHT, raise_exception=True)
def programma_lijst(request: HttpRequest) -> HttpResponse:
    return render(request, "programmas/lijst.html", {"regels": selectors.programma_overzicht()})


def _paginalinks(request: HttpRequest, dekking: selectors.Dekking) -> dict[str, str]:
    """Links to the previous and next page of one section; the other section stays where it
    is."""

    def naar(nummer: int) -> str:
        query = request.GET.copy()
        query[dekking.parameter] = str(nummer)
        return f"?{query.urlencode()}#{dekking.anker}"

    pagina = dekking.pagina
    links = {}
    if pagina.has_previous():
        links["eerste"] = naar(1)
        links["vorige"] = naar(pagina.previous_page_number())
    if pagina.has_next():
        links["volgende"] = naar(pagina.next_page_number())
        links["laatste"] = naar(pagina.paginator.num_pages)
    return links


@require_GET
@login_required
def programma_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programma = programma_voor_lezer(request.user, slug)
    secties = []
    for soort, *_rest, parameter in selectors.SECTIES:
        dekking = selectors.dekking(programma, soort, request.GET.get(parameter))
        secties.append((dekking, _paginalinks(request, dekking)))
    return render(
        request,
        "programmas/programma.html",
        {
            "programma": programma,
            "onderdelen": selectors.onderdelenboom(programma),
            "secties": secties,
        },
    )
