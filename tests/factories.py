"""Minimal factories: every call makes one new, valid record with unique keys.

Parents are made on the fly unless passed in, so ``maak_reactie()`` alone gives a response
in a section of a letter on a report. MAKERS maps every model registered in the admin to its
factory; tests use it to reach every admin page.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable

from django.contrib.auth.models import Group, User
from django.db.models import Model

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from adviesmonitor.models import AuditEvent
from programmas.models import (
    Ambtsdrager,
    Medewerker,
    Ministerie,
    Organisatie,
    Programma,
    Programmaonderdeel,
)
from reacties.geschiedenis import leg_vast
from reacties.models import (
    Antwoordsjabloon,
    Besluit,
    Briefprogramma,
    Briefstatus,
    Briefversie,
    Goedkeuring,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Standpunt,
    Toezegging,
    Vastlegging,
    Voetnoot,
    Wijzigingsoort,
)

_teller = itertools.count(1)


def _n() -> int:
    """A number never handed out before in this test run: keeps keys and orders unique."""
    return next(_teller)


# --- advies ------------------------------------------------------------------------------


def maak_raad() -> Raad:
    n = _n()
    return Raad.objects.create(naam=f"Raad {n}", afkorting=f"R{n}")


def maak_bestuurslaag() -> Bestuurslaag:
    n = _n()
    return Bestuurslaag.objects.create(naam=f"laag {n}", slug=f"laag-{n}", volgorde=n)


def maak_advies(raden: Iterable[Raad] | None = None) -> Advies:
    n = _n()
    advies = Advies.objects.create(slug=f"advies-{n}", titel=f"Advies {n}")
    advies.raden.set(raden if raden is not None else [maak_raad()])
    return advies


def maak_aanbeveling(
    advies: Advies | None = None,
    bestuurslagen: Iterable[Bestuurslaag] | None = None,
    bovenliggend: Aanbeveling | None = None,
) -> Aanbeveling:
    n = _n()
    aanbeveling = Aanbeveling.objects.create(
        advies=advies or maak_advies(),
        nummer=str(n),
        volgorde=n,
        bovenliggend=bovenliggend,
        tekst=f"Aanbeveling {n}: doe iets aan het wonen.",
    )
    aanbeveling.bestuurslagen.set(
        bestuurslagen if bestuurslagen is not None else [maak_bestuurslaag()]
    )
    return aanbeveling


# --- programmas --------------------------------------------------------------------------


def maak_ministerie() -> Ministerie:
    n = _n()
    return Ministerie.objects.create(naam=f"Ministerie {n}", afkorting=f"M{n}")


def maak_ambtsdrager(ministerie: Ministerie | None = None) -> Ambtsdrager:
    n = _n()
    return Ambtsdrager.objects.create(
        sleutel=f"minister-{n}", titel=f"minister {n}", ministerie=ministerie or maak_ministerie()
    )


def maak_organisatie() -> Organisatie:
    n = _n()
    return Organisatie.objects.create(
        sleutel=f"org-{n}", naam=f"Organisatie {n}", afkorting=f"O{n}"
    )


def maak_programma() -> Programma:
    n = _n()
    return Programma.objects.create(
        slug=f"programma-{n}",
        naam=f"Programma {n}",
        soort=Programma.Soort.PROGRAMMA,
        eigenaar=maak_ambtsdrager(),
        uitvoerder=maak_organisatie(),
    )


def maak_programmaonderdeel(
    programma: Programma | None = None, bovenliggend: Programmaonderdeel | None = None
) -> Programmaonderdeel:
    n = _n()
    return Programmaonderdeel.objects.create(
        programma=programma or maak_programma(),
        sleutel=f"onderdeel-{n}",
        naam=f"Onderdeel {n}",
        volgorde=n,
        bovenliggend=bovenliggend,
    )


# --- reacties ----------------------------------------------------------------------------


def maak_reactiebrief(advies: Advies | None = None) -> Reactiebrief:
    advies = advies or maak_advies()
    n = _n()
    return Reactiebrief.objects.create(
        advies=advies,
        versie=advies.brieven.count() + 1,
        onderwerp=f"Reactie op advies {n}",
        kenmerk=f"K-{n}",
    )


def maak_ondertekenaar(brief: Reactiebrief | None = None) -> Ondertekenaar:
    brief = brief or maak_reactiebrief()
    # A small integer field: count within the letter, not the run-wide counter.
    volgorde = brief.ondertekening.count() + 1
    return Ondertekenaar.objects.create(
        brief=brief, ambtsdrager=maak_ambtsdrager(), volgorde=volgorde
    )


def maak_briefprogramma(brief: Reactiebrief | None = None) -> Briefprogramma:
    """A programme part the letter names as one the advice fits."""
    onderdeel = maak_programmaonderdeel()
    return Briefprogramma.objects.create(
        brief=brief or maak_reactiebrief(),
        programma=onderdeel.programma,
        onderdeel=onderdeel,
        volgorde=_n(),
    )


def maak_sectie(brief: Reactiebrief | None = None) -> Sectie:
    n = _n()
    return Sectie.objects.create(brief=brief or maak_reactiebrief(), volgorde=n, kop=f"Kop {n}")


def maak_reactie(
    sectie: Sectie | None = None, aanbevelingen: Iterable[Aanbeveling] | None = None
) -> Reactie:
    """A response with everything a changelist row may show: two recommendations of its
    letter's report, an organisation, a programme link and a commitment."""
    sectie = sectie or maak_sectie()
    if aanbevelingen is None:
        advies = sectie.brief.advies
        aanbevelingen = [maak_aanbeveling(advies), maak_aanbeveling(advies)]
    n = _n()
    reactie = Reactie.objects.create(
        sectie=sectie,
        volgorde=n,
        tekst=f"<p>Het kabinet neemt dit over ({n}).</p>",
        standpunt=Standpunt.OVERGENOMEN,
    )
    reactie.aanbevelingen.set(aanbevelingen)
    reactie.organisaties.set([maak_organisatie()])
    return reactie


