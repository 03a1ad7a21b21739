"""The analyst workspace in a real browser: filter, search, export, and no accessibility
violations on the list, detail, programme and dashboard pages."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import call_command

from advies.models import Aanbeveling
from tests.browser.conftest import axe_overtredingen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gegevens(voorbeeldbrief):
    """The example letter plus a small generated set, so filters have something to choose."""
    call_command("genereer_testdata", adviezen=80, seed=7, stdout=io.StringIO())
    return voorbeeldbrief


def _aantal(pagina) -> int:
    tekst = pagina.locator(".aantal-resultaten").inner_text()
    gevonden = re.match(r"(\d+) aanbeveling", tekst)
    return int(gevonden.group(1)) if gevonden else 0


def test_the_analyst_question_in_three_clicks(gegevens, analist, inloggen):
    """‘Which recommendations to municipalities did the cabinet not adopt since 2020, and
    under which programmes?’"""
    pagina = inloggen(analist)
    pagina.goto("/aanbevelingen/")
    alles = _aantal(pagina)
    pagina.get_by_label(re.compile(r"^gemeente \(")).check()  # click 1
    pagina.get_by_label(re.compile(r"^niet overgenomen \(")).check()  # click 2
    pagina.get_by_label("Vanaf").fill("2020")
    pagina.get_by_role("button", name="Filter toepassen").click()  # click 3
    pagina.wait_for_load_state("networkidle")

    assert "bestuurslaag=gemeente" in pagina.url and "jaar_van=2020" in pagina.url
    gevonden = _aantal(pagina)
    verwacht = (
        Aanbeveling.objects.filter(
            bestuurslagen__slug="gemeente",
            reacties__standpunt="niet_overgenomen",
            reacties__sectie__brief__status="verzonden",
            advies__publicatiedatum__year__gte=2020,
        )
        .distinct()
        .count()
    )
    assert 0 < gevonden == verwacht < alles
    # The programmes are named in the result rows.
    assert pagina.locator("table").first.inner_text()


def test_search_marks_what_it_found(gegevens, analist, inloggen):
    pagina = inloggen(analist)
    pagina.goto("/aanbevelingen/")
    pagina.get_by_label("Zoeken in aanbevelingen, reacties en toezeggingen").fill("ontmoeting")
    pagina.get_by_role("button", name="Zoeken").click()
    pagina.wait_for_load_state("networkidle")
    assert "q=ontmoeting" in pagina.url
    assert _aantal(pagina) > 0
    assert pagina.locator("mark").count() > 0
    assert "ontmoet" in pagina.locator("mark").first.inner_text().lower()


def test_export_gives_exactly_the_filtered_rows(gegevens, analist, inloggen):
    pagina = inloggen(analist)
    pagina.goto("/aanbevelingen/?bestuurslaag=gemeente")
    aantal = _aantal(pagina)
    with pagina.expect_download() as download:
        pagina.locator(".exportlinks").get_by_role("link", name="CSV").click()
    with open(download.value.path(), "rb") as bestand:
        inhoud = bestand.read()
    assert inhoud.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig"))))
    assert len(rijen) - 1 == aantal


@pytest.mark.parametrize(
    "pad",
    [
        "/aanbevelingen/",
        "/aanbevelingen/?bestuurslaag=gemeente&q=buurt",
        "aanbeveling",
        "/adviezen/ruimte-maken-voor-ontmoeting/",
        "/programmas/",
        "/programmas/mooi-nederland/",
        "/dashboard/",
        "/rappel/",
    ],
)
def test_no_accessibility_violations(pad, gegevens, analist, inloggen):
    if pad == "aanbeveling":
        eerste = Aanbeveling.objects.get(advies__slug="ruimte-maken-voor-ontmoeting", nummer="2.1")
        pad = f"/aanbevelingen/{eerste.pk}/"
    pagina = inloggen(analist)
    pagina.goto(pad)
    assert pagina.locator("h1").count() == 1
    assert axe_overtredingen(pagina) == []
