"""Detail pages of the analyst workspace: one recommendation, one report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from advies.selectors_detail import aanbeveling_detail, advies_detail
from advies.telregels import TELLENDE_BRIEFSTATUS
from advies.toegang import aanbeveling_voor_lezer, advies_voor_lezer


@require_GET
@login_required
def aanbeveling(request: HttpRequest, pk: int) -> HttpResponse:
    detail = aanbeveling_detail(aanbeveling_voor_lezer(request.user, pk))
    return render(
        request,
        "advies/aanbeveling.html",
        {**vars(detail), "tellende_status": TELLENDE_BRIEFSTATUS},
    )


@require_GET
@login_required
def advies(request: HttpRequest, slug: str) -> HttpResponse:
    detail = advies_detail(advies_voor_lezer(request.user, slug))
    return render(
        request,
        "advies/advies.html",
        {"detail": detail, "advies": detail.advies, "tellende_status": TELLENDE_BRIEFSTATUS},
    )
