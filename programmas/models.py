"""Ministries, office holders, government programmes and the organisations named in responses."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OrganisatieSoort(models.TextChoices):
    OVERHEID = "overheid", "overheid"
    UITVOERING = "uitvoering", "uitvoeringsorganisatie"
    KENNIS = "kennis", "kennisinstituut"
    KOEPEL = "koepel", "koepel- of netwerkorganisatie"
    MAATSCHAPPELIJK = "maatschappelijk", "maatschappelijke organisatie"
    ZORG = "zorg", "zorgorganisatie"
    CORPORATIE = "corporatie", "woningcorporatie"
    ANDERS = "anders", "anders"


class ProgrammaSoort(models.TextChoices):
    PROGRAMMA = "programma", "programma"
    WET = "wet", "wet"
    REGELING = "regeling", "regeling"
    AKKOORD = "akkoord", "akkoord"
    BELEIDSDOCUMENT = "beleidsdocument", "beleidsdocument"
    ONDERZOEK = "onderzoek", "onderzoek"
    MONITOR = "monitor", "monitor"


class Ministerie(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    afkorting = models.CharField("afkorting", max_length=20, unique=True)
    bezoekadres = models.TextField("bezoekadres", blank=True, help_text="Eén regel per adresregel.")
    postadres = models.TextField("postadres", blank=True, help_text="Eén regel per adresregel.")
    website = models.CharField("website", max_length=200, blank=True)
    logo = models.FileField(
        "logo",
        upload_to="logos/",
        blank=True,
        help_text="Eigen logobestand (SVG of PNG); leeg = het neutrale voorbeeldlogo.",
    )

    class Meta:
        verbose_name = "ministerie"
        verbose_name_plural = "ministeries"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(naam=""), name="ministerie_naam_niet_leeg"),
            models.CheckConstraint(
                condition=~models.Q(afkorting=""), name="ministerie_afkorting_niet_leeg"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Medewerker(models.Model):
    """The ministry a user works for. A Coördinator approves letters for that ministry."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="medewerker",
        verbose_name="gebruiker",
    )
    ministerie = models.ForeignKey(
        Ministerie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name="ministerie",
        help_text="Het ministerie waarvoor deze gebruiker werkt en reactiebrieven goedkeurt.",
    )

    class Meta:
        verbose_name = "medewerker"
        verbose_name_plural = "medewerkers"
        ordering = ["user__username"]

    def __str__(self) -> str:
        naam = self.user.get_full_name() or self.user.get_username()
        return f"{naam} ({self.ministerie.afkorting})" if self.ministerie_id else naam


class Ambtsdrager(models.Model):
    """An office holder, e.g. the minister voor Volkshuisvesting en Ruimtelijke Ordening."""

    sleutel = models.SlugField("sleutel", max_length=80, unique=True)
    titel = models.CharField(
        "titel",
        max_length=200,
        help_text="Zoals ‘minister voor Volkshuisvesting en Ruimtelijke Ordening’.",
    )
    naam = models.CharField("naam", max_length=200, blank=True)
    ministerie = models.ForeignKey(
        Ministerie, on_delete=models.PROTECT, related_name="ambtsdragers", verbose_name="ministerie"
    )
    begin = models.DateField("begin ambtstermijn", null=True, blank=True)
    einde = models.DateField("einde ambtstermijn", null=True, blank=True)

    class Meta:
        verbose_name = "ambtsdrager"
        verbose_name_plural = "ambtsdragers"
        ordering = ["titel", "-begin"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(titel=""), name="ambtsdrager_titel_niet_leeg"
            ),
            models.CheckConstraint(
                condition=~models.Q(sleutel=""), name="ambtsdrager_sleutel_niet_leeg"
            ),
            models.CheckConstraint(
                condition=models.Q(einde__isnull=True)
                | models.Q(begin__isnull=True)
                | models.Q(einde__gte=models.F("begin")),
                name="ambtsdrager_termijn_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.naam})" if self.naam else self.titel


class Organisatie(models.Model):
    Soort = OrganisatieSoort

    sleutel = models.SlugField("sleutel", max_length=80, unique=True)
    naam = models.CharField("naam", max_length=200, unique=True)
    afkorting = models.CharField("afkorting", max_length=30, blank=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.ANDERS)
    url = models.URLField("link", max_length=500, blank=True)

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(naam=""), name="organisatie_naam_niet_leeg"),
            models.CheckConstraint(
                condition=~models.Q(sleutel=""), name="organisatie_sleutel_niet_leeg"
            ),
            models.CheckConstraint(
                condition=models.Q(soort__in=OrganisatieSoort.values),
                name="organisatie_soort_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.afkorting})" if self.afkorting else self.naam


class Programma(models.Model):
    """A government programme or instrument that responses link to."""

    Soort = ProgrammaSoort

    slug = models.SlugField("sleutel", max_length=120, unique=True)
    naam = models.CharField("naam", max_length=200, unique=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, db_index=True)
    eigenaar = models.ForeignKey(
        Ambtsdrager,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmas",
        verbose_name="eigenaar",
    )
    uitvoerder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmas",
        verbose_name="uitvoerende organisatie",
    )
    beschrijving = models.TextField("beschrijving", blank=True)
    url = models.URLField("link", max_length=500, blank=True)

    class Meta:
        verbose_name = "programma of instrument"
        verbose_name_plural = "programma's en instrumenten"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(naam=""), name="programma_naam_niet_leeg"),
            models.CheckConstraint(condition=~models.Q(slug=""), name="programma_slug_niet_leeg"),
            models.CheckConstraint(
                condition=models.Q(soort__in=ProgrammaSoort.values), name="programma_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Programmaonderdeel(models.Model):
    """A part of a programme, such as actielijn 3 or a theme; parts may nest."""

    programma = models.ForeignKey(
        Programma, on_delete=models.CASCADE, related_name="onderdelen", verbose_name="programma"
    )
    sleutel = models.SlugField("sleutel", max_length=120)
    naam = models.CharField("naam", max_length=300)
    volgorde = models.PositiveIntegerField("volgorde")
    bovenliggend = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="onderdelen",
        verbose_name="bovenliggend onderdeel",
    )
    beschrijving = models.TextField("beschrijving", blank=True)

    class Meta:
        verbose_name = "programmaonderdeel"
        verbose_name_plural = "programmaonderdelen"
        ordering = ["programma", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["programma", "sleutel"], name="programmaonderdeel_sleutel_uniek"
            ),
            models.UniqueConstraint(
                fields=["programma", "volgorde"], name="programmaonderdeel_volgorde_uniek"
            ),
            models.CheckConstraint(
                condition=~models.Q(naam=""), name="programmaonderdeel_naam_niet_leeg"
            ),
            models.CheckConstraint(
                condition=~models.Q(sleutel=""), name="programmaonderdeel_sleutel_niet_leeg"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programma.naam}: {self.naam}"
