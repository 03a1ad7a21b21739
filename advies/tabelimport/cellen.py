"""The values in the cells: plain text, levels, stances, commitments and their deadlines.

Every reader returns the value or raises ``Celfout`` with the Dutch message for that cell;
the caller adds row and column. Values are accepted as the export writes them (labels such
as "deels overgenomen") and as the exchange format spells them ("deels_overgenomen").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reacties.models import Standpunt, Toezeggingstatus

# Control characters (C0 and C1, DEL) except tab and line feed: invisible in a cell, and
# PostgreSQL refuses NUL outright.
_STUURTEKENS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANDERE_REGELEINDEN = re.compile(r"[\u2028\u2029\x85]")
# Anything a browser would read as markup: a tag, a comment, a declaration or an
# instruction. Plain text has none; "a < b" and "<10.000 inwoners" are still fine.
_OPMAAK = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>|<!|<\?")


class Celfout(ValueError):
    """The cell's value is not valid; the message is the Dutch sentence for the user."""


def schone_tekst(tekst: str) -> str:
    """Plain text as stored: control characters removed, line ends as \\n, no surrounding
    white space. Applying it twice changes nothing."""
    tekst = _ANDERE_REGELEINDEN.sub("\n", tekst.replace("\r\n", "\n").replace("\r", "\n"))
    return _STUURTEKENS.sub("", tekst).strip()


def platte_tekst(tekst: str, wat: str) -> str:
    """Plain text that must not be empty and holds no markup. ``wat`` names it in the
    message ("een aanbeveling")."""
    schoon = schone_tekst(tekst)
    if not schoon:
        raise Celfout(f"{wat} heeft tekst nodig; de cel is leeg.")
    if gevonden := _OPMAAK.search(schoon):
        stuk = gevonden.group(0)
        stuk = stuk if len(stuk) <= 30 else stuk[:29] + "…"
        raise Celfout(f"bevat HTML-opmaak (‘{stuk}’); {wat} is platte tekst. Haal de opmaak weg.")
    return schoon


def sleutel(tekst: str, wat: str, max_lengte: int) -> str:
    """A short key such as a recommendation's number: one line, not empty."""
    schoon = schone_tekst(tekst)
    if not schoon:
        raise Celfout(f"{wat} ontbreekt.")
    if "\n" in schoon or "\t" in schoon:
        raise Celfout(f"{wat} moet op één regel staan.")
    if len(schoon) > max_lengte:
        raise Celfout(f"{wat} is te lang ({len(schoon)} tekens; hoogstens {max_lengte}).")
    if _OPMAAK.search(schoon):
        raise Celfout(f"{wat} bevat HTML-opmaak.")
    return schoon


def lijst(tekst: str, scheiding: str = r"[,;\n]") -> list[str]:
    """The items of a cell such as "Rijk, gemeente", without empty ones."""
    return [deel.strip() for deel in re.split(scheiding, schone_tekst(tekst)) if deel.strip()]


def _woord(tekst: str) -> str:
    return " ".join(tekst.replace("_", " ").split()).lower()


# --- stances ---------------------------------------------------------------------------------

GEEN_STANDPUNT = "geen standpunt"
_STANDPUNTEN: dict[str, str] = {
    **{_woord(label): waarde for waarde, label in Standpunt.choices},
    **{_woord(waarde): waarde for waarde in Standpunt.values},
    GEEN_STANDPUNT: "",
}


def standpunten(tekst: str) -> list[str]:
    """The stances in a cell ("overgenomen; in onderzoek"), as stored values ("" for
    "geen standpunt"). An empty cell gives an empty list."""
    uit = []
    for deel in lijst(tekst, r"[;\n]"):
        waarde = _STANDPUNTEN.get(_woord(deel))
        if waarde is None:
            geldig = ", ".join(f"‘{label}’" for _, label in Standpunt.choices)
            raise Celfout(
                f"‘{deel[:40]}’ is geen standpunt. Kies uit {geldig} of ‘{GEEN_STANDPUNT}’."
            )
        uit.append(waarde)
    return uit


# --- commitments -----------------------------------------------------------------------------

