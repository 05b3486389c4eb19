"""Reads for the Open Referral feed: public offers, filtered and paged, as plain data.

Only what the public may see today is ever read (offers.selectors.public_offers_queryset:
published and not past its end date). A page of services costs the same few queries whatever
its size: one count, one select of offers with their provider and area, one prefetch of their
themes. What is the same for everyone (the themes, the offer cards the eligibility rules run
on, the London boroughs) comes through offers.cache.cached.
"""

import datetime
import uuid

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language

from boroughs.postcodes import lookup_postcode
from offers import eligibility
from offers.cache import cached
from offers.models import Offer, Theme
from offers.selectors import (
    SEARCH_FIELDS,
    london_boroughs,
    public_offer_cards,
    public_offers_queryset,
    rule_for_offer,
)
from openreferral import ids
from openreferral.mapping import (
    ELIGIBILITY_TAXONOMY,
    ELIGIBILITY_TERMS,
    TAXONOMIES,
    THEMES_TAXONOMY,
    AreaData,
    OfferData,
    ProviderData,
    TaxonomyData,
    TermData,
    ThemeData,
    theme_term,
)
from openreferral.params import ListParams, ParameterError

# How each fixed eligibility term selects offers.
ELIGIBILITY_FILTERS = {
    "care-leaver": Q(),
    "must-live-in-area": Q(must_live_in_area=True),
    "must-have-been-looked-after-by-area": Q(must_be_looked_after_by_area=True),
}

# lookup_postcode's countries as the GSS country codes offers.eligibility reasons with
# (the Channel Islands and the Isle of Man as ONS's pseudo-codes: not England, all it needs).
COUNTRY_CODES = {
    "england": eligibility.ENGLAND,
    "wales": eligibility.WALES,
    "scotland": eligibility.SCOTLAND,
    "northern_ireland": eligibility.NORTHERN_IRELAND,
    "channel_islands": "L99999999",
    "isle_of_man": "M99999999",
}


# --- Plain data from rows --------------------------------------------------------------------


def offer_data(offer: Offer) -> OfferData:
    """Needs offer.provider, offer.area (with its parent) and offer.themes prefetched."""
    rule = rule_for_offer(offer)
    provider = offer.provider
    return OfferData(
        id=offer.pk,
        title=offer.title,
        summary=offer.summary,
        details=offer.details,
        how_to_get=offer.how_to_get,
        provider=ProviderData(
            pk=provider.pk,
            name=provider.name,
            kind_label=str(provider.get_kind_display()),
            website=provider.website,
        ),
        area=AreaData(gss_code=offer.area.gss_code, name=offer.area.name, kind=offer.area.kind),
        themes=tuple(ThemeData(t.pk, t.name, t.description) for t in offer.themes.all()),
        min_age=offer.min_age,
        max_age=offer.max_age,
        must_live_in_area=offer.must_live_in_area,
        must_be_looked_after_by_area=offer.must_be_looked_after_by_area,
        documents_needed=offer.documents_needed,
        cost=offer.cost,
        contact=offer.contact,
        url=offer.url,
        source_url=offer.source_url,
        conditions=offer.conditions,
        not_yet_confirmed=offer.not_yet_confirmed,
        starts_on=offer.starts_on,
        ends_on=offer.ends_on,
        last_checked=offer.last_checked,
        updated_at=offer.updated_at,
        eligibility_words=tuple(eligibility.who_qualifies(rule)) if rule else (),
    )


def themes() -> list[ThemeData]:
    """Every theme, in the portal's order: 1 query, then cached."""

    def build():
        return [ThemeData(t.pk, t.name, t.description) for t in Theme.objects.order_by("order")]

    return cached("oruk-themes", build, get_language())


def theme_terms() -> list[TermData]:
    return [theme_term(theme) for theme in themes()]


# --- Who lives where -------------------------------------------------------------------------


def person_living_at(postcode: str) -> eligibility.Person:
    """The person a postcode describes: where they live, nothing else (who looked after them
    and their age stay unknown). The postcode is used here and forgotten."""
    result = lookup_postcode(postcode)
    if not result.found:
        if result.is_shape_problem:
            message = "postcode must be a full UK postcode, like SW1A 1AA."
        elif result.problem == "not_found":
            message = "postcode was not found in the postcode data; check it."
        else:
            message = "postcode is not linked to a local authority in the postcode data."
        raise ParameterError("postcode", message)
    authority = result.local_authority
    borough = london_boroughs().get(authority.gss_code) if result.in_london else None
    if result.in_london and borough is None:
        # A London borough the portal's areas do not hold: its ICB from the postcode data.
        borough = eligibility.Borough(
            gss_code=authority.gss_code,
            name=authority.name or authority.gss_code,
            icb_code=result.icb.gss_code if result.icb else "",
        )
    lives_in = borough or eligibility.OutsideLondon(COUNTRY_CODES.get(result.country))
    return eligibility.Person(lives_in=lives_in)


