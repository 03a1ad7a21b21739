"""The audit log: what is recorded, by whom, from where, and who may read it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from adviesmonitor.audit import ANONIEM, SYSTEEM
from adviesmonitor.models import AuditEvent
from adviesmonitor.rollen import BEHEERDER, COORDINATOR, REDACTEUR
from programmas.models import Medewerker
from tests import factories

pytestmark = pytest.mark.django_db
Soort = AuditEvent.Soort
WACHTWOORD = "geheim-voor-tests"


def _regels(soort: str, **filters) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(soort=soort, **filters).order_by("id"))


def _inloggen(client: Client, gebruikersnaam: str, wachtwoord: str, **extra):
    return client.post(
        reverse("inloggen"),
        {"username": gebruikersnaam, "password": wachtwoord},
        HTTP_USER_AGENT="Testbrowser/1.0",
        **extra,
    )


# --- logging in and out --------------------------------------------------------------------


def test_inloggen_en_uitloggen(redacteur):
    client = Client()
    assert _inloggen(client, "redacteur", WACHTWOORD).status_code == 302
    [regel] = _regels(Soort.INGELOGD)
    assert (regel.gebruikersnaam, regel.door, regel.ip) == ("redacteur", "redacteur", "127.0.0.1")
    assert regel.user_agent == "Testbrowser/1.0"

    assert client.post(reverse("uitloggen")).status_code == 302
    [regel] = _regels(Soort.UITGELOGD)
    assert (regel.gebruikersnaam, regel.door) == ("redacteur", "redacteur")


def test_mislukte_inlogpoging_bewaart_de_naam_maar_nooit_het_wachtwoord(redacteur):
    geheim = "Fout-Wachtwoord-Dat-Niet-Bewaard-Mag-Worden"
    response = _inloggen(Client(), "redacteur", geheim)
    assert response.status_code == 200
    _inloggen(Client(), "bestaat-niet", geheim)
    regels = _regels(Soort.INLOGGEN_MISLUKT)
    assert [(r.gebruikersnaam, r.door, r.ip) for r in regels] == [
        ("redacteur", ANONIEM, "127.0.0.1"),
        ("bestaat-niet", ANONIEM, "127.0.0.1"),
    ]
    for regel in AuditEvent.objects.all():
        velden = [str(getattr(regel, veld.attname)) for veld in AuditEvent._meta.fields]
        assert not any(geheim in waarde for waarde in velden), velden


def test_ip_uit_de_proxyheader_alleen_achter_de_eigen_tls_proxy(redacteur, settings):
    # Without BEHIND_TLS_PROXY the header is the client's own invention.
    _inloggen(Client(), "x", "y", HTTP_X_FORWARDED_FOR="203.0.113.9")
    settings.BEHIND_TLS_PROXY = True
    # Behind the proxy: its entry is the last; what the client sent before it is ignored.
    _inloggen(Client(), "x", "y", HTTP_X_FORWARDED_FOR="10.6.6.6, 198.51.100.7")
    settings.PROXY_AANTAL = 2
    _inloggen(Client(), "x", "y", HTTP_X_FORWARDED_FOR="10.6.6.6, 198.51.100.8, 10.0.0.1")
    _inloggen(Client(), "x", "y", HTTP_X_FORWARDED_FOR="onzin")
    assert [r.ip for r in _regels(Soort.INLOGGEN_MISLUKT)] == [
        "127.0.0.1",
        "198.51.100.7",
        "198.51.100.8",
        "127.0.0.1",  # too few entries: the direct peer
    ]


# --- rights --------------------------------------------------------------------------------


def _gebruikersformulier(gebruiker: User, **wijzigingen) -> dict:
    """The admin's change form for ``gebruiker`` as it stands, with ``wijzigingen``."""
    data = {
        "username": gebruiker.username,
        "first_name": gebruiker.first_name,
        "last_name": gebruiker.last_name,
        "email": gebruiker.email,
        "date_joined_0": gebruiker.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": gebruiker.date_joined.strftime("%H:%M:%S"),
        "groups": [str(pk) for pk in gebruiker.groups.values_list("pk", flat=True)],
        "user_permissions": [],
    }
    for veld in ("is_active", "is_staff", "is_superuser"):
        if getattr(gebruiker, veld):
            data[veld] = "on"
    data.update(wijzigingen)
    return {k: v for k, v in data.items() if v is not False}


