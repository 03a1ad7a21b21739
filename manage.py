#!/usr/bin/env python
"""Django's command-line utility, with configuration and connection errors in one line."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adviesmonitor.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line
        from django.db.utils import OperationalError

        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"Configuratiefout: {exc}")
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        sys.exit(f"Database niet bereikbaar (controleer DATABASE_URL): {first_line}")


if __name__ == "__main__":
    main()
