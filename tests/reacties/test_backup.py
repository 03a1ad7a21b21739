"""Backup and restore: ``exporteer --alle`` then ``importeer`` gives back every row of every
domain table (docs/uitwisselformaat.md, "Back-up en herstel").

The data: the generated data set (40 reports, a fixed seed), the example letter taken
through the workflow (sent back once, approved by both signing ministries, frozen, sent),
edits with history, answer templates, a ministry's logo and the users' ministries. Every
domain table is dumped in a canonical form (every field; references as natural keys, so
the comparison does not lean on ids), the tables are emptied (users stay), the backup is
restored and dumped again: identical. Exporting again gives the same file.
"""

from __future__ import annotations

import hashlib
import io
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, models

from advies import testdata
from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from adviesmonitor.rollen import COORDINATOR, REDACTEUR
from programmas.models import (
    Ambtsdrager,
    Medewerker,
    Ministerie,
    Organisatie,
    Programma,
    Programmaonderdeel,
)
from reacties import services, workflow
from reacties.models import (
    Antwoordsjabloon,
    Briefprogramma,
    Briefversie,
    Goedkeuring,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Vastlegging,
    Voetnoot,
)
from reacties.uitwisseling import Importfout, herstellen, importeer_document, lees_bestand
from reacties.uitwisseling.exporteren import dump, exporteer_document, schrijf_document
from reacties.uitwisseling.herstellen import domeinmodellen, wis_domeintabellen
from tests.reacties.werkstroom_hulp import gebruiker, ministeries_van

pytestmark = pytest.mark.django_db

# Every byte value, so a restore that treats the PDF as text would show.
PDF = b"%PDF-1.7\n" + bytes(range(256)) + b"\n%%EOF\n"
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1"/></svg>'


# --- the data ------------------------------------------------------------------------------


