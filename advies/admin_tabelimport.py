"""The admin page "Importeren uit CSV/XLSX" on the recommendations' changelist.

Three steps, each a plain form (no script): choose a file; see its problems in a table
(row, column, message) or what it would change; confirm. The confirmation imports again
from the start, checking everything anew under the import's locks, so what was checked a
minute ago cannot be written over a change made in between.

Between check and confirmation the upload waits in the cache (shared by every process
when REDIS_URL is set), for TABELIMPORT_BEWAARTIJD seconds, under a random token bound to
the user; it is used once. Who may change reports and add and change recommendations
(Coördinator, Beheerder; advies.tabelimport.RECHTEN) may import.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from advies.models import Aanbeveling
from advies.tabelimport import Tabelfout, Verslag, importeer_tabel, lees_tabel, mag_importeren
from advies.tabelimport.grenzen import max_bytes, te_groot
from advies.tabelimport.lezen import GELEZEN, TER_INFORMATIE

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

STANDAARD_BEWAARTIJD = 30 * 60
# The error table shows this many; the rest is counted.
GETOONDE_FOUTEN = 500
SJABLOON = "admin/advies/aanbeveling/importeren.html"


class Uploadformulier(forms.Form):
    bestand = forms.FileField(
        label="Bestand",
        help_text=(
            "Een CSV-bestand (UTF-8, komma of puntkomma) of een Excel-werkmap (.xlsx) met de "
            "kolommen van de export."
        ),
        error_messages={
            "required": "Kies een bestand.",
            "empty": "Het gekozen bestand is leeg.",
            "invalid": "Kies een bestand.",
        },
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


def _sleutel(request: HttpRequest, token: str) -> str:
    return f"tabelimport:{request.user.pk}:{token}"


def importeer(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    if not mag_importeren(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {
        **model_admin.admin_site.each_context(request),
        "opts": Aanbeveling._meta,
        "title": "Aanbevelingen importeren uit CSV of XLSX",
        "gelezen": GELEZEN,
        "ter_informatie": TER_INFORMATIE,
        "max_bytes": max_bytes(),
        "terug": reverse("admin:advies_aanbeveling_changelist"),
        "form": Uploadformulier(),
    }
    if request.method == "POST" and request.POST.get("stap") == "importeer":
        return _bevestig(request, context)
    if request.method == "POST":
        return _controleer(request, context)
    return TemplateResponse(request, SJABLOON, context)


def _fouten(context: dict[str, Any], naam: str, fout: Tabelfout) -> dict[str, Any]:
    return {
        **context,
        "bestandsnaam": naam,
        "fouten": fout.fouten[:GETOONDE_FOUTEN],
        "aantal_fouten": len(fout.fouten),
        "meer_fouten": max(0, len(fout.fouten) - GETOONDE_FOUTEN),
    }


def _controleer(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    form = Uploadformulier(request.POST, request.FILES)
    if not form.is_valid():
        return TemplateResponse(request, SJABLOON, {**context, "form": form})
    upload = form.cleaned_data["bestand"]
    if upload.size > max_bytes():
        # Refused before reading: a huge upload is never loaded into memory.
        form.add_error("bestand", te_groot(upload.size).tekst)
        return TemplateResponse(request, SJABLOON, {**context, "form": form})
    inhoud = upload.read()
    naam = upload.name or ""
    try:
        verslag = importeer_tabel(
            lees_tabel(inhoud, naam), gebruiker=request.user, alleen_controleren=True
        )
    except Tabelfout as fout:
        return TemplateResponse(request, SJABLOON, _fouten(context, naam, fout))
    token = secrets.token_urlsafe(24)
    if verslag.heeft_wijzigingen:
        bewaartijd = getattr(settings, "TABELIMPORT_BEWAARTIJD", STANDAARD_BEWAARTIJD)
        cache.set(_sleutel(request, token), {"naam": naam, "inhoud": inhoud}, bewaartijd)
    return TemplateResponse(
        request,
        SJABLOON,
        {**context, "bestandsnaam": naam, "verslag": verslag, "token": token, "form": None},
    )


def _bevestig(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    token = request.POST.get("token", "")
    bewaard = cache.get(_sleutel(request, token)) if token else None
    if not isinstance(bewaard, dict):
        return TemplateResponse(
            request,
            SJABLOON,
            {
                **context,
                "verlopen": True,
            },
        )
    cache.delete(_sleutel(request, token))  # once: a second click imports nothing twice
    naam = bewaard["naam"]
    try:
        verslag = importeer_tabel(lees_tabel(bewaard["inhoud"], naam), gebruiker=request.user)
    except Tabelfout as fout:
        return TemplateResponse(request, SJABLOON, _fouten(context, naam, fout))
    messages.success(request, _samenvatting(naam, verslag))
    return HttpResponseRedirect(context["terug"])


def _samenvatting(naam: str, verslag: Verslag) -> str:
    delen = [f"{label}: {aantal}" for label, aantal in verslag.aantallen()[2:] if aantal]
    return f"‘{naam}’ is geïmporteerd. " + ("; ".join(delen) or "Er was niets te wijzigen") + "."
