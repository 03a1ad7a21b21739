"""The exchange format (docs/uitwisselformaat.md): export, import, the commands and the checks.

The test document is built with the small factory helpers below. It is written in the
canonical form an export produces (sorted lists, sanitised rich text), so a round trip must
give it back unchanged.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from programmas.models import Ambtsdrager, Ministerie, Organisatie, Programma, Programmaonderdeel
from reacties.models import (
    Briefprogramma,
    Ondertekenaar,
    Programmakoppeling,
    Reactie,
    Reactiebrief,
    Sectie,
    Toezegging,
    Voetnoot,
)
from reacties.uitwisseling import importeren
from reacties.uitwisseling.exporteren import dump, exporteer_document
from reacties.uitwisseling.importeren import (
    Importfout,
    Importresultaat,
    controleer_document,
    importeer_document,
    lees_bestand,
    schema,
)

pytestmark = pytest.mark.django_db

ADVIES = "ruimte-maken-voor-ontmoeting"
ADVIES_2 = "zorg-voor-later"
A1 = f"adviezen[0] ‘{ADVIES}’"
BRIEF_2 = f"{A1} › brieven[1] ‘versie 2’"
REACTIE = f"{BRIEF_2} › secties[1] › reacties[0] ‘1.1, 1.2’"


# --- factory helpers -----------------------------------------------------------------------


def bestuurslaag(slug: str, naam: str, volgorde: int) -> dict:
    return {"slug": slug, "naam": naam, "volgorde": volgorde}


def raad(afkorting: str, naam: str) -> dict:
    return {"afkorting": afkorting, "naam": naam}


def ministerie(afkorting: str, naam: str) -> dict:
    return {
        "afkorting": afkorting,
        "naam": naam,
        "bezoekadres": "Turfmarkt 147\n2511 DP Den Haag",
        "postadres": "Postbus 20011\n2500 EA Den Haag",
        "website": "www.rijksoverheid.nl",
    }


def ambtsdrager(
    sleutel: str, titel: str, ministerie: str, naam: str = "", begin=None, einde=None
) -> dict:
    return {
        "sleutel": sleutel,
        "titel": titel,
        "naam": naam,
        "ministerie": ministerie,
        "begin": begin,
        "einde": einde,
    }


def organisatie(sleutel: str, naam: str, soort: str, afkorting: str = "", url: str = "") -> dict:
    return {"sleutel": sleutel, "naam": naam, "afkorting": afkorting, "soort": soort, "url": url}


def onderdeel(sleutel: str, naam: str, bovenliggend: str | None = None) -> dict:
    return {"sleutel": sleutel, "naam": naam, "bovenliggend": bovenliggend, "beschrijving": ""}


def programma(
    slug: str, naam: str, soort: str, eigenaar=None, uitvoerder=None, onderdelen=()
) -> dict:
    return {
        "slug": slug,
        "naam": naam,
        "soort": soort,
        "eigenaar": eigenaar,
        "uitvoerder": uitvoerder,
        "beschrijving": f"Over {naam}.",
        "url": "",
        "onderdelen": list(onderdelen),
    }


def aanbeveling(nummer: str, tekst: str, bovenliggend=None, lagen=("rijk",)) -> dict:
    return {
        "nummer": nummer,
        "bovenliggend": bovenliggend,
        "tekst": tekst,
        "bestuurslagen": list(lagen),
    }


def koppeling(programma: str, onderdeel=None, soort: str = "bestaand_beleid") -> dict:
    return {"programma": programma, "onderdeel": onderdeel, "soort": soort}


def briefprogramma(programma: str, onderdeel=None) -> dict:
    return {"programma": programma, "onderdeel": onderdeel}


def toezegging(
    tekst: str, deadline=None, ambtsdrager=None, organisatie=None, programma=None, status="open"
) -> dict:
    return {
        "tekst": tekst,
        "ambtsdrager": ambtsdrager,
        "organisatie": organisatie,
        "programma": programma,
        "deadline": deadline,
        "status": status,
    }


def reactie(
    aanbevelingen,
    tekst: str,
    standpunt: str = "overgenomen",
    citeer: bool = True,
    organisaties=(),
    programmas=(),
    toezeggingen=(),
) -> dict:
    return {
        "aanbevelingen": list(aanbevelingen),
        "standpunt": standpunt,
        "citeer_aanbevelingen": citeer,
        "tekst": tekst,
        "organisaties": list(organisaties),
        "programmas": list(programmas),
        "toezeggingen": list(toezeggingen),
    }


def sectie(kop: str, tekst: str, reacties=()) -> dict:
    return {"kop": kop, "tekst": tekst, "reacties": list(reacties)}


def brief(
    versie: int,
    ondertekenaars,
    secties,
    voetnoten=(),
    status: str = "verzonden",
    kenmerk: str = "",
    datum=None,
    opening: str = "",
    slot: str = "",
    programmas=(),
) -> dict:
    return {
        "versie": versie,
        "titel": "Kabinetsreactie",
        "onderwerp": "Reactie op het advies",
        "datum": datum,
        "kenmerk": kenmerk,
        "uw_kenmerk": "",
        "bijlagen": "",
        "geadresseerde": "Aan de Voorzitter van de Tweede Kamer\nPostbus 20018\n2500 EA Den Haag",
        "status": status,
        "review_ronde": 0,
        "opening": opening,
        "slot": slot,
        "ondertekenaars": list(ondertekenaars),
        "programmas": list(programmas),
        "voetnoten": list(voetnoten),
        "secties": list(secties),
        "goedkeuringen": [],
        "vastlegging": None,
    }


def advies(slug: str, titel: str, raden, aanbevelingen, brieven, publicatiedatum=None) -> dict:
    return {
        "slug": slug,
        "titel": titel,
        "ondertitel": "",
        "raden": list(raden),
        "publicatiedatum": publicatiedatum,
        "ontvangstdatum": None,
        "url": "",
        "aanbevelingen": list(aanbevelingen),
        "brieven": list(brieven),
    }


def document(**lijsten: list) -> dict:
    leeg = ("bestuurslagen", "raden", "ministeries", "ambtsdragers", "organisaties", "programmas")
    uit: dict[str, Any] = {"formaat": "adviesmonitor-uitwisseling", "versie": 2}
    uit["volledig"] = False
    uit.update({naam: [] for naam in leeg})
    uit["adviezen"] = []
    uit["antwoordsjablonen"] = []
    uit.update(lijsten)
    return uit


def advies_ontmoeting(slug: str = ADVIES, kenmerk: str = "2023-0000123456") -> dict:
    """Two letter versions, sub-recommendations, footnotes, links and every deadline form."""
    brief_1 = brief(
        1,
        ["minister-vro"],
        [
            sectie(
                "",
                "<p>Een eerste versie.</p>",
                [reactie(["1"], "<p>Dit onderzoeken wij.</p>", standpunt="in_onderzoek")],
            )
        ],
        status="vastgesteld",
    )
    verwerkt = reactie(
        ["1.1", "1.2"],
        '<p>Wij nemen dit deels over.<sup data-voetnoot="2">2</sup></p>',
        standpunt="deels_overgenomen",
        organisaties=["platform31", "vng"],
        programmas=[
            koppeling("mooi-nederland", soort="nieuwe_toezegging"),
            koppeling("mooi-nederland", "leefbare-steden"),
            koppeling("mooi-nederland", "groen-en-gezond"),
            koppeling("wet-regie-volkshuisvesting"),
        ],
        toezeggingen=[
            toezegging("Wij verkennen de mogelijkheden.", ambtsdrager="minister-vro"),
            toezegging(
                "Platform31 maakt een handreiking.",
                "2024-12-31",
                organisatie="platform31",
                programma="mooi-nederland",
                status="in_uitvoering",
            ),
            toezegging(
                "De wet treedt in werking.",
                2025,
                programma="wet-regie-volkshuisvesting",
                status="voldaan",
            ),
        ],
    )
    brief_2 = brief(
        2,
        ["minister-vro", "staatssecretaris-jeugd"],
        [
            sectie("Inleiding", "<p>Hieronder leest u onze reactie.</p>"),
            sectie(
                "Reactie op de aanbevelingen",
                "",
                [
                    verwerkt,
                    reactie(["2"], "<p>Hierover later meer.</p>", standpunt="", citeer=False),
                ],
            ),
        ],
        voetnoten=[
            {
                "nummer": 1,
                "tekst": '<a href="https://example.org/rapport" rel="noopener noreferrer">'
                "Het rapport</a>",
            },
            {"nummer": 2, "tekst": ""},
        ],
        kenmerk=kenmerk,
        datum="2023-09-01",
        opening='<p>Hierbij ontvangt u de reactie.<sup data-voetnoot="1">1</sup></p>',
        slot="<p>Hoogachtend,</p>",
        # In the letter's order, not sorted: the order of the list is the order kept.
        programmas=[
            briefprogramma("wet-regie-volkshuisvesting"),
            briefprogramma("mooi-nederland", "groen-en-gezond"),
            briefprogramma("mooi-nederland"),
        ],
    )
    return advies(
        slug,
        "Ruimte maken voor Ontmoeting",
        ["CRa", "RVS"],
        [
            aanbeveling("1", "Maak ruimte voor ontmoeting.", lagen=["rijk", "gemeente"]),
            aanbeveling("1.1", "Zorg voor plekken in de wijk.", "1", lagen=["gemeente"]),
            aanbeveling("1.2", "Financier ontmoetingsplekken.", "1"),
            aanbeveling("2", "Meet de effecten."),
        ],
        [brief_1, brief_2],
        publicatiedatum="2023-05-16",
    )


def maak_document() -> dict:
    return document(
        bestuurslagen=[bestuurslaag("rijk", "Rijk", 1), bestuurslaag("gemeente", "gemeente", 3)],
        raden=[
            raad("CRa", "College van Rijksadviseurs"),
            raad("RVS", "Raad voor Volksgezondheid en Samenleving"),
        ],
        ministeries=[
            ministerie("BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
            ministerie("VWS", "Ministerie van Volksgezondheid, Welzijn en Sport"),
        ],
        ambtsdragers=[
            ambtsdrager(
                "minister-vro",
                "minister voor Volkshuisvesting en Ruimtelijke Ordening",
                "BZK",
                begin="2022-01-10",
            ),
            ambtsdrager(
                "staatssecretaris-jeugd",
                "staatssecretaris van Jeugd, Preventie en Sport",
                "VWS",
                naam="M. Voorbeeld",
                begin="2022-01-10",
                einde="2024-07-02",
            ),
        ],
        organisaties=[
            organisatie("platform31", "Platform31", "kennis", afkorting="P31"),
            organisatie(
                "vng",
                "Vereniging van Nederlandse Gemeenten",
                "koepel",
                afkorting="VNG",
                url="https://vng.nl",
            ),
        ],
        programmas=[
            programma(
                "mooi-nederland",
                "Mooi Nederland",
                "programma",
                eigenaar="minister-vro",
                onderdelen=[
                    onderdeel("leefbare-steden", "Leefbare Steden en regio's"),
                    onderdeel("groen-en-gezond", "Groen en gezond leven", "leefbare-steden"),
                    onderdeel("wijkaanpak", "Wijkaanpak"),
                ],
            ),
            programma(
                "wet-regie-volkshuisvesting",
                "Wet versterking regie volkshuisvesting",
                "wet",
                uitvoerder="vng",
            ),
        ],
        adviezen=[
            advies_ontmoeting(),
            advies(
                ADVIES_2,
                "Zorg voor later",
                ["RVS"],
                [
                    aanbeveling("A1", "Investeer in preventie.", lagen=["gemeente"]),
                    aanbeveling("A2", "Werk samen in de regio.", lagen=["gemeente"]),
                ],
                [
                    brief(
                        1,
                        ["staatssecretaris-jeugd"],
                        [
                            sectie(
                                "",
                                "",
                                [reactie(["A1", "A2"], "<p>Wij nemen beide over.</p>")],
                            )
                        ],
                        status="concept",
                    )
                ],
            ),
        ],
    )


# --- database helpers ----------------------------------------------------------------------

DOMEINMODELLEN = [
    Bestuurslaag,
    Raad,
    Ministerie,
    Ambtsdrager,
    Organisatie,
    Programma,
    Programmaonderdeel,
    Advies,
    Advies.raden.through,
    Aanbeveling,
    Aanbeveling.bestuurslagen.through,
    Reactiebrief,
    Ondertekenaar,
    Briefprogramma,
    Voetnoot,
    Sectie,
    Reactie,
    Reactie.aanbevelingen.through,
    Reactie.organisaties.through,
    Programmakoppeling,
    Toezegging,
]


def tellingen() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in DOMEINMODELLEN}


def wis_domeintabellen() -> None:
    # Letters first (PROTECT on their report), then what the protected keys point to.
    for model in (
        Reactiebrief,
        Advies,
        Programma,
        Ambtsdrager,
        Ministerie,
        Organisatie,
        Raad,
        Bestuurslaag,
    ):
        model.objects.all().delete()
    assert not any(tellingen().values())


@pytest.fixture
def geimporteerd() -> dict:
    """The test document, imported; returns a fresh copy to modify."""
    importeer_document(maak_document())
    return maak_document()


def weigert(document: dict, verwacht: str) -> list[str]:
    """Import must fail with ``verwacht`` among the messages and write nothing at all."""
    voor, export_voor = tellingen(), dump(exporteer_document(alle=True))
    with pytest.raises(Importfout) as info:
        importeer_document(document)
    assert verwacht in info.value.fouten, "\n".join(info.value.fouten)
    assert tellingen() == voor
    assert dump(exporteer_document(alle=True)) == export_voor
    return info.value.fouten


# --- (1) round trip ------------------------------------------------------------------------


def test_document_voldoet_aan_het_schema():
    Draft202012Validator.check_schema(schema())
    assert controleer_document(maak_document()) == []


def test_rondreis_geeft_hetzelfde_document():
    invoer = maak_document()
    importeer_document(copy.deepcopy(invoer))
    eerste = dump(exporteer_document())
    assert json.loads(eerste) == invoer
    assert eerste == dump(invoer)
    assert eerste.endswith("}\n") and "’" not in eerste.split('"adviezen"')[0]

    wis_domeintabellen()
    importeer_document(json.loads(eerste))
    assert dump(exporteer_document()) == eerste


def test_sleutels_staan_in_de_volgorde_van_de_specificatie():
    importeer_document(maak_document())
    export = exporteer_document()
    assert list(export) == [
        "formaat",
        "versie",
        "volledig",
        "bestuurslagen",
        "raden",
        "ministeries",
        "ambtsdragers",
        "organisaties",
        "programmas",
        "adviezen",
        "antwoordsjablonen",
    ]
    brief_export = export["adviezen"][0]["brieven"][1]
    assert list(brief_export) == [
        "versie",
        "titel",
        "onderwerp",
        "datum",
        "kenmerk",
        "uw_kenmerk",
        "bijlagen",
        "geadresseerde",
        "status",
        "review_ronde",
        "opening",
        "slot",
        "ondertekenaars",
        "programmas",
        "voetnoten",
        "secties",
        "goedkeuringen",
        "vastlegging",
    ]
    assert list(brief_export["programmas"][0]) == ["programma", "onderdeel"]
    reactie_export = brief_export["secties"][1]["reacties"][0]
    assert list(reactie_export) == [
        "aanbevelingen",
        "standpunt",
        "citeer_aanbevelingen",
        "tekst",
        "organisaties",
        "programmas",
        "toezeggingen",
    ]
    assert [t["deadline"] for t in reactie_export["toezeggingen"]] == [None, "2024-12-31", 2025]


def test_volgorde_in_de_database_is_de_positie_in_de_lijst():
    importeer_document(maak_document())
    advies = Advies.objects.get(slug=ADVIES)
    assert list(advies.aanbevelingen.order_by("volgorde").values_list("nummer", "volgorde")) == [
        ("1", 1),
        ("1.1", 2),
        ("1.2", 3),
        ("2", 4),
    ]
    assert Aanbeveling.objects.get(advies=advies, nummer="1.1").bovenliggend.nummer == "1"
    brief = advies.brieven.get(versie=2)
    assert [o.ambtsdrager.sleutel for o in brief.ondertekening.order_by("volgorde")] == [
        "minister-vro",
        "staatssecretaris-jeugd",
    ]
    verwijzingen = brief.programmaverwijzingen.order_by("volgorde")
    assert [
        (v.programma.slug, v.onderdeel.sleutel if v.onderdeel else None, v.volgorde)
        for v in verwijzingen
    ] == [
        ("wet-regie-volkshuisvesting", None, 1),
        ("mooi-nederland", "groen-en-gezond", 2),
        ("mooi-nederland", None, 3),
    ]
    assert not advies.brieven.get(versie=1).programmaverwijzingen.exists()
    toezeggingen = Toezegging.objects.filter(reactie__sectie__brief=brief).order_by("volgorde")
    assert [(t.deadline_datum, t.deadline_jaar) for t in toezeggingen] == [
        (None, None),
        (toezeggingen[1].deadline_datum, None),
        (None, 2025),
    ]
    assert Bestuurslaag.objects.get(slug="gemeente").volgorde == 3


def test_bestaand_advies_wordt_vervangen():
    importeer_document(maak_document())
    nieuw = maak_document()
    rapport = nieuw["adviezen"][0]
    rapport["titel"] = "Ruimte maken voor Ontmoeting (herzien)"
    del rapport["aanbevelingen"][3]
    del rapport["brieven"][1]["secties"][1]["reacties"][1]  # the response to recommendation 2
    del rapport["brieven"][0]
    importeer_document(copy.deepcopy(nieuw))
    assert dump(exporteer_document()) == dump(nieuw)
    assert Aanbeveling.objects.filter(advies__slug=ADVIES).count() == 3
    assert Reactiebrief.objects.filter(advies__slug=ADVIES).count() == 1


def test_verwijzingen_naar_gegevens_die_alleen_in_de_database_staan():
    importeer_document(maak_document())
    alleen_advies = document(adviezen=[maak_document()["adviezen"][1]])
    alleen_advies["adviezen"][0]["titel"] = "Zorg voor later, bijgewerkt"
    resultaat = importeer_document(alleen_advies)
    assert resultaat.adviezen == 1 and resultaat.raden == 0
    assert Advies.objects.get(slug=ADVIES_2).titel == "Zorg voor later, bijgewerkt"


def test_onderdelen_die_niet_in_het_bestand_staan_blijven_achteraan_bestaan():
    importeer_document(maak_document())
    nieuw = maak_document()
    onderdelen = nieuw["programmas"][0]["onderdelen"]
    onderdelen[:] = [onderdelen[2], onderdelen[0], onderdelen[1]]  # reorder, none removed
    del onderdelen[0]  # 'wijkaanpak' is no longer in the file
    importeer_document(nieuw)
    volgorde = Programmaonderdeel.objects.filter(programma__slug="mooi-nederland").order_by(
        "volgorde"
    )
    assert [(o.sleutel, o.volgorde) for o in volgorde] == [
        ("leefbare-steden", 1),
        ("groen-en-gezond", 2),
        ("wijkaanpak", 3),
    ]


def test_logo_van_een_ministerie_blijft_behouden():
    importeer_document(maak_document())
    Ministerie.objects.filter(afkorting="BZK").update(logo="logos/bzk.svg")
    importeer_document(maak_document())
    assert Ministerie.objects.get(afkorting="BZK").logo.name == "logos/bzk.svg"


# --- (2) which reference data an export carries --------------------------------------------


def sleutels(export: dict, lijst: str, veld: str) -> list[str]:
    return [item[veld] for item in export[lijst]]


def test_export_van_genoemde_adviezen_bevat_alleen_gebruikte_referentiegegevens():
    importeer_document(maak_document())
    export = exporteer_document(Advies.objects.filter(slug=ADVIES_2))
    assert sleutels(export, "adviezen", "slug") == [ADVIES_2]
    assert sleutels(export, "bestuurslagen", "slug") == ["gemeente"]
    assert sleutels(export, "raden", "afkorting") == ["RVS"]
    assert sleutels(export, "ministeries", "afkorting") == ["VWS"]
    assert sleutels(export, "ambtsdragers", "sleutel") == ["staatssecretaris-jeugd"]
    assert export["organisaties"] == []
    assert export["programmas"] == []


def test_export_neemt_mee_waar_gebruikte_gegevens_naar_wijzen():
    """A programme's owner (and that owner's ministry) come along with the programme."""
    nieuw = maak_document()
    verwerkt = nieuw["adviezen"][1]["brieven"][0]["secties"][0]["reacties"][0]
    verwerkt["programmas"] = [koppeling("mooi-nederland", "groen-en-gezond")]
    importeer_document(nieuw)
    export = exporteer_document(Advies.objects.filter(slug=ADVIES_2))
    assert sleutels(export, "programmas", "slug") == ["mooi-nederland"]
    assert sleutels(export["programmas"][0], "onderdelen", "sleutel") == [
        "leefbare-steden",
        "groen-en-gezond",
        "wijkaanpak",
    ]
    assert sleutels(export, "ambtsdragers", "sleutel") == ["minister-vro", "staatssecretaris-jeugd"]
    assert sleutels(export, "ministeries", "afkorting") == ["BZK", "VWS"]


def test_export_neemt_de_programmas_uit_de_brief_mee():
    """A programme only the letter names is used too, with its owner and that one's ministry."""
    nieuw = maak_document()
    nieuw["adviezen"][1]["brieven"][0]["programmas"] = [
        briefprogramma("mooi-nederland", "wijkaanpak")
    ]
    importeer_document(nieuw)
    export = exporteer_document(Advies.objects.filter(slug=ADVIES_2))
    assert export["adviezen"][0]["brieven"][0]["programmas"] == [
        {"programma": "mooi-nederland", "onderdeel": "wijkaanpak"}
    ]
    assert sleutels(export, "programmas", "slug") == ["mooi-nederland"]
    assert sleutels(export, "ambtsdragers", "sleutel") == ["minister-vro", "staatssecretaris-jeugd"]
    assert sleutels(export, "ministeries", "afkorting") == ["BZK", "VWS"]
    # What an export of this report alone carries imports into an empty database.
    wis_domeintabellen()
    importeer_document(copy.deepcopy(export))
    assert exporteer_document() == export


