"""Admin for the reply letter: letters with their signatories, the programmes they name,
sections and footnotes; responses with their programme links and commitments.

The admin follows the workflow (``_VolgtDeWerkstroom``): what belongs to a letter that is not
in concept is read-only here, a letter's status changes only through ``reacties.workflow``,
and every save or delete here is recorded in the letter's history.

The validation lives in ``reacties.admin_forms``. That a part belongs to its programme is
checked by Programmakoppeling.clean() and Briefprogramma.clean(): every model form, inline
ones included, calls the model's clean(), so they need no form of their own.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import Count, Model, QuerySet
from django.db.models.fields.related import ForeignKey
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.text import capfirst

from adviesmonitor.admin_hulp import LEEG, kort, met_titel
from programmas.models import Programmaonderdeel
from reacties.admin_forms import (
    ProgrammaverwijzingenFormSet,
    ReactiebriefForm,
    ReactieForm,
    SectieForm,
    ToezeggingForm,
    VoetnootForm,
)
from reacties.geschiedenis import leg_vast
from reacties.models import (
    Antwoordsjabloon,
    Briefprogramma,
    Briefstatus,
    Briefversie,
    Goedkeuring,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Vastlegging,
    Voetnoot,
    Wijzigingsoort,
)
from reacties.services import controleer_bewerkbaar, vergrendel_brief


class _ProgrammaMetOnderdeel:
    """For the admin of a record that names a programme and optionally one of its parts."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs
    ) -> forms.Field | None:
        # A part's label names its programme: fetch both in the widget's one query.
        if db_field.name == "onderdeel":
            kwargs["queryset"] = Programmaonderdeel.objects.select_related("programma")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="onderdeel", ordering="onderdeel__naam")
    def onderdeel_naam(self, obj: Programmakoppeling | Briefprogramma) -> str:
        return obj.onderdeel.naam if obj.onderdeel_id else "(hele programma)"


_BRIEFSTATUS = ("brief__status", met_titel("status van de brief"))


# --- the admin follows the workflow -----------------------------------------------------


def _brief_id(obj: Model | None, pad: str) -> int | None:
    """The id of the letter ``obj`` belongs to, along ``pad`` ("" for a letter itself,
    "brief", "sectie__brief", "reactie__sectie__brief")."""
    if obj is None:
        return None
    if not pad:
        return obj.pk
    *tussen, laatste = pad.split("__")
    for stap in tussen:
        if getattr(obj, f"{stap}_id", None) is None:
            return None
        obj = getattr(obj, stap)
    return getattr(obj, f"{laatste}_id", None)


def _in_concept(brief_id: int | None) -> bool:
    if brief_id is None:
        return True
    status = Reactiebrief.objects.filter(pk=brief_id).values_list("status", flat=True).first()
    return status in (None, Briefstatus.CONCEPT)


