"""The admin: every model reachable, no N+1 changelists, the validation the database cannot
do, and the roles with their permissions."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from importlib import import_module
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Model
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advies.models import Aanbeveling
from adviesmonitor.models import AuditEvent
from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR, ROLLEN
from programmas.models import Medewerker, Ministerie
from reacties.management.commands.laad_voorbeeld import VOORBEELD
from reacties.models import Briefprogramma, Programmakoppeling, Reactie, Reactiebrief, Sectie
from reacties.uitwisseling.importeren import importeer_document, lees_bestand
from reacties.workflow import ministerie_van, ondertekenende_ministeries
from tests import factories
from tests.factories import MAKERS

rollen_migratie = import_module("reacties.migrations.0002_rollen")
briefprogramma_migratie = import_module("reacties.migrations.0004_rollen_briefprogramma")
werkstroom_migratie = import_module("reacties.migrations.0007_rollen_werkstroom")
auditlog_migratie = import_module("adviesmonitor.migrations.0002_rollen_auditlog")
# The table of the last migration that changes the roles: 0002's, with what came after.
ROL_PERMISSIES: dict[str, frozenset[str]] = auditlog_migratie.ROL_PERMISSIES
# Records of what happened (approvals, frozen PDFs, history): written by the services only.
ALLEEN_DOOR_DIENSTEN = set(werkstroom_migratie.ALLEEN_DOOR_DIENSTEN)
# Only to read, for everyone (superusers too): the audit log.
ALLEEN_LEZEN = {AuditEvent}
DOMEINAPPS = ("advies", "programmas", "reacties")

GEREGISTREERD = sorted(MAKERS, key=lambda model: model._meta.label)


def _id(model: type[Model]) -> str:
    return model._meta.label


def admin_url(model: type[Model], soort: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{soort}", args=args)


# --- every model has an admin, and every admin page opens ---------------------------------


def test_elk_domeinmodel_staat_in_de_admin_en_heeft_een_factory():
    domein = {m for app in DOMEINAPPS for m in django_apps.get_app_config(app).get_models()}
    assert domein <= set(admin.site._registry), domein - set(admin.site._registry)
    # The tests below reach every registered model through MAKERS; a new one must be added.
    assert set(admin.site._registry) == set(MAKERS)


@pytest.mark.parametrize("model", GEREGISTREERD, ids=_id)
def test_beheerder_opent_elke_pagina(model, beheerder, client_for):
    obj = MAKERS[model]()
    client = client_for(beheerder)
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
        admin_url(model, "delete", obj.pk),
    ):
        response = client.get(url)
        if url == admin_url(model, "add") and _door_diensten(model):
            # Nobody adds these by hand, the Beheerder neither: the services write them.
            assert response.status_code == 403, url
            continue
        if model in ALLEEN_LEZEN and url in (
            admin_url(model, "add"),
            admin_url(model, "delete", obj.pk),
        ):
            assert response.status_code == 403, url
            continue
        assert response.status_code == 200, url
    # The changelist shows the record, so the page is not just an empty shell.
    lijst = client.get(admin_url(model, "changelist"))
    assert obj.pk in [rij.pk for rij in lijst.context["cl"].result_list]


def _door_diensten(model: type[Model]) -> bool:
    return (model._meta.app_label, model._meta.model_name) in ALLEEN_DOOR_DIENSTEN


def _naar_admin_login(response: HttpResponse) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path == reverse(
        "admin:login"
    )


@pytest.mark.parametrize("model", GEREGISTREERD, ids=_id)
def test_anoniem_wordt_naar_het_inloggen_gestuurd(model, db, client_for):
    obj = MAKERS[model]()
    client = client_for(None)
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ):
        assert _naar_admin_login(client.get(url)), url


@pytest.mark.parametrize("model", GEREGISTREERD, ids=_id)
def test_analist_komt_de_admin_niet_in(model, analist, client_for):
    # Analysts may view every domain model, but in their own pages: the admin refuses them.
    obj = MAKERS[model]()
    client = client_for(analist)
    for url in (admin_url(model, "changelist"), admin_url(model, "change", obj.pk)):
        assert _naar_admin_login(client.get(url)), url


def test_analist_krijgt_ook_met_post_niets_gewijzigd(analist, client_for):
    brief = factories.maak_reactiebrief()
    response = client_for(analist).post(
        admin_url(Reactiebrief, "change", brief.pk), {"onderwerp": "Gekaapt"}
    )
    assert _naar_admin_login(response)
    brief.refresh_from_db()
    assert brief.onderwerp != "Gekaapt"


@pytest.mark.parametrize("model", GEREGISTREERD, ids=_id)
def test_elke_filterkeuze_en_zoekopdracht_werkt(model, beheerder, client_for):
    # A filter on a wrong lookup does not crash: the admin quietly redirects with ?e=1.
    factories.maak_voorbeelden()
    client = client_for(beheerder)
    lijst_url = admin_url(model, "changelist")
    cl = client.get(lijst_url).context["cl"]
    keuzes = [keuze["query_string"] for spec in cl.filter_specs for keuze in spec.choices(cl)]
    assert len(keuzes) >= 2 * len(cl.filter_specs)
    for querystring in [*keuzes, "?q=1"]:
        response = client.get(lijst_url + querystring)
        assert response.status_code == 200, querystring


def test_filters_hebben_elk_een_eigen_titel(beheerder, client_for):
    client = client_for(beheerder)
    for model in GEREGISTREERD:
        titels = [
            str(spec.title)
            for spec in client.get(admin_url(model, "changelist")).context["cl"].filter_specs
        ]
        assert len(titels) == len(set(titels)), (model, titels)


# --- changelists do not grow in queries with their rows -----------------------------------


def _vul_tot(model: type[Model], aantal: int, maker: Callable[[], object]) -> None:
    while model._default_manager.count() < aantal:
        maker()


def _queries_van_lijst(client: Client, model: type[Model]) -> tuple[int, int]:
    """(queries, rows shown) for one request of the model's changelist."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


