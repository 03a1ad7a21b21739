"""The workflow: every allowed transition works, every other one is refused; co-signing
ministries; the frozen PDF; completeness; new versions."""

from __future__ import annotations

import hashlib
from importlib import import_module

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from advies.models import Aanbeveling
from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, REDACTEUR, ROLLEN
from reacties import services, workflow
from reacties.brief.pdf import laad_brief, maak_pdf
from reacties.fouten import (
    AlBeoordeeld,
    BriefBevroren,
    BriefOnvolledig,
    BriefTerReview,
    GeenBevoegdheid,
    GeenOndertekenaars,
    NieuwereVersieBestaat,
    OngeldigeOvergang,
    OpmerkingVerplicht,
    Workflowfout,
)
from reacties.geschiedenis import momentopname, versies
from reacties.models import (
    Besluit,
    Briefstatus,
    Briefversie,
    Goedkeuring,
    Ondertekenaar,
    Reactie,
    Reactiebrief,
    Vastlegging,
)
from reacties.toegang import brief_voor_coordinator, brief_voor_redacteur
from reacties.workflow import OVERGANGEN, RECHTEN, Actie
from tests import factories
from tests.reacties.werkstroom_hulp import (
    gebruiker,
    kleine_brief,
    ministeries_van,
    zet_status,
    zonder_ids,
)

pytestmark = pytest.mark.django_db

ROL_PERMISSIES = import_module("reacties.migrations.0007_rollen_werkstroom").ROL_PERMISSIES
ANONIEM = "anoniem"


def _mag(rol: str, actie: str) -> bool:
    return rol != ANONIEM and RECHTEN[actie] in ROL_PERMISSIES[rol]


def _doe(actie: str, brief: Reactiebrief, wie) -> Reactiebrief:
    if actie == Actie.NAAR_REVIEW:
        return workflow.stuur_naar_review(brief, wie)
    if actie == Actie.GOEDKEUREN:
        return workflow.keur_goed(brief, wie)
    if actie == Actie.TERUGSTUREN:
        return workflow.stuur_terug(brief, wie, "Graag de reactie op 1 aanscherpen.")
    if actie == Actie.VERZENDEN:
        return workflow.verzend(brief, wie)
    return workflow.nieuwe_versie(brief, wie)


def _gebruiker_voor(rol: str, brief: Reactiebrief):
    """A user of ``rol`` working for the letter's first signing ministry."""
    if rol == ANONIEM:
        return AnonymousUser()
    return gebruiker(rol, ministerie=ministeries_van(brief)[0])


def _andere_ministeries_keurden_goed(brief: Reactiebrief) -> None:
    for ministerie in ministeries_van(brief)[1:]:
        Goedkeuring.objects.create(
            brief=brief,
            ronde=brief.review_ronde,
            ministerie=ministerie,
            gebruiker=factories.maak_gebruiker(),
            besluit=Besluit.GOEDGEKEURD,
        )


# --- the transition table ----------------------------------------------------------------

TOEGESTAAN = [
    (overgang, rol) for overgang in OVERGANGEN for rol in ROLLEN if _mag(rol, overgang.actie)
]


def test_de_tabel_is_wat_het_issue_beschrijft():
    drietallen = {(o.van, o.actie, o.naar) for o in OVERGANGEN}
    assert drietallen == {
        ("concept", "naar_review", "ter_review"),
        ("ter_review", "goedkeuren", "ter_review"),
        ("ter_review", "goedkeuren", "vastgesteld"),
        ("ter_review", "terugsturen", "concept"),
        ("vastgesteld", "verzenden", "verzonden"),
        ("vastgesteld", "nieuwe_versie", "concept"),
        ("verzonden", "nieuwe_versie", "concept"),
    }
    # Who may: a Redacteur sends to review but never approves; an Analist does nothing.
    assert {rol for o, rol in TOEGESTAAN if o.actie == Actie.GOEDKEUREN} == {
        COORDINATOR,
        BEHEERDER,
    }
    assert REDACTEUR in {rol for o, rol in TOEGESTAAN if o.actie == Actie.NAAR_REVIEW}
    assert ANALIST not in {rol for _, rol in TOEGESTAAN}


