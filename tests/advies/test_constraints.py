"""The data's rules hold in the database itself, not only in forms."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad

pytestmark = pytest.mark.django_db


@pytest.fixture
def advies() -> Advies:
    return Advies.objects.create(slug="proef", titel="Proefadvies")


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_levels_are_seeded_by_migration():
    assert list(Bestuurslaag.objects.values_list("slug", flat=True)) == [
        "rijk",
        "provincie",
        "gemeente",
        "waterschap",
        "woningcorporatie",
        "zorgorganisatie",
        "maatschappelijke-organisatie",
        "bewoners",
    ]


def test_duplicate_order_within_a_report_is_refused(advies):
    Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=1, tekst="Eerste")
    _refused(
        lambda: Aanbeveling.objects.create(advies=advies, nummer="2", volgorde=1, tekst="Twee")
    )


def test_same_order_in_another_report_is_fine(advies):
    ander = Advies.objects.create(slug="ander", titel="Ander advies")
    Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=1, tekst="Eerste")
    Aanbeveling.objects.create(advies=ander, nummer="1", volgorde=1, tekst="Eerste")
    assert Aanbeveling.objects.count() == 2


def test_duplicate_number_within_a_report_is_refused(advies):
    Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=1, tekst="Eerste")
    _refused(
        lambda: Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=2, tekst="Twee")
    )


def test_empty_texts_are_refused(advies):
    _refused(lambda: Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=1, tekst=""))
    _refused(lambda: Advies.objects.create(slug="leeg", titel=""))
    _refused(lambda: Raad.objects.create(naam="", afkorting="X"))
    _refused(lambda: Bestuurslaag.objects.create(naam="", slug="leeg"))


def test_a_recommendation_cannot_be_its_own_main_advice(advies):
    aanbeveling = Aanbeveling.objects.create(advies=advies, nummer="1", volgorde=1, tekst="Eerste")
    aanbeveling.bovenliggend_id = aanbeveling.pk
    _refused(aanbeveling.save)


def test_council_abbreviation_is_unique():
    Raad.objects.create(naam="Raad voor Volksgezondheid en Samenleving", afkorting="RVS")
    _refused(lambda: Raad.objects.create(naam="Andere raad", afkorting="RVS"))
