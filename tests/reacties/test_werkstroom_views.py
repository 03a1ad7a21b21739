"""The workflow on the letter page: the panel shows exactly the actions the workflow allows
the user now, each action's view does it (or refuses with the workflow's Dutch message and
the right status), and the completeness page lists what is missing."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, REDACTEUR
from reacties import workflow
from reacties.fouten import OpmerkingVerplicht
from reacties.models import (
    Besluit,
    Briefstatus,
    Goedkeuring,
    Ondertekenaar,
    Reactie,
    Reactiebrief,
    Vastlegging,
)
from reacties.views_werkstroom import editor_url
from tests import factories
from tests.html_controle import toegankelijkheidsfouten
from tests.reacties.werkstroom_hulp import gebruiker, kleine_brief, ministeries_van, zet_status

pytestmark = pytest.mark.django_db

# URL name -> the button's text on the panel.
KNOPPEN = {
    "reacties:naar_review": "Naar review sturen",
    "reacties:goedkeuren": "Goedkeuren",
    "reacties:terugsturen": "Terugsturen",
    "reacties:verzenden": "Verzenden",
    "reacties:nieuwe_versie": "Nieuwe versie maken",
}
ACTIE_VAN = {
    "reacties:naar_review": workflow.Actie.NAAR_REVIEW,
    "reacties:goedkeuren": workflow.Actie.GOEDKEUREN,
    "reacties:terugsturen": workflow.Actie.TERUGSTUREN,
    "reacties:verzenden": workflow.Actie.VERZENDEN,
    "reacties:nieuwe_versie": workflow.Actie.NIEUWE_VERSIE,
}


class _Paneel(HTMLParser):
    """The forms of the workflow panel: (action URL, method, button text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.diepte = 0  # > 0 inside <section class="werkstroom">
        self.formulieren: list[dict] = []
        self._knop: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "werkstroom" in (a.get("class") or "").split():
            self.diepte = 1
        elif self.diepte and tag == "section":
            self.diepte += 1
        if not self.diepte:
            return
        if tag == "form":
            self.formulieren.append({"action": a["action"], "method": a["method"], "knop": ""})
        elif tag == "button":
            self._knop = []

    def handle_endtag(self, tag):
        if self.diepte and tag == "section":
            self.diepte -= 1
        elif tag == "button" and self._knop is not None:
            self.formulieren[-1]["knop"] = " ".join("".join(self._knop).split())
            self._knop = None

    def handle_data(self, data):
        if self._knop is not None:
            self._knop.append(data)


def knoppen(html: str, brief: Reactiebrief) -> dict[str, str]:
    """URL name -> button text of every form on the panel (each must post to its URL)."""
    paneel = _Paneel()
    paneel.feed(html)
    per_url = {reverse(naam, args=[brief.pk]): naam for naam in KNOPPEN}
    gevonden = {}
    for formulier in paneel.formulieren:
        assert formulier["method"] == "post", formulier
        gevonden[per_url[formulier["action"]]] = formulier["knop"]
    return gevonden


def pagina(client, brief: Reactiebrief) -> str:
    response = client.get(reverse("reacties:brief", args=[brief.pk]))
    assert response.status_code == 200
    return response.content.decode()


def meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def paneeltekst(html: str) -> str:
    """The panel's text, tags removed and whitespace collapsed."""
    begin = html.index('<section class="werkstroom"')
    einde = html.index("</section>", begin)
    return " ".join(re.sub(r"<[^>]+>", " ", html[begin:einde]).split())


@pytest.fixture
def brief() -> Reactiebrief:
    """A small complete letter in concept, signed for two ministries."""
    return kleine_brief()


@pytest.fixture
def ter_review(brief) -> Reactiebrief:
    return zet_status(brief, Briefstatus.TER_REVIEW)


def coordinatoren(brief: Reactiebrief):
    eerste, tweede = ministeries_van(brief)
    return gebruiker(COORDINATOR, eerste), gebruiker(COORDINATOR, tweede)


# --- the panel shows exactly what toegestane_acties allows ------------------------------


def _wie(rol: str, brief: Reactiebrief):
    return gebruiker(rol, ministeries_van(brief)[0]) if rol != ANALIST else gebruiker(rol)


PANEEL_VERWACHT = {
    # status: {role: the buttons}; the Coördinator and Beheerder work for a signing ministry.
    Briefstatus.CONCEPT: {
        REDACTEUR: {"reacties:naar_review"},
        COORDINATOR: {"reacties:naar_review"},
        ANALIST: set(),
        BEHEERDER: {"reacties:naar_review"},
    },
    Briefstatus.TER_REVIEW: {
        REDACTEUR: set(),
        COORDINATOR: {"reacties:goedkeuren", "reacties:terugsturen"},
        ANALIST: set(),
        BEHEERDER: {"reacties:goedkeuren", "reacties:terugsturen"},
    },
    Briefstatus.VASTGESTELD: {
        REDACTEUR: {"reacties:nieuwe_versie"},
        COORDINATOR: {"reacties:verzenden", "reacties:nieuwe_versie"},
        ANALIST: set(),
        BEHEERDER: {"reacties:verzenden", "reacties:nieuwe_versie"},
    },
    Briefstatus.VERZONDEN: {
        REDACTEUR: {"reacties:nieuwe_versie"},
        COORDINATOR: {"reacties:nieuwe_versie"},
        ANALIST: set(),
        BEHEERDER: {"reacties:nieuwe_versie"},
    },
}


@pytest.mark.parametrize(
    ("status", "rol"),
    [(status, rol) for status, rollen in PANEEL_VERWACHT.items() for rol in rollen],
)
def test_het_paneel_toont_de_knoppen_die_de_rol_nu_mag(status, rol, brief, client_for):
    brief = zet_status(brief, status)
    wie = _wie(rol, brief)
    html = pagina(client_for(wie), brief)
    gevonden = knoppen(html, brief)
    assert set(gevonden) == PANEEL_VERWACHT[status][rol]
    # The same as the workflow's own answer: the panel does not decide for itself.
    assert {ACTIE_VAN[n] for n in gevonden} == set(workflow.toegestane_acties(brief, wie))
    for naam, tekst in gevonden.items():
        assert tekst.startswith(KNOPPEN[naam])
    assert toegankelijkheidsfouten(html) == []


def test_geen_goedkeurknop_voor_wie_niet_voor_een_ondertekenend_ministerie_werkt(
    ter_review, client_for
):
    elders = gebruiker(COORDINATOR, factories.maak_ministerie())
    zonder = gebruiker(COORDINATOR)
    for wie in (elders, zonder):
        assert knoppen(pagina(client_for(wie), ter_review), ter_review) == {}


def test_het_paneel_toont_de_goedkeuringen_van_deze_ronde(ter_review, client_for):
    bzk, vws = coordinatoren(ter_review)
    eerste, tweede = ministeries_van(ter_review)
    workflow.keur_goed(ter_review, bzk, "Akkoord, mooi geformuleerd.")

    html = pagina(client_for(vws), ter_review)
    tekst = paneeltekst(html)
    assert "Goedkeuringen in reviewronde 1" in tekst
    assert f"{eerste.afkorting} goedgekeurd" in tekst
    assert bzk.get_username() in tekst
    assert "Akkoord, mooi geformuleerd." in tekst
    assert f"{tweede.afkorting} nog niet" in tekst
    # VWS may still decide and is the last: approving freezes the letter.
    assert set(knoppen(html, ter_review)) == {"reacties:goedkeuren", "reacties:terugsturen"}
    assert "met uw goedkeuring is de brief vastgesteld" in tekst
    # BZK decided in this round: no buttons any more.
    assert knoppen(pagina(client_for(bzk), ter_review), ter_review) == {}


def test_het_paneel_toont_de_laatste_terugstuuropmerking(ter_review, client_for):
    bzk, _ = coordinatoren(ter_review)
    workflow.stuur_terug(ter_review, bzk, "Reactie op 1 is te vaag.")
    ter_review.refresh_from_db()
    tekst = paneeltekst(pagina(client_for(gebruiker(REDACTEUR)), ter_review))
    assert "Status: concept · reviewronde 1" in tekst
    assert "Laatst teruggestuurd in reviewronde 1" in tekst
    assert "Reactie op 1 is te vaag." in tekst
    assert "Besluiten in de laatste reviewronde (1)" in tekst
    assert "niet beoordeeld" in tekst and "nog niet" not in tekst


def test_het_paneel_noemt_de_ontbrekende_reacties_in_concept(brief, client_for):
    factories.maak_aanbeveling(brief.advies)  # one more recommendation, not answered
    html = pagina(client_for(gebruiker(REDACTEUR)), brief)
    assert "1 aanbeveling</strong> heeft nog geen reactie met een standpunt" in html
    assert reverse("reacties:volledigheid", args=[brief.pk]) in html


def test_een_ingelezen_verzonden_brief_heeft_geen_vastgelegde_pdf(voorbeeldbrief, client_for):
    tekst = paneeltekst(pagina(client_for(gebruiker(ANALIST)), voorbeeldbrief))
    assert "Status: verzonden" in tekst
    assert "geen pdf vastgelegd" in tekst
    assert "SHA-256" not in tekst


# --- each action ---------------------------------------------------------------------------


def _post(client, naam: str, brief: Reactiebrief, **data):
    return client.post(reverse(naam, args=[brief.pk]), data)


def test_naar_review_sturen(brief, client_for):
    response = _post(client_for(gebruiker(REDACTEUR)), "reacties:naar_review", brief)
    assert response.status_code == 302
    assert response["Location"] == reverse("reacties:brief", args=[brief.pk])
    brief.refresh_from_db()
    assert (brief.status, brief.review_ronde) == (Briefstatus.TER_REVIEW, 1)
    assert any("naar review gestuurd (reviewronde 1)" in m for m in meldingen(response))


def test_goedkeuren_door_beide_ministeries_stelt_de_brief_vast(ter_review, client_for):
    bzk, vws = coordinatoren(ter_review)
    eerste, tweede = ministeries_van(ter_review)

    response = _post(client_for(bzk), "reacties:goedkeuren", ter_review, opmerking="Akkoord.")
    assert response.status_code == 302
    assert meldingen(response) == [
        f"Goedgekeurd voor {eerste.afkorting}. De brief wacht nog op {tweede.afkorting}."
    ]
    ter_review.refresh_from_db()
    assert ter_review.status == Briefstatus.TER_REVIEW
    assert Goedkeuring.objects.get(brief=ter_review, ministerie=eerste).opmerking == "Akkoord."

    response = _post(client_for(vws), "reacties:goedkeuren", ter_review)
    assert response.status_code == 302
    assert "de brief is vastgesteld en de pdf is vastgelegd" in meldingen(response)[0]
    ter_review.refresh_from_db()
    assert ter_review.status == Briefstatus.VASTGESTELD

    # The page shows the stored PDF's hash, and the download is exactly those bytes.
    vastlegging = Vastlegging.objects.get(brief=ter_review)
    client = client_for(gebruiker(ANALIST))
    tekst = paneeltekst(pagina(client, ter_review))
    assert f"SHA-256: {vastlegging.sha256}" in tekst
    assert f"door {vws.get_username()}" in tekst
    assert tekst.startswith("Werkstroom Status: vastgesteld · reviewronde 1")
    pdf = client.get(reverse("reacties:pdf", args=[ter_review.pk]))
    inhoud = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert hashlib.sha256(inhoud).hexdigest() == vastlegging.sha256


def test_terugsturen_met_opmerking(ter_review, client_for):
    bzk, _ = coordinatoren(ter_review)
    response = _post(
        client_for(bzk), "reacties:terugsturen", ter_review, opmerking="  Graag 1 aanscherpen. "
    )
    assert response.status_code == 302
    ter_review.refresh_from_db()
    assert ter_review.status == Briefstatus.CONCEPT
    besluit = Goedkeuring.objects.get(brief=ter_review)
    assert (besluit.besluit, besluit.opmerking) == (Besluit.TERUGGESTUURD, "Graag 1 aanscherpen.")


def test_terugsturen_zonder_opmerking_geeft_400_met_de_fout_bij_het_veld(ter_review, client_for):
    bzk, _ = coordinatoren(ter_review)
    response = _post(client_for(bzk), "reacties:terugsturen", ter_review, opmerking="   ")
    assert response.status_code == OpmerkingVerplicht.http_status == 400
    html = response.content.decode()
    assert 'id="opmerking-terugsturen-fout"' in html
    assert 'aria-invalid="true"' in html
    assert "de opmerking is verplicht" in html
    assert toegankelijkheidsfouten(html) == []
    ter_review.refresh_from_db()
    assert ter_review.status == Briefstatus.TER_REVIEW
    assert not Goedkeuring.objects.exists()


def test_verzenden(ter_review, client_for):
    bzk, vws = coordinatoren(ter_review)
    workflow.keur_goed(ter_review, bzk)
    workflow.keur_goed(ter_review, vws)
    response = _post(client_for(bzk), "reacties:verzenden", ter_review)
    assert response.status_code == 302
    ter_review.refresh_from_db()
    assert ter_review.status == Briefstatus.VERZONDEN
    assert meldingen(response) == ["De brief is als verzonden gemarkeerd."]


def test_nieuwe_versie_maken_gaat_naar_de_nieuwe_brief(voorbeeldbrief, client_for):
    response = _post(client_for(gebruiker(REDACTEUR)), "reacties:nieuwe_versie", voorbeeldbrief)
    assert response.status_code == 302
    nieuw = Reactiebrief.objects.get(advies=voorbeeldbrief.advies, versie=2)
    assert response["Location"] == reverse("reacties:brief", args=[nieuw.pk])
    assert nieuw.status == Briefstatus.CONCEPT
    voorbeeldbrief.refresh_from_db()
    assert voorbeeldbrief.status == Briefstatus.VERZONDEN

    # A second new version of the same letter is refused (409); the panel links the newer.
    client = client_for(gebruiker(REDACTEUR))
    response = _post(client, "reacties:nieuwe_versie", voorbeeldbrief)
    assert response.status_code == 409
    assert "bestaat al een nieuwere versie (versie 2)" in response.content.decode()
    html = pagina(client, voorbeeldbrief)
    assert "reacties:nieuwe_versie" not in knoppen(html, voorbeeldbrief)
    assert reverse("reacties:brief", args=[nieuw.pk]) in paneel_html(html)


def paneel_html(html: str) -> str:
    begin = html.index('<section class="werkstroom"')
    return html[begin : html.index("</section>", begin)]


# --- refusals ------------------------------------------------------------------------------

ACTIES = list(KNOPPEN)


@pytest.mark.parametrize("naam", ACTIES)
def test_alleen_post(naam, brief, client_for):
    client = client_for(gebruiker(BEHEERDER))
    assert client.get(reverse(naam, args=[brief.pk])).status_code == 405


@pytest.mark.parametrize("naam", ACTIES)
def test_anoniem_wordt_naar_het_inloggen_gestuurd(naam, brief, client_for):
    response = _post(client_for(None), naam, brief)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("inloggen"))


