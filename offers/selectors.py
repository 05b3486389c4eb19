"""Reads for the public pages: which offers a person can get, browsing, search.

What is the same for everyone (the published offers, the London boroughs) is read in a
fixed number of queries and cached through offers.cache.cached; a person's answers only
select from it, so the results page costs the same whatever the number of offers.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from boroughs.models import ENGLAND, LONDON, Area
from offers.cache import cached
from offers.content_language import ContentLanguage, content_language
from offers.eligibility import (
    Borough,
    Decision,
    Level,
    Person,
    Rule,
    Status,
    decide,
    who_qualifies,
)
from offers.models import Offer, Theme

LEVEL_ORDER = {Level.BOROUGH: 0, Level.ICB: 1, Level.LONDON: 2, Level.ENGLAND: 3}


def local_today() -> datetime.date:
    return timezone.localdate()


# --- Plain values, cheap to cache and to render ------------------------------------------


@dataclass(frozen=True)
class ThemeRef:
    slug: str
    name: str
    order: int
    # Whether the name is a translation, or English standing in for one.
    content: ContentLanguage = ContentLanguage("en")


@dataclass(frozen=True)
class OfferCard:
    """What a list of offers shows about one offer."""

    id: str
    title: str
    summary: str
    how_to_get: str
    provider_name: str
    area_name: str
    cost: str
    url: str
    not_yet_confirmed: bool
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    themes: tuple[ThemeRef, ...]
    rule: Rule
    # Which of its texts are translated and checked, and which stand in in English.
    content: ContentLanguage = ContentLanguage("en")

    @property
    def main_theme(self) -> ThemeRef | None:
        return self.themes[0] if self.themes else None

    @property
    def sort_key(self):
        return (LEVEL_ORDER[self.rule.level], self.title.casefold())


@dataclass
class Match:
    card: OfferCard
    decision: Decision


@dataclass
class ThemeGroup:
    slug: str
    name: str
    items: list = field(default_factory=list)
    content: ContentLanguage = ContentLanguage("en")


@dataclass
class PersonalOffers:
    eligible: list[ThemeGroup]
    maybe: list[ThemeGroup]

    @property
    def eligible_count(self) -> int:
        return sum(len(group.items) for group in self.eligible)

    @property
    def maybe_count(self) -> int:
        return sum(len(group.items) for group in self.maybe)

    def matches(self):
        """Every offer shown, eligible first, in page order."""
        for group in (*self.eligible, *self.maybe):
            yield from group.items


# --- From the database to plain values ----------------------------------------------------


def level_of(area: Area) -> Level | None:
    """The eligibility level of the area an offer is made in (None: not one we reason about)."""
    if area.kind == Area.Kind.LOCAL_AUTHORITY:
        return Level.BOROUGH if area.in_london else None
    if area.kind == Area.Kind.ICB:
        return Level.ICB
    if area.gss_code == LONDON:
        return Level.LONDON
    if area.gss_code == ENGLAND:
        return Level.ENGLAND
    return None


def rule_for_offer(offer: Offer) -> Rule | None:
    """The offer's rule as offers.eligibility takes it. Needs offer.area (and its parent)."""
    level = level_of(offer.area)
    if level is None:
        return None
    return Rule(
        level=level,
        area_code=offer.area.gss_code,
        area_name=offer.area.name,
        min_age=offer.min_age,
        max_age=offer.max_age,
        must_live_in_area=offer.must_live_in_area,
        must_be_looked_after_by_area=offer.must_be_looked_after_by_area,
        published=offer.status == Offer.Status.PUBLISHED,
        ends_on=offer.ends_on,
    )


def public_offers_queryset(today: datetime.date):
    return (
        Offer.objects.public(today)
        .select_related("provider", "area", "area__parent")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "name")))
    )


