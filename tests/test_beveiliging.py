"""Production hardening: the deployment checks, the security headers on every response, the
password rules and the session timeouts."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.urls import reverse

from adviesmonitor.models import AuditEvent
from adviesmonitor.sessies import INGELOGD_OM, LAATST_ACTIEF
from tests import factories

ROOT = Path(__file__).resolve().parent.parent

# A fresh process gets only these from the test's environment, plus what the test says:
# no setting leaks in from the shell, pytest-env or another test (the browser tests set
# DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
_DOORGEVEN = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ", "SYSTEMROOT"}
PRODUCTIE = {"DEBUG": "0", "ALLOWED_HOSTS": "adviesmonitor.example.nl"}


def _draai(args: list[str], **env: str) -> subprocess.CompletedProcess:
    schoon = {k: v for k, v in os.environ.items() if k in _DOORGEVEN}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**schoon, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _instellingen(*namen: str, **env: str) -> dict:
    """The named settings as a fresh process reads them from ``env``."""
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'adviesmonitor.settings'; "
        "from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(namen)!r}}}))"
    )
    resultaat = _draai(["-c", code], **env)
    assert resultaat.returncode == 0, resultaat.stderr
    return json.loads(resultaat.stdout)


# --- the deployment checks ---------------------------------------------------------------


def test_check_deploy_zegt_niets_met_de_productie_instellingen():
    sleutel = secrets.token_urlsafe(50)
    resultaat = _draai(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTIE,
        SECRET_KEY=sleutel,
    )
    uitvoer = resultaat.stdout + resultaat.stderr
    assert resultaat.returncode == 0, uitvoer
    assert uitvoer.strip() == "System check identified no issues (0 silenced).", uitvoer


def test_check_deploy_faalt_zonder_secret_key():
    resultaat = _draai(["manage.py", "check", "--deploy"], **PRODUCTIE)
    assert resultaat.returncode == 1
    assert resultaat.stderr.strip() == (
        "Configuratiefout: SECRET_KEY ontbreekt: verplicht wanneer DEBUG uit staat."
    )


def test_check_deploy_waarschuwt_bij_een_zwakke_secret_key():
    resultaat = _draai(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTIE,
        SECRET_KEY="kort",
    )
    assert resultaat.returncode != 0
    assert "security.W009" in resultaat.stderr


HTTPS_INSTELLINGEN = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_ENGINE",
)


def test_zonder_debug_zijn_de_standaarden_veilig_en_met_debug_werkt_http():
    productie = _instellingen(*HTTPS_INSTELLINGEN, **PRODUCTIE, SECRET_KEY="x" * 50)
    assert productie == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 60 * 60,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": None,  # only behind a TLS proxy
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    }
    ontwikkeling = _instellingen(*HTTPS_INSTELLINGEN, DEBUG="1")
    assert ontwikkeling["SECURE_SSL_REDIRECT"] is False
    assert ontwikkeling["SECURE_HSTS_SECONDS"] == 0
    assert ontwikkeling["SESSION_COOKIE_SECURE"] is False
    assert ontwikkeling["CSRF_COOKIE_SECURE"] is False


def test_achter_een_tls_proxy_en_met_eigen_waarden():
    waarden = _instellingen(
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_TRUSTED_ORIGINS",
        "SECURE_HSTS_PRELOAD",
        **PRODUCTIE,
        SECRET_KEY="x" * 50,
        BEHIND_TLS_PROXY="1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        SECURE_HSTS_PRELOAD="0",
        CSRF_TRUSTED_ORIGINS="https://adviesmonitor.example.nl, https://beheer.example.nl:8443",
    )
    assert waarden == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_TRUSTED_ORIGINS": [
            "https://adviesmonitor.example.nl",
            "https://beheer.example.nl:8443",
        ],
        "SECURE_HSTS_PRELOAD": False,
    }


@pytest.mark.parametrize(
    ("naam", "waarde"),
    [
        ("SECURE_REFERRER_POLICY", "unsafe-url"),
        ("X_FRAME_OPTIONS", "ALLOW-FROM x"),
        ("CSRF_TRUSTED_ORIGINS", "adviesmonitor.example.nl"),
    ],
)
def test_onveilige_of_onleesbare_waarden_worden_geweigerd(naam, waarde):
    resultaat = _draai(["manage.py", "check"], DEBUG="1", **{naam: waarde})
    assert resultaat.returncode == 1
    regels = resultaat.stderr.strip().splitlines()
    assert len(regels) == 1 and naam in regels[0], resultaat.stderr


# --- headers -------------------------------------------------------------------------------

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@pytest.mark.parametrize("pad", ["/inloggen/", "/admin/login/", "/bestaat-niet/"])
def test_beveiligingsheaders_op_elke_pagina(pad, client):
    response = client.get(pad, secure=True)
    assert response["Content-Security-Policy"] == CSP
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_ook_ingelogde_paginas_hebben_de_policy(analist, client_for):
    # The letter preview too; tests/browser/test_csp.py shows that they work under it.
    client = client_for(analist)
    brief = factories.maak_reactiebrief()
    for url in ("/aanbevelingen/", reverse("reacties:brief", args=[brief.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == CSP, url


def test_http_wordt_naar_https_gestuurd(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/inloggen/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/inloggen/"
    assert client.get("/inloggen/", secure=True).status_code == 200


def test_debug_foutpaginas_blijven_leesbaar(client, settings):
    # Django's technical 404 page uses inline styles: with DEBUG on it gets no policy.
    settings.DEBUG = True
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Content-Security-Policy" not in response
    assert client.get("/inloggen/")["Content-Security-Policy"] == CSP


# What the policy forbids in a template: style attributes and elements, scripts without a
# src, event handler attributes and javascript: links.
VERBODEN = re.compile(
    r"\sstyle\s*=|<style\b|<script\b(?![^>]*\bsrc=)|javascript:"
    r"|\son(?:click|dblclick|load|error|submit|change|input|focus|blur|key\w+|mouse\w+)\s*=",
    re.IGNORECASE,
)


def test_geen_inline_stijl_of_script_in_de_templates():
    # A quick net over every template; the browser test catches what is built at run time.
    fouten = []
    for pad in sorted((ROOT / "templates").rglob("*.html")):
        if pad.name == "brief_pdf.html":
            continue  # read by WeasyPrint only, never served to a browser
        for gevonden in VERBODEN.finditer(pad.read_text(encoding="utf-8")):
            fouten.append(f"{pad.relative_to(ROOT)}: {gevonden.group().strip()}")
    assert not fouten, fouten


# --- passwords -----------------------------------------------------------------------------


def _nieuwe_gebruiker(client, wachtwoord: str):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "nieuwe-collega",
            "usable_password": "true",
            "password1": wachtwoord,
            "password2": wachtwoord,
        },
    )


def test_te_kort_wachtwoord_wordt_in_de_admin_geweigerd(beheerder, client_for):
    client = client_for(beheerder)
    response = _nieuwe_gebruiker(client, "kort-9x!Q")
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens lang zijn." in (
        response.content.decode()
    )
    assert not User.objects.filter(username="nieuwe-collega").exists()

    response = _nieuwe_gebruiker(client, "lang-genoeg-en-zeldzaam-42")
    assert response.status_code == 302
    assert User.objects.filter(username="nieuwe-collega").exists()


def test_wachtwoord_wijzigen_in_de_admin_volgt_dezelfde_regels(beheerder, client_for):
    collega = User.objects.create_user("collega", password="oud-wachtwoord-lang")
    response = client_for(beheerder).post(
        reverse("admin:auth_user_password_change", args=[collega.pk]),
        {"usable_password": "true", "password1": "12345678901", "password2": "12345678901"},
    )
    assert response.status_code == 200
    collega.refresh_from_db()
    assert collega.check_password("oud-wachtwoord-lang")


# --- session timeouts ----------------------------------------------------------------------


def _zet_in_sessie(client, **waarden: int) -> None:
    sessie = client.session
    sessie.update(waarden)
    sessie.save()


def test_inactieve_sessie_wordt_afgemeld(analist, client_for, settings):
    client = client_for(analist)
    assert client.get("/aanbevelingen/").status_code == 200
    _zet_in_sessie(client, **{LAATST_ACTIEF: int(time.time()) - settings.SESSION_IDLE_SECONDEN})

    response = client.get("/aanbevelingen/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("inloggen"))
    meldingen = [str(m) for m in get_messages(response.wsgi_request)]
    assert meldingen == [
        "U bent afgemeld na 30 minuten zonder activiteit. Log opnieuw in om verder te gaan."
    ]
    regel = AuditEvent.objects.get(soort=AuditEvent.Soort.SESSIE_VERLOPEN)
    assert regel.gebruikersnaam == "analist"
    # Logged out for good: the next request is anonymous too.
    assert client.get("/aanbevelingen/").status_code == 302


def test_sessie_eindigt_na_de_absolute_levensduur_ook_als_hij_actief_is(analist, client_for):
    client = client_for(analist)
    nu = int(time.time())
    _zet_in_sessie(client, **{INGELOGD_OM: nu - 8 * 60 * 60, LAATST_ACTIEF: nu})
    response = client.get("/aanbevelingen/")
    assert response.status_code == 302
    meldingen = [str(m) for m in get_messages(response.wsgi_request)]
    assert meldingen == [
        "U bent afgemeld: een sessie duurt hoogstens 8 uur. Log opnieuw in om verder te gaan."
    ]


def _sessierij(client) -> tuple[str, object]:
    rij = Session.objects.get(session_key=client.session.session_key)
    return rij.session_data, rij.expire_date


def test_actieve_sessie_wordt_niet_bij_elk_verzoek_geschreven(analist, client_for):
    client = client_for(analist)
    voor = _sessierij(client)
    for _ in range(3):
        assert client.get("/aanbevelingen/").status_code == 200
    assert _sessierij(client) == voor  # the login set both moments: nothing to write

    # Once the moment is more than a minute old, the next request refreshes it.
    _zet_in_sessie(client, **{LAATST_ACTIEF: int(time.time()) - 61})
    voor = _sessierij(client)
    assert client.get("/aanbevelingen/").status_code == 200
    assert _sessierij(client) != voor
    assert int(time.time()) - client.session[LAATST_ACTIEF] < 5
