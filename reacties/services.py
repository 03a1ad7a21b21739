"""Writes to a reply letter: the one way the editor changes letters, sections, responses,
programme links, commitments, recommendations and answer templates.

Every service

- checks the user's right on the server (``NietToegestaan``; an Analist only reads);
- runs in one transaction that first locks the letter's row (``vergrendel_brief``) and
  refuses unless the letter is in concept (``BriefTerReview``, ``BriefBevroren``);
- protects what it changes with an optimistic lock: the caller passes the ``revisie`` it
  loaded, the UPDATE only happens ``WHERE revisie = <that>``, and otherwise nothing is
  written and ``Bewerkingsconflict`` carries both texts (no lost work);
- records the letter as it now stands as a ``Briefversie`` (``geschiedenis.leg_vast``) in
  the same transaction, so the history holds exactly what was saved.

A save that changes nothing writes and records nothing (but a stale ``revisie`` is still
a conflict). Rich text is sanitised before it is compared or written. All refusals are
``reacties.fouten.Bewerkingsfout`` subclasses with a Dutch message. Model instances or
primary keys are accepted wherever an object is passed.

The workflow (review, approval, freezing, new versions) is in ``reacties.workflow``; the
history (snapshots, diffs, restore) in ``reacties.geschiedenis``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Model

from advies.models import Aanbeveling, Bestuurslaag
from adviesmonitor.richtext import sanitize
from programmas.models import Ambtsdrager, Organisatie, Programma, Programmaonderdeel
from reacties.fouten import (
    BestaatNiet,
    Bewerkingsconflict,
    BriefBevroren,
    BriefTerReview,
    NietToegestaan,
    Ongeldig,
)
from reacties.geschiedenis import leg_vast, platte_tekst
from reacties.models import (
    Antwoordsjabloon,
    Briefstatus,
    Koppelsoort,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Standpunt,
    Toezegging,
    Toezeggingstatus,
    Voetnoot,
    Wijzigingsoort,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    Gebruiker = AbstractBaseUser

GEWIJZIGD = Wijzigingsoort.GEWIJZIGD


# --- shared ------------------------------------------------------------------------------


def _pk(obj: Model | int) -> int:
    return obj.pk if isinstance(obj, Model) else int(obj)


def vereis_recht(gebruiker: Gebruiker | None, recht: str, wat: str) -> None:
    """NietToegestaan unless ``gebruiker`` holds ``recht`` ("app.codename"); ``wat`` ends
    the sentence "U hebt geen recht om ...", e.g. "reacties te wijzigen"."""
    if gebruiker is None or not gebruiker.has_perm(recht):
        raise NietToegestaan(f"U hebt geen recht om {wat}.")


def controleer_bewerkbaar(brief: Reactiebrief) -> None:
    """Only a letter in concept may change."""
    if brief.is_bevroren:
        raise BriefBevroren(
            f"Deze brief is {brief.get_status_display()} en ligt daarmee vast: hij kan niet "
            "meer worden gewijzigd. Maak een nieuwe versie van de brief om verder te werken."
        )
    if brief.status == Briefstatus.TER_REVIEW:
        raise BriefTerReview(
            "Deze brief ligt ter review en kan nu niet worden gewijzigd. Een Coördinator kan "
            "hem met een opmerking terugsturen naar concept."
        )


def vergrendel_brief(brief: Reactiebrief | int, *, bewerken: bool = True) -> Reactiebrief:
    """The letter, freshly read and locked (SELECT ... FOR UPDATE) until the transaction
    ends: every write to a letter goes through here, so writes to one letter run one after
    the other and its version numbers never collide. With ``bewerken`` the letter must be
    in concept. Call inside ``transaction.atomic()``."""
    try:
        brief = Reactiebrief.objects.select_for_update().get(pk=_pk(brief))
    except Reactiebrief.DoesNotExist:
        raise BestaatNiet("Deze reactiebrief bestaat niet (meer).") from None
    if bewerken:
        controleer_bewerkbaar(brief)
    return brief


def _rijke_tekst(waarde: str | None, *, verplicht: str | None = None) -> str:
    tekst = sanitize(waarde or "")
    if verplicht and not tekst:
        raise Ongeldig(verplicht)
    return tekst


def _standpunt(waarde: str | None) -> str:
    standpunt = waarde or ""
    if standpunt not in ("", *Standpunt.values):
        raise Ongeldig(f"‘{standpunt}’ is geen geldig standpunt.")
    return standpunt


def brief_id_van_reactie(reactie: Reactie | int) -> int:
    brief_id = (
        Reactie.objects.filter(pk=_pk(reactie)).values_list("sectie__brief_id", flat=True).first()
    )
    if brief_id is None:
        raise BestaatNiet("Deze reactie bestaat niet (meer).")
    return brief_id


def _reactielabel(reactie_id: int) -> str:
    """‘Reactie op 2, 2.1’: how history and messages name a response."""
    nummers = list(
        Aanbeveling.objects.filter(reacties__pk=reactie_id)
        .order_by("volgorde")
        .values_list("nummer", flat=True)
    )
    return f"Reactie op {', '.join(nummers)}" if nummers else f"Reactie {reactie_id}"


def _sectielabel(sectie: Sectie) -> str:
    return f"Sectie ‘{sectie.kop}’" if sectie.kop else f"Sectie {sectie.volgorde}"


def _conflict_bij_oude_revisie(
    huidige_revisie: int,
    revisie: int,
    *,
    wat: str,
    huidig: dict[str, Any],
    jouw: dict[str, Any],
    tekstveld: str = "tekst",
) -> None:
    if huidige_revisie != revisie:
        raise Bewerkingsconflict(
            str(huidig.get(tekstveld, "")),
            huidige_revisie,
            str(jouw.get(tekstveld, "")),
            wat=wat,
            huidige_waarden=huidig,
            jouwe_waarden=jouw,
        )


def _werk_bij(
    model: type[Model], pk: int, revisie: int, velden: dict[str, Any], conflict: Callable
) -> None:
    """UPDATE ... SET velden, revisie = revisie + 1 WHERE id = pk AND revisie = revisie.

    The guard that counts: also a writer outside the services (the admin) that changed the
    row since makes it update nothing, and then ``conflict()`` raises."""
    if not model.objects.filter(pk=pk, revisie=revisie).update(**velden, revisie=F("revisie") + 1):
        conflict()
        raise BestaatNiet("Dit onderdeel bestaat niet (meer).")


# --- completeness ------------------------------------------------------------------------


def ontbrekende_reacties(brief: Reactiebrief | int) -> list[Aanbeveling]:
    """The report's recommendations that this letter does not answer yet, in the report's
    order.

    A recommendation is answered when a response in this letter names it and has a stance.
    A main advice (one with sub-recommendations) also counts as answered when all of its
    sub-recommendations are answered: the main advice is often just the heading above
    them. A sub-recommendation is not covered by an answer to its main advice: each needs
    its own response (alone or together with others). An unanswered main advice is listed
    with those of its sub-recommendations that are unanswered.
    """
    brief_id = _pk(brief)
    advies_id = Reactiebrief.objects.values_list("advies_id", flat=True).get(pk=brief_id)
    aanbevelingen = list(Aanbeveling.objects.filter(advies_id=advies_id).order_by("volgorde"))
    beantwoord = set(
        Reactie.aanbevelingen.through.objects.filter(reactie__sectie__brief_id=brief_id)
        .exclude(reactie__standpunt="")
        .values_list("aanbeveling_id", flat=True)
    )
    onderdelen: dict[int, list[int]] = {}
    for a in aanbevelingen:
        if a.bovenliggend_id:
            onderdelen.setdefault(a.bovenliggend_id, []).append(a.pk)
    klaar: dict[int, bool] = {}

    def is_beantwoord(pk: int, bezig: frozenset[int] = frozenset()) -> bool:
        if pk not in klaar:
            kinderen = onderdelen.get(pk, [])
            klaar[pk] = pk in beantwoord or (
                bool(kinderen)
                and pk not in bezig
                and all(is_beantwoord(k, bezig | {pk}) for k in kinderen)
            )
        return klaar[pk]

    return [a for a in aanbevelingen if not is_beantwoord(a.pk)]


# --- the letter's own fields -------------------------------------------------------------

BRIEFVELDEN = (
    "titel",
    "onderwerp",
    "datum",
    "kenmerk",
    "uw_kenmerk",
    "bijlagen",
    "geadresseerde",
    "opening",
    "slot",
)
_RIJKE_BRIEFVELDEN = {"opening", "slot"}


def _schoon_veld(model: type[Model], naam: str, waarde: Any) -> Any:
    """A value checked as the model field would (length, required, date format)."""
    veld = model._meta.get_field(naam)
    if isinstance(waarde, str) and naam not in _RIJKE_BRIEFVELDEN:
        waarde = waarde.strip()
    if waarde in (None, "") and veld.null:
        waarde = None
    try:
        return veld.clean(waarde, None)
    except ValidationError as fout:
        raise Ongeldig(f"{veld.verbose_name}: {' '.join(fout.messages)}") from None


def bewaar_brief(
    brief: Reactiebrief | int, *, revisie: int, gebruiker: Gebruiker, **velden: Any
) -> Reactiebrief:
    """Change the letter's own fields (any of BRIEFVELDEN: titel, onderwerp, datum,
    kenmerk, uw_kenmerk, bijlagen, geadresseerde, opening, slot), guarded by the letter's
    ``revisie``. ``opening`` and ``slot`` are rich text. Returns the letter as saved.

    Raises NietToegestaan, BriefTerReview/BriefBevroren, Ongeldig (unknown field, bad value,
    kenmerk in use), Bewerkingsconflict (``huidige_waarden``/``jouwe_waarden`` hold the
    fields; the texts are "veld: waarde" lines).
    """
    onbekend = sorted(set(velden) - set(BRIEFVELDEN))
    if onbekend:
        raise Ongeldig(f"Deze velden van de brief zijn niet te wijzigen: {', '.join(onbekend)}.")
    vereis_recht(gebruiker, "reacties.change_reactiebrief", "reactiebrieven te wijzigen")
    schoon = {
        naam: sanitize(waarde or "") if naam in _RIJKE_BRIEFVELDEN else waarde
        for naam, waarde in velden.items()
    }
    schoon = {naam: _schoon_veld(Reactiebrief, naam, waarde) for naam, waarde in schoon.items()}
    with transaction.atomic():
        huidig = vergrendel_brief(brief)
        oud = {naam: getattr(huidig, naam) for naam in schoon}

        def conflict() -> None:
            opnieuw = Reactiebrief.objects.get(pk=huidig.pk)
            nu = {naam: getattr(opnieuw, naam) for naam in schoon}
            raise Bewerkingsconflict(
                _als_regels(nu),
                opnieuw.revisie,
                _als_regels(schoon),
                wat="de brief",
                huidige_waarden=nu,
                jouwe_waarden=schoon,
            )

        if huidig.revisie != revisie:
            conflict()
        gewijzigd = {naam: waarde for naam, waarde in schoon.items() if oud[naam] != waarde}
        if not gewijzigd:
            return huidig
        kenmerk = gewijzigd.get("kenmerk")
        if kenmerk and Reactiebrief.objects.filter(kenmerk=kenmerk).exclude(pk=huidig.pk).exists():
            raise Ongeldig(f"Het kenmerk {kenmerk} is al in gebruik bij een andere brief.")
        _werk_bij(Reactiebrief, huidig.pk, revisie, gewijzigd, conflict)
        namen = ", ".join(
            str(Reactiebrief._meta.get_field(n).verbose_name) for n in BRIEFVELDEN if n in gewijzigd
        )
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"Brief gewijzigd: {namen}",
            onderdeel=huidig,
        )
    return Reactiebrief.objects.get(pk=huidig.pk)


def _als_regels(waarden: dict[str, Any]) -> str:
    def tekst(waarde: Any) -> str:
        if isinstance(waarde, date):
            return waarde.isoformat()
        return platte_tekst(str(waarde)) if waarde is not None else ""

    return "\n".join(f"{naam}: {tekst(waarde)}" for naam, waarde in waarden.items())


# --- sections ----------------------------------------------------------------------------


def _sectie(sectie: Sectie | int) -> Sectie:
    try:
        return Sectie.objects.get(pk=_pk(sectie))
    except Sectie.DoesNotExist:
        raise BestaatNiet("Deze sectie bestaat niet (meer).") from None


def voeg_sectie_toe(
    brief: Reactiebrief | int, *, gebruiker: Gebruiker, kop: str = "", tekst: str = ""
) -> Sectie:
    """A new section at the end of the letter."""
    vereis_recht(gebruiker, "reacties.add_sectie", "secties toe te voegen")
    kop = _schoon_veld(Sectie, "kop", kop or "")
    tekst = _rijke_tekst(tekst)
    with transaction.atomic():
        huidig = vergrendel_brief(brief)
        hoogste = huidig.secties.aggregate(n=Max("volgorde"))["n"] or 0
        sectie = Sectie.objects.create(brief=huidig, volgorde=hoogste + 1, kop=kop, tekst=tekst)
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"{_sectielabel(sectie)} toegevoegd",
            onderdeel=sectie,
        )
    return sectie


def bewaar_sectie(
    sectie: Sectie | int, *, revisie: int, gebruiker: Gebruiker, kop: str, tekst: str
) -> Sectie:
    """Change a section's heading and text, guarded by the section's ``revisie``."""
    vereis_recht(gebruiker, "reacties.change_sectie", "secties te wijzigen")
    kop = _schoon_veld(Sectie, "kop", kop or "")
    tekst = _rijke_tekst(tekst)
    oud = _sectie(sectie)
    with transaction.atomic():
        vergrendel_brief(oud.brief_id)
        huidig = _sectie(oud.pk)
        jouw = {"kop": kop, "tekst": tekst}

        def conflict() -> None:
            nu = _sectie(oud.pk)
            _conflict_bij_oude_revisie(
                nu.revisie,
                revisie,
                wat=f"de {_sectielabel(nu)[0].lower()}{_sectielabel(nu)[1:]}",
                huidig={"kop": nu.kop, "tekst": nu.tekst},
                jouw=jouw,
            )

        conflict()
        if huidig.kop == kop and huidig.tekst == tekst:
            return huidig
        _werk_bij(Sectie, huidig.pk, revisie, jouw, conflict)
        huidig = _sectie(huidig.pk)
        leg_vast(
            huidig.brief_id,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"{_sectielabel(huidig)} gewijzigd",
            onderdeel=huidig,
        )
    return huidig


OMHOOG, OMLAAG = "omhoog", "omlaag"


def verplaats_sectie(sectie: Sectie | int, richting: str, *, gebruiker: Gebruiker) -> Sectie:
    """Swap a section with the one above (``"omhoog"``) or below (``"omlaag"``) it."""
    if richting not in (OMHOOG, OMLAAG):
        raise Ongeldig("Een sectie gaat omhoog of omlaag.")
    vereis_recht(gebruiker, "reacties.change_sectie", "secties te verplaatsen")
    oud = _sectie(sectie)
    with transaction.atomic():
        brief = vergrendel_brief(oud.brief_id)
        huidig = _sectie(oud.pk)
        buren = brief.secties.exclude(pk=huidig.pk)
        if richting == OMHOOG:
            buur = buren.filter(volgorde__lt=huidig.volgorde).order_by("-volgorde").first()
        else:
            buur = buren.filter(volgorde__gt=huidig.volgorde).order_by("volgorde").first()
        if buur is None:
            plek = "bovenaan" if richting == OMHOOG else "onderaan"
            raise Ongeldig(f"Deze sectie staat al {plek}.")
        # (brief, volgorde) is unique: park one on a free number while they swap.
        vrij = (brief.secties.aggregate(n=Max("volgorde"))["n"] or 0) + 1
        Sectie.objects.filter(pk=huidig.pk).update(volgorde=vrij)
        Sectie.objects.filter(pk=buur.pk).update(volgorde=huidig.volgorde)
        Sectie.objects.filter(pk=huidig.pk).update(volgorde=buur.volgorde)
        huidig = _sectie(huidig.pk)
        leg_vast(
            brief.pk,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"{_sectielabel(huidig)} een plaats {richting} verplaatst",
            onderdeel=huidig,
        )
    return huidig


def verwijder_sectie(sectie: Sectie | int, *, revisie: int, gebruiker: Gebruiker) -> None:
    """Remove an empty section (one that still holds responses is refused)."""
    vereis_recht(gebruiker, "reacties.delete_sectie", "secties te verwijderen")
    oud = _sectie(sectie)
    with transaction.atomic():
        vergrendel_brief(oud.brief_id)
        huidig = _sectie(oud.pk)
        _conflict_bij_oude_revisie(
            huidig.revisie,
            revisie,
            wat="deze sectie",
            huidig={"kop": huidig.kop, "tekst": huidig.tekst},
            jouw={},
        )
        if huidig.reacties.exists():
            raise Ongeldig("Deze sectie bevat nog reacties; verplaats of verwijder die eerst.")
        label = _sectielabel(huidig)
        huidig.delete()
        leg_vast(
            oud.brief_id, gebruiker=gebruiker, soort=GEWIJZIGD, omschrijving=f"{label} verwijderd"
        )


# --- responses ---------------------------------------------------------------------------


def voeg_reactie_toe(
    sectie: Sectie | int,
    *,
    aanbevelingen: Iterable[Aanbeveling | int],
    tekst: str,
    standpunt: str = "",
    gebruiker: Gebruiker,
) -> Reactie:
    """A new response at the end of a section, answering recommendations of the letter's
    report (one or several answered together)."""
    vereis_recht(gebruiker, "reacties.add_reactie", "reacties toe te voegen")
    tekst = _rijke_tekst(tekst, verplicht="Een reactie heeft tekst nodig.")
    standpunt = _standpunt(standpunt)
    ids = [_pk(a) for a in aanbevelingen]
    if not ids:
        raise Ongeldig("Kies de aanbeveling(en) waarop deze reactie ingaat.")
    oud = _sectie(sectie)
    with transaction.atomic():
        brief = vergrendel_brief(oud.brief_id)
        gevonden = list(Aanbeveling.objects.filter(pk__in=ids, advies_id=brief.advies_id))
        if len(gevonden) != len(set(ids)):
            raise Ongeldig(
                "Een reactie kan alleen aanbevelingen uit het advies van deze brief beantwoorden."
            )
        hoogste = Reactie.objects.filter(sectie_id=oud.pk).aggregate(n=Max("volgorde"))["n"] or 0
        reactie = Reactie.objects.create(
            sectie_id=oud.pk, volgorde=hoogste + 1, tekst=tekst, standpunt=standpunt
        )
        reactie.aanbevelingen.set(gevonden)
        leg_vast(
            brief.pk,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"{_reactielabel(reactie.pk)} toegevoegd",
            onderdeel=reactie,
        )
    return reactie


def bewaar_reactie(
    reactie_id: Reactie | int,
    *,
    revisie: int,
    tekst: str,
    standpunt: str | None,
    gebruiker: Gebruiker,
) -> Reactie:
    """Save a response's text and stance (``standpunt=None`` keeps the stance).

    ``revisie`` is the response's revision the user started from. The write is
    ``UPDATE ... WHERE id = ? AND revisie = ?`` in the letter's locked transaction; when
    someone saved in between, nothing is written and ``Bewerkingsconflict`` carries the
    stored text and revision and this user's text. Recorded as "Reactie op X gewijzigd".

    Raises NietToegestaan, BriefTerReview/BriefBevroren, Ongeldig (empty text, unknown
    stance), Bewerkingsconflict, BestaatNiet.
    """
    return bewaar_reactie_als(
        reactie_id,
        revisie=revisie,
        tekst=tekst,
        standpunt=standpunt,
        gebruiker=gebruiker,
        soort=GEWIJZIGD,
        omschrijving=lambda label: f"{label} gewijzigd",
    )


def bewaar_reactie_als(
    reactie_id: Reactie | int,
    *,
    revisie: int,
    tekst: str,
    standpunt: str | None,
    gebruiker: Gebruiker,
    soort: str,
    omschrijving: Callable[[str], str],
) -> Reactie:
    """bewaar_reactie with the history entry's kind and description (given the
    response's label); for restores and templates."""
    vereis_recht(gebruiker, "reacties.change_reactie", "reacties te wijzigen")
    tekst = _rijke_tekst(tekst, verplicht="Een reactie heeft tekst nodig.")
    if standpunt is not None:
        standpunt = _standpunt(standpunt)
    pk = _pk(reactie_id)
    brief_id = brief_id_van_reactie(pk)
    with transaction.atomic():
        vergrendel_brief(brief_id)
        label = _reactielabel(pk)
        huidig = Reactie.objects.get(pk=pk)
        nieuw_standpunt = huidig.standpunt if standpunt is None else standpunt
        jouw = {"tekst": tekst, "standpunt": nieuw_standpunt}

        def conflict() -> None:
            nu = Reactie.objects.filter(pk=pk).values("tekst", "standpunt", "revisie").first()
            if nu is None:
                raise BestaatNiet("Deze reactie bestaat niet (meer).")
            _conflict_bij_oude_revisie(
                nu.pop("revisie"),
                revisie,
                wat=f"de {label[0].lower()}{label[1:]}",
                huidig=nu,
                jouw=jouw,
            )

        conflict()
        if huidig.tekst == tekst and huidig.standpunt == nieuw_standpunt:
            return huidig
        _werk_bij(Reactie, pk, revisie, jouw, conflict)
        leg_vast(
            brief_id,
            gebruiker=gebruiker,
            soort=soort,
            omschrijving=omschrijving(label),
            onderdeel=huidig,
        )
    return Reactie.objects.get(pk=pk)


