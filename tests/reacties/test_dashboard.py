"""The dashboard: its figures, who may see it, its fixed number of queries, and the SVG
charts (escaped, accessible, each paired with a table)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advies.models import Raad
from reacties import grafieken
from reacties import selectors_dashboard as sd
from reacties.models import Briefstatus, Reactie, Reactiebrief, Standpunt, Toezegging
from reacties.models import Toezeggingstatus as TS
from reacties.views_analyse import STANDPUNTREEKSEN, procent
from tests.factories import (
    maak_aanbeveling,
    maak_advies,
    maak_ambtsdrager,
    maak_bestuurslaag,
    maak_raad,
    maak_reactiebrief,
    maak_sectie,
)

PEILDATUM = dt.date(2026, 3, 1)
ROOT = Path(__file__).resolve().parents[2]


# --- helpers -------------------------------------------------------------------------------


def brief(advies=None, status=Briefstatus.VERZONDEN, datum=None) -> Reactiebrief:
    b = maak_reactiebrief(advies)
    b.status = status
    b.datum = datum
    b.save(update_fields=["status", "datum"])
    return b


_volgorde = iter(range(1, 10**6))


def reactie(b: Reactiebrief, aanbevelingen, standpunt: str = "") -> Reactie:
    r = Reactie.objects.create(
        sectie=maak_sectie(b),
        volgorde=next(_volgorde),
        tekst="<p>Reactie.</p>",
        standpunt=standpunt,
    )
    r.aanbevelingen.set(aanbevelingen)
    return r


def toezegging(
    b: Reactiebrief,
    status=TS.OPEN,
    deadline_datum=None,
    deadline_jaar=None,
    ambtsdrager=None,
    tekst="Wij doen het.",
) -> Toezegging:
    r = reactie(b, [maak_aanbeveling(b.advies)], Standpunt.OVERGENOMEN)
    return Toezegging.objects.create(
        reactie=r,
        volgorde=1,
        tekst=tekst,
        status=status,
        deadline_datum=deadline_datum,
        deadline_jaar=deadline_jaar,
        ambtsdrager=ambtsdrager,
    )


@pytest.fixture
def vaste_dag(monkeypatch):
    monkeypatch.setattr(sd, "vandaag", lambda: PEILDATUM)
    return PEILDATUM


# --- stances and adoption ------------------------------------------------------------------


@pytest.mark.django_db
def test_overnamegraad_per_bestuurslaag_en_raad():
    rijk, gemeente = maak_bestuurslaag(), maak_bestuurslaag()
    raad_a, raad_b = maak_raad(), maak_raad()
    advies = maak_advies([raad_a, raad_b])  # a joint report counts at both councils
    over, deels, niet, kennis = (maak_aanbeveling(advies, [rijk]) for _ in range(4))
    beide = maak_aanbeveling(advies, [rijk, gemeente])  # counts at both levels
    onbeantwoord = maak_aanbeveling(advies, [gemeente])
    b = brief(advies)
    reactie(b, [over], Standpunt.OVERGENOMEN)
    reactie(b, [deels], Standpunt.DEELS)
    reactie(b, [niet], Standpunt.NIET)
    reactie(b, [kennis], Standpunt.KENNISGENOMEN)
    reactie(b, [beide], Standpunt.IN_ONDERZOEK)
    reactie(b, [onbeantwoord], "")  # answered without a stance: not in the denominator

    per_laag = {g.label: g.telling for g in sd.standpunten_per_bestuurslaag()}
    assert per_laag[rijk.naam].aantallen == {
        Standpunt.OVERGENOMEN: 1,
        Standpunt.DEELS: 1,
        Standpunt.NIET: 1,
        Standpunt.IN_ONDERZOEK: 1,
        Standpunt.KENNISGENOMEN: 1,
        sd.GEEN_STANDPUNT: 0,
    }
    assert per_laag[rijk.naam].overnamegraad == pytest.approx(1.5 / 5)
    assert per_laag[gemeente.naam].met_standpunt == 1
    assert per_laag[gemeente.naam].aantallen[sd.GEEN_STANDPUNT] == 1
    assert per_laag[gemeente.naam].overnamegraad == 0

    per_raad = {g.label: g.telling for g in sd.standpunten_per_raad()}
    for raad in (raad_a, raad_b):
        telling = per_raad[f"{raad.naam} ({raad.afkorting})"]
        assert telling.totaal == 6
        assert telling.met_standpunt == 5
        assert telling.overnamegraad == pytest.approx(0.3)

    totaal = sd.standpunten_totaal()
    assert totaal.totaal == 6  # every recommendation once, whatever its levels or councils
    assert totaal.overnamegraad == pytest.approx(0.3)
    assert procent(totaal.overnamegraad) == "30,0%"


@pytest.mark.django_db
def test_alleen_verzonden_brieven_en_de_nieuwste_versie_tellen():
    laag = maak_bestuurslaag()
    advies = maak_advies()
    a1, a2 = maak_aanbeveling(advies, [laag]), maak_aanbeveling(advies, [laag])
    v1 = brief(advies)  # versie 1, sent: niet overgenomen
    reactie(v1, [a1], Standpunt.NIET)
    v2 = brief(advies)  # versie 2, sent: now overgenomen; the newest version wins
    reactie(v2, [a1], Standpunt.OVERGENOMEN)
    concept = brief(advies, status=Briefstatus.CONCEPT)
    reactie(concept, [a1], Standpunt.NIET)  # a newer draft does not count
    reactie(concept, [a2], Standpunt.OVERGENOMEN)  # a2 is only in a draft: no stance yet
    assert (v1.versie, v2.versie, concept.versie) == (1, 2, 3)

    telling = sd.standpunten_totaal()
    assert telling.aantallen[Standpunt.OVERGENOMEN] == 1
    assert telling.aantallen[Standpunt.NIET] == 0
    assert telling.aantallen[sd.GEEN_STANDPUNT] == 1
    assert telling.overnamegraad == 1


@pytest.mark.django_db
def test_elke_aanbeveling_telt_eenmaal_per_groep():
    laag = maak_bestuurslaag()
    advies = maak_advies()
    twee_keer = maak_aanbeveling(advies, [laag])
    zonder_laag = maak_aanbeveling(advies, [])
    b = brief(advies)
    reactie(b, [twee_keer], Standpunt.NIET)
    reactie(b, [twee_keer, zonder_laag], Standpunt.OVERGENOMEN)  # the later response wins

    per_laag = {g.label: g.telling for g in sd.standpunten_per_bestuurslaag()}
    assert per_laag[laag.naam].totaal == 1
    assert per_laag[laag.naam].aantallen[Standpunt.OVERGENOMEN] == 1
    assert per_laag["zonder bestuurslaag"].aantallen[Standpunt.OVERGENOMEN] == 1
    assert list(per_laag)[-1] == "zonder bestuurslaag"
    totaal = sd.standpunten_totaal()
    assert (totaal.totaal, totaal.aantallen[Standpunt.OVERGENOMEN]) == (2, 2)


@pytest.mark.django_db
def test_zonder_standpunten_geen_overnamegraad():
    maak_aanbeveling()
    telling = sd.standpunten_totaal()
    assert (telling.totaal, telling.met_standpunt, telling.overnamegraad) == (1, 0, None)
    assert procent(None) == "—"


# --- commitments ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_toezeggingen_per_status_alleen_uit_verzonden_brieven():
    b = brief()
    toezegging(b, TS.OPEN)
    toezegging(b, TS.OPEN)
    toezegging(b, TS.VOLDAAN)
    toezegging(brief(status=Briefstatus.VASTGESTELD), TS.OPEN)
    aantallen = {s.status: s.aantal for s in sd.toezeggingen_per_status()}
    assert aantallen == {TS.OPEN: 2, TS.IN_UITVOERING: 0, TS.VOLDAAN: 1, TS.VERVALLEN: 0}


@pytest.mark.django_db
def test_achterstallige_toezeggingen_per_ambtsdrager():
    minister, staatssecretaris = maak_ambtsdrager(), maak_ambtsdrager()
    b = brief()
    gisteren = PEILDATUM - dt.timedelta(days=1)
    # Overdue: a past date, a past year, open or in progress.
    toezegging(b, TS.OPEN, deadline_datum=gisteren, ambtsdrager=minister)
    toezegging(b, TS.IN_UITVOERING, deadline_jaar=2025, ambtsdrager=minister)
    toezegging(b, TS.OPEN, deadline_jaar=2024, ambtsdrager=staatssecretaris)
    toezegging(b, TS.OPEN, deadline_jaar=2020)  # nobody responsible: still counted
    # Not overdue: today's date, this year, no deadline, done or lapsed, a draft letter.
    toezegging(b, TS.OPEN, deadline_datum=PEILDATUM, ambtsdrager=minister)
    toezegging(b, TS.OPEN, deadline_jaar=2026, ambtsdrager=minister)
    toezegging(b, TS.OPEN, ambtsdrager=minister)
    toezegging(b, TS.VOLDAAN, deadline_jaar=2020, ambtsdrager=minister)
    toezegging(b, TS.VERVALLEN, deadline_datum=gisteren, ambtsdrager=minister)
    toezegging(brief(status=Briefstatus.CONCEPT), TS.OPEN, deadline_jaar=2020, ambtsdrager=minister)

    tellingen = sd.achterstallig_per_ambtsdrager(PEILDATUM)
    assert [(t.ambtsdrager_id, t.aantal) for t in tellingen] == [
        (minister.pk, 2),
        (staatssecretaris.pk, 1),
        (None, 1),
    ]
    assert tellingen[2].label == "geen verantwoordelijke ambtsdrager vastgelegd"


@pytest.mark.django_db
def test_een_deadlinejaar_verstrijkt_pas_na_31_december():
    t = toezegging(brief(), TS.OPEN, deadline_jaar=2025, ambtsdrager=maak_ambtsdrager())
    assert sd.achterstallig_per_ambtsdrager(dt.date(2025, 12, 31)) == []
    [telling] = sd.achterstallig_per_ambtsdrager(dt.date(2026, 1, 1))
    assert telling.aantal == 1
    assert sd.verstreken_deadline(t) == dt.date(2025, 12, 31)


# --- reply terms ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_antwoordtermijnen():
    termijn = 91
    ontvangen = PEILDATUM - dt.timedelta(days=100)  # due 9 days ago
    uiterste = ontvangen + dt.timedelta(days=termijn)

    geen_brief = maak_advies()
    alleen_concept = maak_advies()
    op_tijd = maak_advies()
    te_laat_verzonden = maak_advies()
    lopend = maak_advies()
    precies_vandaag = maak_advies()
    zonder_datum = maak_advies()
    for advies in (geen_brief, alleen_concept, op_tijd, te_laat_verzonden):
        advies.ontvangstdatum = ontvangen
        advies.save()
    lopend.ontvangstdatum = PEILDATUM - dt.timedelta(days=30)
    lopend.save()
    precies_vandaag.ontvangstdatum = PEILDATUM - dt.timedelta(days=termijn)  # due today
    precies_vandaag.save()
    concept = brief(alleen_concept, status=Briefstatus.CONCEPT)
    brief(op_tijd, datum=uiterste)  # sent on the last day: on time
    brief(te_laat_verzonden, datum=uiterste + dt.timedelta(days=5))

    overzicht = sd.antwoordtermijnen(PEILDATUM, termijn)
    aantallen = {s.status: s.aantal for s in overzicht.aantallen}
    assert aantallen == {
        sd.BEANTWOORD: 1,
        sd.LAAT_BEANTWOORD: 1,
        sd.LOPEND: 2,
        sd.TE_LAAT: 2,
        sd.ONBEKEND: 1,
    }
    rijen = {t.advies.pk: t for t in overzicht.te_laat}
    assert set(rijen) == {geen_brief.pk, alleen_concept.pk, te_laat_verzonden.pk}
    assert zonder_datum.pk not in rijen  # no receipt date: no term to pass
    assert rijen[geen_brief.pk].dagen_te_laat == 9
    assert rijen[geen_brief.pk].uiterste_datum == uiterste
    assert not rijen[geen_brief.pk].beantwoord
    assert rijen[alleen_concept.pk].brief_id == concept.pk  # a link to the draft
    assert rijen[te_laat_verzonden.pk].dagen_te_laat == 5
    assert rijen[te_laat_verzonden.pk].verzonden_op == uiterste + dt.timedelta(days=5)
    # Still missing comes first, then the ones answered late.
    assert overzicht.te_laat[-1].advies == te_laat_verzonden
    assert overzicht.te_laat_totaal == 3 and not overzicht.ingekort


@pytest.mark.django_db
def test_de_termijn_komt_uit_de_instelling(settings, vaste_dag, analist, client_for):
    advies = maak_advies()
    advies.ontvangstdatum = PEILDATUM - dt.timedelta(days=40)
    advies.save()
    settings.ANTWOORDTERMIJN_DAGEN = 91
    assert client_for(analist).get(reverse("dashboard")).context["d"].termijnen.te_laat == []
    settings.ANTWOORDTERMIJN_DAGEN = 30
    response = client_for(analist).get(reverse("dashboard"))
    [rij] = response.context["d"].termijnen.te_laat
    assert rij.dagen_te_laat == 10
    assert "binnen 30 dagen" in response.content.decode()


@pytest.mark.parametrize(("waarde", "verwacht"), [(None, "91"), ("30", "30")])
def test_antwoordtermijn_uit_de_omgeving(waarde, verwacht):
    omgeving = {k: v for k, v in os.environ.items() if k != "ANTWOORDTERMIJN_DAGEN"}
    omgeving.update(DJANGO_SETTINGS_MODULE="adviesmonitor.settings", SECRET_KEY="x", DEBUG="0")
    if waarde is not None:
        omgeving["ANTWOORDTERMIJN_DAGEN"] = waarde
    uitvoer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.ANTWOORDTERMIJN_DAGEN)",
        ],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
    )
    assert uitvoer.stdout.strip() == verwacht


# --- the page: access, content, queries ----------------------------------------------------


@pytest.mark.django_db
def test_anoniem_gaat_naar_het_inloggen(client_for):
    response = client_for(None).get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("inloggen"))


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_elke_rol_ziet_het_dashboard(rol, request, client_for):
    response = client_for(request.getfixturevalue(rol)).get(reverse("dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/dashboard/" aria-current="page">Dashboard</a>' in html
    assert 'href="/rappel/">Rappel</a>' in html


@pytest.mark.django_db
def test_zonder_leesrecht_403(django_user_model, client_for):
    gebruiker = django_user_model.objects.create_user("zonder-rechten", password="x")
    assert client_for(gebruiker).get(reverse("dashboard")).status_code == 403


@pytest.mark.django_db
def test_alleen_get(analist, client_for):
    assert client_for(analist).post(reverse("dashboard")).status_code == 405


def _wereld(aantal: int, peildatum: dt.date) -> None:
    """``aantal`` reports, each with recommendations at a level, a sent letter with stances,
    overdue commitments and a report past its term."""
    lagen = [maak_bestuurslaag() for _ in range(2)]
    for i in range(aantal):
        advies = maak_advies([maak_raad()])
        advies.ontvangstdatum = peildatum - dt.timedelta(days=200 + i)
        advies.save()
        aanbevelingen = [maak_aanbeveling(advies, [lagen[j % 2]]) for j in range(3)]
        if i % 2:
            b = brief(advies, datum=peildatum - dt.timedelta(days=i))
            reactie(b, aanbevelingen[:2], Standpunt.OVERGENOMEN)
            reactie(b, aanbevelingen[2:], Standpunt.DEELS)
            toezegging(b, TS.OPEN, deadline_jaar=2020, ambtsdrager=maak_ambtsdrager())
        else:
            brief(advies, status=Briefstatus.CONCEPT)


def queries_bij_2_en_20_adviezen(client, url: str):
    """The queries of one request with 2 reports, then with 20; and the last response."""
    _wereld(2, PEILDATUM)
    client.get(url)  # warm up: session, content types
    cache.clear()  # the figures counted, not read from the cache (advies.gegevensversie)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(url).status_code == 200
    _wereld(18, PEILDATUM)
    cache.clear()
    with CaptureQueriesContext(connection) as veel:
        response = client.get(url)
    assert response.status_code == 200
    return weinig, veel, response


@pytest.mark.django_db
def test_vast_aantal_queries(analist, client_for, vaste_dag):
    weinig, veel, response = queries_bij_2_en_20_adviezen(client_for(analist), "/dashboard/")
    assert len(veel) == len(weinig), [q["sql"][:120] for q in veel.captured_queries]
    assert len(response.context["d"].termijnen.te_laat) == 20
    # Three per report, and one more per commitment (each in a response of its own).
    assert response.context["d"].totaal.totaal == 20 * 3 + 10
    # Session, user, two permission reads, the data version, and nine for the figures.
    assert len(veel) <= 14


@pytest.mark.django_db(transaction=True)
def test_cijfers_uit_de_cache_en_een_wijziging_direct_zichtbaar(analist, client_for, vaste_dag):
    # Committed writes, as in production: on PostgreSQL the data version rises at COMMIT.
    _wereld(2, PEILDATUM)
    client = client_for(analist)
    client.get("/dashboard/")  # the session and permission caches, as in normal use
    cache.clear()

    def overname() -> str:
        graad = procent(sd.dashboard(PEILDATUM).totaal.overnamegraad)
        return f"Over alle aanbevelingen: <strong>{graad}</strong>"

    voor = overname()
    with CaptureQueriesContext(connection) as geteld:
        assert voor in client.get("/dashboard/").content.decode()
    with CaptureQueriesContext(connection) as uit_cache:
        assert voor in client.get("/dashboard/").content.decode()
    assert len(uit_cache) < len(geteld)
    # An update() sends no signal: the data version sees it all the same.
    Reactie.objects.filter(standpunt=Standpunt.OVERGENOMEN).update(standpunt=Standpunt.NIET)
    na = overname()
    assert na != voor
    assert na in client.get("/dashboard/").content.decode()


@pytest.mark.django_db
def test_vijandige_namen_worden_ontsnapt(analist, client_for, vaste_dag):
    raad = Raad.objects.create(naam="<script>alert('raad')</script>", afkorting="<b>X</b>")
    laag = maak_bestuurslaag()
    laag.naam = '"><script>alert(1)</script>'
    laag.save()
    advies = maak_advies([raad])
    advies.ontvangstdatum = PEILDATUM - dt.timedelta(days=365)
    advies.titel = "<img src=x onerror=alert(2)>"
    advies.save()
    a = maak_aanbeveling(advies, [laag])
    b = brief(advies)
    reactie(b, [a], Standpunt.OVERGENOMEN)
    drager = maak_ambtsdrager()
    drager.titel = "<svg onload=alert(3)>"
    drager.save()
    toezegging(b, TS.OPEN, deadline_jaar=2020, ambtsdrager=drager)

    html = client_for(analist).get(reverse("dashboard")).content.decode()
    assert "<script>alert" not in html
    assert "<svg onload" not in html
    assert "&lt;script&gt;alert(&#x27;raad&#x27;)&lt;/script&gt;" in html
    assert "&lt;svg onload=alert(3)&gt;" in html


@pytest.mark.django_db
def test_elke_grafiek_is_toegankelijk_en_heeft_een_tabel(analist, client_for, vaste_dag):
    _wereld(3, PEILDATUM)
    html = client_for(analist).get(reverse("dashboard")).content.decode()
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert len(svgs) == 6
    for svg in svgs:
        assert 'role="img"' in svg
        ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        for id_ in ids:
            assert f'id="{id_}"' in html
    # Each chart is followed by its table with a caption, inside the page, not behind JS.
    for figuur in re.findall(r"<figure.*?</figure>\s*<div[^>]*>\s*<table", html, re.S):
        assert "<svg" in figuur
    assert html.count('<figure class="grafiek">') == 6
    assert len(re.findall(r"</figure>\s*<div[^>]*>\s*<table", html)) == 6
    assert html.count("<caption") == 7  # six chart tables and the list of late reports
    assert "<script" not in html
    # The page says how the adoption rate is computed.
    assert "(aantal <em>overgenomen</em> + ½ × aantal <em>deels overgenomen</em>)" in html


@pytest.mark.django_db
def test_leeg_dashboard(analist, client_for):
    response = client_for(analist).get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Er zijn nog geen aanbevelingen." in response.content.decode()


@pytest.mark.django_db
def test_voorbeeldbrief_op_het_dashboard(voorbeeldbrief, analist, client_for):
    response = client_for(analist).get(reverse("dashboard"))
    d = response.context["d"]
    assert d.totaal.totaal == voorbeeldbrief.advies.aanbevelingen.count()
    assert d.totaal.met_standpunt > 0
    # The example letter has a 2024 commitment still in progress.
    assert d.achterstallig_totaal >= 1


# --- the SVG module on its own -------------------------------------------------------------


def test_staafdiagram_ontsnapt_alle_tekst():
    svg = grafieken.staafdiagram(
        'x" onload="alert(1)',
        "<script>titel</script>",
        [grafieken.Staaf("<script>alert(1)</script>", 3, tekst="<b>3</b>")],
        beschrijving="a & b",
    )
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&lt;b&gt;3&lt;/b&gt;" in svg
    assert "a &amp; b" in svg
    assert 'onload="' not in svg
    assert 'id="grafiek-x--onload--alert-1-titel"' in svg


def test_staafdiagram_opbouw():
    svg = grafieken.staafdiagram(
        "p", "Percentages", [grafieken.Staaf("a", 50), grafieken.Staaf("b", 100)], maximum=100
    )
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="grafiek-p-titel grafiek-p-beschrijving"' in svg
    assert '<title id="grafiek-p-titel">Percentages</title>' in svg
    breedtes = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert breedtes[1] == pytest.approx(2 * breedtes[0])
    assert ">50<" in svg and ">100<" in svg  # the values are written out, not only drawn


def test_gestapeld_staafdiagram_patronen_en_getallen():
    reeksen = STANDPUNTREEKSEN[:3]
    svg = grafieken.gestapeld_staafdiagram(
        "s<>", "Stapel", ["<i>laag</i>", "b"], reeksen, [[10, 5, 0], [1, 0, 2]]
    )
    assert "<i>" not in svg and "&lt;i&gt;laag&lt;/i&gt;" in svg
    # One pattern per series, each used; the legend names every series.
    for n, reeks in enumerate(reeksen):
        assert f'<pattern id="grafiek-s-p{n}"' in svg
        assert f"url(#grafiek-s-p{n})" in svg
        assert f">{reeks.naam}</text>" in svg
    assert ">15<" in svg and ">3<" in svg  # totals per bar
    with pytest.raises(ValueError):
        grafieken.gestapeld_staafdiagram("x", "x", ["a"], reeksen, [[1, 2]])


def test_lege_grafiek():
    svg = grafieken.staafdiagram("leeg", "Niets", [])
    assert "Geen gegevens." in svg and 'role="img"' in svg
    assert "Geen gegevens." in grafieken.gestapeld_staafdiagram("l", "Niets", [], [], [])


def test_lange_labels_lopen_over_twee_regels_en_worden_dan_ingekort():
    lang = "minister voor Volkshuisvesting en Ruimtelijke Ordening"
    svg = grafieken.staafdiagram("k", "Lang", [grafieken.Staaf(lang, 1)])
    regels = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)
    assert " ".join(regels) == lang  # two lines, nothing lost
    svg = grafieken.staafdiagram("k", "Lang", [grafieken.Staaf("woord " * 40, 1)])
    regels = re.findall(r"<tspan [^>]*>([^<]*)</tspan>", svg)
    assert len(regels) == 2 and regels[-1].endswith("…")
    assert all(len(regel) < 40 for regel in regels)


def test_kleuren_hebben_genoeg_contrast():
    wit = "#ffffff"
    assert grafieken.contrast(grafieken.TEKSTKLEUR, wit) >= 4.5
    assert grafieken.contrast(grafieken.STAAFKLEUR, wit) >= 3
    for reeks in STANDPUNTREEKSEN:
        assert grafieken.contrast(reeks.kleur, wit) >= 3, reeks
    assert len({r.patroon for r in STANDPUNTREEKSEN}) == len(STANDPUNTREEKSEN)
    assert grafieken.contrast("#000", "#fff") == pytest.approx(21)
