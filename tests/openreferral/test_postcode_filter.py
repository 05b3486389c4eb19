"""/service_at_locations?postcode=…: offers available to someone living at that postcode.

Real ONS postcodes (picked from the package's own rows), loaded through the real writer.
Who "can get" an offer by where they live is decided by offers.eligibility: offers for the
postcode's borough, its ICB, London or England (as they apply), and every offer with no rule
about where one lives (those may still depend on who looked after the person).
"""

import logging
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boroughs.postcode_services import postcodes_replace
from tests.boroughs.package_sample import sample_where, standard
from tests.openreferral.factories import CAMDEN, HACKNEY, OfferFactory, area, load_areas_and_themes

pytestmark = pytest.mark.django_db

NORTH_CENTRAL_LONDON_ICB = "E54000028"


def first_postcode(predicate) -> tuple[str, str | None]:
    return sample_where(predicate)[0]


@pytest.fixture
def postcodes(db):
    """One real postcode each: Camden, Hackney, England outside London, Wales, and one the
    data links to no local authority."""
    load_areas_and_themes()
    rows = {
        "camden": first_postcode(lambda code: code == CAMDEN),
        "hackney": first_postcode(lambda code: code == HACKNEY),
        "manchester": first_postcode(lambda code: code == "E08000003"),
        "wales": first_postcode(lambda code: code is not None and code.startswith("W06")),
        "nowhere": first_postcode(lambda code: code is None),
    }
    postcodes_replace(rows=((key, code, None, False) for key, code in rows.values()))
    return {place: standard(key) for place, (key, code) in rows.items()}


@pytest.fixture
def offers(postcodes):
    OfferFactory(title="Camden residents", area=area(CAMDEN), must_live_in_area=True)
    OfferFactory(title="Hackney residents", area=area(HACKNEY), must_live_in_area=True)
    OfferFactory(
        title="Looked after by Hackney", area=area(HACKNEY), must_be_looked_after_by_area=True
    )
    OfferFactory(
        title="North Central London residents",
        area=area(NORTH_CENTRAL_LONDON_ICB),
        must_live_in_area=True,
    )
    OfferFactory(title="London residents", area=area("E12000007"), must_live_in_area=True)
    OfferFactory(title="England residents", area=area("E92000001"), must_live_in_area=True)
    OfferFactory(title="Anyone", area=area("E92000001"))


def available(feed, postcode) -> set[str]:
    response, body = feed("/service_at_locations", postcode=postcode, per_page=100)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return {record["service"]["name"] for record in body["contents"]}


EVERYWHERE = {"Looked after by Hackney", "Anyone"}


@pytest.mark.parametrize(
    "place, expected",
    [
        (
            "camden",
            EVERYWHERE
            | {
                "Camden residents",
                "North Central London residents",
                "London residents",
                "England residents",
            },
        ),
        ("hackney", EVERYWHERE | {"Hackney residents", "London residents", "England residents"}),
        ("manchester", EVERYWHERE | {"England residents"}),
        ("wales", EVERYWHERE),
    ],
)
def test_a_postcode_shows_the_offers_for_where_it_is(feed, postcodes, offers, place, expected):
    assert available(feed, postcodes[place]) == expected


def test_the_postcode_is_read_in_any_case_and_spacing(feed, postcodes, offers):
    typed = postcodes["camden"].lower().replace(" ", "")
    assert available(feed, typed) == available(feed, postcodes["camden"])


def test_the_postcode_combines_with_the_other_filters(feed, postcodes, offers):
    response, body = feed(
        "/service_at_locations", postcode=postcodes["camden"], search="residents", per_page=2
    )
    assert body["total_items"] == 4
    assert (body["total_pages"], body["size"]) == (2, 2)


@pytest.mark.parametrize(
    "typed",
    ["SW1A", "not a postcode", "SW1A 1", "BFPO 123", "Q1 1AA", "SW1A 1AA SW1A 1AA", "SW1A1AAX"],
)
def test_a_postcode_that_is_not_a_full_postcode_answers_400(feed, postcodes, typed):
    response, body = feed("/service_at_locations", postcode=typed)
    assert (response.status_code, body["parameter"]) == (400, "postcode")
    assert "full UK postcode" in body["error"]


def test_a_postcode_not_in_the_data_answers_400_without_repeating_it(feed, postcodes):
    unknown = "SW1A 1AA"  # real, but not among the postcodes loaded for this test
    assert unknown not in postcodes.values()
    response, body = feed("/service_at_locations", postcode=unknown)
    assert (response.status_code, body["parameter"]) == (400, "postcode")
    assert "not found" in body["error"]
    assert b"SW1A" not in response.content
    assert response["Cache-Control"] == "no-store"


def test_a_postcode_with_no_local_authority_answers_400(feed, postcodes):
    response, body = feed("/service_at_locations", postcode=postcodes["nowhere"])
    assert (response.status_code, body["parameter"]) == (400, "postcode")


def test_the_postcode_is_never_logged_nor_in_the_answer(client, postcodes, offers, caplog):
    postcode = postcodes["camden"]
    with caplog.at_level(logging.DEBUG):
        ok = client.get("/openreferral/service_at_locations", {"postcode": postcode})
        bad = client.get("/openreferral/service_at_locations", {"postcode": "SW1A 1AA"})
    assert ok.status_code == 200 and bad.status_code == 400
    for text in (postcode, postcode.replace(" ", ""), "SW1A 1AA", "SW1A1AA"):
        assert text not in caplog.text
        assert text.encode() not in ok.content + bad.content


def test_an_empty_postcode_is_no_filter(feed, postcodes, offers):
    response, body = feed("/service_at_locations", postcode="")
    assert (response.status_code, body["total_items"]) == (200, 7)


def test_services_ignore_the_postcode_which_oruk_defines_only_for_service_at_locations(
    feed, postcodes, offers
):
    response, body = feed("/services", postcode=postcodes["wales"])
    assert (response.status_code, body["total_items"]) == (200, 7)


def test_a_postcode_page_costs_the_same_queries_whatever_its_size(client, postcodes, offers):
    OfferFactory.create_batch(40, area=area(CAMDEN), must_live_in_area=True)
    url = "/openreferral/service_at_locations?" + urlencode({"postcode": postcodes["camden"]})

    def queries(per_page) -> int:
        # The postcode itself is looked up on the driver's own cursor (never recorded).
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{url}&per_page={per_page}").status_code == 200
        return len(captured)

    queries(1)  # the boroughs and the offers' rules, once cached
    assert queries(1) == queries(100) == 3