@pytest.mark.parametrize("naam", ACTIES)
def test_onbekende_brief_geeft_404(naam, client_for):
    response = client_for(gebruiker(BEHEERDER)).post(reverse(naam, args=[999_999]))
    assert response.status_code == 404


# Per action: a letter in the status where the action is possible, and the roles without
# its right. They get 403 with the workflow's message, whatever the status.
ZONDER_RECHT = {
    "reacties:naar_review": (Briefstatus.CONCEPT, [ANALIST]),
    "reacties:goedkeuren": (Briefstatus.TER_REVIEW, [ANALIST, REDACTEUR]),
    "reacties:terugsturen": (Briefstatus.TER_REVIEW, [ANALIST, REDACTEUR]),
    "reacties:verzenden": (Briefstatus.VASTGESTELD, [ANALIST, REDACTEUR]),
    "reacties:nieuwe_versie": (Briefstatus.VASTGESTELD, [ANALIST]),
}


@pytest.mark.parametrize(
    ("naam", "rol"),
    [(naam, rol) for naam, (_, rollen) in ZONDER_RECHT.items() for rol in rollen],
)
def test_zonder_recht_403_en_er_verandert_niets(naam, rol, brief, client_for):
    status, _ = ZONDER_RECHT[naam]
    brief = zet_status(brief, status)
    wie = gebruiker(rol, ministeries_van(brief)[0])
    aantal = (Reactiebrief.objects.count(), Goedkeuring.objects.count())

    response = _post(client_for(wie), naam, brief, opmerking="Mag ik dit?")

    assert response.status_code == 403
    assert f"U hebt geen recht om brieven te {ACTIE_VAN[naam].label}." in meldingen(response)
    brief.refresh_from_db()
    assert brief.status == status
    assert (Reactiebrief.objects.count(), Goedkeuring.objects.count()) == aantal


