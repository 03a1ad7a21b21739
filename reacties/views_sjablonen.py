"""Answer templates (Antwoordsjabloon): the list, adding, changing and removing.

Every role may read them (the Analist only reads); Redacteur, Coördinator and Beheerder
may add, change and remove them. The services in ``reacties.services`` check the rights
again on every write. A GET of an action URL leads to the page it belongs to.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from reacties import services
from reacties.forms import STANDPUNTKEUZES, SjabloonForm
from reacties.fouten import Bewerkingsfout, Ongeldig
from reacties.models import Antwoordsjabloon

LIJST = "brieven/sjablonen.html"
DETAIL = "brieven/sjabloon.html"


def _vereis(request: HttpRequest, recht: str, melding: str) -> None:
    if not request.user.has_perm(recht):
        raise PermissionDenied(melding)


def _lijst(request: HttpRequest, form: SjabloonForm | None = None, status: int = 200):
    _vereis(request, "reacties.view_antwoordsjabloon", "U mag antwoordsjablonen niet inzien.")
    if form is None and request.user.has_perm("reacties.add_antwoordsjabloon"):
        form = SjabloonForm(prefix="nieuw")
    context = {
        "sjablonen": Antwoordsjabloon.objects.select_related("gemaakt_door").order_by("naam"),
        "form": form,
        "standpunten": STANDPUNTKEUZES,
    }
    return render(request, LIJST, context, status=status)


@require_GET
@login_required
def sjablonen(request: HttpRequest) -> HttpResponse:
    return _lijst(request)


@require_http_methods(["GET", "POST"])
@login_required
def sjabloon_nieuw(request: HttpRequest) -> HttpResponse:
    _vereis(request, "reacties.add_antwoordsjabloon", "U mag geen antwoordsjablonen maken.")
    if request.method == "GET":
        return redirect("reacties:sjablonen")
    form = SjabloonForm(request.POST, prefix="nieuw")
    if form.is_valid():
        try:
            sjabloon = services.maak_sjabloon(gebruiker=request.user, **form.cleaned_data)
        except Ongeldig as fout:
            form.add_error(None, fout.melding)
        else:
            messages.success(request, f"Het sjabloon ‘{sjabloon.naam}’ is opgeslagen.")
            return redirect(reverse("reacties:sjablonen") + f"#sjabloon-{sjabloon.pk}")
    return _lijst(request, form=form, status=400)


def _detail(
    request: HttpRequest, sjabloon: Antwoordsjabloon, form=None, status: int = 200
) -> HttpResponse:
    mag_wijzigen = request.user.has_perm("reacties.change_antwoordsjabloon")
    if form is None and mag_wijzigen:
        form = SjabloonForm(
            prefix="sjabloon",
            initial={
                "naam": sjabloon.naam,
                "tekst": sjabloon.tekst,
                "standpunt": sjabloon.standpunt,
            },
        )
    context = {
        "sjabloon": sjabloon,
        "form": form,
        "mag_verwijderen": request.user.has_perm("reacties.delete_antwoordsjabloon"),
        "standpunten": STANDPUNTKEUZES,
    }
    return render(request, DETAIL, context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def sjabloon(request: HttpRequest, sid: int) -> HttpResponse:
    """The template: read-only for whoever may not change it, else a form to change it."""
    _vereis(request, "reacties.view_antwoordsjabloon", "U mag antwoordsjablonen niet inzien.")
    gevonden = get_object_or_404(Antwoordsjabloon, pk=sid)
    if request.method == "GET":
        return _detail(request, gevonden)
    _vereis(request, "reacties.change_antwoordsjabloon", "U mag antwoordsjablonen niet wijzigen.")
    form = SjabloonForm(request.POST, prefix="sjabloon")
    if form.is_valid():
        try:
            bewaard = services.bewaar_sjabloon(
                gevonden, gebruiker=request.user, **form.cleaned_data
            )
        except Ongeldig as fout:
            form.add_error(None, fout.melding)
        except Bewerkingsfout as fout:
            messages.error(request, fout.melding)
            return redirect("reacties:sjablonen")
        else:
            messages.success(request, f"Het sjabloon ‘{bewaard.naam}’ is opgeslagen.")
            return redirect(reverse("reacties:sjablonen") + f"#sjabloon-{bewaard.pk}")
    return _detail(request, gevonden, form=form, status=400)


@require_http_methods(["GET", "POST"])
@login_required
def sjabloon_verwijderen(request: HttpRequest, sid: int) -> HttpResponse:
    _vereis(
        request, "reacties.delete_antwoordsjabloon", "U mag antwoordsjablonen niet verwijderen."
    )
    gevonden = get_object_or_404(Antwoordsjabloon, pk=sid)
    if request.method == "GET":
        return redirect("reacties:sjabloon", sid=sid)
    services.verwijder_sjabloon(gevonden, gebruiker=request.user)
    messages.success(request, f"Het sjabloon ‘{gevonden.naam}’ is verwijderd.")
    return redirect("reacties:sjablonen")
