"""The programme pages: every programme with its counts, and one programme's coverage, the
recommendations whose responses link to it, existing policy and new commitments apart."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advies.models import Aanbeveling
from programmas import selectors
from programmas.models import Programma
from reacties.models import Briefstatus, Koppelsoort, Programmakoppeling, Reactie, Standpunt
from tests.factories import (
    maak_aanbeveling,
    maak_advies,
    maak_gebruiker,
    maak_programma,
    maak_programmaonderdeel,
    maak_reactie,
    maak_reactiebrief,
    maak_sectie,
)
from tests.html_controle import toegankelijkheidsfouten

pytestmark = pytest.mark.django_db

BESTAAND, NIEUW = Koppelsoort.BESTAAND, Koppelsoort.NIEUW


@pytest.fixture
def voorbeeld(voorbeeldbrief):
    """The example letter (tests/conftest.py)."""
    return voorbeeldbrief


def koppel(
    aanbevelingen: list[Aanbeveling],
    programma: Programma,
    soort: str,
    onderdeel=None,
    standpunt: str = Standpunt.OVERGENOMEN,
    status: str = Briefstatus.VERZONDEN,
) -> Reactie:
    """A response in a new letter on the recommendations' report, linked to the programme."""
    brief = maak_reactiebrief(aanbevelingen[0].advies)
    brief.status = status
    brief.save()
    reactie = maak_reactie(maak_sectie(brief), aanbevelingen)
    reactie.standpunt = standpunt
    reactie.save()
    Programmakoppeling.objects.create(
        reactie=reactie, programma=programma, onderdeel=onderdeel, soort=soort
    )
    return reactie


def _url(programma: Programma) -> str:
    return reverse("programmas:programma", args=[programma.slug])


def _sectie(html: str, anker: str) -> str:
    begin = html.index(f'id="{anker}"')
    einde = html.find("</section>", begin)
    return html[begin:einde]


