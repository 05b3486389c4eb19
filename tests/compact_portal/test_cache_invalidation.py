"""What is the same for everyone is cached in Redis, and a change shows at once: an admin
edit, a CSV import in admin and a withdrawal appear on the very next request for every page
kept whole in the cache (results, the offer's own page, browse, the borough page, coverage,
the downloads, the eligibility API, the Open Referral feed), with the real Redis as the cache
and transactions committing as in production (on_commit runs)."""

import html
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from offers.models import Offer
from tests.offers.test_import_csv import csv_bytes, row
from tests.staff.world import CAMDEN, build_world, offer_form_data

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = f"lives_in={CAMDEN}&looked_after_by={CAMDEN}&age=20"
PERSON = f"/your-offers/?{ANSWERS}"
PROFILE = f"/coverage/{CAMDEN}/"
# Every kind of page kept whole in the cache that lists Camden's offers (besides PERSON and
# PROFILE above), in English and Arabic where it has a language prefix.
LISTS = [
    "/offers/",
    "/ar/offers/",
    f"/boroughs/{CAMDEN}/",
    f"/ar/your-offers/?{ANSWERS}",
    f"/api/v1/eligibility?{ANSWERS}",
    "/openreferral/services?per_page=100",
]


@pytest.fixture
def world(redis_cache, compact_data):
    return build_world()


@pytest.fixture
def admin_client(world):
    client = Client()
    client.force_login(world.user("site_admin"))
    return client


def page(path: str) -> str:
    """The page as a visitor sees it (a fresh client: no session, no cookies)."""
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def shows(text: str, body: str) -> bool:
    """The text is on the page (HTML-escaped) or in the JSON."""
    return text in body or html.escape(text) in body


def own_pages(offer) -> list[str]:
    """The offer's own pages: HTML in English and Arabic, and its Open Referral record."""
    return [f"/offers/{offer.pk}/", f"/ar/offers/{offer.pk}/", f"/openreferral/services/{offer.pk}"]


def page_keys() -> list[str]:
    return [key for key in catalogue_keys() if key.startswith("catalogue:page:")]


def camden_offer_count() -> int:
    """Published offers of Camden's own, from the coverage download."""
    authorities = json.loads(Client().get("/coverage.json").content)["authorities"]
    return next(a for a in authorities if a["gss_code"] == CAMDEN)["offers_total"]


def camden_rows() -> tuple[str, str]:
    """Camden's offer counts in the coverage table (its row of the themes table) and in the
    CSV download."""
    table = page("/coverage/")
    row = table[table.rindex(f'data-gss-code="{CAMDEN}"') :]
    csv_line = next(line for line in page("/coverage.csv").splitlines() if CAMDEN in line)
    return row[: row.index("</tr>")], csv_line


def catalogue_keys() -> list[str]:
    return [key for key in cache.keys("*") if key.startswith("catalogue:")]


def warm(*extra):
    """Visit the pages so that what they share is in the cache (and they are kept whole)."""
    results, profile = page(PERSON), page(PROFILE)
    for path in [*LISTS, *extra]:
        page(path)
    assert catalogue_keys(), "the pages should cache what is the same for everyone in Redis"
    assert len(page_keys()) == 2 + len(LISTS) + len(extra), "each page kept whole"
    return results, profile


def test_admin_edit_shows_at_once(world, admin_client):
    offer = world.offer("camden_published")
    results, profile = warm(*own_pages(offer))
    assert offer.title in results and offer.title in profile
    for path in [*LISTS, *own_pages(offer)]:
        assert shows(offer.title, page(path)), path

    response = admin_client.post(
        reverse("admin:offers_offer_change", args=[offer.pk]),
        {**offer_form_data(offer, title="Camden deposit and first month's rent"), "_save": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    results, profile = page(PERSON), page(PROFILE)
    for body in (results, profile):
        assert "Camden deposit and first month&#x27;s rent" in body
        assert offer.title not in body
    for path in [*LISTS, *own_pages(offer)]:
        body = page(path)
        assert shows("Camden deposit and first month's rent", body), path
        assert offer.title not in body, path


def test_withdrawal_shows_at_once(world, admin_client):
    offer = world.offer("camden_published")
    _, _ = warm(*own_pages(offer))
    before, rows = camden_offer_count(), camden_rows()

    response = admin_client.post(
        reverse("admin:offers_offer_change", args=[offer.pk]),
        {**offer_form_data(offer), "_withdraw": "1"},
    )
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.WITHDRAWN

    assert offer.title not in page(PERSON)
    assert offer.title not in page(PROFILE)
    assert camden_offer_count() == before - 1
    assert camden_rows()[0] != rows[0] and camden_rows()[1] != rows[1]
    for path in LISTS:
        assert offer.title not in page(path), path
    for path in own_pages(offer):
        assert Client().get(path).status_code == 404, path


def test_import_in_admin_shows_at_once(world, admin_client):
    _, _ = warm()
    before, rows = camden_offer_count(), camden_rows()
    data = csv_bytes(
        row(
            title="Free swimming at Camden pools",
            status="published",
            last_checked=date.today().isoformat(),
        )
    )
    upload = reverse("admin:offers_offer_import")
    preview = admin_client.post(upload, {"file": _file(data)})
    assert preview.status_code == 200
    payload = preview.context["payload"]
    done = admin_client.post(upload, {"payload": payload})
    assert done.status_code == 302

    assert "Free swimming at Camden pools" in page(PERSON)
    assert "Free swimming at Camden pools" in page(PROFILE)
    assert camden_offer_count() == before + 1
    assert camden_rows()[0] != rows[0] and camden_rows()[1] != rows[1]
    for path in LISTS:
        assert "Free swimming at Camden pools" in page(path), path


def test_a_bulk_write_that_bumps_the_version_shows_at_once(world):
    """Writes that bypass the model signals call bump_catalogue_version()."""
    from django.db import transaction

    from offers.cache import bump_catalogue_version

    offer = world.offer("camden_published")
    warm(*own_pages(offer))
    with transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(title="Renamed in bulk")
        bump_catalogue_version()
    for path in [PERSON, PROFILE, *LISTS, *own_pages(offer)]:
        assert "Renamed in bulk" in page(path), path


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("offers.csv", data, content_type="text/csv")
