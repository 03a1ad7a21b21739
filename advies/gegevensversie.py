"""The data version, and a cache for read-only figures that is never stale after an edit.

The analyst pages count over every recommendation: the facet counts of the list, the
dashboard, the matches of a search. Those take tenths of seconds at 100,000
recommendations, and many users ask for the same ones. ``gecachet(soort, sleutel, maak)``
keeps such a result in the shared cache, keyed on the request's parameters *and on the data
version*: a number in the database that every committed write to a counted table replaces
by a new random one, so that it is never reused (triggers made by migration
``advies.0004_gegevensversie``; see there why triggers and why random). After
an edit the next request reads a new number, so it looks under a new key and computes
afresh; the old entries are never read again and expire (``BEWAARTIJD``).

Two cases never use the cache:

- the current transaction has written (PostgreSQL): it sees its own uncommitted rows, which
  no cached figure includes (on SQLite the triggers set a new number at once, inside the
  transaction, so the key changes there anyway);
- the cache is unreachable: the figures are computed, the page still works.

The table list lives here, not only in the migration: ``zorg_voor_triggers`` runs after
every ``migrate`` (``advies.apps``) and puts back a trigger that a later migration lost
(SQLite rebuilds a table to alter it, and its triggers go with the old one). A table added
to the counting later must be added to TELLENDE_TABELLEN.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from django.core.cache import cache
from django.db import connection as standaardverbinding

logger = logging.getLogger("adviesmonitor.cache")

T = TypeVar("T")

TABEL = "gegevensversie"
FUNCTIE = "gegevensversie_verhoog"
# Entries of an old version are never read again; this bounds how long they take space
# (a rendered list page is some 80 KB). An entry in use is simply made again after it.
BEWAARTIJD = 10 * 60
# How long a request waits for another one that computes the same entry, and how long that
# one's lock holds should it never finish (a process that died).
WACHTTIJD = 10
SLOT_SECONDEN = 60
PREFIX = "gegevens:v1"

# The tables whose content the cached figures (list facets, dashboard, search matches) read.
TELLENDE_TABELLEN = (
    "advies_raad",
    "advies_bestuurslaag",
    "advies_advies",
    "advies_advies_raden",
    "advies_aanbeveling",
    "advies_aanbeveling_bestuurslagen",
    "programmas_ministerie",
    "programmas_ambtsdrager",
    "programmas_programma",
    "programmas_programmaonderdeel",
    "reacties_reactiebrief",
    "reacties_sectie",
    "reacties_reactie",
    "reacties_reactie_aanbevelingen",
    "reacties_programmakoppeling",
    "reacties_toezegging",
)

_MIS = object()


def versie() -> int | None:
    """The data version, or None when this transaction has written (PostgreSQL): then the
    cache must not be used. One query of a fraction of a millisecond."""
    if standaardverbinding.vendor == "postgresql":
        sql = f"SELECT versie, txid_current_if_assigned() IS NULL FROM {TABEL} WHERE id = 1"
    else:
        sql = f"SELECT versie, 1 FROM {TABEL} WHERE id = 1"
    with standaardverbinding.cursor() as cursor:
        cursor.execute(sql)
        rij = cursor.fetchone()
    if rij is None or not rij[1]:
        return None
    return int(rij[0])


def sleutel_voor(soort: str, sleutel: object, versie: int) -> str:
    """The cache key: the kind, the data version and a hash of ``sleutel`` (its repr, so
    tuples of plain values: parameters, dates, numbers)."""
    kort = hashlib.sha256(repr(sleutel).encode("utf-8")).hexdigest()[:32]
    return f"{PREFIX}:{soort}:{versie}:{kort}"


def gecachet(
    soort: str,
    sleutel: object,
    maak: Callable[[], T],
    *,
    bewaartijd: int = BEWAARTIJD,
    nummer: int | None = None,
) -> T:
    """``maak()``, or its result from the cache for the same ``soort``, ``sleutel`` and data
    version. ``maak`` must only read, and return something that can be pickled.
    ``nummer``: the data version when the caller has read it already.

    Computed once, not by every request that misses it at the same moment: right after an
    edit, many requests miss the same entries together (the facet index, the dashboard, the
    first page of the list), and each computing them would multiply the work by their
    number. The first takes a lock in the cache (``add``: atomic, for every process); the
    others wait for its result, up to WACHTTIJD, and then compute it themselves."""
    nummer = versie() if nummer is None else nummer
    if nummer is None:
        return maak()
    naam = sleutel_voor(soort, sleutel, nummer)
    slot = f"{naam}:bezig"
    try:
        waarde = cache.get(naam, _MIS)
        if waarde is not _MIS:
            return waarde
        eerste = cache.add(slot, 1, timeout=SLOT_SECONDEN)
        if not eerste:
            waarde = _wacht_op(naam, slot)
            if waarde is not _MIS:
                return waarde
    except Exception:
        logger.warning("Cache onbereikbaar bij lezen van %s; zonder cache verder.", soort)
        return maak()
    try:
        waarde = maak()
        try:
            cache.set(naam, waarde, timeout=bewaartijd)
        except Exception:
            logger.warning("Cache onbereikbaar bij schrijven van %s.", soort)
        return waarde
    finally:
        if eerste:
            with suppress(Exception):
                cache.delete(slot)


def _wacht_op(naam: str, slot: str) -> object:
    """The value another request is computing, or _MIS when it does not come in time (or
    that request gave up: its lock is gone)."""
    einde = time.monotonic() + WACHTTIJD
    while time.monotonic() < einde:
        time.sleep(0.05)
        waarde = cache.get(naam, _MIS)
        if waarde is not _MIS or cache.get(slot) is None:
            return waarde if waarde is not _MIS else cache.get(naam, _MIS)
    return _MIS


# --- the triggers ---------------------------------------------------------------------------

_PG_FUNCTIE = f"""
CREATE OR REPLACE FUNCTION {FUNCTIE}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction: the other rows of a bulk write find the mark and stop here.
    IF current_setting('adviesmonitor.versie_verhoogd', true) IS DISTINCT FROM 'ja' THEN
        UPDATE {TABEL} SET versie = (random() * 9.2e18)::bigint WHERE id = 1;
        PERFORM set_config('adviesmonitor.versie_verhoogd', 'ja', true);
    END IF;
    RETURN NULL;
