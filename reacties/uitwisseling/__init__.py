"""Exchange format: export and import of reports with everything in them.

See docs/uitwisselformaat.md. Reads live in ``exporteren`` (selectors), writes in
``importeren`` (services).
"""

from reacties.uitwisseling.exporteren import dump, exporteer_document
from reacties.uitwisseling.importeren import (
    Importfout,
    Importresultaat,
    controleer_document,
    importeer_document,
    lees_bestand,
)

__all__ = [
    "Importfout",
    "Importresultaat",
    "controleer_document",
    "dump",
    "exporteer_document",
    "importeer_document",
    "lees_bestand",
]
