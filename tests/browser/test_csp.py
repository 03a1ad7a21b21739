"""The Content-Security-Policy in a real browser: the main pages, the editor and the admin
work under it, and chromium reports no violation of it on any of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from adviesmonitor.models import AuditEvent
from programmas.models import Programma
from reacties.models import Briefversie

pytestmark = pytest.mark.django_db(transaction=True)

# Also listened for in the page itself: the event every violation fires.
MELDER = """
window.__cspOvertredingen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const waar = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspOvertredingen.push(`${e.violatedDirective}: ${e.blockedURI} (${waar})`);
});
"""


@pytest.fixture
def meldingen(pagina):
    """Every policy violation chromium reports in the console, and every script error, of
    ``pagina``, collected from the start."""
    verzameld: list[str] = []
    pagina.context.add_init_script(MELDER)

    def console(bericht) -> None:
        if "Content Security Policy" in bericht.text or "Permissions-Policy" in bericht.text:
            verzameld.append(f"console: {bericht.text}")

    pagina.on("console", console)
    pagina.on("pageerror", lambda fout: verzameld.append(f"script: {fout}"))
    return verzameld


def _bekijk(pagina, pad: str, meldingen: list[str]) -> None:
    response = pagina.goto(pad)
    assert response is not None and response.status < 400, (pad, response and response.status)
    assert "default-src 'self'" in response.headers["content-security-policy"], pad
    pagina.wait_for_load_state("networkidle")
    in_pagina = pagina.evaluate("window.__cspOvertredingen")
    meldingen.extend(f"{pad}: {m}" for m in in_pagina)


def test_het_net_vangt_een_overtreding(pagina, meldingen, live_server):
    # Without this, a listener that heard nothing would prove nothing.
    _bekijk(pagina, "/inloggen/", meldingen)
    assert meldingen == []
    pagina.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')"
    )
    pagina.wait_for_timeout(200)
    meldingen.extend(pagina.evaluate("window.__cspOvertredingen"))
    assert any("style-src" in m for m in meldingen), meldingen
    assert any("Content Security Policy" in m for m in meldingen), meldingen


def test_hoofdpaginas_editor_en_admin_zonder_overtredingen(
    voorbeeldbrief, conceptversie, beheerder, inloggen, pagina, meldingen
):
    aanbeveling = voorbeeldbrief.advies.aanbevelingen.order_by("pk").first()
    programma = Programma.objects.filter(koppelingen__isnull=False).first()
    _bekijk(pagina, "/inloggen/", meldingen)
    _bekijk(pagina, "/admin/login/", meldingen)
    inloggen(beheerder)

    paginas = [
        "/aanbevelingen/",
        "/aanbevelingen/?bestuurslaag=gemeente&q=ontmoeting",
        f"/aanbevelingen/{aanbeveling.pk}/",
        f"/adviezen/{voorbeeldbrief.advies.slug}/",
        "/programmas/",
        f"/programmas/{programma.slug}/",
        "/dashboard/",
        "/rappel/",
        "/brieven/",
        f"/brieven/{voorbeeldbrief.pk}/",
        f"/brieven/{conceptversie.pk}/volledigheid/",
        f"/brieven/{conceptversie.pk}/geschiedenis/",
        "/brieven/sjablonen/",
        f"/brieven/{conceptversie.pk}/bewerken/",
    ]
    for pad in paginas:
        _bekijk(pagina, pad, meldingen)

    # The editor at work: type, make bold, see the live preview follow.
    tekstvak = pagina.get_by_role("textbox", name="Tekst van de reactie").first
    tekstvak.click()
    pagina.keyboard.press("End")
    pagina.keyboard.type(" Aangevuld.")
    pagina.keyboard.press("Shift+ArrowLeft")
    pagina.keyboard.press("Control+b")
    pagina.wait_for_timeout(300)
    meldingen.extend(pagina.evaluate("window.__cspOvertredingen"))

    versie = Briefversie.objects.filter(brief=conceptversie).first()
    beheer = [
        "/admin/",
        "/admin/reacties/reactiebrief/",
        f"/admin/reacties/reactiebrief/{conceptversie.pk}/change/",
        f"/admin/auth/user/{beheerder.pk}/change/",
        "/admin/auth/user/add/",
        "/admin/programmas/medewerker/add/",
        "/admin/adviesmonitor/auditevent/",
        f"/admin/adviesmonitor/auditevent/{AuditEvent.objects.first().pk}/change/",
    ]
    if versie is not None:
        beheer.append(reverse("admin:reacties_briefversie_change", args=[versie.pk]))
    for pad in beheer:
        _bekijk(pagina, pad, meldingen)

    # The admin's widgets: the autocomplete (select2) and the calendar of a date field.
    pagina.goto("/admin/programmas/medewerker/add/")
    pagina.locator(".select2-selection").first.click()
    pagina.wait_for_selector(".select2-results")
    pagina.goto(f"/admin/auth/user/{beheerder.pk}/change/")
    pagina.locator("#calendarlink0").click()
    pagina.wait_for_selector("#calendarbox0", state="visible")
    pagina.wait_for_timeout(200)
    meldingen.extend(pagina.evaluate("window.__cspOvertredingen"))

    assert meldingen == []
