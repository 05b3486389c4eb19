"""What the feed shows and hides, its filters, paging, errors, headers and query counts."""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers.models import Offer
from openreferral import ids
from openreferral.mapping import ELIGIBILITY_TAXONOMY, ELIGIBILITY_TERMS, THEMES_TAXONOMY
from tests.openreferral.factories import (
    CAMDEN,
    OfferFactory,
    ProviderFactory,
    area,
    load_areas_and_themes,
    theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def areas_and_themes(db):
    load_areas_and_themes()


TODAY = datetime.date.today()
CARE_LEAVER, MUST_LIVE, MUST_BE_LOOKED_AFTER = (str(term.id) for term in ELIGIBILITY_TERMS)


def titles(body) -> list[str]:
    """The offers' titles, from a page of services or of service_at_locations."""
    return [record.get("service", record)["name"] for record in body["contents"]]


def test_drafts_withdrawn_and_ended_offers_never_appear_not_even_by_id(feed, client):
    shown = OfferFactory(title="Shown")
    last_day = OfferFactory(title="Last day today", ends_on=TODAY)
    hidden = [
        OfferFactory(title="Draft", status=Offer.Status.DRAFT),
        OfferFactory(title="Withdrawn", status=Offer.Status.WITHDRAWN),
        OfferFactory(title="Ended", ends_on=TODAY - datetime.timedelta(days=1)),
    ]
    for list_path in ("/services", "/service_at_locations"):
        _, body = feed(list_path)
        assert sorted(
            record.get("service_id", record["id"]) for record in body["contents"]
        ) == sorted(str(offer.pk) for offer in (shown, last_day))
    for offer in hidden:
        for path in (
            f"/services/{offer.pk}",
            f"/service_at_locations/{ids.service_at_location_id(offer.pk)}",
        ):
            response, body = feed(path)
            assert response.status_code == 404
            assert body["error"]


def test_an_offer_withdrawn_after_the_feed_was_read_disappears(
    feed, django_capture_on_commit_callbacks
):
    offer = OfferFactory()
    sal = ids.service_at_location_id(offer.pk)
    assert feed(f"/service_at_locations/{sal}")[0].status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # bumps the catalogue version
        offer.status = Offer.Status.WITHDRAWN
        offer.save()
    assert feed(f"/services/{offer.pk}")[0].status_code == 404
    assert feed(f"/service_at_locations/{sal}")[0].status_code == 404


def test_a_service_carries_its_themes_and_who_qualifies_as_attributes(feed):
    offer = OfferFactory(
        must_live_in_area=True,
        must_be_looked_after_by_area=False,
        themes=[theme("housing"), theme("money")],
    )
    _, body = feed(f"/services/{offer.pk}")
    terms = {(a["link_type"], a["taxonomy_term"]["name"]) for a in body["attributes"]}
    assert terms == {
        ("service_category", "Housing"),
        ("service_category", "Money"),
        ("eligibility", "Care leavers"),
        ("eligibility", "Must live in the area"),
    }
    assert {a["link_id"] for a in body["attributes"]} == {str(offer.pk)}
    assert body["service_areas"][0]["extent"] == CAMDEN
    assert body["service_areas"][0]["uri"].endswith(f"/statistical-geography/{CAMDEN}")
    location = body["service_at_locations"][0]["location"]
    assert (location["external_identifier"], location["location_type"]) == (CAMDEN, "virtual")
    assert "You must live in Camden." in body["description"]


def test_ids_are_stable_and_derived_from_the_documented_keys(feed):
    provider = ProviderFactory()
    offer = OfferFactory(provider=provider)
    _, first = feed(f"/services/{offer.pk}")
    _, again = feed(f"/services/{offer.pk}")
    assert first == again
    assert first["organization"]["id"] == str(ids.organization_id(provider.pk))
    assert first["service_at_locations"][0]["location_id"] == str(ids.location_id(CAMDEN))
    # Pinned: changing the namespace or a derivation would change every published id.
    assert str(THEMES_TAXONOMY.id) == "a1b124d4-4bde-58aa-a272-3e950b8f9346"
    assert str(ELIGIBILITY_TAXONOMY.id) == "5f2a2d60-0179-503c-b3f6-def660855e8c"
    assert str(ids.organization_id(1)) == str(uuid.uuid5(ids.NAMESPACE, "organization:1"))


# --- Filters -----------------------------------------------------------------------------


def test_search_matches_every_word_in_any_field_whatever_the_case(feed):
    OfferFactory(title="Bus and tram discount", summary="Half price travel.")
    OfferFactory(title="Council tax exemption", provider=ProviderFactory(name="Tram Council"))
    OfferFactory(title="Rent deposit")
    assert titles(feed("/services", search="TRAM")[1]) == [
        "Bus and tram discount",
        "Council tax exemption",
    ]
    assert titles(feed("/services", search="tram half")[1]) == ["Bus and tram discount"]
    _, nothing = feed("/services", search="nothing matches this")
    assert (nothing["total_items"], nothing["total_pages"], nothing["empty"]) == (0, 1, True)


def test_search_treats_sql_wildcards_as_plain_characters(feed):
    OfferFactory(title="100% free")
    OfferFactory(title="Other")
    assert titles(feed("/services", search="%")[1]) == ["100% free"]
    assert titles(feed("/services", search="_")[1]) == []


def test_taxonomy_term_filter_by_theme_and_by_eligibility_rule(feed):
    OfferFactory(title="Housing offer", themes=[theme("housing")])
    OfferFactory(title="Travel offer", themes=[theme("travel")], must_live_in_area=True)
    OfferFactory(title="Both", themes=[theme("housing"), theme("travel")])
    OfferFactory(title="Looked after", must_be_looked_after_by_area=True)
    housing = ids.theme_term_id(theme("housing").pk)
    assert titles(feed("/services", taxonomy_term_id=housing)[1]) == ["Both", "Housing offer"]
    assert titles(feed("/services", taxonomy_term_id=MUST_LIVE)[1]) == ["Travel offer"]
    assert titles(feed("/services", taxonomy_term_id=MUST_BE_LOOKED_AFTER)[1]) == ["Looked after"]
    assert feed("/services", taxonomy_term_id=CARE_LEAVER)[1]["total_items"] == 4
    assert feed("/services", taxonomy_term_id=uuid.uuid4())[1]["total_items"] == 0


def test_taxonomy_filter_themes_needs_a_theme_and_everything_has_an_eligibility_term(feed):
    OfferFactory(title="Themed", themes=[theme("housing"), theme("money")])
    OfferFactory(title="No theme")
    assert titles(feed("/services", taxonomy_id=THEMES_TAXONOMY.id)[1]) == ["Themed"]
    assert titles(feed("/services", taxonomy_id=ELIGIBILITY_TAXONOMY.id)[1]) == [
        "No theme",
        "Themed",
    ]
    assert feed("/services", taxonomy_id=uuid.uuid4())[1]["total_items"] == 0


def test_age_filters_follow_the_oruk_definitions(feed):
    # ORUK: minimum_age "a minimum age of at least" the value; maximum_age "a maximum age
    # equal to or below" it.
    OfferFactory(title="16 to 18", min_age=16, max_age=18)
    OfferFactory(title="18 to 24", min_age=18, max_age=24)
    OfferFactory(title="21 to 25", min_age=21, max_age=25)
    assert titles(feed("/services", minimum_age=18)[1]) == ["18 to 24", "21 to 25"]
    assert titles(feed("/services", minimum_age="17.5")[1]) == ["18 to 24", "21 to 25"]
    assert titles(feed("/services", maximum_age=24)[1]) == ["16 to 18", "18 to 24"]
    assert titles(feed("/services", minimum_age=18, maximum_age=24)[1]) == ["18 to 24"]
    assert titles(feed("/service_at_locations", minimum_age=21)[1]) == ["21 to 25"]


def test_filters_combine_and_apply_to_service_at_locations_too(feed):
    OfferFactory(title="Housing for 18s", themes=[theme("housing")], min_age=18)
    OfferFactory(title="Housing for 21s", themes=[theme("housing")], min_age=21, max_age=24)
    OfferFactory(title="Money for 21s", themes=[theme("money")], min_age=21, max_age=24)
    housing = ids.theme_term_id(theme("housing").pk)
    for path in ("/services", "/service_at_locations"):
        _, body = feed(path, taxonomy_term_id=housing, minimum_age=21, search="housing")
        assert titles(body) == ["Housing for 21s"]


# --- Paging ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, per_page, page, expected",
    [
        # (total_pages, size, first_page, last_page, empty)
        (0, 50, 1, (1, 0, True, True, True)),
        (6, 3, 1, (2, 3, True, False, False)),
        (6, 3, 2, (2, 3, False, True, False)),
        (7, 3, 3, (3, 1, False, True, False)),
        (7, 3, 4, (3, 0, False, True, True)),  # past the end: answered, empty
        (7, 100, 1, (1, 7, True, True, False)),
        (3, 1, 2, (3, 1, False, False, False)),
    ],
)
def test_paging_envelope_at_the_edges(feed, count, per_page, page, expected):
    for _ in range(count):
        OfferFactory()
    response, body = feed("/services", page=page, per_page=per_page)
    assert response.status_code == 200
    assert body["total_items"] == count
    assert body["page_number"] == page
    assert (
        body["total_pages"],
        body["size"],
        body["first_page"],
        body["last_page"],
        body["empty"],
    ) == expected


