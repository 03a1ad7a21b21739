"""Benchmark of the list exports (issue: the analyst workspace): memory stays flat.

Generates test data in steps (``manage.py genereer_testdata``; about ten recommendations
per report), and after each step downloads the full, unfiltered export through the test
client, the way a browser would: the response is consumed block by block and thrown away.
Per step and format it prints the rows, the seconds, rows per second and the peak of
Python memory during the download (tracemalloc, in a second run, since tracing slows the
code down). Flat means: the peak at 100,000 rows is about the peak at 10,000.

Usage: python bench/export.py [--stappen 1000 10000] [--formaten csv json xlsx]
Uses DATABASE_URL when set (an empty PostgreSQL database, for figures that count; it is
ANALYZEd after each step), else a throw-away SQLite database. DEBUG is forced off: with
DEBUG on Django keeps every query in memory, which is not what production does.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django(tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adviesmonitor.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # The test client speaks plain http: no redirect to https (on by default without DEBUG).
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Meting:
    formaat: str
    rijen: int
    bytes: int
    seconden: float
    piek_mb: float


def _download(client, url: str) -> tuple[int, int]:
    """Consume the streamed response; (bytes, CSV/JSON/XLSX blocks) without keeping any."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    grootte = 0
    regels = 0
    for blok in response.streaming_content:
        grootte += len(blok)
        regels += blok.count(b"\r\n")
    response.close()
    return grootte, regels


def meet(client, formaat: str, aantal: int) -> Meting:
    from django.urls import reverse

    url = reverse("advies:export", args=[formaat])
    gc.collect()
    begin = time.perf_counter()
    grootte, regels = _download(client, url)
    seconden = time.perf_counter() - begin
    if formaat == "csv":
        # Fields hold "\n" only; "\r\n" ends a record. Minus the header.
        assert regels - 1 == aantal, (regels - 1, aantal)
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    _download(client, url)
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Meting(formaat, aantal, grootte, seconden, piek / 1024 / 1024)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--stappen",
        type=int,
        nargs="+",
        default=[1000, 10000],
        help="totaal aantal adviezen na elke stap (standaard 1000 10000: ±10k en ±100k rijen)",
    )
    parser.add_argument("--formaten", nargs="+", default=["csv", "json", "xlsx"])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        _django(tmp)
        from django.contrib.auth.models import Group, User
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from advies import export
        from advies.models import Aanbeveling
        from advies.testdata import gegenereerde_adviezen
        from adviesmonitor.rollen import ANALIST

        gebruiker, _ = User.objects.get_or_create(username="bench-analist")
        gebruiker.groups.add(Group.objects.get(name=ANALIST))
        client = Client()
        client.force_login(gebruiker)

        print(
            f"database: {connection.vendor}; {export.BLOKGROOTTE} aanbevelingen per "
            f"databaseblok, {export.RIJEN_PER_BLOK} rijen per verzonden blok"
        )
        metingen: list[Meting] = []
        for doel in args.stappen:
            erbij = doel - gegenereerde_adviezen().count()
            if erbij > 0:
                begin = time.perf_counter()
                call_command("genereer_testdata", adviezen=erbij, stdout=open(os.devnull, "w"))  # noqa: SIM115
                print(f"{erbij} adviezen gegenereerd in {time.perf_counter() - begin:.0f} s")
                if connection.vendor == "postgresql":
                    # Fresh statistics, as autovacuum would soon give a real database after
                    # a bulk load; without them the planner misjudges the prefetch joins.
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
            aantal = Aanbeveling.objects.count()
            for formaat in args.formaten:
                m = meet(client, formaat, aantal)
                metingen.append(m)
                print(
                    f"{m.formaat:>4}  {m.rijen:>7} rijen  {m.bytes / 1e6:8.1f} MB  "
                    f"{m.seconden:7.1f} s  {m.rijen / m.seconden:7.0f} rijen/s  "
                    f"piek {m.piek_mb:6.1f} MB",
                    flush=True,
                )

        print("\nPiekgeheugen (Python, tracemalloc) per formaat:")
        for formaat in args.formaten:
            reeks = [m for m in metingen if m.formaat == formaat]
            tekst = "  ".join(f"{m.rijen} rijen: {m.piek_mb:.1f} MB" for m in reeks)
            factor = reeks[-1].piek_mb / reeks[0].piek_mb if reeks[0].piek_mb else 0
            rijfactor = reeks[-1].rijen / reeks[0].rijen
            print(f"{formaat:>4}  {tekst}  (×{factor:.2f} bij ×{rijfactor:.1f} rijen)")


if __name__ == "__main__":
    main()