_STATUSSEN: dict[str, str] = {
    **{_woord(label): waarde for waarde, label in Toezeggingstatus.choices},
    **{_woord(waarde): waarde for waarde in Toezeggingstatus.values},
}
_STATUSPATROON = "|".join(
    sorted({re.escape(s).replace(r"\ ", r"[ _]") for s in _STATUSSEN}, key=len, reverse=True)
)
# The end of one commitment as the export writes it: "(status)" or "(status; deadline D)"
# at the end of a line. A commitment's own text may run over several lines.
# (The deadline is matched greedily up to the closing parenthesis: no backtracking that
# grows with the square of a long line.)
_EINDE = re.compile(
    rf"\(\s*(?P<status>{_STATUSPATROON})\s*(?:;\s*deadline\b(?P<deadline>[^()\n]*))?\)"
    r"[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
# More commitments than this in one cell is a mistake (a pasted column), not a response.
MAX_TOEZEGGINGEN = 100
_JAAR = re.compile(r"\d{4}")
_ISODATUM = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NLDATUM = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
LAAGSTE_JAAR, HOOGSTE_JAAR = 1900, 2200  # as the database's check constraint


@dataclass(frozen=True)
class Toezeggingregel:
    """One commitment as written in the cell."""

    tekst: str
    status: str
    deadline_datum: dt.date | None = None
    deadline_jaar: int | None = None


def deadline(tekst: str) -> tuple[dt.date | None, int | None]:
    """A deadline: a year (2026), a date as 2026-06-01 or 1-6-2026, or nothing."""
    tekst = tekst.strip()
    if not tekst:
        return None, None
    if _JAAR.fullmatch(tekst):
        jaar = int(tekst)
        if not LAAGSTE_JAAR <= jaar <= HOOGSTE_JAAR:
            raise Celfout(
                f"het jaar van de deadline ({jaar}) ligt niet tussen {LAAGSTE_JAAR} en "
                f"{HOOGSTE_JAAR}."
            )
        return None, jaar
    if m := _ISODATUM.fullmatch(tekst):
        jaar, maand, dag = (int(d) for d in m.groups())
    elif m := _NLDATUM.fullmatch(tekst):
        dag, maand, jaar = (int(d) for d in m.groups())
    else:
        raise Celfout(
            f"deadline ‘{tekst[:30]}’ is geen jaartal (2026) en geen datum "
            "(2026-06-01 of 1-6-2026)."
        )
    try:
        datum = dt.date(jaar, maand, dag)
    except ValueError:
        raise Celfout(f"deadline ‘{tekst[:30]}’ is geen bestaande datum.") from None
    if not LAAGSTE_JAAR <= datum.year <= HOOGSTE_JAAR:
        raise Celfout(
            f"de deadline ‘{tekst[:30]}’ ligt niet tussen {LAAGSTE_JAAR} en {HOOGSTE_JAAR}."
        )
    return datum, None


def toezeggingen(tekst: str) -> list[Toezeggingregel]:
    """The commitments in a cell, as the export writes them: one per line,
    ``tekst (status)`` or ``tekst (status; deadline 2026)``."""
    tekst = schone_tekst(tekst)
    uit: list[Toezeggingregel] = []
    begin = 0
    for einde in _EINDE.finditer(tekst):
        nummer = len(uit) + 1
        if nummer > MAX_TOEZEGGINGEN:
            raise Celfout(f"meer dan {MAX_TOEZEGGINGEN} toezeggingen in één cel.")
        eigen = tekst[begin : einde.start()].strip()
        begin = einde.end()
        if not eigen:
            raise Celfout(f"toezegging {nummer} heeft geen tekst voor ‘({einde['status']}…)’.")
        if _OPMAAK.search(eigen):
            raise Celfout(f"toezegging {nummer} bevat HTML-opmaak; een toezegging is platte tekst.")
        try:
            datum, jaar = deadline(einde["deadline"] or "")
        except Celfout as fout:
            raise Celfout(f"toezegging {nummer}: {fout}") from None
        uit.append(Toezeggingregel(eigen, _STATUSSEN[_woord(einde["status"])], datum, jaar))
    rest = tekst[begin:].strip()
    if rest:
        voorbeeld = "‘Tekst (open)’ of ‘Tekst (in uitvoering; deadline 2026)’"
        raise Celfout(
            f"‘{rest.splitlines()[0][:40]}’ eindigt niet op een status tussen haakjes. Schrijf "
            f"elke toezegging op een eigen regel als {voorbeeld}; statussen: "
            f"{', '.join(label for _, label in Toezeggingstatus.choices)}."
        )
    return uit
