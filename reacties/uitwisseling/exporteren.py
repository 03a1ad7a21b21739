"""Reads: build an exchange document (docs/uitwisselformaat.md) from the database.

Everything is fetched with a fixed set of prefetch queries, so the number of queries does
not grow with the number of reports. All sorting happens in Python on the natural keys:
database collations differ (SQLite vs PostgreSQL), and the export must be byte-identical
whichever database it comes from.

A full backup (``volledig=True``, ``exporteer --alle``) adds what only a restore needs:
database ids, lock counters, the letters' history, ministries' logos and the users'
ministries. ``schrijf_document`` writes it report batch by report batch, so a backup of a
large database takes constant memory and gives the same bytes as ``dump()``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TextIO

from django.db import connection, transaction
from django.db.models import Model, Prefetch, QuerySet

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
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

FORMAAT = "adviesmonitor-uitwisseling"
VERSIE = 2
BLOK = 250  # reports per batch when a backup is written in pieces


@dataclass
class _Gebruik:
    """The reference records that the exported reports point to, collected on the way,
    and whether the backup-only keys are written (``volledig``)."""

    volledig: bool = False
    bestuurslagen: dict[int, Bestuurslaag] = field(default_factory=dict)
    raden: dict[int, Raad] = field(default_factory=dict)
    ambtsdrager_ids: set[int] = field(default_factory=set)
    organisatie_ids: set[int] = field(default_factory=set)
    programma_ids: set[int] = field(default_factory=set)
    ministeries: dict[int, Ministerie] = field(default_factory=dict)

    def met_id(self, obj: Model, record: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """``record`` with the backup-only keys in front: the id, then ``extra``."""
        if not self.volledig:
            return record
        return {"id": obj.pk, **extra, **record}


def exporteer_document(
    adviezen: QuerySet[Advies] | None = None, alle: bool = False, volledig: bool = False
) -> dict:
    """The exchange document for ``adviezen`` (every report when None).

    With ``alle`` the reference lists hold every record in the database, used or not, and
    every answer template; otherwise only what the exported reports use, plus what that
    data points to. ``volledig`` makes a full backup: every report, everything ``alle``
    holds, and the backup-only keys (it implies ``alle`` and ignores ``adviezen``).
    """
    if volledig or adviezen is None:
        adviezen = Advies.objects.all()
    return _document(_rapporten(adviezen, volledig), alle or volledig, volledig)


def _document(rapporten: list[Advies], alle: bool, volledig: bool) -> dict:
    g = _Gebruik(volledig=volledig)
    adviezen_data = [_advies(advies, g) for advies in rapporten]

    programmas = _programmas(None if alle else g.programma_ids)
    for programma in programmas:
        if programma.eigenaar_id:
            g.ambtsdrager_ids.add(programma.eigenaar_id)
        if programma.uitvoerder_id:
            g.organisatie_ids.add(programma.uitvoerder_id)
    ambtsdragers = _ambtsdragers(None if alle else g.ambtsdrager_ids)
    if alle:
        ministeries: Iterable[Ministerie] = Ministerie.objects.all()
        bestuurslagen: Iterable[Bestuurslaag] = Bestuurslaag.objects.all()
        raden: Iterable[Raad] = Raad.objects.all()
        organisaties: Iterable[Organisatie] = Organisatie.objects.all()
    else:
        # The ministries come along with their office holders and the decisions on the
        # letters (select_related): no query.
        ministeries = {**g.ministeries, **{a.ministerie_id: a.ministerie for a in ambtsdragers}}
        ministeries = ministeries.values()
        bestuurslagen = g.bestuurslagen.values()
        raden = g.raden.values()
        organisaties = Organisatie.objects.filter(id__in=g.organisatie_ids)

    document = {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "volledig": volledig,
        "bestuurslagen": [
            _bestuurslaag(b, g) for b in sorted(bestuurslagen, key=lambda b: (b.volgorde, b.slug))
        ],
        "raden": [_raad(r, g) for r in sorted(raden, key=lambda r: r.afkorting)],
        "ministeries": [_ministerie(m, g) for m in sorted(ministeries, key=lambda m: m.afkorting)],
        "ambtsdragers": [_ambtsdrager(a, g) for a in sorted(ambtsdragers, key=lambda a: a.sleutel)],
        "organisaties": [_organisatie(o, g) for o in sorted(organisaties, key=lambda o: o.sleutel)],
        "programmas": [_programma(p, g) for p in sorted(programmas, key=lambda p: p.slug)],
        "adviezen": adviezen_data,
        "antwoordsjablonen": _antwoordsjablonen(g) if alle else [],
    }
    if volledig:
        document["medewerkers"] = _medewerkers()
    return document


def dump(document: dict) -> str:
    """The document as text: UTF-8 characters kept, indent 2, trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def schrijf_document(
    uit: TextIO,
    adviezen: QuerySet[Advies] | None = None,
    alle: bool = False,
    volledig: bool = False,
) -> None:
    """Write the document to ``uit``: the same text as ``dump(exporteer_document(...))``.

    For every report with ``alle`` or ``volledig`` the reference lists do not depend on the
    reports, so the reports are read and written ``BLOK`` at a time and memory stays flat
    however many there are. A named export needs its reports first (they decide which
    reference data it carries) and is built whole; it is small.
    """
    if not volledig and (adviezen is not None or not alle):
        uit.write(dump(exporteer_document(adviezen, alle=alle)))
        return
    # Everything but the reports: a document of no report with all reference data.
    kop = _document([], alle=True, volledig=volledig)
    gebruik = _Gebruik(volledig=volledig)
    uit.write("{\n")
    for positie, (sleutel, waarde) in enumerate(kop.items()):
        uit.write(f"  {json.dumps(sleutel)}: ")
        if sleutel == "adviezen":
            _schrijf_lijst(uit, (_advies(a, gebruik) for a in _in_blokken(volledig)))
        else:
            uit.write(_ingesprongen(waarde, 1))
        uit.write(",\n" if positie < len(kop) - 1 else "\n")
    uit.write("}\n")


