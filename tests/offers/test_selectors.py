"""offers.selectors: the person's offers from the cached catalogue, in constant queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from boroughs.models import LONDON
from offers.eligibility import UNKNOWN, Person, Status
from offers.models import Offer
from offers.selectors import borough_offers, eligible_offers, london_boroughs, search_offers
from tests.offers.catalogue import HACKNEY, ISLINGTON, NCL, areas, offer, small_catalogue, theme
from tests.offers.factories import ProviderFactory, PublishedOfferFactory

pytestmark = pytest.mark.django_db


def person(lives_in=HACKNEY, looked_after_by=ISLINGTON, age=19):
    boroughs = london_boroughs()
    return Person(
        lives_in=boroughs.get(lives_in, UNKNOWN),
        looked_after_by=boroughs.get(looked_after_by, UNKNOWN),
        age=age,
    )


def titles(groups):
    return [match.card.title for group in groups for match in group.items]


def test_eligible_and_maybe_offers_are_grouped_by_their_first_theme():
    small_catalogue()
    offers = eligible_offers(person=person(looked_after_by="unknown"))
    assert [group.slug for group in offers.eligible] == ["money"]
    assert [group.slug for group in offers.maybe] == ["travel", "health", "money"]
    assert titles(offers.eligible) == ["Apprenticeship bursary"]
    assert all(m.decision.status is Status.MAYBE for g in offers.maybe for m in g.items)
    assert offers.eligible_count == 1 and offers.maybe_count == 4


def test_local_offers_come_before_london_and_national_ones_in_a_theme():
    areas()
    theme("money")
    offer(LONDON, title="A London grant")
    offer(ISLINGTON, title="Zebra Islington grant")
    offer(NCL, title="An NHS grant")
    offers = eligible_offers(person=person(lives_in=ISLINGTON))
    assert titles(offers.eligible) == ["Zebra Islington grant", "An NHS grant", "A London grant"]


def test_deleting_an_offer_hides_it_at_once(django_capture_on_commit_callbacks):
    catalogue = small_catalogue()
    assert "Half-price bus travel" in titles(eligible_offers(person=person()).eligible)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["tfl"].delete()
    assert "Half-price bus travel" not in titles(eligible_offers(person=person()).eligible)


def test_withdrawing_an_offer_hides_it_at_once(django_capture_on_commit_callbacks):
    catalogue = small_catalogue()
    tfl = catalogue["tfl"]
    assert "Half-price bus travel" in titles(eligible_offers(person=person()).eligible)
    with django_capture_on_commit_callbacks(execute=True):
        tfl.status = Offer.Status.WITHDRAWN
        tfl.save()
    assert "Half-price bus travel" not in titles(eligible_offers(person=person()).eligible)


def test_borough_offers_for_a_code_that_is_not_a_borough_is_none():
    areas()
    assert borough_offers(gss_code="E12000007") is None
    assert borough_offers(gss_code="") is None


@pytest.mark.parametrize("words", ["bus", "BUS travel", "Provider", "adviser"])
def test_search_matches_words_in_any_field(words):
    small_catalogue()
    found = [item.card.title for item in search_offers(query=words)]
    assert found
    assert "A draft offer" not in found


def test_search_needs_every_word():
    small_catalogue()
    assert search_offers(query="bus prescriptions") == []


# --- A constant number of SQL queries, whatever the number of offers -----------------------


def many_offers(count):
    """`count` more published offers across every level, written in bulk."""
    found = areas()
    themes = [theme("travel", 1), theme("health", 2), theme("money", 3)]
    places = [found[code] for code in (LONDON, NCL, ISLINGTON, HACKNEY, "E92000001")]
    provider = ProviderFactory()
    start = Offer.objects.count()
    made = Offer.objects.bulk_create(
        PublishedOfferFactory.build(
            provider=provider,
            area=places[n % len(places)],
            title=f"Offer {start + n}",
            must_live_in_area=n % 2 == 0,
            must_be_looked_after_by_area=n % 3 == 0,
        )
        for n in range(count)
    )
    Offer.themes.through.objects.bulk_create(
        Offer.themes.through(offer_id=o.pk, theme_id=t.pk)
        for n, o in enumerate(made)
        for t in {themes[n % 3], themes[(n + 1) % 3]}
    )


def results_queries(client, *, warm: bool) -> tuple[int, int]:
    url = reverse("offers:results")
    query = {"lives_in": ISLINGTON, "looked_after_by": "unknown", "age": 20}
    cache.clear()
    if warm:
        client.get(url, query)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    shown = response.content.decode().count('class="app-offer-card"')
    return len(queries), shown


@pytest.mark.parametrize("warm", [False, True], ids=["first request", "cached catalogue"])
def test_results_page_runs_the_same_queries_with_5_and_500_offers(client, warm):
    many_offers(5)
    few, shown_few = results_queries(client, warm=warm)
    many_offers(495)
    many, shown_many = results_queries(client, warm=warm)
    assert shown_few < shown_many
    assert few == many
    if warm:
        assert many == 0  # everything the page needs is in the cache


def test_selector_runs_the_same_queries_with_5_and_500_offers(django_assert_num_queries):
    many_offers(5)
    cache.clear()
    # The boroughs (1 query), then the offers with their provider and area, and their themes.
    with django_assert_num_queries(3):
        eligible_offers(person=person())
    many_offers(495)
    cache.clear()
    with django_assert_num_queries(3):
        offers = eligible_offers(person=person())
    assert offers.eligible_count + offers.maybe_count > 100
