"""The letter's PDF without tying up a web worker: background jobs on the rq queue.

``pdf_of_status(brief)`` answers with the PDF, or with where it stands:

- in the cache (keyed on the content, ``reacties.brief.pdf``): served at once;
- no task queue configured (no ``RQ_REDIS_URL``/``REDIS_URL``, the embedded default):
  rendered here, in the request, as before;
- otherwise one job per content key (its id is derived from the key, and rq enqueues it
  only when no job with that id exists, atomically), which the request waits for up to
  ``BRIEF_PDF_WACHT_SECONDEN``; then ``PdfInVoorbereiding`` (the view's self-refreshing
  page) or, for a job that failed or got stuck, ``PdfMislukt``. A failed job is not tried
  again by itself: it answers "mislukt" for ``FOUT_BEWAARTIJD``, unless a user asks for a
  new try before that.

The job gets the composed HTML and the asset list (``Renderwerk``), so the worker needs no
database and renders exactly the content the request saw; it does need the asset files
(fonts, logos) at the same paths, i.e. the same code and MEDIA_ROOT. It writes the PDF to
the Django cache under the content key; with Redis as the cache every web process finds it.

A worker is django-rq's ``manage.py rqworker pdf``. rq forks a work horse per job; the job
sets its own address-space limit (``RLIMIT_AS``, ``BRIEF_PDF_TAAK_GEHEUGEN_MB``), which
ends with the horse, and rq stops it after ``BRIEF_PDF_TAAK_SECONDEN``.
"""

from __future__ import annotations

import logging
import re
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import django_rq
from django.conf import settings
from redis import Redis
from rq import Queue, Worker
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus
from rq.results import Result
from rq.utils import utcparse

from reacties.brief import pdf as briefpdf
from reacties.brief.pdf import Briefbestand, Renderwerk
from reacties.models import Reactiebrief

logger = logging.getLogger("adviesmonitor.brief")

# How long a finished job is remembered (its PDF lives in the cache, much longer).
RESULTAAT_BEWAARTIJD = 10 * 60
# How long a failed job keeps answering "mislukt" before a request may start a new one.
FOUT_BEWAARTIJD = 60 * 60
# A job that has not finished this long after its time limit is taken as stuck (no worker
# running, or a worker that died with it): the user gets the error page, not endless waiting.
VASTGELOPEN_NA = 10 * 60
# The waiting page reloads itself after this many seconds.
VERVERS_SECONDEN = 2

BEZIG = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED, JobStatus.SCHEDULED}
_MB = 1024 * 1024


@dataclass(frozen=True)
class PdfInVoorbereiding:
    """The job is queued or running."""

    taak_id: str


@dataclass(frozen=True)
class PdfMislukt:
    """The job failed or got stuck; ``reden`` is for the user, in Dutch."""

    taak_id: str
    reden: str


Uitkomst = Briefbestand | PdfInVoorbereiding | PdfMislukt


# --- the queue ---------------------------------------------------------------------------

_verbindingen: dict[str, Redis] = {}


def pdf_wachtrij() -> Queue | None:
    """The PDF queue, or None when no task queue is configured (render in process)."""
    naam = settings.BRIEF_PDF_WACHTRIJ
    config = settings.RQ_QUEUES.get(naam)
    if not config:
        return None
    # One connection pool per process and URL, not one per request.
    url = config["URL"]
    if url not in _verbindingen:
        _verbindingen[url] = django_rq.get_connection(naam)
    # "auto": enqueue now, not at the end of a database transaction; the job reads nothing
    # from the database.
    return django_rq.get_queue(naam, connection=_verbindingen[url], commit_mode="auto")


