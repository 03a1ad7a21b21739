"""The import's limits, so that no upload can exhaust memory, and their messages.

TABELIMPORT_MAX_BYTES bounds the file, TABELIMPORT_MAX_RIJEN the data rows; a cell holds at
most Excel's own limit of characters, a row at most MAX_KOLOMMEN columns, and an XLSX file
(a zip) may unpack to at most UITPAKFACTOR times the byte limit, since a small zip may
unpack to gigabytes.
"""

from __future__ import annotations

from django.conf import settings

from advies.export import XLSX_MAX_CEL
from advies.tabelimport.meldingen import Melding

STANDAARD_MAX_BYTES = 5 * 1024 * 1024
STANDAARD_MAX_RIJEN = 5000
MAX_KOLOMMEN = 64
MAX_CEL = XLSX_MAX_CEL
UITPAKFACTOR = 10
MAX_ZIPDELEN = 500


def max_bytes() -> int:
    return int(getattr(settings, "TABELIMPORT_MAX_BYTES", STANDAARD_MAX_BYTES))


def max_rijen() -> int:
    return int(getattr(settings, "TABELIMPORT_MAX_RIJEN", STANDAARD_MAX_RIJEN))


def getal(n: int) -> str:
    """A number as written in Dutch: 5.242.880."""
    return f"{n:,}".replace(",", ".")


def bestandsmelding(tekst: str) -> Melding:
    """A problem of the file as a whole (no row, no column)."""
    return Melding(None, None, None, tekst)


def te_groot(grootte: int) -> Melding:
    return bestandsmelding(
        f"Het bestand is te groot ({getal(grootte)} bytes; hoogstens {getal(max_bytes())}). "
        "Splits het in kleinere bestanden."
    )


def te_veel_rijen() -> Melding:
    return bestandsmelding(
        f"Het bestand heeft meer dan {getal(max_rijen())} rijen. Splits het in kleinere bestanden."
    )


def uitgepakt_te_groot() -> Melding:
    return bestandsmelding(
        "Het XLSX-bestand is uitgepakt te groot om in te lezen. Splits het in kleinere bestanden."
    )
