"""Reading a table file: CSV or XLSX in, header and cells out, within fixed limits.

- The kind is recognised from the bytes, not the name: an XLSX file is a zip file. An old
  binary .xls is refused with a hint, everything else is read as CSV.
- CSV is UTF-8, with or without a byte order mark; the separator is ``,`` or ``;`` (what
  Dutch Excel writes), decided by the header row. Another encoding is refused, not guessed.
- XLSX is read with openpyxl in read-only mode (``xlsx``): formulas and Excel errors are
  refused per cell; numbers and dates become text as Excel shows them.
- The export puts an apostrophe before a cell that starts with = + - @ (so that no
  spreadsheet runs it as a formula); it is taken off again here.

The limits (file size, rows, columns, cell length) are in ``grenzen``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from advies.export import KOLOMMEN
from advies.tabelimport.grenzen import (
    MAX_CEL,
    MAX_KOLOMMEN,
    bestandsmelding,
    getal,
    max_bytes,
    max_rijen,
    te_groot,
    te_veel_rijen,
)
from advies.tabelimport.meldingen import Melding, Tabelfout
from advies.tabelimport.xlsx import Cel, xlsx_rijen

# The columns the import reads; the export's other columns are information only.
VERPLICHT: tuple[str, ...] = ("advies_slug", "nummer", "aanbeveling")
GELEZEN: tuple[str, ...] = (*VERPLICHT, "bestuurslagen", "standpunt", "toezeggingen")
TER_INFORMATIE: tuple[str, ...] = tuple(k for k in KOLOMMEN if k not in GELEZEN)

_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
_ZIP = b"PK\x03\x04"
_OUD_EXCEL = b"\xd0\xcf\x11\xe0"  # the compound file of .xls (and .doc)
_BOM = "\ufeff"


@dataclass(frozen=True)
class Kolom:
    sleutel: str  # the export's column name
    kop: str  # the header as written in the file
    letter: str | None  # XLSX only


@dataclass
class Rij:
    nummer: int  # the spreadsheet row (header = 1)
    # The export's column name -> the cell's text; None when the cell could not be read
    # (its problem is already in Tabel.fouten).
    cellen: dict[str, str | None]


@dataclass
class Tabel:
    soort: str  # "csv" or "xlsx"
    naam: str
    kolommen: dict[str, Kolom]
    rijen: list[Rij] = field(default_factory=list)
    # Problems found while reading that do not stop the check of the rows.
    fouten: list[Melding] = field(default_factory=list)

    @property
    def genegeerd(self) -> list[str]:
        """The export's information-only columns present in the file (not read)."""
        return [k.kop for s, k in self.kolommen.items() if s in TER_INFORMATIE]

    def melding(self, rij: int | None, sleutel: str | None, tekst: str) -> Melding:
        kolom = self.kolommen.get(sleutel) if sleutel else None
        if kolom is None:
            return Melding(rij, sleutel, None, tekst)
        return Melding(rij, kolom.kop, kolom.letter, tekst)


def lees_tabel(inhoud: bytes, naam: str = "") -> Tabel:
    """The table in ``inhoud``; Tabelfout when it cannot be read at all."""
    if len(inhoud) > max_bytes():
        raise Tabelfout([te_groot(len(inhoud))])
    if not inhoud.strip():
        raise Tabelfout([bestandsmelding("Het bestand is leeg.")])
    if inhoud.startswith(_ZIP):
        with xlsx_rijen(inhoud) as rijen:
            return _tabel("xlsx", naam, rijen)
    if inhoud.startswith(_OUD_EXCEL):
        raise Tabelfout(
            [
                bestandsmelding(
                    "Dit is het oude Excel-formaat (.xls). Sla het bestand op als "
                    "Excel-werkmap (.xlsx) of als CSV UTF-8 en probeer het opnieuw."
                )
            ]
        )
    return _tabel("csv", naam, _csv_rijen(inhoud))


def _csv_rijen(inhoud: bytes) -> Iterator[tuple[int, list[Cel]]]:
    try:
        tekst = inhoud.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Tabelfout(
            [
                bestandsmelding(
                    f"Het bestand is geen UTF-8-tekst (ongeldige byte op positie {exc.start}). "
                    "Kies in Excel ‘Opslaan als’ › ‘CSV UTF-8 (door komma's gescheiden)’, "
                    "of gebruik een .xlsx-bestand."
                )
            ]
        ) from None
    tekst = tekst.removeprefix(_BOM)
    kopregel = tekst.split("\n", 1)[0]
    scheidingsteken = ";" if kopregel.count(";") > kopregel.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken)

    def rijen() -> Iterator[tuple[int, list[Cel]]]:
        nummer = 0
        try:
            for nummer, rij in enumerate(lezer, start=1):
                yield nummer, [(waarde, None) for waarde in rij]
        except csv.Error as exc:
            raise Tabelfout(
                [Melding(nummer + 1, None, None, f"Deze CSV-rij is niet te lezen ({exc}).")]
            ) from None

    return rijen()