@contextmanager
def consistente_lezing() -> Iterator[None]:
    """A transaction in which every query sees the same state of the database, so that a
    backup written in many batches while others keep working is still one whole.

    PostgreSQL: a read-only repeatable-read transaction (a snapshot). SQLite: a transaction
    holds its read lock until it ends. Inside an existing transaction (tests) it can only
    join that one.
    """
    nieuw = not connection.in_atomic_block
    with transaction.atomic():
        if nieuw and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _ingesprongen(waarde: Any, diepte: int) -> str:
    """``waarde`` as ``json.dumps(indent=2)`` writes it ``diepte`` levels deep. Strings in
    JSON never hold a raw line break, so every line break is one of the layout's."""
    tekst = json.dumps(waarde, ensure_ascii=False, indent=2)
    return tekst.replace("\n", "\n" + "  " * diepte)


def _schrijf_lijst(uit: TextIO, items: Iterator[Any]) -> None:
    """A list one level deep, item by item, laid out as ``json.dumps(indent=2)`` does."""
    eerste = True
    for item in items:
        uit.write("[\n    " if eerste else ",\n    ")
        uit.write(_ingesprongen(item, 2))
        eerste = False
    uit.write("[]" if eerste else "\n  ]")


def _in_blokken(volledig: bool) -> Iterator[Advies]:
    """Every report with its content, in slug order, read ``BLOK`` reports at a time."""
    # Sorted in Python, like everything else: the export must not depend on a collation.
    paren = sorted((slug, pk) for pk, slug in Advies.objects.values_list("pk", "slug"))
    ids = [pk for _, pk in paren]
    for begin in range(0, len(ids), BLOK):
        blok = ids[begin : begin + BLOK]
        yield from _rapporten(Advies.objects.filter(pk__in=blok), volledig)


def _rapporten(adviezen: QuerySet[Advies], volledig: bool) -> list[Advies]:
    return sorted(_met_inhoud(adviezen, volledig), key=lambda a: a.slug)


