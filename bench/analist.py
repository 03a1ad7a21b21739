"""Benchmark of the recommendation list (issue: the analyst's questions in seconds).

Generates test data in steps (``manage.py genereer_testdata``; about ten recommendations per
report), and after each step requests the list page through Django's test client, logged in
as an analyst, the way a browser would, for each URL (by default the issue's
``/aanbevelingen/?bestuurslaag=gemeente&q=eenzaamheid``: a level filter, a search term and
all facet counts). Per URL it prints:

- the median server time of the request (the whole Django stack: middleware, session,
  permissions, filters, facets, the page of rows, the template);
- the median time of the same SQL statements run raw: captured once with
  CaptureQueriesContext (as sent, parameters bound), after the warm-up, and replayed on the
  bare psycopg connection, all of them, in order, results fetched;
- their ratio, and the number of queries.

The counts of the list (facets, number of results, a search's matches) come from the
cache after the first request on unchanged data (advies.gegevensversie, advies.facetindex):
the figures are those of a repeated request, which is what users mostly get. The SQL is
then a few milliseconds, so the ratio says little; bench/last.py measures the whole.

Django and the raw replay run alternately, round after round, so that the machine's noise
hits both alike. Target at 10,000 reports (100,000 recommendations) on PostgreSQL: median
<= 100 ms (and, before the counts were cached, a ratio <= 1.5).

Usage: python bench/analist.py [--stappen 1000 10000] [--rondes 20] [--url URL ...]
       [--per-query]
Uses DATABASE_URL when set (an empty PostgreSQL database, for figures that count; it is
VACUUM ANALYZEd after each step, as autovacuum would soon do after a bulk load), else a
throw-away SQLite database. DEBUG is forced off, as in production.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOEL_URL = "/aanbevelingen/?bestuurslaag=gemeente&q=eenzaamheid"
DOEL_MS = 100.0


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
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The page links its CSS through the manifest storage of production: collected into
    # the temporary folder, so the repository's staticfiles/ stays untouched.
    settings.STATIC_ROOT = Path(tmp) / "static"
    call_command("collectstatic", interactive=False, verbosity=0)


def _vang(client, url: str) -> list[str]:
    """The SQL of one request, as sent to the database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in ctx.captured_queries]


def _rauw(statements: list[str]) -> list[float]:
    """Run the statements on the bare driver connection; seconds per statement."""
    from django.db import connection

    connection.ensure_connection()
    tijden = []
    # The captured statements include the BEGIN and COMMIT around the list's queries
    # (advies.selectors.lijstplanner), so its transaction-local planner settings hold in
    # the replay as well.
    with connection.connection.cursor() as cursor:
        for sql in statements:
            begin = time.perf_counter()
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()
            tijden.append(time.perf_counter() - begin)
    return tijden


def meet(client, url: str, rondes: int, per_query: bool) -> tuple[float, float, int]:
    """(median ms through Django, median ms raw, number of queries)."""
    for _ in range(3):  # warm up: the cached counts, prepared plans, the template loader
        client.get(url)
    statements = _vang(client, url)
    for _ in range(3):
        _rauw(statements)
    django_ms, rauw_ms, per_statement = [], [], []
    for _ in range(rondes):
        gc.collect()
        begin = time.perf_counter()
        response = client.get(url)
        django_ms.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
        gc.collect()
        tijden = _rauw(statements)
        rauw_ms.append(sum(tijden) * 1000)
        per_statement.append(tijden)
    if per_query:
        for i, sql in enumerate(statements):
            mediaan = statistics.median(t[i] for t in per_statement) * 1000
            print(f"      {mediaan:7.2f} ms  {' '.join(sql.split())[:110]}")
    return statistics.median(django_ms), statistics.median(rauw_ms), len(statements)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--stappen",
        type=int,
        nargs="+",
        default=[1000, 10000],
        help="totaal aantal adviezen na elke stap (standaard 1000 10000: ±10k en ±100k "
        "aanbevelingen)",
    )
    parser.add_argument("--rondes", type=int, default=20)
    parser.add_argument("--url", nargs="+", default=[DOEL_URL, "/aanbevelingen/"])
    parser.add_argument("--per-query", action="store_true", help="ook de tijd per query")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        _django(tmp)
        from django.contrib.auth.models import Group, User
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from advies.models import Aanbeveling
        from advies.testdata import gegenereerde_adviezen
        from adviesmonitor.rollen import ANALIST

        gebruiker, _ = User.objects.get_or_create(username="bench-analist")
        gebruiker.groups.add(Group.objects.get(name=ANALIST))
        client = Client()
        client.force_login(gebruiker)
        print(f"database: {connection.vendor}; {args.rondes} rondes per meting")

        uitslag = []
        for doel in args.stappen:
            erbij = doel - gegenereerde_adviezen().count()
            if erbij > 0:
                begin = time.perf_counter()
                with open(os.devnull, "w") as stil:
                    call_command("genereer_testdata", adviezen=erbij, stdout=stil)
                print(f"{erbij} adviezen gegenereerd in {time.perf_counter() - begin:.0f} s")
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("VACUUM ANALYZE")
            adviezen, aantal = gegenereerde_adviezen().count(), Aanbeveling.objects.count()
            print(f"\n{adviezen} gegenereerde adviezen, {aantal} aanbevelingen")
            for url in args.url:
                django_ms, rauw_ms, queries = meet(client, url, args.rondes, args.per_query)
                verhouding = django_ms / rauw_ms
                uitslag.append((doel, url, django_ms, rauw_ms, verhouding, queries))
                print(
                    f"  {url}\n"
                    f"    Django {django_ms:7.1f} ms   SQL rauw {rauw_ms:7.1f} ms   "
                    f"verhouding {verhouding:4.2f}   {queries} queries"
                )

        doelmetingen = [u for u in uitslag if u[1] == DOEL_URL]
        if connection.vendor == "postgresql" and doelmetingen:
            doel, url, django_ms, _, verhouding, _ = doelmetingen[-1]
            gehaald = django_ms <= DOEL_MS
            print(
                f"\nDoel bij {doel} adviezen voor {url}: mediaan <= {DOEL_MS:.0f} ms: "
                f"{'gehaald' if gehaald else 'NIET gehaald'} ({django_ms:.1f} ms; "
                f"verhouding {verhouding:.2f})"
            )


if __name__ == "__main__":
    main()
