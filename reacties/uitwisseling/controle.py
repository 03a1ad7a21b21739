"""Checks: everything that stands between a document and its import, read-only.

``controleer_document`` runs stage 0 and 1 (format, version, JSON Schema; see
``schemacontrole``) and then stage 2: the semantic checks that a schema cannot express
(references, duplicates, order, footnotes, real dates), resolving references first in the
document, then in the database.

A full backup (``volledig: true``) replaces everything when it is restored, so it must be
complete in itself: its references resolve in the file only, and nothing in the database
can clash with it. Instead, restoring it into a database that already holds reports or
answer templates needs ``vervang=True``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator

from advies.models import Advies
from adviesmonitor.richtext import sanitize
from programmas.models import Programmaonderdeel
from reacties.models import Antwoordsjabloon, Reactiebrief
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
from reacties.uitwisseling.schemacontrole import formaatfouten, is_volledig, schemafouten
from reacties.uitwisseling.versies import naar_huidige_versie


def controleer_document(document: Any, vervang: bool = False) -> list[str]:
    """Every problem in ``document`` as a Dutch line; empty when it can be imported.

    ``vervang``: a full backup may replace what the database holds (``importeer
    --vervang``); without it, restoring a backup into a database with reports is refused.
    """
    if not isinstance(document, dict):
        return [f"document: moet een JSON-object zijn, niet {json_soort(document)}"]
    # A file of another format or version would drown in schema errors: say that first.
    fouten = formaatfouten(document)
    if fouten:
        return fouten
    if vervang and not is_volledig(document):
        return [
            "volledig: is false; alleen een volledige back-up (exporteer --alle) kan alle "
            "gegevens vervangen. Importeer een uitwisselbestand zonder --vervang."
        ]
    fouten = schemafouten(document)
    if fouten:
        return fouten
    return _Controle(naar_huidige_versie(document), vervang=vervang).uitvoeren()


def database_bevat_inhoud() -> bool:
    """Reports or answer templates: what a backup may only replace when asked to."""
    return Advies.objects.exists() or Antwoordsjabloon.objects.exists()


# --- stage 2: semantic checks --------------------------------------------------------------

# Links in the format are web pages; other schemes (javascript:, file:) have no place here.
_URL = URLValidator(schemes=["http", "https"])

_VOETNOOTVERWIJZING = re.compile(r'<sup\b[^>]*?\bdata-voetnoot="([^"]*)"')

# What the database stores as a file name: Django's own file names (get_valid_name) under
# the logo folder, never a path that leaves it.
_LOGONAAM = re.compile(r"logos/(?!\.{1,2}$)[-\w.]+", re.ASCII)


def _bekende_onderdelen(
    document: dict, gevraagd: Iterable[tuple[str, str]], database: bool = True
) -> set[tuple[str, str]]:
    """The (programme, part) pairs that exist in the document or in the database."""
    bekend = {(p["slug"], o["sleutel"]) for p in document["programmas"] for o in p["onderdelen"]}
    ontbrekend = set(gevraagd) - bekend
    if ontbrekend and database:
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

    def __init__(self, document: dict, vervang: bool = False) -> None:
        self.doc = document
        self.fouten: list[tuple[Pad, str]] = []
        self.vervang = vervang
        # A backup replaces the database's content: look nothing up in it.
        self.volledig = is_volledig(document)
        self.database = not self.volledig
        self._opgeschoond: dict[str, str] = {}

    def schoon(self, html: str) -> str:
        """``sanitize(html)``, once per text: a text is checked for more than one thing."""
        if html not in self._opgeschoond:
            self._opgeschoond[html] = sanitize(html)
        return self._opgeschoond[html]

    def fout(self, pad: Pad, melding: str) -> None:
        self.fouten.append((pad, melding))

    def uitvoeren(self) -> list[str]:
        self._ongeldige_waarden()
        if self.fouten:
            # PostgreSQL refuses U+0000 even as a query parameter: the checks below look
            # names and keys up in the database, so stop here.
            return gesorteerd(self.doc, self.fouten)
        if self.volledig and not self.vervang and database_bevat_inhoud():
            self.fout(
                ("volledig",),
                "dit is een volledige back-up en de database bevat al adviezen of "
                "antwoordsjablonen; terugzetten vervangt alles (behalve gebruikers): "
                "gebruik importeer --vervang als dat de bedoeling is",
            )
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
        self._antwoordsjablonen()
        if self.volledig:
            self._back_up()
        return gesorteerd(self.doc, self.fouten)

    # General checks.

    def _ongeldige_waarden(self) -> None:
        """Values no database stores: U+0000 (PostgreSQL refuses it in text), half a
        surrogate pair (not encodable as UTF-8) and numbers that are not finite. Checked
        everywhere, keys too (a letter's history holds free JSON), without recursion: a
        deeply nested document must give a message, not a RecursionError."""
        if not _heeft_ongeldige_waarde(self.doc):
            return  # the usual case, found without building a place for every value
        for pad, waarde in _alle_waarden(self.doc):
            if len(pad) > MAX_DIEPTE:
                self.fout(pad[:MAX_DIEPTE], f"is te diep genest (meer dan {MAX_DIEPTE} niveaus)")
                break
            if isinstance(waarde, str):
                melding = _tekstfout(waarde)
                if melding:
                    self.fout(pad, melding)
            elif isinstance(waarde, float) and not math.isfinite(waarde):
                self.fout(pad, f"{waarde} is geen eindig getal")

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

    def _tijdstip(self, pad: Pad, waarde: str) -> None:
        """A moment as the format writes it: a real date and time with a time zone that
        the database can store (in UTC, within the years 1 to 9999)."""
        try:
            moment = datetime.fromisoformat(waarde)
            moment.astimezone(UTC)
        except (ValueError, OverflowError):
            self.fout(pad, f"{toon(waarde)} is geen bestaand tijdstip")

    def _base64(self, pad: Pad, waarde: str) -> bytes | None:
        try:
            return base64.b64decode(waarde, validate=True)
        except (binascii.Error, ValueError):
            self.fout(pad, "is geen geldige base64-tekst")
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
        # Sanitising already removes a data-voetnoot that is not a number; kept as a guard.
        for verwijzing in _VOETNOOTVERWIJZING.findall(self.schoon(html)):
            if not (verwijzing.isascii() and verwijzing.isdigit()):
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
            if self.database:
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
            in_database: set[str] = set()
            if self.database and gevraagd:
                in_database = set(
                    soort.model.objects.filter(**{f"{soort.sleutel}__in": gevraagd}).values_list(
                        soort.sleutel, flat=True
                    )
                )
            waar = (
                "niet in het bestand en niet in de database"
                if self.database
                else "niet in de back-up"
            )
            for pad, sleutel in gevonden:
                if sleutel not in in_document and sleutel not in in_database:
                    self.fout(pad, f"{soort.onbekend} {toon(sleutel)} (staat {waar})")
        paren = onderdeelverwijzingen(self.doc)
        bekend = _bekende_onderdelen(self.doc, [paar for _, paar in paren], self.database)
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
        self._werkstroom(pad, brief)
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
        if not self.schoon(reactie["tekst"]):
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
        if not self.database or not gezien:
            return
        # Letters of reports in this file are replaced, so only other reports can clash.
        bezet = Reactiebrief.objects.filter(kenmerk__in=set(gezien)).exclude(
            advies__slug__in={a["slug"] for a in self.doc["adviezen"]}
        )
        for kenmerk, advies in bezet.values_list("kenmerk", "advies__slug"):
            self.fout(
                (*gezien[kenmerk], "kenmerk"),
                f"{toon(kenmerk)} staat in de database al op een brief bij advies {toon(advies)}",
            )

    # The workflow of a letter: decisions, the frozen PDF and (in a backup) its history.

    def _werkstroom(self, pad: Pad, brief: dict) -> None:
        goedkeuringen = brief["goedkeuringen"]
        self._dubbel(
            (*pad, "goedkeuringen"),
            goedkeuringen,
            lambda g: f"ronde {g['ronde']}, {g['ministerie']}",
        )
        for k, goedkeuring in enumerate(goedkeuringen):
            gpad = (*pad, "goedkeuringen", k)
            self._tijdstip((*gpad, "tijdstip"), goedkeuring["tijdstip"])
            if goedkeuring["besluit"] == "teruggestuurd" and not goedkeuring["opmerking"]:
                self.fout((*gpad, "opmerking"), "mag niet leeg zijn bij een teruggestuurde brief")
        vastlegging = brief["vastlegging"]
        if vastlegging is not None:
            vpad = (*pad, "vastlegging")
            self._tijdstip((*vpad, "tijdstip"), vastlegging["tijdstip"])
            pdf = self._base64((*vpad, "pdf"), vastlegging["pdf"])
            if pdf is not None and hashlib.sha256(pdf).hexdigest() != vastlegging["sha256"]:
                self.fout(
                    (*vpad, "sha256"),
                    "klopt niet met de pdf: het bestand is beschadigd of gewijzigd",
                )
        if self.volledig:
            self._tijdstip((*pad, "gewijzigd"), brief["gewijzigd"])
            self._geschiedenis((*pad, "geschiedenis"), brief["geschiedenis"])

    def _geschiedenis(self, pad: Pad, versies: list[dict]) -> None:
        self._dubbel(pad, versies, "nummer")
        for k, versie in enumerate(versies):
            self._tijdstip((*pad, k, "tijdstip"), versie["tijdstip"])
            # The history page reads the date back: it must be a real one.
            brief = versie["inhoud"]["brief"]
            self._datum((*pad, k, "inhoud", "brief", "datum"), brief["datum"])

    # Answer templates and, in a backup, the users' ministries and the ids.

    def _antwoordsjablonen(self) -> None:
        sjablonen = self.doc["antwoordsjablonen"]
        self._dubbel(("antwoordsjablonen",), sjablonen, "naam")
        for i, sjabloon in enumerate(sjablonen):
            if not self.schoon(sjabloon["tekst"]):
                self.fout(
                    ("antwoordsjablonen", i, "tekst"),
                    "is leeg nadat de niet-toegestane opmaak is verwijderd",
                )
            if self.volledig:
                self._tijdstip(("antwoordsjablonen", i, "gewijzigd"), sjabloon["gewijzigd"])

    def _back_up(self) -> None:
        self._dubbel(("medewerkers",), self.doc["medewerkers"], "gebruiker")
        for i, ministerie in enumerate(self.doc["ministeries"]):
            logo = ministerie["logo"]
            if logo is None:
                continue
            pad = ("ministeries", i, "logo")
            if not _LOGONAAM.fullmatch(logo["naam"]):
                self.fout(
                    (*pad, "naam"),
                    f"{toon(logo['naam'])} is geen geldige bestandsnaam "
                    "(logos/ gevolgd door letters, cijfers, ., - of _)",
                )
            if logo["inhoud"] is not None:
                self._base64((*pad, "inhoud"), logo["inhoud"])
        for soort, items in _records_met_id(self.doc).items():
            gezien: dict[int, Pad] = {}
            for pad, item in items:
                if item["id"] in gezien:
                    self.fout(
                        (*pad, "id"),
                        f"id {item['id']} komt al voor bij {soort} op "
                        f"{plaats(self.doc, gezien[item['id']])}",
                    )
                else:
                    gezien[item["id"]] = pad


def _tekstfout(tekst: str) -> str | None:
    if "\x00" in tekst:
        return "bevat een nul-teken (U+0000); dat kan niet worden opgeslagen"
    try:
        tekst.encode("utf-8")
    except UnicodeEncodeError as exc:
        teken = f"U+{ord(tekst[exc.start]):04X}"
        return f"bevat een ongeldig teken ({teken}, een losse helft van een surrogaatpaar)"
    return None


def _ongeldig(waarde: Any) -> bool:
    if isinstance(waarde, str):
        return _tekstfout(waarde) is not None
    return isinstance(waarde, float) and not math.isfinite(waarde)


# The format itself nests about twelve levels deep (a response's programme links in a
# history snapshot); free JSON in a snapshot may nest a little more, not without limit:
# storing it would exceed Python's recursion limit.
MAX_DIEPTE = 64


def _heeft_ongeldige_waarde(document: Any) -> bool:
    stapel = [(document, 0)]
    while stapel:
        knoop, diepte = stapel.pop()
        if diepte > MAX_DIEPTE:
            return True
        if isinstance(knoop, dict):
            if any(_ongeldig(sleutel) for sleutel in knoop):
                return True
            stapel.extend((waarde, diepte + 1) for waarde in knoop.values())
        elif isinstance(knoop, list):
            stapel.extend((waarde, diepte + 1) for waarde in knoop)
        elif _ongeldig(knoop):
            return True
    return False


def _alle_waarden(document: Any) -> Iterator[tuple[Pad, Any]]:
    """Every value and every object key in the document with its place, depth first."""
    stapel: list[tuple[Pad, Any]] = [((), document)]
    while stapel:
        pad, knoop = stapel.pop()
        if isinstance(knoop, dict):
            for sleutel, waarde in knoop.items():
                yield (*pad, sleutel), sleutel
                stapel.append(((*pad, sleutel), waarde))
        elif isinstance(knoop, list):
            stapel.extend(((*pad, i), waarde) for i, waarde in enumerate(knoop))
        else:
            yield pad, knoop


# A letter's lists and the kind (database table) of their records.
_BRIEFLIJSTEN = {
    "programmas": "programmaverwijzingen",
    "voetnoten": "voetnoten",
    "secties": "secties",
    "goedkeuringen": "goedkeuringen",
    "geschiedenis": "briefversies",
}


def _records_met_id(document: dict) -> dict[str, list[tuple[Pad, dict]]]:
    """Every record of a backup per kind (one per database table), with its place."""
    uit: dict[str, list[tuple[Pad, dict]]] = {}

    def noteer(soort: str, pad: Pad, item: dict) -> None:
        uit.setdefault(soort, []).append((pad, item))

    for lijst in SOORTEN:
        for i, item in enumerate(document[lijst]):
            noteer(lijst, (lijst, i), item)
    for i, programma in enumerate(document["programmas"]):
        for k, onderdeel in enumerate(programma["onderdelen"]):
            noteer("onderdelen", ("programmas", i, "onderdelen", k), onderdeel)
    for i, advies in enumerate(document["adviezen"]):
        noteer("adviezen", ("adviezen", i), advies)
        for k, aanbeveling in enumerate(advies["aanbevelingen"]):
            noteer("aanbevelingen", ("adviezen", i, "aanbevelingen", k), aanbeveling)
    for pad, _advies, brief in brieven_in(document):
        noteer("brieven", pad, brief)
        for lijst, soort in _BRIEFLIJSTEN.items():
            for k, item in enumerate(brief[lijst]):
                noteer(soort, (*pad, lijst, k), item)
        if brief["vastlegging"] is not None:
            noteer("vastleggingen", (*pad, "vastlegging"), brief["vastlegging"])
        for rpad, reactie in reacties_in(brief, pad):
            noteer("reacties", rpad, reactie)
            for lijst, soort in (("programmas", "programmakoppelingen"), ("toezeggingen",) * 2):
                for k, item in enumerate(reactie[lijst]):
                    noteer(soort, (*rpad, lijst, k), item)
    for i, sjabloon in enumerate(document["antwoordsjablonen"]):
        noteer("antwoordsjablonen", ("antwoordsjablonen", i), sjabloon)
    return uit
