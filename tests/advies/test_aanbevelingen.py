"""The recommendation list (/aanbevelingen/): every filter, their combinations, the facet
counts under the other filters, the state in the URL, pagination, sorting, access, and a
number of queries that does not grow with the page size or the number of results.

Runs on SQLite and PostgreSQL; the search itself is tested in test_zoeken."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path, reverse

from advies import facetindex, views
from advies import filters as filtermodule
from advies.facetten import Basis, Basissen, basissen, facetten
from advies.filters import AanbevelingFilter
from advies.models import Aanbeveling
from advies.selectors import canoniek, zoek_aanbevelingen
from reacties.models import Briefstatus, Koppelsoort, Reactie, Standpunt, Toezeggingstatus
from tests.advies.aanbevelingen_wereld import (
    bouw_wereld,
    maak_aanbeveling,
    maak_advies,
    maak_brief,
    maak_reactie,
)
from tests.html_controle import toegankelijkheidsfouten

pytestmark = pytest.mark.django_db

URL = "/aanbevelingen/"


@pytest.fixture
def wereld(db):
    return bouw_wereld()


@pytest.fixture(params=["opgehaald", "subquery"])
def modus(request, monkeypatch):
    """Run a test with the search matches fetched once (the normal case) and as a subquery
    of every query (what happens above MAX_TREFFERS): both must give the same answers."""
    if request.param == "subquery":
        monkeypatch.setattr(filtermodule, "MAX_TREFFERS", 0)
    return request.param


def _resultaat(query: str):
    return zoek_aanbevelingen(QueryDict(query))


def _ids(query: str) -> set[int]:
    return set(_resultaat(query).queryset.values_list("pk", flat=True))


def _facet(query: str, naam: str) -> dict[str, int]:
    facet = _resultaat(query).facet.get(naam)
    return {o.waarde: o.aantal for o in facet.opties} if facet else {}


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


# --- access ------------------------------------------------------------------------------


def test_anoniem_naar_inloggen(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("inloggen"))


def test_zonder_leesrecht_403(client_for, django_user_model):
    gebruiker = django_user_model.objects.create_user(username="zonder-rol", password="x")
    assert client_for(gebruiker).get(URL).status_code == 403


@pytest.mark.parametrize("rol", ["analist", "redacteur", "coordinator", "beheerder"])
def test_elke_rol_ziet_de_lijst(rol, wereld, client_for, request):
    html = _html(client_for(request.getfixturevalue(rol)), URL)
    assert "7 aanbevelingen" in html
    assert 'aria-current="page">Aanbevelingen</a>' in html  # first in the menu, current


def test_de_startpagina_is_de_lijst(analist, client_for):
    response = client_for(analist).get("/")
    assert response.status_code == 302 and response["Location"] == URL


def test_alleen_get(analist, client_for):
    assert client_for(analist).post(URL).status_code == 405


# --- each filter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("", {"a11", "a12", "a21", "a22", "a23", "a31", "a32"}),
        ("bestuurslaag=gemeente", {"a11", "a21", "a22", "a31", "a32"}),
        ("bestuurslaag=rijk&bestuurslaag=woningcorporatie", {"a12", "a22", "a23"}),
        ("raad=ROB", {"a21", "a22", "a23", "a31", "a32"}),
        ("raad=RVS&raad=ROB", {"a11", "a12", "a21", "a22", "a23", "a31", "a32"}),
        ("advies=samen-in-de-buurt", {"a11", "a12"}),
        ("jaar=2021", {"a21", "a22", "a23"}),
        ("jaar=2019&jaar=2023", {"a11", "a12", "a31", "a32"}),
        ("jaar_van=2020", {"a21", "a22", "a23", "a31", "a32"}),
        ("jaar_tot=2021", {"a11", "a12", "a21", "a22", "a23"}),
        ("jaar_van=2020&jaar_tot=2022", {"a21", "a22", "a23"}),
        ("programma=een-tegen-eenzaamheid", {"a11", "a21", "a22"}),
        # a31's link to wonen-en-zorg is in a draft letter: it does not count
        ("programma=wonen-en-zorg", {"a12"}),
        ("onderdeel=een-tegen-eenzaamheid:actielijn-2", {"a21"}),
        (
            "onderdeel=een-tegen-eenzaamheid:actielijn-1&onderdeel=een-tegen-eenzaamheid:actielijn-2",
            {"a11", "a21"},
        ),
        ("onderdeel=een-tegen-eenzaamheid:actielijn-2a", set()),  # not the part above it
        ("standpunt=niet_overgenomen", {"a11", "a21"}),  # a31: draft letter
        ("standpunt=overgenomen&standpunt=deels_overgenomen", {"a12", "a22"}),
        ("standpunt=geen", {"a23", "a31", "a32"}),
        ("standpunt=geen&standpunt=overgenomen", {"a12", "a23", "a31", "a32"}),
        ("toezeggingstatus=open", {"a12"}),
        ("toezeggingstatus=open&toezeggingstatus=in_uitvoering", {"a12", "a22"}),
        ("toezeggingstatus=voldaan", set()),
        ("nieuwe_toezegging=ja", {"a12", "a22"}),
        ("nieuwe_toezegging=nee", {"a11", "a21", "a23", "a31", "a32"}),
    ],
)
def test_elk_filter(query, verwacht, wereld, modus):
    assert _ids(query) == wereld.ids(*verwacht)


def test_de_vraag_van_de_analist(wereld, analist, client_for):
    """Which recommendations to municipalities did the cabinet not adopt since 2020, and
    under which programmes?"""
    query = "bestuurslaag=gemeente&standpunt=niet_overgenomen&jaar_van=2020"
    assert _ids(query) == wereld.ids("a21")
    html = _html(client_for(analist), f"{URL}?{query}")
    assert "1 aanbeveling." in html
    rij = html[html.index("<tbody") : html.index("</tbody>")]
    assert "Gemeenten moeten eenzaamheid vroeg signaleren." in rij
    assert "Een tegen Eenzaamheid: Actielijn 2" in rij  # the programme (and part) shown
    assert "niet overgenomen" in rij
    assert "Ouder worden in de wijk" in rij and ">RVS</abbr>" in rij and ">ROB</abbr>" in rij


def test_combinaties_zijn_en_binnen_een_filter_of(wereld, modus):
    assert _ids("bestuurslaag=gemeente&raad=RVS") == wereld.ids("a11", "a21", "a22")
    assert _ids("bestuurslaag=gemeente&programma=een-tegen-eenzaamheid&jaar=2021") == (
        wereld.ids("a21", "a22")
    )
    assert _ids("standpunt=niet_overgenomen&nieuwe_toezegging=ja") == set()
    assert _ids("q=eenzaamheid&bestuurslaag=gemeente") == wereld.ids("a21", "a32")


def test_ongeldige_waarden_worden_genegeerd_en_gemeld(wereld, analist, client_for):
    resultaat = _resultaat("bestuurslaag=bestaat-niet&jaar=abc&per_pagina=30&raad=RVS")
    assert set(resultaat.queryset.values_list("pk", flat=True)) == wereld.ids(
        "a11", "a12", "a21", "a22", "a23"
    )
    assert resultaat.per_pagina == 25
    assert len(resultaat.fouten) == 3
    html = _html(client_for(analist), f"{URL}?bestuurslaag=bestaat-niet&raad=RVS")
    assert "Niet alles in het adres kon worden gebruikt" in html
    assert "5 aanbevelingen" in html


def test_geen_dubbele_rijen_door_meervoudige_koppelingen(wereld, modus):
    # a22 has two levels, a report with two councils, and a response with several links.
    for query in ["bestuurslaag=gemeente&bestuurslaag=woningcorporatie", "raad=RVS&raad=ROB"]:
        pks = list(_resultaat(query).queryset.values_list("pk", flat=True))
        assert len(pks) == len(set(pks))
        assert _resultaat(query).total == len(pks)


# --- facet counts ----------------------------------------------------------------------------


def test_facetten_zonder_filters(wereld, modus):
    resultaat = _resultaat("")
    f = {facet.naam: {o.waarde: o.aantal for o in facet.opties} for facet in resultaat.facets}
    assert f["bestuurslaag"] == {"rijk": 2, "gemeente": 5, "woningcorporatie": 1}
    assert f["raad"] == {"ROB": 5, "RVS": 5}
    assert f["jaar"] == {"2023": 2, "2021": 3, "2019": 2}
    assert f["programma"] == {"een-tegen-eenzaamheid": 3, "wonen-en-zorg": 1}
    assert f["standpunt"] == {
        "overgenomen": 1,
        "deels_overgenomen": 1,
        "niet_overgenomen": 2,
        "geen": 3,
    }
    assert f["toezeggingstatus"] == {"open": 1, "in_uitvoering": 1}
    assert f["nieuwe_toezegging"] == {"ja": 2, "nee": 5}
    assert "onderdeel" not in f  # only with a programme chosen
    # Options come in a fixed order: levels by their order, years newest first.
    assert list(f["bestuurslaag"]) == ["rijk", "gemeente", "woningcorporatie"]


def test_facetten_tellen_onder_de_andere_filters(wereld, modus):
    query = "bestuurslaag=gemeente&standpunt=niet_overgenomen"
    # Its own dimension is counted without its own filter (disjunctive), under the others:
    assert _facet(query, "bestuurslaag") == {"gemeente": 2}
    assert _facet(query, "standpunt") == {
        "niet_overgenomen": 2,
        "deels_overgenomen": 1,
        "geen": 2,
    }
    # Every other dimension under both filters.
    assert _facet(query, "jaar") == {"2021": 1, "2019": 1}
    assert _facet(query, "programma") == {"een-tegen-eenzaamheid": 2}
    assert _facet(query, "nieuwe_toezegging") == {"nee": 2}


def test_gekozen_opties_blijven_zichtbaar_ook_bij_nul(wereld, modus):
    resultaat = _resultaat("toezeggingstatus=voldaan&jaar=2019")
    status = resultaat.facet["toezeggingstatus"]
    assert [(o.waarde, o.aantal, o.gekozen) for o in status.opties] == [
        ("open", 1, False),
        ("voldaan", 0, True),
    ]
    assert resultaat.total == 0


def test_onderdelen_van_het_gekozen_programma(wereld, modus):
    facet = _resultaat("programma=een-tegen-eenzaamheid").facet["onderdeel"]
    assert [(o.waarde, o.label, o.aantal, o.niveau) for o in facet.opties] == [
        ("een-tegen-eenzaamheid:actielijn-1", "Actielijn 1", 1, 0),
        ("een-tegen-eenzaamheid:actielijn-2", "Actielijn 2", 1, 0),
    ]
    gekozen = _resultaat("onderdeel=een-tegen-eenzaamheid:actielijn-2a").facet["onderdeel"]
    assert [(o.waarde, o.aantal, o.gekozen, o.niveau) for o in gekozen.opties] == [
        ("een-tegen-eenzaamheid:actielijn-1", 1, False, 0),
        ("een-tegen-eenzaamheid:actielijn-2", 1, False, 0),
        ("een-tegen-eenzaamheid:actielijn-2a", 0, True, 1),
    ]


QUERIES_VOOR_VERGELIJKING = [
    "",
    "bestuurslaag=gemeente",
    "bestuurslaag=gemeente&standpunt=niet_overgenomen&jaar_van=2020",
    "raad=ROB&nieuwe_toezegging=nee",
    "programma=een-tegen-eenzaamheid&onderdeel=een-tegen-eenzaamheid:actielijn-1",
    "standpunt=geen&toezeggingstatus=open",
    "q=eenzaamheid",
    "q=eenzaamheid&bestuurslaag=gemeente&jaar=2021&jaar=2023",
    "q=ontmoetingsruimten&standpunt=deels_overgenomen&programma=wonen-en-zorg",
]


def _verwachte_facetten(query: str, wereld) -> dict[str, Counter]:
    """Every facet counted by brute force in Python, from the definitions: each dimension
    under all other filters; only sent letters count."""
    params = QueryDict(query)
    zoek = _ids(f"q={params['q']}") if params.get("q") else None
    kenmerken = {}
    for a in Aanbeveling.objects.all():
        reacties = [r for r in a.reacties.all() if r.sectie.brief.status == Briefstatus.VERZONDEN]
        koppelingen = [k for r in reacties for k in r.koppelingen.all()]
        toezeggingen = [t for r in reacties for t in r.toezeggingen.all()]
        jaar = a.advies.publicatiedatum.year
        kenmerken[a.pk] = {
            "bestuurslaag": {b.slug for b in a.bestuurslagen.all()},
            "raad": {r.afkorting for r in a.advies.raden.all()},
            "jaar": {str(jaar)},
            "programma": {k.programma.slug for k in koppelingen},
            "onderdeel": {
                f"{k.programma.slug}:{k.onderdeel.sleutel}" for k in koppelingen if k.onderdeel
            },
            "standpunt": {r.standpunt for r in reacties if r.standpunt} or {"geen"},
            "toezeggingstatus": {t.status for t in toezeggingen},
            "nieuwe_toezegging": {
                "ja"
                if toezeggingen or any(k.soort == Koppelsoort.NIEUW for k in koppelingen)
                else "nee"
            },
            "_jaar": jaar,
            "_advies": a.advies.slug,
        }

    def past(pk: int, zonder: str) -> bool:
        k = kenmerken[pk]
        if zoek is not None and pk not in zoek:
            return False
        if params.get("advies") and k["_advies"] != params["advies"]:
            return False
        if params.get("jaar_van") and k["_jaar"] < int(params["jaar_van"]):
            return False
        if params.get("jaar_tot") and k["_jaar"] > int(params["jaar_tot"]):
            return False
        for naam in filtermodule.FACETFILTERS:
            gekozen = set(params.getlist(naam))
            if naam != zonder and gekozen and not (gekozen & k[naam]):
                # "standpunt=geen" also matches where a stance is blank
                return False
        return True

    uit = {}
    for naam in filtermodule.FACETFILTERS:
        teller: Counter = Counter()
        for pk in kenmerken:
            if past(pk, naam):
                teller.update(kenmerken[pk][naam])
        uit[naam] = teller
    return uit


@pytest.mark.parametrize("query", QUERIES_VOOR_VERGELIJKING)
def test_facetten_kloppen_met_een_telling_met_de_hand(query, wereld, modus):
    verwacht = _verwachte_facetten(query, wereld)
    resultaat = _resultaat(query)
    for facet in resultaat.facets:
        gekregen = {o.waarde: o.aantal for o in facet.opties if o.aantal}
        assert gekregen == {w: n for w, n in verwacht[facet.naam].items() if n}, facet.naam
    # And the result itself is the set every facet option adds up within.
    assert resultaat.total == len(set(resultaat.queryset.values_list("pk", flat=True)))


# --- the page: filters, state in the URL, pagination, sorting -------------------------------


class _Formulier(HTMLParser):
    """What the filter form would submit as it is rendered: checked boxes and radio
    buttons, filled-in fields and selected options, of the form and of the fields outside
    it that name it (form="filters")."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paren: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._labels: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "filters":
            self._in_form = True
        hoort_erbij = self._in_form or a.get("form") == "filters"
        if tag == "input" and hoort_erbij and a.get("name"):
            soort = a.get("type", "text")
            if soort in {"checkbox", "radio"}:
                if "checked" in a:
                    self.paren.append((a["name"], a.get("value", "on")))
            elif soort not in {"submit", "button"}:
                self.paren.append((a["name"], a.get("value") or ""))
        elif tag == "select" and hoort_erbij:
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.paren.append((self._select, a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None


def _wat_het_formulier_verstuurt(html: str) -> QueryDict:
    formulier = _Formulier()
    formulier.feed(html)
    verstuurd = QueryDict(mutable=True)
    for naam, waarde in formulier.paren:
        verstuurd.appendlist(naam, waarde)
    return verstuurd


def _paren(q: QueryDict) -> Counter:
    return Counter((k, v) for k in q for v in q.getlist(k))


@pytest.mark.parametrize(
    "query",
    [
        "",
        "bestuurslaag=gemeente&q=eenzaamheid",
        "bestuurslaag=gemeente&standpunt=niet_overgenomen&jaar_van=2020",
        "raad=ROB&raad=RVS&jaar=2021&nieuwe_toezegging=nee&sorteer=advies&per_pagina=50",
        "programma=een-tegen-eenzaamheid&onderdeel=een-tegen-eenzaamheid:actielijn-2",
        "advies=ouder-worden-in-de-wijk&toezeggingstatus=in_uitvoering&jaar_tot=2022",
    ],
)
def test_de_toestand_staat_in_de_url_en_komt_terug(query, wereld, analist, client_for):
    """A bookmarked URL shows exactly its state in the form, and submitting that form leads
    back to the same URL."""
    client = client_for(analist)
    html = _html(client, f"{URL}?{query}" if query else URL)
    verstuurd = _wat_het_formulier_verstuurt(html)
    assert _paren(canoniek(verstuurd)) == _paren(QueryDict(query))
    # The browser sends every field, empty ones too: the list redirects to the short URL.
    response = client.get(URL, data=verstuurd)
    if _paren(canoniek(verstuurd)) != _paren(verstuurd):
        assert response.status_code == 302
        doel = urlsplit(response["Location"])
        assert doel.path == URL
        assert Counter(parse_qsl(doel.query)) == _paren(QueryDict(query))
    else:
        assert response.status_code == 200


def test_lege_velden_worden_uit_de_url_gehaald(wereld, analist, client_for):
    response = client_for(analist).get(
        f"{URL}?q=&bestuurslaag=gemeente&jaar_van=&sorteer=-publicatiedatum&per_pagina=25"
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?bestuurslaag=gemeente"
    response = client_for(analist).get(f"{URL}?q=++eenzaamheid++&sorteer=relevantie")
    assert response["Location"] == f"{URL}?q=eenzaamheid"


def test_actieve_filters_zijn_te_verwijderen(wereld, analist, client_for):
    query = "bestuurslaag=gemeente&bestuurslaag=rijk&q=eenzaamheid&jaar_van=2020"
    resultaat = _resultaat(query)
    labels = {f.label: f.verwijder_url for f in resultaat.actieve_filters}
    assert labels == {
        "Bestuurslaag: gemeente": "?bestuurslaag=rijk&q=eenzaamheid&jaar_van=2020",
        "Bestuurslaag: Rijk": "?bestuurslaag=gemeente&q=eenzaamheid&jaar_van=2020",
        "Zoekterm: ‘eenzaamheid’": "?bestuurslaag=gemeente&bestuurslaag=rijk&jaar_van=2020",
        "Gepubliceerd vanaf 2020": "?bestuurslaag=gemeente&bestuurslaag=rijk&q=eenzaamheid",
    }
    html = _html(client_for(analist), f"{URL}?{query}")
    assert "Verwijder filter </span>Bestuurslaag: gemeente" in html
    assert "Alle filters wissen" in html


def test_de_pagina_toont_facetten_met_aantallen(wereld, analist, client_for):
    html = _html(client_for(analist), f"{URL}?bestuurslaag=gemeente")
    assert re.search(
        r'<input[^>]*type="checkbox" name="bestuurslaag" value="gemeente"[^>]*checked>\s*'
        r'<label[^>]*>gemeente <span class="aantal">\(5\)</span></label>',
        html,
    )
    assert '<legend class="utrecht-form-fieldset__legend' in html
    assert "Filter toepassen" in html
    assert 'role="status" aria-live="polite"' in html
    assert "5 aanbevelingen" in html
    assert not toegankelijkheidsfouten(html)


def test_exportlinks_met_dezelfde_toestand(wereld, analist, client_for):
    links = views.exportlinks()
    html = _html(client_for(analist), f"{URL}?bestuurslaag=gemeente&q=eenzaamheid")
    if not links:
        assert "Exporteer" not in html
        return
    for label, url in links:
        assert f'href="{url}?bestuurslaag=gemeente&amp;q=eenzaamheid">{label}</a>' in html


urlpatterns = [
    path(
        "",
        include(([path("aanbevelingen/", views.aanbevelingen, name="aanbevelingen")], "advies")),
    )
]


def test_zonder_exportroute_geen_exportlinks():
    with override_settings(ROOT_URLCONF=__name__):
        assert views.exportlinks() == []


def _veel(aantal: int, tekst: str = "Pak de eenzaamheid in de wijk aan.") -> list[Aanbeveling]:
    """``aantal`` recommendations to municipalities, each answered in a sent letter with a
    stance, a programme link and a commitment."""
    from programmas.models import Programma

    programma = Programma.objects.get_or_create(
        slug="veel", defaults={"naam": "Veel", "soort": "programma"}
    )[0]
    advies = maak_advies(f"veel-{Aanbeveling.objects.count()}", "Veel", 2024, [])
    sectie = maak_brief(advies)
    lijst = []
    for i in range(aantal):
        a = maak_aanbeveling(advies, str(i + 1), f"{tekst} ({i})", ["gemeente"])
        maak_reactie(
            sectie,
            [a],
            f"<p>Reactie {i}.</p>",
            Standpunt.OVERGENOMEN,
            koppelingen=[(programma, None, Koppelsoort.NIEUW)],
            toezeggingen=[(f"Toezegging {i}.", Toezeggingstatus.OPEN)],
        )
        lijst.append(a)
    return lijst


def test_paginering_25_50_100(db, analist, client_for):
    _veel(120)
    client = client_for(analist)
    for grootte in (25, 50, 100):
        resultaat = _resultaat(f"per_pagina={grootte}")
        assert resultaat.total == 120
        assert len(resultaat.page.object_list) == grootte
        assert resultaat.page.paginator.num_pages == -(-120 // grootte)
    html = _html(client, f"{URL}?bestuurslaag=gemeente&per_pagina=50&pagina=2")
    assert "51–100 op deze pagina (pagina 2 van 3)" in html
    assert html.count('class="utrecht-table__row"') == 51  # header row + 50
    # The links to other pages keep every other parameter.
    assert 'href="?bestuurslaag=gemeente&amp;per_pagina=50&amp;pagina=3"' in html
    assert 'rel="prev" href="?bestuurslaag=gemeente&amp;per_pagina=50&amp;pagina=1"' in html
    assert 'aria-current="page"' in html
    # A page past the end shows the last page; a nonsense page the first.
    assert _resultaat("pagina=99").page.number == 5
    assert _resultaat("pagina=abc").page.number == 1


def test_pagina_s_overlappen_niet(db):
    _veel(60)
    gezien: list[int] = []
    for nummer in (1, 2, 3):
        gezien += [a.pk for a in _resultaat(f"pagina={nummer}").page.object_list]
    assert len(gezien) == len(set(gezien)) == 60


def test_sorteren(wereld, modus):
    def nummers(query: str) -> list[str]:
        return [
            f"{a.advies.slug[:3]}{a.nummer}"
            for a in _resultaat(query).queryset.select_related("advies")
        ]

    # Newest report first (default), then the report's own order.
    assert nummers("") == ["dig1", "dig2", "oud1", "oud2", "oud3", "sam1", "sam2"]
    assert nummers("sorteer=publicatiedatum") == [
        "sam1",
        "sam2",
        "oud1",
        "oud2",
        "oud3",
        "dig1",
        "dig2",
    ]
    # By the report's title: Digitale…, Ouder…, Samen…
    assert nummers("sorteer=advies") == ["dig1", "dig2", "oud1", "oud2", "oud3", "sam1", "sam2"]
    assert _resultaat("sorteer=relevantie").sortering == "-publicatiedatum"  # no search term
    assert _resultaat("q=eenzaamheid").sortering == "relevantie"
    assert _resultaat("q=eenzaamheid&sorteer=publicatiedatum").sortering == "publicatiedatum"


def test_rijen_tonen_advies_raden_lagen_standpunt_en_programmas(wereld, analist, client_for):
    html = _html(client_for(analist), f"{URL}?advies=samen-in-de-buurt")
    rijen = html[html.index("<tbody") : html.index("</tbody>")]
    assert "Investeer in ontmoetingsplekken in de buurt." in rijen
    assert '<abbr title="Raad voor Volksgezondheid en Samenleving">RVS</abbr>' in rijen
    assert "1 juni 2019" in rijen
    assert "overgenomen" in rijen and "niet overgenomen" in rijen
    assert 'Wonen en Zorg <span class="nieuw">(nieuwe toezegging)</span>' in rijen
    assert "Een tegen Eenzaamheid: Actielijn 1" in rijen
    # A report filter is kept in the form and shown as an active filter.
    assert '<input type="hidden" name="advies" value="samen-in-de-buurt">' in html
    assert "Advies: Samen in de buurt" in html


def test_concept_reacties_tellen_niet(wereld, analist, client_for):
    html = _html(client_for(analist), f"{URL}?advies=digitale-inclusie")
    rijen = html[html.index("<tbody") : html.index("</tbody>")]
    assert rijen.count("geen standpunt") == 2
    assert "Wonen en Zorg" not in rijen


# --- the number of queries ------------------------------------------------------------------


def _aantal_queries(client, url: str) -> int:
    """The queries of a request that counts (with the counts in the cache, it counts none)."""
    cache.clear()
    facetindex.vergeet()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "query",
    [
        "bestuurslaag=gemeente&q=eenzaamheid",
        "bestuurslaag=gemeente",
        "standpunt=overgenomen&programma=veel&jaar_van=2020",
    ],
)
def test_aantal_queries_groeit_niet_met_resultaten_of_paginagrootte(query, db, analist, client_for):
    client = client_for(analist)
    client.get(URL)  # the session and permission caches, as in normal use
    _veel(3)
    bij_3 = _aantal_queries(client, f"{URL}?{query}")
    assert _resultaat(query).total == 3
    _veel(57)
    assert _resultaat(query).total == 60
    assert _aantal_queries(client, f"{URL}?{query}") == bij_3
    assert _aantal_queries(client, f"{URL}?{query}&per_pagina=100") == bij_3
    assert _aantal_queries(client, f"{URL}?{query}&per_pagina=50&pagina=2") == bij_3


def _facetten_als_lijst(facets) -> list:
    return [(f.naam, [(o.waarde, o.label, o.aantal, o.gekozen) for o in f.opties]) for f in facets]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "bestuurslaag=gemeente",
        "bestuurslaag=rijk&bestuurslaag=woningcorporatie&raad=ROB",
        "standpunt=geen",
        "standpunt=overgenomen&standpunt=geen&bestuurslaag=gemeente",
        "nieuwe_toezegging=nee",
        "nieuwe_toezegging=ja&jaar=2021",
        "programma=een-tegen-eenzaamheid&onderdeel=een-tegen-eenzaamheid:actielijn-2",
        "onderdeel=een-tegen-eenzaamheid:actielijn-1&standpunt=niet_overgenomen",
        "toezeggingstatus=open&toezeggingstatus=in_uitvoering&raad=RVS",
        "jaar=2019&jaar=2023&jaar_van=2020",
        "jaar_tot=2021&programma=wonen-en-zorg",
        "advies=ouder-worden-in-de-wijk&bestuurslaag=gemeente&standpunt=deels_overgenomen",
        "q=eenzaamheid",
        "q=eenzaamheid&standpunt=geen&raad=ROB",
        "q=buurt&programma=een-tegen-eenzaamheid&jaar_van=2019",
        "bestuurslaag=bestaat-niet&jaar=geen-jaar&standpunt=overgenomen",
    ],
)
def test_de_index_telt_wat_sql_telt(query, wereld):
    # The bitmap index (advies.facetindex) and the SQL counts (advies.facetten) are two ways
    # to the same numbers: every option, label, count and choice, and the number of results.
    fs = AanbevelingFilter(QueryDict(query), queryset=Aanbeveling.objects.all())
    index = facetindex.tel(fs)
    uit_index = facetten(fs, Basissen(Basis(Aanbeveling.objects.none()), {}, None, index.tellingen))
    sets = basissen(fs)
    uit_sql = facetten(fs, sets)
    assert _facetten_als_lijst(uit_index) == _facetten_als_lijst(uit_sql)
    assert index.aantal == sets.alles.aantal == _resultaat(query).total


@pytest.mark.django_db(transaction=True)
def test_tellingen_uit_de_cache_en_een_wijziging_direct_zichtbaar(analist, client_for):
    # Committed writes, as in production: on PostgreSQL the data version rises at COMMIT.
    w = bouw_wereld()
    client = client_for(analist)
    url = f"{URL}?bestuurslaag=gemeente"
    client.get(URL)  # the session and permission caches, as in normal use
    cache.clear()
    with CaptureQueriesContext(connection) as geteld:
        assert "5 aanbevelingen" in _html(client, url)
    with CaptureQueriesContext(connection) as uit_cache:
        assert "5 aanbevelingen" in _html(client, url)
    assert len(uit_cache) < len(geteld)
    assert _facet("", "standpunt")["overgenomen"] == 1
    # Writes that send no signals (a queryset's delete and update) are seen all the same.
    Aanbeveling.bestuurslagen.through.objects.filter(
        aanbeveling=w.a["a11"], bestuurslaag__slug="gemeente"
    ).delete()
    assert "4 aanbevelingen" in _html(client, url)
    Reactie.objects.filter(aanbevelingen=w.a["a21"]).update(standpunt=Standpunt.OVERGENOMEN)
    assert _facet("", "standpunt")["overgenomen"] == 2
    assert _facet("bestuurslaag=gemeente", "standpunt")["overgenomen"] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner settings: PostgreSQL")
def test_de_lijst_zet_de_planner_voor_gegevens_in_het_geheugen(wereld, analist, client_for):
    with CaptureQueriesContext(connection) as ctx:
        client_for(analist).get(f"{URL}?bestuurslaag=gemeente&q=eenzaamheid")
    sql = [q["sql"] for q in ctx.captured_queries]
    assert any("set_config('random_page_cost', '1.1', true)" in s for s in sql)


@pytest.mark.parametrize(
    "query", ["", "bestuurslaag=gemeente", "q=eenzaamheid&bestuurslaag=gemeente&standpunt=geen"]
)
def test_zonder_facetten_dezelfde_rijen_en_filters(query, wereld, modus):
    # For an export: the rows, their order and the described filters, without the counts.
    met = _resultaat(query)
    zonder = zoek_aanbevelingen(QueryDict(query), met_facetten=False)
    assert zonder.facets == []
    assert list(zonder.queryset.values_list("pk", flat=True)) == list(
        met.queryset.values_list("pk", flat=True)
    )
    assert zonder.total == met.total
    assert [f.label for f in zonder.actieve_filters] == [f.label for f in met.actieve_filters]
