"""From plain data about offers to Open Referral UK 3.0 records: no ORM, no request.

openreferral.selectors turns model instances into the dataclasses below; the functions here
turn those into the dicts the feed serves. Every record's shape follows the compiled ORUK
schemas in openreferral/schema/ (tests validate them).

How the portal's ideas map onto Open Referral:
- an Offer is a service; its Provider is the service's organization;
- the Offer's area (a borough, an ICB area, London or England) is its one service_area, and
  also its one "location": offers have no single venue, so each area is a location of type
  "virtual" named after the area and identified by its GSS code, and each offer has exactly
  one service_at_location (the offer in its area);
- the themes are one taxonomy, and who qualifies is another ("eligibility"): every offer is
  for care leavers, and the offer's two area rules (must live in the area, must have been
  looked after by a council in the area) are terms linked to the offers they apply to. Ages
  travel as minimum_age / maximum_age (whole years, both inclusive).
"""

import datetime
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openreferral import ids

HSDS_VERSION = "HSDS-UK-3.0"
# The profile this feed follows, pinned to the commit its schema files were copied from.
PROFILE_URL = (
    "https://github.com/OpenReferralUK/uk-profile/tree/ecdfabf78944d480d7f580d08b702b08cbec4b09"
)
# ONS's persistent identifiers for statistical geographies, keyed by GSS code.
GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{}"


# --- Plain data --------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaData:
    gss_code: str
    name: str
    kind: str  # boroughs.models.Area.Kind value: country, region, icb, local_authority


@dataclass(frozen=True)
class ProviderData:
    pk: int
    name: str
    kind_label: str
    website: str = ""


@dataclass(frozen=True)
class ThemeData:
    pk: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class OfferData:
    id: uuid.UUID
    title: str
    summary: str
    details: str
    how_to_get: str
    provider: ProviderData
    area: AreaData
    themes: tuple[ThemeData, ...] = ()
    min_age: int = 18
    max_age: int = 24
    must_live_in_area: bool = False
    must_be_looked_after_by_area: bool = False
    documents_needed: str = ""
    cost: str = ""
    contact: str = ""
    url: str = ""
    source_url: str = ""
    conditions: str = ""
    not_yet_confirmed: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    last_checked: datetime.date | None = None
    updated_at: datetime.datetime | None = None
    # Who qualifies, in words, from offers.eligibility.who_qualifies (one sentence each).
    eligibility_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaxonomyData:
    id: uuid.UUID
    name: str
    description: str
    version: str = "1"


@dataclass(frozen=True)
class TermData:
    id: uuid.UUID
    name: str
    description: str
    taxonomy: TaxonomyData
    link_type: str
    slug: str = ""  # fixed terms only
    # For fixed terms: does this offer carry the term? (Theme terms come from offer.themes.)
    applies_to: Callable[[OfferData], bool] | None = field(default=None, compare=False)


# --- Fixed vocabulary --------------------------------------------------------------------

THEMES_TAXONOMY = TaxonomyData(
    id=ids.vocabulary_id("taxonomy", "themes"),
    name="London Care Leavers Compact themes",
    description="What an offer helps with: travel, health, housing, money, education and work, "
    "wellbeing, legal help.",
)
ELIGIBILITY_TAXONOMY = TaxonomyData(
    id=ids.vocabulary_id("taxonomy", "eligibility"),
    name="London Care Leavers Compact eligibility",
    description="Who qualifies for an offer, besides age (minimum_age and maximum_age). A care "
    "leaver's support depends on where they live now and on which council looked after them "
    "(their responsible council); these are often different places.",
)
TAXONOMIES = (THEMES_TAXONOMY, ELIGIBILITY_TAXONOMY)

THEME_LINK_TYPE = "service_category"
ELIGIBILITY_LINK_TYPE = "eligibility"

ELIGIBILITY_TERMS = (
    TermData(
        id=ids.vocabulary_id("taxonomy_term", "eligibility:care-leaver"),
        slug="care-leaver",
        name="Care leavers",
        description="For care leavers: young people who were looked after by a council. Every "
        "offer in this feed carries this term.",
        taxonomy=ELIGIBILITY_TAXONOMY,
        link_type=ELIGIBILITY_LINK_TYPE,
        applies_to=lambda offer: True,
    ),
    TermData(
        id=ids.vocabulary_id("taxonomy_term", "eligibility:must-live-in-area"),
        slug="must-live-in-area",
        name="Must live in the area",
        description="Only for care leavers who live now in the offer's service area.",
        taxonomy=ELIGIBILITY_TAXONOMY,
        link_type=ELIGIBILITY_LINK_TYPE,
        applies_to=lambda offer: offer.must_live_in_area,
    ),
    TermData(
        id=ids.vocabulary_id("taxonomy_term", "eligibility:must-have-been-looked-after-by-area"),
        slug="must-have-been-looked-after-by-area",
        name="Must have been looked after by a council in the area",
        description="Only for care leavers whose responsible council (the council that looked "
        "after them) is in the offer's service area, wherever they live now.",
        taxonomy=ELIGIBILITY_TAXONOMY,
        link_type=ELIGIBILITY_LINK_TYPE,
        applies_to=lambda offer: offer.must_be_looked_after_by_area,
    ),
)


