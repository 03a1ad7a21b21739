"""The reply letter and everything in it: the programmes it names, sections, responses,
programme links, commitments (toezeggingen) and footnotes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

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


# A letter in one of these states is frozen: nothing in it may change any more; a further
# change needs a new version of the letter (reacties.workflow.nieuwe_versie).
BEVROREN_STATUSSEN = frozenset({Briefstatus.VASTGESTELD, Briefstatus.VERZONDEN})

REVISIE_HULP = (
    "Telt elke bewaarde wijziging; wie met een oudere revisie bewaart, krijgt een conflict "
    "in plaats van andermans werk te overschrijven."
)


class _TeltRevisies:
    """Mixin for models with a ``revisie`` lock field: every ``save()`` of an existing row
    (e.g. from the admin) raises it, so an editor holding the old revision gets a conflict
    instead of silently overwriting that change. The services in ``reacties.services``
    write with ``QuerySet.update()`` and raise it themselves, under the lock."""

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding and self.pk is not None:
            self.revisie = (self.revisie or 0) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "revisie"}
        super().save(*args, **kwargs)


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


class Reactiebrief(_TeltRevisies, models.Model):
    """The cabinet's formal reply to one advisory report.

    ``versie`` is the letter's version number (1, 2, ...: a new version after it was
    frozen); ``revisie`` is the optimistic lock on the letter's own fields (opening, slot,
    onderwerp, ...); ``review_ronde`` counts the times it was sent to review.
    """

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
    revisie = models.PositiveIntegerField("revisie", default=1, help_text=REVISIE_HULP)
    review_ronde = models.PositiveIntegerField(
        "reviewronde",
        default=0,
        help_text="Hoe vaak de brief naar review is gestuurd; goedkeuringen gelden per ronde.",
    )

    class Meta:
        verbose_name = "reactiebrief"
        verbose_name_plural = "reactiebrieven"
        ordering = ["-datum", "advies__titel", "versie"]
        permissions = [
            ("keur_brief_goed", "Mag reactiebrieven goedkeuren of terugsturen"),
            ("verzend_brief", "Mag vastgestelde reactiebrieven als verzonden markeren"),
        ]
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

    @property
    def is_bevroren(self) -> bool:
        """Vastgesteld or verzonden: nothing in the letter may change any more."""
        return self.status in BEVROREN_STATUSSEN


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


class Sectie(_TeltRevisies, models.Model):
    """A part of the letter: an optional heading, free text, then the responses in it."""

    brief = models.ForeignKey(
        Reactiebrief, on_delete=models.CASCADE, related_name="secties", verbose_name="brief"
    )
    volgorde = models.PositiveIntegerField("volgorde")
    kop = models.CharField("kop", max_length=300, blank=True)
    tekst = RichTextField("tekst", blank=True)
    revisie = models.PositiveIntegerField("revisie", default=1, help_text=REVISIE_HULP)

    class Meta:
        verbose_name = "sectie"
        verbose_name_plural = "secties"
        ordering = ["brief", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "volgorde"], name="sectie_volgorde_uniek"),
        ]

    def __str__(self) -> str:
        return self.kop or f"Sectie {self.volgorde}"


class Reactie(_TeltRevisies, models.Model):
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
    revisie = models.PositiveIntegerField(
        "revisie",
        default=1,
        help_text=REVISIE_HULP + " Geldt voor tekst, standpunt en programmakoppelingen.",
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


class Toezegging(_TeltRevisies, models.Model):
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
    revisie = models.PositiveIntegerField("revisie", default=1, help_text=REVISIE_HULP)

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


# --- Workflow, history and templates ------------------------------------------------------


GEBRUIKERSNAAM_HULP = (
    "Wie het was, als die gebruiker niet bestond toen een back-up werd teruggezet "
    "(gebruikers zitten niet in een back-up); anders leeg."
)


def _gebruikersnaam_veld() -> models.CharField:
    return models.CharField(
        "gebruikersnaam", max_length=150, blank=True, default="", help_text=GEBRUIKERSNAAM_HULP
    )


class _Gebruikersspoor:
    """Who did it: the linked user, or (after restoring a backup without that user) the
    username kept as text in ``gebruikersnaam``. ``GEBRUIKERVELD`` names the user link."""

    GEBRUIKERVELD = "gebruiker"

    @property
    def wie(self) -> str:
        """The name to show: the user's full name or username, else the kept username."""
        gebruiker = getattr(self, self.GEBRUIKERVELD)
        if gebruiker is not None:
            return gebruiker.get_full_name() or gebruiker.get_username()
        return self.gebruikersnaam

    @property
    def gebruikersnaam_voor_export(self) -> str | None:
        """The username as a backup stores it: the linked user's, else the kept text."""
        gebruiker = getattr(self, self.GEBRUIKERVELD)
        if gebruiker is not None:
            return gebruiker.get_username()
        return self.gebruikersnaam or None


def _gebruiker_of_naam(naam: str) -> models.CheckConstraint:
    """A decision or a frozen PDF always says who: a linked user or a kept username."""
    return models.CheckConstraint(
        condition=models.Q(gebruiker__isnull=False) | ~models.Q(gebruikersnaam=""),
        name=f"{naam}_gebruiker_bekend",
    )


class Besluit(models.TextChoices):
    GOEDGEKEURD = "goedgekeurd", "goedgekeurd"
    TERUGGESTUURD = "teruggestuurd", "teruggestuurd"


