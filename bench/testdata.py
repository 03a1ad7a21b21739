"""Benchmark of the test-data generator (``manage.py genereer_testdata``, ``advies.testdata``).

Generates 1,000 and then 10,000 reports (by default) into the database of DATABASE_URL and
prints, per run, the seconds, the rows written and the rows and reports per second, and then
the scaling: the ratio of the 10k time to the 1k time (10.0 is linear). Target: 10,000
reports in under two minutes on PostgreSQL.

Each run starts without generated reports: the previous run's are removed first (untimed,
reported separately). The generated reports of the last run stay, for inspection; pass
--opruimen to remove them at the end.

The database must be fresh: the benchmark refuses to run when it holds reports other than
generated ones (slug ``gen-NNNNNN-…``) and the example ‘Ruimte maken voor Ontmoeting’.

Usage:
    psql -h 127.0.0.1 -U postgres -c 'create database adviesmonitor_bench'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adviesmonitor_bench \\
        .venv/bin/python bench/testdata.py [--aantallen 1000 10000] [--seed 1] [--opruimen]

Without DATABASE_URL it uses a throw-away SQLite database. Migrations run first.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOORBEELD_SLUG = "ruimte-maken-voor-ontmoeting"
DOEL_SECONDEN = 120  # for 10,000 reports


def _django(tmp: str) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adviesmonitor.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def _vreemde_adviezen() -> list[str]:
    """Reports that are neither generated nor the example."""
    from advies.models import Advies
    from advies.testdata import GEGENEREERD

    vreemd = Advies.objects.exclude(slug=VOORBEELD_SLUG).exclude(slug__regex=GEGENEREERD)
    return list(vreemd.values_list("slug", flat=True)[:5])


def _run(aantal: int, seed: int) -> float:
    from advies import testdata

    begin = time.perf_counter()
    verwijderd = testdata.verwijder_gegenereerd()
    if verwijderd:
        print(
            f"  opruimen: {verwijderd} gegenereerde adviezen in {time.perf_counter() - begin:.1f} s"
        )
    begin = time.perf_counter()
    telling = testdata.genereer(aantal, seed)
    seconden = time.perf_counter() - begin
    print(
        f"{aantal:>7} adviezen: {seconden:7.1f} s  {telling.rijen:>9} rijen  "
        f"{telling.rijen / seconden:>8.0f} rijen/s  {aantal / seconden:>6.0f} adviezen/s"
    )
    return seconden


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantallen", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--opruimen", action="store_true", help="Verwijder de data na afloop.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = _django(tmp)
        vreemd = _vreemde_adviezen()
        if vreemd:
            print(
                f"Geweigerd: {database} bevat adviezen die niet gegenereerd zijn "
                f"(bijvoorbeeld {', '.join(vreemd)}). Gebruik een verse database.",
                file=sys.stderr,
            )
            return 2
        print(f"Database: {database}; seed {args.seed}")
        tijden = {aantal: _run(aantal, args.seed) for aantal in args.aantallen}
        if len(tijden) >= 2:
            klein, groot = min(tijden), max(tijden)
            verhouding = tijden[groot] / tijden[klein]
            print(
                f"Schaling: {groot}/{klein} adviezen = {verhouding:.2f}x de tijd "
                f"(lineair: {groot / klein:.2f}x)"
            )
        if 10000 in tijden:
            gehaald = "gehaald" if tijden[10000] < DOEL_SECONDEN else "NIET gehaald"
            print(f"Doel 10.000 adviezen < {DOEL_SECONDEN} s: {gehaald}")
        if args.opruimen:
            from advies import testdata

            testdata.verwijder_gegenereerd()
    return 0


if __name__ == "__main__":
    sys.exit(main())
