"""Small, strict readers for settings that come from the environment.

Every helper refuses a value it cannot understand instead of guessing, so a typo in a
deployment fails at start-up with one line that names the variable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is geen ja/nee-waarde (gebruik 1 of 0).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is geen geheel getal.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_keuze(name: str, default: str, toegestaan: Iterable[str]) -> str:
    """One value out of a fixed set; anything else is refused, not passed on."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip()
    if value not in toegestaan:
        keuzes = ", ".join(sorted(toegestaan))
        raise ImproperlyConfigured(f"{name}={raw!r} is geen geldige waarde (kies uit: {keuzes}).")
    return value


def env_origins(name: str) -> list[str]:
    """Comma-separated origins with their scheme (``https://adviesmonitor.example.nl``), as
    CSRF_TRUSTED_ORIGINS needs them."""
    origins = env_list(name, [])
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path not in {"", "/"}:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is geen origin (gebruik https://host[:poort])."
            )
    return origins


def parse_database_url(url: str, base_dir: Path) -> dict:
    """Turn a DATABASE_URL into a Django DATABASES entry.

    Supported: ``sqlite:///relative.sqlite3``, ``sqlite:////absolute/path``,
    ``postgres://user:pass@host:port/name?options``. Query options for PostgreSQL:
    ``conn_max_age`` (seconds, default 60) and ``pool=1`` (psycopg 3 connection pool,
    which replaces persistent connections).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    options = dict(parse_qsl(parts.query))
    if scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path.startswith("/") or path == "/":
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r}: gebruik sqlite:///bestand.sqlite3 of sqlite:////pad/naar/bestand."
            )
        name = path[1:]
        if name != ":memory:" and not Path(name).is_absolute():
            name = str(base_dir / name)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r}: de databasenaam ontbreekt.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r}: het poortnummer is ongeldig."
            ) from None
        pool = options.pop("pool", "0").lower() in _TRUE
        try:
            conn_max_age = int(options.pop("conn_max_age", "60"))
        except ValueError:
            raise ImproperlyConfigured(
                f"DATABASE_URL {url!r}: conn_max_age moet een getal zijn."
            ) from None
        config: dict = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": dict(options),
        }
        if pool:
            # The pool hands out connections itself; Django must not also keep them.
            config["OPTIONS"]["pool"] = True
            config["CONN_MAX_AGE"] = 0
        else:
            config["CONN_MAX_AGE"] = conn_max_age
            config["CONN_HEALTH_CHECKS"] = True
        return config
    raise ImproperlyConfigured(
        f"DATABASE_URL {url!r}: onbekend schema {scheme!r} (verwacht sqlite of postgres)."
    )
