"""Seeded, repeatable test data: realistic advisory reports with everything in them.

``genereer(aantal, seed)`` writes ``aantal`` reports, each with 6–14 recommendations, and for
most of them a reply letter with sections, responses, programme links, commitments and
footnotes. The reference data they point to (councils, ministries, office holders,
organisations, programmes) is created when missing, matched on its natural key; where the
example letter holds a record, the example's version is used, so that loading the example
before or after changes nothing.

Repeatable: report number ``n`` is built from its own ``random.Random(f"{seed}:{n}")``, never
from the global RNG or the clock, so the same ``aantal`` and ``seed`` on fresh data give the
same rows, whatever the chunk size. A later run continues the numbering (new slugs, new
content); ``vervang=True`` first removes every generated report. Generated slugs look like
``gen-000123-samen-tegen-eenzaamheid``; nothing else is ever deleted or changed.

Fast: a chunk of reports is built as unsaved model instances in Python, then written with
one ``bulk_create`` per table (through-tables included) inside a transaction. This relies on
``bulk_create`` setting primary keys, which PostgreSQL and SQLite ≥ 3.35 do.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from django.db import connection, models, transaction
from django.utils.text import slugify

from advies import testdata_gegevens as g
from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from programmas.models import Ambtsdrager, Ministerie, Organisatie, Programma, Programmaonderdeel
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import (
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from reacties.uitwisseling.importeren import Importfout, lees_bestand
from reacties.uitwisseling.referenties import SOORTEN, Soort

PREFIX = "gen-"
GEGENEREERD = r"^gen-[0-9]{6,}-"  # the slugs this module writes, and the only ones it deletes
BLOK = 500  # reports per transaction
BATCH = 2000  # rows per INSERT

# The generated world is described as it stands on this date (letters sent, commitments
# met or overdue); a constant, so that the data never depends on the clock.
PEILDATUM = date(2026, 10, 1)
EERSTE_PUBLICATIE = date(2015, 1, 1)
LAATSTE_PUBLICATIE = date(2026, 9, 30)
EERSTE_DEADLINE = date(2016, 1, 1)
LAATSTE_DEADLINE = date(2028, 12, 31)

STANDPUNTEN = {
    "overgenomen": 40,
    "deels_overgenomen": 22,
    "kennisgenomen": 16,
    "in_onderzoek": 12,
    "niet_overgenomen": 10,
}
# Share of responses with a stance that make commitments (about 30% overall).
TOEZEGGINGSKANS = {
    "overgenomen": 0.45,
    "deels_overgenomen": 0.35,
    "in_onderzoek": 0.4,
    "kennisgenomen": 0.1,
    "niet_overgenomen": 0.05,
    "": 0.1,
}


# --- counts --------------------------------------------------------------------------------


@dataclass
class Telling:
    """Rows written per table."""

    adviezen: int = 0
    advies_raden: int = 0
    aanbevelingen: int = 0
    aanbeveling_lagen: int = 0
    brieven: int = 0
    ondertekenaars: int = 0
    voetnoten: int = 0
    secties: int = 0
    reacties: int = 0
    reactie_aanbevelingen: int = 0
    reactie_organisaties: int = 0
    programmakoppelingen: int = 0
    toezeggingen: int = 0

    def __iadd__(self, ander: Telling) -> Telling:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(ander, f.name))
        return self

    @property
    def rijen(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def regels(self) -> list[str]:
        return [f"  {f.name.replace('_', ' '):<24}{getattr(self, f.name):>9}" for f in fields(self)]


# --- the run -------------------------------------------------------------------------------


def genereer(
    aantal: int,
    seed: int = 1,
    *,
    vervang: bool = False,
    blok: int = BLOK,
    voortgang: Callable[[int, int, Telling], None] | None = None,
) -> Telling:
    """Write ``aantal`` generated reports; ``voortgang(klaar, aantal, telling)`` per chunk."""
    if not connection.features.can_return_rows_from_bulk_insert:
        raise RuntimeError(
            "Deze database geeft bij bulk_create geen primaire sleutels terug "
            "(nodig: PostgreSQL of SQLite 3.35 of nieuwer)."
        )
    with transaction.atomic():
        if vervang:
            verwijder_gegenereerd()
        ref = zorg_voor_referenties()
        eerste = volgende_nummer()
    telling = Telling()
    for begin in range(0, aantal, blok):
        nummers = range(eerste + begin, eerste + min(begin + blok, aantal))
        rijen = _Rijen()
        for nummer in nummers:
            _Advies(random.Random(f"{seed}:{nummer}"), nummer, ref, rijen).bouw()
        with transaction.atomic():
            telling += rijen.opslaan()
        if voortgang:
            voortgang(min(begin + blok, aantal), aantal, telling)
    return telling


def gegenereerde_adviezen() -> models.QuerySet[Advies]:
    return Advies.objects.filter(slug__regex=GEGENEREERD)


def verwijder_gegenereerd() -> int:
    """Delete every generated report with everything in it; returns the number of reports."""
    adviezen = gegenereerde_adviezen()
    with transaction.atomic():
        # Letters protect their report: they go first, with their contents.
        Reactiebrief.objects.filter(advies__in=adviezen).delete()
        _, per_model = adviezen.delete()
    return per_model.get(Advies._meta.label, 0)


def volgende_nummer() -> int:
    """The number after the highest generated report's (1 on fresh data)."""
    nummers = [int(s.split("-")[1]) for s in gegenereerde_adviezen().values_list("slug", flat=True)]
    return max(nummers, default=0) + 1


