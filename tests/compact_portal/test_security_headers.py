"""Security headers on every kind of response: pages, APIs, static files, errors, admin."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.compact_portal.urls")]

REPO = Path(__file__).resolve().parents[2]
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in csp.split(";")) if part
    )
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in policy


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def static_client(settings):
    # whitenoise serves from the finders, as under `make run`, without collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    return Client()


@pytest.mark.parametrize(
    ("path", "statuses"),
    [
        ("/", {200}),
        ("/ar/", {200}),
        ("/help-now/", {200}),
        ("/coverage/", {200, 404}),
        ("/healthz", {200}),
        ("/api/v1/eligibility?lives_in=unknown&looked_after_by=unknown&age=20", {200, 404}),
        ("/api/v1/postcodes/SW1A1AA", {200, 404}),
        ("/openreferral/", {200, 404}),
        ("/openreferral/services", {200, 404}),
        ("/coverage.csv", {200, 404}),
        ("/admin/login/", {200}),
        ("/admin/", {302}),
        ("/no-such-page/", {404}),
        ("/api/v1/no-such-endpoint", {404}),
        ("/test-failures/boom/", {500}),
        ("/test-failures/database/", {503}),
        ("/ar/test-failures/database/", {503}),
    ],
)
def test_headers_on_pages_apis_errors_and_admin(client, path, statuses):
    response = client.get(path)
    assert response.status_code in statuses
    assert_security_headers(response)


def test_headers_on_a_static_file(static_client):
    response = static_client.get("/static/dist/portal.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_headers_on_a_missing_static_file(static_client):
    response = static_client.get("/static/dist/no-such-file.css")
    assert response.status_code == 404
    assert_security_headers(response)


def test_headers_on_a_bad_host(client):
    # DisallowedHost is raised inside a middleware, before the view.
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert_security_headers(response)


def test_headers_on_a_csrf_failure():
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x"})
    assert response.status_code == 403
    assert_security_headers(response)


def test_headers_on_method_not_allowed(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert_security_headers(response)


def test_headers_on_a_rate_limited_response(client, settings, unique_ratelimit_prefix):
    settings.RATELIMIT_API_RATE = "1/h"
    client.get("/api/v1/no-such-endpoint", REMOTE_ADDR="192.0.2.20")
    response = client.get("/api/v1/no-such-endpoint", REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 429
    assert_security_headers(response)


def test_admin_login_post_carries_headers(client):
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
    assert_security_headers(response)


def test_page_script_carries_the_nonce_of_its_header(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    nonce = csp.split("'nonce-", 1)[1].split("'", 1)[0]
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    # Every other script is an external file from our own origin.
    assert html.count("<script") == html.count(f'nonce="{nonce}"') + html.count(' src="/static/')


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert "'nonce-" in first
    assert first != second


def test_hsts_on_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    for path in ("/", "/api/v1/no-such-endpoint", "/test-failures/database/"):
        response = client.get(path, secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/")


def test_production_settings_pass_djangos_deploy_checks():
    """SECURE_HTTPS=on turns on HSTS, the HTTPS redirect and secure cookies."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "SECURE_HTTPS": "on",
        "DEBUG": "off",
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x7Qp2" * 10,
        "ALLOWED_HOSTS": "portal.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
