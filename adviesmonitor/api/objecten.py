"""The JSON objects of the API, and per resource the prefetches that let a page of them be
written without further queries (``*_voor_api``: a fixed number of queries per page).

Links between objects are small reference objects with the key and the API URL (``url``).
Every nested list is read through ``zichtbaarheid`` too, so a visible object never carries
something its reader may not see. Rich text comes as ``{"html": ..., "tekst": ...}``:
the sanitised HTML of ``adviesmonitor.richtext`` (sanitised again on the way out) and the
plain text the exports use. Dates are ISO 8601; optional text is ``""``, never null.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet

from advies.export import platte_tekst
from advies.models import Aanbeveling, Advies, Raad
from adviesmonitor.api import zichtbaarheid
from adviesmonitor.api.links import Links
from adviesmonitor.api.zichtbaarheid import Zicht
from adviesmonitor.richtext import footnote_numbers, sanitize
from programmas.models import Ambtsdrager, Organisatie, Programma, Programmaonderdeel
from reacties.models import (
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Toezegging,
    Voetnoot,
)

Json = dict[str, Any]


def datum(waarde: dt.date | None) -> str | None:
    return waarde.isoformat() if waarde else None


def rijke_tekst(html: str) -> Json:
    # The plain text is the exports' (advies.export.platte_tekst), word for word.
    return {"html": sanitize(html), "tekst": platte_tekst(html)}


# --- small reference objects ----------------------------------------------------------------


def brief_kort(brief: Reactiebrief) -> Json:
    return {
        "id": brief.pk,
        "versie": brief.versie,
        "status": brief.status,
        "datum": datum(brief.datum),
        "kenmerk": brief.kenmerk,
        "onderwerp": brief.onderwerp,
    }


def advies_ref(advies: Advies, links: Links) -> Json:
    return {"slug": advies.slug, "titel": advies.titel, "url": links.advies(advies.slug)}


def aanbeveling_ref(aanbeveling: Aanbeveling, links: Links) -> Json:
    return {
        "id": aanbeveling.pk,
        "nummer": aanbeveling.nummer,
        "url": links.aanbeveling(aanbeveling.pk),
    }


def programma_ref(programma: Programma, links: Links) -> Json:
    return {
        "slug": programma.slug,
        "naam": programma.naam,
        "soort": programma.soort,
        "url": links.programma(programma.slug),
    }


def koppeling(k: Programmakoppeling, links: Links) -> Json:
    deel = k.onderdeel
    return {
        "programma": programma_ref(k.programma, links),
        "onderdeel": {"sleutel": deel.sleutel, "naam": deel.naam} if deel else None,
        "soort": k.soort,
    }


def organisatie(o: Organisatie | None) -> Json | None:
    if o is None:
        return None
    return {"sleutel": o.sleutel, "naam": o.naam, "afkorting": o.afkorting, "soort": o.soort}


def ambtsdrager(a: Ambtsdrager | None) -> Json | None:
    if a is None:
        return None
    return {
        "sleutel": a.sleutel,
        "titel": a.titel,
        "naam": a.naam,
        "ministerie": a.ministerie.afkorting,
    }


def toezegging_kort(t: Toezegging, links: Links) -> Json:
    return {
        "id": t.pk,
        "url": links.toezegging(t.pk),
        "tekst": t.tekst,
        "status": t.status,
        "deadline_datum": datum(t.deadline_datum),
        "deadline_jaar": t.deadline_jaar,
    }


def aanbevelingen_kort(zicht: Zicht) -> QuerySet[Aanbeveling]:
    return (
        zichtbaarheid.aanbevelingen(zicht)
        .only("pk", "advies_id", "nummer", "volgorde", "bovenliggend_id")
        .order_by("volgorde", "pk")
    )


# --- adviezen -------------------------------------------------------------------------------


def adviezen_voor_api(qs: QuerySet[Advies], zicht: Zicht) -> QuerySet[Advies]:
    """Three queries per page, whatever its size."""
    return qs.prefetch_related(
        Prefetch("raden", queryset=Raad.objects.order_by("afkorting"), to_attr="api_raden"),
        Prefetch(
            "brieven",
            queryset=zichtbaarheid.brieven(zicht).order_by("versie", "pk"),
            to_attr="api_brieven",
        ),
        Prefetch("aanbevelingen", queryset=aanbevelingen_kort(zicht), to_attr="api_aanbevelingen"),
    )


def advies_json(advies: Advies, links: Links) -> Json:
    return {
        "slug": advies.slug,
        "url": links.advies(advies.slug),
        "titel": advies.titel,
        "ondertitel": advies.ondertitel,
        "raden": [{"afkorting": r.afkorting, "naam": r.naam} for r in advies.api_raden],
        "publicatiedatum": datum(advies.publicatiedatum),
        "ontvangstdatum": datum(advies.ontvangstdatum),
        "link": advies.url,
        "brieven": [brief_kort(b) for b in advies.api_brieven],
        "aanbevelingen": [
            {**aanbeveling_ref(a, links), "bovenliggend": a.bovenliggend_id}
            for a in advies.api_aanbevelingen
        ],
        "aanbevelingen_url": links.lijst("aanbevelingen", advies=advies.slug),
    }


# --- reacties -------------------------------------------------------------------------------


def reacties_voor_api(qs: QuerySet[Reactie], zicht: Zicht) -> QuerySet[Reactie]:
    """Six queries per page, whatever its size."""
    koppelingen = Programmakoppeling.objects.select_related("programma", "onderdeel").order_by(
        "programma__naam", "onderdeel__volgorde", "pk"
    )
    return qs.select_related("sectie__brief__advies").prefetch_related(
        Prefetch("aanbevelingen", queryset=aanbevelingen_kort(zicht), to_attr="api_aanbevelingen"),
        Prefetch(
            "organisaties", queryset=Organisatie.objects.order_by("sleutel"), to_attr="api_orgs"
        ),
        Prefetch("koppelingen", queryset=koppelingen, to_attr="api_koppelingen"),
        Prefetch(
            "toezeggingen",
            queryset=zichtbaarheid.toezeggingen(zicht).order_by("volgorde", "pk"),
            to_attr="api_toezeggingen",
        ),
        Prefetch(
            "sectie__brief__voetnoten",
            queryset=Voetnoot.objects.order_by("nummer"),
            to_attr="api_voetnoten",
        ),
    )


def reactie_json(reactie: Reactie, links: Links) -> Json:
    brief = reactie.sectie.brief
    genoemd = set(footnote_numbers(reactie.tekst))
    return {
        "id": reactie.pk,
        "url": links.reactie(reactie.pk),
        "brief": brief_kort(brief),
        "advies": advies_ref(brief.advies, links),
        "sectie": {"volgorde": reactie.sectie.volgorde, "kop": reactie.sectie.kop},
        "volgorde": reactie.volgorde,
        "aanbevelingen": [aanbeveling_ref(a, links) for a in reactie.api_aanbevelingen],
        "standpunt": reactie.standpunt or None,
        "tekst": rijke_tekst(reactie.tekst),
        "organisaties": [organisatie(o) for o in reactie.api_orgs],
        "programmas": [koppeling(k, links) for k in reactie.api_koppelingen],
        "toezeggingen": [toezegging_kort(t, links) for t in reactie.api_toezeggingen],
        "voetnoten": [
            {"nummer": v.nummer, **rijke_tekst(v.tekst)}
            for v in brief.api_voetnoten
            if v.nummer in genoemd
        ],
    }


# --- toezeggingen ---------------------------------------------------------------------------


def toezeggingen_voor_api(qs: QuerySet[Toezegging], zicht: Zicht) -> QuerySet[Toezegging]:
    """Two queries per page, whatever its size."""
    return qs.select_related(
        "reactie__sectie__brief__advies", "ambtsdrager__ministerie", "organisatie", "programma"
    ).prefetch_related(
        Prefetch(
            "reactie__aanbevelingen",
            queryset=aanbevelingen_kort(zicht),
            to_attr="api_aanbevelingen",
        )
    )


def toezegging_json(t: Toezegging, links: Links) -> Json:
    brief = t.reactie.sectie.brief
    return {
        **toezegging_kort(t, links),
        "ambtsdrager": ambtsdrager(t.ambtsdrager),
        "organisatie": organisatie(t.organisatie),
        "programma": programma_ref(t.programma, links) if t.programma else None,
        "reactie": {"id": t.reactie_id, "url": links.reactie(t.reactie_id)},
        "brief": brief_kort(brief),
        "advies": advies_ref(brief.advies, links),
        "aanbevelingen": [aanbeveling_ref(a, links) for a in t.reactie.api_aanbevelingen],
    }


# --- programmas -----------------------------------------------------------------------------


def programmas_voor_api(qs: QuerySet[Programma], zicht: Zicht) -> QuerySet[Programma]:
    """Two queries per page, whatever its size."""
    return qs.select_related("eigenaar__ministerie", "uitvoerder").prefetch_related(
        Prefetch(
            "onderdelen",
            queryset=Programmaonderdeel.objects.order_by("volgorde", "pk"),
            to_attr="api_onderdelen",
        )
    )


def programma_json(p: Programma, links: Links) -> Json:
    sleutels = {o.pk: o.sleutel for o in p.api_onderdelen}
    return {
        **programma_ref(p, links),
        "beschrijving": p.beschrijving,
        "link": p.url,
        "eigenaar": ambtsdrager(p.eigenaar),
        "uitvoerder": organisatie(p.uitvoerder),
        "onderdelen": [
            {
                "sleutel": o.sleutel,
                "naam": o.naam,
                "bovenliggend": sleutels.get(o.bovenliggend_id),
                "beschrijving": o.beschrijving,
            }
            for o in p.api_onderdelen
        ],
        "aanbevelingen_url": links.lijst("aanbevelingen", programma=p.slug),
    }
