"""The reply letter and everything in it: the programmes it names, sections, responses,
programme links, commitments (toezeggingen) and footnotes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from advies.models import Aanbeveling, Advies
from adviesmonitor.richtext import RichTextField
from programmas.models import Ambtsdrager, Organisatie, Programma, Programmaonderdeel

GEADRESSEERDE_TWEEDE_KAMER = (
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nPostbus 20018\n2500 EA Den Haag"
)


class Briefstatus(models.TextChoices):
    CONCEPT = "concept", "concept"
    TER_REVIEW = "ter_review", "ter review"
    VASTGESTELD = "vastgesteld", "vastgesteld"
    VERZONDEN = "verzonden", "verzonden"


class Standpunt(models.TextChoices):
    OVERGENOMEN = "overgenomen", "overgenomen"
    DEELS = "deels_overgenomen", "deels overgenomen"
    NIET = "niet_overgenomen", "niet overgenomen"
    IN_ONDERZOEK = "in_onderzoek", "in onderzoek"
    KENNISGENOMEN = "kennisgenomen", "kennisgenomen"


class Koppelsoort(models.TextChoices):
    BESTAAND = "bestaand_beleid", "bestaand beleid"
    NIEUW = "nieuwe_toezegging", "nieuwe toezegging"


class Toezeggingstatus(models.TextChoices):
    OPEN = "open", "open"
    IN_UITVOERING = "in_uitvoering", "in uitvoering"
    VOLDAAN = "voldaan", "voldaan"
    VERVALLEN = "vervallen", "vervallen"


class Reactiebrief(models.Model):
    """The cabinet's formal reply to one advisory report."""

    Status = Briefstatus

    advies = models.ForeignKey(
        Advies, on_delete=models.PROTECT, related_name="brieven", verbose_name="advies"
    )
    versie = models.PositiveSmallIntegerField("versie", default=1)
    titel = models.CharField(
        "titel", max_length=500, blank=True, help_text="Kop boven de tekst van de reactie."
    )
    onderwerp = models.CharField("betreft", max_length=300)
    datum = models.DateField("datum", null=True, blank=True, db_index=True)
    kenmerk = models.CharField("kenmerk", max_length=100, blank=True)
    uw_kenmerk = models.CharField("uw kenmerk", max_length=100, blank=True)
    bijlagen = models.CharField("bijlage(n)", max_length=200, blank=True)
    geadresseerde = models.TextField("geadresseerde", default=GEADRESSEERDE_TWEEDE_KAMER)
    opening = RichTextField("opening", blank=True)
    slot = RichTextField("slot", blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=Briefstatus.choices,
        default=Briefstatus.CONCEPT,
        db_index=True,
    )
    ondertekenaars = models.ManyToManyField(
        Ambtsdrager, through="Ondertekenaar", related_name="brieven", verbose_name="ondertekenaars"
    )
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        verbose_name = "reactiebrief"
        verbose_name_plural = "reactiebrieven"
        ordering = ["-datum", "advies__titel", "versie"]
        constraints = [
            models.UniqueConstraint(fields=["advies", "versie"], name="brief_versie_uniek"),
            models.UniqueConstraint(
                fields=["kenmerk"], condition=~models.Q(kenmerk=""), name="brief_kenmerk_uniek"
            ),
            models.CheckConstraint(
                condition=~models.Q(onderwerp=""), name="brief_onderwerp_niet_leeg"
            ),
            models.CheckConstraint(condition=models.Q(versie__gte=1), name="brief_versie_positief"),
            models.CheckConstraint(
                condition=models.Q(status__in=Briefstatus.values), name="brief_status_geldig"
            ),
        ]

    def __str__(self) -> str:
        versie = f" (versie {self.versie})" if self.versie > 1 else ""
        return f"Reactie op ‘{self.advies.titel}’{versie}"


class Ondertekenaar(models.Model):
    brief = models.ForeignKey(
        Reactiebrief, on_delete=models.CASCADE, related_name="ondertekening", verbose_name="brief"
    )
    ambtsdrager = models.ForeignKey(
        Ambtsdrager,
        on_delete=models.PROTECT,
        related_name="ondertekeningen",
        verbose_name="ambtsdrager",
    )
    volgorde = models.PositiveSmallIntegerField("volgorde")

    class Meta:
        verbose_name = "ondertekenaar"
        verbose_name_plural = "ondertekenaars"
        ordering = ["brief", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "volgorde"], name="ondertekenaar_volgorde_uniek"
            ),
            models.UniqueConstraint(fields=["brief", "ambtsdrager"], name="ondertekenaar_eenmaal"),
        ]

    def __str__(self) -> str:
        return str(self.ambtsdrager)


