"""Load benchmark (issue "Production readiness"): many users at once against gunicorn, Redis
and PostgreSQL with 10,000 generated reports.

One command does everything and cleans up after itself:

1. PostgreSQL from DATABASE_URL (SQLite is refused: its figures say nothing about
   production). The database is created when missing and migrated; 10,000 generated reports
   (``--adviezen``) are loaded when fewer are there (generation takes a minute or two; the
   reports of an earlier run are reused, ``--vervang`` generates them afresh).
2. collectstatic, then gunicorn with the production settings: DEBUG off, a throwaway
   SECRET_KEY made for this run, ALLOWED_HOSTS 127.0.0.1, plain http (the https redirect and
   secure cookies off), the cache in Redis (``--redis-url``, a database of its own: it is
   emptied at the start, so no PDF is cached from an earlier run). With a PDF queue
   configured (``RQ_QUEUES``, reacties.brief.taken) one rq worker (``--pdf-werkers``) is
   started as well. Workers and threads: ``--workers``/``--threads`` (see below).
3. Sessions for the users (analysts and editors; an anonymous share reads the login page),
   made directly in the session store, so that 50 password hashes do not weigh on the start.
   Warm-up: every kind of page a few times (so each worker has compiled its templates and
   queries) and the PDFs of the letters the first phase downloads.
4. Phase 1: ``--gebruikers`` users for ``--duur`` seconds (locust, headless; the users are
   in bench/locustfile.py) mixing the list (unfiltered, paged, sorted, with one or two
   filters), searches (Dutch words of the generated data), reports, recommendations, the
   dashboard and cached PDFs, with a think time of ``--denktijd`` seconds between requests.
5. Phase 2: the same, plus ``--pdf-gebruikers`` users who each download, one after the other,
   PDFs of letters whose PDF is not in the cache (a 202 "being prepared" is a valid answer:
   they ask again after the page's refresh interval, until the PDF comes).
6. Per phase a table: requests per second, p50/p95/p99/max per kind of request and for all
   pages together (everything but PDFs), errors (count and first messages), the machine's
   load before and after; the percentiles as gunicorn measured them (its access log: without
   locust's own delays); and the CPU time of gunicorn, the rq worker, the servers'
   PostgreSQL backends and locust, in total and per request: on a shared machine the
   latencies include waiting for the CPU, the CPU time per request does not. ``--json PAD``
   writes the figures as JSON as well.

Target: no errors, p95 of all pages <= 300 ms, in both phases.

The analyst pages serve their counts and rendered content from the cache, per data version
(advies.gegevensversie): without writes during the run, most requests find them there.
``--wijzig-elke SECONDEN`` makes a change to the counted data that often during each phase
(as a busy editor would), so that the figures include making them again after each edit.

gunicorn (defaults for 2 cores, where locust runs too): 4 processes x 6 threads (gthread).
Pages are mostly Python (templates, the ORM) with short waits on PostgreSQL and Redis:
processes give parallelism across the cores (two per core, so one process's threads do not
queue for its interpreter lock: 3 x 8 measured a third slower at p95), threads fill a
process's waits. Six threads, because a request for a PDF that is not ready waits for its
job (BRIEF_PDF_WACHT_SECONDEN) holding its thread, and a burst of those must leave threads
for the pages. PostgreSQL: one persistent connection per thread (DATABASE_URL's default
conn_max_age; a pool would have to be as large, since a waiting thread keeps its
connection), so 24 plus the rq worker's, well under max_connections (printed).

The rq worker gets the CPU only when the pages leave it idle (``--pdf-cpu idle``: Linux's
SCHED_IDLE; in a systemd unit ``CPUSchedulingPolicy=idle``): PDFs are asynchronous and can
wait a moment, pages cannot. ``nice`` (nice 10) and ``normaal`` are there to compare.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/adviesmonitor_last \\
        .venv/bin/python bench/last.py [--gebruikers 50] [--duur 60] [--pdf-gebruikers 8]
        [--denktijd 1 3] [--workers 4] [--threads 6] [--pdf-werkers 1] [--pdf-cpu idle]
        [--poort 8151] [--redis-url redis://127.0.0.1:6379/2] [--adviezen 10000]
        [--vervang] [--json PAD] [--fase 1|2] [--wijzig-elke SECONDEN]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOEL_P95_MS = 300.0
# How long a PDF of the burst may take to come before it counts as an error.
PDF_MAX_WACHT = 60
# A synthetic entry of the locustfile: not a request, so left out of every total.
WACHTTIJD_PDF = "pdf nieuw: wachttijd tot PDF"
# The application_name of the servers' PostgreSQL connections.
APPLICATIE = "bench-last"


def _argumenten() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gebruikers", type=int, default=50, help="gelijktijdige gebruikers")
    parser.add_argument("--duur", type=int, default=60, help="seconden per fase")
    parser.add_argument(
        "--pdf-gebruikers",
        type=int,
        default=8,
        help="gebruikers die in fase 2 daarbovenop niet-gecachete PDF's halen",
    )
    parser.add_argument(
        "--denktijd",
        type=float,
        nargs=2,
        default=[1.0, 3.0],
        metavar=("MIN", "MAX"),
        help="seconden tussen twee verzoeken van een gebruiker (standaard 1 3)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn-processen")
    parser.add_argument("--threads", type=int, default=6, help="threads per gunicorn-proces")
    parser.add_argument("--pdf-werkers", type=int, default=1, help="rq-werkers voor PDF's")
    parser.add_argument(
        "--pdf-cpu",
        choices=["idle", "nice", "normaal"],
        default="idle",
        help="CPU-voorrang van de rq-werkers: alleen wat de pagina's overlaten (idle, "
        "standaard), nice 10, of gelijk aan de pagina's",
    )
    parser.add_argument("--poort", type=int, default=8151)
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/2",
        help="cache en wachtrij van deze meting; een eigen database: wordt eerst geleegd",
    )
    parser.add_argument("--adviezen", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vervang", action="store_true", help="genereer de adviezen opnieuw")
    parser.add_argument("--json", type=Path, help="schrijf de cijfers ook als JSON hierheen")
    parser.add_argument("--fase", type=int, choices=[1, 2], help="alleen deze fase")
    parser.add_argument(
        "--wijzig-elke",
        type=float,
        default=0,
        metavar="SECONDEN",
        help="wijzig tijdens elke fase zo vaak een telling (een redacteur aan het werk): "
        "de gecachete tellingen moeten dan opnieuw (standaard 0: nooit)",
    )
    return parser.parse_args()


# --- the environment: the same for this process, gunicorn and the rq worker ----------------


def _omgeving(args: argparse.Namespace) -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        sys.exit(
            "Geweigerd: deze meting draait alleen op PostgreSQL. Zet DATABASE_URL, bijvoorbeeld "
            "postgres://postgres@127.0.0.1:5432/adviesmonitor_last"
        )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "adviesmonitor.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),  # made per run, never stored
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain http on this machine: no redirect to https, cookies without Secure, no HSTS.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": args.redis_url,
        "RQ_REDIS_URL": args.redis_url,  # the PDF queue in the same, dedicated database
        # So that their PostgreSQL backends can be told apart (CPU per request, below).
        "DATABASE_URL": url + ("&" if "?" in url else "?") + f"application_name={APPLICATIE}",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def _django(omgeving: dict[str, str]) -> None:
    os.environ.update(omgeving)
    import django

    django.setup()


def _maak_database() -> str:
    """Create the database of DATABASE_URL when it is missing; its name."""
    import psycopg
    from django.conf import settings
    from psycopg import sql

    db = settings.DATABASES["default"]
    verbinding = {
        "dbname": "postgres",
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
    }
    with psycopg.connect(**{k: v for k, v in verbinding.items() if v}, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
            print(f"database {db['NAME']} aangemaakt")
    return db["NAME"]


def _gegevens(args: argparse.Namespace) -> tuple[int, int]:
    """Migrate and make sure the generated reports are there; (reports, recommendations)."""
    from django.core.management import call_command
    from django.db import connection

    from advies import testdata
    from advies.models import Aanbeveling

    call_command("migrate", interactive=False, verbosity=0)
    aanwezig = testdata.gegenereerde_adviezen().count()
    erbij = args.adviezen if args.vervang else args.adviezen - aanwezig
    if erbij > 0:
        print(f"{erbij} adviezen genereren (seed {args.seed}); dat duurt even...", flush=True)
        begin = time.perf_counter()
        testdata.genereer(erbij, args.seed, vervang=args.vervang)
        print(f"  klaar in {time.perf_counter() - begin:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would soon do after a bulk load
    elif aanwezig > args.adviezen:
        print(f"Let op: {aanwezig} gegenereerde adviezen aanwezig, meer dan {args.adviezen}.")
    return testdata.gegenereerde_adviezen().count(), Aanbeveling.objects.count()


def _collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _leeg_cache() -> None:
    """Empty this run's Redis database: no PDF or page figure from an earlier run."""
    from django.core.cache import cache

    cache.clear()


