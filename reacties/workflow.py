"""The letter's workflow: concept → ter review → vastgesteld → verzonden, and new versions.

OVERGANGEN is the one table of what is allowed: (from status, action, to status) with the
permission the action needs. Every action function checks its row (status first, then the
right), refuses anything else with a ``Workflowfout`` subclass (``reacties.fouten``), and
records a ``Briefversie`` in the same transaction, holding the letter's row lock.

- ``stuur_naar_review`` (Redacteur or Coördinator): only when every recommendation has a
  response with a stance (``services.ontbrekende_reacties``) and someone signs. Starts a
  new review round.
- ``keur_goed`` / ``stuur_terug`` (Coördinator, ``reacties.keur_brief_goed``): for the
  ministry of the user (``Medewerker.ministerie``), which must be one of the signing
  ministries (the ministries of the letter's ondertekenaars). One decision per ministry per
  round. The letter is vastgesteld when every signing ministry approved in this round: its
  PDF is rendered and stored with its SHA-256 (``Vastlegging``) and never changes again.
  Sending back needs a comment, returns the letter to concept and ends the round.
- ``verzend`` (``reacties.verzend_brief``): vastgesteld → verzonden.
- ``nieuwe_versie`` (``reacties.add_reactiebrief``): from a frozen letter, a full copy as
  version + 1 in concept; the frozen letter stays as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Prefetch, TextChoices

from programmas.models import Medewerker, Ministerie
from reacties.fouten import (
    AlBeoordeeld,
    BriefOnvolledig,
    GeenBevoegdheid,
    GeenOndertekenaars,
    NieuwereVersieBestaat,
    OngeldigeOvergang,
    OpmerkingVerplicht,
)
from reacties.geschiedenis import leg_vast
from reacties.models import (
    Besluit,
    Briefprogramma,
    Briefstatus,
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
from reacties.services import ontbrekende_reacties, vergrendel_brief

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    Gebruiker = AbstractBaseUser

CONCEPT = Briefstatus.CONCEPT
TER_REVIEW = Briefstatus.TER_REVIEW
VASTGESTELD = Briefstatus.VASTGESTELD
VERZONDEN = Briefstatus.VERZONDEN
STATUS = Wijzigingsoort.STATUS


class Actie(TextChoices):
    NAAR_REVIEW = "naar_review", "naar review sturen"
    GOEDKEUREN = "goedkeuren", "goedkeuren"
    TERUGSTUREN = "terugsturen", "terugsturen"
    VERZENDEN = "verzenden", "als verzonden markeren"
    NIEUWE_VERSIE = "nieuwe_versie", "nieuwe versie maken"


@dataclass(frozen=True)
class Overgang:
    van: str
    actie: str
    naar: str
    recht: str
    toelichting: str


# Every allowed (from, action, to). Approving has two rows: it keeps the letter ter review
# until the last signing ministry approves. A new version leaves the letter itself as it is;
# ``naar`` is the status of the new letter.
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(
        CONCEPT,
        Actie.NAAR_REVIEW,
        TER_REVIEW,
        "reacties.change_reactiebrief",
        "compleet: elke aanbeveling heeft een reactie met standpunt",
    ),
    Overgang(
        TER_REVIEW,
        Actie.GOEDKEUREN,
        TER_REVIEW,
        "reacties.keur_brief_goed",
        "nog niet elk ondertekenend ministerie heeft goedgekeurd",
    ),
    Overgang(
        TER_REVIEW,
        Actie.GOEDKEUREN,
        VASTGESTELD,
        "reacties.keur_brief_goed",
        "het laatste ondertekenende ministerie keurt goed: de pdf wordt vastgelegd",
    ),
    Overgang(
        TER_REVIEW,
        Actie.TERUGSTUREN,
        CONCEPT,
        "reacties.keur_brief_goed",
        "met een opmerking; de reviewronde eindigt",
    ),
    Overgang(VASTGESTELD, Actie.VERZENDEN, VERZONDEN, "reacties.verzend_brief", ""),
    Overgang(
        VASTGESTELD, Actie.NIEUWE_VERSIE, CONCEPT, "reacties.add_reactiebrief", "nieuwe brief"
    ),
    Overgang(VERZONDEN, Actie.NIEUWE_VERSIE, CONCEPT, "reacties.add_reactiebrief", "nieuwe brief"),
)

# Action -> the permission it needs (the same in every row of the action).
RECHTEN: dict[str, str] = {o.actie: o.recht for o in OVERGANGEN}


def acties_vanuit(status: str) -> set[str]:
    """The actions the table allows from ``status``."""
    return {o.actie for o in OVERGANGEN if o.van == status}


def _controleer(brief: Reactiebrief, actie: str, gebruiker: Gebruiker | None) -> None:
    """The table's row for (status, action) exists and the user holds its right."""
    if actie not in acties_vanuit(brief.status):
        raise OngeldigeOvergang(
            f"Een brief die {brief.get_status_display()} is, kan niet worden {_voltooid(actie)}."
        )
    if gebruiker is None or not gebruiker.has_perm(RECHTEN[actie]):
        raise GeenBevoegdheid(f"U hebt geen recht om brieven te {Actie(actie).label}.")


