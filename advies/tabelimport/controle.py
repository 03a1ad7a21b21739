"""Checking a table against the database: every row's problems, or the plan of the writes.

Nothing is written here. ``controleer_tabel`` reads what the rows refer to (reports,
recommendations, levels, the letters that answer the reports) in a fixed number of queries
and returns a ``Plan``: the problems with their row and column, and the changes the rows
ask for. The rules are in docs/tabelimport.md; in short:

- a row is one recommendation, keyed by (advies_slug, nummer): a known number changes that
  recommendation, a new number adds one at the end of the report;
- ``standpunt`` and ``toezeggingen`` are applied to the response to that recommendation in
  the report's newest letter, only when the cell differs from what the export writes for
  it now (so an exported file can be imported again unchanged) and only in a concept
  letter; an empty cell changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Max, Prefetch

from advies import export
from advies.models import Aanbeveling, Advies, Bestuurslaag
from advies.tabelimport import cellen
from advies.tabelimport.cellen import Celfout, Toezeggingregel, schone_tekst
from advies.tabelimport.lezen import Rij, Tabel
from advies.tabelimport.plan import (
    Aanbevelingwijziging,
    NieuweAanbeveling,
    Plan,
    Standpuntwijziging,
    Toezeggingwijziging,
)
from reacties.models import Briefstatus, Reactie, Reactiebrief, Toezegging

NUMMER_MAX = Aanbeveling._meta.get_field("nummer").max_length


def controleer_tabel(tabel: Tabel) -> Plan:
    """Every problem of the table and the changes it asks for; writes nothing."""
    return _Controle(tabel).plan()


def _vergelijkbaar(tekst: str) -> str:
    """A cell's text for "is it what the export wrote?": as the export's XLSX would hold
    it (no control characters), each line trimmed."""
    return "\n".join(regel.strip() for regel in schone_tekst(tekst).split("\n"))


class _Controle:
    def __init__(self, tabel: Tabel) -> None:
        self.tabel = tabel
        # The file's name goes into the letters' history: one clean line, not too long.
        bron = " ".join(schone_tekst(tabel.naam).split())[:100]
        self.uit = Plan(bron=bron, genegeerd=tabel.genegeerd)
        self.uit.fouten.extend(tabel.fouten)
        self.gezien: dict[tuple[int, str], int] = {}
        # Response pk -> (the value asked for, its row, its recommendation's number).
        self.standpunt_van: dict[int, tuple[str, int, str]] = {}
        self.toezeggingen_van: dict[int, tuple[list[Toezeggingregel], int, str]] = {}

    # --- reading what the rows refer to ---------------------------------------------------

    def _lees_database(self) -> None:
        slugs = {schone_tekst(rij.cellen.get("advies_slug") or "") for rij in self.tabel.rijen}
        self.adviezen = {a.slug: a for a in Advies.objects.filter(slug__in=slugs - {""})}
        ids = [a.pk for a in self.adviezen.values()]
        self.bestaand: dict[tuple[int, str], Aanbeveling] = {
            (a.advies_id, a.nummer): a
            for a in Aanbeveling.objects.filter(advies_id__in=ids)
            .select_related("advies")
            .prefetch_related("bestuurslagen")
        }
        self.uit.hoogste_volgorde = dict(
            Aanbeveling.objects.filter(advies_id__in=ids)
            .values("advies_id")
            .annotate(n=Max("volgorde"))
            .values_list("advies_id", "n")
        )
        self.lagen: dict[str, Bestuurslaag] = {}
        for laag in Bestuurslaag.objects.order_by("volgorde", "naam"):
            self.lagen.setdefault(laag.naam.lower(), laag)
            self.lagen.setdefault(laag.slug.lower(), laag)
        self.laagnamen = ", ".join(dict.fromkeys(laag.naam for laag in self.lagen.values()))
        self.basis: dict[tuple[str, str], list[str]] = {}
        self.doelbrief: dict[int, Reactiebrief] = {}
        self.reacties_van: dict[int, list[Reactie]] = defaultdict(list)
        self._lees_antwoorden()

    def _lees_antwoorden(self) -> None:
        """For the recommendations whose stance or commitments cell is filled in: what the
        export writes for them now (the "unchanged" cells), the newest letter of their
        report and their responses in it. Nothing when no such cell is filled in."""
        nodig: dict[int, Aanbeveling] = {}
        for rij in self.tabel.rijen:
            if not any(
                schone_tekst(rij.cellen.get(k) or "") for k in ("standpunt", "toezeggingen")
            ):
                continue
            advies = self.adviezen.get(schone_tekst(rij.cellen.get("advies_slug") or ""))
            nummer = schone_tekst(rij.cellen.get("nummer") or "")
            if advies is not None and (a := self.bestaand.get((advies.pk, nummer))) is not None:
                nodig[a.pk] = a
        if not nodig:
            return
        for rij in export.exportrijen(
            Aanbeveling.objects.filter(pk__in=nodig).order_by("pk"), lambda a: ""
        ):
            self.basis[(rij.advies_slug, rij.nummer)] = export.tekstcellen(rij)
        # The letter that takes the changes: the newest version per report.
        adviezen = {a.advies_id for a in nodig.values()}
        for brief in Reactiebrief.objects.filter(advies_id__in=adviezen).order_by(
            "advies_id", "versie"
        ):
            self.doelbrief[brief.advies_id] = brief
        reacties = (
            Reactie.objects.filter(
                sectie__brief_id__in=[b.pk for b in self.doelbrief.values()],
                aanbevelingen__in=list(nodig),
            )
            .distinct()
            .select_related("sectie")
            .prefetch_related(
                "aanbevelingen",
                Prefetch("toezeggingen", queryset=Toezegging.objects.order_by("volgorde", "pk")),
            )
            .order_by("sectie__volgorde", "volgorde")
        )
        for reactie in reacties:
            for aanbeveling in reactie.aanbevelingen.all():
                self.reacties_van[aanbeveling.pk].append(reactie)

    # --- the rows -------------------------------------------------------------------------

    def plan(self) -> Plan:
        self._lees_database()
        for rij in self.tabel.rijen:
            self.uit.rijen += 1
            voor = self._aantal_wijzigingen()
            self._rij(rij)
            if self._aantal_wijzigingen() == voor:
                self.uit.ongewijzigd += 1
        return self.uit

    def _aantal_wijzigingen(self) -> int:
        u = self.uit
        return len(u.nieuw) + len(u.gewijzigd) + len(u.standpunten) + len(u.toezeggingen)

    def _fout(self, rij: Rij, sleutel: str | None, tekst: str) -> None:
        self.uit.fouten.append(self.tabel.melding(rij.nummer, sleutel, tekst))

    def _rij(self, rij: Rij) -> None:
        # Every cell is checked, also when the row's key is wrong: all problems in one go.
        advies = self._advies(rij)
        nummer = self._nummer(rij)
        tekst = self._tekst(rij)
        lagen = self._lagen(rij)
        if advies is None or nummer is None:
            return  # no recommendation to compare with; the key's problem is reported
        if (eerder := self.gezien.get((advies.pk, nummer))) is not None:
            self._fout(
                rij, "nummer", f"aanbeveling {nummer} van dit advies staat al in rij {eerder}."
            )
            return
        self.gezien[(advies.pk, nummer)] = rij.nummer
        bestaand = self.bestaand.get((advies.pk, nummer))
        if bestaand is None:
            self._nieuw(rij, advies, nummer, tekst, lagen)
            return
        wijziging = Aanbevelingwijziging(rij.nummer, bestaand)
        if tekst is not None and tekst != schone_tekst(bestaand.tekst):
            wijziging.tekst = tekst
        if lagen is not None and lagen != sorted(laag.pk for laag in bestaand.bestuurslagen.all()):
            wijziging.lagen = lagen
        if wijziging.tekst is not None or wijziging.lagen is not None:
            self.uit.gewijzigd.append(wijziging)
        self._standpunt(rij, bestaand)
        self._toezeggingen(rij, bestaand)

    def _advies(self, rij: Rij) -> Advies | None:
        cel = rij.cellen.get("advies_slug")
        if cel is None:
            return None  # unreadable: reported
        slug = schone_tekst(cel)
        advies = self.adviezen.get(slug)
        if not slug:
            self._fout(rij, "advies_slug", "vul de sleutel van het advies in, zoals in de export.")
        elif advies is None:
            self._fout(
                rij,
                "advies_slug",
                f"advies ‘{slug[:60]}’ bestaat niet. Controleer de sleutel, of maak het advies "
                "eerst aan in het beheer.",
            )
        return advies

    def _nummer(self, rij: Rij) -> str | None:
        cel = rij.cellen.get("nummer")
        if cel is None:
            return None
        try:
            return cellen.sleutel(cel, "het nummer van de aanbeveling", NUMMER_MAX)
        except Celfout as fout:
            self._fout(rij, "nummer", str(fout))
            return None

    def _tekst(self, rij: Rij) -> str | None:
        cel = rij.cellen.get("aanbeveling")
        if cel is None:
            return None
        try:
            return cellen.platte_tekst(cel, "een aanbeveling")
        except Celfout as fout:
            self._fout(rij, "aanbeveling", str(fout))
            return None

    def _lagen(self, rij: Rij) -> list[int] | None:
        cel = rij.cellen.get("bestuurslagen")
        if cel is None:
            return None
        gevonden, onbekend = set(), []
        for naam in cellen.lijst(cel):
            laag = self.lagen.get(naam.lower())
            if laag is None:
                onbekend.append(naam)
            else:
                gevonden.add(laag.pk)
        if onbekend:
            namen = ", ".join(f"‘{n[:40]}’" for n in onbekend[:5])
            self._fout(
                rij,
                "bestuurslagen",
                f"onbekende bestuurslaag {namen}. Bekend zijn: {self.laagnamen}.",
            )
            return None
        return sorted(gevonden)

    def _nieuw(
        self, rij: Rij, advies: Advies, nummer: str, tekst: str | None, lagen: list[int] | None
    ) -> None:
        for sleutel in ("standpunt", "toezeggingen"):
            if schone_tekst(rij.cellen.get(sleutel) or ""):
                self._fout(
                    rij,
                    sleutel,
                    f"aanbeveling {nummer} is nieuw en heeft nog geen reactie in de brief; "
                    "laat deze cel leeg en schrijf de reactie in de editor.",
                )
        if tekst is None:
            if rij.cellen.get("aanbeveling") is not None:
                return  # its problem is reported
            self._fout(rij, "aanbeveling", "een nieuwe aanbeveling heeft tekst nodig.")
            return
        self.uit.nieuw.append(NieuweAanbeveling(rij.nummer, advies, nummer, tekst, lagen or []))

    # --- the response: stance and commitments ----------------------------------------------

    def _basiscel(self, aanbeveling: Aanbeveling, sleutel: str) -> str:
        cellen_ = self.basis.get((aanbeveling.advies.slug, aanbeveling.nummer))
        return cellen_[export.KOLOMMEN.index(sleutel)] if cellen_ else ""

    def _doelreactie(self, rij: Rij, aanbeveling: Aanbeveling, sleutel: str) -> Reactie | None:
        """The one response to ``aanbeveling`` in its report's newest letter, if that
        letter may change; otherwise None, with the reason as an error."""
        brief = self.doelbrief.get(aanbeveling.advies_id)
        if brief is None:
            self._fout(
                rij,
                sleutel,
                "dit advies heeft nog geen reactiebrief; standpunten en toezeggingen horen bij "
                "een reactie in de brief.",
            )
            return None
        if brief.status != Briefstatus.CONCEPT:
            vervolg = (
                "Een Coördinator kan hem terugsturen naar concept."
                if brief.status == Briefstatus.TER_REVIEW
                else "Maak eerst een nieuwe versie van de brief."
            )
            self._fout(
                rij,
                sleutel,
                f"de nieuwste reactiebrief bij dit advies (versie {brief.versie}) is "
                f"{brief.get_status_display()}; dit kan alleen veranderen in een brief in "
                f"concept. {vervolg}",
            )
            return None
        reacties = self.reacties_van.get(aanbeveling.pk, [])
        if not reacties:
            self._fout(
                rij,
                sleutel,
                f"aanbeveling {aanbeveling.nummer} heeft in de reactiebrief (versie "
                f"{brief.versie}) nog geen reactie; schrijf die eerst in de editor.",
            )
            return None
        if len(reacties) > 1:
            self._fout(
                rij,
                sleutel,
                f"aanbeveling {aanbeveling.nummer} wordt in de reactiebrief door "
                f"{len(reacties)} reacties beantwoord; wijzig dit in de editor.",
            )
            return None
        return reacties[0]

    def _standpunt(self, rij: Rij, aanbeveling: Aanbeveling) -> None:
        cel = rij.cellen.get("standpunt")
        if cel is None:
            return
        try:
            gevraagd = list(dict.fromkeys(cellen.standpunten(cel)))
            basis = list(
                dict.fromkeys(cellen.standpunten(self._basiscel(aanbeveling, "standpunt")))
            )
        except Celfout as fout:
            self._fout(rij, "standpunt", str(fout))
            return
        if not gevraagd or gevraagd == basis:
            return  # empty, or as exported: no change asked for
        if len(gevraagd) > 1:
            self._fout(rij, "standpunt", f"geef één standpunt; de cel noemt er {len(gevraagd)}.")
            return
        reactie = self._doelreactie(rij, aanbeveling, "standpunt")
        if reactie is None:
            return
        standpunt = gevraagd[0]
        if (eerder := self.standpunt_van.get(reactie.pk)) is not None:
            if eerder[0] != standpunt:
                self._fout(
                    rij,
                    "standpunt",
                    f"dezelfde reactie beantwoordt ook aanbeveling {eerder[2]} (rij {eerder[1]}), "
                    "met een ander standpunt. Eén reactie heeft één standpunt.",
                )
            return
        self.standpunt_van[reactie.pk] = (standpunt, rij.nummer, aanbeveling.nummer)
        if reactie.standpunt != standpunt:
            self.uit.standpunten.append(
                Standpuntwijziging(
                    rij.nummer, aanbeveling.nummer, reactie.pk, reactie.sectie.brief_id, standpunt
                )
            )

    def _toezeggingen(self, rij: Rij, aanbeveling: Aanbeveling) -> None:
        cel = rij.cellen.get("toezeggingen")
        if cel is None or not schone_tekst(cel):
            return  # unreadable (reported), or empty: no change
        basistekst = self._basiscel(aanbeveling, "toezeggingen")
        if _vergelijkbaar(cel) == _vergelijkbaar(basistekst):
            return
        try:
            gevraagd = cellen.toezeggingen(cel)
        except Celfout as fout:
            self._fout(rij, "toezeggingen", str(fout))
            return
        try:
            if gevraagd == cellen.toezeggingen(basistekst):
                return  # written differently, the same commitments
        except Celfout:
            pass  # the export's own text need not parse (a text that ends in "(open)")
        reactie = self._doelreactie(rij, aanbeveling, "toezeggingen")
        if reactie is None:
            return
        if (eerder := self.toezeggingen_van.get(reactie.pk)) is not None:
            if eerder[0] != gevraagd:
                self._fout(
                    rij,
                    "toezeggingen",
                    f"dezelfde reactie beantwoordt ook aanbeveling {eerder[2]} (rij {eerder[1]}), "
                    "met andere toezeggingen. Maak de cellen gelijk of laat er één leeg.",
                )
            return
        self.toezeggingen_van[reactie.pk] = (gevraagd, rij.nummer, aanbeveling.nummer)
        bestaand = list(reactie.toezeggingen.all())
        paren, over = _koppel(bestaand, gevraagd)
        if over:
            namen = ", ".join(f"‘{_kort(t.tekst)}’" for t in over[:3])
            meer = f" en nog {len(over) - 3}" if len(over) > 3 else ""
            self._fout(
                rij,
                "toezeggingen",
                f"toezegging {namen}{meer} staat niet meer in de cel. Verwijderen kan alleen in "
                "de editor; zet de toezegging terug, of zet haar status op ‘vervallen’.",
            )
            return
        bijwerken, nieuw = [], []
        for regel, toezegging in zip(gevraagd, paren, strict=True):
            if toezegging is None:
                nieuw.append(regel)
            elif velden := _verschil(toezegging, regel):
                bijwerken.append((toezegging.pk, velden))
        if bijwerken or nieuw:
            self.uit.toezeggingen.append(
                Toezeggingwijziging(
                    rij.nummer,
                    aanbeveling.nummer,
                    reactie.pk,
                    reactie.sectie.brief_id,
                    bijwerken,
                    nieuw,
                )
            )


def _kort(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= 40 else tekst[:39] + "…"


def _koppel(
    bestaand: list[Toezegging], gevraagd: list[Toezeggingregel]
) -> tuple[list[Toezegging | None], list[Toezegging]]:
    """Pair each commitment in the cell with a stored one: the same text first, then the
    remaining ones in order (an edited text keeps its record, with its office holder and
    programme). Returns the pairs (None: a new commitment) and the stored ones left over."""
    vrij = list(bestaand)
    paren: list[Toezegging | None] = [None] * len(gevraagd)
    for i, regel in enumerate(gevraagd):
        for toezegging in vrij:
            if schone_tekst(toezegging.tekst) == regel.tekst:
                paren[i] = toezegging
                vrij.remove(toezegging)
                break
    for i in range(len(gevraagd)):
        if paren[i] is None and vrij:
            paren[i] = vrij.pop(0)
    return paren, vrij


def _verschil(toezegging: Toezegging, regel: Toezeggingregel) -> dict[str, Any]:
    velden: dict[str, Any] = {}
    if schone_tekst(toezegging.tekst) != regel.tekst:
        velden["tekst"] = regel.tekst
    if toezegging.status != regel.status:
        velden["status"] = regel.status
    if (toezegging.deadline_datum, toezegging.deadline_jaar) != (
        regel.deadline_datum,
        regel.deadline_jaar,
    ):
        velden["deadline_datum"] = regel.deadline_datum
        velden["deadline_jaar"] = regel.deadline_jaar
    return velden