def maak_programmakoppeling(reactie: Reactie | None = None) -> Programmakoppeling:
    onderdeel = maak_programmaonderdeel()
    return Programmakoppeling.objects.create(
        reactie=reactie or maak_reactie(),
        programma=onderdeel.programma,
        onderdeel=onderdeel,
        soort=Programmakoppeling.Soort.BESTAAND,
    )


def maak_toezegging(reactie: Reactie | None = None) -> Toezegging:
    n = _n()
    return Toezegging.objects.create(
        reactie=reactie or maak_reactie(),
        volgorde=n,
        tekst=f"Wij komen voor de zomer met een plan ({n}).",
        ambtsdrager=maak_ambtsdrager(),
        organisatie=maak_organisatie(),
        programma=maak_programma(),
        deadline_jaar=2027,
    )


def maak_voetnoot(brief: Reactiebrief | None = None) -> Voetnoot:
    brief = brief or maak_reactiebrief()
    nummer = brief.voetnoten.count() + 1  # a small integer field, numbered within the letter
    return Voetnoot.objects.create(brief=brief, nummer=nummer, tekst=f"<p>Bron {nummer}.</p>")


def maak_volledige_reactie() -> Reactie:
    """A response that also has a programme link and a commitment."""
    reactie = maak_reactie()
    maak_programmakoppeling(reactie)
    maak_toezegging(reactie)
    return reactie


# --- workflow and history ----------------------------------------------------------------


def maak_goedkeuring(brief: Reactiebrief | None = None) -> Goedkeuring:
    brief = brief or maak_reactiebrief()
    return Goedkeuring.objects.create(
        brief=brief,
        ronde=1,
        ministerie=maak_ministerie(),
        gebruiker=maak_gebruiker(),
        besluit=Besluit.GOEDGEKEURD,
    )


def maak_vastlegging(brief: Reactiebrief | None = None) -> Vastlegging:
    """A frozen letter with a stand-in PDF (no rendering: the admin only shows the hash)."""
    brief = brief or maak_reactiebrief()
    Reactiebrief.objects.filter(pk=brief.pk).update(status=Briefstatus.VASTGESTELD)
    pdf = f"%PDF-1.7\n% vastlegging {_n()}\n".encode()
    return Vastlegging.objects.create(
        brief=brief, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), gebruiker=maak_gebruiker()
    )


def maak_briefversie(brief: Reactiebrief | None = None) -> Briefversie:
    return leg_vast(
        brief or maak_reactiebrief(),
        gebruiker=maak_gebruiker(),
        soort=Wijzigingsoort.GEWIJZIGD,
        omschrijving="Brief gewijzigd: betreft",
    )


def maak_antwoordsjabloon() -> Antwoordsjabloon:
    n = _n()
    return Antwoordsjabloon.objects.create(
        naam=f"Sjabloon {n}",
        tekst=f"<p>Het kabinet onderschrijft dit advies ({n}).</p>",
        standpunt=Standpunt.OVERGENOMEN,
        gemaakt_door=maak_gebruiker(),
    )