def verwijder_reactie(reactie_id: Reactie | int, *, revisie: int, gebruiker: Gebruiker) -> None:
    """Remove a response with its programme links and commitments."""
    vereis_recht(gebruiker, "reacties.delete_reactie", "reacties te verwijderen")
    pk = _pk(reactie_id)
    brief_id = brief_id_van_reactie(pk)
    with transaction.atomic():
        vergrendel_brief(brief_id)
        huidig = Reactie.objects.get(pk=pk)
        label = _reactielabel(pk)
        _conflict_bij_oude_revisie(
            huidig.revisie,
            revisie,
            wat=f"de {label[0].lower()}{label[1:]}",
            huidig={"tekst": huidig.tekst, "standpunt": huidig.standpunt},
            jouw={},
        )
        huidig.delete()
        leg_vast(brief_id, gebruiker=gebruiker, soort=GEWIJZIGD, omschrijving=f"{label} verwijderd")


# --- programme links ---------------------------------------------------------------------


def zet_programmakoppelingen(
    reactie_id: Reactie | int,
    koppelingen: Iterable[tuple[Programma | int, Programmaonderdeel | int | None, str]],
    *,
    revisie: int,
    gebruiker: Gebruiker,
) -> Reactie:
    """Make the response's programme links exactly ``koppelingen``: (programma, onderdeel
    or None, soort) triples, soort ``bestaand_beleid`` or ``nieuwe_toezegging``. Links that
    stay keep their row. Guarded by the response's ``revisie`` (links are part of the
    response) and raises it."""
    vereis_recht(gebruiker, "reacties.change_reactie", "reacties te wijzigen")
    vereis_recht(gebruiker, "reacties.add_programmakoppeling", "programmakoppelingen te wijzigen")
    vereis_recht(
        gebruiker, "reacties.delete_programmakoppeling", "programmakoppelingen te wijzigen"
    )
    gewenst: dict[tuple[int, int | None], str] = {}
    for programma, onderdeel, soort in koppelingen:
        if soort not in Koppelsoort.values:
            raise Ongeldig(f"‘{soort}’ is geen geldige soort koppeling.")
        sleutel = (_pk(programma), _pk(onderdeel) if onderdeel is not None else None)
        if sleutel in gewenst:
            raise Ongeldig("Elk programma (of onderdeel) kan maar één keer gekoppeld worden.")
        gewenst[sleutel] = soort
    onderdelen = {
        o.pk: o.programma_id
        for o in Programmaonderdeel.objects.filter(pk__in={o for _, o in gewenst if o})
    }
    programmas = set(
        Programma.objects.filter(pk__in={p for p, _ in gewenst}).values_list("pk", flat=True)
    )
    for programma_id, onderdeel_id in gewenst:
        if programma_id not in programmas:
            raise Ongeldig("Dit programma bestaat niet.")
        if onderdeel_id is not None and onderdelen.get(onderdeel_id) != programma_id:
            raise Ongeldig("Dit onderdeel hoort niet bij het gekozen programma.")
    pk = _pk(reactie_id)
    brief_id = brief_id_van_reactie(pk)
    with transaction.atomic():
        vergrendel_brief(brief_id)
        label = _reactielabel(pk)
        huidig = Reactie.objects.get(pk=pk)
        bestaand = {(k.programma_id, k.onderdeel_id): k for k in huidig.koppelingen.all()}
        nu = {sleutel: k.soort for sleutel, k in bestaand.items()}

        def conflict() -> None:
            opnieuw = Reactie.objects.get(pk=pk)
            _conflict_bij_oude_revisie(
                opnieuw.revisie,
                revisie,
                wat=f"de {label[0].lower()}{label[1:]}",
                huidig={"tekst": opnieuw.tekst, "koppelingen": nu},
                jouw={"tekst": opnieuw.tekst, "koppelingen": gewenst},
            )

        conflict()
        if nu == gewenst:
            return huidig
        _werk_bij(Reactie, pk, revisie, {}, conflict)
        weg = [k.pk for sleutel, k in bestaand.items() if sleutel not in gewenst]
        Programmakoppeling.objects.filter(pk__in=weg).delete()
        for sleutel, soort in gewenst.items():
            if sleutel in bestaand and bestaand[sleutel].soort != soort:
                Programmakoppeling.objects.filter(pk=bestaand[sleutel].pk).update(soort=soort)
        Programmakoppeling.objects.bulk_create(
            Programmakoppeling(reactie_id=pk, programma_id=p, onderdeel_id=o, soort=soort)
            for (p, o), soort in gewenst.items()
            if (p, o) not in bestaand
        )
        leg_vast(
            brief_id,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"Programmakoppelingen van de {label[0].lower()}{label[1:]} gewijzigd",
            onderdeel=huidig,
        )
    return Reactie.objects.get(pk=pk)


