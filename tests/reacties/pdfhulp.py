"""Reading PDFs back in tests: text per page (pdftotext) and the document structure (pypdf)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
from difflib import SequenceMatcher

import pytest
from pypdf import PdfReader

HEEFT_PDFTOTEXT = shutil.which("pdftotext") is not None


def vereist_pdftotext() -> None:
    if not HEEFT_PDFTOTEXT:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) ontbreekt in CI")
        pytest.skip("pdftotext (poppler-utils) is niet geïnstalleerd")


def paginateksten(pdf: bytes) -> list[str]:
    """The text of every page, as pdftotext reads it (reading order, no layout)."""
    vereist_pdftotext()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as bestand:
        bestand.write(pdf)
        bestand.flush()
        uit = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", bestand.name, "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    paginas = uit.split("\f")
    return paginas[:-1] if paginas and not paginas[-1].strip() else paginas


def woorden(tekst: str) -> list[str]:
    """Lower-case words, insensitive to hyphens inside words.

    A word broken at a line end is joined again, and a hyphen between two letters is
    dropped (pdftotext itself joins ‘55-’ + ‘plussers’ into ‘55plussers’), so the text of
    the records and the text read back from the PDF split into the same words.
    """
    tekst = re.sub(r"(?<=\w)[\u2010\u00ad-]\s*\n\s*(?=\w)", "", tekst)
    tekst = re.sub(r"(?<=\w)[\u2010-](?=\w)", "", tekst)
    return [w for w in re.split(r"[^\w]+", tekst.lower()) if w]


def aandeel_in_volgorde(origineel: list[str], gevonden: list[str]) -> float:
    """Share of the original's words found in the same order (matching blocks of difflib,
    a lower bound of the longest common subsequence)."""
    if not origineel:
        return 1.0
    matcher = SequenceMatcher(None, origineel, gevonden, autojunk=False)
    return sum(blok.size for blok in matcher.get_matching_blocks()) / len(origineel)


def lezer(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))
