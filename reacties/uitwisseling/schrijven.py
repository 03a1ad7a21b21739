"""Stage 3 of the import: write a checked exchange document (``volledig: false``). The
caller provides the transaction; a full backup is restored by ``herstellen`` instead."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models

from advies.models import Aanbeveling, Advies
from programmas.models import Programma, Programmaonderdeel
from reacties.geschiedenis import leg_vast
from reacties.models import (
    Antwoordsjabloon,
    Briefprogramma,
    Goedkeuring,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Vastlegging,
    Voetnoot,
    Wijzigingsoort,
)
from reacties.uitwisseling.gebruikers import Gebruikers, gebruikersnamen
from reacties.uitwisseling.referenties import SOORTEN, onderdeelverwijzingen, verwijzingen


def _als_datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def als_tijdstip(waarde: str) -> datetime:
    return datetime.fromisoformat(waarde)


def goedkeuring(item: dict, gebruikers: Gebruikers) -> dict[str, Any]:
    """A decision's fields (shared with the restore of a backup): all but letter and
    ministry."""
    gebruiker_id, naam = gebruikers.koppel(item["gebruiker"])
    return {
        "ronde": item["ronde"],
        "gebruiker_id": gebruiker_id,
        "gebruikersnaam": naam,
        "besluit": item["besluit"],
        "opmerking": item["opmerking"],
        "tijdstip": als_tijdstip(item["tijdstip"]),
    }


def vastlegging(item: dict, gebruikers: Gebruikers) -> dict[str, Any]:
    """A frozen PDF's fields but the letter (its SHA-256 was checked against the bytes)."""
    gebruiker_id, naam = gebruikers.koppel(item["gebruiker"])
    return {
        "pdf": base64.b64decode(item["pdf"]),
        "sha256": item["sha256"],
        "tijdstip": als_tijdstip(item["tijdstip"]),
        "gebruiker_id": gebruiker_id,
        "gebruikersnaam": naam,
    }


