"""``manage.py genereer_testdata --adviezen N [--seed S] [--vervang]``: realistic test data.

The work lives in ``advies.testdata``; this command parses the options and reports.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from advies import testdata


class Command(BaseCommand):
    help = (
        "Genereert N realistische adviezen met aanbevelingen, reactiebrieven, reacties, "
        "programmakoppelingen en toezeggingen. Dezelfde N en seed geven op een lege database "
        "dezelfde gegevens; opnieuw uitvoeren voegt N adviezen toe (met --vervang worden eerst "
        f"alle gegenereerde adviezen, sleutel ‘{testdata.PREFIX}…’, verwijderd). "
        "Andere adviezen, zoals het voorbeeld, blijven onaangeroerd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--adviezen", type=int, required=True, metavar="N", help="Aantal adviezen."
        )
        parser.add_argument("--seed", type=int, default=1, help="Startwaarde (standaard 1).")
        parser.add_argument(
            "--vervang",
            action="store_true",
            help="Verwijder eerst alle eerder gegenereerde adviezen.",
        )
        parser.add_argument(
            "--blok",
            type=int,
            default=testdata.BLOK,
            metavar="B",
            help=f"Adviezen per transactie (standaard {testdata.BLOK}).",
        )

    def handle(
        self, *args: Any, adviezen: int, seed: int, vervang: bool, blok: int, **options: Any
    ) -> None:
        if adviezen < 0 or blok < 1:
            raise CommandError("--adviezen moet 0 of meer zijn en --blok minstens 1.")
        begin = time.perf_counter()

        def voortgang(klaar: int, totaal: int, telling: testdata.Telling) -> None:
            seconden = time.perf_counter() - begin
            self.stdout.write(
                f"{klaar:>8}/{totaal} adviezen  {telling.rijen:>9} rijen  {seconden:7.1f} s"
            )

        try:
            telling = testdata.genereer(
                adviezen, seed, vervang=vervang, blok=blok, voortgang=voortgang
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        seconden = time.perf_counter() - begin
        self.stdout.write(
            self.style.SUCCESS(
                f"{telling.adviezen} adviezen gegenereerd (seed {seed}) in {seconden:.1f} s: "
                f"{telling.rijen} rijen, {telling.rijen / max(seconden, 1e-9):.0f} rijen/s."
            )
        )
        for regel in telling.regels():
            self.stdout.write(regel)
