"""Faults, for real: PostgreSQL cut off behind a TCP proxy while gunicorn serves, and Redis
unreachable. No mocks."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import Client

from offers import cache as catalogue_cache
from tests.compact_portal import services
from tests.compact_portal.conftest import needs_postgres, redis_caches

# Public APIs and pages that read the database. The pages are first visited during the
# outage (a page visited before it may answer from the cache, which is fine too).
DATABASE_PAGES = ["/api/v1/postcodes/SW1A1AA"]
HTML_DATABASE_PAGES = [
    "/your-offers/?lives_in=E09000012&looked_after_by=E09000019&age=19",
    "/offers/",
    "/boroughs/E09000012/",
    "/coverage/",
    "/coverage/E09000012/",
]


@pytest.fixture(scope="module")
def fault_database(portal_database_template):
    """A migrated PostgreSQL database of its own, with the Compact's data."""
    with services.scratch_database("faults", template=portal_database_template) as name:
        yield name


@pytest.fixture
def portal_behind_a_proxy(fault_database):
    """gunicorn (one worker, DEBUG off, persistent connections with health checks) whose
    only way to PostgreSQL is a TCP proxy the test can cut."""
    proxy = services.TcpProxy(services.free_port(), ("127.0.0.1", 5432)).start()
    env = services.production_env(
        services.database_url(fault_database, port=proxy.port),
        CONN_MAX_AGE="600",
        DATABASE_CONNECT_TIMEOUT="2",
    )
    try:
        with services.Gunicorn(services.free_port(), env) as server:
            yield proxy, server
    finally:
        proxy.stop()


@needs_postgres
def test_database_outage_answers_503_and_recovers_by_itself(portal_behind_a_proxy):
    proxy, server = portal_behind_a_proxy

    status, _, body = server.get("/healthz")
    assert (status, body) == (200, "ok\n")
    for path in DATABASE_PAGES:
        assert server.get(path)[0] in (200, 404), path

    proxy.cut()

    # The load balancer sees the outage.
    assert server.get("/healthz")[0] == 503
    # APIs answer JSON 503.
    for path in DATABASE_PAGES:
        status, headers, body = server.get(path)
        assert status == 503, path
        assert headers["Content-Type"] == "application/json"
        assert json.loads(body)["error"]
    # Pages answer the plain 503 page in the visitor's language, without a stack trace.
    for path in HTML_DATABASE_PAGES:
        for prefix, lang in (("", "en"), ("/ar", "ar")):
            status, headers, body = server.get(prefix + path)
            assert status == 503, prefix + path
            assert f'<html lang="{lang}"' in body
            assert "Traceback" not in body and "psycopg" not in body
            assert "Content-Security-Policy" in headers
            assert int(headers["Retry-After"]) >= 1
    # Pages that need no database keep answering.
    assert server.get("/")[0] == 200
    assert server.get("/ar/")[0] == 200

    proxy.restore()

    # No restart: the next requests reconnect (CONN_HEALTH_CHECKS drops the dead
    # connection) and answer normally.
    assert server.get("/healthz")[0] == 200
    for path in DATABASE_PAGES + HTML_DATABASE_PAGES:
        assert server.get(path)[0] in (200, 404), path
    for path in HTML_DATABASE_PAGES:
        assert server.get("/ar" + path)[0] == 200, path
    log = server.output()
    assert "Database unavailable" in log
    assert "SW1A1AA" not in log


@needs_postgres
def test_database_never_reached_answers_503(fault_database):
    """A server that starts while the database is down answers 503, then recovers."""
    proxy = services.TcpProxy(services.free_port(), ("127.0.0.1", 5432))
    env = services.production_env(services.database_url(fault_database, port=proxy.port))
    with services.Gunicorn(services.free_port(), env) as server:
        assert server.get("/healthz")[0] == 503
        assert server.get(DATABASE_PAGES[0])[0] == 503
        proxy.start()
        try:
            assert server.get("/healthz")[0] == 200
        finally:
            proxy.stop()


# --- Redis unreachable -----------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """The default cache is Redis on a port where nothing listens."""
    settings.CACHES = redis_caches("test-redis-down", f"redis://127.0.0.1:{services.free_port()}/0")
    settings.DJANGO_REDIS_LOGGER = "compact_portal.cache"
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True


@pytest.mark.django_db
def test_redis_down_pages_answer_from_the_database_with_a_warning(redis_down, compact_data, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING):
        assert client.get("/").status_code == 200
        assert client.get("/healthz").status_code == 200
        # The API is rate limited through the cache: with the cache down the limits are
        # off, and the lookup answers from the database.
        response = client.get("/api/v1/postcodes/ZZ99ZZZ")
        assert response.status_code in (400, 404)
        # What is the same for everyone is built from the database when the cache fails.
        built = catalogue_cache.cached("test-areas", lambda: ["from the database"], "E09000019")
        assert built == ["from the database"]
    warnings = [
        r
        for r in caplog.records
        if r.name == "compact_portal.cache" and r.levelno >= logging.WARNING
    ]
    assert warnings, "a Redis outage must show in the log"
    assert cache.get("anything") is None
