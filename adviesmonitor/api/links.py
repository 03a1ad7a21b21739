"""Absolute URLs of the API's objects, for the links between them.

Each route is reversed once per request with a stand-in value that is then replaced, rather
than once per link: a page of 200 recommendations holds over a thousand links.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

_SLUG = "x-voorbeeld-sleutel-x"
_PK = 987654321


class Links:
    def __init__(self, request: HttpRequest) -> None:
        self.basis = request.build_absolute_uri("/").rstrip("/")
        self._makers: dict[str, Callable[[object], str]] = {}

    def _maker(self, naam: str, voorbeeld: object) -> Callable[[object], str]:
        if naam not in self._makers:
            voor, na = reverse(naam, args=[voorbeeld]).split(str(voorbeeld), 1)
            self._makers[naam] = lambda waarde: f"{self.basis}{voor}{waarde}{na}"
        return self._makers[naam]

    def pad(self, pad: str) -> str:
        return self.basis + pad

    def lijst(self, naam: str, **query: str) -> str:
        url = self.basis + reverse(f"api:{naam}")
        return f"{url}?{urlencode(query)}" if query else url

    def advies(self, slug: str) -> str:
        return self._maker("api:advies", _SLUG)(slug)

    def aanbeveling(self, pk: int) -> str:
        return self._maker("api:aanbeveling", _PK)(pk)

    def reactie(self, pk: int) -> str:
        return self._maker("api:reactie", _PK)(pk)

    def toezegging(self, pk: int) -> str:
        return self._maker("api:toezegging", _PK)(pk)

    def programma(self, slug: str) -> str:
        return self._maker("api:programma", _SLUG)(slug)

    def aanbevelingpagina(self, pk: int) -> str:
        """The analyst's page of the recommendation (for logged-in users)."""
        return self._maker("advies:aanbeveling", _PK)(pk)