def test_export_alle_bevat_ook_ongebruikte_referentiegegevens():
    importeer_document(maak_document())
    Raad.objects.create(afkorting="Rli", naam="Raad voor de leefomgeving en infrastructuur")
    export = exporteer_document(alle=True)
    assert sleutels(export, "raden", "afkorting") == ["CRa", "RVS", "Rli"]
    # The levels seeded by the migration, used or not, in their order.
    assert sleutels(export, "bestuurslagen", "slug")[:3] == ["rijk", "provincie", "gemeente"]
    assert "waterschap" in sleutels(export, "bestuurslagen", "slug")
    assert sleutels(export, "adviezen", "slug") == [ADVIES, ADVIES_2]


# --- (3) importing twice -------------------------------------------------------------------


def test_twee_keer_importeren_verandert_niets():
    eerste = importeer_document(maak_document())
    na_eerste, export_eerste = tellingen(), dump(exporteer_document(alle=True))
    tweede = importeer_document(maak_document())
    assert tweede == eerste
    assert tellingen() == na_eerste
    assert dump(exporteer_document(alle=True)) == export_eerste
    assert eerste == Importresultaat(
        bestuurslagen=2,
        raden=2,
        ministeries=2,
        ambtsdragers=2,
        organisaties=2,
        programmas=2,
        programmaonderdelen=3,
        adviezen=2,
        aanbevelingen=6,
        brieven=3,
        ondertekenaars=4,
        briefprogrammas=3,
        voetnoten=2,
        secties=4,
        reacties=4,
        programmakoppelingen=4,
        toezeggingen=3,
    )


