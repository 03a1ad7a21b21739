"""Writing a checked plan: recommendations, stances and commitments, and the letters' history.

Called by ``importeer_tabel`` inside its transaction, after the reports and their letters
are locked and the plan was made under that lock, so what was checked is what is written.
As in ``reacties.services``:

- a recommendation belongs to its report, not to one letter: it may change while letters
  are frozen, and every letter of the report records a version;
- stances and commitments change only in a concept letter (the plan checked that), and
  raise the ``revisie`` of what they change, so an editor that loaded the old revision gets
  a conflict instead of overwriting the import;
- every letter that changed gets one ``Briefversie`` for the whole import (soort
  "geïmporteerd"), with the letter as it now stands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import F, Max

from advies.models import Aanbeveling
from advies.tabelimport.plan import Plan
from reacties.geschiedenis import leg_vast
from reacties.models import Reactie, Reactiebrief, Toezegging, Wijzigingsoort

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

Laag = Aanbeveling.bestuurslagen.through


def schrijf(plan: Plan, gebruiker: AbstractBaseUser | None) -> int:
    """Carry out ``plan``; returns the number of history versions recorded."""
    per_brief: dict[int, list[str]] = defaultdict(list)
    _nieuwe_aanbevelingen(plan)
    _gewijzigde_aanbevelingen(plan)
    adviezen: dict[int, list[str]] = defaultdict(list)
    for n in plan.nieuw:
        adviezen[n.advies.pk].append(f"{n.nummer} toegevoegd")
    for w in plan.gewijzigd:
        adviezen[w.aanbeveling.advies_id].append(f"{w.aanbeveling.nummer} gewijzigd")
    for brief_id, advies_id in Reactiebrief.objects.filter(advies_id__in=adviezen).values_list(
        "pk", "advies_id"
    ):
        per_brief[brief_id].append("aanbeveling " + _opsomming(adviezen[advies_id]))
    for s in plan.standpunten:
        Reactie.objects.filter(pk=s.reactie_id).update(
            standpunt=s.standpunt, revisie=F("revisie") + 1
        )
        per_brief[s.brief_id].append(f"standpunt bij {s.nummer}")
    _toezeggingen(plan)
    for t in plan.toezeggingen:
        per_brief[t.brief_id].append(f"toezeggingen bij {t.nummer}")
    bron = f" ‘{plan.bron}’" if plan.bron else ""
    for brief_id in sorted(per_brief):
        leg_vast(
            brief_id,
            gebruiker=gebruiker,
            soort=Wijzigingsoort.IMPORT,
            omschrijving=f"Tabelimport{bron}: {'; '.join(per_brief[brief_id])}",
        )
    return len(per_brief)


def _opsomming(delen: Iterable[str]) -> str:
    delen = list(delen)
    if len(delen) > 8:
        return ", ".join(delen[:8]) + f" en nog {len(delen) - 8}"
    return ", ".join(delen)


def _nieuwe_aanbevelingen(plan: Plan) -> None:
    """New recommendations at the end of their report, in file order. One whose number
    is "X.Y" comes under main advice "X" when the report has one."""
    if not plan.nieuw:
        return
    volgorde = dict(plan.hoogste_volgorde)
    rijen = []
    for n in plan.nieuw:
        volgorde[n.advies.pk] = volgorde.get(n.advies.pk, 0) + 1
        rijen.append(
            Aanbeveling(
                advies_id=n.advies.pk,
                nummer=n.nummer,
                volgorde=volgorde[n.advies.pk],
                tekst=n.tekst,
            )
        )
    Aanbeveling.objects.bulk_create(rijen)
    adviezen = {n.advies.pk for n in plan.nieuw}
    pk_van = {
        (advies_id, nummer): pk
        for pk, advies_id, nummer in Aanbeveling.objects.filter(advies_id__in=adviezen).values_list(
            "pk", "advies_id", "nummer"
        )
    }
    Laag.objects.bulk_create(
        Laag(aanbeveling_id=pk_van[(n.advies.pk, n.nummer)], bestuurslaag_id=laag)
        for n in plan.nieuw
        for laag in n.lagen
    )
    for n in plan.nieuw:
        if "." not in n.nummer:
            continue
        hoofd = pk_van.get((n.advies.pk, n.nummer.rsplit(".", 1)[0]))
        if hoofd is not None:
            Aanbeveling.objects.filter(pk=pk_van[(n.advies.pk, n.nummer)]).update(
                bovenliggend_id=hoofd
            )


def _gewijzigde_aanbevelingen(plan: Plan) -> None:
    for w in plan.gewijzigd:
        if w.tekst is not None:
            Aanbeveling.objects.filter(pk=w.aanbeveling.pk).update(tekst=w.tekst)
    opnieuw = {w.aanbeveling.pk: w.lagen for w in plan.gewijzigd if w.lagen is not None}
    if opnieuw:
        Laag.objects.filter(aanbeveling_id__in=opnieuw).delete()
        Laag.objects.bulk_create(
            Laag(aanbeveling_id=pk, bestuurslaag_id=laag)
            for pk, lagen in opnieuw.items()
            for laag in lagen
        )


def _toezeggingen(plan: Plan) -> None:
    for t in plan.toezeggingen:
        for pk, velden in t.bijwerken:
            Toezegging.objects.filter(pk=pk).update(**velden, revisie=F("revisie") + 1)
    reacties = {t.reactie_id for t in plan.toezeggingen if t.nieuw}
    hoogste = dict(
        Toezegging.objects.filter(reactie_id__in=reacties)
        .values("reactie_id")
        .annotate(n=Max("volgorde"))
        .values_list("reactie_id", "n")
    )
    nieuw = []
    for t in plan.toezeggingen:
        for regel in t.nieuw:
            hoogste[t.reactie_id] = hoogste.get(t.reactie_id, 0) + 1
            nieuw.append(
                Toezegging(
                    reactie_id=t.reactie_id,
                    volgorde=hoogste[t.reactie_id],
                    tekst=regel.tekst,
                    status=regel.status,
                    deadline_datum=regel.deadline_datum,
                    deadline_jaar=regel.deadline_jaar,
                )
            )
    Toezegging.objects.bulk_create(nieuw)