# --- reference data ------------------------------------------------------------------------


@dataclass
class Referenties:
    """The reference records that generated reports point to, by natural key."""

    raden: dict[str, Raad]
    lagen: dict[str, Bestuurslaag]
    ambtsdragers: list[Ambtsdrager]  # by sleutel, with their ministry
    organisaties: dict[str, Organisatie]
    programmas: dict[str, Programma]
    onderdelen: dict[str, list[Programmaonderdeel]]  # programme slug → parts in order


def referentielijsten() -> dict[str, list[dict]]:
    """Our reference lists (exchange-format records), where the example's versions win."""
    try:
        voorbeeld = lees_bestand(VOORBEELD)
    except Importfout:  # the example is optional here: without it our own lists stand
        voorbeeld = {}
    eigen = {
        "raden": [{"afkorting": r[0], "naam": r[1]} for r in g.RADEN],
        "ministeries": list(g.MINISTERIES),
        "ambtsdragers": list(g.AMBTSDRAGERS),
        "organisaties": list(g.ORGANISATIES),
        "programmas": list(g.PROGRAMMAS),
    }
    return {
        lijst: _samenvoegen(items, voorbeeld.get(lijst, []), SOORTEN[lijst])
        for lijst, items in eigen.items()
    }


def _samenvoegen(eigen: list[dict], voorbeeld: list[dict], soort: Soort) -> list[dict]:
    """Our records in our order, the example's version where it has one, then the rest of the
    example's. Where names are unique, ours is dropped when the example has its name under
    another key (office holders share names: one person, several offices)."""
    sleutel = soort.sleutel
    van_voorbeeld = {item[sleutel]: item for item in voorbeeld}
    namen = {item["naam"]: item[sleutel] for item in voorbeeld} if soort.naam_uniek else {}
    uit = []
    for item in eigen:
        if namen.get(item["naam"], item[sleutel]) == item[sleutel]:
            uit.append(van_voorbeeld.pop(item[sleutel], item))
    return uit + list(van_voorbeeld.values())


def zorg_voor_referenties() -> Referenties:
    """Create the missing reference records (get or create by natural key; existing records
    are never changed) and return them."""
    lijsten = referentielijsten()
    lagen = {
        slug: Bestuurslaag.objects.get_or_create(
            slug=slug, defaults={"naam": naam, "volgorde": volgorde}
        )[0]
        for volgorde, (slug, naam, _meervoud) in enumerate(g.BESTUURSLAGEN, start=1)
    }
    raden = {r["afkorting"]: _haal_of_maak(Raad, "afkorting", r) for r in lijsten["raden"]}
    ministeries = {
        m["afkorting"]: _haal_of_maak(Ministerie, "afkorting", m) for m in lijsten["ministeries"]
    }
    ambtsdragers = {
        a["sleutel"]: _haal_of_maak(
            Ambtsdrager,
            "sleutel",
            {
                **a,
                "ministerie": ministeries[a["ministerie"]],
                "begin": _datum(a["begin"]),
                "einde": _datum(a["einde"]),
            },
            naam_uniek=False,
        )
        for a in lijsten["ambtsdragers"]
        if a["ministerie"] in ministeries
    }
    organisaties = {
        o["sleutel"]: _haal_of_maak(Organisatie, "sleutel", o) for o in lijsten["organisaties"]
    }
    programmas = {
        p["slug"]: _programma(p, ambtsdragers, organisaties) for p in lijsten["programmas"]
    }
    onderdelen: dict[str, list[Programmaonderdeel]] = {slug: [] for slug in programmas}
    per_id = {p.id: slug for slug, p in programmas.items()}
    for o in Programmaonderdeel.objects.filter(programma__in=programmas.values()).order_by(
        "programma_id", "volgorde"
    ):
        onderdelen[per_id[o.programma_id]].append(o)
    return Referenties(
        raden=raden,
        lagen=lagen,
        # Sorted in Python: database collations differ, and the RNG picks from this list.
        ambtsdragers=sorted(
            Ambtsdrager.objects.filter(id__in=[a.id for a in ambtsdragers.values()])
            .select_related("ministerie")
            .order_by(),
            key=lambda a: a.sleutel,
        ),
        organisaties=organisaties,
        programmas=programmas,
        onderdelen=onderdelen,
    )


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _haal_of_maak(
    model: type[models.Model], sleutelveld: str, waarden: dict, naam_uniek: bool = True
) -> models.Model:
    """The record with this key; else the one with this (unique) name; else a new one."""
    gevonden = model.objects.filter(**{sleutelveld: waarden[sleutelveld]}).first()
    if gevonden is None and naam_uniek:
        gevonden = model.objects.filter(naam=waarden["naam"]).first()
    if gevonden is not None:
        return gevonden
    velden = {f.name for f in model._meta.concrete_fields}
    return model.objects.create(**{k: v for k, v in waarden.items() if k in velden})


