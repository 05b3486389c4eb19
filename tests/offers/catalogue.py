"""A small catalogue of offers at every level, made with the shared factories."""

import datetime

from django.utils import timezone

from boroughs.models import ENGLAND, LONDON, Area
from boroughs.services import london_areas_load
from offers.models import Offer, Theme
from tests.offers.factories import PublishedOfferFactory, ThemeFactory

ISLINGTON = "E09000019"
HACKNEY = "E09000012"
CAMDEN = "E09000007"
NCL = "E54000028"  # Islington's and Camden's ICB
NEL = "E54000029"  # Hackney's ICB


def areas() -> dict[str, Area]:
    london_areas_load()
    return {area.gss_code: area for area in Area.objects.all()}


def theme(slug: str, order: int = 0) -> Theme:
    existing = Theme.objects.filter(slug=slug).first()
    return existing or ThemeFactory(slug=slug, name=slug.title(), order=order)


def offer(area_code: str, *, themes=("money",), **fields) -> Offer:
    area = Area.objects.get(gss_code=area_code)
    made = PublishedOfferFactory(area=area, **fields)
    made.themes.set([theme(slug) for slug in themes])
    return made


def small_catalogue() -> dict[str, Offer]:
    """One offer per interesting rule, named by what it tests."""
    areas()
    theme("travel", 1)
    theme("health", 2)
    theme("money", 3)
    today = timezone.localdate()
    return {
        "tfl": offer(
            LONDON,
            title="Half-price bus travel",
            themes=("travel",),
            must_be_looked_after_by_area=True,
            max_age=25,
        ),
        "ncl_prescriptions": offer(
            NCL,
            title="Free prescriptions in North Central London",
            themes=("health",),
            must_be_looked_after_by_area=True,
        ),
        "islington_council_tax": offer(
            ISLINGTON,
            title="Islington council tax relief",
            must_live_in_area=True,
            documents_needed="A letter from your personal adviser.",
            cost="Free",
            contact="Islington council tax team, 020 0000 0000",
            conditions="Only for council tax bands A to D.",
            not_yet_confirmed="The end age is not yet confirmed.",
        ),
        "hackney_own": offer(
            HACKNEY,
            title="Hackney leaving care grant",
            must_live_in_area=True,
            must_be_looked_after_by_area=True,
        ),
        "setting_up_home": offer(
            ENGLAND,
            title="Setting up home allowance",
            must_be_looked_after_by_area=True,
            min_age=16,
        ),
        "open_to_all": offer(ENGLAND, title="Apprenticeship bursary", min_age=16),
        "draft": offer(LONDON, title="A draft offer", status=Offer.Status.DRAFT),
        "withdrawn": offer(LONDON, title="A withdrawn offer", status=Offer.Status.WITHDRAWN),
        "ended": offer(LONDON, title="An ended pilot", ends_on=today - datetime.timedelta(days=1)),
    }