# --- commitments -------------------------------------------------------------------------

TOEZEGGINGVELDEN = (
    "tekst",
    "status",
    "deadline_datum",
    "deadline_jaar",
    "ambtsdrager",
    "organisatie",
    "programma",
)
_VERWIJZINGEN = {"ambtsdrager": Ambtsdrager, "organisatie": Organisatie, "programma": Programma}


def _toezeggingkolommen(velden: dict[str, Any], huidig: dict[str, Any]) -> dict[str, Any]:
    """Checked column values (``ambtsdrager_id``, ...) for the fields given, with the
    rules the database would enforce, in words."""
    onbekend = sorted(set(velden) - set(TOEZEGGINGVELDEN))
    if onbekend:
        raise Ongeldig(f"Deze velden van een toezegging bestaan niet: {', '.join(onbekend)}.")
    kolommen: dict[str, Any] = {}
    for naam, waarde in velden.items():
        if naam in _VERWIJZINGEN:
            pk = _pk(waarde) if waarde not in (None, "") else None
            if pk is not None and not _VERWIJZINGEN[naam].objects.filter(pk=pk).exists():
                raise Ongeldig(f"{naam}: deze bestaat niet.")
            kolommen[f"{naam}_id"] = pk
        elif naam == "tekst":
            kolommen["tekst"] = (waarde or "").strip()
            if not kolommen["tekst"]:
                raise Ongeldig("Een toezegging heeft tekst nodig.")
        elif naam == "status":
            if waarde not in Toezeggingstatus.values:
                raise Ongeldig(f"‘{waarde}’ is geen geldige status van een toezegging.")
            kolommen["status"] = waarde
        else:
            kolommen[naam] = _schoon_veld(Toezegging, naam, waarde)
    datum = kolommen.get("deadline_datum", huidig.get("deadline_datum"))
    jaar = kolommen.get("deadline_jaar", huidig.get("deadline_jaar"))
    if datum and jaar:
        raise Ongeldig("Vul een deadline als datum óf als jaar in, niet beide.")
    if jaar is not None and not 1900 <= jaar <= 2200:
        raise Ongeldig("Het jaar van de deadline ligt tussen 1900 en 2200.")
    return kolommen