# --- queries -------------------------------------------------------------------------------
# Explicit order_by() everywhere: the models' default orderings join other tables
# (e.g. Reactiebrief orders by advies__titel), which the export does not need.
# Every prefetch goes to a plain list attribute (``to_attr``, named ``uit_…``): a related
# manager would build a QuerySet per object, which is most of the time of a large export.


def _naar(naam: str, queryset: QuerySet) -> Prefetch:
    return Prefetch(naam, queryset=queryset, to_attr=f"uit_{naam}")


def _met_inhoud(adviezen: QuerySet[Advies], volledig: bool = False) -> QuerySet[Advies]:
    reacties = Reactie.objects.order_by("volgorde").prefetch_related(
        _naar("aanbevelingen", Aanbeveling.objects.order_by()),
        _naar("organisaties", Organisatie.objects.order_by()),
        _naar(
            "koppelingen",
            Programmakoppeling.objects.order_by().select_related("programma", "onderdeel"),
        ),
        _naar(
            "toezeggingen",
            Toezegging.objects.order_by("volgorde").select_related(
                "ambtsdrager", "organisatie", "programma"
            ),
        ),
    )
    werkstroom = [
        _naar(
            "goedkeuringen",
            Goedkeuring.objects.order_by().select_related("ministerie", "gebruiker"),
        ),
        # A one-to-one: with to_attr Django would look each one up again.
        Prefetch("vastlegging", queryset=Vastlegging.objects.select_related("gebruiker")),
    ]
    if volledig:
        werkstroom.append(
            _naar(
                "geschiedenis", Briefversie.objects.order_by("nummer").select_related("gebruiker")
            )
        )
    brieven = Reactiebrief.objects.order_by("versie").prefetch_related(
        *werkstroom,
        _naar(
            "ondertekening",
            Ondertekenaar.objects.order_by("volgorde").select_related("ambtsdrager"),
        ),
        _naar(
            "programmaverwijzingen",
            Briefprogramma.objects.order_by("volgorde").select_related("programma", "onderdeel"),
        ),
        _naar("voetnoten", Voetnoot.objects.order_by("nummer")),
        _naar(
            "secties",
            Sectie.objects.order_by("volgorde").prefetch_related(_naar("reacties", reacties)),
        ),
    )
    aanbevelingen = Aanbeveling.objects.order_by("volgorde").prefetch_related(
        _naar("bestuurslagen", Bestuurslaag.objects.order_by())
    )
    return adviezen.order_by().prefetch_related(
        _naar("raden", Raad.objects.order_by()),
        _naar("aanbevelingen", aanbevelingen),
        _naar("brieven", brieven),
    )


def _programmas(ids: set[int] | None) -> list[Programma]:
    """Programmes (all of them when ``ids`` is None) with owner, executor and parts."""
    qs = Programma.objects.order_by().select_related("eigenaar", "uitvoerder")
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return list(
        qs.prefetch_related(_naar("onderdelen", Programmaonderdeel.objects.order_by("volgorde")))
    )


def _ambtsdragers(ids: set[int] | None) -> list[Ambtsdrager]:
    qs = Ambtsdrager.objects.order_by().select_related("ministerie")
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return list(qs)


# --- records -------------------------------------------------------------------------------


def _datum(waarde: date | None) -> str | None:
    return waarde.isoformat() if waarde else None


def tijdstip(waarde: datetime) -> str:
    """A moment in UTC, e.g. ``2026-11-29T13:45:07.123456+00:00``: the same text whatever
    the database or the server's time zone."""
    return waarde.astimezone(UTC).isoformat()


def _base64(inhoud: bytes | memoryview) -> str:
    return base64.b64encode(bytes(inhoud)).decode("ascii")


def _bestuurslaag(laag: Bestuurslaag, g: _Gebruik) -> dict[str, Any]:
    return g.met_id(laag, {"slug": laag.slug, "naam": laag.naam, "volgorde": laag.volgorde})


