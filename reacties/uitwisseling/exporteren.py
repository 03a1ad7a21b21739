"""Reads: build an exchange document (docs/uitwisselformaat.md) from the database.

Everything is fetched with a fixed set of prefetch queries, so the number of queries does
not grow with the number of reports. All sorting happens in Python on the natural keys:
database collations differ (SQLite vs PostgreSQL), and the export must be byte-identical
whichever database it comes from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from programmas.models import Ambtsdrager, Ministerie, Organisatie, Programma, Programmaonderdeel
from reacties.models import (
    Briefprogramma,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)

FORMAAT = "adviesmonitor-uitwisseling"
VERSIE = 1


@dataclass
class _Gebruik:
    """The reference records that the exported reports point to, collected on the way."""

    bestuurslagen: dict[int, Bestuurslaag] = field(default_factory=dict)
    raden: dict[int, Raad] = field(default_factory=dict)
    ambtsdrager_ids: set[int] = field(default_factory=set)
    organisatie_ids: set[int] = field(default_factory=set)
    programma_ids: set[int] = field(default_factory=set)


def exporteer_document(adviezen: QuerySet[Advies] | None = None, alle: bool = False) -> dict:
    """The exchange document for ``adviezen`` (every report when None).

    With ``alle`` the reference lists hold every record in the database, used or not;
    otherwise only what the exported reports use, plus what that data points to.
    """
    if adviezen is None:
        adviezen = Advies.objects.all()
    rapporten = sorted(_met_inhoud(adviezen), key=lambda a: a.slug)
    gebruik = _Gebruik()
    adviezen_data = [_advies(advies, gebruik) for advies in rapporten]

    programmas = _programmas(None if alle else gebruik.programma_ids)
    for programma in programmas:
        if programma.eigenaar_id:
            gebruik.ambtsdrager_ids.add(programma.eigenaar_id)
        if programma.uitvoerder_id:
            gebruik.organisatie_ids.add(programma.uitvoerder_id)
    ambtsdragers = _ambtsdragers(None if alle else gebruik.ambtsdrager_ids)
    if alle:
        ministeries: Iterable[Ministerie] = Ministerie.objects.all()
        bestuurslagen: Iterable[Bestuurslaag] = Bestuurslaag.objects.all()
        raden: Iterable[Raad] = Raad.objects.all()
        organisaties: Iterable[Organisatie] = Organisatie.objects.all()
    else:
        # The ministries come along with their office holders (select_related): no query.
        ministeries = {a.ministerie_id: a.ministerie for a in ambtsdragers}.values()
        bestuurslagen = gebruik.bestuurslagen.values()
        raden = gebruik.raden.values()
        organisaties = Organisatie.objects.filter(id__in=gebruik.organisatie_ids)

    return {
        "formaat": FORMAAT,
        "versie": VERSIE,
        "bestuurslagen": [
            _bestuurslaag(b) for b in sorted(bestuurslagen, key=lambda b: (b.volgorde, b.slug))
        ],
        "raden": [_raad(r) for r in sorted(raden, key=lambda r: r.afkorting)],
        "ministeries": [_ministerie(m) for m in sorted(ministeries, key=lambda m: m.afkorting)],
        "ambtsdragers": [_ambtsdrager(a) for a in sorted(ambtsdragers, key=lambda a: a.sleutel)],
        "organisaties": [_organisatie(o) for o in sorted(organisaties, key=lambda o: o.sleutel)],
        "programmas": [_programma(p) for p in sorted(programmas, key=lambda p: p.slug)],
        "adviezen": adviezen_data,
    }


def dump(document: dict) -> str:
    """The document as text: UTF-8 characters kept, indent 2, trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- queries -------------------------------------------------------------------------------
# Explicit order_by() everywhere: the models' default orderings join other tables
# (e.g. Reactiebrief orders by advies__titel), which the export does not need.