class Goedkeuring(_Gebruikersspoor, models.Model):
    """One signing ministry's decision on a letter in one review round.

    Written only by ``reacties.workflow``; one decision per ministry per round.
    """

    Besluit = Besluit

    brief = models.ForeignKey(
        Reactiebrief, on_delete=models.CASCADE, related_name="goedkeuringen", verbose_name="brief"
    )
    ronde = models.PositiveIntegerField("reviewronde")
    ministerie = models.ForeignKey(
        "programmas.Ministerie",
        on_delete=models.PROTECT,
        related_name="goedkeuringen",
        verbose_name="ministerie",
    )
    # Null only after restoring a backup without this user: see ``gebruikersnaam``.
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="goedkeuringen",
        verbose_name="gebruiker",
    )
    gebruikersnaam = _gebruikersnaam_veld()
    besluit = models.CharField("besluit", max_length=20, choices=Besluit.choices)
    opmerking = models.TextField("opmerking", blank=True)
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now)

    class Meta:
        verbose_name = "goedkeuring"
        verbose_name_plural = "goedkeuringen"
        ordering = ["brief", "ronde", "tijdstip"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "ronde", "ministerie"], name="goedkeuring_eenmaal_per_ronde"
            ),
            models.CheckConstraint(
                condition=models.Q(besluit__in=Besluit.values), name="goedkeuring_besluit_geldig"
            ),
            models.CheckConstraint(
                condition=models.Q(besluit=Besluit.GOEDGEKEURD) | ~models.Q(opmerking=""),
                name="goedkeuring_terugsturen_met_opmerking",
            ),
            _gebruiker_of_naam("goedkeuring"),
        ]

    def __str__(self) -> str:
        return f"{self.get_besluit_display()} (ronde {self.ronde})"


class Vastlegging(_Gebruikersspoor, models.Model):
    """The frozen PDF of a letter that was vastgesteld: these bytes are the letter, for good.

    Written only by ``reacties.workflow`` when the last signing ministry approves.
    """

    brief = models.OneToOneField(
        Reactiebrief, on_delete=models.CASCADE, related_name="vastlegging", verbose_name="brief"
    )
    pdf = models.BinaryField("pdf")
    sha256 = models.CharField("SHA-256", max_length=64)
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now)
    # Null only after restoring a backup without this user: see ``gebruikersnaam``.
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="vastleggingen",
        verbose_name="vastgesteld door",
    )
    gebruikersnaam = _gebruikersnaam_veld()

    class Meta:
        verbose_name = "vastlegging"
        verbose_name_plural = "vastleggingen"
        ordering = ["-tijdstip"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="vastlegging_sha256_geldig",
            ),
            _gebruiker_of_naam("vastlegging"),
        ]

    def __str__(self) -> str:
        return f"Vastlegging {self.sha256[:12]}"


class Wijzigingsoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", "aangemaakt"
    IMPORT = "import", "geïmporteerd"
    GEWIJZIGD = "gewijzigd", "gewijzigd"
    HERSTELD = "hersteld", "hersteld"
    STATUS = "status", "status"


class Briefversie(_Gebruikersspoor, models.Model):
    """One entry of a letter's history: who changed what, when, and the whole letter as it
    stood right after (``inhoud``, the snapshot format of ``reacties.geschiedenis``).

    Written only by the services, in the same transaction as the change it records.
    """

    Soort = Wijzigingsoort

    brief = models.ForeignKey(
        Reactiebrief, on_delete=models.CASCADE, related_name="geschiedenis", verbose_name="brief"
    )
    nummer = models.PositiveIntegerField("nummer")
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="briefversies",
        verbose_name="gebruiker",
    )
    gebruikersnaam = _gebruikersnaam_veld()
    soort = models.CharField("soort", max_length=20, choices=Wijzigingsoort.choices)
    omschrijving = models.CharField("omschrijving", max_length=500)
    object_type = models.CharField(
        "soort onderdeel", max_length=40, blank=True, help_text="Zoals reactie of sectie."
    )
    object_id = models.PositiveBigIntegerField("id van het onderdeel", null=True, blank=True)
    inhoud = models.JSONField("inhoud")

    class Meta:
        verbose_name = "briefversie"
        verbose_name_plural = "briefversies"
        ordering = ["brief", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "nummer"], name="briefversie_nummer_uniek"),
            models.CheckConstraint(
                condition=models.Q(nummer__gte=1), name="briefversie_nummer_positief"
            ),
            models.CheckConstraint(
                condition=models.Q(soort__in=Wijzigingsoort.values),
                name="briefversie_soort_geldig",
            ),
        ]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="briefversie_onderdeel"),
        ]

    def __str__(self) -> str:
        return f"Versie {self.nummer}: {self.omschrijving}"


class Antwoordsjabloon(_Gebruikersspoor, models.Model):
    """A saved answer text a Redacteur can start a response from."""

    Standpunt = Standpunt
    GEBRUIKERVELD = "gemaakt_door"

    naam = models.CharField("naam", max_length=200, unique=True)
    tekst = RichTextField("tekst")
    standpunt = models.CharField("standpunt", max_length=20, choices=Standpunt.choices, blank=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="antwoordsjablonen",
        verbose_name="gemaakt door",
    )
    gebruikersnaam = _gebruikersnaam_veld()
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        verbose_name = "antwoordsjabloon"
        verbose_name_plural = "antwoordsjablonen"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(naam=""), name="antwoordsjabloon_naam_niet_leeg"
            ),
            models.CheckConstraint(
                condition=~models.Q(tekst=""), name="antwoordsjabloon_tekst_niet_leeg"
            ),
            models.CheckConstraint(
                condition=models.Q(standpunt__in=[*Standpunt.values, ""]),
                name="antwoordsjabloon_standpunt_geldig",
            ),
        ]

    def __str__(self) -> str:
        return self.naam
