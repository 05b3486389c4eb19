"""Whatever the query string or id, the feed answers 200, 400 or 404 in JSON: never a 500."""

from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boroughs.postcode_services import postcodes_replace
from tests.boroughs.package_sample import sample_where
from tests.openreferral.factories import CAMDEN, OfferFactory, load_areas_and_themes, theme

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LISTS = ["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]
ONES = ["/services/", "/service_at_locations/", "/taxonomies/", "/taxonomy_terms/"]
NAMES = [
    "page",
    "per_page",
    "search",
    "taxonomy_term_id",
    "taxonomy_id",
    "minimum_age",
    "maximum_age",
    "postcode",
    "proximity",
]
# Any text a URL can carry (lone surrogates cannot be encoded at all).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
NUMBERISH = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "1 ", "0x10", "1e2", "١٢", "½", "+5", "-0", "00001", "18.000001"]),
)
POSTCODEISH = st.one_of(
    TEXT, st.from_regex(r"[A-Za-z]{1,2}[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}", fullmatch=True)
)
VALUES = st.one_of(TEXT, NUMBERISH, st.uuids().map(str), POSTCODEISH)


@pytest.fixture
def catalogue(db):
    load_areas_and_themes()
    key, code = sample_where(lambda code: code == CAMDEN)[0]
    postcodes_replace(rows=[(key, code, None, False)])
    for n in range(5):
        OfferFactory(title=f"Offer {n}", themes=[theme("housing")], must_live_in_area=n % 2 == 0)


def assert_answered(response):
    assert response.status_code in (200, 400, 404), response.content[:300]
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    if response.status_code == 200:
        assert "contents" in body or "id" in body
    else:
        assert body["error"]


@FUZZ
@given(path=st.sampled_from(LISTS), query=st.dictionaries(st.sampled_from(NAMES), VALUES))
def test_any_query_parameters(client, catalogue, path, query):
    assert_answered(client.get(f"/openreferral{path}?{urlencode(query)}"))


@FUZZ
@given(path=st.sampled_from(LISTS), raw=st.binary(max_size=80), name=st.sampled_from(NAMES))
def test_any_bytes_in_a_parameter(client, catalogue, path, raw, name):
    # Not even UTF-8: Django decodes what it can and replaces the rest.
    assert_answered(client.get(f"/openreferral{path}?{name}={quote_from_bytes(raw)}"))


@FUZZ
@given(path=st.sampled_from(ONES), record_id=st.one_of(TEXT, st.uuids().map(str)))
def test_any_id(client, catalogue, path, record_id):
    response = client.get(f"/openreferral{path}{quote_from_bytes(record_id.encode(), safe='')}")
    assert_answered(response)