@pytest.mark.parametrize(
    ("overgang", "rol"),
    TOEGESTAAN,
    ids=[f"{o.van}-{o.actie}-{o.naar}-{rol}" for o, rol in TOEGESTAAN],
)
def test_elke_toegestane_overgang_werkt(overgang, rol):
    brief = zet_status(kleine_brief(), overgang.van)
    wie = _gebruiker_voor(rol, brief)
    if overgang.actie == Actie.GOEDKEUREN and overgang.naar == Briefstatus.VASTGESTELD:
        _andere_ministeries_keurden_goed(brief)
    assert overgang.actie in workflow.toegestane_acties(brief, wie)
    aantal_versies = Briefversie.objects.filter(brief=brief).count()

    resultaat = _doe(overgang.actie, brief, wie)

    brief.refresh_from_db()
    if overgang.actie == Actie.NIEUWE_VERSIE:
        assert resultaat.pk != brief.pk
        assert resultaat.versie == brief.versie + 1
        assert brief.status == overgang.van  # the frozen letter stays as it is
    assert resultaat.status == overgang.naar
    assert Briefversie.objects.filter(brief=brief).count() == aantal_versies + 1
    laatste = versies(brief).last()
    assert (laatste.gebruiker, laatste.soort) == (wie, Briefversie.Soort.STATUS)
    # Only the last approval freezes the letter and stores its PDF.
    vastgesteld = overgang.actie == Actie.GOEDKEUREN and overgang.naar == Briefstatus.VASTGESTELD
    assert Vastlegging.objects.filter(brief=brief).exists() == vastgesteld


def _geweigerd() -> list[tuple[str, str, str]]:
    toegestaan = {(o.van, o.actie) for o in OVERGANGEN}
    return [
        (status, actie, rol)
        for status in Briefstatus.values
        for actie in Actie.values
        for rol in (*ROLLEN, ANONIEM)
        if (status, actie) not in toegestaan or not _mag(rol, actie)
    ]


GEWEIGERD = _geweigerd()


def test_de_weigeringen_dekken_de_rest():
    alles = len(Briefstatus.values) * len(Actie.values) * (len(ROLLEN) + 1)
    toegestaan = {(o.van, o.actie, rol) for o, rol in TOEGESTAAN}
    assert len(GEWEIGERD) + len(toegestaan) == alles
    assert len(GEWEIGERD) > 70


@pytest.mark.parametrize(("status", "actie", "rol"), GEWEIGERD, ids="-".join)
def test_elke_andere_overgang_wordt_geweigerd(status, actie, rol):
    brief = zet_status(kleine_brief(), status)
    wie = _gebruiker_voor(rol, brief)
    assert actie not in workflow.toegestane_acties(brief, wie)
    voor = (Briefversie.objects.count(), Reactiebrief.objects.count(), Goedkeuring.objects.count())

    with pytest.raises(Workflowfout) as fout:
        _doe(actie, brief, wie)

    assert fout.value.melding  # a Dutch sentence for the user
    if (status, actie) not in {(o.van, o.actie) for o in OVERGANGEN}:
        assert isinstance(fout.value, OngeldigeOvergang)
    else:
        assert isinstance(fout.value, GeenBevoegdheid)
        assert isinstance(fout.value, PermissionDenied)
    brief.refresh_from_db()
    assert brief.status == status
    assert (
        Briefversie.objects.count(),
        Reactiebrief.objects.count(),
        Goedkeuring.objects.count(),
    ) == voor


# --- co-signing: every signing ministry approves ------------------------------------------


@pytest.fixture
def conceptbrief(voorbeeldbrief) -> Reactiebrief:
    # The example is imported as sent; for the workflow it starts again in concept.
    return zet_status(voorbeeldbrief, Briefstatus.CONCEPT, review_ronde=0)


@pytest.fixture
def coordinatoren(conceptbrief):
    bzk, vws = ministeries_van(conceptbrief)
    assert (bzk.afkorting, vws.afkorting) == ("BZK", "VWS")
    return gebruiker(COORDINATOR, bzk, "coordinator-bzk"), gebruiker(COORDINATOR, vws, "coord-vws")


