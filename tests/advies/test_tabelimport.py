"""The table import (advies.tabelimport, docs/tabelimport.md): round trips through the export's
CSV and XLSX, every kind of error with its row and column, atomicity, the command and the
admin page. The fuzzing is in test_tabelimport_fuzz.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from advies import export
from advies.models import Aanbeveling, Bestuurslaag
from advies.tabelimport import Melding, Tabelfout, importeer_tabel, lees_bestand, lees_tabel
from advies.tabelimport.lezen import zonder_formulebescherming
from adviesmonitor.rollen import REDACTEUR
from reacties import workflow
from reacties.fouten import NietToegestaan
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import Briefstatus, Briefversie, Reactie, Reactiebrief, Toezegging
from reacties.uitwisseling.importeren import importeer_document
from reacties.uitwisseling.importeren import lees_bestand as lees_uitwisselbestand
from tests.conftest import zaai_referentiedata
from tests.factories import maak_advies
from tests.html_controle import toegankelijkheidsfouten

pytestmark = pytest.mark.django_db

SLUG = "ruimte-maken-voor-ontmoeting"
IMPORT_URL = "/admin/advies/aanbeveling/importeren/"


# --- helpers -----------------------------------------------------------------------------------


def _aanbevelingen():
    return Aanbeveling.objects.filter(advies__slug=SLUG).order_by("volgorde")


def export_csv(scheidingsteken: str = ",") -> bytes:
    rijen = export.exportrijen(_aanbevelingen(), lambda a: f"https://example.org/{a.pk}/")
    return b"".join(export.csv_blokken(rijen, scheidingsteken))


def export_xlsx() -> bytes:
    rijen = export.exportrijen(_aanbevelingen(), lambda a: f"https://example.org/{a.pk}/")
    with export.xlsx_bestand(rijen, [("(geen)", "alle aanbevelingen")]) as bestand:
        return bestand.read()


def csv_rijen(inhoud: bytes, scheidingsteken: str = ",") -> list[list[str]]:
    tekst = inhoud.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken))


def als_csv(rijen: list[list[str]], scheidingsteken: str = ",", bom: bool = True) -> bytes:
    uit = io.StringIO(newline="")
    csv.writer(uit, delimiter=scheidingsteken, lineterminator="\r\n").writerows(rijen)
    return (("\ufeff" if bom else "") + uit.getvalue()).encode("utf-8")


def als_xlsx(rijen: list[list[object]]) -> bytes:
    werkboek = openpyxl.Workbook()
    blad = werkboek.active
    blad.title = "Aanbevelingen"
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


def wijzig_csv(inhoud: bytes, nummer: str, kolom: str, waarde: str) -> bytes:
    rijen = csv_rijen(inhoud)
    index = rijen[0].index(kolom)
    for rij in rijen[1:]:
        if rij[0] == nummer:
            rij[index] = waarde
    return als_csv(rijen)


def lees_cel(inhoud: bytes, nummer: str, kolom: str) -> str:
    rijen = csv_rijen(inhoud)
    return next(rij for rij in rijen if rij[0] == nummer)[rijen[0].index(kolom)]


def wijzig_xlsx(inhoud: bytes, nummer: str, kolom: str, waarde: object) -> bytes:
    werkboek = openpyxl.load_workbook(io.BytesIO(inhoud))
    blad = werkboek["Aanbevelingen"]
    koppen = [cel.value for cel in blad[1]]
    for rij in blad.iter_rows(min_row=2):
        if rij[0].value == nummer:
            rij[koppen.index(kolom)].value = waarde
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


def importeer(inhoud: bytes, naam: str = "aanbevelingen.csv", **opties):
    return importeer_tabel(lees_tabel(inhoud, naam), **opties)


def meldingen(inhoud: bytes, naam: str = "aanbevelingen.csv") -> list[Melding]:
    with pytest.raises(Tabelfout) as fout:
        importeer(inhoud, naam)
    return fout.value.fouten


def toestand() -> tuple:
    """Everything an import may change, to compare before and after."""
    return (
        sorted(
            (a.advies_id, a.nummer, a.volgorde, a.tekst, a.bovenliggend_id)
            for a in Aanbeveling.objects.all()
        ),
        sorted(
            Aanbeveling.bestuurslagen.through.objects.values_list("aanbeveling", "bestuurslaag")
        ),
        sorted(Reactie.objects.values_list("pk", "standpunt", "tekst", "revisie")),
        sorted(
            Toezegging.objects.values_list(
                "pk", "reactie", "volgorde", "tekst", "status", "deadline_datum", "deadline_jaar"
            )
        ),
        Briefversie.objects.count(),
    )


@pytest.fixture(scope="module")
def _voorbeeld_eenmaal(django_db_setup, django_db_blocker):
    """The example letter, loaded once for the module inside a transaction that is rolled
    back at the end; every test runs in a savepoint inside it (as tests/test_rechtenmatrix)."""
    with django_db_blocker.unblock():
        buiten = transaction.atomic()
        buiten.__enter__()
        try:
            if not Group.objects.filter(name=REDACTEUR).exists():
                zaai_referentiedata()
            importeer_document(lees_uitwisselbestand(VOORBEELD))
            yield Reactiebrief.objects.get(advies__slug=SLUG, versie=1).pk
        finally:
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)


@pytest.fixture
def voorbeeldbrief(_voorbeeld_eenmaal, db) -> Reactiebrief:
    """The example letter (sent), as tests/conftest.py's fixture but loaded once."""
    return Reactiebrief.objects.get(pk=_voorbeeld_eenmaal)