def _programma(
    item: dict, ambtsdragers: dict[str, Ambtsdrager], organisaties: dict[str, Organisatie]
) -> Programma:
    bestaand = Programma.objects.filter(slug=item["slug"]).first()
    bestaand = bestaand or Programma.objects.filter(naam=item["naam"]).first()
    if bestaand is not None:
        return bestaand
    programma = Programma.objects.create(
        slug=item["slug"],
        naam=item["naam"],
        soort=item["soort"],
        eigenaar=ambtsdragers.get(item["eigenaar"] or ""),
        uitvoerder=organisaties.get(item["uitvoerder"] or ""),
        beschrijving=item["beschrijving"],
        url=item["url"],
    )
    per_sleutel: dict[str, Programmaonderdeel] = {}
    for volgorde, o in enumerate(item["onderdelen"], start=1):
        per_sleutel[o["sleutel"]] = Programmaonderdeel.objects.create(
            programma=programma,
            sleutel=o["sleutel"],
            naam=o["naam"],
            volgorde=volgorde,
            bovenliggend=per_sleutel.get(o["bovenliggend"] or ""),
            beschrijving=o["beschrijving"],
        )
    return programma


# --- rows of one chunk ---------------------------------------------------------------------

AdviesRaad = Advies.raden.through
AanbevelingLaag = Aanbeveling.bestuurslagen.through
ReactieAanbeveling = Reactie.aanbevelingen.through
ReactieOrganisatie = Reactie.organisaties.through


@dataclass
class _Rijen:
    """Unsaved rows of a chunk, per table, in an order that saves parents first."""

    adviezen: list[Advies] = field(default_factory=list)
    advies_raden: list[models.Model] = field(default_factory=list)
    hoofdadviezen: list[Aanbeveling] = field(default_factory=list)
    onderdelen: list[Aanbeveling] = field(default_factory=list)
    aanbeveling_lagen: list[models.Model] = field(default_factory=list)
    brieven: list[Reactiebrief] = field(default_factory=list)
    ondertekenaars: list[Ondertekenaar] = field(default_factory=list)
    voetnoten: list[Voetnoot] = field(default_factory=list)
    secties: list[Sectie] = field(default_factory=list)
    reacties: list[Reactie] = field(default_factory=list)
    reactie_aanbevelingen: list[models.Model] = field(default_factory=list)
    reactie_organisaties: list[models.Model] = field(default_factory=list)
    koppelingen: list[Programmakoppeling] = field(default_factory=list)
    toezeggingen: list[Toezegging] = field(default_factory=list)

    def opslaan(self) -> Telling:
        # bulk_create sets each saved parent's primary key; children that were given the
        # unsaved parent pick the key up when they are saved in turn.
        for f in fields(self):
            rijen = getattr(self, f.name)
            if rijen:
                type(rijen[0]).objects.bulk_create(rijen, batch_size=BATCH)
        return Telling(
            adviezen=len(self.adviezen),
            advies_raden=len(self.advies_raden),
            aanbevelingen=len(self.hoofdadviezen) + len(self.onderdelen),
            aanbeveling_lagen=len(self.aanbeveling_lagen),
            brieven=len(self.brieven),
            ondertekenaars=len(self.ondertekenaars),
            voetnoten=len(self.voetnoten),
            secties=len(self.secties),
            reacties=len(self.reacties),
            reactie_aanbevelingen=len(self.reactie_aanbevelingen),
            reactie_organisaties=len(self.reactie_organisaties),
            programmakoppelingen=len(self.koppelingen),
            toezeggingen=len(self.toezeggingen),
        )


# --- small helpers -------------------------------------------------------------------------


def _gewogen(rng: random.Random, gewichten: dict[str, float]) -> str:
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


def _dagen_na(rng: random.Random, dag: date, minimum: int, maximum: int) -> date:
    return dag + timedelta(days=rng.randint(minimum, maximum))


def _tussen(dag: date, vroegst: date, laatst: date) -> date:
    return min(max(dag, vroegst), laatst)


