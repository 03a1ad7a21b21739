"""Benchmark of the letter export (issue: the formal reply letter).

Prints, in one process and one run, so that the machine's noise hits both sides alike:
- the median time of our export (composition, HTML, render) with the cache bypassed, the
  median of a bare WeasyPrint render of the same final HTML, and their ratio (target <= 1.15);
- the median time of a repeated export of an unchanged letter, served from the cache
  (target <= 20 ms);
- pages per second for the example letter and for a generated letter of 100 recommendations.

Usage: python bench/pdf.py [--rondes N]. Uses DATABASE_URL when set, else a throw-away SQLite
database.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django(tmp: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adviesmonitor.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("laad_voorbeeld", verbosity=0)


def _mediaan(functie, rondes: int) -> tuple[float, object]:
    tijden, uitkomst = [], None
    for _ in range(rondes):
        begin = time.perf_counter()
        uitkomst = functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden), uitkomst


def _om_en_om(a, b, rondes: int) -> tuple[float, float, object]:
    """Median times of a and b, run alternately so that noise hits both alike."""
    ta, tb, uitkomst = [], [], None
    for _ in range(rondes):
        # Collect first, so that neither side pays for the other's garbage.
        gc.collect()
        begin = time.perf_counter()
        a()
        ta.append(time.perf_counter() - begin)
        gc.collect()
        begin = time.perf_counter()
        uitkomst = b()
        tb.append(time.perf_counter() - begin)
    return statistics.median(ta), statistics.median(tb), uitkomst


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rondes", type=int, default=7)
    rondes = parser.parse_args().rondes

    with tempfile.TemporaryDirectory() as tmp:
        _django(tmp)
        from django.core.cache import cache
        from pypdf import PdfReader

        from advies.models import Advies
        from reacties.brief.pdf import bronnen_voor, inhoudssleutel, maak_pdf, render_pdf
        from reacties.brief.proefbrief import grote_brief
        from reacties.brief.samenstelling import brieven_voor_opmaak, stel_samen
        from reacties.brief.weergave import brief_html
        from reacties.models import Reactiebrief

        voorbeeld = Reactiebrief.objects.get(advies__slug="ruimte-maken-voor-ontmoeting")
        Advies.objects.filter(slug="bench-100").delete()
        groot = grote_brief(voorbeeld.advies.raden.first(), aantal=100, slug="bench-100")

        def export(pk: int) -> bytes:
            cache.clear()  # the uncached path: composition + HTML + render
            return maak_pdf(brieven_voor_opmaak().get(pk=pk)).inhoud

        def kaal(pk: int):
            opmaak = stel_samen(brieven_voor_opmaak().get(pk=pk))
            html, bronnen = brief_html(opmaak), bronnen_voor(opmaak)
            ident = inhoudssleutel(html, bronnen)[:32].encode()
            return lambda: render_pdf(html, bronnen, ident)

        export(voorbeeld.pk)  # warm-up: fonts, templates, imports
        database = os.environ["DATABASE_URL"].split(":")[0]
        print(f"Brief-PDF benchmark, {rondes} rondes, database {database}")
        for naam, brief in [("voorbeeldbrief", voorbeeld), ("100 aanbevelingen", groot)]:
            t_kaal, t_ons, pdf = _om_en_om(kaal(brief.pk), lambda b=brief: export(b.pk), rondes)
            paginas = len(PdfReader(io.BytesIO(pdf)).pages)
            print(
                f"{naam:>18}: export {t_ons * 1000:7.1f} ms"
                f" | kale WeasyPrint {t_kaal * 1000:7.1f} ms"
                f" | verhouding {t_ons / t_kaal:5.3f} | {paginas} pagina's,"
                f" {paginas / t_ons:5.1f} pagina's/s"
            )

        maak_pdf(brieven_voor_opmaak().get(pk=voorbeeld.pk))
        t_cache, bestand = _mediaan(
            lambda: maak_pdf(brieven_voor_opmaak().get(pk=voorbeeld.pk)), max(rondes, 20)
        )
        assert bestand.uit_cache
        print(f"{'uit de cache':>18}: {t_cache * 1000:7.2f} ms (mediaan, doel <= 20 ms)")


if __name__ == "__main__":
    main()
