"""Checks: everything that stands between a document and its import, read-only.

``controleer_document`` runs stage 0 and 1 (format, version, JSON Schema; see
``schemacontrole``) and then stage 2: the semantic checks that a schema cannot express
(references, duplicates, order, footnotes, real dates), resolving references first in the
document, then in the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator

from adviesmonitor.richtext import sanitize
from programmas.models import Programmaonderdeel
from reacties.models import Reactiebrief
from reacties.uitwisseling.meldingen import Pad, gesorteerd, json_soort, plaats, toon
from reacties.uitwisseling.referenties import (
    SOORTEN,
    Soort,
    brieven_in,
    onderdeelverwijzingen,
    programmalijsten,
    reacties_in,
    verwijzingen,
)
from reacties.uitwisseling.schemacontrole import formaatfouten, schemafouten


def controleer_document(document: Any) -> list[str]:
    """Every problem in ``document`` as a Dutch line; empty when it can be imported."""
    if not isinstance(document, dict):
        return [f"document: moet een JSON-object zijn, niet {json_soort(document)}"]
    # A file of another format or version would drown in schema errors: say that first.
    fouten = formaatfouten(document)
    if fouten:
        return fouten
    fouten = schemafouten(document)
    if fouten:
        return fouten
    return _Controle(document).uitvoeren()


# --- stage 2: semantic checks --------------------------------------------------------------

# Links in the format are web pages; other schemes (javascript:, file:) have no place here.
_URL = URLValidator(schemes=["http", "https"])

_VOETNOOTVERWIJZING = re.compile(r'<sup\b[^>]*?\bdata-voetnoot="([^"]*)"')


def _bekende_onderdelen(
    document: dict, gevraagd: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """The (programme, part) pairs that exist in the document or in the database."""
    bekend = {(p["slug"], o["sleutel"]) for p in document["programmas"] for o in p["onderdelen"]}
    ontbrekend = set(gevraagd) - bekend
    if ontbrekend:
        rijen = Programmaonderdeel.objects.filter(
            programma__slug__in={p for p, _ in ontbrekend}, sleutel__in={o for _, o in ontbrekend}
        ).values_list("programma__slug", "sleutel")
        bekend |= set(rijen) & ontbrekend
    return bekend


def _programmasleutel(verwijzing: dict) -> str:
    """A programme reference as shown in a duplicate's message: ‘programme › part’."""
    if verwijzing["onderdeel"] is None:
        return verwijzing["programma"]
    return f"{verwijzing['programma']} › {verwijzing['onderdeel']}"