def test_zonder_recht_ook_als_de_status_niet_past(brief, client_for):
    # The role is checked first: a Redacteur approving a concept gets 403, not 409.
    response = _post(client_for(gebruiker(REDACTEUR)), "reacties:goedkeuren", brief)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("naam", "status"),
    [
        ("reacties:naar_review", Briefstatus.TER_REVIEW),
        ("reacties:goedkeuren", Briefstatus.CONCEPT),
        ("reacties:terugsturen", Briefstatus.VASTGESTELD),
        ("reacties:verzenden", Briefstatus.CONCEPT),
        ("reacties:nieuwe_versie", Briefstatus.TER_REVIEW),
    ],
)
def test_niet_vanuit_deze_status_geeft_409(naam, status, brief, client_for):
    brief = zet_status(brief, status)
    response = _post(
        client_for(gebruiker(COORDINATOR, ministeries_van(brief)[0])), naam, brief, opmerking="x"
    )
    assert response.status_code == 409
    [melding] = meldingen(response)
    assert melding.startswith(f"Een brief die {brief.get_status_display()} is, kan niet")
    # The letter page itself, with the message.
    assert melding in response.content.decode()
    assert "brieven/brief.html" in [t.name for t in response.templates]
    brief.refresh_from_db()
    assert brief.status == status


