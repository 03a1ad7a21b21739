"""The letter's PDF as a background job (reacties.brief.taken): in process without a task
queue; with one, on a real Redis with real forking rq workers: the waiting page, one job per
content, the failure page, the time and memory limits, waiting within the limit, several MB
through Redis, and django-rq's worker command on our settings."""

from __future__ import annotations

import hashlib
import logging
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.urls import reverse

from reacties.brief import pdf as briefpdf
from reacties.brief import taken
from reacties.brief.pdf import Briefbestand, bereid_voor, laad_brief, maak_pdf
from reacties.brief.taken import (
    PdfInVoorbereiding,
    PdfMislukt,
    adresruimte,
    geheugengrens,
    pdf_of_status,
    taak_id,
)
from tests import factories
from tests.html_controle import toegankelijkheidsfouten
from tests.reacties.rqhulp import REDIS_URL, RqOmgeving, nieuw_token, verbind_of_sla_over

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


@pytest.fixture
def rq(settings) -> RqOmgeving:
    """A PDF queue and the Django cache on the test Redis, both under a fresh token."""
    verbinding = verbind_of_sla_over()
    token = nieuw_token()
    oude_caches = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": token,
        }
    }
    settings.RQ_QUEUES = {token: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.BRIEF_PDF_WACHTRIJ = token
    settings.BRIEF_PDF_WACHT_SECONDEN = 0
    omgeving = RqOmgeving(token, verbinding)
    yield omgeving
    # Back to the in-process cache before conftest's cache.clear(): on Redis that would
    # empty the whole database, not only this test's keys.
    settings.CACHES = oude_caches
    omgeving.ruim_op()


@pytest.fixture
def brief():
    """A small letter: it renders in about 0.1 s."""
    return factories.maak_reactiebrief()


def pdf_url(brief, **query) -> str:
    url = reverse("reacties:pdf", args=[brief.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def tel_renders(monkeypatch) -> list[int]:
    """Count the renders in this process (the original still renders)."""
    renders: list[int] = []
    origineel = briefpdf.render_werk

    def render(werk):
        renders.append(werk.brief_pk)
        return origineel(werk)

    monkeypatch.setattr(briefpdf, "render_werk", render)
    return renders


# --- without a task queue: in process, as before ---------------------------------------


def test_zonder_wachtrij_rendert_het_verzoek_zelf_en_een_keer(
    brief, analist, client_for, settings, monkeypatch
):
    settings.RQ_QUEUES = {}
    renders = tel_renders(monkeypatch)
    client = client_for(analist)
    eerste = client.get(pdf_url(brief))
    assert eerste.status_code == 200
    assert eerste.content.startswith(b"%PDF-")
    # HEAD and a second GET come from the cache: still one render.
    assert client.head(pdf_url(brief)).status_code == 200
    assert client.get(pdf_url(brief)).content == eerste.content
    assert renders == [brief.pk]
    assert client.post(pdf_url(brief)).status_code == 405


def test_geheugengrens_geldt_alleen_binnen_het_blok():
    voor = resource.getrlimit(resource.RLIMIT_AS)
    in_gebruik = adresruimte()
    assert in_gebruik is not None
    with pytest.raises(MemoryError), geheugengrens(in_gebruik // MB + 64):
        bytearray(512 * MB)
    assert resource.getrlimit(resource.RLIMIT_AS) == voor
    assert len(bytearray(128 * MB)) == 128 * MB


# --- with a task queue on Redis ----------------------------------------------------------


def test_eerst_de_wachtpagina_dan_de_pdf(rq, brief, analist, client_for):
    client = client_for(analist)
    response = client.get(pdf_url(brief))
    assert response.status_code == 202
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "De PDF wordt voorbereid" in html
    assert 'role="status"' in html
    assert f'<meta http-equiv="refresh" content="2; url={pdf_url(brief)}">' in html
    assert "<script" not in html and "style=" not in html
    assert toegankelijkheidsfouten(html) == []
    assert f'href="{pdf_url(brief, verversen=0)}"' in html  # refreshing can be switched off
    assert len(rq.taken()) == 1

    rq.werk()
    response = client.get(pdf_url(brief))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # The worker renders the same bytes a render in process gives.
    assert response.content == briefpdf.render_werk(bereid_voor(laad_brief(brief.pk)))


def test_zonder_verversen_geen_meta_refresh(rq, brief, analist, client_for):
    html = client_for(analist).get(pdf_url(brief, verversen=0)).content.decode()
    assert "http-equiv" not in html
    assert "Kijk of de PDF klaar is" in html


def test_twee_verzoeken_en_een_head_geven_een_taak(rq, brief, analist, client_for):
    client = client_for(analist)
    assert client.get(pdf_url(brief)).status_code == 202
    assert client.head(pdf_url(brief)).status_code == 202
    assert client_for(factories.maak_gebruiker()).get(pdf_url(brief)).status_code == 403
    assert client.get(pdf_url(brief)).status_code == 202
    werk = bereid_voor(laad_brief(brief.pk))
    assert rq.taken() == [taak_id(rq.wachtrij, werk.sleutel)]


def test_gelijktijdig_in_de_wachtrij_zetten_geeft_een_taak(rq, brief):
    werk = bereid_voor(laad_brief(brief.pk))
    ident = taak_id(rq.wachtrij, werk.sleutel)
    start = threading.Barrier(8)

    def zet() -> None:
        start.wait()
        taken._zet_in_wachtrij(rq.wachtrij, werk, ident)

    draden = [threading.Thread(target=zet) for _ in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert rq.taken() == [ident]


def test_mislukte_taak_geeft_een_foutpagina_en_geen_nieuwe_poging(
    rq, brief, analist, client_for, monkeypatch, caplog
):
    def kapot(werk):
        raise RuntimeError("renderfout voor de test")

    monkeypatch.setattr(briefpdf, "render_werk", kapot)
    client = client_for(analist)
    assert client.get(pdf_url(brief)).status_code == 202
    rq.werk()
    with caplog.at_level(logging.WARNING, logger="adviesmonitor.brief"):
        response = client.get(pdf_url(brief))
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "De PDF kon niet worden gemaakt" in html
    assert 'role="alert"' in html
    assert toegankelijkheidsfouten(html) == []
    assert "http-equiv" not in html  # no endless refreshing
    assert f'href="{pdf_url(brief, opnieuw=1)}"' in html
    assert "renderfout voor de test" in caplog.text
    # Asking again shows the failure again; nothing is queued by itself.
    assert client.get(pdf_url(brief)).status_code == 503
    assert rq.taken() == []

    # The user's new try queues one job, which now succeeds.
    monkeypatch.undo()
    assert client.get(pdf_url(brief, opnieuw=1)).status_code == 202
    assert len(rq.taken()) == 1
    rq.werk()
    assert client.get(pdf_url(brief)).status_code == 200


def test_tijdslimiet_stopt_de_taak(rq, brief, settings, monkeypatch):
    settings.BRIEF_PDF_TAAK_SECONDEN = 1
    monkeypatch.setattr(briefpdf, "render_werk", lambda werk: time.sleep(30))
    assert isinstance(pdf_of_status(laad_brief(brief.pk)), PdfInVoorbereiding)
    begin = time.monotonic()
    rq.werk()
    assert time.monotonic() - begin < 15
    uitkomst = pdf_of_status(laad_brief(brief.pk))
    assert isinstance(uitkomst, PdfMislukt)
    assert "langer dan is toegestaan" in uitkomst.reden
    assert "JobTimeoutException" in rq.taak(uitkomst.taak_id).latest_result().exc_string


def test_geheugenlimiet_laat_de_taak_netjes_mislukken(rq, brief, settings, monkeypatch):
    voor = resource.getrlimit(resource.RLIMIT_AS)
    # The work horse is a fork of this process: allow it 64 MB beyond what it has now.
    settings.BRIEF_PDF_TAAK_GEHEUGEN_MB = adresruimte() // MB + 64
    monkeypatch.setattr(briefpdf, "render_werk", lambda werk: bytes(bytearray(512 * MB)))
    assert isinstance(pdf_of_status(laad_brief(brief.pk)), PdfInVoorbereiding)
    rq.werk()
    uitkomst = pdf_of_status(laad_brief(brief.pk))
    assert isinstance(uitkomst, PdfMislukt)
    assert "meer geheugen" in uitkomst.reden
    assert "MemoryError" in rq.taak(uitkomst.taak_id).latest_result().exc_string
    assert resource.getrlimit(resource.RLIMIT_AS) == voor  # only the horse was limited


def test_vastgelopen_taak_geeft_de_foutpagina(rq, brief, analist, client_for):
    client = client_for(analist)
    assert client.get(pdf_url(brief)).status_code == 202
    (ident,) = rq.taken()
    # Queued an hour ago, and no worker took it.
    rq.verbinding.hset(f"rq:job:{ident}", "enqueued_at", "2000-01-01T00:00:00.000000Z")
    response = client.get(pdf_url(brief))
    assert response.status_code == 503
    assert "niet op tijd" in response.content.decode()


def test_binnen_de_wachttijd_komt_de_pdf_direct(rq, brief, analist, client_for, settings):
    settings.BRIEF_PDF_WACHT_SECONDEN = 20
    proces = rq.werk_op_de_achtergrond(seconden=20)
    try:
        begin = time.monotonic()
        response = client_for(analist).get(pdf_url(brief))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF-")
        assert time.monotonic() - begin < 20
    finally:
        proces.join(timeout=25)
    assert proces.exitcode == 0


def test_een_pdf_van_enkele_mb_gaat_via_redis(rq, brief, analist, client_for, monkeypatch):
    groot = b"%PDF-1.7\n" + os.urandom(6 * MB)
    monkeypatch.setattr(briefpdf, "render_werk", lambda werk: groot)
    client = client_for(analist)
    assert client.get(pdf_url(brief)).status_code == 202
    rq.werk()
    response = client.get(pdf_url(brief))
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(groot))
    assert hashlib.sha256(response.content).digest() == hashlib.sha256(groot).digest()
    # The job's own result is a receipt, not a second copy of the PDF.
    werk = bereid_voor(laad_brief(brief.pk))
    resultaat = rq.taak(taak_id(rq.wachtrij, werk.sleutel)).return_value()
    assert resultaat == {"brief": brief.pk, "sleutel": werk.sleutel, "bytes": len(groot)}


def test_vastgestelde_brief_komt_uit_de_database(rq, brief, analist, client_for):
    vastlegging = factories.maak_vastlegging(brief)
    response = client_for(analist).get(pdf_url(brief))
    assert response.status_code == 200
    assert response.content == bytes(vastlegging.pdf)
    assert rq.taken() == []


def test_gecachte_pdf_komt_direct(rq, brief, monkeypatch):
    bestand = maak_pdf(laad_brief(brief.pk))  # rendered and stored in the Redis cache
    renders = tel_renders(monkeypatch)
    uitkomst = pdf_of_status(laad_brief(brief.pk))
    assert isinstance(uitkomst, Briefbestand) and uitkomst.uit_cache
    assert uitkomst.inhoud == bestand.inhoud
    assert renders == [] and rq.taken() == []


def test_rqworker_commando_werkt_met_de_instellingen(rq, brief, settings):
    # The worker reads everything from the environment, like a deployment: only REDIS_URL
    # (the queue reuses it) and the queue's name. Its cache prefix is the product's own.
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": "adviesmonitor"}}
    assert isinstance(pdf_of_status(laad_brief(brief.pk)), PdfInVoorbereiding)
    werk = bereid_voor(laad_brief(brief.pk))
    omgeving = {
        k: v for k, v in os.environ.items() if not k.startswith(("RQ_", "REDIS_", "BRIEF_"))
    }
    omgeving.update(
        SECRET_KEY="tests-only",
        DEBUG="0",
        DATABASE_URL="sqlite:///:memory:",
        REDIS_URL=REDIS_URL,
        BRIEF_PDF_WACHTRIJ=rq.token,
    )
    try:
        uitvoer = subprocess.run(
            [sys.executable, "manage.py", "rqworker", rq.token, "--burst", "--name", rq.token],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert uitvoer.returncode == 0, uitvoer.stderr
        uitkomst = pdf_of_status(laad_brief(brief.pk))
        assert isinstance(uitkomst, Briefbestand), uitvoer.stderr
        assert uitkomst.inhoud.startswith(b"%PDF-")
    finally:
        briefpdf.cache.delete(briefpdf.CACHE_PREFIX + werk.sleutel)


@pytest.mark.parametrize(
    ("omgeving", "melding"),
    [
        ({"RQ_REDIS_URL": "redis://127.0.0.1:6379/1"}, "RQ_REDIS_URL vereist REDIS_URL"),
        ({"BRIEF_PDF_TAAK_SECONDEN": "0"}, "BRIEF_PDF_TAAK_SECONDEN moet minstens 1 zijn"),
    ],
)
def test_onjuiste_instellingen_in_een_regel(omgeving, melding):
    schoon = {k: v for k, v in os.environ.items() if not k.startswith(("RQ_", "REDIS_", "BRIEF_"))}
    uitvoer = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**schoon, "SECRET_KEY": "tests-only", **omgeving},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uitvoer.returncode == 1
    assert uitvoer.stderr.strip().startswith(f"Configuratiefout: {melding}")
    assert len(uitvoer.stderr.strip().splitlines()) == 1
