"""Shared test set-up: a fast password hasher for every test, users per role and a client
logged in as any of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR


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


def _gebruiker_met_rol(django_user_model, gebruikersnaam: str, rol: str):
    """A user in exactly the group of ``rol`` (created by the migration ``reacties.0002``)."""
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
