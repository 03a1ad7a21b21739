"""The refusals of the write services (``reacties.services``, ``reacties.workflow``,
``reacties.geschiedenis``), each with a Dutch message a page can show as it is.

    Bewerkingsfout                      every refusal; ``melding`` and ``http_status``
    ├── NietToegestaan                  the user lacks the right (403; a PermissionDenied)
    ├── BriefNietBewerkbaar             the letter is not in concept (a PermissionDenied)
    │   ├── BriefTerReview              ter review: send it back first (409)
    │   └── BriefBevroren               vastgesteld or verzonden: make a new version (409)
    ├── Bewerkingsconflict              someone else saved first; carries both texts (409)
    ├── Ongeldig                        the input itself is wrong (400)
    ├── BestaatNiet                     the record is gone (404)
    └── Workflowfout                    every refused workflow action
        ├── OngeldigeOvergang           the action is not allowed from this status (409)
        ├── GeenBevoegdheid             no right, or not for a signing ministry (403)
        ├── BriefOnvolledig             recommendations without a response (409)
        ├── GeenOndertekenaars          nobody signs, so nobody could approve (409)
        ├── OpmerkingVerplicht          sending back needs a comment (400)
        ├── AlBeoordeeld                this ministry already decided this round (409)
        └── NieuwereVersieBestaat       a newer version of the letter exists (409)

NietToegestaan and BriefNietBewerkbaar are PermissionDenied as well, so a view that does not
catch them still answers 403 rather than 500: nobody edits what they may not edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from advies.models import Aanbeveling


class Bewerkingsfout(Exception):
    """A refused change. ``melding`` is the Dutch sentence to show the user."""

    http_status = 400

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding

    def __str__(self) -> str:
        return self.melding


class NietToegestaan(Bewerkingsfout, PermissionDenied):
    http_status = 403


class BriefNietBewerkbaar(Bewerkingsfout, PermissionDenied):
    http_status = 409


class BriefTerReview(BriefNietBewerkbaar):
    pass


class BriefBevroren(BriefNietBewerkbaar):
    pass


class Ongeldig(Bewerkingsfout):
    http_status = 400


class BestaatNiet(Bewerkingsfout):
    http_status = 404


class Bewerkingsconflict(Bewerkingsfout):
    """Someone else saved the same item since this user loaded it: nothing was written.

    ``huidige_tekst``/``huidige_revisie`` are what is stored now, ``jouw_tekst`` what this
    user tried to save (sanitised), so a page can show both side by side and let the user
    merge. ``huidige_waarden``/``jouwe_waarden`` hold every field involved (e.g. the
    stance, or a letter's several fields); ``wat`` names the item ("de reactie op 2.1").
    """

    http_status = 409

    def __init__(
        self,
        huidige_tekst: str,
        huidige_revisie: int | None,
        jouw_tekst: str,
        *,
        wat: str = "dit onderdeel",
        huidige_waarden: dict[str, Any] | None = None,
        jouwe_waarden: dict[str, Any] | None = None,
    ) -> None:
        revisie = f" (revisie {huidige_revisie})" if huidige_revisie is not None else ""
        super().__init__(
            f"Iemand anders heeft {wat} intussen gewijzigd{revisie}. Uw wijziging is niet "
            "opgeslagen, en er is niets overschreven. Hieronder staan de opgeslagen tekst en "
            "uw tekst; neem over wat u wilt behouden en sla opnieuw op."
        )
        self.huidige_tekst = huidige_tekst
        self.huidige_revisie = huidige_revisie
        self.jouw_tekst = jouw_tekst
        self.wat = wat
        self.huidige_waarden = huidige_waarden or {}
        self.jouwe_waarden = jouwe_waarden or {}


class Workflowfout(Bewerkingsfout):
    """A refused workflow action (naar review, goedkeuren, terugsturen, ...)."""

    http_status = 409


class OngeldigeOvergang(Workflowfout):
    pass


class GeenBevoegdheid(Workflowfout, NietToegestaan):
    http_status = 403


class BriefOnvolledig(Workflowfout):
    """``ontbrekend``: the recommendations still without a response with a stance."""

    def __init__(self, ontbrekend: Sequence[Aanbeveling]) -> None:
        self.ontbrekend = list(ontbrekend)
        nummers = [a.nummer for a in self.ontbrekend]
        lijst = ", ".join(nummers[:-1]) + f" en {nummers[-1]}" if len(nummers) > 1 else nummers[0]
        enkel = len(nummers) == 1
        super().__init__(
            "De brief kan nog niet naar review: "
            f"{'aanbeveling' if enkel else 'aanbevelingen'} {lijst} "
            f"{'heeft' if enkel else 'hebben'} nog geen reactie met een standpunt."
        )


class GeenOndertekenaars(Workflowfout):
    pass


class OpmerkingVerplicht(Workflowfout):
    http_status = 400


class AlBeoordeeld(Workflowfout):
    pass


class NieuwereVersieBestaat(Workflowfout):
    pass
