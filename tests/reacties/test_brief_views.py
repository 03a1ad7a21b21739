"""The letter pages: who may see them, and what they serve."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login_page(voorbeeldbrief, client_for):
    for naam in ["reacties:brief", "reacties:pdf"]:
        url = reverse(naam, args=[voorbeeldbrief.pk])
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("inloggen"))


@pytest.mark.parametrize("rol", ["redacteur", "coordinator", "analist", "beheerder"])
def test_every_role_sees_the_letter_as_it_prints(rol, request, voorbeeldbrief, client_for):
    gebruiker = request.getfixturevalue(rol)
    response = client_for(gebruiker).get(reverse("reacties:brief", args=[voorbeeldbrief.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    # Same content and order as the PDF: headings, quotes, responses, signatures.
    volgorde = [
        "Hieronder wordt op de afzonderlijke adviezen aan het Rijk ingegaan.",
        "Sta bij de aanpak van ruimtelijke transities",
        "Adviezen aan gemeenten",
        "Adviezen over organisaties en plekken in de buurt",
        "Tenslotte",
        "De minister voor Volkshuisvesting en Ruimtelijke Ordening,",
        "De minister voor Langdurige Zorg en Sport,",
    ]
    posities = [html.index(stuk) for stuk in volgorde]
    assert posities == sorted(posities)
    assert 'id="voetnoot-3"' in html and "innovatieve onderzoeksaanpak" in html
    assert "De tekst van deze voetnoot is nog niet ingevuld." in html  # footnotes 1 and 2


def test_the_screen_lists_the_programmes_the_advice_fits(voorbeeldbrief, analist, client_for):
    response = client_for(analist).get(reverse("reacties:brief", args=[voorbeeldbrief.pk]))
    html = response.content.decode()
    blok = html[html.index("Programma's waarbij het advies aansluit") :]
    namen = [
        "Programma Wonen en Zorg voor Ouderen: Actielijn 3: Een leefomgeving die uitnodigt",
        "Programma Een tegen Eenzaamheid",
        "Sociale Basis",
    ]
    posities = [blok.index(naam) for naam in namen]
    assert posities == sorted(posities)
    # Below the letter: after the signatures and the footnotes.
    onder = html.index("briefprogrammas-kop")
    assert html.index("De minister voor Langdurige Zorg en Sport,") < onder
    assert html.index("innovatieve onderzoeksaanpak") < onder


def test_pdf_download(voorbeeldbrief, analist, client_for):
    response = client_for(analist).get(reverse("reacties:pdf", args=[voorbeeldbrief.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="reactiebrief-{voorbeeldbrief.pk}-v1.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_user_without_the_right_gets_403(voorbeeldbrief, django_user_model, client_for):
    zonder_rol = django_user_model.objects.create_user("buitenstaander", password="x")
    for naam in ["reacties:brief", "reacties:pdf"]:
        url = reverse(naam, args=[voorbeeldbrief.pk])
        assert client_for(zonder_rol).get(url).status_code == 403
    assert client_for(zonder_rol).get(reverse("reacties:lijst")).status_code == 403


def test_unknown_letter_gives_404(analist, client_for):
    assert client_for(analist).get(reverse("reacties:brief", args=[999999])).status_code == 404
    assert client_for(analist).get(reverse("reacties:pdf", args=[999999])).status_code == 404


def test_list_links_to_every_letter(voorbeeldbrief, redacteur, client_for):
    response = client_for(redacteur).get(reverse("reacties:lijst"))
    assert response.status_code == 200
    assert reverse("reacties:brief", args=[voorbeeldbrief.pk]) in response.content.decode()


def test_login_page_works_for_analysts(analist, client):
    response = client.post(
        reverse("inloggen"), {"username": "analist", "password": "geheim-voor-tests"}
    )
    assert response.status_code == 302
    assert client.get(reverse("reacties:lijst")).status_code == 200


def test_pages_are_read_only(voorbeeldbrief, beheerder, client_for):
    url = reverse("reacties:brief", args=[voorbeeldbrief.pk])
    assert client_for(beheerder).post(url).status_code == 405