def theme_term(theme: ThemeData) -> TermData:
    return TermData(
        id=ids.theme_term_id(theme.pk),
        name=theme.name,
        description=theme.description or theme.name,
        taxonomy=THEMES_TAXONOMY,
        link_type=THEME_LINK_TYPE,
    )


def offer_terms(offer: OfferData) -> list[TermData]:
    """The taxonomy terms an offer carries: its themes, then the eligibility rules it has."""
    return [theme_term(theme) for theme in offer.themes] + [
        term for term in ELIGIBILITY_TERMS if term.applies_to(offer)
    ]


# --- Words -------------------------------------------------------------------------------

# Amounts like "£20", "£3,000", "£1.50" or "GBP 20".
MONEY = re.compile(r"(?:£|\bGBP\s?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?\b", re.IGNORECASE)
FREE_START = re.compile(r"^\s*(free|no cost|nothing)\b", re.IGNORECASE)
FREE_ANYWHERE = re.compile(r"\b(free|no cost)\b", re.IGNORECASE)


def cost_amount(cost: str) -> Decimal | None:
    """What the offer costs the care leaver, when the cost text says it plainly.

    Text starting "Free" (and naming no amount) is 0; text naming exactly one amount, and
    not "free" too, is that amount. Anything else (no text, several amounts, "free" and an
    amount) is not known: the words still travel as the service's fees.
    """
    amounts = MONEY.findall(cost)
    if not amounts:
        return Decimal(0) if FREE_START.match(cost) else None
    if len(amounts) == 1 and not FREE_ANYWHERE.search(cost):
        pounds, pence = amounts[0]
        return Decimal(pounds.replace(",", "")) + Decimal(pence or "0") / 100
    return None


def place(area: AreaData) -> str:
    """The area as words: "Camden", "the NHS North Central London ICB area", "London"."""
    if area.kind == "icb":
        return f"the {area.name} area"
    return area.name


def age_words(offer: OfferData) -> str:
    if offer.min_age == offer.max_age:
        return f"aged {offer.min_age}"
    return f"aged {offer.min_age} to {offer.max_age}"


def who_qualifies(offer: OfferData) -> str:
    """Who can get the offer, in words: offers.eligibility's sentences, then other conditions."""
    words = list(offer.eligibility_words) or [f"For care leavers {age_words(offer)}."]
    if offer.conditions.strip():
        words.append(offer.conditions.strip())
    return " ".join(words)


def description(offer: OfferData) -> str:
    """The offer as plain text: ORUK 3.0 has one description field for all of it."""
    sections = [
        offer.summary.strip(),
        ("What you get", offer.details),
        ("Who can get it", who_qualifies(offer)),
        ("How to get it", offer.how_to_get),
        ("Documents needed", offer.documents_needed),
        ("Contact", offer.contact),
        ("Not yet confirmed", offer.not_yet_confirmed),
    ]
    parts = []
    for section in sections:
        if isinstance(section, str):
            if section:
                parts.append(section)
        elif section[1].strip():
            parts.append(f"{section[0]}:\n{section[1].strip()}")
    return "\n\n".join(parts)


def alert(offer: OfferData, today: datetime.date) -> str:
    notes = []
    if offer.starts_on and offer.starts_on > today:
        notes.append(f"Starts on {offer.starts_on.isoformat()}.")
    if offer.ends_on:
        notes.append(f"Ends on {offer.ends_on.isoformat()} (the last day it can be claimed).")
    if offer.not_yet_confirmed.strip():
        notes.append("Some details are not yet confirmed: see the description.")
    return " ".join(notes)


def service_area_words(offer: OfferData) -> str:
    if offer.must_live_in_area:
        return f"Care leavers who live in {place(offer.area)}."
    return (
        f"Offered in {place(offer.area)}; care leavers do not have to live there to qualify "
        "(see the eligibility attributes)."
    )


# --- Records -----------------------------------------------------------------------------


def _without_empty(record: dict) -> dict:
    """Leave out optional fields we have no value for, rather than send empty strings."""
    return {key: value for key, value in record.items() if value not in ("", None)}


def taxonomy_record(taxonomy: TaxonomyData, terms: Sequence[TermData] | None = None) -> dict:
    record = {
        "id": str(taxonomy.id),
        "name": taxonomy.name,
        "description": taxonomy.description,
        "version": taxonomy.version,
    }
    if terms is not None:
        record["taxonomy_terms"] = [term_record(term) for term in terms]
    return record


