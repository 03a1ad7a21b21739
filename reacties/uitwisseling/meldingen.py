"""Messages of the import: the error, reading a file, and places in the document.

Every problem is reported as one Dutch line that names the place in the document
(``adviezen[0] ‘slug’ › aanbevelingen[3] ‘2.1’ › tekst``), in the order of the file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

Pad = tuple[str | int, ...]


class Importfout(Exception):
    """The document cannot be imported; ``fouten`` holds one Dutch line per problem."""

    def __init__(self, fouten: Iterable[str]) -> None:
        self.fouten: list[str] = list(fouten)
        super().__init__("\n".join(self.fouten))


# --- reading JSON --------------------------------------------------------------------------


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
    except ValueError as exc:
        # e.g. a number of more than 4300 digits, which Python refuses to read
        raise Importfout([f"{naam} is geen geldige JSON: {exc}."]) from None
    if not isinstance(document, dict):
        raise Importfout(
            [f"{naam} bevat {json_soort(document)}; een uitwisselbestand is één JSON-object."]
        )
    return document


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


def json_soort(waarde: Any) -> str:
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
    "goedkeuringen": ("ministerie",),
    "geschiedenis": ("nummer",),
    "antwoordsjablonen": ("naam",),
    "medewerkers": ("gebruiker",),
}


def toon(waarde: Any) -> str:
    """A value as quoted in a message."""
    if isinstance(waarde, str):
        if waarde == "":
            return "een lege tekst"
        return f"‘{waarde if len(waarde) <= 60 else waarde[:57] + '…'}’"
    try:
        tekst = json.dumps(waarde, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        # not JSON text: too deep, or an integer with more digits than Python prints
        tekst = f"{json_soort(waarde)}"
    return tekst if len(tekst) <= 60 else tekst[:57] + "…"


def _label(lijst: str, item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    if lijst == "brieven" and is_getal(item.get("versie")):
        return f" ‘versie {item['versie']}’"
    if lijst == "reacties" and isinstance(item.get("aanbevelingen"), list):
        nummers = [n for n in item["aanbevelingen"] if isinstance(n, str) and n]
        return f" ‘{', '.join(nummers)}’" if nummers else ""
    for veld in _NAAMVELDEN.get(lijst, ()):
        waarde = item.get(veld)
        if (isinstance(waarde, str) and waarde) or is_getal(waarde):
            return f" ‘{waarde}’"
    return ""


def is_getal(waarde: Any) -> bool:
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


def gesorteerd(document: Any, fouten: Iterable[tuple[Pad, str]]) -> list[str]:
    """Messages in file order, each once (stable: checks on one place keep their order)."""
    volgorde = sorted(fouten, key=lambda f: _documentvolgorde(document, f[0]))
    return list(dict.fromkeys(_regel(document, pad, melding) for pad, melding in volgorde))