# --- users, sessions and what they request ------------------------------------------------

GEBRUIKERS = {"analist": 6, "redacteur": 3}


def _sessies(aantal: int) -> dict[str, list[str]]:
    """``aantal`` sessions per role, for a few users of that role (made when missing, with
    an unusable password: they only ever log in through these sessions)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from adviesmonitor.rollen import ANALIST, IS_STAFF, REDACTEUR

    rollen = {"analist": ANALIST, "redacteur": REDACTEUR}
    model = get_user_model()
    sessies: dict[str, list[str]] = {}
    for rol, groep in rollen.items():
        gebruikers = []
        for i in range(1, GEBRUIKERS[rol] + 1):
            gebruiker, nieuw = model.objects.get_or_create(
                username=f"last-{rol}-{i}", defaults={"is_staff": IS_STAFF[groep]}
            )
            if nieuw:
                gebruiker.set_unusable_password()
                gebruiker.save()
            gebruiker.groups.set([Group.objects.get(name=groep)])
            gebruikers.append(gebruiker)
        sessies[rol] = []
        for i in range(aantal):
            client = Client()
            client.force_login(gebruikers[i % len(gebruikers)])
            sessies[rol].append(client.session.session_key)
    return sessies


def _verwijder_sessies(sessies: dict[str, list[str]]) -> None:
    from django.contrib.sessions.models import Session

    Session.objects.filter(
        session_key__in=[s for lijst in sessies.values() for s in lijst]
    ).delete()


def _steekproef(rng: random.Random, pdf_koud: int) -> dict:
    """Ids, slugs, filters, words and letters for the users to pick from."""
    from django.db.models import Count

    from advies import testdata, testdata_gegevens
    from advies.filters import JA, NEE, STANDPUNTKEUZES
    from advies.models import Aanbeveling, Bestuurslaag, Raad
    from programmas.models import Programma
    from reacties.models import Reactiebrief, Vastlegging
    from reacties.models import Toezeggingstatus as TS

    aanbevelingen = list(Aanbeveling.objects.values_list("pk", flat=True))
    adviezen = list(testdata.gegenereerde_adviezen().values_list("slug", "publicatiedatum"))
    # Letters without a stored PDF (a frozen letter's PDF comes from the database as is).
    brieven = list(
        Reactiebrief.objects.exclude(pk__in=Vastlegging.objects.values("brief_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng.shuffle(brieven)
    jaren = sorted({d.year for _, d in adviezen if d})
    programmas = (
        Programma.objects.annotate(n=Count("koppelingen"))
        .filter(n__gt=0)
        .order_by("-n")
        .values_list("slug", flat=True)[:15]
    )
    slugs = [s for s, _ in adviezen]
    filters = (
        [("bestuurslaag", s) for s in Bestuurslaag.objects.values_list("slug", flat=True)]
        + [("raad", a) for a in Raad.objects.values_list("afkorting", flat=True)]
        + [("jaar", str(j)) for j in jaren]
        + [("jaar_van", str(j)) for j in jaren[-4:]]
        + [("standpunt", s) for s, _ in STANDPUNTKEUZES]
        + [("programma", s) for s in programmas]
        + [("toezeggingstatus", s) for s in TS.values]
        + [("nieuwe_toezegging", JA), ("nieuwe_toezegging", NEE)]
        + [("advies", s) for s in rng.sample(slugs, 20)]
    )
    thema = [t.sleutel for t in testdata_gegevens.THEMAS]
    return {
        "aanbevelingen": rng.sample(aanbevelingen, min(3000, len(aanbevelingen))),
        "adviezen": rng.sample(slugs, min(2000, len(slugs))),
        "filters": filters,
        "woorden": [*thema, "eenzaamheid ouderen", "sociale basis", "wonen zorg"],
        "pdf_warm": brieven[:20],
        "pdf_koud": brieven[20 : 20 + pdf_koud],
    }


# --- processes ------------------------------------------------------------------------------


@dataclass
class Processen:
    """What this run started; ``stop`` ends all of it (each in its own process group)."""

    map: Path
    lopend: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    def start(self, naam: str, opdracht: list[str], omgeving: dict[str, str]) -> None:
        # The process writes to its own copy of the file; ours is closed at once.
        with open(self.map / f"{naam}.log", "wb") as log:
            proces = subprocess.Popen(
                opdracht,
                cwd=ROOT,
                env=omgeving,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole
            )
        self.lopend.append((naam, proces))

    def controleer(self) -> None:
        for naam, proces in self.lopend:
            if proces.poll() is not None:
                raise RuntimeError(
                    f"{naam} is gestopt (status {proces.returncode}):\n{self.staart(naam)}"
                )

    def staart(self, naam: str, regels: int = 30) -> str:
        pad = self.map / f"{naam}.log"
        return (
            "\n".join(pad.read_text(errors="replace").splitlines()[-regels:])
            if pad.exists()
            else ""
        )

    def stop(self) -> None:
        """SIGTERM to each group we started (gunicorn stops its workers, rq its work
        horse), SIGKILL after 20 seconds."""
        for _, proces in reversed(self.lopend):
            if proces.poll() is None:
                with suppress(ProcessLookupError):
                    os.killpg(proces.pid, signal.SIGTERM)
        for _, proces in reversed(self.lopend):
            try:
                proces.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(proces.pid, signal.SIGKILL)
                proces.wait()
        self.lopend.clear()


TOEGANGSLOG = "toegang.log"
# Request line, status and microseconds in gunicorn: the server's own time per request.
_TOEGANG = re.compile(r'^"(?:GET|HEAD|POST) (\S+) [^"]*" (\d{3}) (\d+)$')


def _gunicorn(args: argparse.Namespace, map: Path) -> list[str]:
    opdracht = [sys.executable, "-m", "gunicorn"]
    conf = ROOT / "adviesmonitor" / "gunicorn.conf.py"
    if conf.exists():  # the production configuration; the choices below override it
        opdracht += ["-c", str(conf)]
    return [
        *opdracht,
        "--bind", f"127.0.0.1:{args.poort}",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--worker-class", "gthread",
        "--timeout", "120",
        "--access-logfile", str(map / TOEGANGSLOG),
        "--access-logformat", '"%(r)s" %(s)s %(D)s',
        "adviesmonitor.wsgi:application",
    ]  # fmt: skip


def _servertijden(map: Path, vanaf: int) -> dict:
    """p50/p95/p99 in ms as gunicorn measured them (without locust and the network: what is
    left of a client-side delay is waiting in the machine), for pages and for PDFs, from
    byte ``vanaf`` of the access log."""
    paginas: list[float] = []
    pdfs: list[float] = []
    with open(map / TOEGANGSLOG, "rb") as log:
        log.seek(vanaf)
        for regel in log.read().decode(errors="replace").splitlines():
            treffer = _TOEGANG.match(regel.strip())
            if treffer:
                pad, ms = treffer.group(1), int(treffer.group(3)) / 1000
                (pdfs if "/pdf/" in pad else paginas).append(ms)
    uit = {}
    for naam, tijden in (("paginas", sorted(paginas)), ("pdf", sorted(pdfs))):
        uit[naam] = {
            "aantal": len(tijden),
            **{f"p{p}_ms": round(_percentiel(tijden, p), 1) for p in (50, 95, 99)},
        }
    return uit


def _loggrootte(map: Path) -> int:
    pad = map / TOEGANGSLOG
    return pad.stat().st_size if pad.exists() else 0


def _voorrang(keuze: str) -> list[str]:
    """The command prefix that gives the rq worker its CPU priority (Linux)."""
    if keuze == "idle" and shutil.which("chrt"):
        return ["chrt", "--idle", "0"]
    if keuze in ("idle", "nice") and shutil.which("nice"):
        return ["nice", "-n", "10"]
    return []


def _pdf_wachtrij() -> str | None:
    """The PDF queue's name when a task queue is configured, else None (rendered in the
    request)."""
    from django.conf import settings

    naam = getattr(settings, "BRIEF_PDF_WACHTRIJ", None)
    return naam if naam and naam in getattr(settings, "RQ_QUEUES", {}) else None


# --- HTTP outside locust: readiness and warm-up --------------------------------------------


def _haal(basis: str, pad: str, sessie: str | None, cookie: str) -> tuple[int, bytes]:
    verzoek = urllib.request.Request(basis + pad)
    if sessie:
        verzoek.add_header("Cookie", f"{cookie}={sessie}")

    class _GeenDoorverwijzing(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(_GeenDoorverwijzing)
    try:
        with opener.open(verzoek, timeout=120) as antwoord:
            return antwoord.status, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.read()


def _wacht_op_server(basis: str, processen: Processen, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        processen.controleer()
        try:
            if _haal(basis, "/inloggen/", None, "")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(
        f"gunicorn antwoordt niet binnen {seconden} s:\n{processen.staart('gunicorn')}"
    )


def _pdf(basis: str, brief: int, sessie: str, cookie: str, verversen: float) -> None:
    """The letter's PDF, asking again while it is being prepared (202)."""
    einde = time.monotonic() + PDF_MAX_WACHT
    while True:
        status, inhoud = _haal(basis, f"/brieven/{brief}/pdf/", sessie, cookie)
        if status == 200 and inhoud.startswith(b"%PDF"):
            return
        if status != 202 or time.monotonic() > einde:
            raise RuntimeError(f"opwarmen: PDF van brief {brief} geeft {status}")
        time.sleep(verversen)


