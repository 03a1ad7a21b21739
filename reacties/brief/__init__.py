"""The formal reply letter: composed from the records, rendered to HTML and PDF."""