@pytest.fixture
def tweede_versie(voorbeeldbrief, coordinator) -> Reactiebrief:
    """A concept version 2 of the (sent) example letter: where stances and commitments go."""
    return workflow.nieuwe_versie(voorbeeldbrief, coordinator)


def _toezeggingen_van(brief: Reactiebrief, nummer: str) -> list[tuple[str, str, object, object]]:
    return list(
        Toezegging.objects.filter(
            reactie__sectie__brief=brief, reactie__aanbevelingen__nummer=nummer
        )
        .order_by("volgorde")
        .values_list("tekst", "status", "deadline_datum", "deadline_jaar")
    )


# --- round trips -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exporteer", "wijzig", "naam"),
    [(export_csv, wijzig_csv, "a.csv"), (export_xlsx, wijzig_xlsx, "a.xlsx")],
    ids=["csv", "xlsx"],
)
def test_rondgang_een_gewijzigde_cel_wordt_doorgevoerd(voorbeeldbrief, exporteer, wijzig, naam):
    nieuw = "Stel heldere doelen voor de lange termijn vast, met tussendoelen."
    versies = Briefversie.objects.filter(brief=voorbeeldbrief).count()
    verslag = importeer(wijzig(exporteer(), "1.1", "aanbeveling", nieuw), naam)
    assert verslag.geschreven and verslag.aanbevelingen_gewijzigd == 1
    assert verslag.ongewijzigd == verslag.rijen - 1 == 15
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1.1").tekst == nieuw
    # A recommendation may change while its letter is frozen; the letter records a version.
    laatste = Briefversie.objects.filter(brief=voorbeeldbrief).latest("nummer")
    assert laatste.nummer == versies + 1
    assert laatste.soort == Briefversie.Soort.IMPORT
    assert laatste.omschrijving == f"Tabelimport ‘{naam}’: aanbeveling 1.1 gewijzigd"
    assert nieuw in [a["tekst"] for a in laatste.inhoud["aanbevelingen"]]


@pytest.mark.parametrize(
    ("exporteer", "naam"), [(export_csv, "a.csv"), (export_xlsx, "a.xlsx")], ids=["csv", "xlsx"]
)
def test_rondgang_ongewijzigd_verandert_niets(voorbeeldbrief, exporteer, naam):
    voor = toestand()
    verslag = importeer(exporteer(), naam)
    assert not verslag.heeft_wijzigingen
    assert verslag.rijen == verslag.ongewijzigd == 16
    assert verslag.genegeerd == [
        "advies",
        "raden",
        "publicatiedatum",
        "reactie",
        "programma's",
        "brief_status",
        "url",
    ]
    assert toestand() == voor


def test_rondgang_met_puntkomma_en_zonder_bom(voorbeeldbrief):
    inhoud = export_csv(";")
    assert inhoud.startswith("\ufeff".encode()) and b";advies_slug;" in inhoud
    assert not importeer(inhoud).heeft_wijzigingen
    rijen = csv_rijen(inhoud, ";")
    rijen[2][1] = "Een nieuwe tekst; met een puntkomma."
    verslag = importeer(als_csv(rijen, ";", bom=False))
    assert verslag.aanbevelingen_gewijzigd == 1
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1.1").tekst == (
        "Een nieuwe tekst; met een puntkomma."
    )


