"""Stable UUIDs for everything the feed publishes that has no UUID of its own.

Open Referral identifies every record by a UUID, and directories that pull the feed key their
copies on it, so an id must never change while the thing it names stays the same. Offers have
their own UUID primary key. Everything else gets a name-based UUID (uuid5) from one fixed
namespace and the most stable key we hold for it:

- a provider (organization): its primary key, which survives renames (ICBs merge and rename);
- a theme (taxonomy term): its primary key, for the same reason;
- an area (location): its ONS GSS code;
- fixed vocabulary (the two taxonomies, the eligibility terms): a fixed slug;
- records that exist only inside one offer (its service_at_location, service area, cost option,
  attributes): the offer's UUID plus what the record is.

Never change NAMESPACE: every published id would change with it.
"""

import uuid

NAMESPACE = uuid.UUID("6f1c3f4e-7d2a-5b8e-9c41-2e0d5a7b9f13")


def derived(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


def organization_id(provider_pk: int) -> uuid.UUID:
    return derived("organization", provider_pk)


def theme_term_id(theme_pk: int) -> uuid.UUID:
    return derived("taxonomy_term", "theme", theme_pk)


def vocabulary_id(kind: str, slug: str) -> uuid.UUID:
    """A taxonomy or a fixed taxonomy term, e.g. ("taxonomy", "themes")."""
    return derived(kind, slug)


def location_id(gss_code: str) -> uuid.UUID:
    return derived("location", gss_code)


def service_at_location_id(offer_id: uuid.UUID) -> uuid.UUID:
    return derived("service_at_location", offer_id)


def service_area_id(offer_id: uuid.UUID) -> uuid.UUID:
    return derived("service_area", offer_id)


def cost_option_id(offer_id: uuid.UUID) -> uuid.UUID:
    return derived("cost_option", offer_id)


def attribute_id(offer_id: uuid.UUID, term_id: uuid.UUID) -> uuid.UUID:
    return derived("attribute", offer_id, term_id)
