"""The OpenAPI document: valid OpenAPI 3.1, generated from the code (every filter of the
FilterSets is a parameter, with the choices as its enum), and its schemas valid JSON
Schema that the real answers meet."""

from __future__ import annotations

import jsonschema
import pytest
import schemathesis
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from advies.filters import STANDPUNTKEUZES, AanbevelingFilter
from adviesmonitor.api import openapi
from adviesmonitor.api.selectors import AANBEVELING_ZONDER
from tests.api.conftest import alle_paginas, haal, pad

pytestmark = pytest.mark.django_db


def _document(client) -> dict:
    return haal(client, "/api/openapi.json")


def test_het_document_is_geldig_openapi_31(client_for):
    document = _document(client_for(None))
    assert document["openapi"] == "3.1.0"
    schema = schemathesis.openapi.from_dict(document)
    schema.validate()  # against the OpenAPI 3.1 meta-schema that schemathesis ships
    for onderdeel in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(onderdeel)
    labels = {op.ok().label for op in schema.get_all_operations()}
    assert len(labels) == 2 + 2 * len(openapi.RESOURCES)


def test_elke_filter_van_de_lijst_is_een_parameter(client_for):
    document = _document(client_for(None))
    lijst = document["paths"]["/api/aanbevelingen/"]["get"]
    parameters = {p["name"]: p for p in lijst["parameters"]}
    filters = set(AanbevelingFilter.base_filters) - set(AANBEVELING_ZONDER)
    assert filters | {"pagina", "per_pagina"} == set(parameters)
    standpunt = parameters["standpunt"]
    assert standpunt["schema"]["items"]["enum"] == [w for w, _ in STANDPUNTKEUZES]
    assert standpunt["explode"] is True
    assert parameters["jaar"]["schema"]["items"]["type"] == "integer"
    assert parameters["jaar_van"]["schema"] == {"type": "integer", "minimum": 1900, "maximum": 2200}
    assert parameters["sorteer"]["schema"]["enum"][0] == "relevantie"
    assert parameters["per_pagina"]["schema"]["maximum"] == 200


def test_een_nieuwe_filter_verschijnt_vanzelf(monkeypatch):
    # The parameters are read from the FilterSet; a filter added there appears here.
    import django_filters

    from adviesmonitor.api.filters import parameters

    extra = django_filters.ChoiceFilter(choices=[("a", "A"), ("b", "B")], label="Proef")
    monkeypatch.setitem(AanbevelingFilter.base_filters, "proef", extra)
    gevonden = {p.naam: p for p in parameters(AanbevelingFilter)}
    assert gevonden["proef"].schema == {"type": "string", "enum": ["a", "b"]}


def _validator(document: dict, naam: str) -> jsonschema.Draft202012Validator:
    basis = "urn:adviesmonitor:openapi"
    registry = Registry().with_resource(basis, DRAFT202012.create_resource(document))
    return jsonschema.Draft202012Validator(
        {"$ref": f"{basis}#/components/schemas/{naam}"},
        registry=registry,
        format_checker=jsonschema.FormatChecker(),
    )


@pytest.mark.parametrize(
    ("lijst", "schema"),
    [(r.naam, f"{r.schema}Pagina") for r in openapi.RESOURCES],
)
def test_de_antwoorden_voldoen_aan_hun_schema(lijst, schema, conceptwereld, analist, client_for):
    document = _document(client_for(None))
    for client in (client_for(None), client_for(analist)):
        pagina = haal(client, f"/api/{lijst}/?per_pagina=200")
        assert pagina["resultaten"]
        _validator(document, schema).validate(pagina)
        enkel = openapi.RESOURCES[[r.naam for r in openapi.RESOURCES].index(lijst)].schema
        for obj in alle_paginas(client, f"/api/{lijst}/?per_pagina=3")[:3]:
            _validator(document, enkel).validate(haal(client, pad(obj["url"])))
    _validator(document, "Fout").validate(haal(client_for(None), "/api/bestaat-niet", 404))
