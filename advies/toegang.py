"""Access to reports and recommendations: one helper per kind, that every view of it goes
through. The right is checked first, so that a refusal says nothing about what exists."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from advies.models import Aanbeveling, Advies
from advies.selectors_detail import aanbevelingen_voor_detail, adviezen_voor_detail

LEESRECHT = "advies.view_aanbeveling"


def _mag_lezen(user: AbstractBaseUser | AnonymousUser) -> None:
    if not user.has_perm(LEESRECHT):
        raise PermissionDenied("U mag aanbevelingen niet inzien.")


def aanbeveling_voor_lezer(user: AbstractBaseUser | AnonymousUser, pk: int) -> Aanbeveling:
    """The recommendation with everything its page shows; 403 without the right to read
    recommendations, 404 when it does not exist."""
    _mag_lezen(user)
    try:
        return aanbevelingen_voor_detail().get(pk=pk)
    except Aanbeveling.DoesNotExist:
        raise Http404("Deze aanbeveling bestaat niet.") from None


def advies_voor_lezer(user: AbstractBaseUser | AnonymousUser, slug: str) -> Advies:
    """The report with its recommendations and letters; 403 without the right to read
    recommendations, 404 when it does not exist."""
    _mag_lezen(user)
    try:
        return adviezen_voor_detail().get(slug=slug)
    except Advies.DoesNotExist:
        raise Http404("Dit advies bestaat niet.") from None
