"""The read-only open-data API under ``/api/`` (documented in docs/api.md).

Plain Django function views that return JSON, no framework: five resources (adviezen,
aanbevelingen, reacties, programmas, toezeggingen), each a list and a detail, plus the
OpenAPI document at ``/api/openapi.json`` generated from the same code.

- ``zichtbaarheid``: who sees what (anonymous: only what sent letters make public).
- ``filters`` / ``selectors``: per resource one selector that applies visibility first and
  the filters after; the recommendations use the analyst list's own FilterSet.
- ``parameters``: strict reading of the query string (unknown or invalid: 400).
- ``objecten`` / ``aanbevelingobject``: the JSON objects, with the prefetches that keep
  the queries per page constant; ``links``: the URLs between them.
- ``schemas`` / ``openapi``: the response schemas and the OpenAPI 3.1 document.
- ``antwoorden`` / ``views`` / ``urls``: JSON responses, headers and errors; the views.
"""