def test_medeondertekening_en_de_vastgelegde_pdf(
    conceptbrief, coordinatoren, redacteur, analist, client_for
):
    bzk, vws = coordinatoren
    brief = workflow.stuur_naar_review(conceptbrief, redacteur)
    assert (brief.status, brief.review_ronde) == (Briefstatus.TER_REVIEW, 1)

    brief = workflow.keur_goed(brief, bzk)
    assert brief.status == Briefstatus.TER_REVIEW  # VWS has not approved yet
    assert not Vastlegging.objects.filter(brief=brief).exists()
    assert versies(brief).last().omschrijving == "Goedgekeurd voor BZK (ronde 1); wacht nog op VWS"
    with pytest.raises(AlBeoordeeld):
        workflow.keur_goed(brief, bzk)
    assert workflow.toegestane_acties(brief, bzk) == []
    assert workflow.toegestane_acties(brief, vws) == [Actie.GOEDKEUREN, Actie.TERUGSTUREN]

    brief = workflow.keur_goed(brief, vws, opmerking="Akkoord namens VWS.")
    assert brief.status == Briefstatus.VASTGESTELD
    vastlegging = Vastlegging.objects.get(brief=brief)
    pdf = bytes(vastlegging.pdf)
    assert pdf.startswith(b"%PDF-")
    assert vastlegging.sha256 == hashlib.sha256(pdf).hexdigest()
    assert vastlegging.gebruiker == vws
    assert list(
        Goedkeuring.objects.filter(brief=brief).values_list("ministerie__afkorting", "besluit")
    ) == [("BZK", "goedgekeurd"), ("VWS", "goedgekeurd")]

    def download() -> tuple[bytes, str]:
        response = client_for(analist).get(reverse("reacties:pdf", args=[brief.pk]))
        assert response.status_code == 200
        return response.content, response["X-Content-SHA256"]

    assert download() == (pdf, vastlegging.sha256)

    # Behind the services' back the records change; the letter that was approved does not.
    reactie = Reactie.objects.filter(sectie__brief=brief).first()
    Reactie.objects.filter(pk=reactie.pk).update(tekst="<p>Stilletjes herschreven.</p>")
    assert maak_pdf(laad_brief(brief.pk)).inhoud != pdf  # the records would print otherwise
    assert download() == (pdf, vastlegging.sha256)

    # Frozen: no edit service and no editor page will touch it.
    reactie.refresh_from_db()
    with pytest.raises(BriefBevroren, match="nieuwe versie"):
        services.bewaar_reactie(
            reactie.pk,
            revisie=reactie.revisie,
            tekst="<p>Nee.</p>",
            standpunt="",
            gebruiker=redacteur,
        )
    with pytest.raises(BriefBevroren):
        services.bewaar_brief(brief.pk, revisie=brief.revisie, gebruiker=redacteur, slot="<p>x</p>")
    with pytest.raises(BriefBevroren):
        services.voeg_toezegging_toe(reactie.pk, gebruiker=redacteur, tekst="Nog iets.")
    with pytest.raises(BriefBevroren):
        brief_voor_redacteur(redacteur, brief.pk)

    brief = workflow.verzend(brief, coordinatoren[0])
    assert brief.status == Briefstatus.VERZONDEN
    assert download() == (pdf, vastlegging.sha256)
    Vastlegging.objects.get(brief=brief)  # still the one


def test_terugsturen_vraagt_een_opmerking_en_begint_een_nieuwe_ronde(
    conceptbrief, coordinatoren, redacteur
):
    bzk, vws = coordinatoren
    brief = workflow.stuur_naar_review(conceptbrief, redacteur)
    workflow.keur_goed(brief, bzk)
    with pytest.raises(OpmerkingVerplicht):
        workflow.stuur_terug(brief, vws, "   ")
    with pytest.raises(AlBeoordeeld):
        workflow.stuur_terug(brief, bzk, "Toch niet.")  # BZK already decided this round

    brief = workflow.stuur_terug(brief, vws, "Reactie op 3.2 is te vaag.")
    assert brief.status == Briefstatus.CONCEPT
    terug = Goedkeuring.objects.get(brief=brief, besluit=Besluit.TERUGGESTUURD)
    assert (terug.ronde, terug.ministerie.afkorting, terug.opmerking) == (
        1,
        "VWS",
        "Reactie op 3.2 is te vaag.",
    )
    assert (
        versies(brief).last().omschrijving == "Teruggestuurd door VWS: Reactie op 3.2 is te vaag."
    )

    # Round 2: BZK's approval of round 1 no longer counts.
    brief = workflow.stuur_naar_review(brief, redacteur)
    assert brief.review_ronde == 2
    brief = workflow.keur_goed(brief, vws)
    assert brief.status == Briefstatus.TER_REVIEW
    brief = workflow.keur_goed(brief, bzk)
    assert brief.status == Briefstatus.VASTGESTELD


