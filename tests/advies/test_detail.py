"""The detail pages of a recommendation and of a report: what they show, in what order, to
whom, and at what cost in queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advies.models import Aanbeveling, Advies
from reacties.models import (
    Briefstatus,
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Standpunt,
    Toezegging,
    Toezeggingstatus,
)
from tests.factories import (
    maak_aanbeveling,
    maak_advies,
    maak_gebruiker,
    maak_programmaonderdeel,
    maak_reactie,
    maak_reactiebrief,
    maak_sectie,
    maak_toezegging,
)
from tests.html_controle import koppen, toegankelijkheidsfouten

pytestmark = pytest.mark.django_db

SLUG = "ruimte-maken-voor-ontmoeting"


def _aanbeveling(nummer: str) -> Aanbeveling:
    return Aanbeveling.objects.get(advies__slug=SLUG, nummer=nummer)


def _url(aanbeveling: Aanbeveling) -> str:
    return reverse("advies:aanbeveling", args=[aanbeveling.pk])


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _in_volgorde(html: str, stukken: list[str]) -> bool:
    posities = [html.index(stuk) for stuk in stukken]
    return posities == sorted(posities)


# --- the recommendation ----------------------------------------------------------------------


def test_de_aanbeveling_met_advies_raden_lagen_en_hoofdadvies(voorbeeldbrief, analist, client_for):
    aanbeveling = _aanbeveling("1.1")
    html = _html(client_for(analist), _url(aanbeveling))
    assert "Aanbeveling 1.1" in html
    assert "Stel naar het voorbeeld van de Klimaatwet heldere lange-termijndoelen" in html
    assert reverse("advies:advies", args=[SLUG]) in html  # the report
    assert "College van Rijksadviseurs (CRa)" in html and "(RVS)" in html  # councils
    assert "Rijk" in html  # level
    hoofdadvies = _aanbeveling("1")
    assert f'href="{_url(hoofdadvies)}"' in html  # link up to the main advice
    assert not toegankelijkheidsfouten(html)


def test_een_hoofdadvies_linkt_naar_zijn_deelaanbevelingen(voorbeeldbrief, analist, client_for):
    html = _html(client_for(analist), _url(_aanbeveling("1")))
    assert "Deelaanbevelingen" in html
    assert f'href="{_url(_aanbeveling("1.1"))}"' in html


def test_de_reactie_met_standpunt_programmas_en_brief(voorbeeldbrief, analist, client_for):
    html = _html(client_for(analist), _url(_aanbeveling("1.1")))
    reacties = html[html.index('id="reacties"') :]
    # The stance in words inside a badge with a sign: not by colour alone.
    assert re.search(
        r'class="utrecht-status-badge[^"]*standpunt--deels"><span class="visueel-verborgen">'
        r'Standpunt: </span><span class="standpunt__teken" aria-hidden="true">◐</span>'
        r"deels overgenomen</span>",
        reacties,
    )
    assert "In het programma “Mooi Nederland” van de minister" in reacties  # the text
    # Programmes linked, existing policy, with a link to the programme page and the part.
    assert "Bestaand beleid" in reacties
    assert reverse("programmas:programma", args=["mooi-nederland"]) in reacties
    assert "onderdeel Leefbare Steden en regio’s" in reacties
    assert reverse("reacties:brief", args=[voorbeeldbrief.pk]) in reacties  # the letter
    assert "Nog niet verzonden" not in reacties


def test_samen_beantwoorde_aanbevelingen_en_toezeggingen(voorbeeldbrief, analist, client_for):
    # G1, G2 and G3 share one response with two commitments (a year; none).
    html = _html(client_for(analist), _url(_aanbeveling("G2")))
    assert "Samen beantwoord met" in html
    for andere in ["G1", "G3"]:
        assert f'href="{_url(_aanbeveling(andere))}"' in html
    assert "kennisgenomen" in html
    tabel = html[html.index("<caption", html.index("Toezeggingen")) :]
    assert "De VNG is gevraagd de adviezen onder de aandacht" in tabel
    assert "staatssecretaris van Volksgezondheid, Welzijn en Sport" in tabel
    assert "2024" in tabel and "in uitvoering" in tabel and "voldaan" in tabel


def test_de_reactietekst_wordt_gesaneerd(voorbeeldbrief, analist, client_for):
    aanbeveling = _aanbeveling("2")
    reactie = aanbeveling.reacties.get()
    # Around the field's pre_save (a raw update), as an old or imported row might be.
    Reactie.objects.filter(pk=reactie.pk).update(
        tekst='<p onclick="x()">Veilig<sup data-voetnoot="1">1</sup></p><script>alert(1)</script>'
        '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a>'
    )
    html = _html(client_for(analist), _url(aanbeveling))
    assert "<script>alert" not in html and "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert '<p>Veilig<sup data-voetnoot="1">1</sup></p>' in html  # a plain superscript


def test_toezeggingen_met_deadline_en_achterstandsmarkering(analist, client_for):
    aanbeveling = maak_aanbeveling()
    reactie = maak_reactie(maak_sectie(maak_reactiebrief(aanbeveling.advies)), [aanbeveling])
    vorig_jaar = dt.date.today().year - 1

    def toezegging(tekst: str, status: str, **deadline) -> Toezegging:
        t = maak_toezegging(reactie)
        velden = {"deadline_jaar": None, "deadline_datum": None, **deadline}
        Toezegging.objects.filter(pk=t.pk).update(tekst=tekst, status=status, **velden)
        return t

    toezegging("Te laat, jaar", Toezeggingstatus.OPEN, deadline_jaar=vorig_jaar)
    toezegging("Te laat, datum", Toezeggingstatus.IN_UITVOERING, deadline_datum=dt.date(2020, 3, 1))
    toezegging("Voldaan, oud", Toezeggingstatus.VOLDAAN, deadline_datum=dt.date(2020, 3, 1))
    toezegging("Op tijd", Toezeggingstatus.OPEN, deadline_jaar=vorig_jaar + 5)
    toezegging("Zonder deadline", Toezeggingstatus.OPEN)
    html = _html(client_for(analist), _url(aanbeveling))
    rijen = {
        tekst: rij
        for rij in html.split('<tr class="utrecht-table__row">')[2:]
        if (tekst := re.search(r">([^<]+)(<br>|</td>)", rij).group(1))
    }
    te_laat_jaar, te_laat_datum = rijen["Te laat, jaar"], rijen["Te laat, datum"]
    assert "Deadline verstreken" in te_laat_jaar and str(vorig_jaar) in te_laat_jaar
    assert "Deadline verstreken" in te_laat_datum and "1 maart 2020" in te_laat_datum
    assert "in uitvoering" in rijen["Te laat, datum"]
    for tekst in ["Voldaan, oud", "Op tijd", "Zonder deadline"]:
        assert "Deadline verstreken" not in rijen[tekst], tekst
    assert "geen" in rijen["Zonder deadline"]
    assert not toegankelijkheidsfouten(html)


def test_een_concept_is_gemarkeerd(analist, client_for):
    aanbeveling = maak_aanbeveling()
    brief = maak_reactiebrief(aanbeveling.advies)  # a new letter is a draft
    maak_reactie(maak_sectie(brief), [aanbeveling])
    html = _html(client_for(analist), _url(aanbeveling))
    assert "Nog niet verzonden." in html and "concept" in html


def test_zonder_reactie(analist, client_for):
    html = _html(client_for(analist), _url(maak_aanbeveling()))
    assert "Er is nog geen reactie op deze aanbeveling." in html


def test_nieuwste_brief_eerst_en_koppelingen_gesplitst(analist, client_for):
    aanbeveling = maak_aanbeveling()
    oud = maak_reactiebrief(aanbeveling.advies)
    nieuw = maak_reactiebrief(aanbeveling.advies)
    maak_reactie(maak_sectie(oud), [aanbeveling])
    reactie = maak_reactie(maak_sectie(nieuw), [aanbeveling])
    onderdeel = maak_programmaonderdeel()
    Programmakoppeling.objects.create(
        reactie=reactie,
        programma=onderdeel.programma,
        onderdeel=onderdeel,
        soort=Koppelsoort.NIEUW,
    )
    html = _html(client_for(analist), _url(aanbeveling))
    assert _in_volgorde(html, ["(versie 2)", reverse("reacties:brief", args=[oud.pk])])
    blok = html[html.index("Nieuwe toezegging") :]
    assert onderdeel.programma.naam in blok and onderdeel.naam in blok


def test_de_aanbevelingspagina_kost_een_vast_aantal_queries(analist, client_for):
    def meet(n: int) -> int:
        advies = maak_advies()
        aanbeveling = maak_aanbeveling(advies)
        for _ in range(n):
            reactie = maak_reactie(
                maak_sectie(maak_reactiebrief(advies)), [aanbeveling, maak_aanbeveling(advies)]
            )
            onderdeel = maak_programmaonderdeel()
            Programmakoppeling.objects.create(
                reactie=reactie,
                programma=onderdeel.programma,
                onderdeel=onderdeel,
                soort=Koppelsoort.BESTAAND,
            )
            maak_toezegging(reactie)
            maak_aanbeveling(advies, bovenliggend=aanbeveling)
        client = client_for(analist)
        client.get(_url(aanbeveling))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(aanbeveling)).status_code == 200
        return len(queries)

    assert meet(2) == meet(20)


# --- the report -------------------------------------------------------------------------------


def test_het_advies_met_alle_aanbevelingen_in_volgorde(voorbeeldbrief, analist, client_for):
    advies = Advies.objects.get(slug=SLUG)
    advies.publicatiedatum = dt.date(2023, 2, 14)
    advies.ontvangstdatum = dt.date(2023, 2, 16)
    advies.url = "https://www.raadrvs.nl/documenten/publicaties/2023/02/14/ruimte-maken"
    advies.save()
    html = _html(client_for(analist), reverse("advies:advies", args=[SLUG]))
    assert "<h1" in html and "Ruimte maken voor Ontmoeting" in html
    assert "De buurt als sociale leefomgeving" in html  # subtitle
    assert "College van Rijksadviseurs (CRa)" in html
    assert "14 februari 2023" in html and "16 februari 2023" in html
    assert advies.url in html
    # Every recommendation, in the order of the report.
    links = [int(pk) for pk in re.findall(r'href="/aanbevelingen/(\d+)/"', html)]
    assert links == list(advies.aanbevelingen.order_by("volgorde").values_list("pk", flat=True))
    assert len(links) == 16
    assert (2, "Reactiebrief") in koppen(html)
    assert "deels overgenomen" in html and "kennisgenomen" in html
    assert not toegankelijkheidsfouten(html)


def test_het_advies_als_boom_van_hoofdadvies_en_deelaanbevelingen(
    voorbeeldbrief, analist, client_for
):
    response = client_for(analist).get(reverse("advies:advies", args=[SLUG]))
    boom = response.context["detail"].boom
    hoofd = [k.item.nummer for k in boom]
    assert hoofd[:3] == ["1", "2", "3"]
    een = next(k for k in boom if k.item.nummer == "1")
    assert [k.item.nummer for k in een.kinderen] == ["1.1"]
    alle = []

    def loop(knopen):
        for k in knopen:
            alle.append(k.item.nummer)
            loop(k.kinderen)

    loop(boom)
    assert sorted(alle) == sorted(Aanbeveling.objects.values_list("nummer", flat=True))
    # In the HTML the sub-recommendation's list sits inside its main advice's list item.
    html = response.content.decode()
    tussen = html[
        html.index(f'href="{_url(_aanbeveling("1"))}"') : html.index(
            f'href="{_url(_aanbeveling("2"))}"'
        )
    ]
    assert _in_volgorde(
        tussen, ['<ul class="aanbevelingenboom">', f'href="{_url(_aanbeveling("1.1"))}"', "</ul>"]
    )


def test_het_advies_met_zijn_brieven_status_en_pdf(voorbeeldbrief, analist, client_for):
    concept = maak_reactiebrief(voorbeeldbrief.advies)
    html = _html(client_for(analist), reverse("advies:advies", args=[SLUG]))
    brieven = html[html.index('id="brieven"') : html.index('id="aanbevelingen"')]
    for brief in [voorbeeldbrief, concept]:
        assert reverse("reacties:brief", args=[brief.pk]) in brieven
        assert reverse("reacties:pdf", args=[brief.pk]) in brieven
    assert "verzonden" in brieven and "concept" in brieven and "(versie 2)" in brieven
    assert (2, "Reactiebrieven") in koppen(html)


def test_een_advies_zonder_brief_of_aanbevelingen(analist, client_for):
    advies = maak_advies()
    html = _html(client_for(analist), reverse("advies:advies", args=[advies.slug]))
    assert "Er is nog geen reactiebrief op dit advies." in html
    assert "Dit advies heeft nog geen aanbevelingen." in html
    assert [niveau for niveau, _ in koppen(html)] == [1, 2, 2]
    assert (2, "Reactiebrieven") in koppen(html)


def test_een_kring_van_hoofdadviezen_verdwijnt_niet(analist, client_for):
    advies = maak_advies()
    a = maak_aanbeveling(advies)
    b = maak_aanbeveling(advies, bovenliggend=a)
    Aanbeveling.objects.filter(pk=a.pk).update(bovenliggend=b)  # a cycle the DB allows
    html = _html(client_for(analist), reverse("advies:advies", args=[advies.slug]))
    assert _url(a) in html and _url(b) in html


def test_de_adviespagina_kost_een_vast_aantal_queries(analist, client_for):
    def meet(n: int) -> int:
        advies = maak_advies()
        brief = maak_reactiebrief(advies)
        brief.status = Briefstatus.VERZONDEN
        brief.save()
        sectie = maak_sectie(brief)
        vorige = None
        for i in range(n):
            aanbeveling = maak_aanbeveling(advies, bovenliggend=vorige if i % 2 else None)
            vorige = aanbeveling
            reactie = maak_reactie(sectie, [aanbeveling])
            reactie.standpunt = Standpunt.NIET
            reactie.save()
        maak_reactiebrief(advies)
        client = client_for(analist)
        url = reverse("advies:advies", args=[advies.slug])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("niet overgenomen") == n
        return len(queries)

    assert meet(2) == meet(20)


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_elke_rol_mag_lezen(rol, request, client_for):
    aanbeveling = maak_aanbeveling()
    client = client_for(request.getfixturevalue(rol))
    assert client.get(_url(aanbeveling)).status_code == 200
    assert client.get(reverse("advies:advies", args=[aanbeveling.advies.slug])).status_code == 200


def test_anoniem_gaat_naar_het_inloggen(client_for):
    aanbeveling = maak_aanbeveling()
    for url in [_url(aanbeveling), reverse("advies:advies", args=[aanbeveling.advies.slug])]:
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("inloggen"))


def test_zonder_leesrecht_403_ook_voor_wat_niet_bestaat(client_for):
    aanbeveling = maak_aanbeveling()
    client = client_for(maak_gebruiker())  # logged in, in no group
    assert client.get(_url(aanbeveling)).status_code == 403
    assert client.get(reverse("advies:advies", args=[aanbeveling.advies.slug])).status_code == 403
    assert client.get("/aanbevelingen/999999/").status_code == 403
    assert client.get("/adviezen/bestaat-niet/").status_code == 403


def test_onbekend_geeft_404(analist, client_for):
    client = client_for(analist)
    assert client.get("/aanbevelingen/999999/").status_code == 404
    assert client.get("/adviezen/bestaat-niet/").status_code == 404


def test_alleen_get(analist, client_for):
    aanbeveling = maak_aanbeveling()
    assert client_for(analist).post(_url(aanbeveling)).status_code == 405
