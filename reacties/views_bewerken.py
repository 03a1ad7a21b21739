"""The letter editor: one page (``bewerken``) and a small action view per kind of change.

Every action is a plain form POST that calls a service in ``reacties.services`` and then
redirects back to the item in the editor (``/brieven/<id>/bewerken/#reactie-<rid>``) with a
message (post/redirect/get). When the service refuses:

- invalid input (the form's or the service's ``Ongeldig``): the editor again with the
  form as sent and its errors (400);
- someone else saved first (``Bewerkingsconflict``): the editor again with both versions
  side by side (409); nothing was written;
- the letter is not in concept (checked before the form is read, and again by the
  service under the letter's lock), or another refusal: the editor, read-only when the
  letter is not in concept, with the message and the refusal's status (403/409).

Access: every view needs the right to change responses (Redacteur, Coördinator,
Beheerder); without it 403, on GET and POST alike. The services check the user's rights
and the letter's status again on every write. A GET of an action URL leads to the editor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from adviesmonitor.richtext import footnote_numbers, sanitize
from reacties import services
from reacties.bewerkpagina import (
    ANKER_BRIEF,
    ANKER_NIEUWE_REACTIE,
    ANKER_NIEUWE_SECTIE,
    ANKER_VOETNOTEN,
    PREFIX_BRIEF,
    PREFIX_NIEUWE_REACTIE,
    PREFIX_NIEUWE_SECTIE,
    PREFIX_NIEUWE_VOETNOOT,
    Conflict,
    Formulier,
    anker_reactie,
    anker_sectie,
    anker_toezegging,
    anker_voetnoot,
    bouw_pagina,
    brief_voor_editor,
    maak_conflict,
    prefix_koppelingen,
    prefix_koppelingen_revisie,
    prefix_nieuwe_toezegging,
    prefix_reactie,
    prefix_sectie,
    prefix_sjabloon,
    prefix_toezegging,
    prefix_voetnoot,
)
from reacties.forms import (
    BestaandeToezeggingForm,
    BriefForm,
    KoppelingFormset,
    NieuweReactieForm,
    NieuweSectieForm,
    NieuweVoetnootForm,
    ReactieForm,
    Revisieformulier,
    SectieForm,
    SjabloonKeuzeForm,
    ToezeggingForm,
    VoetnootForm,
    nieuwe_voetnoten,
)
from reacties.fouten import (
    BestaatNiet,
    Bewerkingsconflict,
    Bewerkingsfout,
    BriefNietBewerkbaar,
    Ongeldig,
)
from reacties.models import Reactie, Reactiebrief, Sectie, Toezegging, Voetnoot

EDITOR = "brieven/bewerken.html"
EDITORRECHT = "reacties.change_reactie"

Actie = Callable[[], str]


def _vereis_editorrecht(request: HttpRequest) -> None:
    if not request.user.has_perm(EDITORRECHT):
        raise PermissionDenied("U mag reactiebrieven niet bewerken.")


def _editor_url(pk: int, anker: str = "") -> str:
    url = reverse("reacties:bewerken", args=[pk])
    return f"{url}#{anker}" if anker else url


def _hoort_bij(model: type[Model], **filters: object) -> None:
    """404 unless the item exists in this letter: ids in a URL are never trusted."""
    if not model.objects.filter(**filters).exists():
        raise Http404("Dit onderdeel hoort niet (meer) bij deze brief.")


def _toon(
    request: HttpRequest,
    pk: int,
    *,
    fouten: Mapping[str, Formulier] | None = None,
    conflict: Conflict | None = None,
    status: int = 200,
) -> HttpResponse:
    brief = get_object_or_404(brief_voor_editor(), pk=pk)
    nieuw = [int(n) for n in request.GET.getlist("nieuw") if n.isdigit()]
    pagina = bouw_pagina(brief, fouten=fouten, conflict=conflict, nieuw=nieuw)
    return render(request, EDITOR, {"brief": brief, "pagina": pagina}, status=status)


def _verwerk(
    request: HttpRequest,
    pk: int,
    *,
    formulieren: Mapping[str, Formulier],
    anker: str,
    doe: Actie,
    slot: tuple[str, Callable[[Bewerkingsconflict], str]] | None = None,
    rijke_velden: tuple[str, ...] = ("tekst",),
    toon: tuple[str, ...] | None = None,
) -> HttpResponse:
    """Check the forms, run the action (services only) and answer as the module says.

    ``slot`` names the form's lock field and how to bring it up to date from a conflict,
    for the conflict's "save mine anyway" form.
    """
    geldig = [f.is_valid() for f in formulieren.values()]  # every form: all errors shown
    if not all(geldig):
        return _toon(request, pk, fouten=formulieren, status=400)
    try:
        with transaction.atomic():
            melding = doe()
    except Bewerkingsconflict as fout:
        slotveld, slotwaarde = slot if slot else ("", lambda _: "")
        conflict = maak_conflict(
            fout,
            gestuurd=request.POST,
            slotveld=slotveld,
            slotwaarde=slotwaarde(fout),
            actie_url=request.path,
            anker=anker,
            rijke_velden=rijke_velden,
            toon=toon,
        )
        return _toon(request, pk, conflict=conflict, status=409)
    except Ongeldig as fout:
        eerste = next(iter(formulieren.values()), None)
        if isinstance(eerste, forms.Form):
            eerste.add_error(None, fout.melding)
        else:
            messages.error(request, fout.melding)
        return _toon(request, pk, fouten=formulieren, status=400)
    except Bewerkingsfout as fout:
        # Not in concept (any more), no right, or gone: say so on the editor.
        messages.error(request, fout.melding)
        return _toon(request, pk, status=fout.http_status)
    messages.success(request, melding)
    return redirect(_editor_url(pk, anker))


def _revisie(fout: Bewerkingsconflict) -> str:
    return str(fout.huidige_revisie or "")


def actie(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An action view: logged in, with the editor right, POST to act and GET to the
    editor."""

    @require_http_methods(["GET", "POST"])
    @login_required
    def verpakt(request: HttpRequest, pk: int, **kwargs: object) -> HttpResponse:
        _vereis_editorrecht(request)
        if request.method == "GET":
            return redirect(_editor_url(pk))
        brief = Reactiebrief.objects.filter(pk=pk).only("status").first()
        if brief is None:
            raise Http404("Deze reactiebrief bestaat niet.")
        try:
            # Said before the form is even read; the service checks again under its lock.
            services.controleer_bewerkbaar(brief)
        except BriefNietBewerkbaar as fout:
            messages.error(request, fout.melding)
            return _toon(request, pk, status=fout.http_status)
        return view(request, pk, **kwargs)

    verpakt.__name__ = view.__name__
    verpakt.__doc__ = view.__doc__
    return verpakt


