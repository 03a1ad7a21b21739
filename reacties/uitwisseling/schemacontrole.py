"""Stage 0 and 1 of the import: format, version and the JSON Schema (``schema.json``).

Version 2 is the current format; a version 1 file (``schema-1.json``) is checked against
its own schema and then read as version 2 (``versies.naar_huidige_versie``).

One schema describes both kinds of version 2 document. Keys that only a full backup
carries (database ids, lock counters, the letter history, ...) are listed per object under
``x-back-up``; from it two validators are derived: for a backup (``volledig: true``) those
keys are required, for an exchange document they are not allowed.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as SchemaFout

try:
    # Optional: a compiled validator, a hundred times faster on a large backup. It only
    # answers "valid or not"; the messages always come from jsonschema below.
    import jsonschema_rs
except ImportError:  # pragma: no cover - depends on the installation
    jsonschema_rs = None

from reacties.uitwisseling.exporteren import FORMAAT, VERSIE
from reacties.uitwisseling.meldingen import Pad, gesorteerd, is_getal, json_soort, toon

SCHEMA_PAD = Path(__file__).with_name("schema.json")
SCHEMA_PADEN = {1: Path(__file__).with_name("schema-1.json"), VERSIE: SCHEMA_PAD}
ONDERSTEUNDE_VERSIES = tuple(sorted(SCHEMA_PADEN))
BACK_UP = "x-back-up"
_WEGGELATEN = "x-alleen-back-up"  # in the exchange variant: the backup keys taken out


def formaatfouten(document: dict) -> list[str]:
    """Stage 0: what decides how the rest is read (format, version, backup or not)."""
    formaat = document.get("formaat")
    if formaat != FORMAAT:
        wat = "ontbreekt" if "formaat" not in document else f"is {toon(formaat)}"
        return [
            f"formaat: {wat}; dit is geen Adviesmonitor-uitwisselingsdocument "
            f"(verwacht ‘{FORMAAT}’)"
        ]
    versie = document.get("versie")
    if not (is_getal(versie) and versie in SCHEMA_PADEN):
        wat = "ontbreekt" if "versie" not in document else f"{toon(versie)} wordt niet ondersteund"
        leesbaar = " en ".join(str(v) for v in ONDERSTEUNDE_VERSIES)
        return [f"versie: {wat}; deze Adviesmonitor leest versie {leesbaar}"]
    if versie >= 2 and not isinstance(document.get("volledig"), bool):
        wat = "ontbreekt" if "volledig" not in document else f"is {toon(document['volledig'])}"
        return [
            f"volledig: {wat}; moet true (een volledige back-up) of false "
            "(een uitwisselbestand) zijn"
        ]
    return []


@cache
def schema(versie: int = VERSIE) -> dict:
    """The JSON Schema of the exchange document (of ``versie``), as written in the file."""
    return json.loads(SCHEMA_PADEN[versie].read_text(encoding="utf-8"))


def _variant(volledig: bool) -> dict:
    """The version 2 schema with the ``x-back-up`` keys required (backup) or left out."""
    uit = copy.deepcopy(schema())
    for knoop in [uit, *uit["$defs"].values()]:
        sleutels = knoop.get(BACK_UP, [])
        if not sleutels:
            continue
        if volledig:
            knoop["required"] = [*knoop["required"], *sleutels]
        else:
            for sleutel in sleutels:
                del knoop["properties"][sleutel]
            knoop[_WEGGELATEN] = sleutels
    return uit


@cache
def _ecma(patroon: str) -> re.Pattern[str]:
    # JSON Schema patterns are ECMA-262: ``$`` is the end of the text. In Python it also
    # matches before a final line break, which would let "sleutel\n" through.
    if patroon.endswith("$") and not patroon.endswith("\\$"):
        patroon = patroon[:-1] + r"\Z"
    return re.compile(patroon)


def _patroon(validator: Any, patroon: str, waarde: Any, _schema: dict) -> Iterator[SchemaFout]:
    if validator.is_type(waarde, "string") and not _ecma(patroon).search(waarde):
        yield SchemaFout(f"{waarde!r} does not match {patroon!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _patroon})


def _schema_voor(versie: int, volledig: bool) -> dict:
    return _variant(volledig) if versie == VERSIE else schema(versie)


@cache
def _validator(versie: int, volledig: bool) -> Draft202012Validator:
    return _Validator(_schema_voor(versie, volledig))


@cache
def _snelle_validator(versie: int, volledig: bool) -> Any:
    if jsonschema_rs is None:
        return None
    return jsonschema_rs.validator_for(_schema_voor(versie, volledig))


def _zeker_geldig(document: dict, versie: int, volledig: bool) -> bool:
    """True when the compiled validator (if installed) finds ``document`` valid."""
    snel = _snelle_validator(versie, volledig)
    if snel is None:
        return False
    try:
        return bool(snel.is_valid(document))
    except Exception:  # e.g. an integer beyond 64 bits: let jsonschema decide
        return False


_DATUMPATROON = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_SLUGPATROON = "^[-a-zA-Z0-9_]+$"
_TIJDSTIPPATROON = schema()["$defs"]["tijdstip"]["pattern"]
_TYPEN = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "array": "een lijst",
    "object": "een object",
    "null": "null",
}


def schemafouten(document: dict) -> list[str]:
    """Stage 1; runs only after ``formaatfouten`` found nothing."""
    versie, volledig = document["versie"], document.get("volledig") is True
    if _zeker_geldig(document, versie, volledig):
        return []
    gevonden: list[tuple[Pad, str]] = []
    for fout in _validator(versie, volledig).iter_errors(document):
        pad = tuple(fout.absolute_path)
        gevonden.extend((pad, melding) for melding in _vertaal(fout))
    return gesorteerd(document, gevonden)


def _vertaal(fout: SchemaFout) -> list[str]:
    """One schema error as Dutch messages (``required`` may yield several)."""
    soort, waarde, inst = fout.validator, fout.validator_value, fout.instance
    if soort == "required":
        return [f"veld ‘{veld}’ ontbreekt" for veld in waarde if veld not in inst]
    if soort == "additionalProperties":
        bekend = fout.schema.get("properties", {})
        alleen_back_up = fout.schema.get(_WEGGELATEN, [])
        return [
            f"veld ‘{veld}’ hoort alleen in een volledige back-up (volledig: true)"
            if veld in alleen_back_up
            else f"onbekend veld ‘{veld}’"
            for veld in inst
            if veld not in bekend
        ]
    if soort == "type":
        typen = waarde if isinstance(waarde, list) else [waarde]
        verwacht = " of ".join(_TYPEN.get(t, t) for t in typen)
        return [f"moet {verwacht} zijn, niet {json_soort(inst)}"]
    if soort == "minLength":
        return ["mag niet leeg zijn"]
    if soort == "maxLength":
        return [f"is te lang: {len(inst)} tekens, hoogstens {waarde} toegestaan"]
    if soort == "pattern":
        return _patroonfout(waarde, inst)
    if soort == "enum":
        keuzes = ", ".join("‘’ (leeg)" if k == "" else f"‘{k}’" for k in waarde)
        return [f"{toon(inst)} is geen geldige waarde; kies uit: {keuzes}"]
    if soort == "const":
        return [f"moet {toon(waarde)} zijn, niet {toon(inst)}"]
    if soort == "minimum":
        return [f"{toon(inst)} is te klein: minstens {waarde}"]
    if soort == "maximum":
        return [f"{toon(inst)} is te groot: hoogstens {waarde}"]
    if soort == "uniqueItems":
        dubbel = next(x for i, x in enumerate(inst) if x in inst[:i])
        return [f"bevat {toon(dubbel)} meer dan eens"]
    if soort in {"anyOf", "oneOf"} and "description" in fout.schema:
        return [f"{toon(inst)} is ongeldig: verwacht {fout.schema['description']}"]
    # jsonschema's own message repeats the whole value, which may be a huge object.
    return [fout.message if len(fout.message) <= 200 else fout.message[:199] + "…"]


def _patroonfout(patroon: str, inst: str) -> list[str]:
    if inst == "":
        return []  # minLength already says it is empty
    if patroon == _DATUMPATROON:
        return [f"{toon(inst)} is geen datum in de vorm JJJJ-MM-DD"]
    if patroon == _SLUGPATROON:
        return [f"{toon(inst)} is geen geldige sleutel: alleen letters, cijfers, - en _"]
    if patroon == _TIJDSTIPPATROON:
        return [
            f"{toon(inst)} is geen tijdstip in de vorm JJJJ-MM-DDTuu:mm:ss+00:00 (met tijdzone)"
        ]
    return [f"{toon(inst)} heeft niet de juiste vorm ({patroon})"]


def is_volledig(document: Any) -> bool:
    """A version 2 document that says it is a full backup."""
    return isinstance(document, dict) and document.get("volledig") is True
