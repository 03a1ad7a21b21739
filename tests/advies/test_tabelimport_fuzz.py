"""Fuzzing the table import (advies.tabelimport) with Hypothesis.

Whatever comes in (arbitrary bytes, damaged real files, arbitrary headers and cells with
markup, formula prefixes, huge numbers and control characters), the import either refuses
it with a clean list of messages and writes nothing, or imports it; it never raises
anything else. After a successful import every stored plain text is clean (no markup, no
control characters) and every stored rich text equals its sanitised form. The admin page
answers 200 and shows no payload unescaped.

Bounded for CI: a fixed number of examples, derandomized (the same examples every run) and
without Hypothesis's example database (no files written).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from advies.export import KOLOMMEN
from advies.models import Aanbeveling
from advies.tabelimport import Melding, Tabelfout, importeer_tabel, lees_tabel
from advies.tabelimport.cellen import schone_tekst
from adviesmonitor.richtext import sanitize
from adviesmonitor.rollen import REDACTEUR
from reacties.models import (
    Briefstatus,
    Briefversie,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from tests import factories
from tests.conftest import zaai_referentiedata

pytestmark = pytest.mark.django_db

INSTELLINGEN = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# --- a small world, made once for the module -------------------------------------------------


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker):
    """Two reports: one answered by a letter in concept (with a response and a commitment
    to recommendation 1), one by a sent letter. Made once inside a transaction that is
    rolled back at the end; every example runs in a savepoint that is rolled back too."""
    with django_db_blocker.unblock():
        buiten = transaction.atomic()
        buiten.__enter__()
        try:
            if not Group.objects.filter(name=REDACTEUR).exists():
                zaai_referentiedata()
            slugs = []
            for status in (Briefstatus.CONCEPT, Briefstatus.VERZONDEN):
                advies = factories.maak_advies()
                een = Aanbeveling.objects.create(
                    advies=advies, nummer="1", volgorde=1, tekst="Een."
                )
                Aanbeveling.objects.create(
                    advies=advies, nummer="1.1", volgorde=2, tekst="Een punt een.", bovenliggend=een
                )
                Aanbeveling.objects.create(advies=advies, nummer="2", volgorde=3, tekst="Twee.")
                brief = factories.maak_reactiebrief(advies)
                reactie = factories.maak_reactie(factories.maak_sectie(brief), aanbevelingen=[een])
                factories.maak_toezegging(reactie)
                Reactiebrief.objects.filter(pk=brief.pk).update(status=status)
                slugs.append(advies.slug)
            yield slugs
        finally:
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)


def vingerafdruk() -> tuple:
    """Everything the import may write."""
    return (
        sorted(
            Aanbeveling.objects.values_list(
                "pk", "advies", "nummer", "volgorde", "tekst", "bovenliggend"
            )
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


_OPMAAK = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>|<!|<\?")
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def controleer_opgeslagen() -> None:
    for tekst in [
        *Aanbeveling.objects.values_list("tekst", flat=True),
        *Toezegging.objects.values_list("tekst", flat=True),
    ]:
        assert tekst == schone_tekst(tekst), tekst
        assert tekst and not _OPMAAK.search(tekst) and not _STUURTEKENS.search(tekst), tekst
    rijk = [
        *Reactie.objects.values_list("tekst", flat=True),
        *Sectie.objects.values_list("tekst", flat=True),
        *Voetnoot.objects.values_list("tekst", flat=True),
        *Reactiebrief.objects.values_list("opening", flat=True),
        *Reactiebrief.objects.values_list("slot", flat=True),
    ]
    assert all(tekst == sanitize(tekst) for tekst in rijk)


def probeer(inhoud: bytes, naam: str) -> None:
    """The property: a clean refusal that wrote nothing, or a clean import."""
    voor = vingerafdruk()
    with transaction.atomic():
        try:
            importeer_tabel(lees_tabel(inhoud, naam))
        except Tabelfout as fout:
            assert fout.fouten
            assert all(isinstance(m, Melding) and m.tekst.strip() for m in fout.fouten)
            assert all(m.rij is None or m.rij >= 1 for m in fout.fouten)
            # Shown on a page and printed in a terminal: no control characters.
            assert all(str(m).isprintable() for m in fout.fouten)
            assert vingerafdruk() == voor
        else:
            controleer_opgeslagen()
        transaction.set_rollback(True)


# --- strategies ------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<p>opmaak</p>",
    "<!-- commentaar -->",
    '=HYPERLINK("https://example.org")',
    "'=1+1",
    "+31 70 123",
    "-1",
    "@SUM(A1)",
    "'\t",
    "\x00",
    "\x1b[31mrood",
    "a\u2028b",
    "\ufeff",
    "1e309",
    "9" * 40,
    "-0",
    "NaN",
    "a < b en c > d",
    "Tekst (open)",
    "Tekst (in uitvoering; deadline 2026)\nNog een (voldaan; deadline 1-6-2026)",
    "Tekst (open; deadline 2024-02-30)",
    "Tekst (open; deadline 99999)",
    "(open)",
    "overgenomen",
    "deels overgenomen; in onderzoek",
    "geen standpunt",
    "Rijk, gemeente",
    "rijk;provincie;Atlantis",
    "x" * 200,
]


def _cel(slugs: list[str]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.sampled_from([*slugs, "1", "1.1", "2", "3", "9.9", ""]),
        st.sampled_from(PAYLOADS),
        st.text(max_size=40),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.dates(min_value=dt.date(1000, 1, 1)),
        st.none(),
        st.booleans(),
    )


KOPPEN = st.one_of(
    st.permutations(["advies_slug", "nummer", "aanbeveling", "standpunt", "toezeggingen"]),
    st.lists(
        st.one_of(
            st.sampled_from([*KOLOMMEN, "", "onbekend", " Nummer ", "programmas"]),
            st.text(max_size=12),
        ),
        max_size=9,
    ),
)


@st.composite
def tabellen(draw, slugs: list[str]) -> tuple[list[object], list[list[object]]]:
    koppen = list(draw(KOPPEN))
    rijen = draw(st.lists(st.lists(_cel(slugs), min_size=0, max_size=len(koppen) + 2), max_size=8))
    return koppen, rijen


def als_bytes(
    koppen: list[object], rijen: list[list[object]], soort: str, teken: str, bom: bool
) -> bytes:
    if soort == "xlsx":
        werkboek = openpyxl.Workbook()
        blad = werkboek.active
        for rij in [koppen, *rijen]:
            blad.append(
                [ILLEGAL_CHARACTERS_RE.sub("", w) if isinstance(w, str) else w for w in rij]
            )
        uit = io.BytesIO()
        werkboek.save(uit)
        return uit.getvalue()
    tekst = io.StringIO(newline="")
    schrijver = csv.writer(tekst, delimiter=teken, lineterminator="\r\n")
    schrijver.writerows([["" if w is None else str(w) for w in rij] for rij in [koppen, *rijen]])
    return (("\ufeff" if bom else "") + tekst.getvalue()).encode("utf-8")


def _geldig_xlsx() -> bytes:
    koppen = ["advies_slug", "nummer", "aanbeveling"]
    return als_bytes(koppen, [["a", "1", "Een."], ["a", "2", "Twee."]], "xlsx", ",", False)


GELDIG_XLSX = _geldig_xlsx()
GELDIG_CSV = b'\xef\xbb\xbfadvies_slug;nummer;aanbeveling\r\na;1;Een.\r\na;2;"Twee\r\nregels"\r\n'


@st.composite
def beschadigd(draw, origineel: bytes) -> bytes:
    """A real file with a few bytes changed, cut short or extended."""
    data = bytearray(origineel)
    for _ in range(draw(st.integers(1, 8))):
        plek = draw(st.integers(0, len(data) - 1))
        data[plek] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data) + draw(st.binary(max_size=20))


BYTES = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=500).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=500).map(lambda b: "\ufeff".encode() + b),
    beschadigd(GELDIG_XLSX),
    beschadigd(GELDIG_CSV),
)


# --- the properties --------------------------------------------------------------------------


@INSTELLINGEN
@given(inhoud=BYTES, naam=st.sampled_from(["a.csv", "a.xlsx", "", "a.xls"]))
def test_willekeurige_bytes(wereld, db, inhoud, naam):
    probeer(inhoud, naam)


@INSTELLINGEN
@given(
    data=st.data(),
    soort=st.sampled_from(["csv", "xlsx"]),
    teken=st.sampled_from([",", ";"]),
    bom=st.booleans(),
)
def test_willekeurige_rijen(wereld, db, data, soort, teken, bom):
    koppen, rijen = data.draw(tabellen(wereld))
    probeer(als_bytes(koppen, rijen, soort, teken, bom), f"a.{soort}")


@INSTELLINGEN
@given(data=st.data())
def test_geldige_rijen_met_vijandige_tekst(wereld, db, data):
    # Rows that reach the writes: the world's reports and numbers, hostile texts.
    tekst = st.one_of(st.sampled_from(PAYLOADS), st.text(min_size=1, max_size=60))
    rijen = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from(wereld),
                st.sampled_from(["1", "1.1", "2", "3", "3.1", "10"]),
                tekst,
                st.sampled_from(["", "Rijk", "gemeente, provincie"]),
                st.sampled_from(
                    ["", "Tekst (open)", "Wij komen met een plan (voldaan; deadline 2026)"]
                ),
            ),
            max_size=6,
        )
    )
    koppen = ["advies_slug", "nummer", "aanbeveling", "bestuurslagen", "toezeggingen"]
    probeer(als_bytes(koppen, [list(r) for r in rijen], "csv", ",", True), "a.csv")


@pytest.fixture
def beheerclient(coordinator, client_for):
    # One client for all examples: a new one would set up the middleware (and WhiteNoise's
    # scan of the static files) for every example.
    return client_for(coordinator)


@settings(INSTELLINGEN, max_examples=30)
@given(data=st.data(), soort=st.sampled_from(["csv", "xlsx"]))
def test_beheerpagina_geeft_nooit_een_serverfout(wereld, db, beheerclient, data, soort):
    koppen, rijen = data.draw(tabellen(wereld))
    bestand = io.BytesIO(als_bytes(koppen, rijen, soort, ",", True))
    bestand.name = f"<script>a</script>.{soort}"
    with transaction.atomic():
        antwoord = beheerclient.post(
            "/admin/advies/aanbeveling/importeren/", {"stap": "controleer", "bestand": bestand}
        )
        transaction.set_rollback(True)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    for payload in ("<script>alert(1)", "<img src=x", "<script>a</script>"):
        assert payload not in html