def test_formulebescherming_gaat_er_weer_af(voorbeeldbrief):
    Aanbeveling.objects.filter(advies__slug=SLUG, nummer="5").update(tekst="=Geef het voorbeeld")
    inhoud = export_csv()
    assert b"'=Geef het voorbeeld" in inhoud
    assert not importeer(inhoud).heeft_wijzigingen
    importeer(wijzig_csv(inhoud, "5", "aanbeveling", "'+Zelf het goede voorbeeld"))
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="5").tekst == (
        "+Zelf het goede voorbeeld"
    )
    assert zonder_formulebescherming("'tekst") == "'tekst"  # only before = + - @


def test_bestuurslagen_op_naam_of_slug(voorbeeldbrief):
    importeer(wijzig_csv(export_csv(), "G1", "bestuurslagen", "gemeente, PROVINCIE; rijk"))
    aanbeveling = Aanbeveling.objects.get(advies__slug=SLUG, nummer="G1")
    assert sorted(aanbeveling.bestuurslagen.values_list("slug", flat=True)) == [
        "gemeente",
        "provincie",
        "rijk",
    ]


def test_nieuwe_aanbevelingen_komen_achteraan(voorbeeldbrief):
    rijen = csv_rijen(export_csv())
    kop = rijen[0]
    rijen.append(["5.1", "Deel van vijf.", "", SLUG, *[""] * (len(kop) - 4)])
    rijen.append(["6", "Een zesde aanbeveling.", "", SLUG, *[""] * (len(kop) - 4)])
    rijen[-1][kop.index("bestuurslagen")] = "gemeente"
    versies = Briefversie.objects.filter(brief=voorbeeldbrief).count()
    verslag = importeer(als_csv(rijen))
    assert verslag.aanbevelingen_toegevoegd == 2
    laatste = list(_aanbevelingen())[-2:]
    assert [(a.nummer, a.volgorde) for a in laatste] == [("5.1", 17), ("6", 18)]
    assert laatste[0].bovenliggend.nummer == "5" and laatste[1].bovenliggend is None
    assert list(laatste[1].bestuurslagen.values_list("slug", flat=True)) == ["gemeente"]
    assert Briefversie.objects.filter(brief=voorbeeldbrief).count() == versies + 1


# --- stances and commitments -------------------------------------------------------------------


def test_toezeggingen_wijzigen_in_de_concept_versie(tweede_versie, voorbeeldbrief):
    inhoud = export_csv()
    cel = lees_cel(inhoud, "4", "toezeggingen")
    assert cel.endswith("(open)") and cel.count("\n") == 0
    tekst = cel.removesuffix(" (open)")
    gewijzigd = (
        f"{tekst} (in uitvoering; deadline 2027)\nEen nieuwe toezegging (open; deadline 1-6-2026)"
    )
    oud = Toezegging.objects.get(
        reactie__sectie__brief=tweede_versie, reactie__aanbevelingen__nummer="4"
    )
    verslag = importeer(wijzig_csv(inhoud, "4", "toezeggingen", gewijzigd))
    assert (verslag.toezeggingen_gewijzigd, verslag.toezeggingen_toegevoegd) == (1, 1)
    assert _toezeggingen_van(tweede_versie, "4") == [
        (tekst, "in_uitvoering", None, 2027),
        ("Een nieuwe toezegging", "open", dt.date(2026, 6, 1), None),
    ]
    # The sent letter is untouched; the concept records one version for the import.
    assert _toezeggingen_van(voorbeeldbrief, "4") == [(tekst, "open", None, None)]
    bijgewerkt = Toezegging.objects.get(pk=oud.pk)
    assert bijgewerkt.revisie == oud.revisie + 1  # an editor with the old revision: conflict
    laatste = Briefversie.objects.filter(brief=tweede_versie).latest("nummer")
    assert laatste.omschrijving == "Tabelimport ‘aanbevelingen.csv’: toezeggingen bij 4"


