"""The plan of an import: the problems found and the changes the rows ask for.

``controle`` makes it (reading only), ``schrijven`` carries it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advies.models import Aanbeveling, Advies
from advies.tabelimport.cellen import GEEN_STANDPUNT, Toezeggingregel
from advies.tabelimport.meldingen import Melding
from reacties.models import Standpunt


@dataclass
class NieuweAanbeveling:
    rij: int
    advies: Advies
    nummer: str
    tekst: str
    lagen: list[int]


@dataclass
class Aanbevelingwijziging:
    rij: int
    aanbeveling: Aanbeveling
    tekst: str | None = None  # None: unchanged
    lagen: list[int] | None = None  # None: unchanged


@dataclass
class Standpuntwijziging:
    rij: int
    nummer: str
    reactie_id: int
    brief_id: int
    standpunt: str


@dataclass
class Toezeggingwijziging:
    rij: int
    nummer: str
    reactie_id: int
    brief_id: int
    bijwerken: list[tuple[int, dict[str, Any]]]  # (toezegging pk, the fields that change)
    nieuw: list[Toezeggingregel]


@dataclass
class Plan:
    """What the table asks for. Empty lists and no ``fouten``: nothing to do."""

    bron: str
    fouten: list[Melding] = field(default_factory=list)
    nieuw: list[NieuweAanbeveling] = field(default_factory=list)
    gewijzigd: list[Aanbevelingwijziging] = field(default_factory=list)
    standpunten: list[Standpuntwijziging] = field(default_factory=list)
    toezeggingen: list[Toezeggingwijziging] = field(default_factory=list)
    rijen: int = 0
    ongewijzigd: int = 0
    genegeerd: list[str] = field(default_factory=list)
    hoogste_volgorde: dict[int, int] = field(default_factory=dict)  # advies pk -> volgorde

    @property
    def heeft_wijzigingen(self) -> bool:
        return bool(self.nieuw or self.gewijzigd or self.standpunten or self.toezeggingen)

    def benodigde_rechten(self) -> set[str]:
        rechten = set()
        if self.nieuw:
            rechten.add("advies.add_aanbeveling")
        if self.gewijzigd:
            rechten.add("advies.change_aanbeveling")
        if self.standpunten:
            rechten.add("reacties.change_reactie")
        if any(t.bijwerken for t in self.toezeggingen):
            rechten.add("reacties.change_toezegging")
        if any(t.nieuw for t in self.toezeggingen):
            rechten.add("reacties.add_toezegging")
        return rechten

    def regels(self) -> list[tuple[int, str]]:
        """Each change in words, with its row, in file order."""
        uit: list[tuple[int, str]] = []
        for n in self.nieuw:
            uit.append((n.rij, f"aanbeveling {n.nummer} bij ‘{n.advies.slug}’ toevoegen"))
        for w in self.gewijzigd:
            wat = " en ".join(
                d for d, v in (("tekst", w.tekst), ("bestuurslagen", w.lagen)) if v is not None
            )
            a = w.aanbeveling
            uit.append((w.rij, f"aanbeveling {a.nummer} bij ‘{a.advies.slug}’: {wat} wijzigen"))
        for s in self.standpunten:
            label = dict(Standpunt.choices).get(s.standpunt, GEEN_STANDPUNT)
            uit.append((s.rij, f"standpunt van de reactie op {s.nummer} wordt ‘{label}’"))
        for t in self.toezeggingen:
            delen = []
            if t.nieuw:
                delen.append(f"{len(t.nieuw)} toevoegen")
            if t.bijwerken:
                delen.append(f"{len(t.bijwerken)} wijzigen")
            uit.append((t.rij, f"toezeggingen bij {t.nummer}: {' en '.join(delen)}"))
        return sorted(uit, key=lambda r: r[0])
