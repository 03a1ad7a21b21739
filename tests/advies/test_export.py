"""Exports of the recommendation list: CSV, XLSX and JSON with exactly the list's rows.

The 100,000-row memory figures are a benchmark, not a test: bench/export.py. Here: the
columns and their content, the formats' details, access, a fixed number of queries, and
that the writers hand out their output block by block without reading ahead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pytest
from django.db import connection
from django.http import QueryDict, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advies import export
from advies.models import Aanbeveling
from advies.selectors import zoek_aanbevelingen
from reacties.models import (
    Briefstatus,
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Standpunt,
    Toezegging,
)
from tests.factories import (
    maak_aanbeveling,
    maak_advies,
    maak_gebruiker,
    maak_programmaonderdeel,
    maak_reactie,
    maak_reactiebrief,
    maak_sectie,
    maak_toezegging,
)

pytestmark = pytest.mark.django_db

SLUG = "ruimte-maken-voor-ontmoeting"
KOLOMMEN = [
    "nummer",
    "aanbeveling",
    "advies",
    "advies_slug",
    "raden",
    "publicatiedatum",
    "bestuurslagen",
    "standpunt",
    "reactie",
    "programma's",
    "toezeggingen",
    "brief_status",
    "url",
]


@pytest.fixture
def voorbeeld(voorbeeldbrief):
    """The example letter (tests/conftest.py)."""
    return voorbeeldbrief


def verzonden_reactie(aanbevelingen, standpunt=Standpunt.OVERGENOMEN, tekst=None) -> Reactie:
    brief = maak_reactiebrief(aanbevelingen[0].advies)
    Reactiebrief.objects.filter(pk=brief.pk).update(status=Briefstatus.VERZONDEN)
    reactie = maak_reactie(maak_sectie(brief), aanbevelingen)
    reactie.standpunt = standpunt
    if tekst is not None:
        reactie.tekst = tekst
    reactie.save()
    return reactie


def _url(formaat: str, query: str = "") -> str:
    return reverse("advies:export", args=[formaat]) + (f"?{query}" if query else "")


def _inhoud(response) -> bytes:
    assert response.status_code == 200, response.status_code
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv(client, query: str = "", scheidingsteken: str = ",") -> list[list[str]]:
    data = _inhoud(client.get(_url("csv", query)))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for Excel
    tekst = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken))


def _pk(url: str) -> int:
    return int(re.search(r"/aanbevelingen/(\d+)/$", url).group(1))


# --- columns and content -----------------------------------------------------------------------


def test_csv_kolommen_en_inhoud(voorbeeld, analist, client_for):
    rijen = _csv(client_for(analist))
    assert rijen[0] == KOLOMMEN
    assert len(rijen) == 1 + Aanbeveling.objects.count() == 17
    per_nummer = {r[0]: dict(zip(KOLOMMEN, r, strict=True)) for r in rijen[1:]}
    rij = per_nummer["1.1"]
    assert rij["aanbeveling"].startswith("Stel naar het voorbeeld van de Klimaatwet")
    assert rij["advies"] == "Ruimte maken voor Ontmoeting" and rij["advies_slug"] == SLUG
    assert rij["raden"] == "CRa, RVS" and rij["bestuurslagen"] == "Rijk"
    assert rij["publicatiedatum"] == ""
    assert rij["standpunt"] == "deels overgenomen"
    assert rij["reactie"].startswith("In het programma “Mooi Nederland” van de minister")
    assert "<" not in rij["reactie"] and "\n\nDeze toekomstperspectieven" in rij["reactie"]
    assert (
        "Mooi Nederland – Leefbare Steden en regio’s (programma; bestaand beleid)"
        in (rij["programma's"])
    )
    assert rij["brief_status"] == "verzonden"
    aanbeveling = Aanbeveling.objects.get(advies__slug=SLUG, nummer="1.1")
    assert rij["url"] == f"http://testserver/aanbevelingen/{aanbeveling.pk}/"
    # Commitments: text, status and deadline (a year here), one per line.
    g1 = per_nummer["G1"]["toezeggingen"].split("\n")
    assert g1[0] == (
        "De VNG is gevraagd de adviezen onder de aandacht van de gemeenten te brengen. (voldaan)"
    )
    assert g1[1].endswith("(in uitvoering; deadline 2024)")
    assert per_nummer["G1"]["standpunt"] == "kennisgenomen"


def test_de_reactie_als_platte_tekst():
    html = (
        '<p>Eerste &amp; zin<sup data-voetnoot="2">2</sup>.</p><p>Tweede<br>regel</p>'
        "<ul><li>een</li><li><strong>twee</strong></li></ul>"
    )
    assert export.platte_tekst(html) == "Eerste & zin.\n\nTweede\nregel\n\n• een\n• twee"
    assert export.platte_tekst("") == ""


def test_alleen_verzonden_brieven_tellen_en_de_status_van_de_nieuwste(analist, client_for):
    advies = maak_advies()
    aanbeveling = maak_aanbeveling(advies)
    verzonden_reactie([aanbeveling], Standpunt.NIET, "<p>Nee.</p>")
    concept = maak_reactiebrief(advies)  # version 2, a draft
    reactie = maak_reactie(maak_sectie(concept), [aanbeveling])
    reactie.tekst = "<p>Misschien toch.</p>"
    reactie.save()
    zonder_brief = maak_aanbeveling()
    rijen = {r[0]: dict(zip(KOLOMMEN, r, strict=True)) for r in _csv(client_for(analist))[1:]}
    rij = rijen[aanbeveling.nummer]
    assert (rij["standpunt"], rij["reactie"], rij["brief_status"]) == (
        "niet overgenomen",
        "Nee.",
        "concept",  # the newest letter, which explains that a new answer is on its way
    )
    leeg = rijen[zonder_brief.nummer]
    assert (leeg["standpunt"], leeg["reactie"], leeg["brief_status"]) == ("", "", "")


def test_formules_worden_onschadelijk_gemaakt(analist, client_for):
    gevaarlijk = ["=1+1", "+31 6 1234", "-2", "@SUM(A1)", "\tTab", "\rRegel"]
    advies = maak_advies()
    for tekst in gevaarlijk:
        verzonden_reactie([maak_aanbeveling(advies)], tekst=f"<p>{tekst}</p>")
        Aanbeveling.objects.filter(pk=Aanbeveling.objects.latest("pk").pk).update(tekst=tekst)
    maak_aanbeveling(advies)  # harmless, left alone
    client = client_for(analist)
    rijen = _csv(client)[1:]
    teksten = [r[1] for r in rijen]
    for tekst in gevaarlijk:
        assert "'" + tekst in teksten
    assert sum(t.startswith("Aanbeveling ") for t in teksten) == 1  # not escaped
    # The response text starting with such a character too (after tags are stripped).
    assert "'=1+1" in [r[8] for r in rijen]
    # XLSX: the same escape, and stored as text, never as a formula.
    blad = openpyxl.load_workbook(io.BytesIO(_inhoud(client.get(_url("xlsx")))))["Aanbevelingen"]
    cellen = [rij[1] for rij in blad.iter_rows(min_row=2)]
    assert {c.value for c in cellen} >= {"'" + t for t in gevaarlijk if t[0] not in "\t\r"}
    assert all(c.data_type == "s" for c in cellen)
    assert export.veilig("gewoon") == "gewoon" and export.veilig("=A1") == "'=A1"


def test_csv_scheidingsteken_en_aanhalingstekens(analist, client_for):
    lastig = 'Komma, puntkomma; "aanhalingstekens" en\neen nieuwe regel'
    aanbeveling = maak_aanbeveling()
    Aanbeveling.objects.filter(pk=aanbeveling.pk).update(tekst=lastig)
    client = client_for(analist)
    komma = _inhoud(client.get(_url("csv")))
    assert komma.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(KOLOMMEN)
    assert '"Komma, puntkomma; ""aanhalingstekens"" en\neen nieuwe regel"' in komma.decode()
    for waarde in ["puntkomma", ";", "%3B"]:
        data = _inhoud(client.get(_url("csv", f"scheidingsteken={waarde}")))
        assert data.decode("utf-8-sig").startswith(";".join(KOLOMMEN) + "\r\n"), waarde
    rijen = _csv(client, "scheidingsteken=puntkomma", ";")
    assert rijen[0] == KOLOMMEN and rijen[1][1] == lastig
    # Anything else: the default.
    assert (
        _inhoud(client.get(_url("csv", "scheidingsteken=tab")))
        .decode("utf-8-sig")
        .startswith(",".join(KOLOMMEN))
    )


def test_bestandsnaam_met_datum_en_kopregels(analist, client_for):
    maak_aanbeveling()
    vandaag = timezone.localdate().isoformat()
    client = client_for(analist)
    for formaat, type_ in [
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]:
        response = client.get(_url(formaat))
        assert response["Content-Type"] == type_
        assert response["Content-Disposition"] == (
            f'attachment; filename="aanbevelingen-{vandaag}.{formaat}"'
        )
        assert response["Cache-Control"] == "private, no-store"
        _inhoud(response)


def test_xlsx_leesbaar_met_opmaak_en_filterblad(voorbeeld, analist, client_for):
    client = client_for(analist)
    query = "bestuurslaag=gemeente&standpunt=kennisgenomen"
    data = _inhoud(client.get(_url("xlsx", query)))
    boek = openpyxl.load_workbook(io.BytesIO(data))
    assert boek.sheetnames == ["Aanbevelingen", "Filters"]
    blad = boek["Aanbevelingen"]
    kop = next(blad.iter_rows(max_row=1))
    assert [c.value for c in kop] == KOLOMMEN
    assert all(c.font.b for c in kop)
    assert blad.freeze_panes == "A2"
    assert blad.column_dimensions["B"].width == 60 and blad.column_dimensions["I"].width == 80
    # The same rows and text as the CSV for the same query.
    csv_rijen = _csv(client, query)[1:]
    xlsx_rijen = [[c.value if c.value is not None else "" for c in r] for r in blad.iter_rows(2)]
    assert xlsx_rijen == csv_rijen
    assert len(xlsx_rijen) == zoek_aanbevelingen(QueryDict(query)).total > 0
    filters = {(r[0].value, r[1].value) for r in boek["Filters"].iter_rows(min_row=2)}
    assert ("bestuurslaag", "gemeente") in filters
    assert ("standpunt", "kennisgenomen") in filters
    assert ("omschrijving", "Bestuurslaag: gemeente") in filters


def test_xlsx_datum_als_datum(analist, client_for):
    advies = maak_advies()
    advies.publicatiedatum = dt.date(2024, 5, 1)
    advies.save()
    maak_aanbeveling(advies)
    data = _inhoud(client_for(analist).get(_url("xlsx")))
    cel = openpyxl.load_workbook(io.BytesIO(data))["Aanbevelingen"]["F2"]
    assert cel.value == dt.datetime(2024, 5, 1) and cel.number_format == "yyyy-mm-dd"


def test_json_geldig_met_filters_en_structuur(voorbeeld, analist, client_for):
    client = client_for(analist)
    data = json.loads(_inhoud(client.get(_url("json", "programma=mooi-nederland&pagina=2"))))
    assert set(data) == {"filters", "aanbevelingen"}
    assert data["filters"]["parameters"] == {"programma": ["mooi-nederland"]}
    assert data["filters"]["omschrijving"] == ["Programma: Mooi Nederland"]
    rijen = data["aanbevelingen"]
    assert rijen and set(rijen[0]) == {k.replace("'", "") for k in KOLOMMEN}
    rij = next(r for r in rijen if r["nummer"] == "1.1")
    assert rij["raden"] == ["CRa", "RVS"] and rij["standpunt"] == ["deels overgenomen"]
    assert {
        "programma": "Mooi Nederland",
        "slug": "mooi-nederland",
        "programmasoort": "programma",
        "onderdeel": "Leefbare Steden en regio’s",
        "koppeling": "bestaand beleid",
    } in rij["programmas"]
    assert rij["publicatiedatum"] is None
    # Empty result: still valid JSON.
    leeg = json.loads(_inhoud(client.get(_url("json", "q=zzzgeenwoordzzz"))))
    assert leeg["aanbevelingen"] == []


# --- exactly the list's rows -----------------------------------------------------------------


@pytest.fixture
def gevarieerd(voorbeeld):
    """The example letter plus a second report with other stances, programmes and dates."""
    advies = maak_advies()
    advies.publicatiedatum = dt.date(2021, 3, 1)
    advies.save()
    aanbevelingen = [maak_aanbeveling(advies) for _ in range(6)]
    eerste = verzonden_reactie(aanbevelingen[:2], Standpunt.NIET, "<p>Over de buurt.</p>")
    onderdeel = maak_programmaonderdeel()
    Programmakoppeling.objects.create(
        reactie=eerste,
        programma=onderdeel.programma,
        onderdeel=onderdeel,
        soort=Koppelsoort.NIEUW,
    )
    maak_toezegging(eerste)
    verzonden_reactie(aanbevelingen[2:4], Standpunt.IN_ONDERZOEK)
    return advies


QUERIES = [
    "",
    "bestuurslaag=gemeente",
    "standpunt=kennisgenomen&standpunt=niet_overgenomen",
    "standpunt=geen",
    "programma=mooi-nederland",
    "raad=RVS&bestuurslaag=rijk",
    "q=buurt",
    "nieuwe_toezegging=ja",
    "toezeggingstatus=open",
    "jaar=2021",
    "sorteer=advies",
    "sorteer=publicatiedatum&per_pagina=50&pagina=2",
    "bestuurslaag=bestaat-niet",  # invalid: ignored by the list, and so by the export
]


@pytest.mark.parametrize("query", QUERIES)
def test_export_bevat_precies_de_rijen_van_de_lijst(query, gevarieerd, analist, client_for):
    client = client_for(analist)
    verwacht = list(zoek_aanbevelingen(QueryDict(query)).queryset.values_list("pk", flat=True))
    csv_pks = [_pk(r[-1]) for r in _csv(client, query)[1:]]
    assert csv_pks == verwacht  # same rows, same order
    json_pks = [
        _pk(r["url"]) for r in json.loads(_inhoud(client.get(_url("json", query))))["aanbevelingen"]
    ]
    assert json_pks == verwacht
    blad = openpyxl.load_workbook(io.BytesIO(_inhoud(client.get(_url("xlsx", query)))))
    assert [_pk(r[-1].value) for r in blad["Aanbevelingen"].iter_rows(2)] == verwacht
    # And the list page itself, for the same query string, counts and starts the same.
    lijst = client.get(reverse("advies:aanbevelingen"), QueryDict(query), follow=True)
    resultaat = lijst.context["resultaat"]
    assert resultaat.total == len(verwacht)
    pagina = [a.pk for a in resultaat.page.object_list]
    start = resultaat.page.start_index() - 1 if pagina else 0
    assert pagina == verwacht[start : start + len(pagina)]


# --- streaming, chunks and queries ---------------------------------------------------------------


def test_de_antwoorden_streamen_in_blokken(analist, client_for, monkeypatch):
    monkeypatch.setattr(export, "RIJEN_PER_BLOK", 2)
    advies = maak_advies()
    for _ in range(5):
        maak_aanbeveling(advies)
    client = client_for(analist)
    for formaat in ["csv", "json"]:
        response = client.get(_url(formaat))
        assert isinstance(response, StreamingHttpResponse) and response.streaming
        blokken = list(response.streaming_content)
        assert len(blokken) == 1 + 3, formaat  # the head, then 2 + 2 + 1 rows
    # The XLSX is a file streamed from disk or memory: also a streaming response.
    response = client.get(_url("xlsx"))
    assert isinstance(response, StreamingHttpResponse) and response.streaming
    _inhoud(response)


def test_de_schrijvers_lezen_niet_vooruit():
    gelezen = []

    def rijen():
        for i in range(10):
            gelezen.append(i)
            yield export.Exportrij(
                str(i), "tekst", "advies", "advies", [], None, [], [], "", url=f"/{i}/"
            )

    for schrijver in (
        lambda r: export.csv_blokken(r, rijen_per_blok=3),
        lambda r: export.json_blokken(r, {}, rijen_per_blok=3),
    ):
        gelezen.clear()
        blokken = schrijver(rijen())
        next(blokken)  # the head: no row read yet
        assert gelezen == []
        next(blokken)
        assert gelezen == [0, 1, 2]  # one block, no more
        assert len(list(blokken)) in {3, 4}  # 3 + 3 + 1 rows (and the JSON's close)


def test_de_rijen_komen_per_databaseblok_met_vaste_prefetches():
    advies = maak_advies()
    aanbevelingen = [maak_aanbeveling(advies) for _ in range(20)]
    for a in aanbevelingen:
        maak_toezegging(verzonden_reactie([a]))

    def queries(aantal: int) -> int:
        qs = Aanbeveling.objects.filter(pk__in=[a.pk for a in aanbevelingen[:aantal]])
        with CaptureQueriesContext(connection) as vastgelegd:
            rijen = list(export.exportrijen(qs.order_by("pk"), lambda a: "", blokgrootte=5))
        assert len(rijen) == aantal and all(r.toezeggingen for r in rijen)
        return len(vastgelegd)

    een, twee, vier = queries(5), queries(10), queries(20)  # 1, 2 and 4 chunks
    per_blok = twee - een
    assert per_blok > 0 and vier - twee == 2 * per_blok


@pytest.mark.parametrize("formaat", ["csv", "xlsx", "json"])
def test_vast_aantal_queries(formaat, analist, client_for):
    def meet(n: int) -> int:
        Aanbeveling.objects.all().delete()
        advies = maak_advies()
        for _ in range(n):
            aanbeveling = maak_aanbeveling(advies)
            reactie = verzonden_reactie([aanbeveling])
            onderdeel = maak_programmaonderdeel()
            Programmakoppeling.objects.create(
                reactie=reactie,
                programma=onderdeel.programma,
                onderdeel=onderdeel,
                soort=Koppelsoort.BESTAAND,
            )
            maak_toezegging(reactie)
        client = client_for(analist)
        _inhoud(client.get(_url(formaat)))
        with CaptureQueriesContext(connection) as queries:
            inhoud = _inhoud(client.get(_url(formaat)))
        assert inhoud
        assert Toezegging.objects.count() >= n
        return len(queries)

    assert meet(2) == meet(20)


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_elke_rol_mag_exporteren(rol, request, client_for):
    maak_aanbeveling()
    client = client_for(request.getfixturevalue(rol))
    for formaat in ["csv", "xlsx", "json"]:
        _inhoud(client.get(_url(formaat)))


def test_onbekend_formaat_geeft_404(analist, client_for):
    client = client_for(analist)
    for formaat in ["pdf", "CSV", "x", "csv.zip"]:
        assert client.get(f"/aanbevelingen/export.{formaat}").status_code == 404, formaat


def test_anoniem_en_zonder_recht(client_for):
    for formaat in ["csv", "xlsx", "json", "pdf"]:
        response = client_for(None).get(_url(formaat))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("inloggen"))
        assert client_for(maak_gebruiker()).get(_url(formaat)).status_code == 403