def _aanbevelingslinks(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/aanbevelingen/(\d+)/"', html)]


# --- the overview --------------------------------------------------------------------------


def test_de_lijst_toont_elk_programma_met_zijn_aantallen(voorbeeld, analist, client_for):
    response = client_for(analist).get(reverse("programmas:lijst"))
    assert response.status_code == 200
    regels = {r.programma.slug: r for r in response.context["regels"]}
    assert set(regels) == set(Programma.objects.values_list("slug", flat=True))
    assert len(regels) == 14
    # Counted independently: distinct recommendations per programme and kind of link.
    for slug, regel in regels.items():
        for soort, aantal in ((BESTAAND, regel.bestaand), (NIEUW, regel.nieuw)):
            verwacht = (
                Aanbeveling.objects.filter(
                    reacties__koppelingen__programma__slug=slug,
                    reacties__koppelingen__soort=soort,
                    reacties__sectie__brief__status=Briefstatus.VERZONDEN,
                )
                .distinct()
                .count()
            )
            assert aantal == verwacht, (slug, soort)
    mooi = regels["mooi-nederland"]
    assert mooi.onderdelen == 4 and mooi.bestaand > 0
    html = response.content.decode()
    assert reverse("programmas:programma", args=["mooi-nederland"]) in html
    assert not toegankelijkheidsfouten(html)


def test_de_lijst_telt_alleen_verzonden_brieven(analist, client_for):
    programma = maak_programma()
    advies = maak_advies()
    koppel([maak_aanbeveling(advies)], programma, BESTAAND)
    koppel([maak_aanbeveling(advies)], programma, BESTAAND, status=Briefstatus.CONCEPT)
    koppel([maak_aanbeveling(advies), maak_aanbeveling(advies)], programma, NIEUW)
    response = client_for(analist).get(reverse("programmas:lijst"))
    regel = next(r for r in response.context["regels"] if r.programma == programma)
    assert (regel.bestaand, regel.nieuw) == (1, 2)


def test_de_lijst_kost_een_vast_aantal_queries(analist, client_for):
    def meet() -> int:
        client = client_for(analist)
        client.get(reverse("programmas:lijst"))  # session and permissions warmed up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("programmas:lijst")).status_code == 200
        return len(queries)

    programma = maak_programma()
    koppel([maak_aanbeveling()], programma, BESTAAND)
    weinig = meet()
    for _ in range(10):
        p = maak_programma()
        maak_programmaonderdeel(p)
        koppel([maak_aanbeveling(), maak_aanbeveling()], p, NIEUW)
    assert meet() == weinig


# --- one programme -------------------------------------------------------------------------


def test_het_programma_met_onderdelen_en_beide_secties(voorbeeld, analist, client_for):
    programma = Programma.objects.get(slug="mooi-nederland")
    response = client_for(analist).get(_url(programma))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Mooi Nederland" in html
    assert "programma" in html and "H.M. de Jonge" in html  # kind and owner
    assert "gebruikswaarde én de toekomstwaarde" in html  # description
    # The parts as a tree: the three sub-parts sit inside the list item of their parent.
    boom = _sectie(html, "onderdelen")
    ouder = boom.index("Leefbare Steden en regio’s")
    for kind in ["Groen en gezond leven in de stad", "Woonwijken van de toekomst"]:
        assert boom.index(kind) > ouder
    assert boom.count("utrecht-unordered-list--nested") == 1
    # Both sections, each with its own heading and table.
    bestaand = _sectie(html, "bestaand-beleid")
    nieuw = _sectie(html, "nieuwe-toezegging")
    verwacht_bestaand = set(
        Aanbeveling.objects.filter(
            reacties__koppelingen__programma=programma, reacties__koppelingen__soort=BESTAAND
        ).values_list("pk", flat=True)
    )
    verwacht_nieuw = set(
        Aanbeveling.objects.filter(
            reacties__koppelingen__programma=programma, reacties__koppelingen__soort=NIEUW
        ).values_list("pk", flat=True)
    )
    assert verwacht_bestaand and set(_aanbevelingslinks(bestaand)) == verwacht_bestaand
    assert set(_aanbevelingslinks(nieuw)) == verwacht_nieuw
    assert "Leefbare Steden en regio’s" in bestaand  # the part linked
    assert reverse("advies:advies", args=["ruimte-maken-voor-ontmoeting"]) in bestaand
    assert "standpunt--" in bestaand
    assert not toegankelijkheidsfouten(html)


def test_koppeling_aan_een_onderdeel_en_aan_het_geheel(analist, client_for):
    programma = maak_programma()
    onderdeel = maak_programmaonderdeel(programma)
    advies = maak_advies()
    via_onderdeel = maak_aanbeveling(advies)
    geheel = maak_aanbeveling(advies)
    koppel([via_onderdeel], programma, NIEUW, onderdeel=onderdeel, standpunt=Standpunt.DEELS)
    koppel([geheel], programma, NIEUW, standpunt="")
    html = client_for(analist).get(_url(programma)).content.decode()
    nieuw = _sectie(html, "nieuwe-toezegging")
    assert _aanbevelingslinks(nieuw) == [via_onderdeel.pk, geheel.pk]  # report order
    rij_onderdeel, rij_geheel = nieuw.split("<tr class=")[2:4]
    assert onderdeel.naam in rij_onderdeel and "deels overgenomen" in rij_onderdeel
    assert "het programma als geheel" in rij_geheel and "geen standpunt" in rij_geheel
    assert "Geen aanbevelingen" in _sectie(html, "bestaand-beleid")


def test_een_aanbeveling_staat_eenmaal_per_sectie(analist, client_for):
    # Two responses (two letter versions) and two parts: still one row, with both parts.
    programma = maak_programma()
    a, b = maak_programmaonderdeel(programma), maak_programmaonderdeel(programma)
    aanbeveling = maak_aanbeveling()
    koppel([aanbeveling], programma, BESTAAND, onderdeel=a)
    koppel([aanbeveling], programma, BESTAAND, onderdeel=b, standpunt=Standpunt.NIET)
    response = client_for(analist).get(_url(programma))
    dekking = response.context["secties"][0][0]
    assert dekking.aantal == 1
    (regel,) = dekking.regels
    assert regel.onderdelen == [a, b]
    assert regel.standpunten == [Standpunt.OVERGENOMEN, Standpunt.NIET]


def test_concepten_tellen_niet_mee(analist, client_for):
    programma = maak_programma()
    koppel([maak_aanbeveling()], programma, BESTAAND, status=Briefstatus.CONCEPT)
    koppel([maak_aanbeveling()], programma, BESTAAND, status=Briefstatus.TER_REVIEW)
    response = client_for(analist).get(_url(programma))
    assert [d.aantal for d, _ in response.context["secties"]] == [0, 0]


def test_een_grote_sectie_wordt_gepagineerd(analist, client_for, monkeypatch):
    monkeypatch.setattr(selectors, "PAGINAGROOTTE", 5)
    programma = maak_programma()
    advies = maak_advies()
    aanbevelingen = [maak_aanbeveling(advies) for _ in range(12)]
    koppel(aanbevelingen, programma, BESTAAND)
    koppel(aanbevelingen[:3], programma, NIEUW)
    client = client_for(analist)

    def pagina(query: str) -> tuple[list[int], str]:
        html = client.get(_url(programma) + query).content.decode()
        return _aanbevelingslinks(_sectie(html, "bestaand-beleid")), html

    eerste, html = pagina("")
    assert eerste == [a.pk for a in aanbevelingen[:5]]
    assert "Pagina 1 van 3" in html
    assert 'href="?pagina_bestaand=2#bestaand-beleid"' in html
    tweede, html = pagina("?pagina_bestaand=2&pagina_nieuw=1")
    assert tweede == [a.pk for a in aanbevelingen[5:10]]
    # The other section keeps its page in the links of this one.
    assert 'href="?pagina_bestaand=3&amp;pagina_nieuw=1#bestaand-beleid"' in html
    assert pagina("?pagina_bestaand=3")[0] == [a.pk for a in aanbevelingen[10:]]
    # Out of range or not a number: the last or the first page, never an error.
    assert pagina("?pagina_bestaand=99")[0] == [a.pk for a in aanbevelingen[10:]]
    assert pagina("?pagina_bestaand=x")[0] == eerste
    # The small section is not paginated.
    html = client.get(_url(programma)).content.decode()
    assert "Pagina's nieuwe toezegging" not in html
    assert not toegankelijkheidsfouten(html)


def test_de_programmapagina_kost_een_vast_aantal_queries(analist, client_for):
    def meet(n: int) -> int:
        programma = maak_programma()
        maak_programmaonderdeel(programma, bovenliggend=maak_programmaonderdeel(programma))
        advies = maak_advies()
        aanbevelingen = [maak_aanbeveling(advies) for _ in range(n)]
        for aanbeveling in aanbevelingen:
            onderdeel = maak_programmaonderdeel(programma)
            koppel([aanbeveling], programma, BESTAAND, onderdeel=onderdeel)
            koppel([aanbeveling], programma, NIEUW)
        client = client_for(analist)
        client.get(_url(programma))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url(programma))
        assert response.status_code == 200
        assert [d.aantal for d, _ in response.context["secties"]] == [n, n]
        return len(queries)

    assert meet(2) == meet(20)


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_elke_rol_mag_de_programmas_lezen(rol, request, client_for):
    programma = maak_programma()
    client = client_for(request.getfixturevalue(rol))
    assert client.get(reverse("programmas:lijst")).status_code == 200
    assert client.get(_url(programma)).status_code == 200


def test_anoniem_gaat_naar_het_inloggen(client_for):
    programma = maak_programma()
    for url in [reverse("programmas:lijst"), _url(programma)]:
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("inloggen"))


def test_zonder_leesrecht_403_ook_voor_wat_niet_bestaat(client_for):
    programma = maak_programma()
    client = client_for(maak_gebruiker())  # logged in, in no group
    assert client.get(reverse("programmas:lijst")).status_code == 403
    assert client.get(_url(programma)).status_code == 403
    assert client.get("/programmas/bestaat-niet/").status_code == 403


def test_onbekend_programma_geeft_404(analist, client_for):
    assert client_for(analist).get("/programmas/bestaat-niet/").status_code == 404


def test_alleen_get(analist, client_for):
    programma = maak_programma()
    assert client_for(analist).post(_url(programma)).status_code == 405
