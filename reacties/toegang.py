"""Access to letters: one helper that every letter view goes through."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reacties.brief.samenstelling import brieven_voor_opmaak
from reacties.models import Reactiebrief


def brief_voor_lezer(user: AbstractBaseUser | AnonymousUser, pk: int) -> Reactiebrief:
    """The letter ready for composition; 404 when it does not exist, 403 without the right
    to read letters."""
    try:
        brief = brieven_voor_opmaak().get(pk=pk)
    except Reactiebrief.DoesNotExist:
        raise Http404("Deze reactiebrief bestaat niet.") from None
    if not user.has_perm("reacties.view_reactiebrief"):
        raise PermissionDenied("U mag reactiebrieven niet inzien.")
    return brief
