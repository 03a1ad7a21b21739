"""Small helpers shared by the admin modules of the apps."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.contrib import admin
from django.db import models

LEEG = "—"

# Admin forms show long texts in a smaller box than Django's default of ten rows.
KLEIN_TEKSTVAK = forms.Textarea(attrs={"rows": 3, "cols": 80})

# For ModelAdmin.formfield_overrides: a link typed without scheme gets https, the scheme of
# every government site (and Django 6's default, which silences its deprecation warning).
LINKS_MET_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def kort(tekst: str, lengte: int = 80) -> str:
    """``tekst`` cut to ``lengte`` characters on a word boundary, for a changelist column."""
    tekst = " ".join(tekst.split())
    if len(tekst) <= lengte:
        return tekst
    return tekst[: lengte - 1].rsplit(" ", 1)[0] + "…"


def opsomming(waarden: Iterable[object]) -> str:
    """Distinct values, in order, joined for one changelist cell; a dash when there are none."""
    uniek = dict.fromkeys(str(waarde) for waarde in waarden if waarde not in (None, ""))
    return ", ".join(uniek) or LEEG


def hangt_onder(kandidaat: models.Model, pk: int) -> bool:
    """Whether ``kandidaat`` is record ``pk`` itself or lies somewhere below it (via
    ``bovenliggend``); guards against loops, which the database cannot forbid."""
    gezien: set[int] = set()
    huidig = kandidaat
    while huidig is not None and huidig.pk not in gezien:
        if huidig.pk == pk:
            return True
        gezien.add(huidig.pk)
        huidig = huidig.bovenliggend
    return False


class BovenliggendForm(forms.ModelForm):
    """Form for a model that nests via ``bovenliggend`` inside one parent (a report, a
    programme): the record above must have the same parent and may not lie below this one.

    The models have no clean() for this. Inline forms get the parent through the inline
    foreign key field, so the check works in the parent's page as well.
    """

    ouderveld: str
    fout_andere_ouder: str

    def clean(self) -> dict:
        cleaned = super().clean()
        ouder = cleaned.get(self.ouderveld)
        bovenliggend = cleaned.get("bovenliggend")
        if ouder is None or bovenliggend is None:
            return cleaned
        if getattr(bovenliggend, f"{self.ouderveld}_id") != ouder.pk:
            self.add_error("bovenliggend", self.fout_andere_ouder)
        elif self.instance.pk and hangt_onder(bovenliggend, self.instance.pk):
            self.add_error(
                "bovenliggend", "Dit kan niet onder zichzelf of onder een eigen onderdeel hangen."
            )
        return cleaned


def met_titel(titel: str) -> type[admin.FieldListFilter]:
    """A list filter for a field path, under a title of its own.

    Django titles a filter after the last field of the path, so ``programma__soort`` and
    ``organisatie__soort`` would both read "soort". Use as ``("programma__soort",
    met_titel("soort programma"))`` in ``list_filter``.
    """

    class FilterMetTitel(admin.FieldListFilter):
        def __new__(cls, *args, **kwargs) -> admin.FieldListFilter:
            # Let Django pick the right filter for the field, then rename it.
            filter_ = admin.FieldListFilter.create(*args, **kwargs)
            filter_.title = titel
            return filter_

    return FilterMetTitel
