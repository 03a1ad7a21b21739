"""Browser tests: Playwright for Python driving Debian's chromium against the live server.

No browser is downloaded: the tests use the system's chromium (CHROMIUM_PATH, default
/usr/bin/chromium). Without it they are skipped on a developer's machine and fail in CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import zaai_referentiedata

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).with_name("axe.min.js")

# Playwright's sync API runs an event loop in this thread; Django's async-safety check would
# then refuse the ORM calls that fixtures make in the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _vereist_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium ontbreekt in CI ({CHROMIUM})")
        pytest.skip("chromium is niet geïnstalleerd")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    _vereist_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def pagina(browser, live_server):
    """A fresh browser page (own cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def inloggen(pagina):
    """``inloggen(gebruiker)``: log in through the real login form."""

    def doe(gebruiker, wachtwoord: str = "geheim-voor-tests"):
        pagina.goto("/inloggen/")
        pagina.get_by_label("Gebruikersnaam").fill(gebruiker.get_username())
        pagina.get_by_label("Wachtwoord").fill(wachtwoord)
        pagina.get_by_role("button", name="Inloggen").click()
        pagina.wait_for_load_state("networkidle")
        return pagina

    return doe


def axe_overtredingen(page) -> list[dict]:
    """Run axe-core (vendored, WCAG 2.0/2.1 A and AA rules) on the current page."""
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
    # not govern; an injected <script> element would be refused as inline script.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    resultaat = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {
            "regel": v["id"],
            "impact": v["impact"],
            "uitleg": v["help"],
            "plekken": [n["target"] for n in v["nodes"]][:5],
        }
        for v in resultaat["violations"]
    ]


@pytest.fixture(autouse=True)
def _referentiedata_na_flush(transactional_db):
    """Live-server tests run in real transactions, and Django empties every table after each
    one, the rows that data migrations seeded (roles, levels) included; seed them again."""
    zaai_referentiedata()


# --- the workflow: a concept version of the example letter and its two coordinators -------


@pytest.fixture
def coordinator_bzk(coordinator):
    """The Coördinator ``coordinator``, working for BZK (the example letter's first signing
    ministry). Needs the example loaded (``voorbeeldbrief``) for the ministry to exist."""
    from programmas.models import Medewerker, Ministerie

    Medewerker.objects.create(user=coordinator, ministerie=Ministerie.objects.get(afkorting="BZK"))
    return coordinator


@pytest.fixture
def coordinator_vws(db, django_user_model):
    """A second Coördinator, ``coordinator-vws``, working for VWS."""
    from adviesmonitor.rollen import COORDINATOR
    from programmas.models import Medewerker, Ministerie
    from tests.conftest import _gebruiker_met_rol

    gebruiker = _gebruiker_met_rol(django_user_model, "coordinator-vws", COORDINATOR)
    Medewerker.objects.create(user=gebruiker, ministerie=Ministerie.objects.get(afkorting="VWS"))
    return gebruiker


@pytest.fixture
def conceptversie(voorbeeldbrief, beheerder):
    """Version 2 of the example letter, in concept: ``workflow.nieuwe_versie`` of the loaded
    (sent) example, with its content and its two signatories (BZK and VWS)."""
    from reacties.workflow import nieuwe_versie, ondertekenende_ministeries

    kopie = nieuwe_versie(voorbeeldbrief, beheerder)
    assert [m.afkorting for m in ondertekenende_ministeries(kopie)] == ["BZK", "VWS"]
    return kopie
