"""The pure mapping from plain offer data to ORUK records: no database."""

import datetime
import uuid
from decimal import Decimal

import pytest

from openreferral import ids, mapping
from openreferral.mapping import AreaData, OfferData, ProviderData, ThemeData
from tests.openreferral.conftest import UPSTREAM, assert_valid, response_schema_ref

TODAY = datetime.date(2026, 3, 1)
CAMDEN = AreaData("E09000007", "Camden", "local_authority")
NCL = AreaData("E54000028", "NHS North Central London Integrated Care Board", "icb")


def offer(**fields) -> OfferData:
    values = {
        "id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
        "title": "Rent deposit",
        "summary": "Help with a deposit.",
        "details": "Up to £1,000.",
        "how_to_get": "Ask your personal adviser.",
        "provider": ProviderData(7, "Camden Council", "Council", "https://www.camden.gov.uk/"),
        "area": CAMDEN,
    }
    return OfferData(**{**values, **fields})


@pytest.mark.parametrize(
    "cost, amount",
    [
        ("Free", Decimal(0)),
        ("free for care leavers", Decimal(0)),
        ("No cost", Decimal(0)),
        ("£20", Decimal(20)),
        ("£20 photocard fee", Decimal(20)),
        ("GBP 20 fee", Decimal(20)),
        ("£1,200 a year", Decimal(1200)),
        ("£1.50 a trip", Decimal("1.50")),
        ("Free, but the photocard costs £20", None),  # free of what? not plain
        ("£10 or £20", None),
        ("Half price", None),
        ("", None),
        ("Freedom pass", None),
    ],
)
def test_cost_amount_only_when_the_text_says_it_plainly(cost, amount):
    assert mapping.cost_amount(cost) == amount


def test_cost_options_carry_the_amount_and_the_words():
    record = mapping.service_record(offer(cost="£1.50 a trip"), TODAY)
    assert record["cost_options"] == [
        {
            "id": str(ids.cost_option_id(offer().id)),
            "service_id": str(offer().id),
            "amount": 1.5,
            "amount_description": "£1.50 a trip",
        }
    ]
    assert mapping.service_record(offer(cost="£20"), TODAY)["cost_options"][0]["amount"] == 20
    assert mapping.service_record(offer(cost="Varies"), TODAY)["cost_options"] == []


def test_the_description_has_every_part_in_order_and_skips_empty_ones():
    text = mapping.description(
        offer(
            eligibility_words=("You must live in Camden.", "You must be aged 18 to 24."),
            conditions="Not for people with no recourse to public funds.",
            documents_needed="",
            contact="020 7946 0000",
        )
    )
    assert text == (
        "Help with a deposit.\n\n"
        "What you get:\nUp to £1,000.\n\n"
        "Who can get it:\nYou must live in Camden. You must be aged 18 to 24. "
        "Not for people with no recourse to public funds.\n\n"
        "How to get it:\nAsk your personal adviser.\n\n"
        "Contact:\n020 7946 0000"
    )


def test_who_qualifies_falls_back_to_the_ages_without_eligibility_words():
    assert mapping.who_qualifies(offer(min_age=21, max_age=21)) == "For care leavers aged 21."


def test_alerts_say_when_an_offer_starts_ends_or_is_not_yet_confirmed():
    assert mapping.alert(offer(), TODAY) == ""
    text = mapping.alert(
        offer(
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
            not_yet_confirmed="The amount.",
        ),
        TODAY,
    )
    assert "Starts on 2026-04-01" in text and "Ends on 2027-03-31" in text
    assert "not yet confirmed" in text
    assert "Starts" not in mapping.alert(offer(starts_on=TODAY), TODAY)