# --- (4) bad files -------------------------------------------------------------------------


def test_ongeldige_json(tmp_path, geimporteerd):
    bestand = tmp_path / "kapot.json"
    bestand.write_text('{\n  "formaat": "adviesmonitor-uitwisseling",\n}\n', encoding="utf-8")
    voor = tellingen()
    with pytest.raises(Importfout) as info:
        lees_bestand(bestand)
    assert info.value.fouten == [
        f"Bestand ‘{bestand}’ is geen geldige JSON: regel 3, kolom 1: veldnaam tussen dubbele "
        "aanhalingstekens verwacht (staat er een komma te veel?)."
    ]
    assert tellingen() == voor


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"[1, 2]", "bevat een lijst; een uitwisselbestand is één JSON-object."),
        (b"  \n", "is leeg."),
        (b'{"a": "\xff"}', "is geen UTF-8-tekst (ongeldige byte op positie 7)."),
        (
            b'{"formaat": 1, "formaat": 2}',
            "is geen geldige JSON: veld ‘formaat’ komt twee keer voor in hetzelfde object.",
        ),
        (b'{"versie": NaN}', "is geen geldige JSON: ‘NaN’ is geen JSON-waarde."),
    ],
)
def test_onleesbare_bestanden(tmp_path, inhoud, melding):
    bestand = tmp_path / "bestand.json"
    bestand.write_bytes(inhoud)
    with pytest.raises(Importfout) as info:
        lees_bestand(bestand)
    assert info.value.fouten == [f"Bestand ‘{bestand}’ {melding}"]


