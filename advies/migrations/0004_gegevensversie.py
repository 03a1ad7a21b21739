"""The data version, and indexes for the list's orders (PostgreSQL).

1. ``gegevensversie``: one row with a number that changes with every committed transaction
   that writes to a table the analyst pages count (reports, recommendations, letters,
   responses, programmes, commitments, ...). ``advies.gegevensversie`` keys its cache on
   it, so a cached count is never read after the data under it changed, whatever wrote it:
   a service, the admin, ``QuerySet.update()``, ``bulk_create``, an import or raw SQL.
   Triggers, not Django signals, because several writes bypass the signals.

   The new number is drawn at random, never "one more": so a number names one state of the
   data and is never reused, not after a rolled-back transaction (SQLite) and not after a
   backup is restored (which brings back an old number with the data it stood for).

   PostgreSQL: a deferred constraint trigger per table sets the number at COMMIT, once per
   transaction (a transaction-local setting marks that it has): the number and the data
   become visible together, and the row is locked only for the moment of the commit, so
   concurrent writers do not queue on it for the length of their transactions. TRUNCATE has
   a statement trigger. SQLite: a trigger per table and kind of write, at once (SQLite has
   one writer at a time, and a transaction sees its own number).

   Not a Django model: ``flush`` (tests) leaves it alone. The triggers are made by
   ``advies.gegevensversie.zorg_voor_triggers``, which also runs after every ``migrate`` to
   put back what a later migration may lose.

2. Indexes on the report for the list's three orders (``advies.selectors.orden``): the list
   walks the reports in order and takes their recommendations by the unique index on
   (advies_id, volgorde), so the first pages need no sort of every recommendation (at
   100,000 recommendations about 130 ms less per page). PostgreSQL only: SQLite cannot put
   NULLS LAST in an index.
"""

from django.db import migrations

from advies import gegevensversie

INDEXEN = {
    "advies_nieuwste": "publicatiedatum DESC NULLS LAST, titel, id",
    "advies_oudste": "publicatiedatum ASC NULLS LAST, titel, id",
    "advies_op_titel": "titel, id",
}


def maak(apps, schema_editor):
    verbinding = schema_editor.connection
    gegevensversie.maak_tabel(verbinding)
    gegevensversie.zorg_voor_triggers(verbinding)
    if verbinding.vendor == "postgresql":
        for naam, kolommen in INDEXEN.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {naam} ON advies_advies ({kolommen})"
            )


def verwijder(apps, schema_editor):
    verbinding = schema_editor.connection
    if verbinding.vendor == "postgresql":
        for naam in INDEXEN:
            schema_editor.execute(f"DROP INDEX IF EXISTS {naam}")
    gegevensversie.verwijder(verbinding)


class Migration(migrations.Migration):
    dependencies = [
        ("advies", "0003_zoekindex"),
        ("programmas", "0002_medewerker"),
        ("reacties", "0007_rollen_werkstroom"),
    ]
    operations = [migrations.RunPython(maak, verwijder, elidable=False)]
