"""Stage 0 and 1 of the import: format, version and the JSON Schema (``schema.json``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaFout

from reacties.uitwisseling.exporteren import FORMAAT, VERSIE
from reacties.uitwisseling.meldingen import Pad, gesorteerd, is_getal, json_soort, toon

SCHEMA_PAD = Path(__file__).with_name("schema.json")


def formaatfouten(document: dict) -> list[str]:
    fouten = []
    formaat = document.get("formaat")
    if formaat != FORMAAT:
        wat = "ontbreekt" if "formaat" not in document else f"is {toon(formaat)}"
        fouten.append(
            f"formaat: {wat}; dit is geen Adviesmonitor-uitwisselingsdocument "
            f"(verwacht ‘{FORMAAT}’)"
        )
        return fouten
    versie = document.get("versie")
    if not (is_getal(versie) and versie == VERSIE):
        wat = "ontbreekt" if "versie" not in document else f"{toon(versie)} wordt niet ondersteund"
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


def schemafouten(document: dict) -> list[str]:
    gevonden: list[tuple[Pad, str]] = []
    for fout in _validator().iter_errors(document):
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
        return [f"onbekend veld ‘{veld}’" for veld in inst if veld not in bekend]
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
    return [fout.message]


def _patroonfout(patroon: str, inst: str) -> list[str]:
    if inst == "":
        return []  # minLength already says it is empty
    if patroon == _DATUMPATROON:
        return [f"{toon(inst)} is geen datum in de vorm JJJJ-MM-DD"]
    if patroon == _SLUGPATROON:
        return [f"{toon(inst)} is geen geldige sleutel: alleen letters, cijfers, - en _"]
    return [f"{toon(inst)} heeft niet de juiste vorm ({patroon})"]
