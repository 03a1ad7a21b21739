"""Admin for councils, levels, advisory reports and their recommendations."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from advies import admin_tabelimport
from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from adviesmonitor.admin_hulp import (
    KLEIN_TEKSTVAK,
    LEEG,
    LINKS_MET_HTTPS,
    BovenliggendForm,
    kort,
    met_titel,
    opsomming,
)
from reacties.models import Standpunt


class AanbevelingForm(BovenliggendForm):
    ouderveld = "advies"
    fout_andere_ouder = "Het hoofdadvies moet uit hetzelfde advies komen."

    class Meta:
        model = Aanbeveling
        fields = ("advies", "nummer", "volgorde", "bovenliggend", "tekst", "bestuurslagen")
        widgets = {"tekst": KLEIN_TEKSTVAK}


@admin.register(Raad)
class RaadAdmin(admin.ModelAdmin):
    list_display = ("naam", "afkorting", "aantal_adviezen")
    search_fields = ("naam", "afkorting")
    ordering = ("afkorting",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Raad]:
        return super().get_queryset(request).annotate(_aantal_adviezen=Count("adviezen"))

    @admin.display(description="adviezen", ordering="_aantal_adviezen")
    def aantal_adviezen(self, raad: Raad) -> int:
        return raad._aantal_adviezen


@admin.register(Bestuurslaag)
class BestuurslaagAdmin(admin.ModelAdmin):
    list_display = ("naam", "slug", "volgorde", "aantal_aanbevelingen")
    list_editable = ("volgorde",)
    search_fields = ("naam", "slug")
    prepopulated_fields = {"slug": ("naam",)}
    ordering = ("volgorde", "naam")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bestuurslaag]:
        return super().get_queryset(request).annotate(_aantal=Count("aanbevelingen"))

    @admin.display(description="aanbevelingen", ordering="_aantal")
    def aantal_aanbevelingen(self, laag: Bestuurslaag) -> int:
        return laag._aantal


class AanbevelingInline(admin.TabularInline):
    model = Aanbeveling
    form = AanbevelingForm
    fields = ("nummer", "volgorde", "bovenliggend", "tekst", "bestuurslagen")
    autocomplete_fields = ("bovenliggend", "bestuurslagen")
    ordering = ("volgorde",)
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Aanbeveling]:
        # The levels fill the initial value of every row's widget: one query, not one per row.
        return super().get_queryset(request).prefetch_related("bestuurslagen")


@admin.register(Advies)
class AdviesAdmin(admin.ModelAdmin):
    list_display = (
        "titel",
        "toon_raden",
        "publicatiedatum",
        "ontvangstdatum",
        "aantal_aanbevelingen",
        "aantal_brieven",
    )
    list_filter = ("raden", "publicatiedatum")
    search_fields = ("titel", "ondertitel", "slug", "raden__afkorting", "raden__naam")
    autocomplete_fields = ("raden",)
    prepopulated_fields = {"slug": ("titel",)}
    date_hierarchy = "publicatiedatum"
    ordering = ("-publicatiedatum", "titel")
    formfield_overrides = LINKS_MET_HTTPS
    fieldsets = (
        (None, {"fields": ("titel", "ondertitel", "slug", "raden")}),
        ("Publicatie", {"fields": ("publicatiedatum", "ontvangstdatum", "url")}),
    )
    inlines = (AanbevelingInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Advies]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _aantal_aanbevelingen=Count("aanbevelingen", distinct=True),
                _aantal_brieven=Count("brieven", distinct=True),
            )
            .prefetch_related("raden")
        )

    @admin.display(description="adviesraden")
    def toon_raden(self, advies: Advies) -> str:
        return opsomming(raad.afkorting for raad in advies.raden.all())

    @admin.display(description="aanbevelingen", ordering="_aantal_aanbevelingen")
    def aantal_aanbevelingen(self, advies: Advies) -> int:
        return advies._aantal_aanbevelingen

    @admin.display(description="reactiebrieven", ordering="_aantal_brieven")
    def aantal_brieven(self, advies: Advies) -> int:
        return advies._aantal_brieven


class StandpuntFilter(admin.SimpleListFilter):
    title = "standpunt in de reactie"
    parameter_name = "standpunt"
    GEEN_REACTIE = "geen"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [*Standpunt.choices, (self.GEEN_REACTIE, "nog geen reactie")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        waarde = self.value()
        if waarde == self.GEEN_REACTIE:
            return queryset.filter(reacties__isnull=True)
        if waarde in Standpunt.values:
            # A subquery, so a recommendation answered twice with this stance is listed once.
            beantwoord = Aanbeveling.objects.filter(reacties__standpunt=waarde).values("pk")
            return queryset.filter(pk__in=beantwoord)
        return queryset


class HoofdadviesFilter(admin.SimpleListFilter):
    title = "plaats"
    parameter_name = "plaats"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("hoofd", "hoofdadvies"), ("onder", "onderdeel van een hoofdadvies")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "hoofd":
            return queryset.filter(bovenliggend__isnull=True)
        if self.value() == "onder":
            return queryset.filter(bovenliggend__isnull=False)
        return queryset


@admin.register(Aanbeveling)
class AanbevelingAdmin(admin.ModelAdmin):
    form = AanbevelingForm
    list_display = (
        "nummer",
        "korte_tekst",
        "advies",
        "toon_bestuurslagen",
        "toon_standpunten",
    )
    list_display_links = ("nummer", "korte_tekst")
    list_filter = (
        "bestuurslagen",
        StandpuntFilter,
        HoofdadviesFilter,
        ("advies__raden", met_titel("adviesraad")),
    )
    search_fields = ("nummer", "tekst", "advies__titel", "advies__slug")
    autocomplete_fields = ("advies", "bovenliggend", "bestuurslagen")
    list_select_related = ("advies",)
    ordering = ("advies", "volgorde")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Aanbeveling]:
        return super().get_queryset(request).prefetch_related("bestuurslagen", "reacties")

    def get_urls(self) -> list[URLPattern]:
        # Before the model admin's own URLs, whose "<path:object_id>/" would take it.
        importeren = path(
            "importeren/",
            self.admin_site.admin_view(self.importeer_view),
            name="advies_aanbeveling_importeren",
        )
        return [importeren, *super().get_urls()]

    def importeer_view(self, request: HttpRequest) -> HttpResponse:
        """Importeren uit CSV/XLSX (advies.admin_tabelimport)."""
        return admin_tabelimport.importeer(request, self)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra = {"kan_importeren": admin_tabelimport.mag_importeren(request.user)}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    @admin.display(description="tekst", ordering="tekst")
    def korte_tekst(self, aanbeveling: Aanbeveling) -> str:
        return kort(aanbeveling.tekst)

    @admin.display(description="bestuurslagen")
    def toon_bestuurslagen(self, aanbeveling: Aanbeveling) -> str:
        return opsomming(laag.naam for laag in aanbeveling.bestuurslagen.all())

    @admin.display(description="standpunt")
    def toon_standpunten(self, aanbeveling: Aanbeveling) -> str:
        reacties = aanbeveling.reacties.all()
        if not reacties:
            return LEEG
        standpunten = opsomming(r.get_standpunt_display() for r in reacties)
        return "(geen standpunt)" if standpunten == LEEG else standpunten
