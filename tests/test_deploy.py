"""Serving in production (README "Deployment"): Django's deploy checks pass under the
production environment, /healthz tells the load balancer whether the database answers,
and whitenoise serves compressed, hashed static files after `collectstatic`."""

import json
import os
import re
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

from tests.compact_portal.services import Gunicorn, free_port

REPO = Path(__file__).resolve().parents[1]
PORTS = range(8100, 8200)  # this suite's share of the machine's ports


def closed_port() -> int:
    """A port in PORTS on 127.0.0.1 that nothing listens on."""
    return free_port(PORTS)


def production_environment(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """An app server's environment as the README's "Configuration" sets it.

    A change of None removes that variable. The database is this run's (PostgreSQL in CI)
    or a fresh SQLite file; the cache is the machine's Redis.
    """
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_", "STATIC_", "DEBUG"))
    }
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "compact_portal.settings",
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org,localhost",
        "CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
        "SECURE_HTTPS": "on",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- manage.py check --deploy ---------------------------------------------------------------


def test_check_deploy_reports_no_issues_under_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "warning"),
    [
        ({"DEBUG": "on"}, "security.W018"),
        ({"SECRET_KEY": None}, "security.W009"),  # the development default
        ({"SECURE_HTTPS": None}, "security.W008"),  # no redirect to HTTPS
    ],
    ids=["debug on", "no secret key", "no https"],
)
def test_check_deploy_catches_a_missing_production_setting(tmp_path, change, warning):
    """The check has teeth: each production setting the README names is needed."""
    env = production_environment(tmp_path, **change)
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


# --- /healthz --------------------------------------------------------------------------------


@pytest.fixture
def default_database(db):
    """Point Django's default connection at another address, as a real connection: no mock.

    Yields point_at(**settings) -> the new connection; the test's own connection is put
    back afterwards.
    """
    original = connections[DEFAULT_DB_ALIAS]
    made = []

    def point_at(**changes):
        settings_dict = {**original.settings_dict, **changes}
        backend = load_backend(settings_dict["ENGINE"])
        made.append(backend.DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS))
        connections[DEFAULT_DB_ALIAS] = made[-1]
        return made[-1]

    yield point_at
    for connection in made:
        connection.close()
    connections[DEFAULT_DB_ALIAS] = original


@pytest.mark.django_db
def test_healthz_answers_200_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(client, settings):
    """The load balancer checks app servers over plain HTTP."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_healthz_answers_503_while_the_database_is_unreachable_and_recovers(
    client, default_database, tmp_path
):
    engine = connections[DEFAULT_DB_ALIAS].settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        # A database file in a folder that does not exist cannot be opened ...
        folder = tmp_path / "not-yet"
        default_database(NAME=str(folder / "portal.sqlite3"))
        assert client.get("/healthz").status_code == 503
        assert client.get("/healthz").status_code == 503
        # ... until the folder is there.
        folder.mkdir()
        assert client.get("/healthz").status_code == 200
    else:
        # A PostgreSQL server on a port nothing listens on ...
        real_port = connections[DEFAULT_DB_ALIAS].settings_dict["PORT"] or "5432"
        database = default_database(HOST="127.0.0.1", PORT=str(closed_port()))
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.content == b"database unavailable\n"
        assert client.get("/healthz").status_code == 503
        # ... and the same connection once the server answers at its address again.
        database.settings_dict["PORT"] = real_port
        assert client.get("/healthz").status_code == 200


# --- whitenoise after collectstatic ----------------------------------------------------------


def test_whitenoise_serves_compressed_hashed_static_files_after_collectstatic(tmp_path):
    static_root = tmp_path / "staticfiles"
    env = production_environment(
        tmp_path,
        STATIC_ROOT=str(static_root),
        STATIC_MANIFEST="on",
        SECURE_HTTPS="off",  # gunicorn is reached over plain HTTP here
        REDIS_URL=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = manage("collectstatic", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stdout + result.stderr

    paths = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    for name in ("dist/portal.css", "dist/portal.js"):
        hashed = paths[name]
        stem, extension = os.path.splitext(name)
        assert re.fullmatch(re.escape(stem) + r"\.[0-9a-f]{12}" + re.escape(extension), hashed)
        for compressed in (hashed + ".gz", hashed + ".br"):
            assert (static_root / compressed).stat().st_size < (static_root / hashed).stat().st_size

    css = paths["dist/portal.css"]
    with Gunicorn(closed_port(), env) as server:
        for encoding in ("br", "gzip"):
            request = urllib.request.Request(
                f"http://127.0.0.1:{server.port}/static/{css}",
                headers={"Host": "localhost", "Accept-Encoding": encoding},
            )
            with urllib.request.urlopen(request, timeout=15) as response:
                assert response.status == 200
                assert response.headers["Content-Encoding"] == encoding
                assert "immutable" in response.headers["Cache-Control"]
                assert response.headers["Content-Type"].startswith("text/css")
        status, _, page = server.get("/")
        assert status == 200
        assert f"/static/{css}" in page  # pages link the hashed name