class Schrijver:
    """Writes a checked document. Must run inside a transaction."""

    def __init__(self, document: dict) -> None:
        self.doc = document
        self.verwezen = verwijzingen(document)
        self.register: dict[str, dict[str, Any]] = {}
        self.onderdelen: dict[tuple[str, str], Programmaonderdeel] = {}
        self.gebruikers = Gebruikers(gebruikersnamen(document))

    def schrijf(self) -> None:
        self._referenties("bestuurslagen", lambda b: {"naam": b["naam"], "volgorde": b["volgorde"]})
        self._referenties("raden", lambda r: {"naam": r["naam"]})
        self._referenties(
            "ministeries",
            # Only the fields of the format: a ministry's logo is kept as it is.
            lambda m: {k: m[k] for k in ("naam", "bezoekadres", "postadres", "website")},
        )
        self._referenties(
            "organisaties", lambda o: {k: o[k] for k in ("naam", "afkorting", "soort", "url")}
        )
        self._referenties(
            "ambtsdragers",
            lambda a: {
                "titel": a["titel"],
                "naam": a["naam"],
                "ministerie": self._ref("ministeries", a["ministerie"]),
                "begin": _als_datum(a["begin"]),
                "einde": _als_datum(a["einde"]),
            },
        )
        self._referenties(
            "programmas",
            lambda p: {
                "naam": p["naam"],
                "soort": p["soort"],
                "eigenaar": self._ref("ambtsdragers", p["eigenaar"]),
                "uitvoerder": self._ref("organisaties", p["uitvoerder"]),
                "beschrijving": p["beschrijving"],
                "url": p["url"],
            },
        )
        for item in self.doc["programmas"]:
            self._onderdelen(self.register["programmas"][item["slug"]], item["onderdelen"])
        self._onderdelen_uit_database()
        for item in self.doc["adviezen"]:
            self._advies(item)
        self._antwoordsjablonen()

    def _antwoordsjablonen(self) -> None:
        """Templates are matched on their name, like reference data, and never deleted."""
        for item in self.doc["antwoordsjablonen"]:
            gebruiker_id, naam = self.gebruikers.koppel(item["gemaakt_door"])
            Antwoordsjabloon.objects.update_or_create(
                naam=item["naam"],
                defaults={
                    "tekst": item["tekst"],
                    "standpunt": item["standpunt"],
                    "gemaakt_door_id": gebruiker_id,
                    "gebruikersnaam": naam,
                },
            )

    # Reference data: upsert by natural key, then load what the file only points to.

    def _referenties(self, lijst: str, waarden: Callable[[dict], dict]) -> None:
        soort = SOORTEN[lijst]
        register: dict[str, Any] = {}
        self.register[lijst] = register
        for item in self.doc[lijst]:
            obj, _ = soort.model.objects.update_or_create(
                **{soort.sleutel: item[soort.sleutel]}, defaults=waarden(item)
            )
            register[item[soort.sleutel]] = obj
        ontbrekend = {sleutel for _, sleutel in self.verwezen.get(lijst, [])} - set(register)
        if ontbrekend:
            register.update(soort.model.objects.in_bulk(ontbrekend, field_name=soort.sleutel))

    def _ref(self, lijst: str, sleutel: str | None) -> Any:
        return self.register[lijst][sleutel] if sleutel is not None else None

    def _onderdeel(self, verwijzing: dict) -> Programmaonderdeel | None:
        """The part a programme reference names (a letter's or a response's), if any."""
        if verwijzing["onderdeel"] is None:
            return None
        return self.onderdelen[(verwijzing["programma"], verwijzing["onderdeel"])]

    def _onderdelen(self, programma: Programma, items: list[dict]) -> None:
        """Upsert the parts in file order; parts only in the database keep their order after them.

        Parts are not deleted: responses of reports outside this file may still link to them.
        """
        bestaand = {o.sleutel: o for o in programma.onderdelen.all()}
        if bestaand:
            # (programma, volgorde) is unique: first move every part past all new positions.
            opzij = max(o.volgorde for o in bestaand.values()) + len(items) + len(bestaand) + 1
            programma.onderdelen.update(volgorde=models.F("volgorde") + opzij)
        per_sleutel: dict[str, Programmaonderdeel] = {}
        for positie, item in enumerate(items, start=1):
            onderdeel = bestaand.pop(item["sleutel"], None) or Programmaonderdeel(
                programma=programma, sleutel=item["sleutel"]
            )
            onderdeel.naam = item["naam"]
            onderdeel.volgorde = positie
            onderdeel.bovenliggend = per_sleutel.get(item["bovenliggend"] or "")
            onderdeel.beschrijving = item["beschrijving"]
            onderdeel.save()
            per_sleutel[item["sleutel"]] = onderdeel
            self.onderdelen[(programma.slug, item["sleutel"])] = onderdeel
        rest = sorted(bestaand.values(), key=lambda o: o.volgorde)
        for positie, onderdeel in enumerate(rest, start=len(items) + 1):
            onderdeel.volgorde = positie
            onderdeel.save(update_fields=["volgorde"])

    def _onderdelen_uit_database(self) -> None:
        ontbrekend = {paar for _, paar in onderdeelverwijzingen(self.doc)} - set(self.onderdelen)
        if not ontbrekend:
            return
        kandidaten = Programmaonderdeel.objects.select_related("programma").filter(
            programma__slug__in={p for p, _ in ontbrekend}, sleutel__in={o for _, o in ontbrekend}
        )
        for onderdeel in kandidaten:
            paar = (onderdeel.programma.slug, onderdeel.sleutel)
            if paar in ontbrekend:
                self.onderdelen[paar] = onderdeel

    # Reports: upsert the report, replace everything in it.

    def _advies(self, item: dict) -> None:
        advies, _ = Advies.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "titel": item["titel"],
                "ondertitel": item["ondertitel"],
                "publicatiedatum": _als_datum(item["publicatiedatum"]),
                "ontvangstdatum": _als_datum(item["ontvangstdatum"]),
                "url": item["url"],
            },
        )
        advies.raden.set([self.register["raden"][r] for r in item["raden"]])
        # Letters first: their responses point at the recommendations.
        advies.brieven.all().delete()
        advies.aanbevelingen.all().delete()
        aanbevelingen = self._aanbevelingen(advies, item["aanbevelingen"])
        rijen = _Koppelrijen()
        brieven = [self._brief(advies, brief, aanbevelingen, rijen) for brief in item["brieven"]]
        rijen.opslaan()
        # Each letter starts its history with the content as imported (it replaced any
        # earlier letters of the report, and their history with them).
        for brief in brieven:
            leg_vast(
                brief, gebruiker=None, soort=Wijzigingsoort.IMPORT, omschrijving="Geïmporteerd"
            )

    def _aanbevelingen(self, advies: Advies, items: list[dict]) -> dict[str, Aanbeveling]:
        per_nummer: dict[str, Aanbeveling] = {}
        lagen = []
        Laag = Aanbeveling.bestuurslagen.through
        for positie, item in enumerate(items, start=1):
            aanbeveling = Aanbeveling.objects.create(
                advies=advies,
                nummer=item["nummer"],
                volgorde=positie,
                # Checked: the parent is an earlier item, so it has been created already.
                bovenliggend=per_nummer.get(item["bovenliggend"] or ""),
                tekst=item["tekst"],
            )
            per_nummer[item["nummer"]] = aanbeveling
            lagen += [
                Laag(aanbeveling=aanbeveling, bestuurslaag=self.register["bestuurslagen"][slug])
                for slug in item["bestuurslagen"]
            ]
        Laag.objects.bulk_create(lagen)
        return per_nummer

    def _brief(
        self,
        advies: Advies,
        item: dict,
        aanbevelingen: dict[str, Aanbeveling],
        rijen: _Koppelrijen,
    ) -> Reactiebrief:
        velden = ("titel", "onderwerp", "kenmerk", "uw_kenmerk", "bijlagen", "geadresseerde")
        brief = Reactiebrief.objects.create(
            advies=advies,
            versie=int(item["versie"]),
            datum=_als_datum(item["datum"]),
            status=item["status"],
            review_ronde=item["review_ronde"],
            opening=item["opening"],
            slot=item["slot"],
            **{veld: item[veld] for veld in velden},
        )
        Ondertekenaar.objects.bulk_create(
            Ondertekenaar(brief=brief, ambtsdrager=self._ref("ambtsdragers", s), volgorde=positie)
            for positie, s in enumerate(item["ondertekenaars"], start=1)
        )
        Briefprogramma.objects.bulk_create(
            Briefprogramma(
                brief=brief,
                programma=self._ref("programmas", v["programma"]),
                onderdeel=self._onderdeel(v),
                volgorde=positie,
            )
            for positie, v in enumerate(item["programmas"], start=1)
        )
        Voetnoot.objects.bulk_create(
            Voetnoot(brief=brief, nummer=int(v["nummer"]), tekst=v["tekst"])
            for v in item["voetnoten"]
        )
        Goedkeuring.objects.bulk_create(
            Goedkeuring(
                brief=brief,
                ministerie=self._ref("ministeries", g["ministerie"]),
                **goedkeuring(g, self.gebruikers),
            )
            for g in item["goedkeuringen"]
        )
        if item["vastlegging"] is not None:
            Vastlegging.objects.create(
                brief=brief, **vastlegging(item["vastlegging"], self.gebruikers)
            )
        for positie, sectie_item in enumerate(item["secties"], start=1):
            sectie = Sectie.objects.create(
                brief=brief, volgorde=positie, kop=sectie_item["kop"], tekst=sectie_item["tekst"]
            )
            for rpositie, reactie_item in enumerate(sectie_item["reacties"], start=1):
                self._reactie(sectie, rpositie, reactie_item, aanbevelingen, rijen)
        return brief

    def _reactie(
        self,
        sectie: Sectie,
        positie: int,
        item: dict,
        aanbevelingen: dict[str, Aanbeveling],
        rijen: _Koppelrijen,
    ) -> None:
        reactie = Reactie.objects.create(
            sectie=sectie,
            volgorde=positie,
            tekst=item["tekst"],
            standpunt=item["standpunt"],
            citeer_aanbevelingen=item["citeer_aanbevelingen"],
        )
        rijen.aanbevelingen += [
            Reactie.aanbevelingen.through(reactie=reactie, aanbeveling=aanbevelingen[n])
            for n in item["aanbevelingen"]
        ]
        rijen.organisaties += [
            Reactie.organisaties.through(reactie=reactie, organisatie=self._ref("organisaties", s))
            for s in item["organisaties"]
        ]
        rijen.koppelingen += [
            Programmakoppeling(
                reactie=reactie,
                programma=self._ref("programmas", k["programma"]),
                onderdeel=self._onderdeel(k),
                soort=k["soort"],
            )
            for k in item["programmas"]
        ]
        rijen.toezeggingen += [
            self._toezegging(reactie, tpositie, t)
            for tpositie, t in enumerate(item["toezeggingen"], start=1)
        ]

    def _toezegging(self, reactie: Reactie, positie: int, item: dict) -> Toezegging:
        deadline = item["deadline"]
        return Toezegging(
            reactie=reactie,
            volgorde=positie,
            tekst=item["tekst"],
            ambtsdrager=self._ref("ambtsdragers", item["ambtsdrager"]),
            organisatie=self._ref("organisaties", item["organisatie"]),
            programma=self._ref("programmas", item["programma"]),
            deadline_datum=_als_datum(deadline) if isinstance(deadline, str) else None,
            deadline_jaar=int(deadline) if isinstance(deadline, int | float) else None,
            status=item["status"],
        )


@dataclass
class _Koppelrijen:
    """Rows of one report that are saved together with bulk_create, not one query each."""

    aanbevelingen: list[models.Model] = field(default_factory=list)
    organisaties: list[models.Model] = field(default_factory=list)
    koppelingen: list[Programmakoppeling] = field(default_factory=list)
    toezeggingen: list[Toezegging] = field(default_factory=list)

    def opslaan(self) -> None:
        Reactie.aanbevelingen.through.objects.bulk_create(self.aanbevelingen)
        Reactie.organisaties.through.objects.bulk_create(self.organisaties)
        Programmakoppeling.objects.bulk_create(self.koppelingen)
        Toezegging.objects.bulk_create(self.toezeggingen)