class _VolgtDeWerkstroom:
    """For the admin of a letter and of what is in it (``brief_pad`` leads to the letter).

    - Only a letter in concept may change, here as in the services: what belongs to a
      letter ter review, vastgesteld or verzonden is read-only and cannot be deleted, and a
      save into such a letter (e.g. moving a section there) is refused.
    - Every save and delete here is recorded in the letter's history, like the services'.
    """

    brief_pad = "brief"

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and _in_concept(
            _brief_id(obj, self.brief_pad)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and _in_concept(
            _brief_id(obj, self.brief_pad)
        )

    def save_model(self, request: HttpRequest, obj: Model, form, change: bool) -> None:
        brief_id = _brief_id(obj, self.brief_pad)
        if brief_id is not None and self.brief_pad:
            controleer_bewerkbaar(Reactiebrief.objects.get(pk=brief_id))
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change and not form.has_changed() and not any(f.has_changed() for f in formsets):
            return
        obj = form.instance
        brief_id = _brief_id(obj, self.brief_pad)
        if not change and not self.brief_pad:
            soort, wat = Wijzigingsoort.AANGEMAAKT, "aangemaakt"
        else:
            soort, wat = Wijzigingsoort.GEWIJZIGD, "gewijzigd" if change else "toegevoegd"
        self._leg_vast(request, brief_id, soort, f"{self._naam(obj)} {wat}", obj)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        brief_id, naam = _brief_id(obj, self.brief_pad), self._naam(obj)
        super().delete_model(request, obj)
        self._leg_vast(request, brief_id, Wijzigingsoort.GEWIJZIGD, f"{naam} verwijderd")

    @transaction.atomic  # the "delete selected" action runs outside the admin's transactions
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # "Delete selected" asks has_delete_permission() without an object: check each.
        weg = [(_brief_id(obj, self.brief_pad), self._naam(obj)) for obj in queryset]
        for brief_id, _ in weg:
            if not _in_concept(brief_id):
                controleer_bewerkbaar(Reactiebrief.objects.get(pk=brief_id))
        super().delete_queryset(request, queryset)
        for brief_id, naam in weg:
            self._leg_vast(request, brief_id, Wijzigingsoort.GEWIJZIGD, f"{naam} verwijderd")

    def _naam(self, obj: Model) -> str:
        return f"{capfirst(obj._meta.verbose_name)} ‘{obj}’"

    def _leg_vast(
        self, request: HttpRequest, brief_id: int | None, soort: str, wat: str, obj=None
    ) -> None:
        if brief_id is None or not Reactiebrief.objects.filter(pk=brief_id).exists():
            return  # the letter itself was deleted, and its history with it
        # Inside the admin view's transaction (a savepoint): the lock holds until it ends.
        with transaction.atomic():
            vergrendel_brief(brief_id, bewerken=False)
            leg_vast(
                brief_id,
                gebruiker=request.user,
                soort=soort,
                omschrijving=f"{wat} in de beheeromgeving",
                onderdeel=obj,
            )


class _InlineVolgtDeWerkstroom:
    """An inline on the page of a letter or of something in it (``brief_pad`` leads from
    that page's object to the letter): read-only unless the letter is in concept."""

    brief_pad = ""

    def _mag(self, obj: Model | None) -> bool:
        return _in_concept(_brief_id(obj, self.brief_pad))

    def has_add_permission(self, request: HttpRequest, obj: Model | None) -> bool:
        return super().has_add_permission(request, obj) and self._mag(obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._mag(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._mag(obj)


# --- Inlines ---------------------------------------------------------------------------


class OndertekenaarInline(_InlineVolgtDeWerkstroom, admin.TabularInline):
    model = Ondertekenaar
    fields = ("volgorde", "ambtsdrager")
    autocomplete_fields = ("ambtsdrager",)
    ordering = ("volgorde",)
    extra = 0


class BriefprogrammaInline(_InlineVolgtDeWerkstroom, _ProgrammaMetOnderdeel, admin.TabularInline):
    model = Briefprogramma
    formset = ProgrammaverwijzingenFormSet
    fields = ("volgorde", "programma", "onderdeel")
    autocomplete_fields = ("programma", "onderdeel")
    ordering = ("volgorde",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Briefprogramma]:
        return super().get_queryset(request).select_related("programma", "onderdeel__programma")


class SectieInline(_InlineVolgtDeWerkstroom, admin.TabularInline):
    model = Sectie
    form = SectieForm
    fields = ("volgorde", "kop", "tekst")
    ordering = ("volgorde",)
    extra = 0
    show_change_link = True


class VoetnootInline(_InlineVolgtDeWerkstroom, admin.TabularInline):
    model = Voetnoot
    form = VoetnootForm
    fields = ("nummer", "tekst")
    ordering = ("nummer",)
    extra = 0


class ReactieInline(_InlineVolgtDeWerkstroom, admin.StackedInline):
    brief_pad = "brief"  # on a section's page
    model = Reactie
    form = ReactieForm
    fields = (
        "volgorde",
        "aanbevelingen",
        "standpunt",
        "citeer_aanbevelingen",
        "tekst",
        "organisaties",
    )
    autocomplete_fields = ("aanbevelingen", "organisaties")
    ordering = ("volgorde",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reactie]:
        # Both fill every row's initial values, and the recommendations its title.
        return super().get_queryset(request).prefetch_related("aanbevelingen", "organisaties")


class ProgrammakoppelingInline(
    _InlineVolgtDeWerkstroom, _ProgrammaMetOnderdeel, admin.TabularInline
):
    brief_pad = "sectie__brief"  # on a response's page
    model = Programmakoppeling
    formset = ProgrammaverwijzingenFormSet
    fields = ("programma", "onderdeel", "soort")
    autocomplete_fields = ("programma", "onderdeel")
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programmakoppeling]:
        return super().get_queryset(request).select_related("programma", "onderdeel__programma")


class ToezeggingInline(_InlineVolgtDeWerkstroom, admin.StackedInline):
    brief_pad = "sectie__brief"  # on a response's page
    model = Toezegging
    form = ToezeggingForm
    fields = (
        ("volgorde", "status"),
        "tekst",
        ("ambtsdrager", "organisatie", "programma"),
        ("deadline_datum", "deadline_jaar"),
    )
    autocomplete_fields = ("ambtsdrager", "organisatie", "programma")
    ordering = ("volgorde",)
    extra = 0


# --- Letters -----------------------------------------------------------------------------


@admin.register(Reactiebrief)
class ReactiebriefAdmin(_VolgtDeWerkstroom, admin.ModelAdmin):
    brief_pad = ""
    form = ReactiebriefForm
    list_display = ("onderwerp", "advies", "versie", "status", "datum", "kenmerk", "gewijzigd")
    list_display_links = ("onderwerp",)
    list_filter = ("status", ("advies__raden", met_titel("adviesraad")), "datum")
    search_fields = ("onderwerp", "titel", "kenmerk", "uw_kenmerk", "advies__titel", "advies__slug")
    autocomplete_fields = ("advies",)
    list_select_related = ("advies",)
    date_hierarchy = "datum"
    ordering = ("-datum", "advies__titel", "versie")
    # The status changes only through the workflow (reacties.workflow), never by hand.
    readonly_fields = ("status", "gewijzigd")
    fieldsets = (
        (None, {"fields": ("advies", "versie", "status")}),
        (
            "Briefhoofd",
            {
                "fields": (
                    "onderwerp",
                    "datum",
                    "kenmerk",
                    "uw_kenmerk",
                    "bijlagen",
                    "geadresseerde",
                )
            },
        ),
        ("Tekst", {"fields": ("titel", "opening", "slot")}),
        ("Beheer", {"fields": ("gewijzigd",)}),
    )
    inlines = (OndertekenaarInline, BriefprogrammaInline, SectieInline, VoetnootInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reactiebrief]:
        # A letter's label names its report, also in autocomplete results.
        return super().get_queryset(request).select_related("advies")

    def get_deleted_objects(self, objs, request: HttpRequest):
        # Whoever may delete a letter in concept (the roles table: a Redacteur) deletes its
        # history and review decisions with it, without the right to delete those one by
        # one; letters that are not in concept cannot be deleted at all (above).
        verwijderd, aantallen, nodig, beschermd = super().get_deleted_objects(objs, request)
        mee = {str(Briefversie._meta.verbose_name), str(Goedkeuring._meta.verbose_name)}
        return verwijderd, aantallen, {n for n in nodig if str(n) not in mee}, beschermd


@admin.register(Ondertekenaar)
class OndertekenaarAdmin(_VolgtDeWerkstroom, admin.ModelAdmin):
    list_display = ("ambtsdrager", "brief", "volgorde")
    list_filter = (("ambtsdrager__ministerie", met_titel("ministerie")),)
    search_fields = (
        "ambtsdrager__titel",
        "ambtsdrager__naam",
        "brief__onderwerp",
        "brief__advies__titel",
    )
    autocomplete_fields = ("brief", "ambtsdrager")
    list_select_related = ("ambtsdrager", "brief__advies")
    ordering = ("brief", "volgorde")


@admin.register(Briefprogramma)
class BriefprogrammaAdmin(_VolgtDeWerkstroom, _ProgrammaMetOnderdeel, admin.ModelAdmin):
    list_display = ("programma", "onderdeel_naam", "brief", "volgorde")
    list_filter = (_BRIEFSTATUS, ("programma__soort", met_titel("soort programma")), "programma")
    search_fields = (
        "programma__naam",
        "onderdeel__naam",
        "brief__onderwerp",
        "brief__advies__titel",
    )
    autocomplete_fields = ("brief", "programma", "onderdeel")
    # The row label (also in the action checkbox) names the part with its programme.
    list_select_related = ("programma", "onderdeel__programma", "brief__advies")
    ordering = ("brief", "volgorde")
    fields = ("brief", "volgorde", "programma", "onderdeel")


@admin.register(Voetnoot)
class VoetnootAdmin(_VolgtDeWerkstroom, admin.ModelAdmin):
    form = VoetnootForm
    list_display = ("__str__", "brief", "korte_tekst")
    list_filter = (_BRIEFSTATUS,)
    search_fields = ("tekst", "brief__onderwerp", "brief__advies__titel")
    autocomplete_fields = ("brief",)
    list_select_related = ("brief__advies",)
    ordering = ("brief", "nummer")

    @admin.display(description="tekst")
    def korte_tekst(self, voetnoot: Voetnoot) -> str:
        # An empty footnote is one still to be written; say so rather than show nothing.
        return kort(strip_tags(voetnoot.tekst)) or "(nog te schrijven)"


@admin.register(Sectie)
class SectieAdmin(_VolgtDeWerkstroom, admin.ModelAdmin):
    form = SectieForm
    list_display = ("__str__", "brief", "volgorde", "aantal_reacties")
    list_filter = (_BRIEFSTATUS,)
    search_fields = ("kop", "brief__onderwerp", "brief__advies__titel")
    autocomplete_fields = ("brief",)
    list_select_related = ("brief__advies",)
    ordering = ("brief", "volgorde")
    inlines = (ReactieInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Sectie]:
        return super().get_queryset(request).annotate(_aantal=Count("reacties"))

    @admin.display(description="reacties", ordering="_aantal")
    def aantal_reacties(self, sectie: Sectie) -> int:
        return sectie._aantal


# --- Responses ---------------------------------------------------------------------------


@admin.register(Reactie)
class ReactieAdmin(_VolgtDeWerkstroom, admin.ModelAdmin):
    brief_pad = "sectie__brief"
    form = ReactieForm
    list_display = (
        "toon_aanbevelingen",
        "korte_tekst",
        "standpunt",
        "brief",
        "sectie",
        "aantal_koppelingen",
        "aantal_toezeggingen",
    )
    list_display_links = ("toon_aanbevelingen", "korte_tekst")
    list_filter = (
        "standpunt",
        ("sectie__brief__status", met_titel("status van de brief")),
        ("koppelingen__soort", met_titel("soort programmakoppeling")),
        ("aanbevelingen__bestuurslagen", met_titel("bestuurslaag")),
        ("sectie__brief__advies__raden", met_titel("adviesraad")),
    )
    search_fields = (
        "tekst",
        "aanbevelingen__nummer",
        "aanbevelingen__tekst",
        "sectie__kop",
        "sectie__brief__onderwerp",
        "sectie__brief__advies__titel",
    )
    autocomplete_fields = ("sectie", "aanbevelingen", "organisaties")
    list_select_related = ("sectie__brief__advies",)
    ordering = ("sectie__brief", "sectie__volgorde", "volgorde")
    inlines = (ProgrammakoppelingInline, ToezeggingInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Reactie]:
        # The recommendations make up a response's label, here and in autocomplete results.
        return (
            super()
            .get_queryset(request)
            .annotate(
                _aantal_koppelingen=Count("koppelingen", distinct=True),
                _aantal_toezeggingen=Count("toezeggingen", distinct=True),
            )
            .prefetch_related("aanbevelingen")
        )

    @admin.display(description="aanbevelingen")
    def toon_aanbevelingen(self, reactie: Reactie) -> str:
        return ", ".join(a.nummer for a in reactie.aanbevelingen.all()) or LEEG

    @admin.display(description="tekst")
    def korte_tekst(self, reactie: Reactie) -> str:
        return kort(strip_tags(reactie.tekst))

    @admin.display(description="brief", ordering="sectie__brief")
    def brief(self, reactie: Reactie) -> Reactiebrief:
        return reactie.sectie.brief

    @admin.display(description="koppelingen", ordering="_aantal_koppelingen")
    def aantal_koppelingen(self, reactie: Reactie) -> int:
        return reactie._aantal_koppelingen

    @admin.display(description="toezeggingen", ordering="_aantal_toezeggingen")
    def aantal_toezeggingen(self, reactie: Reactie) -> int:
        return reactie._aantal_toezeggingen


@admin.register(Programmakoppeling)
class ProgrammakoppelingAdmin(_VolgtDeWerkstroom, _ProgrammaMetOnderdeel, admin.ModelAdmin):
    brief_pad = "reactie__sectie__brief"
    list_display = ("reactie", "brief", "programma", "onderdeel_naam", "soort")
    list_filter = ("soort", ("programma__soort", met_titel("soort programma")), "programma")
    search_fields = (
        "programma__naam",
        "onderdeel__naam",
        "reactie__aanbevelingen__nummer",
        "reactie__sectie__brief__advies__titel",
    )
    autocomplete_fields = ("reactie", "programma", "onderdeel")
    # The row label (also in the action checkbox) names the part with its programme.
    list_select_related = ("programma", "onderdeel__programma", "reactie__sectie__brief__advies")
    ordering = ("reactie", "programma__naam", "onderdeel__volgorde")
    fields = ("reactie", "programma", "onderdeel", "soort")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programmakoppeling]:
        return super().get_queryset(request).prefetch_related("reactie__aanbevelingen")

    @admin.display(description="brief", ordering="reactie__sectie__brief")
    def brief(self, koppeling: Programmakoppeling) -> Reactiebrief:
        return koppeling.reactie.sectie.brief


@admin.register(Toezegging)
class ToezeggingAdmin(_VolgtDeWerkstroom, admin.ModelAdmin):
    brief_pad = "reactie__sectie__brief"
    form = ToezeggingForm
    list_display = (
        "__str__",
        "brief",
        "ambtsdrager",
        "organisatie",
        "programma",
        "toon_deadline",
        "status",
    )
    list_filter = (
        "status",
        ("programma__soort", met_titel("soort programma")),
        ("organisatie__soort", met_titel("soort organisatie")),
        ("ambtsdrager__ministerie", met_titel("ministerie")),
    )
    search_fields = (
        "tekst",
        "programma__naam",
        "organisatie__naam",
        "organisatie__afkorting",
        "ambtsdrager__titel",
        "reactie__sectie__brief__advies__titel",
    )
    autocomplete_fields = ("reactie", "ambtsdrager", "organisatie", "programma")
    list_select_related = (
        "reactie__sectie__brief__advies",
        "ambtsdrager",
        "organisatie",
        "programma",
    )
    ordering = ("reactie", "volgorde")
    fields = (
        "reactie",
        ("volgorde", "status"),
        "tekst",
        ("ambtsdrager", "organisatie", "programma"),
        ("deadline_datum", "deadline_jaar"),
    )

    @admin.display(description="brief", ordering="reactie__sectie__brief")
    def brief(self, toezegging: Toezegging) -> Reactiebrief:
        return toezegging.reactie.sectie.brief

    @admin.display(description="deadline", ordering="deadline_datum")
    def toon_deadline(self, toezegging: Toezegging) -> str:
        return toezegging.deadline or LEEG


# --- Workflow and history ----------------------------------------------------------------
# Approvals, frozen PDFs and history are written by reacties.workflow and reacties.services
# only. The roles table (0007_rollen_werkstroom) gives nobody the right to add or change
# them, so these pages are read-only; a Beheerder may delete.


@admin.register(Goedkeuring)
class GoedkeuringAdmin(admin.ModelAdmin):
    list_display = ("brief", "ronde", "ministerie", "besluit", "gebruiker", "tijdstip")
    list_filter = ("besluit", "ministerie")
    search_fields = ("opmerking", "brief__onderwerp", "brief__advies__titel", "gebruiker__username")
    list_select_related = ("brief__advies", "ministerie", "gebruiker")
    ordering = ("-tijdstip",)
    fields = ("brief", "ronde", "ministerie", "besluit", "opmerking", "gebruiker", "tijdstip")


@admin.register(Vastlegging)
class VastleggingAdmin(admin.ModelAdmin):
    list_display = ("brief", "tijdstip", "gebruiker", "sha256")
    search_fields = ("sha256", "brief__onderwerp", "brief__kenmerk", "brief__advies__titel")
    list_select_related = ("brief__advies", "gebruiker")
    ordering = ("-tijdstip",)
    fields = ("brief", "tijdstip", "gebruiker", "sha256", "download")
    readonly_fields = ("download",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vastlegging]:
        # The PDF itself stays in the database until it is downloaded.
        return super().get_queryset(request).defer("pdf")

    @admin.display(description="pdf")
    def download(self, vastlegging: Vastlegging) -> str:
        if not vastlegging.pk:
            return LEEG
        return format_html(
            '<a href="{}">Vastgelegde pdf downloaden</a>',
            reverse("reacties:pdf", args=[vastlegging.brief_id]),
        )


@admin.register(Briefversie)
class BriefversieAdmin(admin.ModelAdmin):
    list_display = ("brief", "nummer", "tijdstip", "gebruiker", "soort", "omschrijving")
    list_display_links = ("nummer",)
    list_filter = ("soort",)
    search_fields = ("omschrijving", "brief__onderwerp", "brief__advies__titel")
    list_select_related = ("brief__advies", "gebruiker")
    ordering = ("brief", "-nummer")
    fields = (
        "brief",
        "nummer",
        "tijdstip",
        "gebruiker",
        "soort",
        "omschrijving",
        "object_type",
        "object_id",
        "leesbare_inhoud",
    )
    readonly_fields = ("leesbare_inhoud",)

    class Media:
        css = {"all": ("css/beheer.css",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Briefversie]:
        # The snapshot is large; the list does not show it.
        return super().get_queryset(request).defer("inhoud")

    @admin.display(description="inhoud")
    def leesbare_inhoud(self, versie: Briefversie) -> str:
        if not versie.pk:
            return LEEG
        tekst = json.dumps(versie.inhoud, ensure_ascii=False, indent=2)
        # A class, not a style attribute: the Content-Security-Policy forbids inline styles.
        return format_html('<pre class="briefversie-inhoud">{}</pre>', tekst)


class AntwoordsjabloonForm(forms.ModelForm):
    class Meta:
        model = Antwoordsjabloon
        fields = ("naam", "standpunt", "tekst")
        widgets = {"tekst": forms.Textarea(attrs={"rows": 8, "cols": 80})}


@admin.register(Antwoordsjabloon)
class AntwoordsjabloonAdmin(admin.ModelAdmin):
    form = AntwoordsjabloonForm
    list_display = ("naam", "standpunt", "korte_tekst", "gemaakt_door", "gewijzigd")
    list_filter = ("standpunt",)
    search_fields = ("naam", "tekst")
    list_select_related = ("gemaakt_door",)
    ordering = ("naam",)
    readonly_fields = ("gemaakt_door", "gewijzigd")

    def get_fields(self, request: HttpRequest, obj: Antwoordsjabloon | None = None):
        return ("naam", "standpunt", "tekst", *(("gemaakt_door", "gewijzigd") if obj else ()))

    def save_model(self, request: HttpRequest, obj: Antwoordsjabloon, form, change: bool) -> None:
        if not change:
            obj.gemaakt_door = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="tekst")
    def korte_tekst(self, sjabloon: Antwoordsjabloon) -> str:
        return kort(strip_tags(sjabloon.tekst))