def test_alleen_een_ondertekenend_ministerie_beoordeelt(conceptbrief, redacteur):
    brief = workflow.stuur_naar_review(conceptbrief, redacteur)
    elders = gebruiker(COORDINATOR, factories.maak_ministerie())
    zonder = gebruiker(COORDINATOR)
    for wie in (elders, zonder):
        for doe in (
            lambda w: workflow.keur_goed(brief, w),
            lambda w: workflow.stuur_terug(brief, w, "Nee."),
        ):
            with pytest.raises(GeenBevoegdheid):
                doe(wie)
        assert workflow.toegestane_acties(brief, wie) == []
    with pytest.raises(GeenBevoegdheid, match="ondertekent deze brief niet"):
        workflow.keur_goed(brief, elders)
    with pytest.raises(GeenBevoegdheid, match="niet aan een ministerie gekoppeld"):
        workflow.keur_goed(brief, zonder)
    # A Redacteur of a signing ministry still may not approve.
    with pytest.raises(GeenBevoegdheid):
        workflow.keur_goed(brief, gebruiker(REDACTEUR, ministeries_van(brief)[0]))
    assert not Goedkeuring.objects.exists()


def test_ter_review_wordt_niet_bewerkt(conceptbrief, redacteur):
    brief = workflow.stuur_naar_review(conceptbrief, redacteur)
    reactie = Reactie.objects.filter(sectie__brief=brief).first()
    with pytest.raises(BriefTerReview, match="terugsturen"):
        services.bewaar_reactie(
            reactie.pk,
            revisie=reactie.revisie,
            tekst="<p>Nee.</p>",
            standpunt="",
            gebruiker=redacteur,
        )


# --- a new version -----------------------------------------------------------------------


def test_nieuwe_versie_is_een_bewerkbare_kopie_met_dezelfde_inhoud(
    conceptbrief, coordinatoren, redacteur
):
    bzk, vws = coordinatoren
    brief = workflow.stuur_naar_review(conceptbrief, redacteur)
    workflow.keur_goed(brief, bzk)
    brief = workflow.keur_goed(brief, vws)
    pdf = bytes(Vastlegging.objects.get(brief=brief).pdf)

    nieuw = workflow.nieuwe_versie(brief, redacteur)

    assert (nieuw.versie, nieuw.status, nieuw.kenmerk, nieuw.review_ronde) == (
        2,
        Briefstatus.CONCEPT,
        "",
        0,
    )
    oud_inhoud, nieuw_inhoud = momentopname(brief), momentopname(nieuw)
    for inhoud in (oud_inhoud, nieuw_inhoud):
        for veld in ("versie", "status", "kenmerk", "review_ronde"):
            inhoud["brief"].pop(veld)
    assert zonder_ids(nieuw_inhoud) == zonder_ids(oud_inhoud)
    # Everything was copied, down to the commitments and the letter's programmes.
    assert nieuw_inhoud["secties"] and nieuw_inhoud["programmas"] and nieuw_inhoud["voetnoten"]
    assert sum(len(r["toezeggingen"]) for s in nieuw_inhoud["secties"] for r in s["reacties"]) > 0
    assert not Goedkeuring.objects.filter(brief=nieuw).exists()
    assert not Vastlegging.objects.filter(brief=nieuw).exists()
    assert [v.omschrijving for v in versies(nieuw)] == ["Versie 2 gemaakt als kopie van versie 1"]

    # The copy is editable; the frozen letter and its PDF are untouched.
    reactie = Reactie.objects.filter(sectie__brief=nieuw).first()
    services.bewaar_reactie(
        reactie.pk,
        revisie=reactie.revisie,
        tekst="<p>Bijgewerkt.</p>",
        standpunt="",
        gebruiker=redacteur,
    )
    assert bytes(Vastlegging.objects.get(brief=brief).pdf) == pdf
    assert brief_voor_redacteur(redacteur, nieuw.pk) == nieuw

    with pytest.raises(NieuwereVersieBestaat):
        workflow.nieuwe_versie(brief, redacteur)
    with pytest.raises(OngeldigeOvergang):
        workflow.nieuwe_versie(nieuw, redacteur)  # a concept is edited, not re-issued


