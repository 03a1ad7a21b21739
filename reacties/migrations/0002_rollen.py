"""The four roles as groups with their model permissions.

ROL_PERMISSIES is the one table of who may do what; tests compare the groups against it.
"""

from __future__ import annotations

from django.contrib.auth.management import create_permissions
from django.db import migrations

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, REDACTEUR

DOMEINMODELLEN: dict[str, tuple[str, ...]] = {
    "advies": ("raad", "bestuurslaag", "advies", "aanbeveling"),
    "programmas": ("ministerie", "ambtsdrager", "organisatie", "programma", "programmaonderdeel"),
    "reacties": (
        "reactiebrief",
        "ondertekenaar",
        "sectie",
        "reactie",
        "programmakoppeling",
        "toezegging",
        "voetnoot",
    ),
}
ALLE_ACTIES = ("view", "add", "change", "delete")

_DOMEIN = [(app, model) for app, modellen in DOMEINMODELLEN.items() for model in modellen]
# Everything in the reply letter: letters, signatories, sections, responses, programme links,
# commitments and footnotes.
_BRIEF = [("reacties", model) for model in DOMEINMODELLEN["reacties"]]
_REFERENTIEDATA = [
    ("programmas", "programma"),
    ("programmas", "programmaonderdeel"),
    ("programmas", "organisatie"),
    ("programmas", "ambtsdrager"),
]


def _permissies(acties: tuple[str, ...], modellen: list[tuple[str, str]]) -> frozenset[str]:
    return frozenset(f"{app}.{actie}_{model}" for app, model in modellen for actie in acties)


_ANALIST = _permissies(("view",), _DOMEIN)
_REDACTEUR = (
    _ANALIST
    | _permissies(("add", "change", "delete"), _BRIEF)
    | _permissies(("add", "change"), [("advies", "aanbeveling")])
)
_COORDINATOR = _REDACTEUR | _permissies(
    ("change",), [("advies", "advies"), ("advies", "aanbeveling"), *_REFERENTIEDATA]
)
_BEHEERDER = _permissies(ALLE_ACTIES, _DOMEIN) | _permissies(
    ALLE_ACTIES, [("auth", "user"), ("auth", "group")]
)

# Role name -> "app_label.codename" of every permission the group holds, no more, no less.
ROL_PERMISSIES: dict[str, frozenset[str]] = {
    ANALIST: _ANALIST,
    REDACTEUR: _REDACTEUR,
    COORDINATOR: _COORDINATOR,
    BEHEERDER: _BEHEERDER,
}


def _maak_permissies(apps, using: str) -> None:
    """Create the content types and permissions now; Django only does so after post_migrate.

    create_permissions() skips an app config without a models module, and the app configs of
    the historical registry have none, so it is set for the call and then reset (restored,
    for a real app config passed in by a test).
    """
    app_labels = {naam.split(".", 1)[0] for namen in ROL_PERMISSIES.values() for naam in namen}
    for app_label in sorted(app_labels):
        app_config = apps.get_app_config(app_label)
        origineel = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, apps=apps, using=using)
        finally:
            app_config.models_module = origineel


def maak_rollen(apps, schema_editor) -> None:
    using = schema_editor.connection.alias
    _maak_permissies(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    bestaand = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    for rol, namen in ROL_PERMISSIES.items():
        ontbrekend = sorted(namen - bestaand.keys())
        if ontbrekend:
            # A typo in the table must stop the migration, not silently yield a weaker role.
            raise RuntimeError(f"Rol {rol}: onbekende permissies {', '.join(ontbrekend)}")
        groep, _ = Group.objects.using(using).get_or_create(name=rol)
        groep.permissions.set([bestaand[naam] for naam in namen])


def verwijder_rollen(apps, schema_editor) -> None:
    # The permissions themselves belong to the models and stay.
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROL_PERMISSIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("advies", "0002_bestuurslagen"),
        ("programmas", "0001_initial"),
        ("reacties", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(maak_rollen, verwijder_rollen)]