@pytest.mark.parametrize(
    "live, looked_after, expected",
    [
        (False, False, ["Care leavers"]),
        (True, False, ["Care leavers", "Must live in the area"]),
        (False, True, ["Care leavers", "Must have been looked after by a council in the area"]),
        (
            True,
            True,
            [
                "Care leavers",
                "Must live in the area",
                "Must have been looked after by a council in the area",
            ],
        ),
    ],
)
def test_eligibility_terms_follow_the_offers_rules(live, looked_after, expected):
    terms = mapping.offer_terms(
        offer(must_live_in_area=live, must_be_looked_after_by_area=looked_after)
    )
    assert [term.name for term in terms] == expected


def test_themes_come_first_as_service_categories():
    record = mapping.service_record(offer(themes=(ThemeData(3, "Housing", ""),)), TODAY)
    first = record["attributes"][0]
    assert first["link_type"] == "service_category"
    assert first["taxonomy_term"]["name"] == "Housing"
    assert first["taxonomy_term"]["description"] == "Housing"  # required: the name stands in
    assert first["taxonomy_term_id"] == str(ids.theme_term_id(3))


def test_an_icb_area_reads_as_an_area():
    record = mapping.service_record(offer(area=NCL, must_live_in_area=True), TODAY)
    assert record["service_areas"][0]["service_area"] == (
        "Care leavers who live in the NHS North Central London Integrated Care Board area."
    )
    assert record["service_at_locations"][0]["location"]["external_identifier"] == "E54000028"


def test_optional_fields_without_a_value_are_left_out():
    record = mapping.service_summary(offer(provider=ProviderData(1, "A charity", "Charity")), TODAY)
    assert not {"fees", "alert", "url", "assured_date", "last_modified"} & record.keys()
    assert "website" not in record["organization"]


def test_last_modified_is_utc_rfc3339():
    when = datetime.datetime(
        2026, 7, 1, 13, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    assert mapping.service_summary(offer(updated_at=when), TODAY)["last_modified"] == (
        "2026-07-01T12:30:00+00:00"
    )


def test_a_fully_filled_offer_validates_as_every_record_kind():
    full = offer(
        themes=(ThemeData(1, "Housing", "Somewhere to live."), ThemeData(2, "Money", "")),
        must_live_in_area=True,
        must_be_looked_after_by_area=True,
        cost="£250",
        url="https://example.org/apply",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        last_checked=datetime.date(2026, 2, 1),
        updated_at=datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC),
        not_yet_confirmed="The amount.",
    )
    assert_valid(mapping.service_record(full, TODAY), response_schema_ref("/services/{id}"))
    sal = mapping.service_at_location_record(full, TODAY)
    assert_valid(sal, response_schema_ref("/service_at_locations/{id}"))
    assert_valid(sal, UPSTREAM + "compiled/service_at_location.json")
    page = mapping.page_record(
        [mapping.service_at_location_summary(full, TODAY)], total_items=3, page_number=2, per_page=1
    )
    assert_valid(page, response_schema_ref("/service_at_locations"))


@pytest.mark.parametrize(
    "total, page, per_page, expected",
    [
        (0, 1, 10, (1, True, True)),
        (10, 1, 10, (1, True, True)),
        (11, 1, 10, (2, True, False)),
        (11, 2, 10, (2, False, True)),
        (11, 5, 10, (2, False, True)),
    ],
)
def test_page_envelope(total, page, per_page, expected):
    record = mapping.page_record([], total_items=total, page_number=page, per_page=per_page)
    assert (record["total_pages"], record["first_page"], record["last_page"]) == expected
    assert record["empty"] is True and record["size"] == 0


def test_every_derived_id_is_distinct():
    offer_id = uuid.UUID("00000000-0000-4000-8000-000000000001")
    derived = [
        ids.organization_id(1),
        ids.theme_term_id(1),
        ids.location_id("E09000007"),
        ids.service_at_location_id(offer_id),
        ids.service_area_id(offer_id),
        ids.cost_option_id(offer_id),
        ids.attribute_id(offer_id, ids.theme_term_id(1)),
        *(taxonomy.id for taxonomy in mapping.TAXONOMIES),
        *(term.id for term in mapping.ELIGIBILITY_TERMS),
    ]
    assert len(set(derived)) == len(derived)
    assert offer_id not in derived
