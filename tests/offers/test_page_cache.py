"""offers.page_cache: a whole answer is kept for everyone who asks for the same address.

Results, question and offer pages, browsing, borough and coverage pages, the downloads, the
eligibility API and the Open Referral feed: the second request for the same address (in the
same language) is answered from the cache with no SQL, the same as the first but for its own
CSP nonce. Anything with a parameter that is not one of the page's own, strictly shaped,
(a postcode, search words), is never stored nor answered from the cache.
"""

import gzip
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.models import Offer
from tests.offers.catalogue import HACKNEY, ISLINGTON, areas, small_catalogue
from tests.staff.world import world_fixtures

pytestmark = pytest.mark.django_db

module_world, world = world_fixtures()

RESULTS = reverse("offers:results")
QUERY = f"?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19"
ANSWERS = QUERY[1:]
CAMDEN, NCL = "E09000007", "E54000028"
POSTCODE = "N1 9GU"


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
    assert second["Content-Length"] == str(len(second.content))
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


# --- Every kind of shared page -----------------------------------------------------------

SHARED = [
    "/",
    "/ar/",
    "/where-you-live/",
    f"/where-you-live/borough/?looked_after_by={ISLINGTON}",
    f"/who-looked-after-you/?lives_in={HACKNEY}",
    f"/ar/how-old-are-you/?lives_in={HACKNEY}&looked_after_by={ISLINGTON}",
    f"/your-offers/?{ANSWERS}",
    "/offers/",
    "/offers/{offer}/",
    f"/ar/offers/{{offer}}/?{ANSWERS}",
    "/boroughs/",
    f"/boroughs/{CAMDEN}/",
    "/privacy/",
    "/coverage/",
    f"/coverage/?icb={NCL}&status=gap&sort=-theme-housing",
    f"/coverage/{CAMDEN}/",
    "/ar/coverage/",
    "/coverage.csv",
    "/coverage.json",
    f"/api/v1/eligibility?{ANSWERS}",
    f"/api/v1/eligibility?age=19&looked_after_by={ISLINGTON}&lives_in={HACKNEY}",
    "/openreferral/",
    "/openreferral/openapi.json",
    "/openreferral/services?page=1&per_page=20",
    "/openreferral/services/{offer}",
    "/openreferral/taxonomies",
]
# What each answer must carry whether it was made or kept.
HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Vary",
    "X-Frame-Options",
    "Access-Control-Allow-Origin",
    "Cache-Control",
)


def public_offer(world) -> Offer:
    return world.offer("camden_published")


@pytest.mark.parametrize("path", SHARED)
def test_every_shared_page_is_answered_from_the_cache(client, world, path):
    url = path.format(offer=public_offer(world).pk)
    first = client.get(url)
    assert first.status_code == 200, url
    assert len(stored_keys()) == 1, url
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200
    assert len(queries) == 0, [q["sql"] for q in queries]
    for header in HEADERS:
        assert first.get(header) == second.get(header), header
    csp = second["Content-Security-Policy"]
    if '<script nonce="' in first.content.decode():
        (first_html, first_nonce), (second_html, second_nonce) = map(without_nonce, (first, second))
        assert first_html == second_html
        assert first_nonce != second_nonce
        assert f"'nonce-{second_nonce}'" in csp
    else:
        # A JSON or CSV answer: the same bytes, and no nonce made for it.
        assert first.content == second.content
        assert "nonce-" not in csp and "nonce-" not in first["Content-Security-Policy"]
    assert not second.cookies


GZIPPED = [f"/your-offers/?{ANSWERS}", f"/ar/offers/{{offer}}/?{ANSWERS}", "/coverage.json"]


@pytest.mark.parametrize("path", GZIPPED)
def test_a_page_is_compressed_once_and_sent_gzipped_with_its_own_nonce(client, world, path):
    """Made or kept, a page goes out gzipped from the pieces compressed when it was stored,
    with this response's nonce, for a browser that takes gzip; as it is for one that does not."""
    url = path.format(offer=public_offer(world).pk)
    plain = client.get(url).content  # made and stored
    cache.clear()
    answers = [client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(3)]
    bodies = []
    for response in answers:
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert response["Content-Length"] == str(len(response.content))
        body = gzip.decompress(response.content)  # checks the CRC and the length too
        nonce = re.search(rb'<script nonce="([^"]+)"', body)
        if nonce:
            assert f"'nonce-{nonce.group(1).decode()}'" in response["Content-Security-Policy"]
            body = body.replace(nonce.group(1), b"NONCE")
        bodies.append(body)
    plain = re.sub(rb'<script nonce="[^"]+"', b'<script nonce="NONCE"', plain)
    assert bodies[0] == bodies[1] == bodies[2] == plain
    assert len(answers[1].content) < len(plain) / 2
    again = client.get(url)  # from the cache, for a browser that does not take gzip
    assert not again.has_header("Content-Encoding")
    assert re.sub(rb'<script nonce="[^"]+"', b'<script nonce="NONCE"', again.content) == plain