def _beantwoorde_aanbevelingen() -> None:
    # Two recommendations of one report, with levels and a response with a stance.
    factories.maak_reactie()


LIJSTMAKERS: dict[type[Model], Callable[[], object]] = {
    **MAKERS,
    Aanbeveling: _beantwoorde_aanbevelingen,
}


@pytest.mark.parametrize("model", GEREGISTREERD, ids=_id)
def test_lijst_doet_evenveel_queries_bij_2_als_bij_20_rijen(model, beheerder, client_for):
    client = client_for(beheerder)
    _vul_tot(model, 2, LIJSTMAKERS[model])
    weinig, rijen_weinig = _queries_van_lijst(client, model)
    _vul_tot(model, 20, LIJSTMAKERS[model])
    veel, rijen_veel = _queries_van_lijst(client, model)
    assert rijen_weinig >= 2
    assert rijen_veel >= 20
    assert veel == weinig, f"{weinig} queries bij {rijen_weinig} rijen, {veel} bij {rijen_veel}"


def test_lijst_van_aanbevelingen_toont_laag_en_standpunt(beheerder, client_for):
    reactie = factories.maak_reactie()
    aanbeveling = reactie.aanbevelingen.first()
    response = client_for(beheerder).get(admin_url(Aanbeveling, "changelist"))
    inhoud = response.content.decode()
    assert aanbeveling.bestuurslagen.get().naam in inhoud
    assert "overgenomen" in inhoud


def test_filter_op_standpunt_toont_een_aanbeveling_eenmaal(beheerder, client_for):
    # Answered in two letter versions with the same stance: still one row.
    reactie = factories.maak_reactie()
    aanbeveling = reactie.aanbevelingen.first()
    advies = aanbeveling.advies
    tweede = factories.maak_sectie(factories.maak_reactiebrief(advies))
    factories.maak_reactie(tweede, aanbevelingen=[aanbeveling])
    ongemoeid = factories.maak_aanbeveling()
    response = client_for(beheerder).get(
        admin_url(Aanbeveling, "changelist"), {"standpunt": "overgenomen"}
    )
    rijen = [a.pk for a in response.context["cl"].result_list]
    assert rijen.count(aanbeveling.pk) == 1
    assert ongemoeid.pk not in rijen
    response = client_for(beheerder).get(
        admin_url(Aanbeveling, "changelist"), {"standpunt": "geen"}
    )
    assert [a.pk for a in response.context["cl"].result_list] == [ongemoeid.pk]


