"""Who sees what: an anonymous visitor sees nothing of a letter in concept, in no list and
no detail, not even that it exists; a logged-in analyst sees everything."""

from __future__ import annotations

import json

import pytest

from reacties.models import Briefstatus
from tests.api.conftest import GEHEIM, alle_paginas, haal, pad

pytestmark = pytest.mark.django_db

LIJSTEN = ("adviezen", "aanbevelingen", "reacties", "programmas", "toezeggingen")


def _verborgen_urls(w) -> list[str]:
    return [
        f"/api/adviezen/{w.verborgen_advies.slug}/",
        f"/api/aanbevelingen/{w.verborgen_aanbeveling.pk}/",
        f"/api/programmas/{w.verborgen_programma.slug}/",
        *(f"/api/reacties/{r.pk}/" for r in w.concept_reacties),
        *(f"/api/toezeggingen/{t.pk}/" for t in w.concept_toezeggingen),
    ]


def _alles(client) -> dict[str, list[dict]]:
    return {naam: alle_paginas(client, f"/api/{naam}/?per_pagina=200") for naam in LIJSTEN}


def _details(client, lijsten: dict[str, list[dict]]) -> list[dict]:
    return [haal(client, pad(obj["url"])) for objs in lijsten.values() for obj in objs]


def test_anoniem_ziet_niets_van_een_conceptbrief(conceptwereld, client_for):
    client = client_for(None)
    lijsten = _alles(client)
    details = _details(client, lijsten)
    tekst = json.dumps([lijsten, details], ensure_ascii=False)
    for woord in GEHEIM:
        assert woord not in tekst, woord
    # Not in any list ...
    reactie_ids = {r["id"] for r in lijsten["reacties"]}
    assert reactie_ids and reactie_ids.isdisjoint({r.pk for r in conceptwereld.concept_reacties})
    toezegging_ids = {t["id"] for t in lijsten["toezeggingen"]}
    concept_toezeggingen = {t.pk for t in conceptwereld.concept_toezeggingen}
    assert toezegging_ids and toezegging_ids.isdisjoint(concept_toezeggingen)
    assert conceptwereld.verborgen_programma.slug not in {p["slug"] for p in lijsten["programmas"]}
    assert conceptwereld.verborgen_advies.slug not in {a["slug"] for a in lijsten["adviezen"]}
    # ... and no detail: the same 404 as for what does not exist.
    for url in _verborgen_urls(conceptwereld):
        assert haal(client, url, 404)["status"] == 404
    # Inside what is visible: only the sent letter, and no link to the concept responses.
    advies = haal(client, f"/api/adviezen/{conceptwereld.verzonden.advies.slug}/")
    assert [b["id"] for b in advies["brieven"]] == [conceptwereld.verzonden.pk]
    assert {a["brief_status"] for a in lijsten["aanbevelingen"]} == {Briefstatus.VERZONDEN}
    gelinkt = {r["id"] for a in lijsten["aanbevelingen"] for r in a["reacties"]}
    assert gelinkt == reactie_ids


def test_de_analist_ziet_alles(conceptwereld, analist, client_for):
    client = client_for(analist)
    lijsten = _alles(client)
    assert {r.pk for r in conceptwereld.concept_reacties} <= {r["id"] for r in lijsten["reacties"]}
    concept_toezeggingen = {t.pk for t in conceptwereld.concept_toezeggingen}
    assert concept_toezeggingen <= {t["id"] for t in lijsten["toezeggingen"]}
    assert conceptwereld.verborgen_programma.slug in {p["slug"] for p in lijsten["programmas"]}
    assert conceptwereld.verborgen_advies.slug in {a["slug"] for a in lijsten["adviezen"]}
    for url in _verborgen_urls(conceptwereld):
        haal(client, url)
    genoemd = alle_paginas(client, "/api/toezeggingen/?programma=alleen-in-concept")
    assert {t["id"] for t in genoemd} == concept_toezeggingen
    advies = haal(client, f"/api/adviezen/{conceptwereld.verzonden.advies.slug}/")
    assert [b["status"] for b in advies["brieven"]] == [Briefstatus.VERZONDEN, Briefstatus.CONCEPT]
    # The analysis still counts sent letters only: stances come from the sent letter, while
    # the links to responses include the draft's.
    concept_reactie = conceptwereld.concept_reacties[0]
    eerste = haal(client, f"/api/aanbevelingen/{concept_reactie.aanbevelingen.get().pk}/")
    assert eerste["brief_status"] == Briefstatus.CONCEPT
    assert concept_reactie.pk in {r["id"] for r in eerste["reacties"]}
    assert "Geheime concepttekst" not in eerste["reactie"]["tekst"]


def test_een_verborgen_filterwaarde_is_even_onbekend_als_een_verzonnen(conceptwereld, client_for):
    client = client_for(None)
    verborgen = haal(client, "/api/aanbevelingen/?programma=alleen-in-concept", 400)
    verzonnen = haal(client, "/api/aanbevelingen/?programma=bestaat-helemaal-niet", 400)
    assert set(verborgen["parameters"]) == set(verzonnen["parameters"]) == {"programma"}
    haal(client, f"/api/reacties/?advies={conceptwereld.verborgen_advies.slug}", 400)
    haal(client, "/api/toezeggingen/?programma=alleen-in-concept", 400)


def test_ingelogd_zonder_rol_ziet_het_openbare_deel(conceptwereld, client_for, django_user_model):
    zonder_rol = django_user_model.objects.create_user(username="zonder-rol", password=None)
    client = client_for(zonder_rol)
    ids = {r["id"] for r in alle_paginas(client, "/api/reacties/?per_pagina=200")}
    assert ids.isdisjoint({r.pk for r in conceptwereld.concept_reacties})
    response = client.get("/api/reacties/")
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("Access-Control-Allow-Origin")
