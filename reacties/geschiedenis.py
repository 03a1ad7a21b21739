"""A letter's history: snapshots, the versions list, word-level differences and restores.

Every write service records one ``Briefversie`` through ``leg_vast()``, in the same
transaction as the change and while holding the letter's row lock, so the history holds
exactly what was saved, numbered 1, 2, 3, ... per letter without gaps or doubles.

Snapshot format (``Briefversie.inhoud``, ``"formaat": 1``): the whole letter as it stood
right after the change, with database ids so that items can be followed from version to
version (diffs per item) and restored::

    {
      "formaat": 1,
      "brief": {"id", "advies" (slug), "advies_titel", "versie", "status", "review_ronde",
                "titel", "onderwerp", "datum" (ISO or null), "kenmerk", "uw_kenmerk",
                "bijlagen", "geadresseerde", "opening", "slot"},
      "ondertekenaars": [{"id" (ambtsdrager), "sleutel", "titel", "naam", "ministerie"}],
      "programmas": [{"id", "programma" (slug), "programma_naam", "onderdeel" (sleutel
                      or null), "onderdeel_naam"}],
      "secties": [{"id", "volgorde", "kop", "tekst",
                   "reacties": [{"id", "volgorde", "aanbevelingen" (nummers), "standpunt",
                                 "citeer_aanbevelingen", "tekst", "organisaties" (sleutels),
                                 "programmas": [{"id", "programma", "programma_naam",
                                                 "onderdeel", "onderdeel_naam", "soort"}],
                                 "toezeggingen": [{"id", "volgorde", "tekst", "status",
                                                   "deadline" ("2027", "2027-06-01" or ""),
                                                   "ambtsdrager", "organisatie",
                                                   "programma"}]}]}],
      "voetnoten": [{"id", "nummer", "tekst"}],
      "aanbevelingen": [{"id", "nummer", "bovenliggend" (nummer or null), "tekst",
                         "bestuurslagen" (slugs)}]
    }

Rich texts are stored as saved (sanitised HTML); lists are in the letter's order. The lock
counters (``revisie``) are left out: they are not content.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from advies.models import Aanbeveling
from reacties.fouten import BestaatNiet
from reacties.models import (
    Briefprogramma,
    Briefversie,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Standpunt,
    Toezegging,
    Voetnoot,
    Wijzigingsoort,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

FORMAAT = 1


# --- snapshots ---------------------------------------------------------------------------


def momentopname(brief: Reactiebrief | int) -> dict[str, Any]:
    """The letter as it stands now, in the snapshot format above (a fixed number of
    queries, whatever the size of the letter)."""
    pk = brief.pk if isinstance(brief, Reactiebrief) else brief
    reacties = Reactie.objects.order_by("volgorde").prefetch_related(
        Prefetch("aanbevelingen", queryset=Aanbeveling.objects.order_by("volgorde")),
        "organisaties",
        Prefetch(
            "koppelingen",
            queryset=Programmakoppeling.objects.select_related("programma", "onderdeel").order_by(
                "programma__slug", "onderdeel__volgorde", "id"
            ),
        ),
        Prefetch(
            "toezeggingen",
            queryset=Toezegging.objects.select_related(
                "ambtsdrager", "organisatie", "programma"
            ).order_by("volgorde"),
        ),
    )
    b = (
        Reactiebrief.objects.select_related("advies")
        .prefetch_related(
            Prefetch(
                "ondertekening",
                queryset=Ondertekenaar.objects.select_related("ambtsdrager__ministerie").order_by(
                    "volgorde"
                ),
            ),
            Prefetch(
                "programmaverwijzingen",
                queryset=Briefprogramma.objects.select_related("programma", "onderdeel").order_by(
                    "volgorde"
                ),
            ),
            Prefetch("voetnoten", queryset=Voetnoot.objects.order_by("nummer")),
            Prefetch(
                "secties",
                queryset=Sectie.objects.order_by("volgorde").prefetch_related(
                    Prefetch("reacties", queryset=reacties)
                ),
            ),
        )
        .get(pk=pk)
    )
    aanbevelingen = list(
        Aanbeveling.objects.filter(advies_id=b.advies_id)
        .order_by("volgorde")
        .prefetch_related("bestuurslagen")
    )
    nummers = {a.pk: a.nummer for a in aanbevelingen}
    return {
        "formaat": FORMAAT,
        "brief": {
            "id": b.pk,
            "advies": b.advies.slug,
            "advies_titel": b.advies.titel,
            "versie": b.versie,
            "status": b.status,
            "review_ronde": b.review_ronde,
            "titel": b.titel,
            "onderwerp": b.onderwerp,
            "datum": b.datum.isoformat() if b.datum else None,
            "kenmerk": b.kenmerk,
            "uw_kenmerk": b.uw_kenmerk,
            "bijlagen": b.bijlagen,
            "geadresseerde": b.geadresseerde,
            "opening": b.opening,
            "slot": b.slot,
        },
        "ondertekenaars": [
            {
                "id": o.ambtsdrager.pk,
                "sleutel": o.ambtsdrager.sleutel,
                "titel": o.ambtsdrager.titel,
                "naam": o.ambtsdrager.naam,
                "ministerie": o.ambtsdrager.ministerie.afkorting,
            }
            for o in b.ondertekening.all()
        ],
        "programmas": [_programma(v) for v in b.programmaverwijzingen.all()],
        "secties": [
            {
                "id": s.pk,
                "volgorde": s.volgorde,
                "kop": s.kop,
                "tekst": s.tekst,
                "reacties": [_reactie(r) for r in s.reacties.all()],
            }
            for s in b.secties.all()
        ],
        "voetnoten": [
            {"id": v.pk, "nummer": v.nummer, "tekst": v.tekst} for v in b.voetnoten.all()
        ],
        "aanbevelingen": [
            {
                "id": a.pk,
                "nummer": a.nummer,
                "bovenliggend": nummers.get(a.bovenliggend_id),
                "tekst": a.tekst,
                "bestuurslagen": sorted(laag.slug for laag in a.bestuurslagen.all()),
            }
            for a in aanbevelingen
        ],
    }


def _programma(verwijzing: Briefprogramma | Programmakoppeling) -> dict[str, Any]:
    return {
        "id": verwijzing.pk,
        "programma": verwijzing.programma.slug,
        "programma_naam": verwijzing.programma.naam,
        "onderdeel": verwijzing.onderdeel.sleutel if verwijzing.onderdeel_id else None,
        "onderdeel_naam": verwijzing.onderdeel.naam if verwijzing.onderdeel_id else None,
    }


def _reactie(reactie: Reactie) -> dict[str, Any]:
    return {
        "id": reactie.pk,
        "volgorde": reactie.volgorde,
        "aanbevelingen": [a.nummer for a in reactie.aanbevelingen.all()],
        "standpunt": reactie.standpunt,
        "citeer_aanbevelingen": reactie.citeer_aanbevelingen,
        "tekst": reactie.tekst,
        "organisaties": sorted(o.sleutel for o in reactie.organisaties.all()),
        "programmas": [{**_programma(k), "soort": k.soort} for k in reactie.koppelingen.all()],
        "toezeggingen": [
            {
                "id": t.pk,
                "volgorde": t.volgorde,
                "tekst": t.tekst,
                "status": t.status,
                "deadline": t.deadline,
                "ambtsdrager": t.ambtsdrager.sleutel if t.ambtsdrager_id else None,
                "organisatie": t.organisatie.sleutel if t.organisatie_id else None,
                "programma": t.programma.slug if t.programma_id else None,
            }
            for t in reactie.toezeggingen.all()
        ],
    }


def leg_vast(
    brief: Reactiebrief | int,
    *,
    gebruiker: AbstractBaseUser | None,
    soort: str,
    omschrijving: str,
    onderdeel: Model | None = None,
) -> Briefversie:
    """Record the letter as it stands now as its next version.

    The caller runs inside ``transaction.atomic()`` and holds the letter's row lock
    (``services.vergrendel_brief``), so numbers never collide; a brand-new letter (import,
    new version) needs no lock. Also stamps the letter's ``gewijzigd``.
    """
    pk = brief.pk if isinstance(brief, Reactiebrief) else brief
    hoogste = Briefversie.objects.filter(brief_id=pk).aggregate(n=Max("nummer"))["n"] or 0
    nu = timezone.now()
    Reactiebrief.objects.filter(pk=pk).update(gewijzigd=nu)
    return Briefversie.objects.create(
        brief_id=pk,
        nummer=hoogste + 1,
        tijdstip=nu,
        gebruiker=gebruiker if gebruiker is not None and gebruiker.is_authenticated else None,
        soort=soort,
        omschrijving=omschrijving[:500],
        object_type=onderdeel._meta.model_name if onderdeel is not None else "",
        object_id=onderdeel.pk if onderdeel is not None else None,
        inhoud=momentopname(pk),
    )


# --- versions ----------------------------------------------------------------------------


def versies(brief: Reactiebrief | int) -> QuerySet[Briefversie]:
    """The letter's versions, oldest first, with who made them."""
    pk = brief.pk if isinstance(brief, Reactiebrief) else brief
    return Briefversie.objects.filter(brief_id=pk).select_related("gebruiker").order_by("nummer")


