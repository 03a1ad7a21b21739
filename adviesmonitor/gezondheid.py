"""``/gezondheid/``: the load balancer's health check.

200 when this process can reach what it needs for a request (the database and the shared
cache), 503 otherwise, so a balancer takes a web host out of rotation when it cannot serve.
It says which part failed but never why (no error texts, versions or host names: anyone may
ask). The PDF queue is reported but does not fail the check: without workers letters still
show, and a request for an uncached PDF says it is being prepared.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("adviesmonitor.gezondheid")

_PROEFSLEUTEL = "gezondheid:proef"


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Gezondheidscontrole: database onbereikbaar")
        return False


def _cache() -> bool:
    try:
        cache.set(_PROEFSLEUTEL, "ok", timeout=10)
        return cache.get(_PROEFSLEUTEL) == "ok"
    except Exception:
        logger.exception("Gezondheidscontrole: cache onbereikbaar")
        return False


def _wachtrij() -> str:
    queues = getattr(settings, "RQ_QUEUES", None)
    if not queues:
        return "niet ingesteld"
    try:
        import django_rq

        django_rq.get_connection(settings.BRIEF_PDF_WACHTRIJ).ping()
        return "ok"
    except Exception:
        logger.exception("Gezondheidscontrole: wachtrij onbereikbaar")
        return "fout"


@never_cache
@require_GET
def gezondheid(request: HttpRequest) -> JsonResponse:
    onderdelen = {
        "database": "ok" if _database() else "fout",
        "cache": "ok" if _cache() else "fout",
        "wachtrij": _wachtrij(),
    }
    gezond = onderdelen["database"] == "ok" and onderdelen["cache"] == "ok"
    return JsonResponse(
        {"status": "ok" if gezond else "fout", **onderdelen}, status=200 if gezond else 503
    )
