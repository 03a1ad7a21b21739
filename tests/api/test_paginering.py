"""Pagination: every row exactly once across the pages, links that keep the filters, bounded
page sizes, and a constant number of queries per page (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import haal, pad

pytestmark = pytest.mark.django_db

LIJSTEN = ("adviezen", "aanbevelingen", "reacties", "programmas", "toezeggingen")


@pytest.mark.parametrize("naam", LIJSTEN)
def test_de_paginas_samen_geven_elke_rij_eenmaal(naam, conceptwereld, analist, client_for):
    client = client_for(analist)
    alles = haal(client, f"/api/{naam}/?per_pagina=200")
    sleutel = "slug" if naam in ("adviezen", "programmas") else "id"
    verwacht = [obj[sleutel] for obj in alles["resultaten"]]
    assert alles["aantal"] == len(verwacht) > 1
    gezien, url, nummer = [], f"/api/{naam}/?per_pagina=1", 1
    while url:
        pagina = haal(client, url)
        assert pagina["aantal"] == len(verwacht)
        if nummer == 1:
            assert pagina["vorige"] is None
        else:
            assert pagina["vorige"].endswith(f"?per_pagina=1&pagina={nummer - 1}")
        assert len(pagina["resultaten"]) == 1
        gezien += [obj[sleutel] for obj in pagina["resultaten"]]
        url, nummer = (pad(pagina["volgende"]) if pagina["volgende"] else ""), nummer + 1
    assert gezien == verwacht


def test_links_behouden_de_filters(conceptwereld, client_for):
    pagina = haal(client_for(None), "/api/aanbevelingen/?bestuurslaag=rijk&per_pagina=1&pagina=2")
    assert pagina["volgende"].endswith("?bestuurslaag=rijk&per_pagina=1&pagina=3")
    assert pagina["vorige"].endswith("?bestuurslaag=rijk&per_pagina=1&pagina=1")
    assert pagina["volgende"].startswith("http://testserver/api/aanbevelingen/")


def test_standaard_50_per_pagina(conceptwereld, client_for):
    pagina = haal(client_for(None), "/api/aanbevelingen/")
    assert pagina["aantal"] == 16 and len(pagina["resultaten"]) == 16
    assert pagina["volgende"] is None and pagina["vorige"] is None


def _pagina_vol(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        haal(client, url)
    return len(queries)


@pytest.mark.parametrize("naam", LIJSTEN)
def test_vast_aantal_queries_per_pagina(
    naam, conceptwereld, analist, client_for, django_assert_max_num_queries
):
    client = client_for(analist)
    haal(client, "/api/")  # the session and the permissions, read once per request anyway
    een = _pagina_vol(client, f"/api/{naam}/?per_pagina=1")
    alle = _pagina_vol(client, f"/api/{naam}/?per_pagina=200")
    assert een == alle, f"{naam}: {een} queries voor 1 rij, {alle} voor alle rijen"
    # Session, user, two for the rights, count, rows, prefetches (aanbevelingen: nine); on
    # PostgreSQL the list's planner settings add three (advies.selectors.lijstplanner).
    with django_assert_max_num_queries(18):
        haal(client, f"/api/{naam}/?per_pagina=200")


@pytest.mark.parametrize(
    "url",
    [
        "/api/adviezen/ruimte-maken-voor-ontmoeting/",
        "/api/aanbevelingen/{aanbeveling}/",
        "/api/reacties/{reactie}/",
        "/api/toezeggingen/{toezegging}/",
        "/api/programmas/alleen-in-concept/",
    ],
)
def test_vast_aantal_queries_per_object(url, conceptwereld, analist, client_for):
    reactie = conceptwereld.concept_reacties[0]
    url = url.format(
        aanbeveling=reactie.aanbevelingen.get().pk,
        reactie=reactie.pk,
        toezegging=conceptwereld.concept_toezeggingen[0].pk,
    )
    client = client_for(analist)
    haal(client, "/api/")
    assert _pagina_vol(client, url) <= 14
