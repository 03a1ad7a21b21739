"""The recommendation list of the API filters and orders exactly as the analyst list does
(the same FilterSet and ordering), inside what the reader may see; and the other lists' own
filters."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from advies import filters as filtermodule
from advies.selectors import zoek_aanbevelingen
from tests.advies.aanbevelingen_wereld import bouw_wereld
from tests.api.conftest import alle_paginas, haal, teruggedraaid

pytestmark = pytest.mark.django_db

COMBINATIES = (
    "",
    "standpunt=niet_overgenomen",
    "standpunt=geen&sorteer=advies",
    "bestuurslaag=gemeente&jaar=2021",
    "bestuurslaag=gemeente&bestuurslaag=rijk&sorteer=publicatiedatum",
    "programma=een-tegen-eenzaamheid&nieuwe_toezegging=ja",
    "onderdeel=een-tegen-eenzaamheid:actielijn-2",
    "raad=ROB&jaar_van=2020",
    "toezeggingstatus=open&toezeggingstatus=in_uitvoering",
    "q=eenzaamheid",
    "q=buurt&sorteer=advies",
)


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker):
    with teruggedraaid(django_db_blocker):
        yield bouw_wereld()


def _api_ids(client, query: str) -> list[int]:
    url = f"/api/aanbevelingen/?{query}&per_pagina=2" if query else "/api/aanbevelingen/"
    return [a["id"] for a in alle_paginas(client, url)]


def _lijst_ids(query: str) -> list[int]:
    return list(zoek_aanbevelingen(QueryDict(query)).queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("query", COMBINATIES)
def test_zelfde_resultaten_als_de_lijst_van_de_analist(query, wereld, analist, client_for):
    assert _api_ids(client_for(analist), query) == _lijst_ids(query)


@pytest.mark.parametrize("query", COMBINATIES)
def test_anoniem_dezelfde_filters_binnen_het_openbare_deel(query, wereld, client_for):
    # Report A3 has only a letter in concept: its recommendations are not public.
    verborgen = wereld.ids("a31", "a32")
    verwacht = [pk for pk in _lijst_ids(query) if pk not in verborgen]
    assert _api_ids(client_for(None), query) == verwacht


@pytest.mark.parametrize("query", ["q=eenzaamheid", "q=buurt&standpunt=niet_overgenomen"])
def test_zoeken_ook_boven_de_grens_van_opgehaalde_treffers(
    query, wereld, analist, client_for, monkeypatch
):
    # Above MAX_TREFFERS the search is a subquery and relevance an expression: same answers.
    monkeypatch.setattr(filtermodule, "MAX_TREFFERS", 0)
    assert _api_ids(client_for(analist), query) == _lijst_ids(query)


def test_een_ongeldige_filterwaarde_is_400_met_de_naam(wereld, client_for):
    body = haal(client_for(None), "/api/aanbevelingen/?standpunt=misschien&jaar=twee", 400)
    assert set(body["parameters"]) == {"standpunt", "jaar"}
    assert "standpunt" in body["fout"] and "jaar" in body["fout"]


def test_de_andere_lijsten_filteren(wereld, analist, client_for):
    client = client_for(analist)
    adviezen = alle_paginas(client, "/api/adviezen/?raad=ROB")
    assert {a["slug"] for a in adviezen} == {"ouder-worden-in-de-wijk", "digitale-inclusie"}
    adviezen = alle_paginas(client, "/api/adviezen/?raad=ROB&raad=RVS")
    assert len(adviezen) == 3  # a report of both councils comes once
    reacties = alle_paginas(client, "/api/reacties/?advies=ouder-worden-in-de-wijk")
    assert len(reacties) == 2
    reacties = alle_paginas(client, "/api/reacties/?standpunt=niet_overgenomen")
    assert len(reacties) == 3  # the concept letter's too: the analyst sees it
    assert len(alle_paginas(client_for(None), "/api/reacties/?standpunt=niet_overgenomen")) == 2
    toezeggingen = alle_paginas(client, "/api/toezeggingen/?status=open")
    assert {t["tekst"] for t in toezeggingen} == {
        "We starten een pilot met vijf gemeenten.",
        "Concepttoezegging over digitale buurten.",
    }
    programmas = alle_paginas(client, "/api/programmas/?soort=programma")
    assert [p["slug"] for p in programmas] == ["een-tegen-eenzaamheid", "wonen-en-zorg"]
    haal(client, "/api/programmas/?soort=geen-soort", 400)
