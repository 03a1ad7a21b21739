"""``manage.py importeer_tabel FILE [--controleer]``: recommendations and commitments from a
CSV or XLSX file in the export's columns, all rows or none (docs/tabelimport.md)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from advies.tabelimport import Tabelfout, importeer_tabel, lees_bestand
from reacties.fouten import NietToegestaan


class Command(BaseCommand):
    help = (
        "Importeert aanbevelingen en toezeggingen uit een CSV- of XLSX-bestand met de "
        "kolommen van de export. Alles of niets: bij een fout wordt niets gewijzigd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", metavar="FILE", help="Het CSV- of XLSX-bestand.")
        parser.add_argument(
            "--controleer",
            action="store_true",
            help="Alleen controleren en melden wat er zou veranderen; niets wijzigen.",
        )
        parser.add_argument(
            "--gebruiker",
            metavar="GEBRUIKERSNAAM",
            help="Op wiens naam de wijzigingen in de geschiedenis van de brieven komen "
            "(zijn rechten worden gecontroleerd). Zonder: op niemands naam.",
        )

    def handle(self, *args: Any, bestand: str, controleer: bool, **options: Any) -> None:
        gebruiker = None
        if naam := options.get("gebruiker"):
            try:
                gebruiker = get_user_model().objects.get(username=naam)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Gebruiker ‘{naam}’ bestaat niet.") from None
        try:
            verslag = importeer_tabel(
                lees_bestand(bestand), gebruiker=gebruiker, alleen_controleren=controleer
            )
        except Tabelfout as fout:
            for melding in fout.fouten:
                self.stderr.write(str(melding))
            aantal = len(fout.fouten)
            # CommandError: manage.py prints one line and exits with status 1, no traceback.
            raise CommandError(
                f"{'Controle' if controleer else 'Import'} van ‘{bestand}’: {aantal} "
                f"{'fout' if aantal == 1 else 'fouten'} gevonden; er is niets gewijzigd."
            ) from None
        except NietToegestaan as fout:
            raise CommandError(str(fout)) from None
        if controleer:
            self.stdout.write(
                self.style.SUCCESS(f"‘{bestand}’ is in orde; er is niets gewijzigd (--controleer).")
            )
            kop = "Bij importeren zou dit veranderen:"
        else:
            self.stdout.write(self.style.SUCCESS(f"‘{bestand}’ geïmporteerd:"))
            kop = "Gewijzigd:"
        for label, aantal in verslag.aantallen():
            self.stdout.write(f"  {label:<26}{aantal:>6}")
        if verslag.geschreven:
            self.stdout.write(f"  {'briefversies vastgelegd':<26}{verslag.briefversies:>6}")
        if verslag.genegeerd:
            self.stdout.write(
                "Alleen ter informatie, niet ingelezen: " + ", ".join(verslag.genegeerd) + "."
            )
        if verslag.wijzigingen:
            self.stdout.write(kop)
            for rij, tekst in verslag.wijzigingen:
                self.stdout.write(f"  rij {rij}: {tekst}")
        else:
            self.stdout.write("Geen wijzigingen: alles stond er al zo.")
