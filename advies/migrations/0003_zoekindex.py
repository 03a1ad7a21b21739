"""The full-text index on the recommendation text (PostgreSQL only).

A GIN index on the expression ``to_tsvector('dutch'::regconfig, tekst)``: the search in
``advies.zoeken`` writes exactly this expression, so the planner can use the index. SQLite
has no such index; its search fallback needs none.
"""

from django.db import migrations

INDEX = "aanbeveling_tekst_zoek"


def maak_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON advies_aanbeveling "
        "USING gin (to_tsvector('dutch'::regconfig, tekst))"
    )


def verwijder_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("advies", "0002_bestuurslagen")]
    operations = [migrations.RunPython(maak_index, verwijder_index, elidable=False)]
