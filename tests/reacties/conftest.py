"""Fixtures for the letter tests: the example letter, loaded through the real importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from reacties.models import Reactiebrief
from reacties.uitwisseling.importeren import importeer_document, lees_bestand

VOORBEELD = (
    Path(__file__).resolve().parents[2] / "reacties/voorbeeld/ruimte-maken-voor-ontmoeting.json"
)


@pytest.fixture
def voorbeeldbrief(db) -> Reactiebrief:
    importeer_document(lees_bestand(VOORBEELD))
    return Reactiebrief.objects.get(advies__slug="ruimte-maken-voor-ontmoeting", versie=1)


@pytest.fixture(autouse=True)
def _lege_cache():
    # Rendered PDFs are cached by content; every test starts without them.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