def test_ongewijzigde_export_overschrijft_de_concept_versie_niet(tweede_versie):
    # The export shows the sent letter; the concept differs. Unchanged cells change nothing.
    Toezegging.objects.filter(reactie__sectie__brief=tweede_versie).update(status="voldaan")
    Reactie.objects.filter(sectie__brief=tweede_versie).update(standpunt="overgenomen")
    voor = toestand()
    assert not importeer(export_csv()).heeft_wijzigingen
    assert toestand() == voor


def test_standpunt_wijzigen_in_de_concept_versie(tweede_versie):
    verslag = importeer(wijzig_csv(export_csv(), "3.2", "standpunt", "Overgenomen"))
    assert verslag.standpunten_gewijzigd == 1
    reactie = Reactie.objects.get(sectie__brief=tweede_versie, aanbevelingen__nummer="3.2")
    assert reactie.standpunt == "overgenomen"


def test_een_gedeelde_reactie_krijgt_geen_twee_standpunten(tweede_versie):
    inhoud = wijzig_csv(export_csv(), "2.1", "standpunt", "in onderzoek")
    inhoud = wijzig_csv(inhoud, "2.2", "standpunt", "niet_overgenomen")
    [fout] = meldingen(inhoud)
    assert (fout.rij, fout.kolom) == (6, "standpunt")
    assert "ook aanbeveling 2.1 (rij 5)" in fout.tekst


def test_een_leeggemaakte_cel_verandert_niets(tweede_versie):
    voor = toestand()
    inhoud = wijzig_csv(export_csv(), "4", "toezeggingen", "")
    assert not importeer(wijzig_csv(inhoud, "4", "standpunt", "")).heeft_wijzigingen
    assert toestand() == voor


# --- errors, each with its row and column ------------------------------------------------------

Wijziging = Callable[[bytes], bytes]


def _cel(nummer: str, kolom: str, waarde: str) -> Wijziging:
    return lambda inhoud: wijzig_csv(inhoud, nummer, kolom, waarde)


def _extra_rij(**cellen: str) -> Wijziging:
    def wijzig(inhoud: bytes) -> bytes:
        rijen = csv_rijen(inhoud)
        rijen.append([cellen.get(k, "") for k in rijen[0]])
        return als_csv(rijen)

    return wijzig


FOUTGEVALLEN: dict[str, tuple[Wijziging, int, str | None, str]] = {
    "advies bestaat niet": (
        _cel("2", "advies_slug", "bestaat-niet"),
        4,
        "advies_slug",
        "bestaat niet",
    ),
    "advies leeg": (_cel("2", "advies_slug", " "), 4, "advies_slug", "vul de sleutel"),
    "nummer leeg": (_extra_rij(advies_slug=SLUG, aanbeveling="x"), 18, "nummer", "ontbreekt"),
    "nummer te lang": (
        _cel("2", "nummer", "1" * 21),
        4,
        "nummer",
        "te lang (21 tekens; hoogstens 20)",
    ),
    "nummer dubbel": (_cel("2.1", "nummer", "2"), 5, "nummer", "staat al in rij 4"),
    "tekst leeg": (_cel("2", "aanbeveling", "  \x00\x01 "), 4, "aanbeveling", "heeft tekst nodig"),
    "tekst met html": (
        _cel("2", "aanbeveling", "Doe <script>alert(1)</script> dit"),
        4,
        "aanbeveling",
        "bevat HTML-opmaak (‘<script>’)",
    ),
    "nieuwe zonder tekst": (
        _extra_rij(advies_slug=SLUG, nummer="7", aanbeveling=""),
        18,
        "aanbeveling",
        "heeft tekst nodig",
    ),
    "bestuurslaag onbekend": (
        _cel("2", "bestuurslagen", "Rijk, Europa"),
        4,
        "bestuurslagen",
        "onbekende bestuurslaag ‘Europa’. Bekend zijn: Rijk, provincie",
    ),
    "standpunt ongeldig": (
        _cel("2", "standpunt", "misschien"),
        4,
        "standpunt",
        "‘misschien’ is geen standpunt",
    ),
    "standpunt in verzonden brief": (
        _cel("3.2", "standpunt", "overgenomen"),
        9,
        "standpunt",
        "(versie 1) is verzonden; dit kan alleen veranderen in een brief in concept. Maak eerst",
    ),
    "toezegging zonder status": (
        _cel("4", "toezeggingen", "Iets doen"),
        10,
        "toezeggingen",
        "‘Iets doen’ eindigt niet op een status tussen haakjes",
    ),
    "toezegging met onbekende status": (
        _cel("4", "toezeggingen", "Iets doen (bijna klaar)"),
        10,
        "toezeggingen",
        "eindigt niet op een status",
    ),
    "deadline geen datum": (
        _cel("4", "toezeggingen", "Iets doen (open; deadline 2024-02-30)"),
        10,
        "toezeggingen",
        "toezegging 1: deadline ‘2024-02-30’ is geen bestaande datum",
    ),
    "deadline jaar te vroeg": (
        _cel("4", "toezeggingen", "Iets doen (open; deadline 1800)"),
        10,
        "toezeggingen",
        "(1800) ligt niet tussen 1900 en 2200",
    ),
    "deadline onleesbaar": (
        _cel("4", "toezeggingen", "Iets doen (open; deadline volgend jaar)"),
        10,
        "toezeggingen",
        "‘volgend jaar’ is geen jaartal",
    ),
    "nieuwe met standpunt": (
        _extra_rij(advies_slug=SLUG, nummer="7", aanbeveling="Zeven.", standpunt="overgenomen"),
        18,
        "standpunt",
        "aanbeveling 7 is nieuw en heeft nog geen reactie",
    ),
}


