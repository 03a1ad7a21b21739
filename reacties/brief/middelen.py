"""The renderer's only source of outside bytes: an allow-list of the project's own assets.

WeasyPrint asks its URL fetcher for every font, image and stylesheet it meets, including
ones named in SVG files or in text that slipped into the HTML. This fetcher answers only
for the exact asset URLs it was built with and refuses everything else (``file:``,
``http(s):``, ``data:``, other schemes, redirects), logging each refusal.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("adviesmonitor.brief")

SCHEMA = "adviesmonitor-asset"
LETTERTYPE_ROLLEN = ("regular", "bold", "italic", "bolditalic")
STANDAARDLOGO = "brief/logo-voorbeeld.svg"
LOGO_EXTENSIES = {".svg", ".png"}


class GeweigerdeBron(ValueError):
    """A URL outside the allow-list; WeasyPrint treats it as a missing resource."""


@dataclass(frozen=True)
class Bron:
    pad: Path
    mime: str


def asset_url(naam: str) -> str:
    return f"{SCHEMA}://{naam}"


def _statisch(pad: str) -> Path:
    gevonden = finders.find(pad)
    if not gevonden:
        raise FileNotFoundError(f"Statisch bestand ontbreekt: {pad}")
    return Path(gevonden)


def lettertype_bronnen() -> dict[str, Bron]:
    """The four font files of the configured letter typeface, by role."""
    map_ = settings.BRIEF_LETTERTYPE
    return {rol: Bron(_statisch(f"{map_}/{rol}.ttf"), "font/ttf") for rol in LETTERTYPE_ROLLEN}


def logo_bron(logo_veld) -> Bron:
    """The ministry's own logo when it has a usable one, else the neutral placeholder."""
    if logo_veld:
        pad = Path(logo_veld.path)
        if pad.suffix.lower() in LOGO_EXTENSIES and pad.is_file():
            return Bron(pad, mimetypes.guess_type(pad.name)[0] or "application/octet-stream")
        logger.warning(
            "Logo %s is geen SVG- of PNG-bestand; het voorbeeldlogo wordt gebruikt.", pad
        )
    return Bron(_statisch(STANDAARDLOGO), "image/svg+xml")


class Bronnenlijst(URLFetcher):
    """A WeasyPrint URL fetcher that serves only the given assets."""

    def __init__(self, bronnen: dict[str, Bron]) -> None:
        super().__init__(allowed_protocols={SCHEMA}, allow_redirects=False, fail_on_errors=False)
        self.bronnen = dict(bronnen)
        self.geweigerd: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        bron = self.bronnen.get(url)
        if bron is None:
            self.geweigerd.append(url)
            logger.warning("Brief: bron geweigerd (niet op de lijst): %.200s", url)
            raise GeweigerdeBron(f"Bron niet toegestaan: {url[:200]}")
        return URLFetcherResponse(
            url, bron.pad.read_bytes(), headers={"Content-Type": bron.mime}, status=200
        )
