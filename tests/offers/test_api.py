"""GET /api/v1/eligibility answers exactly what the results page shows."""

import re

import pytest
from django.urls import reverse

from tests.offers.catalogue import CAMDEN, HACKNEY, ISLINGTON, areas, small_catalogue

pytestmark = pytest.mark.django_db

API = "/api/v1/eligibility"


def page_offer_ids(client, query) -> list[tuple[str, str]]:
    """(offer id, eligible|maybe) in the order the results page shows them."""
    html = client.get(reverse("offers:results"), query).content.decode()
    maybe_at = html.find('id="might-also-get"')
    found = []
    for match in re.finditer(r'href="/offers/([0-9a-f-]{36})/', html):
        status = "maybe" if 0 <= maybe_at < match.start() else "eligible"
        found.append((match.group(1), status))
    return found


@pytest.mark.parametrize(
    "query",
    [
        {"lives_in": HACKNEY, "looked_after_by": ISLINGTON, "age": "19"},
        {"lives_in": ISLINGTON, "looked_after_by": "unknown", "age": "24"},
        {"lives_in": "outside", "looked_after_by": "outside", "age": "20"},
        {"lives_in": "E92000001", "looked_after_by": CAMDEN, "age": "16"},
        {"lives_in": "unknown", "looked_after_by": HACKNEY, "age": "30"},
    ],
)
def test_api_answers_the_same_as_the_results_page(client, query):
    small_catalogue()
    response = client.get(API, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert [(o["id"], o["status"]) for o in body["offers"]] == page_offer_ids(client, query)
    assert body["age"] == int(query["age"])
    assert not response.cookies


def test_api_shape_with_reasons_in_words(client):
    catalogue = small_catalogue()
    body = client.get(API, {"lives_in": HACKNEY, "looked_after_by": "unknown", "age": 19}).json()
    assert body["lives_in"] == {"gss_code": HACKNEY, "name": "Hackney"}
    assert body["looked_after_by"] is None
    tfl = next(o for o in body["offers"] if o["id"] == str(catalogue["tfl"].pk))
    assert tfl == {
        "id": str(catalogue["tfl"].pk),
        "title": "Half-price bus travel",
        "status": "maybe",
        "reasons": [
            "It depends on whether a London council looked after you.",
            "For care leavers aged 18 to 25.",
        ],
    }
    bursary = next(o for o in body["offers"] if o["title"] == "Apprenticeship bursary")
    assert bursary["status"] == "eligible"
    assert bursary["reasons"] == ["For every care leaver aged 16 to 24."]


def test_api_places_outside_london_say_what_to_pass_back(client):
    areas()
    body = client.get(
        API, {"lives_in": "W92000004", "looked_after_by": "outside", "age": 19}
    ).json()
    assert body["lives_in"] == {"gss_code": "W92000004", "name": "In Wales"}
    assert body["looked_after_by"] == {"gss_code": "outside", "name": "A council outside London"}


def test_api_takes_a_postcode_instead_and_never_repeats_it(client, postcodes):
    small_catalogue()
    typed = postcodes["islington"]
    response = client.get(API, {"postcode": typed, "looked_after_by": ISLINGTON, "age": 20})
    assert response.status_code == 200
    assert response.json()["lives_in"] == {"gss_code": ISLINGTON, "name": "Islington"}
    assert typed not in response.content.decode()
    assert typed.replace(" ", "") not in response.content.decode()
    same = client.get(API, {"lives_in": ISLINGTON, "looked_after_by": ISLINGTON, "age": 20})
    assert response.json()["offers"] == same.json()["offers"]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({}, "lives_in: Say where you live."),
        ({"lives_in": HACKNEY, "age": "19"}, "looked_after_by: Say which council"),
        ({"lives_in": HACKNEY, "looked_after_by": ISLINGTON}, "age: Enter your age"),
        (
            {"lives_in": "E09000099", "looked_after_by": ISLINGTON, "age": "19"},
            "lives_in: We could",
        ),
        ({"lives_in": HACKNEY, "looked_after_by": "x" * 500, "age": "19"}, "looked_after_by: We"),
        (
            {"lives_in": HACKNEY, "looked_after_by": ISLINGTON, "age": "15"},
            "age: Your age must be 16",
        ),
        (
            {"lives_in": HACKNEY, "looked_after_by": ISLINGTON, "age": "2.5"},
            "age: Enter your age as",
        ),
        (
            {"postcode": "N1", "looked_after_by": ISLINGTON, "age": "19"},
            "postcode: Enter your full",
        ),
        (
            {"postcode": "", "looked_after_by": ISLINGTON, "age": "19"},
            "postcode: Enter your postcode",
        ),
        (
            {"postcode": "N1 1AA", "lives_in": HACKNEY, "looked_after_by": ISLINGTON, "age": "19"},
            "postcode: Give a postcode or lives_in, not both.",
        ),
    ],
)
def test_api_bad_parameters_get_400_with_an_error(client, query, error):
    areas()
    response = client.get(API, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"].startswith(error)


def test_api_answers_get_only(client):
    assert client.post(API).status_code == 405
