"""Extra offers for the feed's tests, beside the Compact's real data (the compact_data fixture).

Areas are never made up: offers go in areas loaded from the shipped data (London's boroughs,
ICBs, London, England), found by GSS code.
"""

import datetime

import factory

from boroughs.models import Area
from boroughs.services import london_areas_load
from offers import compact_data
from offers.models import Offer, Provider, Theme

CAMDEN = "E09000007"
HACKNEY = "E09000012"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test provider {n}")
    kind = Provider.Kind.CHARITY
    website = "https://example.org/"


class OfferFactory(factory.django.DjangoModelFactory):
    """A published offer, checked and sourced (the database requires both to publish)."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test offer {n:04d}")
    summary = "A test offer."
    details = "What the test offer gives."
    how_to_get = "Ask your personal adviser."
    provider = factory.SubFactory(ProviderFactory)
    area = factory.LazyFunction(lambda: Area.objects.get(gss_code=CAMDEN))
    status = Offer.Status.PUBLISHED
    source_url = "https://example.org/source"
    last_checked = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def area(gss_code: str) -> Area:
    return Area.objects.get(gss_code=gss_code)


def load_areas_and_themes() -> None:
    """London's areas and the Compact's themes, as the real data loader makes them, without
    its offers (tests that count offers make their own)."""
    london_areas_load()
    for order, (slug, name, description) in enumerate(compact_data.THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