def _datum_nl(dag: date) -> str:
    return f"{dag.day} {g.MAANDEN[dag.month - 1]} {dag.year}"


def _opsomming(delen: Sequence[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    return delen[0] if len(delen) == 1 else f"{', '.join(delen[:-1])} en {delen[-1]}"


def _hoofdletter(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _p(*zinnen: str) -> str:
    return "<p>" + " ".join(html.escape(z, quote=False) for z in zinnen if z) + "</p>"


_MEERVOUD = {slug: meervoud for slug, _naam, meervoud in g.BESTUURSLAGEN}
_RAAD = {r[0]: r for r in g.RADEN}  # afkorting → (afkorting, naam, lidwoord, kort, website)
_THEMAS = {t.sleutel: t for t in g.THEMAS}


def _raad_in_tekst(raad: Raad) -> str:
    """‘de RVS’, ‘het CRa’, ‘de Gezondheidsraad’."""
    if raad.afkorting not in _RAAD:
        return f"de {raad.afkorting}"
    _afkorting, _naam, lidwoord, kort, _website = _RAAD[raad.afkorting]
    return f"{lidwoord} {kort}"


def _website(raad: Raad) -> str:
    return _RAAD[raad.afkorting][4] if raad.afkorting in _RAAD else ""


def _organisatie_in_tekst(organisatie: Organisatie) -> str:
    return g.ORGANISATIES_IN_TEKST.get(organisatie.sleutel, organisatie.naam)


_PROGRAMMALIDWOORD = {
    "programma": "het",
    "akkoord": "het",
    "onderzoek": "het",
    "beleidsdocument": "het",
    "wet": "de",
    "regeling": "de",
    "monitor": "de",
}


def _programma_in_tekst(programma: Programma, onderdeel: Programmaonderdeel | None) -> str:
    """‘het programma ‘Mooi Nederland’’, ‘de Omgevingswet’, ‘het onderdeel ‘…’ van …’."""
    lidwoord = _PROGRAMMALIDWOORD.get(programma.soort, "het")
    if programma.soort.lower() in programma.naam.lower():
        tekst = f"{lidwoord} {programma.naam}"
    else:
        tekst = f"{lidwoord} {programma.soort} ‘{programma.naam}’"
    return f"het onderdeel ‘{onderdeel.naam}’ van {tekst}" if onderdeel else tekst


# --- one report ----------------------------------------------------------------------------


@dataclass
class _Aanbeveling:
    """A recommendation being built, with what its response will refer to."""

    obj: Aanbeveling
    zinsdeel: str
    laag: str  # the first level it is aimed at


@dataclass
class _Groep:
    """Recommendations answered in one section: the main group or a group for one level."""

    laag: str | None  # None: the main group
    hoofdadviezen: list[tuple[_Aanbeveling, list[_Aanbeveling]]]


class _Advies:
    """Builds one report, its recommendations and its letter as unsaved rows."""

    def __init__(self, rng: random.Random, nummer: int, ref: Referenties, rijen: _Rijen) -> None:
        self.rng = rng
        self.nummer = nummer
        self.ref = ref
        self.rijen = rijen
        self.thema = rng.choice(g.THEMAS)
        self.bijthema = rng.choice(g.THEMAS) if rng.random() < 0.4 else self.thema
        self.voetnoot = 0

    # Text.

    def zinsdeel(self, behalve: str = "") -> str:
        """A noun phrase of the report's theme (sometimes of its second theme)."""
        thema = self.thema if self.rng.random() < 0.75 else self.bijthema
        return self.rng.choice([z for z in thema.zinsdelen if z != behalve])

    def wie(self, behalve: str | None = None, rijk: bool = True) -> str:
        """A level in running text (‘gemeenten’), other than ``behalve``; the cabinet itself
        speaks of others (``rijk=False``)."""
        lagen = [
            laag
            for laag in ("rijk", *self.thema.lagen)
            if laag != behalve and (rijk or laag != "rijk")
        ]
        return _MEERVOUD[self.rng.choice(lagen or ["gemeente"])]

    # The report.

    def bouw(self) -> None:
        rng = self.rng
        titel = rng.choice(self.thema.titels)
        publicatie = _dagen_na(
            rng, EERSTE_PUBLICATIE, 0, (LAATSTE_PUBLICATIE - EERSTE_PUBLICATIE).days
        )
        self.raden = self._raden()
        website = _website(self.raden[0])
        self.advies = Advies(
            slug=f"{PREFIX}{self.nummer:06d}-{slugify(titel)}"[:120].rstrip("-"),
            titel=titel,
            ondertitel=rng.choice(self.thema.ondertitels) if rng.random() < 0.85 else "",
            publicatiedatum=publicatie,
            ontvangstdatum=_dagen_na(rng, publicatie, 0, 7),
            url=(
                f"https://{website}/publicaties/{publicatie.year}/{slugify(titel)}"
                if website and rng.random() < 0.7
                else ""
            ),
        )
        self.rijen.adviezen.append(self.advies)
        self.rijen.advies_raden += [AdviesRaad(advies=self.advies, raad=r) for r in self.raden]
        groepen = self._aanbevelingen()
        status = self._briefstatus(publicatie)
        if status is not None:
            self._brief(status, publicatie, groepen)

    def _raden(self) -> list[Raad]:
        kandidaten = [self.ref.raden[a] for a in self.thema.raden if a in self.ref.raden]
        eerste = kandidaten[0] if self.rng.random() < 0.6 else self.rng.choice(kandidaten)
        raden = [eerste]
        if len(kandidaten) > 1 and self.rng.random() < 0.15:  # a joint report
            raden.append(self.rng.choice([r for r in kandidaten if r != eerste]))
        return raden

    # Recommendations.

    def _aanbevelingen(self) -> list[_Groep]:
        rng = self.rng
        totaal = rng.randint(6, 14)
        groeplagen = [laag for laag in self.thema.lagen if laag in g.GROEPEN]
        extra = rng.randint(1, 3) if groeplagen and rng.random() < 0.3 else 0
        hoofdgroep = _Groep(None, [])
        teller = 0
        while teller < totaal - extra:
            hoofd = self._aanbeveling(str(len(hoofdgroep.hoofdadviezen) + 1), None)
            teller += 1
            subs: list[_Aanbeveling] = []
            ruimte = totaal - extra - teller
            if ruimte > 0 and rng.random() < 0.3:
                for i in range(1, rng.randint(1, min(3, ruimte)) + 1):
                    subs.append(self._aanbeveling(f"{hoofd.obj.nummer}.{i}", hoofd))
                teller += len(subs)
            hoofdgroep.hoofdadviezen.append((hoofd, subs))
        groepen = [hoofdgroep]
        if extra:
            laag = rng.choice(groeplagen)
            letter = g.GROEPEN[laag][0]
            groepen.append(
                _Groep(
                    laag,
                    [
                        (self._aanbeveling(f"{letter}{i}", None, laag), [])
                        for i in range(1, extra + 1)
                    ],
                )
            )
        return groepen

    def _aanbeveling(
        self, nummer: str, hoofd: _Aanbeveling | None, groeplaag: str | None = None
    ) -> _Aanbeveling:
        rng = self.rng
        if groeplaag:
            laag = groeplaag
        elif hoofd and rng.random() < 0.8:
            laag = hoofd.laag
        else:
            gewichten = dict(g.LAAG_GEWICHTEN)
            for themalaag in self.thema.lagen:
                gewichten[themalaag] += 8
            laag = _gewogen(rng, gewichten)
        zinsdeel = self.zinsdeel()
        sjabloon = rng.choice(g.ONDERDELEN if hoofd else g.AANBEVELINGEN)
        tekst = sjabloon.format(
            np=zinsdeel,
            kader=rng.choice(g.KADERS),
            wie=self.wie(laag),
            jaar=(self.advies.publicatiedatum.year + rng.randint(1, 3)),
        )
        if rng.random() < 0.5 and "{wie}" not in sjabloon:
            tekst += rng.choice(g.TOELICHTINGEN).format(
                np2=self.zinsdeel(behalve=zinsdeel), wie=self.wie(laag)
            )
        obj = Aanbeveling(
            advies=self.advies,
            nummer=nummer,
            volgorde=self._volgende("aanbevelingen"),
            bovenliggend=hoofd.obj if hoofd else None,
            tekst=tekst,
        )
        (self.rijen.onderdelen if hoofd else self.rijen.hoofdadviezen).append(obj)
        self.rijen.aanbeveling_lagen += [
            AanbevelingLaag(aanbeveling=obj, bestuurslaag=self.ref.lagen[slug])
            for slug in self._lagen(laag)
        ]
        return _Aanbeveling(obj, zinsdeel, laag)

    def _lagen(self, eerste: str) -> list[str]:
        """1–3 levels: the first, sometimes one or two more from the theme or the Rijk."""
        aantal = _gewogen(self.rng, {"1": 65, "2": 25, "3": 10})
        overige = [laag for laag in ("rijk", *self.thema.lagen) if laag != eerste]
        return [eerste, *self.rng.sample(overige, min(int(aantal) - 1, len(overige)))]

    # The letter.

    def _briefstatus(self, publicatie: date) -> str | None:
        """None: no letter yet. Old reports mostly have a sent letter, recent ones not yet."""
        leeftijd = (PEILDATUM - publicatie).days
        if leeftijd > 270:
            kansen = {"": 6, "verzonden": 90, "vastgesteld": 2, "ter_review": 1, "concept": 1}
        elif leeftijd > 90:
            kansen = {"": 15, "verzonden": 45, "vastgesteld": 15, "ter_review": 15, "concept": 10}
        else:
            kansen = {"": 45, "verzonden": 5, "vastgesteld": 5, "ter_review": 15, "concept": 30}
        return _gewogen(self.rng, kansen) or None

    def _brief(self, status: str, publicatie: date, groepen: list[_Groep]) -> None:
        rng = self.rng
        definitief = status in ("verzonden", "vastgesteld")
        datum = _tussen(_dagen_na(rng, publicatie, 45, 240), publicatie, PEILDATUM)
        if not definitief and rng.random() < 0.5:
            datum = None
        self.ondertekenaars = self._ondertekenaars(datum or _dagen_na(rng, publicatie, 90, 90))
        raden = _opsomming([_raad_in_tekst(r) for r in self.raden])
        advies = self.advies
        titels = _opsomming([f"de {a.titel}" for a in self.ondertekenaars])
        brief = Reactiebrief(
            advies=advies,
            versie=1,
            titel=f"Reactie van {titels} op het advies ‘{advies.titel}’",
            onderwerp=f"Reactie op het advies ‘{advies.titel}’ van {raden}"[:300],
            datum=datum,
            kenmerk=f"GEN-{datum.year}-{self.nummer:06d}" if definitief and datum else "",
            uw_kenmerk=f"{self.raden[0].afkorting}-{publicatie.year}-{rng.randint(10, 999)}",
            bijlagen="1" if rng.random() < 0.4 else "",
            status=status,
            opening=self._opening(publicatie, raden),
            slot=_p(f"Wij danken {raden} voor het advies.") if rng.random() < 0.6 else "",
        )
        self.brief = brief
        self.basisdatum = datum or _dagen_na(rng, publicatie, 90, 90)
        self.rijen.brieven.append(brief)
        self.rijen.ondertekenaars += [
            Ondertekenaar(brief=brief, ambtsdrager=a, volgorde=i)
            for i, a in enumerate(self.ondertekenaars, start=1)
        ]
        concept = not definitief
        for groep in groepen:
            self._sectie(groep, concept)
        if rng.random() < 0.3:
            self._nieuwe_sectie(
                "Tot slot",
                _p(
                    f"Het advies laat zien dat {self.zinsdeel()} een gezamenlijke opgave is van "
                    f"overheden, maatschappelijke organisaties en inwoners.",
                    "Wij blijven daarover graag in gesprek met de raad.",
                ),
            )

    def _ondertekenaars(self, op: date) -> list[Ambtsdrager]:
        """One or two office holders in office on ``op``, from the theme's ministries if any."""
        alle = self.ref.ambtsdragers
        in_functie = [
            a
            for a in alle
            if (a.begin is None or a.begin <= op) and (a.einde is None or op < a.einde)
        ] or alle
        passend = [a for a in in_functie if a.ministerie.afkorting in self.thema.ministeries]
        eerste = self.rng.choice(passend or in_functie)
        anderen = [a for a in passend if a != eerste] or [a for a in in_functie if a != eerste]
        if anderen and self.rng.random() < 0.35:
            return [eerste, self.rng.choice(anderen)]
        return [eerste]

    def _opening(self, publicatie: date, raden: str) -> str:
        advies = self.advies
        naam = f"{advies.titel}: {advies.ondertitel}" if advies.ondertitel else advies.titel
        werkwoord = "hebben" if len(self.raden) > 1 else "heeft"
        return _p(
            f"Op {_datum_nl(publicatie)} {werkwoord} {raden} het advies ‘{naam}’ uitgebracht."
        ) + _p(
            f"In het advies vragen de adviseurs aandacht voor {self.zinsdeel()} en "
            f"{self.zinsdeel()}.",
            "In deze brief gaan wij in op de aanbevelingen.",
        )

    def _nieuwe_sectie(self, kop: str, tekst: str) -> Sectie:
        sectie = Sectie(brief=self.brief, volgorde=self._volgende("secties"), kop=kop, tekst=tekst)
        self.rijen.secties.append(sectie)
        self.reactievolgorde = 0
        return sectie

    def _volgende(self, soort: str) -> int:
        teller = getattr(self, f"_teller_{soort}", 0) + 1
        setattr(self, f"_teller_{soort}", teller)
        return teller

    def _sectie(self, groep: _Groep, concept: bool) -> None:
        rng = self.rng
        if groep.laag is None:
            kop = rng.choice(["", "", "Reactie op de aanbevelingen", "Aanbevelingen aan het Rijk"])
            tekst = rng.choice(["", _p("Hieronder gaan wij in op de afzonderlijke aanbevelingen.")])
        else:
            kop = g.GROEPEN[groep.laag][1]
            tekst = _p(
                f"De adviseurs doen ook aanbevelingen aan {_MEERVOUD[groep.laag]}, onder meer "
                f"over {self.zinsdeel()}."
            )
        sectie = self._nieuwe_sectie(kop, tekst)
        for aanbevelingen, citeer in self._reactiegroepen(groep):
            if concept and rng.random() < 0.4:
                continue  # a draft: not every recommendation has its response yet
            self._reactie(sectie, aanbevelingen, citeer, concept)

    def _reactiegroepen(self, groep: _Groep) -> Iterable[tuple[list[_Aanbeveling], bool]]:
        """One response per recommendation, or per small group (a main advice with its parts,
        or a level's recommendations together)."""
        rng = self.rng
        if groep.laag is not None and len(groep.hoofdadviezen) > 1 and rng.random() < 0.6:
            yield [h for h, _ in groep.hoofdadviezen], False
            return
        for hoofd, subs in groep.hoofdadviezen:
            keuze = rng.random()
            if not subs:
                yield [hoofd], True
            elif keuze < 0.35:
                yield [hoofd, *subs], True
            elif keuze < 0.7:
                yield [hoofd], True
                yield subs, True
            else:
                yield [hoofd], True
                for sub in subs:
                    yield [sub], True

    # Responses.

    def _reactie(
        self, sectie: Sectie, aanbevelingen: list[_Aanbeveling], citeer: bool, concept: bool
    ) -> None:
        rng = self.rng
        gewichten = dict(STANDPUNTEN)
        if aanbevelingen[0].laag != "rijk":
            gewichten["kennisgenomen"] *= 2  # advice to others: the cabinet often notes it
        standpunt = _gewogen(rng, gewichten)
        if rng.random() < (0.3 if concept else 0.02):
            standpunt = ""
        self.reactievolgorde += 1
        koppelingen = self._koppelingen(standpunt)
        organisaties = self._organisaties()
        reactie = Reactie(
            sectie=sectie,
            volgorde=self.reactievolgorde,
            tekst=self._reactietekst(standpunt, aanbevelingen, koppelingen, organisaties),
            standpunt=standpunt,
            citeer_aanbevelingen=citeer,
        )
        self.rijen.reacties.append(reactie)
        self.rijen.reactie_aanbevelingen += [
            ReactieAanbeveling(reactie=reactie, aanbeveling=a.obj) for a in aanbevelingen
        ]
        self.rijen.reactie_organisaties += [
            ReactieOrganisatie(reactie=reactie, organisatie=o) for o in organisaties
        ]
        self.rijen.koppelingen += [
            Programmakoppeling(reactie=reactie, programma=p, onderdeel=o, soort=soort)
            for p, o, soort in koppelingen
        ]
        if rng.random() < TOEZEGGINGSKANS[standpunt]:
            self._toezeggingen(reactie, koppelingen, organisaties, concept)

    def _koppelingen(
        self, standpunt: str
    ) -> list[tuple[Programma, Programmaonderdeel | None, str]]:
        """0–3 programmes of the theme (one link each), sometimes naming a part."""
        rng = self.rng
        aantal = int(_gewogen(rng, {"0": 30, "1": 38, "2": 22, "3": 10}))
        kandidaten = [s for s in self.thema.programmas if s in self.ref.programmas]
        nieuw = 0.35 if standpunt in ("overgenomen", "in_onderzoek") else 0.1
        uit = []
        for slug in rng.sample(kandidaten, min(aantal, len(kandidaten))):
            onderdelen = self.ref.onderdelen[slug]
            onderdeel = rng.choice(onderdelen) if onderdelen and rng.random() < 0.4 else None
            soort = "nieuwe_toezegging" if rng.random() < nieuw else "bestaand_beleid"
            uit.append((self.ref.programmas[slug], onderdeel, soort))
        return uit

    def _organisaties(self) -> list[Organisatie]:
        aantal = int(_gewogen(self.rng, {"0": 60, "1": 30, "2": 10}))
        kandidaten = [s for s in self.thema.organisaties if s in self.ref.organisaties]
        gekozen = self.rng.sample(kandidaten, min(aantal, len(kandidaten)))
        return [self.ref.organisaties[s] for s in gekozen]

    def _reactietekst(
        self,
        standpunt: str,
        aanbevelingen: list[_Aanbeveling],
        koppelingen: list[tuple[Programma, Programmaonderdeel | None, str]],
        organisaties: list[Organisatie],
    ) -> str:
        rng = self.rng
        zinsdeel = aanbevelingen[0].zinsdeel
        laag = aanbevelingen[0].laag
        wie = self.wie(laag, rijk=False)
        doel = wie if laag == "rijk" else _MEERVOUD[laag]
        eerste = [rng.choice(g.OPENINGSZINNEN[standpunt]).format(np=zinsdeel, doel=doel)]
        for programma, onderdeel, _soort in koppelingen[:2]:
            zin = rng.choice(g.PROGRAMMAZINNEN).format(
                programma=_programma_in_tekst(programma, onderdeel), np=self.zinsdeel()
            )
            eerste.append(_hoofdletter(zin))
        tweede = [
            _hoofdletter(
                rng.choice(g.ORGANISATIEZINNEN).format(
                    organisatie=_organisatie_in_tekst(o), wie=wie
                )
            )
            for o in organisaties
        ]
        tweede.append(rng.choice(g.SLOTZINNEN[standpunt]).format(wie=wie))
        tekst = _p(*eerste)
        if rng.random() < 0.08:
            tekst = tekst[: -len("</p>")] + self._voetnootverwijzing() + "</p>"
        if rng.random() < 0.2:
            punten = [
                html.escape(p.format(np=self.zinsdeel(), wie=wie), quote=False)
                for p in rng.sample(g.OPSOMMINGSPUNTEN, rng.randint(2, 4))
            ]
            items = "".join(f"<li>{p};</li>" for p in punten[:-1]) + f"<li>{punten[-1]}.</li>"
            tekst += _p(rng.choice(g.OPSOMMINGSINLEIDINGEN)) + f"<ul>{items}</ul>"
        if any(tweede):
            tekst += _p(*tweede)
        return tekst

    def _voetnootverwijzing(self) -> str:
        """A new footnote of the letter, numbered in order of its call."""
        self.voetnoot += 1
        jaar = self.basisdatum.year - self.rng.randint(1, 3)  # a session before the letter
        tekst = self.rng.choice(g.VOETNOTEN).format(
            jaar=jaar,
            volgend=f"{(jaar + 1) % 100:02d}",
            dossier=self.rng.randint(29000, 36600),
            nummer=self.rng.randint(1, 1200),
            datum=_datum_nl(_dagen_na(self.rng, date(jaar, 9, 1), 0, 360)),  # in the session
        )
        if self.rng.random() < 0.1:
            tekst = ""  # still to be written
        self.rijen.voetnoten.append(Voetnoot(brief=self.brief, nummer=self.voetnoot, tekst=tekst))
        return f'<sup data-voetnoot="{self.voetnoot}">{self.voetnoot}</sup>'

    # Commitments.

    def _toezeggingen(
        self,
        reactie: Reactie,
        koppelingen: list[tuple[Programma, Programmaonderdeel | None, str]],
        organisaties: list[Organisatie],
        concept: bool,
    ) -> None:
        rng = self.rng
        for volgorde in range(1, (2 if rng.random() < 0.2 else 1) + 1):
            soort = _gewogen(rng, {"datum": 55, "jaar": 30, "geen": 15})
            deadline = _tussen(
                _dagen_na(rng, self.basisdatum, 120, 1400), EERSTE_DEADLINE, LAATSTE_DEADLINE
            )
            tekst = rng.choice(g.TOEZEGGINGEN).format(np=self.zinsdeel(), wie=self.wie(rijk=False))
            if soort == "jaar":
                tekst = tekst[:-1] + f", uiterlijk in {deadline.year}."
            organisatie = None
            if rng.random() < 0.45:
                organisatie = rng.choice(organisaties) if organisaties else self._organisatie()
            self.rijen.toezeggingen.append(
                Toezegging(
                    reactie=reactie,
                    volgorde=volgorde,
                    tekst=tekst,
                    ambtsdrager=rng.choice(self.ondertekenaars) if rng.random() < 0.85 else None,
                    organisatie=organisatie,
                    programma=(
                        rng.choice(koppelingen)[0] if koppelingen and rng.random() < 0.5 else None
                    ),
                    deadline_datum=deadline if soort == "datum" else None,
                    deadline_jaar=deadline.year if soort == "jaar" else None,
                    status=self._toezeggingstatus(soort, deadline, concept),
                )
            )

    def _organisatie(self) -> Organisatie | None:
        kandidaten = [s for s in self.thema.organisaties if s in self.ref.organisaties]
        return self.ref.organisaties[self.rng.choice(kandidaten)] if kandidaten else None

    def _toezeggingstatus(self, soort: str, deadline: date, concept: bool) -> str:
        """Past deadlines: about half met or lapsed, the rest overdue (open, in progress)."""
        if concept:
            return "open"
        if soort == "jaar":
            deadline = date(deadline.year, 12, 31)
        if soort == "geen":
            kansen = {"open": 35, "in_uitvoering": 40, "voldaan": 20, "vervallen": 5}
        elif deadline < PEILDATUM:
            kansen = {"voldaan": 45, "vervallen": 8, "in_uitvoering": 27, "open": 20}
        else:
            kansen = {"open": 50, "in_uitvoering": 42, "voldaan": 8}
        return _gewogen(self.rng, kansen)
