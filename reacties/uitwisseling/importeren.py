"""Writes: import an exchange document (docs/uitwisselformaat.md) into the database.

The import runs in three stages, and nothing is written unless the first two pass:

1. the JSON Schema (structure, required keys, choices, lengths that the database enforces);
2. semantic checks that a schema cannot express (references, duplicates, order, footnotes,
   real dates), resolving references first in the document, then in the database;
3. the writes, in one transaction.

Every problem found is reported as one Dutch line that names the place in the document, so
a user can fix a file in one go instead of one error per run.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import DataError, IntegrityError, models, transaction
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaFout

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from adviesmonitor.richtext import sanitize
from programmas.models import Ambtsdrager, Ministerie, Organisatie, Programma, Programmaonderdeel
from reacties.models import (
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from reacties.uitwisseling.exporteren import FORMAAT, VERSIE

SCHEMA_PAD = Path(__file__).with_name("schema.json")

Pad = tuple[str | int, ...]


class Importfout(Exception):
    """The document cannot be imported; ``fouten`` holds one Dutch line per problem."""

    def __init__(self, fouten: Iterable[str]) -> None:
        self.fouten: list[str] = list(fouten)
        super().__init__("\n".join(self.fouten))


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
    "voetnoten": "voetnoten",
    "secties": "secties",
    "reacties": "reacties",
    "programmakoppelingen": "programmakoppelingen",
    "toezeggingen": "toezeggingen",
}


# --- public entry points -------------------------------------------------------------------


def lees_bestand(pad: str | os.PathLike[str]) -> dict:
    """Read and parse an exchange file; every failure becomes an Importfout."""
    pad = Path(pad)
    naam = f"Bestand ‘{pad}’"
    try:
        # utf-8-sig: a byte-order mark from a Windows editor is harmless, not an error.
        tekst = pad.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise Importfout([f"{naam} bestaat niet."]) from None
    except IsADirectoryError:
        raise Importfout([f"‘{pad}’ is een map, geen bestand."]) from None
    except PermissionError:
        raise Importfout([f"{naam} kan niet worden gelezen: geen toegang."]) from None
    except UnicodeDecodeError as exc:
        raise Importfout(
            [f"{naam} is geen UTF-8-tekst (ongeldige byte op positie {exc.start})."]
        ) from None
    except OSError as exc:
        raise Importfout([f"{naam} kan niet worden gelezen: {exc.strerror}."]) from None
    if not tekst.strip():
        raise Importfout([f"{naam} is leeg."])
    try:
        document = json.loads(
            tekst, object_pairs_hook=_zonder_dubbele_velden, parse_constant=_geen_constante
        )
    except json.JSONDecodeError as exc:
        raise Importfout(
            [
                f"{naam} is geen geldige JSON: regel {exc.lineno}, kolom {exc.colno}: "
                f"{_json_melding(exc.msg)}."
            ]
        ) from None
    except _OngeldigeJson as exc:
        raise Importfout([f"{naam} is geen geldige JSON: {exc}."]) from None
    except RecursionError:
        raise Importfout([f"{naam} is te diep genest om te lezen."]) from None
    if not isinstance(document, dict):
        raise Importfout(
            [f"{naam} bevat {_json_soort(document)}; een uitwisselbestand is één JSON-object."]
        )
    return document


def controleer_document(document: Any) -> list[str]:
    """Every problem in ``document`` as a Dutch line; empty when it can be imported."""
    if not isinstance(document, dict):
        return [f"document: moet een JSON-object zijn, niet {_json_soort(document)}"]
    # A file of another format or version would drown in schema errors: say that first.
    fouten = _formaatfouten(document)
    if fouten:
        return fouten
    fouten = _schemafouten(document)
    if fouten:
        return fouten
    return _Controle(document).uitvoeren()


def importeer_document(document: dict) -> Importresultaat:
    """Check ``document`` completely, then write it in one transaction (all or nothing)."""
    fouten = controleer_document(document)
    if fouten:
        raise Importfout(fouten)
    try:
        with transaction.atomic():
            _Schrijver(document).schrijf()
    except (IntegrityError, DataError) as exc:
        # The checks above should catch everything; this is the safety net, and the
        # transaction has been rolled back by the time we get here.
        melding = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Importfout(
            [f"De database weigerde de gegevens; er is niets gewijzigd. Melding: {melding}"]
        ) from exc
    return Importresultaat.uit_document(document)


# --- reading JSON --------------------------------------------------------------------------


class _OngeldigeJson(ValueError):
    pass


def _zonder_dubbele_velden(paren: list[tuple[str, Any]]) -> dict:
    # json.loads silently keeps the last of two equal keys; in a hand-edited file that
    # loses data without a word, so refuse it.
    uit: dict[str, Any] = {}
    for sleutel, waarde in paren:
        if sleutel in uit:
            raise _OngeldigeJson(f"veld ‘{sleutel}’ komt twee keer voor in hetzelfde object")
        uit[sleutel] = waarde
    return uit


def _geen_constante(naam: str) -> Any:
    raise _OngeldigeJson(f"‘{naam}’ is geen JSON-waarde")


_JSON_MELDINGEN = {
    "Expecting value": "waarde verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Expecting property name enclosed in double quotes": (
        "veldnaam tussen dubbele aanhalingstekens verwacht (staat er een komma te veel?)"
    ),
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": (
        "ongeldig stuurteken in tekst (schrijf \\n voor een nieuwe regel)"
    ),
    "Invalid \\escape": "ongeldige escape met \\",
    "Invalid \\uXXXX escape": "ongeldige \\u-escape",
    "Extra data": "extra tekst na het einde van het JSON-document",
}


def _json_melding(melding: str) -> str:
    return _JSON_MELDINGEN.get(melding, melding)


def _json_soort(waarde: Any) -> str:
    if isinstance(waarde, list):
        return "een lijst"
    if isinstance(waarde, str):
        return "een tekst"
    if isinstance(waarde, bool):
        return "true of false"
    if isinstance(waarde, int | float):
        return "een getal"
    if waarde is None:
        return "null"
    return "een object"


# --- messages and places -------------------------------------------------------------------

# The field that names an item of a list, for labels such as  aanbevelingen[3] ‘2.1’.
_NAAMVELDEN: dict[str, tuple[str, ...]] = {
    "bestuurslagen": ("slug",),
    "raden": ("afkorting",),
    "ministeries": ("afkorting",),
    "ambtsdragers": ("sleutel",),
    "organisaties": ("sleutel",),
    "programmas": ("slug", "programma"),
    "onderdelen": ("sleutel",),
    "adviezen": ("slug",),
    "aanbevelingen": ("nummer",),
    "voetnoten": ("nummer",),
}


def _toon(waarde: Any) -> str:
    """A value as quoted in a message."""
    if isinstance(waarde, str):
        if waarde == "":
            return "een lege tekst"
        return f"‘{waarde if len(waarde) <= 60 else waarde[:57] + '…'}’"
    tekst = json.dumps(waarde, ensure_ascii=False)
    return tekst if len(tekst) <= 60 else tekst[:57] + "…"


def _label(lijst: str, item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    if lijst == "brieven" and _is_getal(item.get("versie")):
        return f" ‘versie {item['versie']}’"
    if lijst == "reacties" and isinstance(item.get("aanbevelingen"), list):
        nummers = [n for n in item["aanbevelingen"] if isinstance(n, str) and n]
        return f" ‘{', '.join(nummers)}’" if nummers else ""
    for veld in _NAAMVELDEN.get(lijst, ()):
        waarde = item.get(veld)
        if (isinstance(waarde, str) and waarde) or _is_getal(waarde):
            return f" ‘{waarde}’"
    return ""


def _is_getal(waarde: Any) -> bool:
    return isinstance(waarde, int) and not isinstance(waarde, bool)


def plaats(document: Any, pad: Sequence[str | int]) -> str:
    """The place ``pad`` points to, e.g. ``adviezen[0] ‘slug’ › aanbevelingen[3] ‘2.1’ › tekst``."""
    delen: list[str] = []
    knoop = document
    for stap in pad:
        if isinstance(stap, int) and delen:
            lijst = delen[-1]
            item = knoop[stap] if isinstance(knoop, list) and 0 <= stap < len(knoop) else None
            delen[-1] = f"{lijst}[{stap}]{_label(lijst, item)}"
            knoop = item
        else:
            delen.append(str(stap))
            knoop = knoop.get(stap) if isinstance(knoop, dict) else None
    return " › ".join(delen)


def _regel(document: Any, pad: Sequence[str | int], melding: str) -> str:
    return f"{plaats(document, pad) or 'document'}: {melding}"


def _documentvolgorde(document: Any, pad: Sequence[str | int]) -> tuple[int, ...]:
    """A sort key that puts places in the order they appear in the file."""
    sleutel: list[int] = []
    knoop = document
    for stap in pad:
        if isinstance(knoop, dict) and stap in knoop:
            sleutel.append(list(knoop).index(stap))
            knoop = knoop[stap]
        elif isinstance(knoop, list) and isinstance(stap, int) and 0 <= stap < len(knoop):
            sleutel.append(stap)
            knoop = knoop[stap]
        else:
            sleutel.append(1_000_000)
            knoop = None
    return tuple(sleutel)


def _gesorteerd(document: Any, fouten: Iterable[tuple[Pad, str]]) -> list[str]:
    """Messages in file order, each once (stable: checks on one place keep their order)."""
    volgorde = sorted(fouten, key=lambda f: _documentvolgorde(document, f[0]))
    return list(dict.fromkeys(_regel(document, pad, melding) for pad, melding in volgorde))


# --- stage 0 and 1: format, version and schema ---------------------------------------------


def _formaatfouten(document: dict) -> list[str]:
    fouten = []
    formaat = document.get("formaat")
    if formaat != FORMAAT:
        wat = "ontbreekt" if "formaat" not in document else f"is {_toon(formaat)}"
        fouten.append(
            f"formaat: {wat}; dit is geen Adviesmonitor-uitwisselingsdocument "
            f"(verwacht ‘{FORMAAT}’)"
        )
        return fouten
    versie = document.get("versie")
    if not (_is_getal(versie) and versie == VERSIE):
        wat = "ontbreekt" if "versie" not in document else f"{_toon(versie)} wordt niet ondersteund"
        fouten.append(f"versie: {wat}; deze Adviesmonitor leest versie {VERSIE}")
    return fouten


@cache
def schema() -> dict:
    """The JSON Schema of the exchange document."""
    return json.loads(SCHEMA_PAD.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


_DATUMPATROON = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_SLUGPATROON = "^[-a-zA-Z0-9_]+$"
_TYPEN = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "array": "een lijst",
    "object": "een object",
    "null": "null",
}


def _schemafouten(document: dict) -> list[str]:
    gevonden: list[tuple[Pad, str]] = []
    for fout in _validator().iter_errors(document):
        pad = tuple(fout.absolute_path)
        gevonden.extend((pad, melding) for melding in _vertaal(fout))
    return _gesorteerd(document, gevonden)


def _vertaal(fout: SchemaFout) -> list[str]:
    """One schema error as Dutch messages (``required`` may yield several)."""
    soort, waarde, inst = fout.validator, fout.validator_value, fout.instance
    if soort == "required":
        return [f"veld ‘{veld}’ ontbreekt" for veld in waarde if veld not in inst]
    if soort == "additionalProperties":
        bekend = fout.schema.get("properties", {})
        return [f"onbekend veld ‘{veld}’" for veld in inst if veld not in bekend]
    if soort == "type":
        typen = waarde if isinstance(waarde, list) else [waarde]
        verwacht = " of ".join(_TYPEN.get(t, t) for t in typen)
        return [f"moet {verwacht} zijn, niet {_json_soort(inst)}"]
    if soort == "minLength":
        return ["mag niet leeg zijn"]
    if soort == "maxLength":
        return [f"is te lang: {len(inst)} tekens, hoogstens {waarde} toegestaan"]
    if soort == "pattern":
        return _patroonfout(waarde, inst)
    if soort == "enum":
        keuzes = ", ".join("‘’ (leeg)" if k == "" else f"‘{k}’" for k in waarde)
        return [f"{_toon(inst)} is geen geldige waarde; kies uit: {keuzes}"]
    if soort == "const":
        return [f"moet {_toon(waarde)} zijn, niet {_toon(inst)}"]
    if soort == "minimum":
        return [f"{_toon(inst)} is te klein: minstens {waarde}"]
    if soort == "maximum":
        return [f"{_toon(inst)} is te groot: hoogstens {waarde}"]
    if soort == "uniqueItems":
        dubbel = next(x for i, x in enumerate(inst) if x in inst[:i])
        return [f"bevat {_toon(dubbel)} meer dan eens"]
    if soort in {"anyOf", "oneOf"} and "description" in fout.schema:
        return [f"{_toon(inst)} is ongeldig: verwacht {fout.schema['description']}"]
    return [fout.message]


def _patroonfout(patroon: str, inst: str) -> list[str]:
    if inst == "":
        return []  # minLength already says it is empty
    if patroon == _DATUMPATROON:
        return [f"{_toon(inst)} is geen datum in de vorm JJJJ-MM-DD"]
    if patroon == _SLUGPATROON:
        return [f"{_toon(inst)} is geen geldige sleutel: alleen letters, cijfers, - en _"]
    return [f"{_toon(inst)} heeft niet de juiste vorm ({patroon})"]


# --- stage 2: semantic checks --------------------------------------------------------------


@dataclass(frozen=True)
class _Soort:
    """A kind of reference data: its list in the document, its model and natural key."""

    lijst: str
    model: type[models.Model]
    sleutel: str
    onbekend: str  # "onbekende raad"
    naam_uniek: bool = True


_SOORTEN = {
    s.lijst: s
    for s in (
        _Soort("bestuurslagen", Bestuurslaag, "slug", "onbekende bestuurslaag"),
        _Soort("raden", Raad, "afkorting", "onbekende adviesraad"),
        _Soort("ministeries", Ministerie, "afkorting", "onbekend ministerie"),
        _Soort("ambtsdragers", Ambtsdrager, "sleutel", "onbekende ambtsdrager", False),
        _Soort("organisaties", Organisatie, "sleutel", "onbekende organisatie"),
        _Soort("programmas", Programma, "slug", "onbekend programma"),
    )
}

# Links in the format are web pages; other schemes (javascript:, file:) have no place here.
_URL = URLValidator(schemes=["http", "https"])

_VOETNOOTVERWIJZING = re.compile(r'<sup\b[^>]*?\bdata-voetnoot="([^"]*)"')


def _brieven(document: dict) -> Iterator[tuple[Pad, dict, dict]]:
    for i, advies in enumerate(document["adviezen"]):
        for j, brief in enumerate(advies["brieven"]):
            yield ("adviezen", i, "brieven", j), advies, brief


def _reacties(brief: dict, pad: Pad) -> Iterator[tuple[Pad, dict]]:
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
    for pad, _advies, brief in _brieven(document):
        for k, sleutel in enumerate(brief["ondertekenaars"]):
            noteer("ambtsdragers", (*pad, "ondertekenaars", k), sleutel)
        for rpad, reactie in _reacties(brief, pad):
            for k, sleutel in enumerate(reactie["organisaties"]):
                noteer("organisaties", (*rpad, "organisaties", k), sleutel)
            for k, koppeling in enumerate(reactie["programmas"]):
                noteer("programmas", (*rpad, "programmas", k, "programma"), koppeling["programma"])
            for k, toezegging in enumerate(reactie["toezeggingen"]):
                tpad = (*rpad, "toezeggingen", k)
                noteer("ambtsdragers", (*tpad, "ambtsdrager"), toezegging["ambtsdrager"])
                noteer("organisaties", (*tpad, "organisatie"), toezegging["organisatie"])
                noteer("programmas", (*tpad, "programma"), toezegging["programma"])
    return uit


def _onderdeelverwijzingen(document: dict) -> list[tuple[Pad, tuple[str, str]]]:
    """Every programme link that names a part: (place, (programme slug, part key))."""
    uit = []
    for pad, _advies, brief in _brieven(document):
        for rpad, reactie in _reacties(brief, pad):
            for k, koppeling in enumerate(reactie["programmas"]):
                if koppeling["onderdeel"] is not None:
                    paar = (koppeling["programma"], koppeling["onderdeel"])
                    uit.append(((*rpad, "programmas", k, "onderdeel"), paar))
    return uit


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
            return _gesorteerd(self.doc, self.fouten)
        for soort in _SOORTEN.values():
            self._referentielijst(soort)
        self._verwijzingen()
        self._ambtsdragers()
        for i, organisatie in enumerate(self.doc["organisaties"]):
            self._url(("organisaties", i, "url"), organisatie["url"])
        for i, programma in enumerate(self.doc["programmas"]):
            self._programma(("programmas", i), programma)
        self._dubbel(("adviezen",), self.doc["adviezen"], "slug")
        for i, advies in enumerate(self.doc["adviezen"]):
            self._advies(("adviezen", i), advies)
        self._kenmerken()
        return _gesorteerd(self.doc, self.fouten)

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
                self.fout(waar, f"{_toon(waarde)} komt al voor in {lijst}[{gezien[waarde]}]")
            else:
                gezien[waarde] = i

    def _datum(self, pad: Pad, waarde: str | None) -> date | None:
        if not isinstance(waarde, str):
            return None
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            self.fout(pad, f"{_toon(waarde)} is geen bestaande datum")
            return None

    def _url(self, pad: Pad, waarde: str) -> None:
        if not waarde:
            return
        try:
            _URL(waarde)
        except DjangoValidationError:
            self.fout(pad, f"{_toon(waarde)} is geen geldige link (begin met https://)")

    def _voetnoten(self, pad: Pad, html: str, nummers: set[int]) -> None:
        """Footnote calls in rich text must name a footnote of the same letter."""
        for verwijzing in _VOETNOOTVERWIJZING.findall(sanitize(html)):
            if not verwijzing.isdigit():
                self.fout(pad, f"verwijzing naar voetnoot {_toon(verwijzing)} is geen nummer")
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
                self.fout(pad, f"{wat} {_toon(ouder)} staat niet in deze lijst")
            elif j == i:
                self.fout(pad, f"verwijst naar zichzelf; kies een eerder(e) {wat}")
            elif j > i:
                self.fout(
                    pad,
                    f"{wat} {_toon(ouder)} moet eerder in de lijst staan "
                    f"(staat nu in {lijst}[{j}])",
                )

    # Reference data.

    def _referentielijst(self, soort: _Soort) -> None:
        items = self.doc[soort.lijst]
        self._dubbel((soort.lijst,), items, soort.sleutel)
        if soort.naam_uniek:
            self._dubbel((soort.lijst,), items, "naam")
            self._naam_in_database(soort, items)

    def _naam_in_database(self, soort: _Soort, items: list[dict]) -> None:
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
                f"{_toon(item['naam'])} is in de database al de naam van {_toon(houder)}",
            )

    def _verwijzingen(self) -> None:
        for lijst, gevonden in verwijzingen(self.doc).items():
            soort = _SOORTEN[lijst]
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
                        f"{soort.onbekend} {_toon(sleutel)} "
                        "(staat niet in het bestand en niet in de database)",
                    )
        paren = _onderdeelverwijzingen(self.doc)
        bekend = _bekende_onderdelen(self.doc, [paar for _, paar in paren])
        for pad, (programma, onderdeel) in paren:
            if (programma, onderdeel) not in bekend:
                self.fout(
                    pad, f"onderdeel {_toon(onderdeel)} hoort niet bij programma {_toon(programma)}"
                )

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
        for rpad, reactie in _reacties(brief, pad):
            self._reactie(rpad, reactie, aanbevelingen, voetnoten)

    def _reactie(
        self, pad: Pad, reactie: dict, aanbevelingen: set[str], voetnoten: set[int]
    ) -> None:
        for k, nummer in enumerate(reactie["aanbevelingen"]):
            if nummer not in aanbevelingen:
                self.fout(
                    (*pad, "aanbevelingen", k),
                    f"aanbeveling {_toon(nummer)} staat niet in dit advies",
                )
        if not sanitize(reactie["tekst"]):
            self.fout(
                (*pad, "tekst"),
                "is leeg nadat de niet-toegestane opmaak is verwijderd; "
                "een reactie heeft tekst nodig",
            )
        self._voetnoten((*pad, "tekst"), reactie["tekst"], voetnoten)
        self._dubbel(
            (*pad, "programmas"),
            reactie["programmas"],
            lambda k: f"{k['programma']} › {k['onderdeel']}" if k["onderdeel"] else k["programma"],
        )
        for k, toezegging in enumerate(reactie["toezeggingen"]):
            self._datum((*pad, "toezeggingen", k, "deadline"), toezegging["deadline"])

    def _kenmerken(self) -> None:
        """A non-empty kenmerk is unique over all letters, also those of other reports."""
        gezien: dict[str, Pad] = {}
        for pad, _advies, brief in _brieven(self.doc):
            kenmerk = brief["kenmerk"]
            if not kenmerk:
                continue
            if kenmerk in gezien:
                self.fout(
                    (*pad, "kenmerk"),
                    f"{_toon(kenmerk)} staat al op {plaats(self.doc, gezien[kenmerk])}",
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
                f"{_toon(kenmerk)} staat in de database al op een brief bij advies {_toon(advies)}",
            )


# --- stage 3: writing ----------------------------------------------------------------------


def _als_datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


class _Schrijver:
    """Writes a checked document. Must run inside a transaction."""

    def __init__(self, document: dict) -> None:
        self.doc = document
        self.verwezen = verwijzingen(document)
        self.register: dict[str, dict[str, Any]] = {}
        self.onderdelen: dict[tuple[str, str], Programmaonderdeel] = {}

    def schrijf(self) -> None:
        self._referenties("bestuurslagen", lambda b: {"naam": b["naam"], "volgorde": b["volgorde"]})
        self._referenties("raden", lambda r: {"naam": r["naam"]})
        self._referenties(
            "ministeries",
            # Only the fields of the format: a ministry's logo is kept as it is.
            lambda m: {k: m[k] for k in ("naam", "bezoekadres", "postadres", "website")},
        )
        self._referenties(
            "organisaties", lambda o: {k: o[k] for k in ("naam", "afkorting", "soort", "url")}
        )
        self._referenties(
            "ambtsdragers",
            lambda a: {
                "titel": a["titel"],
                "naam": a["naam"],
                "ministerie": self._ref("ministeries", a["ministerie"]),
                "begin": _als_datum(a["begin"]),
                "einde": _als_datum(a["einde"]),
            },
        )
        self._referenties(
            "programmas",
            lambda p: {
                "naam": p["naam"],
                "soort": p["soort"],
                "eigenaar": self._ref("ambtsdragers", p["eigenaar"]),
                "uitvoerder": self._ref("organisaties", p["uitvoerder"]),
                "beschrijving": p["beschrijving"],
                "url": p["url"],
            },
        )
        for item in self.doc["programmas"]:
            self._onderdelen(self.register["programmas"][item["slug"]], item["onderdelen"])
        self._onderdelen_uit_database()
        for item in self.doc["adviezen"]:
            self._advies(item)

    # Reference data: upsert by natural key, then load what the file only points to.

    def _referenties(self, lijst: str, waarden: Callable[[dict], dict]) -> None:
        soort = _SOORTEN[lijst]
        register: dict[str, Any] = {}
        self.register[lijst] = register
        for item in self.doc[lijst]:
            obj, _ = soort.model.objects.update_or_create(
                **{soort.sleutel: item[soort.sleutel]}, defaults=waarden(item)
            )
            register[item[soort.sleutel]] = obj
        ontbrekend = {sleutel for _, sleutel in self.verwezen.get(lijst, [])} - set(register)
        if ontbrekend:
            register.update(soort.model.objects.in_bulk(ontbrekend, field_name=soort.sleutel))

    def _ref(self, lijst: str, sleutel: str | None) -> Any:
        return self.register[lijst][sleutel] if sleutel is not None else None

    def _onderdelen(self, programma: Programma, items: list[dict]) -> None:
        """Upsert the parts in file order; parts only in the database keep their order after them.

        Parts are not deleted: responses of reports outside this file may still link to them.
        """
        bestaand = {o.sleutel: o for o in programma.onderdelen.all()}
        if bestaand:
            # (programma, volgorde) is unique: first move every part past all new positions.
            opzij = max(o.volgorde for o in bestaand.values()) + len(items) + len(bestaand) + 1
            programma.onderdelen.update(volgorde=models.F("volgorde") + opzij)
        per_sleutel: dict[str, Programmaonderdeel] = {}
        for positie, item in enumerate(items, start=1):
            onderdeel = bestaand.pop(item["sleutel"], None) or Programmaonderdeel(
                programma=programma, sleutel=item["sleutel"]
            )
            onderdeel.naam = item["naam"]
            onderdeel.volgorde = positie
            onderdeel.bovenliggend = per_sleutel.get(item["bovenliggend"] or "")
            onderdeel.beschrijving = item["beschrijving"]
            onderdeel.save()
            per_sleutel[item["sleutel"]] = onderdeel
            self.onderdelen[(programma.slug, item["sleutel"])] = onderdeel
        rest = sorted(bestaand.values(), key=lambda o: o.volgorde)
        for positie, onderdeel in enumerate(rest, start=len(items) + 1):
            onderdeel.volgorde = positie
            onderdeel.save(update_fields=["volgorde"])

    def _onderdelen_uit_database(self) -> None:
        ontbrekend = {paar for _, paar in _onderdeelverwijzingen(self.doc)} - set(self.onderdelen)
        if not ontbrekend:
            return
        kandidaten = Programmaonderdeel.objects.select_related("programma").filter(
            programma__slug__in={p for p, _ in ontbrekend}, sleutel__in={o for _, o in ontbrekend}
        )
        for onderdeel in kandidaten:
            paar = (onderdeel.programma.slug, onderdeel.sleutel)
            if paar in ontbrekend:
                self.onderdelen[paar] = onderdeel

    # Reports: upsert the report, replace everything in it.

    def _advies(self, item: dict) -> None:
        advies, _ = Advies.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "titel": item["titel"],
                "ondertitel": item["ondertitel"],
                "publicatiedatum": _als_datum(item["publicatiedatum"]),
                "ontvangstdatum": _als_datum(item["ontvangstdatum"]),
                "url": item["url"],
            },
        )
        advies.raden.set([self.register["raden"][r] for r in item["raden"]])
        # Letters first: their responses point at the recommendations.
        advies.brieven.all().delete()
        advies.aanbevelingen.all().delete()
        aanbevelingen = self._aanbevelingen(advies, item["aanbevelingen"])
        rijen = _Koppelrijen()
        for brief in item["brieven"]:
            self._brief(advies, brief, aanbevelingen, rijen)
        rijen.opslaan()

    def _aanbevelingen(self, advies: Advies, items: list[dict]) -> dict[str, Aanbeveling]:
        per_nummer: dict[str, Aanbeveling] = {}
        lagen = []
        Laag = Aanbeveling.bestuurslagen.through
        for positie, item in enumerate(items, start=1):
            aanbeveling = Aanbeveling.objects.create(
                advies=advies,
                nummer=item["nummer"],
                volgorde=positie,
                # Checked: the parent is an earlier item, so it has been created already.
                bovenliggend=per_nummer.get(item["bovenliggend"] or ""),
                tekst=item["tekst"],
            )
            per_nummer[item["nummer"]] = aanbeveling
            lagen += [
                Laag(aanbeveling=aanbeveling, bestuurslaag=self.register["bestuurslagen"][slug])
                for slug in item["bestuurslagen"]
            ]
        Laag.objects.bulk_create(lagen)
        return per_nummer

    def _brief(
        self,
        advies: Advies,
        item: dict,
        aanbevelingen: dict[str, Aanbeveling],
        rijen: _Koppelrijen,
    ) -> None:
        velden = ("titel", "onderwerp", "kenmerk", "uw_kenmerk", "bijlagen", "geadresseerde")
        brief = Reactiebrief.objects.create(
            advies=advies,
            versie=int(item["versie"]),
            datum=_als_datum(item["datum"]),
            status=item["status"],
            opening=item["opening"],
            slot=item["slot"],
            **{veld: item[veld] for veld in velden},
        )
        Ondertekenaar.objects.bulk_create(
            Ondertekenaar(brief=brief, ambtsdrager=self._ref("ambtsdragers", s), volgorde=positie)
            for positie, s in enumerate(item["ondertekenaars"], start=1)
        )
        Voetnoot.objects.bulk_create(
            Voetnoot(brief=brief, nummer=int(v["nummer"]), tekst=v["tekst"])
            for v in item["voetnoten"]
        )
        for positie, sectie_item in enumerate(item["secties"], start=1):
            sectie = Sectie.objects.create(
                brief=brief, volgorde=positie, kop=sectie_item["kop"], tekst=sectie_item["tekst"]
            )
            for rpositie, reactie_item in enumerate(sectie_item["reacties"], start=1):
                self._reactie(sectie, rpositie, reactie_item, aanbevelingen, rijen)

    def _reactie(
        self,
        sectie: Sectie,
        positie: int,
        item: dict,
        aanbevelingen: dict[str, Aanbeveling],
        rijen: _Koppelrijen,
    ) -> None:
        reactie = Reactie.objects.create(
            sectie=sectie,
            volgorde=positie,
            tekst=item["tekst"],
            standpunt=item["standpunt"],
            citeer_aanbevelingen=item["citeer_aanbevelingen"],
        )
        rijen.aanbevelingen += [
            Reactie.aanbevelingen.through(reactie=reactie, aanbeveling=aanbevelingen[n])
            for n in item["aanbevelingen"]
        ]
        rijen.organisaties += [
            Reactie.organisaties.through(reactie=reactie, organisatie=self._ref("organisaties", s))
            for s in item["organisaties"]
        ]
        rijen.koppelingen += [
            Programmakoppeling(
                reactie=reactie,
                programma=self._ref("programmas", k["programma"]),
                onderdeel=self.onderdelen[(k["programma"], k["onderdeel"])]
                if k["onderdeel"] is not None
                else None,
                soort=k["soort"],
            )
            for k in item["programmas"]
        ]
        rijen.toezeggingen += [
            self._toezegging(reactie, tpositie, t)
            for tpositie, t in enumerate(item["toezeggingen"], start=1)
        ]

    def _toezegging(self, reactie: Reactie, positie: int, item: dict) -> Toezegging:
        deadline = item["deadline"]
        return Toezegging(
            reactie=reactie,
            volgorde=positie,
            tekst=item["tekst"],
            ambtsdrager=self._ref("ambtsdragers", item["ambtsdrager"]),
            organisatie=self._ref("organisaties", item["organisatie"]),
            programma=self._ref("programmas", item["programma"]),
            deadline_datum=_als_datum(deadline) if isinstance(deadline, str) else None,
            deadline_jaar=int(deadline) if isinstance(deadline, int | float) else None,
            status=item["status"],
        )


@dataclass
class _Koppelrijen:
    """Rows of one report that are saved together with bulk_create, not one query each."""

    aanbevelingen: list[models.Model] = field(default_factory=list)
    organisaties: list[models.Model] = field(default_factory=list)
    koppelingen: list[Programmakoppeling] = field(default_factory=list)
    toezeggingen: list[Toezegging] = field(default_factory=list)

    def opslaan(self) -> None:
        Reactie.aanbevelingen.through.objects.bulk_create(self.aanbevelingen)
        Reactie.organisaties.through.objects.bulk_create(self.organisaties)
        Programmakoppeling.objects.bulk_create(self.koppelingen)
        Toezegging.objects.bulk_create(self.toezeggingen)
