"""Users in a document: named by username, linked to this database's users when present.

Users are not part of the exchange format or a backup (passwords, roles and sessions stay
where they are). Records that say who did something (a decision, a frozen PDF, a history
entry, an answer template) carry the username; on import they are linked to the user with
that username, or, when there is none, the username is kept as text in
``gebruikersnaam`` and the link stays empty. The record itself is always kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model


class Gebruikers:
    """The users of this database that the document's usernames name."""

    def __init__(self, namen: Iterable[str | None]) -> None:
        gevraagd = {naam for naam in namen if naam}
        model = get_user_model()
        veld = model.USERNAME_FIELD
        self.ids: dict[str, int] = (
            dict(model.objects.filter(**{f"{veld}__in": gevraagd}).values_list(veld, "pk"))
            if gevraagd
            else {}
        )

    def koppel(self, naam: str | None) -> tuple[int | None, str]:
        """(user id, kept username) for ``naam``: the id when the user exists, else the
        name as text; (None, "") for no name."""
        if not naam:
            return None, ""
        if naam in self.ids:
            return self.ids[naam], ""
        return None, naam


def gebruikersnamen(document: dict) -> Iterator[str | None]:
    """Every username the document names."""
    for advies in document["adviezen"]:
        for brief in advies["brieven"]:
            yield from (g["gebruiker"] for g in brief["goedkeuringen"])
            if brief["vastlegging"] is not None:
                yield brief["vastlegging"]["gebruiker"]
            yield from (v["gebruiker"] for v in brief.get("geschiedenis", []))
    yield from (s["gemaakt_door"] for s in document["antwoordsjablonen"])
    yield from (m["gebruiker"] for m in document.get("medewerkers", []))