# --- autocomplete -------------------------------------------------------------------------


def _autocomplete_velden() -> list[tuple[type[Model], str]]:
    velden = set()
    for model, model_admin in admin.site._registry.items():
        velden |= {(model, veld) for veld in model_admin.autocomplete_fields}
        for inline in model_admin.inlines:
            velden |= {(inline.model, veld) for veld in inline.autocomplete_fields}
    return sorted(velden, key=lambda mv: (mv[0]._meta.label, mv[1]))


def test_er_zijn_autocompletevelden():
    assert len(_autocomplete_velden()) >= 20


@pytest.mark.parametrize(
    ("model", "veld"), _autocomplete_velden(), ids=lambda x: x if isinstance(x, str) else _id(x)
)
def test_autocomplete_vindt_records(model, veld, beheerder, client_for):
    doelmodel = model._meta.get_field(veld).related_model
    doel = factories.maak_voorbeelden()[doelmodel]
    response = client_for(beheerder).get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": veld,
        },
    )
    assert response.status_code == 200
    assert str(doel.pk) in {resultaat["id"] for resultaat in response.json()["results"]}


# --- validation the database cannot do ----------------------------------------------------


def formulierdata(response: HttpResponse) -> dict[str, Any]:
    """The POST data of an admin change page as it stands: main form and every inline."""
    data: dict[str, Any] = {}

    def voeg_toe(form) -> None:
        for naam in form.fields:
            waarde = form[naam].value()
            sleutel = form.add_prefix(naam)
            if waarde is None or waarde is False:
                continue
            if waarde is True:
                data[sleutel] = "on"
            elif isinstance(waarde, list | tuple):
                data[sleutel] = [str(v) for v in waarde]
            else:
                data[sleutel] = str(waarde)

    voeg_toe(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        voeg_toe(inline.formset.management_form)
        for form in inline.formset.forms:
            voeg_toe(form)
    return data


def fouten(response: HttpResponse) -> str:
    """Every error message on an admin form page, as one text."""
    meldingen = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        meldingen += [str(e) for e in inline.formset.errors]
        meldingen.append(str(inline.formset.non_form_errors()))
    return "\n".join(meldingen)


def _wijzig(client: Client, model: type[Model], obj: Model, aanpassen) -> HttpResponse:
    url = admin_url(model, "change", obj.pk)
    data = formulierdata(client.get(url))
    aanpassen(data)
    return client.post(url, data)


def _inline_rij_toevoegen(data: dict[str, Any], prefix: str, velden: dict[str, Any]) -> None:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{veld}": waarde for veld, waarde in velden.items()})


@pytest.fixture
def beheer(beheerder, client_for) -> Client:
    return client_for(beheerder)


def test_reactie_met_aanbeveling_uit_ander_advies_wordt_geweigerd(beheer):
    reactie = factories.maak_reactie()
    vreemd = factories.maak_aanbeveling()
    response = _wijzig(
        beheer, Reactie, reactie, lambda d: d["aanbevelingen"].append(str(vreemd.pk))
    )
    assert response.status_code == 200
    assert "hoort niet bij het advies van deze brief" in fouten(response)
    assert vreemd not in reactie.aanbevelingen.all()


def test_reactie_met_eigen_aanbevelingen_wordt_bewaard(beheer):
    reactie = factories.maak_reactie()
    extra = factories.maak_aanbeveling(reactie.sectie.brief.advies)
    response = _wijzig(beheer, Reactie, reactie, lambda d: d["aanbevelingen"].append(str(extra.pk)))
    assert response.status_code == 302, fouten(response)
    assert extra in reactie.aanbevelingen.all()


def test_nieuwe_reactie_in_sectie_controleert_het_advies_van_de_brief(beheer):
    sectie = factories.maak_sectie()
    eigen = factories.maak_aanbeveling(sectie.brief.advies)
    vreemd = factories.maak_aanbeveling()

    def met(aanbeveling: Aanbeveling):
        def aanpassen(data: dict[str, Any]) -> None:
            _inline_rij_toevoegen(
                data,
                "reacties",
                {
                    "volgorde": "1",
                    "tekst": "<p>Dat doen we.</p>",
                    "aanbevelingen": [aanbeveling.pk],
                },
            )

        return aanpassen

    response = _wijzig(beheer, Sectie, sectie, met(vreemd))
    assert response.status_code == 200
    assert "hoort niet bij het advies van deze brief" in fouten(response)
    assert not sectie.reacties.exists()

    response = _wijzig(beheer, Sectie, sectie, met(eigen))
    assert response.status_code == 302, fouten(response)
    assert list(sectie.reacties.get().aanbevelingen.all()) == [eigen]


def test_sectie_verhuist_niet_naar_brief_over_een_ander_advies(beheer):
    reactie = factories.maak_reactie()
    andere_brief = factories.maak_reactiebrief()
    response = _wijzig(
        beheer, Sectie, reactie.sectie, lambda d: d.update(brief=str(andere_brief.pk))
    )
    assert response.status_code == 200
    assert "hoort niet bij het advies van deze brief" in fouten(response)


def test_brief_krijgt_geen_ander_advies_onder_bestaande_reacties(beheer):
    reactie = factories.maak_reactie()
    brief = reactie.sectie.brief
    ander_advies = factories.maak_advies()
    response = _wijzig(beheer, Reactiebrief, brief, lambda d: d.update(advies=str(ander_advies.pk)))
    assert response.status_code == 200
    assert "hoort niet bij het advies van deze brief" in fouten(response)

    lege_brief = factories.maak_reactiebrief()
    response = _wijzig(
        beheer, Reactiebrief, lege_brief, lambda d: d.update(advies=str(ander_advies.pk))
    )
    assert response.status_code == 302, fouten(response)


def test_koppeling_in_reactie_roept_clean_van_het_model_aan(beheer):
    reactie = factories.maak_reactie()
    programma = factories.maak_programma()
    onderdeel_elders = factories.maak_programmaonderdeel()

    def koppel(onderdeel) -> Callable[[dict[str, Any]], None]:
        return lambda data: _inline_rij_toevoegen(
            data,
            "koppelingen",
            {"programma": programma.pk, "onderdeel": onderdeel.pk, "soort": "nieuwe_toezegging"},
        )

    response = _wijzig(beheer, Reactie, reactie, koppel(onderdeel_elders))
    assert response.status_code == 200
    assert "Dit onderdeel hoort niet bij het gekozen programma." in fouten(response)
    assert not Programmakoppeling.objects.filter(reactie=reactie).exists()

    eigen_onderdeel = factories.maak_programmaonderdeel(programma)
    response = _wijzig(beheer, Reactie, reactie, koppel(eigen_onderdeel))
    assert response.status_code == 302, fouten(response)
    assert reactie.koppelingen.get().onderdeel == eigen_onderdeel


def test_koppeling_op_eigen_pagina_roept_clean_van_het_model_aan(beheer):
    koppeling = factories.maak_programmakoppeling()
    elders = factories.maak_programmaonderdeel()
    response = _wijzig(
        beheer, Programmakoppeling, koppeling, lambda d: d.update(onderdeel=str(elders.pk))
    )
    assert response.status_code == 200
    assert "Dit onderdeel hoort niet bij het gekozen programma." in fouten(response)


def test_programma_in_brief_roept_clean_van_het_model_aan(beheer):
    brief = factories.maak_reactiebrief()
    programma = factories.maak_programma()
    onderdeel_elders = factories.maak_programmaonderdeel()

    def noem(onderdeel) -> Callable[[dict[str, Any]], None]:
        return lambda data: _inline_rij_toevoegen(
            data,
            "programmaverwijzingen",
            {"volgorde": "1", "programma": programma.pk, "onderdeel": onderdeel.pk},
        )

    response = _wijzig(beheer, Reactiebrief, brief, noem(onderdeel_elders))
    assert response.status_code == 200
    assert "Dit onderdeel hoort niet bij het gekozen programma." in fouten(response)
    assert not Briefprogramma.objects.filter(brief=brief).exists()

    eigen_onderdeel = factories.maak_programmaonderdeel(programma)
    response = _wijzig(beheer, Reactiebrief, brief, noem(eigen_onderdeel))
    assert response.status_code == 302, fouten(response)
    assert brief.programmaverwijzingen.get().onderdeel == eigen_onderdeel


@pytest.mark.parametrize("met_onderdeel", [False, True], ids=["programma", "onderdeel"])
def test_hetzelfde_programma_twee_keer_in_een_brief_geeft_een_melding(beheer, met_onderdeel):
    # The database's rule depends on whether a part is filled in, which Django's own check
    # across the rows of one submission does not see: the formset does.
    brief = factories.maak_reactiebrief()
    onderdeel = factories.maak_programmaonderdeel()

    def twee_rijen(data: dict[str, Any]) -> None:
        for volgorde in ("1", "2"):
            _inline_rij_toevoegen(
                data,
                "programmaverwijzingen",
                {
                    "volgorde": volgorde,
                    "programma": onderdeel.programma.pk,
                    "onderdeel": onderdeel.pk if met_onderdeel else "",
                },
            )

    response = _wijzig(beheer, Reactiebrief, brief, twee_rijen)
    assert response.status_code == 200
    wat = "Dit onderdeel" if met_onderdeel else "Dit programma"
    assert f"{wat} staat al in een andere rij." in fouten(response)
    assert not brief.programmaverwijzingen.exists()


def test_dubbele_programmakoppeling_in_reactie_geeft_een_melding(beheer):
    reactie = factories.maak_reactie()
    programma = factories.maak_programma()

    def twee_rijen(data: dict[str, Any]) -> None:
        for soort in ("bestaand_beleid", "nieuwe_toezegging"):
            _inline_rij_toevoegen(data, "koppelingen", {"programma": programma.pk, "soort": soort})

    response = _wijzig(beheer, Reactie, reactie, twee_rijen)
    assert response.status_code == 200
    assert "Dit programma staat al in een andere rij." in fouten(response)
    assert not reactie.koppelingen.exists()


def test_programma_in_brief_op_eigen_pagina_roept_clean_van_het_model_aan(beheer):
    verwijzing = factories.maak_briefprogramma()
    elders = factories.maak_programmaonderdeel()
    response = _wijzig(
        beheer, Briefprogramma, verwijzing, lambda d: d.update(onderdeel=str(elders.pk))
    )
    assert response.status_code == 200
    assert "Dit onderdeel hoort niet bij het gekozen programma." in fouten(response)


def test_hoofdadvies_komt_uit_hetzelfde_advies_en_maakt_geen_kring(beheer):
    hoofd = factories.maak_aanbeveling()
    onder = factories.maak_aanbeveling(hoofd.advies, bovenliggend=hoofd)
    elders = factories.maak_aanbeveling()

    response = _wijzig(beheer, Aanbeveling, onder, lambda d: d.update(bovenliggend=str(elders.pk)))
    assert "Het hoofdadvies moet uit hetzelfde advies komen." in fouten(response)

    response = _wijzig(beheer, Aanbeveling, hoofd, lambda d: d.update(bovenliggend=str(onder.pk)))
    assert "niet onder zichzelf" in fouten(response)
    hoofd.refresh_from_db()
    assert hoofd.bovenliggend is None


def test_onderdeel_in_programma_hangt_onder_een_onderdeel_van_datzelfde_programma(beheer):
    onderdeel = factories.maak_programmaonderdeel()
    programma = onderdeel.programma
    elders = factories.maak_programmaonderdeel()
    prefix = "onderdelen"
    response = _wijzig(
        beheer,
        type(programma),
        programma,
        lambda d: d.update({f"{prefix}-0-bovenliggend": str(elders.pk)}),
    )
    assert response.status_code == 200
    assert "moet bij hetzelfde programma horen" in fouten(response)


def test_toezegging_met_twee_deadlines_krijgt_een_leesbare_melding(beheer):
    toezegging = factories.maak_toezegging()
    response = _wijzig(
        beheer, type(toezegging), toezegging, lambda d: d.update(deadline_datum="2027-06-01")
    )
    assert response.status_code == 200
    assert "óf als jaar" in fouten(response)


# --- roles --------------------------------------------------------------------------------


def _permissies_van(groep: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in groep.permissions.select_related("content_type")
    }


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ROLLEN)
def test_groep_heeft_precies_de_permissies_uit_de_migratie(rol):
    assert _permissies_van(Group.objects.get(name=rol)) == ROL_PERMISSIES[rol]


