"""The one rich-text format of the product: a small, sanitised subset of HTML.

Responses, sections, openings and footnotes are stored in it, and the letter's HTML and
PDF are rendered from it. A footnote is called with ``<sup data-voetnoot="N">N</sup>``,
where N is the footnote's number in the letter.
"""

from __future__ import annotations

import re

import nh3
from django.db import models

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "sup"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "sup": {"data-voetnoot"}}
URL_SCHEMES = {"http", "https", "mailto"}

_FOOTNOTE_CALL = re.compile(r'<sup data-voetnoot="(\d+)">[^<]*</sup>')


def sanitize(html: str) -> str:
    """Keep only the allowed tags and attributes; everything else is dropped or escaped."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def footnote_numbers(html: str) -> list[int]:
    """The footnote numbers called in ``html``, in order of appearance."""
    return [int(n) for n in _FOOTNOTE_CALL.findall(html or "")]


class RichTextField(models.TextField):
    """A TextField whose value is sanitised every time it is written to the database.

    Sanitising in ``pre_save`` covers ``save()`` and ``bulk_create()`` alike, so no code
    path can store markup outside the allow-list.
    """

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
