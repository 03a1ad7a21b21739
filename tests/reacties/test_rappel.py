"""The reminder list (rappel): per office holder, their open commitments past the deadline,
printable, with a filter by ministry."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from reacties import selectors_dashboard as sd
from reacties.models import Briefstatus
from reacties.models import Toezeggingstatus as TS
from tests.factories import maak_ambtsdrager, maak_ministerie
from tests.reacties.test_dashboard import (
    PEILDATUM,
    brief,
    queries_bij_2_en_20_adviezen,
    toezegging,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def vaste_dag(monkeypatch):
    monkeypatch.setattr(sd, "vandaag", lambda: PEILDATUM)
    return PEILDATUM


@pytest.fixture
def lijst(db):
    """Two ministries, three office holders, overdue and not-overdue commitments."""
    bzk, vws = maak_ministerie(), maak_ministerie()
    minister = maak_ambtsdrager(bzk)
    minister.titel, minister.naam = "minister van Wonen", "A. de Vries"
    minister.save()
    staatssecretaris = maak_ambtsdrager(vws)
    staatssecretaris.titel, staatssecretaris.naam = "staatssecretaris van Zorg", "B. Jansen"
    staatssecretaris.save()
    zonder_achterstand = maak_ambtsdrager(bzk)
    b = brief(datum=dt.date(2024, 5, 1))
    t = {
        "datum": toezegging(
            b, TS.OPEN, deadline_datum=dt.date(2026, 2, 1), ambtsdrager=minister, tekst="Plan A"
        ),
        "jaar": toezegging(
            b, TS.IN_UITVOERING, deadline_jaar=2024, ambtsdrager=minister, tekst="Wet B"
        ),
        "zorg": toezegging(
            b, TS.OPEN, deadline_jaar=2025, ambtsdrager=staatssecretaris, tekst="Monitor C"
        ),
        "voldaan": toezegging(b, TS.VOLDAAN, deadline_jaar=2020, ambtsdrager=minister),
        "vervallen": toezegging(
            b, TS.VERVALLEN, deadline_datum=dt.date(2025, 1, 1), ambtsdrager=minister
        ),
        "toekomst": toezegging(b, TS.OPEN, deadline_jaar=2026, ambtsdrager=zonder_achterstand),
        "concept": toezegging(
            brief(status=Briefstatus.CONCEPT), TS.OPEN, deadline_jaar=2020, ambtsdrager=minister
        ),
    }
    return {
        "bzk": bzk,
        "vws": vws,
        "minister": minister,
        "staatssecretaris": staatssecretaris,
        "brief": b,
        "t": t,
    }


def test_groepen_per_ambtsdrager(lijst):
    groepen = sd.rappel(PEILDATUM)
    assert [(g.ambtsdrager_id, g.titel, g.naam) for g in groepen] == [
        (lijst["minister"].pk, "minister van Wonen", "A. de Vries"),
        (lijst["staatssecretaris"].pk, "staatssecretaris van Zorg", "B. Jansen"),
    ]
    minister, zorg = groepen
    # Most overdue first; a year deadline runs to 31 December of that year.
    assert [(r.toezegging.tekst, r.deadline, r.dagen_te_laat) for r in minister.regels] == [
        ("Wet B", dt.date(2024, 12, 31), (PEILDATUM - dt.date(2024, 12, 31)).days),
        ("Plan A", dt.date(2026, 2, 1), 28),
    ]
    assert [(r.deadline, r.dagen_te_laat) for r in zorg.regels] == [(dt.date(2025, 12, 31), 60)]
    assert minister.ministerie == lijst["bzk"].naam


def test_filter_op_ministerie(lijst):
    groepen = sd.rappel(PEILDATUM, lijst["vws"].afkorting)
    assert [g.ambtsdrager_id for g in groepen] == [lijst["staatssecretaris"].pk]


def test_toezeggingen_zonder_ambtsdrager_staan_achteraan(lijst):
    toezegging(lijst["brief"], TS.OPEN, deadline_jaar=2020, tekst="Niemand")
    groepen = sd.rappel(PEILDATUM)
    assert groepen[-1].ambtsdrager_id is None
    assert groepen[-1].titel == "Geen verantwoordelijke ambtsdrager vastgelegd"
    assert [r.toezegging.tekst for r in groepen[-1].regels] == ["Niemand"]
    # Filtering by ministry leaves them out: they belong to no ministry.
    assert all(g.ambtsdrager_id for g in sd.rappel(PEILDATUM, lijst["bzk"].afkorting))


def test_pagina(lijst, analist, client_for, vaste_dag):
    response = client_for(analist).get(reverse("rappel"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'Minister van Wonen <span class="ambtsdrager-naam">(A. de Vries)</span>' in html
    assert "Staatssecretaris van Zorg" in html
    assert html.count('<section class="rappel-ambtsdrager"') == 2
    assert html.count("<table") == 2 and html.count("<caption") == 2
    # Commitment text, the report linked to its letter, deadline, status, days overdue.
    brief_url = reverse("reacties:brief", args=[lijst["brief"].pk])
    assert f'<a class="utrecht-link" href="{brief_url}">{lijst["brief"].advies.titel}</a>' in html
    assert "Wet B" in html and "Plan A" in html and "Monitor C" in html
    assert ">2024<" in html and "1 februari 2026" in html
    assert "in uitvoering" in html
    assert ">60<" in html and ">28<" in html
    for tekst in ("voldaan", "vervallen"):
        assert f'<td class="utrecht-table__cell">{tekst}</td>' not in html
    # Printable, without JavaScript.
    assert "Afdrukken:" in html
    assert "<script" not in html
    assert 'href="/static/css/analyse.css"' in html
    assert 'href="/rappel/" aria-current="page">Rappel</a>' in html


def test_paginafilter_op_ministerie(lijst, analist, client_for, vaste_dag):
    client = client_for(analist)
    vws = lijst["vws"]
    response = client.get(reverse("rappel"), {"ministerie": vws.afkorting})
    html = response.content.decode()
    assert "Staatssecretaris van Zorg" in html and "Minister van Wonen" not in html
    assert f'<option value="{vws.afkorting}" selected>' in html
    assert f"Rappel toezeggingen · {vws.naam}" in html

    onbekend = client.get(reverse("rappel"), {"ministerie": "<xyz>"}).content.decode()
    assert "Het ministerie ‘&lt;xyz&gt;’ bestaat niet" in onbekend
    assert "Minister van Wonen" in onbekend and "Staatssecretaris van Zorg" in onbekend


def test_lege_lijst(analist, client_for, vaste_dag):
    html = client_for(analist).get(reverse("rappel")).content.decode()
    assert "Er zijn geen achterstallige toezeggingen." in html


def test_afdrukstijl():
    css = (ROOT / "static/css/analyse.css").read_text()
    afdruk = css[css.index("@media print") :]
    # Navigation and the filter are hidden; each office holder starts on a new page.
    assert re.search(r"\.kop\b[^{]*\.niet-afdrukken[^{]*\{\s*display:\s*none", afdruk)
    assert re.search(
        r"\.rappel-ambtsdrager \+ \.rappel-ambtsdrager \{[^}]*break-before: page", afdruk
    )


@pytest.mark.django_db
def test_anoniem_gaat_naar_het_inloggen(client_for):
    response = client_for(None).get(reverse("rappel"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("inloggen"))


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_elke_rol_ziet_de_rappel(rol, request, client_for):
    assert client_for(request.getfixturevalue(rol)).get(reverse("rappel")).status_code == 200


@pytest.mark.django_db
def test_zonder_leesrecht_403(django_user_model, client_for):
    gebruiker = django_user_model.objects.create_user("zonder-rechten", password="x")
    assert client_for(gebruiker).get(reverse("rappel")).status_code == 403


def test_vijandige_namen_worden_ontsnapt(lijst, analist, client_for, vaste_dag):
    drager = lijst["minister"]
    drager.naam = "<script>alert(1)</script>"
    drager.save()
    t = lijst["t"]["datum"]
    t.tekst = "<img src=x onerror=alert(2)>"
    t.save()
    html = client_for(analist).get(reverse("rappel")).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_vast_aantal_queries(analist, client_for, vaste_dag):
    weinig, veel, response = queries_bij_2_en_20_adviezen(client_for(analist), "/rappel/")
    assert len(veel) == len(weinig), [q["sql"][:120] for q in veel.captured_queries]
    assert sum(len(g.regels) for g in response.context["groepen"]) == 10
    assert len(veel) <= 6  # session, user, two permission reads, ministries, commitments


def test_voorbeeldbrief(voorbeeldbrief, analist, client_for):
    # The example letter has a commitment due in 2024 that is still in progress.
    response = client_for(analist).get(reverse("rappel"))
    regels = [r for g in response.context["groepen"] for r in g.regels]
    assert any(r.toezegging.deadline_jaar == 2024 for r in regels)
    assert all(r.brief == voorbeeldbrief for r in regels)
    assert all(r.toezegging.status in sd.OPENSTAAND for r in regels)
