"""The test-data generator (``advies.testdata``, ``manage.py genereer_testdata``).

The strongest check is the product's own: an export of the generated reports passes the
import validation (``controleer_document``), so the data keeps every rule an import keeps.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from advies import testdata, testdata_gegevens
from advies.models import Aanbeveling, Advies, Raad
from adviesmonitor.richtext import sanitize
from programmas.models import Programma
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import Programmakoppeling, Reactie, Reactiebrief, Toezegging
from reacties.uitwisseling.exporteren import dump, exporteer_document
from reacties.uitwisseling.importeren import controleer_document

pytestmark = pytest.mark.django_db

N = 20
VOORBEELD_SLUG = "ruimte-maken-voor-ontmoeting"


def _export(adviezen=None) -> str:
    return dump(exporteer_document(adviezen or testdata.gegenereerde_adviezen()))


def _voorbeeld() -> str:
    return _export(Advies.objects.filter(slug=VOORBEELD_SLUG))


@pytest.fixture
def voorbeeld(db) -> None:
    call_command("laad_voorbeeld", stdout=io.StringIO())


@pytest.fixture
def tweehonderd(db) -> testdata.Telling:
    """Enough reports for the mixes to show."""
    return testdata.genereer(200, seed=11)


# --- shape and mix -------------------------------------------------------------------------


def test_aantallen_per_advies():
    telling = testdata.genereer(N, seed=3)
    assert telling.adviezen == Advies.objects.count() == N
    per_advies = Counter(Aanbeveling.objects.values_list("advies_id", flat=True))
    assert all(6 <= n <= 14 for n in per_advies.values())
    assert 8 <= sum(per_advies.values()) / N <= 12  # about ten
    assert Aanbeveling.objects.filter(bovenliggend__isnull=False).exists()
    lagen = Aanbeveling.objects.annotate(n=Count("bestuurslagen")).values_list("n", flat=True)
    assert all(1 <= n <= 3 for n in lagen)


def test_telling_is_wat_er_in_de_database_staat(tweehonderd):
    assert tweehonderd.aanbevelingen == Aanbeveling.objects.count()
    assert tweehonderd.brieven == Reactiebrief.objects.count()
    assert tweehonderd.reacties == Reactie.objects.count()
    assert tweehonderd.reactie_aanbevelingen == Reactie.aanbevelingen.through.objects.count()
    assert tweehonderd.aanbeveling_lagen == Aanbeveling.bestuurslagen.through.objects.count()
    assert tweehonderd.programmakoppelingen == Programmakoppeling.objects.count()
    assert tweehonderd.toezeggingen == Toezegging.objects.count()


def test_meeste_aanbevelingen_hebben_een_reactie_met_standpunt(tweehonderd):
    met_standpunt = (
        Aanbeveling.objects.filter(reacties__isnull=False)
        .exclude(reacties__standpunt="")
        .distinct()
        .count()
    )
    assert met_standpunt / Aanbeveling.objects.count() > 0.7
    standpunten = Counter(Reactie.objects.values_list("standpunt", flat=True))
    assert standpunten.most_common(1)[0][0] == "overgenomen"
    assert set(Reactie.Standpunt.values) <= set(standpunten)


def test_brieven_statussen_en_ontbrekende_brieven(tweehonderd):
    statussen = Counter(Reactiebrief.objects.values_list("status", flat=True))
    assert statussen.most_common(1)[0][0] == "verzonden"
    assert len(statussen) >= 3
    assert Advies.objects.filter(brieven__isnull=True).exists()  # the dashboard's gaps


def test_rijk_is_de_meest_voorkomende_bestuurslaag(tweehonderd):
    lagen = Counter(
        Aanbeveling.bestuurslagen.through.objects.values_list("bestuurslaag__slug", flat=True)
    )
    assert lagen.most_common(1)[0][0] == "rijk"
    assert len(lagen) == 8


def test_toezeggingen_bij_ongeveer_een_derde_en_deels_over_tijd(tweehonderd):
    met_toezegging = Reactie.objects.filter(toezeggingen__isnull=False).distinct().count()
    assert 0.2 < met_toezegging / Reactie.objects.count() < 0.4
    toezeggingen = Toezegging.objects.all()
    assert toezeggingen.filter(deadline_datum__isnull=False).exists()
    assert toezeggingen.filter(deadline_jaar__isnull=False).exists()
    jaren = [t.deadline_datum.year if t.deadline_datum else t.deadline_jaar for t in toezeggingen]
    assert all(2016 <= j <= 2028 for j in jaren if j)
    over_tijd = toezeggingen.exclude(status__in=["voldaan", "vervallen"]).filter(
        Q(deadline_datum__lt=testdata.PEILDATUM) | Q(deadline_jaar__lt=testdata.PEILDATUM.year)
    )
    assert over_tijd.count() / toezeggingen.count() > 0.15
    assert set(Toezegging.Status.values) == set(toezeggingen.values_list("status", flat=True))


def test_programmakoppelingen_ook_naar_onderdelen(tweehonderd):
    koppelingen = Programmakoppeling.objects.all()
    assert koppelingen.filter(onderdeel__isnull=False).exists()
    assert {"bestaand_beleid", "nieuwe_toezegging"} == set(
        koppelingen.values_list("soort", flat=True)
    )
    assert 30 <= Programma.objects.count() <= 60


def test_publicatiedata_en_ontvangst(tweehonderd):
    for publicatie, ontvangst in Advies.objects.values_list("publicatiedatum", "ontvangstdatum"):
        assert date(2015, 1, 1) <= publicatie <= date(2026, 12, 31)
        assert 0 <= (ontvangst - publicatie).days <= 7


def test_zoeken_vindt_zinvolle_deelverzamelingen(tweehonderd):
    totaal = Aanbeveling.objects.count()
    eenzaamheid = Aanbeveling.objects.filter(tekst__icontains="eenzaamheid").count()
    assert 0.01 < eenzaamheid / totaal < 0.12  # a few percent
    teksten = " ".join(Aanbeveling.objects.values_list("tekst", flat=True))
    assert re.search(r"\bbuurten\b", teksten) and re.search(r"\bbuurt\b", teksten)


def test_reactietekst_is_gesaniteerde_html(tweehonderd):
    teksten = list(Reactie.objects.values_list("tekst", flat=True))
    assert all(t.startswith("<p>") and sanitize(t) == t for t in teksten)
    assert any("<ul>" in t for t in teksten)
    assert any("data-voetnoot" in t for t in teksten)


# --- repeatable ----------------------------------------------------------------------------


def test_zelfde_seed_geeft_dezelfde_gegevens():
    testdata.genereer(N, seed=7)
    eerste = _export()
    testdata.genereer(N, seed=7, vervang=True)
    assert _export() == eerste
    testdata.genereer(N, seed=8, vervang=True)
    assert _export() != eerste


def test_blokgrootte_verandert_niets():
    testdata.genereer(N, seed=5, blok=500)
    eerste = _export()
    testdata.genereer(N, seed=5, vervang=True, blok=3)
    assert _export() == eerste


def test_opnieuw_voegt_adviezen_toe_met_nieuwe_sleutels():
    testdata.genereer(N, seed=1)
    testdata.genereer(N, seed=1)
    slugs = list(testdata.gegenereerde_adviezen().values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 2 * N
    nummers = sorted(int(s.split("-")[1]) for s in slugs)
    assert nummers == list(range(1, 2 * N + 1))
    assert testdata.volgende_nummer() == 2 * N + 1


# --- the example and other data stay untouched ---------------------------------------------


def test_voorbeeld_blijft_onaangeroerd(voorbeeld):
    voor = _voorbeeld()
    testdata.genereer(N, seed=2)
    testdata.genereer(N, seed=2, vervang=True)
    assert _voorbeeld() == voor
    assert Advies.objects.count() == N + 1


def test_voorbeeld_laden_na_genereren_geeft_het_bestand():
    testdata.genereer(N, seed=2)
    call_command("laad_voorbeeld", stdout=io.StringIO())
    assert json.loads(_voorbeeld()) == json.loads(VOORBEELD.read_text(encoding="utf-8"))


def test_vervang_verwijdert_alleen_gegenereerde_adviezen(voorbeeld):
    eigen = Advies.objects.create(slug="gen-z-aan-het-werk", titel="Gen Z aan het werk")
    testdata.genereer(N, seed=4)
    testdata.genereer(3, seed=4, vervang=True)
    assert testdata.gegenereerde_adviezen().count() == 3
    assert Advies.objects.filter(pk=eigen.pk).exists()
    assert Advies.objects.filter(slug=VOORBEELD_SLUG).exists()


def test_bestaande_referentiegegevens_blijven_ongewijzigd():
    Raad.objects.create(afkorting="WRR", naam="Eigen naam van de WRR")
    eigen = Programma.objects.create(slug="eigen-omgevingswet", naam="Omgevingswet", soort="wet")
    testdata.genereer(N, seed=6)
    assert Raad.objects.get(afkorting="WRR").naam == "Eigen naam van de WRR"
    # Same name under another key: that record is used, not a second one made.
    assert not Programma.objects.filter(slug="omgevingswet").exists()
    assert Programma.objects.get(naam="Omgevingswet") == eigen


def test_referenties_van_het_voorbeeld_gaan_voor_en_niets_valt_weg():
    lijsten = testdata.referentielijsten()
    voorbeeld = json.loads(VOORBEELD.read_text(encoding="utf-8"))
    for lijst, sleutel in [("ambtsdragers", "sleutel"), ("programmas", "slug")]:
        per_sleutel = {item[sleutel]: item for item in lijsten[lijst]}
        for item in voorbeeld[lijst]:
            assert per_sleutel[item[sleutel]] == item
    # One person may hold several offices: a shared name does not drop an office holder.
    sleutels = {a["sleutel"] for a in lijsten["ambtsdragers"]}
    assert {a["sleutel"] for a in testdata_gegevens.AMBTSDRAGERS} <= sleutels
    assert {"minister-vws-rutte-iii", "minister-vro-rutte-iv"} <= sleutels


# --- the product's own validation ----------------------------------------------------------


def test_gegevens_doorstaan_de_importcontrole(voorbeeld):
    testdata.genereer(60, seed=9)
    assert controleer_document(exporteer_document(testdata.gegenereerde_adviezen())) == []
    assert controleer_document(exporteer_document()) == []  # with the example alongside


# --- the command ---------------------------------------------------------------------------


def test_command():
    uit = io.StringIO()
    call_command("genereer_testdata", "--adviezen", "7", "--seed", "2", "--blok", "3", stdout=uit)
    tekst = uit.getvalue()
    assert "3/7 adviezen" in tekst and "7/7 adviezen" in tekst
    assert "7 adviezen gegenereerd (seed 2)" in tekst
    call_command("genereer_testdata", "--adviezen", "2", "--vervang", stdout=io.StringIO())
    assert testdata.gegenereerde_adviezen().count() == 2