def test_rollen_zijn_overal_dezelfde():
    assert set(ROLLEN) == set(ROL_PERMISSIES) == set(IS_STAFF)
    assert IS_STAFF == {REDACTEUR: True, COORDINATOR: True, ANALIST: False, BEHEERDER: True}


@pytest.mark.django_db
def test_permissietabel_dekt_elk_domeinmodel():
    # A model added later must appear in the table, or no one could work with it.
    for app in DOMEINAPPS:
        for model in django_apps.get_app_config(app).get_models():
            naam = f"{app}.%s_{model._meta.model_name}"
            assert naam % "view" in ROL_PERMISSIES[ANALIST], model
            if _door_diensten(model):
                # Records of what happened: the Beheerder may view and delete them, and no
                # role may add or change them by hand.
                assert {naam % "view", naam % "delete"} <= ROL_PERMISSIES[BEHEERDER], model
                for rol in ROLLEN:
                    assert not {naam % "add", naam % "change"} & ROL_PERMISSIES[rol], (rol, model)
                continue
            assert {naam % a for a in ("view", "add", "change", "delete")} <= ROL_PERMISSIES[
                BEHEERDER
            ], model


def test_permissietabel_volgt_de_taakverdeling():
    analist, redacteur = ROL_PERMISSIES[ANALIST], ROL_PERMISSIES[REDACTEUR]
    coordinator, beheerder = ROL_PERMISSIES[COORDINATOR], ROL_PERMISSIES[BEHEERDER]
    assert all(".view_" in p for p in analist)
    assert analist < redacteur < coordinator < beheerder
    assert {"reacties.delete_reactiebrief", "reacties.add_voetnoot", "advies.add_aanbeveling"} <= (
        redacteur
    )
    assert not {
        "advies.change_advies",
        "advies.delete_aanbeveling",
        "programmas.change_programma",
    } & (redacteur)
    assert coordinator - redacteur == {
        "advies.change_advies",
        "programmas.change_programma",
        "programmas.change_programmaonderdeel",
        "programmas.change_organisatie",
        "programmas.change_ambtsdrager",
        # The workflow: approve or send back, and mark as sent.
        "reacties.keur_brief_goed",
        "reacties.verzend_brief",
    }
    assert {"auth.add_user", "auth.change_group"} <= beheerder
    assert not any(p.startswith("auth.") for p in coordinator)


