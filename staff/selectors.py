"""Reads that depend on who is asking: the rows a staff member may see or change."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value

from boroughs.models import ENGLAND, LONDON, Area
from offers.models import CommitmentStatus, Offer, Provider
from staff.roles import GROUP_NAMES, Role
from staff.scope import Scope, scope_of

NOTHING = Q(pk__in=[])


def offer_edit_q(scope: Scope) -> Q:
    """The offers this scope may change, as a filter (mirrors Scope.can_edit_offer)."""
    if scope.role == Role.SITE_ADMIN:
        return Q()
    if scope.role == Role.COMPACT_EDITOR:
        return Q(area_id__in=scope.compact_area_ids)
    if scope.role == Role.BOROUGH_EDITOR and scope.area_id is not None:
        return Q(area_id=scope.area_id)
    if scope.role == Role.PROVIDER_EDITOR and scope.provider_id is not None:
        return Q(provider_id=scope.provider_id)
    return NOTHING


def offer_view_q(scope: Scope) -> Q:
    return Q() if scope.sees_everything else offer_edit_q(scope)


def offers_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Offers the user may see in admin, each annotated `editable` (may they change it)."""
    scope = scope_of(user)
    queryset = Offer.objects.all() if queryset is None else queryset
    edit_q = offer_edit_q(scope)
    editable = (
        Value(True)
        if edit_q == Q()
        else Value(False)
        if edit_q == NOTHING
        else ExpressionWrapper(edit_q, output_field=BooleanField())
    )
    return queryset.filter(offer_view_q(scope)).annotate(editable=editable)


def offers_editable_by(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Offer.objects.all() if queryset is None else queryset
    return queryset.filter(offer_edit_q(scope_of(user)))


def areas_for_offers_by(user) -> QuerySet:
    """The areas the user may make (or move) an offer in."""
    scope = scope_of(user)
    areas = Area.objects.all()
    if scope.role in (Role.SITE_ADMIN, Role.PROVIDER_EDITOR):
        return areas
    if scope.role == Role.COMPACT_EDITOR:
        return areas.filter(gss_code__in=[LONDON, ENGLAND])
    if scope.role == Role.BOROUGH_EDITOR and scope.area_id is not None:
        return areas.filter(pk=scope.area_id)
    return areas.none()


def providers_for_offers_by(user) -> QuerySet:
    """The providers the user may name on an offer."""
    scope = scope_of(user)
    if scope.role == Role.PROVIDER_EDITOR:
        return Provider.objects.filter(pk=scope.provider_id)
    if scope.is_editor:
        return Provider.objects.all()
    return Provider.objects.none()


def commitment_statuses_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    scope = scope_of(user)
    queryset = CommitmentStatus.objects.all() if queryset is None else queryset
    if scope.sees_everything:
        return queryset
    if scope.role == Role.BOROUGH_EDITOR and scope.area_id is not None:
        return queryset.filter(area_id=scope.area_id)
    return queryset.none()


def borough_records_visible_to(user, queryset: QuerySet) -> QuerySet:
    """Per-area records (publishing policies): everything, or the editor's own borough."""
    scope = scope_of(user)
    if scope.sees_everything:
        return queryset
    if scope.role == Role.BOROUGH_EDITOR and scope.area_id is not None:
        return queryset.filter(area_id=scope.area_id)
    return queryset.none()


def overdue_offers_for(user, today: datetime.date) -> QuerySet:
    """The offers this user keeps that are overdue a check (empty for viewers)."""
    return offers_editable_by(user, Offer.objects.overdue_for_check(today))


# --- The daily email ---------------------------------------------------------------------
@dataclass
class OverdueDigest:
    """One email: the editors of one borough, provider or of the Compact, and their offers."""

    name: str
    recipients: list[str]
    offers: list[Offer]


def _editor_addresses() -> dict[tuple, set[str]]:
    """Email addresses of active editors, keyed by what they keep:
    ("compact",), ("area", area_id) or ("provider", provider_id)."""
    rows = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=GROUP_NAMES.values())
        .exclude(email="")
        .values_list("email", "groups__name", "staff_profile__area", "staff_profile__provider")
    )
    addresses: dict[tuple, set[str]] = {}
    for email, group, area_id, provider_id in rows:
        if group == GROUP_NAMES[Role.COMPACT_EDITOR]:
            key = ("compact",)
        elif group == GROUP_NAMES[Role.BOROUGH_EDITOR] and area_id:
            key = ("area", area_id)
        elif group == GROUP_NAMES[Role.PROVIDER_EDITOR] and provider_id:
            key = ("provider", provider_id)
        else:
            continue
        addresses.setdefault(key, set()).add(email)
    return addresses


def overdue_digests(today: datetime.date) -> list[OverdueDigest]:
    overdue = list(
        Offer.objects.overdue_for_check(today)
        .select_related("area", "provider")
        .order_by("last_checked", "title")
    )
    addresses = _editor_addresses()
    digests = []

    def add(name, key, offers):
        if offers and addresses.get(key):
            digests.append(OverdueDigest(name, sorted(addresses[key]), offers))

    add(
        "London Care Leavers Compact",
        ("compact",),
        [o for o in overdue if o.area.gss_code in (LONDON, ENGLAND)],
    )
    by_area, by_provider = {}, {}
    for offer in overdue:
        if offer.area.kind == Area.Kind.LOCAL_AUTHORITY:
            by_area.setdefault(offer.area, []).append(offer)
        by_provider.setdefault(offer.provider, []).append(offer)
    for area, offers in sorted(by_area.items(), key=lambda item: item[0].name):
        add(area.name, ("area", area.pk), offers)
    for provider, offers in sorted(by_provider.items(), key=lambda item: item[0].name):
        add(provider.name, ("provider", provider.pk), offers)
    return digests


def second_approval_area_ids() -> frozenset[int]:
    """Areas that ask for a second person to approve publishing."""
    from staff.models import PublishingPolicy

    return frozenset(
        PublishingPolicy.objects.filter(second_approval=True).values_list("area_id", flat=True)
    )
