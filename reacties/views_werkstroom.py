"""The letter's workflow on its page: the panel, the action URLs and the completeness page.

The action views are thin: they check that the user may read the letter and holds the
action's right (``workflow.RECHTEN``, the same table the workflow checks), call the workflow
function, and redirect with a message. A refusal (``Workflowfout``) shows the letter page
again with its Dutch ``melding`` and its status (403 no right, 409 not now, 400 comment
missing); ``BriefOnvolledig`` sends the user to the completeness page instead, which lists
the recommendations still without a response. The workflow functions check everything
again, inside their transaction, whatever the page showed.

    POST /brieven/<pk>/naar-review/     Actie.NAAR_REVIEW     reacties:naar_review
    POST /brieven/<pk>/goedkeuren/      Actie.GOEDKEUREN      reacties:goedkeuren
    POST /brieven/<pk>/terugsturen/     Actie.TERUGSTUREN     reacties:terugsturen
    POST /brieven/<pk>/verzenden/       Actie.VERZENDEN       reacties:verzenden
    POST /brieven/<pk>/nieuwe-versie/   Actie.NIEUWE_VERSIE   reacties:nieuwe_versie
    GET  /brieven/<pk>/volledigheid/                          reacties:volledigheid
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from reacties import workflow
from reacties.brief.samenstelling import stel_samen
from reacties.brief.weergave import brief_html
from reacties.fouten import (
    BestaatNiet,
    BriefOnvolledig,
    GeenBevoegdheid,
    OpmerkingVerplicht,
    Workflowfout,
)
from reacties.models import (
    Besluit,
    Briefstatus,
    Goedkeuring,
    Reactiebrief,
    Vastlegging,
)
from reacties.services import ontbrekende_reacties
from reacties.toegang import brief_voor_lezer
from reacties.workflow import RECHTEN, Actie

if TYPE_CHECKING:
    from advies.models import Aanbeveling
    from programmas.models import Ministerie


# --- the panel on the letter page ----------------------------------------------------------


@dataclass(frozen=True)
class Beoordeling:
    """One signing ministry in the current review round: its decision, or None (nog niet)."""

    ministerie: Ministerie
    besluit: Goedkeuring | None


def editor_url(brief_pk: int, aanbeveling_pk: int | None = None) -> str:
    """The editor of the letter, at the response to one recommendation when given (the
    editor marks each recommendation's place with the id ``aanbeveling-<pk>``)."""
    try:
        url = reverse("reacties:bewerken", args=[brief_pk])
    except NoReverseMatch:  # the editor's URL is not in the urlconf (yet)
        url = f"/brieven/{brief_pk}/bewerken/"
    return f"{url}#aanbeveling-{aanbeveling_pk}" if aanbeveling_pk is not None else url


def paneel(brief: Reactiebrief, gebruiker: Any, fout: Workflowfout | None = None) -> dict:
    """Everything the workflow panel (``brieven/_werkstroom.html``) shows for ``gebruiker``.

    ``acties`` comes from ``workflow.toegestane_acties``: the panel offers exactly the
    buttons the workflow would accept now (the action views check again).
    """
    acties = set(workflow.toegestane_acties(brief, gebruiker))
    ronde = brief.review_ronde
    beoordelingen: list[Beoordeling] = []
    if ronde:
        besluiten = {
            g.ministerie_id: g
            for g in Goedkeuring.objects.filter(brief=brief, ronde=ronde).select_related(
                "gebruiker"
            )
        }
        beoordelingen = [
            Beoordeling(m, besluiten.get(m.pk)) for m in workflow.ondertekenende_ministeries(brief)
        ]
    teruggestuurd = (
        Goedkeuring.objects.filter(brief=brief, besluit=Besluit.TERUGGESTUURD)
        .select_related("gebruiker", "ministerie")
        .order_by("-ronde", "-tijdstip")
        .first()
    )
    vastlegging = (
        Vastlegging.objects.filter(brief=brief).defer("pdf").select_related("gebruiker").first()
        if brief.is_bevroren
        else None
    )
    concept = brief.status == Briefstatus.CONCEPT
    ontbrekend = ontbrekende_reacties(brief) if concept else []
    nieuwere = None
    if Actie.NIEUWE_VERSIE in acties:
        nieuwere = (
            Reactiebrief.objects.filter(advies_id=brief.advies_id, versie__gt=brief.versie)
            .order_by("-versie")
            .only("pk", "versie")
            .first()
        )
    wachtend = [b.ministerie for b in beoordelingen if b.besluit is None]
    mijn_ministerie = workflow.ministerie_van(gebruiker) if Actie.GOEDKEUREN in acties else None
    return {
        "brief": brief,
        "acties": acties,
        "ronde": ronde,
        "ronde_loopt": brief.status == Briefstatus.TER_REVIEW,
        "beoordelingen": beoordelingen,
        "teruggestuurd": teruggestuurd,
        "vastlegging": vastlegging,
        "concept": concept,
        "aantal_ontbrekend": len(ontbrekend),
        "nieuwere": nieuwere,
        "mijn_ministerie": mijn_ministerie,
        # Approving now would make this user's ministry the last one: the letter is then
        # vastgesteld and its PDF stored.
        "stelt_vast": mijn_ministerie is not None
        and [m.pk for m in wachtend] == [mijn_ministerie.pk],
        "opmerking_fout": fout.melding if isinstance(fout, OpmerkingVerplicht) else "",
        "Actie": {a.name: a.value for a in Actie},
    }


# --- the actions ---------------------------------------------------------------------------


def _toon_brief(request: HttpRequest, pk: int, fout: Workflowfout) -> HttpResponse:
    """The letter page again, with the refusal as message and as status code."""
    brief = brief_voor_lezer(request.user, pk)
    html = brief_html(stel_samen(brief), modus="scherm")
    context = {"brief": brief, "brief_html": mark_safe(html), "werkstroomfout": fout}
    return render(request, "brieven/brief.html", context, status=fout.http_status)


def _voer_uit(
    request: HttpRequest,
    pk: int,
    actie: str,
    uitvoeren: Callable[[Reactiebrief], tuple[str, str]],
) -> HttpResponse:
    """Check reading and the action's right, run ``uitvoeren`` (which returns the success
    message and the URL to go to), and turn refusals into pages."""
    brief = brief_voor_lezer(request.user, pk)  # 404 / 403 for the letter itself
    try:
        if not request.user.has_perm(RECHTEN[actie]):
            # The same right the workflow checks, but before the status: the role decides.
            raise GeenBevoegdheid(f"U hebt geen recht om brieven te {Actie(actie).label}.")
        melding, doel = uitvoeren(brief)
    except BriefOnvolledig as fout:
        messages.error(request, fout.melding)
        return redirect("reacties:volledigheid", pk=brief.pk)
    except Workflowfout as fout:
        messages.error(request, fout.melding)
        return _toon_brief(request, brief.pk, fout)
    except BestaatNiet as fout:  # deleted between the page and the click
        raise Http404(fout.melding) from None
    messages.success(request, melding)
    return redirect(doel)


@require_POST
@login_required
def naar_review(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(brief: Reactiebrief) -> tuple[str, str]:
        nu = workflow.stuur_naar_review(brief, request.user)
        namen = ", ".join(m.afkorting for m in workflow.ondertekenende_ministeries(nu))
        return (
            f"De brief is naar review gestuurd (reviewronde {nu.review_ronde}). "
            f"Elk ondertekenend ministerie keurt hem goed: {namen}.",
            reverse("reacties:brief", args=[nu.pk]),
        )

    return _voer_uit(request, pk, Actie.NAAR_REVIEW, uitvoeren)


@require_POST
@login_required
def goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(brief: Reactiebrief) -> tuple[str, str]:
        nu = workflow.keur_goed(brief, request.user, request.POST.get("opmerking", ""))
        ministerie = workflow.ministerie_van(request.user)
        afkorting = ministerie.afkorting if ministerie else ""
        if nu.status == Briefstatus.VASTGESTELD:
            melding = (
                f"Goedgekeurd voor {afkorting}. Alle ondertekenende ministeries hebben "
                "goedgekeurd: de brief is vastgesteld en de pdf is vastgelegd."
            )
        else:
            goedgekeurd = set(
                Goedkeuring.objects.filter(
                    brief=nu, ronde=nu.review_ronde, besluit=Besluit.GOEDGEKEURD
                ).values_list("ministerie_id", flat=True)
            )
            wachtend = ", ".join(
                m.afkorting
                for m in workflow.ondertekenende_ministeries(nu)
                if m.pk not in goedgekeurd
            )
            melding = f"Goedgekeurd voor {afkorting}. De brief wacht nog op {wachtend}."
        return melding, reverse("reacties:brief", args=[nu.pk])

    return _voer_uit(request, pk, Actie.GOEDKEUREN, uitvoeren)


@require_POST
@login_required
def terugsturen(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(brief: Reactiebrief) -> tuple[str, str]:
        nu = workflow.stuur_terug(brief, request.user, request.POST.get("opmerking", ""))
        return (
            "De brief is teruggestuurd naar concept, met uw opmerking. De reviewronde is "
            "beëindigd; na aanpassing gaat hij opnieuw naar review.",
            reverse("reacties:brief", args=[nu.pk]),
        )

    return _voer_uit(request, pk, Actie.TERUGSTUREN, uitvoeren)


@require_POST
@login_required
def verzenden(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(brief: Reactiebrief) -> tuple[str, str]:
        nu = workflow.verzend(brief, request.user)
        return "De brief is als verzonden gemarkeerd.", reverse("reacties:brief", args=[nu.pk])

    return _voer_uit(request, pk, Actie.VERZENDEN, uitvoeren)


@require_POST
@login_required
def nieuwe_versie(request: HttpRequest, pk: int) -> HttpResponse:
    def uitvoeren(brief: Reactiebrief) -> tuple[str, str]:
        kopie = workflow.nieuwe_versie(brief, request.user)
        return (
            f"Versie {kopie.versie} van de brief is gemaakt, in concept. Versie "
            f"{brief.versie} blijft zoals hij is vastgelegd.",
            reverse("reacties:brief", args=[kopie.pk]),
        )

    return _voer_uit(request, pk, Actie.NIEUWE_VERSIE, uitvoeren)


# --- completeness --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ontbrekend:
    aanbeveling: Aanbeveling
    in_editor: str
    detail: str


@require_GET
@login_required
def volledigheid(request: HttpRequest, pk: int) -> HttpResponse:
    """The recommendations of the report that the letter does not answer yet with a
    response with a stance, each with a link to its place in the editor and to its page."""
    brief = brief_voor_lezer(request.user, pk)
    ontbrekend = [
        Ontbrekend(
            a,
            editor_url(brief.pk, a.pk),
            reverse("advies:aanbeveling", args=[a.pk]),
        )
        for a in ontbrekende_reacties(brief)
    ]
    return render(
        request,
        "brieven/volledigheid.html",
        {
            "brief": brief,
            "ontbrekend": ontbrekend,
            # The editor is only offered to who may use it, on a letter that can change.
            "kan_bewerken": brief.status == Briefstatus.CONCEPT
            and request.user.has_perm("reacties.change_reactiebrief"),
        },
    )