# --- the table -------------------------------------------------------------------------------


def zonder_formulebescherming(tekst: str) -> str:
    """Undo the export's apostrophe before = + - @ (a tab or carriage return)."""
    if len(tekst) > 1 and tekst[0] == "'" and tekst[1:].startswith(_FORMULETEKENS):
        return tekst[1:]
    return tekst


def _transport(tekst: str) -> str:
    """A cell's text as meant: no formula protection, line ends as \\n."""
    tekst = zonder_formulebescherming(tekst)
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def _kopsleutel(kop: str) -> str:
    kop = " ".join(_transport(kop).replace(_BOM, "").split()).lower()
    kop = kop.replace("’", "'").replace("‘", "'")
    return "programma's" if kop == "programmas" else kop


def _tabel(soort: str, naam: str, rijen: Iterator[tuple[int, list[Cel]]]) -> Tabel:
    kopregel = next(rijen, None)
    if kopregel is None or not any(waarde.strip() for waarde, _ in kopregel[1]):
        raise Tabelfout(
            [
                Melding(
                    1,
                    None,
                    None,
                    "Rij 1 moet de kolomkoppen bevatten, zoals in de export "
                    f"({', '.join(VERPLICHT)}, …).",
                )
            ]
        )
    tabel = Tabel(soort, naam, {})
    indeling, onbekend = _kolommen(tabel, kopregel[1])
    koploos_gemeld: set[int] = set()
    for nummer, cellen in rijen:
        if nummer - 1 > max_rijen():
            raise Tabelfout([te_veel_rijen()])
        if not any(waarde.strip() for waarde, _ in cellen):
            continue  # an empty row, as spreadsheets leave at the end
        rij = Rij(nummer, {})
        for index, (waarde, probleem) in enumerate(cellen):
            sleutel = indeling.get(index)
            if sleutel is None:
                if waarde.strip() and index not in koploos_gemeld and index not in onbekend:
                    koploos_gemeld.add(index)
                    tabel.fouten.append(
                        Melding(
                            nummer,
                            None,
                            get_column_letter(index + 1) if soort == "xlsx" else f"{index + 1}",
                            "deze cel staat in een kolom zonder kop; geef de kolom een kop "
                            "uit de export of maak de cel leeg.",
                        )
                    )
                continue
            if sleutel not in GELEZEN:
                continue
            if probleem is None and len(waarde) > MAX_CEL:
                probleem = (
                    f"de cel is te lang ({getal(len(waarde))} tekens; hoogstens {getal(MAX_CEL)})."
                )
            if probleem is not None:
                tabel.fouten.append(tabel.melding(nummer, sleutel, probleem))
                rij.cellen[sleutel] = None
            else:
                rij.cellen[sleutel] = _transport(waarde)
        tabel.rijen.append(rij)
    return tabel


def _kolommen(tabel: Tabel, koppen: list[Cel]) -> tuple[dict[int, str], set[int]]:
    """The header row: column index -> the export's column name, and the indexes of
    unknown columns. Unknown headers are errors (a typo would otherwise drop a column
    without a word); a missing required column or a column named twice stops the import
    here."""
    if len(koppen) > MAX_KOLOMMEN:
        raise Tabelfout(
            [Melding(1, None, None, f"Het bestand heeft meer dan {MAX_KOLOMMEN} kolommen.")]
        )
    indeling: dict[int, str] = {}
    onbekend: set[int] = set()
    fataal: list[Melding] = []
    for index, (kop, _) in enumerate(koppen):
        letter = get_column_letter(index + 1) if tabel.soort == "xlsx" else None
        sleutel = _kopsleutel(kop)
        if not sleutel:
            continue
        getoond = " ".join(_transport(kop).split())
        if sleutel not in KOLOMMEN:
            onbekend.add(index)
            tabel.fouten.append(
                Melding(
                    1,
                    getoond[:60],
                    letter,
                    "onbekende kolom. De import leest "
                    f"{', '.join(GELEZEN)}; de andere kolommen van de export "
                    f"({', '.join(TER_INFORMATIE)}) mogen blijven staan. Verwijder of "
                    "hernoem deze kolom.",
                )
            )
            continue
        if sleutel in tabel.kolommen:
            fataal.append(
                Melding(
                    1,
                    getoond,
                    letter,
                    "deze kolom staat er twee keer"
                    + (
                        f" (ook in kolom {eerder})"
                        if (eerder := tabel.kolommen[sleutel].letter)
                        else ""
                    )
                    + "; laat er één over.",
                )
            )
            continue
        tabel.kolommen[sleutel] = Kolom(sleutel, getoond, letter)
        indeling[index] = sleutel
    for sleutel in VERPLICHT:
        if sleutel not in tabel.kolommen:
            fataal.append(
                Melding(1, sleutel, None, "deze verplichte kolom ontbreekt in de kopregel.")
            )
    if fataal:
        raise Tabelfout([*tabel.fouten, *fataal])
    return indeling, onbekend