def test_default_page_size_is_50(feed):
    OfferFactory.create_batch(51)
    _, body = feed("/services")
    assert (body["size"], body["total_pages"]) == (50, 2)


def test_taxonomy_lists_page_too(feed, compact_data):
    _, first = feed("/taxonomy_terms", per_page=4)
    _, last = feed("/taxonomy_terms", per_page=4, page=first["total_pages"])
    assert first["total_items"] == 7 + len(ELIGIBILITY_TERMS)
    assert last["last_page"] and last["contents"][-1]["id"] == str(ELIGIBILITY_TERMS[-1].id)
    assert feed("/taxonomies", per_page=1, page=2)[1]["contents"][0]["id"] == str(
        ELIGIBILITY_TAXONOMY.id
    )


# --- Bad requests --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "1.5"},
        {"page": "100001"},
        {"page": "9" * 40},
        {"per_page": "0"},
        {"per_page": "101"},
        {"per_page": "ten"},
        {"minimum_age": "-1"},
        {"minimum_age": "old"},
        {"minimum_age": "121"},
        {"maximum_age": "NaN"},
        {"maximum_age": "1e3"},
        {"taxonomy_term_id": "housing"},
        {"taxonomy_id": "12345"},
        {"search": "x" * 201},
        {"search": " ".join(f"word{n}" for n in range(11))},
        {"search": "nul\x00byte"},
    ],
)
@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_bad_parameters_answer_400_with_a_json_error_naming_the_parameter(feed, path, params):
    response, body = feed(path, **params)
    assert response.status_code == 400
    assert body["parameter"] == next(iter(params))
    assert body["error"]


