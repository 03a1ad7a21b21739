"""The history pages: a letter's versions (who, when, what), the word-level differences
between any two, one version as it stood, and restoring a response from it."""

from __future__ import annotations

import copy
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reacties import services
from reacties.geschiedenis import leg_vast, versies
from reacties.models import Briefstatus, Briefversie, Reactie, Reactiebrief
from tests.html_controle import toegankelijkheidsfouten
from tests.reacties.werkstroom_hulp import gebruiker, zet_status

pytestmark = pytest.mark.django_db

KNOP = "Deze versie van de reactie terugzetten"


@pytest.fixture
def conceptbrief(voorbeeldbrief) -> Reactiebrief:
    return zet_status(voorbeeldbrief, Briefstatus.CONCEPT, review_ronde=0)


@pytest.fixture
def redacteur(redacteur):
    redacteur.first_name, redacteur.last_name = "Roos", "de Redacteur"
    redacteur.save()
    return redacteur


def _reactie_op(brief: Reactiebrief, nummer: str) -> Reactie:
    return Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer=nummer)


def _url(naam: str, brief: Reactiebrief, *args: object) -> str:
    return reverse(f"reacties:{naam}", args=[brief.pk, *args])


def _verschil(brief: Reactiebrief, query: str = "") -> str:
    return _url("verschil", brief) + query


def _herschrijf(reactie: Reactie, gebruiker_, tekst: str, standpunt: str | None = None):
    reactie.refresh_from_db()
    return services.bewaar_reactie(
        reactie, revisie=reactie.revisie, tekst=tekst, standpunt=standpunt, gebruiker=gebruiker_
    )


def _meer_versies(brief: Reactiebrief, aantal: int) -> None:
    """``aantal`` more versions, each by another user and each changing every response, so
    a page that queried per row or per item would show it in its query count."""
    laatste = versies(brief).last()
    makers = [gebruiker("Redacteur") for _ in range(5)]
    rijen = []
    for i in range(1, aantal + 1):
        inhoud = copy.deepcopy(laatste.inhoud)
        for sectie in inhoud["secties"]:
            sectie["kop"] = f"{sectie['kop']} ({i})"
            for reactie in sectie["reacties"]:
                reactie["tekst"] = f"<p>Wijziging {i}.</p>{reactie['tekst']}"
        rijen.append(
            Briefversie(
                brief=brief,
                nummer=laatste.nummer + i,
                gebruiker=makers[i % len(makers)],
                soort=Briefversie.Soort.GEWIJZIGD,
                omschrijving=f"Wijziging {i}",
                inhoud=inhoud,
            )
        )
    Briefversie.objects.bulk_create(rijen)


def _aantal_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# --- who may see it ----------------------------------------------------------------------