# --- completeness ------------------------------------------------------------------------


def test_de_voorbeeldbrief_is_compleet(voorbeeldbrief):
    assert services.ontbrekende_reacties(voorbeeldbrief) == []


def test_ontbrekende_reacties_worden_genoemd_en_houden_review_tegen(redacteur):
    brief = kleine_brief()
    advies = brief.advies
    hoofd = Aanbeveling.objects.get(advies=advies, bovenliggend=None)
    los = factories.maak_aanbeveling(advies)
    tweede_hoofd = factories.maak_aanbeveling(advies)
    onder_a = factories.maak_aanbeveling(advies, bovenliggend=tweede_hoofd)
    onder_b = factories.maak_aanbeveling(advies, bovenliggend=tweede_hoofd)
    sectie = brief.secties.get()
    # A response without a stance does not count.
    services.voeg_reactie_toe(
        sectie, aanbevelingen=[los], tekst="<p>Volgt.</p>", gebruiker=redacteur
    )
    # Answering one of two sub-recommendations leaves the main advice and the other open.
    services.voeg_reactie_toe(
        sectie,
        aanbevelingen=[onder_a],
        tekst="<p>Ja.</p>",
        standpunt="overgenomen",
        gebruiker=redacteur,
    )

    assert services.ontbrekende_reacties(brief) == [los, tweede_hoofd, onder_b]
    with pytest.raises(BriefOnvolledig) as fout:
        workflow.stuur_naar_review(brief, redacteur)
    assert fout.value.ontbrekend == [los, tweede_hoofd, onder_b]
    assert fout.value.melding == (
        f"De brief kan nog niet naar review: aanbevelingen {los.nummer}, {tweede_hoofd.nummer} "
        f"en {onder_b.nummer} hebben nog geen reactie met een standpunt."
    )
    brief.refresh_from_db()
    assert brief.status == Briefstatus.CONCEPT

    # Answering the last sub-recommendation covers its main advice too.
    services.voeg_reactie_toe(
        sectie,
        aanbevelingen=[onder_b],
        tekst="<p>Ja.</p>",
        standpunt="overgenomen",
        gebruiker=redacteur,
    )
    reactie = Reactie.objects.get(aanbevelingen=los)
    services.bewaar_reactie(
        reactie,
        revisie=reactie.revisie,
        tekst=reactie.tekst,
        standpunt="in_onderzoek",
        gebruiker=redacteur,
    )
    assert services.ontbrekende_reacties(brief) == []
    assert hoofd not in services.ontbrekende_reacties(brief)
    assert workflow.stuur_naar_review(brief, redacteur).status == Briefstatus.TER_REVIEW


def test_zonder_ondertekenaars_geen_review(redacteur):
    brief = kleine_brief()
    Ondertekenaar.objects.filter(brief=brief).delete()
    with pytest.raises(GeenOndertekenaars):
        workflow.stuur_naar_review(brief, redacteur)


# --- access helpers ----------------------------------------------------------------------


def test_toegang_voor_redacteur_en_coordinator(voorbeeldbrief, redacteur, coordinator, analist):
    with pytest.raises(Http404):
        brief_voor_redacteur(redacteur, 999_999)
    with pytest.raises(PermissionDenied):
        brief_voor_redacteur(analist, voorbeeldbrief.pk)
    # The example is sent: frozen, with a message that says what to do instead.
    with pytest.raises(BriefBevroren, match="nieuwe versie"):
        brief_voor_redacteur(redacteur, voorbeeldbrief.pk)
    zet_status(voorbeeldbrief, Briefstatus.CONCEPT)
    assert brief_voor_redacteur(redacteur, voorbeeldbrief.pk) == voorbeeldbrief

    with pytest.raises(PermissionDenied):
        brief_voor_coordinator(redacteur, voorbeeldbrief.pk)
    with pytest.raises(Http404):
        brief_voor_coordinator(coordinator, 999_999)
    assert brief_voor_coordinator(coordinator, voorbeeldbrief.pk) == voorbeeldbrief