def _toezegginglabel(toezegging: Toezegging) -> str:
    tekst = toezegging.tekst if len(toezegging.tekst) <= 60 else toezegging.tekst[:57] + "…"
    return f"Toezegging ‘{tekst}’"


def voeg_toezegging_toe(
    reactie_id: Reactie | int, *, gebruiker: Gebruiker, tekst: str, **velden: Any
) -> Toezegging:
    """A new commitment at the end of the response's; ``velden`` are any other of
    TOEZEGGINGVELDEN (status defaults to open)."""
    vereis_recht(gebruiker, "reacties.add_toezegging", "toezeggingen toe te voegen")
    kolommen = _toezeggingkolommen({"tekst": tekst, **velden}, {})
    pk = _pk(reactie_id)
    brief_id = brief_id_van_reactie(pk)
    with transaction.atomic():
        vergrendel_brief(brief_id)
        hoogste = Toezegging.objects.filter(reactie_id=pk).aggregate(n=Max("volgorde"))["n"] or 0
        toezegging = Toezegging.objects.create(reactie_id=pk, volgorde=hoogste + 1, **kolommen)
        leg_vast(
            brief_id,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"{_toezegginglabel(toezegging)} toegevoegd bij de "
            f"{_reactielabel(pk)[0].lower()}{_reactielabel(pk)[1:]}",
            onderdeel=toezegging,
        )
    return toezegging