@pytest.mark.parametrize("path", ["/taxonomies", "/taxonomy_terms"])
def test_bad_paging_on_taxonomy_lists_answers_400(feed, path):
    response, body = feed(path, per_page="1000")
    assert (response.status_code, body["parameter"]) == (400, "per_page")


@pytest.mark.parametrize(
    "path", ["/services/{}", "/service_at_locations/{}", "/taxonomies/{}", "/taxonomy_terms/{}"]
)
def test_ids_that_are_not_uuids_answer_400_and_unknown_ones_404(feed, path):
    response, body = feed(path.format("not-a-uuid"))
    assert (response.status_code, body["parameter"]) == (400, "id")
    response, body = feed(path.format(uuid.uuid4()))
    assert response.status_code == 404
    assert "error" in body


def test_unknown_parameters_are_ignored(feed):
    OfferFactory()
    response, body = feed("/services", day="monday", proximity="500", start_time="x")
    assert (response.status_code, body["total_items"]) == (200, 1)


# --- Headers and methods -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/openapi.json",
        "/schema/compiled/service.json",
        "/schema/../settings.py",
        "/services/",
        "/no/such/thing",
        "/services?page=0",
    ],
)
def test_every_answer_allows_any_origin(client, path):
    response = client.get("/openreferral" + path)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/json")