def _raad(raad: Raad, g: _Gebruik) -> dict[str, Any]:
    return g.met_id(raad, {"afkorting": raad.afkorting, "naam": raad.naam})


def _ministerie(ministerie: Ministerie, g: _Gebruik) -> dict[str, Any]:
    record = {
        "afkorting": ministerie.afkorting,
        "naam": ministerie.naam,
        "bezoekadres": ministerie.bezoekadres,
        "postadres": ministerie.postadres,
        "website": ministerie.website,
    }
    if g.volledig:
        record["logo"] = _logo(ministerie)
    return g.met_id(ministerie, record)


def _logo(ministerie: Ministerie) -> dict[str, Any] | None:
    """The logo file's name and content; content null when the file is gone from storage
    (the backup then keeps what the database holds: the name)."""
    if not ministerie.logo:
        return None
    try:
        with ministerie.logo.open("rb") as bestand:
            inhoud: str | None = _base64(bestand.read())
    except FileNotFoundError:
        inhoud = None
    return {"naam": ministerie.logo.name, "inhoud": inhoud}


def _ambtsdrager(ambtsdrager: Ambtsdrager, g: _Gebruik) -> dict[str, Any]:
    return g.met_id(
        ambtsdrager,
        {
            "sleutel": ambtsdrager.sleutel,
            "titel": ambtsdrager.titel,
            "naam": ambtsdrager.naam,
            "ministerie": ambtsdrager.ministerie.afkorting,
            "begin": _datum(ambtsdrager.begin),
            "einde": _datum(ambtsdrager.einde),
        },
    )


def _organisatie(organisatie: Organisatie, g: _Gebruik) -> dict[str, Any]:
    return g.met_id(
        organisatie,
        {
            "sleutel": organisatie.sleutel,
            "naam": organisatie.naam,
            "afkorting": organisatie.afkorting,
            "soort": organisatie.soort,
            "url": organisatie.url,
        },
    )


def _programma(programma: Programma, g: _Gebruik) -> dict[str, Any]:
    onderdelen = programma.uit_onderdelen
    sleutels = {o.id: o.sleutel for o in onderdelen}
    return g.met_id(
        programma,
        {
            "slug": programma.slug,
            "naam": programma.naam,
            "soort": programma.soort,
            "eigenaar": programma.eigenaar.sleutel if programma.eigenaar else None,
            "uitvoerder": programma.uitvoerder.sleutel if programma.uitvoerder else None,
            "beschrijving": programma.beschrijving,
            "url": programma.url,
            "onderdelen": [
                g.met_id(
                    o,
                    {
                        "sleutel": o.sleutel,
                        "naam": o.naam,
                        "bovenliggend": sleutels.get(o.bovenliggend_id)
                        if o.bovenliggend_id
                        else None,
                        "beschrijving": o.beschrijving,
                    },
                )
                for o in onderdelen
            ],
        },
    )


def _advies(advies: Advies, g: _Gebruik) -> dict[str, Any]:
    raden = sorted(advies.uit_raden, key=lambda r: r.afkorting)
    g.raden.update((r.id, r) for r in raden)
    aanbevelingen = advies.uit_aanbevelingen
    # A parent is one of the report's own recommendations: look it up, don't query it.
    nummers = {a.id: a.nummer for a in aanbevelingen}
    return g.met_id(
        advies,
        {
            "slug": advies.slug,
            "titel": advies.titel,
            "ondertitel": advies.ondertitel,
            "raden": [r.afkorting for r in raden],
            "publicatiedatum": _datum(advies.publicatiedatum),
            "ontvangstdatum": _datum(advies.ontvangstdatum),
            "url": advies.url,
            "aanbevelingen": [_aanbeveling(a, nummers, g) for a in aanbevelingen],
            "brieven": [_brief(b, g) for b in advies.uit_brieven],
        },
    )


