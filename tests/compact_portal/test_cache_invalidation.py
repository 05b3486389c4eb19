"""What is the same for everyone is cached in Redis, and a change shows at once: an admin
edit, a CSV import in admin and a withdrawal appear on the very next results page and
coverage page, with the real Redis as the cache and transactions committing as in
production (on_commit runs)."""

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

PERSON = f"/your-offers/?lives_in={CAMDEN}&looked_after_by={CAMDEN}&age=20"
PROFILE = f"/coverage/{CAMDEN}/"


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


def camden_offer_count() -> int:
    """Published offers of Camden's own, from the coverage download."""
    authorities = json.loads(Client().get("/coverage.json").content)["authorities"]
    return next(a for a in authorities if a["gss_code"] == CAMDEN)["offers_total"]


def catalogue_keys() -> list[str]:
    return [key for key in cache.keys("*") if key.startswith("catalogue:")]


def warm():
    """Visit the pages so that what they share is in the cache."""
    results, profile = page(PERSON), page(PROFILE)
    assert catalogue_keys(), "the pages should cache what is the same for everyone in Redis"
    return results, profile


def test_admin_edit_shows_at_once(world, admin_client):
    offer = world.offer("camden_published")
    results, profile = warm()
    assert offer.title in results and offer.title in profile

    response = admin_client.post(
        reverse("admin:offers_offer_change", args=[offer.pk]),
        {**offer_form_data(offer, title="Camden deposit and first month's rent"), "_save": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    results, profile = page(PERSON), page(PROFILE)
    for html in (results, profile):
        assert "Camden deposit and first month&#x27;s rent" in html
        assert offer.title not in html


def test_withdrawal_shows_at_once(world, admin_client):
    offer = world.offer("camden_published")
    _, _ = warm()
    before = camden_offer_count()

    response = admin_client.post(
        reverse("admin:offers_offer_change", args=[offer.pk]),
        {**offer_form_data(offer), "_withdraw": "1"},
    )
    assert response.status_code == 302
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.WITHDRAWN

    assert offer.title not in page(PERSON)
    assert offer.title not in page(PROFILE)
    assert camden_offer_count() == before - 1
    assert Client().get(f"/offers/{offer.pk}/").status_code == 404


def test_import_in_admin_shows_at_once(world, admin_client):
    _, _ = warm()
    before = camden_offer_count()
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


def test_a_bulk_write_that_bumps_the_version_shows_at_once(world):
    """Writes that bypass the model signals call bump_catalogue_version()."""
    from django.db import transaction

    from offers.cache import bump_catalogue_version

    offer = world.offer("camden_published")
    warm()
    with transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(title="Renamed in bulk")
        bump_catalogue_version()
    assert "Renamed in bulk" in page(PERSON)


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("offers.csv", data, content_type="text/csv")