class _Controle:
    """The semantic checks; collects (place, message) pairs and reports them in file order."""

    def __init__(self, document: dict) -> None:
        self.doc = document
        self.fouten: list[tuple[Pad, str]] = []

    def fout(self, pad: Pad, melding: str) -> None:
        self.fouten.append((pad, melding))

    def uitvoeren(self) -> list[str]:
        self._nul_tekens(self.doc, ())
        if self.fouten:
            # PostgreSQL refuses U+0000 even as a query parameter: the checks below look
            # names and keys up in the database, so stop here.
            return gesorteerd(self.doc, self.fouten)
        for soort in SOORTEN.values():
            self._referentielijst(soort)
        self._verwijzingen()
        self._dubbele_programmas()
        self._ambtsdragers()
        for i, organisatie in enumerate(self.doc["organisaties"]):
            self._url(("organisaties", i, "url"), organisatie["url"])
        for i, programma in enumerate(self.doc["programmas"]):
            self._programma(("programmas", i), programma)
        self._dubbel(("adviezen",), self.doc["adviezen"], "slug")
        for i, advies in enumerate(self.doc["adviezen"]):
            self._advies(("adviezen", i), advies)
        self._kenmerken()
        return gesorteerd(self.doc, self.fouten)

    # General checks.

    def _nul_tekens(self, knoop: Any, pad: Pad) -> None:
        # PostgreSQL cannot store U+0000 in text; refuse it here instead of failing mid-write.
        if isinstance(knoop, str) and "\x00" in knoop:
            self.fout(pad, "bevat een nul-teken (U+0000); dat kan niet worden opgeslagen")
        elif isinstance(knoop, dict):
            for sleutel, waarde in knoop.items():
                self._nul_tekens(waarde, (*pad, sleutel))
        elif isinstance(knoop, list):
            for i, waarde in enumerate(knoop):
                self._nul_tekens(waarde, (*pad, i))

    def _dubbel(self, lijstpad: Pad, items: list[dict], veld: str | Callable[[dict], Any]) -> None:
        """Report every item whose value of ``veld`` an earlier item of the list already has."""
        lijst = str(lijstpad[-1])
        gezien: dict[Any, int] = {}
        for i, item in enumerate(items):
            waarde = veld(item) if callable(veld) else item[veld]
            if waarde in gezien:
                waar = (*lijstpad, i) if callable(veld) else (*lijstpad, i, veld)
                self.fout(waar, f"{toon(waarde)} komt al voor in {lijst}[{gezien[waarde]}]")
            else:
                gezien[waarde] = i

    def _datum(self, pad: Pad, waarde: str | None) -> date | None:
        if not isinstance(waarde, str):
            return None
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            self.fout(pad, f"{toon(waarde)} is geen bestaande datum")
            return None

    def _url(self, pad: Pad, waarde: str) -> None:
        if not waarde:
            return
        try:
            _URL(waarde)
        except DjangoValidationError:
            self.fout(pad, f"{toon(waarde)} is geen geldige link (begin met https://)")

    def _voetnoten(self, pad: Pad, html: str, nummers: set[int]) -> None:
        """Footnote calls in rich text must name a footnote of the same letter."""
        for verwijzing in _VOETNOOTVERWIJZING.findall(sanitize(html)):
            if not verwijzing.isdigit():
                self.fout(pad, f"verwijzing naar voetnoot {toon(verwijzing)} is geen nummer")
            elif int(verwijzing) not in nummers:
                self.fout(
                    pad,
                    f"verwijst naar voetnoot {int(verwijzing)}, "
                    f"maar de brief heeft geen voetnoot {int(verwijzing)}",
                )

    def _bovenliggend(self, lijstpad: Pad, items: list[dict], veld: str, wat: str) -> None:
        """``bovenliggend`` must name an item earlier in the same list: no cycles possible."""
        lijst = str(lijstpad[-1])
        posities: dict[str, int] = {}
        for i, item in enumerate(items):
            posities.setdefault(item[veld], i)
        for i, item in enumerate(items):
            ouder = item["bovenliggend"]
            if ouder is None:
                continue
            j = posities.get(ouder)
            pad = (*lijstpad, i, "bovenliggend")
            if j is None:
                self.fout(pad, f"{wat} {toon(ouder)} staat niet in deze lijst")
            elif j == i:
                self.fout(pad, f"verwijst naar zichzelf; kies een eerder(e) {wat}")
            elif j > i:
                self.fout(
                    pad,
                    f"{wat} {toon(ouder)} moet eerder in de lijst staan (staat nu in {lijst}[{j}])",
                )

    # Reference data.

    def _referentielijst(self, soort: Soort) -> None:
        items = self.doc[soort.lijst]
        self._dubbel((soort.lijst,), items, soort.sleutel)
        if soort.naam_uniek:
            self._dubbel((soort.lijst,), items, "naam")
            self._naam_in_database(soort, items)

    def _naam_in_database(self, soort: Soort, items: list[dict]) -> None:
        """A name that another record in the database already has would break its unique key."""
        bezet = dict(
            soort.model.objects.filter(naam__in={i["naam"] for i in items}).values_list(
                "naam", soort.sleutel
            )
        )
        posities: dict[str, int] = {}
        eerste_naam: dict[str, int] = {}
        for i, item in enumerate(items):
            posities.setdefault(item[soort.sleutel], i)
            eerste_naam.setdefault(item["naam"], i)
        for i, item in enumerate(items):
            if posities[item[soort.sleutel]] != i or eerste_naam[item["naam"]] != i:
                continue  # a duplicate key or name is reported already; this adds only noise
            houder = bezet.get(item["naam"])
            if houder is None or houder == item[soort.sleutel]:
                continue
            # Renamed by an earlier item of this file, so the name is free by the time we write.
            j = posities.get(houder)
            if j is not None and j < i and items[j]["naam"] != item["naam"]:
                continue
            self.fout(
                (soort.lijst, i, "naam"),
                f"{toon(item['naam'])} is in de database al de naam van {toon(houder)}",
            )

    def _verwijzingen(self) -> None:
        for lijst, gevonden in verwijzingen(self.doc).items():
            soort = SOORTEN[lijst]
            in_document = {item[soort.sleutel] for item in self.doc[lijst]}
            gevraagd = {sleutel for _, sleutel in gevonden} - in_document
            in_database = set(
                soort.model.objects.filter(**{f"{soort.sleutel}__in": gevraagd}).values_list(
                    soort.sleutel, flat=True
                )
            )
            for pad, sleutel in gevonden:
                if sleutel not in in_document and sleutel not in in_database:
                    self.fout(
                        pad,
                        f"{soort.onbekend} {toon(sleutel)} "
                        "(staat niet in het bestand en niet in de database)",
                    )
        paren = onderdeelverwijzingen(self.doc)
        bekend = _bekende_onderdelen(self.doc, [paar for _, paar in paren])
        for pad, (programma, onderdeel) in paren:
            if (programma, onderdeel) not in bekend:
                self.fout(
                    pad, f"onderdeel {toon(onderdeel)} hoort niet bij programma {toon(programma)}"
                )

    def _dubbele_programmas(self) -> None:
        """Each programme, or part, once in a letter's list and once in each response's."""
        for lijstpad, lijst in programmalijsten(self.doc):
            self._dubbel(lijstpad, lijst, _programmasleutel)

    def _ambtsdragers(self) -> None:
        for i, ambtsdrager in enumerate(self.doc["ambtsdragers"]):
            pad = ("ambtsdragers", i)
            begin = self._datum((*pad, "begin"), ambtsdrager["begin"])
            einde = self._datum((*pad, "einde"), ambtsdrager["einde"])
            if begin and einde and einde < begin:
                self.fout((*pad, "einde"), "ligt vóór het begin van de ambtstermijn")

    def _programma(self, pad: Pad, programma: dict) -> None:
        self._url((*pad, "url"), programma["url"])
        onderdelen = programma["onderdelen"]
        self._dubbel((*pad, "onderdelen"), onderdelen, "sleutel")
        self._bovenliggend((*pad, "onderdelen"), onderdelen, "sleutel", "onderdeel")

    # Reports.

    def _advies(self, pad: Pad, advies: dict) -> None:
        self._datum((*pad, "publicatiedatum"), advies["publicatiedatum"])
        self._datum((*pad, "ontvangstdatum"), advies["ontvangstdatum"])
        self._url((*pad, "url"), advies["url"])
        aanbevelingen = advies["aanbevelingen"]
        self._dubbel((*pad, "aanbevelingen"), aanbevelingen, "nummer")
        self._bovenliggend((*pad, "aanbevelingen"), aanbevelingen, "nummer", "aanbeveling")
        self._dubbel((*pad, "brieven"), advies["brieven"], "versie")
        nummers = {a["nummer"] for a in aanbevelingen}
        for j, brief in enumerate(advies["brieven"]):
            self._brief((*pad, "brieven", j), brief, nummers)

    def _brief(self, pad: Pad, brief: dict, aanbevelingen: set[str]) -> None:
        self._datum((*pad, "datum"), brief["datum"])
        self._dubbel((*pad, "voetnoten"), brief["voetnoten"], "nummer")
        voetnoten = {v["nummer"] for v in brief["voetnoten"]}
        self._voetnoten((*pad, "opening"), brief["opening"], voetnoten)
        self._voetnoten((*pad, "slot"), brief["slot"], voetnoten)
        for k, voetnoot in enumerate(brief["voetnoten"]):
            self._voetnoten((*pad, "voetnoten", k, "tekst"), voetnoot["tekst"], voetnoten)
        for k, sectie in enumerate(brief["secties"]):
            self._voetnoten((*pad, "secties", k, "tekst"), sectie["tekst"], voetnoten)
        for rpad, reactie in reacties_in(brief, pad):
            self._reactie(rpad, reactie, aanbevelingen, voetnoten)

    def _reactie(
        self, pad: Pad, reactie: dict, aanbevelingen: set[str], voetnoten: set[int]
    ) -> None:
        for k, nummer in enumerate(reactie["aanbevelingen"]):
            if nummer not in aanbevelingen:
                self.fout(
                    (*pad, "aanbevelingen", k),
                    f"aanbeveling {toon(nummer)} staat niet in dit advies",
                )
        if not sanitize(reactie["tekst"]):
            self.fout(
                (*pad, "tekst"),
                "is leeg nadat de niet-toegestane opmaak is verwijderd; "
                "een reactie heeft tekst nodig",
            )
        self._voetnoten((*pad, "tekst"), reactie["tekst"], voetnoten)
        for k, toezegging in enumerate(reactie["toezeggingen"]):
            self._datum((*pad, "toezeggingen", k, "deadline"), toezegging["deadline"])

    def _kenmerken(self) -> None:
        """A non-empty kenmerk is unique over all letters, also those of other reports."""
        gezien: dict[str, Pad] = {}
        for pad, _advies, brief in brieven_in(self.doc):
            kenmerk = brief["kenmerk"]
            if not kenmerk:
                continue
            if kenmerk in gezien:
                self.fout(
                    (*pad, "kenmerk"),
                    f"{toon(kenmerk)} staat al op {plaats(self.doc, gezien[kenmerk])}",
                )
            else:
                gezien[kenmerk] = pad
        # Letters of reports in this file are replaced, so only other reports can clash.
        bezet = Reactiebrief.objects.filter(kenmerk__in=set(gezien)).exclude(
            advies__slug__in={a["slug"] for a in self.doc["adviezen"]}
        )
        for kenmerk, advies in bezet.values_list("kenmerk", "advies__slug"):
            self.fout(
                (*gezien[kenmerk], "kenmerk"),
                f"{toon(kenmerk)} staat in de database al op een brief bij advies {toon(advies)}",
            )