def _voltooid(actie: str) -> str:
    return {
        Actie.NAAR_REVIEW: "naar review gestuurd",
        Actie.GOEDKEUREN: "goedgekeurd",
        Actie.TERUGSTUREN: "teruggestuurd",
        Actie.VERZENDEN: "verzonden",
        Actie.NIEUWE_VERSIE: "opnieuw uitgegeven in een nieuwe versie",
    }[actie]


def ondertekenende_ministeries(brief: Reactiebrief | int) -> list[Ministerie]:
    """The ministries of the letter's signatories, each once, in signing order."""
    pk = brief.pk if isinstance(brief, Reactiebrief) else brief
    gezien: dict[int, Ministerie] = {}
    for ondertekenaar in (
        Ondertekenaar.objects.filter(brief_id=pk)
        .select_related("ambtsdrager__ministerie")
        .order_by("volgorde")
    ):
        ministerie = ondertekenaar.ambtsdrager.ministerie
        gezien.setdefault(ministerie.pk, ministerie)
    return list(gezien.values())


def ministerie_van(gebruiker: Gebruiker | None) -> Ministerie | None:
    if gebruiker is None or not gebruiker.is_authenticated:
        return None
    medewerker = Medewerker.objects.select_related("ministerie").filter(user=gebruiker).first()
    return medewerker.ministerie if medewerker else None


def _beoordelend_ministerie(brief: Reactiebrief, gebruiker: Gebruiker) -> Ministerie:
    """The signing ministry the user decides for, or GeenBevoegdheid/AlBeoordeeld."""
    ministerie = ministerie_van(gebruiker)
    if ministerie is None:
        raise GeenBevoegdheid(
            "U bent niet aan een ministerie gekoppeld en kunt daarom geen brieven "
            "beoordelen. Een Beheerder kan dat instellen."
        )
    if ministerie.pk not in {m.pk for m in ondertekenende_ministeries(brief)}:
        raise GeenBevoegdheid(
            f"Uw ministerie ({ministerie.afkorting}) ondertekent deze brief niet en "
            "beoordeelt hem daarom niet."
        )
    if Goedkeuring.objects.filter(
        brief=brief, ronde=brief.review_ronde, ministerie=ministerie
    ).exists():
        raise AlBeoordeeld(
            f"{ministerie.afkorting} heeft deze brief in deze reviewronde al beoordeeld."
        )
    return ministerie


def toegestane_acties(brief: Reactiebrief, gebruiker: Gebruiker | None) -> list[str]:
    """The actions ``gebruiker`` may take on ``brief`` now (for showing buttons); the
    action functions check again, on the server."""
    mogelijk = []
    for actie in Actie.values:
        try:
            _controleer(brief, actie, gebruiker)
            if actie in (Actie.GOEDKEUREN, Actie.TERUGSTUREN):
                _beoordelend_ministerie(brief, gebruiker)
        except (OngeldigeOvergang, GeenBevoegdheid, AlBeoordeeld):
            continue
        mogelijk.append(actie)
    return mogelijk


# --- the actions -------------------------------------------------------------------------


def stuur_naar_review(brief: Reactiebrief | int, gebruiker: Gebruiker) -> Reactiebrief:
    """concept → ter review, starting review round n + 1. Refused (BriefOnvolledig, with
    ``ontbrekend``) while any recommendation lacks a response with a stance, and
    (GeenOndertekenaars) when nobody signs."""
    with transaction.atomic():
        huidig = vergrendel_brief(brief, bewerken=False)
        _controleer(huidig, Actie.NAAR_REVIEW, gebruiker)
        ontbrekend = ontbrekende_reacties(huidig)
        if ontbrekend:
            raise BriefOnvolledig(ontbrekend)
        if not ondertekenende_ministeries(huidig):
            raise GeenOndertekenaars(
                "De brief heeft nog geen ondertekenaars; zonder ondertekenend ministerie kan "
                "niemand hem goedkeuren."
            )
        ronde = huidig.review_ronde + 1
        Reactiebrief.objects.filter(pk=huidig.pk).update(status=TER_REVIEW, review_ronde=ronde)
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=STATUS,
            omschrijving=f"Naar review gestuurd (ronde {ronde})",
            onderdeel=huidig,
        )
    return Reactiebrief.objects.get(pk=huidig.pk)


