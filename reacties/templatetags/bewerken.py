"""Template helpers for the letter editor: select options and a form field's attributes.

The editor page holds many selects with the same long option lists (programmes, parts,
office holders, organisations); ``opties`` renders them in Python, with escaping, which is
far faster than a template loop per select.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _waarde(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, date):
        return waarde.isoformat()
    return str(waarde)


def _optie(waarde: Any, tekst: Any, gekozen: set[str]) -> str:
    w = _waarde(waarde)
    selected = " selected" if w in gekozen else ""
    return f'<option value="{escape(w)}"{selected}>{escape(tekst)}</option>'


@register.simple_tag
def opties(keuzes: Iterable[tuple[Any, Any]], waarde: Any) -> SafeString:
    """``<option>``s for ``keuzes`` — (value, label) pairs, or (group label, pairs) for an
    ``<optgroup>`` (an empty group label: options outside any group) — with ``waarde``
    (one value or a list) selected."""
    waarden = waarde if isinstance(waarde, list | tuple) else [waarde]
    gekozen = {_waarde(w) for w in waarden}
    delen = []
    for waarde_of_groep, tekst in keuzes:
        if isinstance(tekst, list | tuple):
            binnen = "".join(_optie(w, t, gekozen) for w, t in tekst)
            if waarde_of_groep:
                delen.append(f'<optgroup label="{escape(waarde_of_groep)}">{binnen}</optgroup>')
            else:
                delen.append(binnen)
        else:
            delen.append(_optie(waarde_of_groep, tekst, gekozen))
    return mark_safe("".join(delen))


@register.filter
def als_waarde(waarde: Any) -> str:
    """A field's value as an input's value attribute (dates as YYYY-MM-DD)."""
    return _waarde(waarde)


@register.simple_tag
def veldattributen(veld: BoundField, soort: str = "") -> SafeString:
    """id, name and the accessible state of a form control: its description (error message
    and help, as ``_veld.html`` renders them), aria-invalid and aria-required."""
    beschreven = []
    if veld.errors:
        beschreven.append(f"{veld.id_for_label}-fout")
    if soort == "rijk" or veld.help_text:
        beschreven.append(f"{veld.id_for_label}-hulp")
    attributen = [f'id="{escape(veld.id_for_label)}"', f'name="{escape(veld.html_name)}"']
    if beschreven:
        attributen.append(f'aria-describedby="{escape(" ".join(beschreven))}"')
    if veld.errors:
        attributen.append('aria-invalid="true"')
    if veld.field.required:
        attributen.append('aria-required="true"')
    return mark_safe(" ".join(attributen))


@register.filter
def is_gekozen(waarde: Any, lijst: Any) -> bool:
    """Whether ``waarde`` is among the chosen values ``lijst`` (checkboxes)."""
    if lijst is None:
        return False
    waarden = lijst if isinstance(lijst, list | tuple) else [lijst]
    return _waarde(waarde) in {_waarde(w) for w in waarden}


@register.filter
def veilig_rijk(tekst: str) -> SafeString:
    """Stored rich text, sanitised again and rendered as the editor's preview does."""
    from reacties.bewerkpagina import voorbeeld_html

    return voorbeeld_html(tekst or "")