def test_bestand_bestaat_niet(tmp_path):
    with pytest.raises(Importfout) as info:
        lees_bestand(tmp_path / "weg.json")
    assert info.value.fouten == [f"Bestand ‘{tmp_path / 'weg.json'}’ bestaat niet."]


def test_verkeerd_formaat(geimporteerd):
    geimporteerd["formaat"] = "iets-anders"
    fouten = weigert(
        geimporteerd,
        "formaat: is ‘iets-anders’; dit is geen Adviesmonitor-uitwisselingsdocument "
        "(verwacht ‘adviesmonitor-uitwisseling’)",
    )
    assert len(fouten) == 1  # no schema noise for a file of another format


def test_verkeerde_versie(geimporteerd):
    geimporteerd["versie"] = 3
    weigert(
        geimporteerd, "versie: 3 wordt niet ondersteund; deze Adviesmonitor leest versie 1 en 2"
    )


def test_ontbrekend_verplicht_veld(geimporteerd):
    del geimporteerd["adviezen"][0]["aanbevelingen"][1]["tekst"]
    weigert(geimporteerd, f"{A1} › aanbevelingen[1] ‘1.1’: veld ‘tekst’ ontbreekt")


def test_onbekend_veld(geimporteerd):
    geimporteerd["raden"][0]["website"] = "https://www.collegevanrijksadviseurs.nl"
    weigert(geimporteerd, "raden[0] ‘CRa’: onbekend veld ‘website’")


