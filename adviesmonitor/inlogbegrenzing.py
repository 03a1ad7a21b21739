"""Login limits against password guessing, for the site's login and the admin's.

Failed logins are counted from the audit log, so the limits hold across every web process
and host without shared memory: INLOG_MAX_PER_GEBRUIKER failures for one user name (since
its last successful login), or INLOG_MAX_PER_IP from one address, within
INLOG_VENSTER_SECONDEN, block the next attempts for INLOG_BLOKKADE_SECONDEN after the last
of them. A blocked attempt is not tried at all (the password is not checked, so it cannot
be guessed meanwhile) and does not count as a failure, so the block ends on time.

A blocked user name gets the same answer whether or not such a user exists, and failures
are counted for names that do not exist just the same. Two processes checking at the same
moment may each let one more attempt through; the limits are a brake, not a counter.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from adviesmonitor import audit
from adviesmonitor.models import AuditEvent

Soort = AuditEvent.Soort

# The login views (URL names) that are limited: the site's and the admin's.
INLOGPAGINAS = frozenset({"inloggen", "admin:login"})
_NAAM = AuditEvent._meta.get_field("gebruikersnaam").max_length


def _blokkade_tot(mislukt: QuerySet[AuditEvent], maximum: int, nu: datetime) -> datetime | None:
    """Until when these failures block, or None: the last ``maximum`` of them fall within
    the window, and the last one is less than the block's length ago."""
    if maximum <= 0:
        return None  # 0 switches this limit off
    venster = timedelta(seconds=settings.INLOG_VENSTER_SECONDEN)
    blokkade = timedelta(seconds=settings.INLOG_BLOKKADE_SECONDEN)
    tijden = list(
        mislukt.filter(tijdstip__gt=nu - venster - blokkade)
        .order_by("-tijdstip")
        .values_list("tijdstip", flat=True)[:maximum]
    )
    if len(tijden) < maximum or tijden[0] - tijden[-1] > venster:
        return None
    tot = tijden[0] + blokkade
    return tot if tot > nu else None


def geblokkeerd_tot(gebruikersnaam: str, ip: str | None) -> datetime | None:
    """Until when a login as ``gebruikersnaam`` from ``ip`` is refused; None: try it."""
    nu = timezone.now()
    mislukt = AuditEvent.objects.filter(soort=Soort.INLOGGEN_MISLUKT)
    # Failures before the user's last successful login are forgiven (not for the address:
    # one account of one's own must not wipe the count of guesses at others).
    laatste_login = (
        AuditEvent.objects.filter(gebruikersnaam=gebruikersnaam, soort=Soort.INGELOGD)
        .order_by("-tijdstip")
        .values_list("tijdstip", flat=True)
        .first()
    )
    per_naam = mislukt.filter(gebruikersnaam=gebruikersnaam)
    if laatste_login is not None:
        per_naam = per_naam.filter(tijdstip__gt=laatste_login)
    momenten = [_blokkade_tot(per_naam, settings.INLOG_MAX_PER_GEBRUIKER, nu)]
    if ip is not None:
        momenten.append(_blokkade_tot(mislukt.filter(ip=ip), settings.INLOG_MAX_PER_IP, nu))
    return max((m for m in momenten if m is not None), default=None)


def _geblokkeerd(request: HttpRequest, gebruikersnaam: str, tot: datetime) -> HttpResponse:
    seconden = max(math.ceil((tot - timezone.now()).total_seconds()), 1)
    minuten = math.ceil(seconden / 60)
    audit.schrijf(
        Soort.INLOGGEN_GEBLOKKEERD,
        gebruikersnaam,
        f"Inlogpoging geweigerd: geblokkeerd tot {timezone.localtime(tot):%H:%M:%S}.",
        request=request,
    )
    response = TemplateResponse(
        request,
        "registration/geblokkeerd.html",
        {"minuten": minuten, "terug": request.get_full_path()},
        status=429,
    )
    response["Retry-After"] = str(seconden)
    return response


class InlogbegrenzingMiddleware:
    """Refuses a login POST while its user name or address is blocked (HTTP 429)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # After CsrfViewMiddleware.process_view: a forged POST is refused before this.
        if request.method != "POST" or request.resolver_match is None:
            return None
        if request.resolver_match.view_name not in INLOGPAGINAS:
            return None
        gebruikersnaam = request.POST.get("username", "")[:_NAAM]
        tot = geblokkeerd_tot(gebruikersnaam, audit.client_ip(request))
        if tot is None:
            return None
        return _geblokkeerd(request, gebruikersnaam, tot)
