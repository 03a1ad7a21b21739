"""Accessible bar charts as inline SVG, rendered on the server: no JavaScript, nothing fetched.

Pure functions from data to markup. Every chart is ``role="img"`` with a ``<title>`` and a
``<desc>`` it is labelled by; the page pairs it with the same figures as a real table. No
information is carried by colour alone: every bar has its number written beside or on it,
and the series of a stacked chart each have their own fill pattern, shown in the legend.
All colours keep at least 3:1 against white (text 4.5:1), and segments are separated by a
white gap so each one stands out against its neighbour.

Every text that comes in is escaped here, so callers may pass raw names (a council called
``<script>`` stays text) and mark the result safe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BREEDTE = 760
LABELBREEDTE = 250
WAARDEBREEDTE = 90
STAAFHOOGTE = 24
TUSSENRUIMTE = 14
LETTERGROOTTE = 13
TEKENBREEDTE = 7.2  # a generous average glyph width at LETTERGROOTTE, to shorten long labels
MARGE = 8

TEKSTKLEUR = "#1b1b1b"
STAAFKLEUR = "#154273"
LIJNKLEUR = "#6b6b6b"

# Overlay per pattern, drawn in white over the series colour on an 8×8 tile.
PATRONEN: dict[str, str] = {
    "vol": "",
    "schuin": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>',
    "kruis": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" stroke-width="1.3"/>',
    "stippen": (
        '<circle cx="2" cy="2" r="1.4" fill="#fff"/><circle cx="6" cy="6" r="1.4" fill="#fff"/>'
    ),
    "horizontaal": '<path d="M0,2 h8 M0,6 h8" stroke="#fff" stroke-width="1.3"/>',
    "verticaal": '<path d="M2,0 v8 M6,0 v8" stroke="#fff" stroke-width="1.3"/>',
}


@dataclass(frozen=True)
class Staaf:
    """One bar: its label, its length and the text written beside it (default: the value)."""

    label: str
    waarde: float
    tekst: str | None = None

    @property
    def weergave(self) -> str:
        if self.tekst is not None:
            return self.tekst
        return _getal(self.waarde)


@dataclass(frozen=True)
class Reeks:
    """One series of a stacked chart: its name in the legend, colour and fill pattern."""

    sleutel: str
    naam: str
    kleur: str
    patroon: str = "vol"


def _e(tekst: object) -> str:
    return escape(str(tekst), quote=True)


def _getal(waarde: float) -> str:
    if float(waarde).is_integer():
        return f"{int(waarde):,}".replace(",", ".")
    return f"{waarde:.1f}".replace(".", ",")


def _id(grafiek_id: str) -> str:
    """An id safe in an attribute and in url(#…): letters, digits, - and _ only."""
    schoon = re.sub(r"[^A-Za-z0-9_-]", "-", grafiek_id).strip("-")
    return f"grafiek-{schoon or 'x'}"


def _kort(tekst: str, breedte: float) -> str:
    """The text, shortened with an ellipsis when it would not fit ``breedte`` pixels."""
    maximaal = max(4, int(breedte / TEKENBREEDTE))
    tekst = " ".join(str(tekst).split())
    return tekst if len(tekst) <= maximaal else tekst[: maximaal - 1].rstrip() + "…"


def _regels(tekst: str, breedte: float, aantal: int = 2) -> list[str]:
    """The text wrapped on words into at most ``aantal`` lines of ``breedte`` pixels; only
    what does not fit in those lines is cut off, with an ellipsis."""
    maximaal = max(4, int(breedte / TEKENBREEDTE))
    regels: list[str] = []
    woorden = str(tekst).split()
    while woorden and len(regels) < aantal:
        regel = woorden.pop(0)
        while woorden and len(regel) + 1 + len(woorden[0]) <= maximaal:
            regel += " " + woorden.pop(0)
        regels.append(regel)
    if woorden:
        regels[-1] = regels[-1] + " " + " ".join(woorden)
    return [_kort(regel, breedte) for regel in regels] or [""]


def _label(x: float, midden: float, tekst: str) -> str:
    """A right-aligned label of up to two lines, centred on ``midden``."""
    regels = _regels(tekst, LABELBREEDTE - 12)
    eerste = midden - (len(regels) - 1) * 7
    tspans = "".join(
        f'<tspan x="{x:g}" y="{eerste + n * 14:g}">{_e(regel)}</tspan>'
        for n, regel in enumerate(regels)
    )
    return f'<text text-anchor="end" dominant-baseline="middle">{tspans}</text>'


def _kop(sid: str, titel: str, beschrijving: str, hoogte: float) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek-svg" role="img" '
        f'aria-labelledby="{sid}-titel {sid}-beschrijving" focusable="false" '
        f'viewBox="0 0 {BREEDTE} {hoogte:g}" width="{BREEDTE}" height="{hoogte:g}" '
        f'font-size="{LETTERGROOTTE}" fill="{TEKSTKLEUR}">'
        f'<title id="{sid}-titel">{_e(titel)}</title>'
        f'<desc id="{sid}-beschrijving">{_e(beschrijving)}</desc>'
    )


