"""Fuzzing the exchange importer (``importeer_document``, ``lees_bestand``).

Arbitrary JSON, arbitrary bytes and mutations of valid documents (an exchange export and a
full backup: fields dropped, duplicated or altered, wrong types, huge strings, HTML
payloads, unknown references, ids that clash) either import or are refused with the
importer's own error and its messages; never another exception. After a refusal nothing
was written; after an import every stored rich text is sanitised and harmless. Bounded and
derandomised for CI.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adviesmonitor.richtext import RichTextField, sanitize
from reacties import services
from reacties.models import Briefversie
from reacties.uitwisseling import Importfout, importeer_document, lees_bestand
from reacties.uitwisseling.exporteren import dump, exporteer_document
from reacties.uitwisseling.herstellen import domeinmodellen, schone_momentopname
from reacties.uitwisseling.schemacontrole import (
    _validator,
    _zeker_geldig,
    formaatfouten,
    jsonschema_rs,
)

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# A mutated real file imports (and rolls back) a whole document per example: fewer of them,
# to keep the suite's time in bounds; the random-JSON tests cover the shapes more widely.
FUZZ_BESTAND = settings(FUZZ, max_examples=50)

# --- values a mutation puts in --------------------------------------------------------------

json_waarde = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda kinderen: (
        st.lists(kinderen, max_size=4) | st.dictionaries(st.text(max_size=10), kinderen, max_size=4)
    ),
    max_leaves=12,
)
HTML = [
    "<script>alert(1)</script>",
    '<p onclick="alert(1)">klik</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt&#58;alert(1)">x</a>',
    '<img src=x onerror="alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<sup data-voetnoot="1" onmouseover="alert(1)">1</sup>',
    '<sup data-voetnoot="999">999</sup>',
    "<iframe src=//evil.example></iframe>tekst",
    '"><script>alert(1)</script>',
    "<!--<script>-->",
]
vervanging = st.one_of(
    json_waarde,
    st.sampled_from(HTML),
    st.sampled_from(
        [
            "",
            "x" * 100_000,
            "bestaat-niet",
            "ongeldige sleutel!",
            "2024-02-30",
            "2024-01-01\n",
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+01:00",
            "a\x00b",
            "a\ud800b",
            "BZK",
            "1.1",
            "%PDF",
            2**63,
            -1,
            0,
            1.5,
            10**30,
            True,
            None,
            [],
            {},
        ]
    ),
)


# Mostly a value of the same type, so that the mutation passes the schema and reaches the
# semantic checks and the writers; sometimes anything at all.
ZELFDE_SOORT: dict[type, st.SearchStrategy] = {
    str: st.sampled_from(HTML)
    | st.sampled_from(["", "bestaat-niet", "BZK", "VWS", "1", "1.1", "2", "rijk", "x" * 5000])
    | st.sampled_from(["2024-02-30", "2023-06-01", "2023-06-01T12:00:00+00:00", "teruggestuurd"])
    | st.text(max_size=20),
    bool: st.booleans(),
    int: st.sampled_from([0, 1, 2, 3, -1, 32767, 32768, 2**31, 2**63]) | st.integers(0, 60),
    float: st.floats(allow_nan=False, allow_infinity=False),
    type(None): st.sampled_from([None, "bestaat-niet", "BZK", "minister-vro-rutte-iv", 1]),
}


@st.composite
def gemuteerd(draw, origineel: dict) -> dict:
    """``origineel`` with one to three mutations, each somewhere in the tree."""
    document = copy.deepcopy(origineel)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        knoop: Any = document
        # Walk down, mostly to the leaves: most fields are deep in the reports.
        while True:
            if isinstance(knoop, dict) and knoop:
                sleutel = draw(st.sampled_from(sorted(knoop)))
            elif isinstance(knoop, list) and knoop:
                sleutel = draw(st.integers(min_value=0, max_value=len(knoop) - 1))
            else:
                break
            kind = knoop[sleutel]
            if not isinstance(kind, dict | list) or not kind or draw(st.integers(0, 9)) == 0:
                break
            knoop = kind
        if not isinstance(knoop, dict | list) or not knoop:
            continue
        waarde = knoop[sleutel]
        soort = draw(st.sampled_from(["zelfde"] * 6 + ["dubbel"] * 2 + ["weg", "vreemd", "extra"]))
        if soort == "zelfde" and type(waarde) in ZELFDE_SOORT:
            knoop[sleutel] = draw(ZELFDE_SOORT[type(waarde)])
        elif soort == "dubbel" and isinstance(knoop, list):
            knoop.insert(sleutel, copy.deepcopy(waarde))
        elif soort == "dubbel" and isinstance(waarde, list) and waarde:
            waarde.append(copy.deepcopy(waarde[draw(st.integers(0, len(waarde) - 1))]))
        elif soort == "weg":
            del knoop[sleutel]
        elif soort == "extra" and isinstance(knoop, dict):
            extra = draw(st.sampled_from(["id", "revisie", "onbekend", "gebruiker", "logo"]))
            knoop[extra] = draw(vervanging)
        else:
            knoop[sleutel] = draw(vervanging)
    return document


# --- what must hold ------------------------------------------------------------------------


def aantallen() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in domeinmodellen()}


def toestand() -> tuple[dict[str, int], str]:
    return aantallen(), dump(exporteer_document(volledig=True))


_GEVAARLIJK = re.compile(r"<script|<style|<iframe|<img|javascript:|<[^>]*\son[a-z]+\s*=", re.I)


def rijke_teksten() -> list[str]:
    """Every rich text in the database, history snapshots included."""
    teksten = []
    for model in domeinmodellen():
        for veld in model._meta.concrete_fields:
            if isinstance(veld, RichTextField):
                teksten += model.objects.values_list(veld.attname, flat=True)
    for inhoud in Briefversie.objects.values_list("inhoud", flat=True):
        assert schone_momentopname(inhoud) == inhoud
    return teksten


def probeer(document: Any, vervang: bool = False) -> None:
    """Import: either its own error with messages (and nothing changed) or success (and
    every stored rich text sanitised)."""
    voor = toestand()
    try:
        importeer_document(document, vervang=vervang)
    except Importfout as fout:
        assert fout.fouten and all(isinstance(f, str) and f for f in fout.fouten)
        assert toestand() == voor
        return
    for tekst in rijke_teksten():
        assert sanitize(tekst) == tekst
        assert not _GEVAARLIJK.search(tekst), tekst


def snelle_en_trage_controle_zijn_het_eens(document: Any) -> None:
    """The compiled validator only says "valid" when jsonschema finds nothing."""
    if jsonschema_rs is None or not isinstance(document, dict) or formaatfouten(document):
        return
    versie, volledig = document["versie"], document.get("volledig") is True
    if _zeker_geldig(document, versie, volledig):
        assert not list(_validator(versie, volledig).iter_errors(document))


# --- the documents -------------------------------------------------------------------------


@pytest.fixture
def uitwisseling(voorbeeldbrief, redacteur) -> dict:
    services.maak_sjabloon(
        naam="Sjabloon", tekst="<p>Overgenomen.</p>", standpunt="overgenomen", gebruiker=redacteur
    )
    return exporteer_document(alle=True)


@pytest.fixture
def back_up(uitwisseling) -> dict:
    return exporteer_document(volledig=True)


def test_de_uitgangsdocumenten_zijn_geldig(uitwisseling, back_up):
    importeer_document(copy.deepcopy(uitwisseling))
    importeer_document(copy.deepcopy(back_up), vervang=True)


@FUZZ_BESTAND
@given(data=st.data())
def test_gemuteerd_uitwisselbestand(uitwisseling, data):
    document = data.draw(gemuteerd(uitwisseling))
    snelle_en_trage_controle_zijn_het_eens(document)
    probeer(document)


@FUZZ_BESTAND
@given(data=st.data())
def test_gemuteerde_back_up(back_up, data):
    document = data.draw(gemuteerd(back_up))
    snelle_en_trage_controle_zijn_het_eens(document)
    probeer(document, vervang=True)


@FUZZ
@given(document=json_waarde)
def test_willekeurige_json(document):
    probeer(document)


@FUZZ
@given(
    rest=st.dictionaries(
        st.sampled_from(["bestuurslagen", "raden", "adviezen", "antwoordsjablonen", "x"]),
        json_waarde,
    ),
    versie=st.sampled_from([1, 2]),
    volledig=st.booleans(),
)
def test_willekeurige_json_met_een_goede_kop(rest, versie, volledig):
    document = {"formaat": "adviesmonitor-uitwisseling", "versie": versie, "volledig": volledig}
    probeer({**document, **rest}, vervang=volledig)


@FUZZ
@given(inhoud=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_willekeurige_bytes_als_bestand(inhoud, tmp_path_factory):
    bestand = tmp_path_factory.mktemp("fuzz") / "bestand.json"
    bestand.write_bytes(inhoud)
    try:
        document = lees_bestand(bestand)
    except Importfout as fout:
        assert fout.fouten
        return
    probeer(document)


@pytest.mark.parametrize(
    "tekst",
    [
        '{"formaat": "adviesmonitor-uitwisseling", "versie": ' + "1" * 5000 + "}",
        "[" * 5000 + "]" * 5000,
        '{"a": ' * 3000 + "1" + "}" * 3000,
        '{"x": "\\ud800"}',
        "\ufeff{}",
    ],
    ids=["groot-getal", "diep-lijst", "diep-object", "surrogaat", "bom"],
)
def test_randgevallen_als_bestand(tekst, tmp_path):
    bestand = tmp_path / "bestand.json"
    bestand.write_text(tekst, encoding="utf-8", errors="surrogatepass")
    try:
        document = lees_bestand(bestand)
    except Importfout:
        return
    probeer(document)


def test_diep_geneste_geschiedenis_geeft_een_melding(back_up):
    """The checks walk the document without recursion: depth is no crash."""
    document = copy.deepcopy(back_up)
    diep: Any = "x"
    for _ in range(5000):
        diep = [diep]
    brief = next(b for a in document["adviezen"] for b in a["brieven"] if b["geschiedenis"])
    brief["geschiedenis"][0]["inhoud"]["extra"] = diep
    probeer(document, vervang=True)


def test_ongeldige_tekens_worden_gemeld(uitwisseling):
    document = copy.deepcopy(uitwisseling)
    document["adviezen"][0]["titel"] = "a\ud800b"
    document["raden"][0]["naam"] = "a\x00b"
    with pytest.raises(Importfout) as info:
        importeer_document(document)
    assert any("U+D800" in f for f in info.value.fouten)
    assert any("U+0000" in f for f in info.value.fouten)


def test_het_bestand_van_een_export_gaat_ook(uitwisseling, tmp_path):
    bestand = tmp_path / "u.json"
    bestand.write_text(json.dumps(uitwisseling), encoding="utf-8")
    probeer(lees_bestand(bestand))