# --- auth --------------------------------------------------------------------------------


def maak_gebruiker() -> User:
    n = _n()
    return User.objects.create_user(username=f"gebruiker-{n}", password="geheim-voor-tests")


def maak_groep() -> Group:
    return Group.objects.create(name=f"Groep {_n()}")


def maak_medewerker(
    gebruiker: User | None = None, ministerie: Ministerie | None = None
) -> Medewerker:
    return Medewerker.objects.create(
        user=gebruiker or maak_gebruiker(), ministerie=ministerie or maak_ministerie()
    )


def maak_auditregel() -> AuditEvent:
    return AuditEvent.objects.create(
        soort=AuditEvent.Soort.INLOGGEN_MISLUKT,
        gebruikersnaam=f"gebruiker-{_n()}",
        door="anoniem",
        ip="192.0.2.1",
        omschrijving="Inloggen mislukt.",
    )


MAKERS: dict[type[Model], Callable[[], Model]] = {
    Raad: maak_raad,
    Bestuurslaag: maak_bestuurslaag,
    Advies: maak_advies,
    Aanbeveling: maak_aanbeveling,
    Ministerie: maak_ministerie,
    Ambtsdrager: maak_ambtsdrager,
    Organisatie: maak_organisatie,
    Programma: maak_programma,
    Programmaonderdeel: maak_programmaonderdeel,
    Reactiebrief: maak_reactiebrief,
    Ondertekenaar: maak_ondertekenaar,
    Briefprogramma: maak_briefprogramma,
    Sectie: maak_sectie,
    Reactie: maak_volledige_reactie,
    Programmakoppeling: maak_programmakoppeling,
    Toezegging: maak_toezegging,
    Voetnoot: maak_voetnoot,
    Goedkeuring: maak_goedkeuring,
    Vastlegging: maak_vastlegging,
    Briefversie: maak_briefversie,
    Antwoordsjabloon: maak_antwoordsjabloon,
    Medewerker: maak_medewerker,
    User: maak_gebruiker,
    Group: maak_groep,
    AuditEvent: maak_auditregel,
}


def maak_voorbeelden() -> dict[type[Model], Model]:
    """One record of every model in MAKERS, all belonging to one letter on one report, so
    pages that show a whole letter have something real to show."""
    advies = maak_advies()
    brief = maak_reactiebrief(advies)
    sectie = maak_sectie(brief)
    reactie = maak_reactie(sectie)
    koppeling = maak_programmakoppeling(reactie)
    voorbeelden: dict[type[Model], Model] = {
        Raad: advies.raden.get(),
        Advies: advies,
        Aanbeveling: reactie.aanbevelingen.first(),
        Reactiebrief: brief,
        Ondertekenaar: maak_ondertekenaar(brief),
        Briefprogramma: maak_briefprogramma(brief),
        Sectie: sectie,
        Reactie: reactie,
        Programmakoppeling: koppeling,
        Programmaonderdeel: koppeling.onderdeel,
        Programma: koppeling.programma,
        Toezegging: maak_toezegging(reactie),
        Voetnoot: maak_voetnoot(brief),
        Organisatie: reactie.organisaties.get(),
        Bestuurslaag: reactie.aanbevelingen.first().bestuurslagen.get(),
        User: maak_gebruiker(),
        Group: maak_groep(),
        AuditEvent: maak_auditregel(),
    }
    voorbeelden[Ambtsdrager] = voorbeelden[Ondertekenaar].ambtsdrager
    voorbeelden[Ministerie] = voorbeelden[Ambtsdrager].ministerie
    voorbeelden[Medewerker] = maak_medewerker(voorbeelden[User], voorbeelden[Ministerie])
    voorbeelden[Goedkeuring] = maak_goedkeuring(brief)
    voorbeelden[Briefversie] = maak_briefversie(brief)
    voorbeelden[Antwoordsjabloon] = maak_antwoordsjabloon()
    # Frozen: a second version of the same report's letter, so the letter above stays in
    # concept.
    vastgesteld = Reactiebrief.objects.create(
        advies=advies, versie=brief.versie + 1, onderwerp=brief.onderwerp, kenmerk=f"K-{_n()}"
    )
    voorbeelden[Vastlegging] = maak_vastlegging(vastgesteld)
    return voorbeelden
