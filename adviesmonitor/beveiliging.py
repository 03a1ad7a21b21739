"""Security headers Django 5.2 does not set itself: Content-Security-Policy and
Permissions-Policy, from CONTENT_SECURITY_POLICY and PERMISSIONS_POLICY in the settings.

Every response gets them, static files too (the middleware sits before WhiteNoise). The
one exception is DEBUG's error pages: Django's technical 404 and 500 pages are built with
inline styles and scripts, and a developer must be able to read them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def csp_header() -> str:
    return "; ".join(
        f"{naam} {waarde}" for naam, waarde in settings.CONTENT_SECURITY_POLICY.items()
    )


def permissions_policy_header() -> str:
    return ", ".join(f"{naam}={waarde}" for naam, waarde in settings.PERMISSIONS_POLICY.items())


class BeveiligingsheadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view may set a stricter policy of its own; it is left alone.
        if not (settings.DEBUG and response.status_code >= 400):
            response.headers.setdefault("Content-Security-Policy", csp_header())
        response.headers.setdefault("Permissions-Policy", permissions_policy_header())
        return response
