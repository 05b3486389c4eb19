"""factory-boy factories for extra rows next to the real Compact data."""

import datetime

import factory

from boroughs.models import Area
from offers.models import Commitment, Offer, Provider, Theme


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    # E07: shire districts, so codes never meet the shipped London (E09) ones.
    gss_code = factory.Sequence(lambda n: f"E07{n:06d}")
    name = factory.Sequence(lambda n: f"District {n}")
    kind = Area.Kind.LOCAL_AUTHORITY


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Provider {n}")
    kind = Provider.Kind.CHARITY


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.Sequence(lambda n: f"commitment-{n}")
    title = factory.Sequence(lambda n: f"Commitment {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    title = factory.Sequence(lambda n: f"Offer {n}")
    summary = "A summary."
    details = "What you get."
    how_to_get = "Ask your personal adviser."
    provider = factory.SubFactory(ProviderFactory)
    area = factory.SubFactory(AreaFactory)
    status = Offer.Status.DRAFT


class PublishedOfferFactory(OfferFactory):
    status = Offer.Status.PUBLISHED
    source_url = "https://example.org/source"
    last_checked = datetime.date(2026, 11, 26)
