"""The search of the recommendation list (advies.zoeken): what it finds on either database,
its relevance order, and snippets that are marked but never let stored text add markup.

PostgreSQL-only behaviour (Dutch stemming, the GIN indexes being used) is skipped on SQLite;
the SQLite fallback (every word, case-insensitive, no stemming) is tested on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from advies import facetindex, zoeken
from advies.filters import RELEVANTIE
from advies.models import Aanbeveling
from advies.selectors import orden, zoek_aanbevelingen
from reacties.models import Reactie
from tests.advies.aanbevelingen_wereld import bouw_wereld, maak_aanbeveling, maak_advies

pytestmark = pytest.mark.django_db

alleen_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Nederlandse full-text search: alleen PostgreSQL"
)
alleen_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="de eenvoudige zoekvariant van SQLite"
)


@pytest.fixture
def wereld(db):
    return bouw_wereld()


def _gevonden(term: str) -> set[int]:
    return set(zoeken.zoek_filter(Aanbeveling.objects.all(), term).values_list("pk", flat=True))


def _treffers(term: str) -> dict[int, int]:
    return zoeken.zoektreffers(term, 1000).bronnen


# --- on both databases ------------------------------------------------------------------------


def test_vindt_in_aanbeveling_reactie_en_toezegging(wereld):
    # a21, a32: their own text; a12: its response ("<strong>eenzaamheid</strong>").
    assert _gevonden("eenzaamheid") == wereld.ids("a12", "a21", "a32")
    # a12's commitment: "We starten een pilot met vijf gemeenten."
    assert _gevonden("pilot") == wereld.ids("a12")
    # Where each matched, as bits: own text 4, response 2, commitment 1.
    assert _treffers("eenzaamheid") == {
        wereld.a["a12"].pk: 2,
        wereld.a["a21"].pk: 4,
        wereld.a["a32"].pk: 4,
    }
    assert _treffers("pilot") == {wereld.a["a12"].pk: 1}


def test_concepten_worden_niet_doorzocht(wereld):
    # a31's response and commitment in a draft letter hold "Concept…"; nothing else does.
    assert _gevonden("concepttoezegging") == set()
    assert _gevonden("later meer") == set()


def test_alle_woorden_moeten_in_een_tekst_staan(wereld):
    assert _gevonden("eenzaamheid signaleren") == wereld.ids("a21")
    assert _gevonden("eenzaamheid pilot") == set()  # response and commitment, not one text


def test_lege_zoekterm_filtert_niet(wereld):
    assert _gevonden("") == set(Aanbeveling.objects.values_list("pk", flat=True))
    assert _gevonden("   ") == set(Aanbeveling.objects.values_list("pk", flat=True))


def test_schoon():
    assert zoeken.schoon("  buurt \n  eenzaamheid ") == "buurt eenzaamheid"
    assert zoeken.schoon("a\ue000b\x00c") == "abc"  # no markers, no control characters
    assert len(zoeken.schoon("x" * 500)) == zoeken.MAX_LENGTE


def test_boven_de_limiet_een_subquery(wereld):
    assert zoeken.zoektreffers("eenzaamheid", 2) is None
    assert zoeken.zoektreffers("eenzaamheid", 3) is not None


def test_relevantie_eigen_tekst_eerst(db):
    advies = maak_advies("r", "R", 2020, [])
    alleen_reactie = maak_aanbeveling(advies, "1", "Iets over wonen.", ["rijk"])
    eigen = maak_aanbeveling(advies, "2", "Zorg voor ontmoeting in de buurt.", ["rijk"])
    from tests.advies.aanbevelingen_wereld import maak_brief, maak_reactie

    maak_reactie(maak_brief(advies), [alleen_reactie], "<p>Ontmoeting is belangrijk.</p>")
    for query in ("q=ontmoeting", "q=ontmoeting&sorteer=relevantie"):
        volgorde = [a.pk for a in zoek_aanbevelingen(QueryDict(query)).page.object_list]
        assert volgorde == [eigen.pk, alleen_reactie.pk]
    # Sorted by report order instead, the one with the lower number comes first.
    volgorde = [
        a.pk for a in zoek_aanbevelingen(QueryDict("q=ontmoeting&sorteer=advies")).page.object_list
    ]
    assert volgorde == [alleen_reactie.pk, eigen.pk]


@pytest.mark.parametrize("term", ["eenzaamheid", "buurt", "ontmoeting", "wonen zorg"])
def test_relevantievolgorde_uit_de_index_is_die_van_sql(term, wereld):
    # The list sorts a search's matches in Python (advies.facetindex); the exports and a
    # search with too many matches in SQL (advies.selectors.orden): the same order.
    maak_aanbeveling(wereld.adviezen["A1"], "3", f"Nog iets over {term}.", ["rijk"])
    maak_aanbeveling(wereld.adviezen["A3"], "3", f"Ook over {term}.", ["rijk"])
    bronnen = _treffers(term)
    assert len(bronnen) >= 2
    sql = orden(
        Aanbeveling.objects.filter(pk__in=bronnen),
        RELEVANTIE,
        zoeken.relevantie_uit(zoeken.Zoektreffers(bronnen), zoeken.IdLijst(bronnen)),
    )
    assert facetindex.facetindex().op_relevantie(bronnen) == list(sql.values_list("pk", flat=True))


def test_fragment_is_ontsnapt_en_gemarkeerd(wereld, analist, client_for):
    html = client_for(analist).get("/aanbevelingen/?q=eenzaamheid").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>eenzaamheid</mark>" in html
    # The response's snippet: the words without their tags, the entity decoded and escaped.
    assert "Gevonden in de reactie:</span>" in html
    fragment = html[html.index("Gevonden in de reactie:") :][:400]
    assert "<strong>" not in fragment and "<p>" not in fragment
    assert "&amp; meer" in fragment and "&amp;amp;" not in fragment


def test_fragmenten_alleen_voor_de_rijen_van_de_pagina(wereld):
    rijen = list(Aanbeveling.objects.filter(pk__in=wereld.ids("a12", "a21", "a11")))
    zoeken.met_fragmenten(rijen, "eenzaamheid")
    per_id = {a.pk: a for a in rijen}
    assert per_id[wereld.a["a21"].pk].tekst_gemarkeerd is not None
    assert per_id[wereld.a["a21"].pk].fragmenten == []
    assert per_id[wereld.a["a12"].pk].tekst_gemarkeerd is None
    assert [f.bron for f in per_id[wereld.a["a12"].pk].fragmenten] == [zoeken.REACTIE]
    assert per_id[wereld.a["a11"].pk].tekst_gemarkeerd is None
    assert per_id[wereld.a["a11"].pk].fragmenten == []


def test_opgeslagen_markers_of_html_worden_nooit_markup(db):
    advies = maak_advies("m", "M", 2020, [])
    a = maak_aanbeveling(
        advies, "1", "Tekst met \ue000nep\ue001 markers en <b>eenzaamheid</b> & meer.", ["rijk"]
    )
    zoeken.met_fragmenten([a], "eenzaamheid")
    html = str(a.tekst_gemarkeerd)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("<mark>") == html.count("</mark>") == 1
    assert "<mark>eenzaamheid</mark>" in html
    assert "&amp; meer" in html


def test_naar_html_sluit_altijd_af():
    kop = f"begin {zoeken.BEGIN}open{zoeken.SCHEIDING}verder {zoeken.BEGIN}niet dicht"
    html = str(zoeken._naar_html(kop, bron_is_html=False))
    assert html == "begin <mark>open</mark> … verder <mark>niet dicht</mark>"
    assert str(zoeken._naar_html("&lt;i&gt; &amp;", bron_is_html=True)) == "&lt;i&gt; &amp;"
    assert str(zoeken._naar_html("&lt;i&gt;", bron_is_html=False)) == "&amp;lt;i&amp;gt;"


# --- PostgreSQL: Dutch full-text search ------------------------------------------------------


@alleen_postgresql
def test_stemming_buurten_vindt_buurt(wereld):
    # a11: "… in de buurt."; a22's commitment: "… de buurten …"
    assert _gevonden("buurten") == wereld.ids("a11", "a22")
    assert _gevonden("buurt") == wereld.ids("a11", "a22")
    assert _gevonden("ontmoetingsplek") == wereld.ids("a11")  # plural in the text


@alleen_postgresql
def test_zoeksyntax_van_websearch(wereld):
    assert _gevonden('"vroeg signaleren"') == wereld.ids("a21")
    assert _gevonden("eenzaamheid -signaleren") == wereld.ids("a12", "a32")
    assert _gevonden("pilot or signaleren") == wereld.ids("a12", "a21")
    assert _gevonden("de het een") == set()  # only stop words: nothing to search for


@alleen_postgresql
def test_fragment_met_stamvorm_gemarkeerd(wereld):
    rijen = list(Aanbeveling.objects.filter(pk=wereld.a["a22"].pk))
    zoeken.met_fragmenten(rijen, "buurt")
    (fragment,) = rijen[0].fragmenten
    assert fragment.bron == zoeken.TOEZEGGING
    assert "<mark>buurten</mark>" in str(fragment.html)


def _plan(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(r[0] for r in cursor.fetchall())


@alleen_postgresql
def test_de_gin_indexen_worden_gebruikt(wereld):
    plan = _plan(zoeken.zoek_filter(Aanbeveling.objects.all(), "eenzaamheid").values("pk"))
    for index in ("aanbeveling_tekst_zoek", "reactie_tekst_zoek", "toezegging_tekst_zoek"):
        assert index in plan, plan
    assert "COALESCE" not in plan.upper()


@alleen_postgresql
def test_de_opgehaalde_treffers_gebruiken_de_gin_indexen(wereld):
    # The list fetches its matches in one query (zoektreffers); that one must use them too.
    with CaptureQueriesContext(connection) as ctx:
        zoeken.zoektreffers("eenzaamheid", 1000)
    (sql,) = [q["sql"] for q in ctx.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    for index in ("aanbeveling_tekst_zoek", "reactie_tekst_zoek", "toezegging_tekst_zoek"):
        assert index in plan, plan


@alleen_postgresql
def test_expressie_gelijk_aan_de_index(wereld):
    sql, _ = (
        Reactie.objects.filter(zoeken._treft("tekst", "x")).values("pk").query.sql_with_params()
    )
    assert 'to_tsvector(\'dutch\'::regconfig, "reacties_reactie"."tekst")' in sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN "
            "('aanbeveling_tekst_zoek', 'reactie_tekst_zoek', 'toezegging_tekst_zoek')"
        )
        definities = [r[0] for r in cursor.fetchall()]
    assert len(definities) == 3
    for definitie in definities:
        assert "USING gin (to_tsvector('dutch'::regconfig, tekst))" in definitie


# --- SQLite: the simple fallback ---------------------------------------------------------


@alleen_sqlite
def test_sqlite_zonder_stemming_maar_hoofdletterongevoelig(wereld):
    assert _gevonden("EENZAAMHEID") == wereld.ids("a12", "a21", "a32")
    assert _gevonden("buurten") == wereld.ids("a22")  # the commitment; a11 says "buurt"
    assert _gevonden("buurt") == wereld.ids("a11", "a22")  # part of "buurten" too


@alleen_sqlite
def test_sqlite_fragment_is_de_zin_met_de_woorden(wereld):
    rijen = list(Aanbeveling.objects.filter(pk=wereld.a["a22"].pk))
    zoeken.met_fragmenten(rijen, "vng")
    (fragment,) = rijen[0].fragmenten
    assert fragment.bron == zoeken.TOEZEGGING
    assert str(fragment.html) == "Wij verkennen de buurten samen met de <mark>VNG</mark>."
