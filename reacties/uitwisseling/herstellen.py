"""Stage 3 for a full backup (``volledig: true``): replace the content of every domain table.

Restoring is not merging: the domain tables (every table of the apps ``advies``,
``programmas`` and ``reacties``) are emptied and filled with exactly what the backup holds,
with the same database ids, so that links (``/brieven/17/``), the ids inside the letters'
history snapshots and the history's own references stay valid. Users are not touched;
records that name a user are linked by username (``gebruikers``).

Every id is in the file, so no row has to be saved to learn its key: rows are plain
values, written a batch of reports at a time with PostgreSQL's COPY (elsewhere with one
multi-row INSERT per table), each value prepared by its model field as the ORM would and
rich text sanitised as ``RichTextField`` does. No model instance is built: that is where
an ORM restore of a large backup spends its time. The caller provides the transaction and
has checked the document.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from adviesmonitor.richtext import RichTextField, sanitize
from programmas.models import (
    Ambtsdrager,
    Medewerker,
    Ministerie,
    Organisatie,
    Programma,
    Programmaonderdeel,
)
from reacties.models import (
    Antwoordsjabloon,
    Briefprogramma,
    Briefversie,
    Goedkeuring,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Vastlegging,
    Voetnoot,
)
from reacties.uitwisseling.gebruikers import Gebruikers, gebruikersnamen
from reacties.uitwisseling.schrijven import als_tijdstip, goedkeuring, vastlegging

DOMEINAPPS = ("advies", "programmas", "reacties")
BLOK = 200  # reports per batch of writes
BATCH = 500  # rows per INSERT statement where there is no COPY


def domeinmodellen() -> list[type[models.Model]]:
    """Every table a backup holds: all models of the domain apps, m2m tables included."""
    return [
        model
        for label in DOMEINAPPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def _als_datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _deadline(waarde: str | int | None) -> dict[str, Any]:
    if isinstance(waarde, str):
        return {"deadline_datum": date.fromisoformat(waarde), "deadline_jaar": None}
    return {"deadline_datum": None, "deadline_jaar": None if waarde is None else int(waarde)}


class _Rijen:
    """Rows per model as {attname: value}, written in the order the models were first seen
    (parents before children, so the order holds even without deferred constraints)."""

    def __init__(self) -> None:
        self.per_model: dict[type[models.Model], list[dict[str, Any]]] = {}

    def voeg_toe(self, model: type[models.Model], **waarden: Any) -> None:
        self.per_model.setdefault(model, []).append(waarden)

    def opslaan(self) -> None:
        for model, rijen in self.per_model.items():
            if rijen:
                _schrijf_rijen(model, rijen)
                rijen.clear()


def _schrijf_rijen(model: type[models.Model], rijen: list[dict[str, Any]]) -> None:
    """Insert ``rijen`` (all with the same keys) into ``model``'s table.

    A field a row leaves out gets its default; an auto id left out is the database's.
    """
    velden = [
        veld
        for veld in model._meta.concrete_fields
        if not (veld.primary_key and veld.attname not in rijen[0])
    ]

    def waarde(veld: models.Field, rij: dict[str, Any]) -> Any:
        inhoud = rij[veld.attname] if veld.attname in rij else veld.get_default()
        if isinstance(veld, RichTextField):
            inhoud = sanitize(inhoud or "")
        return veld.get_db_prep_save(inhoud, connection)

    waarden = [tuple(waarde(veld, rij) for veld in velden) for rij in rijen]
    q = connection.ops.quote_name
    tabel = q(model._meta.db_table)
    kolommen = ", ".join(q(veld.column) for veld in velden)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
                for rij in waarden:
                    copy.write_row(rij)
            return
        plaatsen = "(" + ", ".join(["%s"] * len(velden)) + ")"
        per_keer = max(1, min(BATCH, connection.ops.bulk_batch_size(velden, waarden)))
        for begin in range(0, len(waarden), per_keer):
            blok = waarden[begin : begin + per_keer]
            cursor.execute(
                f"INSERT INTO {tabel} ({kolommen}) VALUES " + ", ".join([plaatsen] * len(blok)),
                [w for rij in blok for w in rij],
            )


class Hersteller:
    """Restores a checked backup. Must run inside a transaction."""

    def __init__(self, document: dict) -> None:
        self.doc = document
        self.gebruikers = Gebruikers(gebruikersnamen(document))
        self.rijen = _Rijen()
        self.ids: dict[str, dict[str, int]] = {}
        self.onderdelen: dict[tuple[str, str], int] = {}
        self.nieuwe_bestanden: list[str] = []  # logo files written: removed if it fails
        self.medewerkers_zonder_gebruiker = 0

    def herstel(self) -> None:
        wis_domeintabellen()
        self._referenties()
        self.rijen.opslaan()
        adviezen = self.doc["adviezen"]
        for begin in range(0, len(adviezen), BLOK):
            for item in adviezen[begin : begin + BLOK]:
                self._advies(item)
            self.rijen.opslaan()
        self._antwoordsjablonen()
        self._medewerkers()
        self.rijen.opslaan()
        _zet_reeksen_bij()

    def ruim_bestanden_op(self) -> None:
        """After a failed restore: remove the logo files it wrote (the rows are gone)."""
        opslag = Ministerie._meta.get_field("logo").storage
        for naam in self.nieuwe_bestanden:
            opslag.delete(naam)

    # Reference data.

    def _register(self, lijst: str, sleutel: str) -> dict[str, int]:
        register = {item[sleutel]: item["id"] for item in self.doc[lijst]}
        self.ids[lijst] = register
        return register

    def _ref(self, lijst: str, sleutel: str | None) -> int | None:
        return self.ids[lijst][sleutel] if sleutel is not None else None

    def _referenties(self) -> None:
        d, r = self.doc, self.rijen
        for lijst, sleutel in (
            ("bestuurslagen", "slug"),
            ("raden", "afkorting"),
            ("ministeries", "afkorting"),
            ("ambtsdragers", "sleutel"),
            ("organisaties", "sleutel"),
            ("programmas", "slug"),
        ):
            self._register(lijst, sleutel)
        for b in d["bestuurslagen"]:
            r.voeg_toe(
                Bestuurslaag, id=b["id"], slug=b["slug"], naam=b["naam"], volgorde=b["volgorde"]
            )
        for x in d["raden"]:
            r.voeg_toe(Raad, id=x["id"], afkorting=x["afkorting"], naam=x["naam"])
        for m in d["ministeries"]:
            velden = ("afkorting", "naam", "bezoekadres", "postadres", "website")
            r.voeg_toe(
                Ministerie, id=m["id"], logo=self._logo(m["logo"]), **{k: m[k] for k in velden}
            )
        for a in d["ambtsdragers"]:
            r.voeg_toe(
                Ambtsdrager,
                id=a["id"],
                sleutel=a["sleutel"],
                titel=a["titel"],
                naam=a["naam"],
                ministerie_id=self._ref("ministeries", a["ministerie"]),
                begin=_als_datum(a["begin"]),
                einde=_als_datum(a["einde"]),
            )
        for o in d["organisaties"]:
            velden = ("sleutel", "naam", "afkorting", "soort", "url")
            r.voeg_toe(Organisatie, id=o["id"], **{k: o[k] for k in velden})
        for p in d["programmas"]:
            r.voeg_toe(
                Programma,
                id=p["id"],
                slug=p["slug"],
                naam=p["naam"],
                soort=p["soort"],
                eigenaar_id=self._ref("ambtsdragers", p["eigenaar"]),
                uitvoerder_id=self._ref("organisaties", p["uitvoerder"]),
                beschrijving=p["beschrijving"],
                url=p["url"],
            )
            per_sleutel: dict[str, int] = {}
            for positie, o in enumerate(p["onderdelen"], start=1):
                r.voeg_toe(
                    Programmaonderdeel,
                    id=o["id"],
                    programma_id=p["id"],
                    sleutel=o["sleutel"],
                    naam=o["naam"],
                    volgorde=positie,
                    bovenliggend_id=per_sleutel.get(o["bovenliggend"] or ""),
                    beschrijving=o["beschrijving"],
                )
                per_sleutel[o["sleutel"]] = o["id"]
                self.onderdelen[(p["slug"], o["sleutel"])] = o["id"]

    def _logo(self, logo: dict | None) -> str:
        """The name the restored ministry's logo has: the backup's own name, unless a
        different file already has that name in storage (then the storage picks one)."""
        if logo is None:
            return ""
        naam, inhoud = logo["naam"], logo["inhoud"]
        if inhoud is None:
            return naam  # the file was already missing when the backup was made
        data = base64.b64decode(inhoud)
        opslag = Ministerie._meta.get_field("logo").storage
        if opslag.exists(naam):
            with opslag.open(naam, "rb") as bestand:
                if bestand.read() == data:
                    return naam
        nieuw = opslag.save(naam, ContentFile(data))
        self.nieuwe_bestanden.append(nieuw)
        return nieuw

    # Reports.

    def _advies(self, item: dict) -> None:
        r, aid = self.rijen, item["id"]
        r.voeg_toe(
            Advies,
            id=aid,
            slug=item["slug"],
            titel=item["titel"],
            ondertitel=item["ondertitel"],
            publicatiedatum=_als_datum(item["publicatiedatum"]),
            ontvangstdatum=_als_datum(item["ontvangstdatum"]),
            url=item["url"],
        )
        for afkorting in item["raden"]:
            r.voeg_toe(Advies.raden.through, advies_id=aid, raad_id=self.ids["raden"][afkorting])
        nummers: dict[str, int] = {}
        for positie, a in enumerate(item["aanbevelingen"], start=1):
            r.voeg_toe(
                Aanbeveling,
                id=a["id"],
                advies_id=aid,
                nummer=a["nummer"],
                volgorde=positie,
                bovenliggend_id=nummers.get(a["bovenliggend"] or ""),
                tekst=a["tekst"],
            )
            nummers[a["nummer"]] = a["id"]
            for slug in a["bestuurslagen"]:
                r.voeg_toe(
                    Aanbeveling.bestuurslagen.through,
                    aanbeveling_id=a["id"],
                    bestuurslaag_id=self.ids["bestuurslagen"][slug],
                )
        for brief in item["brieven"]:
            self._brief(aid, brief, nummers)

    def _onderdeel(self, verwijzing: dict) -> int | None:
        if verwijzing["onderdeel"] is None:
            return None
        return self.onderdelen[(verwijzing["programma"], verwijzing["onderdeel"])]

    def _brief(self, advies_id: int, item: dict, nummers: dict[str, int]) -> None:
        r, bid = self.rijen, item["id"]
        velden = ("titel", "onderwerp", "kenmerk", "uw_kenmerk", "bijlagen", "geadresseerde")
        r.voeg_toe(
            Reactiebrief,
            id=bid,
            advies_id=advies_id,
            versie=item["versie"],
            datum=_als_datum(item["datum"]),
            status=item["status"],
            review_ronde=item["review_ronde"],
            revisie=item["revisie"],
            # Written as it is: only a save() through the ORM would make it "now".
            gewijzigd=als_tijdstip(item["gewijzigd"]),
            opening=item["opening"],
            slot=item["slot"],
            **{veld: item[veld] for veld in velden},
        )
        for positie, sleutel in enumerate(item["ondertekenaars"], start=1):
            r.voeg_toe(
                Ondertekenaar,
                brief_id=bid,
                ambtsdrager_id=self.ids["ambtsdragers"][sleutel],
                volgorde=positie,
            )
        for positie, v in enumerate(item["programmas"], start=1):
            r.voeg_toe(
                Briefprogramma,
                id=v["id"],
                brief_id=bid,
                programma_id=self.ids["programmas"][v["programma"]],
                onderdeel_id=self._onderdeel(v),
                volgorde=positie,
            )
        for v in item["voetnoten"]:
            r.voeg_toe(Voetnoot, id=v["id"], brief_id=bid, nummer=v["nummer"], tekst=v["tekst"])
        for positie, s in enumerate(item["secties"], start=1):
            r.voeg_toe(
                Sectie,
                id=s["id"],
                brief_id=bid,
                volgorde=positie,
                kop=s["kop"],
                tekst=s["tekst"],
                revisie=s["revisie"],
            )
            for rpositie, reactie in enumerate(s["reacties"], start=1):
                self._reactie(s["id"], rpositie, reactie, nummers)
        for g in item["goedkeuringen"]:
            r.voeg_toe(
                Goedkeuring,
                id=g["id"],
                brief_id=bid,
                ministerie_id=self.ids["ministeries"][g["ministerie"]],
                **goedkeuring(g, self.gebruikers),
            )
        if item["vastlegging"] is not None:
            v = item["vastlegging"]
            r.voeg_toe(Vastlegging, id=v["id"], brief_id=bid, **vastlegging(v, self.gebruikers))
        for versie in item["geschiedenis"]:
            gebruiker_id, naam = self.gebruikers.koppel(versie["gebruiker"])
            r.voeg_toe(
                Briefversie,
                id=versie["id"],
                brief_id=bid,
                nummer=versie["nummer"],
                tijdstip=als_tijdstip(versie["tijdstip"]),
                gebruiker_id=gebruiker_id,
                gebruikersnaam=naam,
                soort=versie["soort"],
                omschrijving=versie["omschrijving"],
                object_type=versie["object_type"],
                object_id=versie["object_id"],
                inhoud=schone_momentopname(versie["inhoud"]),
            )

    def _reactie(self, sectie_id: int, positie: int, item: dict, nummers: dict[str, int]) -> None:
        r, rid = self.rijen, item["id"]
        r.voeg_toe(
            Reactie,
            id=rid,
            sectie_id=sectie_id,
            volgorde=positie,
            tekst=item["tekst"],
            standpunt=item["standpunt"],
            citeer_aanbevelingen=item["citeer_aanbevelingen"],
            revisie=item["revisie"],
        )
        for nummer in item["aanbevelingen"]:
            r.voeg_toe(
                Reactie.aanbevelingen.through, reactie_id=rid, aanbeveling_id=nummers[nummer]
            )
        for sleutel in item["organisaties"]:
            r.voeg_toe(
                Reactie.organisaties.through,
                reactie_id=rid,
                organisatie_id=self.ids["organisaties"][sleutel],
            )
        for k in item["programmas"]:
            r.voeg_toe(
                Programmakoppeling,
                id=k["id"],
                reactie_id=rid,
                programma_id=self.ids["programmas"][k["programma"]],
                onderdeel_id=self._onderdeel(k),
                soort=k["soort"],
            )
        for tpositie, t in enumerate(item["toezeggingen"], start=1):
            r.voeg_toe(
                Toezegging,
                id=t["id"],
                reactie_id=rid,
                volgorde=tpositie,
                tekst=t["tekst"],
                ambtsdrager_id=self._ref("ambtsdragers", t["ambtsdrager"]),
                organisatie_id=self._ref("organisaties", t["organisatie"]),
                programma_id=self._ref("programmas", t["programma"]),
                status=t["status"],
                revisie=t["revisie"],
                **_deadline(t["deadline"]),
            )

    # Templates and the users' ministries.

    def _antwoordsjablonen(self) -> None:
        for item in self.doc["antwoordsjablonen"]:
            gebruiker_id, naam = self.gebruikers.koppel(item["gemaakt_door"])
            self.rijen.voeg_toe(
                Antwoordsjabloon,
                id=item["id"],
                naam=item["naam"],
                tekst=item["tekst"],
                standpunt=item["standpunt"],
                gemaakt_door_id=gebruiker_id,
                gebruikersnaam=naam,
                gewijzigd=als_tijdstip(item["gewijzigd"]),
            )

    def _medewerkers(self) -> None:
        """A user's ministry belongs to the user: restored for users that exist here,
        skipped (and counted) for the others."""
        for item in self.doc["medewerkers"]:
            gebruiker_id, _ = self.gebruikers.koppel(item["gebruiker"])
            if gebruiker_id is None:
                self.medewerkers_zonder_gebruiker += 1
                continue
            self.rijen.voeg_toe(
                Medewerker,
                user_id=gebruiker_id,
                ministerie_id=self._ref("ministeries", item["ministerie"]),
            )


def schone_momentopname(inhoud: dict) -> dict:
    """A history snapshot with its rich texts sanitised, as everything stored is: a
    snapshot from a file is not trusted to hold only what the product wrote."""
    brief = inhoud["brief"]
    return {
        **inhoud,
        "brief": {**brief, "opening": sanitize(brief["opening"]), "slot": sanitize(brief["slot"])},
        "secties": [
            {
                **sectie,
                "tekst": sanitize(sectie["tekst"]),
                "reacties": [
                    {**reactie, "tekst": sanitize(reactie["tekst"])}
                    for reactie in sectie["reacties"]
                ],
            }
            for sectie in inhoud["secties"]
        ],
        "voetnoten": [{**v, "tekst": sanitize(v["tekst"])} for v in inhoud["voetnoten"]],
    }


def wis_domeintabellen() -> None:
    """Empty every domain table (users untouched), inside the caller's transaction.

    PostgreSQL truncates them in one statement (fast, and transactional there); it refuses
    when a table outside the domain points into it, which is then reported, not cascaded.
    """
    tabellen = [model._meta.db_table for model in domeinmodellen()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses while checks of earlier writes in this transaction wait for
            # the commit (the foreign keys are deferred): run those checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tabellen))
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            # The foreign keys are checked at commit, when every table is full again.
            for tabel in tabellen:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(tabel)}")


def _zet_reeksen_bij() -> None:
    """Rows came with their ids: move each table's id sequence past them (PostgreSQL;
    SQLite does this by itself)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), domeinmodellen()):
            cursor.execute(sql)
