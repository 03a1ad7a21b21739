"""JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of everything the API answers.

Written next to the objects they describe (``objecten``, ``aanbevelingobject``) and held to
them by the tests: schemathesis checks every answer against these schemas, and every object
is closed (``additionalProperties: false``, every key required), so a key added to an
object without adding it here fails the tests instead of going undocumented.
"""

from __future__ import annotations

from typing import Any

from django.db.models import TextChoices

from programmas.models import OrganisatieSoort, ProgrammaSoort
from reacties.models import Briefstatus, Koppelsoort, Standpunt, Toezeggingstatus

Schema = dict[str, Any]

TEKST: Schema = {"type": "string"}
URL: Schema = {"type": "string", "format": "uri"}
DATUM: Schema = {"type": ["string", "null"], "format": "date"}
ID: Schema = {"type": "integer", "minimum": 1}
GETAL: Schema = {"type": "integer", "minimum": 0}


def ref(naam: str) -> Schema:
    return {"$ref": f"#/components/schemas/{naam}"}


def of_null(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def lijst(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def obj(beschrijving: str = "", /, **eigenschappen: Schema) -> Schema:
    """A closed object: exactly these keys, all present."""
    schema: Schema = {
        "type": "object",
        "additionalProperties": False,
        "required": list(eigenschappen),
        "properties": eigenschappen,
    }
    if beschrijving:
        schema["description"] = beschrijving
    return schema


def keuze(keuzes: type[TextChoices], beschrijving: str = "") -> Schema:
    labels = "; ".join(f"{waarde}: {label}" for waarde, label in keuzes.choices)
    tekst = f"{beschrijving} ({labels})" if beschrijving else labels
    return {"type": "string", "enum": list(keuzes.values), "description": tekst}


COMPONENTEN: dict[str, Schema] = {
    "Fout": {
        "type": "object",
        "additionalProperties": False,
        "required": ["status", "fout"],
        "properties": {
            "status": {"type": "integer"},
            "fout": TEKST,
            "parameters": {
                "type": "object",
                "description": "Per ongeldige parameter de meldingen.",
                "additionalProperties": lijst(TEKST),
            },
        },
    },
    "RijkeTekst": obj(
        "Tekst met opmaak: gesanitiseerde HTML (p, br, strong, em, ul, ol, li, a, sup) en "
        "dezelfde tekst zonder opmaak.",
        html=TEKST,
        tekst=TEKST,
    ),
    "Verwijzing": obj(id=ID, url=URL),
    "AdviesRef": obj(slug=TEKST, titel=TEKST, url=URL),
    "AanbevelingRef": obj(id=ID, nummer=TEKST, url=URL),
    "ProgrammaRef": obj(slug=TEKST, naam=TEKST, soort=keuze(ProgrammaSoort), url=URL),
    "Onderdeel": obj(sleutel=TEKST, naam=TEKST),
    "Koppeling": obj(
        "Koppeling van een reactie aan een programma (of een onderdeel ervan).",
        programma=ref("ProgrammaRef"),
        onderdeel=of_null(ref("Onderdeel")),
        soort=keuze(Koppelsoort),
    ),
    "Organisatie": obj(sleutel=TEKST, naam=TEKST, afkorting=TEKST, soort=keuze(OrganisatieSoort)),
    "Ambtsdrager": obj(
        sleutel=TEKST, titel=TEKST, naam=TEKST, ministerie={**TEKST, "description": "afkorting"}
    ),
    "BriefKort": obj(
        "Een reactiebrief (anoniem: alleen verzonden brieven).",
        id=ID,
        versie=ID,
        status=keuze(Briefstatus),
        datum=DATUM,
        kenmerk=TEKST,
        onderwerp=TEKST,
    ),
    "ToezeggingKort": obj(
        id=ID,
        url=URL,
        tekst=TEKST,
        status=keuze(Toezeggingstatus),
        deadline_datum=DATUM,
        deadline_jaar={"type": ["integer", "null"]},
    ),
    "Advies": obj(
        slug=TEKST,
        url=URL,
        titel=TEKST,
        ondertitel=TEKST,
        raden=lijst(obj(afkorting=TEKST, naam=TEKST)),
        publicatiedatum=DATUM,
        ontvangstdatum=DATUM,
        link=TEKST,
        brieven=lijst(ref("BriefKort")),
        aanbevelingen=lijst(
            obj(id=ID, nummer=TEKST, url=URL, bovenliggend={"type": ["integer", "null"]})
        ),
        aanbevelingen_url=URL,
    ),
    "Aanbeveling": obj(
        "Een aanbeveling met wat een rij van de export draagt: de reacties, koppelingen en "
        "toezeggingen komen uit de nieuwste verzonden brief die haar beantwoordt.",
        id=ID,
        url=URL,
        pagina_url=URL,
        nummer=TEKST,
        tekst=TEKST,
        bovenliggend=of_null(ref("AanbevelingRef")),
        advies=ref("AdviesRef"),
        raden=lijst(TEKST),
        publicatiedatum=DATUM,
        bestuurslagen=lijst(obj(slug=TEKST, naam=TEKST)),
        standpunten=lijst(keuze(Standpunt)),
        reactie=ref("RijkeTekst"),
        programmas=lijst(ref("Koppeling")),
        toezeggingen=lijst(ref("ToezeggingKort")),
        brief_status=of_null(keuze(Briefstatus, "status van de nieuwste zichtbare brief")),
        reacties=lijst(ref("Verwijzing")),
    ),
    "Reactie": obj(
        id=ID,
        url=URL,
        brief=ref("BriefKort"),
        advies=ref("AdviesRef"),
        sectie=obj(volgorde=GETAL, kop=TEKST),
        volgorde=GETAL,
        aanbevelingen=lijst(ref("AanbevelingRef")),
        standpunt=of_null(keuze(Standpunt)),
        tekst=ref("RijkeTekst"),
        organisaties=lijst(ref("Organisatie")),
        programmas=lijst(ref("Koppeling")),
        toezeggingen=lijst(ref("ToezeggingKort")),
        voetnoten=lijst(obj(nummer=ID, html=TEKST, tekst=TEKST)),
    ),
    "Toezegging": obj(
        id=ID,
        url=URL,
        tekst=TEKST,
        status=keuze(Toezeggingstatus),
        deadline_datum=DATUM,
        deadline_jaar={"type": ["integer", "null"]},
        ambtsdrager=of_null(ref("Ambtsdrager")),
        organisatie=of_null(ref("Organisatie")),
        programma=of_null(ref("ProgrammaRef")),
        reactie=ref("Verwijzing"),
        brief=ref("BriefKort"),
        advies=ref("AdviesRef"),
        aanbevelingen=lijst(ref("AanbevelingRef")),
    ),
    "Programma": obj(
        slug=TEKST,
        naam=TEKST,
        soort=keuze(ProgrammaSoort),
        url=URL,
        beschrijving=TEKST,
        link=TEKST,
        eigenaar=of_null(ref("Ambtsdrager")),
        uitvoerder=of_null(ref("Organisatie")),
        onderdelen=lijst(
            obj(
                sleutel=TEKST,
                naam=TEKST,
                bovenliggend={"type": ["string", "null"]},
                beschrijving=TEKST,
            )
        ),
        aanbevelingen_url=URL,
    ),
    "Index": obj(
        adviezen=URL,
        aanbevelingen=URL,
        reacties=URL,
        programmas=URL,
        toezeggingen=URL,
        openapi=URL,
    ),
}


def pagina(naam: str) -> Schema:
    """A page of a list of ``naam`` objects."""
    return obj(
        aantal={**GETAL, "description": "Het aantal resultaten op alle pagina's samen."},
        volgende={**of_null(URL), "description": "De volgende pagina; null op de laatste."},
        vorige={**of_null(URL), "description": "De vorige pagina; null op de eerste."},
        resultaten=lijst(ref(naam)),
    )
