"""Writes: import an exchange document (docs/uitwisselformaat.md) into the database.

The import runs in three stages, and nothing is written unless the first two pass:

1. the JSON Schema (structure, required keys, choices, lengths that the database enforces);
2. semantic checks that a schema cannot express (references, duplicates, order, footnotes,
   real dates), resolving references first in the document, then in the database;
3. the writes, in one transaction: an exchange document is merged report by report
   (``schrijven``), a full backup replaces the content of every domain table
   (``herstellen``).

Every problem found is reported as one Dutch line that names the place in the document, so
a user can fix a file in one go instead of one error per run.

This module is the public entry; the work lives next to it: ``meldingen`` (the error,
reading a file, places and messages), ``schemacontrole`` (stage 0 and 1), ``controle``
(stage 2, ``controleer_document``), ``referenties`` (reference data and the references
to it) and ``schrijven`` (stage 3).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from django.db import DataError, IntegrityError, NotSupportedError, transaction

# Not used here: kept so that ``importeren._Controle`` still names the semantic checks.
from reacties.uitwisseling.controle import _Controle as _Controle
from reacties.uitwisseling.controle import controleer_document, database_bevat_inhoud
from reacties.uitwisseling.herstellen import Hersteller
from reacties.uitwisseling.meldingen import Importfout, Pad, lees_bestand, plaats
from reacties.uitwisseling.referenties import verwijzingen
from reacties.uitwisseling.schemacontrole import SCHEMA_PAD, is_volledig, schema
from reacties.uitwisseling.schrijven import Schrijver
from reacties.uitwisseling.versies import naar_huidige_versie

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
    goedkeuringen: int = 0
    vastleggingen: int = 0
    briefversies: int = 0
    antwoordsjablonen: int = 0
    medewerkers: int = 0
    medewerkers_zonder_gebruiker: int = 0

    @classmethod
    def uit_document(cls, document: dict) -> Importresultaat:
        """The counts of a checked version 2 document."""
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
            goedkeuringen=sum(len(b["goedkeuringen"]) for b in brieven),
            vastleggingen=sum(b["vastlegging"] is not None for b in brieven),
            briefversies=sum(len(b.get("geschiedenis", [])) for b in brieven),
            antwoordsjablonen=len(document["antwoordsjablonen"]),
            medewerkers=len(document.get("medewerkers", [])),
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
    "goedkeuringen": "goedkeuringen",
    "vastleggingen": "vastgelegde pdf's",
    "briefversies": "briefversies",
    "antwoordsjablonen": "antwoordsjablonen",
    "medewerkers": "medewerkers",
    "medewerkers_zonder_gebruiker": "  zonder gebruiker",
}


def importeer_document(document: dict, vervang: bool = False) -> Importresultaat:
    """Check ``document`` completely, then write it in one transaction (all or nothing).

    A full backup (``volledig: true``) replaces everything but the users; into a database
    that holds reports or answer templates only with ``vervang=True``.
    """
    fouten = controleer_document(document, vervang=vervang)
    if fouten:
        raise Importfout(fouten)
    document = naar_huidige_versie(document)
    hersteller = Hersteller(document) if is_volledig(document) else None
    try:
        with transaction.atomic():
            if hersteller is None:
                Schrijver(document).schrijf()
            else:
                # Checked again under the transaction: someone may have added a report
                # since the checks ran.
                if not vervang and database_bevat_inhoud():
                    raise Importfout(
                        ["De database bevat inmiddels adviezen; er is niets gewijzigd."]
                    )
                hersteller.herstel()
    except (IntegrityError, DataError, NotSupportedError) as exc:
        # The checks above should catch everything; this is the safety net, and the
        # transaction has been rolled back by the time we get here.
        if hersteller is not None:
            hersteller.ruim_bestanden_op()
        melding = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Importfout(
            [f"De database weigerde de gegevens; er is niets gewijzigd. Melding: {melding}"]
        ) from exc
    except BaseException:
        if hersteller is not None:
            hersteller.ruim_bestanden_op()
        raise
    resultaat = Importresultaat.uit_document(document)
    if hersteller is not None:
        resultaat = replace(
            resultaat, medewerkers_zonder_gebruiker=hersteller.medewerkers_zonder_gebruiker
        )
    return resultaat