def _aanbeveling(aanbeveling: Aanbeveling, nummers: dict[int, str], g: _Gebruik) -> dict[str, Any]:
    bovenliggend = nummers.get(aanbeveling.bovenliggend_id) if aanbeveling.bovenliggend_id else None
    lagen = sorted(aanbeveling.uit_bestuurslagen, key=lambda b: (b.volgorde, b.slug))
    g.bestuurslagen.update((b.id, b) for b in lagen)
    return g.met_id(
        aanbeveling,
        {
            "nummer": aanbeveling.nummer,
            "bovenliggend": bovenliggend,
            "tekst": aanbeveling.tekst,
            "bestuurslagen": [b.slug for b in lagen],
        },
    )


def _brief(brief: Reactiebrief, g: _Gebruik) -> dict[str, Any]:
    ondertekening = brief.uit_ondertekening
    g.ambtsdrager_ids.update(o.ambtsdrager_id for o in ondertekening)
    verwijzingen = brief.uit_programmaverwijzingen
    for verwijzing in verwijzingen:
        g.programma_ids.add(verwijzing.programma_id)
        if verwijzing.onderdeel:
            g.programma_ids.add(verwijzing.onderdeel.programma_id)
    record: dict[str, Any] = {
        "versie": brief.versie,
        "titel": brief.titel,
        "onderwerp": brief.onderwerp,
        "datum": _datum(brief.datum),
        "kenmerk": brief.kenmerk,
        "uw_kenmerk": brief.uw_kenmerk,
        "bijlagen": brief.bijlagen,
        "geadresseerde": brief.geadresseerde,
        "status": brief.status,
        "review_ronde": brief.review_ronde,
    }
    if g.volledig:
        record["revisie"] = brief.revisie
        record["gewijzigd"] = tijdstip(brief.gewijzigd)
    record |= {
        "opening": brief.opening,
        "slot": brief.slot,
        "ondertekenaars": [o.ambtsdrager.sleutel for o in ondertekening],
        "programmas": [
            g.met_id(
                v,
                {
                    "programma": v.programma.slug,
                    "onderdeel": v.onderdeel.sleutel if v.onderdeel else None,
                },
            )
            for v in verwijzingen
        ],
        "voetnoten": [
            g.met_id(v, {"nummer": v.nummer, "tekst": v.tekst}) for v in brief.uit_voetnoten
        ],
        "secties": [
            g.met_id(
                sectie,
                {
                    "kop": sectie.kop,
                    "tekst": sectie.tekst,
                    "reacties": [_reactie(r, g) for r in sectie.uit_reacties],
                },
                revisie=sectie.revisie,
            )
            for sectie in brief.uit_secties
        ],
        "goedkeuringen": [
            _goedkeuring(b, g)
            for b in sorted(
                brief.uit_goedkeuringen, key=lambda b: (b.ronde, b.ministerie.afkorting)
            )
        ],
        "vastlegging": _vastlegging(brief, g),
    }
    if g.volledig:
        record["geschiedenis"] = [_briefversie(v) for v in brief.uit_geschiedenis]
    return g.met_id(brief, record)


def _goedkeuring(goedkeuring: Goedkeuring, g: _Gebruik) -> dict[str, Any]:
    g.ministeries[goedkeuring.ministerie_id] = goedkeuring.ministerie
    return g.met_id(
        goedkeuring,
        {
            "ronde": goedkeuring.ronde,
            "ministerie": goedkeuring.ministerie.afkorting,
            "gebruiker": goedkeuring.gebruikersnaam_voor_export,
            "besluit": goedkeuring.besluit,
            "opmerking": goedkeuring.opmerking,
            "tijdstip": tijdstip(goedkeuring.tijdstip),
        },
    )


def _vastlegging(brief: Reactiebrief, g: _Gebruik) -> dict[str, Any] | None:
    try:
        vastlegging = brief.vastlegging
    except Vastlegging.DoesNotExist:
        return None
    return g.met_id(
        vastlegging,
        {
            "sha256": vastlegging.sha256,
            "tijdstip": tijdstip(vastlegging.tijdstip),
            "gebruiker": vastlegging.gebruikersnaam_voor_export,
            "pdf": _base64(vastlegging.pdf),
        },
    )