@pytest.mark.parametrize("geval", list(FOUTGEVALLEN))
def test_elke_fout_met_rij_en_kolom(voorbeeldbrief, geval):
    wijzig, rij, kolom, tekst = FOUTGEVALLEN[geval]
    voor = toestand()
    fouten = meldingen(wijzig(export_csv()))
    assert [(f.rij, f.kolom) for f in fouten] == [(rij, kolom)], fouten
    assert tekst in fouten[0].tekst
    assert str(fouten[0]).startswith(f"rij {rij}, kolom ‘{kolom}’: ")
    assert toestand() == voor


def test_fouten_bij_toezeggingen_in_de_concept_versie(tweede_versie):
    inhoud = export_csv()
    # Aanbeveling 2 (answered with 2.1 and 2.2) has two commitments; one left out is an
    # error, since deleting is for the editor.
    eerste = lees_cel(inhoud, "2", "toezeggingen").split("\n")[0]
    [fout] = meldingen(wijzig_csv(inhoud, "2", "toezeggingen", eerste + "\n"))
    assert (fout.rij, fout.kolom) == (4, "toezeggingen")
    assert "staat niet meer in de cel. Verwijderen kan alleen in de editor" in fout.tekst
    # A recommendation without a response in the concept letter.
    Reactie.objects.filter(sectie__brief=tweede_versie, aanbevelingen__nummer="5").delete()
    [fout] = meldingen(wijzig_csv(inhoud, "5", "standpunt", "overgenomen"))
    assert fout.rij == 11 and "heeft in de reactiebrief (versie 2) nog geen reactie" in fout.tekst


def test_fout_bij_brief_ter_review(tweede_versie):
    Reactiebrief.objects.filter(pk=tweede_versie.pk).update(status=Briefstatus.TER_REVIEW)
    [fout] = meldingen(wijzig_csv(export_csv(), "4", "standpunt", "in onderzoek"))
    assert "is ter review" in fout.tekst and "terugsturen naar concept" in fout.tekst


def test_fout_zonder_reactiebrief(db):
    advies = maak_advies()
    Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=1, tekst="Een.")
    kop = list(export.KOLOMMEN)
    rij = {
        "nummer": "1",
        "aanbeveling": "Een.",
        "advies_slug": advies.slug,
        "standpunt": "overgenomen",
    }
    [fout] = meldingen(als_csv([kop, [rij.get(k, "") for k in kop]]))
    assert (fout.rij, fout.kolom) == (2, "standpunt")
    assert "heeft nog geen reactiebrief" in fout.tekst


