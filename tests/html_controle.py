"""Structural accessibility checks on a rendered page, without a browser: headings in order,
tables with a caption and scoped header cells, form fields with a label, images with alt."""

from __future__ import annotations

from html.parser import HTMLParser


class _Pagina(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.koppen: list[tuple[int, str]] = []
        self.tabellen: list[dict[str, object]] = []
        self.velden: list[dict[str, str | None]] = []
        self.labels_voor: set[str] = set()
        self.afbeeldingen_zonder_alt = 0
        self._kop: list[object] | None = None
        self._in_main = False
        self._main_diepte = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._kop = [int(tag[1]), ""]
        elif tag == "table":
            self.tabellen.append({"caption": False, "th_zonder_scope": 0})
        elif tag == "caption" and self.tabellen:
            self.tabellen[-1]["caption"] = True
        elif tag == "th" and self.tabellen and not a.get("scope"):
            self.tabellen[-1]["th_zonder_scope"] += 1  # type: ignore[operator]
        elif tag in {"input", "select", "textarea"} and a.get("type") not in {
            "hidden",
            "submit",
            "button",
        }:
            self.velden.append(a)
        elif tag == "label" and a.get("for"):
            self.labels_voor.add(a["for"] or "")
        elif tag == "img" and "alt" not in a:
            self.afbeeldingen_zonder_alt += 1

    def handle_endtag(self, tag: str) -> None:
        if self._kop is not None and tag == f"h{self._kop[0]}":
            self.koppen.append((self._kop[0], " ".join(str(self._kop[1]).split())))  # type: ignore[arg-type]
            self._kop = None

    def handle_data(self, data: str) -> None:
        if self._kop is not None:
            self._kop[1] = str(self._kop[1]) + data


def koppen(html: str) -> list[tuple[int, str]]:
    pagina = _Pagina()
    pagina.feed(html)
    return pagina.koppen


def toegankelijkheidsfouten(html: str) -> list[str]:
    """What is wrong with the page's structure; empty when nothing is."""
    pagina = _Pagina()
    pagina.feed(html)
    fouten = []
    niveaus = [niveau for niveau, _ in pagina.koppen]
    if niveaus.count(1) != 1 or not niveaus or niveaus[0] != 1:
        fouten.append(f"precies één h1, als eerste kop: {pagina.koppen}")
    for vorige, (niveau, tekst) in zip(niveaus, pagina.koppen[1:], strict=False):
        if niveau > vorige + 1:
            fouten.append(f"kop '{tekst}' (h{niveau}) volgt op een h{vorige}")
    for i, tabel in enumerate(pagina.tabellen, start=1):
        if not tabel["caption"]:
            fouten.append(f"tabel {i} heeft geen caption")
        if tabel["th_zonder_scope"]:
            fouten.append(f"tabel {i} heeft kopcellen zonder scope")
    for veld in pagina.velden:
        if veld.get("id") not in pagina.labels_voor and not veld.get("aria-label"):
            fouten.append(f"veld zonder label: {veld}")
    if pagina.afbeeldingen_zonder_alt:
        fouten.append(f"{pagina.afbeeldingen_zonder_alt} afbeelding(en) zonder alt")
    return fouten