def test_lege_tekst_van_een_aanbeveling(geimporteerd):
    geimporteerd["adviezen"][0]["aanbevelingen"][3]["tekst"] = ""
    weigert(geimporteerd, f"{A1} › aanbevelingen[3] ‘2’ › tekst: mag niet leeg zijn")


def test_onbekend_programma(geimporteerd):
    verwerkt = geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]
    verwerkt["programmas"][0]["programma"] = "bestaat-niet"
    weigert(
        geimporteerd,
        f"{REACTIE} › programmas[0] ‘bestaat-niet’ › programma: onbekend programma "
        "‘bestaat-niet’ (staat niet in het bestand en niet in de database)",
    )


def test_onderdeel_van_een_ander_programma(geimporteerd):
    verwerkt = geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]
    verwerkt["programmas"][3]["onderdeel"] = "leefbare-steden"
    weigert(
        geimporteerd,
        f"{REACTIE} › programmas[3] ‘wet-regie-volkshuisvesting’ › onderdeel: onderdeel "
        "‘leefbare-steden’ hoort niet bij programma ‘wet-regie-volkshuisvesting’",
    )


def test_onbekend_programma_in_de_brief(geimporteerd):
    geimporteerd["adviezen"][0]["brieven"][1]["programmas"][0]["programma"] = "een-tegen-niets"
    fouten = weigert(
        geimporteerd,
        f"{BRIEF_2} › programmas[0] ‘een-tegen-niets’ › programma: onbekend programma "
        "‘een-tegen-niets’ (staat niet in het bestand en niet in de database)",
    )
    assert len(fouten) == 1


