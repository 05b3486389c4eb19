"""Random strings into every public query parameter and form field: never a 500, a clear
message instead, and whatever was sent comes back escaped."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.offers.catalogue import HACKNEY, ISLINGTON, small_catalogue

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "E09000012'; DROP TABLE offers_offer; --",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeff",
    "١٩",
    "E09000012\n",
    "%00",
    "../../etc/passwd",
    "x" * 10_000,
    "outside",
    "unknown",
    HACKNEY,
    "E92000001",
    "19",
    "-0",
    "0x13",
    "1" * 400,
    "SW1A 1AA",
    "{{ 7*7 }}",
    "{% debug %}",
]
# No lone surrogates: they cannot be sent as UTF-8 at all.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
VALUES = st.one_of(st.sampled_from(NASTY), TEXT)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MARKUP = re.compile(r"<[a-zA-Z/!]")


def check(response, *values):
    assert response.status_code < 500, response.status_code
    body = response.content.decode()
    if response.status_code == 400:
        if response["Content-Type"].startswith("application/json"):
            assert response.json()["error"]
        else:
            assert "govuk-error-summary" in body
    for value in values:
        if isinstance(value, str) and MARKUP.search(value):
            assert value not in body  # escaped, never echoed as markup
    assert not response.cookies


@pytest.fixture
def catalogue(db):
    small_catalogue()


@pytest.fixture
def web():
    return Client(enforce_csrf_checks=True)


@FUZZ
@given(lives_in=VALUES, looked_after_by=VALUES, age=VALUES)
def test_results_page(web, catalogue, lives_in, looked_after_by, age):
    query = {"lives_in": lives_in, "looked_after_by": looked_after_by, "age": age}
    check(web.get("/your-offers/", query), lives_in, looked_after_by, age)


@FUZZ
@given(lives_in=VALUES, looked_after_by=VALUES, age=VALUES, postcode=st.none() | VALUES)
def test_eligibility_api(web, catalogue, lives_in, looked_after_by, age, postcode):
    query = {"lives_in": lives_in, "looked_after_by": looked_after_by, "age": age}
    if postcode is not None:
        query["postcode"] = postcode
    check(web.get("/api/v1/eligibility", query), lives_in, looked_after_by, age, postcode)


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/where-you-live/",
            "/where-you-live/borough/",
            "/who-looked-after-you/",
            "/how-old-are-you/",
        ]
    ),
    lives_in=VALUES,
    looked_after_by=VALUES,
    age=VALUES,
)
def test_question_pages_with_any_answers_carried(
    web, catalogue, path, lives_in, looked_after_by, age
):
    query = {"lives_in": lives_in, "looked_after_by": looked_after_by, "age": age}
    check(web.get(path, query), lives_in, looked_after_by, age)


@FUZZ
@given(postcode=VALUES, carried=VALUES)
def test_postcode_field(web, catalogue, postcode, carried):
    response = web.post(f"/where-you-live/?age={carried[:50]}", {"postcode": postcode})
    check(response, postcode)
    if response.status_code in (302, 303):
        assert postcode.strip() == "" or postcode.strip() not in response["Location"]


@FUZZ
@given(
    field=st.sampled_from(
        [
            ("/where-you-live/borough/", "lives_in"),
            ("/who-looked-after-you/", "looked_after_by"),
            ("/how-old-are-you/", "age"),
        ]
    ),
    value=VALUES,
)
def test_question_fields(web, catalogue, field, value):
    path, name = field
    response = web.post(f"{path}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}", {name: value})
    check(response, value)
    assert response.status_code in (303, 400)


@FUZZ
@given(q=VALUES)
def test_search(web, catalogue, q):
    check(web.get("/search/", {"q": q}), q)


@FUZZ
@given(segment=TEXT.filter(lambda s: "/" not in s and s.strip() not in ("", ".", "..")))
def test_offer_and_borough_addresses(web, catalogue, segment):
    for prefix in ("/offers/", "/boroughs/"):
        response = web.get(prefix + segment + "/")
        assert response.status_code < 500