class Sectie(models.Model):
    """A part of the letter: an optional heading, free text, then the responses in it."""

    brief = models.ForeignKey(
        Reactiebrief, on_delete=models.CASCADE, related_name="secties", verbose_name="brief"
    )
    volgorde = models.PositiveIntegerField("volgorde")
    kop = models.CharField("kop", max_length=300, blank=True)
    tekst = RichTextField("tekst", blank=True)

    class Meta:
        verbose_name = "sectie"
        verbose_name_plural = "secties"
        ordering = ["brief", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "volgorde"], name="sectie_volgorde_uniek"),
        ]

    def __str__(self) -> str:
        return self.kop or f"Sectie {self.volgorde}"


class Reactie(models.Model):
    """The ministers' response to one recommendation or to several answered together."""

    Standpunt = Standpunt

    sectie = models.ForeignKey(
        Sectie, on_delete=models.CASCADE, related_name="reacties", verbose_name="sectie"
    )
    volgorde = models.PositiveIntegerField("volgorde")
    aanbevelingen = models.ManyToManyField(
        Aanbeveling, related_name="reacties", verbose_name="aanbevelingen"
    )
    tekst = RichTextField("tekst")
    standpunt = models.CharField(
        "standpunt", max_length=20, choices=Standpunt.choices, blank=True, db_index=True
    )
    citeer_aanbevelingen = models.BooleanField(
        "aanbevelingen citeren",
        default=True,
        help_text=(
            "Druk de aanbevelingen cursief af boven de reactie "
            "(uit als de sectietekst ze al noemt)."
        ),
    )
    organisaties = models.ManyToManyField(
        Organisatie, blank=True, related_name="reacties", verbose_name="genoemde organisaties"
    )
    programmas = models.ManyToManyField(
        Programma, through="Programmakoppeling", related_name="reacties", verbose_name="programma's"
    )

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        ordering = ["sectie__brief", "sectie__volgorde", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["sectie", "volgorde"], name="reactie_volgorde_uniek"),
            models.CheckConstraint(condition=~models.Q(tekst=""), name="reactie_tekst_niet_leeg"),
            models.CheckConstraint(
                condition=models.Q(standpunt__in=[*Standpunt.values, ""]),
                name="reactie_standpunt_geldig",
            ),
        ]

    def __str__(self) -> str:
        nummers = ", ".join(a.nummer for a in self.aanbevelingen.all())
        return f"Reactie op {nummers}" if nummers else f"Reactie {self.pk}"


def _controleer_onderdeel_van_programma(koppeling: Programmakoppeling | Briefprogramma) -> None:
    """A part named beside a programme must be a part of that programme."""
    if (
        koppeling.onderdeel_id
        and koppeling.programma_id
        and koppeling.onderdeel.programma_id != koppeling.programma_id
    ):
        raise ValidationError({"onderdeel": "Dit onderdeel hoort niet bij het gekozen programma."})