def test_a_short_answer_is_sent_as_it_is(client, world):
    for _ in range(2):
        response = client.get("/openreferral/", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200 and len(response.content) < 200
        assert not response.has_header("Content-Encoding")
        assert response.json()["version"]


def test_each_language_has_its_own_entry(client, world):
    url = f"/offers/{public_offer(world).pk}/?{ANSWERS}"
    english, arabic = client.get(url), client.get("/ar" + url)
    assert (english["Content-Language"], arabic["Content-Language"]) == ("en", "ar")
    assert client.get(url).content.decode().startswith('<!DOCTYPE html>\n\n<html lang="en"')
    assert 'lang="ar" dir="rtl"' in client.get("/ar" + url).content.decode()
    assert sorted(key.split(":")[5] for key in stored_keys()) == ["ar", "en"]


def test_addresses_without_a_language_prefix_are_english_whatever_the_browser_asks(client, world):
    url = f"/api/v1/eligibility?lives_in={HACKNEY}&looked_after_by=unknown&age=19"
    english = client.get(url)
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert english["Content-Language"] == arabic["Content-Language"] == "en"
    assert english.content == arabic.content
    assert "It depends on whether a London council looked after you." in english.content.decode()
    assert len(stored_keys()) == 1


NOT_SHARED = [
    "/search/?q=bus",
    f"/search/?q={POSTCODE}",
    f"/where-you-live/?postcode={POSTCODE}",
    f"/your-offers/?{ANSWERS}&postcode={POSTCODE}",
    f"/api/v1/eligibility?postcode={POSTCODE}&looked_after_by={ISLINGTON}&age=19",
    f"/openreferral/service_at_locations?postcode={POSTCODE}",
    "/openreferral/services?search=bus",
    f"/offers/{{offer}}/?age=19&lives_in={HACKNEY}&looked_after_by={ISLINGTON}",  # order
    "/offers/{offer}/?utm_source=newsletter",
    "/coverage/?sort=theme-n19gu",  # shaped like a postcode: not even looked up
    "/coverage/?status=maybe",  # 400
    "/coverage/?on-day=1&on-month=1&on-year=2025",  # the date boxes are answered, not kept
    "/boroughs/N19GU/",  # 404
    "/offers/00000000-0000-0000-0000-000000000000/",  # 404
    "/coverage.json?on=tomorrow",  # 400
]


@pytest.mark.parametrize("path", NOT_SHARED)
def test_other_addresses_are_never_kept(client, world, path):
    url = path.format(offer=public_offer(world).pk)
    client.get(url)
    assert stored_keys() == [], url
    assert not any("n19gu" in key.lower() or "n1 9gu" in key.lower() for key in cache._cache)


def test_a_posted_answer_is_never_kept(client, world):
    client.post("/where-you-live/", {"postcode": POSTCODE})
    client.post("/how-old-are-you/", {"age": "19"})
    assert stored_keys() == []


def test_a_request_with_a_postcode_is_never_answered_from_the_cache(client, world):
    """The same address with a postcode added reaches the view, even when the address
    without it is in the cache."""
    assert client.get(RESULTS + QUERY).status_code == 200
    assert client.get(f"{RESULTS}{QUERY}&postcode=N1+9GU").status_code == 302  # the view
    feed = "/openreferral/service_at_locations?page=1"
    assert client.get(feed)["Cache-Control"].startswith("public")
    assert client.get(f"{feed}&postcode=N1+9GU")["Cache-Control"] == "no-store"  # the view
    assert len(stored_keys()) == 2


def test_a_stale_entry_is_never_answered(client, world, django_capture_on_commit_callbacks):
    """An entry holds the catalogue version it was made from: once the version moves on, the
    page is made again (and stored again under the same key)."""
    offer = public_offer(world)
    url = f"/offers/{offer.pk}/"
    assert offer.title in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        offer.title = "Camden deposit and first month's rent"
        offer.save()
    assert "Camden deposit and first month&#x27;s rent" in client.get(url).content.decode()
    assert len(stored_keys()) == 1


def test_a_cached_api_answer_still_counts_towards_the_rate_limit(client, world, settings):
    settings.RATELIMIT_API_RATE = "3/h"
    settings.RATELIMIT_CACHE_PREFIX = "rl-page-cache-test:"
    url = f"/api/v1/eligibility?{ANSWERS}"
    statuses = [client.get(url).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
