"""gunicorn's configuration for Adviesmonitor: ``gunicorn -c adviesmonitor/gunicorn.conf.py``.

Every figure comes from the environment (``GUNICORN_*``), so one file serves a laptop and a
production host; docs/deploy.md explains the choices. The app itself keeps no state in the
process (sessions in the database, cache and PDFs in Redis), so any number of these can run
behind one load balancer.
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name}={raw!r} is geen geheel getal.") from None


wsgi_app = "adviesmonitor.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Pages are short and mostly wait on PostgreSQL; PDFs render in the rq workers, not here.
# Two processes per core with a few threads each keep both cores busy without letting one
# slow request hold up the rest; memory stays ~100 MB per process.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count())
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread"

# A request that takes longer than this is a bug or an attack: the worker is recycled.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle processes now and then, staggered, so a slow leak in any library cannot grow for
# years; the jitter keeps the workers from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# The heartbeat files live in memory: a slow disk must not make the arbiter kill workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# X-Forwarded-* is trusted only from these addresses (the load balancer).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# TLS straight from gunicorn (``make serve`` on a workstation); behind a load balancer the
# balancer ends TLS and these stay empty.
certfile = os.environ.get("GUNICORN_CERTFILE") or None
keyfile = os.environ.get("GUNICORN_KEYFILE") or None

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Response time in microseconds (%(D)s) makes the access log usable for latency figures.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
