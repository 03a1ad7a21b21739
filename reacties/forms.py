"""The letter editor's forms.

They check only the shape of what a browser sends: types, lengths, what is required. The
services in ``reacties.services`` check everything else (rights, the letter's status, the
locks, whether what is named exists) and sanitise every rich text; their refusals
(``Ongeldig``) come back on the form as errors.

Every form of the editor page carries its own ``prefix`` (``reactie-12``, ``sectie-3``, ...),
so the names and ids of its fields are unique on the page and an action view reads exactly
the form that was sent. ``revisie`` is the optimistic lock the item was loaded with.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from reacties.models import Koppelsoort, Standpunt, Toezeggingstatus

RIJKE_TEKST_HULP = (
    "Opmaak in HTML: <p> alinea, <br> regelovergang, <strong> vet, <em> cursief, "
    "<ul> of <ol> met <li> voor een opsomming of genummerde lijst, "
    '<a href="https://…"> voor een link (http, https of mailto). '
    'Een voetnoot roept u aan met <sup data-voetnoot="N">N</sup>, waarbij N het nummer '
    "van de voetnoot in deze brief is. Andere opmaak wordt bij het opslaan verwijderd."
)

GEEN_STANDPUNT = ("", "— nog geen standpunt —")
STANDPUNTKEUZES = [GEEN_STANDPUNT, *Standpunt.choices]

# A field the JavaScript editor adds to a rich-text form: the text of a footnote that the
# text newly calls, e.g. ``reactie-12-nieuwe-voetnoot-4``.
NIEUWE_VOETNOOT = re.compile(r"^(?P<prefix>.+)-nieuwe-voetnoot-(?P<nummer>\d{1,5})$")


class RijkeTekstVeld(forms.CharField):
    """Rich text as the browser sends it: the HTML subset, sanitised by the service."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("strip", False)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", RIJKE_TEKST_HULP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        super().__init__(**kwargs)


