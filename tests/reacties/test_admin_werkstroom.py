"""The admin follows the workflow: nothing in a letter that is not in concept can be
changed or deleted there, the status changes only through the workflow, and every change
made there is recorded in the letter's history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reacties.geschiedenis import versies
from reacties.models import Briefstatus, Briefversie, Reactie, Reactiebrief, Sectie, Toezegging
from tests import factories
from tests.reacties.werkstroom_hulp import kleine_brief, zet_status
from tests.test_admin import formulierdata

pytestmark = pytest.mark.django_db


def _url(obj, soort: str = "change") -> str:
    return reverse(f"admin:reacties_{obj._meta.model_name}_{soort}", args=[obj.pk])


@pytest.mark.parametrize("status", [Briefstatus.TER_REVIEW, Briefstatus.VERZONDEN])
def test_niets_in_een_brief_buiten_concept_te_wijzigen(status, redacteur, client_for):
    brief = zet_status(kleine_brief(), status)
    reactie = Reactie.objects.get(sectie__brief=brief)
    client = client_for(redacteur)
    for obj in (brief, brief.secties.get(), reactie):
        pagina = client.get(_url(obj))
        assert pagina.status_code == 200
        assert pagina.context["has_change_permission"] is False  # read-only
        assert not any(
            inline.formset.can_delete or inline.has_add_permission
            for inline in pagina.context["inline_admin_formsets"]
        )
        assert client.post(_url(obj), formulierdata(pagina)).status_code == 403
        assert client.get(_url(obj, "delete")).status_code == 403
    # Nor by moving a section of another letter (in concept) on the same report into it.
    sectie = factories.maak_sectie(factories.maak_reactiebrief(brief.advies))
    data = formulierdata(client.get(_url(sectie)))
    data["brief"] = str(brief.pk)
    assert client.post(_url(sectie), data).status_code == 403
    assert Sectie.objects.get(pk=sectie.pk).brief_id != brief.pk
    # Nor by "delete selected".
    actie = {"action": "delete_selected", "_selected_action": [reactie.pk], "post": "yes"}
    assert client.post(reverse("admin:reacties_reactie_changelist"), actie).status_code == 403
    assert Reactie.objects.filter(pk=reactie.pk).exists()
    assert not Briefversie.objects.filter(brief=brief).exists()


def test_de_status_wijzigt_alleen_via_de_werkstroom(redacteur, client_for):
    brief = kleine_brief()
    client = client_for(redacteur)
    data = formulierdata(client.get(_url(brief)))
    assert "status" not in data
    data.update(status=Briefstatus.VERZONDEN, onderwerp="Nieuw onderwerp")
    assert client.post(_url(brief), data).status_code == 302
    brief.refresh_from_db()
    assert (brief.status, brief.onderwerp) == (Briefstatus.CONCEPT, "Nieuw onderwerp")


def test_wijzigingen_in_de_beheeromgeving_komen_in_de_geschiedenis(redacteur, client_for):
    brief = kleine_brief()
    reactie = Reactie.objects.get(sectie__brief=brief)
    client = client_for(redacteur)

    data = formulierdata(client.get(_url(reactie)))
    data["tekst"] = "<p>Via de beheeromgeving.</p>"
    prefix = "toezeggingen"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-volgorde": "1", f"{prefix}-{index}-tekst": "Een plan."})
    data[f"{prefix}-{index}-status"] = "open"
    assert client.post(_url(reactie), data).status_code == 302

    reactie.refresh_from_db()
    assert reactie.revisie == 2  # an editor holding revision 1 now gets a conflict
    [versie] = versies(brief)
    assert versie.gebruiker == redacteur
    assert versie.omschrijving == f"Reactie ‘{reactie}’ gewijzigd in de beheeromgeving"
    [opgeslagen] = versie.inhoud["secties"][0]["reacties"]
    assert opgeslagen["tekst"] == "<p>Via de beheeromgeving.</p>"
    assert [t["tekst"] for t in opgeslagen["toezeggingen"]] == ["Een plan."]

    # Saving without changes records nothing.
    assert client.post(_url(reactie), formulierdata(client.get(_url(reactie)))).status_code == 302
    assert versies(brief).count() == 1

    toezegging = Toezegging.objects.get(reactie=reactie)
    assert client.post(_url(toezegging, "delete"), {"post": "yes"}).status_code == 302
    assert versies(brief).last().omschrijving == (
        "Toezegging ‘Een plan.’ verwijderd in de beheeromgeving"
    )


def test_redacteur_verwijdert_een_conceptbrief_met_geschiedenis(redacteur, client_for):
    brief = kleine_brief()
    reactie = Reactie.objects.get(sectie__brief=brief)
    client = client_for(redacteur)
    data = formulierdata(client.get(_url(reactie)))
    data["tekst"] = "<p>Iets.</p>"
    client.post(_url(reactie), data)
    assert versies(brief).exists()

    pagina = client.get(_url(brief, "delete"))
    assert pagina.status_code == 200 and not pagina.context["perms_lacking"]
    assert client.post(_url(brief, "delete"), {"post": "yes"}).status_code == 302
    assert not Reactiebrief.objects.filter(pk=brief.pk).exists()
    assert not Briefversie.objects.filter(brief_id=brief.pk).exists()


def test_verwijder_geselecteerde_in_een_conceptbrief(redacteur, client_for):
    brief = kleine_brief()
    toezeggingen = [
        factories.maak_toezegging(Reactie.objects.get(sectie__brief=brief)) for _ in "ab"
    ]
    actie = {
        "action": "delete_selected",
        "_selected_action": [t.pk for t in toezeggingen],
        "post": "yes",
    }
    response = client_for(redacteur).post(reverse("admin:reacties_toezegging_changelist"), actie)
    assert response.status_code == 302
    assert not Toezegging.objects.filter(reactie__sectie__brief=brief).exists()
    assert [v.omschrijving for v in versies(brief)] == [
        f"Toezegging ‘{t.tekst}’ verwijderd in de beheeromgeving" for t in toezeggingen
    ]