def _card(offer: Offer, rule: Rule) -> OfferCard:
    language = get_language()
    return OfferCard(
        id=str(offer.pk),
        title=offer.title,
        summary=offer.summary,
        how_to_get=offer.how_to_get,
        provider_name=offer.provider.name,
        area_name=offer.area.name,
        cost=offer.cost,
        url=offer.url,
        not_yet_confirmed=bool(offer.not_yet_confirmed.strip()),
        starts_on=offer.starts_on,
        ends_on=offer.ends_on,
        themes=tuple(
            ThemeRef(t.slug, t.name, t.order, content_language(t, language))
            for t in offer.themes.all()
        ),
        rule=rule,
        content=content_language(offer, language),
    )


def public_offer_cards(today: datetime.date | None = None) -> list[OfferCard]:
    """Every offer the public may see today, as plain values: 2 queries, then cached."""
    today = today or local_today()

    def build():
        cards = []
        for offer in public_offers_queryset(today):
            rule = rule_for_offer(offer)
            if rule is not None:
                cards.append(_card(offer, rule))
        cards.sort(key=lambda card: card.sort_key)
        return cards

    return cached("public-offer-cards", build, today.isoformat(), get_language())


def london_boroughs() -> dict[str, Borough]:
    """The 33 London authorities by GSS code, each with its ICB (data): 1 query, then cached."""

    def build():
        return {
            area.gss_code: Borough(
                gss_code=area.gss_code,
                name=area.name,
                icb_code=area.icb.gss_code if area.icb else "",
                icb_name=area.icb.name if area.icb else "",
            )
            for area in Area.objects.london_authorities().select_related("icb").order_by("name")
        }

    return cached("london-boroughs", build, get_language())


# --- The care leaver's results ----------------------------------------------------------------


def _group_by_main_theme(matches: list[Match]) -> list[ThemeGroup]:
    groups: dict[str, ThemeGroup] = {}
    order: dict[str, tuple] = {}
    for match in matches:
        theme = match.card.main_theme
        slug, name, rank = (theme.slug, theme.name, theme.order) if theme else ("", "", 1 << 15)
        if slug not in groups:
            groups[slug] = ThemeGroup(slug=slug, name=name)
            if theme:
                groups[slug].content = theme.content
            order[slug] = (rank, name)
        groups[slug].items.append(match)
    return [groups[slug] for slug in sorted(groups, key=order.__getitem__)]


def eligible_offers(*, person: Person, today: datetime.date | None = None) -> PersonalOffers:
    """Every public offer this person can get, and those they might, grouped by theme.

    A constant number of SQL queries whatever the number of offers (none once cached).
    """
    today = today or local_today()
    eligible, maybe = [], []
    for card in public_offer_cards(today):
        decision = decide(person, card.rule, today)
        if decision.status is Status.ELIGIBLE:
            eligible.append(Match(card, decision))
        elif decision.status is Status.MAYBE:
            maybe.append(Match(card, decision))
    return PersonalOffers(
        eligible=_group_by_main_theme(eligible), maybe=_group_by_main_theme(maybe)
    )


# --- Browsing ------------------------------------------------------------------------------


@dataclass
class Listed:
    """An offer in a browse list, with who qualifies in words."""

    card: OfferCard
    who_qualifies: list[str]


def offers_by_theme(*, today: datetime.date | None = None) -> list[ThemeGroup]:
    """Every public offer under each of its themes, themes in their set order."""
    today = today or local_today()
    groups: dict[str, ThemeGroup] = {}
    order: dict[str, tuple] = {}
    for card in public_offer_cards(today):
        for theme in card.themes or (ThemeRef("", "", 1 << 15),):
            if theme.slug not in groups:
                groups[theme.slug] = ThemeGroup(
                    slug=theme.slug, name=theme.name, content=theme.content
                )
                order[theme.slug] = (theme.order, theme.name)
            groups[theme.slug].items.append(Listed(card, who_qualifies(card.rule)))
    return [groups[slug] for slug in sorted(groups, key=order.__getitem__)]


