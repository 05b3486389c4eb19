"""Admin list pages cost the same number of SQL queries however many rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.staff.world import make_offer, world_fixtures

module_world, world = world_fixtures()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_offers(world, n):
    for i in range(n):
        make_offer(
            area=world.camden, provider=world.camden_council, title=f"Extra {len(world.offers)}-{i}"
        )


@pytest.mark.parametrize("role", ["camden_editor", "compact_editor", "board_viewer", "site_admin"])
def test_offer_list_queries_do_not_grow_with_offers(client, world, role):
    client.force_login(world.user(role))
    url = reverse("admin:offers_offer_changelist")
    queries(client, url)  # warm the per-process caches (content types, …)
    few = queries(client, url)
    add_offers(world, 15)
    assert queries(client, url) == few
    assert queries(client, url + "?check=due") <= few + 1


@pytest.mark.parametrize(
    "name",
    [
        "offers_commitmentstatus_changelist",
        "offers_provider_changelist",
        "boroughs_area_changelist",
        "offers_theme_changelist",
        "offers_commitment_changelist",
    ],
)
def test_other_lists_are_constant_too(client, world, name):
    client.force_login(world.user("compact_editor"))
    url = reverse(f"admin:{name}")
    queries(client, url)
    few = queries(client, url)
    add_offers(world, 3)  # more providers-with-offers do not matter either
    assert queries(client, url) == few


def test_export_queries_do_not_grow_with_offers(client, world):
    client.force_login(world.user("camden_editor"))
    url = reverse("admin:offers_offer_export")
    queries(client, url)
    few = queries(client, url)
    add_offers(world, 15)
    assert queries(client, url) == few


def test_history_page_queries_do_not_grow_with_versions(client, world):
    offer = world.offer("camden_published")
    client.force_login(world.user("camden_editor"))
    url = reverse("admin:offers_offer_history", args=[offer.pk])
    queries(client, url)
    few = queries(client, url)
    for i in range(10):
        offer.summary = f"Version {i}"
        offer.save()
    assert queries(client, url) == few
