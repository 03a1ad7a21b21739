"""Writes: import an exchange document (docs/uitwisselformaat.md) into the database.

The import runs in three stages, and nothing is written unless the first two pass:

1. the JSON Schema (structure, required keys, choices, lengths that the database enforces);
2. semantic checks that a schema cannot express (references, duplicates, order, footnotes,
   real dates), resolving references first in the document, then in the database;
3. the writes, in one transaction.

Every problem found is reported as one Dutch line that names the place in the document, so
a user can fix a file in one go instead of one error per run.

This module is the public entry; the work lives next to it: ``meldingen`` (the error,
reading a file, places and messages), ``schemacontrole`` (stage 0 and 1), ``controle``
(stage 2, ``controleer_document``), ``referenties`` (reference data and the references
to it) and ``schrijven`` (stage 3).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db import DataError, IntegrityError, transaction

# Not used here: kept so that ``importeren._Controle`` still names the semantic checks.
from reacties.uitwisseling.controle import _Controle as _Controle
from reacties.uitwisseling.controle import controleer_document
from reacties.uitwisseling.meldingen import Importfout, Pad, lees_bestand, plaats
from reacties.uitwisseling.referenties import verwijzingen
from reacties.uitwisseling.schemacontrole import SCHEMA_PAD, schema
from reacties.uitwisseling.schrijven import Schrijver

__all__ = [
    "SCHEMA_PAD",
    "Importfout",
    "Importresultaat",
    "Pad",
    "controleer_document",
    "importeer_document",
    "lees_bestand",
    "plaats",
    "schema",
    "verwijzingen",
]


@dataclass(frozen=True)
class Importresultaat:
    """How many records of each kind the document held (and the import wrote)."""

    bestuurslagen: int = 0
    raden: int = 0
    ministeries: int = 0
    ambtsdragers: int = 0
    organisaties: int = 0
    programmas: int = 0
    programmaonderdelen: int = 0
    adviezen: int = 0
    aanbevelingen: int = 0
    brieven: int = 0
    ondertekenaars: int = 0
    briefprogrammas: int = 0
    voetnoten: int = 0
    secties: int = 0
    reacties: int = 0
    programmakoppelingen: int = 0
    toezeggingen: int = 0

    @classmethod
    def uit_document(cls, document: dict) -> Importresultaat:
        brieven = [b for a in document["adviezen"] for b in a["brieven"]]
        secties = [s for b in brieven for s in b["secties"]]
        reacties = [r for s in secties for r in s["reacties"]]
        return cls(
            bestuurslagen=len(document["bestuurslagen"]),
            raden=len(document["raden"]),
            ministeries=len(document["ministeries"]),
            ambtsdragers=len(document["ambtsdragers"]),
            organisaties=len(document["organisaties"]),
            programmas=len(document["programmas"]),
            programmaonderdelen=sum(len(p["onderdelen"]) for p in document["programmas"]),
            adviezen=len(document["adviezen"]),
            aanbevelingen=sum(len(a["aanbevelingen"]) for a in document["adviezen"]),
            brieven=len(brieven),
            ondertekenaars=sum(len(b["ondertekenaars"]) for b in brieven),
            briefprogrammas=sum(len(b["programmas"]) for b in brieven),
            voetnoten=sum(len(b["voetnoten"]) for b in brieven),
            secties=len(secties),
            reacties=len(reacties),
            programmakoppelingen=sum(len(r["programmas"]) for r in reacties),
            toezeggingen=sum(len(r["toezeggingen"]) for r in reacties),
        )

    def regels(self) -> list[str]:
        """The counts as aligned lines for the command's summary."""
        return [f"  {_LABELS[f.name]:<22}{getattr(self, f.name):>6}" for f in fields(self)]


_LABELS = {
    "bestuurslagen": "bestuurslagen",
    "raden": "adviesraden",
    "ministeries": "ministeries",
    "ambtsdragers": "ambtsdragers",
    "organisaties": "organisaties",
    "programmas": "programma's",
    "programmaonderdelen": "programmaonderdelen",
    "adviezen": "adviezen",
    "aanbevelingen": "aanbevelingen",
    "brieven": "reactiebrieven",
    "ondertekenaars": "ondertekenaars",
    "briefprogrammas": "programma's in brieven",
    "voetnoten": "voetnoten",
    "secties": "secties",
    "reacties": "reacties",
    "programmakoppelingen": "programmakoppelingen",
    "toezeggingen": "toezeggingen",
}


def importeer_document(document: dict) -> Importresultaat:
    """Check ``document`` completely, then write it in one transaction (all or nothing)."""
    fouten = controleer_document(document)
    if fouten:
        raise Importfout(fouten)
    try:
        with transaction.atomic():
            Schrijver(document).schrijf()
    except (IntegrityError, DataError) as exc:
        # The checks above should catch everything; this is the safety net, and the
        # transaction has been rolled back by the time we get here.
        melding = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Importfout(
            [f"De database weigerde de gegevens; er is niets gewijzigd. Melding: {melding}"]
        ) from exc
    return Importresultaat.uit_document(document)