def versie_van(brief: Reactiebrief | int, nummer: int) -> Briefversie:
    """Version ``nummer`` of the letter; BestaatNiet when there is none."""
    try:
        return versies(brief).get(nummer=nummer)
    except Briefversie.DoesNotExist:
        raise BestaatNiet(f"Deze brief heeft geen versie {nummer}.") from None


# --- differences -------------------------------------------------------------------------

GELIJK, ERBIJ, ERAF = "gelijk", "erbij", "eraf"


@dataclass(frozen=True)
class Stuk:
    """A run of text that is the same in both versions, only in the newer one (``erbij``,
    an <ins>) or only in the older one (``eraf``, a <del>)."""

    soort: str
    tekst: str


@dataclass
class Veldverschil:
    veld: str
    label: str
    oud: str
    nieuw: str
    stukken: list[Stuk]

    @property
    def html(self) -> SafeString:
        return stukken_als_html(self.stukken)


@dataclass
class Itemverschil:
    """One item that differs between two versions: the letter itself, a section, a
    response, a commitment, a footnote or a recommendation.

    ``soort`` is ``brief``/``sectie``/``reactie``/``toezegging``/``voetnoot``/
    ``aanbeveling``; ``wijziging`` is ``toegevoegd``, ``verwijderd`` or ``gewijzigd``;
    ``velden`` are only the fields that differ.
    """

    soort: str
    object_id: int
    label: str
    wijziging: str
    velden: list[Veldverschil] = field(default_factory=list)