def test_the_base_without_its_slash_redirects_with_the_cors_header(client):
    response = client.get("/openreferral")
    assert (response.status_code, response["Location"]) == (301, "/openreferral/")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_writes_are_refused_with_405_and_preflight_is_answered(client):
    response = client.post("/openreferral/services", {"name": "x"})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]
    preflight = client.options("/openreferral/services")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_no_api_key_and_no_cookies(client):
    response = client.get("/openreferral/services")
    assert response.status_code == 200
    assert not response.cookies


def test_answers_are_in_english_whatever_the_browser_asks_for(client, compact_data):
    english = client.get("/openreferral/taxonomy_terms").json()
    arabic = client.get("/openreferral/taxonomy_terms", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert english == arabic


def test_the_served_schema_files_are_the_copied_ones(client):
    response = client.get("/openreferral/schema/taxonomy_term.json")
    assert response.status_code == 200
    assert response.json()["name"] == "taxonomy_term"
    assert client.get("/openreferral/schema/openapi.json").status_code == 404


# --- SQL queries ---------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_a_page_costs_the_same_queries_whatever_its_size(client, compact_data, path):
    OfferFactory.create_batch(120, themes=[theme("housing"), theme("money")])
    url = f"/openreferral{path}?per_page="
    cache.clear()
    cold = [count_queries(client, url + "1"), count_queries(client, url + "100")]
    warm = [count_queries(client, url + "1"), count_queries(client, url + "100")]
    assert cold[1] == 3  # count, offers with provider and area, their themes
    assert cold[0] >= cold[1]  # the first also fills what every page shares
    assert warm == [0, 0]  # each page whole from the shared page cache


def test_filtered_pages_cost_the_same_queries_whatever_their_size(client, compact_data):
    OfferFactory.create_batch(60, themes=[theme("housing")])
    housing = ids.theme_term_id(theme("housing").pk)
    url = f"/openreferral/services?taxonomy_term_id={housing}&search=offer&minimum_age=1&per_page="
    count_queries(client, url + "1")  # the themes, once cached
    assert count_queries(client, url + "1") == count_queries(client, url + "100") == 3


@pytest.mark.parametrize(
    "path, queries",
    [
        ("/services/{offer}", 2),  # the offer with provider and area, its themes
        ("/service_at_locations/{sal}", 2),  # the same, once the id map is cached
        ("/taxonomies", 0),
        ("/taxonomies/{themes}", 0),  # the themes, once cached
        ("/taxonomy_terms?per_page=100", 0),
        ("/taxonomy_terms/{term}", 0),
        ("/", 0),
        ("/openapi.json", 0),
    ],
)
def test_single_records_cost_a_fixed_few_queries(client, compact_data, path, queries):
    offer = OfferFactory(themes=[theme("housing")])
    url = "/openreferral" + path.format(
        offer=offer.pk,
        sal=ids.service_at_location_id(offer.pk),
        themes=THEMES_TAXONOMY.id,
        term=ids.theme_term_id(theme("housing").pk),
    )
    count_queries(client, url)
    assert count_queries(client, url) == 0  # the whole answer from the shared page cache
    # The view itself, with what it shares cached: a parameter the feed ignores (and the
    # page cache does not share) sends the request to it.
    uncached = url + ("&" if "?" in url else "?") + "start_time=09:00"
    assert count_queries(client, uncached) == queries


def test_an_offer_in_a_non_london_borough_area_is_still_a_valid_service(feed):
    # England is an area the portal holds; an offer there has no residence rule by default.
    offer = OfferFactory(area=area("E92000001"))
    _, body = feed(f"/services/{offer.pk}")
    assert body["service_areas"][0]["name"] == "England"