def _warm_op(basis: str, gegevens: dict, keer: int) -> None:
    """Every kind of page ``keer`` times (each worker compiles its templates and queries; each
    request takes its own connection, so the arbiter spreads them), then the PDFs of the
    first phase."""
    cookie = gegevens["sessiecookie"]
    for rol, lijst in gegevens["sessies"].items():
        sessie = lijst[0]
        paden = [
            "/aanbevelingen/",
            f"/aanbevelingen/?q={gegevens['woorden'][0]}",
            f"/aanbevelingen/?{gegevens['filters'][0][0]}={gegevens['filters'][0][1]}",
            f"/adviezen/{gegevens['adviezen'][0]}/",
            f"/aanbevelingen/{gegevens['aanbevelingen'][0]}/",
            "/dashboard/",
        ]
        for _ in range(keer if rol == "analist" else 1):
            for pad in paden:
                status, _inhoud = _haal(basis, pad, sessie, cookie)
                if status != 200:
                    raise RuntimeError(f"opwarmen: {pad} als {rol} geeft {status}")
    sessie = gegevens["sessies"]["analist"][0]
    for brief in gegevens["pdf_warm"]:
        _pdf(basis, brief, sessie, cookie, gegevens["verversen"])


# --- CPU time: what each request costs, whatever else runs on the machine ------------------

