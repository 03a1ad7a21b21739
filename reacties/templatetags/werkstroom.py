"""The workflow panel on the letter page: ``{% load werkstroom %}{% werkstroompaneel brief %}``."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("brieven/_werkstroom.html", takes_context=True)
def werkstroompaneel(context: template.Context, brief) -> dict:
    from reacties.views_werkstroom import paneel

    request = context["request"]
    gegevens = paneel(brief, request.user, context.get("werkstroomfout"))
    # The inclusion tag renders in a fresh context: pass on what its forms need.
    return {**gegevens, "request": request, "csrf_token": context.get("csrf_token")}
