"""The four roles of Adviesmonitor, as Django groups.

Which permissions each group holds is defined once, in the data migration
``reacties/migrations/0002_rollen.py``; this module only names the roles and says which of
them may use the beheeromgeving (Django admin).
"""

from __future__ import annotations

from typing import Final

REDACTEUR: Final = "Redacteur"
COORDINATOR: Final = "Coördinator"
ANALIST: Final = "Analist"
BEHEERDER: Final = "Beheerder"

ROLLEN: Final = (REDACTEUR, COORDINATOR, ANALIST, BEHEERDER)

# is_staff per role. Analysts work in the analyst pages only, so they must not get into the
# admin: without is_staff the admin sends them to its login page whatever their permissions.
IS_STAFF: Final[dict[str, bool]] = {
    REDACTEUR: True,
    COORDINATOR: True,
    ANALIST: False,
    BEHEERDER: True,
}
