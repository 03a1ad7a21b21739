"""A letter's history: its versions, the differences between any two, one version as it
stood, and restoring a response from an earlier version.

Reading is for every role that may read letters (``toegang.brief_voor_lezer``); restoring
needs the right to change letters and a letter in concept (``toegang.brief_voor_redacteur``,
and ``geschiedenis.herstel_reactie`` checks it all again). Every page runs a fixed number
of queries: what is shown comes from the JSON snapshots, never from a query per item.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from reacties.fouten import (
    BestaatNiet,
    Bewerkingsconflict,
    Bewerkingsfout,
    BriefNietBewerkbaar,
    NietToegestaan,
)
from reacties.geschiedenis import herstel_reactie, reactie_in_versie, versie_van, versies
from reacties.geschiedenis_weergave import (
    conflict_weergave,
    huidige_reacties,
    reactielabel,
    verschil_weergave,
    versie_weergave,
)
from reacties.models import Briefversie, Reactiebrief
from reacties.services import controleer_bewerkbaar
from reacties.toegang import brief_voor_lezer, brief_voor_redacteur

PER_PAGINA = 50


class VerschilFormulier(forms.Form):
    van = forms.IntegerField(label="Oudere versie", min_value=1, required=False)
    tot = forms.IntegerField(label="Nieuwere versie", min_value=1, required=False)


class HerstelFormulier(forms.Form):
    reactie = forms.IntegerField(min_value=1)
    revisie = forms.IntegerField(min_value=1)


def _laatste_nummer(brief: Reactiebrief) -> int | None:
    return Briefversie.objects.filter(brief=brief).aggregate(n=Max("nummer"))["n"]


@require_GET
@login_required
def geschiedenis(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version of the letter, newest first, with a form to compare any two."""
    brief = brief_voor_lezer(request.user, pk)
    lijst = versies(brief).defer("inhoud").order_by("-nummer")
    pagina = Paginator(lijst, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = list(pagina.object_list)
    return render(
        request,
        "brieven/geschiedenis.html",
        {
            "brief": brief,
            "pagina": pagina,
            "versies": rijen,
            "standaard_tot": rijen[0].nummer if rijen else None,
            "standaard_van": rijen[1].nummer if len(rijen) > 1 else None,
        },
    )


@require_GET
@login_required
def verschil(request: HttpRequest, pk: int) -> HttpResponse:
    """The differences between versions ``van`` and ``tot`` (GET); by default the latest
    version against the one before."""
    brief = brief_voor_lezer(request.user, pk)
    formulier = VerschilFormulier(request.GET)
    context = {"brief": brief, "formulier": formulier}
    if not formulier.is_valid():
        return render(request, "brieven/verschil.html", context, status=400)
    laatste = _laatste_nummer(brief)
    context["laatste"] = laatste
    if laatste is None:
        return render(request, "brieven/verschil.html", context)
    van, tot = formulier.cleaned_data["van"], formulier.cleaned_data["tot"] or laatste
    if van is None:
        # The version before ``tot``: the one with the highest number below it.
        gevonden = list(versies(brief).filter(nummer__lte=tot).order_by("-nummer")[:2])
        if not gevonden or gevonden[0].nummer != tot:
            raise Http404(f"Deze brief heeft geen versie {tot}.")
        nieuw, oud = gevonden[0], gevonden[-1]
    else:
        gevonden = {v.nummer: v for v in versies(brief).filter(nummer__in={van, tot})}
        for nummer in (van, tot):
            if nummer not in gevonden:
                raise Http404(f"Deze brief heeft geen versie {nummer}.")
        oud, nieuw = sorted((gevonden[van], gevonden[tot]), key=lambda v: v.nummer)
    context.update(
        oud=oud,
        nieuw=nieuw,
        weergave=verschil_weergave(oud, nieuw) if oud.nummer != nieuw.nummer else None,
        opeenvolgend=nieuw.nummer == oud.nummer + 1,
    )
    return render(request, "brieven/verschil.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def versie(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    """One version as it stood (GET); a POST restores one of its responses."""
    if request.method == "POST":
        return _herstel(request, pk, nummer)
    return _toon_versie(request, brief_voor_lezer(request.user, pk), nummer)


def _versie_of_404(brief: Reactiebrief, nummer: int) -> Briefversie:
    try:
        return versie_van(brief, nummer)
    except BestaatNiet as fout:
        raise Http404(fout.melding) from None


def _toon_versie(
    request: HttpRequest,
    brief: Reactiebrief,
    nummer: int,
    *,
    status: int = 200,
    fout: str | None = None,
    conflict: Bewerkingsconflict | None = None,
    conflict_reactie: int | None = None,
) -> HttpResponse:
    briefversie = _versie_of_404(brief, nummer)
    mag_wijzigen = request.user.has_perm("reacties.change_reactiebrief") and request.user.has_perm(
        "reacties.change_reactie"
    )
    niet_bewerkbaar = None
    try:
        controleer_bewerkbaar(brief)
    except BriefNietBewerkbaar as reden:
        niet_bewerkbaar = reden.melding
    huidig = huidige_reacties(brief)
    return render(
        request,
        "brieven/versie.html",
        {
            "brief": brief,
            "versie": briefversie,
            "laatste": _laatste_nummer(brief),
            "weergave": versie_weergave(briefversie, huidig),
            "mag_wijzigen": mag_wijzigen,
            "kan_herstellen": mag_wijzigen and niet_bewerkbaar is None,
            "niet_bewerkbaar": niet_bewerkbaar,
            "fout": fout,
            "conflict": (
                conflict_weergave(conflict, conflict_reactie, briefversie)
                if conflict is not None and conflict_reactie is not None
                else None
            ),
        },
        status=status,
    )


def _herstel(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    try:
        brief = brief_voor_redacteur(request.user, pk)  # 404, or 403 without the right
    except BriefNietBewerkbaar as fout:
        brief = brief_voor_lezer(request.user, pk)
        return _toon_versie(request, brief, nummer, status=fout.http_status, fout=fout.melding)
    briefversie = _versie_of_404(brief, nummer)
    formulier = HerstelFormulier(request.POST)
    if not formulier.is_valid():
        return _toon_versie(
            request,
            brief,
            nummer,
            status=400,
            fout="Het verzoek om terug te zetten was onvolledig. Laad de pagina opnieuw.",
        )
    reactie_id, revisie = formulier.cleaned_data["reactie"], formulier.cleaned_data["revisie"]
    try:
        reactie = herstel_reactie(reactie_id, briefversie, request.user, revisie)
    except NietToegestaan:
        raise  # a PermissionDenied: 403
    except Bewerkingsconflict as conflict:
        return _toon_versie(
            request, brief, nummer, status=409, conflict=conflict, conflict_reactie=reactie_id
        )
    except Bewerkingsfout as fout:
        return _toon_versie(request, brief, nummer, status=fout.http_status, fout=fout.melding)
    label = reactielabel(reactie_in_versie(briefversie, reactie_id))
    if reactie.revisie == revisie:
        messages.info(
            request,
            f"De {label[0].lower()}{label[1:]} had de tekst uit versie {nummer} al; "
            "er is niets gewijzigd.",
        )
    else:
        messages.success(
            request,
            f"De {label[0].lower()}{label[1:]} is teruggezet naar de tekst en het standpunt "
            f"uit versie {nummer}. Dat is vastgelegd als nieuwe versie van de brief.",
        )
    return redirect("reacties:geschiedenis", pk=pk)
