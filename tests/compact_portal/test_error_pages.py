"""Error pages 400, 403, 404, 429, 500 and 503: the portal's style, the visitor's language,
a way back; JSON bodies on /api/ and /openreferral/; never a stack trace."""

import json
import logging

import pytest
from django.test import Client
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.compact_portal.urls")]

# (how to get the status, path under the language prefix)
LEAN = {500, 503}


@pytest.fixture
def client():
    # Errors raised by views come back as responses, as they do for a visitor.
    return Client(raise_request_exception=False)


@pytest.fixture
def low_rate_limits(settings, unique_ratelimit_prefix):
    # Per hour: a window cannot end between the requests of one test.
    settings.RATELIMIT_API_RATE = "2/h"
    settings.RATELIMIT_ADMIN_LOGIN_RATE = "2/h"


def error_page(client, status, prefix=""):
    """Make the portal answer `status` on an HTML page under the language `prefix`."""
    if status == 400:
        return client.get(f"{prefix}/", HTTP_HOST="evil.example")
    if status == 403:
        csrf_client = Client(enforce_csrf_checks=True)
        return csrf_client.post(f"{prefix}/admin/login/", {"username": "x", "password": "y"})
    if status == 404:
        return client.get(f"{prefix}/no-such-page/")
    if status == 429:
        for _ in range(3):
            response = client.post(
                "/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="192.0.2.9"
            )
        return response
    if status == 500:
        return client.get(f"{prefix}/test-failures/boom/")
    if status == 503:
        return client.get(f"{prefix}/test-failures/database/")
    raise AssertionError(status)


@pytest.mark.parametrize("status", [400, 403, 404, 429, 500, 503])
def test_error_page_in_the_portal_style_with_a_way_back(client, low_rate_limits, status):
    response = error_page(client, status)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'class="govuk-template' in html
    assert "/static/dist/portal.css" in html
    assert 'class="govuk-heading-l"' in html
    # The way back: the start page.
    assert 'href="/"' in html
    assert "Traceback" not in html
    assert "secret detail" not in html


@pytest.mark.parametrize("status", [404, 500, 503])
def test_error_page_in_the_visitors_language(client, status):
    response = error_page(client, status, prefix="/ar")
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    # The way back keeps the language.
    assert 'href="/ar/"' in html
    # The page's own words went through the Arabic catalogue.
    with translation.override("ar"):
        heading = {
            404: translation.gettext("Page not found"),
            500: translation.gettext("Sorry, there is a problem with the service"),
            503: translation.gettext("Sorry, the service is unavailable"),
        }[status]
    assert heading in html


def test_every_language_prefix_gets_its_own_503(client, settings):
    # A prefix routes once its language has a catalogue (check_for_language).
    served = [c for c, _n in settings.LANGUAGES if translation.check_for_language(c)]
    assert {"en", "ar"} <= set(served)
    for code in served:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        response = error_page(client, 503, prefix=prefix)
        assert response.status_code == 503
        assert f'<html lang="{code}"' in response.content.decode()


def test_429_page_has_retry_after(client, low_rate_limits):
    response = error_page(client, 429)
    assert int(response["Retry-After"]) >= 1
    assert response["Cache-Control"] == "no-store"


def test_503_asks_to_come_back_later(client):
    response = error_page(client, 503)
    assert int(response["Retry-After"]) >= 1
    assert response["Cache-Control"] == "no-store"


def test_interface_error_is_an_outage_too(client):
    assert client.get("/test-failures/interface/").status_code == 503


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/no-such-endpoint", 404),
        ("/openreferral/no-such-endpoint", 404),
        ("/api/v1/test-failures/boom/", 500),
        ("/api/v1/test-failures/database/", 503),
    ],
)
def test_json_error_bodies_on_the_apis(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) == {"error"}
    assert body["error"]
    assert "Traceback" not in body["error"]
    assert "secret detail" not in body["error"]


def test_openreferral_errors_keep_the_cors_header(client):
    response = client.get("/openreferral/no-such-endpoint")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_rate_limit_answers_json_429(client, low_rate_limits):
    for _ in range(3):
        response = client.get("/api/v1/no-such-endpoint", REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    assert json.loads(response.content)["error"]
    assert int(response["Retry-After"]) >= 1


def test_no_stack_trace_with_debug_off(client, settings):
    assert settings.DEBUG is False
    response = client.get("/test-failures/boom/")
    assert response.status_code == 500
    assert b"RuntimeError" not in response.content
    assert b"site-packages" not in response.content


def test_500_is_logged_for_the_team_without_the_postcode(client, caplog):
    with caplog.at_level(logging.DEBUG):
        client.get("/test-failures/boom/")
    errors = [r for r in caplog.records if r.name == "django.request"]
    assert errors, "the 500 must reach the log"
    assert "RuntimeError" in caplog.text
    assert "SW1A 1AA" not in caplog.text


@pytest.mark.parametrize("path", ["/test-failures/database/", "/ar/test-failures/database/"])
def test_the_503_page_itself_never_touches_the_database(client, path, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 503
