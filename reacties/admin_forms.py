"""Admin forms for the reply letter, with the checks the database cannot make.

The central rule: a response only answers recommendations of the report its letter replies
to. It can be broken from three sides, so three forms guard it: the response itself, a
section moved to another letter, and a letter pointed at another report.

A further check for the inlines that name programmes (a letter's, a response's): each
programme, or part, once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet

from advies.models import Aanbeveling, Advies
from adviesmonitor.admin_hulp import KLEIN_TEKSTVAK
from reacties.models import Reactie, Reactiebrief, Sectie, Toezegging, Voetnoot


def _melding_vreemd(aanbevelingen: Iterable[Aanbeveling], advies: Advies) -> str:
    nummers = ", ".join(sorted({a.nummer for a in aanbevelingen}))
    return (
        f"Aanbeveling {nummers} hoort niet bij het advies van deze brief (‘{advies.titel}’). "
        "Een reactie kan alleen aanbevelingen uit dat advies beantwoorden."
    )


def _beantwoord_buiten(reacties: QuerySet[Reactie], advies: Advies) -> list[Aanbeveling]:
    """Recommendations answered by ``reacties`` that do not belong to ``advies``."""
    return list(Aanbeveling.objects.filter(reacties__in=reacties).exclude(advies=advies).distinct())


class ReactieForm(forms.ModelForm):
    class Meta:
        model = Reactie
        fields = (
            "sectie",
            "volgorde",
            "aanbevelingen",
            "standpunt",
            "citeer_aanbevelingen",
            "tekst",
            "organisaties",
        )
        widgets = {"tekst": forms.Textarea(attrs={"rows": 6, "cols": 80})}

    def clean(self) -> dict:
        cleaned = super().clean()
        # In the inline on a section's page this is the (possibly still unsaved) section.
        sectie: Sectie | None = cleaned.get("sectie")
        aanbevelingen = cleaned.get("aanbevelingen")
        if sectie is None or not sectie.brief_id or not aanbevelingen:
            return cleaned
        advies = sectie.brief.advies
        vreemd = [a for a in aanbevelingen if a.advies_id != advies.pk]
        if vreemd:
            self.add_error("aanbevelingen", _melding_vreemd(vreemd, advies))
        return cleaned


class SectieForm(forms.ModelForm):
    class Meta:
        model = Sectie
        fields = ("brief", "volgorde", "kop", "tekst")
        widgets = {"tekst": KLEIN_TEKSTVAK}

    def clean(self) -> dict:
        cleaned = super().clean()
        brief: Reactiebrief | None = cleaned.get("brief")
        if brief is None or not self.instance.pk or brief.pk == self.instance.brief_id:
            return cleaned
        vreemd = _beantwoord_buiten(Reactie.objects.filter(sectie=self.instance), brief.advies)
        if vreemd:
            self.add_error("brief", _melding_vreemd(vreemd, brief.advies))
        return cleaned


class ReactiebriefForm(forms.ModelForm):
    class Meta:
        model = Reactiebrief
        fields = (
            "advies",
            "versie",
            "status",
            "onderwerp",
            "datum",
            "kenmerk",
            "uw_kenmerk",
            "bijlagen",
            "geadresseerde",
            "titel",
            "opening",
            "slot",
        )
        widgets = {"geadresseerde": forms.Textarea(attrs={"rows": 4, "cols": 60})}

    def clean(self) -> dict:
        cleaned = super().clean()
        advies: Advies | None = cleaned.get("advies")
        if advies is None or not self.instance.pk or advies.pk == self.instance.advies_id:
            return cleaned
        vreemd = _beantwoord_buiten(Reactie.objects.filter(sectie__brief=self.instance), advies)
        if vreemd:
            self.add_error("advies", _melding_vreemd(vreemd, advies))
        return cleaned


class ToezeggingForm(forms.ModelForm):
    class Meta:
        model = Toezegging
        fields = (
            "reactie",
            "volgorde",
            "status",
            "tekst",
            "ambtsdrager",
            "organisatie",
            "programma",
            "deadline_datum",
            "deadline_jaar",
        )
        widgets = {"tekst": KLEIN_TEKSTVAK}

    def clean(self) -> dict:
        # The database allows one deadline at most; say so in words instead of naming the
        # constraint.
        cleaned = super().clean()
        if cleaned.get("deadline_datum") and cleaned.get("deadline_jaar"):
            self.add_error(
                "deadline_jaar", "Vul een deadline als datum óf als jaar in, niet beide."
            )
        return cleaned


class VoetnootForm(forms.ModelForm):
    class Meta:
        model = Voetnoot
        fields = ("brief", "nummer", "tekst")
        widgets = {"tekst": KLEIN_TEKSTVAK}


class ProgrammaverwijzingenFormSet(BaseInlineFormSet):
    """Inline rows that each name a programme and optionally one of its parts: no row twice.

    The database allows each programme (or part) once per letter or response, but its rule
    depends on whether a part is filled in, and Django's forms only check unconditional
    unique rules across the rows of one submission. Without this, two equal new rows would
    reach the database and end in an error page. (That a part belongs to its programme is
    the model's clean().)
    """

    def clean(self) -> None:
        super().clean()
        gezien: set[tuple[int, int | None]] = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            programma = form.cleaned_data.get("programma")
            onderdeel = form.cleaned_data.get("onderdeel")
            if programma is None:
                continue
            sleutel = (programma.pk, onderdeel.pk if onderdeel else None)
            if sleutel in gezien:
                veld = "onderdeel" if onderdeel else "programma"
                wat = "Dit onderdeel" if onderdeel else "Dit programma"
                form.add_error(veld, f"{wat} staat al in een andere rij.")
            gezien.add(sleutel)
