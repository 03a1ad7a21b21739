"""A recommendation of the API carries everything a row of the list's export carries (codes
where the export writes labels), for the analyst exactly; anonymous visitors get the same
except what would show a letter in concept."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from advies import export
from advies.selectors import zoek_aanbevelingen
from reacties.models import Briefstatus
from tests.api.conftest import alle_paginas

pytestmark = pytest.mark.django_db


def _als_exportrij(obj: dict) -> dict:
    """The API object written the export's way (labels, one deadline string)."""
    return {
        "nummer": obj["nummer"],
        "aanbeveling": obj["tekst"],
        "advies": obj["advies"]["titel"],
        "advies_slug": obj["advies"]["slug"],
        "raden": obj["raden"],
        "publicatiedatum": obj["publicatiedatum"],
        "bestuurslagen": [laag["naam"] for laag in obj["bestuurslagen"]],
        "standpunt": [export._STANDPUNT[s] for s in obj["standpunten"]],
        "reactie": obj["reactie"]["tekst"],
        "programmas": [
            {
                "programma": p["programma"]["naam"],
                "slug": p["programma"]["slug"],
                "programmasoort": export._PROGRAMMASOORT[p["programma"]["soort"]],
                "onderdeel": p["onderdeel"]["naam"] if p["onderdeel"] else "",
                "koppeling": export._KOPPELSOORT[p["soort"]],
            }
            for p in obj["programmas"]
        ],
        "toezeggingen": [
            {
                "tekst": t["tekst"],
                "status": export._TOEZEGGINGSTATUS[t["status"]],
                "deadline": t["deadline_datum"] or str(t["deadline_jaar"] or ""),
            }
            for t in obj["toezeggingen"]
        ],
        "brief_status": export._BRIEFSTATUS.get(obj["brief_status"], ""),
        "url": obj["pagina_url"],
    }


def test_een_aanbeveling_draagt_wat_een_exportrij_draagt(conceptwereld, analist, client_for):
    api = alle_paginas(client_for(analist), "/api/aanbevelingen/?per_pagina=200")
    qs = zoek_aanbevelingen(QueryDict()).queryset
    basis = "http://testserver"
    rijen = export.exportrijen(qs, lambda a: f"{basis}/aanbevelingen/{a.pk}/")
    assert [_als_exportrij(obj) for obj in api] == [export.json_object(r) for r in rijen]
    # Something real was compared.
    assert any(obj["programmas"] for obj in api) and any(obj["toezeggingen"] for obj in api)
    assert {obj["brief_status"] for obj in api} == {Briefstatus.CONCEPT}  # version 2


def test_anoniem_hetzelfde_zonder_de_conceptbrief(conceptwereld, analist, client_for):
    analist_api = {
        obj["id"]: obj
        for obj in alle_paginas(client_for(analist), "/api/aanbevelingen/?per_pagina=200")
    }
    anoniem = alle_paginas(client_for(None), "/api/aanbevelingen/?per_pagina=200")
    assert conceptwereld.verborgen_aanbeveling.pk not in {obj["id"] for obj in anoniem}
    concept = {r.pk for r in conceptwereld.concept_reacties}
    for obj in anoniem:
        verwacht = dict(analist_api[obj["id"]])
        verwacht["brief_status"] = Briefstatus.VERZONDEN
        verwacht["reacties"] = [r for r in verwacht["reacties"] if r["id"] not in concept]
        assert obj == verwacht
