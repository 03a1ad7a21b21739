"""``manage.py importeer FILE``: import an exchange file, all or nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reacties.uitwisseling.importeren import Importfout, importeer_document, lees_bestand


class Command(BaseCommand):
    help = (
        "Importeert een uitwisselbestand (JSON) met adviezen, reactiebrieven en "
        "referentiegegevens, of zet een volledige back-up (exporteer --alle) terug. "
        "Alles of niets: bij een fout wordt niets gewijzigd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", metavar="FILE", help="Het JSON-bestand om te importeren.")
        parser.add_argument(
            "--vervang",
            action="store_true",
            help="Zet een volledige back-up terug in een database die al gegevens bevat: "
            "alles behalve de gebruikers wordt vervangen.",
        )

    def handle(self, *args: Any, bestand: str, vervang: bool, **options: Any) -> None:
        try:
            resultaat = importeer_document(lees_bestand(bestand), vervang=vervang)
        except Importfout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            aantal = len(fout.fouten)
            # CommandError: manage.py prints one line and exits with status 1, no traceback.
            raise CommandError(
                f"Import van ‘{bestand}’ afgebroken: {aantal} "
                f"{'fout' if aantal == 1 else 'fouten'} gevonden; er is niets gewijzigd."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"‘{bestand}’ geïmporteerd:"))
        for regel in resultaat.regels():
            self.stdout.write(regel)