def test_kopregel_onbekende_en_ontbrekende_kolommen(voorbeeldbrief):
    rijen = csv_rijen(export_csv())
    rijen[0][rijen[0].index("toezeggingen")] = "toezegingen"
    fouten = meldingen(als_csv(rijen))
    assert [(f.rij, f.kolom) for f in fouten] == [(1, "toezegingen")]
    assert fouten[0].tekst.startswith("onbekende kolom.")
    fouten = meldingen(als_csv([["nummer", "aanbeveling"], ["1", "x"]]))
    assert [str(f) for f in fouten] == [
        "rij 1, kolom ‘advies_slug’: deze verplichte kolom ontbreekt in de kopregel."
    ]
    fouten = meldingen(als_csv([["nummer", "nummer", "aanbeveling", "advies_slug"]]))
    assert "staat er twee keer" in fouten[0].tekst


def test_kolom_zonder_kop(voorbeeldbrief):
    rijen = csv_rijen(export_csv())
    rijen[3].append("verdwaald")
    [fout] = meldingen(als_csv(rijen))
    assert str(fout).startswith("rij 4, kolom 14: deze cel staat in een kolom zonder kop")


def test_xlsx_fouten_noemen_de_kolomletter(voorbeeldbrief):
    inhoud = wijzig_xlsx(export_xlsx(), "2", "standpunt", "=A1")  # a formula
    inhoud = wijzig_xlsx(inhoud, "3", "bestuurslagen", "Mars")
    fouten = meldingen(inhoud, "a.xlsx")
    assert [str(f) for f in fouten] == [
        "rij 4, kolom ‘standpunt’ (H): bevat een formule; vul de waarde zelf in.",
        "rij 7, kolom ‘bestuurslagen’ (G): onbekende bestuurslaag ‘Mars’. Bekend zijn: "
        + ", ".join(
            Bestuurslaag.objects.order_by("volgorde", "naam").values_list("naam", flat=True)
        )
        + ".",
    ]


def test_xlsx_getallen_en_lege_rijen(voorbeeldbrief):
    kop = ["advies_slug", "nummer", "aanbeveling"]
    inhoud = als_xlsx(
        [kop, [SLUG, 7, "Zeven."], [None, None, None], [SLUG, 7.5, "Zeven en een half."]]
    )
    verslag = importeer(inhoud, "n.xlsx")
    assert [w for _, w in verslag.wijzigingen] == [
        f"aanbeveling 7 bij ‘{SLUG}’ toevoegen",
        f"aanbeveling 7.5 bij ‘{SLUG}’ toevoegen",
    ]
    assert [r for r, _ in verslag.wijzigingen] == [2, 4]


@pytest.mark.parametrize(
    ("inhoud", "naam", "tekst"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        ("nummer;aanbeveling\n1;é".encode("latin-1"), "oud.csv", "geen UTF-8-tekst"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "oud.xls", "het oude Excel-formaat (.xls)"),
        (b"PK\x03\x04kapot", "kapot.xlsx", "geen leesbaar XLSX-bestand"),
        (b"\n\nadvies_slug,nummer,aanbeveling\n", "a.csv", "Rij 1 moet de kolomkoppen bevatten"),
    ],
)
def test_onleesbare_bestanden(db, inhoud, naam, tekst):
    fouten = meldingen(inhoud, naam)
    assert len(fouten) == 1 and tekst in fouten[0].tekst


def test_grenzen_aan_bytes_en_rijen(voorbeeldbrief, settings):
    settings.TABELIMPORT_MAX_RIJEN = 5
    [fout] = meldingen(export_csv())
    assert fout.tekst.startswith("Het bestand heeft meer dan 5 rijen.")
    settings.TABELIMPORT_MAX_BYTES = 100
    [fout] = meldingen(export_csv())
    assert "te groot" in fout.tekst and "hoogstens 100)" in fout.tekst


def test_uitgepakt_te_grote_xlsx(db, settings):
    # Text that packs well: a few kilobytes that unpack to more than ten times the limit.
    inhoud = als_xlsx([["advies_slug", "nummer", "aanbeveling"]] + [["a", "1", "x" * 30_000]] * 20)
    settings.TABELIMPORT_MAX_BYTES = len(inhoud)
    [fout] = meldingen(inhoud, "a.xlsx")
    assert "uitgepakt te groot" in fout.tekst


# --- all or nothing ----------------------------------------------------------------------------


