"""The API's views: thin, each a selector, the prefetches of its objects and JSON.

A list answers ``{"aantal", "volgende", "vorige", "resultaten"}``: page numbers
(``?pagina=N&per_pagina=M``), counted with one COUNT, over a total order. Page numbers
rather than cursors: the lists are what the analyst pages show (thousands of rows, not
millions), a consumer can jump to a page and knows how many there are, and the order may
be by relevance, which a cursor cannot continue.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from advies.selectors import lijstplanner
from adviesmonitor.api import aanbevelingobject, objecten, selectors, zichtbaarheid
from adviesmonitor.api.antwoorden import ApiFout, api_view, json_antwoord, niet_gevonden
from adviesmonitor.api.links import Links
from adviesmonitor.api.openapi import RESOURCES, document
from adviesmonitor.api.parameters import PAGINA, Paginering, controleer, lees_lijstparameters
from adviesmonitor.api.zichtbaarheid import Zicht

Selector = Callable[[Zicht, Any], QuerySet]
VoorApi = Callable[[QuerySet, Zicht], QuerySet]
AlsJson = Callable[[Any, Links], dict]


def _paginalink(request: HttpRequest, pagina: int) -> str:
    query = request.GET.copy()
    query[PAGINA] = str(pagina)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _lijst(
    request: HttpRequest,
    naam: str,
    selector: Selector,
    voor_api: VoorApi,
    als_json: AlsJson,
    planner: Callable[[], AbstractContextManager] = nullcontext,
) -> HttpResponse:
    zicht = Zicht.voor(request.user)
    filters, pagina = lees_lijstparameters(request.GET, selectors.FILTERPARAMETERS[naam])
    links = Links(request)
    with planner():
        qs = selector(zicht, filters)
        aantal = qs.count()
        if pagina.pagina > 1 and pagina.begin >= aantal:
            raise ApiFout(404, f"Pagina {pagina.pagina} bestaat niet.", {PAGINA: ["Te hoog."]})
        rijen = voor_api(qs, zicht)[pagina.begin : pagina.begin + pagina.per_pagina]
        resultaten = [als_json(obj, links) for obj in rijen]
    return json_antwoord(_envelop(request, aantal, pagina, resultaten))


def _envelop(
    request: HttpRequest, aantal: int, pagina: Paginering, resultaten: list
) -> dict[str, Any]:
    verder = pagina.begin + pagina.per_pagina < aantal
    return {
        "aantal": aantal,
        "volgende": _paginalink(request, pagina.pagina + 1) if verder else None,
        "vorige": _paginalink(request, pagina.pagina - 1) if pagina.pagina > 1 else None,
        "resultaten": resultaten,
    }


def _een(
    request: HttpRequest, qs: QuerySet, als_json: AlsJson, boodschap: str, **sleutel: object
) -> HttpResponse:
    controleer(request.GET, ())
    obj = selectors.een(qs, boodschap, **sleutel)
    return json_antwoord(als_json(obj, Links(request)))


# --- the views ------------------------------------------------------------------------------


@api_view
def index(request: HttpRequest) -> HttpResponse:
    controleer(request.GET, ())
    links = Links(request)
    lijsten = {r.naam: links.lijst(r.naam) for r in RESOURCES}
    return json_antwoord({**lijsten, "openapi": links.lijst("openapi")})


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    controleer(request.GET, ())
    return json_antwoord(document())


@api_view
def adviezen(request: HttpRequest) -> HttpResponse:
    return _lijst(
        request, "adviezen", selectors.adviezen, objecten.adviezen_voor_api, objecten.advies_json
    )


@api_view
def advies(request: HttpRequest, slug: str) -> HttpResponse:
    zicht = Zicht.voor(request.user)
    qs = objecten.adviezen_voor_api(zichtbaarheid.adviezen(zicht), zicht)
    return _een(request, qs, objecten.advies_json, "Dit advies bestaat niet.", slug=slug)


@api_view
def aanbevelingen(request: HttpRequest) -> HttpResponse:
    return _lijst(
        request,
        "aanbevelingen",
        selectors.aanbevelingen,
        aanbevelingobject.aanbevelingen_voor_api,
        aanbevelingobject.aanbeveling_json,
        planner=lijstplanner,
    )


@api_view
def aanbeveling(request: HttpRequest, pk: int) -> HttpResponse:
    zicht = Zicht.voor(request.user)
    qs = aanbevelingobject.aanbevelingen_voor_api(zichtbaarheid.aanbevelingen(zicht), zicht)
    boodschap = "Deze aanbeveling bestaat niet."
    return _een(request, qs, aanbevelingobject.aanbeveling_json, boodschap, pk=pk)


@api_view
def reacties(request: HttpRequest) -> HttpResponse:
    return _lijst(
        request, "reacties", selectors.reacties, objecten.reacties_voor_api, objecten.reactie_json
    )


@api_view
def reactie(request: HttpRequest, pk: int) -> HttpResponse:
    zicht = Zicht.voor(request.user)
    qs = objecten.reacties_voor_api(zichtbaarheid.reacties(zicht), zicht)
    return _een(request, qs, objecten.reactie_json, "Deze reactie bestaat niet.", pk=pk)


@api_view
def toezeggingen(request: HttpRequest) -> HttpResponse:
    return _lijst(
        request,
        "toezeggingen",
        selectors.toezeggingen,
        objecten.toezeggingen_voor_api,
        objecten.toezegging_json,
    )


@api_view
def toezegging(request: HttpRequest, pk: int) -> HttpResponse:
    zicht = Zicht.voor(request.user)
    qs = objecten.toezeggingen_voor_api(zichtbaarheid.toezeggingen(zicht), zicht)
    return _een(request, qs, objecten.toezegging_json, "Deze toezegging bestaat niet.", pk=pk)


@api_view
def programmas(request: HttpRequest) -> HttpResponse:
    return _lijst(
        request,
        "programmas",
        selectors.programmas,
        objecten.programmas_voor_api,
        objecten.programma_json,
    )


@api_view
def programma(request: HttpRequest, slug: str) -> HttpResponse:
    zicht = Zicht.voor(request.user)
    qs = objecten.programmas_voor_api(zichtbaarheid.programmas(zicht), zicht)
    return _een(request, qs, objecten.programma_json, "Dit programma bestaat niet.", slug=slug)


@api_view
def onbekend(request: HttpRequest, rest: str) -> HttpResponse:
    """Any other path under /api/: a JSON 404 rather than the site's HTML page. A path that
    only lacks its trailing slash is sent on to it, as Django's APPEND_SLASH would (which
    this catch-all otherwise disables for the API)."""
    try:
        match = resolve(f"{request.path_info}/")
    except Resolver404:
        match = None
    if match is not None and match.func is not onbekend:
        query = request.META.get("QUERY_STRING", "")
        doel = f"{request.path}/"
        response = HttpResponse(status=301)
        response["Location"] = f"{doel}?{query}" if query else doel
        return response
    raise niet_gevonden("Deze URL bestaat niet in de API; zie /api/openapi.json.")
