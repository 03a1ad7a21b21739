"""Safety nets that cover the whole project, including what is added to it later.

- No model change lacks its migration, and Django's system checks pass.
- Every URL in the urlconf is requested as every role. The URLs come from walking the
  resolver, so a view added later is covered without touching this file; a view with
  parameters needs a sample value in VOORBEELDEN, or the test says so.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize

from advies.models import Aanbeveling, Advies
from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR
from programmas.models import Programma
from reacties.models import (
    Antwoordsjabloon,
    Briefversie,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from tests.factories import maak_voorbeelden

# The table of the last migration that changes the roles (reacties 0002_rollen, extended
# since; the last one is the audit log's, adviesmonitor 0002_rollen_auditlog).
ROL_PERMISSIES: dict[str, frozenset[str]] = import_module(
    "adviesmonitor.migrations.0002_rollen_auditlog"
).ROL_PERMISSIES


# --- (a) migrations and system checks ---------------------------------------------------


@pytest.mark.django_db
def test_geen_ontbrekende_migraties():
    uitvoer = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=uitvoer)
    except SystemExit:
        pytest.fail(f"Er ontbreken migraties:\n{uitvoer.getvalue()}")


@pytest.mark.django_db
def test_systeemcontroles_slagen():
    # Among others: every autocomplete field points at an admin with search_fields.
    call_command("check", fail_level="WARNING")


# --- (b) every URL, as every role ---------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern of the urlconf, with everything needed to fill in and request it."""

    sleutel: str  # the URL name with namespace, or the pattern when it has no name
    naam: str | None
    namespace: str | None
    formaat: str  # the path with %(parameter)s placeholders
    parameters: tuple[str, ...]
    view: Callable

    @property
    def in_admin(self) -> bool:
        return self.namespace == "admin"


def _stuk(patroon: URLPattern | URLResolver) -> tuple[str, list[str]]:
    # The same regex-to-format step Django's reverse() uses; optional parts are left out.
    formaat, parameters = normalize(patroon.pattern.regex.pattern)[0]
    return formaat, parameters


def routes(
    patronen: Sequence[URLPattern | URLResolver] | None = None,
    formaat: str = "",
    parameters: tuple[str, ...] = (),
    patroontekst: str = "",
    namespace: str | None = None,
) -> Iterator[Route]:
    """Every endpoint of the urlconf, walked recursively through includes."""
    if patronen is None:
        patronen = get_resolver().url_patterns
    for patroon in patronen:
        stuk, stukparameters = _stuk(patroon)
        tekst = patroontekst + str(patroon.pattern)
        alle_parameters = (*parameters, *stukparameters)
        if isinstance(patroon, URLResolver):
            ns = patroon.namespace
            volledig_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from routes(
                patroon.url_patterns, formaat + stuk, alle_parameters, tekst, volledig_ns
            )
            continue
        naam = None
        if patroon.name:
            naam = f"{namespace}:{patroon.name}" if namespace else patroon.name
        yield Route(
            sleutel=naam or tekst,
            naam=naam,
            namespace=namespace,
            formaat=formaat + stuk,
            parameters=alle_parameters,
            view=patroon.callback,
        )


Voorbeelden = dict[type[Model], Model]