def test_tien_goede_rijen_en_een_foute_schrijven_niets(voorbeeldbrief):
    kop = ["advies_slug", "nummer", "aanbeveling", "bestuurslagen"]
    rijen = [kop] + [[SLUG, f"N{i}", f"Nieuwe aanbeveling {i}.", "Rijk"] for i in range(10)]
    rijen.insert(6, [SLUG, "1", "Een gewijzigde eerste aanbeveling.", "rijk"])
    rijen.append([SLUG, "N99", "Kapot.", "Atlantis"])
    voor = toestand()
    [fout] = meldingen(als_csv(rijen))
    assert (fout.rij, fout.kolom) == (13, "bestuurslagen")
    assert toestand() == voor
    rijen.pop()
    verslag = importeer(als_csv(rijen))
    assert (verslag.aanbevelingen_toegevoegd, verslag.aanbevelingen_gewijzigd) == (10, 1)


def test_controleren_schrijft_niets(voorbeeldbrief):
    voor = toestand()
    verslag = importeer(
        wijzig_csv(export_csv(), "1", "aanbeveling", "Anders."), alleen_controleren=True
    )
    assert not verslag.geschreven and verslag.aanbevelingen_gewijzigd == 1
    assert toestand() == voor


def test_rechten_van_de_gebruiker(voorbeeldbrief, redacteur, coordinator):
    inhoud = wijzig_csv(export_csv(), "1", "aanbeveling", "Anders.")
    with pytest.raises(NietToegestaan):
        importeer(inhoud, gebruiker=redacteur)
    importeer(inhoud, gebruiker=coordinator)
    laatste = Briefversie.objects.filter(brief=voorbeeldbrief).latest("nummer")
    assert laatste.gebruiker == coordinator


# --- the command -------------------------------------------------------------------------------


def test_commando(voorbeeldbrief, tmp_path, capsys):
    pad = tmp_path / "aanbevelingen.csv"
    pad.write_bytes(wijzig_csv(export_csv(), "1", "aanbeveling", "Anders."))
    call_command("importeer_tabel", str(pad), "--controleer")
    uit = capsys.readouterr().out
    assert "is in orde; er is niets gewijzigd (--controleer)" in uit
    assert "rij 2: aanbeveling 1 bij ‘ruimte-maken-voor-ontmoeting’: tekst wijzigen" in uit
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1").tekst != "Anders."
    call_command("importeer_tabel", str(pad))
    assert "geïmporteerd" in capsys.readouterr().out
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1").tekst == "Anders."
    call_command("importeer_tabel", str(pad))
    assert "Geen wijzigingen" in capsys.readouterr().out


def test_commando_meldt_fouten_en_stopt(voorbeeldbrief, tmp_path, capsys):
    pad = tmp_path / "fout.csv"
    pad.write_bytes(wijzig_csv(export_csv(), "2", "standpunt", "misschien"))
    with pytest.raises(CommandError, match="1 fout gevonden; er is niets gewijzigd"):
        call_command("importeer_tabel", str(pad))
    fout = capsys.readouterr().err
    assert fout.startswith("rij 4, kolom ‘standpunt’: ‘misschien’ is geen standpunt.")
    with pytest.raises(CommandError, match="1 fout"):
        call_command("importeer_tabel", str(tmp_path / "bestaat-niet.csv"))
    assert "bestaat niet" in capsys.readouterr().err


def test_commando_op_naam_van_een_gebruiker(voorbeeldbrief, coordinator, tmp_path):
    pad = tmp_path / "aanbevelingen.xlsx"
    pad.write_bytes(wijzig_xlsx(export_xlsx(), "1", "aanbeveling", "Anders."))
    call_command("importeer_tabel", str(pad), "--gebruiker", "coordinator")
    assert (
        Briefversie.objects.filter(brief=voorbeeldbrief).latest("nummer").gebruiker == coordinator
    )
    with pytest.raises(CommandError, match="Gebruiker ‘niemand’ bestaat niet"):
        call_command("importeer_tabel", str(pad), "--gebruiker", "niemand")


def test_lees_bestand_weigert_te_groot_voor_het_lezen(tmp_path, settings):
    settings.TABELIMPORT_MAX_BYTES = 10
    pad = tmp_path / "groot.csv"
    pad.write_bytes(b"x" * 11)
    with pytest.raises(Tabelfout, match="te groot"):
        lees_bestand(pad)


# --- the admin page ----------------------------------------------------------------------------


def _upload(client, inhoud: bytes, naam: str = "aanbevelingen.csv"):
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    return client.post(IMPORT_URL, {"stap": "controleer", "bestand": bestand})


