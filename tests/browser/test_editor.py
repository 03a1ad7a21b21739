"""The letter editor in a real browser: the toolbar, the live preview, footnotes, the
keyboard alone, and accessibility (axe)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reacties import services, workflow
from reacties.models import Reactie, Voetnoot
from tests.browser.conftest import axe_overtredingen

# The live server reads committed data, so these tests run in real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def concept(voorbeeldbrief, redacteur):
    """The example letter again as a concept (a new version of the sent one)."""
    return workflow.nieuwe_versie(voorbeeldbrief, redacteur)


def _reactie(brief, nummer: str) -> Reactie:
    return Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer=nummer)


def _editor(brief, anker: str = "") -> str:
    url = reverse("reacties:bewerken", args=[brief.pk])
    return f"{url}#{anker}" if anker else url


def test_toolbar_vet_en_voetnoot_met_live_voorbeeld_en_opslaan(concept, redacteur, inloggen):
    reactie = _reactie(concept, "5")
    vrij = max(Voetnoot.objects.filter(brief=concept).values_list("nummer", flat=True)) + 1
    pagina = inloggen(redacteur)
    pagina.goto(_editor(concept, f"reactie-{reactie.pk}"))
    artikel = pagina.locator(f"#reactie-{reactie.pk}")
    tekstvak = artikel.get_by_role("textbox", name="Tekst van de reactie")
    vet = artikel.get_by_role("button", name="Vet")
    voorbeeld = pagina.locator(f"#voorbeeld-reactie-{reactie.pk}")
    # Without JavaScript this is a textarea; now it is hidden behind the editable region.
    assert pagina.locator(f"#id_reactie-{reactie.pk}-tekst").is_hidden()

    tekstvak.click()
    pagina.keyboard.press("Control+A")
    pagina.keyboard.type("Het kabinet neemt dit over")
    pagina.keyboard.press("Control+Shift+ArrowLeft")  # select the word "over"
    vet.click()
    assert vet.get_attribute("aria-pressed") == "true"
    assert voorbeeld.locator("strong").inner_text() == "over"  # the preview follows at once

    pagina.keyboard.press("End")
    artikel.get_by_role("button", name="Voetnoot").click()
    keuze = artikel.get_by_label("Welke voetnoot")
    assert keuze.is_visible()
    assert keuze.input_value() == str(vrij)  # the next free number
    artikel.get_by_role("button", name="Voetnoot invoegen").click()
    voetnootveld = artikel.get_by_label(f"Tekst van nieuwe voetnoot {vrij}")
    assert pagina.evaluate("document.activeElement.name") == (
        f"reactie-{reactie.pk}-nieuwe-voetnoot-{vrij}"
    )
    voetnootveld.fill("Bron: CBS, 2025.")
    assert voorbeeld.locator("sup.voetnootaanroep").inner_text().endswith(str(vrij))
    assert (
        "Bron: CBS, 2025."
        in pagina.locator(f"#voorbeeld-reactie-{reactie.pk}-voetnoten").inner_text()
    )

    with pagina.expect_navigation():
        artikel.get_by_role("button", name="Reactie opslaan").click()
    pagina.wait_for_load_state("networkidle")
    assert "De reactie is opgeslagen. Voetnoot" in pagina.locator(".meldingen").inner_text()
    assert pagina.evaluate("document.activeElement.id") == f"reactie-{reactie.pk}"
    reactie.refresh_from_db()
    assert reactie.tekst == (
        "<p>Het kabinet neemt dit <strong>over</strong>"
        f'<sup data-voetnoot="{vrij}">{vrij}</sup></p>'
    )
    assert Voetnoot.objects.get(brief=concept, nummer=vrij).tekst == "Bron: CBS, 2025."

    pagina.goto(reverse("reacties:brief", args=[concept.pk]))
    brief = pagina.locator("article.briefvoorbeeld")
    assert brief.locator("strong", has_text="over").count() == 1
    assert "Het kabinet neemt dit over" in brief.inner_text()
    assert "Bron: CBS, 2025." in pagina.locator("section.voetnoten").inner_text()


def test_link_via_het_kleine_formulier_alleen_http(concept, redacteur, inloggen):
    reactie = _reactie(concept, "5")
    pagina = inloggen(redacteur)
    pagina.goto(_editor(concept, f"reactie-{reactie.pk}"))
    artikel = pagina.locator(f"#reactie-{reactie.pk}")
    artikel.get_by_role("textbox", name="Tekst van de reactie").click()
    pagina.keyboard.press("Control+A")
    pagina.keyboard.type("Zie de website")
    pagina.keyboard.press("Control+Shift+ArrowLeft")
    artikel.get_by_role("button", name="Link").click()
    adres = artikel.get_by_label("Adres van de link (http of https)")
    adres.fill("javascript:alert(1)")
    adres.press("Enter")  # never submits the form around it
    assert "begint met http:// of https://" in artikel.locator(".rijk-melding").inner_text()
    adres.fill("https://www.rijksoverheid.nl/")
    adres.press("Enter")
    link = pagina.locator(f"#voorbeeld-reactie-{reactie.pk} a")
    assert link.get_attribute("href") == "https://www.rijksoverheid.nl/"
    assert link.inner_text() == "website"
    waarde = pagina.locator(f"#id_reactie-{reactie.pk}-tekst").input_value()
    assert waarde == '<p>Zie de <a href="https://www.rijksoverheid.nl/">website</a></p>'


def test_plakken_wordt_opgeschoond(concept, redacteur, inloggen):
    reactie = _reactie(concept, "5")
    pagina = inloggen(redacteur)
    pagina.goto(_editor(concept, f"reactie-{reactie.pk}"))
    tekstvak = pagina.locator(f"#id_reactie-{reactie.pk}-tekst-vlak")
    tekstvak.click()
    pagina.keyboard.press("Control+A")
    pagina.evaluate(
        """(vlak) => {
            const data = new DataTransfer();
            data.setData("text/html",
              '<p style="color:red" onclick="x()">Geplakt <b>vet</b>'
              + '<img src=x onerror="window.geraakt=1">'
              + '<script>window.geraakt=1<\\/script></p>');
            vlak.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                            cancelable: true}));
        }""",
        tekstvak.element_handle(),
    )
    waarde = pagina.locator(f"#id_reactie-{reactie.pk}-tekst").input_value()
    assert waarde == "<p>Geplakt <strong>vet</strong></p>"
    assert pagina.evaluate("window.geraakt") is None
    assert tekstvak.locator("img, script, [style], [onclick]").count() == 0


def test_alleen_met_het_toetsenbord(concept, redacteur, inloggen):
    reactie = _reactie(concept, "5")
    pagina = inloggen(redacteur)
    # Arriving at the response (the links of the completeness list and the table of
    # contents lead here) puts the focus on it; the toolbar is the next stop.
    pagina.goto(_editor(concept, f"reactie-{reactie.pk}"))
    assert pagina.evaluate("document.activeElement.id") == f"reactie-{reactie.pk}"
    pagina.keyboard.press("Tab")
    actief = "document.activeElement.textContent.trim()"
    assert pagina.evaluate(actief) == "Vet"
    volgorde = []
    for _ in range(5):
        pagina.keyboard.press("Tab")
        volgorde.append(pagina.evaluate(actief))
    assert volgorde == ["Cursief", "Opsomming", "Genummerde lijst", "Link", "Voetnoot"]
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.getAttribute('role')") == "textbox"
    pagina.keyboard.press("Control+A")
    pagina.keyboard.type("Met het toetsenbord ")
    pagina.keyboard.press("Control+B")
    pagina.keyboard.type("vet")
    pagina.keyboard.press("Control+B")
    pagina.keyboard.type(" geschreven.")
    # The list button with Enter, from the toolbar: Shift+Tab back, Enter, and back again.
    for _ in range(4):
        pagina.keyboard.press("Shift+Tab")
    assert pagina.evaluate(actief) == "Opsomming"
    pagina.keyboard.press("Enter")
    assert pagina.evaluate("document.activeElement.getAttribute('role')") == "textbox"
    pagina.keyboard.press("Tab")  # the stance
    assert pagina.evaluate("document.activeElement.name") == f"reactie-{reactie.pk}-standpunt"
    pagina.keyboard.press("Tab")
    assert pagina.evaluate(actief).startswith("Reactie opslaan")
    with pagina.expect_navigation():
        pagina.keyboard.press("Enter")
    pagina.wait_for_load_state("networkidle")
    assert pagina.evaluate("document.activeElement.id") == f"reactie-{reactie.pk}"
    reactie.refresh_from_db()
    assert reactie.tekst == (
        "<ul><li>Met het toetsenbord <strong>vet</strong> geschreven.</li></ul>"
    )


def test_zonder_javascript_werkt_het_formulier_ook(concept, redacteur, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    pagina = context.new_page()
    try:
        pagina.goto("/inloggen/")
        pagina.get_by_label("Gebruikersnaam").fill("redacteur")
        pagina.get_by_label("Wachtwoord").fill("geheim-voor-tests")
        pagina.get_by_role("button", name="Inloggen").click()
        reactie = _reactie(concept, "5")
        pagina.goto(_editor(concept, f"reactie-{reactie.pk}"))
        veld = pagina.locator(f"#id_reactie-{reactie.pk}-tekst")
        assert veld.is_visible()
        veld.fill('<p>Zonder script, <em>met</em> voetnoot<sup data-voetnoot="1">1</sup>.</p>')
        pagina.locator(f"#reactie-{reactie.pk}").get_by_role(
            "button", name="Reactie opslaan"
        ).click()
        reactie.refresh_from_db()
        assert reactie.tekst == (
            '<p>Zonder script, <em>met</em> voetnoot<sup data-voetnoot="1">1</sup>.</p>'
        )
    finally:
        context.close()


def test_conflict_toont_beide_teksten(concept, redacteur, coordinator, inloggen):
    reactie = _reactie(concept, "5")
    pagina = inloggen(redacteur)
    pagina.goto(_editor(concept, f"reactie-{reactie.pk}"))
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst="<p>Tekst van de coördinator.</p>",
        standpunt=None,
        gebruiker=coordinator,
    )
    artikel = pagina.locator(f"#reactie-{reactie.pk}")
    artikel.get_by_role("textbox", name="Tekst van de reactie").click()
    pagina.keyboard.press("Control+A")
    pagina.keyboard.type("Mijn eigen tekst.")
    with pagina.expect_navigation():
        artikel.get_by_role("button", name="Reactie opslaan").click()
    pagina.wait_for_load_state("networkidle")
    conflict = pagina.locator("#conflict")
    assert pagina.evaluate("document.activeElement.id") == "conflict"
    assert "Tekst van de coördinator." in conflict.inner_text()
    assert "Mijn eigen tekst." in conflict.inner_text()
    assert axe_overtredingen(pagina) == []
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Tekst van de coördinator.</p>"


@pytest.mark.parametrize("soort", ["concept", "bevroren", "sjablonen"])
def test_editor_heeft_geen_toegankelijkheidsfouten(
    soort, concept, voorbeeldbrief, redacteur, inloggen
):
    pagina = inloggen(redacteur)
    pad = {
        "concept": _editor(concept),
        "bevroren": _editor(voorbeeldbrief),
        "sjablonen": reverse("reacties:sjablonen"),
    }[soort]
    pagina.goto(pad)
    assert axe_overtredingen(pagina) == []
