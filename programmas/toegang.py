"""Access to programmes: one helper that every programme view goes through."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from programmas.models import Programma

LEESRECHT = "programmas.view_programma"


def programma_voor_lezer(user: AbstractBaseUser | AnonymousUser, slug: str) -> Programma:
    """The programme with its owner and executing organisation; 403 without the right to read
    programmes (checked first, so that the answer says nothing about which slugs exist), 404
    when it does not exist."""
    if not user.has_perm(LEESRECHT):
        raise PermissionDenied("U mag programma's niet inzien.")
    try:
        return Programma.objects.select_related("eigenaar", "uitvoerder").get(slug=slug)
    except Programma.DoesNotExist:
        raise Http404("Dit programma bestaat niet.") from None