END
$$
"""


def _pg_triggers(tabel: str) -> list[str]:
    # Deferred to COMMIT: the number and the data become visible together, and the row is
    # locked only while committing, not for the length of every writing transaction.
    return [
        f"CREATE CONSTRAINT TRIGGER {TABEL} AFTER INSERT OR UPDATE OR DELETE ON {tabel} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTIE}()",
        f"CREATE TRIGGER {TABEL}_leeg AFTER TRUNCATE ON {tabel} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTIE}()",
    ]


def _sqlite_triggers(tabel: str) -> list[str]:
    # At once, inside the writing transaction: SQLite has one writer at a time.
    return [
        f"CREATE TRIGGER IF NOT EXISTS {TABEL}_{tabel}_{soort.lower()} AFTER {soort} ON {tabel} "
        f"BEGIN UPDATE {TABEL} SET versie = random() WHERE id = 1; END"
        for soort in ("INSERT", "UPDATE", "DELETE")
    ]


def maak_tabel(verbinding) -> None:
    """The version table with its one row (migration 0004). It starts at a random number
    too: two databases that share a cache (test databases side by side, a copy on the same
    Redis) must not both start at the same one."""
    postgresql = verbinding.vendor == "postgresql"
    soort, getal = ("smallint", "bigint") if postgresql else ("integer", "integer")
    willekeurig = "(random() * 9.2e18)::bigint" if postgresql else "random()"
    with verbinding.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {TABEL} (id {soort} PRIMARY KEY CHECK (id = 1), versie {getal} NOT NULL)"
        )
        cursor.execute(f"INSERT INTO {TABEL} (id, versie) VALUES (1, {willekeurig})")


def zorg_voor_triggers(verbinding) -> int:
    """Create every missing trigger of TELLENDE_TABELLEN (tables that exist); how many were
    made. Idempotent; does nothing without the version table."""
    bestaand = set(verbinding.introspection.table_names())
    if TABEL not in bestaand:
        return 0
    tabellen = [t for t in TELLENDE_TABELLEN if t in bestaand]
    gemaakt = 0
    with verbinding.cursor() as cursor:
        if verbinding.vendor == "postgresql":
            cursor.execute(_PG_FUNCTIE)
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE t.tgname IN (%s, %s)",
                [TABEL, f"{TABEL}_leeg"],
            )
            aanwezig = {(tabel, naam) for tabel, naam in cursor.fetchall()}
            for tabel in tabellen:
                for naam, sql in zip((TABEL, f"{TABEL}_leeg"), _pg_triggers(tabel), strict=True):
                    if (tabel, naam) not in aanwezig:
                        cursor.execute(sql)
                        gemaakt += 1
            return gemaakt
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        aanwezig = {naam for (naam,) in cursor.fetchall()}
        for tabel in tabellen:
            for sql in _sqlite_triggers(tabel):
                naam = sql.split(" IF NOT EXISTS ", 1)[1].split(" ", 1)[0]
                if naam not in aanwezig:
                    cursor.execute(sql)
                    gemaakt += 1
    return gemaakt


def verwijder(verbinding) -> None:
    """Undo migration 0004's version table and triggers."""
    with verbinding.cursor() as cursor:
        if verbinding.vendor == "postgresql":
            for tabel in TELLENDE_TABELLEN:
                cursor.execute(f"DROP TRIGGER IF EXISTS {TABEL} ON {tabel}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {TABEL}_leeg ON {tabel}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {FUNCTIE}()")
        else:
            for tabel in TELLENDE_TABELLEN:
                for soort in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {TABEL}_{tabel}_{soort}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABEL}")