def offer_ids_available_to(person: eligibility.Person, today: datetime.date) -> list[str]:
    """Offers this person might get, judged by offers.eligibility: those for where they live,
    and those with no rule about where one lives (which may still depend on who looked
    after them: the eligibility attributes say so)."""
    return [
        card.id
        for card in public_offer_cards(today)
        if eligibility.decide(person, card.rule, today).shows
    ]


# --- Services --------------------------------------------------------------------------------


def _theme_pk_for_term(term_id: uuid.UUID) -> int | None:
    for theme in themes():
        if ids.theme_term_id(theme.pk) == term_id:
            return theme.pk
    return None


def filtered_offers(params: ListParams, today: datetime.date, *, only_ids=None):
    """Public offers matching the ORUK filters, in a stable order (title, then id)."""
    queryset = public_offers_queryset(today).order_by("title", "id")
    for word in params.search_words:
        matches_word = Q()
        for name in SEARCH_FIELDS:
            matches_word |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(matches_word)
    if params.taxonomy_term_id is not None:
        fixed = {term.id: term.slug for term in ELIGIBILITY_TERMS}
        if params.taxonomy_term_id in fixed:
            queryset = queryset.filter(ELIGIBILITY_FILTERS[fixed[params.taxonomy_term_id]])
        else:
            theme_pk = _theme_pk_for_term(params.taxonomy_term_id)
            if theme_pk is None:
                return queryset.none()
            queryset = queryset.filter(
                Exists(Offer.themes.through.objects.filter(offer=OuterRef("pk"), theme=theme_pk))
            )
    if params.taxonomy_id is not None:
        if params.taxonomy_id == THEMES_TAXONOMY.id:
            queryset = queryset.filter(
                Exists(Offer.themes.through.objects.filter(offer=OuterRef("pk")))
            )
        elif params.taxonomy_id != ELIGIBILITY_TAXONOMY.id:  # every offer has a term in it
            return queryset.none()
    # ORUK: "a minimum age of at least", "a maximum age equal to or below" the value given.
    if params.minimum_age is not None:
        queryset = queryset.filter(min_age__gte=params.minimum_age)
    if params.maximum_age is not None:
        queryset = queryset.filter(max_age__lte=params.maximum_age)
    if only_ids is not None:
        queryset = queryset.filter(pk__in=only_ids)
    return queryset


def offers_page(params: ListParams, today: datetime.date) -> tuple[list[OfferData], int]:
    """One page of public offers matching the filters, and how many match in all."""
    only_ids = None
    if params.postcode is not None:
        only_ids = offer_ids_available_to(person_living_at(params.postcode), today)
    queryset = filtered_offers(params, today, only_ids=only_ids)
    total = queryset.count()
    if params.offset >= total:
        return [], total
    rows = queryset[params.offset : params.offset + params.per_page]
    return [offer_data(offer) for offer in rows], total


def public_offer(offer_id: uuid.UUID, today: datetime.date) -> OfferData | None:
    offer = public_offers_queryset(today).filter(pk=offer_id).first()
    return offer_data(offer) if offer else None


def public_offer_at_location(sal_id: uuid.UUID, today: datetime.date) -> OfferData | None:
    """The offer behind a service_at_location id (uuid5 of the offer's id: see ids)."""

    def build():
        public = Offer.objects.public(today).values_list("pk", flat=True)
        return {str(ids.service_at_location_id(pk)): str(pk) for pk in public}

    offer_id = cached("oruk-service-at-location-ids", build, today.isoformat()).get(str(sal_id))
    return public_offer(uuid.UUID(offer_id), today) if offer_id else None


# --- Taxonomies ------------------------------------------------------------------------------


def taxonomy_terms_of(taxonomy: TaxonomyData) -> list[TermData]:
    if taxonomy.id == THEMES_TAXONOMY.id:
        return theme_terms()
    return list(ELIGIBILITY_TERMS)


def taxonomy(taxonomy_id: uuid.UUID) -> TaxonomyData | None:
    return next((t for t in TAXONOMIES if t.id == taxonomy_id), None)


def all_terms() -> list[TermData]:
    """Every taxonomy term: the themes in the portal's order, then the eligibility terms."""
    return theme_terms() + list(ELIGIBILITY_TERMS)


def taxonomy_term(term_id: uuid.UUID) -> TermData | None:
    return next((term for term in all_terms() if term.id == term_id), None)