def test_onderdeel_van_een_ander_programma_in_de_brief(geimporteerd):
    geimporteerd["adviezen"][0]["brieven"][1]["programmas"][0]["onderdeel"] = "wijkaanpak"
    fouten = weigert(
        geimporteerd,
        f"{BRIEF_2} › programmas[0] ‘wet-regie-volkshuisvesting’ › onderdeel: onderdeel "
        "‘wijkaanpak’ hoort niet bij programma ‘wet-regie-volkshuisvesting’",
    )
    assert len(fouten) == 1


@pytest.mark.parametrize(
    ("dubbel", "getoond"),
    [
        (briefprogramma("mooi-nederland"), "‘mooi-nederland’"),
        (briefprogramma("mooi-nederland", "groen-en-gezond"), "‘mooi-nederland › groen-en-gezond’"),
    ],
)
def test_programma_twee_keer_in_de_brief(geimporteerd, dubbel, getoond):
    geimporteerd["adviezen"][0]["brieven"][1]["programmas"].append(dubbel)
    positie = 2 if dubbel["onderdeel"] is None else 1
    fouten = weigert(
        geimporteerd,
        f"{BRIEF_2} › programmas[3] ‘mooi-nederland’: {getoond} komt al voor in "
        f"programmas[{positie}]",
    )
    assert len(fouten) == 1


def test_zelfde_programma_in_brief_en_reactie_mag(geimporteerd):
    # The letter names the programmes the advice fits; a response links its own: both may
    # name the same one.
    verwerkt = geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]
    assert {"programma": "mooi-nederland", "onderdeel": None} in [
        {"programma": k["programma"], "onderdeel": k["onderdeel"]} for k in verwerkt["programmas"]
    ]
    assert controleer_document(geimporteerd) == []


def test_brief_zonder_programmas_veld(geimporteerd):
    del geimporteerd["adviezen"][0]["brieven"][1]["programmas"]
    weigert(geimporteerd, f"{BRIEF_2}: veld ‘programmas’ ontbreekt")


def test_dubbel_nummer_van_een_aanbeveling(geimporteerd):
    geimporteerd["adviezen"][0]["aanbevelingen"][2]["nummer"] = "1.1"
    weigert(
        geimporteerd,
        f"{A1} › aanbevelingen[2] ‘1.1’ › nummer: ‘1.1’ komt al voor in aanbevelingen[1]",
    )


def test_ongeldig_standpunt(geimporteerd):
    geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]["standpunt"] = "half"
    weigert(
        geimporteerd,
        f"{REACTIE} › standpunt: ‘half’ is geen geldige waarde; kies uit: ‘overgenomen’, "
        "‘deels_overgenomen’, ‘niet_overgenomen’, ‘in_onderzoek’, ‘kennisgenomen’, ‘’ (leeg)",
    )


def test_bovenliggend_staat_niet_eerder(geimporteerd):
    geimporteerd["adviezen"][0]["aanbevelingen"][0]["bovenliggend"] = "1.2"
    weigert(
        geimporteerd,
        f"{A1} › aanbevelingen[0] ‘1’ › bovenliggend: aanbeveling ‘1.2’ moet eerder in de "
        "lijst staan (staat nu in aanbevelingen[2])",
    )


def test_bovenliggend_onderdeel_staat_niet_eerder(geimporteerd):
    onderdelen = geimporteerd["programmas"][0]["onderdelen"]
    onderdelen[0]["bovenliggend"] = "leefbare-steden"
    weigert(
        geimporteerd,
        "programmas[0] ‘mooi-nederland’ › onderdelen[0] ‘leefbare-steden’ › bovenliggend: "
        "verwijst naar zichzelf; kies een eerder(e) onderdeel",
    )


def test_voetnootverwijzing_zonder_voetnoot(geimporteerd):
    verwerkt = geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]
    verwerkt["tekst"] = '<p>Zie de noot.<sup data-voetnoot="7">7</sup></p>'
    weigert(
        geimporteerd,
        f"{REACTIE} › tekst: verwijst naar voetnoot 7, maar de brief heeft geen voetnoot 7",
    )


def test_dubbel_voetnootnummer(geimporteerd):
    geimporteerd["adviezen"][0]["brieven"][1]["voetnoten"][1]["nummer"] = 1
    weigert(geimporteerd, f"{BRIEF_2} › voetnoten[1] ‘1’ › nummer: 1 komt al voor in voetnoten[0]")


def test_onmogelijke_datum(geimporteerd):
    geimporteerd["adviezen"][0]["publicatiedatum"] = "2023-02-30"
    weigert(geimporteerd, f"{A1} › publicatiedatum: ‘2023-02-30’ is geen bestaande datum")


def test_datum_in_verkeerde_vorm(geimporteerd):
    geimporteerd["ambtsdragers"][0]["begin"] = "10-01-2022"
    weigert(
        geimporteerd,
        "ambtsdragers[0] ‘minister-vro’ › begin: ‘10-01-2022’ is ongeldig: verwacht een datum "
        "(JJJJ-MM-DD) of null",
    )


def test_reactie_op_aanbeveling_die_niet_in_het_advies_staat(geimporteerd):
    geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]["aanbevelingen"] = [
        "1.1",
        "A1",
    ]
    weigert(
        geimporteerd,
        f"{BRIEF_2} › secties[1] › reacties[0] ‘1.1, A1’ › aanbevelingen[1]: "
        "aanbeveling ‘A1’ staat niet in dit advies",
    )


