"""The write services: rights, sanitising, optimistic locking (no lost work) and one
history entry per saved change."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from adviesmonitor.rollen import ANALIST
from reacties import services
from reacties.fouten import (
    Bewerkingsconflict,
    BriefBevroren,
    NietToegestaan,
    Ongeldig,
)
from reacties.geschiedenis import versies
from reacties.models import (
    Antwoordsjabloon,
    Briefstatus,
    Briefversie,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
)
from tests import factories
from tests.reacties.werkstroom_hulp import gebruiker, kleine_brief, zet_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief() -> Reactiebrief:
    return kleine_brief()


@pytest.fixture
def reactie(brief) -> Reactie:
    return Reactie.objects.get(sectie__brief=brief)


def _laatste(brief: Reactiebrief) -> Briefversie:
    return versies(brief).last()


# --- responses ---------------------------------------------------------------------------


def test_reactie_bewaren(brief, reactie, redacteur):
    nummers = ", ".join(a.nummer for a in reactie.aanbevelingen.order_by("volgorde"))
    opgeslagen = services.bewaar_reactie(
        reactie.pk,
        revisie=1,
        tekst='<p onclick="x()">Het kabinet neemt dit <strong>over</strong>.</p><script>x</script>',
        standpunt="deels_overgenomen",
        gebruiker=redacteur,
    )
    assert opgeslagen.tekst == "<p>Het kabinet neemt dit <strong>over</strong>.</p>"
    assert (opgeslagen.standpunt, opgeslagen.revisie) == ("deels_overgenomen", 2)
    versie = _laatste(brief)
    assert (versie.nummer, versie.gebruiker, versie.soort) == (1, redacteur, "gewijzigd")
    assert versie.omschrijving == f"Reactie op {nummers} gewijzigd"
    assert (versie.object_type, versie.object_id) == ("reactie", reactie.pk)
    assert versie.inhoud["secties"][0]["reacties"][0]["tekst"] == opgeslagen.tekst


def test_oude_revisie_geeft_een_conflict_met_beide_teksten(brief, reactie, redacteur):
    eerste = services.bewaar_reactie(
        reactie.pk, revisie=1, tekst="<p>Eerste.</p>", standpunt="overgenomen", gebruiker=redacteur
    )
    tweede_redacteur = gebruiker("Redacteur")
    with pytest.raises(Bewerkingsconflict) as conflict:
        services.bewaar_reactie(
            reactie.pk,
            revisie=1,
            tekst="<p>Tweede <em>versie</em>.</p>",
            standpunt="niet_overgenomen",
            gebruiker=tweede_redacteur,
        )
    fout = conflict.value
    assert (fout.huidige_tekst, fout.huidige_revisie) == ("<p>Eerste.</p>", 2)
    assert fout.jouw_tekst == "<p>Tweede <em>versie</em>.</p>"
    assert fout.huidige_waarden == {"tekst": "<p>Eerste.</p>", "standpunt": "overgenomen"}
    assert fout.jouwe_waarden["standpunt"] == "niet_overgenomen"
    assert "niet opgeslagen" in fout.melding and "niets overschreven" in fout.melding
    assert fout.http_status == 409
    reactie.refresh_from_db()
    assert (reactie.tekst, reactie.revisie) == (eerste.tekst, 2)
    assert Briefversie.objects.filter(brief=brief).count() == 1


def test_wijziging_buiten_de_diensten_om_geeft_ook_een_conflict(reactie, redacteur):
    # E.g. the admin: a model save raises the revision too.
    reactie.tekst = "<p>Via de beheeromgeving.</p>"
    reactie.save()
    assert reactie.revisie == 2
    with pytest.raises(Bewerkingsconflict) as conflict:
        services.bewaar_reactie(
            reactie.pk, revisie=1, tekst="<p>Editor.</p>", standpunt="", gebruiker=redacteur
        )
    assert conflict.value.huidige_tekst == "<p>Via de beheeromgeving.</p>"


def test_ongewijzigd_bewaren_schrijft_en_legt_niets_vast(brief, reactie, redacteur):
    zelfde = services.bewaar_reactie(
        reactie.pk, revisie=1, tekst=reactie.tekst, standpunt=reactie.standpunt, gebruiker=redacteur
    )
    assert zelfde.revisie == 1
    assert not Briefversie.objects.filter(brief=brief).exists()
    with pytest.raises(Bewerkingsconflict):  # but a stale revision is still a conflict
        services.bewaar_reactie(
            reactie.pk, revisie=0, tekst=reactie.tekst, standpunt=None, gebruiker=redacteur
        )


@pytest.mark.parametrize(
    ("tekst", "standpunt", "melding"),
    [
        ("", "overgenomen", "heeft tekst nodig"),
        ("<script>alert(1)</script>", "overgenomen", "heeft tekst nodig"),
        ("<p>Goed.</p>", "half", "geen geldig standpunt"),
    ],
)
def test_ongeldige_reactie_wordt_geweigerd(reactie, redacteur, tekst, standpunt, melding):
    with pytest.raises(Ongeldig, match=melding):
        services.bewaar_reactie(
            reactie.pk, revisie=1, tekst=tekst, standpunt=standpunt, gebruiker=redacteur
        )


def test_analist_leest_alleen(brief, reactie, analist):
    pogingen = [
        lambda: services.bewaar_reactie(
            reactie.pk, revisie=1, tekst="<p>x</p>", standpunt="", gebruiker=analist
        ),
        lambda: services.bewaar_brief(brief, revisie=1, gebruiker=analist, slot="<p>x</p>"),
        lambda: services.voeg_sectie_toe(brief, gebruiker=analist, kop="x"),
        lambda: services.voeg_toezegging_toe(reactie, gebruiker=analist, tekst="x"),
        lambda: services.zet_programmakoppelingen(reactie, [], revisie=1, gebruiker=analist),
        lambda: services.maak_sjabloon(naam="x", tekst="<p>x</p>", gebruiker=analist),
        lambda: services.bewaar_aanbeveling(
            reactie.aanbevelingen.first(), oude_tekst="", tekst="x", gebruiker=analist
        ),
    ]
    for poging in pogingen:
        with pytest.raises(NietToegestaan) as fout:
            poging()
        assert isinstance(fout.value, PermissionDenied)
        assert fout.value.melding.startswith("U hebt geen recht om ")
    assert not Briefversie.objects.exists()


def test_reactie_toevoegen_en_verwijderen(brief, redacteur):
    sectie = brief.secties.get()
    eigen = factories.maak_aanbeveling(brief.advies)
    with pytest.raises(Ongeldig, match="alleen aanbevelingen uit het advies"):
        services.voeg_reactie_toe(
            sectie,
            aanbevelingen=[factories.maak_aanbeveling()],
            tekst="<p>x</p>",
            gebruiker=redacteur,
        )
    nieuw = services.voeg_reactie_toe(
        sectie, aanbevelingen=[eigen], tekst="<p>Nieuw.</p>", standpunt="", gebruiker=redacteur
    )
    assert list(Reactie.objects.filter(sectie=sectie).order_by("volgorde"))[-1] == nieuw
    assert _laatste(brief).omschrijving == f"Reactie op {eigen.nummer} toegevoegd"
    with pytest.raises(Bewerkingsconflict):
        services.verwijder_reactie(nieuw, revisie=5, gebruiker=redacteur)
    services.verwijder_reactie(nieuw, revisie=1, gebruiker=redacteur)
    assert not Reactie.objects.filter(pk=nieuw.pk).exists()
    assert _laatste(brief).omschrijving == f"Reactie op {eigen.nummer} verwijderd"


# --- the letter's own fields -------------------------------------------------------------


def test_brief_bewaren(brief, redacteur):
    nieuw = services.bewaar_brief(
        brief,
        revisie=1,
        gebruiker=redacteur,
        opening="<p>Geachte voorzitter,</p><script>x</script>",
        datum="2026-03-01",
        onderwerp="  Kabinetsreactie  ",
    )
    assert (nieuw.opening, nieuw.datum, nieuw.onderwerp, nieuw.revisie) == (
        "<p>Geachte voorzitter,</p>",
        datetime.date(2026, 3, 1),
        "Kabinetsreactie",
        2,
    )
    assert _laatste(brief).omschrijving == "Brief gewijzigd: betreft, datum, opening"

    with pytest.raises(Bewerkingsconflict) as conflict:
        services.bewaar_brief(brief, revisie=1, gebruiker=redacteur, slot="<p>Hoogachtend</p>")
    assert conflict.value.huidige_waarden == {"slot": ""}
    assert conflict.value.jouwe_waarden == {"slot": "<p>Hoogachtend</p>"}

    with pytest.raises(Ongeldig, match="betreft"):
        services.bewaar_brief(brief, revisie=2, gebruiker=redacteur, onderwerp="")
    with pytest.raises(Ongeldig, match="niet te wijzigen: status"):
        services.bewaar_brief(brief, revisie=2, gebruiker=redacteur, status="verzonden")
    ander = factories.maak_reactiebrief()
    with pytest.raises(Ongeldig, match="al in gebruik"):
        services.bewaar_brief(brief, revisie=2, gebruiker=redacteur, kenmerk=ander.kenmerk)
    assert Briefversie.objects.filter(brief=brief).count() == 1


# --- sections ----------------------------------------------------------------------------


def test_secties_bewaren_toevoegen_verplaatsen_verwijderen(brief, redacteur):
    eerste = brief.secties.get()
    tweede = services.voeg_sectie_toe(brief, gebruiker=redacteur, kop="Tenslotte")
    assert _laatste(brief).omschrijving == "Sectie ‘Tenslotte’ toegevoegd"

    bijgewerkt = services.bewaar_sectie(
        tweede, revisie=1, gebruiker=redacteur, kop="Tot slot", tekst="<p>Dank.</p>"
    )
    assert (bijgewerkt.kop, bijgewerkt.tekst, bijgewerkt.revisie) == ("Tot slot", "<p>Dank.</p>", 2)
    with pytest.raises(Bewerkingsconflict) as conflict:
        services.bewaar_sectie(tweede, revisie=1, gebruiker=redacteur, kop="X", tekst="<p>Y</p>")
    assert (conflict.value.huidige_tekst, conflict.value.jouw_tekst) == ("<p>Dank.</p>", "<p>Y</p>")

    with pytest.raises(Ongeldig, match="al bovenaan"):
        services.verplaats_sectie(eerste, "omhoog", gebruiker=redacteur)
    services.verplaats_sectie(tweede, "omhoog", gebruiker=redacteur)
    assert list(brief.secties.order_by("volgorde")) == [tweede, eerste]
    assert _laatste(brief).omschrijving == "Sectie ‘Tot slot’ een plaats omhoog verplaatst"
    assert [s["kop"] for s in _laatste(brief).inhoud["secties"]] == ["Tot slot", eerste.kop]
    services.verplaats_sectie(tweede.pk, "omlaag", gebruiker=redacteur)
    assert list(brief.secties.order_by("volgorde")) == [eerste, tweede]

    with pytest.raises(Ongeldig, match="bevat nog reacties"):
        services.verwijder_sectie(eerste, revisie=1, gebruiker=redacteur)
    services.verwijder_sectie(tweede, revisie=2, gebruiker=redacteur)
    assert not Sectie.objects.filter(pk=tweede.pk).exists()
    assert _laatste(brief).omschrijving == "Sectie ‘Tot slot’ verwijderd"


# --- commitments and programme links ----------------------------------------------------


def test_toezeggingen(brief, reactie, redacteur):
    ambtsdrager = factories.maak_ambtsdrager()
    toezegging = services.voeg_toezegging_toe(
        reactie, gebruiker=redacteur, tekst="Wij komen met een plan.", deadline_jaar=2027
    )
    assert (toezegging.volgorde, toezegging.status, toezegging.revisie) == (1, "open", 1)
    assert _laatste(brief).omschrijving.startswith(
        "Toezegging ‘Wij komen met een plan.’ toegevoegd"
    )

    bijgewerkt = services.bewaar_toezegging(
        toezegging,
        revisie=1,
        gebruiker=redacteur,
        status="in_uitvoering",
        ambtsdrager=ambtsdrager,
        deadline_jaar=None,
        deadline_datum="2027-06-01",
    )
    assert (bijgewerkt.status, bijgewerkt.ambtsdrager, bijgewerkt.deadline) == (
        "in_uitvoering",
        ambtsdrager,
        "2027-06-01",
    )
    with pytest.raises(Ongeldig, match="óf als jaar"):
        services.bewaar_toezegging(toezegging, revisie=2, gebruiker=redacteur, deadline_jaar=2028)
    with pytest.raises(Ongeldig, match="tussen 1900 en 2200"):
        services.voeg_toezegging_toe(reactie, gebruiker=redacteur, tekst="x", deadline_jaar=1800)
    with pytest.raises(Bewerkingsconflict):
        services.bewaar_toezegging(toezegging, revisie=1, gebruiker=redacteur, tekst="Anders.")
    services.verwijder_toezegging(toezegging, revisie=2, gebruiker=redacteur)
    assert not Toezegging.objects.filter(pk=toezegging.pk).exists()
    nummers = ", ".join(a.nummer for a in reactie.aanbevelingen.order_by("volgorde"))
    assert [v.omschrijving for v in versies(brief)] == [
        f"Toezegging ‘Wij komen met een plan.’ toegevoegd bij de reactie op {nummers}",
        "Toezegging ‘Wij komen met een plan.’ gewijzigd",
        "Toezegging ‘Wij komen met een plan.’ verwijderd",
    ]


def test_programmakoppelingen(brief, reactie, redacteur):
    onderdeel = factories.maak_programmaonderdeel()
    ander = factories.maak_programma()
    reactie = services.zet_programmakoppelingen(
        reactie,
        [(onderdeel.programma, onderdeel, "bestaand_beleid"), (ander, None, "nieuwe_toezegging")],
        revisie=1,
        gebruiker=redacteur,
    )
    assert reactie.revisie == 2
    assert set(reactie.koppelingen.values_list("programma", "onderdeel", "soort")) == {
        (onderdeel.programma_id, onderdeel.pk, "bestaand_beleid"),
        (ander.pk, None, "nieuwe_toezegging"),
    }
    blijft = Programmakoppeling.objects.get(reactie=reactie, programma=ander)
    reactie = services.zet_programmakoppelingen(
        reactie, [(ander.pk, None, "bestaand_beleid")], revisie=2, gebruiker=redacteur
    )
    assert list(reactie.koppelingen.values_list("pk", "soort")) == [(blijft.pk, "bestaand_beleid")]
    assert "Programmakoppelingen van de reactie op" in _laatste(brief).omschrijving
    with pytest.raises(Bewerkingsconflict):
        services.zet_programmakoppelingen(reactie, [], revisie=2, gebruiker=redacteur)
    with pytest.raises(Ongeldig, match="hoort niet bij het gekozen programma"):
        services.zet_programmakoppelingen(
            reactie, [(ander, onderdeel, "bestaand_beleid")], revisie=3, gebruiker=redacteur
        )
    with pytest.raises(Ongeldig, match="maar één keer"):
        services.zet_programmakoppelingen(
            reactie,
            [(ander, None, "bestaand_beleid"), (ander, None, "nieuwe_toezegging")],
            revisie=3,
            gebruiker=redacteur,
        )


# --- recommendations ---------------------------------------------------------------------


def test_aanbeveling_wijzigen_legt_een_versie_vast_in_elke_brief(brief, redacteur):
    tweede_brief = factories.maak_reactiebrief(brief.advies)
    zet_status(tweede_brief, Briefstatus.VERZONDEN)  # frozen, but its report may still change
    aanbeveling = brief.advies.aanbevelingen.first()
    laag = factories.maak_bestuurslaag()
    bijgewerkt = services.bewaar_aanbeveling(
        aanbeveling,
        oude_tekst=aanbeveling.tekst,
        tekst="Doe iets aan het wonen, en snel.",
        bestuurslagen=[laag],
        gebruiker=redacteur,
    )
    assert bijgewerkt.tekst == "Doe iets aan het wonen, en snel."
    assert list(bijgewerkt.bestuurslagen.all()) == [laag]
    for b in (brief, tweede_brief):
        versie = _laatste(b)
        assert versie.omschrijving == f"Aanbeveling {aanbeveling.nummer} gewijzigd"
        assert versie.inhoud["aanbevelingen"][0]["tekst"] == "Doe iets aan het wonen, en snel."
    with pytest.raises(Bewerkingsconflict) as conflict:
        services.bewaar_aanbeveling(
            aanbeveling, oude_tekst=aanbeveling.tekst, tekst="Iets anders.", gebruiker=redacteur
        )
    assert conflict.value.huidige_tekst == "Doe iets aan het wonen, en snel."
    assert conflict.value.huidige_revisie is None


# --- answer templates --------------------------------------------------------------------


def test_reactie_uit_sjabloon(brief, reactie, redacteur):
    sjabloon = services.maak_sjabloon(
        naam="Overgenomen, standaard",
        tekst="<p>Het kabinet neemt deze aanbeveling over.</p>",
        standpunt="overgenomen",
        gebruiker=redacteur,
    )
    assert sjabloon.gemaakt_door == redacteur
    with pytest.raises(Ongeldig, match="al een sjabloon"):
        services.maak_sjabloon(naam="Overgenomen, standaard", tekst="<p>x</p>", gebruiker=redacteur)

    gevuld = services.reactie_uit_sjabloon(reactie, sjabloon, redacteur, revisie=1)
    assert (gevuld.tekst, gevuld.standpunt, gevuld.revisie) == (
        "<p>Het kabinet neemt deze aanbeveling over.</p>",
        "overgenomen",
        2,
    )
    assert _laatste(brief).omschrijving.endswith("gevuld uit sjabloon ‘Overgenomen, standaard’")

    # A template without a stance keeps the response's stance.
    zonder = services.maak_sjabloon(
        naam="Leeg", tekst="<p>Wij komen hierop terug.</p>", gebruiker=redacteur
    )
    services.bewaar_sjabloon(zonder, naam="Later", tekst=zonder.tekst, gebruiker=redacteur)
    gevuld = services.reactie_uit_sjabloon(reactie, zonder.pk, redacteur, revisie=2)
    assert (gevuld.tekst, gevuld.standpunt) == ("<p>Wij komen hierop terug.</p>", "overgenomen")
    with pytest.raises(Bewerkingsconflict):
        services.reactie_uit_sjabloon(reactie, sjabloon, redacteur, revisie=2)
    services.verwijder_sjabloon(zonder, gebruiker=redacteur)
    assert list(Antwoordsjabloon.objects.values_list("naam", flat=True)) == [sjabloon.naam]


def test_sjablonen_gebruiken_mag_niet_op_een_bevroren_brief(brief, reactie, redacteur):
    sjabloon = factories.maak_antwoordsjabloon()
    zet_status(brief, Briefstatus.VASTGESTELD)
    with pytest.raises(BriefBevroren):
        services.reactie_uit_sjabloon(reactie, sjabloon, redacteur, revisie=1)


def test_analist_maakt_geen_sjablonen(analist):
    assert analist.groups.get().name == ANALIST
    with pytest.raises(NietToegestaan):
        services.maak_sjabloon(naam="x", tekst="<p>x</p>", gebruiker=analist)
