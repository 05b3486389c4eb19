"""Rate limits on the JSON APIs and the admin login, counted in the real Redis so every app
server shares them; 429 with Retry-After."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from django.test import Client

from compact_portal.middleware import client_ip
from tests.compact_portal import services
from tests.compact_portal.conftest import REDIS_URL

pytestmark = pytest.mark.django_db

API = "/api/v1/postcodes/not-a-postcode"


@pytest.fixture
def limits(settings, redis_cache, unique_ratelimit_prefix):
    # An hour's window, so the window cannot end in the middle of a test.
    settings.RATELIMIT_API_RATE = "3/h"
    settings.RATELIMIT_ADMIN_LOGIN_RATE = "2/h"
    settings.TRUSTED_PROXY_COUNT = 0
    return settings


def test_api_answers_429_with_retry_after_past_the_limit(limits):
    client = Client()
    statuses = [client.get(API).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    response = client.get(API)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"]
    assert 1 <= int(response["Retry-After"]) <= 3600


def test_openreferral_shares_the_api_limit(limits):
    client = Client()
    for _ in range(3):
        client.get(API)
    response = client.get("/openreferral/")
    assert response.status_code == 429
    assert response["Access-Control-Allow-Origin"] == "*"


def test_each_address_has_its_own_count(limits):
    client = Client()
    for _ in range(4):
        client.get(API, REMOTE_ADDR="198.51.100.1")
    assert client.get(API, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get(API, REMOTE_ADDR="198.51.100.2").status_code == 400


def test_pages_are_not_limited(limits):
    client = Client()
    for _ in range(5):
        client.get(API)
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_admin_login_posts_are_limited_but_the_form_is_not(limits):
    client = Client()
    for _ in range(2):
        response = client.post("/admin/login/", {"username": "a", "password": "b"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) >= 1
    assert b"govuk-heading-l" in response.content
    assert client.get("/admin/login/").status_code == 200


def test_counts_live_in_redis_and_are_shared_by_every_app_server(limits, redis_cache):
    """Two requests here, then a separate process (another app server with the same
    settings) makes the third and meets the limit on the fourth; then so does this one."""
    client = Client()
    assert [client.get(API).status_code for _ in range(2)] == [400, 400]

    other_server = textwrap.dedent(
        f"""
        import django
        django.setup()
        from django.test import Client
        client = Client(HTTP_HOST="localhost")
        print(client.get({API!r}).status_code, client.get({API!r}).status_code)
        """
    )
    env = services.production_env(
        "sqlite:///:memory:",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=redis_cache,
        RATELIMIT_API_RATE="3/h",
    )
    # The rate-limit prefix of this test, through the settings module's environment.
    env["DJANGO_SETTINGS_MODULE"] = "tests.compact_portal.other_app_server_settings"
    env["TEST_RATELIMIT_CACHE_PREFIX"] = limits.RATELIMIT_CACHE_PREFIX
    result = subprocess.run(
        [sys.executable, "-c", other_server],
        cwd=services.REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["400", "429"]
    assert client.get(API).status_code == 429


def test_redis_down_turns_limits_off_not_the_site(settings, unique_ratelimit_prefix):
    from tests.compact_portal.conftest import redis_caches

    settings.CACHES = redis_caches("test-down", f"redis://127.0.0.1:{services.free_port()}/0")
    settings.RATELIMIT_API_RATE = "1/h"
    client = Client()
    assert [client.get(API).status_code for _ in range(3)] == [400, 400, 400]


# --- Which address counts ---------------------------------------------------------------


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No proxy in front: X-Forwarded-For is whatever the client wrote.
        (0, "203.0.113.5", "1.2.3.4", "203.0.113.5"),
        # One load balancer: it appended the client's address last.
        (1, "10.0.0.2", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.2", "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        # Two proxies: the client's address is second from the right.
        (2, "10.0.0.3", "6.6.6.6, 203.0.113.8, 10.0.0.2", "203.0.113.8"),
        # No header though a proxy is expected: the peer.
        (1, "10.0.0.2", None, "10.0.0.2"),
        # Rubbish in the trusted position: the peer, never the rubbish.
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
        # No usable peer address (a unix socket): one shared bucket, never an error.
        (0, "", None, "0.0.0.0"),
        (0, "not-an-address", None, "0.0.0.0"),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    assert client_ip(FakeRequest(remote, forwarded)) == expected


def test_forwarded_for_is_respected_only_from_a_trusted_proxy(limits):
    client = Client()
    # Spoofing X-Forwarded-For without a trusted proxy does not escape the limit.
    for n in range(4):
        client.get(API, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert client.get(API, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429

    limits.TRUSTED_PROXY_COUNT = 1
    # Behind one load balancer each client is counted on its own address...
    for _ in range(4):
        client.get(API, HTTP_X_FORWARDED_FOR="203.0.113.1", REMOTE_ADDR="10.0.0.2")
    assert client.get(API, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    assert client.get(API, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 400
    # ...and what a client prepends does not change its address.
    spoofed = "198.51.100.77, 203.0.113.1"
    assert client.get(API, HTTP_X_FORWARDED_FOR=spoofed).status_code == 429


def test_the_load_test_can_raise_the_limits_by_environment():
    """bench/load.py sets RATELIMIT_API_RATE in the environment of its gunicorn."""
    script = "from django.conf import settings; print(settings.RATELIMIT_API_RATE)"
    env = {**os.environ, "RATELIMIT_API_RATE": "1000000/m"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=services.REPO,
        env={**env, "DJANGO_SETTINGS_MODULE": "compact_portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "1000000/m"


def test_admin_lockouts_count_the_same_client_address_as_the_rate_limits(settings):
    """Behind a load balancer every request comes from the balancer: axes must lock out
    the client that failed, not everyone."""
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for _ in range(2):
        client.post(
            "/admin/login/",
            {"username": "someone", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.50",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.50"}