def test_rolwijziging_in_de_admin_door_een_beheerder(beheerder, redacteur, client_for):
    client = client_for(beheerder)
    coordinator = Group.objects.get(name=COORDINATOR)
    AuditEvent.objects.all().delete()
    url = reverse("admin:auth_user_change", args=[redacteur.pk])
    response = client.post(
        url, _gebruikersformulier(redacteur, groups=[str(coordinator.pk)]), REMOTE_ADDR="192.0.2.5"
    )
    assert response.status_code == 302
    regels = _regels(Soort.ROLLEN)
    assert [(r.gebruikersnaam, r.door, r.ip, r.omschrijving) for r in regels] == [
        ("redacteur", "beheerder", "192.0.2.5", f"Groepen verwijderd: {REDACTEUR}."),
        ("redacteur", "beheerder", "192.0.2.5", f"Groepen toegevoegd: {COORDINATOR}."),
    ]
    assert regels[1].gegevens == {"toegevoegd": [COORDINATOR]}

    # The status flags: is_staff off, is_superuser on.
    response = client.post(
        url, _gebruikersformulier(redacteur, is_staff=False, is_superuser="on"), REMOTE_ADDR="::1"
    )
    assert response.status_code == 302
    [regel] = _regels(Soort.STATUS)
    assert regel.door == "beheerder" and regel.ip == "::1"
    assert regel.gegevens == {
        "is_staff": {"van": True, "naar": False},
        "is_superuser": {"van": False, "naar": True},
    }
    # Saving without a change records nothing.
    aantal = AuditEvent.objects.count()
    client.post(url, _gebruikersformulier(User.objects.get(pk=redacteur.pk)))
    assert AuditEvent.objects.count() == aantal


def test_ministerie_van_een_medewerker_in_de_admin(beheerder, coordinator, client_for):
    bzk, vws = factories.maak_ministerie(), factories.maak_ministerie()
    client = client_for(beheerder)
    response = client.post(
        reverse("admin:programmas_medewerker_add"), {"user": coordinator.pk, "ministerie": bzk.pk}
    )
    assert response.status_code == 302
    medewerker = Medewerker.objects.get(user=coordinator)
    response = client.post(
        reverse("admin:programmas_medewerker_change", args=[medewerker.pk]),
        {"user": coordinator.pk, "ministerie": vws.pk},
    )
    assert response.status_code == 302
    medewerker.delete()
    regels = _regels(Soort.MINISTERIE)
    assert [(r.gebruikersnaam, r.door, r.gegevens["ministerie"]) for r in regels] == [
        ("coordinator", "beheerder", {"van": None, "naar": bzk.afkorting}),
        ("coordinator", "beheerder", {"van": bzk.afkorting, "naar": vws.afkorting}),
        ("coordinator", SYSTEEM, {"van": vws.afkorting, "naar": None}),
    ]


def test_groepen_via_de_groep_en_leegmaken(redacteur, analist):
    groep = Group.objects.get(name=BEHEERDER)
    groep.user_set.add(redacteur, analist)
    redacteur.groups.clear()
    regels = [(r.gebruikersnaam, r.omschrijving) for r in _regels(Soort.ROLLEN)]
    assert regels[-3:] == [
        ("analist", f"Groepen toegevoegd: {BEHEERDER}."),
        ("redacteur", f"Groepen toegevoegd: {BEHEERDER}."),
        ("redacteur", f"Groepen verwijderd: {BEHEERDER}, {REDACTEUR}."),
    ]
    # Adding what is there already changes nothing and records nothing.
    aantal = AuditEvent.objects.count()
    analist.groups.add(groep)
    assert AuditEvent.objects.count() == aantal


