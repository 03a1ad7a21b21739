"""Write reply letters as PDF: one letter to a file, or every letter into a folder."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reacties.brief.pdf import maak_pdf
from reacties.brief.samenstelling import brieven_voor_opmaak
from reacties.models import Reactiebrief


class Command(BaseCommand):
    help = "Schrijf een reactiebrief als PDF (ID BESTAND), of alle brieven in een map (--alle MAP)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="*", metavar="ID BESTAND")
        parser.add_argument("--alle", metavar="MAP", help="schrijf elke brief in deze map")

    def handle(self, *args: str, **options) -> None:
        if options["alle"]:
            if args:
                raise CommandError("Gebruik óf ID BESTAND, óf --alle MAP.")
            self._alle(Path(options["alle"]))
            return
        if len(args) != 2:
            raise CommandError("Gebruik: brief_pdf ID BESTAND, of brief_pdf --alle MAP.")
        ident, bestand = args
        try:
            brief = brieven_voor_opmaak().get(pk=int(ident))
        except (ValueError, Reactiebrief.DoesNotExist):
            raise CommandError(f"Er is geen reactiebrief met id {ident!r}.") from None
        pad = Path(bestand)
        self._schrijf(brief, pad)

    def _alle(self, map_: Path) -> None:
        map_.mkdir(parents=True, exist_ok=True)
        aantal = 0
        for brief in brieven_voor_opmaak().order_by("pk"):
            bestand = maak_pdf(brief)
            pad = map_ / bestand.bestandsnaam
            pad.write_bytes(bestand.inhoud)
            self.stdout.write(f"{pad} ({len(bestand.inhoud):,} bytes)")
            aantal += 1
        self.stdout.write(self.style.SUCCESS(f"{aantal} brief/brieven geschreven in {map_}."))

    def _schrijf(self, brief: Reactiebrief, pad: Path) -> None:
        if pad.parent and not pad.parent.exists():
            raise CommandError(f"De map {pad.parent} bestaat niet.")
        bestand = maak_pdf(brief)
        pad.write_bytes(bestand.inhoud)
        self.stdout.write(self.style.SUCCESS(f"{pad} ({len(bestand.inhoud):,} bytes)"))
