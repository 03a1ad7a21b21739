"""Settings come from the environment, and bad values fail with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from adviesmonitor.env import env_bool, env_int, parse_database_url

ROOT = Path(__file__).resolve().parent.parent


def test_sqlite_url_is_relative_to_the_project():
    config = parse_database_url("sqlite:///db.sqlite3", base_dir=ROOT)
    assert config == {"ENGINE": "django.db.backends.sqlite3", "NAME": str(ROOT / "db.sqlite3")}


def test_sqlite_absolute_path():
    config = parse_database_url("sqlite:////var/lib/am/db.sqlite3", base_dir=ROOT)
    assert config["NAME"] == "/var/lib/am/db.sqlite3"


def test_postgres_url_with_persistent_connections():
    config = parse_database_url("postgres://am:g%40heim@db.example:5433/adviesmonitor", ROOT)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"]) == ("am", "g@heim")
    assert (config["HOST"], config["PORT"], config["NAME"]) == (
        "db.example",
        "5433",
        "adviesmonitor",
    )
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


def test_postgres_url_with_pool_turns_off_persistent_connections():
    config = parse_database_url("postgresql://am@db/am?pool=1&sslmode=require", ROOT)
    assert config["OPTIONS"] == {"pool": True, "sslmode": "require"}
    assert config["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://x@y/z", "onbekend schema"),
        ("postgres://x@y/", "databasenaam ontbreekt"),
        ("postgres://x@y:poort/z", "poortnummer"),
        ("sqlite://relatief.db", "sqlite:///"),
        ("postgres://x@y/z?conn_max_age=lang", "conn_max_age"),
    ],
)
def test_malformed_database_urls_are_refused(url, fragment):
    with pytest.raises(ImproperlyConfigured, match=fragment):
        parse_database_url(url, ROOT)


def test_env_bool_refuses_what_it_cannot_read(monkeypatch):
    monkeypatch.setenv("DEBUG", "misschien")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG")
    monkeypatch.setenv("DEBUG", "ja")
    assert env_bool("DEBUG") is True


def test_env_int(monkeypatch):
    monkeypatch.setenv("AANTAL", "12")
    assert env_int("AANTAL", 3) == 12
    monkeypatch.setenv("AANTAL", "twaalf")
    with pytest.raises(ImproperlyConfigured, match="AANTAL"):
        env_int("AANTAL", 3)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_without_debug_is_one_line():
    result = _manage("check", DEBUG="0")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuratiefout: SECRET_KEY ontbreekt: verplicht wanneer DEBUG uit staat."
    )


def test_malformed_database_url_is_one_line():
    result = _manage("check", DEBUG="1", DATABASE_URL="oracle://x/y")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL" in result.stderr


def test_unreachable_database_is_one_line():
    # Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
    result = _manage(
        "migrate", "--check", DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:9/geen"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Database niet bereikbaar")
