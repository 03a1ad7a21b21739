"""The audit log in the admin: to read, filter and search, never to edit.

Only who holds ``adviesmonitor.view_auditevent`` (the Beheerder, and superusers) sees it,
and nobody adds, changes or deletes a line here, superusers included.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from adviesmonitor.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("tijdstip", "soort", "gebruikersnaam", "door", "ip", "omschrijving")
    list_display_links = ("tijdstip",)
    list_filter = ("soort", "tijdstip")
    search_fields = ("gebruikersnaam", "door")
    date_hierarchy = "tijdstip"
    ordering = ("-tijdstip", "-id")
    fields = (
        "tijdstip",
        "soort",
        "gebruikersnaam",
        "door",
        "ip",
        "user_agent",
        "omschrijving",
        "gegevens",
    )
    readonly_fields = fields
    # The log grows without end: no full count for the paginator's "x of y" line.
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
