"""A fixed number of SQL queries per page, whatever the number of offers.

Measured with an empty cache (the worst case) and again with a warm one. The numbers are
in the README ("Coverage for the Trust Board"); run with -s to see them printed.
"""

import datetime
import random

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boroughs.models import LONDON, Area
from offers.models import Offer, Theme
from tests.board.helpers import ISLINGTON, offer, shift_history, today

PAGES = {
    "coverage": "/coverage/",
    "coverage, filtered and sorted": "/coverage/?icb=E54000028&status=gap&sort=-theme-housing",
    "coverage on a past date": "/coverage/?on={past}&map=theme-money",
    "borough profile": f"/coverage/{ISLINGTON}/",
    "CSV": "/coverage.csv",
    "JSON": "/coverage.json",
    "JSON on a past date": "/coverage.json?on={past}",
}


def add_offers(count: int, seed: int):
    """Published, draft and withdrawn offers in boroughs, ICBs, London and England."""
    rng = random.Random(seed)
    areas = list(
        Area.objects.filter(kind__in=["local_authority", "icb"]).values_list("gss_code", flat=True)
    ) + [LONDON, "E92000001"]
    slugs = list(Theme.objects.values_list("slug", flat=True))
    statuses = [Offer.Status.PUBLISHED] * 4 + [Offer.Status.DRAFT, Offer.Status.WITHDRAWN]
    for _ in range(count):
        offer(
            rng.choice(areas),
            *rng.sample(slugs, rng.randint(1, 3)),
            status=rng.choice(statuses),
            last_checked=today() - datetime.timedelta(days=rng.randint(0, 400)),
        )


def queries(client, url) -> tuple[int, int]:
    """(queries with an empty cache, queries with a warm one)."""
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return len(cold), len(warm)


def test_queries_do_not_grow_with_the_number_of_offers(compact_data, client):
    past = (today() - datetime.timedelta(days=5)).isoformat()
    urls = {page: url.format(past=past) for page, url in PAGES.items()}
    add_offers(5, seed=1)
    shift_history(10)
    few = {page: queries(client, url) for page, url in urls.items()}
    add_offers(195, seed=2)
    shift_history(10)
    assert Offer.objects.count() >= 200
    many = {page: queries(client, url) for page, url in urls.items()}
    for page, (cold, warm) in many.items():
        print(f"\n{page}: {cold} queries with an empty cache, {warm} warm")  # noqa: T201
    assert few == many
    assert all(warm < cold for cold, warm in many.values())  # the cache answers