def _met_inhoud(adviezen: QuerySet[Advies]) -> QuerySet[Advies]:
    reacties = Reactie.objects.order_by("volgorde").prefetch_related(
        Prefetch("aanbevelingen", queryset=Aanbeveling.objects.order_by()),
        Prefetch("organisaties", queryset=Organisatie.objects.order_by()),
        Prefetch(
            "koppelingen",
            queryset=Programmakoppeling.objects.order_by().select_related("programma", "onderdeel"),
        ),
        Prefetch(
            "toezeggingen",
            queryset=Toezegging.objects.order_by("volgorde").select_related(
                "ambtsdrager", "organisatie", "programma"
            ),
        ),
    )
    brieven = Reactiebrief.objects.order_by("versie").prefetch_related(
        Prefetch(
            "ondertekening",
            queryset=Ondertekenaar.objects.order_by("volgorde").select_related("ambtsdrager"),
        ),
        Prefetch(
            "programmaverwijzingen",
            queryset=Briefprogramma.objects.order_by("volgorde").select_related(
                "programma", "onderdeel"
            ),
        ),
        Prefetch("voetnoten", queryset=Voetnoot.objects.order_by("nummer")),
        Prefetch(
            "secties",
            queryset=Sectie.objects.order_by("volgorde").prefetch_related(
                Prefetch("reacties", queryset=reacties)
            ),
        ),
    )
    aanbevelingen = Aanbeveling.objects.order_by("volgorde").prefetch_related(
        Prefetch("bestuurslagen", queryset=Bestuurslaag.objects.order_by())
    )
    return adviezen.order_by().prefetch_related(
        Prefetch("raden", queryset=Raad.objects.order_by()),
        Prefetch("aanbevelingen", queryset=aanbevelingen),
        Prefetch("brieven", queryset=brieven),
    )


def _programmas(ids: set[int] | None) -> list[Programma]:
    """Programmes (all of them when ``ids`` is None) with owner, executor and parts."""
    qs = Programma.objects.order_by().select_related("eigenaar", "uitvoerder")
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return list(
        qs.prefetch_related(
            Prefetch("onderdelen", queryset=Programmaonderdeel.objects.order_by("volgorde"))
        )
    )


def _ambtsdragers(ids: set[int] | None) -> list[Ambtsdrager]:
    qs = Ambtsdrager.objects.order_by().select_related("ministerie")
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return list(qs)


# --- records -------------------------------------------------------------------------------


def _datum(waarde: date | None) -> str | None:
    return waarde.isoformat() if waarde else None


def _bestuurslaag(laag: Bestuurslaag) -> dict[str, Any]:
    return {"slug": laag.slug, "naam": laag.naam, "volgorde": laag.volgorde}


def _raad(raad: Raad) -> dict[str, Any]:
    return {"afkorting": raad.afkorting, "naam": raad.naam}


def _ministerie(ministerie: Ministerie) -> dict[str, Any]:
    return {
        "afkorting": ministerie.afkorting,
        "naam": ministerie.naam,
        "bezoekadres": ministerie.bezoekadres,
        "postadres": ministerie.postadres,
        "website": ministerie.website,
    }


def _ambtsdrager(ambtsdrager: Ambtsdrager) -> dict[str, Any]:
    return {
        "sleutel": ambtsdrager.sleutel,
        "titel": ambtsdrager.titel,
        "naam": ambtsdrager.naam,
        "ministerie": ambtsdrager.ministerie.afkorting,
        "begin": _datum(ambtsdrager.begin),
        "einde": _datum(ambtsdrager.einde),
    }


def _organisatie(organisatie: Organisatie) -> dict[str, Any]:
    return {
        "sleutel": organisatie.sleutel,
        "naam": organisatie.naam,
        "afkorting": organisatie.afkorting,
        "soort": organisatie.soort,
        "url": organisatie.url,
    }


def _programma(programma: Programma) -> dict[str, Any]:
    onderdelen = list(programma.onderdelen.all())
    sleutels = {o.id: o.sleutel for o in onderdelen}
    return {
        "slug": programma.slug,
        "naam": programma.naam,
        "soort": programma.soort,
        "eigenaar": programma.eigenaar.sleutel if programma.eigenaar else None,
        "uitvoerder": programma.uitvoerder.sleutel if programma.uitvoerder else None,
        "beschrijving": programma.beschrijving,
        "url": programma.url,
        "onderdelen": [
            {
                "sleutel": o.sleutel,
                "naam": o.naam,
                "bovenliggend": sleutels.get(o.bovenliggend_id) if o.bovenliggend_id else None,
                "beschrijving": o.beschrijving,
            }
            for o in onderdelen
        ],
    }


def _advies(advies: Advies, gebruik: _Gebruik) -> dict[str, Any]:
    raden = sorted(advies.raden.all(), key=lambda r: r.afkorting)
    gebruik.raden.update((r.id, r) for r in raden)
    aanbevelingen = list(advies.aanbevelingen.all())
    # A parent is one of the report's own recommendations: look it up, don't query it.
    nummers = {a.id: a.nummer for a in aanbevelingen}
    return {
        "slug": advies.slug,
        "titel": advies.titel,
        "ondertitel": advies.ondertitel,
        "raden": [r.afkorting for r in raden],
        "publicatiedatum": _datum(advies.publicatiedatum),
        "ontvangstdatum": _datum(advies.ontvangstdatum),
        "url": advies.url,
        "aanbevelingen": [_aanbeveling(a, nummers, gebruik) for a in aanbevelingen],
        "brieven": [_brief(b, gebruik) for b in advies.brieven.all()],
    }


