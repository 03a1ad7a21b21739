"""Exports of the recommendation list: CSV, XLSX and JSON, in constant memory.

The rows come from any queryset of recommendations; the export views pass the list's own
filtered queryset (advies.selectors.zoek_aanbevelingen), so an export holds exactly the
rows of the list. The queryset is read with ``iterator(chunk_size=BLOKGROOTTE)``: Django
fetches that many recommendations at a time and runs the prefetches for that chunk only,
so memory depends on the chunk size, not on the number of rows.

- CSV and JSON are generators of byte blocks for a StreamingHttpResponse; nothing but the
  current chunk is held.
- XLSX is a zip file, whose directory comes at the end, so it cannot be sent before it is
  complete. openpyxl's write-only mode writes each row to a temporary file as it comes; the
  finished workbook goes into a SpooledTemporaryFile (in memory up to a few megabytes, on
  disk beyond that), which is then streamed. Memory stays bounded; the first byte leaves
  only when the workbook is complete.

Text cells that start with = + - @ or a tab or carriage return get a leading apostrophe in
CSV and XLSX, so that a spreadsheet shows them as text and never runs them as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from advies.models import Aanbeveling, Bestuurslaag, Raad
from advies.telregels import TELLENDE_BRIEFSTATUS
from programmas.models import ProgrammaSoort
from reacties.models import (
    Briefstatus,
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Standpunt,
    Toezegging,
    Toezeggingstatus,
)

# Recommendations per database chunk (each chunk runs its own prefetch queries).
BLOKGROOTTE = 2000
# Rows per block of bytes handed to the response: small enough to keep memory flat and the
# first bytes early, large enough that the per-block overhead does not count.
RIJEN_PER_BLOK = 250
# In memory up to this size, then on disk (XLSX only).
XLSX_IN_GEHEUGEN = 8 * 1024 * 1024
# Excel's limit on the characters in one cell.
XLSX_MAX_CEL = 32_767

KOLOMMEN: tuple[str, ...] = (
    "nummer",
    "aanbeveling",
    "advies",
    "advies_slug",
    "raden",
    "publicatiedatum",
    "bestuurslagen",
    "standpunt",
    "reactie",
    "programma's",
    "toezeggingen",
    "brief_status",
    "url",
)
# JSON keys: the same names, without the apostrophe (so that `.programmas` works in jq).
JSON_SLEUTELS: tuple[str, ...] = tuple(k.replace("'", "") for k in KOLOMMEN)

# Column widths in the XLSX, in characters.
XLSX_BREEDTES: dict[str, float] = {
    "nummer": 9,
    "aanbeveling": 60,
    "advies": 36,
    "advies_slug": 24,
    "raden": 14,
    "publicatiedatum": 15,
    "bestuurslagen": 22,
    "standpunt": 20,
    "reactie": 80,
    "programma's": 45,
    "toezeggingen": 60,
    "brief_status": 13,
    "url": 45,
}

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}

SCHEIDINGSTEKENS = {",": ",", "komma": ",", ";": ";", "puntkomma": ";"}

# Labels of the choices, looked up once rather than through get_FOO_display per row.
_STANDPUNT = {**dict(Standpunt.choices), "": "geen standpunt"}
_BRIEFSTATUS = dict(Briefstatus.choices)
_KOPPELSOORT = dict(Koppelsoort.choices)
_PROGRAMMASOORT = dict(ProgrammaSoort.choices)
_TOEZEGGINGSTATUS = dict(Toezeggingstatus.choices)


# --- the rows ------------------------------------------------------------------------------


def voor_export(queryset: QuerySet[Aanbeveling]) -> QuerySet[Aanbeveling]:
    """The queryset with what every row needs: seven queries per chunk, whatever its size.
    Only responses in sent letters count, as on the list (advies.telregels); they are picked
    in Python (_geldende_reacties), since a status filter in the prefetch makes SQLite scan
    every sent letter for each chunk instead of looking up the chunk's recommendations.

    Every prefetch goes into a plain list (``to_attr``): the default prefetch cache builds a
    queryset per object and relation, which costs more than the rows themselves here."""
    koppelingen = Programmakoppeling.objects.select_related("programma", "onderdeel").order_by(
        "programma__naam", "onderdeel__volgorde", "pk"
    )
    reacties = (
        Reactie.objects.select_related("sectie__brief")
        .only(
            "tekst",
            "standpunt",
            "sectie__id",
            "sectie__brief__id",
            "sectie__brief__versie",
            "sectie__brief__status",
        )
        .prefetch_related(
            Prefetch("koppelingen", queryset=koppelingen, to_attr="x_koppelingen"),
            Prefetch(
                "toezeggingen",
                queryset=Toezegging.objects.order_by("volgorde", "pk"),
                to_attr="x_toezeggingen",
            ),
        )
        .order_by("sectie__volgorde", "volgorde", "pk")
    )
    brieven = Reactiebrief.objects.only("pk", "advies_id", "versie", "status").order_by(
        "-versie", "-pk"
    )
    return queryset.select_related("advies").prefetch_related(
        Prefetch("advies__raden", queryset=Raad.objects.order_by("afkorting"), to_attr="x_raden"),
        Prefetch("advies__brieven", queryset=brieven, to_attr="x_brieven"),
        Prefetch(
            "bestuurslagen",
            queryset=Bestuurslaag.objects.order_by("volgorde", "naam"),
            to_attr="x_lagen",
        ),
        Prefetch("reacties", queryset=reacties, to_attr="x_reacties"),
    )


@dataclass
class Exportrij:
    """One recommendation as exported. The response columns come from the newest sent letter
    that answers it (the highest version); a recommendation answered twice in that letter
    gets both responses. brief_status is the status of the report's newest letter, sent or
    not: it says why a recommendation has no stance yet ("concept", "ter review") or none
    at all (empty: no letter)."""

    nummer: str
    aanbeveling: str
    advies: str
    advies_slug: str
    raden: list[str]
    publicatiedatum: dt.date | None
    bestuurslagen: list[str]
    standpunt: list[str]
    reactie: str
    programmas: list[dict[str, str]] = field(default_factory=list)
    toezeggingen: list[dict[str, str]] = field(default_factory=list)
    brief_status: str = ""
    url: str = ""


_VOETNOOT = re.compile(r"<sup\b[^>]*\bdata-voetnoot\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
_REGELEINDE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOKEINDE = re.compile(r"</(p|ul|ol)\s*>", re.IGNORECASE)
_LIJSTITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_SPATIES = re.compile(r"[ \t\f\v]+")
_LEGE_REGELS = re.compile(r"\n{3,}")


def platte_tekst(rijk: str) -> str:
    """Rich text as plain text: paragraphs apart by a blank line, list items with a bullet,
    footnote calls left out (the footnotes themselves are not exported)."""
    tekst = _VOETNOOT.sub("", rijk or "")
    tekst = _REGELEINDE.sub("\n", tekst)
    tekst = _LIJSTITEM.sub("\n• ", tekst)
    tekst = _BLOKEINDE.sub("\n\n", tekst)
    tekst = html.unescape(strip_tags(tekst))
    regels = (_SPATIES.sub(" ", regel).strip() for regel in tekst.split("\n"))
    return _LEGE_REGELS.sub("\n\n", "\n".join(regels)).strip()


def _geldende_reacties(reacties: Sequence[Reactie]) -> list[Reactie]:
    """The responses in the newest sent letter among them."""
    reacties = [r for r in reacties if r.sectie.brief.status == TELLENDE_BRIEFSTATUS]
    if not reacties:
        return []
    nieuwste = max((r.sectie.brief.versie, r.sectie.brief_id) for r in reacties)
    return [r for r in reacties if (r.sectie.brief.versie, r.sectie.brief_id) == nieuwste]


def _nieuwste_briefstatus(aanbeveling: Aanbeveling) -> str:
    brieven = aanbeveling.advies.x_brieven  # newest version first
    return _BRIEFSTATUS.get(brieven[0].status, brieven[0].status) if brieven else ""


def _deadline(toezegging: Toezegging) -> str:
    return toezegging.deadline  # ISO date, a year, or ""


def exportrij(aanbeveling: Aanbeveling, url: str) -> Exportrij:
    """One fetched recommendation (from voor_export) as a row; no queries."""
    advies = aanbeveling.advies
    reacties = _geldende_reacties(aanbeveling.x_reacties)
    standpunten: list[str] = []
    for reactie in reacties:
        label = _STANDPUNT.get(reactie.standpunt, reactie.standpunt)
        if label not in standpunten:
            standpunten.append(label)
    rij = Exportrij(
        nummer=aanbeveling.nummer,
        aanbeveling=aanbeveling.tekst,
        advies=advies.titel,
        advies_slug=advies.slug,
        raden=[raad.afkorting for raad in advies.x_raden],
        publicatiedatum=advies.publicatiedatum,
        bestuurslagen=[laag.naam for laag in aanbeveling.x_lagen],
        standpunt=standpunten,
        reactie="\n\n".join(platte_tekst(r.tekst) for r in reacties),
        brief_status=_nieuwste_briefstatus(aanbeveling),
        url=url,
    )
    for reactie in reacties:
        for k in reactie.x_koppelingen:
            rij.programmas.append(
                {
                    "programma": k.programma.naam,
                    "slug": k.programma.slug,
                    "programmasoort": _PROGRAMMASOORT.get(k.programma.soort, k.programma.soort),
                    "onderdeel": k.onderdeel.naam if k.onderdeel_id else "",
                    "koppeling": _KOPPELSOORT.get(k.soort, k.soort),
                }
            )
        for t in reactie.x_toezeggingen:
            rij.toezeggingen.append(
                {
                    "tekst": t.tekst,
                    "status": _TOEZEGGINGSTATUS.get(t.status, t.status),
                    "deadline": _deadline(t),
                }
            )
    return rij


def exportrijen(
    queryset: QuerySet[Aanbeveling],
    url_van: Callable[[Aanbeveling], str],
    blokgrootte: int | None = None,
) -> Iterator[Exportrij]:
    """Every recommendation of the queryset, in its order, read chunk by chunk."""
    qs = voor_export(queryset)
    for aanbeveling in qs.iterator(chunk_size=blokgrootte or BLOKGROOTTE):
        yield exportrij(aanbeveling, url_van(aanbeveling))


# --- as text cells (CSV, XLSX) -----------------------------------------------------------

_FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilig(waarde: str) -> str:
    """A leading apostrophe for text that a spreadsheet would read as a formula."""
    return "'" + waarde if waarde.startswith(_FORMULETEKENS) else waarde


def _programmatekst(p: dict[str, str]) -> str:
    naam = f"{p['programma']} – {p['onderdeel']}" if p["onderdeel"] else p["programma"]
    return f"{naam} ({p['programmasoort']}; {p['koppeling']})"


def _toezeggingtekst(t: dict[str, str]) -> str:
    deadline = f"; deadline {t['deadline']}" if t["deadline"] else ""
    return f"{t['tekst']} ({t['status']}{deadline})"


def tekstcellen(rij: Exportrij) -> list[str]:
    """The row as the text of each column (in the order of KOLOMMEN), not yet escaped."""
    return [
        rij.nummer,
        rij.aanbeveling,
        rij.advies,
        rij.advies_slug,
        ", ".join(rij.raden),
        rij.publicatiedatum.isoformat() if rij.publicatiedatum else "",
        ", ".join(rij.bestuurslagen),
        "; ".join(rij.standpunt),
        rij.reactie,
        "; ".join(_programmatekst(p) for p in rij.programmas),
        "\n".join(_toezeggingtekst(t) for t in rij.toezeggingen),
        rij.brief_status,
        rij.url,
    ]


# --- CSV -----------------------------------------------------------------------------------


class _Buffer:
    """What csv.writer writes, kept until the next block is handed out."""

    def __init__(self) -> None:
        self.delen: list[str] = []

    def write(self, tekst: str) -> None:
        self.delen.append(tekst)

    def leeg(self) -> str:
        tekst = "".join(self.delen)
        self.delen.clear()
        return tekst


def csv_blokken(
    rijen: Iterable[Exportrij], scheidingsteken: str = ",", rijen_per_blok: int | None = None
) -> Iterator[bytes]:
    """UTF-8 with a byte order mark (so that Excel reads it as UTF-8), a header row, then
    one block of bytes per RIJEN_PER_BLOK rows. Fields with the separator, a quote or a line
    break are quoted (RFC 4180)."""
    per_blok = rijen_per_blok or RIJEN_PER_BLOK
    buffer = _Buffer()
    schrijver = csv.writer(buffer, delimiter=scheidingsteken, lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    yield ("\ufeff" + buffer.leeg()).encode("utf-8")
    for n, rij in enumerate(rijen, start=1):
        schrijver.writerow([veilig(cel) for cel in tekstcellen(rij)])
        if n % per_blok == 0:
            yield buffer.leeg().encode("utf-8")
    if rest := buffer.leeg():
        yield rest.encode("utf-8")


# --- JSON ----------------------------------------------------------------------------------


def json_object(rij: Exportrij) -> dict[str, Any]:
    return {
        "nummer": rij.nummer,
        "aanbeveling": rij.aanbeveling,
        "advies": rij.advies,
        "advies_slug": rij.advies_slug,
        "raden": rij.raden,
        "publicatiedatum": rij.publicatiedatum.isoformat() if rij.publicatiedatum else None,
        "bestuurslagen": rij.bestuurslagen,
        "standpunt": rij.standpunt,
        "reactie": rij.reactie,
        "programmas": rij.programmas,
        "toezeggingen": rij.toezeggingen,
        "brief_status": rij.brief_status,
        "url": rij.url,
    }


def json_blokken(
    rijen: Iterable[Exportrij], filters: dict[str, Any], rijen_per_blok: int | None = None
) -> Iterator[bytes]:
    """One JSON object, ``{"filters": {...}, "aanbevelingen": [...]}``, written piece by
    piece: the opening, then a block per RIJEN_PER_BLOK recommendations, then the close."""
    per_blok = rijen_per_blok or RIJEN_PER_BLOK
    kop = json.dumps({"filters": filters}, ensure_ascii=False)[:-1]
    yield (kop + ', "aanbevelingen": [').encode("utf-8")
    delen: list[str] = []
    for n, rij in enumerate(rijen, start=1):
        scheiding = "\n" if n == 1 else ",\n"
        delen.append(scheiding + json.dumps(json_object(rij), ensure_ascii=False))
        if n % per_blok == 0:
            yield "".join(delen).encode("utf-8")
            delen.clear()
    delen.append("\n]}\n")
    yield "".join(delen).encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------


def _xlsx_tekst(waarde: str) -> str:
    waarde = veilig(ILLEGAL_CHARACTERS_RE.sub("", waarde))
    if len(waarde) > XLSX_MAX_CEL:
        waarde = waarde[: XLSX_MAX_CEL - 1] + "…"
    return waarde


def xlsx_bestand(rijen: Iterable[Exportrij], filters: Sequence[tuple[str, str]]) -> IO[bytes]:
    """The workbook in a temporary file, positioned at its start: the sheet
    "Aanbevelingen" (bold, frozen header row, column widths; the date a real date) and the
    sheet "Filters" with the filters applied."""
    werkboek = Workbook(write_only=True)
    blad = werkboek.create_sheet("Aanbevelingen")
    blad.freeze_panes = "A2"
    for i, kolom in enumerate(KOLOMMEN, start=1):
        blad.column_dimensions[get_column_letter(i)].width = XLSX_BREEDTES[kolom]
    vet = Font(bold=True)
    omloop = Alignment(wrap_text=True, vertical="top")

    def kopcel(blad_, tekst: str) -> WriteOnlyCell:
        cel = WriteOnlyCell(blad_, value=tekst)
        cel.font = vet
        return cel

    blad.append([kopcel(blad, k) for k in KOLOMMEN])
    datumkolom = KOLOMMEN.index("publicatiedatum")
    for rij in rijen:
        cellen: list[object] = [_xlsx_tekst(cel) for cel in tekstcellen(rij)]
        if rij.publicatiedatum:
            datum = WriteOnlyCell(blad, value=rij.publicatiedatum)
            datum.number_format = "yyyy-mm-dd"
            cellen[datumkolom] = datum
        else:
            cellen[datumkolom] = None
        for index in (KOLOMMEN.index("aanbeveling"), KOLOMMEN.index("reactie")):
            if cellen[index]:
                cel = WriteOnlyCell(blad, value=cellen[index])
                cel.alignment = omloop
                cellen[index] = cel
        blad.append(cellen)

    filterblad = werkboek.create_sheet("Filters")
    filterblad.column_dimensions["A"].width = 24
    filterblad.column_dimensions["B"].width = 60
    filterblad.append([kopcel(filterblad, "filter"), kopcel(filterblad, "waarde")])
    for naam, waarde in filters:
        filterblad.append([_xlsx_tekst(naam), _xlsx_tekst(waarde)])

    bestand = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_GEHEUGEN)  # noqa: SIM115
    werkboek.save(bestand)
    bestand.seek(0)
    return bestand
