"""Reading the rows of an XLSX file with openpyxl, in read-only mode.

The sheet "Aanbevelingen" (the export's), otherwise the first sheet. A cell with a formula
or an Excel error cannot be used (its value is not what the user sees, or there is none);
numbers and dates become the text Excel shows. Any failure of the parser on this untrusted
file means one thing to the user, "not a readable XLSX file", never a server error.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from advies.tabelimport.grenzen import (
    MAX_KOLOMMEN,
    MAX_ZIPDELEN,
    UITPAKFACTOR,
    bestandsmelding,
    max_bytes,
    uitgepakt_te_groot,
)
from advies.tabelimport.meldingen import Tabelfout, toon

# A cell as read: its text, or (text "", reason) when it cannot be used.
Cel = tuple[str, str | None]

GEEN_XLSX = "Het bestand is geen leesbaar XLSX-bestand (Excel-werkmap)."


@contextmanager
def xlsx_rijen(inhoud: bytes) -> Iterator[Iterator[tuple[int, list[Cel]]]]:
    """The sheet's rows as (row number, cells), while the workbook is open. Whatever goes
    wrong while they are read becomes a Tabelfout."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            delen = archief.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise Tabelfout([bestandsmelding(GEEN_XLSX)]) from None
    # The sizes in a zip's directory are what it unpacks to at most: the reader stops there.
    if len(delen) > MAX_ZIPDELEN or sum(d.file_size for d in delen) > UITPAKFACTOR * max_bytes():
        raise Tabelfout([uitgepakt_te_groot()])
    werkboek = None
    try:
        werkboek = load_workbook(
            io.BytesIO(inhoud), read_only=True, data_only=False, keep_links=False
        )
        bladen = werkboek.worksheets
        if not bladen:
            raise Tabelfout([bestandsmelding("Het XLSX-bestand heeft geen werkblad.")])
        blad = next((b for b in bladen if b.title == "Aanbevelingen"), bladen[0])
        # The sheet's stated size may be wrong or hostile (A1:XFD1048576); read what is there.
        if hasattr(blad, "reset_dimensions"):
            blad.reset_dimensions()
        yield _rijen(blad)
    except Tabelfout:
        raise
    except Exception:  # any failure of the parser on an untrusted file means "unreadable"
        raise Tabelfout([bestandsmelding(GEEN_XLSX)]) from None
    finally:
        if werkboek is not None:
            werkboek.close()


def _rijen(blad) -> Iterator[tuple[int, list[Cel]]]:
    # max_col bounds every row's width, whatever column a cell claims to be in.
    for nummer, rij in enumerate(blad.iter_rows(max_col=MAX_KOLOMMEN), start=1):
        yield nummer, [_cel(cel) for cel in rij]


def _cel(cel: object) -> Cel:
    waarde = getattr(cel, "value", None)
    soort = getattr(cel, "data_type", None)
    if soort == "f":
        return "", "bevat een formule; vul de waarde zelf in."
    if soort == "e":
        return "", f"bevat de Excel-fout {toon(str(waarde))}."
    return celtekst(waarde), None


def celtekst(waarde: object) -> str:
    """A spreadsheet value as the text a user sees in the cell."""
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, bool):
        return "WAAR" if waarde else "ONWAAR"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, float):
        if math.isfinite(waarde) and waarde.is_integer() and abs(waarde) < 1e16:
            return str(int(waarde))
        return repr(waarde)
    if isinstance(waarde, dt.datetime):
        if waarde.time() == dt.time(0, 0):
            return waarde.date().isoformat()
        return waarde.isoformat(sep=" ")
    if isinstance(waarde, dt.date | dt.time):
        return waarde.isoformat()
    return str(waarde)
