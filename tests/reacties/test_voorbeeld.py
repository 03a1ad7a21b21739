"""The example letter ‘Ruimte maken voor Ontmoeting’: transcription, loading and round trip.

``data/voorbeeldbrief.txt`` is the letter's text as extracted from the PDF (byte-identical to
the product's reference extract). The shipped exchange file must hold all of it, in order.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from programmas.models import Ambtsdrager, Ministerie, Organisatie, Programma, Programmaonderdeel
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import (
    Briefprogramma,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from reacties.uitwisseling.importeren import controleer_document, lees_bestand

SLUG = "ruimte-maken-voor-ontmoeting"
BRIEFTEKST = Path(__file__).with_name("data") / "voorbeeldbrief.txt"

# What the letter holds, as transcribed. Bestuurslagen: the four levels the file uses; the
# database holds the eight seeded by advies/migrations/0002_bestuurslagen.py either way.
BESTUURSLAGEN_IN_BESTAND = 4
BESTUURSLAGEN_GESEED = 8
RADEN = 2
MINISTERIES = 2
AMBTSDRAGERS = 3
ORGANISATIES = 14
PROGRAMMAS = 14
PROGRAMMAONDERDELEN = 5
ADVIEZEN = 1
AANBEVELINGEN = 16
BRIEVEN = 1
ONDERTEKENAARS = 2
BRIEFPROGRAMMAS = 3  # the programmes the opening names as ones the advice fits
VOETNOTEN = 3
SECTIES = 4
REACTIES = 9
PROGRAMMAKOPPELINGEN = 19
TOEZEGGINGEN = 7

PER_BESTUURSLAAG = {"rijk": 10, "gemeente": 4, "woningcorporatie": 2, "zorgorganisatie": 1}

# The recommendations in the letter's order.
NUMMERS = [
    "1", "1.1", "2", "2.1", "2.2", "3", "3.1", "3.2", "4", "5",
    "G1", "G2", "G3", "Z1", "W1", "W2",
]  # fmt: skip

VERWACHTE_AANTALLEN = {
    Bestuurslaag: BESTUURSLAGEN_GESEED,
    Raad: RADEN,
    Ministerie: MINISTERIES,
    Ambtsdrager: AMBTSDRAGERS,
    Organisatie: ORGANISATIES,
    Programma: PROGRAMMAS,
    Programmaonderdeel: PROGRAMMAONDERDELEN,
    Advies: ADVIEZEN,
    Aanbeveling: AANBEVELINGEN,
    Reactiebrief: BRIEVEN,
    Ondertekenaar: ONDERTEKENAARS,
    Briefprogramma: BRIEFPROGRAMMAS,
    Voetnoot: VOETNOTEN,
    Sectie: SECTIES,
    Reactie: REACTIES,
    Programmakoppeling: PROGRAMMAKOPPELINGEN,
    Toezegging: TOEZEGGINGEN,
}

# Defects of the PDF extract (see the seed's README) and how the letter reads.
EXTRACTIEFOUTEN = [
    ("codrdinerende", "coördinerende"),
    ("recreéren", "recreëren"),
    ("justitiéle", "justitiële"),
    ("Oekraine", "Oekraïne"),
    ("ruimetn", "ruimten"),
    ("™", ""),
    ("aangepast.!", "aangepast."),  # call of footnote 1 (README: `leefomgeving.!`)
    ("centraal.?", "centraal."),  # call of footnote 2
    ("gemeenten.3", "gemeenten."),  # call of footnote 3
]
VOETNOOT_3 = re.compile(r"^3 (Ontwerpend onderzoek is .*?)\n\n", re.MULTILINE | re.DOTALL)
LIJSTNUMMER = re.compile(r"^\s*\d\. ", re.MULTILINE)  # rendered by <ol>, not text
VOETNOOTAANROEP = re.compile(r'<sup data-voetnoot="\d+">[^<]*</sup>')


def _aantallen() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in VERWACHTE_AANTALLEN}


def _document() -> dict:
    return lees_bestand(VOORBEELD)


@pytest.fixture
def geladen(db):
    call_command("laad_voorbeeld", stdout=io.StringIO())
    return Advies.objects.get(slug=SLUG)


# --- the letter's words, in order ------------------------------------------------------------


def _genormaliseerde_brief() -> str:
    """The extract with its known defects fixed; footnote 3's text moved to the end."""
    tekst = BRIEFTEKST.read_text(encoding="utf-8")
    voetnoot = VOETNOOT_3.search(tekst)
    assert voetnoot, "de tekst van voetnoot 3 staat niet in het extract"
    tekst = tekst[: voetnoot.start()] + tekst[voetnoot.end() :]
    for fout, bedoeld in EXTRACTIEFOUTEN:
        assert fout in tekst, fout
        tekst = tekst.replace(fout, bedoeld)
    return LIJSTNUMMER.sub("", tekst) + "\n" + voetnoot.group(1)


