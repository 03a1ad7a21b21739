"""The letter pages in a real browser: navigation, the PDF download and accessibility."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_overtredingen

# The live server reads committed data, so these tests run in real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def test_analyst_opens_the_letter_and_downloads_the_pdf(voorbeeldbrief, analist, inloggen):
    pagina = inloggen(analist)
    pagina.goto("/brieven/")
    pagina.get_by_role("link", name="Ruimte maken voor Ontmoeting").first.click()
    assert pagina.get_by_role("heading", name="Tenslotte").is_visible()
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Download als PDF").click()
    bestand = download.value
    assert bestand.suggested_filename == f"reactiebrief-{voorbeeldbrief.pk}-v1.pdf"
    with open(bestand.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


@pytest.mark.parametrize("pad", ["/brieven/", "/brieven/{pk}/", "/inloggen/"])
def test_letter_pages_have_no_accessibility_violations(pad, voorbeeldbrief, analist, inloggen):
    pagina = inloggen(analist)
    pagina.goto(pad.format(pk=voorbeeldbrief.pk))
    assert axe_overtredingen(pagina) == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(analist, inloggen):
    pagina = inloggen(analist)
    pagina.goto("/brieven/")
    pagina.keyboard.press("Tab")
    actief = pagina.evaluate("document.activeElement.textContent.trim()")
    assert actief == "Naar de inhoud"
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("document.activeElement.id") == "inhoud"