def test_een_commando_handelt_als_systeem(settings):
    settings.DEBUG = True
    call_command("maak_demogebruikers", stdout=io.StringIO())
    aangemaakt = _regels(Soort.GEBRUIKER_AANGEMAAKT)
    assert {r.gebruikersnaam for r in aangemaakt} >= {"beheerder", "analist", "coordinator"}
    assert {r.door for r in AuditEvent.objects.all()} == {SYSTEEM}
    assert all(r.ip is None for r in aangemaakt)
    assert "Groepen toegevoegd: Beheerder." in [
        r.omschrijving for r in _regels(Soort.ROLLEN, gebruikersnaam="beheerder")
    ]


def test_gebruiker_verwijderd(beheerder, client_for):
    collega = factories.maak_gebruiker()
    response = client_for(beheerder).post(
        reverse("admin:auth_user_delete", args=[collega.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    [regel] = _regels(Soort.GEBRUIKER_VERWIJDERD)
    assert (regel.gebruikersnaam, regel.door) == (collega.username, "beheerder")


# --- the log in the admin ------------------------------------------------------------------


def test_beheerder_leest_het_auditlog_maar_wijzigt_niets(beheerder, client_for):
    regel = factories.maak_auditregel()
    client = client_for(beheerder)
    lijst = reverse("admin:adviesmonitor_auditevent_changelist")
    assert client.get(lijst).status_code == 200
    wijzig = client.get(reverse("admin:adviesmonitor_auditevent_change", args=[regel.pk]))
    assert wijzig.status_code == 200
    assert wijzig.context["has_change_permission"] is False
    assert client.get(reverse("admin:adviesmonitor_auditevent_add")).status_code == 403
    verwijder = reverse("admin:adviesmonitor_auditevent_delete", args=[regel.pk])
    assert client.post(verwijder, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=regel.pk).exists()


def test_ook_een_superuser_kan_niets_wijzigen(db, client_for):
    baas = User.objects.create_superuser("baas", password=WACHTWOORD)
    regel = factories.maak_auditregel()
    client = client_for(baas)
    assert client.get(reverse("admin:adviesmonitor_auditevent_add")).status_code == 403
    response = client.post(
        reverse("admin:adviesmonitor_auditevent_change", args=[regel.pk]), {"door": "niemand"}
    )
    assert response.status_code == 403
    verwijder = reverse("admin:adviesmonitor_auditevent_delete", args=[regel.pk])
    assert client.post(verwijder, {"post": "yes"}).status_code == 403
    # The changelist offers no delete action either.
    client.post(
        reverse("admin:adviesmonitor_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [regel.pk], "post": "yes"},
    )
    assert AuditEvent.objects.filter(pk=regel.pk, door="anoniem").exists()


@pytest.mark.parametrize("rol", ["redacteur", "coordinator"])
def test_andere_rollen_zien_het_auditlog_niet(rol, request, client_for):
    client = client_for(request.getfixturevalue(rol))
    assert client.get(reverse("admin:adviesmonitor_auditevent_changelist")).status_code == 403


def test_filteren_op_soort_en_datum_en_zoeken_op_naam(beheerder, client_for):
    client = client_for(beheerder)
    factories.maak_auditregel()
    AuditEvent.objects.create(soort=Soort.INGELOGD, gebruikersnaam="zoekmij", door="zoekmij")
    lijst = reverse("admin:adviesmonitor_auditevent_changelist")

    def getoond(query: str) -> set[str]:
        response = client.get(lijst + query)
        assert response.status_code == 200, query
        return {r.gebruikersnaam for r in response.context["cl"].result_list}

    assert getoond("?q=zoekmij") == {"zoekmij"}
    assert "zoekmij" not in getoond(f"?soort__exact={Soort.INLOGGEN_MISLUKT}")
    assert "zoekmij" in getoond(f"?soort__exact={Soort.INGELOGD}")
    cl = client.get(lijst).context["cl"]
    titels = {str(spec.title) for spec in cl.filter_specs}
    assert titels == {"soort", "tijdstip"}
    vandaag = next(
        keuze["query_string"]
        for spec in cl.filter_specs
        if str(spec.title) == "tijdstip"
        for keuze in spec.choices(cl)
        if str(keuze["display"]) == "Vandaag"
    )
    assert "zoekmij" in getoond(vandaag)