def term_record(term: TermData) -> dict:
    return {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": str(term.taxonomy.id),
        "term": term.name,
    }


def organization_record(provider: ProviderData) -> dict:
    return _without_empty(
        {
            "id": str(ids.organization_id(provider.pk)),
            "name": provider.name,
            "description": f"{provider.kind_label}. Makes offers to care leavers listed by the "
            "London Care Leavers Compact.",
            "website": provider.website,
        }
    )


def location_record(area: AreaData) -> dict:
    return {
        "id": str(ids.location_id(area.gss_code)),
        "location_type": "virtual",
        "name": area.name,
        "description": f"Offers made across {place(area)}. They have no single venue: each "
        "service's description says how to get it.",
        "external_identifier": area.gss_code,
        "external_identifier_type": "ONS GSS code",
    }


def service_summary(offer: OfferData, today: datetime.date) -> dict:
    """The one-to-one fields of a service and its organization (compiled/service_list.json)."""
    return _without_empty(
        {
            "id": str(offer.id),
            "organization_id": str(ids.organization_id(offer.provider.pk)),
            "name": offer.title,
            "description": description(offer),
            "url": offer.url or offer.source_url,
            "status": "active",
            "fees": offer.cost.strip(),
            "minimum_age": offer.min_age,
            "maximum_age": offer.max_age,
            "assured_date": offer.last_checked.isoformat() if offer.last_checked else None,
            "alert": alert(offer, today),
            "last_modified": (
                offer.updated_at.astimezone(datetime.UTC).isoformat(timespec="seconds")
                if offer.updated_at
                else None
            ),
            "organization": organization_record(offer.provider),
        }
    )


def service_area_record(offer: OfferData) -> dict:
    return {
        "id": str(ids.service_area_id(offer.id)),
        "service_id": str(offer.id),
        "name": offer.area.name,
        "service_area": service_area_words(offer),
        "extent": offer.area.gss_code,
        "extent_type": "text",
        "uri": GSS_URI.format(offer.area.gss_code),
    }


def cost_option_records(offer: OfferData) -> list[dict]:
    amount = cost_amount(offer.cost)
    if amount is None:
        return []
    record = {
        "id": str(ids.cost_option_id(offer.id)),
        "service_id": str(offer.id),
        "valid_from": offer.starts_on.isoformat() if offer.starts_on else None,
        "valid_to": offer.ends_on.isoformat() if offer.ends_on else None,
        # A whole number stays an int in JSON: 20, not 20.0.
        "amount": int(amount) if amount == amount.to_integral_value() else float(amount),
        "amount_description": offer.cost.strip(),
    }
    return [_without_empty(record)]


def attribute_records(offer: OfferData) -> list[dict]:
    return [
        {
            "id": str(ids.attribute_id(offer.id, term.id)),
            "link_id": str(offer.id),
            "link_type": term.link_type,
            "link_entity": "service",
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": term_record(term),
        }
        for term in offer_terms(offer)
    ]


def service_record(offer: OfferData, today: datetime.date, *, with_locations=True) -> dict:
    """A fully nested service (compiled/service.json)."""
    record = service_summary(offer, today)
    record["service_areas"] = [service_area_record(offer)]
    if with_locations:
        record["service_at_locations"] = [
            {
                "id": str(ids.service_at_location_id(offer.id)),
                "service_id": str(offer.id),
                "location_id": str(ids.location_id(offer.area.gss_code)),
                "location": location_record(offer.area),
            }
        ]
    record["cost_options"] = cost_option_records(offer)
    record["attributes"] = attribute_records(offer)
    return record


def service_at_location_summary(offer: OfferData, today: datetime.date) -> dict:
    """An item of /service_at_locations (compiled/service_at_location_list.json)."""
    return {
        "id": str(ids.service_at_location_id(offer.id)),
        "service_id": str(offer.id),
        "location_id": str(ids.location_id(offer.area.gss_code)),
        "location": location_record(offer.area),
        "service": service_summary(offer, today),
    }


def service_at_location_record(offer: OfferData, today: datetime.date) -> dict:
    """/service_at_locations/{id}: a fully nested service_at_location.

    It also carries the service's name and status at the top level, because the ORUK 3.0
    OpenAPI document names compiled/service.json (which requires them) as this endpoint's
    schema; the body validates against both that and compiled/service_at_location.json.
    """
    record = service_at_location_summary(offer, today)
    record["service"] = service_record(offer, today, with_locations=False)
    return {"id": record.pop("id"), "name": offer.title, "status": "active", **record}


def page_record(contents: list, *, total_items: int, page_number: int, per_page: int) -> dict:
    """The ORUK list envelope. An empty result is one empty page; a page past the last one
    is answered (empty), not refused."""
    total_pages = max(1, -(-total_items // per_page))
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
