"""Downloads of the recommendation list: ``/aanbevelingen/export.csv``, ``.xlsx``, ``.json``.

They take the list's query string and reuse its selector (advies.selectors.zoek_aanbevelingen),
so a download holds exactly the rows the list shows for the same state, in the same order,
on every page at once. The writers are in advies.export; CSV and JSON stream as they are
written, the XLSX is written to a temporary file first (see there why) and then streamed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib.auth.decorators import login_required, permission_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from advies import export as schrijvers
from advies.models import Aanbeveling
from advies.selectors import Zoekresultaat, zoek_aanbevelingen
from advies.toegang import LEESRECHT

FORMATEN = ("csv", "xlsx", "json")
# Query parameters that are no filter of the rows: the list's page and the CSV separator.
GEEN_FILTER = {"pagina", "per_pagina", "scheidingsteken"}


def bestandsnaam(formaat: str) -> str:
    return f"aanbevelingen-{timezone.localdate().isoformat()}.{formaat}"


def _url_van(request: HttpRequest) -> Callable[[Aanbeveling], str]:
    """The absolute URL of a recommendation's page: the host part is built once."""
    basis = request.build_absolute_uri("/").rstrip("/")
    return lambda a: basis + reverse("advies:aanbeveling", args=[a.pk])


def _parameters(params: QueryDict) -> dict[str, list[str]]:
    return {
        naam: [w for w in params.getlist(naam) if w.strip()]
        for naam in params
        if naam not in GEEN_FILTER and any(w.strip() for w in params.getlist(naam))
    }


def filterbeschrijving(params: QueryDict, resultaat: Zoekresultaat) -> dict[str, object]:
    """The filters applied, as the JSON's ``filters`` and the XLSX's second sheet: the query
    parameters as given, the same in words, the order, and values that were ignored."""
    return {
        "parameters": _parameters(params),
        "omschrijving": [f.label for f in resultaat.actieve_filters],
        "sortering": resultaat.sortering,
        "genegeerd": list(resultaat.fouten),
        "geexporteerd": timezone.localtime().isoformat(timespec="seconds"),
    }


def _filterregels(filters: dict[str, object]) -> list[tuple[str, str]]:
    regels = [(naam, w) for naam, ws in filters["parameters"].items() for w in ws]  # type: ignore[union-attr]
    if not regels:
        regels.append(("(geen)", "alle aanbevelingen"))
    regels += [("", "")]
    regels += [("omschrijving", o) for o in filters["omschrijving"]]  # type: ignore[union-attr]
    regels += [("sortering", str(filters["sortering"]))]
    regels += [("genegeerd", g) for g in filters["genegeerd"]]  # type: ignore[union-attr]
    regels += [("geëxporteerd", str(filters["geexporteerd"]))]
    return regels


def _scheidingsteken(params: QueryDict) -> str:
    return schrijvers.SCHEIDINGSTEKENS.get(params.get("scheidingsteken", "").strip(), ",")


def _download(response: StreamingHttpResponse, formaat: str) -> StreamingHttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam(formaat)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
@permission_required(LEESRECHT, raise_exception=True)
def export(request: HttpRequest, formaat: str) -> StreamingHttpResponse:
    if formaat not in FORMATEN:
        raise Http404("Dit exportformaat bestaat niet; kies csv, xlsx of json.")
    resultaat = zoek_aanbevelingen(request.GET)
    rijen: Iterator[schrijvers.Exportrij] = schrijvers.exportrijen(
        resultaat.queryset, _url_van(request)
    )
    if formaat == "csv":
        inhoud = schrijvers.csv_blokken(rijen, _scheidingsteken(request.GET))
        response = StreamingHttpResponse(inhoud, content_type=schrijvers.MIMETYPES["csv"])
    elif formaat == "json":
        filters = filterbeschrijving(request.GET, resultaat)
        inhoud = schrijvers.json_blokken(rijen, filters)
        response = StreamingHttpResponse(inhoud, content_type=schrijvers.MIMETYPES["json"])
    else:
        filters = filterbeschrijving(request.GET, resultaat)
        bestand = schrijvers.xlsx_bestand(rijen, _filterregels(filters))
        response = FileResponse(bestand, content_type=schrijvers.MIMETYPES["xlsx"])
        response.block_size = 64 * 1024
    return _download(response, formaat)
