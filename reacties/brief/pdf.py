"""Render the letter to PDF with WeasyPrint, and serve repeated exports from a cache.

The cache key is the SHA-256 of the final HTML plus the asset files it may load, so any
change to the letter's records (or to the logo, fonts or stylesheet) yields a new key and
an unchanged letter always finds its PDF. The PDF itself is deterministic: its dates come
from the letter's date and its identifier from the same hash, so the same content gives the
same bytes.

A letter that was vastgesteld has its PDF stored (``Vastlegging``, written by
``reacties.workflow``): ``vastgelegde_pdf`` serves those bytes, which never change again,
whatever happens to the records afterwards.

Whether a render runs here or as a background job is for ``reacties.brief.taken`` to decide;
both go through ``render_werk`` and store under the same key (``bewaar``).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from weasyprint import HTML

from reacties.brief.middelen import (
    SCHEMA,
    Bron,
    Bronnenlijst,
    asset_url,
    lettertype_bronnen,
    logo_bron,
)
from reacties.brief.samenstelling import Briefopmaak, brieven_voor_opmaak, stel_samen
from reacties.brief.weergave import brief_html
from reacties.models import Reactiebrief, Vastlegging

logger = logging.getLogger("adviesmonitor.brief")

PDF_VARIANT = "pdf/ua-1"
CACHE_PREFIX = "brief-pdf:v1:"


@dataclass(frozen=True)
class Briefbestand:
    inhoud: bytes
    bestandsnaam: str
    sleutel: str
    uit_cache: bool
    # True for the stored PDF of a frozen letter; ``sleutel`` is then its SHA-256.
    vastgelegd: bool = False


def bronnen_voor(opmaak: Briefopmaak) -> dict[str, Bron]:
    """The allow-list for one letter: its typeface and its first ministry's logo."""
    bronnen = {asset_url(f"lettertype/{rol}"): bron for rol, bron in lettertype_bronnen().items()}
    bronnen[asset_url("logo")] = logo_bron(opmaak.afzender.logo if opmaak.afzender else None)
    return bronnen


def inhoudssleutel(html: str, bronnen: dict[str, Bron]) -> str:
    digest = hashlib.sha256(html.encode("utf-8"))
    for url in sorted(bronnen):
        bron = bronnen[url]
        status = bron.pad.stat()
        # Path, size and mtime identify an asset version without reading megabytes of fonts.
        digest.update(f"{url}|{bron.pad}|{status.st_size}|{status.st_mtime_ns}".encode())
    return digest.hexdigest()


def render_pdf(html: str, bronnen: dict[str, Bron], identificatie: bytes) -> bytes:
    """The bare WeasyPrint render of the final HTML, with the allow-listed fetcher only."""
    fetcher = Bronnenlijst(bronnen)
    document = HTML(string=html, base_url=f"{SCHEMA}://brief/", url_fetcher=fetcher)
    return document.write_pdf(
        pdf_variant=PDF_VARIANT,
        pdf_identifier=identificatie,
        custom_metadata=True,
    )


def bestandsnaam(brief: Reactiebrief) -> str:
    """Kenmerk and date, safe for any file system: ‘2023-0000123_2023-07-03.pdf’."""
    delen = [brief.kenmerk or f"reactiebrief-{brief.pk}-v{brief.versie}"]
    if brief.datum:
        delen.append(brief.datum.isoformat())
    naam = "_".join(delen)
    veilig = "".join(c if c.isalnum() or c in "-_." else "-" for c in naam).strip("-.")
    return f"{veilig or 'reactiebrief'}.pdf"


def laad_brief(pk: int) -> Reactiebrief:
    return brieven_voor_opmaak().get(pk=pk)


@dataclass(frozen=True)
class Renderwerk:
    """Everything a render needs, and nothing from the database: the final HTML, the
    allow-listed assets, the content key and the file name. A background job gets exactly
    this, so it renders the content the request saw and stores it under that request's key."""

    brief_pk: int
    html: str
    bronnen: dict[str, Bron]
    sleutel: str
    bestandsnaam: str


def bereid_voor(brief: Reactiebrief) -> Renderwerk:
    """Compose the letter and compute its content key (milliseconds; no rendering)."""
    opmaak = stel_samen(brief)
    html = brief_html(opmaak, modus="pdf")
    bronnen = bronnen_voor(opmaak)
    return Renderwerk(brief.pk, html, bronnen, inhoudssleutel(html, bronnen), bestandsnaam(brief))


def uit_cache(sleutel: str) -> bytes | None:
    return cache.get(CACHE_PREFIX + sleutel)


def bewaar(sleutel: str, inhoud: bytes) -> None:
    """Store a rendered PDF under its content key. With Redis as the cache every web
    process and every render worker shares it."""
    cache.set(CACHE_PREFIX + sleutel, inhoud, timeout=settings.BRIEF_PDF_CACHE_SECONDEN)


def render_werk(werk: Renderwerk) -> bytes:
    """Render (without touching the cache); the same content always gives the same bytes."""
    begin = time.perf_counter()
    inhoud = render_pdf(werk.html, werk.bronnen, identificatie=werk.sleutel[:32].encode("ascii"))
    logger.info(
        "Brief %s gerenderd in %.0f ms (%d bytes)",
        werk.brief_pk,
        (time.perf_counter() - begin) * 1000,
        len(inhoud),
    )
    return inhoud


def maak_pdf(brief: Reactiebrief) -> Briefbestand:
    """The letter's PDF, from the cache when its content has not changed, else rendered
    here and now (the management command, freezing a letter, and the web process when no
    task queue is configured; see ``reacties.brief.taken``)."""
    werk = bereid_voor(brief)
    inhoud = uit_cache(werk.sleutel)
    if inhoud is not None:
        return Briefbestand(inhoud, werk.bestandsnaam, werk.sleutel, uit_cache=True)
    inhoud = render_werk(werk)
    bewaar(werk.sleutel, inhoud)
    return Briefbestand(inhoud, werk.bestandsnaam, werk.sleutel, uit_cache=False)


def vastgelegde_pdf(brief: Reactiebrief) -> Briefbestand | None:
    """The stored PDF of a frozen letter, or None when the letter has none."""
    vastlegging = Vastlegging.objects.filter(brief_id=brief.pk).only("pdf", "sha256").first()
    if vastlegging is None:
        return None
    return Briefbestand(
        bytes(vastlegging.pdf),
        bestandsnaam(brief),
        vastlegging.sha256,
        uit_cache=False,
        vastgelegd=True,
    )
