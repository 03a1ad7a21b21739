"""The load balancer's health check."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_gezond_geeft_200_met_de_onderdelen(client):
    response = client.get(reverse("gezondheid"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert response.json()["cache"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_onbereikbare_database_geeft_503_zonder_details(client):
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("geheim detail")):
        response = client.get(reverse("gezondheid"))
    assert response.status_code == 503
    assert response.json()["database"] == "fout"
    assert "geheim" not in response.content.decode()


def test_onbereikbare_cache_geeft_503(client):
    with mock.patch("adviesmonitor.gezondheid.cache.set", side_effect=ConnectionError("weg")):
        response = client.get(reverse("gezondheid"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "fout",
        "database": "ok",
        "cache": "fout",
        "wachtrij": response.json()["wachtrij"],
    }


def test_gezondheid_is_uitgezonderd_van_de_https_omleiding(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("gezondheid")).status_code == 200
    assert client.get(reverse("inloggen")).status_code == 301
