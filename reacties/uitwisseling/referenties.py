"""Reference data and the document's references to it, shared by the checks and the writer.

Reference data (councils, ministries, office holders, ...) is matched on its natural key,
first in the document, then in the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models

from advies.models import Bestuurslaag, Raad
from programmas.models import Ambtsdrager, Ministerie, Organisatie, Programma
from reacties.uitwisseling.meldingen import Pad


@dataclass(frozen=True)
class Soort:
    """A kind of reference data: its list in the document, its model and natural key."""

    lijst: str
    model: type[models.Model]
    sleutel: str
    onbekend: str  # "onbekende raad"
    naam_uniek: bool = True


SOORTEN = {
    s.lijst: s
    for s in (
        Soort("bestuurslagen", Bestuurslaag, "slug", "onbekende bestuurslaag"),
        Soort("raden", Raad, "afkorting", "onbekende adviesraad"),
        Soort("ministeries", Ministerie, "afkorting", "onbekend ministerie"),
        Soort("ambtsdragers", Ambtsdrager, "sleutel", "onbekende ambtsdrager", False),
        Soort("organisaties", Organisatie, "sleutel", "onbekende organisatie"),
        Soort("programmas", Programma, "slug", "onbekend programma"),
    )
}


def brieven_in(document: dict) -> Iterator[tuple[Pad, dict, dict]]:
    for i, advies in enumerate(document["adviezen"]):
        for j, brief in enumerate(advies["brieven"]):
            yield ("adviezen", i, "brieven", j), advies, brief


def reacties_in(brief: dict, pad: Pad) -> Iterator[tuple[Pad, dict]]:
    for i, sectie in enumerate(brief["secties"]):
        for j, reactie in enumerate(sectie["reacties"]):
            yield (*pad, "secties", i, "reacties", j), reactie


def verwijzingen(document: dict) -> dict[str, list[tuple[Pad, str]]]:
    """Every reference to reference data in the document: kind → [(place, key)]."""
    uit: dict[str, list[tuple[Pad, str]]] = defaultdict(list)

    def noteer(soort: str, pad: Pad, sleutel: str | None) -> None:
        if sleutel is not None:
            uit[soort].append((pad, sleutel))

    for i, ambtsdrager in enumerate(document["ambtsdragers"]):
        noteer("ministeries", ("ambtsdragers", i, "ministerie"), ambtsdrager["ministerie"])
    for i, programma in enumerate(document["programmas"]):
        noteer("ambtsdragers", ("programmas", i, "eigenaar"), programma["eigenaar"])
        noteer("organisaties", ("programmas", i, "uitvoerder"), programma["uitvoerder"])
    for i, advies in enumerate(document["adviezen"]):
        for j, raad in enumerate(advies["raden"]):
            noteer("raden", ("adviezen", i, "raden", j), raad)
        for j, aanbeveling in enumerate(advies["aanbevelingen"]):
            for k, laag in enumerate(aanbeveling["bestuurslagen"]):
                noteer(
                    "bestuurslagen", ("adviezen", i, "aanbevelingen", j, "bestuurslagen", k), laag
                )
    for pad, _advies, brief in brieven_in(document):
        for k, sleutel in enumerate(brief["ondertekenaars"]):
            noteer("ambtsdragers", (*pad, "ondertekenaars", k), sleutel)
        for k, goedkeuring in enumerate(brief.get("goedkeuringen", [])):
            noteer(
                "ministeries", (*pad, "goedkeuringen", k, "ministerie"), goedkeuring["ministerie"]
            )
        for rpad, reactie in reacties_in(brief, pad):
            for k, sleutel in enumerate(reactie["organisaties"]):
                noteer("organisaties", (*rpad, "organisaties", k), sleutel)
            for k, toezegging in enumerate(reactie["toezeggingen"]):
                tpad = (*rpad, "toezeggingen", k)
                noteer("ambtsdragers", (*tpad, "ambtsdrager"), toezegging["ambtsdrager"])
                noteer("organisaties", (*tpad, "organisatie"), toezegging["organisatie"])
                noteer("programmas", (*tpad, "programma"), toezegging["programma"])
    for lijstpad, lijst in programmalijsten(document):
        for k, verwijzing in enumerate(lijst):
            noteer("programmas", (*lijstpad, k, "programma"), verwijzing["programma"])
    for i, medewerker in enumerate(document.get("medewerkers", [])):
        noteer("ministeries", ("medewerkers", i, "ministerie"), medewerker["ministerie"])
    return uit


def programmalijsten(document: dict) -> Iterator[tuple[Pad, list[dict]]]:
    """Every list of programme references: a letter's ``programmas`` (the programmes it names)
    and each response's (its programme links), with their place."""
    for pad, _advies, brief in brieven_in(document):
        yield (*pad, "programmas"), brief["programmas"]
        for rpad, reactie in reacties_in(brief, pad):
            yield (*rpad, "programmas"), reactie["programmas"]


def onderdeelverwijzingen(document: dict) -> list[tuple[Pad, tuple[str, str]]]:
    """Every programme reference that names a part: (place, (programme slug, part key))."""
    uit = []
    for lijstpad, lijst in programmalijsten(document):
        for k, verwijzing in enumerate(lijst):
            if verwijzing["onderdeel"] is not None:
                paar = (verwijzing["programma"], verwijzing["onderdeel"])
                uit.append(((*lijstpad, k, "onderdeel"), paar))
    return uit
