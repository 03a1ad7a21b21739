"""Every answer of the API is JSON, errors included: 400 naming the parameter, 404 for what
does not exist (or may not be seen), 405 for anything but GET; and its headers: open data is
public and cacheable for anonymous visitors, private for logged-in users."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import haal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("pagina=0", "pagina"),
        ("pagina=een", "pagina"),
        ("pagina=-1", "pagina"),
        ("pagina=1.0", "pagina"),
        ("pagina=99999999999", "pagina"),
        ("per_pagina=201", "per_pagina"),
        ("per_pagina=0", "per_pagina"),
        ("pagina=1&pagina=2", "pagina"),
        ("standpnt=overgenomen", "standpnt"),
        ("q=a%00b", "q"),
        ("sorteer=willekeurig", "sorteer"),
        ("jaar_van=1800", "jaar_van"),
        ("advies=bestaat-niet", "advies"),
        ("advies=a&advies=b", "advies"),
        ("onderdeel=zonder-dubbele-punt", "onderdeel"),
    ],
)
def test_ongeldige_parameter_is_400_met_zijn_naam(query, parameter, db, client_for):
    body = haal(client_for(None), f"/api/aanbevelingen/?{query}", 400)
    assert body["status"] == 400
    assert set(body["parameters"]) == {parameter}
    assert parameter in body["fout"]


def test_een_lege_lijst_is_pagina_1_zonder_resultaten(db, client_for):
    assert haal(client_for(None), "/api/reacties/") == {
        "aantal": 0,
        "volgende": None,
        "vorige": None,
        "resultaten": [],
    }


def test_een_pagina_voorbij_het_einde_is_404(db, client_for):
    body = haal(client_for(None), "/api/aanbevelingen/?pagina=2", 404)
    assert body["parameters"] == {"pagina": ["Te hoog."]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/adviezen/bestaat-niet/",
        "/api/aanbevelingen/999999/",
        "/api/aanbevelingen/99999999999999999999999/",
        "/api/reacties/0/",
        "/api/toezeggingen/999999/",
        "/api/programmas/bestaat-niet/",
        "/api/bestaat-niet/",
        "/api/aanbevelingen/abc/",
        "/api/adviezen/met%20spatie/",
        "/api/adviezen//",
    ],
)
def test_onbekend_is_404_in_json(url, db, client_for):
    assert haal(client_for(None), url, 404)["status"] == 404


def test_een_detail_kent_geen_parameters(db, client_for):
    body = haal(client_for(None), "/api/adviezen/ruimte-maken-voor-ontmoeting/?x=1", 400)
    assert set(body["parameters"]) == {"x"}


def test_zonder_slash_door_naar_met_slash(db, client_for):
    response = client_for(None).get("/api/adviezen?raad=RVS")
    assert response.status_code == 301
    assert response["Location"] == "/api/adviezen/?raad=RVS"


@pytest.mark.parametrize("methode", ["post", "put", "patch", "delete", "options"])
def test_alleen_lezen(methode, db, analist, client_for):
    for client in (client_for(None), client_for(analist)):
        response = getattr(client, methode)("/api/adviezen/")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert json.loads(response.content)["status"] == 405


def test_head_mag(db, client_for):
    assert client_for(None).head("/api/adviezen/").status_code == 200


def test_kopregels_anoniem_en_ingelogd(db, analist, client_for):
    anoniem = client_for(None).get("/api/aanbevelingen/")
    assert anoniem["Cache-Control"] == "public, max-age=60"
    assert anoniem["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" in anoniem["Vary"]
    assert anoniem["Content-Type"] == "application/json"
    ingelogd = client_for(analist).get("/api/aanbevelingen/")
    assert ingelogd["Cache-Control"] == "private, no-cache"
    assert not ingelogd.has_header("Access-Control-Allow-Origin")
    fout = client_for(None).get("/api/aanbevelingen/?pagina=x")
    assert fout["Access-Control-Allow-Origin"] == "*"  # a web page may read the error too


def test_index_noemt_elke_lijst(db, client_for):
    index = haal(client_for(None), "/api/")
    for naam, url in index.items():
        haal(client_for(None), url.removeprefix("http://testserver"))
        assert naam in url or naam == "openapi"