# Sample values for URL parameters, by route. Model admin pages (object_id) are filled in
# generically from the view's model admin; everything else is named here. A new view with
# parameters fails test_elke_route_is_gedekt until it gets an entry here or in OVERGESLAGEN.
VOORBEELDEN: dict[str, Callable[[Voorbeelden], list[dict[str, object]]]] = {
    "admin:app_list": lambda v: [
        {"app_label": label}
        for label in ("advies", "programmas", "reacties", "auth", "adviesmonitor")
    ],
    "admin:view_on_site": lambda v: [
        {"content_type_id": ContentType.objects.get_for_model(Advies).pk, "object_id": v[Advies].pk}
    ],
    "admin:auth_user_password_change": lambda v: [{"id": v[User].pk}],
    # The admin's catch-all: a known page without its trailing slash is redirected to it.
    "admin/(?P<url>.*)$": lambda v: [{"url": "advies/advies"}],
    "reacties:brief": lambda v: [{"pk": v[Reactiebrief].pk}],
    "reacties:pdf": lambda v: [{"pk": v[Reactiebrief].pk}],
    "reacties:volledigheid": lambda v: [{"pk": v[Reactiebrief].pk}],
    "reacties:geschiedenis": lambda v: [{"pk": v[Reactiebrief].pk}],
    "reacties:verschil": lambda v: [{"pk": v[Reactiebrief].pk}],
    "reacties:versie": lambda v: [{"pk": v[Briefversie].brief_id, "nummer": v[Briefversie].nummer}],
    "advies:aanbeveling": lambda v: [{"pk": v[Aanbeveling].pk}],
    "advies:advies": lambda v: [{"slug": v[Advies].slug}],
    "advies:export": lambda v: [{"formaat": f} for f in ("csv", "xlsx", "json")],
    "programmas:programma": lambda v: [{"slug": v[Programma].slug}],
    # The letter editor: the page, and its actions (a GET of an action leads to the editor).
    **{
        f"reacties:{naam}": lambda v: [{"pk": v[Reactiebrief].pk}]
        for naam in (
            "bewerken",
            "bewerken_brief",
            "bewerken_sectie_nieuw",
            "bewerken_reactie_nieuw",
            "bewerken_voetnoot_nieuw",
        )
    },
    **{
        f"reacties:{naam}": lambda v: [{"pk": v[Sectie].brief_id, "sid": v[Sectie].pk}]
        for naam in (
            "bewerken_sectie",
            "bewerken_sectie_omhoog",
            "bewerken_sectie_omlaag",
            "bewerken_sectie_verwijderen",
        )
    },
    **{
        f"reacties:{naam}": lambda v: [{"pk": v[Sectie].brief_id, "rid": v[Reactie].pk}]
        for naam in (
            "bewerken_reactie",
            "bewerken_reactie_sjabloon",
            "bewerken_koppelingen",
            "bewerken_toezegging_nieuw",
        )
    },
    "reacties:bewerken_toezegging": lambda v: [
        {"pk": v[Sectie].brief_id, "rid": v[Reactie].pk, "tid": v[Toezegging].pk}
    ],
    "reacties:bewerken_voetnoot": lambda v: [
        {"pk": v[Voetnoot].brief_id, "nummer": v[Voetnoot].nummer}
    ],
    "reacties:sjabloon": lambda v: [{"sid": v[Antwoordsjabloon].pk}],
    "reacties:sjabloon_verwijderen": lambda v: [{"sid": v[Antwoordsjabloon].pk}],
    # The open-data API: one object of each kind; its catch-all with a path that only lacks
    # its trailing slash (sent on to the list).
    "api:advies": lambda v: [{"slug": v[Advies].slug}],
    "api:aanbeveling": lambda v: [{"pk": v[Aanbeveling].pk}],
    "api:reactie": lambda v: [{"pk": v[Reactie].pk}],
    "api:toezegging": lambda v: [{"pk": v[Toezegging].pk}],
    "api:programma": lambda v: [{"slug": v[Programma].slug}],
    "api:onbekend": lambda v: [{"rest": "adviezen"}],
}

# A query string some views need to answer at all.
QUERYSTRINGS: dict[str, str] = {
    "admin:autocomplete": "?app_label=reacties&model_name=reactie&field_name=aanbevelingen",
}

# Routes not requested, and why. The test fails when this list is stale or incomplete.
OVERGESLAGEN: dict[str, str] = {
    # Logging out is POST-only since Django 5 (GET answers 405), and a POST would end the
    # test client's session halfway through the walk.
    "admin:logout": "alleen POST; zou de sessie van de test beëindigen",
    "uitloggen": "alleen POST; zou de sessie van de test beëindigen",
    # The workflow's actions answer GET with 405; tests/test_rechtenmatrix.py requests them
    # with GET and POST as every role, each POST on a letter of its own.
    "reacties:naar_review": "alleen POST; gedekt door tests/test_rechtenmatrix.py",
    "reacties:goedkeuren": "alleen POST; gedekt door tests/test_rechtenmatrix.py",
    "reacties:terugsturen": "alleen POST; gedekt door tests/test_rechtenmatrix.py",
    "reacties:verzenden": "alleen POST; gedekt door tests/test_rechtenmatrix.py",
    "reacties:nieuwe_versie": "alleen POST; gedekt door tests/test_rechtenmatrix.py",
}


def _kwargs_voor(route: Route, voorbeelden: Voorbeelden) -> list[dict[str, object]] | None:
    if not route.parameters:
        return [{}]
    if route.sleutel in VOORBEELDEN:
        return VOORBEELDEN[route.sleutel](voorbeelden)
    model_admin = getattr(route.view, "model_admin", None)
    if model_admin is not None and route.parameters == ("object_id",):
        return [{"object_id": voorbeelden[model_admin.model].pk}]
    return None


@dataclass(frozen=True)
class Verzoek:
    route: Route
    kwargs: dict[str, object]
    url: str


