"""Helpers for the tests of the write services, the workflow and the history."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth import get_user_model

from programmas.models import Medewerker, Ministerie
from reacties.models import Briefstatus, Ondertekenaar, Reactiebrief
from tests import factories
from tests.conftest import _gebruiker_met_rol

_teller = itertools.count(1)


def gebruiker(rol: str, ministerie: Ministerie | None = None, naam: str | None = None):
    """A new user in exactly the group of ``rol``, working for ``ministerie`` if given."""
    naam = naam or f"{rol.lower().replace('ö', 'o')}-{next(_teller)}"
    nieuw = _gebruiker_met_rol(get_user_model(), naam, rol)
    if ministerie is not None:
        Medewerker.objects.create(user=nieuw, ministerie=ministerie)
    return nieuw


def zet_status(brief: Reactiebrief, status: str, review_ronde: int | None = None) -> Reactiebrief:
    """Put a letter in a status behind the services' back (test set-up only)."""
    velden: dict[str, Any] = {"status": status}
    if review_ronde is not None:
        velden["review_ronde"] = review_ronde
    elif status == Briefstatus.TER_REVIEW:
        velden["review_ronde"] = max(brief.review_ronde, 1)
    Reactiebrief.objects.filter(pk=brief.pk).update(**velden)
    brief.refresh_from_db()
    return brief


def kleine_brief() -> Reactiebrief:
    """A small complete letter in concept: a main advice with one sub-recommendation, both
    answered by one response with a stance, signed for two ministries."""
    advies = factories.maak_advies()
    hoofd = factories.maak_aanbeveling(advies)
    onder = factories.maak_aanbeveling(advies, bovenliggend=hoofd)
    brief = factories.maak_reactiebrief(advies)
    factories.maak_reactie(factories.maak_sectie(brief), aanbevelingen=[hoofd, onder])
    for volgorde in (1, 2):
        Ondertekenaar.objects.create(
            brief=brief, ambtsdrager=factories.maak_ambtsdrager(), volgorde=volgorde
        )
    return brief


def ministeries_van(brief: Reactiebrief) -> list[Ministerie]:
    from reacties.workflow import ondertekenende_ministeries

    return ondertekenende_ministeries(brief)


def zonder_ids(waarde: Any) -> Any:
    """A snapshot without database ids, to compare the content of two letters."""
    if isinstance(waarde, dict):
        return {k: zonder_ids(v) for k, v in waarde.items() if k != "id"}
    if isinstance(waarde, list):
        return [zonder_ids(v) for v in waarde]
    return waarde