_BRIEFVELDEN = {
    "status": "status",
    "titel": "titel",
    "onderwerp": "betreft",
    "datum": "datum",
    "kenmerk": "kenmerk",
    "uw_kenmerk": "uw kenmerk",
    "bijlagen": "bijlage(n)",
    "geadresseerde": "geadresseerde",
    "opening": "opening",
    "slot": "slot",
}
_STANDPUNTEN = dict(Standpunt.choices)


def platte_tekst(waarde: str) -> str:
    """Rich text as readable plain text for a diff: paragraphs on their own lines, list
    items with a bullet, footnote calls as [n], entities decoded."""
    if not waarde:
        return ""
    tekst = re.sub(r'<sup data-voetnoot="(\d+)">[^<]*</sup>', r"[\1]", waarde)
    tekst = re.sub(r"<li[^>]*>", "• ", tekst)
    tekst = re.sub(r"</p>|</li>|<br\s*/?>", "\n", tekst)
    tekst = html.unescape(strip_tags(tekst))
    regels = [" ".join(regel.split()) for regel in tekst.splitlines()]
    return "\n".join(regel for regel in regels if regel)


def _items(inhoud: dict[str, Any]) -> dict[tuple[str, int], tuple[str, dict[str, tuple]]]:
    """(soort, id) -> (label, {veld: (label, text)}), in the letter's order."""
    items: dict[tuple[str, int], tuple[str, dict[str, tuple]]] = {}
    b = inhoud["brief"]
    velden = {
        veld: (label, platte_tekst(b[veld] or "") if veld in ("opening", "slot") else str(b[veld]))
        for veld, label in _BRIEFVELDEN.items()
        if veld in b
    }
    velden["status"] = ("status", str(b["status"]).replace("_", " "))
    velden["datum"] = ("datum", b["datum"] or "")
    velden["ondertekenaars"] = (
        "ondertekenaars",
        "\n".join(f"{o['titel']} ({o['ministerie']})" for o in inhoud["ondertekenaars"]),
    )
    velden["programmas"] = (
        "programma's waarbij het advies aansluit",
        "\n".join(_programmanaam(p) for p in inhoud["programmas"]),
    )
    items[("brief", b["id"])] = ("Brief", velden)
    for positie, sectie in enumerate(inhoud["secties"], start=1):
        naam = f"Sectie ‘{sectie['kop']}’" if sectie["kop"] else f"Sectie {positie}"
        items[("sectie", sectie["id"])] = (
            naam,
            {
                "positie": ("plaats in de brief", str(positie)),
                "kop": ("kop", sectie["kop"]),
                "tekst": ("tekst", platte_tekst(sectie["tekst"])),
            },
        )
        for reactie in sectie["reacties"]:
            label = _reactielabel(reactie)
            items[("reactie", reactie["id"])] = (
                label,
                {
                    "sectie": ("sectie", naam),
                    "aanbevelingen": ("aanbevelingen", ", ".join(reactie["aanbevelingen"])),
                    "standpunt": (
                        "standpunt",
                        _STANDPUNTEN.get(reactie["standpunt"], reactie["standpunt"]),
                    ),
                    "tekst": ("tekst", platte_tekst(reactie["tekst"])),
                    "programmas": (
                        "programmakoppelingen",
                        "\n".join(
                            f"{_programmanaam(k)} ({k['soort'].replace('_', ' ')})"
                            for k in reactie["programmas"]
                        ),
                    ),
                    "organisaties": ("organisaties", ", ".join(reactie["organisaties"])),
                },
            )
            for toezegging in reactie["toezeggingen"]:
                items[("toezegging", toezegging["id"])] = (
                    f"Toezegging bij de {label[0].lower()}{label[1:]}",
                    {
                        "tekst": ("tekst", toezegging["tekst"]),
                        "status": ("status", toezegging["status"].replace("_", " ")),
                        "deadline": ("deadline", toezegging["deadline"] or ""),
                        "ambtsdrager": ("verantwoordelijke", toezegging["ambtsdrager"] or ""),
                        "organisatie": ("uitvoerder", toezegging["organisatie"] or ""),
                        "programma": ("programma", toezegging["programma"] or ""),
                    },
                )
    for voetnoot in inhoud["voetnoten"]:
        items[("voetnoot", voetnoot["id"])] = (
            f"Voetnoot {voetnoot['nummer']}",
            {"tekst": ("tekst", platte_tekst(voetnoot["tekst"]))},
        )
    for aanbeveling in inhoud["aanbevelingen"]:
        items[("aanbeveling", aanbeveling["id"])] = (
            f"Aanbeveling {aanbeveling['nummer']}",
            {
                "tekst": ("tekst", aanbeveling["tekst"]),
                "bestuurslagen": ("bestuurslagen", ", ".join(aanbeveling["bestuurslagen"])),
            },
        )
    return items