@pytest.fixture
def werkstroom(voorbeeldbrief, monkeypatch, settings, tmp_path) -> Reactiebrief:
    """The example letter through the workflow, with history, templates, a logo and the
    users' ministries: every kind of record, in little time."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # The workflow stores the letter's PDF when it is vastgesteld; these tests are about
    # the bytes surviving, not about rendering them (that is tested elsewhere).
    monkeypatch.setattr("reacties.brief.pdf.maak_pdf", lambda brief: SimpleNamespace(inhoud=PDF))
    brief = voorbeeldbrief
    bzk, vws = ministeries_van(brief)
    redacteur = gebruiker(REDACTEUR, naam="redacteur-backup")
    coordinator_bzk = gebruiker(COORDINATOR, ministerie=bzk, naam="coordinator-bzk")
    coordinator_vws = gebruiker(COORDINATOR, ministerie=vws, naam="coordinator-vws")
    gebruiker(COORDINATOR, naam="coordinator-zonder-ministerie")
    Medewerker.objects.create(user=gebruiker(REDACTEUR, naam="medewerker-zonder"))

    Reactiebrief.objects.filter(pk=brief.pk).update(status="concept")
    reactie = Reactie.objects.filter(sectie__brief=brief).order_by("sectie__volgorde", "volgorde")[
        0
    ]
    services.bewaar_reactie(
        reactie.pk,
        revisie=reactie.revisie,
        tekst=reactie.tekst + "<p>Aangevuld <strong>na overleg</strong>.</p>",
        standpunt=None,
        gebruiker=redacteur,
    )
    workflow.stuur_naar_review(brief, redacteur)
    workflow.stuur_terug(brief, coordinator_vws, "Graag de reactie op 1 aanscherpen.")
    reactie.refresh_from_db()
    services.bewaar_reactie(
        reactie.pk,
        revisie=reactie.revisie,
        tekst=reactie.tekst + "<p>Aangescherpt.</p>",
        standpunt="deels_overgenomen",
        gebruiker=redacteur,
    )
    workflow.stuur_naar_review(brief, redacteur)
    workflow.keur_goed(brief, coordinator_bzk, "Akkoord namens BZK.")
    workflow.keur_goed(brief, coordinator_vws)
    workflow.verzend(brief, coordinator_bzk)

    services.maak_sjabloon(
        naam="Overgenomen, met programma",
        tekst="<p>Het kabinet neemt dit advies over.</p>",
        standpunt="overgenomen",
        gebruiker=redacteur,
    )
    Antwoordsjabloon.objects.create(naam="Zonder maker", tekst="<p>Kennisgenomen.</p>")
    bzk.logo.save("bzk.svg", ContentFile(LOGO))
    # A reference record nothing uses: a backup holds it too.
    Raad.objects.create(afkorting="ONGEBRUIKT", naam="Een raad zonder adviezen")
    brief.refresh_from_db()
    assert brief.status == "verzonden" and hasattr(brief, "vastlegging")
    return brief


@pytest.fixture
def gegevens(werkstroom) -> Reactiebrief:
    """All of that beside the generated data set (40 reports, a fixed seed)."""
    testdata.genereer(40, seed=11)
    return werkstroom


# --- a canonical form of every domain table ------------------------------------------------

# Tables whose own ids a backup does not carry (their rows are pairs or positions); every
# other row keeps its id, so the id is part of its canonical form.
ZONDER_EIGEN_ID = {Ondertekenaar, Medewerker}


def _natuurlijke_sleutels() -> dict[type[models.Model], dict[int, Any]]:
    """id → natural key, per model, built table by table (no query per row)."""
    s: dict[type[models.Model], dict[int, Any]] = {}

    def tabel(model: type[models.Model], *velden: str, sleutel=None) -> None:
        rijen = model.objects.order_by().values_list("pk", *velden)
        s[model] = {pk: (sleutel(*rest) if sleutel else rest[0]) for pk, *rest in rijen}

    tabel(get_user_model(), "username")
    tabel(Bestuurslaag, "slug")
    tabel(Raad, "afkorting")
    tabel(Ministerie, "afkorting")
    tabel(Ambtsdrager, "sleutel")
    tabel(Organisatie, "sleutel")
    tabel(Programma, "slug")
    tabel(Programmaonderdeel, "programma_id", "sleutel", sleutel=lambda p, k: (s[Programma][p], k))
    tabel(Advies, "slug")
    tabel(Aanbeveling, "advies_id", "nummer", sleutel=lambda a, n: (s[Advies][a], n))
    tabel(Reactiebrief, "advies_id", "versie", sleutel=lambda a, v: (s[Advies][a], v))
    per_brief = lambda b, n: (s[Reactiebrief][b], n)  # noqa: E731
    tabel(Sectie, "brief_id", "volgorde", sleutel=per_brief)
    tabel(Reactie, "sectie_id", "volgorde", sleutel=lambda x, n: (s[Sectie][x], n))
    tabel(Toezegging, "reactie_id", "volgorde", sleutel=lambda r, n: (s[Reactie][r], n))
    tabel(Voetnoot, "brief_id", "nummer", sleutel=per_brief)
    tabel(Briefprogramma, "brief_id", "volgorde", sleutel=per_brief)
    tabel(Ondertekenaar, "brief_id", "volgorde", sleutel=per_brief)
    tabel(Briefversie, "brief_id", "nummer", sleutel=per_brief)
    tabel(Vastlegging, "brief_id", sleutel=lambda b: s[Reactiebrief][b])
    tabel(
        Goedkeuring,
        "brief_id",
        "ronde",
        "ministerie_id",
        sleutel=lambda b, r, m: (s[Reactiebrief][b], r, s[Ministerie][m]),
    )
    tabel(
        Programmakoppeling,
        "reactie_id",
        "programma_id",
        "onderdeel_id",
        sleutel=lambda r, p, o: (s[Reactie][r], s[Programma][p], o and s[Programmaonderdeel][o]),
    )
    tabel(Antwoordsjabloon, "naam")
    tabel(Medewerker, "user_id", sleutel=lambda u: s[get_user_model()][u])
    return s


def _waarde(veld: models.Field, waarde: Any, sleutels: dict) -> Any:
    if waarde is None:
        return None
    if veld.is_relation:
        doel = veld.related_model
        assert doel in sleutels, f"geen natuurlijke sleutel voor {doel.__name__}: voeg hem toe"
        return sleutels[doel][waarde]
    if isinstance(veld, models.FileField):
        if not waarde:
            return ""
        with veld.storage.open(waarde.name, "rb") as bestand:
            return (waarde.name, hashlib.sha256(bestand.read()).hexdigest())
    if isinstance(waarde, memoryview):
        return bytes(waarde)
    return waarde


def canoniek() -> dict[str, list]:
    """Every row of every domain table: all fields, references as natural keys."""
    sleutels = _natuurlijke_sleutels()
    uit = {}
    for model in domeinmodellen():
        velden = [
            veld
            for veld in model._meta.concrete_fields
            if not (veld.primary_key and (model._meta.auto_created or model in ZONDER_EIGEN_ID))
        ]
        rijen = [
            tuple(
                (veld.name, _waarde(veld, getattr(rij, veld.attname), sleutels)) for veld in velden
            )
            for rij in model.objects.order_by().only(*(v.attname for v in velden))
        ]
        uit[model._meta.label] = sorted(rijen, key=repr)
    return uit


def aantallen() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in domeinmodellen()}


def exporteer(pad) -> bytes:
    call_command("exporteer", "--alle", "-o", str(pad), stderr=io.StringIO())
    return pad.read_bytes()


def wis_alles() -> None:
    wis_domeintabellen()
    assert not any(aantallen().values())


def zonder_gebruiker(samenvatting: str) -> int:
    """The command's count of users' ministries skipped for want of the user."""
    regel = next(r for r in samenvatting.splitlines() if "zonder gebruiker" in r)
    return int(regel.split()[-1])


# --- the proof -----------------------------------------------------------------------------


def test_alles_komt_terug_na_exporteren_en_importeren(gegevens, tmp_path):
    voor = canoniek()
    assert all(voor.values()), [t for t, rijen in voor.items() if not rijen]  # every table
    gebruikers_voor = list(get_user_model().objects.values_list("pk", "username", "password"))
    eerste = exporteer(tmp_path / "backup.json")

    wis_alles()
    uit = io.StringIO()
    call_command("importeer", str(tmp_path / "backup.json"), stdout=uit)
    assert zonder_gebruiker(uit.getvalue()) == 0

    assert canoniek() == voor
    assert exporteer(tmp_path / "opnieuw.json") == eerste
    assert list(get_user_model().objects.values_list("pk", "username", "password")) == (
        gebruikers_voor
    )
    # Ids are kept (links and the history's snapshots hold them), and new rows do not
    # collide with them.
    brief = Reactiebrief.objects.get(pk=gegevens.pk)
    assert bytes(brief.vastlegging.pdf) == PDF
    nieuw = Sectie.objects.create(brief=brief, volgorde=99, kop="Na het herstel")
    assert nieuw.pk > max(Sectie.objects.exclude(pk=nieuw.pk).values_list("pk", flat=True))


def test_het_bestand_is_het_document_en_schrijft_in_stukken(gegevens, tmp_path, monkeypatch):
    """The streamed file is exactly ``dump(exporteer_document(volledig=True))``, also when
    the reports are read in many small batches."""
    monkeypatch.setattr("reacties.uitwisseling.exporteren.BLOK", 7)
    uit = io.StringIO()
    schrijf_document(uit, volledig=True)
    document = exporteer_document(volledig=True)
    assert uit.getvalue() == dump(document)
    assert document["volledig"] is True
    assert exporteer(tmp_path / "backup.json").decode() == dump(document)


def test_geschiedenis_en_herstel_van_een_versie_werken_na_het_terugzetten(werkstroom, tmp_path):
    """The snapshots hold database ids: after a restore they still name the same items."""
    exporteer(tmp_path / "backup.json")
    wis_alles()
    importeer_document(lees_bestand(tmp_path / "backup.json"))
    brief = Reactiebrief.objects.get(pk=werkstroom.pk)
    eerste = brief.geschiedenis.get(nummer=1)
    reactie = Reactie.objects.get(pk=eerste.inhoud["secties"][0]["reacties"][0]["id"])
    assert reactie.sectie.brief_id == brief.pk
    assert [v.wie for v in brief.geschiedenis.order_by("nummer")][-1] == "coordinator-bzk"


def test_terugzetten_in_een_gevulde_database_alleen_met_vervang(werkstroom, tmp_path):
    exporteer(tmp_path / "backup.json")
    voor = canoniek()
    Raad.objects.create(afkorting="NA-BACKUP", naam="Een raad van na de back-up")
    with pytest.raises(CommandError):
        call_command("importeer", str(tmp_path / "backup.json"), stderr=io.StringIO())
    assert Raad.objects.filter(afkorting="NA-BACKUP").exists()  # nothing changed

    call_command("importeer", "--vervang", str(tmp_path / "backup.json"), stdout=io.StringIO())
    assert canoniek() == voor  # the extra council is gone: the backup replaced everything


def test_vervang_geldt_alleen_voor_een_volledige_back_up(werkstroom):
    document = exporteer_document()
    with pytest.raises(Importfout) as info:
        importeer_document(document, vervang=True)
    assert info.value.fouten[0].startswith("volledig: is false; alleen een volledige back-up")


def test_zonder_de_gebruikers_blijft_wie_het_deed_bewaard(werkstroom, tmp_path):
    """Users are not in a backup. A record naming a user who does not exist is kept, with
    the username as text; the ministry of such a user is skipped and counted."""
    exporteer(tmp_path / "backup.json")
    wis_alles()
    get_user_model().objects.filter(username__in=["coordinator-bzk", "redacteur-backup"]).delete()
    uit = io.StringIO()
    call_command("importeer", str(tmp_path / "backup.json"), stdout=uit)
    assert zonder_gebruiker(uit.getvalue()) == 1

    goedkeuring = Goedkeuring.objects.get(brief_id=werkstroom.pk, ministerie__afkorting="BZK")
    assert (goedkeuring.gebruiker, goedkeuring.gebruikersnaam) == (None, "coordinator-bzk")
    assert goedkeuring.wie == "coordinator-bzk"
    vws = Goedkeuring.objects.filter(brief_id=werkstroom.pk, ministerie__afkorting="VWS")
    assert {(g.wie, g.gebruikersnaam) for g in vws} == {("coordinator-vws", "")}
    vastlegging = Vastlegging.objects.get(brief_id=werkstroom.pk)
    assert (vastlegging.gebruiker.username, vastlegging.gebruikersnaam) == ("coordinator-vws", "")
    sjabloon = Antwoordsjabloon.objects.get(naam="Overgenomen, met programma")
    assert (sjabloon.gemaakt_door, sjabloon.wie) == (None, "redacteur-backup")
    door_redacteur = Briefversie.objects.filter(
        brief_id=werkstroom.pk, gebruikersnaam="redacteur-backup"
    )
    assert door_redacteur.count() == 4 and not door_redacteur.filter(gebruiker__isnull=False)
    # The export names the same users as before; only the skipped ministry is missing.
    voor = json.loads((tmp_path / "backup.json").read_bytes())
    na = json.loads(exporteer(tmp_path / "opnieuw.json"))
    voor["medewerkers"] = [m for m in voor["medewerkers"] if m["gebruiker"] != "coordinator-bzk"]
    assert na == voor


def test_een_beschadigde_pdf_wordt_geweigerd(werkstroom, tmp_path):
    document = json.loads(exporteer(tmp_path / "backup.json"))
    brief = next(
        b for a in document["adviezen"] for b in a["brieven"] if b["vastlegging"] is not None
    )
    brief["vastlegging"]["pdf"] = brief["vastlegging"]["pdf"][:-8] + "AAAAAAA="
    voor = aantallen()
    with pytest.raises(Importfout) as info:
        importeer_document(document, vervang=True)
    assert any("sha256: klopt niet met de pdf" in f for f in info.value.fouten)
    assert aantallen() == voor


def test_een_logo_met_dezelfde_naam_en_andere_inhoud_wordt_niet_overschreven(werkstroom, tmp_path):
    exporteer(tmp_path / "backup.json")
    bzk = Ministerie.objects.get(afkorting="BZK")
    naam = bzk.logo.name
    wis_alles()
    opslag = Ministerie._meta.get_field("logo").storage
    opslag.delete(naam)
    opslag.save(naam, ContentFile(b"een ander bestand"))
    importeer_document(lees_bestand(tmp_path / "backup.json"))
    hersteld = Ministerie.objects.get(afkorting="BZK").logo
    assert hersteld.name != naam
    assert hersteld.read() == LOGO
    assert opslag.open(naam).read() == b"een ander bestand"


def test_een_mislukte_terugzetting_laat_alles_zoals_het_was(werkstroom, tmp_path, monkeypatch):
    """Should the database still refuse something mid-restore, it rolls back completely,
    and the logo files the restore wrote are removed again."""
    exporteer(tmp_path / "backup.json")
    opslag = Ministerie._meta.get_field("logo").storage
    naam = Ministerie.objects.get(afkorting="BZK").logo.name
    # Another file under the logo's name: the restore has to write the logo anew.
    opslag.delete(naam)
    opslag.save(naam, ContentFile(b"een ander bestand"))
    voor, bestanden_voor = canoniek(), set(opslag.listdir("logos")[1])

    def weigert() -> None:
        raise IntegrityError("test: de database weigert")

    monkeypatch.setattr(herstellen, "_zet_reeksen_bij", weigert)
    with pytest.raises(Importfout) as info:
        importeer_document(lees_bestand(tmp_path / "backup.json"), vervang=True)
    assert info.value.fouten == [
        "De database weigerde de gegevens; er is niets gewijzigd. "
        "Melding: test: de database weigert"
    ]
    assert canoniek() == voor
    assert set(opslag.listdir("logos")[1]) == bestanden_voor
