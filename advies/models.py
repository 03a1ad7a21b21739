"""Advisory councils, their reports and the recommendations in them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class Raad(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    afkorting = models.CharField("afkorting", max_length=20, unique=True)

    class Meta:
        verbose_name = "adviesraad"
        verbose_name_plural = "adviesraden"
        ordering = ["afkorting"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(naam=""), name="raad_naam_niet_leeg"),
            models.CheckConstraint(
                condition=~models.Q(afkorting=""), name="raad_afkorting_niet_leeg"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.afkorting})"


class Bestuurslaag(models.Model):
    """A level a recommendation is aimed at; administrators can add more."""

    naam = models.CharField("naam", max_length=100, unique=True)
    slug = models.SlugField("slug", max_length=50, unique=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "bestuurslaag"
        verbose_name_plural = "bestuurslagen"
        ordering = ["volgorde", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(naam=""), name="bestuurslaag_naam_niet_leeg"
            ),
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="bestuurslaag_slug_niet_leeg"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Advies(models.Model):
    """An advisory report, published by one or more councils."""

    slug = models.SlugField(
        "sleutel", max_length=120, unique=True, help_text="Vaste sleutel voor import en export."
    )
    titel = models.CharField("titel", max_length=300)
    ondertitel = models.CharField("ondertitel", max_length=300, blank=True)
    raden = models.ManyToManyField(Raad, related_name="adviezen", verbose_name="adviesraden")
    publicatiedatum = models.DateField("publicatiedatum", null=True, blank=True, db_index=True)
    ontvangstdatum = models.DateField("datum ontvangst", null=True, blank=True)
    url = models.URLField("link", max_length=500, blank=True)

    class Meta:
        verbose_name = "advies"
        verbose_name_plural = "adviezen"
        ordering = ["-publicatiedatum", "titel"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(titel=""), name="advies_titel_niet_leeg"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="advies_slug_niet_leeg"),
        ]

    def __str__(self) -> str:
        if self.ondertitel:
            return f"{self.titel}: {self.ondertitel}"
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("admin:advies_advies_change", args=[self.pk])


class AanbevelingQuerySet(models.QuerySet):
    def voor_laag(self, slug: str) -> AanbevelingQuerySet:
        return self.filter(bestuurslagen__slug=slug)

    def hoofdadviezen(self) -> AanbevelingQuerySet:
        return self.filter(bovenliggend__isnull=True)


class Aanbeveling(models.Model):
    """One recommendation; a main advice may hold sub-recommendations."""

    advies = models.ForeignKey(
        Advies, on_delete=models.CASCADE, related_name="aanbevelingen", verbose_name="advies"
    )
    nummer = models.CharField(
        "nummer",
        max_length=20,
        help_text="Plaats in het advies, zoals 1, 1.1 of G2; uniek binnen het advies.",
    )
    volgorde = models.PositiveIntegerField(
        "volgorde", help_text="Volgorde van de aanbeveling in het advies."
    )
    bovenliggend = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="onderdelen",
        verbose_name="hoofdadvies",
    )
    tekst = models.TextField("tekst")
    bestuurslagen = models.ManyToManyField(
        Bestuurslaag, related_name="aanbevelingen", verbose_name="bestuurslagen"
    )

    objects = AanbevelingQuerySet.as_manager()

    class Meta:
        verbose_name = "aanbeveling"
        verbose_name_plural = "aanbevelingen"
        ordering = ["advies", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["advies", "volgorde"], name="aanbeveling_volgorde_uniek"
            ),
            models.UniqueConstraint(fields=["advies", "nummer"], name="aanbeveling_nummer_uniek"),
            models.CheckConstraint(
                condition=~models.Q(tekst=""), name="aanbeveling_tekst_niet_leeg"
            ),
            models.CheckConstraint(
                condition=~models.Q(nummer=""), name="aanbeveling_nummer_niet_leeg"
            ),
            models.CheckConstraint(
                condition=~models.Q(bovenliggend=models.F("pk")),
                name="aanbeveling_niet_eigen_hoofdadvies",
            ),
        ]

    def __str__(self) -> str:
        tekst = self.tekst if len(self.tekst) <= 80 else self.tekst[:77].rstrip() + "…"
        return f"{self.nummer}. {tekst}"