@pytest.mark.django_db
def test_rollen_terugdraaien_en_opnieuw_aanmaken():
    assert rollen_migratie.Migration.operations[0].reversible
    assert briefprogramma_migratie.Migration.operations[0].reversible
    assert werkstroom_migratie.Migration.operations[0].reversible
    assert auditlog_migratie.Migration.operations[0].reversible
    schema_editor = SimpleNamespace(connection=connection)

    def groepen_volgen(tabel: dict[str, frozenset[str]]) -> None:
        for rol in ROLLEN:
            assert _permissies_van(Group.objects.get(name=rol)) == tabel[rol]

    # Back to before the audit log's rights: only viewing the log is taken away.
    auditlog_migratie.neem_rechten_terug(django_apps, schema_editor)
    groepen_volgen(werkstroom_migratie.ROL_PERMISSIES)
    # Back to before 0007: only the rights on the workflow models are taken away.
    werkstroom_migratie.neem_rechten_terug(django_apps, schema_editor)
    groepen_volgen(briefprogramma_migratie.ROL_PERMISSIES)
    # Back to before 0004: only the rights on letter programmes are taken away.
    briefprogramma_migratie.neem_rechten_terug(django_apps, schema_editor)
    groepen_volgen(rollen_migratie.ROL_PERMISSIES)
    rollen_migratie.verwijder_rollen(django_apps, schema_editor)
    assert not Group.objects.filter(name__in=ROLLEN).exists()
    assert Permission.objects.filter(codename="view_reactie").exists()
    briefprogramma_migratie.neem_rechten_terug(django_apps, schema_editor)  # no groups: no-op
    # Forward again, each step twice: a second run changes nothing.
    rollen_migratie.maak_rollen(django_apps, schema_editor)
    rollen_migratie.maak_rollen(django_apps, schema_editor)
    groepen_volgen(rollen_migratie.ROL_PERMISSIES)
    briefprogramma_migratie.geef_rechten(django_apps, schema_editor)
    briefprogramma_migratie.geef_rechten(django_apps, schema_editor)
    groepen_volgen(briefprogramma_migratie.ROL_PERMISSIES)
    werkstroom_migratie.geef_rechten(django_apps, schema_editor)
    werkstroom_migratie.geef_rechten(django_apps, schema_editor)
    groepen_volgen(werkstroom_migratie.ROL_PERMISSIES)
    auditlog_migratie.geef_rechten(django_apps, schema_editor)
    auditlog_migratie.geef_rechten(django_apps, schema_editor)
    groepen_volgen(ROL_PERMISSIES)
    # The real app configs passed in here keep their models module.
    assert django_apps.get_app_config("reacties").models_module is not None
    assert django_apps.get_app_config("adviesmonitor").models_module is not None


