"""The example letter printed again: fidelity to the original, layout facts, PDF structure."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.utils.html import strip_tags

from advies.models import Aanbeveling
from reacties.brief.pdf import maak_pdf, render_pdf
from reacties.brief.samenstelling import brieven_voor_opmaak
from reacties.models import Reactie
from tests.reacties.pdfhulp import aandeel_in_volgorde, lezer, paginateksten, woorden

SEED = Path(__file__).resolve().parent / "data" / "voorbeeldbrief.txt"

# The known defects of the extracted text (see the seed's README), as they must read.
DEFECTEN = {
    "codrdinerende": "coördinerende",
    "recreéren": "recreëren",
    "justitiéle": "justitiële",
    "Oekraine": "Oekraïne",
    "ruimetn": "ruimten",
}


def origineel() -> list[str]:
    tekst = SEED.read_text(encoding="utf-8")
    for fout, goed in DEFECTEN.items():
        tekst = tekst.replace(fout, goed)
    # Footnote calls 1 and 2 were extracted as ‘!’ and ‘?’; the word splitter drops them.
    return woorden(tekst)


@pytest.fixture
def pdf(voorbeeldbrief) -> bytes:
    return maak_pdf(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk)).inhoud


@pytest.fixture
def paginas(pdf) -> list[str]:
    return paginateksten(pdf)


@pytest.mark.django_db
def test_at_least_97_percent_of_the_original_words_in_order(paginas):
    aandeel = aandeel_in_volgorde(origineel(), woorden("\n".join(paginas)))
    assert aandeel >= 0.97, f"slechts {aandeel:.1%} van de woorden in de juiste volgorde"


@pytest.mark.django_db
def test_every_printed_recommendation_and_every_response_is_there(voorbeeldbrief, paginas):
    pdfwoorden = woorden("\n".join(paginas))
    reacties = Reactie.objects.filter(sectie__brief=voorbeeldbrief)
    geciteerd = Aanbeveling.objects.filter(reacties__in=reacties.filter(citeer_aanbevelingen=True))
    stukken = [r.tekst for r in reacties] + [a.tekst for a in geciteerd]
    assert len(stukken) >= 9 + 10
    for stuk in stukken:
        aandeel = aandeel_in_volgorde(woorden(strip_tags(stuk)), pdfwoorden)
        assert aandeel >= 0.98, f"{aandeel:.0%} van: {strip_tags(stuk)[:80]}"


@pytest.mark.django_db
def test_every_page_is_numbered_x_of_y(paginas):
    assert len(paginas) >= 3
    for nummer, tekst in enumerate(paginas, start=1):
        assert f"Pagina {nummer} van {len(paginas)}" in tekst


@pytest.mark.django_db
def test_first_page_has_the_letter_furniture(paginas):
    eerste = paginas[0]
    for stuk in [
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "Retouradres Postbus 20011 2500 EA Den Haag",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Postbus 20018",
        "Betreft",
        "Datum",
    ]:
        assert stuk in eerste.replace("\n", " ") or stuk in eerste, stuk


@pytest.mark.django_db
def test_the_date_is_written_out_in_dutch(voorbeeldbrief):
    voorbeeldbrief.datum = datetime.date(2026, 11, 29)
    voorbeeldbrief.kenmerk = "2026-0000123456"
    voorbeeldbrief.save()
    bestand = maak_pdf(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk))
    assert "29 november 2026" in paginateksten(bestand.inhoud)[0]
    assert bestand.bestandsnaam == "2026-0000123456_2026-11-29.pdf"


@pytest.mark.django_db
def test_footnote_stands_at_the_foot_of_the_page_that_calls_it(paginas):
    (pagina,) = [p for p in paginas if "innovatieve onderzoeksaanpak" in p]
    assert "in samenwerking met gemeenten." in pagina.replace("\n", " ")
    assert re.search(r"(^|\n)3\s*Ontwerpend onderzoek is een innovatieve", pagina)


@pytest.mark.django_db
def test_the_programmes_the_advice_fits_are_listed_on_screen_only(voorbeeldbrief, paginas):
    # The opening names them in words; the list below the letter is the preview's alone.
    from reacties.brief.samenstelling import stel_samen
    from reacties.brief.weergave import brief_html

    opmaak = stel_samen(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk))
    assert len(opmaak.programmas) == 3
    assert "waarbij het advies aansluit" in brief_html(opmaak, modus="scherm")
    assert "waarbij het advies aansluit" not in brief_html(opmaak, modus="pdf")
    assert "waarbij het advies aansluit" not in " ".join(paginas).replace("\n", " ")


@pytest.mark.django_db
def test_signature_block_names_both_ministers_in_order(paginas):
    laatste = paginas[-1].replace("\n", " ")
    vro = laatste.index("De minister voor Volkshuisvesting en Ruimtelijke Ordening,")
    lzs = laatste.index("De minister voor Langdurige Zorg en Sport,")
    assert vro < laatste.index("H.M. de Jonge") < lzs < laatste.index("C. Helder")


@pytest.mark.django_db
def test_pdf_metadata_bookmarks_and_tags(voorbeeldbrief, pdf):
    document = lezer(pdf)
    info = document.metadata
    assert info.title == voorbeeldbrief.onderwerp
    assert info.author == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert info.subject.startswith("Reactie van de minister voor Volkshuisvesting")
    catalogus = document.trailer["/Root"]
    assert catalogus["/Lang"] == "nl"
    assert bool(catalogus["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in catalogus
    xmp = catalogus["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp
    titels = [item.title for item in _platte_bladwijzers(document.outline)]
    for kop in [
        "Adviezen aan gemeenten",
        "Adviezen over organisaties en plekken in de buurt",
        "Tenslotte",
    ]:
        assert kop in titels
    assert any(t.startswith("Sta bij de aanpak van ruimtelijke transities") for t in titels)


def _platte_bladwijzers(items):
    for item in items:
        if isinstance(item, list):
            yield from _platte_bladwijzers(item)
        else:
            yield item


@pytest.mark.django_db
def test_same_content_gives_the_same_bytes(voorbeeldbrief, pdf):
    voorbeeldbrief.datum = datetime.date(2023, 7, 3)
    voorbeeldbrief.save()
    from reacties.brief.pdf import bronnen_voor, inhoudssleutel
    from reacties.brief.samenstelling import stel_samen
    from reacties.brief.weergave import brief_html

    opmaak = stel_samen(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk))
    html = brief_html(opmaak)
    bronnen = bronnen_voor(opmaak)
    ident = inhoudssleutel(html, bronnen)[:32].encode()
    eerste, tweede = render_pdf(html, bronnen, ident), render_pdf(html, bronnen, ident)
    assert eerste == tweede
    assert lezer(eerste).metadata["/CreationDate"].startswith("D:20230703")


@pytest.mark.django_db
def test_repeated_export_comes_from_the_cache_until_a_record_changes(voorbeeldbrief):
    eerste = maak_pdf(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk))
    tweede = maak_pdf(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk))
    assert (eerste.uit_cache, tweede.uit_cache) == (False, True)
    assert tweede.inhoud == eerste.inhoud

    reactie = Reactie.objects.filter(sectie__brief=voorbeeldbrief).first()
    reactie.tekst = reactie.tekst.replace("</p>", " Aangevuld.</p>", 1)
    reactie.save()
    derde = maak_pdf(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk))
    assert derde.uit_cache is False
    assert derde.sleutel != eerste.sleutel
    assert "Aangevuld." in " ".join(paginateksten(derde.inhoud))


@pytest.mark.django_db
def test_a_letter_with_100_recommendations_renders(voorbeeldbrief):
    from reacties.brief.proefbrief import grote_brief

    brief = grote_brief(voorbeeldbrief.advies.raden.first(), aantal=100)
    bestand = maak_pdf(brieven_voor_opmaak().get(pk=brief.pk))
    paginas = paginateksten(bestand.inhoud)
    assert len(paginas) > 10
    assert re.search(r"Aanbeveling 100\b", " ".join(paginas))
