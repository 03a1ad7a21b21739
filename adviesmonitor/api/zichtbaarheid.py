"""Who sees what in the open-data API: one queryset per resource, applied before any filter.

Anonymous visitors (and logged-in users without the view permission of a resource) see the
public part only:

- letters with status *verzonden*, the responses and commitments in them;
- the reports those letters answer, with all their recommendations (a letter answers the
  report as a whole, and the report is a published document);
- programmes only when a sent letter links them: named by the letter itself, linked by a
  response in it, or named by a commitment in it. Conservative on purpose: a programme
  that only a draft mentions says something about that draft.

Logged-in users see everything of a resource whose view permission their role holds (every
role of the product reads everything, see ``reacties.migrations.0002_rollen``).

Reference data (councils, levels, ministries, office holders, organisations, programme
parts) is public wherever it appears.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from advies.models import Aanbeveling, Advies
from programmas.models import Programma
from reacties.models import (
    Briefprogramma,
    Briefstatus,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Toezegging,
)

OPENBARE_BRIEFSTATUS = Briefstatus.VERZONDEN

# Resource -> the permissions that show all of it; without them only the public part.
RECHTEN: dict[str, frozenset[str]] = {
    "brieven": frozenset({"reacties.view_reactiebrief"}),
    "adviezen": frozenset({"advies.view_advies"}),
    "aanbevelingen": frozenset({"advies.view_aanbeveling"}),
    "reacties": frozenset({"reacties.view_reactie", "reacties.view_reactiebrief"}),
    "toezeggingen": frozenset({"reacties.view_toezegging", "reacties.view_reactiebrief"}),
    "programmas": frozenset({"programmas.view_programma"}),
}


@dataclass(frozen=True)
class Zicht:
    """What one user sees: per resource, all of it (True) or the public part (False)."""

    alles: frozenset[str]
    ingelogd: bool

    @classmethod
    def voor(cls, user: AbstractBaseUser | AnonymousUser) -> Zicht:
        if not user.is_authenticated:
            return cls(frozenset(), False)
        rechten = user.get_all_permissions()  # one read, cached on the user
        return cls(frozenset(n for n, nodig in RECHTEN.items() if nodig <= rechten), True)

    def ziet_alle(self, resource: str) -> bool:
        return resource in self.alles


def _verzonden_brief_op_advies(kolom: str) -> Exists:
    return Exists(
        Reactiebrief.objects.filter(advies_id=OuterRef(kolom), status=OPENBARE_BRIEFSTATUS)
    )


def brieven(zicht: Zicht) -> QuerySet[Reactiebrief]:
    qs = Reactiebrief.objects.all()
    return qs if zicht.ziet_alle("brieven") else qs.filter(status=OPENBARE_BRIEFSTATUS)


def adviezen(zicht: Zicht) -> QuerySet[Advies]:
    qs = Advies.objects.all()
    return qs if zicht.ziet_alle("adviezen") else qs.filter(_verzonden_brief_op_advies("pk"))


def aanbevelingen(zicht: Zicht) -> QuerySet[Aanbeveling]:
    qs = Aanbeveling.objects.all()
    if zicht.ziet_alle("aanbevelingen"):
        return qs
    return qs.filter(_verzonden_brief_op_advies("advies_id"))


def reacties(zicht: Zicht) -> QuerySet[Reactie]:
    qs = Reactie.objects.all()
    if zicht.ziet_alle("reacties"):
        return qs
    return qs.filter(sectie__brief__status=OPENBARE_BRIEFSTATUS)


def toezeggingen(zicht: Zicht) -> QuerySet[Toezegging]:
    qs = Toezegging.objects.all()
    if zicht.ziet_alle("toezeggingen"):
        return qs
    return qs.filter(reactie__sectie__brief__status=OPENBARE_BRIEFSTATUS)


def programmas(zicht: Zicht) -> QuerySet[Programma]:
    qs = Programma.objects.all()
    if zicht.ziet_alle("programmas"):
        return qs
    verzonden = OPENBARE_BRIEFSTATUS
    genoemd = Q(
        Exists(Briefprogramma.objects.filter(programma_id=OuterRef("pk"), brief__status=verzonden))
    )
    gekoppeld = Q(
        Exists(
            Programmakoppeling.objects.filter(
                programma_id=OuterRef("pk"), reactie__sectie__brief__status=verzonden
            )
        )
    )
    toegezegd = Q(
        Exists(
            Toezegging.objects.filter(
                programma_id=OuterRef("pk"), reactie__sectie__brief__status=verzonden
            )
        )
    )
    return qs.filter(genoemd | gekoppeld | toegezegd)


# Models a filter may offer as choices, with their visibility: a filter value naming a
# record the user may not see is refused like an unknown one, so that the answer (400 or
# not) never tells whether it exists. Everything else a filter may name is reference data.
PER_MODEL = {
    Reactiebrief: brieven,
    Advies: adviezen,
    Aanbeveling: aanbevelingen,
    Reactie: reacties,
    Toezegging: toezeggingen,
    Programma: programmas,
}


def voor_model(model: type[Model], zicht: Zicht) -> QuerySet | None:
    """The visible records of ``model``; None for reference data (all public)."""
    maker = PER_MODEL.get(model)
    return maker(zicht) if maker is not None else None
