"""Access to letters: the helpers that every letter view goes through.

- ``brief_voor_lezer``: anyone who may read letters (every role).
- ``brief_voor_redacteur``: for pages that change a letter (the editor); the user needs
  the right to change letters, and the letter must be in concept.
- ``brief_voor_coordinator``: for pages that approve or send back; the user needs
  ``reacties.keur_brief_goed``.

They answer 404 for a letter that does not exist and 403 (PermissionDenied) without the
right. A letter that cannot be edited raises ``BriefBevroren``/``BriefTerReview``, which are
PermissionDenied too: a view that does not catch them still refuses with 403, and one that
does can show their ``melding`` (e.g. "make a new version"). The services check all of
this again on every write.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from reacties.brief.samenstelling import brieven_voor_opmaak
from reacties.models import Reactiebrief
from reacties.services import controleer_bewerkbaar


def _brief(pk: int) -> Reactiebrief:
    try:
        return brieven_voor_opmaak().get(pk=pk)
    except Reactiebrief.DoesNotExist:
        raise Http404("Deze reactiebrief bestaat niet.") from None


def brief_voor_lezer(user: AbstractBaseUser | AnonymousUser, pk: int) -> Reactiebrief:
    """The letter ready for composition; 404 when it does not exist, 403 without the right
    to read letters."""
    brief = _brief(pk)
    if not user.has_perm("reacties.view_reactiebrief"):
        raise PermissionDenied("U mag reactiebrieven niet inzien.")
    return brief


def brief_voor_redacteur(user: AbstractBaseUser | AnonymousUser, pk: int) -> Reactiebrief:
    """The letter for editing; 404 when it does not exist, 403 without the right to change
    letters, BriefBevroren (vastgesteld or verzonden) or BriefTerReview when it is not in
    concept."""
    brief = _brief(pk)
    if not user.has_perm("reacties.change_reactiebrief"):
        raise PermissionDenied("U mag reactiebrieven niet wijzigen.")
    controleer_bewerkbaar(brief)
    return brief


def brief_voor_coordinator(user: AbstractBaseUser | AnonymousUser, pk: int) -> Reactiebrief:
    """The letter for approving or sending back; 404 when it does not exist, 403 without
    the right to approve. Whether the letter is ter review and the user's ministry signs
    it is for ``reacties.workflow`` to say (``toegestane_acties``)."""
    brief = _brief(pk)
    if not user.has_perm("reacties.keur_brief_goed"):
        raise PermissionDenied("U mag reactiebrieven niet goedkeuren of terugsturen.")
    return brief
