"""The roles' permissions on Briefprogramma (0003), the programmes a letter names.

The same rights as on the rest of the letter in 0002_rollen: analysts view; editors and
coordinators view, add, change and delete; administrators everything.

ROL_PERMISSIES is the table of 0002_rollen with these added: who may do what as of this
migration. Tests compare the groups against it; a later migration that changes the roles
extends this table in the same way.
"""

from __future__ import annotations

from importlib import import_module

from django.db import migrations

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, REDACTEUR

rollen = import_module("reacties.migrations.0002_rollen")

_BRIEFPROGRAMMA = [("reacties", "briefprogramma")]
_BEWERKEN = ("view", "add", "change", "delete")

# Role name -> the permissions this migration grants.
ERBIJ: dict[str, frozenset[str]] = {
    ANALIST: rollen._permissies(("view",), _BRIEFPROGRAMMA),
    REDACTEUR: rollen._permissies(_BEWERKEN, _BRIEFPROGRAMMA),
    COORDINATOR: rollen._permissies(_BEWERKEN, _BRIEFPROGRAMMA),
    BEHEERDER: rollen._permissies(rollen.ALLE_ACTIES, _BRIEFPROGRAMMA),
}

# Role name -> "app_label.codename" of every permission the group holds, no more, no less.
ROL_PERMISSIES: dict[str, frozenset[str]] = {
    rol: namen | ERBIJ[rol] for rol, namen in rollen.ROL_PERMISSIES.items()
}


def _groepen_en_permissies(apps, using: str):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    gevraagd = frozenset().union(*ERBIJ.values())
    bestaand = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using)
        .select_related("content_type")
        .filter(content_type__app_label="reacties", content_type__model="briefprogramma")
    }
    ontbrekend = sorted(gevraagd - bestaand.keys())
    if ontbrekend:
        # A typo in the table must stop the migration, not silently yield a weaker role.
        raise RuntimeError(f"Onbekende permissies: {', '.join(ontbrekend)}")
    # Only the groups that exist: a role removed by hand is not brought back half-filled.
    groepen = Group.objects.using(using).filter(name__in=ERBIJ)
    return groepen, bestaand


def geef_rechten(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    # Creates the permissions of every model of the apps in the table, Briefprogramma's too.
    rollen._maak_permissies(apps, using)
    groepen, bestaand = _groepen_en_permissies(apps, using)
    for groep in groepen:
        groep.permissions.add(*(bestaand[naam] for naam in sorted(ERBIJ[groep.name])))


def neem_rechten_terug(apps, schema_editor) -> None:
    # The permissions themselves belong to the model and stay until it is removed.
    groepen, bestaand = _groepen_en_permissies(apps, schema_editor.connection.alias)
    for groep in groepen:
        groep.permissions.remove(*(bestaand[naam] for naam in sorted(ERBIJ[groep.name])))


class Migration(migrations.Migration):
    dependencies = [
        ("reacties", "0003_briefprogramma"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(geef_rechten, neem_rechten_terug)]
