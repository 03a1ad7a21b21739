"""Admin for the reply letter: letters with their signatories, the programmes they name,
sections and footnotes; responses with their programme links and commitments.

The validation lives in ``reacties.admin_forms``. That a part belongs to its programme is
checked by Programmakoppeling.clean() and Briefprogramma.clean(): every model form, inline
ones included, calls the model's clean(), so they need no form of their own.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.db.models.fields.related import ForeignKey
from django.http import HttpRequest
from django.utils.html import strip_tags

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
from reacties.models import (
    Briefprogramma,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)


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


# --- Inlines ---------------------------------------------------------------------------


class OndertekenaarInline(admin.TabularInline):
    model = Ondertekenaar
    fields = ("volgorde", "ambtsdrager")
    autocomplete_fields = ("ambtsdrager",)
    ordering = ("volgorde",)
    extra = 0


class BriefprogrammaInline(_ProgrammaMetOnderdeel, admin.TabularInline):
    model = Briefprogramma
    formset = ProgrammaverwijzingenFormSet
    fields = ("volgorde", "programma", "onderdeel")
    autocomplete_fields = ("programma", "onderdeel")
    ordering = ("volgorde",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Briefprogramma]:
        return super().get_queryset(request).select_related("programma", "onderdeel__programma")


class SectieInline(admin.TabularInline):
    model = Sectie
    form = SectieForm
    fields = ("volgorde", "kop", "tekst")
    ordering = ("volgorde",)
    extra = 0
    show_change_link = True


class VoetnootInline(admin.TabularInline):
    model = Voetnoot
    form = VoetnootForm
    fields = ("nummer", "tekst")
    ordering = ("nummer",)
    extra = 0


class ReactieInline(admin.StackedInline):
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


class ProgrammakoppelingInline(_ProgrammaMetOnderdeel, admin.TabularInline):
    model = Programmakoppeling
    formset = ProgrammaverwijzingenFormSet
    fields = ("programma", "onderdeel", "soort")
    autocomplete_fields = ("programma", "onderdeel")
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programmakoppeling]:
        return super().get_queryset(request).select_related("programma", "onderdeel__programma")


class ToezeggingInline(admin.StackedInline):
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
class ReactiebriefAdmin(admin.ModelAdmin):
    form = ReactiebriefForm
    list_display = ("onderwerp", "advies", "versie", "status", "datum", "kenmerk", "gewijzigd")
    list_display_links = ("onderwerp",)
    list_filter = ("status", ("advies__raden", met_titel("adviesraad")), "datum")
    search_fields = ("onderwerp", "titel", "kenmerk", "uw_kenmerk", "advies__titel", "advies__slug")
    autocomplete_fields = ("advies",)
    list_select_related = ("advies",)
    date_hierarchy = "datum"
    ordering = ("-datum", "advies__titel", "versie")
    readonly_fields = ("gewijzigd",)
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


@admin.register(Ondertekenaar)
class OndertekenaarAdmin(admin.ModelAdmin):
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
class BriefprogrammaAdmin(_ProgrammaMetOnderdeel, admin.ModelAdmin):
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
class VoetnootAdmin(admin.ModelAdmin):
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
class SectieAdmin(admin.ModelAdmin):
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
class ReactieAdmin(admin.ModelAdmin):
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
class ProgrammakoppelingAdmin(_ProgrammaMetOnderdeel, admin.ModelAdmin):
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
class ToezeggingAdmin(admin.ModelAdmin):
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
