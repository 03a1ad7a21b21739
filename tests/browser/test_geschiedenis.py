"""A letter's history in a real browser: the versions, a difference, one version and a
restore, each page free of accessibility violations."""

from __future__ import annotations

import pytest

from reacties import services
from reacties.models import Briefstatus, Reactie
from tests.browser.conftest import axe_overtredingen
from tests.reacties.werkstroom_hulp import zet_status

# The live server reads committed data, so these tests run in real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def brief_met_versies(voorbeeldbrief, redacteur):
    """The example letter in concept with two recorded changes after its import."""
    brief = zet_status(voorbeeldbrief, Briefstatus.CONCEPT, review_ronde=0)
    reactie = Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer="5")
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst="<p>Het kabinet neemt dit advies over.</p>",
        standpunt="overgenomen",
        gebruiker=redacteur,
    )
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie + 1,
        tekst="<p>Het kabinet neemt dit advies graag over.</p>",
        standpunt=None,
        gebruiker=redacteur,
    )
    return brief


def test_history_and_a_difference_have_no_accessibility_violations(
    brief_met_versies, redacteur, inloggen
):
    pagina = inloggen(redacteur)
    pagina.goto(f"/brieven/{brief_met_versies.pk}/")
    pagina.get_by_role("link", name="Geschiedenis").click()
    assert pagina.get_by_role("heading", name="Geschiedenis van de reactiebrief").is_visible()
    assert pagina.get_by_role("row").count() == 4  # the header and three versions
    assert axe_overtredingen(pagina) == []

    pagina.get_by_label("Van versie 1").check()
    pagina.get_by_label("Tot versie 3").check()
    pagina.get_by_role("button", name="Vergelijk de gekozen versies").click()
    assert pagina.get_by_role(
        "heading", name="Verschillen tussen versie 1 en versie 3"
    ).is_visible()
    ingevoegd = pagina.locator("ins", has_text="graag")
    assert ingevoegd.first.is_visible()
    # Not by colour alone: underlined, and announced with a word.
    assert "underline" in ingevoegd.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert ingevoegd.first.text_content().startswith("ingevoegd: ")
    assert axe_overtredingen(pagina) == []


def test_restoring_a_response_from_a_version(brief_met_versies, redacteur, inloggen):
    pagina = inloggen(redacteur)
    pagina.goto(f"/brieven/{brief_met_versies.pk}/geschiedenis/1/")
    assert pagina.get_by_role("heading", name="Versie 1 van de brief").is_visible()
    assert axe_overtredingen(pagina) == []

    pagina.get_by_role("button", name="Deze versie van de reactie terugzetten").click()

    assert pagina.get_by_role("status").filter(has_text="is teruggezet").is_visible()
    assert pagina.get_by_role("cell", name="hersteld", exact=True).is_visible()
    assert axe_overtredingen(pagina) == []
