"""A real rq queue for tests: Redis on a database number of its own, a queue and cache
prefix unique to the test (so parallel runs and other tests never meet), and real forking
workers.

The Redis URL is ADVIESMONITOR_TEST_REDIS_URL (default: database 15 on the local server).
Without a reachable Redis the tests are skipped, unless ADVIESMONITOR_VEREIS_REDIS=1 (CI):
then they fail. Only the keys that carry the test's own token are removed afterwards.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import uuid
from dataclasses import dataclass, field

import pytest
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from rq.job import Job

from reacties.brief.taken import Renderworker, pdf_wachtrij

REDIS_URL = os.environ.get("ADVIESMONITOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def verbind_of_sla_over() -> Redis:
    verbinding = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        verbinding.ping()
    except RedisError as fout:
        melding = f"Redis is niet bereikbaar op {REDIS_URL}: {fout}"
        if os.environ.get("ADVIESMONITOR_VEREIS_REDIS") == "1":
            pytest.fail(melding)
        pytest.skip(melding)
    return verbinding


@dataclass
class RqOmgeving:
    token: str
    verbinding: Redis
    _workers: int = field(default=0)

    @property
    def wachtrij(self) -> Queue:
        wachtrij = pdf_wachtrij()
        assert wachtrij is not None and wachtrij.name == self.token
        return wachtrij

    def taken(self) -> list[str]:
        """Ids of the jobs waiting in the queue."""
        return self.wachtrij.get_job_ids()

    def taak(self, ident: str) -> Job:
        return Job.fetch(ident, connection=self.verbinding)

    def _worker(self) -> Renderworker:
        self._workers += 1
        wachtrij = self.wachtrij
        return Renderworker(
            [wachtrij], connection=wachtrij.connection, name=f"{self.token}-{self._workers}"
        )

    def werk(self) -> None:
        """Run every queued job with a real forking worker in burst mode, here and now."""
        worker = self._worker()
        # The worker takes over SIGINT and SIGTERM; give them back to pytest afterwards.
        oud = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            worker.work(burst=True, logging_level="WARNING")
        finally:
            for s, handler in oud.items():
                signal.signal(s, handler)

    def werk_op_de_achtergrond(self, seconden: int) -> multiprocessing.process.BaseProcess:
        """A worker in a child process that waits up to ``seconden`` for one job, runs it
        and stops: the web side can meanwhile wait for it. The fork carries this test's
        settings along; the child never touches the database."""
        worker = self._worker()

        def draai() -> None:
            worker.work(max_jobs=1, max_idle_time=seconden, logging_level="WARNING")

        proces = multiprocessing.get_context("fork").Process(target=draai, daemon=True)
        proces.start()
        return proces

    def ruim_op(self) -> None:
        for sleutel in self.verbinding.scan_iter(match=f"*{self.token}*", count=1000):
            self.verbinding.delete(sleutel)
        self.verbinding.srem("rq:queues", f"rq:queue:{self.token}")


def nieuw_token() -> str:
    return f"am-test-{os.getpid()}-{uuid.uuid4().hex[:10]}"
