"""The data version and its cache (advies.gegevensversie): every committed write to a
counted table raises the version, however it is written; a cached figure is never reused
after a write; the triggers come back after a migration lost them.

Transactional tests where the commit matters: on PostgreSQL the version rises at COMMIT."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, transaction

from advies import gegevensversie
from advies.models import Raad
from reacties.models import Reactie


def _versie() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT versie FROM {gegevensversie.TABEL} WHERE id = 1")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_elke_schrijfactie_verandert_de_versie():
    # A new random number each time: a number never comes back for other data.
    begin = _versie()
    raad = Raad.objects.create(naam="Raad voor de Proef", afkorting="RvdP")
    na_insert = _versie()
    assert na_insert != begin
    # QuerySet.update() and delete() send no signals: the triggers see them anyway.
    Raad.objects.filter(pk=raad.pk).update(naam="Raad voor de Test")
    na_update = _versie()
    assert na_update != na_insert
    Raad.objects.filter(pk=raad.pk).delete()
    assert _versie() != na_update


@pytest.mark.django_db(transaction=True)
def test_een_tabel_die_niet_telt_laat_de_versie_staan():
    begin = _versie()
    User.objects.create_user(username="niet-geteld", password="x")
    assert _versie() == begin


@pytest.mark.skipif(connection.vendor != "postgresql", reason="bij COMMIT: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_een_transactie_verandert_de_versie_bij_commit():
    begin = _versie()
    with transaction.atomic():
        for i in range(3):
            Raad.objects.create(naam=f"Raad {i}", afkorting=f"R{i}")
        assert _versie() == begin  # not before the commit: the data is not visible yet
    na_commit = _versie()
    assert na_commit != begin
    with transaction.atomic():
        Raad.objects.create(naam="Raad 4", afkorting="R4")
        transaction.set_rollback(True)
    assert _versie() == na_commit  # a rollback changes nothing


def test_geen_cache_na_een_schrijfactie_in_dezelfde_transactie(db):
    berekend = []

    def maak():
        berekend.append(Raad.objects.count())
        return berekend[-1]

    assert gegevensversie.gecachet("proef", ("a",), maak) == 0
    assert gegevensversie.gecachet("proef", ("a",), maak) == 0
    assert len(berekend) == 1  # the second from the cache
    Raad.objects.create(naam="Nieuwe raad", afkorting="NR")
    # PostgreSQL: this transaction has written, so no cache; SQLite: a new version at once.
    assert gegevensversie.gecachet("proef", ("a",), maak) == 1
    assert len(berekend) == 2


def test_andere_sleutel_andere_waarde(db):
    assert gegevensversie.gecachet("proef", ("a",), lambda: "a") == "a"
    assert gegevensversie.gecachet("proef", ("b",), lambda: "b") == "b"
    assert gegevensversie.gecachet("ander", ("a",), lambda: "c") == "c"


def test_onbereikbare_cache_geeft_de_berekende_waarde(db, monkeypatch):
    def stuk(*args, **kwargs):
        raise ConnectionError("redis weg")

    monkeypatch.setattr(gegevensversie.cache, "get", stuk)
    monkeypatch.setattr(gegevensversie.cache, "set", stuk)
    assert gegevensversie.gecachet("proef", ("a",), lambda: 42) == 42


def test_elke_tellende_tabel_bestaat_en_heeft_zijn_triggers(db):
    tabellen = set(connection.introspection.table_names())
    assert set(gegevensversie.TELLENDE_TABELLEN) <= tabellen
    # The tables the counts read, by their models: a renamed table would be missed.
    assert Reactie.aanbevelingen.through._meta.db_table in gegevensversie.TELLENDE_TABELLEN
    assert gegevensversie.zorg_voor_triggers(connection) == 0


def test_een_verloren_trigger_komt_terug(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {gegevensversie.TABEL} ON advies_raad")
        else:
            cursor.execute(f"DROP TRIGGER {gegevensversie.TABEL}_advies_raad_insert")
    assert gegevensversie.zorg_voor_triggers(connection) == 1
    assert gegevensversie.zorg_voor_triggers(connection) == 0


def test_wat_een_ander_al_berekent_wordt_afgewacht(db):
    # Right after an edit many requests miss the same entry at once: one computes it, the
    # others wait for its result instead of computing it again.
    nummer = gegevensversie.versie()
    naam = gegevensversie.sleutel_voor("proef", ("a",), nummer)
    assert cache.add(f"{naam}:bezig", 1)  # another request is computing it
    threading.Timer(0.2, lambda: cache.set(naam, "van de ander")).start()
    berekend = []
    assert gegevensversie.gecachet("proef", ("a",), lambda: berekend.append(1)) == "van de ander"
    assert berekend == []


def test_wie_niet_op_tijd_klaar_is_wordt_niet_afgewacht(db, monkeypatch):
    monkeypatch.setattr(gegevensversie, "WACHTTIJD", 0.2)
    naam = gegevensversie.sleutel_voor("proef", ("a",), gegevensversie.versie())
    assert cache.add(f"{naam}:bezig", 1)  # a request that never finishes
    assert gegevensversie.gecachet("proef", ("a",), lambda: "zelf") == "zelf"
