"""Compose a letter from its records, in the letter's order (the read side of the letter).

The composition decides *what* is printed where; the templates decide how it looks. One
composition serves the HTML preview and the PDF, so both always say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from advies.models import Aanbeveling
from programmas.models import Ambtsdrager, Ministerie
from reacties.models import Briefprogramma, Ondertekenaar, Reactie, Reactiebrief, Sectie


@dataclass
class Aanhef:
    """A recommendation printed above a response: as a heading (a main advice) or a quote."""

    aanbeveling: Aanbeveling
    is_kop: bool


@dataclass
class Reactieblok:
    """One response with the recommendations printed above it, in the report's order."""

    reactie: Reactie
    aanhef: list[Aanhef]


@dataclass
class Sectieblok:
    sectie: Sectie
    reacties: list[Reactieblok] = field(default_factory=list)


@dataclass
class Briefopmaak:
    brief: Reactiebrief
    afzender: Ministerie | None
    ondertekenaars: list[Ambtsdrager]
    secties: list[Sectieblok]
    voetnoten: dict[int, str]
    # The programmes the letter names as ones the advice fits. The opening already says so
    # in words, so they are not printed; the screen lists them below the letter.
    programmas: list[Briefprogramma] = field(default_factory=list)

    @property
    def geadresseerde_regels(self) -> list[str]:
        return [regel for regel in self.brief.geadresseerde.splitlines() if regel.strip()]

    @property
    def ministeries(self) -> list[Ministerie]:
        """The signing ministries, each once, in signing order."""
        gezien: dict[int, Ministerie] = {}
        for ambtsdrager in self.ondertekenaars:
            gezien.setdefault(ambtsdrager.ministerie_id, ambtsdrager.ministerie)
        return list(gezien.values())


def brieven_voor_opmaak() -> QuerySet[Reactiebrief]:
    """Letters with everything the composition reads, in a fixed number of queries."""
    reacties = Reactie.objects.order_by("volgorde").prefetch_related(
        Prefetch("aanbevelingen", queryset=Aanbeveling.objects.order_by("volgorde"))
    )
    return Reactiebrief.objects.select_related("advies").prefetch_related(
        "advies__raden",
        Prefetch("advies__aanbevelingen", queryset=Aanbeveling.objects.order_by("volgorde")),
        Prefetch(
            "ondertekening",
            queryset=Ondertekenaar.objects.select_related("ambtsdrager__ministerie").order_by(
                "volgorde"
            ),
        ),
        "voetnoten",
        Prefetch(
            "programmaverwijzingen",
            queryset=Briefprogramma.objects.select_related("programma", "onderdeel").order_by(
                "volgorde"
            ),
        ),
        Prefetch(
            "secties",
            queryset=Sectie.objects.order_by("volgorde").prefetch_related(
                Prefetch("reacties", queryset=reacties)
            ),
        ),
    )


def stel_samen(brief: Reactiebrief) -> Briefopmaak:
    """Lay the records out in the letter's order.

    A main advice (a recommendation with sub-recommendations) is printed once, as a heading,
    before the first response that answers it or one of its parts; every other answered
    recommendation is quoted in italic right above its response, unless the response says
    its section's text already names them.
    """
    alle = {a.pk: a for a in brief.advies.aanbevelingen.all()}
    heeft_onderdelen = {a.bovenliggend_id for a in alle.values() if a.bovenliggend_id}
    gedrukt: set[int] = set()

    def voorouders(aanbeveling: Aanbeveling) -> list[Aanbeveling]:
        keten: list[Aanbeveling] = []
        ouder_id = aanbeveling.bovenliggend_id
        while ouder_id and ouder_id in alle and ouder_id not in {a.pk for a in keten}:
            keten.insert(0, alle[ouder_id])
            ouder_id = alle[ouder_id].bovenliggend_id
        return keten

    secties: list[Sectieblok] = []
    for sectie in brief.secties.all():
        blok = Sectieblok(sectie=sectie)
        for reactie in sectie.reacties.all():
            aanhef: list[Aanhef] = []
            if reactie.citeer_aanbevelingen:
                for aanbeveling in reactie.aanbevelingen.all():
                    for kandidaat in [*voorouders(aanbeveling), aanbeveling]:
                        if kandidaat.pk in gedrukt:
                            continue
                        gedrukt.add(kandidaat.pk)
                        aanhef.append(Aanhef(kandidaat, is_kop=kandidaat.pk in heeft_onderdelen))
            blok.reacties.append(Reactieblok(reactie=reactie, aanhef=aanhef))
        secties.append(blok)

    ondertekenaars = [o.ambtsdrager for o in brief.ondertekening.all()]
    return Briefopmaak(
        brief=brief,
        afzender=ondertekenaars[0].ministerie if ondertekenaars else None,
        ondertekenaars=ondertekenaars,
        secties=secties,
        voetnoten={v.nummer: v.tekst for v in brief.voetnoten.all()},
        programmas=list(brief.programmaverwijzingen.all()),
    )