def test_rechten_op_briefprogrammas_zoals_op_de_programmakoppelingen():
    def acties(rol: str, model: str) -> set[str]:
        return {
            p.removeprefix("reacties.").removesuffix(f"_{model}")
            for p in ROL_PERMISSIES[rol]
            if p.startswith("reacties.") and p.endswith(f"_{model}")
        }

    for rol in ROLLEN:
        assert acties(rol, "briefprogramma") == acties(rol, "programmakoppeling"), rol
    assert acties(ANALIST, "briefprogramma") == {"view"}
    assert acties(REDACTEUR, "briefprogramma") == {"view", "add", "change", "delete"}
    # 0002 predates the model: its rights come from 0004 alone.
    assert not any("briefprogramma" in p for p in rollen_migratie.ROL_PERMISSIES[BEHEERDER])


def test_redacteur_schrijft_brieven_maar_leest_adviezen(redacteur, client_for):
    client = client_for(redacteur)
    advies = factories.maak_advies()
    assert client.get(admin_url(Reactiebrief, "add")).status_code == 200
    assert client.get(admin_url(type(advies), "add")).status_code == 403
    wijzig = client.get(admin_url(type(advies), "change", advies.pk))
    assert wijzig.status_code == 200
    assert wijzig.context["has_change_permission"] is False  # read-only
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_coordinator_beheert_programmas_maar_maakt_ze_niet_aan(coordinator, client_for):
    client = client_for(coordinator)
    programma = factories.maak_programma()
    wijzig = client.get(admin_url(type(programma), "change", programma.pk))
    assert wijzig.context["has_change_permission"] is True
    assert client.get(admin_url(type(programma), "add")).status_code == 403
    assert client.get(admin_url(type(programma), "delete", programma.pk)).status_code == 403


