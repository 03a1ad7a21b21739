"""JSON responses of the API: the errors, the headers every answer carries, and the view
decorator that makes sure no answer is HTML.

Every error body is ``{"status": <code>, "fout": "<Dutch message>"}``, for invalid
parameters with ``"parameters": {"<name>": ["<message>", ...]}``.

Headers: anonymous answers are open data, cacheable by anyone for a short while
(``Cache-Control: public, max-age=60``) and readable from any web page
(``Access-Control-Allow-Origin: *``). Logged-in answers depend on the user's role: private,
revalidated on every use, and no CORS header (a cross-site page never gets them).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

OPENBARE_CACHE_SECONDEN = 60
METHODEN = ("GET", "HEAD")


class ApiFout(Exception):
    """An answer other than 200: raised anywhere below a view, turned into JSON by it."""

    def __init__(
        self, status: int, fout: str, parameters: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(fout)
        self.status = status
        self.fout = fout
        self.parameters = parameters

    def als_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "fout": self.fout}
        if self.parameters is not None:
            body["parameters"] = self.parameters
        return body


def parameterfout(fouten: dict[str, list[str]]) -> ApiFout:
    namen = ", ".join(sorted(fouten))
    return ApiFout(400, f"Ongeldige parameter(s): {namen}.", fouten)


def niet_gevonden(boodschap: str) -> ApiFout:
    return ApiFout(404, boodschap)


def json_antwoord(data: Any, status: int = 200) -> JsonResponse:
    # ensure_ascii off: Dutch text stays readable, the body is UTF-8 either way.
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _zet_kopregels(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-cache"
    else:
        response["Cache-Control"] = f"public, max-age={OPENBARE_CACHE_SECONDEN}"
        if request.method in METHODEN:
            response["Access-Control-Allow-Origin"] = "*"
    return response


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only (anything else: 405 in JSON), errors as JSON, the headers above.

    Exempt from CSRF: the API never writes, and without the exemption a POST would get the
    CSRF middleware's HTML 403 instead of the API's own 405."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in METHODEN:
            fout = ApiFout(405, f"Methode {request.method} is niet toegestaan; gebruik GET.")
            response = json_antwoord(fout.als_json(), status=405)
            response["Allow"] = ", ".join(METHODEN)
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiFout as fout:
                response = json_antwoord(fout.als_json(), status=fout.status)
            except Http404:
                fout = niet_gevonden("Niet gevonden.")
                response = json_antwoord(fout.als_json(), status=404)
        return _zet_kopregels(request, response)

    return wrapper