def _leg_nieuwe_voetnoten_vast(request: HttpRequest, pk: int, prefix: str, tekst: str) -> list[int]:
    """Footnotes a saved text newly calls, with the texts typed beside it (the JavaScript
    editor adds those fields): each one the text really calls and the letter lacks."""
    gevraagd = nieuwe_voetnoten(request.POST, prefix)
    aangeroepen = set(footnote_numbers(sanitize(tekst)))
    bestaand = set(
        Voetnoot.objects.filter(brief_id=pk, nummer__in=gevraagd).values_list("nummer", flat=True)
    )
    gemaakt = []
    for nummer, voetnoottekst in gevraagd.items():
        if nummer in aangeroepen and nummer not in bestaand:
            services.voeg_voetnoot_toe(
                pk, nummer=nummer, tekst=voetnoottekst, gebruiker=request.user
            )
            gemaakt.append(nummer)
    return gemaakt


def _met_voetnoten(melding: str, gemaakt: list[int]) -> str:
    if not gemaakt:
        return melding
    nummers = ", ".join(str(n) for n in gemaakt)
    return f"{melding} Voetnoot {nummers} is toegevoegd."


# --- the page ----------------------------------------------------------------------------


@require_GET
@login_required
def bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor; read-only (no forms) with the reason when the letter is not in concept."""
    _vereis_editorrecht(request)
    return _toon(request, pk)


# --- the letter's own fields -------------------------------------------------------------


@actie
def brief_bewaren(request: HttpRequest, pk: int) -> HttpResponse:
    _hoort_bij(Reactiebrief, pk=pk)
    form = BriefForm(request.POST, prefix=PREFIX_BRIEF)

    def doe() -> str:
        d = form.cleaned_data
        services.bewaar_brief(
            pk,
            revisie=d["revisie"],
            gebruiker=request.user,
            **{veld: d[veld] for veld in BriefForm.VELDEN},
        )
        teksten = d["opening"] + d["slot"]
        gemaakt = _leg_nieuwe_voetnoten_vast(request, pk, PREFIX_BRIEF, teksten)
        return _met_voetnoten("De gegevens van de brief zijn opgeslagen.", gemaakt)

    return _verwerk(
        request,
        pk,
        formulieren={PREFIX_BRIEF: form},
        anker=ANKER_BRIEF,
        doe=doe,
        slot=(f"{PREFIX_BRIEF}-revisie", _revisie),
    )


# --- sections ----------------------------------------------------------------------------


@actie
def sectie_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    _hoort_bij(Reactiebrief, pk=pk)
    form = NieuweSectieForm(request.POST, prefix=PREFIX_NIEUWE_SECTIE)
    nieuw: dict[str, int] = {}

    def doe() -> str:
        sectie = services.voeg_sectie_toe(pk, gebruiker=request.user, **form.cleaned_data)
        nieuw["id"] = sectie.pk
        tekst = form.cleaned_data["tekst"]
        gemaakt = _leg_nieuwe_voetnoten_vast(request, pk, PREFIX_NIEUWE_SECTIE, tekst)
        return _met_voetnoten("De sectie is toegevoegd, onderaan de brief.", gemaakt)

    antwoord = _verwerk(
        request, pk, formulieren={PREFIX_NIEUWE_SECTIE: form}, anker=ANKER_NIEUWE_SECTIE, doe=doe
    )
    if "id" in nieuw:
        return redirect(_editor_url(pk, anker_sectie(nieuw["id"])))
    return antwoord


@actie
def sectie_bewaren(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    _hoort_bij(Sectie, pk=sid, brief_id=pk)
    prefix = prefix_sectie(sid)
    form = SectieForm(request.POST, prefix=prefix)

    def doe() -> str:
        d = form.cleaned_data
        services.bewaar_sectie(
            sid, revisie=d["revisie"], gebruiker=request.user, kop=d["kop"], tekst=d["tekst"]
        )
        gemaakt = _leg_nieuwe_voetnoten_vast(request, pk, prefix, d["tekst"])
        return _met_voetnoten("De sectie is opgeslagen.", gemaakt)

    return _verwerk(
        request,
        pk,
        formulieren={prefix: form},
        anker=anker_sectie(sid),
        doe=doe,
        slot=(f"{prefix}-revisie", _revisie),
        toon=("kop", "tekst"),
    )


@actie
def sectie_verplaatsen(request: HttpRequest, pk: int, sid: int, richting: str) -> HttpResponse:
    _hoort_bij(Sectie, pk=sid, brief_id=pk)

    def doe() -> str:
        services.verplaats_sectie(sid, richting, gebruiker=request.user)
        return f"De sectie is een plaats {richting} verplaatst."

    return _verwerk(request, pk, formulieren={}, anker=anker_sectie(sid), doe=doe)


@actie
def sectie_verwijderen(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    _hoort_bij(Sectie, pk=sid, brief_id=pk)
    prefix = prefix_sectie(sid)
    form = Revisieformulier(request.POST, prefix=prefix)

    def doe() -> str:
        services.verwijder_sectie(sid, revisie=form.cleaned_data["revisie"], gebruiker=request.user)
        return "De sectie is verwijderd."

    return _verwerk(
        request,
        pk,
        formulieren={f"{prefix}-verwijderen": form},
        anker=ANKER_NIEUWE_SECTIE,
        doe=doe,
        slot=(f"{prefix}-revisie", _revisie),
        toon=("kop", "tekst"),
    )


# --- responses ---------------------------------------------------------------------------


@actie
def reactie_bewaren(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    _hoort_bij(Reactie, pk=rid, sectie__brief_id=pk)
    prefix = prefix_reactie(rid)
    form = ReactieForm(request.POST, prefix=prefix)

    def doe() -> str:
        d = form.cleaned_data
        services.bewaar_reactie(
            rid,
            revisie=d["revisie"],
            tekst=d["tekst"],
            standpunt=d["standpunt"],
            gebruiker=request.user,
        )
        gemaakt = _leg_nieuwe_voetnoten_vast(request, pk, prefix, d["tekst"])
        return _met_voetnoten("De reactie is opgeslagen.", gemaakt)

    return _verwerk(
        request,
        pk,
        formulieren={prefix: form},
        anker=anker_reactie(rid),
        doe=doe,
        slot=(f"{prefix}-revisie", _revisie),
        toon=("tekst", "standpunt"),
    )


@actie
def reactie_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    _hoort_bij(Reactiebrief, pk=pk)
    form = NieuweReactieForm(request.POST, prefix=PREFIX_NIEUWE_REACTIE)
    nieuw: dict[str, int] = {}

    def doe() -> str:
        d = form.cleaned_data
        if not Sectie.objects.filter(pk=d["sectie"], brief_id=pk).exists():
            raise Ongeldig("Kies een sectie van deze brief.")
        reactie = services.voeg_reactie_toe(
            d["sectie"],
            aanbevelingen=d["aanbevelingen"],
            tekst=d["tekst"],
            standpunt=d["standpunt"],
            gebruiker=request.user,
        )
        nieuw["id"] = reactie.pk
        gemaakt = _leg_nieuwe_voetnoten_vast(request, pk, PREFIX_NIEUWE_REACTIE, d["tekst"])
        return _met_voetnoten("De reactie is toegevoegd.", gemaakt)

    antwoord = _verwerk(
        request,
        pk,
        formulieren={PREFIX_NIEUWE_REACTIE: form},
        anker=ANKER_NIEUWE_REACTIE,
        doe=doe,
    )
    if "id" in nieuw and antwoord.status_code == 302:
        return redirect(_editor_url(pk, anker_reactie(nieuw["id"])))
    return antwoord


@actie
def reactie_uit_sjabloon(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    _hoort_bij(Reactie, pk=rid, sectie__brief_id=pk)
    prefix = prefix_sjabloon(rid)
    form = SjabloonKeuzeForm(request.POST, prefix=prefix)

    def doe() -> str:
        d = form.cleaned_data
        services.reactie_uit_sjabloon(rid, d["sjabloon"], request.user, d["revisie"])
        return "De reactie begint nu met de tekst van het sjabloon."

    return _verwerk(
        request,
        pk,
        formulieren={prefix: form},
        anker=anker_reactie(rid),
        doe=doe,
        slot=(f"{prefix}-revisie", _revisie),
        toon=("tekst", "standpunt"),
    )


@actie
def koppelingen_bewaren(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    _hoort_bij(Reactie, pk=rid, sectie__brief_id=pk)
    revisie = Revisieformulier(request.POST, prefix=prefix_koppelingen_revisie(rid))
    rijen = KoppelingFormset(request.POST, prefix=prefix_koppelingen(rid))

    def doe() -> str:
        koppelingen = [rij.koppeling for rij in rijen.forms if rij.koppeling is not None]
        services.zet_programmakoppelingen(
            rid, koppelingen, revisie=revisie.cleaned_data["revisie"], gebruiker=request.user
        )
        return "De programmakoppelingen zijn opgeslagen."

    return _verwerk(
        request,
        pk,
        formulieren={prefix_koppelingen_revisie(rid): revisie, prefix_koppelingen(rid): rijen},
        anker=f"koppelingen-{rid}",
        doe=doe,
        slot=(f"{prefix_koppelingen_revisie(rid)}-revisie", _revisie),
        toon=("koppelingen",),
    )


# --- commitments -------------------------------------------------------------------------


@actie
def toezegging_toevoegen(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    _hoort_bij(Reactie, pk=rid, sectie__brief_id=pk)
    prefix = prefix_nieuwe_toezegging(rid)
    form = ToezeggingForm(request.POST, prefix=prefix)
    nieuw: dict[str, int] = {}

    def doe() -> str:
        velden = form.velden()
        tekst = velden.pop("tekst")
        toezegging = services.voeg_toezegging_toe(
            rid, gebruiker=request.user, tekst=tekst, **velden
        )
        nieuw["id"] = toezegging.pk
        return "De toezegging is toegevoegd."

    antwoord = _verwerk(request, pk, formulieren={prefix: form}, anker=f"form-{prefix}", doe=doe)
    if "id" in nieuw and antwoord.status_code == 302:
        return redirect(_editor_url(pk, anker_toezegging(nieuw["id"])))
    return antwoord


@actie
def toezegging_bewaren(request: HttpRequest, pk: int, rid: int, tid: int) -> HttpResponse:
    """Save a commitment, or remove it (the button ``actie=verwijderen``)."""
    _hoort_bij(Toezegging, pk=tid, reactie_id=rid, reactie__sectie__brief_id=pk)
    prefix = prefix_toezegging(tid)
    verwijderen = request.POST.get("actie") == "verwijderen"
    form = (
        Revisieformulier(request.POST, prefix=prefix)
        if verwijderen
        else BestaandeToezeggingForm(request.POST, prefix=prefix)
    )

    def doe() -> str:
        revisie = form.cleaned_data["revisie"]
        if verwijderen:
            services.verwijder_toezegging(tid, revisie=revisie, gebruiker=request.user)
            return "De toezegging is verwijderd."
        services.bewaar_toezegging(tid, revisie=revisie, gebruiker=request.user, **form.velden())
        return "De toezegging is opgeslagen."

    return _verwerk(
        request,
        pk,
        formulieren={prefix: form},
        anker=f"toezeggingen-{rid}" if verwijderen else anker_toezegging(tid),
        doe=doe,
        slot=(f"{prefix}-revisie", _revisie),
        rijke_velden=(),
    )


# --- footnotes ---------------------------------------------------------------------------


@actie
def voetnoot_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    _hoort_bij(Reactiebrief, pk=pk)
    form = NieuweVoetnootForm(request.POST, prefix=PREFIX_NIEUWE_VOETNOOT)
    nieuw: dict[str, int] = {}

    def doe() -> str:
        d = form.cleaned_data
        voetnoot = services.voeg_voetnoot_toe(
            pk, nummer=d["nummer"], tekst=d["tekst"], gebruiker=request.user
        )
        nieuw["nummer"] = voetnoot.nummer
        return (
            f"Voetnoot {voetnoot.nummer} is toegevoegd. Roep hem aan in een tekst met "
            f'<sup data-voetnoot="{voetnoot.nummer}">{voetnoot.nummer}</sup> '
            "of met de knop Voetnoot."
        )

    antwoord = _verwerk(
        request, pk, formulieren={PREFIX_NIEUWE_VOETNOOT: form}, anker=ANKER_VOETNOTEN, doe=doe
    )
    if "nummer" in nieuw and antwoord.status_code == 302:
        return redirect(_editor_url(pk, anker_voetnoot(nieuw["nummer"])))
    return antwoord


@actie
def voetnoot_bewaren(request: HttpRequest, pk: int, nummer: int) -> HttpResponse:
    """Save footnote ``nummer``'s text; write it for the first time when the letter calls
    it but has no text for it yet."""
    _hoort_bij(Reactiebrief, pk=pk)
    prefix = prefix_voetnoot(nummer)
    eerste_keer = f"{prefix}-oude_tekst" not in request.POST
    form = (
        NieuweVoetnootForm(request.POST, prefix=prefix)
        if eerste_keer
        else VoetnootForm(request.POST, prefix=prefix)
    )

    def doe() -> str:
        tekst = form.cleaned_data["tekst"]
        bestaand = Voetnoot.objects.filter(brief_id=pk, nummer=nummer).first()
        if eerste_keer:
            if bestaand is not None:
                # Someone wrote this footnote's first text meanwhile: theirs against yours.
                raise Bewerkingsconflict(
                    bestaand.tekst,
                    None,
                    sanitize(tekst),
                    wat=f"voetnoot {nummer}",
                    huidige_waarden={"tekst": bestaand.tekst},
                    jouwe_waarden={"tekst": sanitize(tekst)},
                )
            services.voeg_voetnoot_toe(pk, nummer=nummer, tekst=tekst, gebruiker=request.user)
            return f"Voetnoot {nummer} is toegevoegd."
        if bestaand is None:
            raise BestaatNiet(f"Voetnoot {nummer} bestaat niet (meer).")
        services.bewaar_voetnoot(
            bestaand,
            oude_tekst=form.cleaned_data["oude_tekst"],
            tekst=tekst,
            gebruiker=request.user,
        )
        return f"Voetnoot {nummer} is opgeslagen."

    return _verwerk(
        request,
        pk,
        formulieren={prefix: form},
        anker=anker_voetnoot(nummer),
        doe=doe,
        slot=(f"{prefix}-oude_tekst", lambda fout: fout.huidige_tekst),
    )