def test_een_ministerie_dat_niet_ondertekent_krijgt_403(ter_review, client_for):
    elders = gebruiker(COORDINATOR, factories.maak_ministerie())
    response = _post(client_for(elders), "reacties:goedkeuren", ter_review)
    assert response.status_code == 403
    assert "ondertekent deze brief niet" in meldingen(response)[0]


def test_twee_keer_beoordelen_geeft_409(ter_review, client_for):
    bzk, _ = coordinatoren(ter_review)
    client = client_for(bzk)
    assert _post(client, "reacties:goedkeuren", ter_review).status_code == 302
    response = _post(client, "reacties:terugsturen", ter_review, opmerking="Toch niet.")
    assert response.status_code == 409
    assert "in deze reviewronde al beoordeeld" in meldingen(response)[-1]


def test_zonder_ondertekenaars_geeft_409(brief, client_for):
    Ondertekenaar.objects.filter(brief=brief).delete()
    response = _post(client_for(gebruiker(REDACTEUR)), "reacties:naar_review", brief)
    assert response.status_code == 409
    assert "nog geen ondertekenaars" in meldingen(response)[0]


# --- completeness --------------------------------------------------------------------------


def test_onvolledig_naar_review_gaat_naar_de_volledigheid(brief, client_for):
    ontbreekt = factories.maak_aanbeveling(brief.advies)
    response = _post(client_for(gebruiker(REDACTEUR)), "reacties:naar_review", brief)
    assert response.status_code == 302
    assert response["Location"] == reverse("reacties:volledigheid", args=[brief.pk])
    assert meldingen(response) == [
        f"De brief kan nog niet naar review: aanbeveling {ontbreekt.nummer} heeft nog geen "
        "reactie met een standpunt."
    ]
    brief.refresh_from_db()
    assert (brief.status, brief.review_ronde) == (Briefstatus.CONCEPT, 0)


