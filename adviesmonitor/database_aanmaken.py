"""``python -m adviesmonitor.database_aanmaken URL``: create the PostgreSQL database of a
DATABASE_URL when it does not exist yet, so ``make serve`` works on a fresh machine.

Connects to the server's ``postgres`` maintenance database with the same credentials. Does
nothing for SQLite (Django creates the file itself).
"""

from __future__ import annotations

import sys
from pathlib import Path

import psycopg
from psycopg import sql

from adviesmonitor.env import parse_database_url


def maak_aan(url: str) -> str:
    instellingen = parse_database_url(url, base_dir=Path.cwd())
    if instellingen["ENGINE"] != "django.db.backends.postgresql":
        return "geen PostgreSQL: niets te doen"
    naam = instellingen["NAME"]
    verbinding = {
        "dbname": "postgres",
        "user": instellingen.get("USER") or None,
        "password": instellingen.get("PASSWORD") or None,
        "host": instellingen.get("HOST") or None,
        "port": instellingen.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in verbinding.items() if v}, autocommit=True) as conn:
        bestaat = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone()
        if bestaat:
            return f"database {naam} bestaat al"
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
        return f"database {naam} aangemaakt"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m adviesmonitor.database_aanmaken DATABASE_URL")
    try:
        print(maak_aan(sys.argv[1]))
    except psycopg.OperationalError as exc:
        sys.exit(f"PostgreSQL niet bereikbaar: {str(exc).strip().splitlines()[0]}")
