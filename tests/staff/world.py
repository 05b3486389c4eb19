"""A small world for permission tests: the real Compact data, two boroughs with offers in
each state, a provider's offer, a pan-London offer, and one staff member per role."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from boroughs.models import ENGLAND, LONDON, Area
from offers.models import Offer, Provider, Theme
from staff.roles import Role
from staff.services import staff_role_assign
from tests.offers.factories import OfferFactory, ProviderFactory

CAMDEN = "E09000007"
ISLINGTON = "E09000019"
TFL = "Transport for London and the Mayor of London"


def make_staff(username: str, role: Role | None, **tied):
    # No password (tests log in with force_login): hashing one costs half a second.
    user = get_user_model().objects.create_user(username=username, email=f"{username}@example.org")
    if role is not None:
        staff_role_assign(user=user, role=role, **tied)
    return user


def make_offer(*, area, provider, status=Offer.Status.DRAFT, themes=(), **fields):
    today = timezone.localdate()
    defaults = {"last_checked": today, "source_url": "https://example.org/source"}
    if status == Offer.Status.PUBLISHED:
        defaults["published_at"] = timezone.now()
    offer = OfferFactory(area=area, provider=provider, status=status, **{**defaults, **fields})
    offer.themes.set(themes or Theme.objects.filter(slug="housing"))
    return offer


@dataclass
class World:
    camden: Area
    islington: Area
    london: Area
    england: Area
    tfl: Provider
    camden_council: Provider
    islington_council: Provider
    users: dict[str, object] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)

    def user(self, name):
        return self.users[name]

    def offer(self, name):
        return self.offers[name]

    def fresh(self) -> "World":
        """The same world read again from the database: new objects for each test, so
        nothing one test changes in memory (or caches on a user) reaches the next."""
        areas = Area.objects.in_bulk(
            [self.camden.pk, self.islington.pk, self.london.pk, self.england.pk]
        )
        providers = Provider.objects.in_bulk(
            [self.tfl.pk, self.camden_council.pk, self.islington_council.pk]
        )
        users = get_user_model().objects.in_bulk([u.pk for u in self.users.values()])
        offers = Offer.objects.in_bulk([o.pk for o in self.offers.values()])
        return World(
            camden=areas[self.camden.pk],
            islington=areas[self.islington.pk],
            london=areas[self.london.pk],
            england=areas[self.england.pk],
            tfl=providers[self.tfl.pk],
            camden_council=providers[self.camden_council.pk],
            islington_council=providers[self.islington_council.pk],
            users={name: users[u.pk] for name, u in self.users.items()},
            offers={name: offers[o.pk] for name, o in self.offers.items()},
        )


ROLES = {
    # name: (role, what it is tied to)
    "site_admin": (Role.SITE_ADMIN, {}),
    "compact_editor": (Role.COMPACT_EDITOR, {}),
    "camden_editor": (Role.BOROUGH_EDITOR, {"area": CAMDEN}),
    "islington_editor": (Role.BOROUGH_EDITOR, {"area": ISLINGTON}),
    "tfl_editor": (Role.PROVIDER_EDITOR, {"provider": TFL}),
    "board_viewer": (Role.BOARD_VIEWER, {}),
}


def build_world() -> World:
    """Needs the Compact data loaded (the compact_data fixture)."""
    areas = {
        a.gss_code: a
        for a in Area.objects.filter(gss_code__in=[CAMDEN, ISLINGTON, LONDON, ENGLAND])
    }
    world = World(
        camden=areas[CAMDEN],
        islington=areas[ISLINGTON],
        london=areas[LONDON],
        england=areas[ENGLAND],
        tfl=Provider.objects.get(name=TFL),
        camden_council=ProviderFactory(name="Camden test services", kind=Provider.Kind.COUNCIL),
        islington_council=ProviderFactory(
            name="Islington test services", kind=Provider.Kind.COUNCIL
        ),
    )
    for name, (role, tied) in ROLES.items():
        resolved = {}
        if "area" in tied:
            resolved["area"] = areas[tied["area"]]
        if "provider" in tied:
            resolved["provider"] = world.tfl
        world.users[name] = make_staff(name, role, **resolved)
    world.users["no_role"] = make_staff("no_role", None)
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    world.offers = {
        "camden_draft": make_offer(
            area=world.camden, provider=world.camden_council, title="Camden secret draft"
        ),
        "camden_published": make_offer(
            area=world.camden,
            provider=world.camden_council,
            status=Offer.Status.PUBLISHED,
            title="Camden rent deposit",
            last_checked=long_ago,
        ),
        "islington_draft": make_offer(
            area=world.islington,
            provider=world.islington_council,
            title="Islington secret draft",
        ),
        "islington_published": make_offer(
            area=world.islington,
            provider=world.islington_council,
            status=Offer.Status.PUBLISHED,
            title="Islington council tax",
        ),
        "london_draft": make_offer(
            area=world.london,
            provider=ProviderFactory(name="A London charity"),
            title="London draft",
        ),
        "tfl_draft": make_offer(area=world.london, provider=world.tfl, title="TfL secret draft"),
    }
    return world


def offer_form_data(offer: Offer, **changes) -> dict:
    """The POST body of the admin change form for this offer, with changes."""
    data = {
        "title": offer.title,
        "summary": offer.summary,
        "details": offer.details,
        "how_to_get": offer.how_to_get,
        "documents_needed": offer.documents_needed,
        "cost": offer.cost,
        "contact": offer.contact,
        "url": offer.url,
        "provider": offer.provider_id,
        "area": offer.area_id,
        "themes": [t.pk for t in offer.themes.all()],
        "min_age": offer.min_age,
        "max_age": offer.max_age,
        "conditions": offer.conditions,
        "not_yet_confirmed": offer.not_yet_confirmed,
        "starts_on": offer.starts_on or "",
        "ends_on": offer.ends_on or "",
        "source_url": offer.source_url,
    }
    if offer.must_live_in_area:
        data["must_live_in_area"] = "on"
    if offer.must_be_looked_after_by_area:
        data["must_be_looked_after_by_area"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def world_fixtures():
    """Two fixtures for a test module: `module_world`, the Compact's data and the world built
    once inside a transaction that is rolled back when the module ends, and `world`, which
    each test gets afresh inside its own savepoint (pytest-django's `db`). Loading the data
    for every test would cost seconds each on PostgreSQL."""

    @pytest.fixture(scope="module")
    def module_world(django_db_setup, django_db_blocker):
        from offers.services import compact_data_load

        with django_db_blocker.unblock(), transaction.atomic():
            compact_data_load()
            yield build_world()
            transaction.set_rollback(True)

    @pytest.fixture
    def world(db, module_world):
        return module_world.fresh()

    return module_world, world
