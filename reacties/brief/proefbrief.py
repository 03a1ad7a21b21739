"""A generated letter of any size, for the scale test and the PDF benchmark (bench/pdf.py)."""

from __future__ import annotations

from advies.models import Aanbeveling, Advies, Bestuurslaag, Raad
from programmas.models import Ambtsdrager, Ministerie
from reacties.models import Ondertekenaar, Reactie, Reactiebrief, Sectie, Voetnoot

ZIN = (
    "Het kabinet onderschrijft het belang van een sociale leefomgeving en werkt dit uit "
    "samen met gemeenten, woningcorporaties en maatschappelijke organisaties."
)


def grote_brief(raad: Raad | None, aantal: int, slug: str = "gegenereerd") -> Reactiebrief:
    advies = Advies.objects.create(
        slug=slug, titel=f"Gegenereerd advies met {aantal} aanbevelingen"
    )
    if raad:
        advies.raden.add(raad)
    rijk = Bestuurslaag.objects.get(slug="rijk")
    ministerie, _ = Ministerie.objects.get_or_create(
        afkorting="BZK",
        defaults={"naam": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"},
    )
    minister, _ = Ambtsdrager.objects.get_or_create(
        sleutel="minister-vro-rutte-iv",
        defaults={
            "titel": "minister voor Volkshuisvesting en Ruimtelijke Ordening",
            "ministerie": ministerie,
        },
    )
    brief = Reactiebrief.objects.create(
        advies=advies, onderwerp=f"Reactie op {advies.titel}", opening=f"<p>{ZIN}</p>"
    )
    Ondertekenaar.objects.create(brief=brief, ambtsdrager=minister, volgorde=1)
    Voetnoot.objects.create(brief=brief, nummer=1, tekst="Een toelichting onderaan de pagina.")
    aanbevelingen = Aanbeveling.objects.bulk_create(
        Aanbeveling(advies=advies, nummer=str(i), volgorde=i, tekst=f"Aanbeveling {i}: {ZIN}")
        for i in range(1, aantal + 1)
    )
    for aanbeveling in aanbevelingen:
        aanbeveling.bestuurslagen.add(rijk)
    sectie = Sectie.objects.create(brief=brief, volgorde=1, kop="Adviezen aan het Rijk")
    for i, aanbeveling in enumerate(aanbevelingen, start=1):
        noot = '<sup data-voetnoot="1">1</sup>' if i == 1 else ""
        reactie = Reactie.objects.create(
            sectie=sectie,
            volgorde=i,
            tekst=f"<p>{ZIN}{noot}</p><p>{ZIN} {ZIN}</p>",
            standpunt="overgenomen",
        )
        reactie.aanbevelingen.add(aanbeveling)
    return brief
