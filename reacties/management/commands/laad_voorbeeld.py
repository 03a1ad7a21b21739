"""``manage.py laad_voorbeeld``: load the example letter ‘Ruimte maken voor Ontmoeting’.

The example is an ordinary exchange file (docs/uitwisselformaat.md), loaded through the
importer: reference data is matched on its natural keys and the report on its slug, so
running the command again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reacties.uitwisseling.importeren import Importfout, importeer_document, lees_bestand

VOORBEELD = Path(__file__).resolve().parents[2] / "voorbeeld" / "ruimte-maken-voor-ontmoeting.json"


class Command(BaseCommand):
    help = (
        "Laadt de voorbeeldbrief ‘Ruimte maken voor Ontmoeting’ (RVS en CRa) met aanbevelingen, "
        "reactiebrief en referentiegegevens. Opnieuw uitvoeren verandert niets."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            resultaat = importeer_document(lees_bestand(VOORBEELD))
        except Importfout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                "Het voorbeeld kon niet worden geladen; er is niets gewijzigd."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Voorbeeld ‘Ruimte maken voor Ontmoeting’ geladen: "
                f"{resultaat.aanbevelingen} aanbevelingen, {resultaat.brieven} reactiebrief, "
                f"{resultaat.secties} secties, {resultaat.reacties} reacties, "
                f"{resultaat.toezeggingen} toezeggingen, {resultaat.voetnoten} voetnoten, "
                f"{resultaat.programmas} programma's, {resultaat.organisaties} organisaties."
            )
        )
