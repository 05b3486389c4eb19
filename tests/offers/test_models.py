"""The data model's database constraints hold on SQLite and on PostgreSQL.

Rows are written with save()/create(), never full_clean(): the database itself must refuse
them, whatever code (admin, an import, a bulk update) tries to write.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boroughs.models import Area
from offers.models import CommitmentStatus, Offer
from tests.offers.factories import (
    AreaFactory,
    CommitmentFactory,
    OfferFactory,
    ProviderFactory,
    PublishedOfferFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    """True if the database refuses the write (inside a savepoint, so the test goes on)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(min_age=st.integers(0, 130), max_age=st.integers(0, 130))
def test_the_database_keeps_ages_in_order_and_plausible(min_age, max_age):
    provider = ProviderFactory()
    area = AreaFactory()
    accepted = min_age <= max_age <= 120
    assert refused(
        lambda: OfferFactory(provider=provider, area=area, min_age=min_age, max_age=max_age)
    ) is (not accepted)


def test_an_offer_for_one_age_only_is_allowed():
    offer = OfferFactory(min_age=21, max_age=21)
    assert Offer.objects.filter(pk=offer.pk, min_age=21, max_age=21).exists()


def test_an_offer_cannot_end_before_it_starts():
    assert refused(
        lambda: OfferFactory(
            starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2025, 3, 31)
        )
    )
    OfferFactory(starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2025, 4, 1))


@pytest.mark.parametrize(
    "missing",
    [{"source_url": ""}, {"last_checked": None}, {"source_url": "", "last_checked": None}],
    ids=["no source", "never checked", "neither"],
)
def test_a_published_offer_needs_a_source_and_a_last_checked_date(missing):
    assert refused(lambda: PublishedOfferFactory(**missing))


def test_a_draft_or_withdrawn_offer_may_lack_a_source():
    for status in (Offer.Status.DRAFT, Offer.Status.WITHDRAWN):
        OfferFactory(status=status, source_url="", last_checked=None)
    assert Offer.objects.filter(source_url="").count() == 2


def test_publishing_an_unsourced_draft_is_refused_by_the_database():
    offer = OfferFactory(source_url="", last_checked=None)
    assert refused(lambda: Offer.objects.filter(pk=offer.pk).update(status="published"))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT


def test_gss_codes_are_unique():
    AreaFactory(gss_code="E07000001")
    assert refused(lambda: AreaFactory(gss_code="E07000001", name="A second area"))


def test_only_a_local_authority_can_be_in_an_icb():
    icb = AreaFactory(kind=Area.Kind.ICB, gss_code="E54000099")
    AreaFactory(icb=icb)
    assert refused(lambda: AreaFactory(kind=Area.Kind.REGION, icb=icb))


def test_one_status_per_borough_per_commitment():
    commitment = CommitmentFactory()
    borough = AreaFactory()
    CommitmentStatus.objects.create(commitment=commitment, area=borough, status="yes")
    assert refused(
        lambda: CommitmentStatus.objects.create(commitment=commitment, area=borough, status="no")
    )
    # The same borough on another commitment, and another borough on this one, are fine.
    CommitmentStatus.objects.create(commitment=CommitmentFactory(), area=borough)
    CommitmentStatus.objects.create(commitment=commitment, area=AreaFactory())
    assert CommitmentStatus.objects.count() == 3


def test_provider_names_theme_slugs_and_commitment_numbers_are_unique():
    ProviderFactory(name="Camden Council")
    ThemeFactory(slug="travel-2")
    CommitmentFactory(number=7)
    assert refused(lambda: ProviderFactory(name="Camden Council"))
    assert refused(lambda: ThemeFactory(slug="travel-2"))
    assert refused(lambda: CommitmentFactory(number=7))