def verzoeken(voorbeelden: Voorbeelden) -> tuple[list[Verzoek], set[str]]:
    """Every route filled in with sample values, plus the keys of routes left out."""
    gedaan: list[Verzoek] = []
    niet_gedekt: set[str] = set()
    for route in routes():
        if route.sleutel in OVERGESLAGEN:
            continue
        kwargs_lijst = _kwargs_voor(route, voorbeelden)
        if kwargs_lijst is None:
            niet_gedekt.add(route.sleutel)
            continue
        for kwargs in kwargs_lijst:
            pad = "/" + route.formaat % {k: str(v) for k, v in kwargs.items()}
            gedaan.append(Verzoek(route, kwargs, pad + QUERYSTRINGS.get(route.sleutel, "")))
    return gedaan, niet_gedekt


@pytest.fixture
def voorbeelden(db) -> Voorbeelden:
    return maak_voorbeelden()


def test_elke_route_is_gedekt(voorbeelden):
    alle_sleutels = {route.sleutel for route in routes()}
    gedaan, niet_gedekt = verzoeken(voorbeelden)
    assert not niet_gedekt, (
        "Deze URL's hebben parameters zonder voorbeeldwaarde; voeg ze toe aan VOORBEELDEN "
        f"(of, met reden, aan OVERGESLAGEN): {sorted(niet_gedekt)}"
    )
    assert set(OVERGESLAGEN) <= alle_sleutels, (
        f"OVERGESLAGEN noemt routes die niet meer bestaan: {set(OVERGESLAGEN) - alle_sleutels}"
    )
    assert set(VOORBEELDEN) <= alle_sleutels, (
        f"VOORBEELDEN noemt routes die niet meer bestaan: {set(VOORBEELDEN) - alle_sleutels}"
    )
    # The walk really reached the admin of the models, not just a few top-level pages.
    namen = {verzoek.route.naam for verzoek in gedaan}
    assert {"admin:index", "admin:reacties_reactie_change", "admin:auth_user_add"} <= namen


def test_voorbeeldwaarden_raken_hun_eigen_route(voorbeelden):
    # A sample value that makes the URL match an earlier pattern would test the wrong view.
    gedaan, _ = verzoeken(voorbeelden)
    for verzoek in gedaan:
        match = resolve(urlsplit(verzoek.url).path)
        assert match.func is verzoek.route.view, (verzoek.url, match)


def test_elke_url_werkt_voor_de_beheerder(voorbeelden, beheerder, client_for):
    client = client_for(beheerder)
    gedaan, _ = verzoeken(voorbeelden)
    fouten = [
        f"{verzoek.url}: {status}"
        for verzoek in gedaan
        if (status := client.get(verzoek.url).status_code) >= 400
        # Only where the table refuses the Beheerder too: adding records that the services
        # alone write (approvals, frozen PDFs, history).
        and not (verzoek.route.in_admin and status == verwachte_admin_status(BEHEERDER, verzoek))
    ]
    assert not fouten, "\n".join(fouten)


# --- what each role may expect ----------------------------------------------------------

ADMIN_LOGIN = "/admin/login/"

# Admin pages outside any model admin, for a staff user: what they answer.
ADMIN_STAF_STATUS: dict[str, int] = {
    "admin:index": 200,
    "admin:password_change": 200,
    "admin:password_change_done": 200,
    "admin:jsi18n": 200,
    "admin:autocomplete": 200,  # every staff role may view the recommendations searched for
    "admin:view_on_site": 302,
    "admin/(?P<url>.*)$": 301,
}


# Pages a model admin adds itself (get_urls), with every permission they need.
ADMIN_EIGEN_PAGINAS: dict[str, tuple[str, ...]] = {
    # The table import: who may change reports and add and change recommendations.
    "admin:advies_aanbeveling_importeren": (
        "advies.change_advies",
        "advies.add_aanbeveling",
        "advies.change_aanbeveling",
    ),
}


def _mag(rol: str, app_label: str, actie: str, model_name: str) -> bool:
    return f"{app_label}.{actie}_{model_name}" in ROL_PERMISSIES[rol]


def _ok_of_403(toegestaan: bool) -> int:
    return 200 if toegestaan else 403


