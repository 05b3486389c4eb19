"""Every endpoint's answers validate against the ORUK 3.0 schemas, as the ORUK validator checks
them: each list at its first, a middle and its last page, then every id those pages name."""

import copy
import datetime
import json

import pytest

from boroughs.models import ENGLAND, LONDON
from offers.models import Offer
from tests.openreferral.conftest import (
    ENVELOPE,
    LISTS,
    ONE,
    SCHEMA_DIR,
    UPSTREAM,
    assert_valid,
    response_schema_ref,
    schema_errors,
)
from tests.openreferral.factories import HACKNEY, OfferFactory, area, theme

pytestmark = pytest.mark.django_db

SAL_SCHEMA = UPSTREAM + "compiled/service_at_location.json"
NORTH_CENTRAL_LONDON_ICB = "E54000028"


@pytest.fixture
def catalogue(compact_data):
    """The Compact's data, plus offers that use every field the mapping has a branch for."""
    today = datetime.date.today()
    OfferFactory(
        title="Rent deposit (test)",
        area=area(HACKNEY),
        cost="£250 refundable deposit",
        must_live_in_area=True,
        must_be_looked_after_by_area=True,
        conditions="Not for people with no recourse to public funds.",
        not_yet_confirmed="The exact amount.",
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=365),
        documents_needed="Proof of address.",
        contact="020 7946 0000",
        url="https://example.org/rent-deposit",
        themes=[theme("housing"), theme("money")],
    )
    OfferFactory(
        title="ICB pilot (test)",
        area=area(NORTH_CENTRAL_LONDON_ICB),
        cost="Free",
        must_be_looked_after_by_area=True,
        min_age=21,
        max_age=21,
        themes=[theme("education-training-employment")],
    )
    OfferFactory(title="London-wide (test)", area=area(LONDON), cost="£1.50 a trip")
    OfferFactory(title="England-wide (test)", area=area(ENGLAND), cost="£10 or £20")


def pages_to_check(total_pages: int) -> list[int]:
    """First, middle and last, the middle as the ORUK validator picks it (total_pages // 2,
    when there are more than two pages) and as the mean of first and last."""
    middle = {total_pages // 2, (1 + total_pages) // 2} if total_pages > 2 else set()
    return sorted({1, total_pages} | middle)


def crawl(feed, list_path: str, per_page: int) -> list[str]:
    """The validator's walk of one list: first, middle and last page. Returns the ids."""
    _, first = feed(list_path, page=1, per_page=per_page)
    found = []
    for number in pages_to_check(first["total_pages"]):
        response, body = feed(list_path, page=number, per_page=per_page)
        assert response.status_code == 200
        assert set(body) == ENVELOPE
        assert body["page_number"] == number
        assert body["size"] == len(body["contents"])
        assert body["first_page"] is (number == 1)
        assert body["last_page"] is (number == first["total_pages"])
        assert_valid(body, response_schema_ref(list_path))
        found += [record["id"] for record in body["contents"]]
    return found


@pytest.mark.parametrize("list_path", LISTS)
def test_first_middle_last_pages_and_every_id_found_validate(feed, catalogue, list_path):
    per_page = 1 if list_path == "/taxonomies" else 3
    found = crawl(feed, list_path, per_page)
    assert found, f"{list_path} is empty"
    for record_id in found:
        response, body = feed(ONE[list_path].format(id=record_id))
        assert response.status_code == 200
        assert body["id"] == record_id
        assert_valid(body, response_schema_ref(ONE[list_path]))
        if list_path == "/service_at_locations":
            # Upstream names compiled/service.json for this path; the right schema too.
            assert_valid(body, SAL_SCHEMA)


@pytest.mark.parametrize("list_path", LISTS)
def test_every_record_of_every_list_validates(feed, catalogue, list_path):
    _, body = feed(list_path, per_page=100)
    assert body["total_pages"] == 1
    assert body["total_items"] == len(body["contents"])
    assert_valid(body, response_schema_ref(list_path))
    ids = [record["id"] for record in body["contents"]]
    assert len(ids) == len(set(ids))
    for record_id in ids:
        response, one = feed(ONE[list_path].format(id=record_id))
        assert response.status_code == 200
        assert_valid(one, response_schema_ref(ONE[list_path]))


def test_paging_through_a_list_reaches_every_record_once(feed, catalogue):
    _, everything = feed("/services", per_page=100)
    seen = []
    for number in range(1, everything["total_items"] // 4 + 2):
        _, page = feed("/services", page=number, per_page=4)
        seen += [record["id"] for record in page["contents"]]
    assert seen == [record["id"] for record in everything["contents"]]


def test_root_validates_and_names_the_profile_and_our_openapi_document(feed):
    response, body = feed("/")
    assert response.status_code == 200
    assert_valid(body, response_schema_ref("/"))
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"] == "http://testserver/openreferral/openapi.json"
    assert body["profile"].startswith("https://github.com/OpenReferralUK/uk-profile/")


def test_every_public_offer_is_a_service_and_nothing_else_is(feed, catalogue):
    today = datetime.date.today()
    _, body = feed("/services", per_page=100)
    public = {str(pk) for pk in Offer.objects.public(today).values_list("pk", flat=True)}
    assert {record["id"] for record in body["contents"]} == public
    assert body["total_items"] == Offer.objects.public(today).count()


# --- The test validator itself: it passes the profile's examples and fails bad bodies ----


def example(name: str):
    return json.loads((SCHEMA_DIR / "examples" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, path",
    [
        ("service_full.json", "/services/{id}"),
        ("service_list.json", "/services"),
        ("service_at_location_list.json", "/service_at_locations"),
        ("taxonomy.json", "/taxonomies/{id}"),
        ("taxonomy_list.json", "/taxonomies"),
        ("taxonomy_term.json", "/taxonomy_terms/{id}"),
        ("taxonomy_term_list.json", "/taxonomy_terms"),
    ],
)
def test_the_profiles_own_examples_pass_the_test_validator(name, path):
    assert_valid(example(name), response_schema_ref(path))


def test_the_profiles_service_at_location_example_passes_its_schema():
    assert_valid(example("service_at_location_full.json"), SAL_SCHEMA)


@pytest.mark.parametrize(
    "spoil, complaint",
    [
        (lambda s: s.pop("name"), "'name' is a required property"),
        (lambda s: s.update(status="open"), "is not one of"),
        (lambda s: s.update(id="not-a-uuid"), "is not a 'uuid'"),
        (lambda s: s.update(url="not a uri"), "is not a 'uri'"),
        (lambda s: s.update(last_modified="yesterday"), "is not a 'date-time'"),
        (lambda s: s["organization"].pop("description"), "'description' is a required"),
        (lambda s: s.update(minimum_age="18"), "is not of type 'number'"),
    ],
)
def test_the_test_validator_fails_a_spoiled_service(spoil, complaint):
    service = copy.deepcopy(example("service_full.json"))
    spoil(service)
    errors = schema_errors(service, response_schema_ref("/services/{id}"))
    assert any(complaint in error for error in errors), errors
