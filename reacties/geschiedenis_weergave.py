"""What the history pages show: a version's snapshot ready for reading, and the differences
between two versions rendered accessibly.

Everything here works on the JSON snapshots (``Briefversie.inhoud``) and on a letter that
``reacties.toegang`` already loaded with its sections and responses: no queries per item.
The differences themselves come from ``reacties.geschiedenis.verschil``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from adviesmonitor.richtext import sanitize
from reacties.fouten import Bewerkingsconflict
from reacties.geschiedenis import (
    ERBIJ,
    GELIJK,
    Itemverschil,
    Stuk,
    platte_tekst,
    verschil,
    woordverschil,
)
from reacties.models import (
    Briefstatus,
    Briefversie,
    Reactie,
    Reactiebrief,
    Standpunt,
    Toezeggingstatus,
)

_STANDPUNTEN = dict(Standpunt.choices)
_BRIEFSTATUSSEN = dict(Briefstatus.choices)
_TOEZEGGINGSTATUSSEN = dict(Toezeggingstatus.choices)

# How the page names the kinds of item, singular and plural.
SOORTNAMEN: dict[str, tuple[str, str]] = {
    "sectie": ("sectie", "secties"),
    "reactie": ("reactie", "reacties"),
    "toezegging": ("toezegging", "toezeggingen"),
    "voetnoot": ("voetnoot", "voetnoten"),
    "aanbeveling": ("aanbeveling", "aanbevelingen"),
}


def _aantal_van(soort: str, aantal: int) -> str:
    if soort == "brief":
        return "de gegevens van de brief zelf"
    return f"{aantal} {SOORTNAMEN[soort][0 if aantal == 1 else 1]}"


# --- differences -------------------------------------------------------------------------


def _tekst(tekst: str) -> str:
    return escape(tekst).replace("\n", "<br>")


def stukken_toegankelijk(stukken: list[Stuk]) -> SafeString:
    """Runs as escaped HTML for the screen: insertions in <ins>, deletions in <del>, each
    with a visually hidden "ingevoegd:"/"verwijderd:" marker and end marker, because
    screen readers do not announce <ins>/<del> themselves and colour alone says nothing.
    White space after a changed run is kept outside the mark."""
    delen: list[str] = []
    for stuk in stukken:
        if stuk.soort == GELIJK:
            delen.append(_tekst(stuk.tekst))
            continue
        kern = stuk.tekst.rstrip()
        staart = stuk.tekst[len(kern) :]
        tag, woord = ("ins", "ingevoegd") if stuk.soort == ERBIJ else ("del", "verwijderd")
        delen.append(
            f'<{tag}><span class="visueel-verborgen">{woord}: </span>{_tekst(kern)}'
            f'<span class="visueel-verborgen"> [einde {woord}]</span></{tag}>{_tekst(staart)}'
        )
    return mark_safe("".join(delen))  # every piece of text is escaped above


@dataclass
class Veldweergave:
    label: str
    html: SafeString


@dataclass
class Itemweergave:
    soort: str
    object_id: int
    label: str
    wijziging: str
    velden: list[Veldweergave]

    @property
    def anker(self) -> str:
        return f"{self.soort}-{self.object_id}"


@dataclass
class Verschilweergave:
    items: list[Itemweergave]
    ongewijzigd: int
    per_wijziging: dict[str, int]
    ongewijzigd_per_soort: list[str] = field(default_factory=list)


def onderdelen(inhoud: dict[str, Any]) -> list[tuple[str, int]]:
    """Every item of a snapshot as (soort, id), the way ``geschiedenis.verschil`` follows
    items from version to version."""
    sleutels = [("brief", inhoud["brief"]["id"])]
    for sectie in inhoud["secties"]:
        sleutels.append(("sectie", sectie["id"]))
        for reactie in sectie["reacties"]:
            sleutels.append(("reactie", reactie["id"]))
            sleutels.extend(("toezegging", t["id"]) for t in reactie["toezeggingen"])
    sleutels.extend(("voetnoot", v["id"]) for v in inhoud["voetnoten"])
    sleutels.extend(("aanbeveling", a["id"]) for a in inhoud["aanbevelingen"])
    return sleutels


def verschil_weergave(oud: Briefversie, nieuw: Briefversie) -> Verschilweergave:
    """The differences between two versions (``oud`` the older side), per changed item,
    with the number of items that did not change."""
    items: list[Itemverschil] = verschil(oud, nieuw)
    alle = dict.fromkeys([*onderdelen(nieuw.inhoud), *onderdelen(oud.inhoud)])
    gewijzigd = {(item.soort, item.object_id) for item in items}
    ongewijzigd = Counter(sleutel[0] for sleutel in alle if sleutel not in gewijzigd)
    return Verschilweergave(
        items=[
            Itemweergave(
                item.soort,
                item.object_id,
                item.label,
                item.wijziging,
                [Veldweergave(v.label, stukken_toegankelijk(v.stukken)) for v in item.velden],
            )
            for item in items
        ],
        ongewijzigd=sum(ongewijzigd.values()),
        per_wijziging=Counter(item.wijziging for item in items),
        ongewijzigd_per_soort=[_aantal_van(soort, aantal) for soort, aantal in ongewijzigd.items()],
    )


# --- one version -------------------------------------------------------------------------


def rijk(html: str) -> SafeString:
    """A rich text from a snapshot, sanitised again before it is shown: a snapshot holds
    what was stored, and this page does not rely on every writer having sanitised it."""
    return mark_safe(sanitize(html or ""))  # nh3 keeps only the product's allow-list


@dataclass
class ReactieInVersie:
    id: int
    label: str
    aanbevelingen: list[tuple[str, str]]  # (nummer, tekst) when quoted above the response
    standpunt: str
    tekst: SafeString
    programmas: list[str]
    toezeggingen: list[dict[str, str]]
    bestaat: bool  # the response still exists, so it can be restored
    revisie: int | None  # its current revision: the lock a restore starts from
    gelijk_aan_huidig: bool  # text and stance are those it has now: restoring changes nothing


@dataclass
class SectieInVersie:
    id: int
    kop: str
    tekst: SafeString
    reacties: list[ReactieInVersie]


@dataclass
class Versieweergave:
    brief: dict[str, Any]
    status: str
    datum: date | None
    opening: SafeString
    slot: SafeString
    ondertekenaars: list[str]
    programmas: list[str]
    secties: list[SectieInVersie]
    voetnoten: list[tuple[int, SafeString]]


def _programmanaam(p: dict[str, Any]) -> str:
    if p.get("onderdeel_naam"):
        return f"{p['programma_naam']}: {p['onderdeel_naam']}"
    return p["programma_naam"]


def reactielabel(reactie: dict[str, Any]) -> str:
    """‘Reactie op 2, 2.1’: a response in a snapshot, named as the history names it."""
    nummers = ", ".join(reactie["aanbevelingen"])
    return f"Reactie op {nummers}" if nummers else f"Reactie {reactie['id']}"


def huidige_reacties(brief: Reactiebrief) -> dict[int, Reactie]:
    """The letter's responses as they are now, from what ``reacties.toegang`` prefetched."""
    return {r.pk: r for sectie in brief.secties.all() for r in sectie.reacties.all()}


