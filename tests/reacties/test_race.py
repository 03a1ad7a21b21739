"""No lost work under real concurrency: 20 threads save the same response from the same
revision at the same moment; exactly one wins, the others get the conflict.

PostgreSQL only: SQLite serialises every writer on one file lock and has no row locks, so
the race it would run is not the one production runs.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from reacties.fouten import Bewerkingsconflict
from reacties.geschiedenis import versies
from reacties.models import Briefversie, Reactie
from reacties.services import bewaar_reactie
from tests.conftest import zaai_referentiedata
from tests.reacties.werkstroom_hulp import gebruiker, kleine_brief

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="de race vraagt echte gelijktijdigheid met rijvergrendeling: alleen PostgreSQL",
)

DRADEN = 20


@pytest.mark.django_db(transaction=True)
def test_twintig_gelijktijdige_bewaringen_een_winnaar():
    # A transactional test starts from whatever the previous one left after its flush.
    zaai_referentiedata()
    redacteur = gebruiker("Redacteur")
    assert redacteur.has_perm("reacties.change_reactie")  # fills the permission cache first
    brief = kleine_brief()
    reactie = Reactie.objects.get(sectie__brief=brief)
    revisie = reactie.revisie
    assert not Briefversie.objects.filter(brief=brief).exists()

    start = threading.Barrier(DRADEN)
    gelukt: list[tuple[int, str]] = []
    conflicten: list[Bewerkingsconflict] = []
    fouten: list[BaseException] = []
    slot = threading.Lock()

    def bewaar(nummer: int) -> None:
        tekst = f"<p>Tekst van draad {nummer}.</p>"
        try:
            start.wait(timeout=30)
            opgeslagen = bewaar_reactie(
                reactie.pk,
                revisie=revisie,
                tekst=tekst,
                standpunt="overgenomen",
                gebruiker=redacteur,
            )
            with slot:
                gelukt.append((nummer, opgeslagen.tekst))
        except Bewerkingsconflict as conflict:
            with slot:
                conflicten.append(conflict)
        except BaseException as fout:
            with slot:
                fouten.append(fout)
        finally:
            connection.close()  # each thread has its own connection

    draden = [threading.Thread(target=bewaar, args=(n,)) for n in range(DRADEN)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=120)

    assert not fouten, fouten
    assert len(gelukt) == 1, gelukt
    assert len(conflicten) == DRADEN - 1
    [(winnaar, winnende_tekst)] = gelukt
    assert winnende_tekst == f"<p>Tekst van draad {winnaar}.</p>"

    reactie.refresh_from_db()
    assert (reactie.tekst, reactie.revisie) == (winnende_tekst, revisie + 1)
    for conflict in conflicten:
        # Every loser is told what is stored now, and keeps its own text.
        assert (conflict.huidige_tekst, conflict.huidige_revisie) == (winnende_tekst, revisie + 1)
        assert conflict.jouw_tekst != winnende_tekst
    # The history holds exactly what was saved: one version, with the winner's text.
    [versie] = versies(brief)
    assert versie.inhoud["secties"][0]["reacties"][0]["tekst"] == winnende_tekst
    assert versie.gebruiker == redacteur
