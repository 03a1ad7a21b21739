from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _triggers_na_migreren(sender, using, **kwargs) -> None:
    # A later migration may have rebuilt a counted table (SQLite does so to alter one) and
    # lost its trigger with it: put back what is missing (advies.gegevensversie).
    from django.db import connections

    from advies import gegevensversie

    gegevensversie.zorg_voor_triggers(connections[using])


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = "Adviezen"

    def ready(self) -> None:
        post_migrate.connect(
            _triggers_na_migreren, sender=self, dispatch_uid="advies.gegevensversie.triggers"
        )
