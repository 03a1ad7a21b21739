"""Session timeouts: an absolute lifetime and an idle timeout, without a write per request.

Django's own expiry (SESSION_COOKIE_AGE) starts again at every save of the session, so on
its own it is neither: a session that is saved now and then lives for ever, one that is
never saved ends in the middle of work. So the session holds two moments (seconds since
the epoch): when the user logged in, and when a request was last seen. The last one is
refreshed at most once a minute (VERVERS_NA), which is what keeps a busy user's requests
from each writing the session row; the idle timeout is therefore exact to within a minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in
from django.http import HttpRequest, HttpResponse

from adviesmonitor.audit import REDEN_ATTRIBUUT

INGELOGD_OM = "_ingelogd_om"
LAATST_ACTIEF = "_laatst_actief"
VERVERS_NA = 60  # seconds


def _nu() -> int:
    return int(time.time())


def _bij_inloggen(sender, request: HttpRequest | None, user, **kwargs) -> None:
    # Both moments start at the login, so the first request after it writes nothing.
    if request is not None and hasattr(request, "session"):
        nu = _nu()
        request.session[INGELOGD_OM] = nu
        request.session[LAATST_ACTIEF] = nu


def verbind_signalen() -> None:
    user_logged_in.connect(_bij_inloggen, dispatch_uid="adviesmonitor.sessies.inloggen")


def duur(seconden: int) -> str:
    """``28800`` -> ``8 uur``, ``1800`` -> ``30 minuten``: a duration for a message."""
    if seconden >= 3600 and seconden % 3600 == 0:
        return f"{seconden // 3600} uur"
    minuten = max(round(seconden / 60), 1)
    return "1 minuut" if minuten == 1 else f"{minuten} minuten"


def verloop_reden(sessie, nu: int) -> str | None:
    """Why this session has ended (a sentence for the user and the audit log), or None."""
    ingelogd_om = sessie.get(INGELOGD_OM)
    laatst_actief = sessie.get(LAATST_ACTIEF)
    if ingelogd_om is not None and nu - ingelogd_om >= settings.SESSION_COOKIE_AGE:
        return f"U bent afgemeld: een sessie duurt hoogstens {duur(settings.SESSION_COOKIE_AGE)}."
    if laatst_actief is not None and nu - laatst_actief >= settings.SESSION_IDLE_SECONDEN:
        return f"U bent afgemeld na {duur(settings.SESSION_IDLE_SECONDEN)} zonder activiteit."
    return None


class SessieverloopMiddleware:
    """Logs out a session past its lifetime or idle for too long, with a message on the
    login page; for the rest it keeps LAATST_ACTIEF up to date (after MessageMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._controleer(request)
        return self.get_response(request)

    def _controleer(self, request: HttpRequest) -> None:
        sessie = request.session
        nu = _nu()
        reden = verloop_reden(sessie, nu)
        if reden is not None:
            setattr(request, REDEN_ATTRIBUUT, reden)
            logout(request)  # flushes the session; the audit log records why
            messages.info(request, reden + " Log opnieuw in om verder te gaan.")
            return
        if INGELOGD_OM not in sessie:
            # A session from before these timeouts existed: it starts counting now.
            sessie[INGELOGD_OM] = nu
        laatst_actief = sessie.get(LAATST_ACTIEF)
        if laatst_actief is None or nu - laatst_actief >= VERVERS_NA:
            sessie[LAATST_ACTIEF] = nu
