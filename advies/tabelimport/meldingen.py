"""The errors of the table import: one Dutch line per problem, naming row and column.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
row 2. A column is named by its header text and, in an XLSX file, also by its letter, so
``rij 4, kolom ‘toezeggingen’ (K): …`` can be found in Excel and in LibreOffice alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Melding:
    """One problem: where it is (row, column) and what is wrong."""

    rij: int | None  # spreadsheet row (header = 1); None: the file as a whole
    kolom: str | None  # the header text as in the file
    letter: str | None  # the column letter, XLSX only
    tekst: str

    def __post_init__(self) -> None:
        # Parts of a message come from the file: no control character reaches a page or a
        # terminal (an escape sequence could rewrite what the user sees), one line each.
        object.__setattr__(self, "tekst", zichtbaar(self.tekst))
        if self.kolom is not None:
            object.__setattr__(self, "kolom", zichtbaar(self.kolom))

    @property
    def plaats(self) -> str:
        delen = []
        if self.rij is not None:
            delen.append(f"rij {self.rij}")
        if self.kolom is not None:
            delen.append(f"kolom ‘{self.kolom}’" + (f" ({self.letter})" if self.letter else ""))
        elif self.letter:
            delen.append(f"kolom {self.letter}")
        return ", ".join(delen)

    def __str__(self) -> str:
        return f"{self.plaats}: {self.tekst}" if self.plaats else self.tekst


class Tabelfout(Exception):
    """The table cannot be imported; ``fouten`` holds every problem found, in file order.
    Nothing has been written."""

    def __init__(self, fouten: Iterable[Melding]) -> None:
        self.fouten: list[Melding] = sorted(fouten, key=_volgorde)
        super().__init__("\n".join(str(f) for f in self.fouten))


def _volgorde(melding: Melding) -> tuple[int, int]:
    # The file's problems first, then row by row; within a row, in the order found.
    return (melding.rij or 0, 0)


def zichtbaar(tekst: str) -> str:
    """``tekst`` with every character that is not printable written as its code."""
    if tekst.isprintable():
        return tekst
    return "".join(t if t.isprintable() else _code(t) for t in tekst)


def toon(waarde: str, lengte: int = 60) -> str:
    """A value as quoted in a message: cut short, and control characters made visible."""
    if waarde == "":
        return "een lege cel"
    tekst = zichtbaar(waarde)
    if len(tekst) > lengte:
        tekst = tekst[: lengte - 1] + "…"
    return f"‘{tekst}’"


def _code(teken: str) -> str:
    return f"\\x{ord(teken):02x}" if ord(teken) < 0x100 else f"\\u{ord(teken):04x}"
