"""offers.page_cache: a results page is kept for everyone with the same answers."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.models import Offer
from tests.offers.catalogue import HACKNEY, ISLINGTON, areas, small_catalogue

pytestmark = pytest.mark.django_db

RESULTS = reverse("offers:results")
QUERY = f"?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19"


def without_nonce(response):
    html = response.content.decode()
    nonce = re.search(r'<script nonce="([^"]+)"', html).group(1)
    return html.replace(nonce, "NONCE"), nonce


def stored_keys():
    return [key for key in cache._cache if ":catalogue:page:" in key]


def test_the_second_visit_is_answered_from_the_cache_the_same_as_the_first(client):
    small_catalogue()
    first = client.get(RESULTS + QUERY)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(RESULTS + QUERY)
    assert len(queries) == 0
    assert len(stored_keys()) == 1
    (first_html, first_nonce), (second_html, second_nonce) = map(without_nonce, (first, second))
    assert first_html == second_html
    assert first_nonce != second_nonce
    assert f"'nonce-{second_nonce}'" in second["Content-Security-Policy"]
    for header in ("Content-Type", "Content-Language", "Vary", "X-Frame-Options"):
        assert first.get(header) == second.get(header), header
    assert not second.cookies


def test_a_change_to_the_catalogue_shows_at_once(client, django_capture_on_commit_callbacks):
    catalogue = small_catalogue()
    assert "Half-price bus travel" in client.get(RESULTS + QUERY).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["tfl"].status = Offer.Status.WITHDRAWN
        catalogue["tfl"].save()
    assert "Half-price bus travel" not in client.get(RESULTS + QUERY).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        f"?age=19&lives_in={HACKNEY}&looked_after_by={ISLINGTON}",  # another order
        f"?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19&postcode=N1+9GU",
        f"?lives_in=N19GU&looked_after_by={ISLINGTON}&age=19",
        f"?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=99",  # refused by the view
        f"?lives_in={HACKNEY}&looked_after_by=E09000099&age=19",  # not a borough
    ],
)
def test_only_canonical_answer_codes_are_ever_stored(client, query):
    areas()
    response = client.get(RESULTS + query)
    assert response.status_code in (302, 400)
    assert stored_keys() == []
    assert not any("N19GU" in key or "N1 9GU" in key for key in cache._cache)


def test_other_pages_are_not_kept(client):
    areas()
    client.get(reverse("offers:start"))
    client.get(f"{reverse('offers:age')}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}")
    assert stored_keys() == []