def _toezegging(toezegging: Toezegging | int) -> Toezegging:
    try:
        return Toezegging.objects.select_related("reactie__sectie").get(pk=_pk(toezegging))
    except Toezegging.DoesNotExist:
        raise BestaatNiet("Deze toezegging bestaat niet (meer).") from None


def bewaar_toezegging(
    toezegging: Toezegging | int, *, revisie: int, gebruiker: Gebruiker, **velden: Any
) -> Toezegging:
    """Change any of TOEZEGGINGVELDEN of a commitment, guarded by its ``revisie``."""
    vereis_recht(gebruiker, "reacties.change_toezegging", "toezeggingen te wijzigen")
    oud = _toezegging(toezegging)
    brief_id = oud.reactie.sectie.brief_id
    with transaction.atomic():
        vergrendel_brief(brief_id)
        huidig = _toezegging(oud.pk)
        waarden = {
            "deadline_datum": huidig.deadline_datum,
            "deadline_jaar": huidig.deadline_jaar,
        }
        kolommen = _toezeggingkolommen(velden, waarden)
        stand = {k: getattr(huidig, k) for k in kolommen}

        def conflict() -> None:
            nu = _toezegging(oud.pk)
            _conflict_bij_oude_revisie(
                nu.revisie,
                revisie,
                wat="deze toezegging",
                huidig={k: getattr(nu, k) for k in kolommen} | {"tekst": nu.tekst},
                jouw={"tekst": huidig.tekst} | kolommen,
            )

        conflict()
        if stand == kolommen:
            return huidig
        _werk_bij(Toezegging, huidig.pk, revisie, kolommen, conflict)
        huidig = _toezegging(huidig.pk)
        leg_vast(
            brief_id,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"{_toezegginglabel(huidig)} gewijzigd",
            onderdeel=huidig,
        )
    return huidig