def test_beheerder_beheert_gebruikers_zonder_superuser_te_zijn(beheerder, client_for):
    assert not beheerder.is_superuser
    client = client_for(beheerder)
    assert client.get(reverse("admin:auth_user_add")).status_code == 200
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 200


# --- demo users ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demogebruikers_alleen_met_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="alleen met DEBUG=1"):
        call_command("maak_demogebruikers")
    assert not Group.objects.get(name=REDACTEUR).user_set.exists()


@pytest.mark.django_db
def test_demogebruikers_per_rol_en_herhaalbaar(settings, django_user_model):
    settings.DEBUG = True
    call_command("maak_demogebruikers", stdout=io.StringIO())
    uitvoer = io.StringIO()
    call_command("maak_demogebruikers", stdout=uitvoer)  # twice: no failure, no duplicates
    tekst = uitvoer.getvalue()
    assert tekst.splitlines()[0].split() == [
        "gebruikersnaam",
        "wachtwoord",
        "rol",
        "ministerie",
        "beheeromgeving",
    ]
    for gebruikersnaam, rol, ministerie in [
        ("redacteur", REDACTEUR, None),
        ("coordinator", COORDINATOR, "BZK"),
        ("coordinator-vws", COORDINATOR, "VWS"),
        ("analist", ANALIST, None),
        ("beheerder", BEHEERDER, None),
    ]:
        gebruiker = django_user_model.objects.get(username=gebruikersnaam)
        wachtwoord = f"demo-{gebruikersnaam}-2026"
        assert wachtwoord in tekst
        assert gebruiker.check_password(wachtwoord)
        assert [g.name for g in gebruiker.groups.all()] == [rol]
        assert gebruiker.is_staff is IS_STAFF[rol]
        assert not gebruiker.is_superuser
        assert ministerie_van(gebruiker) == (
            Ministerie.objects.get(afkorting=ministerie) if ministerie else None
        )
        regel = next(r for r in tekst.splitlines() if r.startswith(gebruikersnaam + " "))
        assert regel.split()[3] == (ministerie or "-")
    assert django_user_model.objects.count() == 5
    assert Medewerker.objects.count() == 2


