"""`manage.py brief_pdf`: one letter to a file, or all letters into a folder."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_one_letter_to_a_file(voorbeeldbrief, tmp_path):
    doel = tmp_path / "brief.pdf"
    call_command("brief_pdf", str(voorbeeldbrief.pk), str(doel))
    assert doel.read_bytes().startswith(b"%PDF-")


def test_all_letters_into_a_folder(voorbeeldbrief, tmp_path):
    from reacties.brief.proefbrief import grote_brief

    tweede = grote_brief(None, aantal=3)
    call_command("brief_pdf", "--alle", str(tmp_path / "archief"))
    namen = sorted(p.name for p in (tmp_path / "archief").iterdir())
    assert namen == sorted(
        [f"reactiebrief-{voorbeeldbrief.pk}-v1.pdf", f"reactiebrief-{tweede.pk}-v1.pdf"]
    )


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["999999", "x.pdf"], "geen reactiebrief met id"),
        (["abc", "x.pdf"], "geen reactiebrief met id"),
        (["1"], "Gebruik"),
        (["1", "x.pdf", "--alle", "map"], "óf ID BESTAND"),
    ],
)
def test_clear_errors(args, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("brief_pdf", *args)


def test_missing_folder_for_the_file(voorbeeldbrief, tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("brief_pdf", str(voorbeeldbrief.pk), str(tmp_path / "nergens" / "b.pdf"))
