"""The roles' permissions on the workflow models of 0006 and programmas.Medewerker.

- Medewerker (which ministry a user works for): everyone views; the Beheerder manages it,
  since it decides for which ministry a Coördinator approves.
- Antwoordsjabloon (answer templates): analysts view; editors and coordinators view, add,
  change and delete; administrators everything.
- Goedkeuring, Vastlegging and Briefversie are records of what happened: only the services
  in ``reacties.workflow`` and ``reacties.services`` write them. Every role views them; the
  Beheerder may also delete them (cleaning up), nobody adds or changes them by hand, so the
  admin shows them read-only (ALLEEN_DOOR_DIENSTEN).
- Two custom permissions on Reactiebrief: ``keur_brief_goed`` (approve or send back) and
  ``verzend_brief`` (mark a vastgesteld letter as verzonden), for coordinators and
  administrators.

ROL_PERMISSIES is the table of 0004_rollen_briefprogramma with these added: who may do what
as of this migration. Tests compare the groups against it; a later migration that changes
the roles extends this table in the same way.
"""

from __future__ import annotations

from importlib import import_module

from django.db import migrations

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, REDACTEUR

rollen = import_module("reacties.migrations.0002_rollen")
vorige = import_module("reacties.migrations.0004_rollen_briefprogramma")

# Written by the services only: no role adds or changes them, the Beheerder may delete.
ALLEEN_DOOR_DIENSTEN: tuple[tuple[str, str], ...] = (
    ("reacties", "goedkeuring"),
    ("reacties", "vastlegging"),
    ("reacties", "briefversie"),
)
_SJABLONEN = [("reacties", "antwoordsjabloon")]
_MEDEWERKERS = [("programmas", "medewerker")]
_NIEUW = [*ALLEEN_DOOR_DIENSTEN, *_SJABLONEN, *_MEDEWERKERS]
_BEWERKEN = ("view", "add", "change", "delete")
WERKSTROOMRECHTEN = frozenset({"reacties.keur_brief_goed", "reacties.verzend_brief"})

_LEZEN = rollen._permissies(("view",), _NIEUW)
_SCHRIJVEN = _LEZEN | rollen._permissies(_BEWERKEN, _SJABLONEN)

# Role name -> the permissions this migration grants.
ERBIJ: dict[str, frozenset[str]] = {
    ANALIST: _LEZEN,
    REDACTEUR: _SCHRIJVEN,
    COORDINATOR: _SCHRIJVEN | WERKSTROOMRECHTEN,
    BEHEERDER: (
        rollen._permissies(rollen.ALLE_ACTIES, [*_SJABLONEN, *_MEDEWERKERS])
        | rollen._permissies(("view", "delete"), list(ALLEEN_DOOR_DIENSTEN))
        | WERKSTROOMRECHTEN
    ),
}

# Role name -> "app_label.codename" of every permission the group holds, no more, no less.
ROL_PERMISSIES: dict[str, frozenset[str]] = {
    rol: namen | ERBIJ[rol] for rol, namen in vorige.ROL_PERMISSIES.items()
}


def _groepen_en_permissies(apps, using: str):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    gevraagd = frozenset().union(*ERBIJ.values())
    bestaand = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using)
        .select_related("content_type")
        .filter(content_type__app_label__in={naam.split(".", 1)[0] for naam in gevraagd})
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
    # Creates the permissions of every model of the apps in the table, the new ones too.
    rollen._maak_permissies(apps, using)
    groepen, bestaand = _groepen_en_permissies(apps, using)
    for groep in groepen:
        groep.permissions.add(*(bestaand[naam] for naam in sorted(ERBIJ[groep.name])))


def neem_rechten_terug(apps, schema_editor) -> None:
    # The permissions themselves belong to the models and stay until they are removed.
    groepen, bestaand = _groepen_en_permissies(apps, schema_editor.connection.alias)
    for groep in groepen:
        groep.permissions.remove(*(bestaand[naam] for naam in sorted(ERBIJ[groep.name])))


class Migration(migrations.Migration):
    dependencies = [
        ("reacties", "0006_werkstroom"),
        ("programmas", "0002_medewerker"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(geef_rechten, neem_rechten_terug)]