def keur_goed(brief: Reactiebrief | int, gebruiker: Gebruiker, opmerking: str = "") -> Reactiebrief:
    """Approve for the user's ministry. When that was the last signing ministry to approve
    in this round, the letter is vastgesteld and its PDF stored (``Vastlegging``)."""
    from reacties.brief.pdf import laad_brief, maak_pdf  # WeasyPrint only when needed

    with transaction.atomic():
        huidig = vergrendel_brief(brief, bewerken=False)
        _controleer(huidig, Actie.GOEDKEUREN, gebruiker)
        ministerie = _beoordelend_ministerie(huidig, gebruiker)
        Goedkeuring.objects.create(
            brief=huidig,
            ronde=huidig.review_ronde,
            ministerie=ministerie,
            gebruiker=gebruiker,
            besluit=Besluit.GOEDGEKEURD,
            opmerking=(opmerking or "").strip(),
        )
        goedgekeurd = set(
            Goedkeuring.objects.filter(
                brief=huidig, ronde=huidig.review_ronde, besluit=Besluit.GOEDGEKEURD
            ).values_list("ministerie_id", flat=True)
        )
        wachtend = [m for m in ondertekenende_ministeries(huidig) if m.pk not in goedgekeurd]
        omschrijving = f"Goedgekeurd voor {ministerie.afkorting} (ronde {huidig.review_ronde})"
        if wachtend:
            omschrijving += "; wacht nog op " + ", ".join(m.afkorting for m in wachtend)
        else:
            Reactiebrief.objects.filter(pk=huidig.pk).update(status=VASTGESTELD)
            # Rendered inside the transaction: exactly the content that was approved.
            inhoud = maak_pdf(laad_brief(huidig.pk)).inhoud
            sha256 = hashlib.sha256(inhoud).hexdigest()
            Vastlegging.objects.create(brief=huidig, pdf=inhoud, sha256=sha256, gebruiker=gebruiker)
            omschrijving += f"; vastgesteld, pdf vastgelegd (SHA-256 {sha256[:12]}…)"
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=STATUS,
            omschrijving=omschrijving,
            onderdeel=huidig,
        )
    return Reactiebrief.objects.get(pk=huidig.pk)


def stuur_terug(brief: Reactiebrief | int, gebruiker: Gebruiker, opmerking: str) -> Reactiebrief:
    """Send back to concept for the user's ministry, with a required comment; the round
    ends (the next review is a new round, in which every ministry approves again)."""
    opmerking = (opmerking or "").strip()
    with transaction.atomic():
        huidig = vergrendel_brief(brief, bewerken=False)
        _controleer(huidig, Actie.TERUGSTUREN, gebruiker)
        ministerie = _beoordelend_ministerie(huidig, gebruiker)
        if not opmerking:
            raise OpmerkingVerplicht(
                "Schrijf bij het terugsturen op wat er moet veranderen; de opmerking is verplicht."
            )
        Goedkeuring.objects.create(
            brief=huidig,
            ronde=huidig.review_ronde,
            ministerie=ministerie,
            gebruiker=gebruiker,
            besluit=Besluit.TERUGGESTUURD,
            opmerking=opmerking,
        )
        Reactiebrief.objects.filter(pk=huidig.pk).update(status=CONCEPT)
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=STATUS,
            omschrijving=f"Teruggestuurd door {ministerie.afkorting}: {opmerking}",
            onderdeel=huidig,
        )
    return Reactiebrief.objects.get(pk=huidig.pk)


def verzend(brief: Reactiebrief | int, gebruiker: Gebruiker) -> Reactiebrief:
    """vastgesteld → verzonden. The stored PDF stays what it is."""
    with transaction.atomic():
        huidig = vergrendel_brief(brief, bewerken=False)
        _controleer(huidig, Actie.VERZENDEN, gebruiker)
        Reactiebrief.objects.filter(pk=huidig.pk).update(status=VERZONDEN)
        leg_vast(
            huidig.pk, gebruiker=gebruiker, soort=STATUS, omschrijving="Verzonden", onderdeel=huidig
        )
    return Reactiebrief.objects.get(pk=huidig.pk)