_TIK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int | str) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _cpu_groep(pgid: int) -> float:
    """CPU seconds of a process group (gunicorn with its workers, an rq worker with its
    work horses), including children that have ended and were waited for."""
    totaal = 0.0
    for naam in os.listdir("/proc"):
        velden = _stat(naam) if naam.isdigit() else None
        if velden is None or int(velden[2]) != pgid:
            continue
        totaal += int(velden[11]) + int(velden[12])
        if int(naam) == pgid:
            totaal += int(velden[13]) + int(velden[14])
    return totaal / _TIK


def _cpu_postgres() -> dict[int, float]:
    """CPU seconds per PostgreSQL backend of the servers (on this machine; empty when the
    database runs elsewhere)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APPLICATIE])
        pids = [pid for (pid,) in cursor.fetchall()]
    tijden = {}
    for pid in pids:
        velden = _stat(pid)
        if velden is not None:
            tijden[pid] = (int(velden[11]) + int(velden[12])) / _TIK
    return tijden


@dataclass
class Cpu:
    """A snapshot of the CPU seconds of everything in the measurement."""

    groepen: dict[str, float]
    postgres: dict[int, float]
    kinderen: float  # locust: this process's ended children

    @classmethod
    def nu(cls, processen: Processen) -> Cpu:
        import resource

        kinderen = resource.getrusage(resource.RUSAGE_CHILDREN)
        return cls(
            {naam: _cpu_groep(p.pid) for naam, p in processen.lopend},
            _cpu_postgres(),
            kinderen.ru_utime + kinderen.ru_stime,
        )

    def tot(self, later: Cpu) -> dict[str, float]:
        """Seconds used between this snapshot and ``later``, per part."""
        uit: dict[str, float] = {"gunicorn": 0.0, "rq": 0.0}
        for naam, tijd in later.groepen.items():
            soort = "gunicorn" if naam == "gunicorn" else "rq"
            uit[soort] += tijd - self.groepen.get(naam, 0.0)
        uit["postgres"] = sum(t - self.postgres.get(pid, 0.0) for pid, t in later.postgres.items())
        uit["locust"] = later.kinderen - self.kinderen
        return {k: round(v, 2) for k, v in uit.items()}


# --- a phase: locust, then the figures ----------------------------------------------------


@contextmanager
def _redacteur(seconden: float):
    """While the block runs, every ``seconden`` a committed change to a counted table (a
    council's name set to itself: no content changes, but the data version does, so every
    cached count and page must be made again, as after a real edit)."""
    if not seconden:
        yield
        return
    stop = threading.Event()

    def werk() -> None:
        from django.db import connection
        from django.db.models import F

        from advies.models import Raad

        try:
            while not stop.wait(seconden):
                Raad.objects.filter(pk=Raad.objects.order_by("pk").values("pk")[:1]).update(
                    naam=F("naam")
                )
        finally:
            connection.close()

    draad = threading.Thread(target=werk, daemon=True)
    draad.start()
    try:
        yield
    finally:
        stop.set()
        draad.join()


@dataclass
class Fasemeting:
    verzoeken: list[list]  # as the locustfile wrote them
    seconden: float
    belasting_voor: tuple[float, ...]
    belasting_na: tuple[float, ...]
    cpu_s: dict[str, float]  # CPU seconds per part
    server: dict  # times as gunicorn measured them (_servertijden)


def _fase(
    args: argparse.Namespace,
    basis: str,
    gegevens_pad: Path,
    processen: Processen,
    piek: int,
) -> Fasemeting:
    """Run locust for one phase."""
    map = processen.map
    uitvoer = map / f"verzoeken-{piek}.json"
    omgeving = {
        **os.environ,
        "LAST_GEGEVENS": str(gegevens_pad),
        "LAST_UITVOER": str(uitvoer),
        "LAST_PDF_PIEK": str(piek),
    }
    gebruikers = args.gebruikers + piek
    opdracht = [
        sys.executable, "-m", "locust",
        "-f", str(ROOT / "bench" / "locustfile.py"),
        "--headless", "--only-summary", "--loglevel", "WARNING",
        "-u", str(gebruikers), "-r", str(gebruikers),
        "-t", f"{args.duur}s", "--stop-timeout", "30",
        "--host", basis,
    ]  # fmt: skip
    belasting_voor = os.getloadavg()
    cpu_voor = Cpu.nu(processen)
    logbegin = _loggrootte(map)
    begin = time.monotonic()
    with _redacteur(args.wijzig_elke), open(map / f"locust-{piek}.log", "wb") as log:
        klaar = subprocess.run(
            opdracht, cwd=ROOT, env=omgeving, stdout=log, stderr=subprocess.STDOUT
        )
    seconden = time.monotonic() - begin
    cpu = cpu_voor.tot(Cpu.nu(processen))
    if not uitvoer.exists():
        staart = (map / f"locust-{piek}.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"locust gaf geen uitvoer (status {klaar.returncode}):\n{staart}")
    return Fasemeting(
        json.loads(uitvoer.read_text()),
        min(seconden, args.duur),
        belasting_voor,
        os.getloadavg(),
        cpu,
        _servertijden(map, logbegin),
    )


def _percentiel(gesorteerd: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    if not gesorteerd:
        return float("nan")
    rang = max(1, -(-len(gesorteerd) * p // 100))
    return gesorteerd[int(rang) - 1]


def _cijfers(verzoeken: list[list], seconden: float) -> dict:
    tijden = sorted(v[1] for v in verzoeken)
    fouten = [v[3] for v in verzoeken if v[3]]
    return {
        "aantal": len(verzoeken),
        "per_seconde": round(len(verzoeken) / seconden, 1),
        "p50_ms": round(_percentiel(tijden, 50), 1),
        "p95_ms": round(_percentiel(tijden, 95), 1),
        "p99_ms": round(_percentiel(tijden, 99), 1),
        "max_ms": round(tijden[-1], 1) if tijden else None,
        "fouten": len(fouten),
        "status": _tel_status(verzoeken),
    }


def _tel_status(verzoeken: list[list]) -> dict[str, int]:
    telling: dict[str, int] = {}
    for v in verzoeken:
        telling[str(v[2])] = telling.get(str(v[2]), 0) + 1
    return telling


def _samenvatting(verzoeken: list[list], seconden: float) -> dict:
    soorten: dict[str, list[list]] = {}
    for v in verzoeken:
        soorten.setdefault(v[0], []).append(v)
    echt = [v for v in verzoeken if v[0] != WACHTTIJD_PDF]
    paginas = [v for v in echt if not v[0].startswith("pdf")]
    fouten: dict[str, int] = {}
    for v in echt:
        if v[3]:
            fouten[v[3]] = fouten.get(v[3], 0) + 1
    return {
        "seconden": round(seconden, 1),
        "soorten": {s: _cijfers(lijst, seconden) for s, lijst in sorted(soorten.items())},
        "paginas": _cijfers(paginas, seconden),
        "alles": _cijfers(echt, seconden),
        "fouten": len([v for v in echt if v[3]]),
        "eerste_fouten": sorted(fouten.items(), key=lambda f: -f[1])[:8],
    }


def _druk_af(titel: str, s: dict) -> bool:
    """Print one phase's table; whether it meets the target."""
    print(f"\n{titel}")
    kop = (
        f"  {'soort':<28}{'aantal':>7}{'per s':>8}"
        + "".join(f"{k:>7}" for k in ("p50", "p95", "p99", "max"))
        + f"{'fout':>6}"
    )
    print(kop + "   (ms)")

    def regel(naam: str, c: dict) -> None:
        print(
            f"  {naam:<28}{c['aantal']:>7}{c['per_seconde']:>8.1f}{c['p50_ms']:>7.0f}"
            f"{c['p95_ms']:>7.0f}{c['p99_ms']:>7.0f}{c['max_ms'] or 0:>7.0f}{c['fouten']:>6}"
        )

    for naam, c in s["soorten"].items():
        regel(naam, c)
    print("  " + "-" * (len(kop) - 2))
    regel("alle pagina's", s["paginas"])
    regel("alle verzoeken", s["alles"])
    statussen = ", ".join(f"{k}: {n}" for k, n in sorted(s["alles"]["status"].items()))
    print(f"  statuscodes: {statussen}")
    if s["eerste_fouten"]:
        print(f"  fouten ({s['fouten']}), de meest voorkomende:")
        for melding, n in s["eerste_fouten"]:
            print(f"    {n:>5}x {melding}")
    if "cpu_s" in s:
        aantal = max(s["alles"]["aantal"], 1)
        delen = ", ".join(
            f"{naam} {sec:.1f} s ({1000 * sec / aantal:.1f} ms/verzoek)"
            for naam, sec in s["cpu_s"].items()
        )
        kernen = os.cpu_count() or 1
        # What the machine could serve if nothing else ran on it: its cores / CPU per request.
        server = s["cpu_s"]["gunicorn"] + s["cpu_s"]["rq"] + s["cpu_s"]["postgres"]
        print(f"  CPU-tijd: {delen}")
        if server:
            print(
                f"  server (gunicorn + rq + PostgreSQL): {1000 * server / aantal:.1f} ms CPU per "
                f"verzoek, {100 * server / s['seconden'] / kernen:.0f}% van {kernen} kernen"
            )
    if "server" in s:
        for naam, titel in (("paginas", "pagina's"), ("pdf", "PDF's")):
            c = s["server"][naam]
            if c["aantal"]:
                print(
                    f"  in gunicorn gemeten, {titel}: p50 {c['p50_ms']:.0f}, p95 {c['p95_ms']:.0f}"
                    f", p99 {c['p99_ms']:.0f} ms ({c['aantal']} verzoeken)"
                )
    gehaald = s["fouten"] == 0 and s["paginas"]["p95_ms"] <= DOEL_P95_MS
    print(
        f"  doel (0 fouten, p95 pagina's <= {DOEL_P95_MS:.0f} ms): "
        f"{'gehaald' if gehaald else 'NIET gehaald'}"
    )
    return gehaald


