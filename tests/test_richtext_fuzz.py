"""Fuzzing the rich-text sanitiser (``adviesmonitor.richtext.sanitize``).

Whatever goes in, arbitrary text or generated hostile HTML (nested tags, event handlers,
script URLs, entities, footnote calls, any Unicode), the sanitiser never raises, keeps only
the allowed tags and attributes, gives the same text when run on its own output, and keeps
a footnote call exactly when it is a valid one. Bounded and derandomised for CI.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adviesmonitor.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    URL_SCHEMES,
    footnote_numbers,
    sanitize,
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

# What a link may carry besides the allow-list: the sanitiser adds rel itself.
TOEGESTAAN = {tag: {*ALLOWED_ATTRIBUTES.get(tag, ())} for tag in ALLOWED_TAGS}
TOEGESTAAN["a"] |= {"rel"}


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.gevonden: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.gevonden.append((tag, attrs))

    handle_startendtag = handle_starttag


def tags_in(tekst: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(tekst)
    parser.close()
    return parser.gevonden


_SCHEMA = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def controleer_uitvoer(invoer: str) -> str:
    """The properties every output has; returns it."""
    uit = sanitize(invoer)
    assert isinstance(uit, str)
    assert sanitize(uit) == uit, "niet idempotent"
    for tag, attributen in tags_in(uit):
        assert tag in ALLOWED_TAGS, tag
        for naam, waarde in attributen:
            assert naam in TOEGESTAAN[tag], (tag, naam)
            if naam == "href":
                # No javascript:, data:, vbscript: or other scheme, however it is spelled.
                schoon = re.sub(r"[\x00-\x20]", "", html.unescape(waarde or "")).lower()
                schema = _SCHEMA.match(schoon)
                assert schema is None or schema.group(1) in URL_SCHEMES, waarde
            if naam == "data-voetnoot":
                assert re.fullmatch(r"[0-9]+", waarde or ""), waarde
    laag = uit.lower()
    for gevaarlijk in ("<script", "<style", "<iframe", "<img", "<svg", "javascript:", " on"):
        if gevaarlijk == " on":
            assert not re.search(r"<[^>]*\son[a-z]+\s*=", laag), uit
        else:
            assert gevaarlijk not in laag, uit
    return uit


# --- arbitrary text ------------------------------------------------------------------------


@FUZZ
@given(st.text())
def test_willekeurige_tekst(tekst):
    controleer_uitvoer(tekst)


@FUZZ
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=200))
def test_willekeurige_tekens_ook_losse_surrogaten(tekst):
    # Includes U+D800–DFFF: half a surrogate pair cannot even be encoded as UTF-8.
    controleer_uitvoer(tekst)


@FUZZ
@given(st.text(alphabet="<>/=\"' &#;:abcdefghijklmnopqrstuvwxyz0123456789-!", max_size=300))
def test_tekst_uit_de_tekens_van_html(tekst):
    controleer_uitvoer(tekst)


# --- generated hostile HTML ----------------------------------------------------------------

# Containers whose content stays markup (stripped or kept), and the two whose content the
# sanitiser drops with them. Raw-text elements (textarea, title, xmp, ...) turn what is in
# them into text; they are covered by the arbitrary-text tests above.
BEHOUDEN = [
    *sorted(ALLOWED_TAGS - {"br"}),
    "div", "span", "section", "b", "i", "u", "font", "h1", "blockquote", "details", "table",
    "form", "object", "marquee", "custom-element",
]  # fmt: skip
WEG = ["script", "style"]
ATTRIBUTEN = [
    'onclick="alert(1)"',
    "onmouseover=alert(1)",
    'ONERROR="alert(1)"',
    'style="position:fixed;background:url(javascript:alert(1))"',
    'href="javascript:alert(1)"',
    'href="JaVaScRiPt&#58;alert(1)"',
    'href=" &#x6a;avascript:alert(1)"',
    'href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="',
    'href="vbscript:msgbox(1)"',
    'href="https://www.rijksoverheid.nl/?a=1&amp;b=2"',
    'href="mailto:info@example.org"',
    'href="/relatief"',
    'src="https://evil.example/x.js"',
    'class="x"',
    'id="kop"',
    "data-x=1",
    'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
]
ENTITEITEN = ["&amp;", "&lt;", "&gt;", "&quot;", "&#60;", "&#x3C;", "&eacute;", "&nbsp;", "&#0;"]

tekst = st.text(
    alphabet=st.characters(exclude_characters="<&", exclude_categories=("Cs",)), max_size=20
)
nummer = st.integers(min_value=1, max_value=40)


@st.composite
def aanroep(draw) -> tuple[str, list[int]]:
    """A valid footnote call: (markup, [its number])."""
    n = draw(nummer)
    return f'<sup data-voetnoot="{n}">{n}</sup>', [n]


ongeldige_aanroep = st.sampled_from(
    [
        '<sup data-voetnoot="">x</sup>',
        '<sup data-voetnoot="1a">1</sup>',
        '<sup data-voetnoot="-1">-1</sup>',
        '<sup data-voetnoot="١">١</sup>',
        '<sup data-voetnoot="１">１</sup>',
        '<sup data-voetnoot="1 ">1</sup>',
        '<sup data-voetnoot="javascript:alert(1)">1</sup>',
        "<sup data-voetnoot>1</sup>",
    ]
).map(lambda markup: (markup, []))

blad = st.one_of(
    tekst.map(lambda t: (t, [])),
    st.sampled_from(ENTITEITEN).map(lambda e: (e, [])),
    st.just(("<br>", [])),
    st.just(("<img src=x onerror=alert(1)>", [])),
    st.just(('<!-- <sup data-voetnoot="9">9</sup> -->', [])),
    aanroep(),
    ongeldige_aanroep,
)


def _omhul(kinderen: st.SearchStrategy) -> st.SearchStrategy:
    @st.composite
    def element(draw) -> tuple[str, list[int]]:
        tag = draw(st.sampled_from(BEHOUDEN + WEG))
        attributen = draw(st.lists(st.sampled_from(ATTRIBUTEN), max_size=3))
        inhoud = draw(st.lists(kinderen, max_size=4))
        markup = "".join(m for m, _ in inhoud)
        nummers = [] if tag in WEG else [n for _, ns in inhoud for n in ns]
        open_tag = " ".join([tag, *attributen])
        return f"<{open_tag}>{markup}</{tag}>", nummers

    return element()


fragment = st.recursive(blad, _omhul, max_leaves=25)
document = st.lists(fragment, min_size=1, max_size=6).map(
    lambda delen: ("".join(m for m, _ in delen), [n for _, ns in delen for n in ns])
)


@FUZZ
@given(document)
def test_vijandige_html(stuk):
    markup, _ = stuk
    controleer_uitvoer(markup)


@FUZZ
@given(document)
def test_voetnootaanroepen_blijven_precies_als_ze_geldig_zijn(stuk):
    """Every valid call outside script/style survives, in order; nothing else is a call."""
    markup, verwacht = stuk
    assert footnote_numbers(sanitize(markup)) == verwacht


def test_voorbeelden():
    assert sanitize('<sup data-voetnoot="3">3</sup>') == '<sup data-voetnoot="3">3</sup>'
    assert sanitize('<sup data-voetnoot="١">١</sup>') == "<sup>١</sup>"
    assert sanitize("a\ud800b") == "a\ufffdb"
    assert sanitize('<p lang="en" title="x">a</p>') == "<p>a</p>"
    assert sanitize('<a href="JaVaScRiPt&#58;alert(1)">x</a>') == (
        '<a rel="noopener noreferrer">x</a>'
    )
