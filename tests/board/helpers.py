"""Helpers for the coverage tests: fresh reads, London areas and offers in them."""

import datetime

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from boroughs.models import Area
from offers.models import CommitmentStatus, Offer, Theme
from tests.offers.factories import PublishedOfferFactory

ISLINGTON = "E09000019"
HACKNEY = "E09000012"
CROYDON = "E09000008"


def fresh_get(client, url, params=None, **kwargs):
    """GET with an empty cache: writes inside a test's transaction never bump the catalogue
    version (it is bumped on commit), so a table cached earlier in the test would be stale."""
    cache.clear()
    return client.get(url, params, **kwargs)


def area(code: str) -> Area:
    return Area.objects.get(gss_code=code)


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def today() -> datetime.date:
    return timezone.localdate()


def offer(code: str, *theme_slugs: str, **fields):
    """A published offer made in the area with this GSS code, in these themes."""
    fields.setdefault("last_checked", today())
    made = PublishedOfferFactory(area=area(code), **fields)
    made.themes.set([theme(slug) for slug in theme_slugs])
    return made


def json_row(data: dict, code: str) -> dict:
    return next(a for a in data["authorities"] if a["gss_code"] == code)


def shift_history(days: int):
    """Move every recorded change `days` back, as if the data had been entered then."""
    for model in (Area, CommitmentStatus, Offer):
        model.history.model.objects.update(
            history_date=F("history_date") - datetime.timedelta(days=days)
        )