def versie_weergave(versie: Briefversie, huidig: dict[int, Reactie]) -> Versieweergave:
    """A snapshot ready for the template; ``huidig`` (``huidige_reacties``) says which
    responses still exist, at which revision, and whether they read the same now."""
    inhoud = versie.inhoud
    aanbevelingen = {a["nummer"]: a["tekst"] for a in inhoud["aanbevelingen"]}
    secties = []
    for positie, sectie in enumerate(inhoud["secties"], start=1):
        reacties = []
        for r in sectie["reacties"]:
            nu = huidig.get(r["id"])
            reacties.append(
                ReactieInVersie(
                    id=r["id"],
                    label=reactielabel(r),
                    aanbevelingen=[(n, aanbevelingen.get(n, "")) for n in r["aanbevelingen"]]
                    if r["citeer_aanbevelingen"]
                    else [],
                    standpunt=_STANDPUNTEN.get(r["standpunt"], r["standpunt"]),
                    tekst=rijk(r["tekst"]),
                    programmas=[
                        f"{_programmanaam(k)} ({k['soort'].replace('_', ' ')})"
                        for k in r["programmas"]
                    ],
                    toezeggingen=[
                        {
                            "tekst": t["tekst"],
                            "status": _TOEZEGGINGSTATUSSEN.get(t["status"], t["status"]),
                            "deadline": t["deadline"] or "",
                        }
                        for t in r["toezeggingen"]
                    ],
                    bestaat=nu is not None,
                    revisie=nu.revisie if nu is not None else None,
                    gelijk_aan_huidig=nu is not None
                    and nu.tekst == r["tekst"]
                    and nu.standpunt == r["standpunt"],
                )
            )
        secties.append(
            SectieInVersie(
                id=sectie["id"],
                kop=sectie["kop"] or f"Sectie {positie}",
                tekst=rijk(sectie["tekst"]),
                reacties=reacties,
            )
        )
    return Versieweergave(
        brief=inhoud["brief"],
        status=_BRIEFSTATUSSEN.get(inhoud["brief"]["status"], inhoud["brief"]["status"]),
        datum=date.fromisoformat(inhoud["brief"]["datum"]) if inhoud["brief"]["datum"] else None,
        opening=rijk(inhoud["brief"]["opening"]),
        slot=rijk(inhoud["brief"]["slot"]),
        ondertekenaars=[f"{o['titel']} ({o['ministerie']})" for o in inhoud["ondertekenaars"]],
        programmas=[_programmanaam(p) for p in inhoud["programmas"]],
        secties=secties,
        voetnoten=[(v["nummer"], rijk(v["tekst"])) for v in inhoud["voetnoten"]],
    )


# --- a restore that met someone else's change --------------------------------------------


@dataclass
class Conflictweergave:
    reactie_id: int
    label: str
    melding: str
    opgeslagen_tekst: SafeString
    opgeslagen_standpunt: str
    opgeslagen_revisie: int | None
    versie_tekst: SafeString
    versie_standpunt: str
    verschil: SafeString  # from the stored text to the version's text


def conflict_weergave(
    conflict: Bewerkingsconflict, reactie_id: int, versie: Briefversie
) -> Conflictweergave:
    """Both texts of a refused restore: what is stored now and what the version had."""
    label = f"Reactie {reactie_id}"
    for sectie in versie.inhoud["secties"]:
        for reactie in sectie["reacties"]:
            if reactie["id"] == reactie_id:
                label = reactielabel(reactie)
    opgeslagen, jouw = conflict.huidige_waarden, conflict.jouwe_waarden
    return Conflictweergave(
        reactie_id=reactie_id,
        label=label,
        melding=conflict.melding,
        opgeslagen_tekst=rijk(conflict.huidige_tekst),
        opgeslagen_standpunt=_STANDPUNTEN.get(opgeslagen.get("standpunt") or "", ""),
        opgeslagen_revisie=conflict.huidige_revisie,
        versie_tekst=rijk(conflict.jouw_tekst),
        versie_standpunt=_STANDPUNTEN.get(jouw.get("standpunt") or "", ""),
        verschil=stukken_toegankelijk(
            woordverschil(platte_tekst(conflict.huidige_tekst), platte_tekst(conflict.jouw_tekst))
        ),
    )
