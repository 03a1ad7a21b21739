"""Shared test set-up: a fast password hasher for every test, users per role and a client
logged in as any of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import Reactiebrief
from reacties.uitwisseling.importeren import importeer_document, lees_bestand


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _statische_bestanden_zonder_manifest(settings):
    # Tests run with DEBUG off, where the manifest storage needs `collectstatic` before any
    # page with {% static %} renders; the plain storage serves the same names without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def zaai_referentiedata() -> None:
    """Seed again, idempotently and with the migrations' own functions, what the data
    migrations put in: levels, roles and their rights. Transactional tests (the browser tests)
    empty every table when they end; tests that pytest-django orders after them need these."""
    import importlib

    from django.apps import apps
    from django.db import connection

    class _Schema:
        pass

    schema = _Schema()
    schema.connection = connection
    migratie = importlib.import_module
    migratie("advies.migrations.0002_bestuurslagen").seed(apps, schema)
    migratie("reacties.migrations.0002_rollen").maak_rollen(apps, schema)
    migratie("reacties.migrations.0004_rollen_briefprogramma").geef_rechten(apps, schema)
    migratie("reacties.migrations.0007_rollen_werkstroom").geef_rechten(apps, schema)
    migratie("adviesmonitor.migrations.0002_rollen_auditlog").geef_rechten(apps, schema)


def _is_transactioneel(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    namen = getattr(item, "fixturenames", ())
    return "transactional_db" in namen or "live_server" in namen


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test Django has emptied every table, the rows the data
    migrations seeded included. Within one process pytest-django runs those tests last, but
    pytest-xdist hands each worker whole files in any order, so seed them again right after
    the flush, committed, for whatever test that worker runs next."""
    yield
    if nextitem is None or not _is_transactioneel(item):
        return
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        zaai_referentiedata()


def _gebruiker_met_rol(django_user_model, gebruikersnaam: str, rol: str):
    """A user in exactly the group of ``rol`` (created by the migration ``reacties.0002``)."""
    if not Group.objects.filter(name=rol).exists():
        zaai_referentiedata()
    gebruiker = django_user_model.objects.create_user(
        username=gebruikersnaam, password="geheim-voor-tests", is_staff=IS_STAFF[rol]
    )
    gebruiker.groups.add(Group.objects.get(name=rol))
    return gebruiker


@pytest.fixture
def redacteur(db, django_user_model):
    return _gebruiker_met_rol(django_user_model, "redacteur", REDACTEUR)


@pytest.fixture
def coordinator(db, django_user_model):
    return _gebruiker_met_rol(django_user_model, "coordinator", COORDINATOR)


@pytest.fixture
def analist(db, django_user_model):
    return _gebruiker_met_rol(django_user_model, "analist", ANALIST)


@pytest.fixture
def beheerder(db, django_user_model):
    return _gebruiker_met_rol(django_user_model, "beheerder", BEHEERDER)


@pytest.fixture
def client_for() -> Callable[..., Client]:
    """``client_for(user)``: a test client logged in as ``user``; ``client_for(None)`` is
    anonymous."""

    def maak(gebruiker=None) -> Client:
        client = Client()
        if gebruiker is not None:
            client.force_login(gebruiker)
        return client

    return maak


@pytest.fixture
def voorbeeldbrief(db) -> Reactiebrief:
    """The example letter, loaded through the real importer."""
    importeer_document(lees_bestand(VOORBEELD))
    return Reactiebrief.objects.get(advies__slug="ruimte-maken-voor-ontmoeting", versie=1)


@pytest.fixture(autouse=True)
def _lege_cache():
    # Rendered PDFs (and other cached results) are keyed by content; every test starts clean.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