class IdVeld(forms.IntegerField):
    """The id of a record chosen in a select; whether it exists is the service's check."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class IdsVeld(forms.Field):
    """Several ids from checkboxes with the same name."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError):
            raise ValidationError("Kies uit de lijst.", code="ongeldig") from None

    def validate(self, value: list[int]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class Revisieformulier(forms.Form):
    revisie = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class BriefForm(Revisieformulier):
    titel = forms.CharField(label="Titel", max_length=500, required=False)
    onderwerp = forms.CharField(label="Betreft", max_length=300)
    datum = forms.DateField(label="Datum", required=False)
    kenmerk = forms.CharField(label="Kenmerk", max_length=100, required=False)
    opening = RijkeTekstVeld(label="Opening")
    slot = RijkeTekstVeld(label="Slot")

    VELDEN = ("titel", "onderwerp", "datum", "kenmerk", "opening", "slot")


class SectieForm(Revisieformulier):
    kop = forms.CharField(label="Kop", max_length=300, required=False)
    tekst = RijkeTekstVeld(label="Tekst van de sectie")


class NieuweSectieForm(forms.Form):
    kop = forms.CharField(label="Kop", max_length=300, required=False)
    tekst = RijkeTekstVeld(label="Tekst van de sectie")


class ReactieForm(Revisieformulier):
    tekst = RijkeTekstVeld(
        label="Tekst van de reactie",
        required=True,
        error_messages={"required": "Een reactie heeft tekst nodig."},
    )
    standpunt = forms.ChoiceField(label="Standpunt", choices=STANDPUNTKEUZES, required=False)


class NieuweReactieForm(forms.Form):
    sectie = IdVeld(
        label="In sectie", required=True, error_messages={"required": "Kies een sectie."}
    )
    aanbevelingen = IdsVeld(
        label="Beantwoordt de aanbeveling(en)",
        required=True,
        error_messages={"required": "Kies de aanbeveling(en) waarop deze reactie ingaat."},
    )
    tekst = RijkeTekstVeld(
        label="Tekst van de reactie",
        required=True,
        error_messages={"required": "Een reactie heeft tekst nodig."},
    )
    standpunt = forms.ChoiceField(label="Standpunt", choices=STANDPUNTKEUZES, required=False)


class SjabloonKeuzeForm(Revisieformulier):
    sjabloon = IdVeld(
        label="Begin met sjabloon",
        required=True,
        error_messages={"required": "Kies een sjabloon."},
        help_text="Vervangt de tekst (en, als het sjabloon er een heeft, het standpunt) van "
        "deze reactie; de vorige tekst blijft in de geschiedenis van de brief.",
    )


class KoppelingRij(forms.Form):
    programma = IdVeld(label="Programma")
    onderdeel = IdVeld(label="Onderdeel (optioneel)")
    soort = forms.ChoiceField(
        label="Soort", choices=[("", "— kies —"), *Koppelsoort.choices], required=False
    )
    verwijderen = forms.BooleanField(label="Verwijderen", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("verwijderen") or not data.get("programma"):
            if data.get("onderdeel") and not data.get("verwijderen"):
                self.add_error("programma", "Kies het programma van dit onderdeel.")
            return data
        if not data.get("soort"):
            self.add_error("soort", "Kies of dit bestaand beleid of een nieuwe toezegging is.")
        return data

    @property
    def koppeling(self) -> tuple[int, int | None, str] | None:
        """(programma, onderdeel or None, soort) of a valid row that stays, else None."""
        data = self.cleaned_data
        if data.get("verwijderen") or not data.get("programma"):
            return None
        return data["programma"], data.get("onderdeel"), data["soort"]


KoppelingFormset = forms.formset_factory(KoppelingRij, extra=0, max_num=200, absolute_max=200)

# Blank rows under a response's programme links, to add new ones without JavaScript.
LEGE_KOPPELRIJEN = 2


class ToezeggingForm(forms.Form):
    tekst = forms.CharField(label="Toezegging", widget=forms.Textarea(attrs={"rows": 3}))
    ambtsdrager = IdVeld(label="Verantwoordelijke ambtsdrager")
    organisatie = IdVeld(label="Uitvoerende organisatie")
    deadline_datum = forms.DateField(label="Deadline (datum)", required=False)
    deadline_jaar = forms.IntegerField(
        label="of deadline (jaar)", min_value=1900, max_value=2200, required=False
    )
    status = forms.ChoiceField(
        label="Status", choices=Toezeggingstatus.choices, initial=Toezeggingstatus.OPEN
    )

    VELDEN = ("tekst", "ambtsdrager", "organisatie", "deadline_datum", "deadline_jaar", "status")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("deadline_datum") and data.get("deadline_jaar"):
            self.add_error(
                "deadline_jaar", "Vul een deadline als datum óf als jaar in, niet beide."
            )
        return data

    def velden(self) -> dict[str, Any]:
        return {naam: self.cleaned_data.get(naam) for naam in self.VELDEN}


class BestaandeToezeggingForm(ToezeggingForm):
    revisie = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class VoetnootForm(forms.Form):
    # The text the user started from: the lock of a footnote (see services.bewaar_voetnoot).
    oude_tekst = forms.CharField(strip=False, required=False, widget=forms.HiddenInput)
    tekst = RijkeTekstVeld(label="Tekst van de voetnoot", widget=forms.Textarea(attrs={"rows": 3}))


class NieuweVoetnootForm(forms.Form):
    nummer = forms.IntegerField(
        label="Nummer",
        min_value=1,
        max_value=32767,
        required=False,
        help_text="Leeg laten: het eerstvolgende vrije nummer.",
    )
    tekst = RijkeTekstVeld(label="Tekst van de voetnoot", widget=forms.Textarea(attrs={"rows": 3}))


class SjabloonForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=200)
    tekst = RijkeTekstVeld(
        label="Tekst", required=True, error_messages={"required": "Een sjabloon heeft tekst nodig."}
    )
    standpunt = forms.ChoiceField(label="Standpunt", choices=STANDPUNTKEUZES, required=False)


def nieuwe_voetnoten(data: Any, prefix: str) -> dict[int, str]:
    """The texts of footnotes a rich-text form newly calls (fields the JavaScript editor
    adds as ``<prefix>-nieuwe-voetnoot-<N>``), by number."""
    gevonden: dict[int, str] = {}
    for naam in data:
        match = NIEUWE_VOETNOOT.match(naam)
        if match and match["prefix"] == prefix and 1 <= int(match["nummer"]) <= 32767:
            gevonden[int(match["nummer"])] = data.get(naam, "")
    return dict(sorted(gevonden.items()))