def test_kenmerk_al_in_gebruik_bij_een_ander_advies(geimporteerd):
    tweede = document(adviezen=[advies_ontmoeting(slug="nog-een-advies")])
    weigert(
        tweede,
        "adviezen[0] ‘nog-een-advies’ › brieven[1] ‘versie 2’ › kenmerk: ‘2023-0000123456’ "
        f"staat in de database al op een brief bij advies ‘{ADVIES}’",
    )


def test_naam_die_in_de_database_al_van_een_ander_is(geimporteerd):
    weigert(
        document(organisaties=[organisatie("p31", "Platform31", "kennis")]),
        "organisaties[0] ‘p31’ › naam: ‘Platform31’ is in de database al de naam van ‘platform31’",
    )


def test_link_moet_een_webadres_zijn(geimporteerd):
    geimporteerd["organisaties"][1]["url"] = "javascript:alert(1)"
    weigert(
        geimporteerd,
        "organisaties[1] ‘vng’ › url: ‘javascript:alert(1)’ is geen geldige link "
        "(begin met https://)",
    )


def test_nul_teken_wordt_geweigerd_voordat_de_database_het_ziet(geimporteerd):
    geimporteerd["raden"][0]["naam"] = "College\x00van Rijksadviseurs"
    weigert(
        geimporteerd,
        "raden[0] ‘CRa’ › naam: bevat een nul-teken (U+0000); dat kan niet worden opgeslagen",
    )


def test_alle_fouten_worden_gemeld_in_de_volgorde_van_het_bestand(geimporteerd):
    geimporteerd["raden"][1]["afkorting"] = "CRa"
    geimporteerd["adviezen"][0]["publicatiedatum"] = "2023-02-30"
    geimporteerd["adviezen"][1]["aanbevelingen"][1]["bovenliggend"] = "A9"
    fouten = weigert(geimporteerd, "raden[1] ‘CRa’ › afkorting: ‘CRa’ komt al voor in raden[0]")
    assert fouten == [
        "raden[1] ‘CRa’ › afkorting: ‘CRa’ komt al voor in raden[0]",
        f"{A1} › publicatiedatum: ‘2023-02-30’ is geen bestaande datum",
        f"adviezen[1] ‘{ADVIES_2}’ › aanbevelingen[1] ‘A2’ › bovenliggend: aanbeveling ‘A9’ "
        "staat niet in deze lijst",
    ]


def test_schemafouten_worden_allemaal_gemeld(geimporteerd):
    geimporteerd["adviezen"][0]["aanbevelingen"][3]["tekst"] = ""
    geimporteerd["adviezen"][1]["titel"] = "x" * 301
    geimporteerd["organisaties"][0]["soort"] = "bedrijf"
    fouten = weigert(geimporteerd, f"{A1} › aanbevelingen[3] ‘2’ › tekst: mag niet leeg zijn")
    assert len(fouten) == 3
    assert fouten[0].startswith("organisaties[0] ‘platform31’ › soort: ‘bedrijf’ is geen geldige")
    assert fouten[2] == (
        f"adviezen[1] ‘{ADVIES_2}’ › titel: is te lang: 301 tekens, hoogstens 300 toegestaan"
    )


def test_databasefout_wordt_een_importfout_en_er_wordt_niets_geschreven(geimporteerd, monkeypatch):
    """The safety net: should a check ever miss something, the database refuses it cleanly."""
    monkeypatch.setattr(importeren._Controle, "uitvoeren", lambda self: [])
    geimporteerd["adviezen"][0]["titel"] = "Gewijzigd voordat de fout optreedt"
    geimporteerd["adviezen"][1]["aanbevelingen"][1]["nummer"] = "A1"
    voor = tellingen()
    with pytest.raises(Importfout) as info:
        importeer_document(geimporteerd)
    (fout,) = info.value.fouten
    assert fout.startswith("De database weigerde de gegevens; er is niets gewijzigd. Melding:")
    assert tellingen() == voor
    assert Advies.objects.get(slug=ADVIES).titel == "Ruimte maken voor Ontmoeting"


# --- (5) the commands ----------------------------------------------------------------------


def schrijf(pad: Path, inhoud: dict) -> Path:
    pad.write_text(dump(inhoud), encoding="utf-8")
    return pad


def test_importeer_commando_toont_samenvatting(tmp_path):
    bestand = schrijf(tmp_path / "adviezen.json", maak_document())
    uit = io.StringIO()
    call_command("importeer", str(bestand), stdout=uit)
    tekst = uit.getvalue()
    assert f"‘{bestand}’ geïmporteerd:" in tekst
    assert "  adviezen                   2" in tekst
    assert "  toezeggingen               3" in tekst


