"""The letter editor's page: the letter in its order, with a form for every item in it.

``bouw_pagina`` lays out what ``templates/brieven/bewerken.html`` shows: the letter's own
fields, every section with its responses (the recommendations each answers above it, its
text with a preview as in the letter, its stance, programme links and commitments), the
footnotes, and the forms for new items. It reads the letter in a fixed number of queries,
whatever its size (``brief_voor_editor``), and the options of every select once.

An action that failed hands its bound form(s) back by prefix (``fouten``) so the page shows
what the user typed with the errors in place; a ``Bewerkingsconflict`` becomes a
``Conflict`` that shows both versions side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from advies.models import Aanbeveling
from adviesmonitor.richtext import footnote_numbers, sanitize
from programmas.models import Ambtsdrager, Organisatie, Programma, Programmaonderdeel
from reacties.brief.samenstelling import Aanhef, stel_samen
from reacties.brief.weergave import teksten_in_volgorde, voetnootnummering
from reacties.forms import (
    LEGE_KOPPELRIJEN,
    NIEUWE_VOETNOOT,
    STANDPUNTKEUZES,
    BestaandeToezeggingForm,
    BriefForm,
    KoppelingFormset,
    NieuweReactieForm,
    NieuweSectieForm,
    NieuweVoetnootForm,
    ReactieForm,
    Revisieformulier,
    SectieForm,
    SjabloonKeuzeForm,
    ToezeggingForm,
    VoetnootForm,
)
from reacties.fouten import Bewerkingsconflict, BriefNietBewerkbaar
from reacties.models import (
    Antwoordsjabloon,
    Briefprogramma,
    Koppelsoort,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Standpunt,
    Toezegging,
    Toezeggingstatus,
)
from reacties.services import controleer_bewerkbaar, ontbrekende_reacties

Formulier = forms.Form | forms.BaseFormSet

_AANROEP = re.compile(r'<sup data-voetnoot="(\d+)">[^<]*</sup>')


# --- prefixes and anchors: one place, shared by the page and the action views ------------


def prefix_reactie(reactie_id: int) -> str:
    return f"reactie-{reactie_id}"


def prefix_sjabloon(reactie_id: int) -> str:
    return f"sjabloon-{reactie_id}"


def prefix_koppelingen(reactie_id: int) -> str:
    return f"koppelingen-{reactie_id}"


def prefix_koppelingen_revisie(reactie_id: int) -> str:
    return f"koppelingen-{reactie_id}-slot"


def prefix_toezegging(toezegging_id: int) -> str:
    return f"toezegging-{toezegging_id}"


def prefix_nieuwe_toezegging(reactie_id: int) -> str:
    return f"nieuwe-toezegging-{reactie_id}"


def prefix_sectie(sectie_id: int) -> str:
    return f"sectie-{sectie_id}"


def prefix_voetnoot(nummer: int) -> str:
    return f"voetnoot-{nummer}"


def formulier_id(prefix: str) -> str:
    """The id of the <form> element that holds the form with ``prefix``."""
    return "form-" + prefix.removesuffix("-slot")


PREFIX_BRIEF = "brief"
PREFIX_NIEUWE_SECTIE = "nieuwe-sectie"
PREFIX_NIEUWE_REACTIE = "nieuwe-reactie"
PREFIX_NIEUWE_VOETNOOT = "nieuwe-voetnoot"


def anker_reactie(reactie_id: int) -> str:
    return f"reactie-{reactie_id}"


def anker_sectie(sectie_id: int) -> str:
    return f"sectie-{sectie_id}"


def anker_voetnoot(nummer: int) -> str:
    return f"bewerk-voetnoot-{nummer}"


def anker_toezegging(toezegging_id: int) -> str:
    return f"form-{prefix_toezegging(toezegging_id)}"


ANKER_BRIEF = "briefgegevens"
ANKER_NIEUWE_SECTIE = "nieuwe-sectie"
ANKER_NIEUWE_REACTIE = "nieuwe-reactie"
ANKER_VOETNOTEN = "voetnoten"


# --- reading the letter ------------------------------------------------------------------


def brief_voor_editor() -> QuerySet[Reactiebrief]:
    """Letters with everything the editor shows, in a fixed number of queries."""
    reacties = Reactie.objects.order_by("volgorde").prefetch_related(
        Prefetch("aanbevelingen", queryset=Aanbeveling.objects.order_by("volgorde")),
        Prefetch(
            "koppelingen",
            queryset=Programmakoppeling.objects.select_related("programma", "onderdeel").order_by(
                "programma__naam", "onderdeel__volgorde", "pk"
            ),
        ),
        Prefetch(
            "toezeggingen",
            queryset=Toezegging.objects.select_related("ambtsdrager", "organisatie").order_by(
                "volgorde"
            ),
        ),
    )
    return Reactiebrief.objects.select_related("advies").prefetch_related(
        Prefetch("advies__aanbevelingen", queryset=Aanbeveling.objects.order_by("volgorde")),
        Prefetch(
            "ondertekening",
            queryset=Ondertekenaar.objects.select_related("ambtsdrager__ministerie").order_by(
                "volgorde"
            ),
        ),
        "voetnoten",
        Prefetch(
            "programmaverwijzingen",
            queryset=Briefprogramma.objects.select_related("programma", "onderdeel").order_by(
                "volgorde"
            ),
        ),
        Prefetch(
            "secties",
            queryset=Sectie.objects.order_by("volgorde").prefetch_related(
                Prefetch("reacties", queryset=reacties)
            ),
        ),
    )


# --- rendering rich text for the editor --------------------------------------------------


def voorbeeld_html(tekst: str) -> SafeString:
    """Sanitised rich text as the editor's preview shows it: footnote calls as superscript
    numbers (the footnote's number in the editor; the letter numbers them in order)."""

    def aanroep(match: re.Match) -> str:
        nummer = int(match.group(1))
        return (
            f'<sup class="voetnootaanroep"><span class="visueel-verborgen">voetnoot </span>'
            f"{nummer}</sup>"
        )

    return mark_safe(_AANROEP.sub(aanroep, sanitize(tekst)))


# --- the options of the selects, loaded once per page ------------------------------------


@dataclass
class Keuzes:
    standpunten: list[tuple[str, str]]
    soorten: list[tuple[str, str]]
    statussen: list[tuple[str, str]]
    programmas: list[tuple[Any, str]]
    onderdelen: list[tuple[str, list[tuple[Any, str]]]]
    ambtsdragers: list[tuple[Any, str]]
    organisaties: list[tuple[Any, str]]
    sjablonen: list[tuple[Any, str]]


def laad_keuzes() -> Keuzes:
    groepen: dict[str, list[tuple[Any, str]]] = {}
    for onderdeel in Programmaonderdeel.objects.select_related("programma").order_by(
        "programma__naam", "volgorde"
    ):
        groepen.setdefault(onderdeel.programma.naam, []).append((onderdeel.pk, onderdeel.naam))
    return Keuzes(
        standpunten=STANDPUNTKEUZES,
        soorten=[("", "— kies —"), *Koppelsoort.choices],
        statussen=list(Toezeggingstatus.choices),
        programmas=[
            ("", "— geen —"),
            *Programma.objects.order_by("naam").values_list("pk", "naam"),
        ],
        onderdelen=[("", [("", "— het hele programma —")]), *groepen.items()],
        ambtsdragers=[
            ("", "— geen —"),
            *((a.pk, str(a)) for a in Ambtsdrager.objects.order_by("titel", "naam")),
        ],
        organisaties=[
            ("", "— geen —"),
            *((o.pk, str(o)) for o in Organisatie.objects.order_by("naam")),
        ],
        sjablonen=[
            ("", "— kies een sjabloon —"),
            *Antwoordsjabloon.objects.order_by("naam").values_list("pk", "naam"),
        ],
    )


# --- the page ----------------------------------------------------------------------------


@dataclass
class Toezeggingbewerking:
    toezegging: Toezegging
    form: forms.Form

    @property
    def anker(self) -> str:
        return anker_toezegging(self.toezegging.pk)


@dataclass
class Reactiebewerking:
    reactie: Reactie
    nummers: str  # ‘2, 2.1’
    # The recommendations it answers, with the main advice above a sub-recommendation:
    # (recommendation, is a main advice shown as a heading, carries its anchor
    # ``aanbeveling-<pk>``: the first place on the page that shows it).
    aanbevelingen: list[tuple[Aanbeveling, bool, bool]]
    aanhef: list[Aanhef]  # what the letter prints above it
    voorbeeld: SafeString
    voetnoten: list[tuple[int, SafeString]]  # the footnotes its text calls
    form: forms.Form | None = None
    sjabloonform: forms.Form | None = None
    koppelingen_revisie: forms.Form | None = None
    koppelingen: forms.BaseFormSet | None = None
    toezeggingen: list[Toezeggingbewerking] = field(default_factory=list)
    nieuwe_toezegging: forms.Form | None = None

    @property
    def anker(self) -> str:
        return anker_reactie(self.reactie.pk)

    @property
    def prefix(self) -> str:
        return prefix_reactie(self.reactie.pk)

    @property
    def bestaand(self) -> list[Programmakoppeling]:
        return [k for k in self.reactie.koppelingen.all() if k.soort == Koppelsoort.BESTAAND]

    @property
    def nieuw(self) -> list[Programmakoppeling]:
        return [k for k in self.reactie.koppelingen.all() if k.soort == Koppelsoort.NIEUW]


@dataclass
class Sectiebewerking:
    sectie: Sectie
    volgnummer: int
    eerste: bool
    laatste: bool
    voorbeeld: SafeString
    form: forms.Form | None = None
    reacties: list[Reactiebewerking] = field(default_factory=list)

    @property
    def anker(self) -> str:
        return anker_sectie(self.sectie.pk)

    @property
    def naam(self) -> str:
        return self.sectie.kop or "(zonder kop)"


@dataclass
class Voetnootbewerking:
    nummer: int
    bestaat: bool
    tekst: SafeString
    gedrukt: int | None  # the number the letter prints, when the letter calls it
    form: forms.Form | None = None

    @property
    def anker(self) -> str:
        return anker_voetnoot(self.nummer)

    @property
    def label(self) -> str:
        return f"Tekst van voetnoot {self.nummer}"


@dataclass
class Ontbrekend:
    aanbeveling: Aanbeveling
    reactie_id: int | None  # a response that names it but has no stance yet
    anker_hier: bool = False  # no other place on the page carries its anchor
    doel: str = ""  # the id its link goes to: its response, or the form for a new one


@dataclass
class Conflictrij:
    label: str
    huidig: SafeString
    jouw: SafeString
    verschilt: bool


@dataclass
class Conflict:
    """A refused save, shown with both versions and the ways on."""

    melding: str
    wat: str
    rijen: list[Conflictrij]
    jouw_bron: str  # the user's own text, to copy
    actie_url: str  # where "save mine anyway" posts to
    herhaal: list[tuple[str, str]]  # the user's form again, with the lock brought up to date
    anker: str
    verwijderen: bool = False


@dataclass
class Foutregel:
    tekst: str
    doel: str  # the id of the field (or form) to go to


@dataclass
class Bewerkpagina:
    brief: Reactiebrief
    bewerkbaar: bool
    uitleg: str  # why the letter cannot be edited, when it cannot
    ontbrekend: list[Ontbrekend]
    secties: list[Sectiebewerking]
    voetnoten: list[Voetnootbewerking]
    # All of the report's recommendations: (recommendation, still missing, the form for a
    # new response carries its anchor).
    aanbevelingen: list[tuple[Aanbeveling, bool, bool]]
    keuzes: Keuzes | None
    voetnootteksten: dict[str, str]  # for the JavaScript editor: number -> sanitised text
    opening_voorbeeld: SafeString
    slot_voorbeeld: SafeString
    sectiekeuzes: list[tuple[int, str]] = field(default_factory=list)
    briefform: forms.Form | None = None
    nieuwe_sectie: forms.Form | None = None
    nieuwe_reactie: forms.Form | None = None
    nieuwe_voetnoot: forms.Form | None = None
    conflict: Conflict | None = None
    foutenlijst: list[Foutregel] = field(default_factory=list)

    @property
    def aantal_reacties(self) -> int:
        return sum(len(s.reacties) for s in self.secties)


def _formulier(
    fouten: Mapping[str, Formulier], cls: type[forms.Form], prefix: str, initial: dict
) -> forms.Form:
    """The form the user just sent with its errors, or a fresh one with the stored values."""
    gestuurd = fouten.get(prefix)
    return gestuurd if gestuurd is not None else cls(prefix=prefix, initial=initial)


def _koppelingen(
    fouten: Mapping[str, Formulier], reactie: Reactie
) -> tuple[forms.Form, forms.BaseFormSet]:
    revisie = _formulier(
        fouten,
        Revisieformulier,
        prefix_koppelingen_revisie(reactie.pk),
        {"revisie": reactie.revisie},
    )
    prefix = prefix_koppelingen(reactie.pk)
    formset = fouten.get(prefix)
    if formset is None:
        rijen = [
            {"programma": k.programma_id, "onderdeel": k.onderdeel_id, "soort": k.soort}
            for k in reactie.koppelingen.all()
        ]
        formset = KoppelingFormset(
            prefix=prefix, initial=rijen + [{} for _ in range(LEGE_KOPPELRIJEN)]
        )
    return revisie, formset


def _toezeggingwaarden(toezegging: Toezegging) -> dict[str, Any]:
    return {
        "revisie": toezegging.revisie,
        "tekst": toezegging.tekst,
        "ambtsdrager": toezegging.ambtsdrager_id,
        "organisatie": toezegging.organisatie_id,
        "deadline_datum": toezegging.deadline_datum,
        "deadline_jaar": toezegging.deadline_jaar,
        "status": toezegging.status,
    }


def bouw_pagina(
    brief: Reactiebrief,
    *,
    fouten: Mapping[str, Formulier] | None = None,
    conflict: Conflict | None = None,
    nieuw: Iterable[int] = (),
) -> Bewerkpagina:
    """The editor page of ``brief`` (read through ``brief_voor_editor``).

    ``fouten``: the forms of a failed action by prefix, shown instead of fresh ones;
    ``nieuw``: recommendations to tick in the form for a new response (from the links in
    the completeness list).
    """
    fouten = fouten or {}
    try:
        controleer_bewerkbaar(brief)
        bewerkbaar, uitleg = True, ""
    except BriefNietBewerkbaar as fout:
        bewerkbaar, uitleg = False, fout.melding

    opmaak = stel_samen(brief)
    alle = {a.pk: a for a in brief.advies.aanbevelingen.all()}
    heeft_onderdelen = {a.bovenliggend_id for a in alle.values() if a.bovenliggend_id}
    teksten = {v.nummer: v.tekst for v in brief.voetnoten.all()}
    nummering = voetnootnummering(opmaak)

    def voetnoten_van(tekst: str) -> list[tuple[int, SafeString]]:
        nummers = dict.fromkeys(footnote_numbers(sanitize(tekst)))
        return [(n, voorbeeld_html(teksten.get(n, ""))) for n in nummers]

    beantwoord_door: dict[int, int] = {}
    verankerd: set[int] = set()
    secties: list[Sectiebewerking] = []
    for index, blok in enumerate(opmaak.secties):
        sectie = blok.sectie
        sb = Sectiebewerking(
            sectie=sectie,
            volgnummer=index + 1,
            eerste=index == 0,
            laatste=index == len(opmaak.secties) - 1,
            voorbeeld=voorbeeld_html(sectie.tekst),
        )
        if bewerkbaar:
            sb.form = _formulier(
                fouten,
                SectieForm,
                prefix_sectie(sectie.pk),
                {"revisie": sectie.revisie, "kop": sectie.kop, "tekst": sectie.tekst},
            )
        for rb in blok.reacties:
            reactie = rb.reactie
            eigen = list(reactie.aanbevelingen.all())
            for a in eigen:
                beantwoord_door.setdefault(a.pk, reactie.pk)
            bovenaan: list[tuple[Aanbeveling, bool, bool]] = []
            getoond: set[int] = set()
            for a in eigen:
                ouder = alle.get(a.bovenliggend_id) if a.bovenliggend_id else None
                for kandidaat, is_kop in ((ouder, True), (a, a.pk in heeft_onderdelen)):
                    if kandidaat is None or kandidaat.pk in getoond:
                        continue
                    getoond.add(kandidaat.pk)
                    bovenaan.append((kandidaat, is_kop, kandidaat.pk not in verankerd))
                    verankerd.add(kandidaat.pk)
            bewerking = Reactiebewerking(
                reactie=reactie,
                nummers=", ".join(a.nummer for a in eigen) or "(geen aanbeveling)",
                aanbevelingen=bovenaan,
                aanhef=rb.aanhef,
                voorbeeld=voorbeeld_html(reactie.tekst),
                voetnoten=voetnoten_van(reactie.tekst),
            )
            if bewerkbaar:
                bewerking.form = _formulier(
                    fouten,
                    ReactieForm,
                    prefix_reactie(reactie.pk),
                    {
                        "revisie": reactie.revisie,
                        "tekst": reactie.tekst,
                        "standpunt": reactie.standpunt,
                    },
                )
                bewerking.sjabloonform = _formulier(
                    fouten,
                    SjabloonKeuzeForm,
                    prefix_sjabloon(reactie.pk),
                    {"revisie": reactie.revisie},
                )
                bewerking.koppelingen_revisie, bewerking.koppelingen = _koppelingen(fouten, reactie)
                bewerking.toezeggingen = [
                    Toezeggingbewerking(
                        t,
                        _formulier(
                            fouten,
                            BestaandeToezeggingForm,
                            prefix_toezegging(t.pk),
                            _toezeggingwaarden(t),
                        ),
                    )
                    for t in reactie.toezeggingen.all()
                ]
                bewerking.nieuwe_toezegging = _formulier(
                    fouten,
                    ToezeggingForm,
                    prefix_nieuwe_toezegging(reactie.pk),
                    {"status": Toezeggingstatus.OPEN},
                )
            else:
                bewerking.toezeggingen = [
                    Toezeggingbewerking(t, None) for t in reactie.toezeggingen.all()
                ]
            sb.reacties.append(bewerking)
        secties.append(sb)

    # Every footnote the letter has or calls, by number.
    aangeroepen = set()
    for tekst in teksten_in_volgorde(opmaak):
        aangeroepen.update(footnote_numbers(tekst))
    voetnoten = []
    for nummer in sorted(set(teksten) | aangeroepen):
        vb = Voetnootbewerking(
            nummer=nummer,
            bestaat=nummer in teksten,
            tekst=voorbeeld_html(teksten.get(nummer, "")),
            gedrukt=nummering.get(nummer),
        )
        if bewerkbaar:
            if vb.bestaat:
                vb.form = _formulier(
                    fouten,
                    VoetnootForm,
                    prefix_voetnoot(nummer),
                    {"oude_tekst": teksten[nummer], "tekst": teksten[nummer]},
                )
            else:
                vb.form = _formulier(
                    fouten, NieuweVoetnootForm, prefix_voetnoot(nummer), {"nummer": nummer}
                )
        voetnoten.append(vb)

    ontbrekend = [Ontbrekend(a, beantwoord_door.get(a.pk)) for a in ontbrekende_reacties(brief)]
    missend = {o.aanbeveling.pk for o in ontbrekend}
    for o in ontbrekend:
        pk = o.aanbeveling.pk
        if not bewerkbaar:
            # No form for a new response: the completeness list is their place on the page.
            o.anker_hier = pk not in verankerd
            o.doel = f"aanbeveling-{pk}"
        elif o.reactie_id is not None:
            o.doel = f"aanbeveling-{pk}"
        else:
            # To the recommendation's box in the form for a new response (ticked there).
            o.doel = f"aanbeveling-{pk}" if pk not in verankerd else f"nieuw-aanbeveling-{pk}"
    pagina = Bewerkpagina(
        brief=brief,
        bewerkbaar=bewerkbaar,
        uitleg=uitleg,
        ontbrekend=ontbrekend,
        secties=secties,
        voetnoten=voetnoten,
        aanbevelingen=[
            (a, a.pk in missend, bewerkbaar and a.pk not in verankerd) for a in alle.values()
        ],
        keuzes=laad_keuzes() if bewerkbaar else None,
        voetnootteksten={str(n): sanitize(t) for n, t in teksten.items()},
        opening_voorbeeld=voorbeeld_html(brief.opening),
        slot_voorbeeld=voorbeeld_html(brief.slot),
        conflict=conflict,
        sectiekeuzes=[(s.sectie.pk, f"{s.volgnummer}. {s.naam}") for s in secties],
    )
    if bewerkbaar:
        pagina.briefform = _formulier(
            fouten,
            BriefForm,
            PREFIX_BRIEF,
            {"revisie": brief.revisie} | {v: getattr(brief, v) for v in BriefForm.VELDEN},
        )
        pagina.nieuwe_sectie = _formulier(fouten, NieuweSectieForm, PREFIX_NIEUWE_SECTIE, {})
        pagina.nieuwe_reactie = _formulier(
            fouten,
            NieuweReactieForm,
            PREFIX_NIEUWE_REACTIE,
            {
                "sectie": secties[-1].sectie.pk if secties else None,
                "aanbevelingen": [pk for pk in nieuw if pk in alle],
            },
        )
        pagina.nieuwe_voetnoot = _formulier(fouten, NieuweVoetnootForm, PREFIX_NIEUWE_VOETNOOT, {})
    pagina.foutenlijst = foutenlijst(fouten)
    return pagina


# --- errors and conflicts ----------------------------------------------------------------


def foutenlijst(fouten: Mapping[str, Formulier]) -> list[Foutregel]:
    """Every error of the forms sent, each with the field (or form) to go to, for the error
    summary at the top of the page."""
    regels: list[Foutregel] = []

    def van_form(form: forms.Form) -> None:
        for naam, lijst in form.errors.items():
            if naam == NON_FIELD_ERRORS:
                doel = formulier_id(form.prefix) if form.prefix else "inhoud"
                regels.extend(Foutregel(str(e), doel) for e in lijst)
                continue
            veld = form[naam]
            label = veld.label or naam
            if veld.is_hidden:
                doel = formulier_id(form.prefix)
            else:
                doel = veld.id_for_label or f"id_{veld.html_name}"
            regels.extend(Foutregel(f"{label}: {e}", doel) for e in lijst)

    for formulier in fouten.values():
        if isinstance(formulier, forms.BaseFormSet):
            if formulier.is_bound:
                for form in formulier.forms:
                    van_form(form)
                regels.extend(
                    Foutregel(str(e), formulier_id(formulier.prefix))
                    for e in formulier.non_form_errors()
                )
        elif formulier.is_bound:
            van_form(formulier)
    return regels


VELDNAMEN = {
    "tekst": "Tekst",
    "standpunt": "Standpunt",
    "kop": "Kop",
    "titel": "Titel",
    "onderwerp": "Betreft",
    "datum": "Datum",
    "kenmerk": "Kenmerk",
    "uw_kenmerk": "Uw kenmerk",
    "bijlagen": "Bijlage(n)",
    "geadresseerde": "Geadresseerde",
    "opening": "Opening",
    "slot": "Slot",
    "koppelingen": "Programmakoppelingen",
    "status": "Status",
    "deadline_datum": "Deadline (datum)",
    "deadline_jaar": "Deadline (jaar)",
    "ambtsdrager_id": "Verantwoordelijke ambtsdrager",
    "organisatie_id": "Uitvoerende organisatie",
    "programma_id": "Programma",
}
_RIJK = {"opening", "slot"}
_VERWIJZINGEN = {
    "ambtsdrager_id": Ambtsdrager,
    "organisatie_id": Organisatie,
    "programma_id": Programma,
}
_KEUZELABELS = {"standpunt": dict(Standpunt.choices), "status": dict(Toezeggingstatus.choices)}


def _koppelingen_html(koppelingen: Mapping[tuple[int, int | None], str]) -> SafeString:
    if not koppelingen:
        return mark_safe("<p>Geen.</p>")
    programmas = dict(
        Programma.objects.filter(pk__in={p for p, _ in koppelingen}).values_list("pk", "naam")
    )
    onderdelen = dict(
        Programmaonderdeel.objects.filter(pk__in={o for _, o in koppelingen if o}).values_list(
            "pk", "naam"
        )
    )
    soorten = dict(Koppelsoort.choices)
    regels = []
    for (programma, onderdeel), soort in sorted(
        koppelingen.items(), key=lambda item: (programmas.get(item[0][0], ""), item[0][1] or 0)
    ):
        naam = programmas.get(programma, f"programma {programma}")
        if onderdeel:
            naam += ": " + onderdelen.get(onderdeel, f"onderdeel {onderdeel}")
        regels.append(f"<li>{escape(naam)} ({escape(soorten.get(soort, soort))})</li>")
    return mark_safe("<ul>" + "".join(regels) + "</ul>")


def waarde_html(naam: str, waarde: Any, *, rijk: bool) -> SafeString:
    """One field's value of a conflict, rendered safely: rich text sanitised, the rest
    escaped."""
    if waarde in (None, ""):
        return mark_safe('<p class="leeg">(leeg)</p>')
    if naam == "koppelingen":
        return _koppelingen_html(waarde)
    if rijk:
        return voorbeeld_html(str(waarde))
    if naam in _KEUZELABELS:
        waarde = _KEUZELABELS[naam].get(waarde, waarde)
    elif naam in _VERWIJZINGEN:
        gevonden = _VERWIJZINGEN[naam].objects.filter(pk=waarde).first()
        waarde = str(gevonden) if gevonden else waarde
    elif isinstance(waarde, date):
        waarde = waarde.strftime("%d-%m-%Y")
    return mark_safe(linebreaks(escape(str(waarde))))


def maak_conflict(
    fout: Bewerkingsconflict,
    *,
    gestuurd: Mapping[str, Any],
    slotveld: str,
    slotwaarde: str,
    actie_url: str,
    anker: str,
    rijke_velden: Iterable[str] = ("tekst",),
    toon: Iterable[str] | None = None,
) -> Conflict:
    """The conflict as the page shows it.

    ``gestuurd`` is the form the user sent (request.POST); ``slotveld`` the name of its lock
    field, which the "save mine anyway" form sends again as ``slotwaarde`` (the stored
    revision, or for a footnote the stored text): saving over the other person's version is
    then a deliberate choice, made with both versions on screen.
    """
    rijk = set(rijke_velden) | _RIJK
    huidig, jouw = fout.huidige_waarden, fout.jouwe_waarden
    namen = list(toon) if toon is not None else list(dict.fromkeys([*huidig, *jouw]))
    verwijderen = not jouw
    rijen = [
        Conflictrij(
            label=VELDNAMEN.get(naam, naam),
            huidig=waarde_html(naam, huidig.get(naam), rijk=naam in rijk),
            jouw=(
                mark_safe("<p>(verwijderen)</p>")
                if verwijderen
                else waarde_html(naam, jouw.get(naam), rijk=naam in rijk)
            ),
            verschilt=verwijderen or huidig.get(naam) != jouw.get(naam),
        )
        for naam in namen
        if naam in huidig or naam in jouw
    ]

    def opnieuw(naam: str, waarde: str) -> str:
        if naam == slotveld:
            return slotwaarde
        # Rich text goes back as the service would keep it: sanitised.
        if naam.rsplit("-", 1)[-1] in rijk or NIEUWE_VOETNOOT.match(naam):
            return sanitize(waarde)
        return waarde

    herhaal = [
        (naam, opnieuw(naam, waarde))
        for naam, waarden in _lijsten(gestuurd)
        if naam != "csrfmiddlewaretoken"
        for waarde in waarden
    ]
    if slotveld and slotveld not in gestuurd:
        herhaal.append((slotveld, slotwaarde))
    return Conflict(
        melding=fout.melding,
        wat=fout.wat,
        rijen=rijen,
        jouw_bron=fout.jouw_tekst,
        actie_url=actie_url,
        herhaal=herhaal,
        anker=anker,
        verwijderen=verwijderen,
    )


def _lijsten(gestuurd: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    if hasattr(gestuurd, "lists"):
        return list(gestuurd.lists())
    return [(k, v if isinstance(v, list) else [v]) for k, v in gestuurd.items()]