def _leeg(sid: str, titel: str, beschrijving: str) -> str:
    hoogte = 40
    return (
        _kop(sid, titel, beschrijving or "Geen gegevens.", hoogte)
        + f'<text x="{MARGE}" y="24">Geen gegevens.</text></svg>'
    )


def staafdiagram(
    grafiek_id: str,
    titel: str,
    staven: Sequence[Staaf],
    *,
    beschrijving: str = "",
    maximum: float | None = None,
    kleur: str = STAAFKLEUR,
) -> str:
    """Horizontal bars, one per item, each with its label before and its value after it.

    ``maximum`` fixes the scale (100 for percentages); by default the largest value fills
    the width.
    """
    sid = _id(grafiek_id)
    if not staven:
        return _leeg(sid, titel, beschrijving)
    schaal = maximum if maximum else max((s.waarde for s in staven), default=0)
    ruimte = BREEDTE - LABELBREEDTE - WAARDEBREEDTE - 2 * MARGE
    hoogte = MARGE * 2 + len(staven) * (STAAFHOOGTE + TUSSENRUIMTE) - TUSSENRUIMTE
    delen = [_kop(sid, titel, beschrijving, hoogte)]
    x0 = MARGE + LABELBREEDTE
    delen.append(
        f'<line x1="{x0}" y1="{MARGE - 4}" x2="{x0}" y2="{hoogte - MARGE + 4}" '
        f'stroke="{LIJNKLEUR}" stroke-width="1"/>'
    )
    for i, staaf in enumerate(staven):
        y = MARGE + i * (STAAFHOOGTE + TUSSENRUIMTE)
        midden = y + STAAFHOOGTE / 2
        lengte = ruimte * staaf.waarde / schaal if schaal > 0 and staaf.waarde > 0 else 0
        lengte = min(lengte, ruimte)
        delen.append(_label(x0 - 8, midden, staaf.label))
        if lengte > 0:
            delen.append(
                f'<rect x="{x0}" y="{y}" width="{lengte:.1f}" height="{STAAFHOOGTE}" '
                f'fill="{_e(kleur)}"/>'
            )
        delen.append(
            f'<text x="{x0 + lengte + 6:.1f}" y="{midden:g}" dominant-baseline="middle" '
            f'font-weight="700">{_e(staaf.weergave)}</text>'
        )
    delen.append("</svg>")
    return "".join(delen)


def _patronen(sid: str, reeksen: Sequence[Reeks]) -> str:
    delen = ["<defs>"]
    for n, reeks in enumerate(reeksen):
        overlay = PATRONEN.get(reeks.patroon, "")
        delen.append(
            f'<pattern id="{sid}-p{n}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{_e(reeks.kleur)}"/>{overlay}</pattern>'
        )
    delen.append("</defs>")
    return "".join(delen)


def _legenda(sid: str, reeksen: Sequence[Reeks], y: float) -> tuple[str, float]:
    """The legend in rows that wrap within the width; returns the markup and its height."""
    delen = []
    x = MARGE
    regel = 0
    for n, reeks in enumerate(reeksen):
        breedte = 18 + len(reeks.naam) * TEKENBREEDTE + 20
        if x + breedte > BREEDTE - MARGE and x > MARGE:
            x = MARGE
            regel += 1
        yy = y + regel * 22
        delen.append(
            f'<rect x="{x}" y="{yy:g}" width="14" height="14" fill="url(#{sid}-p{n})" '
            f'stroke="{TEKSTKLEUR}" stroke-width="1"/>'
            f'<text x="{x + 20}" y="{yy + 7:g}" dominant-baseline="middle">{_e(reeks.naam)}</text>'
        )
        x += breedte
    return "".join(delen), (regel + 1) * 22