def _programmanaam(p: dict[str, Any]) -> str:
    if p.get("onderdeel_naam"):
        return f"{p['programma_naam']}: {p['onderdeel_naam']}"
    return p["programma_naam"]


def _reactielabel(reactie: dict[str, Any]) -> str:
    nummers = ", ".join(reactie["aanbevelingen"])
    return f"Reactie op {nummers}" if nummers else f"Reactie {reactie['id']}"


def woordverschil(oud: str, nieuw: str) -> list[Stuk]:
    """The word-level difference between two texts, as runs of equal, inserted and
    deleted text. Words are compared without their surrounding white space; each run keeps
    the white space of the version it comes from."""
    oude, nieuwe = _woorden(oud), _woorden(nieuw)
    matcher = difflib.SequenceMatcher(
        None, [w for w, _ in oude], [w for w, _ in nieuwe], autojunk=False
    )
    stukken: list[Stuk] = []

    def voeg_toe(soort: str, woorden: list[tuple[str, str]]) -> None:
        tekst = "".join(w + spatie for w, spatie in woorden)
        if not tekst:
            return
        if stukken and stukken[-1].soort == soort:
            stukken[-1] = Stuk(soort, stukken[-1].tekst + tekst)
        else:
            stukken.append(Stuk(soort, tekst))

    for code, a1, a2, b1, b2 in matcher.get_opcodes():
        if code == "equal":
            voeg_toe(GELIJK, nieuwe[b1:b2])
        else:
            voeg_toe(ERAF, oude[a1:a2])
            voeg_toe(ERBIJ, nieuwe[b1:b2])
    return stukken