def _platte_tekst(rijk: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", VOETNOOTAANROEP.sub("", rijk)))


def _teksten_van_bestand(document: dict) -> str:
    """The letter as the file holds it: title, opening, sections (quoted recommendations
    before their response), then the footnotes."""
    advies = document["adviezen"][0]
    aanbevelingen = {a["nummer"]: a["tekst"] for a in advies["aanbevelingen"]}
    brief = advies["brieven"][0]
    delen = [brief["titel"], _platte_tekst(brief["opening"])]
    for sectie in brief["secties"]:
        delen += [sectie["kop"], _platte_tekst(sectie["tekst"])]
        for reactie in sectie["reacties"]:
            if reactie["citeer_aanbevelingen"]:
                delen += [aanbevelingen[n] for n in reactie["aanbevelingen"]]
            delen.append(_platte_tekst(reactie["tekst"]))
    delen += [_platte_tekst(v["tekst"]) for v in brief["voetnoten"]]
    return "\n".join(delen)


def _woorden(tekst: str) -> list[str]:
    return re.findall(r"\w+", tekst.lower())


def _lcs_lengte(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (bit-parallel, Allison–Dix)."""
    overeenkomsten: dict[str, int] = {}
    for i, woord in enumerate(b):
        overeenkomsten[woord] = overeenkomsten.get(woord, 0) | (1 << i)
    masker = (1 << len(b)) - 1
    v = masker
    for woord in a:
        u = v & overeenkomsten.get(woord, 0)
        v = ((v + u) | (v - u)) & masker
    return len(b) - v.bit_count()


def woordvolgorde() -> float:
    """The fraction of the letter's words that the file holds, in the letter's order."""
    brief = _woorden(_genormaliseerde_brief())
    bestand = _woorden(_teksten_van_bestand(_document()))
    return _lcs_lengte(brief, bestand) / len(brief)


def test_lcs_lengte():
    assert _lcs_lengte([], ["a"]) == 0
    assert _lcs_lengte(list("abcbdab"), list("bdcaba")) == 4
    assert _lcs_lengte(list("abc"), list("abc")) == 3


def test_brieftekst_is_het_extract():
    tekst = BRIEFTEKST.read_text(encoding="utf-8")
    assert tekst.startswith("Reactie van de minister voor Volkshuisvesting")
    assert "codrdinerende" in tekst  # the extract itself, not a corrected copy


def test_alle_woorden_van_de_brief_in_volgorde():
    assert woordvolgorde() >= 0.99


# --- the file ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bestand_is_geldig():
    assert controleer_document(_document()) == []


def test_aanbevelingen_in_de_volgorde_van_de_brief():
    advies = _document()["adviezen"][0]
    assert [a["nummer"] for a in advies["aanbevelingen"]] == NUMMERS
    # The recommendations to the Rijk are quoted from the letter: same order there.
    brief = " ".join(_woorden(_genormaliseerde_brief()))
    posities = [
        brief.index(" ".join(_woorden(a["tekst"])))
        for a in advies["aanbevelingen"]
        if a["bestuurslagen"] == ["rijk"]
    ]
    assert len(posities) == PER_BESTUURSLAAG["rijk"]
    assert posities == sorted(posities)


# --- loading -------------------------------------------------------------------------------------


def test_aantallen_na_laden(geladen):
    assert _aantallen() == {m.__name__: n for m, n in VERWACHTE_AANTALLEN.items()}
    assert len(_document()["bestuurslagen"]) == BESTUURSLAGEN_IN_BESTAND


def test_aanbevelingen_per_bestuurslaag(geladen):
    per_laag = {
        slug: Aanbeveling.objects.filter(advies=geladen).voor_laag(slug).count()
        for slug in PER_BESTUURSLAAG
    }
    assert per_laag == PER_BESTUURSLAAG


def test_volgorde_in_database(geladen):
    assert list(geladen.aanbevelingen.order_by("volgorde").values_list("nummer", flat=True)) == (
        NUMMERS
    )


def test_tweemaal_laden_verandert_niets(geladen, tmp_path):
    voor = _aantallen()
    eerste = tmp_path / "eerste.json"
    call_command("exporteer", SLUG, output=str(eerste), stderr=io.StringIO())
    uitvoer = io.StringIO()
    call_command("laad_voorbeeld", stdout=uitvoer)
    assert _aantallen() == voor
    tweede = tmp_path / "tweede.json"
    call_command("exporteer", SLUG, output=str(tweede), stderr=io.StringIO())
    assert tweede.read_bytes() == eerste.read_bytes()
    regels = uitvoer.getvalue().strip().splitlines()
    assert len(regels) == 1
    assert f"{AANBEVELINGEN} aanbevelingen" in regels[0]


def test_elke_aanbeveling_precies_een_reactie(geladen):
    for aanbeveling in geladen.aanbevelingen.all():
        assert aanbeveling.reacties.count() == 1, aanbeveling.nummer


def test_standpunten(geladen):
    """Every response has a stance, except one that only quotes main advices (headings)."""
    for reactie in Reactie.objects.prefetch_related("aanbevelingen__onderdelen"):
        alleen_koppen = all(a.onderdelen.exists() for a in reactie.aanbevelingen.all())
        if not alleen_koppen:
            assert reactie.standpunt, reactie


def test_voetnoten(geladen):
    brief = geladen.brieven.get()
    voetnoten = {v.nummer: v.tekst for v in brief.voetnoten.all()}
    assert voetnoten[1] == ""
    assert voetnoten[2] == ""
    assert voetnoten[3].startswith("Ontwerpend onderzoek is een innovatieve onderzoeksaanpak")
    assert '<sup data-voetnoot="1">1</sup>' in brief.opening


def test_programmas_waarbij_het_advies_aansluit(geladen):
    """The opening names the programmes the advice fits; the letter holds them, in order."""
    brief = geladen.brieven.get()
    verwijzingen = brief.programmaverwijzingen.select_related("programma", "onderdeel")
    assert [
        (v.programma.slug, v.onderdeel.sleutel if v.onderdeel else None)
        for v in verwijzingen.order_by("volgorde")
    ] == [
        ("wonen-en-zorg-voor-ouderen", "actielijn-3"),
        ("een-tegen-eenzaamheid", None),
        ("sociale-basis", None),
    ]
    opening = _platte_tekst(brief.opening)
    for naam in (
        "Programma Wonen en Zorg voor",
        "Programma Een tegen Eenzaamheid",
        "Sociale Basis",
    ):
        assert naam in opening
    eenzaamheid = Programma.objects.get(slug="een-tegen-eenzaamheid")
    assert eenzaamheid.naam == "Programma Een tegen Eenzaamheid"
    assert eenzaamheid.soort == Programma.Soort.PROGRAMMA
    assert eenzaamheid.eigenaar.sleutel == "minister-lzs-rutte-iv"


def test_organisaties_die_een_reactie_noemt(geladen):
    reactie = Reactie.objects.get(sectie__brief__advies=geladen, aanbevelingen__nummer="4")
    assert "ministerie van Infrastructuur en Waterstaat" in reactie.tekst
    ienw = reactie.organisaties.get()
    assert (ienw.sleutel, ienw.naam, ienw.afkorting, ienw.soort) == (
        "ministerie-ienw",
        "Ministerie van Infrastructuur en Waterstaat",
        "IenW",
        Organisatie.Soort.OVERHEID,
    )


def test_toezeggingen(geladen):
    gala = Toezegging.objects.get(programma__slug="gezond-en-actief-leven-akkoord")
    assert gala.deadline_jaar == 2024
    assert gala.ambtsdrager.sleutel == "staatssecretaris-vws-rutte-iv"
    assert Toezegging.objects.filter(deadline_datum__isnull=False).count() == 0


def test_export_is_het_bestand(geladen, tmp_path):
    uitvoer = tmp_path / "export.json"
    call_command("exporteer", SLUG, output=str(uitvoer), stderr=io.StringIO())
    assert uitvoer.read_bytes() == VOORBEELD.read_bytes()
    assert json.loads(uitvoer.read_text(encoding="utf-8")) == _document()