def verwijder_toezegging(
    toezegging: Toezegging | int, *, revisie: int, gebruiker: Gebruiker
) -> None:
    vereis_recht(gebruiker, "reacties.delete_toezegging", "toezeggingen te verwijderen")
    oud = _toezegging(toezegging)
    brief_id = oud.reactie.sectie.brief_id
    with transaction.atomic():
        vergrendel_brief(brief_id)
        huidig = _toezegging(oud.pk)
        _conflict_bij_oude_revisie(
            huidig.revisie, revisie, wat="deze toezegging", huidig={"tekst": huidig.tekst}, jouw={}
        )
        label = _toezegginglabel(huidig)
        huidig.delete()
        leg_vast(brief_id, gebruiker=gebruiker, soort=GEWIJZIGD, omschrijving=f"{label} verwijderd")


# --- recommendations ---------------------------------------------------------------------


def bewaar_aanbeveling(
    aanbeveling: Aanbeveling | int,
    *,
    oude_tekst: str,
    tekst: str,
    gebruiker: Gebruiker,
    bestuurslagen: Iterable[Bestuurslaag | int] | None = None,
) -> Aanbeveling:
    """Change a recommendation's text (and, when given, its levels).

    Recommendations have no revision counter: the text the user started from
    (``oude_tekst``) is the lock, so the write is ``UPDATE ... WHERE tekst = oude_tekst``;
    otherwise Bewerkingsconflict (``huidige_revisie`` None). A recommendation belongs to
    the report, not to one letter: it may change while letters are frozen (their PDF is
    stored), and every letter of the report records a version "Aanbeveling X gewijzigd".
    """
    vereis_recht(gebruiker, "advies.change_aanbeveling", "aanbevelingen te wijzigen")
    tekst = (tekst or "").strip()
    if not tekst:
        raise Ongeldig("Een aanbeveling heeft tekst nodig.")
    lagen = None if bestuurslagen is None else sorted({_pk(b) for b in bestuurslagen})
    try:
        huidig = Aanbeveling.objects.get(pk=_pk(aanbeveling))
    except Aanbeveling.DoesNotExist:
        raise BestaatNiet("Deze aanbeveling bestaat niet (meer).") from None
    with transaction.atomic():
        brieven = list(
            Reactiebrief.objects.select_for_update()
            .filter(advies_id=huidig.advies_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        huidig = Aanbeveling.objects.get(pk=huidig.pk)
        oude_lagen = sorted(huidig.bestuurslagen.values_list("pk", flat=True))

        def conflict() -> None:
            nu = Aanbeveling.objects.get(pk=huidig.pk)
            raise Bewerkingsconflict(
                nu.tekst,
                None,
                tekst,
                wat=f"aanbeveling {nu.nummer}",
                huidige_waarden={"tekst": nu.tekst},
                jouwe_waarden={"tekst": tekst},
            )

        if huidig.tekst != oude_tekst:
            conflict()
        if huidig.tekst == tekst and (lagen is None or lagen == oude_lagen):
            return huidig
        if lagen is not None and Bestuurslaag.objects.filter(pk__in=lagen).count() != len(lagen):
            raise Ongeldig("Deze bestuurslaag bestaat niet.")
        if not Aanbeveling.objects.filter(pk=huidig.pk, tekst=oude_tekst).update(tekst=tekst):
            conflict()
        if lagen is not None:
            huidig.bestuurslagen.set(lagen)
        for brief_id in brieven:
            leg_vast(
                brief_id,
                gebruiker=gebruiker,
                soort=GEWIJZIGD,
                omschrijving=f"Aanbeveling {huidig.nummer} gewijzigd",
                onderdeel=huidig,
            )
    return Aanbeveling.objects.get(pk=huidig.pk)


# --- answer templates --------------------------------------------------------------------


def _sjabloonvelden(naam: str, tekst: str, standpunt: str) -> dict[str, Any]:
    naam = (naam or "").strip()
    if not naam:
        raise Ongeldig("Een sjabloon heeft een naam nodig.")
    return {
        "naam": _schoon_veld(Antwoordsjabloon, "naam", naam),
        "tekst": _rijke_tekst(tekst, verplicht="Een sjabloon heeft tekst nodig."),
        "standpunt": _standpunt(standpunt),
    }


def maak_sjabloon(
    *, naam: str, tekst: str, standpunt: str = "", gebruiker: Gebruiker
) -> Antwoordsjabloon:
    """Save an answer text under a (unique) name, optionally with a stance."""
    vereis_recht(gebruiker, "reacties.add_antwoordsjabloon", "antwoordsjablonen te maken")
    velden = _sjabloonvelden(naam, tekst, standpunt)
    with transaction.atomic():
        if Antwoordsjabloon.objects.filter(naam=velden["naam"]).exists():
            raise Ongeldig(f"Er is al een sjabloon met de naam ‘{velden['naam']}’.")
        return Antwoordsjabloon.objects.create(**velden, gemaakt_door=gebruiker)


def bewaar_sjabloon(
    sjabloon: Antwoordsjabloon | int,
    *,
    naam: str,
    tekst: str,
    standpunt: str = "",
    gebruiker: Gebruiker,
) -> Antwoordsjabloon:
    vereis_recht(gebruiker, "reacties.change_antwoordsjabloon", "antwoordsjablonen te wijzigen")
    velden = _sjabloonvelden(naam, tekst, standpunt)
    with transaction.atomic():
        if Antwoordsjabloon.objects.filter(naam=velden["naam"]).exclude(pk=_pk(sjabloon)).exists():
            raise Ongeldig(f"Er is al een sjabloon met de naam ‘{velden['naam']}’.")
        if not Antwoordsjabloon.objects.filter(pk=_pk(sjabloon)).update(**velden):
            raise BestaatNiet("Dit sjabloon bestaat niet (meer).")
    return Antwoordsjabloon.objects.get(pk=_pk(sjabloon))


def verwijder_sjabloon(sjabloon: Antwoordsjabloon | int, *, gebruiker: Gebruiker) -> None:
    vereis_recht(gebruiker, "reacties.delete_antwoordsjabloon", "antwoordsjablonen te verwijderen")
    Antwoordsjabloon.objects.filter(pk=_pk(sjabloon)).delete()


def reactie_uit_sjabloon(
    reactie: Reactie | int,
    sjabloon: Antwoordsjabloon | int,
    gebruiker: Gebruiker,
    revisie: int,
) -> Reactie:
    """Replace a response's text by a template's (and its stance, when the template has
    one), through bewaar_reactie: same rights, lock and conflict. Recorded as
    "Reactie op X gevuld uit sjabloon ‘naam’"."""
    vereis_recht(gebruiker, "reacties.view_antwoordsjabloon", "antwoordsjablonen te gebruiken")
    try:
        gekozen = Antwoordsjabloon.objects.get(pk=_pk(sjabloon))
    except Antwoordsjabloon.DoesNotExist:
        raise BestaatNiet("Dit sjabloon bestaat niet (meer).") from None
    return bewaar_reactie_als(
        reactie,
        revisie=revisie,
        tekst=gekozen.tekst,
        standpunt=gekozen.standpunt or None,
        gebruiker=gebruiker,
        soort=GEWIJZIGD,
        omschrijving=lambda label: f"{label} gevuld uit sjabloon ‘{gekozen.naam}’",
    )


# --- footnotes ---------------------------------------------------------------------------

_HOOGSTE_VOETNOOT = 32767  # Voetnoot.nummer is a PositiveSmallIntegerField


def _voetnoot(voetnoot: Voetnoot | int) -> Voetnoot:
    try:
        return Voetnoot.objects.get(pk=_pk(voetnoot))
    except Voetnoot.DoesNotExist:
        raise BestaatNiet("Deze voetnoot bestaat niet (meer).") from None


def voeg_voetnoot_toe(
    brief: Reactiebrief | int, *, gebruiker: Gebruiker, tekst: str = "", nummer: int | None = None
) -> Voetnoot:
    """A new footnote of the letter, numbered ``nummer`` (a call ``<sup data-voetnoot="N">``
    in a text may already name it) or else the next free number. The text is rich text and
    may be empty: the letter then says the note is still to be written."""
    vereis_recht(gebruiker, "reacties.add_voetnoot", "voetnoten toe te voegen")
    tekst = _rijke_tekst(tekst)
    if nummer is not None and not 1 <= nummer <= _HOOGSTE_VOETNOOT:
        raise Ongeldig(f"Een voetnootnummer ligt tussen 1 en {_HOOGSTE_VOETNOOT}.")
    with transaction.atomic():
        huidig = vergrendel_brief(brief)
        if nummer is None:
            nummer = (huidig.voetnoten.aggregate(n=Max("nummer"))["n"] or 0) + 1
        elif huidig.voetnoten.filter(nummer=nummer).exists():
            raise Ongeldig(f"Voetnoot {nummer} bestaat al in deze brief.")
        voetnoot = Voetnoot.objects.create(brief=huidig, nummer=nummer, tekst=tekst)
        leg_vast(
            huidig.pk,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"Voetnoot {nummer} toegevoegd",
            onderdeel=voetnoot,
        )
    return voetnoot


def bewaar_voetnoot(
    voetnoot: Voetnoot | int, *, oude_tekst: str, tekst: str, gebruiker: Gebruiker
) -> Voetnoot:
    """Change a footnote's text.

    Footnotes have no revision counter: as for recommendations, the text the user started
    from (``oude_tekst``) is the lock, so the write is ``UPDATE ... WHERE tekst = <that>``
    under the letter's lock; when someone changed it since, nothing is written and
    Bewerkingsconflict (``huidige_revisie`` None) carries both texts. A text that is the
    same again loses nobody's work, so only a real difference is a conflict.
    """
    vereis_recht(gebruiker, "reacties.change_voetnoot", "voetnoten te wijzigen")
    tekst = _rijke_tekst(tekst)
    begin = _rijke_tekst(oude_tekst)
    oud = _voetnoot(voetnoot)
    with transaction.atomic():
        vergrendel_brief(oud.brief_id)
        huidig = _voetnoot(oud.pk)

        def conflict() -> None:
            nu = _voetnoot(oud.pk)
            raise Bewerkingsconflict(
                nu.tekst,
                None,
                tekst,
                wat=f"voetnoot {nu.nummer}",
                huidige_waarden={"tekst": nu.tekst},
                jouwe_waarden={"tekst": tekst},
            )

        if sanitize(huidig.tekst) != begin:
            conflict()
        if huidig.tekst == tekst:
            return huidig
        if not Voetnoot.objects.filter(pk=huidig.pk, tekst=huidig.tekst).update(tekst=tekst):
            conflict()
        leg_vast(
            huidig.brief_id,
            gebruiker=gebruiker,
            soort=GEWIJZIGD,
            omschrijving=f"Voetnoot {huidig.nummer} gewijzigd",
            onderdeel=huidig,
        )
    return _voetnoot(huidig.pk)
