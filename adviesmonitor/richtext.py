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

# ASCII digits only: \d would also take ‘١’ or ‘１’, which int() reads as 1.
_FOOTNOTE_CALL = re.compile(r'<sup data-voetnoot="([0-9]+)">[^<]*</sup>')
_FOOTNOTE_NUMBER = re.compile(r"[0-9]+")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # A footnote call names a footnote by its number; any other value is not a call, so
    # the attribute goes and what stays is a plain <sup>.
    if attribute == "data-voetnoot" and not _FOOTNOTE_NUMBER.fullmatch(value):
        return None
    return value


def sanitize(html: str) -> str:
    """Keep only the allowed tags and attributes; everything else is dropped or escaped.

    A footnote call (``<sup data-voetnoot="N">``) survives only with N in digits.
    """
    if not html:
        return ""
    try:
        cleaned = _clean(html)
    except UnicodeEncodeError:
        # Half a surrogate pair (only from a hand-made string or JSON "\ud800") cannot
        # be encoded as UTF-8; it becomes U+FFFD, as any HTML parser would make it.
        cleaned = _clean(html.encode("utf-16", "surrogatepass").decode("utf-16", "replace"))
    return cleaned.strip()


# nh3 (ammonia) allows ``lang`` and ``title`` on every tag unless "*" says otherwise.
_ATTRIBUTES = {"*": set(), **ALLOWED_ATTRIBUTES}


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


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
