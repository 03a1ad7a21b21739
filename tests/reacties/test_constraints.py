"""Letters, responses, links and commitments: the database enforces their rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from advies.models import Advies
from programmas.models import Ambtsdrager, Ministerie, Programma, Programmaonderdeel
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

pytestmark = pytest.mark.django_db


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def brief() -> Reactiebrief:
    advies = Advies.objects.create(slug="proef", titel="Proefadvies")
    return Reactiebrief.objects.create(advies=advies, onderwerp="Reactie op het proefadvies")


@pytest.fixture
def reactie(brief) -> Reactie:
    sectie = Sectie.objects.create(brief=brief, volgorde=1)
    return Reactie.objects.create(sectie=sectie, volgorde=1, tekst="<p>Wij nemen dit over.</p>")


@pytest.fixture
def programma() -> Programma:
    return Programma.objects.create(slug="mooi-nederland", naam="Mooi Nederland", soort="programma")


def test_letter_defaults_to_the_speaker_of_the_tweede_kamer(brief):
    assert brief.geadresseerde.startswith("Aan de Voorzitter van de Tweede Kamer")
    assert brief.status == Reactiebrief.Status.CONCEPT


def test_letter_version_is_unique_per_report(brief):
    _refused(lambda: Reactiebrief.objects.create(advies=brief.advies, onderwerp="Nog een"))


def test_invalid_letter_status_is_refused(brief):
    brief.status = "verstuurd"
    _refused(brief.save)


def test_kenmerk_is_unique_when_filled(brief):
    tweede = Reactiebrief.objects.create(advies=brief.advies, versie=2, onderwerp="Versie 2")
    brief.kenmerk = "2023-0000123"
    brief.save()
    tweede.kenmerk = "2023-0000123"
    _refused(tweede.save)


def test_section_and_response_order_are_unique(brief, reactie):
    _refused(lambda: Sectie.objects.create(brief=brief, volgorde=1))
    _refused(lambda: Reactie.objects.create(sectie=reactie.sectie, volgorde=1, tekst="<p>x</p>"))


def test_response_text_may_not_be_empty_even_after_sanitising(reactie):
    # Markup that sanitises to nothing must not sneak past the non-empty rule.
    _refused(
        lambda: Reactie.objects.create(
            sectie=reactie.sectie, volgorde=2, tekst="<script>x</script>"
        )
    )


def test_invalid_stance_is_refused(reactie):
    reactie.standpunt = "misschien"
    _refused(reactie.save)


def test_rich_text_is_sanitised_on_save(reactie):
    reactie.tekst = '<p onclick="x()">Tekst<img src="file:///etc/passwd"></p><style>p{}</style>'
    reactie.save()
    reactie.refresh_from_db()
    assert reactie.tekst == "<p>Tekst</p>"


def test_programme_link_is_unique_per_programme_and_part(reactie, programma):
    deel = Programmaonderdeel.objects.create(
        programma=programma, sleutel="leefbare-steden", naam="Leefbare Steden", volgorde=1
    )
    Programmakoppeling.objects.create(reactie=reactie, programma=programma, soort="bestaand_beleid")
    Programmakoppeling.objects.create(
        reactie=reactie, programma=programma, onderdeel=deel, soort="bestaand_beleid"
    )
    _refused(
        lambda: Programmakoppeling.objects.create(
            reactie=reactie, programma=programma, soort="nieuwe_toezegging"
        )
    )
    _refused(
        lambda: Programmakoppeling.objects.create(
            reactie=reactie, programma=programma, onderdeel=deel, soort="nieuwe_toezegging"
        )
    )


def test_letter_names_a_programme_and_a_part_once_each_in_its_own_place(brief, programma):
    deel = Programmaonderdeel.objects.create(
        programma=programma, sleutel="leefbare-steden", naam="Leefbare Steden", volgorde=1
    )
    ander = Programma.objects.create(slug="sociale-basis", naam="Sociale Basis", soort="programma")
    Briefprogramma.objects.create(brief=brief, programma=programma, volgorde=1)
    # The whole programme and one of its parts are two different references.
    Briefprogramma.objects.create(brief=brief, programma=programma, onderdeel=deel, volgorde=2)
    _refused(lambda: Briefprogramma.objects.create(brief=brief, programma=programma, volgorde=3))
    _refused(
        lambda: Briefprogramma.objects.create(
            brief=brief, programma=programma, onderdeel=deel, volgorde=3
        )
    )
    _refused(lambda: Briefprogramma.objects.create(brief=brief, programma=ander, volgorde=1))
    Briefprogramma.objects.create(brief=brief, programma=ander, volgorde=3)
    # Another letter may name the same programme and part.
    tweede = Reactiebrief.objects.create(advies=brief.advies, versie=2, onderwerp="Versie 2")
    Briefprogramma.objects.create(brief=tweede, programma=programma, onderdeel=deel, volgorde=1)
    assert brief.programmaverwijzingen.count() == 3


def test_letter_programme_part_must_belong_to_the_programme(brief, programma):
    ander = Programma.objects.create(slug="sociale-basis", naam="Sociale Basis", soort="programma")
    deel = Programmaonderdeel.objects.create(
        programma=ander, sleutel="buurten", naam="Buurten", volgorde=1
    )
    verwijzing = Briefprogramma(brief=brief, programma=programma, onderdeel=deel, volgorde=1)
    with pytest.raises(ValidationError) as info:
        verwijzing.full_clean()
    assert info.value.message_dict == {
        "onderdeel": ["Dit onderdeel hoort niet bij het gekozen programma."]
    }


def test_programmes_named_by_a_letter_are_protected(brief, programma):
    Briefprogramma.objects.create(brief=brief, programma=programma, volgorde=1)
    with pytest.raises(ProtectedError):
        programma.delete()
    brief.delete()  # the letter's references go with it
    assert not Briefprogramma.objects.exists()
    programma.delete()


def test_invalid_link_kind_is_refused(reactie, programma):
    _refused(
        lambda: Programmakoppeling.objects.create(reactie=reactie, programma=programma, soort="x")
    )


def test_commitment_rules(reactie):
    Toezegging.objects.create(reactie=reactie, volgorde=1, tekst="Wij onderzoeken dit.")
    _refused(lambda: Toezegging.objects.create(reactie=reactie, volgorde=1, tekst="Dubbel"))
    _refused(lambda: Toezegging.objects.create(reactie=reactie, volgorde=2, tekst=""))
    _refused(
        lambda: Toezegging.objects.create(reactie=reactie, volgorde=3, tekst="x", status="klaar")
    )
    _refused(
        lambda: Toezegging.objects.create(
            reactie=reactie,
            volgorde=4,
            tekst="Twee deadlines",
            deadline_datum=datetime.date(2024, 1, 1),
            deadline_jaar=2024,
        )
    )
    _refused(
        lambda: Toezegging.objects.create(reactie=reactie, volgorde=5, tekst="x", deadline_jaar=24)
    )


def test_footnote_numbers_are_unique_and_positive(brief):
    Voetnoot.objects.create(brief=brief, nummer=1)
    _refused(lambda: Voetnoot.objects.create(brief=brief, nummer=1))
    _refused(lambda: Voetnoot.objects.create(brief=brief, nummer=0))


def test_signatories_are_ordered_and_sign_once(brief):
    bzk = Ministerie.objects.create(naam="Ministerie van BZK", afkorting="BZK")
    vro = Ambtsdrager.objects.create(sleutel="vro", titel="minister voor VRO", ministerie=bzk)
    lzs = Ambtsdrager.objects.create(sleutel="lzs", titel="minister voor LZS", ministerie=bzk)
    Ondertekenaar.objects.create(brief=brief, ambtsdrager=vro, volgorde=1)
    _refused(lambda: Ondertekenaar.objects.create(brief=brief, ambtsdrager=lzs, volgorde=1))
    _refused(lambda: Ondertekenaar.objects.create(brief=brief, ambtsdrager=vro, volgorde=2))


def test_office_term_must_end_after_it_starts():
    bzk = Ministerie.objects.create(naam="Ministerie van BZK", afkorting="BZK")
    _refused(
        lambda: Ambtsdrager.objects.create(
            sleutel="x",
            titel="minister",
            ministerie=bzk,
            begin=datetime.date(2024, 1, 1),
            einde=datetime.date(2023, 1, 1),
        )
    )