def taak_id(wachtrij: Queue, sleutel: str) -> str:
    """One job id per queue and content: the same letter never renders twice at once."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", f"brief-pdf-{wachtrij.name}-{sleutel}")


# --- asking for the PDF ------------------------------------------------------------------


def pdf_of_status(brief: Reactiebrief, *, opnieuw: bool = False) -> Uitkomst:
    """The letter's PDF (cached, or rendered within the wait), or where its job stands.

    ``opnieuw``: the user asks for a new try after a failure; a job that is still queued or
    running is never started a second time."""
    wachtrij = pdf_wachtrij()
    if wachtrij is None:
        return briefpdf.maak_pdf(brief)  # from the cache, or rendered here and now
    werk = briefpdf.bereid_voor(brief)
    inhoud = briefpdf.uit_cache(werk.sleutel)
    if inhoud is not None:
        return Briefbestand(inhoud, werk.bestandsnaam, werk.sleutel, uit_cache=True)
    ident = taak_id(wachtrij, werk.sleutel)
    stand = _stand(wachtrij.connection, ident)
    if stand.mislukt and not opnieuw:
        return _mislukt(wachtrij, werk, ident, stand)
    if stand.status == JobStatus.FINISHED:
        # Finished since the cache was read a moment ago, or its PDF has left the cache.
        inhoud = briefpdf.uit_cache(werk.sleutel)
        if inhoud is not None:
            return Briefbestand(inhoud, werk.bestandsnaam, werk.sleutel, uit_cache=True)
    if stand.status is None or stand.mislukt or stand.status == JobStatus.FINISHED:
        # No job, a failed one the user wants retried, or a finished one whose PDF is gone:
        # a fresh job.
        if stand.status is not None:
            _verwijder(wachtrij, ident)
        _zet_in_wachtrij(wachtrij, werk, ident)
    return _wacht(wachtrij, werk, ident, settings.BRIEF_PDF_WACHT_SECONDEN)


@dataclass(frozen=True)
class _Stand:
    status: JobStatus | None  # None: no such job
    vastgelopen: bool = False

    @property
    def mislukt(self) -> bool:
        return self.vastgelopen or self.status in {
            JobStatus.FAILED,
            JobStatus.STOPPED,
            JobStatus.CANCELED,
        }


def _stand(verbinding: Redis, ident: str) -> _Stand:
    """The job's status from two fields of its hash: cheap enough to poll (the job itself
    holds the whole letter)."""
    status, in_wachtrij = verbinding.hmget(Job.key_for(ident), "status", "enqueued_at")
    if status is None:
        return _Stand(None)
    stand = JobStatus(status.decode())
    vastgelopen = False
    if stand in BEZIG and in_wachtrij:
        grens = timedelta(seconds=settings.BRIEF_PDF_TAAK_SECONDEN + VASTGELOPEN_NA)
        vastgelopen = datetime.now(UTC) - utcparse(in_wachtrij.decode()) > grens
    return _Stand(stand, vastgelopen)


def _zet_in_wachtrij(wachtrij: Queue, werk: Renderwerk, ident: str) -> None:
    try:
        wachtrij.enqueue_call(
            render_taak,
            args=(werk,),
            job_id=ident,
            unique=True,  # atomic: a second request for the same content gets DuplicateJobError
            timeout=settings.BRIEF_PDF_TAAK_SECONDEN,
            result_ttl=RESULTAAT_BEWAARTIJD,
            failure_ttl=FOUT_BEWAARTIJD,
            description=f"PDF van brief {werk.brief_pk}",
        )
        logger.info("PDF van brief %s in de wachtrij gezet (taak %s)", werk.brief_pk, ident)
    except DuplicateJobError:
        pass  # another request was first: wait for its job


def _verwijder(wachtrij: Queue, ident: str) -> None:
    with suppress(NoSuchJobError):  # gone already: another request removed it
        Job.fetch(ident, connection=wachtrij.connection).delete()


def _wacht(wachtrij: Queue, werk: Renderwerk, ident: str, seconden: float) -> Uitkomst:
    """Poll the job's status (not the cache, which would copy megabytes each time) until it
    ends or ``seconden`` have passed."""
    einde = time.monotonic() + seconden
    pauze = 0.05
    while True:
        stand = _stand(wachtrij.connection, ident)
        if stand.status == JobStatus.FINISHED:
            inhoud = briefpdf.uit_cache(werk.sleutel)
            if inhoud is not None:
                return Briefbestand(inhoud, werk.bestandsnaam, werk.sleutel, uit_cache=False)
            # Done, but not where this process looks: the worker writes to another cache.
            logger.error(
                "PDF van brief %s is gemaakt (taak %s) maar staat niet in de cache; "
                "gebruiken web en renderprocessen dezelfde REDIS_URL?",
                werk.brief_pk,
                ident,
            )
            return PdfMislukt(ident, "De PDF is gemaakt, maar kon niet worden opgehaald.")
        if stand.mislukt:
            return _mislukt(wachtrij, werk, ident, stand)
        over = einde - time.monotonic()
        if over <= 0:
            return PdfInVoorbereiding(ident)
        time.sleep(min(pauze, over))
        pauze = min(pauze * 1.5, 0.25)


def _mislukt(wachtrij: Queue, werk: Renderwerk, ident: str, stand: _Stand) -> PdfMislukt:
    fout = "" if stand.vastgelopen else _foutmelding(wachtrij, ident)
    if stand.vastgelopen:
        reden = (
            "Het maken van de PDF is niet op tijd begonnen of afgerond; mogelijk draait er "
            "geen renderproces."
        )
    elif "JobTimeoutException" in fout:
        reden = "Het maken van de PDF duurde langer dan is toegestaan."
    elif "MemoryError" in fout:
        reden = "Het maken van de PDF had meer geheugen nodig dan is toegestaan."
    elif "Work-horse terminated" in fout:
        reden = "Het proces dat de PDF maakte, is onverwacht gestopt."
    else:
        reden = "Bij het maken van de PDF is een fout opgetreden."
    laatste = fout.strip().splitlines()[-1] if fout.strip() else stand.status
    logger.warning(
        "PDF van brief %s niet beschikbaar: taak %s %s (%s)",
        werk.brief_pk,
        ident,
        "vastgelopen" if stand.vastgelopen else "mislukt",
        laatste,
    )
    return PdfMislukt(ident, reden)


def _foutmelding(wachtrij: Queue, ident: str) -> str:
    try:
        resultaat = Job.fetch(ident, connection=wachtrij.connection).latest_result()
    except NoSuchJobError:
        return ""
    if resultaat is None or resultaat.type != Result.Type.FAILED:
        return ""
    return resultaat.exc_string or ""


# --- the job, in the worker --------------------------------------------------------------


def render_taak(werk: Renderwerk) -> dict[str, object]:
    """Render within the memory limit and store the PDF under its content key. Runs in
    rq's work horse; the return value (not the PDF) is the job's result."""
    try:
        with geheugengrens(settings.BRIEF_PDF_TAAK_GEHEUGEN_MB):
            inhoud = briefpdf.render_werk(werk)
    except Exception:
        logger.exception("PDF van brief %s niet gemaakt (%s)", werk.brief_pk, werk.sleutel[:16])
        raise
    briefpdf.bewaar(werk.sleutel, inhoud)
    return {"brief": werk.brief_pk, "sleutel": werk.sleutel, "bytes": len(inhoud)}


@contextmanager
def geheugengrens(mb: int) -> Iterator[None]:
    """Limit this process's address space to ``mb`` MB while the block runs: an allocation
    beyond it raises MemoryError. The limit counts everything the process maps, including
    the interpreter and WeasyPrint's libraries (some 300 MB in a worker). It is put back
    afterwards, so it cannot outlive the job even in a worker that does not fork."""
    zacht, hard = resource.getrlimit(resource.RLIMIT_AS)
    grens = mb * _MB
    if hard != resource.RLIM_INFINITY:
        grens = min(grens, hard)
    in_gebruik = adresruimte()
    if in_gebruik is not None and in_gebruik >= grens:
        logger.error(
            "BRIEF_PDF_TAAK_GEHEUGEN_MB=%s ligt onder wat het renderproces al gebruikt "
            "(%d MB): elke PDF zal mislukken.",
            mb,
            in_gebruik // _MB,
        )
    resource.setrlimit(resource.RLIMIT_AS, (grens, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (zacht, hard))


def adresruimte() -> int | None:
    """This process's address space in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


class Renderworker(Worker):
    """rq's forking worker (one work horse per job), configured as django-rq's worker class
    (``RQ["WORKER_CLASS"]``) so that this module, and with it WeasyPrint and its libraries,
    is loaded once in the worker before the first fork: a horse starts with them instead of
    importing them for every job (a second or more)."""
