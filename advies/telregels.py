"""Which responses count on the analyst pages.

Only letters with status *verzonden* count, as on the dashboard: a draft is not yet the
cabinet's answer, so its stances, programme links, commitments and texts are left out of
the recommendation list, its filters, its counts and its search until the letter is sent.

Written as "NOT EXISTS a letter that is not sent" (an anti-join): those letters are few
(drafts in progress), so the database hashes their sections once per query instead of
joining every response to its section and its letter. Both say the same, as a letter's
status is never empty.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from reacties.models import Briefstatus, Reactie, Sectie

TELLENDE_BRIEFSTATUS = Briefstatus.VERZONDEN
NIET_TELLENDE_BRIEFSTATUSSEN = tuple(s for s in Briefstatus.values if s != TELLENDE_BRIEFSTATUS)

# The M2M table between responses and recommendations (reacties_reactie_aanbevelingen).
Reactiekoppel = Reactie.aanbevelingen.through


def _in_niet_verzonden_brief(sectie: str) -> Exists:
    """EXISTS: the section named by ``sectie`` (an outer column) is in a letter not sent."""
    return Exists(
        Sectie.objects.filter(pk=OuterRef(sectie), brief__status__in=NIET_TELLENDE_BRIEFSTATUSSEN)
    )


def tellende_reacties() -> QuerySet[Reactie]:
    """Responses in sent letters."""
    return Reactie.objects.filter(~_in_niet_verzonden_brief("sectie_id")).order_by()


def tellende_koppels() -> QuerySet:
    """Rows of the response–recommendation table whose response is in a sent letter."""
    return Reactiekoppel.objects.filter(~_in_niet_verzonden_brief("reactie__sectie_id")).order_by()
