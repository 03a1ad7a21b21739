"""The letter editor (/brieven/<id>/bewerken/) through the Django test client.

The tests fill in the forms the page renders, as a browser without JavaScript would
(``Formulier``), change what a user would change and post them: so every form on the page
is known to work without JavaScript. Each action must save through the services, record
the letter's history and lead back to the item; a stale revision must be refused with both
texts shown and nothing changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmas.models import Ambtsdrager, Organisatie, Programma, Programmaonderdeel
from reacties import services, workflow
from reacties.geschiedenis import versies
from reacties.models import (
    Antwoordsjabloon,
    Briefstatus,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from tests.html_controle import koppen, toegankelijkheidsfouten
from tests.reacties.werkstroom_hulp import zet_status

pytestmark = pytest.mark.django_db


# --- filling in the page's forms, as a browser without JavaScript ------------------------


@dataclass
class Formulier:
    action: str
    velden: list[tuple[str, str]] = field(default_factory=list)

    def zet(self, naam: str, waarde: str) -> Formulier:
        """Set a field (the first with that name; added when the form lacks it)."""
        for i, (n, _) in enumerate(self.velden):
            if n == naam:
                self.velden[i] = (naam, waarde)
                return self
        self.velden.append((naam, waarde))
        return self

    def weg(self, naam: str) -> Formulier:
        self.velden = [(n, w) for n, w in self.velden if n != naam]
        return self

    def waarde(self, naam: str) -> str:
        return next(w for n, w in self.velden if n == naam)

    def data(self) -> dict[str, list[str]]:
        uit: dict[str, list[str]] = {}
        for naam, waarde in self.velden:
            uit.setdefault(naam, []).append(waarde)
        return uit


class _Formulieren(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.formulieren: dict[str, Formulier] = {}
        self._form: Formulier | None = None
        self._textarea: list | None = None
        self._select: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Formulier(a.get("action") or "")
            if a.get("id"):
                self.formulieren[a["id"]] = self._form
            return
        if self._form is None or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            soort = a.get("type", "text")
            if soort in {"checkbox", "radio"}:
                if "checked" in a:
                    self._form.velden.append((a["name"], a.get("value") or "on"))
            elif soort not in {"submit", "button"}:
                self._form.velden.append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]
        elif tag == "select":
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            waarde = a.get("value") or ""
            if self._select[2] is None:
                self._select[2] = waarde
            if "selected" in a:
                self._select[1] = waarde

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            naam, tekst = self._textarea
            # A browser drops the newline right after <textarea>.
            self._form.velden.append((naam, tekst[1:] if tekst.startswith("\n") else tekst))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            naam, gekozen, eerste = self._select
            self._form.velden.append((naam, gekozen if gekozen is not None else eerste or ""))
            self._select = None


def formulieren(response) -> dict[str, Formulier]:
    lezer = _Formulieren()
    lezer.feed(response.content.decode())
    return lezer.formulieren


def verstuur(client, form: Formulier):
    return client.post(form.action, form.data())


# --- fixtures ----------------------------------------------------------------------------


@pytest.fixture
def brief(voorbeeldbrief, redacteur) -> Reactiebrief:
    """The example letter again as a concept: a new version of the sent one."""
    return workflow.nieuwe_versie(voorbeeldbrief, redacteur)


@pytest.fixture
def client(redacteur, client_for):
    return client_for(redacteur)


def editor(brief: Reactiebrief, anker: str = "") -> str:
    url = reverse("reacties:bewerken", args=[brief.pk])
    return f"{url}#{anker}" if anker else url


def eerste_reactie(brief: Reactiebrief) -> Reactie:
    return Reactie.objects.filter(sectie__brief=brief).order_by("sectie__volgorde", "volgorde")[0]


def aantal_versies(brief: Reactiebrief) -> int:
    return versies(brief).count()


def laatste_versie(brief: Reactiebrief):
    return versies(brief).last()


# --- the page ----------------------------------------------------------------------------


def test_editor_toont_de_brief_in_volgorde(brief, client):
    response = client.get(editor(brief))
    assert response.status_code == 200
    html = response.content.decode()
    secties = list(Sectie.objects.filter(brief=brief).order_by("volgorde"))
    plekken = [html.index(f'id="sectie-{s.pk}"') for s in secties]
    assert plekken == sorted(plekken)
    reacties = list(
        Reactie.objects.filter(sectie__brief=brief).order_by("sectie__volgorde", "volgorde")
    )
    plekken = [html.index(f'id="reactie-{r.pk}"') for r in reacties]
    assert plekken == sorted(plekken)
    # Every response has its form, stance, links and commitments beside it.
    for reactie in reacties:
        assert f'id="form-reactie-{reactie.pk}"' in html
        assert f'name="reactie-{reactie.pk}-standpunt"' in html
        assert f'id="form-koppelingen-{reactie.pk}"' in html
        assert f'id="form-nieuwe-toezegging-{reactie.pk}"' in html
    # The recommendations above a response, in italics; a main advice as its heading.
    reactie = Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer="1.1")
    blok = html[html.index(f'id="reactie-{reactie.pk}"') :]
    assert "<strong>Hoofdadvies 1: Sta bij de aanpak" in blok[:2000]
    assert '<span class="nummer">Aanbeveling 1.1:</span> <em>Stel naar' in blok[:3000]
    assert "Compleet:" in html
    assert f'href="/brieven/{brief.pk}/"' in html  # the full letter's preview
    assert toegankelijkheidsfouten(html) == []
    assert koppen(html)[0] == (1, "Brief bewerken")


def test_elke_aanbeveling_heeft_een_plek_op_de_pagina(brief, client):
    # reacties.views_werkstroom.editor_url links to #aanbeveling-<pk>: each exists once.
    html = client.get(editor(brief)).content.decode()
    for aanbeveling in brief.advies.aanbevelingen.all():
        assert html.count(f'id="aanbeveling-{aanbeveling.pk}"') == 1, aanbeveling.nummer
    ids = re.findall(r"\sid=\"([^\"]*)\"", html)
    assert "" not in ids
    assert [i for i in set(ids) if ids.count(i) > 1] == []


def test_volledigheid_met_links_naar_de_plek_van_wat_ontbreekt(brief, client):
    zonder_standpunt = Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer="1.1")
    Reactie.objects.filter(pk=zonder_standpunt.pk).update(standpunt="")
    losse = Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer="4")
    nummer = losse.aanbevelingen.get().pk
    losse.delete()
    response = client.get(editor(brief))
    html = response.content.decode()
    assert "Nog niet compleet." in html
    ontbrekend = services.ontbrekende_reacties(brief)
    assert {a.nummer for a in ontbrekend} == {"1.1", "4"}
    # Without a stance: to the response; without a response: to the form for a new one.
    eerste = zonder_standpunt.aanbevelingen.get()
    assert f'href="#aanbeveling-{eerste.pk}"' in html
    assert "Nog geen standpunt" in html
    assert f'href="?nieuw={nummer}#aanbeveling-{nummer}"' in html
    # That link ticks the recommendation in the form for a new response.
    html = client.get(editor(brief) + f"?nieuw={nummer}").content.decode()
    assert re.search(rf'value="{nummer}" checked', html)


def test_anoniem_gaat_naar_inloggen(brief, client_for):
    response = client_for(None).get(editor(brief))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "beheerder"])
def test_wie_reacties_mag_wijzigen_opent_de_editor(rol, brief, client_for, request):
    gebruiker = request.getfixturevalue(rol)
    assert client_for(gebruiker).get(editor(brief)).status_code == 200


def test_get_van_een_actie_leidt_naar_de_editor(brief, client):
    reactie = eerste_reactie(brief)
    url = reverse("reacties:bewerken_reactie", args=[brief.pk, reactie.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == editor(brief)


def test_bewerken_link_op_de_briefpagina_alleen_bij_concept_en_recht(
    brief, voorbeeldbrief, client, analist, client_for
):
    link = f'href="{editor(brief)}"'
    assert link in client.get(reverse("reacties:brief", args=[brief.pk])).content.decode()
    bevroren = client.get(reverse("reacties:brief", args=[voorbeeldbrief.pk])).content.decode()
    assert editor(voorbeeldbrief) not in bevroren
    analist_html = client_for(analist).get(reverse("reacties:brief", args=[brief.pk]))
    assert link not in analist_html.content.decode()


# --- the Analist reads, and only reads ----------------------------------------------------


def _actie_urls(brief: Reactiebrief) -> list[str]:
    sectie = Sectie.objects.filter(brief=brief).order_by("volgorde")[1]
    reactie = eerste_reactie(brief)
    toezegging = Toezegging.objects.filter(reactie__sectie__brief=brief).first()
    voetnoot = Voetnoot.objects.filter(brief=brief).first()
    return [
        reverse("reacties:bewerken_brief", args=[brief.pk]),
        reverse("reacties:bewerken_sectie_nieuw", args=[brief.pk]),
        reverse("reacties:bewerken_sectie", args=[brief.pk, sectie.pk]),
        reverse("reacties:bewerken_sectie_omhoog", args=[brief.pk, sectie.pk]),
        reverse("reacties:bewerken_sectie_omlaag", args=[brief.pk, sectie.pk]),
        reverse("reacties:bewerken_sectie_verwijderen", args=[brief.pk, sectie.pk]),
        reverse("reacties:bewerken_reactie_nieuw", args=[brief.pk]),
        reverse("reacties:bewerken_reactie", args=[brief.pk, reactie.pk]),
        reverse("reacties:bewerken_reactie_sjabloon", args=[brief.pk, reactie.pk]),
        reverse("reacties:bewerken_koppelingen", args=[brief.pk, reactie.pk]),
        reverse("reacties:bewerken_toezegging_nieuw", args=[brief.pk, toezegging.reactie_id]),
        reverse(
            "reacties:bewerken_toezegging",
            args=[brief.pk, toezegging.reactie_id, toezegging.pk],
        ),
        reverse("reacties:bewerken_voetnoot_nieuw", args=[brief.pk]),
        reverse("reacties:bewerken_voetnoot", args=[brief.pk, voetnoot.nummer]),
    ]


def test_analist_krijgt_403_op_de_editor_en_elke_actie(brief, client, analist, client_for):
    # The Analist sends exactly what a Redacteur's page would send.
    velden = {
        k: v for form in formulieren(client.get(editor(brief))).values() for k, v in form.velden
    }
    lezer = client_for(analist)
    assert lezer.get(editor(brief)).status_code == 403
    voor = aantal_versies(brief)
    for url in _actie_urls(brief):
        assert lezer.get(url).status_code == 403, url
        assert lezer.post(url, velden).status_code == 403, url
    assert aantal_versies(brief) == voor


def test_actie_op_een_onderdeel_van_een_andere_brief_is_404(brief, client):
    ander = Reactie.objects.exclude(sectie__brief=brief).first()
    url = reverse("reacties:bewerken_reactie", args=[brief.pk, ander.pk])
    assert client.post(url, {f"reactie-{ander.pk}-revisie": ander.revisie}).status_code == 404


# --- every action, through the page's own forms ------------------------------------------


def test_reactie_bewaren_met_standpunt(brief, client):
    reactie = eerste_reactie(brief)
    voor = aantal_versies(brief)
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    form.zet(f"reactie-{reactie.pk}-tekst", "<p>Het kabinet neemt dit <strong>over</strong>.</p>")
    form.zet(f"reactie-{reactie.pk}-standpunt", "overgenomen")
    response = verstuur(client, form)
    assert response.status_code == 302
    assert response["Location"] == editor(brief, f"reactie-{reactie.pk}")
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Het kabinet neemt dit <strong>over</strong>.</p>"
    assert reactie.standpunt == "overgenomen"
    assert aantal_versies(brief) == voor + 1
    assert laatste_versie(brief).omschrijving.endswith("gewijzigd")
    assert laatste_versie(brief).object_id == reactie.pk
    pagina = client.get(response["Location"])
    assert "De reactie is opgeslagen." in pagina.content.decode()


def test_reactie_bewaren_zonder_wijziging_legt_niets_vast(brief, client):
    reactie = eerste_reactie(brief)
    voor = aantal_versies(brief)
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    assert verstuur(client, form).status_code == 302
    assert aantal_versies(brief) == voor


def test_reactie_met_nieuwe_voetnoot_uit_de_javascript_editor(brief, client):
    reactie = eerste_reactie(brief)
    vrij = max(Voetnoot.objects.filter(brief=brief).values_list("nummer", flat=True)) + 1
    prefix = f"reactie-{reactie.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-tekst", f'<p>Zie de bron.<sup data-voetnoot="{vrij}">{vrij}</sup></p>')
    form.zet(f"{prefix}-nieuwe-voetnoot-{vrij}", "Kamerstukken II 2024/25, 32 847.")
    # A footnote field whose call was removed again is not saved.
    form.zet(f"{prefix}-nieuwe-voetnoot-{vrij + 1}", "Weg ermee.")
    response = verstuur(client, form)
    assert response.status_code == 302
    assert (
        Voetnoot.objects.get(brief=brief, nummer=vrij).tekst == "Kamerstukken II 2024/25, 32 847."
    )
    assert not Voetnoot.objects.filter(brief=brief, nummer=vrij + 1).exists()
    assert laatste_versie(brief).omschrijving == f"Voetnoot {vrij} toegevoegd"
    # And the letter prints it.
    html = client.get(reverse("reacties:brief", args=[brief.pk])).content.decode()
    assert "Kamerstukken II 2024/25, 32 847." in html


def test_nieuwe_voetnoot_in_sectietekst_en_opening(brief, client):
    vrij = max(Voetnoot.objects.filter(brief=brief).values_list("nummer", flat=True)) + 1
    sectie = Sectie.objects.filter(brief=brief).order_by("volgorde")[1]
    prefix = f"sectie-{sectie.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-tekst", f'<p>Inleiding<sup data-voetnoot="{vrij}">{vrij}</sup></p>')
    form.zet(f"{prefix}-nieuwe-voetnoot-{vrij}", "Noot bij de sectie.")
    assert verstuur(client, form).status_code == 302
    assert Voetnoot.objects.get(brief=brief, nummer=vrij).tekst == "Noot bij de sectie."

    form = formulieren(client.get(editor(brief)))["form-brief"]
    opening = form.waarde("brief-opening")
    form.zet("brief-opening", opening + f'<p>Verder<sup data-voetnoot="{vrij + 1}">x</sup></p>')
    form.zet(f"brief-nieuwe-voetnoot-{vrij + 1}", "Noot bij de opening.")
    response = verstuur(client, form)
    assert response.status_code == 302
    assert Voetnoot.objects.get(brief=brief, nummer=vrij + 1).tekst == "Noot bij de opening."


def test_lege_reactietekst_geeft_een_foutsamenvatting_met_link_naar_het_veld(brief, client):
    reactie = eerste_reactie(brief)
    oud = reactie.tekst
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    form.zet(f"reactie-{reactie.pk}-tekst", "")
    response = verstuur(client, form)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="foutsamenvatting"' in html
    assert f'href="#id_reactie-{reactie.pk}-tekst"' in html
    assert 'aria-invalid="true"' in html
    assert f'id="id_reactie-{reactie.pk}-tekst-fout"' in html
    reactie.refresh_from_db()
    assert reactie.tekst == oud


def test_alleen_opmaak_is_ook_leeg(brief, client):
    reactie = eerste_reactie(brief)
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    form.zet(f"reactie-{reactie.pk}-tekst", "<script>alert(1)</script>")
    response = verstuur(client, form)
    assert response.status_code == 400
    assert "Een reactie heeft tekst nodig." in response.content.decode()


def test_brief_gegevens_bewaren(brief, client):
    voor = aantal_versies(brief)
    form = formulieren(client.get(editor(brief)))["form-brief"]
    form.zet("brief-onderwerp", "Nieuw onderwerp")
    form.zet("brief-datum", "2026-03-02")
    form.zet("brief-kenmerk", "2026-0000123")
    form.zet("brief-opening", "<p>Geachte <em>voorzitter</em>,</p>")
    response = verstuur(client, form)
    assert response.status_code == 302
    assert response["Location"].endswith("#briefgegevens")
    brief.refresh_from_db()
    assert (brief.onderwerp, brief.datum.isoformat(), brief.kenmerk) == (
        "Nieuw onderwerp",
        "2026-03-02",
        "2026-0000123",
    )
    assert brief.opening == "<p>Geachte <em>voorzitter</em>,</p>"
    assert aantal_versies(brief) == voor + 1
    assert laatste_versie(brief).omschrijving.startswith("Brief gewijzigd")


def test_brief_zonder_onderwerp_is_ongeldig(brief, client):
    form = formulieren(client.get(editor(brief)))["form-brief"]
    form.zet("brief-onderwerp", "  ")
    response = verstuur(client, form)
    assert response.status_code == 400
    assert 'href="#id_brief-onderwerp"' in response.content.decode()


def test_sectie_bewaren_toevoegen_en_verwijderen(brief, client):
    sectie = Sectie.objects.filter(brief=brief).order_by("volgorde")[1]
    voor = aantal_versies(brief)
    form = formulieren(client.get(editor(brief)))[f"form-sectie-{sectie.pk}"]
    form.zet(f"sectie-{sectie.pk}-kop", "Adviezen aan gemeenten en provincies")
    form.zet(f"sectie-{sectie.pk}-tekst", "<p>Inleiding.</p>")
    response = verstuur(client, form)
    assert response["Location"] == editor(brief, f"sectie-{sectie.pk}")
    sectie.refresh_from_db()
    assert (sectie.kop, sectie.tekst) == (
        "Adviezen aan gemeenten en provincies",
        "<p>Inleiding.</p>",
    )

    form = formulieren(client.get(editor(brief)))["form-nieuwe-sectie"]
    form.zet("nieuwe-sectie-kop", "Bijlage")
    response = verstuur(client, form)
    nieuw = Sectie.objects.get(brief=brief, kop="Bijlage")
    assert response["Location"] == editor(brief, f"sectie-{nieuw.pk}")
    assert nieuw.volgorde == Sectie.objects.filter(brief=brief).count()

    # An empty section can be removed; the form for it is on the page.
    html = client.get(editor(brief)).content.decode()
    url = reverse("reacties:bewerken_sectie_verwijderen", args=[brief.pk, nieuw.pk])
    assert f'action="{url}"' in html
    response = client.post(url, {f"sectie-{nieuw.pk}-revisie": nieuw.revisie})
    assert response.status_code == 302
    assert not Sectie.objects.filter(pk=nieuw.pk).exists()
    assert aantal_versies(brief) == voor + 3
    assert laatste_versie(brief).omschrijving == "Sectie ‘Bijlage’ verwijderd"


def test_sectie_met_reacties_verwijderen_wordt_geweigerd(brief, client):
    sectie = Sectie.objects.filter(brief=brief, reacties__isnull=False).first()
    url = reverse("reacties:bewerken_sectie_verwijderen", args=[brief.pk, sectie.pk])
    response = client.post(url, {f"sectie-{sectie.pk}-revisie": sectie.revisie})
    assert response.status_code == 400
    assert "bevat nog reacties" in response.content.decode()
    assert Sectie.objects.filter(pk=sectie.pk).exists()


def test_secties_verplaatsen_met_omhoog_en_omlaag(brief, client):
    volgorde = list(Sectie.objects.filter(brief=brief).order_by("volgorde"))
    tweede = volgorde[1]
    html = client.get(editor(brief)).content.decode()
    omhoog = reverse("reacties:bewerken_sectie_omhoog", args=[brief.pk, tweede.pk])
    assert f'action="{omhoog}"' in html
    # The first section has no Omhoog button, the last no Omlaag.
    eerste_omhoog = reverse("reacties:bewerken_sectie_omhoog", args=[brief.pk, volgorde[0].pk])
    laatste_omlaag = reverse("reacties:bewerken_sectie_omlaag", args=[brief.pk, volgorde[-1].pk])
    assert eerste_omhoog not in html
    assert laatste_omlaag not in html

    response = client.post(omhoog)
    assert response["Location"] == editor(brief, f"sectie-{tweede.pk}")
    nieuw = list(Sectie.objects.filter(brief=brief).order_by("volgorde"))
    assert nieuw[:2] == [volgorde[1], volgorde[0]]
    assert "een plaats omhoog verplaatst" in laatste_versie(brief).omschrijving

    omlaag = reverse("reacties:bewerken_sectie_omlaag", args=[brief.pk, tweede.pk])
    client.post(omlaag)
    assert list(Sectie.objects.filter(brief=brief).order_by("volgorde")) == volgorde
    # The letter itself follows.
    letter = client.get(reverse("reacties:brief", args=[brief.pk])).content.decode()
    koppen_in_brief = [k for k in (s.kop for s in volgorde) if k]
    plekken = [letter.index(k) for k in koppen_in_brief]
    assert plekken == sorted(plekken)


def test_bovenste_sectie_omhoog_wordt_geweigerd(brief, client):
    eerste = Sectie.objects.filter(brief=brief).order_by("volgorde").first()
    url = reverse("reacties:bewerken_sectie_omhoog", args=[brief.pk, eerste.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "staat al bovenaan" in response.content.decode()


def test_nieuwe_reactie_op_een_ontbrekende_aanbeveling(brief, client):
    losse = Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer="4")
    aanbeveling = losse.aanbevelingen.get()
    sectie = losse.sectie
    losse.delete()
    assert aanbeveling in services.ontbrekende_reacties(brief)
    pagina = client.get(editor(brief) + f"?nieuw={aanbeveling.pk}")
    form = formulieren(pagina)["form-nieuwe-reactie"]
    assert ("nieuwe-reactie-aanbevelingen", str(aanbeveling.pk)) in form.velden
    form.zet("nieuwe-reactie-sectie", str(sectie.pk))
    form.zet("nieuwe-reactie-tekst", "<p>Het kabinet gaat hiermee aan de slag.</p>")
    form.zet("nieuwe-reactie-standpunt", "overgenomen")
    response = verstuur(client, form)
    nieuw = Reactie.objects.get(sectie=sectie, aanbevelingen=aanbeveling)
    assert response["Location"] == editor(brief, f"reactie-{nieuw.pk}")
    assert nieuw.standpunt == "overgenomen"
    assert aanbeveling not in services.ontbrekende_reacties(brief)
    assert laatste_versie(brief).omschrijving == "Reactie op 4 toegevoegd"


def test_nieuwe_reactie_zonder_aanbeveling_is_ongeldig(brief, client):
    form = formulieren(client.get(editor(brief)))["form-nieuwe-reactie"]
    form.weg("nieuwe-reactie-aanbevelingen").zet("nieuwe-reactie-tekst", "<p>Tekst.</p>")
    response = verstuur(client, form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies de aanbeveling(en) waarop deze reactie ingaat." in html
    assert 'href="#id_nieuwe-reactie-aanbevelingen"' in html


def test_programmakoppelingen_toevoegen_wijzigen_en_verwijderen(brief, client):
    reactie = (
        Reactie.objects.filter(sectie__brief=brief, koppelingen__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    bestaand = list(reactie.koppelingen.order_by("programma__naam"))
    onderdeel = Programmaonderdeel.objects.exclude(
        pk__in=[k.onderdeel_id for k in bestaand if k.onderdeel_id]
    ).first()
    prefix = f"koppelingen-{reactie.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    # Remove the first, turn the second into a new commitment, add one in a blank row.
    form.zet(f"{prefix}-0-verwijderen", "on")
    form.zet(f"{prefix}-1-soort", "nieuwe_toezegging")
    rij = len(bestaand)
    form.zet(f"{prefix}-{rij}-programma", str(onderdeel.programma_id))
    form.zet(f"{prefix}-{rij}-onderdeel", str(onderdeel.pk))
    form.zet(f"{prefix}-{rij}-soort", "bestaand_beleid")
    voor = aantal_versies(brief)
    response = verstuur(client, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == editor(brief, f"koppelingen-{reactie.pk}")
    nu = {(k.programma_id, k.onderdeel_id): k.soort for k in reactie.koppelingen.all()}
    assert (bestaand[0].programma_id, bestaand[0].onderdeel_id) not in nu
    assert nu[(bestaand[1].programma_id, bestaand[1].onderdeel_id)] == "nieuwe_toezegging"
    assert nu[(onderdeel.programma_id, onderdeel.pk)] == "bestaand_beleid"
    assert aantal_versies(brief) == voor + 1
    assert "Programmakoppelingen" in laatste_versie(brief).omschrijving


def test_koppeling_zonder_soort_of_met_vreemd_onderdeel_is_ongeldig(brief, client):
    reactie = eerste_reactie(brief)
    prefix = f"koppelingen-{reactie.pk}"
    programma = Programma.objects.order_by("pk").first()
    rij = reactie.koppelingen.count()
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-{rij}-programma", str(programma.pk))
    response = verstuur(client, form)
    assert response.status_code == 400
    assert "bestaand beleid of een nieuwe toezegging" in response.content.decode()

    vreemd = Programmaonderdeel.objects.exclude(programma=programma).first()
    form.zet(f"{prefix}-{rij}-soort", "bestaand_beleid")
    form.zet(f"{prefix}-{rij}-onderdeel", str(vreemd.pk))
    response = verstuur(client, form)
    assert response.status_code == 400
    assert "hoort niet bij het gekozen programma" in response.content.decode()
    assert not Programmakoppeling.objects.filter(reactie=reactie, programma=programma).exists()


def test_toezegging_toevoegen_wijzigen_en_verwijderen(brief, client):
    reactie = eerste_reactie(brief)
    ambtsdrager = Ambtsdrager.objects.first()
    organisatie = Organisatie.objects.first()
    prefix = f"nieuwe-toezegging-{reactie.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-tekst", "Het kabinet onderzoekt dit voor de zomer.")
    form.zet(f"{prefix}-ambtsdrager", str(ambtsdrager.pk))
    form.zet(f"{prefix}-organisatie", str(organisatie.pk))
    form.zet(f"{prefix}-deadline_jaar", "2027")
    response = verstuur(client, form)
    toezegging = Toezegging.objects.get(reactie=reactie, tekst__startswith="Het kabinet onderzoekt")
    assert response["Location"] == editor(brief, f"form-toezegging-{toezegging.pk}")
    assert (toezegging.ambtsdrager, toezegging.organisatie, toezegging.deadline_jaar) == (
        ambtsdrager,
        organisatie,
        2027,
    )
    assert toezegging.status == "open"

    prefix = f"toezegging-{toezegging.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-deadline_jaar", "")
    form.zet(f"{prefix}-deadline_datum", "2027-06-01")
    form.zet(f"{prefix}-status", "in_uitvoering")
    assert verstuur(client, form).status_code == 302
    toezegging.refresh_from_db()
    assert (toezegging.deadline_datum.isoformat(), toezegging.deadline_jaar) == ("2027-06-01", None)
    assert toezegging.status == "in_uitvoering"
    assert laatste_versie(brief).omschrijving.endswith("gewijzigd")

    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet("actie", "verwijderen")
    response = verstuur(client, form)
    assert response["Location"] == editor(brief, f"toezeggingen-{reactie.pk}")
    assert not Toezegging.objects.filter(pk=toezegging.pk).exists()
    assert laatste_versie(brief).omschrijving.endswith("verwijderd")


def test_toezegging_met_twee_deadlines_is_ongeldig(brief, client):
    reactie = eerste_reactie(brief)
    prefix = f"nieuwe-toezegging-{reactie.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-tekst", "Iets.").zet(f"{prefix}-deadline_jaar", "2027")
    form.zet(f"{prefix}-deadline_datum", "2027-01-01")
    response = verstuur(client, form)
    assert response.status_code == 400
    assert "óf als jaar" in response.content.decode()
    assert not Toezegging.objects.filter(reactie=reactie, tekst="Iets.").exists()


def test_voetnoot_toevoegen_en_wijzigen(brief, client):
    form = formulieren(client.get(editor(brief)))["form-nieuwe-voetnoot"]
    form.zet("nieuwe-voetnoot-tekst", "<p>Zie <a href='https://www.rijksoverheid.nl'>hier</a>.</p>")
    response = verstuur(client, form)
    nummer = max(Voetnoot.objects.filter(brief=brief).values_list("nummer", flat=True))
    assert response["Location"] == editor(brief, f"bewerk-voetnoot-{nummer}")
    voetnoot = Voetnoot.objects.get(brief=brief, nummer=nummer)
    assert 'href="https://www.rijksoverheid.nl"' in voetnoot.tekst
    assert laatste_versie(brief).omschrijving == f"Voetnoot {nummer} toegevoegd"

    prefix = f"voetnoot-{nummer}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-tekst", "Nieuwe tekst van de voetnoot.")
    assert verstuur(client, form).status_code == 302
    voetnoot.refresh_from_db()
    assert voetnoot.tekst == "Nieuwe tekst van de voetnoot."
    assert laatste_versie(brief).omschrijving == f"Voetnoot {nummer} gewijzigd"


def test_voetnoot_die_wordt_aangeroepen_maar_nog_geen_tekst_heeft(brief, client):
    reactie = eerste_reactie(brief)
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst='<p>Tekst<sup data-voetnoot="40">40</sup></p>',
        standpunt=None,
        gebruiker=brief.geschiedenis.first().gebruiker,
    )
    html = client.get(editor(brief)).content.decode()
    assert 'id="bewerk-voetnoot-40"' in html
    assert "Nog zonder tekst." in html
    form = formulieren(client.get(editor(brief)))["form-voetnoot-40"]
    form.zet("voetnoot-40-tekst", "Eindelijk een tekst.")
    assert verstuur(client, form).status_code == 302
    assert Voetnoot.objects.get(brief=brief, nummer=40).tekst == "Eindelijk een tekst."


def test_reactie_uit_sjabloon(brief, client, redacteur):
    sjabloon = services.maak_sjabloon(
        naam="Kennisgenomen",
        tekst="<p>Het kabinet heeft kennisgenomen van deze aanbeveling.</p>",
        standpunt="kennisgenomen",
        gebruiker=redacteur,
    )
    reactie = eerste_reactie(brief)
    prefix = f"sjabloon-{reactie.pk}"
    form = formulieren(client.get(editor(brief)))[f"form-{prefix}"]
    form.zet(f"{prefix}-sjabloon", str(sjabloon.pk))
    response = verstuur(client, form)
    assert response["Location"] == editor(brief, f"reactie-{reactie.pk}")
    reactie.refresh_from_db()
    assert reactie.tekst == sjabloon.tekst
    assert reactie.standpunt == "kennisgenomen"
    assert "gevuld uit sjabloon ‘Kennisgenomen’" in laatste_versie(brief).omschrijving


# --- no lost work ------------------------------------------------------------------------


def test_verouderde_revisie_geeft_409_met_beide_teksten_en_verandert_niets(
    brief, client, coordinator
):
    reactie = eerste_reactie(brief)
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    # Someone else saves first.
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst="<p>De tekst van de <strong>coördinator</strong>.</p>",
        standpunt="overgenomen",
        gebruiker=coordinator,
    )
    voor = aantal_versies(brief)
    form.zet(f"reactie-{reactie.pk}-tekst", "<p>Mijn <em>eigen</em> tekst.</p>")
    response = verstuur(client, form)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="conflict"' in html
    assert "Iemand anders heeft de reactie op" in html
    # Both texts, rendered (sanitised) side by side, and the user's own to copy.
    assert "<p>De tekst van de <strong>coördinator</strong>.</p>" in html
    assert "<p>Mijn <em>eigen</em> tekst.</p>" in html
    assert "&lt;p&gt;Mijn &lt;em&gt;eigen&lt;/em&gt; tekst.&lt;/p&gt;" in html
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>De tekst van de <strong>coördinator</strong>.</p>"
    assert aantal_versies(brief) == voor
    # The form of the response now holds the stored version and revision...
    form = formulieren(response)[f"form-reactie-{reactie.pk}"]
    assert form.waarde(f"reactie-{reactie.pk}-revisie") == str(reactie.revisie)
    assert "coördinator" in form.waarde(f"reactie-{reactie.pk}-tekst")
    # ...and "save mine anyway" is a deliberate second step, with the current revision.
    alsnog = formulieren(response)["form-conflict-alsnog"]
    assert alsnog.action == form.action
    assert alsnog.waarde(f"reactie-{reactie.pk}-tekst") == "<p>Mijn <em>eigen</em> tekst.</p>"
    assert verstuur(client, alsnog).status_code == 302
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Mijn <em>eigen</em> tekst.</p>"


def test_conflict_op_de_brief_de_toezegging_en_de_voetnoot(brief, client, coordinator):
    pagina = formulieren(client.get(editor(brief)))
    toezegging = Toezegging.objects.filter(reactie__sectie__brief=brief).first()
    voetnoot = Voetnoot.objects.filter(brief=brief).first()
    services.bewaar_brief(
        brief, revisie=brief.revisie, gebruiker=coordinator, slot="<p>Ander slot</p>"
    )
    services.bewaar_toezegging(
        toezegging, revisie=toezegging.revisie, gebruiker=coordinator, tekst="Andere toezegging"
    )
    services.bewaar_voetnoot(
        voetnoot, oude_tekst=voetnoot.tekst, tekst="Andere voetnoot", gebruiker=coordinator
    )
    voor = aantal_versies(brief)
    gevallen = [
        ("form-brief", "brief-slot", "<p>Mijn slot</p>", "Ander slot"),
        (
            f"form-toezegging-{toezegging.pk}",
            f"toezegging-{toezegging.pk}-tekst",
            "Mijn toezegging",
            "Andere toezegging",
        ),
        (
            f"form-voetnoot-{voetnoot.nummer}",
            f"voetnoot-{voetnoot.nummer}-tekst",
            "Mijn voetnoot",
            "Andere voetnoot",
        ),
    ]
    for form_id, veld, mijn, hun in gevallen:
        form = pagina[form_id].zet(veld, mijn)
        response = verstuur(client, form)
        assert response.status_code == 409, form_id
        html = response.content.decode()
        assert mijn in html and hun in html, form_id
    assert aantal_versies(brief) == voor
    toezegging.refresh_from_db()
    voetnoot.refresh_from_db()
    brief.refresh_from_db()
    assert (brief.slot, toezegging.tekst, voetnoot.tekst) == (
        "<p>Ander slot</p>",
        "Andere toezegging",
        "Andere voetnoot",
    )


def test_koppelingen_met_verouderde_revisie(brief, client, coordinator):
    reactie = eerste_reactie(brief)
    form = formulieren(client.get(editor(brief)))[f"form-koppelingen-{reactie.pk}"]
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst="<p>Ander.</p>",
        standpunt=None,
        gebruiker=coordinator,
    )
    programma = Programma.objects.first()
    rij = reactie.koppelingen.count()
    form.zet(f"koppelingen-{reactie.pk}-{rij}-programma", str(programma.pk))
    form.zet(f"koppelingen-{reactie.pk}-{rij}-soort", "bestaand_beleid")
    voor = set(reactie.koppelingen.values_list("pk", flat=True))
    response = verstuur(client, form)
    assert response.status_code == 409
    assert programma.naam in response.content.decode()
    assert set(reactie.koppelingen.values_list("pk", flat=True)) == voor


# --- a letter that cannot be edited ------------------------------------------------------


@pytest.mark.parametrize("status", [Briefstatus.VERZONDEN, Briefstatus.TER_REVIEW])
def test_niet_bewerkbare_brief_is_alleen_lezen_en_weigert_elke_post(brief, client, status):
    formulier = formulieren(client.get(editor(brief)))
    zet_status(brief, status)
    response = client.get(editor(brief))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alleen lezen" in html
    assert ("nieuwe versie" in html) if status == Briefstatus.VERZONDEN else ("ter review" in html)
    assert "/bewerken/reactie/" not in html  # no form posts anywhere
    assert 'method="post" action="/brieven/' not in html
    assert "data-rijke-tekst" not in html
    assert toegankelijkheidsfouten(html) == []
    voor = aantal_versies(brief)
    reactie = eerste_reactie(brief)
    tekst = reactie.tekst
    form = formulier[f"form-reactie-{reactie.pk}"].zet(
        f"reactie-{reactie.pk}-tekst", "<p>Toch wijzigen.</p>"
    )
    response = verstuur(client, form)
    assert response.status_code == 409
    assert "Alleen lezen" in response.content.decode()
    for url in _actie_urls(brief):
        assert client.post(url, {}).status_code == 409, url
    reactie.refresh_from_db()
    assert reactie.tekst == tekst
    assert aantal_versies(brief) == voor


# --- hostile input -----------------------------------------------------------------------

VIJANDIG = (
    '<p onclick="steel()">Goed<script>alert("x")</script>'
    '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">klik</a>'
    '<a href="https://example.org" style="color:red" target="_blank">link</a>'
    '<iframe src="https://evil.example"></iframe><sup data-voetnoot="1" onmouseover="x()">1</sup>'
    "</p><style>body{display:none}</style>"
)


def test_vijandige_invoer_wordt_opgeschoond_via_de_editor(brief, client):
    reactie = eerste_reactie(brief)
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    form.zet(f"reactie-{reactie.pk}-tekst", VIJANDIG)
    assert verstuur(client, form).status_code == 302
    reactie.refresh_from_db()
    for kwaad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style", "<img"):
        assert kwaad not in reactie.tekst, kwaad
    assert "Goed" in reactie.tekst
    assert '<a href="https://example.org"' in reactie.tekst
    assert '<sup data-voetnoot="1">1</sup>' in reactie.tekst
    for url in (editor(brief), reverse("reacties:brief", args=[brief.pk])):
        html = client.get(url).content.decode()
        for kwaad in ("<script>alert", 'onerror="', 'onclick="', "javascript:alert", "<iframe"):
            assert kwaad not in html, (url, kwaad)


def test_vijandige_invoer_in_een_conflict_wordt_veilig_getoond(brief, client, coordinator):
    reactie = eerste_reactie(brief)
    form = formulieren(client.get(editor(brief)))[f"form-reactie-{reactie.pk}"]
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst="<p>Eerst.</p>",
        standpunt=None,
        gebruiker=coordinator,
    )
    form.zet(f"reactie-{reactie.pk}-tekst", VIJANDIG)
    response = verstuur(client, form)
    assert response.status_code == 409
    html = response.content.decode()
    for kwaad in ("<script>alert", 'onerror="', 'onclick="', "javascript:alert", "<iframe"):
        assert kwaad not in html, kwaad


def test_vijandige_voetnoot_en_brieftekst(brief, client):
    form = formulieren(client.get(editor(brief)))["form-nieuwe-voetnoot"]
    form.zet("nieuwe-voetnoot-tekst", VIJANDIG)
    verstuur(client, form)
    form = formulieren(client.get(editor(brief)))["form-brief"]
    form.zet("brief-slot", VIJANDIG)
    verstuur(client, form)
    brief.refresh_from_db()
    assert "<script" not in brief.slot
    assert not Voetnoot.objects.filter(brief=brief, tekst__contains="<script").exists()
    html = client.get(editor(brief)).content.decode()
    assert "<script>alert" not in html


# --- answer templates --------------------------------------------------------------------


def test_sjablonen_beheren_en_gebruiken(brief, client):
    lijst = reverse("reacties:sjablonen")
    assert client.get(lijst).status_code == 200
    form = formulieren(client.get(lijst))["form-nieuw"]
    form.zet("nieuw-naam", "Overgenomen, al in uitvoering")
    form.zet("nieuw-tekst", "<p>Het kabinet neemt deze aanbeveling over.</p><script>x</script>")
    form.zet("nieuw-standpunt", "overgenomen")
    response = verstuur(client, form)
    sjabloon = Antwoordsjabloon.objects.get(naam="Overgenomen, al in uitvoering")
    assert response["Location"] == f"{lijst}#sjabloon-{sjabloon.pk}"
    assert sjabloon.tekst == "<p>Het kabinet neemt deze aanbeveling over.</p>"

    # The same name twice is refused with a message.
    response = verstuur(client, form)
    assert response.status_code == 400
    assert "Er is al een sjabloon met de naam" in response.content.decode()

    detail = reverse("reacties:sjabloon", args=[sjabloon.pk])
    form = formulieren(client.get(detail))["form-sjabloon"]
    form.zet("sjabloon-tekst", "<p>Het kabinet neemt deze aanbeveling <em>graag</em> over.</p>")
    assert verstuur(client, form).status_code == 302
    sjabloon.refresh_from_db()
    assert "<em>graag</em>" in sjabloon.tekst

    # In the editor: "Begin met sjabloon" beside every response.
    reactie = eerste_reactie(brief)
    html = client.get(editor(brief)).content.decode()
    assert f'<option value="{sjabloon.pk}">Overgenomen, al in uitvoering</option>' in html
    form = formulieren(client.get(editor(brief)))[f"form-sjabloon-{reactie.pk}"]
    form.zet(f"sjabloon-{reactie.pk}-sjabloon", str(sjabloon.pk))
    verstuur(client, form)
    reactie.refresh_from_db()
    assert reactie.tekst == sjabloon.tekst
    assert reactie.standpunt == "overgenomen"

    verwijderen = reverse("reacties:sjabloon_verwijderen", args=[sjabloon.pk])
    assert client.post(verwijderen).status_code == 302
    assert not Antwoordsjabloon.objects.filter(pk=sjabloon.pk).exists()


def test_analist_leest_sjablonen_maar_wijzigt_ze_niet(redacteur, analist, client_for):
    sjabloon = services.maak_sjabloon(naam="Vast", tekst="<p>Tekst.</p>", gebruiker=redacteur)
    lezer = client_for(analist)
    html = lezer.get(reverse("reacties:sjablonen")).content.decode()
    assert "Vast" in html and 'id="form-nieuw"' not in html
    detail = lezer.get(reverse("reacties:sjabloon", args=[sjabloon.pk])).content.decode()
    assert "<p>Tekst.</p>" in detail and "<form" not in detail.split('id="inhoud"')[1]
    data = {"sjabloon-naam": "Anders", "sjabloon-tekst": "<p>Anders.</p>", "nieuw-naam": "X"}
    for url in (
        reverse("reacties:sjabloon_nieuw"),
        reverse("reacties:sjabloon", args=[sjabloon.pk]),
        reverse("reacties:sjabloon_verwijderen", args=[sjabloon.pk]),
    ):
        assert lezer.post(url, data).status_code == 403, url
    sjabloon.refresh_from_db()
    assert sjabloon.naam == "Vast"


# --- a fixed number of queries -----------------------------------------------------------


def _queries(client, brief: Reactiebrief) -> int:
    client.get(editor(brief))  # warm up: session, permissions, templates
    with CaptureQueriesContext(connection) as vastgelegd:
        response = client.get(editor(brief))
    assert response.status_code == 200
    return len(vastgelegd.captured_queries)


def test_editor_gebruikt_een_vast_aantal_queries(brief, client, redacteur):
    from reacties.brief.proefbrief import grote_brief

    klein = _queries(client, brief)
    groot = grote_brief(brief.advies.raden.first(), aantal=30, slug="groot-voor-de-editor")
    reactie = Reactie.objects.filter(sectie__brief=groot).first()
    services.zet_programmakoppelingen(
        reactie,
        [(Programma.objects.first(), None, "bestaand_beleid")],
        revisie=reactie.revisie,
        gebruiker=redacteur,
    )
    services.voeg_toezegging_toe(reactie, gebruiker=redacteur, tekst="Een toezegging.")
    assert Reactie.objects.filter(sectie__brief=groot).count() == 30
    assert _queries(client, groot) == klein
