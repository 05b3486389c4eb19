"""GET /api/v1/postcodes/<postcode>."""

import logging
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.boroughs.package_sample import sample_where, standard

pytestmark = pytest.mark.django_db

URL = "/api/v1/postcodes/"


def get(client, typed: str):
    return client.get(URL + quote(typed, safe=""))


def test_a_london_postcode(client, postcode_sample):
    response = get(client, "SW1A 1AA")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["postcode"] == "SW1A 1AA"
    assert body["local_authority"] == {"gss_code": "E09000033", "name": "Westminster"}
    assert body["icb"] == {
        "gss_code": "E54000027",
        "name": "NHS North West London Integrated Care Board",
    }
    assert body["in_london"] is True
    assert body["terminated"] is False
    assert body["country"] == "england"
    assert body["message"]


@pytest.mark.parametrize(
    "path", ["sw1a1aa", "SW1A%201AA", "SW1A+1AA", "%EF%BC%B3W1A1AA", "SW1A%0A1AA", "%09SW1A1AA"]
)
def test_spellings_in_the_path(client, postcode_sample, path):
    response = client.get(URL + path)
    assert response.status_code == 200
    assert response.json()["postcode"] == "SW1A 1AA"


def test_outside_london_has_a_null_icb_from_the_package(client, postcode_sample):
    key, code = sample_where(lambda code: code and code.startswith("E06"))[0]
    body = get(client, standard(key)).json()
    assert body["local_authority"]["gss_code"] == code
    assert body["in_london"] is False
    assert body["icb"] is None


def test_wales(client, postcode_sample):
    key, code = sample_where(lambda code: code and code.startswith("W"))[0]
    response = get(client, standard(key))
    assert response.status_code == 200
    assert response.json()["country"] == "wales"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("SW1A", "outward_only"),
        ("SE1 7", "outward_only"),
        ("hello", "invalid"),
        ("SW1A/1AA", "invalid"),
        ("../../etc/passwd", "invalid"),
        ("%FF", "invalid"),
        ("\x00", "empty"),
        ("BFPO 57", "bfpo"),
        ("SW1A 1AA SW1A 1AA", "too_long"),
        ("x" * 5000, "too_long"),
        ("   ", "empty"),
    ],
)
def test_not_a_full_postcode_is_400(client, postcode_sample, typed, problem):
    response = get(client, typed)
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["error"]
    assert body["problem"] == problem


def test_nothing_after_the_slash_is_400(client, postcode_sample):
    response = client.get(URL)
    assert response.status_code == 400
    assert response.json()["problem"] == "empty"


def test_not_in_the_data_is_404(client, postcode_sample):
    response = get(client, "ZE9 9ZZ")
    assert response.status_code == 404
    body = response.json()
    assert body["error"]
    assert body["problem"] == "not_found"
    assert body["postcode"] == "ZE9 9ZZ"


def test_no_local_authority_is_404(client, postcode_sample):
    key, _ = sample_where(lambda code: code is None)[0]
    response = get(client, standard(key))
    assert response.status_code == 404
    assert response.json()["problem"] == "no_local_authority"


def test_only_get_and_head(client, postcode_sample):
    assert client.head(URL + "SW1A1AA").status_code == 200
    assert client.post(URL + "SW1A1AA").status_code == 405


def test_no_postcode_tables_is_503_not_500(client, db, django_db_blocker):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute('ALTER TABLE "boroughs_postcode" RENAME TO "boroughs_postcode_away"')
    response = get(client, "SW1A 1AA")
    assert response.status_code == 503
    assert response.json()["error"]


def test_nothing_logged_holds_the_postcode(client, postcode_sample, caplog, settings):
    settings.DEBUG = True
    with caplog.at_level(logging.DEBUG):
        for typed in ("SW1A 1AA", "ZE9 9ZZ", "SW1A"):
            get(client, typed)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "SW1A" not in logged.upper()
    assert "ZE9" not in logged.upper()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=30))
def test_fuzz_never_a_500(client, postcode_sample, text):
    response = client.get(URL + quote(text, safe=""))
    assert response.status_code in {200, 400, 404}
    body = response.json()
    assert ("error" in body) == (response.status_code != 200)