def test_beheer_coordinator_controleert_en_bevestigt(voorbeeldbrief, coordinator, client_for):
    client = client_for(coordinator)
    lijst = client.get(reverse("admin:advies_aanbeveling_changelist"))
    assert f'href="{IMPORT_URL}"' in lijst.content.decode()
    pagina = client.get(IMPORT_URL)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'enctype="multipart/form-data"' in html
    # No inline script or style: the coming Content-Security-Policy allows neither.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html
    assert 'aria-describedby="id_bestand_helptext"' in html
    assert toegankelijkheidsfouten(html) == []
    antwoord = _upload(client, wijzig_csv(export_csv(), "1", "aanbeveling", "Anders."))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Wat de import wijzigt" in html and "tekst wijzigen" in html
    assert toegankelijkheidsfouten(html) == []
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1").tekst != "Anders."
    token = antwoord.context["token"]
    klaar = client.post(IMPORT_URL, {"stap": "importeer", "token": token}, follow=True)
    assert klaar.redirect_chain[-1][0] == reverse("admin:advies_aanbeveling_changelist")
    assert "is geïmporteerd. aanbevelingen gewijzigd: 1." in klaar.content.decode()
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1").tekst == "Anders."
    # The token is used once.
    opnieuw = client.post(IMPORT_URL, {"stap": "importeer", "token": token})
    assert "verlopen of al gebruikt" in opnieuw.content.decode()


def test_beheer_toont_fouten_in_een_tabel(voorbeeldbrief, coordinator, client_for):
    client = client_for(coordinator)
    inhoud = wijzig_xlsx(export_xlsx(), "2", "standpunt", "<b>misschien</b>")
    antwoord = _upload(client, inhoud, "fout.xlsx")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<table id="tabelimport-fouten">' in html and 'role="alert"' in html
    assert toegankelijkheidsfouten(html) == []
    assert "<td>4</td>" in html and "<td>standpunt (H)</td>" in html
    assert "&lt;b&gt;misschien&lt;/b&gt;" in html and "<b>misschien" not in html
    assert "token" not in antwoord.context or not antwoord.context.get("token")


def test_beheer_een_andere_gebruiker_kan_het_token_niet_gebruiken(
    voorbeeldbrief, coordinator, beheerder, client_for
):
    antwoord = _upload(client_for(coordinator), wijzig_csv(export_csv(), "1", "aanbeveling", "X."))
    token = antwoord.context["token"]
    ander = client_for(beheerder).post(IMPORT_URL, {"stap": "importeer", "token": token})
    assert "verlopen of al gebruikt" in ander.content.decode()
    assert Aanbeveling.objects.get(advies__slug=SLUG, nummer="1").tekst != "X."


def test_beheer_bevestigen_controleert_opnieuw(tweede_versie, coordinator, client_for):
    # Between check and confirmation the letter went to review: nothing is written.
    client = client_for(coordinator)
    antwoord = _upload(client, wijzig_csv(export_csv(), "4", "standpunt", "in onderzoek"))
    assert antwoord.context["verslag"].standpunten_gewijzigd == 1
    Reactiebrief.objects.filter(pk=tweede_versie.pk).update(status=Briefstatus.TER_REVIEW)
    voor = toestand()
    klaar = client.post(IMPORT_URL, {"stap": "importeer", "token": antwoord.context["token"]})
    assert klaar.status_code == 200 and "is ter review" in klaar.content.decode()
    assert toestand() == voor


def test_beheer_te_groot_bestand(voorbeeldbrief, coordinator, client_for, settings):
    settings.TABELIMPORT_MAX_BYTES = 100
    antwoord = _upload(client_for(coordinator), export_csv())
    assert "te groot" in antwoord.content.decode()
    assert antwoord.context["form"].errors


def test_beheer_geweigerd_voor_analist_en_redacteur(analist, redacteur, client_for):
    antwoord = client_for(analist).get(IMPORT_URL)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/admin/login/")
    assert client_for(redacteur).get(IMPORT_URL).status_code == 403
    assert client_for(redacteur).post(IMPORT_URL, {"stap": "controleer"}).status_code == 403
    lijst = client_for(redacteur).get(reverse("admin:advies_aanbeveling_changelist"))
    assert IMPORT_URL not in lijst.content.decode()
