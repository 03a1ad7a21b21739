"""The audit log: who logged in or out, who failed to, and who changed whose rights."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One line of the audit log. Written by ``adviesmonitor.audit`` only, never changed.

    Names are stored as text, not as links to users: a line keeps saying who it was about
    after that user is renamed or removed, and a failed login names a user who may not exist.
    """

    class Soort(models.TextChoices):
        INGELOGD = "ingelogd", "ingelogd"
        UITGELOGD = "uitgelogd", "uitgelogd"
        SESSIE_VERLOPEN = "sessie_verlopen", "sessie verlopen"
        INLOGGEN_MISLUKT = "inloggen_mislukt", "inloggen mislukt"
        INLOGGEN_GEBLOKKEERD = "inloggen_geblokkeerd", "inloggen geblokkeerd"
        GEBRUIKER_AANGEMAAKT = "gebruiker_aangemaakt", "gebruiker aangemaakt"
        GEBRUIKER_VERWIJDERD = "gebruiker_verwijderd", "gebruiker verwijderd"
        ROLLEN = "rollen", "rollen gewijzigd"
        RECHTEN = "rechten", "losse rechten gewijzigd"
        STATUS = "status", "status gewijzigd"
        MINISTERIE = "ministerie", "ministerie gewijzigd"

    tijdstip = models.DateTimeField("tijdstip", default=timezone.now)
    soort = models.CharField("soort", max_length=32, choices=Soort.choices)
    gebruikersnaam = models.CharField(
        "gebruiker",
        max_length=150,
        help_text="Om wie het gaat; bij een mislukte inlogpoging de ingetypte naam.",
    )
    door = models.CharField(
        "door",
        max_length=150,
        help_text="Wie het deed: een gebruikersnaam, ‘anoniem’, of ‘systeem’ buiten een verzoek "
        "(een beheercommando).",
    )
    ip = models.GenericIPAddressField("IP-adres", null=True, blank=True)
    user_agent = models.CharField("browser", max_length=300, blank=True)
    omschrijving = models.CharField("omschrijving", max_length=500, blank=True)
    gegevens = models.JSONField("gegevens", default=dict, blank=True)

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        ordering = ["-tijdstip", "-id"]
        # Only viewing: nobody adds, changes or deletes a line by hand, a superuser neither.
        default_permissions = ("view",)
        indexes = [
            # The login limits count recent failures per user name and per address, and look
            # up the last successful login per user name (adviesmonitor.inlogbegrenzing).
            models.Index(
                fields=["gebruikersnaam", "soort", "tijdstip"], name="audit_naam_soort_tijd"
            ),
            models.Index(fields=["ip", "soort", "tijdstip"], name="audit_ip_soort_tijd"),
            # The admin's list, newest first, and its date filter.
            models.Index(fields=["-tijdstip"], name="audit_tijdstip"),
        ]

    def __str__(self) -> str:
        moment = timezone.localtime(self.tijdstip).strftime("%d-%m-%Y %H:%M:%S")
        return f"{moment} {self.get_soort_display()}: {self.gebruikersnaam}"