@dataclass
class BoroughOffers:
    borough: Borough
    own: list[Listed]
    icb: list[Listed]
    london: list[Listed]
    england: list[Listed]


def borough_offers(*, gss_code: str, today: datetime.date | None = None) -> BoroughOffers | None:
    """A borough's own offers, plus its ICB's, London's and England's. None: not a borough."""
    today = today or local_today()
    borough = london_boroughs().get(gss_code)
    if borough is None:
        return None
    result = BoroughOffers(borough=borough, own=[], icb=[], london=[], england=[])
    for card in public_offer_cards(today):
        rule = card.rule
        if rule.level is Level.BOROUGH and rule.area_code == borough.gss_code:
            bucket = result.own
        elif rule.level is Level.ICB and rule.area_code == borough.icb_code:
            bucket = result.icb
        elif rule.level is Level.LONDON:
            bucket = result.london
        elif rule.level is Level.ENGLAND:
            bucket = result.england
        else:
            continue
        bucket.append(Listed(card, who_qualifies(rule)))
    return result


def offer_detail(*, offer_id: str, today: datetime.date | None = None) -> Offer | None:
    """One public offer with its provider, area and themes (2 queries), or None."""
    today = today or local_today()
    try:
        key = uuid.UUID(str(offer_id))
    except ValueError:
        return None
    return public_offers_queryset(today).filter(pk=key).first()


# --- Search --------------------------------------------------------------------------------

SEARCH_LIMIT = 50
SEARCH_FIELDS = ("title", "summary", "details", "how_to_get", "conditions", "provider__name")


# PostgreSQL text search configuration per language: the language's own where PostgreSQL
# has one (stemming, stop words), 'simple' (words as typed, lower-cased) where it has none.
SEARCH_CONFIGS = {"en": "english", "ar": "arabic"}


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "simple")


def _search_languages() -> list[str]:
    """The page's language first, then English, which stands in for missing translations."""
    language = get_language() or "en"
    return [language] if language == "en" else [language, "en"]


def search_offers(*, query: str, today: datetime.date | None = None) -> list[Listed]:
    """Public offers matching the words, in the page's language and in English: full-text
    search on PostgreSQL, words on SQLite."""
    today = today or local_today()
    words = query.split()
    if not words:
        return []
    languages = _search_languages()
    queryset = public_offers_queryset(today)
    titles = [F(build_localized_fieldname("title", code)) for code in languages]
    by_title = Coalesce(*titles) if len(titles) > 1 else titles[0]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = search = None
        for code in languages:
            config = search_config(code)

            def column(name, code=code):
                return build_localized_fieldname(name, code)

            part = (
                SearchVector(column("title"), weight="A", config=config)
                + SearchVector(column("summary"), "provider__name", weight="B", config=config)
                + SearchVector(
                    column("details"),
                    column("how_to_get"),
                    column("conditions"),
                    weight="C",
                    config=config,
                )
            )
            words_query = SearchQuery(query, search_type="websearch", config=config)
            vector = part if vector is None else vector + part
            search = words_query if search is None else search | words_query
        # Match with @@ (ts_rank is above 0 even for a document without the words).
        queryset = (
            queryset.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", by_title)
        )
    else:
        columns = [
            build_localized_fieldname(name, code)
            for name in SEARCH_FIELDS
            if name != "provider__name"
            for code in languages
        ]
        for word in words:
            matches_word = Q(provider__name__icontains=word)
            for column in columns:
                matches_word |= Q(**{f"{column}__icontains": word})
            queryset = queryset.filter(matches_word)
        queryset = queryset.order_by(by_title)
    listed = []
    for offer in queryset[:SEARCH_LIMIT]:
        rule = rule_for_offer(offer)
        if rule is not None:
            listed.append(Listed(_card(offer, rule), who_qualifies(rule)))
    return listed
