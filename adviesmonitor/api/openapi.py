"""The OpenAPI 3.1 document of the API (``/api/openapi.json``), generated from the code.

The paths come from RESOURCES below, which the URLs and views use too; each list's query
parameters from its FilterSet (``filters.parameters``), with types and enums taken from
the filters' choices; the response schemas from ``schemas``. Nothing in it depends on the
data or on who asks, so it is built once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from adviesmonitor.api import schemas
from adviesmonitor.api.filters import Parameter
from adviesmonitor.api.parameters import PAGINERING
from adviesmonitor.api.selectors import FILTERPARAMETERS

TITEL = "Adviesmonitor open data"
VERSIE = "1.0.0"
SLUG_PATROON = "^[-a-zA-Z0-9_]+$"


@dataclass(frozen=True)
class Resource:
    naam: str  # the URL segment and the list's URL name
    enkelvoud: str  # the detail's URL name
    schema: str  # the component schema of one object
    sleutel: str  # the path parameter: "slug" or "pk"
    omschrijving: str


RESOURCES: tuple[Resource, ...] = (
    Resource("adviezen", "advies", "Advies", "slug", "Adviezen van de adviesraden"),
    Resource(
        "aanbevelingen",
        "aanbeveling",
        "Aanbeveling",
        "pk",
        "Aanbevelingen, met de filters en sorteringen van de lijst voor analisten",
    ),
    Resource("reacties", "reactie", "Reactie", "pk", "Reacties van het kabinet op aanbevelingen"),
    Resource("programmas", "programma", "Programma", "slug", "Programma's en instrumenten"),
    Resource("toezeggingen", "toezegging", "Toezegging", "pk", "Toezeggingen in reacties"),
)

_JSON = "application/json"
_KOPREGELS = {
    "Cache-Control": {
        "required": True,
        "description": "Anoniem: public, max-age=60. Ingelogd: private, no-cache.",
        "schema": {"type": "string"},
    },
    "Access-Control-Allow-Origin": {
        "description": "Anoniem: * (open data, leesbaar vanaf elke webpagina).",
        "schema": {"type": "string"},
    },
}


def _antwoord(beschrijving: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": beschrijving,
        "headers": _KOPREGELS,
        "content": {_JSON: {"schema": schema}},
    }


def _fouten(*statussen: int) -> dict[str, Any]:
    teksten = {
        400: "Ongeldige of onbekende parameter; de body noemt welke.",
        404: "Bestaat niet, of is niet zichtbaar voor wie vraagt.",
    }
    return {str(s): _antwoord(teksten[s], schemas.ref("Fout")) for s in statussen}


def _queryparameter(p: Parameter) -> dict[str, Any]:
    uit: dict[str, Any] = {
        "name": p.naam,
        "in": "query",
        "required": False,
        "description": p.beschrijving,
        "schema": p.schema,
    }
    if p.meervoudig:
        uit |= {"style": "form", "explode": True}
    return uit


def _padparameter(r: Resource) -> dict[str, Any]:
    if r.sleutel == "slug":
        schema = {"type": "string", "pattern": SLUG_PATROON}
        return {"name": "slug", "in": "path", "required": True, "schema": schema}
    return {"name": "pk", "in": "path", "required": True, "schema": schemas.ID}


def _paden() -> dict[str, Any]:
    paden: dict[str, Any] = {
        "/api/": {
            "get": {
                "operationId": "index",
                "summary": "De lijsten van de API",
                "responses": {"200": _antwoord("De lijsten", schemas.ref("Index")), **_fouten(400)},
            }
        },
        "/api/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "Dit document",
                "responses": {
                    "200": _antwoord("OpenAPI 3.1", {"type": "object"}),
                    **_fouten(400),
                },
            }
        },
    }
    for r in RESOURCES:
        pagina = f"{r.schema}Pagina"
        paden[f"/api/{r.naam}/"] = {
            "get": {
                "operationId": f"{r.naam}_lijst",
                "summary": r.omschrijving,
                "tags": [r.naam],
                "parameters": [
                    _queryparameter(p) for p in (*FILTERPARAMETERS[r.naam], *PAGINERING)
                ],
                "responses": {
                    "200": _antwoord("Eén pagina", schemas.ref(pagina)),
                    **_fouten(400, 404),
                },
            }
        }
        sleutel = "{slug}" if r.sleutel == "slug" else "{pk}"
        paden[f"/api/{r.naam}/{sleutel}/"] = {
            "get": {
                "operationId": r.enkelvoud,
                "summary": f"Eén {r.enkelvoud}",
                "tags": [r.naam],
                "parameters": [_padparameter(r)],
                "responses": {
                    "200": _antwoord(r.enkelvoud, schemas.ref(r.schema)),
                    **_fouten(400, 404),
                },
            }
        }
    return paden


@cache
def document() -> dict[str, Any]:
    componenten = dict(schemas.COMPONENTEN)
    for r in RESOURCES:
        componenten[f"{r.schema}Pagina"] = schemas.pagina(r.schema)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITEL,
            "version": VERSIE,
            "description": (
                "Alleen-lezen open data van Adviesmonitor: adviezen, aanbevelingen, reacties "
                "van het kabinet, programma's en toezeggingen. Anoniem zichtbaar is wat "
                "verzonden reactiebrieven openbaar maken; ingelogde gebruikers zien wat hun "
                "rol toestaat. Zie docs/api.md."
            ),
        },
        "paths": _paden(),
        "components": {"schemas": componenten},
    }
