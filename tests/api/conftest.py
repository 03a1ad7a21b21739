"""The API's test world: the sent example letter, and next to it two letters in concept that
anonymous visitors must never see anything of."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client

from advies.models import Aanbeveling, Advies
from programmas.models import Programma
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import (
    Briefprogramma,
    Briefstatus,
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Standpunt,
    Toezegging,
)
from reacties.uitwisseling.importeren import importeer_document, lees_bestand

# Words that occur only in the concept letters: none of them may reach an anonymous visitor.
GEHEIM = ("Geheime concepttekst", "Concepttoezegging", "alleen-in-concept", "nog-niet-verzonden")


@dataclass
class Conceptwereld:
    verzonden: Reactiebrief  # the example letter
    concept: Reactiebrief  # version 2 of the example letter, in concept
    los_concept: Reactiebrief  # the only letter on a report of its own
    verborgen_advies: Advies
    verborgen_aanbeveling: Aanbeveling
    verborgen_programma: Programma
    concept_reacties: list[Reactie] = field(default_factory=list)
    concept_toezeggingen: list[Toezegging] = field(default_factory=list)


def _conceptbrief(advies: Advies, versie: int, aanbeveling: Aanbeveling, programma: Programma):
    brief = Reactiebrief.objects.create(
        advies=advies,
        versie=versie,
        onderwerp="Geheime concepttekst in het onderwerp",
        kenmerk=f"nog-niet-verzonden-{versie}-{advies.pk}",
        status=Briefstatus.CONCEPT,
        opening="<p>Geheime concepttekst in de opening.</p>",
    )
    Briefprogramma.objects.create(brief=brief, programma=programma, volgorde=1)
    sectie = Sectie.objects.create(brief=brief, volgorde=1, kop="Geheime concepttekst")
    reactie = Reactie.objects.create(
        sectie=sectie,
        volgorde=1,
        tekst="<p>Geheime concepttekst: wij nemen dit <em>niet</em> over.</p>",
        standpunt=Standpunt.NIET,
    )
    reactie.aanbevelingen.set([aanbeveling])
    Programmakoppeling.objects.create(reactie=reactie, programma=programma, soort=Koppelsoort.NIEUW)
    toezegging = Toezegging.objects.create(
        reactie=reactie, volgorde=1, tekst="Concepttoezegging: een plan.", programma=programma
    )
    return brief, reactie, toezegging


def bouw_conceptwereld(voorbeeldbrief: Reactiebrief) -> Conceptwereld:
    assert voorbeeldbrief.status == Briefstatus.VERZONDEN
    programma = Programma.objects.create(
        slug="alleen-in-concept", naam="Alleen in concept", soort=Programma.Soort.PROGRAMMA
    )
    eerste = voorbeeldbrief.advies.aanbevelingen.order_by("volgorde").first()
    concept, reactie, toezegging = _conceptbrief(voorbeeldbrief.advies, 2, eerste, programma)
    advies = Advies.objects.create(slug="nog-niet-verzonden-advies", titel="Geheime concepttekst")
    aanbeveling = Aanbeveling.objects.create(
        advies=advies, nummer="1", volgorde=1, tekst="Een aanbeveling nog-niet-verzonden."
    )
    los, los_reactie, los_toezegging = _conceptbrief(advies, 1, aanbeveling, programma)
    return Conceptwereld(
        verzonden=voorbeeldbrief,
        concept=concept,
        los_concept=los,
        verborgen_advies=advies,
        verborgen_aanbeveling=aanbeveling,
        verborgen_programma=programma,
        concept_reacties=[reactie, los_reactie],
        concept_toezeggingen=[toezegging, los_toezegging],
    )


@contextmanager
def teruggedraaid(django_db_blocker) -> Iterator[None]:
    """A transaction around a whole test module, rolled back at its end: records made in it
    once are there for every test of the module, each of which runs in a savepoint inside.
    Only for modules whose tests read and never write (every test of the API)."""
    with django_db_blocker.unblock():
        buiten = transaction.atomic()
        buiten.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)


@pytest.fixture(scope="module")
def conceptwereld(django_db_setup, django_db_blocker) -> Iterator[Conceptwereld]:
    """The example letter and the concept letters, made once per test module."""
    with teruggedraaid(django_db_blocker):
        importeer_document(lees_bestand(VOORBEELD))
        yield bouw_conceptwereld(
            Reactiebrief.objects.get(advies__slug="ruimte-maken-voor-ontmoeting")
        )


def haal(client: Client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)


def pad(url: str) -> str:
    """The path and query of an absolute URL from the API, for the test client."""
    delen = urlsplit(url)
    return f"{delen.path}?{delen.query}" if delen.query else delen.path


def alle_paginas(client: Client, url: str) -> list[dict]:
    """Every result of a list, following ``volgende`` to the end."""
    resultaten: list[dict] = []
    while url:
        pagina = haal(client, url)
        resultaten += pagina["resultaten"]
        url = pad(pagina["volgende"]) if pagina["volgende"] else ""
    return resultaten