@pytest.mark.django_db
def test_demogebruikers_gebruiken_de_ministeries_van_het_voorbeeld(settings, voorbeeldbrief):
    # `make run` loads the example first: the coordinators work for its two ministries
    # (found by abbreviation, no duplicates), and so may approve its letters.
    settings.DEBUG = True
    ministeries = Ministerie.objects.count()
    call_command("maak_demogebruikers", stdout=io.StringIO())
    assert Ministerie.objects.count() == ministeries
    ondertekenend = {m.afkorting for m in ondertekenende_ministeries(voorbeeldbrief)}
    coordinatoren = Medewerker.objects.filter(user__groups__name=COORDINATOR)
    assert {m.ministerie.afkorting for m in coordinatoren} == ondertekenend == {"BZK", "VWS"}


@pytest.mark.django_db
def test_demogebruikers_maken_ontbrekende_ministeries_met_de_namen_van_het_voorbeeld(
    settings,
):
    settings.DEBUG = True
    call_command("maak_demogebruikers", stdout=io.StringIO())
    namen = dict(Ministerie.objects.values_list("afkorting", "naam"))
    document = json.loads(VOORBEELD.read_text(encoding="utf-8"))
    assert namen == {m["afkorting"]: m["naam"] for m in document["ministeries"]}
    # Loading the example afterwards completes the same two ministries.
    importeer_document(lees_bestand(VOORBEELD))
    assert Ministerie.objects.count() == 2


@pytest.mark.django_db
def test_demogebruikers_kunnen_inloggen_volgens_hun_rol(settings):
    settings.DEBUG = True
    call_command("maak_demogebruikers", stdout=io.StringIO())
    index = reverse("admin:index")
    for gebruikersnaam, binnen in [("beheerder", True), ("redacteur", True), ("analist", False)]:
        client = Client()
        assert client.login(username=gebruikersnaam, password=f"demo-{gebruikersnaam}-2026")
        response = client.get(index)
        assert (response.status_code == 200) is binnen, gebruikersnaam
