"""History: a version for every change (who, when, what), word-level differences between
any two versions, and restoring an earlier response as a recorded change."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from reacties import services, workflow
from reacties.fouten import BestaatNiet, Bewerkingsconflict
from reacties.geschiedenis import (
    ERAF,
    ERBIJ,
    GELIJK,
    Stuk,
    herstel_reactie,
    momentopname,
    platte_tekst,
    stukken_als_html,
    verschil,
    versie_van,
    versies,
    woordverschil,
)
from reacties.models import Briefstatus, Briefversie, Reactie, Reactiebrief
from tests import factories
from tests.reacties.werkstroom_hulp import gebruiker, zet_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def conceptbrief(voorbeeldbrief) -> Reactiebrief:
    return zet_status(voorbeeldbrief, Briefstatus.CONCEPT, review_ronde=0)


def _reactie_op(brief: Reactiebrief, nummer: str) -> Reactie:
    return Reactie.objects.get(sectie__brief=brief, aanbevelingen__nummer=nummer)


# --- recording ---------------------------------------------------------------------------


def test_import_begint_de_geschiedenis(voorbeeldbrief):
    [eerste] = versies(voorbeeldbrief)
    assert (eerste.nummer, eerste.soort, eerste.omschrijving, eerste.gebruiker) == (
        1,
        Briefversie.Soort.IMPORT,
        "Geïmporteerd",
        None,
    )
    assert eerste.inhoud == momentopname(voorbeeldbrief)
    # Loading the example again replaces the letter, and its history starts afresh.
    call_command("laad_voorbeeld", stdout=io.StringIO())
    brief = Reactiebrief.objects.get(advies__slug="ruimte-maken-voor-ontmoeting")
    assert [v.soort for v in versies(brief)] == [Briefversie.Soort.IMPORT]


def test_momentopname_heeft_het_beschreven_formaat(voorbeeldbrief):
    inhoud = momentopname(voorbeeldbrief)
    assert inhoud["formaat"] == 1
    assert set(inhoud) == {
        "formaat",
        "brief",
        "ondertekenaars",
        "programmas",
        "secties",
        "voetnoten",
        "aanbevelingen",
    }
    assert inhoud["brief"]["id"] == voorbeeldbrief.pk
    assert [o["ministerie"] for o in inhoud["ondertekenaars"]] == ["BZK", "VWS"]
    reactie = inhoud["secties"][0]["reacties"][2]
    assert reactie["aanbevelingen"] == ["2", "2.1", "2.2"]
    assert set(reactie) == {
        "id",
        "volgorde",
        "aanbevelingen",
        "standpunt",
        "citeer_aanbevelingen",
        "tekst",
        "organisaties",
        "programmas",
        "toezeggingen",
    }
    assert {"id", "tekst", "status", "deadline"} <= set(reactie["toezeggingen"][0])
    assert [a["nummer"] for a in inhoud["aanbevelingen"]][:3] == ["1", "1.1", "2"]
    assert inhoud["aanbevelingen"][1]["bovenliggend"] == "1"


def test_elke_soort_wijziging_wordt_vastgelegd(conceptbrief, redacteur):
    coordinatoren = [
        gebruiker("Coördinator", m) for m in workflow.ondertekenende_ministeries(conceptbrief)
    ]
    reactie = _reactie_op(conceptbrief, "4")
    sectie = conceptbrief.secties.order_by("volgorde").last()
    aanbeveling = reactie.aanbevelingen.get()
    programma = factories.maak_programma()

    services.bewaar_brief(conceptbrief, revisie=1, gebruiker=redacteur, titel="Kabinetsreactie")
    services.bewaar_sectie(sectie, revisie=1, gebruiker=redacteur, kop="Tot slot", tekst="")
    reactie = services.bewaar_reactie(
        reactie, revisie=1, tekst="<p>Anders.</p>", standpunt="overgenomen", gebruiker=redacteur
    )
    toezegging = services.voeg_toezegging_toe(reactie, gebruiker=redacteur, tekst="Een plan.")
    reactie = services.zet_programmakoppelingen(
        reactie, [(programma, None, "nieuwe_toezegging")], revisie=2, gebruiker=redacteur
    )
    services.bewaar_aanbeveling(
        aanbeveling, oude_tekst=aanbeveling.tekst, tekst="Vertaal het.", gebruiker=redacteur
    )
    workflow.stuur_naar_review(conceptbrief, coordinatoren[0])

    geschiedenis = list(versies(conceptbrief))
    assert [v.nummer for v in geschiedenis] == list(range(1, 9))
    assert [(v.soort, v.object_type, v.omschrijving) for v in geschiedenis[1:]] == [
        ("gewijzigd", "reactiebrief", "Brief gewijzigd: titel"),
        ("gewijzigd", "sectie", "Sectie ‘Tot slot’ gewijzigd"),
        ("gewijzigd", "reactie", "Reactie op 4 gewijzigd"),
        ("gewijzigd", "toezegging", "Toezegging ‘Een plan.’ toegevoegd bij de reactie op 4"),
        ("gewijzigd", "reactie", "Programmakoppelingen van de reactie op 4 gewijzigd"),
        ("gewijzigd", "aanbeveling", "Aanbeveling 4 gewijzigd"),
        ("status", "reactiebrief", "Naar review gestuurd (ronde 1)"),
    ]
    assert [v.gebruiker for v in geschiedenis[1:-1]] == [redacteur] * 6
    assert geschiedenis[-1].gebruiker == coordinatoren[0]
    tijden = [v.tijdstip for v in geschiedenis]
    assert tijden == sorted(tijden)
    assert geschiedenis[4].object_id == toezegging.pk
    # Each version is the whole letter right after its change.
    assert geschiedenis[-1].inhoud["brief"]["status"] == "ter_review"
    assert geschiedenis[2].inhoud["brief"]["titel"] == "Kabinetsreactie"
    assert versie_van(conceptbrief, 3) == geschiedenis[2]
    with pytest.raises(BestaatNiet):
        versie_van(conceptbrief, 99)


# --- differences -------------------------------------------------------------------------


def test_woordverschil():
    stukken = woordverschil(
        "Het kabinet neemt dit advies over.", "Het kabinet neemt dit advies graag en volledig over."
    )
    assert stukken == [
        Stuk(GELIJK, "Het kabinet neemt dit advies "),
        Stuk(ERBIJ, "graag en volledig "),
        Stuk(GELIJK, "over."),
    ]
    assert woordverschil("een twee drie", "een drie") == [
        Stuk(GELIJK, "een "),
        Stuk(ERAF, "twee "),
        Stuk(GELIJK, "drie"),
    ]
    assert woordverschil("", "nieuw") == [Stuk(ERBIJ, "nieuw")]
    assert stukken_als_html(
        [Stuk(GELIJK, "a <b> "), Stuk(ERAF, "oud\n"), Stuk(ERBIJ, "nieuw & meer")]
    ) == ("a &lt;b&gt; <del>oud<br></del><ins>nieuw &amp; meer</ins>")


def test_platte_tekst():
    assert platte_tekst(
        '<p>Eerste &amp; <strong>vet</strong><sup data-voetnoot="2">2</sup>.</p>'
        "<ul><li>een</li><li>twee</li></ul>"
    ) == ("Eerste & vet[2].\n• een\n• twee")


def test_verschil_tussen_twee_versies_per_onderdeel(conceptbrief, redacteur):
    reactie = _reactie_op(conceptbrief, "5")
    oude_tekst = platte_tekst(reactie.tekst)
    services.bewaar_reactie(
        reactie,
        revisie=1,
        tekst=reactie.tekst.replace("</p>", " Wij doen dat graag.</p>", 1),
        standpunt="overgenomen",
        gebruiker=redacteur,
    )
    services.voeg_toezegging_toe(reactie, gebruiker=redacteur, tekst="Een plan voor de zomer.")
    eerste, *_, laatste = versies(conceptbrief)

    items = verschil(eerste, laatste)

    assert [(i.soort, i.label, i.wijziging) for i in items] == [
        ("brief", "Brief", "gewijzigd"),  # status: verzonden in the import, concept now
        ("reactie", "Reactie op 5", "gewijzigd"),
        ("toezegging", "Toezegging bij de reactie op 5", "toegevoegd"),
    ]
    [status] = items[0].velden
    assert (status.veld, status.stukken) == (
        "status",
        [Stuk(ERAF, "verzonden"), Stuk(ERBIJ, "concept")],
    )
    reactieverschil = items[1]
    assert reactieverschil.object_id == reactie.pk
    velden = {v.veld: v for v in reactieverschil.velden}
    assert set(velden) == {"tekst", "standpunt"}
    tekst = velden["tekst"]
    assert tekst.oud == oude_tekst
    assert Stuk(ERBIJ, "Wij doen dat graag.") in tekst.stukken
    assert not any(s.soort == ERAF for s in tekst.stukken)
    assert "<ins>" in tekst.html and "graag" in tekst.html
    assert [(s.soort, s.tekst) for s in velden["standpunt"].stukken] == [
        (ERAF, "deels "),
        (GELIJK, "overgenomen"),
    ]
    assert [s.soort for s in items[2].velden[0].stukken] == [ERBIJ]
    # The other way round: what was added is now removed.
    terug = verschil(laatste, eerste)
    assert [(i.soort, i.wijziging) for i in terug][-1] == ("toezegging", "verwijderd")
    assert verschil(laatste, laatste) == []


# --- restore -----------------------------------------------------------------------------


def test_herstel_een_eerdere_reactie(conceptbrief, redacteur):
    reactie = _reactie_op(conceptbrief, "3.2")
    origineel = (reactie.tekst, reactie.standpunt)
    services.bewaar_reactie(
        reactie,
        revisie=1,
        tekst="<p>Herschreven.</p>",
        standpunt="niet_overgenomen",
        gebruiker=redacteur,
    )
    services.bewaar_reactie(
        reactie, revisie=2, tekst="<p>Nog eens.</p>", standpunt=None, gebruiker=redacteur
    )
    with pytest.raises(Bewerkingsconflict):
        herstel_reactie(reactie.pk, 1, redacteur, revisie=2)  # someone saved since

    hersteld = herstel_reactie(reactie.pk, 1, redacteur, revisie=3)

    assert (hersteld.tekst, hersteld.standpunt, hersteld.revisie) == (*origineel, 4)
    laatste = versies(conceptbrief).last()
    assert (laatste.nummer, laatste.soort, laatste.gebruiker) == (4, "hersteld", redacteur)
    assert laatste.omschrijving == "Reactie op 3.2 hersteld uit versie 1"
    # The restore is itself a version: the restored text against the one before it.
    [item] = verschil(versie_van(conceptbrief, 3), laatste)
    assert item.object_id == reactie.pk

    # By Briefversie as well; a response that did not exist then cannot be restored.
    nieuw = services.voeg_reactie_toe(
        reactie.sectie,
        aanbevelingen=[reactie.aanbevelingen.get()],
        tekst="<p>x</p>",
        gebruiker=redacteur,
    )
    with pytest.raises(BestaatNiet, match="kwam in versie 1 van de brief niet voor"):
        herstel_reactie(nieuw, versie_van(conceptbrief, 1), redacteur, revisie=1)
    elders = factories.maak_briefversie()
    with pytest.raises(BestaatNiet, match="andere brief"):
        herstel_reactie(reactie, elders, redacteur, revisie=4)
