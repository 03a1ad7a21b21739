"""Benchmark of backup and restore (``exporteer --alle``, ``importeer --vervang``).

Makes sure the database holds N generated reports (``genereer_testdata``; default 10,000,
plus the example letter), then runs, each as its own ``manage.py`` process so that its
memory is its own:

1. ``exporteer --alle -o FILE``: seconds, file size, peak memory (maximum resident set);
2. ``importeer --vervang FILE``: the backup restored over the same database (everything is
   replaced by itself, in one transaction): seconds and peak memory;
3. ``exporteer --alle`` again: the file must be byte for byte the first one.

Usage:
    psql -h 127.0.0.1 -U postgres -c 'create database adviesmonitor_bench'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adviesmonitor_bench \\
        .venv/bin/python bench/backup.py [N] [--seed 1]

Without DATABASE_URL it uses a throw-away SQLite database. The database must hold nothing
but generated reports and the example (the benchmark replaces its content). DEBUG is off:
with DEBUG on Django keeps every query in memory, which production does not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOORBEELD_SLUG = "ruimte-maken-voor-ontmoeting"


def _django(tmp: str) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adviesmonitor.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def _zorg_voor_gegevens(aantal: int, seed: int) -> None:
    from advies import testdata
    from advies.models import Advies
    from reacties.management.commands.laad_voorbeeld import VOORBEELD
    from reacties.uitwisseling import importeer_document, lees_bestand

    vreemd = Advies.objects.exclude(slug=VOORBEELD_SLUG).exclude(slug__regex=testdata.GEGENEREERD)
    if vreemd.exists():
        sys.exit("De database bevat andere adviezen dan gegenereerde: gebruik een lege database.")
    if not Advies.objects.filter(slug=VOORBEELD_SLUG).exists():
        importeer_document(lees_bestand(VOORBEELD))
    if testdata.gegenereerde_adviezen().count() == aantal:
        print(f"{aantal} gegenereerde adviezen staan er al.")
        return
    begin = time.perf_counter()
    testdata.verwijder_gegenereerd()
    testdata.genereer(aantal, seed)
    print(f"{aantal} adviezen gegenereerd in {time.perf_counter() - begin:.0f} s (niet gemeten).")


def _meet(*argumenten: str) -> tuple[float, float]:
    """Run ``manage.py argumenten`` in its own process: (seconds, peak memory in MB)."""
    begin = time.perf_counter()
    proces = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *argumenten],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, gebruik = os.wait4(proces.pid, 0)
    seconden = time.perf_counter() - begin
    if os.waitstatus_to_exitcode(status) != 0:
        fout = proces.stderr.read().decode() if proces.stderr else ""
        sys.exit(f"manage.py {' '.join(argumenten)} mislukte:\n{fout}")
    return seconden, gebruik.ru_maxrss / 1024  # kB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aantal", nargs="?", type=int, default=10_000, help="adviezen (N)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"Database: {_django(tmp)}")
        _zorg_voor_gegevens(args.aantal, args.seed)
        from django.db import connection

        connection.close()  # the commands below get the database to themselves
        eerste, tweede = Path(tmp) / "backup-1.json", Path(tmp) / "backup-2.json"
        export_s, export_mb = _meet("exporteer", "--alle", "-o", str(eerste))
        import_s, import_mb = _meet("importeer", "--vervang", str(eerste))
        _meet("exporteer", "--alle", "-o", str(tweede))
        grootte = eerste.stat().st_size / 1_000_000
        print(f"{'adviezen':<28}{args.aantal:>10}")
        print(f"{'bestand':<28}{grootte:>10.1f} MB")
        print(f"{'exporteer --alle':<28}{export_s:>10.1f} s {export_mb:>8.0f} MB geheugen (piek)")
        print(
            f"{'importeer --vervang':<28}{import_s:>10.1f} s {import_mb:>8.0f} MB geheugen (piek)"
        )
        gelijk = eerste.read_bytes() == tweede.read_bytes()
        print(f"{'export na herstel gelijk':<28}{'ja' if gelijk else 'NEE':>10}")
        if not gelijk:
            sys.exit(1)


if __name__ == "__main__":
    main()
