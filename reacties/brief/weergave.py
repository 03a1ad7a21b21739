"""Render a composed letter to HTML, for the screen preview or for the PDF."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from adviesmonitor.richtext import footnote_numbers, sanitize
from reacties.brief.middelen import LETTERTYPE_ROLLEN, asset_url
from reacties.brief.samenstelling import Briefopmaak

Modus = Literal["pdf", "scherm"]

_AANROEP = re.compile(r'<sup data-voetnoot="(\d+)">[^<]*</sup>')
_ALINEAGRENS = re.compile(r"</p>\s*<p>")
_BUITENSTE_P = re.compile(r"^\s*<p>|</p>\s*$")


def teksten_in_volgorde(opmaak: Briefopmaak) -> list[str]:
    """Every rich text of the letter, in the order it is printed."""
    teksten = [opmaak.brief.opening]
    for blok in opmaak.secties:
        teksten.append(blok.sectie.tekst)
        teksten.extend(r.reactie.tekst for r in blok.reacties)
    teksten.append(opmaak.brief.slot)
    return teksten


def voetnootnummering(opmaak: Briefopmaak) -> dict[int, int]:
    """Stored footnote number -> printed number, numbered through the letter by first call."""
    nummering: dict[int, int] = {}
    for tekst in teksten_in_volgorde(opmaak):
        for nummer in footnote_numbers(tekst):
            nummering.setdefault(nummer, len(nummering) + 1)
    return nummering


def _inline(html: str) -> str:
    """Footnote text flows inside the call's line: paragraphs become line breaks."""
    return _BUITENSTE_P.sub("", _ALINEAGRENS.sub("<br>", html))


def rijke_tekst(html: str, opmaak: Briefopmaak, modus: Modus) -> SafeString:
    """Sanitised rich text with its footnote calls turned into real footnotes (PDF) or
    numbered links to the list of notes (screen)."""
    nummering = _nummering(opmaak)

    def vervang(match: re.Match) -> str:
        nummer = int(match.group(1))
        getoond = nummering.get(nummer, nummer)
        if modus == "pdf":
            inhoud = _inline(sanitize(opmaak.voetnoten.get(nummer, "")))
            return f'<span class="voetnoot">{inhoud}</span>'
        return (
            f'<sup class="voetnootaanroep"><a href="#voetnoot-{getoond}" id="aanroep-{getoond}"'
            f' aria-label="voetnoot {getoond}">{getoond}</a></sup>'
        )

    return mark_safe(_AANROEP.sub(vervang, sanitize(html)))


def _nummering(opmaak: Briefopmaak) -> dict[int, int]:
    # Computed once per composition: every text in the letter asks for it.
    cached = getattr(opmaak, "_voetnootnummering", None)
    if cached is None:
        cached = voetnootnummering(opmaak)
        opmaak._voetnootnummering = cached  # type: ignore[attr-defined]
    return cached


def voetnotenlijst(opmaak: Briefopmaak) -> list[tuple[int, SafeString]]:
    """(printed number, text) for the screen's list of notes, in printed order."""
    nummering = _nummering(opmaak)
    return [
        (getoond, mark_safe(sanitize(opmaak.voetnoten.get(nummer, ""))))
        for nummer, getoond in sorted(nummering.items(), key=lambda item: item[1])
    ]


@lru_cache(maxsize=4)
def _stijlblad(pad: str) -> str:
    gevonden = finders.find(pad)
    if not gevonden:
        raise FileNotFoundError(pad)
    with open(gevonden, encoding="utf-8") as bestand:
        return bestand.read()


def lettertype_css() -> str:
    """@font-face rules for the configured typeface, pointing at allow-listed asset URLs."""
    gewicht = {
        "regular": ("normal", "normal"),
        "bold": ("bold", "normal"),
        "italic": ("normal", "italic"),
        "bolditalic": ("bold", "italic"),
    }
    regels = []
    for rol in LETTERTYPE_ROLLEN:
        weight, style = gewicht[rol]
        regels.append(
            "@font-face { font-family: 'Brieftekst'; "
            f"src: url('{asset_url('lettertype/' + rol)}'); "
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(regels)


def brief_css() -> str:
    return lettertype_css() + "\n" + _stijlblad("brief/brief.css")


def ondertekening(titel: str) -> str:
    """‘minister voor X’ -> ‘De minister voor X,’ as a signature line."""
    return f"De {titel}," if titel[:1].islower() else f"{titel},"


def brief_html(opmaak: Briefopmaak, modus: Modus = "pdf") -> str:
    """The letter as one HTML document (PDF) or as the preview's fragment (screen)."""
    context = {
        "opmaak": opmaak,
        "brief": opmaak.brief,
        "modus": modus,
        "css": mark_safe(brief_css()) if modus == "pdf" else "",
        "logo_url": asset_url("logo"),
        "ondertekeningen": [(ondertekening(a.titel), a.naam) for a in opmaak.ondertekenaars],
        "voetnoten": voetnotenlijst(opmaak) if modus == "scherm" else [],
        "programmas": opmaak.programmas if modus == "scherm" else [],
        "taal": settings.LANGUAGE_CODE,
    }
    template = "brieven/brief_pdf.html" if modus == "pdf" else "brieven/_brief_scherm.html"
    return render_to_string(template, context)
