"""The Beheerder may view the audit log; no role may do more with it (the model has no
add, change or delete permission at all).

ROL_PERMISSIES is the table of reacties 0007_rollen_werkstroom with this added: who may do
what as of this migration. Tests compare the groups against it; a later migration that
changes the roles extends this table in the same way.
"""

from __future__ import annotations

from importlib import import_module

from django.contrib.auth.management import create_permissions
from django.db import migrations

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, REDACTEUR

vorige = import_module("reacties.migrations.0007_rollen_werkstroom")

# Role name -> the permissions this migration grants.
ERBIJ: dict[str, frozenset[str]] = {
    ANALIST: frozenset(),
    REDACTEUR: frozenset(),
    COORDINATOR: frozenset(),
    BEHEERDER: frozenset({"adviesmonitor.view_auditevent"}),
}

# Role name -> "app_label.codename" of every permission the group holds, no more, no less.
ROL_PERMISSIES: dict[str, frozenset[str]] = {
    rol: namen | ERBIJ[rol] for rol, namen in vorige.ROL_PERMISSIES.items()
}


def _maak_permissies(apps, using: str) -> None:
    # Django creates permissions only after post_migrate; this migration needs them now. The
    # historical app config has no models module, which create_permissions() requires.
    app_config = apps.get_app_config("adviesmonitor")
    origineel = getattr(app_config, "models_module", None)
    app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, apps=apps, using=using)
    finally:
        app_config.models_module = origineel


def _groepen_en_permissies(apps, using: str):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    gevraagd = frozenset().union(*ERBIJ.values())
    bestaand = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using)
        .select_related("content_type")
        .filter(content_type__app_label="adviesmonitor")
    }
    ontbrekend = sorted(gevraagd - bestaand.keys())
    if ontbrekend:
        # A typo in the table must stop the migration, not silently yield a weaker role.
        raise RuntimeError(f"Onbekende permissies: {', '.join(ontbrekend)}")
    # Only the groups that exist: a role removed by hand is not brought back half-filled.
    return Group.objects.using(using).filter(name__in=ERBIJ), bestaand


def geef_rechten(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    _maak_permissies(apps, using)
    groepen, bestaand = _groepen_en_permissies(apps, using)
    for groep in groepen:
        groep.permissions.add(*(bestaand[naam] for naam in sorted(ERBIJ[groep.name])))


def neem_rechten_terug(apps, schema_editor) -> None:
    groepen, bestaand = _groepen_en_permissies(apps, schema_editor.connection.alias)
    for groep in groepen:
        groep.permissions.remove(*(bestaand[naam] for naam in sorted(ERBIJ[groep.name])))


class Migration(migrations.Migration):
    dependencies = [
        ("adviesmonitor", "0001_auditlog"),
        ("reacties", "0007_rollen_werkstroom"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(geef_rechten, neem_rechten_terug)]