def test_volledigheid_noemt_de_ontbrekende_met_links(brief, client_for):
    advies = brief.advies
    zonder_reactie = factories.maak_aanbeveling(advies)
    zonder_standpunt = factories.maak_aanbeveling(advies)
    reactie = factories.maak_reactie(factories.maak_sectie(brief), aanbevelingen=[zonder_standpunt])
    Reactie.objects.filter(pk=reactie.pk).update(standpunt="")

    response = client_for(gebruiker(REDACTEUR)).get(
        reverse("reacties:volledigheid", args=[brief.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert toegankelijkheidsfouten(html) == []
    assert "2 aanbevelingen zonder reactie met standpunt" in html
    for aanbeveling in (zonder_reactie, zonder_standpunt):
        assert f"<strong>Aanbeveling {aanbeveling.nummer}</strong>: {aanbeveling.tekst}" in html
        assert f'href="/brieven/{brief.pk}/bewerken/#aanbeveling-{aanbeveling.pk}"' in html
        assert f'href="{reverse("advies:aanbeveling", args=[aanbeveling.pk])}"' in html
    assert html.index(zonder_reactie.tekst) < html.index(zonder_standpunt.tekst)  # report order


def test_volledigheid_zonder_editorlink_voor_wie_niet_bewerkt(brief, client_for):
    factories.maak_aanbeveling(brief.advies)
    url = reverse("reacties:volledigheid", args=[brief.pk])
    analist = client_for(gebruiker(ANALIST)).get(url).content.decode()
    assert "/bewerken/#aanbeveling-" not in analist
    assert "Bekijk aanbeveling" in analist
    zet_status(brief, Briefstatus.TER_REVIEW)
    redacteur = client_for(gebruiker(REDACTEUR)).get(url).content.decode()
    assert "/bewerken/#aanbeveling-" not in redacteur


def test_volledigheid_van_een_volledige_brief(voorbeeldbrief, client_for):
    response = client_for(gebruiker(ANALIST)).get(
        reverse("reacties:volledigheid", args=[voorbeeldbrief.pk])
    )
    assert response.status_code == 200
    assert "De brief is volledig" in response.content.decode()


def test_volledigheid_vraagt_leesrecht(brief, client_for):
    url = reverse("reacties:volledigheid", args=[brief.pk])
    assert client_for(None).get(url).status_code == 302
    zonder_rol = get_user_model().objects.create_user("zonder-rol", password="x")
    assert client_for(zonder_rol).get(url).status_code == 403
    assert (
        client_for(gebruiker(ANALIST)).get(reverse("reacties:volledigheid", args=[0])).status_code
        == 404
    )


def test_editor_url():
    assert editor_url(7, 12).endswith("/brieven/7/bewerken/#aanbeveling-12")
    assert editor_url(7).endswith("/brieven/7/bewerken/")
