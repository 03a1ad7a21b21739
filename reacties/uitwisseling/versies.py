"""Reading older versions of the format: a checked version 1 document as version 2.

Version 2 added what version 1 left out (docs/uitwisselformaat.md, "Versies"); a version 1
document holds none of it, so it reads as an exchange document (``volledig: false``) whose
letters have no review rounds, decisions or frozen PDF, and no answer templates: exactly
what importing it did before version 2 existed.
"""

from __future__ import annotations

from reacties.uitwisseling.exporteren import VERSIE


def naar_huidige_versie(document: dict) -> dict:
    """``document`` (a schema-valid version 1 or 2 document) as version 2.

    The caller's document is left as it is: changed levels are copied.
    """
    if document["versie"] == VERSIE:
        return document
    return {
        "formaat": document["formaat"],
        "versie": VERSIE,
        "volledig": False,
        **{k: v for k, v in document.items() if k not in ("formaat", "versie", "adviezen")},
        "adviezen": [
            {**advies, "brieven": [_brief(brief) for brief in advies["brieven"]]}
            for advies in document["adviezen"]
        ],
        "antwoordsjablonen": [],
    }


def _brief(brief: dict) -> dict:
    return {**brief, "review_ronde": 0, "goedkeuringen": [], "vastlegging": None}