def _belasting(cijfers: tuple[float, ...]) -> str:
    return " ".join(f"{c:.2f}" for c in cijfers)


# --- the run ------------------------------------------------------------------------------


def main() -> int:
    args = _argumenten()
    # A SIGTERM ends the run through its finally as well: nothing started stays behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    omgeving = _omgeving(args)
    _django({**omgeving, "DATABASE_URL": os.environ["DATABASE_URL"]})
    from django.conf import settings
    from django.db import connection

    naam = _maak_database()
    adviezen, aanbevelingen = _gegevens(args)
    _collectstatic()
    _leeg_cache()
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_verbindingen = int(cursor.fetchone()[0])
    db = settings.DATABASES["default"]
    pool = bool(db.get("OPTIONS", {}).get("pool"))
    wachtrij = _pdf_wachtrij()
    verversen = 2.0
    if wachtrij:
        from reacties.brief.taken import VERVERS_SECONDEN

        verversen = float(VERVERS_SECONDEN)

    rng = random.Random(args.seed)
    piek = 0 if args.fase == 1 else args.pdf_gebruikers
    steekproef = _steekproef(rng, pdf_koud=max(500, 200 * piek))
    sessies = _sessies(args.gebruikers + piek)  # deleted again at the end (finally)
    gegevens = {
        **steekproef,
        "sessies": sessies,
        "sessiecookie": settings.SESSION_COOKIE_NAME,
        "denktijd": args.denktijd,
        "verversen": verversen,
        "pdf_max_wacht": PDF_MAX_WACHT,
    }
    basis = f"http://127.0.0.1:{args.poort}"
    verbindingen = args.workers * (4 if pool else args.threads) + (
        args.pdf_werkers if wachtrij else 0
    )
    instellingen = {
        "database": naam,
        "adviezen": adviezen,
        "aanbevelingen": aanbevelingen,
        "gunicorn": f"{args.workers} processen x {args.threads} threads (gthread)",
        "postgresql": (
            ("psycopg-pool (4 per proces)" if pool else f"conn_max_age={db['CONN_MAX_AGE']}")
            + f"; tot {verbindingen} verbindingen, max_connections {max_verbindingen}"
        ),
        "pdf": (
            f"wachtrij '{wachtrij}', {args.pdf_werkers} rq-werker(s), CPU: {args.pdf_cpu}"
            if wachtrij
            else "in het verzoek"
        ),
        "gebruikers": args.gebruikers,
        "pdf_gebruikers": args.pdf_gebruikers,
        "denktijd_s": args.denktijd,
        "duur_s": args.duur,
        "wijzig_elke_s": args.wijzig_elke,
    }
    print(f"{adviezen} gegenereerde adviezen, {aanbevelingen} aanbevelingen in {naam}")
    for sleutel in ("gunicorn", "postgresql", "pdf"):
        print(f"{sleutel}: {instellingen[sleutel]}")

    uitslag: dict = {"datum": dt.datetime.now().isoformat(timespec="seconds"), **instellingen}
    with tempfile.TemporaryDirectory(prefix="bench-last-") as tmp:
        map = Path(tmp)
        gegevens_pad = map / "gegevens.json"
        gegevens_pad.write_text(json.dumps(gegevens), encoding="utf-8")
        processen = Processen(map)
        try:
            processen.start("gunicorn", _gunicorn(args, map), omgeving)
            if wachtrij:
                for i in range(args.pdf_werkers):
                    opdracht = [sys.executable, "manage.py", "rqworker", wachtrij]
                    opdracht = [*_voorrang(args.pdf_cpu), *opdracht]
                    processen.start(f"rqworker-{i + 1}", opdracht, omgeving)
            _wacht_op_server(basis, processen)
            begin = time.perf_counter()
            _warm_op(basis, gegevens, keer=2 * args.workers)
            print(f"opgewarmd in {time.perf_counter() - begin:.0f} s", flush=True)
            fases = [(1, 0), (2, args.pdf_gebruikers)]
            uitslag["fases"] = []
            for nummer, extra in fases:
                if args.fase and nummer != args.fase:
                    continue
                meting = _fase(args, basis, gegevens_pad, processen, extra)
                processen.controleer()
                samenvatting = _samenvatting(meting.verzoeken, meting.seconden)
                samenvatting["cpu_s"] = meting.cpu_s
                samenvatting["server"] = meting.server
                voor, na = meting.belasting_voor, meting.belasting_na
                titel = (
                    f"Fase {nummer}: {args.gebruikers} gebruikers"
                    + (f" + {extra} met niet-gecachete PDF's" if extra else "")
                    + (f", elke {args.wijzig_elke:g} s een wijziging" if args.wijzig_elke else "")
                    + f", {args.duur} s; belasting voor {_belasting(voor)}, na {_belasting(na)}"
                )
                samenvatting["doel_gehaald"] = _druk_af(titel, samenvatting)
                uitslag["fases"].append(
                    {
                        "fase": nummer,
                        "pdf_gebruikers": extra,
                        "belasting_voor": voor,
                        "belasting_na": na,
                        **samenvatting,
                    }
                )
        except Exception:
            for naam_proces, _ in processen.lopend:
                print(f"--- {naam_proces} (laatste regels) ---\n{processen.staart(naam_proces)}")
            raise
        finally:
            processen.stop()
            _verwijder_sessies(sessies)
    if args.json:
        args.json.write_text(json.dumps(uitslag, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\ncijfers geschreven naar {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