def nieuwe_versie(brief: Reactiebrief | int, gebruiker: Gebruiker) -> Reactiebrief:
    """A new version of a frozen letter: versie + 1, in concept, with a full copy of its
    content (sections, responses with their recommendations, organisations, programme links
    and commitments, footnotes, signatories, the programmes the letter names).

    The kenmerk is left empty (the database keeps kenmerken unique; the new letter gets its
    own); the status, review round and revisions start afresh. Refused when a newer
    version of the report's letter already exists.
    """
    with transaction.atomic():
        huidig = vergrendel_brief(brief, bewerken=False)
        _controleer(huidig, Actie.NIEUWE_VERSIE, gebruiker)
        nieuwer = (
            Reactiebrief.objects.filter(advies_id=huidig.advies_id, versie__gt=huidig.versie)
            .order_by("-versie")
            .first()
        )
        if nieuwer is not None:
            raise NieuwereVersieBestaat(
                f"Van deze brief bestaat al een nieuwere versie (versie {nieuwer.versie}); "
                "werk daarin verder."
            )
        kopie = kopieer_brief(huidig, versie=huidig.versie + 1)
        leg_vast(
            kopie.pk,
            gebruiker=gebruiker,
            soort=Wijzigingsoort.AANGEMAAKT,
            omschrijving=f"Versie {kopie.versie} gemaakt als kopie van versie {huidig.versie}",
            onderdeel=kopie,
        )
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=STATUS,
            omschrijving=f"Nieuwe versie {kopie.versie} van deze brief gemaakt",
            onderdeel=huidig,
        )
    return kopie


def kopieer_brief(brief: Reactiebrief, *, versie: int) -> Reactiebrief:
    """A copy of ``brief`` and everything in it as version ``versie`` in concept (no kenmerk).
    Call inside a transaction."""
    velden = ("titel", "onderwerp", "datum", "uw_kenmerk", "bijlagen", "geadresseerde")
    kopie = Reactiebrief.objects.create(
        advies_id=brief.advies_id,
        versie=versie,
        status=CONCEPT,
        kenmerk="",
        opening=brief.opening,
        slot=brief.slot,
        **{veld: getattr(brief, veld) for veld in velden},
    )
    Ondertekenaar.objects.bulk_create(
        Ondertekenaar(brief=kopie, ambtsdrager_id=o.ambtsdrager_id, volgorde=o.volgorde)
        for o in brief.ondertekening.order_by("volgorde")
    )
    Briefprogramma.objects.bulk_create(
        Briefprogramma(
            brief=kopie,
            programma_id=v.programma_id,
            onderdeel_id=v.onderdeel_id,
            volgorde=v.volgorde,
        )
        for v in brief.programmaverwijzingen.order_by("volgorde")
    )
    Voetnoot.objects.bulk_create(
        Voetnoot(brief=kopie, nummer=v.nummer, tekst=v.tekst)
        for v in brief.voetnoten.order_by("nummer")
    )
    reacties = Reactie.objects.order_by("volgorde").prefetch_related(
        "aanbevelingen",
        "organisaties",
        "koppelingen",
        Prefetch("toezeggingen", queryset=Toezegging.objects.order_by("volgorde")),
    )
    Aanbevelingen = Reactie.aanbevelingen.through
    Organisaties = Reactie.organisaties.through
    rijen: dict[type, list] = {
        Aanbevelingen: [],
        Organisaties: [],
        Programmakoppeling: [],
        Toezegging: [],
    }
    for sectie in brief.secties.order_by("volgorde").prefetch_related(
        Prefetch("reacties", queryset=reacties)
    ):
        nieuwe_sectie = Sectie.objects.create(
            brief=kopie, volgorde=sectie.volgorde, kop=sectie.kop, tekst=sectie.tekst
        )
        for reactie in sectie.reacties.all():
            nieuw = Reactie.objects.create(
                sectie=nieuwe_sectie,
                volgorde=reactie.volgorde,
                tekst=reactie.tekst,
                standpunt=reactie.standpunt,
                citeer_aanbevelingen=reactie.citeer_aanbevelingen,
            )
            rijen[Aanbevelingen] += [
                Aanbevelingen(reactie=nieuw, aanbeveling_id=a.pk)
                for a in reactie.aanbevelingen.all()
            ]
            rijen[Organisaties] += [
                Organisaties(reactie=nieuw, organisatie_id=o.pk) for o in reactie.organisaties.all()
            ]
            rijen[Programmakoppeling] += [
                Programmakoppeling(
                    reactie=nieuw,
                    programma_id=k.programma_id,
                    onderdeel_id=k.onderdeel_id,
                    soort=k.soort,
                )
                for k in reactie.koppelingen.all()
            ]
            rijen[Toezegging] += [
                Toezegging(
                    reactie=nieuw,
                    volgorde=t.volgorde,
                    tekst=t.tekst,
                    ambtsdrager_id=t.ambtsdrager_id,
                    organisatie_id=t.organisatie_id,
                    programma_id=t.programma_id,
                    deadline_datum=t.deadline_datum,
                    deadline_jaar=t.deadline_jaar,
                    status=t.status,
                )
                for t in reactie.toezeggingen.all()
            ]
    for model, lijst in rijen.items():
        model.objects.bulk_create(lijst)
    return kopie
