"""The whole workflow in a real browser: a Redacteur edits a concept version of the example
letter and sends it to review, the Coördinators of both signing ministries approve, and the
frozen PDF that the page offers is exactly the one stored, by its SHA-256."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from reacties.models import Briefstatus, Reactie, Reactiebrief, Vastlegging, Voetnoot
from tests.browser.conftest import axe_overtredingen

# The live server reads committed data, so these tests run in real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def afmelden(pagina: Page) -> None:
    pagina.get_by_role("button", name="Afmelden").click()
    expect(pagina.get_by_role("heading", name="Inloggen")).to_be_visible()


def paneel(pagina: Page):
    return pagina.get_by_role("region", name="Werkstroom")


def test_van_concept_tot_vastgestelde_pdf(
    conceptversie, redacteur, coordinator_bzk, coordinator_vws, inloggen
):
    brief_url = f"/brieven/{conceptversie.pk}/"

    # The Redacteur edits a response, adds a footnote and saves (the editor), then sends
    # the letter to review.
    pagina = inloggen(redacteur)
    bewerk_en_bewaar(pagina, conceptversie)
    pagina.goto(brief_url)
    expect(paneel(pagina).get_by_test_id("werkstroom-status")).to_have_text("concept")
    paneel(pagina).get_by_role("button", name="Naar review sturen").click()
    expect(pagina.get_by_role("status").filter(has_text="naar review gestuurd")).to_be_visible()
    expect(paneel(pagina).get_by_test_id("werkstroom-status")).to_have_text("ter review")
    # A Redacteur does not approve: no such button.
    expect(paneel(pagina).get_by_role("button", name="Goedkeuren")).to_have_count(0)
    afmelden(pagina)

    # BZK approves; the letter waits for VWS.
    inloggen(coordinator_bzk)
    pagina.goto(brief_url)
    rij = paneel(pagina).get_by_role("row").filter(has_text="BZK")
    expect(rij).to_contain_text("nog niet")
    paneel(pagina).get_by_label("Opmerking bij het goedkeuren (optioneel)").fill("Akkoord.")
    paneel(pagina).get_by_role("button", name="Goedkeuren").click()
    expect(pagina.get_by_role("status").filter(has_text="wacht nog op VWS")).to_be_visible()
    expect(paneel(pagina).get_by_role("row").filter(has_text="BZK")).to_contain_text("goedgekeurd")
    expect(paneel(pagina).get_by_role("button", name="Goedkeuren")).to_have_count(0)
    afmelden(pagina)

    # VWS approves last: the letter is vastgesteld and its PDF stored.
    inloggen(coordinator_vws)
    pagina.goto(brief_url)
    expect(paneel(pagina)).to_contain_text("met uw goedkeuring is de brief vastgesteld")
    paneel(pagina).get_by_role("button", name="Goedkeuren").click()
    expect(pagina.get_by_role("status").filter(has_text="de brief is vastgesteld")).to_be_visible()
    expect(paneel(pagina).get_by_test_id("werkstroom-status")).to_have_text("vastgesteld")
    conceptversie.refresh_from_db()
    assert conceptversie.status == Briefstatus.VASTGESTELD

    # The page shows the stored PDF's SHA-256; the download is exactly those bytes.
    vastlegging = Vastlegging.objects.get(brief=conceptversie)
    getoond = paneel(pagina).get_by_test_id("sha256").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{64}", getoond)
    expect(paneel(pagina).get_by_test_id("vastlegging")).to_contain_text(
        f"door {coordinator_vws.get_username()}, SHA-256: {getoond}"
    )
    with pagina.expect_download() as download:
        pagina.get_by_role("link", name="Download als PDF").click()
    inhoud = Path(download.value.path()).read_bytes()
    assert inhoud.startswith(b"%PDF-")
    assert hashlib.sha256(inhoud).hexdigest() == getoond == vastlegging.sha256

    # The frozen letter holds the Redacteur's change.
    expect(pagina.locator("article.briefvoorbeeld")).to_contain_text(NIEUWE_ZIN)
    # The letter page with the workflow panel is accessible.
    assert axe_overtredingen(pagina) == []


NIEUWE_ZIN = "Het kabinet komt hier in het voorjaar op terug."
VOETNOOTTEKST = "Zie de voortgangsbrief over het programma van 1 maart 2024."


def eerste_reactie(brief: Reactiebrief) -> Reactie:
    return (
        Reactie.objects.filter(sectie__brief=brief).order_by("sectie__volgorde", "volgorde").first()
    )


def voeg_voetnoot_in(pagina: Page, blok) -> tuple[int, object]:
    """Toolbar "Voetnoot", then "Voetnoot invoegen" (a new footnote): its number and the
    field for its text."""
    blok.get_by_role("button", name="Voetnoot", exact=True).click()
    blok.get_by_role("group", name="Voetnoot invoegen").get_by_role(
        "button", name="Voetnoot invoegen"
    ).click()
    veld = blok.get_by_label(re.compile(r"^Tekst van nieuwe voetnoot \d+$"))
    return int(veld.get_attribute("data-nieuwe-voetnoot")), veld


def bewerk_en_bewaar(pagina: Page, brief: Reactiebrief) -> None:
    """In the editor (``/brieven/<id>/bewerken/``): open the first response with a new
    sentence, add a new footnote to that sentence, see both in the live preview, save."""
    reactie = eerste_reactie(brief)
    voetnoten_voor = set(Voetnoot.objects.filter(brief=brief).values_list("nummer", flat=True))
    pagina.goto(f"/brieven/{brief.pk}/bewerken/")
    blok = pagina.locator(f"#reactie-{reactie.pk}")
    blok.get_by_role("textbox", name=re.compile("^Tekst van de reactie")).click()
    pagina.keyboard.press("Control+Home")
    pagina.keyboard.type(NIEUWE_ZIN + " ")
    pagina.keyboard.press("ArrowLeft")  # the call goes right after the sentence's full stop
    nummer, voetnootveld = voeg_voetnoot_in(pagina, blok)
    assert nummer not in voetnoten_voor
    voetnootveld.fill(VOETNOOTTEKST)

    # The preview shows the text as the letter will, with the new footnote.
    voorbeeld = blok.locator(f"#voorbeeld-reactie-{reactie.pk}")
    expect(voorbeeld).to_contain_text(NIEUWE_ZIN)
    expect(voorbeeld.locator("sup")).to_contain_text(str(nummer))
    expect(blok.locator(f"#voorbeeld-reactie-{reactie.pk}-voetnoten")).to_contain_text(
        VOETNOOTTEKST
    )

    blok.get_by_role("button", name=re.compile("^Reactie opslaan")).click()
    pagina.wait_for_load_state()
    expect(pagina.get_by_role("status").first).to_be_visible()
    reactie.refresh_from_db()
    assert f'<p>{NIEUWE_ZIN}<sup data-voetnoot="{nummer}">{nummer}</sup>' in reactie.tekst
    assert VOETNOOTTEKST in Voetnoot.objects.get(brief=brief, nummer=nummer).tekst


def test_voetnoot_aan_het_eind_van_een_alinea(conceptversie, redacteur, inloggen):
    # Where a footnote call usually goes. Chromium's execCommand("insertHTML") turned the
    # call into a styled <span> there, and the footnote was lost.
    reactie = eerste_reactie(conceptversie)
    pagina = inloggen(redacteur)
    pagina.goto(f"/brieven/{conceptversie.pk}/bewerken/")
    blok = pagina.locator(f"#reactie-{reactie.pk}")
    blok.get_by_role("textbox", name=re.compile("^Tekst van de reactie")).click()
    pagina.keyboard.press("Control+End")
    nummer, _ = voeg_voetnoot_in(pagina, blok)
    tekst = blok.locator("textarea[data-rijke-tekst]").first.input_value()
    assert f'<sup data-voetnoot="{nummer}">{nummer}</sup>' in tekst
