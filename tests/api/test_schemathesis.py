"""Schemathesis against the WSGI application, as an anonymous visitor and as an analyst:
every operation of /api/openapi.json with generated valid and invalid input. Checks: no
server error, the status code, content type and headers documented, the body valid against
the documented schema, and invalid input refused.

Bounded for CI: a fixed number of examples per operation, derandomised (the same examples
on every run, no example database), no deadline. Generated keys and filter values hardly
ever exist, so each operation is also called with real ones from the test world (of the
sent letter and of the concept letters), so that answers with data are checked too.
"""

from __future__ import annotations

import pytest
import schemathesis
import schemathesis.checks as checks
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from adviesmonitor.api import openapi
from reacties.models import Reactie, Toezegging
from tests.api.conftest import Conceptwereld

pytestmark = pytest.mark.django_db

VOORBEELDEN_PER_OPERATIE = 25
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
PADEN = sorted(openapi.document()["paths"])


@pytest.fixture
def wsgi_app(settings):
    """The real WSGI application, in this test's transaction. Django's test client does the
    same: without it, the end of every request would close the test's connection."""
    settings.ALLOWED_HOSTS = [*django_settings.ALLOWED_HOSTS, "localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _echte_invoer(pad: str, wereld: Conceptwereld) -> list[dict]:
    """Requests with real keys and filter values (of the sent letter and of the concept
    letters), which generated input rarely hits: these answers carry data."""
    advies, verborgen = wereld.verzonden.advies, wereld.verborgen_advies
    programma = wereld.verzonden.programmaverwijzingen.first().programma
    reactie = Reactie.objects.filter(sectie__brief=wereld.verzonden).first()
    toezegging = Toezegging.objects.filter(reactie__sectie__brief=wereld.verzonden).first()
    detail = {
        "/api/adviezen/{slug}/": ("slug", [advies.slug, verborgen.slug]),
        "/api/programmas/{slug}/": ("slug", [programma.slug, wereld.verborgen_programma.slug]),
        "/api/aanbevelingen/{pk}/": (
            "pk",
            [advies.aanbevelingen.first().pk, wereld.verborgen_aanbeveling.pk],
        ),
        "/api/reacties/{pk}/": ("pk", [reactie.pk, *(r.pk for r in wereld.concept_reacties)]),
        "/api/toezeggingen/{pk}/": (
            "pk",
            [toezegging.pk, *(t.pk for t in wereld.concept_toezeggingen)],
        ),
    }
    if pad in detail:
        naam, sleutels = detail[pad]
        return [{"path_parameters": {naam: sleutel}} for sleutel in sleutels]
    lijst = {
        "/api/adviezen/": {"raad": ["RVS"]},
        "/api/aanbevelingen/": {"advies": advies.slug, "programma": [programma.slug]},
        "/api/reacties/": {"advies": verborgen.slug},
        "/api/toezeggingen/": {"programma": [wereld.verborgen_programma.slug]},
        "/api/programmas/": {"soort": ["programma"]},
    }
    if pad in lijst:
        return [{}, {"query": {"per_pagina": 200}}, {"query": {**lijst[pad], "per_pagina": 3}}]
    return [{}]


def _gegenereerd(operatie):
    return st.one_of(
        operatie.as_strategy(schemathesis.GenerationMode.POSITIVE),
        operatie.as_strategy(schemathesis.GenerationMode.NEGATIVE),
    )


def _sessiecookie(gebruiker) -> dict[str, str]:
    # As a cookie, not a Cookie header: werkzeug's client replaces that header with its jar.
    client = Client()
    client.force_login(gebruiker)
    naam = django_settings.SESSION_COOKIE_NAME
    return {naam: client.cookies[naam].value}


@pytest.mark.parametrize("rol", ["anoniem", "analist"])
@pytest.mark.parametrize("pad", PADEN)
def test_schemathesis(pad, rol, conceptwereld, analist, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    operatie = schema[pad]["GET"]
    cookies = _sessiecookie(analist) if rol == "analist" else {}

    @settings(
        max_examples=VOORBEELDEN_PER_OPERATIE,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_gegenereerd(operatie))
    def controleer(case):
        response = case.call(cookies=cookies)
        case.validate_response(response, checks=CHECKS)

    for i, invoer in enumerate(_echte_invoer(pad, conceptwereld)):
        case = operatie.Case(**invoer)
        response = case.call(cookies=cookies)
        case.validate_response(response, checks=CHECKS)
        # The analyst sees every record of the world; anonymous visitors the sent letter's.
        if rol == "analist" or i == 0:
            assert response.status_code == 200, (invoer, response.status_code)
    controleer()