class Programmakoppeling(models.Model):
    """A response's link to a programme (or a part of it): existing policy or a new commitment."""

    Soort = Koppelsoort

    reactie = models.ForeignKey(
        Reactie, on_delete=models.CASCADE, related_name="koppelingen", verbose_name="reactie"
    )
    programma = models.ForeignKey(
        Programma, on_delete=models.PROTECT, related_name="koppelingen", verbose_name="programma"
    )
    onderdeel = models.ForeignKey(
        Programmaonderdeel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="koppelingen",
        verbose_name="onderdeel",
    )
    soort = models.CharField("soort", max_length=20, choices=Koppelsoort.choices, db_index=True)

    class Meta:
        verbose_name = "programmakoppeling"
        verbose_name_plural = "programmakoppelingen"
        ordering = ["reactie", "programma__naam", "onderdeel__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["reactie", "programma"],
                condition=models.Q(onderdeel__isnull=True),
                name="koppeling_programma_uniek",
            ),
            models.UniqueConstraint(
                fields=["reactie", "programma", "onderdeel"],
                condition=models.Q(onderdeel__isnull=False),
                name="koppeling_onderdeel_uniek",
            ),
            models.CheckConstraint(
                condition=models.Q(soort__in=Koppelsoort.values), name="koppeling_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        doel = str(self.onderdeel) if self.onderdeel_id else self.programma.naam
        return f"{doel} ({self.get_soort_display()})"

    def clean(self) -> None:
        _controleer_onderdeel_van_programma(self)


class Briefprogramma(models.Model):
    """A programme (or a part of it) that the letter names as one the advice fits; the
    letter's opening says so, before any response."""

    brief = models.ForeignKey(
        Reactiebrief,
        on_delete=models.CASCADE,
        related_name="programmaverwijzingen",
        verbose_name="brief",
    )
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        related_name="briefverwijzingen",
        verbose_name="programma",
    )
    onderdeel = models.ForeignKey(
        Programmaonderdeel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="briefverwijzingen",
        verbose_name="onderdeel",
    )
    volgorde = models.PositiveIntegerField("volgorde")

    class Meta:
        verbose_name = "programmaverwijzing in de brief"
        verbose_name_plural = "programmaverwijzingen in de brief"
        ordering = ["brief", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "volgorde"], name="briefprogramma_volgorde_uniek"
            ),
            models.UniqueConstraint(
                fields=["brief", "programma"],
                condition=models.Q(onderdeel__isnull=True),
                name="briefprogramma_programma_uniek",
            ),
            models.UniqueConstraint(
                fields=["brief", "programma", "onderdeel"],
                condition=models.Q(onderdeel__isnull=False),
                name="briefprogramma_onderdeel_uniek",
            ),
        ]

    def __str__(self) -> str:
        return str(self.onderdeel) if self.onderdeel_id else self.programma.naam

    def clean(self) -> None:
        _controleer_onderdeel_van_programma(self)


class Toezegging(models.Model):
    """A commitment made in a response."""

    Status = Toezeggingstatus

    reactie = models.ForeignKey(
        Reactie, on_delete=models.CASCADE, related_name="toezeggingen", verbose_name="reactie"
    )
    volgorde = models.PositiveIntegerField("volgorde")
    tekst = models.TextField("tekst")
    ambtsdrager = models.ForeignKey(
        Ambtsdrager,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toezeggingen",
        verbose_name="verantwoordelijke ambtsdrager",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toezeggingen",
        verbose_name="uitvoerende organisatie",
    )
    programma = models.ForeignKey(
        Programma,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toezeggingen",
        verbose_name="programma",
    )
    deadline_datum = models.DateField("deadline (datum)", null=True, blank=True, db_index=True)
    deadline_jaar = models.PositiveSmallIntegerField("deadline (jaar)", null=True, blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=Toezeggingstatus.choices,
        default=Toezeggingstatus.OPEN,
        db_index=True,
    )

    class Meta:
        verbose_name = "toezegging"
        verbose_name_plural = "toezeggingen"
        ordering = ["reactie", "volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["reactie", "volgorde"], name="toezegging_volgorde_uniek"
            ),
            models.CheckConstraint(
                condition=~models.Q(tekst=""), name="toezegging_tekst_niet_leeg"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Toezeggingstatus.values),
                name="toezegging_status_geldig",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline_datum__isnull=True)
                | models.Q(deadline_jaar__isnull=True),
                name="toezegging_een_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline_jaar__isnull=True)
                | models.Q(deadline_jaar__gte=1900, deadline_jaar__lte=2200),
                name="toezegging_deadline_jaar_geldig",
            ),
        ]

    def __str__(self) -> str:
        return self.tekst if len(self.tekst) <= 80 else self.tekst[:77].rstrip() + "…"

    @property
    def deadline(self) -> str:
        """The deadline as written: a date, a year or nothing."""
        if self.deadline_datum:
            return self.deadline_datum.isoformat()
        return str(self.deadline_jaar) if self.deadline_jaar else ""


class Voetnoot(models.Model):
    """A footnote of the letter; an empty text means it is still to be written."""

    brief = models.ForeignKey(
        Reactiebrief, on_delete=models.CASCADE, related_name="voetnoten", verbose_name="brief"
    )
    nummer = models.PositiveSmallIntegerField("nummer")
    tekst = RichTextField("tekst", blank=True)

    class Meta:
        verbose_name = "voetnoot"
        verbose_name_plural = "voetnoten"
        ordering = ["brief", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "nummer"], name="voetnoot_nummer_uniek"),
            models.CheckConstraint(
                condition=models.Q(nummer__gte=1), name="voetnoot_nummer_positief"
            ),
        ]

    def __str__(self) -> str:
        return f"Voetnoot {self.nummer}"
