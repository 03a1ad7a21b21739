"""The recommendation object: everything a row of the list's export carries, as data.

The rows are fetched with the export's own prefetches (``advies.export.voor_export``) and
answered by the export's own rule: the responses of the newest sent letter that answers the
recommendation (``_geldende_reacties``). So the API and the downloads cannot drift apart.
Where the export writes labels, the API gives the codes (labels are in the OpenAPI
document); export column -> API key:

=================  =================================================================
nummer             nummer
aanbeveling        tekst
advies, _slug      advies.titel, advies.slug
raden              raden
publicatiedatum    publicatiedatum
bestuurslagen      bestuurslagen[].naam (and .slug)
standpunt          standpunten (codes)
reactie            reactie.tekst (and reactie.html)
programma's        programmas[] (programma, onderdeel, soort of the link)
toezeggingen       toezeggingen[] (tekst, status, deadline_datum / deadline_jaar)
brief_status       brief_status (code), of the newest letter the reader may see
url                pagina_url
=================  =================================================================

On top of that: the API URL, the parent recommendation and every response to it the reader
may see (``reacties``, any version of the letter).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

# _geldende_reacties is the export's rule for which responses a row shows; reused, not copied.
from advies.export import _geldende_reacties, platte_tekst, voor_export
from advies.models import Aanbeveling
from advies.selectors_detail import REACTIEVOLGORDE
from adviesmonitor.api import zichtbaarheid
from adviesmonitor.api.links import Links
from adviesmonitor.api.objecten import (
    Json,
    aanbeveling_ref,
    advies_ref,
    datum,
    koppeling,
    toezegging_kort,
)
from adviesmonitor.api.zichtbaarheid import Zicht
from adviesmonitor.richtext import sanitize


def aanbevelingen_voor_api(qs: QuerySet[Aanbeveling], zicht: Zicht) -> QuerySet[Aanbeveling]:
    """The export's seven queries per page plus two: the reader's letters and responses."""
    reacties = zichtbaarheid.reacties(zicht).only("pk").order_by(*REACTIEVOLGORDE)
    brieven = (
        zichtbaarheid.brieven(zicht)
        .only("pk", "advies_id", "versie", "status")
        .order_by("-versie", "-pk")
    )
    return voor_export(qs.select_related("bovenliggend")).prefetch_related(
        Prefetch("reacties", queryset=reacties, to_attr="api_reacties"),
        Prefetch("advies__brieven", queryset=brieven, to_attr="api_brieven"),
    )


def aanbeveling_json(a: Aanbeveling, links: Links) -> Json:
    geldend = _geldende_reacties(a.x_reacties)  # the newest sent letter's responses
    standpunten: list[str] = []
    for reactie in geldend:
        if reactie.standpunt and reactie.standpunt not in standpunten:
            standpunten.append(reactie.standpunt)
    brieven = a.advies.api_brieven  # newest first
    return {
        "id": a.pk,
        "url": links.aanbeveling(a.pk),
        "pagina_url": links.aanbevelingpagina(a.pk),
        "nummer": a.nummer,
        "tekst": a.tekst,
        "bovenliggend": aanbeveling_ref(a.bovenliggend, links) if a.bovenliggend else None,
        "advies": advies_ref(a.advies, links),
        "raden": [raad.afkorting for raad in a.advies.x_raden],
        "publicatiedatum": datum(a.advies.publicatiedatum),
        "bestuurslagen": [{"slug": laag.slug, "naam": laag.naam} for laag in a.x_lagen],
        "standpunten": standpunten,
        "reactie": {
            "html": "".join(sanitize(r.tekst) for r in geldend),
            "tekst": "\n\n".join(platte_tekst(r.tekst) for r in geldend),
        },
        "programmas": [koppeling(k, links) for r in geldend for k in r.x_koppelingen],
        "toezeggingen": [toezegging_kort(t, links) for r in geldend for t in r.x_toezeggingen],
        "brief_status": brieven[0].status if brieven else None,
        "reacties": [{"id": r.pk, "url": links.reactie(r.pk)} for r in a.api_reacties],
    }
