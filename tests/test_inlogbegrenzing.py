"""Login limits: counted from the audit log, per user name and per address, for the site's
login and the admin's. Time passes by moving the audit lines back, never by sleeping."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from adviesmonitor.inlogbegrenzing import geblokkeerd_tot
from adviesmonitor.models import AuditEvent

pytestmark = pytest.mark.django_db
Soort = AuditEvent.Soort
WACHTWOORD = "geheim-voor-tests"
MELDING = "Er is te vaak geprobeerd met een onjuist wachtwoord in te loggen."


def _inloggen(gebruikersnaam: str, wachtwoord: str, ip: str = "127.0.0.1", pad: str = ""):
    return Client().post(
        pad or reverse("inloggen"),
        {"username": gebruikersnaam, "password": wachtwoord},
        REMOTE_ADDR=ip,
    )


def _fout(gebruikersnaam: str, keer: int, ip: str = "127.0.0.1") -> None:
    for _ in range(keer):
        assert _inloggen(gebruikersnaam, "fout-wachtwoord", ip).status_code == 200


def _verschuif(minuten: int) -> None:
    """Let ``minuten`` pass: every audit line moves that far into the past."""
    for regel in AuditEvent.objects.all():
        AuditEvent.objects.filter(pk=regel.pk).update(
            tijdstip=regel.tijdstip - timedelta(minutes=minuten)
        )


def test_vijf_fouten_blokkeren_de_naam_ook_met_het_goede_wachtwoord(redacteur):
    _fout("redacteur", 4)
    _fout("redacteur", 1, ip="192.0.2.1")  # another address: the name counts
    response = _inloggen("redacteur", WACHTWOORD)
    assert response.status_code == 429
    assert MELDING in response.content.decode()
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    assert not AuditEvent.objects.filter(soort=Soort.INGELOGD).exists()
    # A blocked attempt is logged, but not as a failure (the block ends on time).
    assert AuditEvent.objects.filter(soort=Soort.INLOGGEN_GEBLOKKEERD).count() == 1
    assert AuditEvent.objects.filter(soort=Soort.INLOGGEN_MISLUKT).count() == 5
    # Other users log in as usual.
    assert _inloggen("iemand-anders", "fout").status_code == 200


def test_de_blokkade_geldt_ook_voor_het_inloggen_in_de_admin(beheerder):
    _fout("beheerder", 5)
    response = _inloggen("beheerder", WACHTWOORD, pad=reverse("admin:login"))
    assert response.status_code == 429
    assert MELDING in response.content.decode()


def test_niet_te_zien_of_de_gebruiker_bestaat(redacteur):
    _fout("redacteur", 5)
    _fout("bestaat-niet", 5)
    bestaand = _inloggen("redacteur", "iets")
    onbekend = _inloggen("bestaat-niet", "iets")
    assert bestaand.status_code == onbekend.status_code == 429
    assert bestaand.content == onbekend.content


def test_na_het_venster_mag_het_weer(redacteur):
    _fout("redacteur", 5)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 429
    _verschuif(14)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 429
    _verschuif(2)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 302


def test_vijf_fouten_verspreid_over_meer_dan_het_venster_blokkeren_niet(redacteur):
    _fout("redacteur", 3)
    _verschuif(16)
    _fout("redacteur", 2)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 302


def test_een_geslaagde_login_wist_de_eerdere_fouten_van_de_naam(redacteur):
    _fout("redacteur", 4)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 302
    _fout("redacteur", 4)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 302


def test_twintig_fouten_van_een_adres_blokkeren_dat_adres(redacteur):
    nu = timezone.now()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            soort=Soort.INLOGGEN_MISLUKT,
            gebruikersnaam=f"gok-{i}",
            door="anoniem",
            ip="203.0.113.7",
            tijdstip=nu - timedelta(seconds=i),
        )
        for i in range(19)
    )
    _fout("nog-een-gok", 1, ip="203.0.113.7")
    response = _inloggen("redacteur", WACHTWOORD, ip="203.0.113.7")
    assert response.status_code == 429
    assert MELDING in response.content.decode()
    # The same user from another address is not blocked.
    assert _inloggen("redacteur", WACHTWOORD, ip="198.51.100.1").status_code == 302


def test_de_grenzen_zijn_instellingen(redacteur, settings):
    settings.INLOG_MAX_PER_GEBRUIKER = 2
    settings.INLOG_BLOKKADE_SECONDEN = 60
    _fout("redacteur", 2)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 429
    _verschuif(1)
    assert _inloggen("redacteur", WACHTWOORD).status_code == 302


def test_alleen_de_inlog_post_wordt_begrensd(redacteur, client_for):
    _fout("redacteur", 5)
    assert Client().get(reverse("inloggen")).status_code == 200
    # A session that was already logged in works on.
    assert client_for(redacteur).get("/aanbevelingen/").status_code == 200


def test_tellen_gebruikt_de_indexen(db):
    # The counts run on every login POST: each must use an index of the audit log, never a
    # scan of the whole table (forced here, as the planner would pick a scan on a tiny one).
    with CaptureQueriesContext(connection) as queries:
        geblokkeerd_tot("redacteur", "192.0.2.1")
    assert len(queries) == 3
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        for query in queries:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            cursor.execute(prefix + query["sql"])
            plan = " ".join(str(rij) for rij in cursor.fetchall())
            assert "audit_naam_soort_tijd" in plan or "audit_ip_soort_tijd" in plan, plan
