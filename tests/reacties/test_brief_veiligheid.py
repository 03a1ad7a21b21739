"""What staff type is data: hostile input in every text field loads, embeds and attaches
nothing outside the renderer's allow-list, and rendering still finishes."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import pytest

from advies.models import Aanbeveling, Advies
from programmas.models import Ambtsdrager, Ministerie, Programma, Programmaonderdeel
from reacties.brief.middelen import SCHEMA, Bronnenlijst, GeweigerdeBron, asset_url
from reacties.brief.pdf import bronnen_voor, maak_pdf, render_pdf
from reacties.brief.samenstelling import brieven_voor_opmaak, stel_samen
from reacties.brief.weergave import brief_html
from reacties.models import Reactie, Sectie, Voetnoot
from tests.reacties.pdfhulp import lezer

VIJANDIG = (
    '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/pixel.png">'
    '<link rel="attachment" href="file:///etc/passwd">'
    '<object data="file:///etc/passwd"></object><embed src="file:///etc/hosts">'
    '<iframe src="file:///etc/passwd"></iframe>'
    '<style>@import url("http://127.0.0.1:9/x.css"); body{background:url(file:///etc/passwd)}</style>'
    '<p style="background-image:url(file:///etc/passwd)">stijl</p>'
    '<svg><image href="file:///etc/passwd"/></svg>'
    '<a href="file:///etc/passwd">bestand</a><a href="javascript:alert(1)">js</a>'
    '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E">'
    '<meta http-equiv="refresh" content="0;url=file:///etc/passwd"><base href="file:///etc/">'
    '"></title></style><script>alert(1)</script><img src=x onerror=alert(1)>'
)
KORT = '<img src="file:///etc/passwd"><link rel=attachment href=/etc/passwd>'


@pytest.fixture
def vijandige_brief(voorbeeldbrief):
    """The example letter with hostile markup in every text field the letter prints."""
    brief = voorbeeldbrief
    brief.titel, brief.onderwerp = VIJANDIG[:490], VIJANDIG[:290]  # their column widths
    for veld in ["geadresseerde", "opening", "slot"]:
        setattr(brief, veld, VIJANDIG)
    brief.kenmerk = brief.uw_kenmerk = brief.bijlagen = KORT
    brief.save()
    Advies.objects.filter(pk=brief.advies_id).update(titel=VIJANDIG[:290])
    Aanbeveling.objects.filter(advies=brief.advies).update(tekst=VIJANDIG)
    for sectie in Sectie.objects.filter(brief=brief):
        sectie.kop, sectie.tekst = VIJANDIG[:290], VIJANDIG
        sectie.save()
    for reactie in Reactie.objects.filter(sectie__brief=brief):
        reactie.tekst = VIJANDIG + '<p>Reactie<sup data-voetnoot="1">1</sup></p>'
        reactie.save()
    for voetnoot in Voetnoot.objects.filter(brief=brief):
        voetnoot.tekst = VIJANDIG
        voetnoot.save()
    for i, ministerie in enumerate(Ministerie.objects.all()):
        ministerie.naam = f"{VIJANDIG[:180]} {i}"  # names are unique
        ministerie.bezoekadres = ministerie.postadres = VIJANDIG
        ministerie.website = KORT
        ministerie.save()
    Ambtsdrager.objects.update(titel=VIJANDIG[:190], naam=VIJANDIG[:190])
    # The screen lists the programmes the letter names.
    for i, programma in enumerate(Programma.objects.all()):
        programma.naam = f"{VIJANDIG[:190]} {i}"  # names are unique
        programma.save()
    Programmaonderdeel.objects.update(naam=VIJANDIG[:190])
    return brieven_voor_opmaak().get(pk=brief.pk)


@pytest.fixture
def opgevraagd(monkeypatch) -> list[str]:
    """Every URL the renderer asks for, allowed or not."""
    urls: list[str] = []
    origineel = Bronnenlijst.fetch

    def spion(self, url, headers=None):
        urls.append(url)
        return origineel(self, url, headers)

    monkeypatch.setattr(Bronnenlijst, "fetch", spion)
    return urls


@pytest.mark.django_db
def test_hostile_input_fetches_nothing_outside_the_allow_list(vijandige_brief, opgevraagd):
    toegestaan = set(bronnen_voor(stel_samen(vijandige_brief)))
    bestand = maak_pdf(vijandige_brief)
    assert bestand.inhoud.startswith(b"%PDF")
    assert opgevraagd, "the fonts and the logo are fetched through the allow-list"
    assert set(opgevraagd) <= toegestaan


@pytest.mark.django_db
def test_hostile_input_embeds_and_attaches_nothing(vijandige_brief):
    pdf = maak_pdf(vijandige_brief).inhoud
    assert b"/EmbeddedFile" not in pdf
    assert b"root:x:0:0" not in pdf
    document = lezer(pdf)
    assert (
        "/Names" not in document.trailer["/Root"]
        or "/EmbeddedFiles" not in document.trailer["/Root"]["/Names"]
    )
    for pagina in document.pages:
        for annotatie in pagina.get("/Annots") or []:
            annotatie = annotatie.get_object()
            assert annotatie["/Subtype"] != "/FileAttachment"
            uri = annotatie.get("/A", {}).get("/URI", "")
            assert not uri or uri.startswith(("http://", "https://", "mailto:")), uri


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.django_db
def test_hostile_input_leaves_no_active_markup_in_the_html(vijandige_brief):
    # Escaped text may show the markup as words; what must not exist is a live tag or attribute.
    for modus in ["pdf", "scherm"]:
        parser = _Tags()
        parser.feed(brief_html(stel_samen(vijandige_brief), modus=modus))
        namen = {tag for tag, _ in parser.tags}
        assert not namen & {"script", "iframe", "object", "embed", "svg", "base", "link", "image"}
        assert [tag for tag, _ in parser.tags].count("style") == (1 if modus == "pdf" else 0)
        for tag, attrs in parser.tags:
            assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
            if tag == "meta":
                assert "http-equiv" not in attrs
            if tag == "img":
                assert attrs["src"].startswith(f"{SCHEMA}://"), attrs
            if tag == "a":
                # A link whose address was refused keeps its text and loses its href.
                href = attrs.get("href") or "#"
                assert href.startswith(("http://", "https://", "mailto:", "#")), attrs


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.org/font.ttf",
        "data:image/png;base64,iVBORw0KGgo=",
        f"{SCHEMA}://lettertype/../../etc/passwd",
        "ftp://127.0.0.1/x",
    ],
)
def test_the_fetcher_refuses_and_logs_everything_else(url, caplog):
    fetcher = Bronnenlijst({})
    with (
        caplog.at_level(logging.WARNING, logger="adviesmonitor.brief"),
        pytest.raises(GeweigerdeBron),
    ):
        fetcher.fetch(url)
    assert fetcher.geweigerd == [url]
    assert "geweigerd" in caplog.text


@pytest.mark.django_db
def test_raw_markup_past_the_sanitiser_is_still_stopped_by_the_fetcher(voorbeeldbrief, caplog):
    # The renderer's second line of defence: even markup that never went through the
    # sanitiser cannot make WeasyPrint read a file or attach one.
    bronnen = bronnen_voor(stel_samen(brieven_voor_opmaak().get(pk=voorbeeldbrief.pk)))
    html = (
        "<html><head><link rel='attachment' href='file:///etc/passwd'>"
        "<style>@font-face{font-family:x;src:url(file:///etc/passwd)}"
        "body{background:url(http://127.0.0.1:9/x)}</style></head><body>"
        "<img src='file:///etc/passwd'><img src='data:image/png;base64,iVBORw0KGgo='>"
        f"<img src='{asset_url('logo')}'><p>Tekst</p></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="adviesmonitor.brief"):
        pdf = render_pdf(html, bronnen, identificatie=b"0" * 32)
    assert pdf.startswith(b"%PDF")
    assert b"/EmbeddedFile" not in pdf and b"root:x:0:0" not in pdf
    geweigerd = caplog.text
    for url in ["file:///etc/passwd", "http://127.0.0.1:9/x", "data:image/png"]:
        assert url in geweigerd