def gestapeld_staafdiagram(
    grafiek_id: str,
    titel: str,
    categorieen: Sequence[str],
    reeksen: Sequence[Reeks],
    waarden: Sequence[Sequence[float]],
    *,
    beschrijving: str = "",
) -> str:
    """Horizontal stacked bars: one bar per category, one patterned segment per series.

    ``waarden[i][j]`` is the value of series ``j`` in category ``i``. Bars share one scale,
    so their lengths compare; each bar has its total after it, and each segment wide
    enough for it carries its own number on a white chip.
    """
    sid = _id(grafiek_id)
    if not categorieen or not reeksen:
        return _leeg(sid, titel, beschrijving)
    if len(waarden) != len(categorieen) or any(len(rij) != len(reeksen) for rij in waarden):
        raise ValueError("waarden moet één rij per categorie met één getal per reeks zijn")
    totalen = [sum(max(w, 0) for w in rij) for rij in waarden]
    schaal = max(totalen, default=0)
    ruimte = BREEDTE - LABELBREEDTE - WAARDEBREEDTE - 2 * MARGE
    legenda, legendahoogte = _legenda(sid, reeksen, MARGE)
    boven = MARGE + legendahoogte + 10
    hoogte = boven + len(categorieen) * (STAAFHOOGTE + TUSSENRUIMTE) - TUSSENRUIMTE + MARGE
    delen = [_kop(sid, titel, beschrijving, hoogte), _patronen(sid, reeksen), legenda]
    x0 = MARGE + LABELBREEDTE
    delen.append(
        f'<line x1="{x0}" y1="{boven - 4}" x2="{x0}" y2="{hoogte - MARGE + 4}" '
        f'stroke="{LIJNKLEUR}" stroke-width="1"/>'
    )
    for i, (categorie, rij) in enumerate(zip(categorieen, waarden, strict=True)):
        y = boven + i * (STAAFHOOGTE + TUSSENRUIMTE)
        midden = y + STAAFHOOGTE / 2
        delen.append(_label(x0 - 8, midden, categorie))
        x = float(x0)
        for n, waarde in enumerate(rij):
            if waarde <= 0 or schaal <= 0:
                continue
            lengte = ruimte * waarde / schaal
            delen.append(
                f'<rect x="{x:.1f}" y="{y}" width="{lengte:.1f}" height="{STAAFHOOGTE}" '
                f'fill="url(#{sid}-p{n})" stroke="#fff" stroke-width="1.5"/>'
            )
            tekst = _getal(waarde)
            chip = len(tekst) * TEKENBREEDTE + 6
            if lengte >= chip + 4:
                cx = x + lengte / 2
                delen.append(
                    f'<rect x="{cx - chip / 2:.1f}" y="{midden - 8:g}" width="{chip:.1f}" '
                    f'height="16" rx="3" fill="#fff"/>'
                    f'<text x="{cx:.1f}" y="{midden:g}" text-anchor="middle" '
                    f'dominant-baseline="middle" font-size="12">{_e(tekst)}</text>'
                )
            x += lengte
        delen.append(
            f'<text x="{x + 6:.1f}" y="{midden:g}" dominant-baseline="middle" '
            f'font-weight="700">{_e(_getal(totalen[i]))}</text>'
        )
    delen.append("</svg>")
    return "".join(delen)


def _luminantie(kleur: str) -> float:
    kleur = kleur.lstrip("#")
    if len(kleur) == 3:
        kleur = "".join(c * 2 for c in kleur)
    kanalen = [int(kleur[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lineair = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
    return 0.2126 * lineair[0] + 0.7152 * lineair[1] + 0.0722 * lineair[2]


def contrast(kleur_a: str, kleur_b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours."""
    licht, donker = sorted((_luminantie(kleur_a), _luminantie(kleur_b)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)
