"""Bulk import of recommendations and commitments from CSV or XLSX, in the export's columns.

An exported file (``/aanbevelingen/export.csv`` or ``.xlsx``) can be edited and imported
again; the rules are in docs/tabelimport.md. The import is checked completely before
anything is written, and then written in one transaction: all rows or none.

    lees_tabel(inhoud, naam) -> Tabel              # bytes of a CSV or XLSX file; Tabelfout
    lees_bestand(pad) -> Tabel                     # the same, from a path
    importeer_tabel(tabel, gebruiker=None, alleen_controleren=False) -> Verslag  # Tabelfout

Modules: ``meldingen`` (the error and its row/column), ``grenzen`` (the limits), ``lezen``
(files and header; ``xlsx`` for Excel), ``cellen`` (the values in a cell), ``controle``
(the checks, which make a ``plan``) and ``schrijven`` (the writes and the history).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import DataError, IntegrityError, transaction

from advies.models import Advies
from advies.tabelimport.cellen import schone_tekst
from advies.tabelimport.controle import controleer_tabel
from advies.tabelimport.grenzen import max_bytes, te_groot
from advies.tabelimport.lezen import Tabel, lees_tabel
from advies.tabelimport.meldingen import Melding, Tabelfout
from advies.tabelimport.plan import Plan
from advies.tabelimport.schrijven import schrijf
from reacties.fouten import NietToegestaan
from reacties.models import Reactiebrief

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

__all__ = [
    "RECHTEN",
    "Melding",
    "Tabel",
    "Tabelfout",
    "Verslag",
    "importeer_tabel",
    "lees_bestand",
    "lees_tabel",
    "mag_importeren",
]


# Who may import at all. Adding and changing recommendations alone would let a Redacteur in;
# a bulk import reshapes a report's recommendations, which is the work of who may change
# reports (Coördinator, Beheerder). The changes themselves need their own rights as well
# (Plan.benodigde_rechten).
RECHTEN: tuple[str, ...] = (
    "advies.change_advies",
    "advies.add_aanbeveling",
    "advies.change_aanbeveling",
)


@dataclass(frozen=True)
class Verslag:
    """What an import did, or (``geschreven`` False) would do."""

    geschreven: bool
    rijen: int
    ongewijzigd: int
    aanbevelingen_toegevoegd: int
    aanbevelingen_gewijzigd: int
    standpunten_gewijzigd: int
    toezeggingen_toegevoegd: int
    toezeggingen_gewijzigd: int
    briefversies: int = 0
    wijzigingen: list[tuple[int, str]] = field(default_factory=list)  # (row, in words)
    genegeerd: list[str] = field(default_factory=list)  # information-only columns

    @classmethod
    def van(cls, plan: Plan, *, geschreven: bool, briefversies: int = 0) -> Verslag:
        return cls(
            geschreven=geschreven,
            rijen=plan.rijen,
            ongewijzigd=plan.ongewijzigd,
            aanbevelingen_toegevoegd=len(plan.nieuw),
            aanbevelingen_gewijzigd=len(plan.gewijzigd),
            standpunten_gewijzigd=len(plan.standpunten),
            toezeggingen_toegevoegd=sum(len(t.nieuw) for t in plan.toezeggingen),
            toezeggingen_gewijzigd=sum(len(t.bijwerken) for t in plan.toezeggingen),
            briefversies=briefversies,
            wijzigingen=plan.regels(),
            genegeerd=plan.genegeerd,
        )

    @property
    def heeft_wijzigingen(self) -> bool:
        return bool(self.wijzigingen)

    def aantallen(self) -> list[tuple[str, int]]:
        return [
            ("rijen gelezen", self.rijen),
            ("rijen zonder wijziging", self.ongewijzigd),
            ("aanbevelingen toegevoegd", self.aanbevelingen_toegevoegd),
            ("aanbevelingen gewijzigd", self.aanbevelingen_gewijzigd),
            ("standpunten gewijzigd", self.standpunten_gewijzigd),
            ("toezeggingen toegevoegd", self.toezeggingen_toegevoegd),
            ("toezeggingen gewijzigd", self.toezeggingen_gewijzigd),
        ]


def lees_bestand(pad: str | os.PathLike[str]) -> Tabel:
    """The table in the file at ``pad``; every failure is a Tabelfout."""
    pad = Path(pad)
    naam = f"Bestand ‘{pad}’"
    try:
        grootte = pad.stat().st_size
        if grootte > max_bytes():
            # Refused before reading: a huge file must not be loaded to be turned away.
            raise Tabelfout([te_groot(grootte)])
        inhoud = pad.read_bytes()
    except FileNotFoundError:
        raise Tabelfout([Melding(None, None, None, f"{naam} bestaat niet.")]) from None
    except IsADirectoryError:
        raise Tabelfout([Melding(None, None, None, f"‘{pad}’ is een map, geen bestand.")]) from None
    except PermissionError:
        raise Tabelfout(
            [Melding(None, None, None, f"{naam} kan niet worden gelezen: geen toegang.")]
        ) from None
    except OSError as exc:
        raise Tabelfout(
            [Melding(None, None, None, f"{naam} kan niet worden gelezen: {exc.strerror}.")]
        ) from None
    return lees_tabel(inhoud, pad.name)


def importeer_tabel(
    tabel: Tabel,
    *,
    gebruiker: AbstractBaseUser | None = None,
    alleen_controleren: bool = False,
) -> Verslag:
    """Check ``tabel`` completely, then (unless ``alleen_controleren``) write it in one
    transaction. Raises Tabelfout with every problem (nothing written), or NietToegestaan
    when ``gebruiker`` lacks a right the changes need. Without a user (the command) no
    rights are checked and the history names nobody."""
    if alleen_controleren:
        plan = controleer_tabel(tabel)
        if plan.fouten:
            raise Tabelfout(plan.fouten)
        _vereis_rechten(plan, gebruiker)
        return Verslag.van(plan, geschreven=False)
    try:
        with transaction.atomic():
            _vergrendel(tabel)
            plan = controleer_tabel(tabel)
            if plan.fouten:
                raise Tabelfout(plan.fouten)
            _vereis_rechten(plan, gebruiker)
            versies = schrijf(plan, gebruiker) if plan.heeft_wijzigingen else 0
    except (IntegrityError, DataError) as exc:
        # The checks should catch everything; this is the safety net (say, another import
        # adding the same number at the same moment). The transaction is rolled back.
        tekst = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise Tabelfout(
            [
                Melding(
                    None,
                    None,
                    None,
                    f"De database weigerde de gegevens; er is niets gewijzigd. Melding: {tekst}",
                )
            ]
        ) from exc
    return Verslag.van(plan, geschreven=True, briefversies=versies)


def _vergrendel(tabel: Tabel) -> None:
    """Lock the reports the table names and their letters (in the order the services use:
    by primary key), so that nobody changes them between the check and the writes."""
    slugs = {schone_tekst(rij.cellen.get("advies_slug") or "") for rij in tabel.rijen} - {""}
    adviezen = list(
        Advies.objects.select_for_update()
        .filter(slug__in=slugs)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    list(
        Reactiebrief.objects.select_for_update()
        .filter(advies_id__in=adviezen)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def mag_importeren(gebruiker: AbstractBaseUser | None) -> bool:
    return gebruiker is not None and gebruiker.is_active and gebruiker.has_perms(RECHTEN)


def _vereis_rechten(plan: Plan, gebruiker: AbstractBaseUser | None) -> None:
    if gebruiker is None:
        return
    nodig = {*RECHTEN, *plan.benodigde_rechten()}
    ontbrekend = sorted(r for r in nodig if not gebruiker.has_perm(r))
    if ontbrekend:
        raise NietToegestaan(
            "U hebt niet alle rechten die deze import vraagt (" + ", ".join(ontbrekend) + ")."
        )
