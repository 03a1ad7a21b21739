from django.apps import AppConfig


class AdviesmonitorConfig(AppConfig):
    """The settings package as an app: the audit log, the session timeouts and the login
    limits, which belong to no domain app."""

    name = "adviesmonitor"
    verbose_name = "Beveiliging"

    def ready(self) -> None:
        from adviesmonitor import audit, sessies

        audit.verbind_signalen()
        sessies.verbind_signalen()