def _briefversie(versie: Briefversie) -> dict[str, Any]:
    return {
        "id": versie.pk,
        "nummer": versie.nummer,
        "tijdstip": tijdstip(versie.tijdstip),
        "gebruiker": versie.gebruikersnaam_voor_export,
        "soort": versie.soort,
        "omschrijving": versie.omschrijving,
        "object_type": versie.object_type,
        "object_id": versie.object_id,
        "inhoud": versie.inhoud,
    }


def _reactie(reactie: Reactie, g: _Gebruik) -> dict[str, Any]:
    organisaties = sorted(reactie.uit_organisaties, key=lambda o: o.sleutel)
    g.organisatie_ids.update(o.id for o in organisaties)
    # The whole programme (no part) sorts before its parts; parts follow their own order.
    koppelingen = sorted(
        reactie.uit_koppelingen,
        key=lambda k: (
            k.programma.slug,
            k.onderdeel is not None,
            k.onderdeel.volgorde if k.onderdeel else 0,
        ),
    )
    g.programma_ids.update(k.programma_id for k in koppelingen)
    return g.met_id(
        reactie,
        {
            "aanbevelingen": [
                a.nummer for a in sorted(reactie.uit_aanbevelingen, key=lambda a: a.volgorde)
            ],
            "standpunt": reactie.standpunt,
            "citeer_aanbevelingen": reactie.citeer_aanbevelingen,
            "tekst": reactie.tekst,
            "organisaties": [o.sleutel for o in organisaties],
            "programmas": [
                g.met_id(
                    k,
                    {
                        "programma": k.programma.slug,
                        "onderdeel": k.onderdeel.sleutel if k.onderdeel else None,
                        "soort": k.soort,
                    },
                )
                for k in koppelingen
            ],
            "toezeggingen": [_toezegging(t, g) for t in reactie.uit_toezeggingen],
        },
        revisie=reactie.revisie,
    )


def _toezegging(toezegging: Toezegging, g: _Gebruik) -> dict[str, Any]:
    if toezegging.ambtsdrager_id:
        g.ambtsdrager_ids.add(toezegging.ambtsdrager_id)
    if toezegging.organisatie_id:
        g.organisatie_ids.add(toezegging.organisatie_id)
    if toezegging.programma_id:
        g.programma_ids.add(toezegging.programma_id)
    deadline: str | int | None = None
    if toezegging.deadline_datum:
        deadline = toezegging.deadline_datum.isoformat()
    elif toezegging.deadline_jaar is not None:
        deadline = toezegging.deadline_jaar
    return g.met_id(
        toezegging,
        {
            "tekst": toezegging.tekst,
            "ambtsdrager": toezegging.ambtsdrager.sleutel if toezegging.ambtsdrager else None,
            "organisatie": toezegging.organisatie.sleutel if toezegging.organisatie else None,
            "programma": toezegging.programma.slug if toezegging.programma else None,
            "deadline": deadline,
            "status": toezegging.status,
        },
        revisie=toezegging.revisie,
    )


def _antwoordsjablonen(g: _Gebruik) -> list[dict[str, Any]]:
    sjablonen = sorted(
        Antwoordsjabloon.objects.order_by().select_related("gemaakt_door"), key=lambda s: s.naam
    )
    uit = []
    for sjabloon in sjablonen:
        record: dict[str, Any] = {
            "naam": sjabloon.naam,
            "tekst": sjabloon.tekst,
            "standpunt": sjabloon.standpunt,
            "gemaakt_door": sjabloon.gebruikersnaam_voor_export,
        }
        if g.volledig:
            record["gewijzigd"] = tijdstip(sjabloon.gewijzigd)
        uit.append(g.met_id(sjabloon, record))
    return uit


def _medewerkers() -> list[dict[str, Any]]:
    """Which ministry each user works for, by username (the users are not in a backup)."""
    rijen = Medewerker.objects.order_by().values_list("user__username", "ministerie__afkorting")
    return [
        {"gebruiker": naam, "ministerie": afkorting}
        for naam, afkorting in sorted(rijen, key=lambda rij: rij[0])
    ]
