"""The permission matrix: every URL of the urlconf, as every role, with GET and with POST,
answers exactly what one explicit table says.

The URLs come from walking the resolver (``tests.test_veiligheidsnetten.routes``), so a view
added later is requested without touching this file, and a URL name without a rule in
REGELS fails ``test_elke_url_heeft_een_regel`` with a message saying to add one: no view
gets in without someone deciding who may use it.

The table
    REGELS maps a URL name (with namespace; an unnamed pattern by its pattern text) to
    ``{"GET": verwacht, "POST": verwacht}``, where ``verwacht`` is one expectation for every
    role or a dict with all five roles (ROLLEN: anoniem, redacteur, coordinator, analist,
    beheerder). An expectation is a status code, or ``Naar(status, path)``: a redirect to
    exactly that path; an anonymous 302 outside the admin must be a ``Naar``, so that where
    a visitor is sent (normally the login page) is written down. The admin (namespace
    ``admin``) has one rule for the whole namespace, ``admin_regel``, derived from the
    roles' permission table of the migrations, like the every-URL net does for GET.

What the requests are
    Every URL is filled in with the sample records of ``tests.factories.maak_voorbeelden``
    (values from VOORBEELDEN of the every-URL net). A POST sends an empty body, except to
    the workflow actions (a comment, POSTDATA) and the admin's delete pages (the
    confirmation, ``post=yes``). A POST that changes something when it is allowed
    (the workflow actions, deleting in the admin, logging out) is a test of its own per
    role, on fresh records made for that test (VERS): a refused POST on them must leave
    them as they were, an allowed one does its work without disturbing any other test.
    Every other POST is refused or changes nothing when the table holds; it runs in the
    walk of its role, each inside a savepoint that is rolled back, so that even a wrong
    expectation cannot spill into the next request.

An "allowed" POST is defined per URL, precisely. For the workflow actions it is 302 (to the
letter, or to the new version: the targets are checked in the views' tests), on a letter in
the one status the action starts from, for a user working for a signing ministry; refusals
are 403 (no right: the role decides first) and, for anonymous visitors, a redirect to the
login page. The 409/400 answers for a wrong status, a missing comment or an incomplete
letter are tested with the workflow views in ``tests/reacties/test_werkstroom_views.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR
from programmas.models import Medewerker, Ministerie
from reacties.models import (
    Antwoordsjabloon,
    Briefstatus,
    Goedkeuring,
    Ondertekenaar,
    Reactiebrief,
)
from tests import factories
from tests.conftest import zaai_referentiedata
from tests.test_veiligheidsnetten import (
    QUERYSTRINGS,
    Route,
    Verzoek,
    _kwargs_voor,
    routes,
    verwachte_admin_status,
)

pytestmark = pytest.mark.django_db

ROL_PERMISSIES: dict[str, frozenset[str]] = import_module(
    "adviesmonitor.migrations.0002_rollen_auditlog"
).ROL_PERMISSIES

ANONIEM = "anoniem"
# The matrix's roles, with the group each user is in (None: not logged in).
GROEP: dict[str, str | None] = {
    ANONIEM: None,
    "redacteur": REDACTEUR,
    "coordinator": COORDINATOR,
    "analist": ANALIST,
    "beheerder": BEHEERDER,
}
ROLLEN = tuple(GROEP)
METHODEN = ("GET", "POST")

INLOGGEN = resolve_url(settings.LOGIN_URL)
ADMIN_INLOGGEN = "/admin/login/"


@dataclass(frozen=True)
class Naar:
    """A redirect: this status, to exactly this path (``{pk}`` and the like are filled in
    from the URL's parameters; the query string and fragment are not compared)."""

    status: int
    pad: str

    def doel(self, verzoek: Verzoek) -> str:
        return self.pad.format(**verzoek.kwargs)


Verwacht = int | Naar
Regel = dict[str, Verwacht | dict[str, Verwacht]]


def per_rol(anoniem: Verwacht, **rollen: Verwacht) -> dict[str, Verwacht]:
    """An expectation for each of the five roles; all must be named."""
    uitkomst = {ANONIEM: anoniem, **rollen}
    assert set(uitkomst) == set(ROLLEN), f"rollen ontbreken: {set(ROLLEN) - set(uitkomst)}"
    return uitkomst


# Every role that may read (all four roles hold the read rights); anonymous: the login.
LEZEN = per_rol(Naar(302, INLOGGEN), redacteur=200, coordinator=200, analist=200, beheerder=200)
# A page that only answers GET: require_GET comes first, so POST is 405 for everyone.
ALLEEN_LEZEN: Regel = {"GET": LEZEN, "POST": 405}
NAAR_LOGIN = Naar(302, INLOGGEN)
# The editor's action URLs: GET sends to the editor; an empty POST is an invalid form.
NAAR_EDITOR_OK = Naar(302, "/brieven/{pk}/bewerken/")
NAAR_EDITOR = per_rol(
    NAAR_LOGIN,
    redacteur=NAAR_EDITOR_OK,
    coordinator=NAAR_EDITOR_OK,
    analist=403,
    beheerder=NAAR_EDITOR_OK,
)
EDITORACTIE: Regel = {
    "GET": NAAR_EDITOR,
    "POST": per_rol(NAAR_LOGIN, redacteur=400, coordinator=400, analist=403, beheerder=400),
}

# The open-data API. Its objects are public once a sent letter makes them so; the sample
# records are in letters not yet sent, so anonymous visitors get a 404, every role a 200.
OPEN_DATA: Regel = {"GET": 200, "POST": 405}
OPEN_DATA_OBJECT: Regel = {
    "GET": per_rol(404, redacteur=200, coordinator=200, analist=200, beheerder=200),
    "POST": 405,
}

# --- THE TABLE -------------------------------------------------------------------------------

REGELS: dict[str, Regel] = {
    # Outside any app: "/" redirects everyone, whatever the method, to the recommendations.
    "home": {"GET": Naar(302, "/aanbevelingen/"), "POST": Naar(302, "/aanbevelingen/")},
    # The login form is open to all; an empty POST shows the form again with its errors.
    "inloggen": {"GET": 200, "POST": 200},
    # The load balancer's health check: open to anyone, read-only.
    "gezondheid": {"GET": 200, "POST": 405},
    # Logging out is POST only (Django 5); everyone ends up at the login page.
    "uitloggen": {"GET": 405, "POST": Naar(302, INLOGGEN)},
    # Letters: read by every role.
    "reacties:lijst": ALLEEN_LEZEN,
    "reacties:brief": ALLEEN_LEZEN,
    "reacties:pdf": ALLEEN_LEZEN,
    "reacties:volledigheid": ALLEEN_LEZEN,
    "reacties:geschiedenis": ALLEEN_LEZEN,
    "reacties:verschil": ALLEEN_LEZEN,
    # One version of the letter; a POST restores a response from it, which needs the right
    # to change letters. An empty POST on a letter in concept: 400, nothing restored.
    "reacties:versie": {
        "GET": LEZEN,
        "POST": per_rol(NAAR_LOGIN, redacteur=400, coordinator=400, analist=403, beheerder=400),
    },
    # The workflow (reacties.views_werkstroom). Allowed: 302 back to the letter.
    "reacties:naar_review": {
        "GET": 405,
        "POST": per_rol(NAAR_LOGIN, redacteur=302, coordinator=302, analist=403, beheerder=302),
    },
    "reacties:goedkeuren": {
        "GET": 405,
        "POST": per_rol(NAAR_LOGIN, redacteur=403, coordinator=302, analist=403, beheerder=302),
    },
    "reacties:terugsturen": {
        "GET": 405,
        "POST": per_rol(NAAR_LOGIN, redacteur=403, coordinator=302, analist=403, beheerder=302),
    },
    "reacties:verzenden": {
        "GET": 405,
        "POST": per_rol(NAAR_LOGIN, redacteur=403, coordinator=302, analist=403, beheerder=302),
    },
    "reacties:nieuwe_versie": {
        "GET": 405,
        "POST": per_rol(NAAR_LOGIN, redacteur=302, coordinator=302, analist=403, beheerder=302),
    },
    # The letter editor (reacties.views_bewerken): the right to change responses, which
    # the Analist lacks. Its action URLs answer GET by sending to the editor; an empty POST
    # is an invalid form (400) and writes nothing, except where noted.
    "reacties:bewerken": {
        "GET": per_rol(NAAR_LOGIN, redacteur=200, coordinator=200, analist=403, beheerder=200),
        "POST": 405,
    },
    "reacties:bewerken_brief": EDITORACTIE,
    "reacties:bewerken_sectie": EDITORACTIE,
    "reacties:bewerken_sectie_omhoog": EDITORACTIE,
    "reacties:bewerken_sectie_omlaag": EDITORACTIE,
    "reacties:bewerken_sectie_verwijderen": EDITORACTIE,
    "reacties:bewerken_reactie_nieuw": EDITORACTIE,
    "reacties:bewerken_reactie": EDITORACTIE,
    "reacties:bewerken_reactie_sjabloon": EDITORACTIE,
    "reacties:bewerken_koppelingen": EDITORACTIE,
    "reacties:bewerken_toezegging_nieuw": EDITORACTIE,
    "reacties:bewerken_toezegging": EDITORACTIE,
    # An empty POST adds an empty section or an empty footnote (on a fresh letter, VERS).
    "reacties:bewerken_sectie_nieuw": {
        "GET": NAAR_EDITOR,
        "POST": per_rol(
            NAAR_LOGIN,
            redacteur=NAAR_EDITOR_OK,
            coordinator=NAAR_EDITOR_OK,
            analist=403,
            beheerder=NAAR_EDITOR_OK,
        ),
    },
    "reacties:bewerken_voetnoot_nieuw": {
        "GET": NAAR_EDITOR,
        "POST": per_rol(
            NAAR_LOGIN,
            redacteur=NAAR_EDITOR_OK,
            coordinator=NAAR_EDITOR_OK,
            analist=403,
            beheerder=NAAR_EDITOR_OK,
        ),
    },
    # An existing footnote: without the text it was loaded with, a conflict (409).
    "reacties:bewerken_voetnoot": {
        "GET": NAAR_EDITOR,
        "POST": per_rol(NAAR_LOGIN, redacteur=409, coordinator=409, analist=403, beheerder=409),
    },
    # Answer templates (reacties.views_sjablonen): every role reads them; adding, changing
    # and deleting is for Redacteur, Coördinator and Beheerder.
    "reacties:sjablonen": ALLEEN_LEZEN,
    "reacties:sjabloon": {
        "GET": LEZEN,
        "POST": per_rol(NAAR_LOGIN, redacteur=400, coordinator=400, analist=403, beheerder=400),
    },
    "reacties:sjabloon_nieuw": {
        "GET": per_rol(
            NAAR_LOGIN,
            redacteur=Naar(302, "/brieven/sjablonen/"),
            coordinator=Naar(302, "/brieven/sjablonen/"),
            analist=403,
            beheerder=Naar(302, "/brieven/sjablonen/"),
        ),
        "POST": per_rol(NAAR_LOGIN, redacteur=400, coordinator=400, analist=403, beheerder=400),
    },
    "reacties:sjabloon_verwijderen": {  # deletes at once: on a fresh template (VERS)
        "GET": per_rol(
            NAAR_LOGIN,
            redacteur=Naar(302, "/brieven/sjablonen/{sid}/"),
            coordinator=Naar(302, "/brieven/sjablonen/{sid}/"),
            analist=403,
            beheerder=Naar(302, "/brieven/sjablonen/{sid}/"),
        ),
        "POST": per_rol(
            NAAR_LOGIN,
            redacteur=Naar(302, "/brieven/sjablonen/"),
            coordinator=Naar(302, "/brieven/sjablonen/"),
            analist=403,
            beheerder=Naar(302, "/brieven/sjablonen/"),
        ),
    },
    # The analyst's pages: every role reads.
    "advies:aanbevelingen": ALLEEN_LEZEN,
    "advies:aanbeveling": ALLEEN_LEZEN,
    "advies:export": ALLEEN_LEZEN,
    "advies:advies": ALLEEN_LEZEN,
    "programmas:lijst": ALLEEN_LEZEN,
    "programmas:programma": ALLEEN_LEZEN,
    "dashboard": ALLEEN_LEZEN,
    "rappel": ALLEEN_LEZEN,
    # The open-data API (adviesmonitor.api): GET for everyone, anything else 405 (JSON).
    "api:index": OPEN_DATA,
    "api:openapi": OPEN_DATA,
    "api:adviezen": OPEN_DATA,
    "api:aanbevelingen": OPEN_DATA,
    "api:reacties": OPEN_DATA,
    "api:programmas": OPEN_DATA,
    "api:toezeggingen": OPEN_DATA,
    "api:advies": OPEN_DATA_OBJECT,
    "api:aanbeveling": OPEN_DATA_OBJECT,
    "api:reactie": OPEN_DATA_OBJECT,
    "api:programma": OPEN_DATA_OBJECT,
    "api:toezegging": OPEN_DATA_OBJECT,
    # Any other path under /api/; this one only lacks its slash and is sent on.
    "api:onbekend": {"GET": Naar(301, "/api/adviezen/"), "POST": 405},
}

# The admin: one rule for the namespace (admin_regel below).
NAMESPACE_REGELS = {"admin"}


# --- the admin's rule ----------------------------------------------------------------------

# Admin pages outside the model admins, for a staff user: what an empty POST answers.
ADMIN_STAF_POST: dict[str, int] = {
    "admin:index": 200,
    "admin:password_change": 200,  # the form again, with its errors
    "admin:password_change_done": 405,
    "admin:jsi18n": 405,
    "admin:autocomplete": 405,
    "admin:view_on_site": 302,
    "admin/(?P<url>.*)$": 301,
    # The table import (its GET rule: ADMIN_EIGEN_PAGINAS): no file, so the form again.
    "admin:advies_aanbeveling_importeren": 200,
}


def _mag(rol: str, model: type[Model], actie: str) -> bool:
    opts = model._meta
    return f"{opts.app_label}.{actie}_{opts.model_name}" in ROL_PERMISSIES[GROEP[rol]]


def admin_regel(rol: str, methode: str, verzoek: Verzoek) -> Verwacht:
    """What an admin URL answers: GET as the every-URL net derives it from the migration's
    permission table; an empty POST as below."""
    route = verzoek.route
    groep = GROEP[rol]
    niet_staf = groep is None or not IS_STAFF[groep]
    if route.naam == "admin:logout":
        # POST only; whoever is not staff is sent to the admin's index (then its login).
        if niet_staf:
            return Naar(302, "/admin/")
        # Logged out, on to LOGOUT_REDIRECT_URL.
        return 405 if methode == "GET" else Naar(302, INLOGGEN)
    if niet_staf:
        # Not staff (anonymous, analysts): only the login page, for GET and POST alike.
        if route.naam == "admin:login":
            return 200
        return Naar(302, ADMIN_INLOGGEN)
    get = verwachte_admin_status(groep, verzoek)
    if methode == "GET":
        return get
    if route.naam == "admin:login":
        return 200  # a POST shows the login form again (only GET redirects staff onward)
    if get in (403, 404):
        return get  # refused for GET: refused for POST, before any form is read
    model_admin = getattr(route.view, "model_admin", None)
    if model_admin is None or route.naam is None:
        if route.naam == "admin:auth_user_password_change":
            return 200
        if route.naam == "admin:app_list":
            return 200
        return get if route.naam is None else ADMIN_STAF_POST[route.sleutel]
    model = model_admin.model
    soort = route.naam.rsplit("_", 1)[1]
    if soort == "change":
        # Viewing is not changing: a POST needs the change right itself. An empty form is
        # invalid, so the page is shown again with its errors.
        return 200 if _mag(rol, model, "change") else 403
    if soort == "delete":
        # Deleted (the record is a fresh one, see VERS); on to the list, or to the admin's
        # index for who may not change these records (approvals, frozen PDFs, history).
        if _mag(rol, model, "change"):
            return Naar(302, f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
        return Naar(302, "/admin/")
    return 200  # changelist, add (an invalid empty form), history


# --- the world: sample records and one user per role, once for the module --------------


@dataclass
class Wereld:
    voorbeelden: dict[type[Model], Model]
    gebruikers: dict[str, object]  # role -> user (no entry for anonymous)
    ministerie: Ministerie  # every role's user works for it; the fresh letters it signs


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker) -> Iterator[Wereld]:
    """Made once for the module (like setUpTestData) inside a transaction that is rolled
    back at the end; every test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        buiten = transaction.atomic()
        buiten.__enter__()
        try:
            if not Group.objects.filter(name=REDACTEUR).exists():
                zaai_referentiedata()
            ministerie = factories.maak_ministerie()
            gebruikers = {}
            for rol, groep in GROEP.items():
                if groep is None:
                    continue
                # No password: the clients log in with force_login, no hashing needed.
                gebruiker = get_user_model().objects.create_user(
                    username=f"matrix-{rol}", password=None, is_staff=IS_STAFF[groep]
                )
                gebruiker.groups.add(Group.objects.get(name=groep))
                Medewerker.objects.create(user=gebruiker, ministerie=ministerie)
                gebruikers[rol] = gebruiker
            yield Wereld(factories.maak_voorbeelden(), gebruikers, ministerie)
        finally:
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)


def client_als(wereld: Wereld, rol: str) -> Client:
    client = Client()
    if rol != ANONIEM:
        client.force_login(wereld.gebruikers[rol])
    return client


# --- fresh records for POSTs that change something ----------------------------------------


def _brief_voor_werkstroom(wereld: Wereld, status: str) -> Reactiebrief:
    """A complete letter in ``status``, signed for the matrix users' ministry and one other
    (so one approval does not yet freeze it)."""
    advies = factories.maak_advies()
    aanbeveling = factories.maak_aanbeveling(advies)
    brief = factories.maak_reactiebrief(advies)
    factories.maak_reactie(factories.maak_sectie(brief), aanbevelingen=[aanbeveling])
    for volgorde, ministerie in enumerate((wereld.ministerie, factories.maak_ministerie()), 1):
        Ondertekenaar.objects.create(
            brief=brief, ambtsdrager=factories.maak_ambtsdrager(ministerie), volgorde=volgorde
        )
    ronde = 1 if status != Briefstatus.CONCEPT else 0
    Reactiebrief.objects.filter(pk=brief.pk).update(status=status, review_ronde=ronde)
    return brief


def _werkstroom(status: str) -> Callable[[Wereld], dict[str, object]]:
    return lambda wereld: {"pk": _brief_voor_werkstroom(wereld, status).pk}


def _admin_verwijderen(route: Route) -> Callable[[Wereld], dict[str, object]]:
    model = route.view.model_admin.model
    return lambda wereld: {"object_id": factories.MAKERS[model]().pk}


# URL name -> the URL's parameters on fresh records. Each (URL, role) POST is its own test.
VERS: dict[str, Callable[[Wereld], dict[str, object]]] = {
    "reacties:naar_review": _werkstroom(Briefstatus.CONCEPT),
    "reacties:goedkeuren": _werkstroom(Briefstatus.TER_REVIEW),
    "reacties:terugsturen": _werkstroom(Briefstatus.TER_REVIEW),
    "reacties:verzenden": _werkstroom(Briefstatus.VASTGESTELD),
    "reacties:nieuwe_versie": _werkstroom(Briefstatus.VASTGESTELD),
    "reacties:bewerken_sectie_nieuw": lambda wereld: {"pk": factories.maak_reactiebrief().pk},
    "reacties:bewerken_voetnoot_nieuw": lambda wereld: {"pk": factories.maak_reactiebrief().pk},
    "reacties:sjabloon_verwijderen": lambda wereld: {"sid": factories.maak_antwoordsjabloon().pk},
    # Logging out ends the session: each role with a client of its own.
    "uitloggen": lambda wereld: {},
    "admin:logout": lambda wereld: {},
}
# The POST body per URL name (default: empty).
POSTDATA: dict[str, dict[str, str]] = {
    "reacties:goedkeuren": {"opmerking": "Akkoord."},
    "reacties:terugsturen": {"opmerking": "Graag de reactie op 1 aanscherpen."},
}


def _vers_voor(route: Route) -> Callable[[Wereld], dict[str, object]] | None:
    if route.sleutel in VERS:
        return VERS[route.sleutel]
    if _is_admin_verwijderen(route):
        return _admin_verwijderen(route)
    return None


# --- checking one answer ---------------------------------------------------------------------


def verwachting(route: Route, rol: str, methode: str, verzoek: Verzoek) -> Verwacht:
    if route.namespace in NAMESPACE_REGELS:
        return admin_regel(rol, methode, verzoek)
    regel = REGELS[route.sleutel][methode]
    return regel[rol] if isinstance(regel, dict) else regel


def afwijking(rol: str, methode: str, verzoek: Verzoek, response: HttpResponse) -> str | None:
    verwacht = verwachting(verzoek.route, rol, methode, verzoek)
    status = verwacht.status if isinstance(verwacht, Naar) else verwacht
    wie = f"{methode} {verzoek.url} als {rol}"
    if response.status_code != status:
        return f"{wie}: {response.status_code}, verwacht {status}"
    doel = urlsplit(response["Location"]).path if response.has_header("Location") else None
    if isinstance(verwacht, Naar) and doel != verwacht.doel(verzoek):
        return f"{wie}: stuurt door naar {doel}, verwacht {verwacht.doel(verzoek)}"
    if (
        rol == ANONIEM
        and status == 302
        and not verzoek.route.in_admin
        and not isinstance(verwacht, Naar)
    ):
        return f"{wie}: een anonieme 302 moet een Naar(...) met zijn doel zijn"
    return None


def _is_admin_verwijderen(route: Route) -> bool:
    return route.in_admin and bool(route.naam) and route.naam.endswith("_delete")


def vraag(client: Client, methode: str, verzoek: Verzoek) -> HttpResponse:
    if methode == "GET":
        return client.get(verzoek.url)
    if _is_admin_verwijderen(verzoek.route):
        # What the admin's confirmation form sends; an empty POST only shows it again.
        return client.post(verzoek.url, {"post": "yes"})
    return client.post(verzoek.url, POSTDATA.get(verzoek.route.sleutel, {}))


# --- the tests -------------------------------------------------------------------------------


def _alle_routes() -> list[Route]:
    return list(routes())


def test_elke_url_heeft_een_regel():
    sleutels = {r.sleutel for r in _alle_routes() if r.namespace not in NAMESPACE_REGELS}
    zonder = sorted(sleutels - set(REGELS))
    assert not zonder, (
        "Deze URL's hebben geen regel in de rechtenmatrix. Voeg voor elk een regel toe aan "
        "REGELS in tests/test_rechtenmatrix.py: wat elke rol (anoniem, redacteur, "
        "coordinator, analist, beheerder) met GET en met POST krijgt. Verandert een POST "
        "iets, geef hem dan ook verse objecten in VERS. Ontbrekend: " + ", ".join(zonder)
    )
    verouderd = sorted(set(REGELS) - sleutels)
    assert not verouderd, f"REGELS noemt URL's die niet meer bestaan: {verouderd}"
    assert set(VERS) <= {r.sleutel for r in _alle_routes()}, "VERS noemt onbekende URL's"
    for sleutel, regel in REGELS.items():
        assert set(regel) == set(METHODEN), f"{sleutel}: een regel voor GET én POST"
        for methode, verwacht in regel.items():
            if isinstance(verwacht, dict):
                assert set(verwacht) == set(ROLLEN), f"{sleutel} {methode}: elke rol"


def test_de_tabel_onderscheidt_de_rollen():
    # The matrix must say something: the actions differ per role where the rights do.
    post = {naam: REGELS[naam]["POST"] for naam in VERS if naam.startswith("reacties:")}
    assert post["reacties:goedkeuren"]["redacteur"] == 403
    assert post["reacties:goedkeuren"]["coordinator"] == 302
    assert post["reacties:naar_review"]["redacteur"] == 302
    assert all(regel["analist"] == 403 for regel in post.values())
    assert all(regel[ANONIEM] == NAAR_LOGIN for regel in post.values())


def _gedeelde_verzoeken(wereld: Wereld) -> tuple[list[Verzoek], list[str]]:
    """Every URL on the shared sample records, and the keys of routes without a sample."""
    verzoeken, zonder = [], []
    for route in _alle_routes():
        if route.sleutel in VERS:
            continue  # only on fresh records
        kwargs_lijst = _kwargs_voor(route, wereld.voorbeelden)
        if kwargs_lijst is None:
            zonder.append(route.sleutel)
            continue
        for kwargs in kwargs_lijst:
            pad = "/" + route.formaat % {k: str(v) for k, v in kwargs.items()}
            verzoeken.append(Verzoek(route, kwargs, pad + QUERYSTRINGS.get(route.sleutel, "")))
    return verzoeken, zonder


def _heeft_regel(route: Route) -> bool:
    return route.namespace in NAMESPACE_REGELS or route.sleutel in REGELS


def test_elke_url_kan_worden_ingevuld(wereld):
    _, zonder = _gedeelde_verzoeken(wereld)
    assert not zonder, (
        "Geef deze URL's een voorbeeldwaarde in VOORBEELDEN (tests/test_veiligheidsnetten.py) "
        f"of verse objecten in VERS (tests/test_rechtenmatrix.py): {zonder}"
    )


@pytest.mark.parametrize("methode", METHODEN)
@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_url_als_elke_rol(rol, methode, wereld):
    # URLs without a rule or a sample value fail the two tests above, not this walk.
    verzoeken, _ = _gedeelde_verzoeken(wereld)
    client = client_als(wereld, rol)
    fouten = []
    for verzoek in verzoeken:
        if not _heeft_regel(verzoek.route):
            continue
        if methode == "POST" and _vers_voor(verzoek.route) is not None:
            continue  # its own test below, on fresh records
        # Whatever happens is undone: a wrong expectation cannot spill into the next request.
        with transaction.atomic():
            response = vraag(client, methode, verzoek)
            transaction.set_rollback(True)
        if (fout := afwijking(rol, methode, verzoek, response)) is not None:
            fouten.append(fout)
    assert not fouten, f"{len(fouten)} afwijking(en):\n" + "\n".join(fouten)


def _verse_posts() -> list[tuple[Route, str]]:
    return [
        (r, rol)
        for r in _alle_routes()
        if _vers_voor(r) is not None and _heeft_regel(r)
        for rol in ROLLEN
    ]


@pytest.mark.parametrize(
    ("route", "rol"), _verse_posts(), ids=[f"{r.sleutel}-{rol}" for r, rol in _verse_posts()]
)
def test_post_op_verse_objecten(route, rol, wereld):
    kwargs = _vers_voor(route)(wereld)
    pad = "/" + route.formaat % {k: str(v) for k, v in kwargs.items()}
    verzoek = Verzoek(route, kwargs, pad)
    client = client_als(wereld, rol)
    # GET on the same fresh URL first (before a POST may delete the record).
    response = vraag(client, "GET", verzoek)
    assert (fout := afwijking(rol, "GET", verzoek, response)) is None, fout
    voor = toestand(route, kwargs)
    response = vraag(client, "POST", verzoek)
    assert (fout := afwijking(rol, "POST", verzoek, response)) is None, fout
    # An allowed POST did its work; a refused one left everything as it was.
    verwacht = verwachting(route, rol, "POST", verzoek)
    if isinstance(verwacht, Naar):
        toegestaan = verwacht.pad not in (INLOGGEN, ADMIN_INLOGGEN)
    else:
        toegestaan = verwacht < 400
    if voor is not None:
        assert (toestand(route, kwargs) != voor) == toegestaan, (voor, toestand(route, kwargs))


def toestand(route: Route, kwargs: dict[str, object]) -> object:
    """What a POST on the fresh records would change: the letter's workflow state and the
    number of letters and decisions; whether the admin's record still exists."""
    if route.sleutel == "reacties:sjabloon_verwijderen":
        return Antwoordsjabloon.objects.filter(pk=kwargs["sid"]).exists()
    if route.sleutel.startswith("reacties:"):
        brief = Reactiebrief.objects.get(pk=kwargs["pk"])
        return (
            brief.status,
            brief.review_ronde,
            Goedkeuring.objects.filter(brief=brief).count(),
            Reactiebrief.objects.filter(advies_id=brief.advies_id).count(),
            brief.secties.count(),
            brief.voetnoten.count(),
        )
    if _is_admin_verwijderen(route):
        model = route.view.model_admin.model
        return model.objects.filter(pk=kwargs["object_id"]).exists()
    return None
