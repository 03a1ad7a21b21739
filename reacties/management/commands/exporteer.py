"""``manage.py exporteer [SLUG ...] [--alle] [-o FILE]``: write an exchange file or a backup."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from advies.models import Advies
from reacties.uitwisseling.exporteren import consistente_lezing, schrijf_document


class Command(BaseCommand):
    help = (
        "Exporteert adviezen met hun aanbevelingen, reactiebrieven en de referentiegegevens "
        "die ze gebruiken als uitwisselbestand (JSON). Met --alle: een volledige back-up van "
        "alle gegevens behalve gebruikers, terug te zetten met importeer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="Sleutel van een advies.")
        parser.add_argument(
            "--alle",
            action="store_true",
            help="Volledige back-up: alle adviezen, referentiegegevens, geschiedenis, "
            "vastgelegde pdf's, antwoordsjablonen en logo's (geen gebruikers).",
        )
        parser.add_argument(
            "-o",
            "--output",
            dest="uitvoer",
            metavar="FILE",
            help="Schrijf naar FILE (anders stdout).",
        )

    def handle(
        self, *args: Any, slugs: list[str], alle: bool, uitvoer: str | None, **options: Any
    ) -> None:
        adviezen = self._adviezen(slugs, alle)
        if uitvoer is None:
            self._schrijf(_NaarStdout(self), adviezen, alle)
            return
        doel = Path(uitvoer)
        try:
            # Written beside the target and renamed when complete: an interrupted backup
            # never leaves a file that looks whole.
            fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", dir=doel.parent or ".")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as bestand:
                    self._schrijf(bestand, adviezen, alle)
                os.replace(tijdelijk, doel)
            except BaseException:
                Path(tijdelijk).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise CommandError(f"Kan ‘{uitvoer}’ niet schrijven: {exc.strerror}.") from None
        self.stderr.write(f"Export geschreven naar ‘{uitvoer}’.")

    def _schrijf(self, uit: Any, adviezen: Any, alle: bool) -> None:
        # A backup is read in many queries; they all see one state of the database.
        with consistente_lezing():
            schrijf_document(uit, adviezen, volledig=alle)

    def _adviezen(self, slugs: list[str], alle: bool) -> Any:
        if alle and slugs:
            raise CommandError("Geef sleutels van adviezen óf --alle, niet allebei.")
        if alle:
            return None
        if not slugs:
            raise CommandError(
                "Geef een of meer sleutels van adviezen (exporteer SLUG [SLUG ...]) "
                "of --alle voor alles."
            )
        adviezen = Advies.objects.filter(slug__in=slugs)
        onbekend = sorted(set(slugs) - set(adviezen.values_list("slug", flat=True)))
        if onbekend:
            namen = ", ".join(f"‘{s}’" for s in onbekend)
            raise CommandError(f"Onbekend advies: {namen}. Er is niets geëxporteerd.")
        return adviezen


class _NaarStdout:
    """The command's stdout as a plain text stream (its own write() adds line breaks)."""

    def __init__(self, command: BaseCommand) -> None:
        self.command = command

    def write(self, tekst: str) -> None:
        self.command.stdout.write(tekst, ending="")