def test_anonieme_bezoeker_gaat_naar_het_inloggen(voorbeeldbrief, client_for):
    for url in [
        _url("geschiedenis", voorbeeldbrief),
        _verschil(voorbeeldbrief),
        _url("versie", voorbeeldbrief, 1),
    ]:
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("inloggen"))
    response = client_for(None).post(_url("versie", voorbeeldbrief, 1), {"reactie": 1})
    assert response.status_code == 302


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_elke_rol_leest_de_geschiedenis(rol, request, voorbeeldbrief, client_for):
    client = client_for(request.getfixturevalue(rol))
    for url in [
        _url("geschiedenis", voorbeeldbrief),
        _verschil(voorbeeldbrief),
        _url("versie", voorbeeldbrief, 1),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert toegankelijkheidsfouten(response.content.decode()) == [], url


def test_de_brief_linkt_naar_de_geschiedenis(voorbeeldbrief, analist, client_for):
    html = client_for(analist).get(_url("brief", voorbeeldbrief)).content.decode()
    assert f'href="{_url("geschiedenis", voorbeeldbrief)}"' in html
    assert ">Geschiedenis<" in html


# --- the versions ------------------------------------------------------------------------


def test_versies_met_wie_wanneer_en_wat_nieuwste_eerst(conceptbrief, redacteur, client_for):
    _herschrijf(_reactie_op(conceptbrief, "3.2"), redacteur, "<p>Herschreven.</p>")
    services.bewaar_brief(conceptbrief, revisie=1, gebruiker=redacteur, titel="Kabinetsreactie")

    response = client_for(redacteur).get(_url("geschiedenis", conceptbrief))

    html = response.content.decode()
    rijen = re.findall(r'<tr class="utrecht-table__row">\s*<td.*?</tr>', html, re.S)
    assert len(rijen) == 3
    # Newest first: number, who, kind and what in each row.
    for rij, (nummer, wie, soort, wat) in zip(
        rijen,
        [
            (3, "Roos de Redacteur", "gewijzigd", "Brief gewijzigd: titel"),
            (2, "Roos de Redacteur", "gewijzigd", "Reactie op 3.2 gewijzigd"),
            (1, "niet vastgelegd", "geïmporteerd", "Geïmporteerd"),
        ],
        strict=True,
    ):
        assert f'href="{_url("versie", conceptbrief, nummer)}"' in rij
        assert wie in rij and soort in rij and wat in rij
    # When, as a Dutch date and time, with a machine-readable datetime beside it.
    tijdstip = versies(conceptbrief).last().tijdstip
    assert re.search(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
        r"september|oktober|november|december) \d{4}, \d{2}:\d{2}",
        rijen[0],
    )
    assert 'datetime="' in rijen[0] and str(tijdstip.year) in rijen[0]
    # The compare form: every version can be picked as either side, the last two are.
    assert f'action="{_verschil(conceptbrief)}"' in html
    assert re.search(r'name="van" value="2" id="van-2" checked', html)
    assert re.search(r'name="tot" value="3" id="tot-3" checked', html)
    assert 'for="van-1">Van versie 1</label>' in html
    assert f'href="{_verschil(conceptbrief, "?van=2&amp;tot=3")}"' in html


def test_de_versies_staan_op_paginas_van_50(voorbeeldbrief, analist, client_for):
    _meer_versies(voorbeeldbrief, 59)  # 60 in all
    client = client_for(analist)

    eerste = client.get(_url("geschiedenis", voorbeeldbrief)).content.decode()
    tweede = client.get(_url("geschiedenis", voorbeeldbrief) + "?pagina=2").content.decode()

    assert eerste.count('name="tot"') == 50 and tweede.count('name="tot"') == 10
    assert 'id="tot-60" checked' in eerste and 'id="tot-11"' in eerste
    assert 'id="tot-10"' in tweede and 'id="tot-1"' in tweede
    assert "Pagina 1 van 2" in eerste and 'href="?pagina=2"' in eerste
    assert "Pagina 2 van 2" in tweede


# --- the differences ---------------------------------------------------------------------


def test_verschil_tussen_twee_versies_woord_voor_woord(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "5")
    _herschrijf(reactie, redacteur, "<p>Het kabinet neemt dit advies over.</p>")
    _herschrijf(
        reactie, redacteur, "<p>Het kabinet neemt dit advies graag over.</p>", "overgenomen"
    )
    services.voeg_toezegging_toe(reactie, gebruiker=redacteur, tekst="Een plan voor de zomer.")

    response = client_for(redacteur).get(_verschil(conceptbrief, "?van=2&tot=4"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Verschillen tussen versie 2 en versie 4" in html
    # Word level: only the inserted word is marked, with a hidden marker for screen readers.
    assert (
        'Het kabinet neemt dit advies <ins><span class="visueel-verborgen">ingevoegd: </span>'
        'graag<span class="visueel-verborgen"> [einde ingevoegd]</span></ins> over.'
    ) in html
    assert re.search(r"<del><span class=\"visueel-verborgen\">verwijderd: </span>deels", html)
    # A heading per changed item, added items labelled as such.
    assert re.search(r'<h3 [^>]*id="item-reactie-\d+">Reactie op 5 <span', html)
    assert re.search(r"Toezegging bij de reactie op 5 <span[^>]*>.*toegevoegd", html)
    assert "Dit onderdeel bestond in versie 2 nog niet" in html
    assert "Zo leest u de verschillen" in html  # the legend
    assert "2 onderdelen verschillen: 1 gewijzigd, 1 toegevoegd." in html
    assert (
        "39 onderdelen ongewijzigd (de gegevens van de brief zelf, 4 secties, 8 reacties, "
        "7 toezeggingen, 3 voetnoten, 16 aanbevelingen)."
    ) in html
    # Either order: the older version is always the "van" side.
    omgekeerd = client_for(redacteur).get(_verschil(conceptbrief, "?van=4&tot=2"))
    assert "Verschillen tussen versie 2 en versie 4" in omgekeerd.content.decode()


def test_verwijderde_onderdelen_heten_verwijderd(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "5")
    toezegging = services.voeg_toezegging_toe(reactie, gebruiker=redacteur, tekst="Een plan.")
    services.verwijder_toezegging(toezegging, revisie=1, gebruiker=redacteur)

    html = client_for(redacteur).get(_verschil(conceptbrief, "?van=2&tot=3")).content.decode()

    assert re.search(r"Toezegging bij de reactie op 5 <span[^>]*>.*verwijderd", html)
    assert "Dit onderdeel bestaat in versie 3 niet meer" in html
    assert '<del><span class="visueel-verborgen">verwijderd: </span>Een plan.' in html


def test_standaard_de_nieuwste_versie_tegen_de_vorige(conceptbrief, redacteur, client_for):
    _herschrijf(_reactie_op(conceptbrief, "5"), redacteur, "<p>Eerste.</p>")
    _herschrijf(_reactie_op(conceptbrief, "5"), redacteur, "<p>Tweede.</p>")

    html = client_for(redacteur).get(_verschil(conceptbrief)).content.decode()

    assert "Verschillen tussen versie 2 en versie 3" in html
    assert '<del><span class="visueel-verborgen">verwijderd: </span>Eerste.' in html
    assert '<ins><span class="visueel-verborgen">ingevoegd: </span>Tweede.' in html
    # Only "tot" given: that version against the one before it.
    html = client_for(redacteur).get(_verschil(conceptbrief, "?tot=2")).content.decode()
    assert "Verschillen tussen versie 1 en versie 2" in html


def test_een_enkele_versie_heeft_niets_te_vergelijken(voorbeeldbrief, analist, client_for):
    response = client_for(analist).get(_verschil(voorbeeldbrief))
    assert response.status_code == 200
    assert "Deze brief heeft nog maar één versie" in response.content.decode()
    zelf = client_for(analist).get(_verschil(voorbeeldbrief, "?van=1&tot=1"))
    assert zelf.status_code == 200
    assert "Deze brief heeft nog maar één versie" in zelf.content.decode()


def test_vijandige_tekst_wordt_ontsnapt(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "5")
    # As a user would type it: the editor stores it as text, escaped.
    _herschrijf(reactie, redacteur, '<p>Zie &lt;script&gt;alert("x")&lt;/script&gt; hier.</p>')
    # And as raw markup behind the sanitiser's back (an update() skips it).
    sectie = reactie.sectie
    services.bewaar_sectie(
        sectie,
        revisie=sectie.revisie,
        gebruiker=redacteur,
        kop="<img src=x onerror=alert(1)>",
        tekst=sectie.tekst,
    )
    with transaction.atomic():
        Reactie.objects.filter(pk=reactie.pk).update(
            tekst='<p>Goed</p><script>alert("y")</script><img src=x onerror=alert(2)>'
        )
        leg_vast(conceptbrief, gebruiker=redacteur, soort="gewijzigd", omschrijving="<b>rauw</b>")
    client = client_for(redacteur)

    paginas = {
        "geschiedenis": client.get(_url("geschiedenis", conceptbrief)),
        "verschil 1-2": client.get(_verschil(conceptbrief, "?van=1&tot=2")),
        "verschil 1-4": client.get(_verschil(conceptbrief, "?van=1&tot=4")),
        "versie 2": client.get(_url("versie", conceptbrief, 2)),
        "versie 4": client.get(_url("versie", conceptbrief, 4)),
    }

    for naam, response in paginas.items():
        html = response.content.decode()
        assert response.status_code == 200, naam
        assert "<script" not in html.lower(), naam
        assert "<img" not in html.lower(), naam
        assert "<b>rauw" not in html, naam
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        in paginas["verschil 1-2"].content.decode()
    )
    assert "&lt;script&gt;alert(" in paginas["versie 2"].content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in paginas["verschil 1-4"].content.decode()
    assert "&lt;b&gt;rauw&lt;/b&gt;" in paginas["geschiedenis"].content.decode()


def test_onbekende_versies_geven_404(voorbeeldbrief, analist, client_for):
    client = client_for(analist)
    assert client.get(_url("versie", voorbeeldbrief, 99)).status_code == 404
    assert client.get(_verschil(voorbeeldbrief, "?van=1&tot=99")).status_code == 404
    assert client.get(_verschil(voorbeeldbrief, "?van=99&tot=1")).status_code == 404
    assert client.get(_verschil(voorbeeldbrief, "?tot=99")).status_code == 404
    onbekend = voorbeeldbrief.pk + 1000
    for naam, args in [("geschiedenis", []), ("verschil", []), ("versie", [1])]:
        assert client.get(reverse(f"reacties:{naam}", args=[onbekend, *args])).status_code == 404
    # Not a version number at all: the form says so.
    response = client.get(_verschil(voorbeeldbrief, "?van=een&tot=1"))
    assert response.status_code == 400
    assert "geldig versienummer" in response.content.decode()


def test_een_versie_van_een_andere_brief_is_er_niet(voorbeeldbrief, analist, client_for):
    from tests import factories

    elders = factories.maak_briefversie()
    client = client_for(analist)
    assert client.get(_url("versie", voorbeeldbrief, 2)).status_code == 404
    assert client.get(reverse("reacties:versie", args=[elders.brief_id, 1])).status_code == 200


# --- one version, and restoring from it --------------------------------------------------


def test_versiepagina_toont_de_teksten_van_toen(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "3.2")
    oud = reactie.tekst
    _herschrijf(reactie, redacteur, "<p>Herschreven.</p>", "niet_overgenomen")

    html = client_for(redacteur).get(_url("versie", conceptbrief, 1)).content.decode()

    assert "Versie 1 van de brief" in html
    assert oud[3:60] in html and "Herschreven." not in html
    assert "in onderzoek" in html  # the stance it had then
    # Only the response that differs from now can be restored.
    assert html.count(KNOP) == 1
    assert f'name="reactie" value="{reactie.pk}"' in html
    assert 'name="revisie" value="2"' in html
    assert "De reactie heeft nu dezelfde tekst en hetzelfde standpunt" in html


def test_herstel_zet_de_tekst_terug_als_nieuwe_versie(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "3.2")
    origineel = (reactie.tekst, reactie.standpunt)
    _herschrijf(reactie, redacteur, "<p>Herschreven.</p>", "niet_overgenomen")
    client = client_for(redacteur)

    response = client.post(
        _url("versie", conceptbrief, 1), {"reactie": reactie.pk, "revisie": 2}, follow=True
    )

    assert response.redirect_chain == [(_url("geschiedenis", conceptbrief), 302)]
    reactie.refresh_from_db()
    assert (reactie.tekst, reactie.standpunt) == origineel
    laatste = versies(conceptbrief).last()
    assert (laatste.nummer, laatste.soort, laatste.gebruiker) == (3, "hersteld", redacteur)
    assert laatste.omschrijving == "Reactie op 3.2 hersteld uit versie 1"
    html = response.content.decode()
    assert "De reactie op 3.2 is teruggezet naar de tekst en het standpunt uit versie 1" in html
    assert "hersteld uit versie 1" in html
    # The restore is a change like any other: its difference is there to see.
    html = client.get(_verschil(conceptbrief)).content.decode()
    assert "Verschillen tussen versie 2 en versie 3" in html
    assert '<del><span class="visueel-verborgen">verwijderd: </span>Herschreven.' in html
    # Restoring what it already has changes nothing and records nothing.
    response = client.post(
        _url("versie", conceptbrief, 1), {"reactie": reactie.pk, "revisie": 3}, follow=True
    )
    assert "had de tekst uit versie 1 al" in response.content.decode()
    assert versies(conceptbrief).count() == 3


def test_analist_leest_maar_zet_niets_terug(conceptbrief, redacteur, analist, client_for):
    reactie = _reactie_op(conceptbrief, "3.2")
    _herschrijf(reactie, redacteur, "<p>Herschreven.</p>")
    client = client_for(analist)

    html = client.get(_url("versie", conceptbrief, 1)).content.decode()
    response = client.post(_url("versie", conceptbrief, 1), {"reactie": reactie.pk, "revisie": 2})

    assert KNOP not in html
    assert response.status_code == 403
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Herschreven.</p>"
    assert versies(conceptbrief).count() == 2


@pytest.mark.parametrize(
    ("status", "reden"),
    [
        (Briefstatus.VASTGESTELD, "ligt daarmee vast"),
        (Briefstatus.VERZONDEN, "ligt daarmee vast"),
        (Briefstatus.TER_REVIEW, "ligt ter review"),
    ],
)
def test_een_brief_buiten_concept_weigert_herstel(
    status, reden, conceptbrief, redacteur, client_for
):
    reactie = _reactie_op(conceptbrief, "3.2")
    _herschrijf(reactie, redacteur, "<p>Herschreven.</p>")
    zet_status(conceptbrief, status)
    client = client_for(redacteur)

    html = client.get(_url("versie", conceptbrief, 1)).content.decode()
    response = client.post(_url("versie", conceptbrief, 1), {"reactie": reactie.pk, "revisie": 2})

    assert KNOP not in html
    assert "terugzetten kan nu niet" in html and reden in html
    assert response.status_code == 409
    assert reden in response.content.decode()
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Herschreven.</p>"
    assert versies(conceptbrief).count() == 2


def test_conflict_toont_beide_teksten_en_overschrijft_niets(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "3.2")
    _herschrijf(reactie, redacteur, "<p>Eerste herziening.</p>")
    client = client_for(redacteur)
    html = client.get(_url("versie", conceptbrief, 1)).content.decode()
    assert 'name="revisie" value="2"' in html
    # Someone else saves while this page is open.
    _herschrijf(reactie, gebruiker("Redacteur"), "<p>Tweede herziening door een collega.</p>")

    response = client.post(_url("versie", conceptbrief, 1), {"reactie": reactie.pk, "revisie": 2})

    assert response.status_code == 409
    html = response.content.decode()
    blok = html[html.index('id="conflict-kop"') : html.index("</section>")]
    assert "Reactie op 3.2 is niet teruggezet" in blok
    assert "Iemand anders heeft de reactie op 3.2 intussen gewijzigd" in blok
    assert "Tweede herziening door een collega." in blok  # what is stored now
    assert "Ondanks dat er bij de Gezondheidsmonitor" in blok  # what version 1 had
    assert "Tekst uit versie 1" in blok and "Opgeslagen tekst nu (revisie 3)" in blok
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Tweede herziening door een collega.</p>"
    assert versies(conceptbrief).count() == 3
    # Knowingly over the stored text: with the revision now shown, it goes through.
    assert "Toch de tekst uit versie 1 terugzetten" in blok
    response = client.post(_url("versie", conceptbrief, 1), {"reactie": reactie.pk, "revisie": 3})
    assert response.status_code == 302
    assert versies(conceptbrief).last().soort == "hersteld"


def test_herstel_van_wat_er_toen_niet_was_of_half_gevraagd(conceptbrief, redacteur, client_for):
    reactie = _reactie_op(conceptbrief, "3.2")
    nieuw = services.voeg_reactie_toe(
        reactie.sectie,
        aanbevelingen=[reactie.aanbevelingen.get()],
        tekst="<p>Nieuw.</p>",
        gebruiker=redacteur,
    )
    client = client_for(redacteur)

    niet_toen = client.post(_url("versie", conceptbrief, 1), {"reactie": nieuw.pk, "revisie": 1})
    half = client.post(_url("versie", conceptbrief, 1), {"reactie": reactie.pk})
    onbekend = client.post(_url("versie", conceptbrief, 99), {"reactie": reactie.pk, "revisie": 1})

    assert niet_toen.status_code == 404
    assert "kwam in versie 1 van de brief niet voor" in niet_toen.content.decode()
    assert half.status_code == 400
    assert onbekend.status_code == 404
    assert versies(conceptbrief).count() == 2


# --- a fixed number of queries -----------------------------------------------------------


def test_vast_aantal_queries_bij_weinig_en_veel_versies(conceptbrief, redacteur, client_for):
    _herschrijf(_reactie_op(conceptbrief, "5"), redacteur, "<p>Eerste.</p>")
    client = client_for(redacteur)
    urls = {
        "geschiedenis": _url("geschiedenis", conceptbrief),
        "standaardverschil": _verschil(conceptbrief),
        "verschil": _verschil(conceptbrief, "?van=1&tot=2"),
        "versie": _url("versie", conceptbrief, 1),
    }
    client.get(urls["geschiedenis"])  # warm up whatever is cached per process
    weinig = {naam: _aantal_queries(client, url) for naam, url in urls.items()}

    _meer_versies(conceptbrief, 70)  # 72 versions, two pages, every response changed
    urls["verschil"] = _verschil(conceptbrief, "?van=1&tot=72")
    urls["versie"] = _url("versie", conceptbrief, 72)
    veel = {naam: _aantal_queries(client, url) for naam, url in urls.items()}

    assert veel == weinig
    html = client.get(urls["verschil"]).content.decode()
    assert "Sectie ‘Tenslotte (70)’" in html  # many items really differ
