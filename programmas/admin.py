"""Admin for ministries, office holders, organisations and programmes with their parts."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.db.models.fields.related import ForeignKey
from django.http import HttpRequest
from django.utils import timezone

from adviesmonitor.admin_hulp import (
    KLEIN_TEKSTVAK,
    LEEG,
    LINKS_MET_HTTPS,
    BovenliggendForm,
    met_titel,
)
from programmas.models import (
    Ambtsdrager,
    Medewerker,
    Ministerie,
    Organisatie,
    Programma,
    Programmaonderdeel,
)


class AmbtsdragerForm(forms.ModelForm):
    class Meta:
        model = Ambtsdrager
        fields = ("titel", "naam", "sleutel", "ministerie", "begin", "einde")

    def clean(self) -> dict:
        # The database constraint would catch this too, but with a message naming no field.
        cleaned = super().clean()
        begin, einde = cleaned.get("begin"), cleaned.get("einde")
        if begin and einde and einde < begin:
            self.add_error("einde", "Het einde van de ambtstermijn ligt vóór het begin.")
        return cleaned


class ProgrammaonderdeelForm(BovenliggendForm):
    ouderveld = "programma"
    fout_andere_ouder = "Het bovenliggende onderdeel moet bij hetzelfde programma horen."

    class Meta:
        model = Programmaonderdeel
        fields = ("programma", "volgorde", "naam", "sleutel", "bovenliggend", "beschrijving")
        widgets = {"beschrijving": KLEIN_TEKSTVAK}


class AmbtsdragerInline(admin.TabularInline):
    model = Ambtsdrager
    form = AmbtsdragerForm
    fields = ("titel", "naam", "sleutel", "begin", "einde")
    ordering = ("titel", "-begin")
    extra = 0
    show_change_link = True


@admin.register(Ministerie)
class MinisterieAdmin(admin.ModelAdmin):
    list_display = ("naam", "afkorting", "website", "aantal_ambtsdragers")
    search_fields = ("naam", "afkorting")
    ordering = ("naam",)
    fieldsets = (
        (None, {"fields": ("naam", "afkorting", "website", "logo")}),
        ("Adressen", {"fields": ("bezoekadres", "postadres")}),
    )
    inlines = (AmbtsdragerInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Ministerie]:
        return super().get_queryset(request).annotate(_aantal=Count("ambtsdragers"))

    @admin.display(description="ambtsdragers", ordering="_aantal")
    def aantal_ambtsdragers(self, ministerie: Ministerie) -> int:
        return ministerie._aantal


class InFunctieFilter(admin.SimpleListFilter):
    title = "ambtstermijn"
    parameter_name = "in_functie"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("ja", "in functie"), ("nee", "afgelopen")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        vandaag: datetime.date = timezone.localdate()
        in_functie = Q(einde__isnull=True) | Q(einde__gte=vandaag)
        if self.value() == "ja":
            return queryset.filter(in_functie)
        if self.value() == "nee":
            return queryset.exclude(in_functie)
        return queryset


@admin.register(Ambtsdrager)
class AmbtsdragerAdmin(admin.ModelAdmin):
    form = AmbtsdragerForm
    list_display = ("titel", "naam", "ministerie", "begin", "einde")
    list_filter = (InFunctieFilter, "ministerie")
    search_fields = ("titel", "naam", "sleutel", "ministerie__afkorting", "ministerie__naam")
    autocomplete_fields = ("ministerie",)
    list_select_related = ("ministerie",)
    ordering = ("titel", "-begin")


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "afkorting", "soort", "url")
    list_filter = ("soort",)
    search_fields = ("naam", "afkorting", "sleutel")
    prepopulated_fields = {"sleutel": ("naam",)}
    ordering = ("naam",)
    formfield_overrides = LINKS_MET_HTTPS


class ProgrammaonderdeelInline(admin.TabularInline):
    model = Programmaonderdeel
    form = ProgrammaonderdeelForm
    fk_name = "programma"
    fields = ("volgorde", "naam", "sleutel", "bovenliggend", "beschrijving")
    autocomplete_fields = ("bovenliggend",)
    prepopulated_fields = {"sleutel": ("naam",)}
    ordering = ("volgorde",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programmaonderdeel]:
        return super().get_queryset(request).select_related("programma")

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs
    ) -> forms.Field | None:
        if db_field.name == "bovenliggend":
            # A part's label names its programme; fetch both in the widget's one query.
            kwargs["queryset"] = Programmaonderdeel.objects.select_related("programma")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Programma)
class ProgrammaAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort", "eigenaar", "uitvoerder", "aantal_onderdelen")
    list_filter = ("soort", ("eigenaar__ministerie", met_titel("ministerie van de eigenaar")))
    search_fields = ("naam", "slug", "beschrijving", "uitvoerder__naam", "uitvoerder__afkorting")
    autocomplete_fields = ("eigenaar", "uitvoerder")
    prepopulated_fields = {"slug": ("naam",)}
    list_select_related = ("eigenaar", "uitvoerder")
    ordering = ("naam",)
    formfield_overrides = LINKS_MET_HTTPS
    fieldsets = (
        (None, {"fields": ("naam", "slug", "soort")}),
        ("Verantwoordelijkheid", {"fields": ("eigenaar", "uitvoerder")}),
        ("Toelichting", {"fields": ("beschrijving", "url")}),
    )
    inlines = (ProgrammaonderdeelInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programma]:
        return super().get_queryset(request).annotate(_aantal=Count("onderdelen"))

    @admin.display(description="onderdelen", ordering="_aantal")
    def aantal_onderdelen(self, programma: Programma) -> int:
        return programma._aantal


@admin.register(Programmaonderdeel)
class ProgrammaonderdeelAdmin(admin.ModelAdmin):
    form = ProgrammaonderdeelForm
    list_display = ("naam", "programma", "volgorde", "bovenliggend_naam")
    list_filter = (("programma__soort", met_titel("soort programma")), "programma")
    search_fields = ("naam", "sleutel", "programma__naam", "programma__slug")
    autocomplete_fields = ("programma", "bovenliggend")
    prepopulated_fields = {"sleutel": ("naam",)}
    list_select_related = ("programma", "bovenliggend")
    ordering = ("programma__naam", "volgorde")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Programmaonderdeel]:
        # A part's label names its programme, also in autocomplete results.
        return super().get_queryset(request).select_related("programma")

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs
    ) -> forms.Field | None:
        if db_field.name == "bovenliggend":
            kwargs["queryset"] = Programmaonderdeel.objects.select_related("programma")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="bovenliggend onderdeel", ordering="bovenliggend__naam")
    def bovenliggend_naam(self, onderdeel: Programmaonderdeel) -> str:
        # The part's own name: its parent always has the same programme, shown beside it.
        return onderdeel.bovenliggend.naam if onderdeel.bovenliggend_id else LEEG


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    """Which ministry a user works for: a Coördinator approves reply letters for it."""

    list_display = ("user", "naam", "ministerie")
    list_filter = ("ministerie",)
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "ministerie__naam",
        "ministerie__afkorting",
    )
    autocomplete_fields = ("user", "ministerie")
    list_select_related = ("user", "ministerie")
    ordering = ("user__username",)
    fields = ("user", "ministerie")

    @admin.display(description="naam", ordering="user__last_name")
    def naam(self, medewerker: Medewerker) -> str:
        return medewerker.user.get_full_name() or LEEG