def test_importeer_commando_met_fouten_meldt_elke_fout_zonder_traceback(tmp_path):
    kapot = maak_document()
    kapot["adviezen"][0]["aanbevelingen"][3]["tekst"] = ""
    kapot["adviezen"][0]["publicatiedatum"] = "2023-02-31"
    bestand = schrijf(tmp_path / "kapot.json", kapot)
    voor, fout = tellingen(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("importeer", str(bestand), stdout=io.StringIO(), stderr=fout)
    assert info.value.returncode == 1
    assert str(info.value) == (
        f"Import van ‘{bestand}’ afgebroken: 1 fout gevonden; er is niets gewijzigd."
    )
    # Schema errors come first; the date check only runs on a structurally valid file.
    assert fout.getvalue().splitlines() == [
        f"{A1} › aanbevelingen[3] ‘2’ › tekst: mag niet leeg zijn"
    ]
    assert "Traceback" not in fout.getvalue()
    assert tellingen() == voor


def test_importeer_via_manage_py_eindigt_met_status_1_zonder_traceback(tmp_path):
    """A real process, to see the exit status and stderr as a user does."""
    bestand = tmp_path / "kapot.json"
    bestand.write_text('{"formaat": "adviesmonitor-uitwisseling",,}', encoding="utf-8")
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "adviesmonitor.settings",
        "SECRET_KEY": "tests-only-not-a-secret",
        "DEBUG": "0",
        # The file is refused before any query; point at an empty, private database anyway.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
    }
    proces = subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "importeer", str(bestand)],
        capture_output=True,
        text=True,
        env=omgeving,
        cwd=settings.BASE_DIR,
        timeout=120,
        check=False,
    )
    assert proces.returncode == 1
    assert "Traceback" not in proces.stderr
    assert proces.stderr.splitlines()[0] == (
        f"Bestand ‘{bestand}’ is geen geldige JSON: regel 1, kolom 42: veldnaam tussen dubbele "
        "aanhalingstekens verwacht (staat er een komma te veel?)."
    )
    assert "CommandError: Import van" in proces.stderr


def test_exporteer_commando_naar_stdout_en_naar_bestand(tmp_path):
    importeer_document(maak_document())
    uit = io.StringIO()
    call_command("exporteer", ADVIES, ADVIES_2, stdout=uit)
    assert uit.getvalue() == dump(maak_document())

    bestand = tmp_path / "export.json"
    call_command(
        "exporteer", ADVIES_2, "-o", str(bestand), stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert sleutels(json.loads(bestand.read_text(encoding="utf-8")), "adviezen", "slug") == [
        ADVIES_2
    ]


def test_rondreis_via_de_commandos(tmp_path):
    importeer_document(maak_document())
    eerste, tweede = tmp_path / "eerste.json", tmp_path / "tweede.json"
    stil = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("exporteer", "--alle", "-o", str(eerste), **stil)
    wis_domeintabellen()
    call_command("importeer", str(eerste), **stil)
    call_command("exporteer", "--alle", "-o", str(tweede), **stil)
    assert eerste.read_bytes() == tweede.read_bytes()


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["bestaat-niet", ADVIES], "Onbekend advies: ‘bestaat-niet’. Er is niets geëxporteerd."),
        ([], "Geef een of meer sleutels van adviezen (exporteer SLUG [SLUG ...]) of --alle"),
        ([ADVIES, "--alle"], "Geef sleutels van adviezen óf --alle, niet allebei."),
    ],
)
def test_exporteer_commando_weigert_duidelijk(argumenten, melding):
    importeer_document(maak_document())
    uit = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("exporteer", *argumenten, stdout=uit)
    assert melding in str(info.value)
    assert uit.getvalue() == ""


# --- (6) a constant number of queries ------------------------------------------------------


def document_met_adviezen(aantal: int) -> dict:
    uit = maak_document()
    uit["adviezen"] = [
        advies_ontmoeting(slug=f"advies-{i:02d}", kenmerk=f"kenmerk-{i:02d}") for i in range(aantal)
    ]
    return uit


def aantal_queries(**argumenten: Any) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        exporteer_document(**argumenten)
    return len(vastgelegd.captured_queries)


def test_export_gebruikt_een_vast_aantal_queries(django_assert_max_num_queries):
    importeer_document(document_met_adviezen(1))
    bij_een = aantal_queries()
    bij_een_alle = aantal_queries(alle=True)
    importeer_document(document_met_adviezen(5))
    assert Advies.objects.count() == 5
    assert aantal_queries() == bij_een
    assert aantal_queries(alle=True) == bij_een_alle
    with django_assert_max_num_queries(24):  # one per list the export reads
        exporteer_document(alle=True)


# --- (7) hostile rich text -----------------------------------------------------------------


def test_vijandige_opmaak_wordt_bij_import_opgeschoond():
    vijandig = maak_document()
    brief_2 = vijandig["adviezen"][0]["brieven"][1]
    brief_2["opening"] = (
        '<p style="color:red">Welkom<sup data-voetnoot="1">1</sup>'
        '<a href="javascript:alert(1)">klik</a></p><script>alert("x")</script>'
    )
    brief_2["voetnoten"][1]["tekst"] = '<img src=file:///etc/passwd onerror="alert(1)">Bron'
    brief_2["secties"][1]["reacties"][0]["tekst"] = (
        '<p onclick="alert(1)" style="position:fixed">Hallo<script>alert(1)</script>'
        "<img src=file:///etc/passwd></p>"
    )
    importeer_document(vijandig)

    brief = Reactiebrief.objects.get(advies__slug=ADVIES, versie=2)
    assert brief.opening == (
        '<p>Welkom<sup data-voetnoot="1">1</sup><a rel="noopener noreferrer">klik</a></p>'
    )
    assert brief.voetnoten.get(nummer=2).tekst == "Bron"
    assert Reactie.objects.get(sectie__brief=brief, volgorde=1, sectie__volgorde=2).tekst == (
        "<p>Hallo</p>"
    )
    export = dump(exporteer_document())
    for gevaarlijk in ("<script", "passwd", "style=", "onclick", "onerror", "javascript:"):
        assert gevaarlijk not in export


def test_reactie_die_na_opschonen_leeg_is_wordt_geweigerd(geimporteerd):
    verwerkt = geimporteerd["adviezen"][0]["brieven"][1]["secties"][1]["reacties"][0]
    verwerkt["tekst"] = "<script>alert(1)</script>"
    weigert(
        geimporteerd,
        f"{REACTIE} › tekst: is leeg nadat de niet-toegestane opmaak is verwijderd; "
        "een reactie heeft tekst nodig",
    )
