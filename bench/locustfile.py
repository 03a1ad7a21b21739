"""The users of the load benchmark (``bench/last.py`` starts locust with this file).

Not meant to be run by hand: ``bench/last.py`` writes what the users need into a JSON file
(``LAST_GEGEVENS``: session cookies per role, sample ids, filters, search words, letters)
and reads every request back from ``LAST_UITVOER``, to compute exact percentiles per kind of
request and for all pages together (locust's own figures are rounded into buckets and have
no "all pages" line).

The users:

- ``Analist`` and ``Redacteur``: logged in (a session made by ``bench/last.py``, so no
  password hashing at the start of the run), reading the analyst pages with a think time
  between requests: the list (unfiltered, sorted and paged, or with one or two filters), a
  search, a report, a recommendation, the dashboard and cached PDFs;
- ``Anoniem``: the login page, and a page that sends it there (302);
- ``PdfPiek`` (second phase only, ``LAST_PDF_PIEK`` users): PDFs of letters whose PDF is not
  in the cache, one letter after the other. A 202 (the PDF is being prepared by a background
  job) is a valid answer: the user then asks again after the page's refresh interval, as
  the page itself does, until the PDF comes.

Every request is checked: a page must be 200 (the anonymous redirect 302 to the login page),
a PDF 200 with a PDF or 202; anything else is an error, with its first words kept.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import gevent
from locust import FastHttpUser, between, events, task

GEGEVENS = json.loads(Path(os.environ["LAST_GEGEVENS"]).read_text(encoding="utf-8"))
UITVOER = Path(os.environ["LAST_UITVOER"])
PDF_PIEK = int(os.environ.get("LAST_PDF_PIEK", "0"))
DENKTIJD = GEGEVENS["denktijd"]
# A synthetic entry (see PdfPiek), which bench/last.py leaves out of every total.
WACHTTIJD_PDF = "pdf nieuw: wachttijd tot PDF"

# Every request of this run: [kind, milliseconds, status, error or None, start (epoch s)].
_verzoeken: list[list] = []


@events.request.add_listener
def _bewaar(request_type, name, response_time, response_length, exception=None, **kwargs):
    response = kwargs.get("response")
    status = getattr(response, "status_code", None)
    fout = None if exception is None else f"{type(exception).__name__}: {exception}"[:300]
    _verzoeken.append([name, response_time, status, fout, kwargs.get("start_time")])


@events.quitting.add_listener
def _schrijf(environment, **kwargs):
    UITVOER.write_text(json.dumps(_verzoeken), encoding="utf-8")


# --- what the users pick from --------------------------------------------------------------

_sessies = {rol: itertools.cycle(lijst) for rol, lijst in GEGEVENS["sessies"].items()}
# One letter per request of the burst, never the same twice: each is not in the cache.
_koude_brieven = itertools.cycle(GEGEVENS["pdf_koud"])


def _lijst_url(filters: list[list[str]], extra: dict[str, str] | None = None) -> str:
    paren = [tuple(f) for f in filters] + list((extra or {}).items())
    return "/aanbevelingen/" + (f"?{urlencode(paren)}" if paren else "")


def _filters(aantal: int) -> list[list[str]]:
    """``aantal`` filters from different dimensions."""
    gekozen: dict[str, str] = {}
    while len(gekozen) < aantal:
        naam, waarde = random.choice(GEGEVENS["filters"])
        gekozen.setdefault(naam, waarde)
    return [[n, w] for n, w in gekozen.items()]


class _Ingelogd(FastHttpUser):
    """A user with a session of its role (abstract)."""

    abstract = True
    rol = ""

    def on_start(self) -> None:
        host = urlsplit(self.host).hostname
        sessie = next(_sessies[self.rol])
        self.client.cookiejar.set_cookie(_koekje(GEGEVENS["sessiecookie"], sessie, host))


class Lezer(_Ingelogd):
    """A logged-in reader of the analyst pages (abstract: the role is its subclass's)."""

    abstract = True
    wait_time = between(*DENKTIJD)

    def _pagina(self, url: str, soort: str) -> None:
        with self.client.get(url, name=soort, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{url}: status {r.status_code}")
            elif b"</html>" not in (r.content or b""):
                r.failure(f"{url}: geen volledige pagina")

    @task(3)
    def lijst(self) -> None:
        extra: dict[str, str] = {}
        if random.random() < 0.4:
            extra["pagina"] = str(random.randint(2, 5))
        if random.random() < 0.2:
            extra["sorteer"] = random.choice(["publicatiedatum", "advies"])
        self._pagina(_lijst_url([], extra), "lijst")

    @task(4)
    def lijst_gefilterd(self) -> None:
        filters = _filters(1 if random.random() < 0.7 else 2)
        extra = {"pagina": "2"} if random.random() < 0.2 else {}
        self._pagina(_lijst_url(filters, extra), "lijst gefilterd")

    @task(3)
    def zoeken(self) -> None:
        filters = [["q", random.choice(GEGEVENS["woorden"])]]
        if random.random() < 0.3:
            filters += _filters(1)
        self._pagina(_lijst_url(filters), "zoeken")

    @task(2)
    def advies(self) -> None:
        self._pagina(f"/adviezen/{random.choice(GEGEVENS['adviezen'])}/", "advies")

    @task(2)
    def aanbeveling(self) -> None:
        self._pagina(f"/aanbevelingen/{random.choice(GEGEVENS['aanbevelingen'])}/", "aanbeveling")

    @task(1)
    def dashboard(self) -> None:
        self._pagina("/dashboard/", "dashboard")

    @task(1)
    def pdf_uit_cache(self) -> None:
        url = f"/brieven/{random.choice(GEGEVENS['pdf_warm'])}/pdf/"
        with self.client.get(url, name="pdf uit cache", catch_response=True) as r:
            if r.status_code != 200 or not (r.content or b"").startswith(b"%PDF"):
                r.failure(f"{url}: status {r.status_code}, geen PDF uit de cache")


class Analist(Lezer):
    weight = 7
    rol = "analist"


class Redacteur(Lezer):
    weight = 2
    rol = "redacteur"


class Anoniem(FastHttpUser):
    """Pages allow no anonymous reading: the login page, and the redirect to it."""

    weight = 1
    wait_time = between(*DENKTIJD)

    @task(1)
    def inlogpagina(self) -> None:
        with self.client.get("/inloggen/", name="inlogpagina", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"/inloggen/: status {r.status_code}")

    @task(1)
    def doorverwijzing(self) -> None:
        with self.client.get(
            "/aanbevelingen/", name="anoniem → inloggen", catch_response=True, allow_redirects=False
        ) as r:
            if r.status_code != 302 or "/inloggen/" not in (r.headers.get("Location") or ""):
                r.failure(f"/aanbevelingen/ anoniem: status {r.status_code}, geen doorverwijzing")
            else:
                r.success()


if PDF_PIEK:
    # Only in the second phase: a class with fixed_count 0 would be picked by weight.

    class PdfPiek(_Ingelogd):
        """PDFs that are not in the cache, back to back (the second phase's burst)."""

        fixed_count = PDF_PIEK
        rol = "redacteur"
        wait_time = between(0, 1)

        @task
        def pdf_nieuw(self) -> None:
            url = f"/brieven/{next(_koude_brieven)}/pdf/"
            begin = time.monotonic()
            soort, einde = "pdf nieuw", begin + GEGEVENS["pdf_max_wacht"]
            while True:
                with self.client.get(url, name=soort, catch_response=True) as r:
                    if r.status_code == 200 and (r.content or b"").startswith(b"%PDF"):
                        # Not a request: how long the user waited for the file, polls and all.
                        self.environment.events.request.fire(
                            request_type="PDF",
                            name=WACHTTIJD_PDF,
                            response_time=(time.monotonic() - begin) * 1000,
                            response_length=0,
                            exception=None,
                            context={},
                        )
                        return
                    if r.status_code != 202:
                        r.failure(f"{url}: status {r.status_code}")
                        return
                    if time.monotonic() > einde:
                        r.failure(f"{url}: na {GEGEVENS['pdf_max_wacht']} s nog geen PDF")
                        return
                    r.success()  # being prepared: ask again after the page's refresh time
                gevent.sleep(GEGEVENS["verversen"])
                soort = "pdf nieuw: opnieuw"


def _koekje(naam: str, waarde: str, host: str | None) -> Cookie:
    return Cookie(
        version=0,
        name=naam,
        value=waarde,
        port=None,
        port_specified=False,
        domain=host or "",
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )
