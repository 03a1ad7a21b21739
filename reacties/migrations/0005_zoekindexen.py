"""Full-text indexes on the texts of responses and commitments (PostgreSQL only).

GIN indexes on ``to_tsvector('dutch'::regconfig, tekst)``, the expression the search in
``advies.zoeken`` writes, so the planner can use them. A response's text is stored as
sanitised HTML; the default text-search parser skips tags and entities, so the index holds
only the words. SQLite has no such indexes; its search fallback needs none.
"""

from django.db import migrations

INDEXEN = {
    "reactie_tekst_zoek": "reacties_reactie",
    "toezegging_tekst_zoek": "reacties_toezegging",
}


def maak_indexen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, tabel in INDEXEN.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON {tabel} "
            "USING gin (to_tsvector('dutch'::regconfig, tekst))"
        )


def verwijder_indexen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXEN:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [("reacties", "0004_rollen_briefprogramma")]
    operations = [migrations.RunPython(maak_indexen, verwijder_indexen, elidable=False)]
