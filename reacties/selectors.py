"""Reads for the letter pages."""

from __future__ import annotations

from django.db.models import QuerySet

from reacties.models import Reactiebrief


def brieven_overzicht() -> QuerySet[Reactiebrief]:
    return Reactiebrief.objects.select_related("advies").order_by(
        "-datum", "advies__titel", "-versie"
    )