def verwachte_admin_status(rol: str | None, verzoek: Verzoek) -> int:
    """The status of an admin page for ``rol`` (None: anonymous), from the permission table
    of the migration: so the admin enforces exactly that table."""
    route = verzoek.route
    if rol is None or not IS_STAFF[rol]:
        # Also for analysts: without is_staff the admin sends everyone to its login page.
        return 200 if route.naam == "admin:login" else 302
    if route.naam == "admin:login":
        return 302  # already logged in: on to the index
    if route.naam == "admin:app_list":
        app_label = verzoek.kwargs["app_label"]
        return 200 if any(p.startswith(f"{app_label}.") for p in ROL_PERMISSIES[rol]) else 404
    if route.naam == "admin:auth_user_password_change":
        return _ok_of_403(_mag(rol, "auth", "change", "user"))
    if route.sleutel in ADMIN_EIGEN_PAGINAS:
        return _ok_of_403(all(p in ROL_PERMISSIES[rol] for p in ADMIN_EIGEN_PAGINAS[route.sleutel]))
    model_admin = getattr(route.view, "model_admin", None)
    if model_admin is None:
        return ADMIN_STAF_STATUS[route.sleutel]
    if route.naam is None:
        return 302  # <object_id>/ without "change/" redirects to the change page
    opts = model_admin.model._meta
    soort = route.naam.rsplit("_", 1)[1]
    if soort in {"changelist", "change", "history"}:
        toegestaan = _mag(rol, opts.app_label, "view", opts.model_name) or _mag(
            rol, opts.app_label, "change", opts.model_name
        )
        return _ok_of_403(toegestaan)
    return _ok_of_403(_mag(rol, opts.app_label, soort, opts.model_name))


def _doel(response: HttpResponse) -> str:
    return urlsplit(response["Location"]).path


def _controleer_admin(rol: str | None, verzoek: Verzoek, response: HttpResponse) -> str | None:
    verwacht = verwachte_admin_status(rol, verzoek)
    if response.status_code != verwacht:
        return f"{verzoek.url}: {response.status_code}, verwacht {verwacht}"
    if (rol is None or not IS_STAFF[rol]) and verwacht == 302 and _doel(response) != ADMIN_LOGIN:
        return f"{verzoek.url}: stuurt door naar {response['Location']}, niet naar het inloggen"
    return None


# URL namespaces that anonymous visitors may use: the read-only open-data API.
OPEN_DATA = {"api"}


def _controleer_overig(rol: str | None, verzoek: Verzoek, response: HttpResponse) -> str | None:
    """Pages outside the admin: their rules per role are their own, but no page may fail,
    and an anonymous visitor sees nothing but the login page without logging in."""
    status = response.status_code
    if rol is None and verzoek.route.namespace in OPEN_DATA:
        # Open to anyone; what is not public (the samples are in a letter not yet sent) is
        # a JSON 404, as for what does not exist.
        return None if status in {200, 301, 404} else f"{verzoek.url}: {status} (open data)"
    if rol is None:
        # The login page and the load balancer's health check are for everyone.
        openbaar = {resolve_url(settings.LOGIN_URL), resolve_url("gezondheid")}
        if status == 200 and urlsplit(verzoek.url).path in openbaar:
            return None
        if status in {301, 302, 403}:
            return None
        return f"{verzoek.url}: {status} voor een anonieme bezoeker"
    toegestaan = status < 400 or status == 403
    return None if toegestaan else f"{verzoek.url}: {status}"


@pytest.mark.parametrize("rol", [None, ANALIST, REDACTEUR, COORDINATOR, BEHEERDER])
def test_elke_url_geeft_de_verwachte_status_per_rol(rol, voorbeelden, client_for, request):
    fixture = {ANALIST: "analist", REDACTEUR: "redacteur", COORDINATOR: "coordinator"}
    gebruiker = request.getfixturevalue(fixture.get(rol, "beheerder")) if rol else None
    client = client_for(gebruiker)
    gedaan, _ = verzoeken(voorbeelden)
    fouten = []
    for verzoek in gedaan:
        response = client.get(verzoek.url)
        controle = _controleer_admin if verzoek.route.in_admin else _controleer_overig
        if (fout := controle(rol, verzoek, response)) is not None:
            fouten.append(fout)
    assert not fouten, "\n".join(fouten)


def test_verwachte_status_volgt_de_rollen(voorbeelden):
    # The expectations above must differ between roles where the table does, or the
    # walk would prove nothing about them.
    gedaan, _ = verzoeken(voorbeelden)
    per_naam = {verzoek.route.naam: verzoek for verzoek in gedaan if verzoek.route.naam}
    advies_toevoegen = per_naam["admin:advies_advies_add"]
    brief_toevoegen = per_naam["admin:reacties_reactiebrief_add"]
    gebruikers = per_naam["admin:auth_user_changelist"]
    assert verwachte_admin_status(REDACTEUR, advies_toevoegen) == 403
    assert verwachte_admin_status(REDACTEUR, brief_toevoegen) == 200
    assert verwachte_admin_status(COORDINATOR, gebruikers) == 403
    assert verwachte_admin_status(BEHEERDER, gebruikers) == 200
    assert verwachte_admin_status(ANALIST, brief_toevoegen) == 302
    assert reverse("admin:login") == ADMIN_LOGIN
