"""A small, hand-made world for the recommendation list and its search, with every case the
filters and counts must get right (shared by test_aanbevelingen and test_zoeken).

Three reports, seven recommendations:

====  ======================  ====  ==========  =========================================
rec   report (councils)       year  levels      response (letter status)
====  ======================  ====  ==========  =========================================
a11   A1 (RVS)                2019  gemeente    niet overgenomen; P1 actielijn 1 (sent)
a12   A1 (RVS)                2019  rijk        overgenomen; P2 new; commitment open (sent)
a21   A2 (RVS, ROB)           2021  gemeente    niet overgenomen; P1 actielijn 2 (sent)
a22   A2 (RVS, ROB)           2021  woningcorp. deels; P1 new; commitment in uitvoering
                                    + gemeente  (sent)
a23   A2 (RVS, ROB)           2021  rijk        none
a31   A3 (ROB)                2023  gemeente    niet overgenomen; P2; commitment (concept
                                                letter: does not count)
a32   A3 (ROB)                2023  gemeente    none; its text holds <script>
====  ======================  ====  ==========  =========================================
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from programmas.models import Programma, Programmaonderdeel
from reacties.models import (
    Briefstatus,
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Standpunt,
    Toezegging,
    Toezeggingstatus,
)

_teller = itertools.count(1)


def laag(slug: str) -> Bestuurslaag:
    return Bestuurslaag.objects.get(slug=slug)  # seeded by advies.0002_bestuurslagen


def maak_advies(slug: str, titel: str, jaar: int | None, raden: list[Raad]) -> Advies:
    advies = Advies.objects.create(
        slug=slug, titel=titel, publicatiedatum=dt.date(jaar, 6, 1) if jaar else None
    )
    advies.raden.set(raden)
    return advies


def maak_aanbeveling(advies: Advies, nummer: str, tekst: str, lagen: list[str]) -> Aanbeveling:
    a = Aanbeveling.objects.create(
        advies=advies, nummer=nummer, volgorde=next(_teller), tekst=tekst
    )
    a.bestuurslagen.set([laag(s) for s in lagen])
    return a


def maak_brief(advies: Advies, status: str = Briefstatus.VERZONDEN) -> Sectie:
    brief = Reactiebrief.objects.create(
        advies=advies,
        versie=advies.brieven.count() + 1,
        onderwerp=f"Reactie op {advies.titel}",
        status=status,
    )
    return Sectie.objects.create(brief=brief, volgorde=1)


def maak_reactie(
    sectie: Sectie,
    aanbevelingen: list[Aanbeveling],
    tekst: str,
    standpunt: str = "",
    koppelingen: tuple = (),
    toezeggingen: tuple = (),
) -> Reactie:
    """``koppelingen``: (programma, onderdeel or None, soort); ``toezeggingen``: (tekst,
    status)."""
    reactie = Reactie.objects.create(
        sectie=sectie, volgorde=next(_teller), tekst=tekst, standpunt=standpunt
    )
    reactie.aanbevelingen.set(aanbevelingen)
    for programma, onderdeel, soort in koppelingen:
        Programmakoppeling.objects.create(
            reactie=reactie, programma=programma, onderdeel=onderdeel, soort=soort
        )
    for tekst_t, status in toezeggingen:
        Toezegging.objects.create(
            reactie=reactie, volgorde=next(_teller), tekst=tekst_t, status=status
        )
    return reactie


@dataclass
class Wereld:
    a: dict[str, Aanbeveling] = field(default_factory=dict)
    adviezen: dict[str, Advies] = field(default_factory=dict)
    p1: Programma | None = None
    p2: Programma | None = None
    onderdelen: dict[str, Programmaonderdeel] = field(default_factory=dict)

    def ids(self, *namen: str) -> set[int]:
        return {self.a[n].pk for n in namen}


def bouw_wereld() -> Wereld:
    w = Wereld()
    rvs = Raad.objects.create(naam="Raad voor Volksgezondheid en Samenleving", afkorting="RVS")
    rob = Raad.objects.create(naam="Raad voor het Openbaar Bestuur", afkorting="ROB")
    w.p1 = Programma.objects.create(
        slug="een-tegen-eenzaamheid", naam="Een tegen Eenzaamheid", soort="programma"
    )
    w.p2 = Programma.objects.create(slug="wonen-en-zorg", naam="Wonen en Zorg", soort="programma")
    w.onderdelen["al1"] = Programmaonderdeel.objects.create(
        programma=w.p1, sleutel="actielijn-1", naam="Actielijn 1", volgorde=1
    )
    w.onderdelen["al2"] = Programmaonderdeel.objects.create(
        programma=w.p1, sleutel="actielijn-2", naam="Actielijn 2", volgorde=2
    )
    w.onderdelen["al2a"] = Programmaonderdeel.objects.create(
        programma=w.p1,
        sleutel="actielijn-2a",
        naam="Actielijn 2a",
        volgorde=3,
        bovenliggend=w.onderdelen["al2"],
    )

    a1 = w.adviezen["A1"] = maak_advies("samen-in-de-buurt", "Samen in de buurt", 2019, [rvs])
    a2 = w.adviezen["A2"] = maak_advies(
        "ouder-worden-in-de-wijk", "Ouder worden in de wijk", 2021, [rvs, rob]
    )
    a3 = w.adviezen["A3"] = maak_advies("digitale-inclusie", "Digitale inclusie", 2023, [rob])

    w.a["a11"] = maak_aanbeveling(
        a1, "1", "Investeer in ontmoetingsplekken in de buurt.", ["gemeente"]
    )
    w.a["a12"] = maak_aanbeveling(a1, "2", "Bestrijd de stille nood onder ouderen.", ["rijk"])
    w.a["a21"] = maak_aanbeveling(
        a2, "1", "Gemeenten moeten eenzaamheid vroeg signaleren.", ["gemeente"]
    )
    w.a["a22"] = maak_aanbeveling(
        a2, "2", "Bouw ontmoetingsruimten bij seniorenwoningen.", ["woningcorporatie", "gemeente"]
    )
    w.a["a23"] = maak_aanbeveling(a2, "3", "Maak een landelijk plan voor de wijk.", ["rijk"])
    w.a["a31"] = maak_aanbeveling(a3, "1", "Help inwoners digitaal mee te doen.", ["gemeente"])
    w.a["a32"] = maak_aanbeveling(
        a3, "2", "<script>alert(1)</script> Organiseer hulp bij eenzaamheid.", ["gemeente"]
    )

    s1 = maak_brief(a1)
    maak_reactie(
        s1,
        [w.a["a11"]],
        "<p>Het kabinet neemt dit niet over; het Rijk gaat niet over pleinen.</p>",
        Standpunt.NIET,
        koppelingen=[(w.p1, w.onderdelen["al1"], Koppelsoort.BESTAAND)],
    )
    maak_reactie(
        s1,
        [w.a["a12"]],
        "<p>Wij nemen dit over en pakken <strong>eenzaamheid</strong> aan &amp; meer.</p>",
        Standpunt.OVERGENOMEN,
        koppelingen=[(w.p2, None, Koppelsoort.NIEUW)],
        toezeggingen=[("We starten een pilot met vijf gemeenten.", Toezeggingstatus.OPEN)],
    )
    s2 = maak_brief(a2)
    maak_reactie(
        s2,
        [w.a["a21"]],
        "<p>Signaleren is aan gemeenten zelf.</p>",
        Standpunt.NIET,
        koppelingen=[(w.p1, w.onderdelen["al2"], Koppelsoort.BESTAAND)],
    )
    maak_reactie(
        s2,
        [w.a["a22"]],
        "<p>Deels: wij kijken eerst naar de bestaande regels.</p>",
        Standpunt.DEELS,
        koppelingen=[(w.p1, None, Koppelsoort.NIEUW)],
        toezeggingen=[
            ("Wij verkennen de buurten samen met de VNG.", Toezeggingstatus.IN_UITVOERING)
        ],
    )
    s3 = maak_brief(a3, status=Briefstatus.CONCEPT)
    maak_reactie(
        s3,
        [w.a["a31"]],
        "<p>Concept: wij nemen dit niet over; over eenzaamheid later meer.</p>",
        Standpunt.NIET,
        koppelingen=[(w.p2, None, Koppelsoort.NIEUW)],
        toezeggingen=[("Concepttoezegging over digitale buurten.", Toezeggingstatus.OPEN)],
    )
    return w