def _aanbeveling(
    aanbeveling: Aanbeveling, nummers: dict[int, str], gebruik: _Gebruik
) -> dict[str, Any]:
    bovenliggend = nummers.get(aanbeveling.bovenliggend_id) if aanbeveling.bovenliggend_id else None
    lagen = sorted(aanbeveling.bestuurslagen.all(), key=lambda b: (b.volgorde, b.slug))
    gebruik.bestuurslagen.update((b.id, b) for b in lagen)
    return {
        "nummer": aanbeveling.nummer,
        "bovenliggend": bovenliggend,
        "tekst": aanbeveling.tekst,
        "bestuurslagen": [b.slug for b in lagen],
    }


def _brief(brief: Reactiebrief, gebruik: _Gebruik) -> dict[str, Any]:
    ondertekening = list(brief.ondertekening.all())
    gebruik.ambtsdrager_ids.update(o.ambtsdrager_id for o in ondertekening)
    verwijzingen = list(brief.programmaverwijzingen.all())
    for verwijzing in verwijzingen:
        gebruik.programma_ids.add(verwijzing.programma_id)
        if verwijzing.onderdeel:
            gebruik.programma_ids.add(verwijzing.onderdeel.programma_id)
    return {
        "versie": brief.versie,
        "titel": brief.titel,
        "onderwerp": brief.onderwerp,
        "datum": _datum(brief.datum),
        "kenmerk": brief.kenmerk,
        "uw_kenmerk": brief.uw_kenmerk,
        "bijlagen": brief.bijlagen,
        "geadresseerde": brief.geadresseerde,
        "status": brief.status,
        "opening": brief.opening,
        "slot": brief.slot,
        "ondertekenaars": [o.ambtsdrager.sleutel for o in ondertekening],
        "programmas": [
            {
                "programma": v.programma.slug,
                "onderdeel": v.onderdeel.sleutel if v.onderdeel else None,
            }
            for v in verwijzingen
        ],
        "voetnoten": [{"nummer": v.nummer, "tekst": v.tekst} for v in brief.voetnoten.all()],
        "secties": [
            {
                "kop": sectie.kop,
                "tekst": sectie.tekst,
                "reacties": [_reactie(r, gebruik) for r in sectie.reacties.all()],
            }
            for sectie in brief.secties.all()
        ],
    }


def _reactie(reactie: Reactie, gebruik: _Gebruik) -> dict[str, Any]:
    organisaties = sorted(reactie.organisaties.all(), key=lambda o: o.sleutel)
    gebruik.organisatie_ids.update(o.id for o in organisaties)
    # The whole programme (no part) sorts before its parts; parts follow their own order.
    koppelingen = sorted(
        reactie.koppelingen.all(),
        key=lambda k: (
            k.programma.slug,
            k.onderdeel is not None,
            k.onderdeel.volgorde if k.onderdeel else 0,
        ),
    )
    gebruik.programma_ids.update(k.programma_id for k in koppelingen)
    return {
        "aanbevelingen": [
            a.nummer for a in sorted(reactie.aanbevelingen.all(), key=lambda a: a.volgorde)
        ],
        "standpunt": reactie.standpunt,
        "citeer_aanbevelingen": reactie.citeer_aanbevelingen,
        "tekst": reactie.tekst,
        "organisaties": [o.sleutel for o in organisaties],
        "programmas": [
            {
                "programma": k.programma.slug,
                "onderdeel": k.onderdeel.sleutel if k.onderdeel else None,
                "soort": k.soort,
            }
            for k in koppelingen
        ],
        "toezeggingen": [_toezegging(t, gebruik) for t in reactie.toezeggingen.all()],
    }


def _toezegging(toezegging: Toezegging, gebruik: _Gebruik) -> dict[str, Any]:
    if toezegging.ambtsdrager_id:
        gebruik.ambtsdrager_ids.add(toezegging.ambtsdrager_id)
    if toezegging.organisatie_id:
        gebruik.organisatie_ids.add(toezegging.organisatie_id)
    if toezegging.programma_id:
        gebruik.programma_ids.add(toezegging.programma_id)
    deadline: str | int | None = None
    if toezegging.deadline_datum:
        deadline = toezegging.deadline_datum.isoformat()
    elif toezegging.deadline_jaar is not None:
        deadline = toezegging.deadline_jaar
    return {
        "tekst": toezegging.tekst,
        "ambtsdrager": toezegging.ambtsdrager.sleutel if toezegging.ambtsdrager else None,
        "organisatie": toezegging.organisatie.sleutel if toezegging.organisatie else None,
        "programma": toezegging.programma.slug if toezegging.programma else None,
        "deadline": deadline,
        "status": toezegging.status,
    }
