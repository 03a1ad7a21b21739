"""Template helpers for the letter: rich text with footnotes, address lines."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from reacties.brief.weergave import rijke_tekst as _rijke_tekst

register = template.Library()


@register.simple_tag(takes_context=True)
def rijke_tekst(context: template.Context, html: str) -> SafeString:
    return _rijke_tekst(html, context["opmaak"], context["modus"])


@register.filter
def regels(tekst: str) -> list[str]:
    """Non-empty lines of a multi-line text field (addresses)."""
    return [regel.strip() for regel in (tekst or "").splitlines() if regel.strip()]
