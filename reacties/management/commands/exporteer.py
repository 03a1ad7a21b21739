"""``manage.py exporteer [SLUG ...] [--alle] [-o FILE]``: write an exchange file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from advies.models import Advies
from reacties.uitwisseling.exporteren import dump, exporteer_document


class Command(BaseCommand):
    help = (
        "Exporteert adviezen met hun aanbevelingen, reactiebrieven en de referentiegegevens "
        "die ze gebruiken als uitwisselbestand (JSON). Met --alle: alle adviezen en alle "
        "referentiegegevens, ook ongebruikte."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", metavar="SLUG", help="Sleutel van een advies.")
        parser.add_argument(
            "--alle", action="store_true", help="Alle adviezen en alle referentiegegevens."
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
        tekst = dump(self._document(slugs, alle))
        if uitvoer is None:
            self.stdout.write(tekst, ending="")
            return
        try:
            Path(uitvoer).write_text(tekst, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Kan ‘{uitvoer}’ niet schrijven: {exc.strerror}.") from None
        self.stderr.write(f"Export geschreven naar ‘{uitvoer}’.")

    def _document(self, slugs: list[str], alle: bool) -> dict:
        if alle and slugs:
            raise CommandError("Geef sleutels van adviezen óf --alle, niet allebei.")
        if alle:
            return exporteer_document(alle=True)
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
        return exporteer_document(adviezen)
