"""Strict reading of the query string: what the API does not know, it refuses.

An unknown parameter (a typo like ``?standpnt=``) would otherwise be ignored and the
consumer would get every row back believing them filtered, so it is a 400 that names it;
so are a parameter given twice that takes one value, a NUL character (which PostgreSQL
cannot even compare), and a page number or page size that is not a whole number in range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import QueryDict

from adviesmonitor.api.antwoorden import parameterfout
from adviesmonitor.api.filters import Parameter

PAGINA = "pagina"
PER_PAGINA = "per_pagina"
STANDAARD_PER_PAGINA = 50
MAX_PER_PAGINA = 200
# Far beyond any real list, small enough that the offset stays a sane integer.
MAX_PAGINA = 1_000_000

PAGINERING = (
    Parameter(
        PAGINA,
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGINA, "default": 1},
        "Paginanummer, vanaf 1.",
        False,
    ),
    Parameter(
        PER_PAGINA,
        {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PER_PAGINA,
            "default": STANDAARD_PER_PAGINA,
        },
        f"Resultaten per pagina, 1 tot en met {MAX_PER_PAGINA}.",
        False,
    ),
)

_GEHEEL_GETAL = re.compile(r"^[0-9]{1,9}$")


@dataclass(frozen=True)
class Paginering:
    pagina: int = 1
    per_pagina: int = STANDAARD_PER_PAGINA

    @property
    def begin(self) -> int:
        return (self.pagina - 1) * self.per_pagina


def _getal(waarde: str, minimum: int, maximum: int) -> int | None:
    waarde = waarde.strip()
    if not _GEHEEL_GETAL.match(waarde):
        return None
    getal = int(waarde)
    return getal if minimum <= getal <= maximum else None


def controleer(query: QueryDict, bekend: list[Parameter] | tuple[Parameter, ...]) -> None:
    """400 for unknown parameters, NUL characters and single-valued ones given twice."""
    toegestaan = {p.naam: p for p in bekend}
    fouten: dict[str, list[str]] = {}
    for naam in query:
        waarden = query.getlist(naam)
        if naam not in toegestaan:
            bekende = ", ".join(toegestaan) or "geen"
            fouten[naam] = [f"Onbekende parameter. Bekend zijn: {bekende}."]
        elif any("\x00" in w for w in waarden):
            fouten[naam] = ["De waarde bevat een NUL-teken."]
        elif len(waarden) > 1 and not toegestaan[naam].meervoudig:
            fouten[naam] = ["Deze parameter mag maar één keer voorkomen."]
    if fouten:
        raise parameterfout(fouten)


def lees_lijstparameters(
    query: QueryDict, filters: list[Parameter]
) -> tuple[QueryDict, Paginering]:
    """Check the whole query string of a list; return the filter parameters (without the
    page parameters) and the page asked for."""
    controleer(query, [*filters, *PAGINERING])
    fouten: dict[str, list[str]] = {}
    pagina, per_pagina = 1, STANDAARD_PER_PAGINA
    if PAGINA in query:
        pagina = _getal(query[PAGINA], 1, MAX_PAGINA) or 0
        if not pagina:
            fouten[PAGINA] = [f"Moet een geheel getal van 1 tot en met {MAX_PAGINA} zijn."]
    if PER_PAGINA in query:
        per_pagina = _getal(query[PER_PAGINA], 1, MAX_PER_PAGINA) or 0
        if not per_pagina:
            fouten[PER_PAGINA] = [f"Moet een geheel getal van 1 tot en met {MAX_PER_PAGINA} zijn."]
    if fouten:
        raise parameterfout(fouten)
    filterparameters = query.copy()
    filterparameters.pop(PAGINA, None)
    filterparameters.pop(PER_PAGINA, None)
    return filterparameters, Paginering(pagina, per_pagina)


def filterfouten(errors) -> dict[str, list[str]]:
    """A FilterSet's form errors as {parameter: [messages]}."""
    return {naam: [str(m) for m in berichten] for naam, berichten in errors.items()}