def _woorden(tekst: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in re.finditer(r"(\S+)(\s*)", tekst or "")]


def stukken_als_html(stukken: list[Stuk]) -> SafeString:
    """Runs as escaped HTML: insertions in <ins>, deletions in <del>, line breaks kept."""
    delen = []
    for stuk in stukken:
        tekst = escape(stuk.tekst).replace("\n", "<br>")
        if stuk.soort == ERBIJ:
            delen.append(f"<ins>{tekst}</ins>")
        elif stuk.soort == ERAF:
            delen.append(f"<del>{tekst}</del>")
        else:
            delen.append(tekst)
    return mark_safe("".join(delen))  # every part is escaped above


def verschil(versie_a: Briefversie, versie_b: Briefversie) -> list[Itemverschil]:
    """What differs between two versions of a letter (either order: ``versie_a`` is taken
    as the older side), per item and per field, with word-level runs.

    Items in the order of the newer version, then the items only the older one had.
    """
    oud = _items(versie_a.inhoud)
    nieuw = _items(versie_b.inhoud)
    resultaat: list[Itemverschil] = []
    for sleutel in [*nieuw, *(s for s in oud if s not in nieuw)]:
        soort, object_id = sleutel
        if sleutel not in oud:
            label, velden = nieuw[sleutel]
            wijziging, paren = (
                "toegevoegd",
                {v: ("", tekst, lab) for v, (lab, tekst) in velden.items()},
            )
        elif sleutel not in nieuw:
            label, velden = oud[sleutel]
            wijziging, paren = (
                "verwijderd",
                {v: (tekst, "", lab) for v, (lab, tekst) in velden.items()},
            )
        else:
            label, velden = nieuw[sleutel]
            oude_velden = oud[sleutel][1]
            wijziging = "gewijzigd"
            paren = {
                v: (oude_velden.get(v, (lab, ""))[1], tekst, lab)
                for v, (lab, tekst) in velden.items()
            }
        veldverschillen = [
            Veldverschil(veld, lab, a, b, woordverschil(a, b))
            for veld, (a, b, lab) in paren.items()
            if a != b
        ]
        if veldverschillen:
            resultaat.append(Itemverschil(soort, object_id, label, wijziging, veldverschillen))
    return resultaat


# --- restore -----------------------------------------------------------------------------


def reactie_in_versie(versie_: Briefversie, reactie_id: int) -> dict[str, Any]:
    """The response ``reactie_id`` as it stood in ``versie_``; BestaatNiet if absent."""
    for sectie in versie_.inhoud["secties"]:
        for reactie in sectie["reacties"]:
            if reactie["id"] == reactie_id:
                return reactie
    raise BestaatNiet(f"Deze reactie kwam in versie {versie_.nummer} van de brief niet voor.")


def herstel_reactie(
    reactie_id: int | Reactie,
    versie: Briefversie | int,
    gebruiker: AbstractBaseUser,
    revisie: int,
) -> Reactie:
    """Restore a response's text and stance as they were in ``versie`` (a Briefversie of
    the response's letter, or its number), through ``services.bewaar_reactie``: the same
    rights, the same optimistic lock (``revisie`` is the revision the user is looking at),
    recorded as soort ``hersteld``, "Reactie op X hersteld uit versie N".

    Raises what bewaar_reactie raises, and BestaatNiet when the response (or the version)
    is not there. Restoring the text it already has changes and records nothing.
    """
    from reacties import services  # services records versions through this module

    pk = reactie_id.pk if isinstance(reactie_id, Reactie) else reactie_id
    brief_id = services.brief_id_van_reactie(pk)
    if not isinstance(versie, Briefversie):
        versie = versie_van(brief_id, versie)
    elif versie.brief_id != brief_id:
        raise BestaatNiet("Deze versie hoort bij een andere brief.")
    oud = reactie_in_versie(versie, pk)
    return services.bewaar_reactie_als(
        pk,
        revisie=revisie,
        tekst=oud["tekst"],
        standpunt=oud["standpunt"],
        gebruiker=gebruiker,
        soort=Wijzigingsoort.HERSTELD,
        omschrijving=lambda label: f"{label} hersteld uit versie {versie.nummer}",
    )
