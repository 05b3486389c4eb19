"""What a staff member may see and change, decided from plain ids (no request, no ORM).

`scope_of(user)` reads the user's role group and profile once and caches the answer on
the user object; everything else here is pure and tested as a table of cases.
"""

from dataclasses import dataclass, field

from staff.roles import EDITOR_ROLES, Role, role_from_groups

SEES_EVERYTHING = frozenset({Role.SITE_ADMIN, Role.COMPACT_EDITOR, Role.BOARD_VIEWER})


@dataclass(frozen=True)
class Scope:
    role: Role | None = None
    area_id: int | None = None  # a borough editor's borough
    provider_id: int | None = None  # a provider editor's provider
    compact_area_ids: frozenset[int] = field(default_factory=frozenset)  # London, England

    @property
    def is_staff_member(self) -> bool:
        return self.role is not None

    @property
    def is_site_admin(self) -> bool:
        return self.role == Role.SITE_ADMIN

    @property
    def is_compact_editor(self) -> bool:
        return self.role == Role.COMPACT_EDITOR

    @property
    def manages_compact(self) -> bool:
        """Site administrators and compact editors: themes, commitments, providers."""
        return self.role in (Role.SITE_ADMIN, Role.COMPACT_EDITOR)

    @property
    def is_editor(self) -> bool:
        return self.role in EDITOR_ROLES

    @property
    def sees_everything(self) -> bool:
        return self.role in SEES_EVERYTHING

    # --- Offers --------------------------------------------------------------------------
    def can_view_offer(self, *, area_id: int | None, provider_id: int | None) -> bool:
        return self.sees_everything or self.can_edit_offer(area_id=area_id, provider_id=provider_id)

    def can_edit_offer(self, *, area_id: int | None, provider_id: int | None) -> bool:
        if self.role == Role.SITE_ADMIN:
            return True
        if self.role == Role.COMPACT_EDITOR:
            return area_id is not None and area_id in self.compact_area_ids
        if self.role == Role.BOROUGH_EDITOR:
            return self.area_id is not None and area_id == self.area_id
        if self.role == Role.PROVIDER_EDITOR:
            return self.provider_id is not None and provider_id == self.provider_id
        return False

    def can_delete_offer(self, *, area_id, provider_id, status: str) -> bool:
        """Published and withdrawn offers are withdrawn, not deleted: their history and
        their id (used by Open Referral consumers) must stay. Only drafts can go."""
        if not self.can_edit_offer(area_id=area_id, provider_id=provider_id):
            return False
        return self.is_site_admin or status == "draft"

    # --- Commitment statuses and publishing policies (one borough each) ------------------
    def can_view_borough_record(self, area_id: int | None) -> bool:
        if self.sees_everything:
            return True
        return (
            self.role == Role.BOROUGH_EDITOR
            and self.area_id is not None
            and (area_id == self.area_id)
        )

    def can_edit_commitment_status(self, area_id: int | None) -> bool:
        if self.manages_compact:
            return True
        return (
            self.role == Role.BOROUGH_EDITOR
            and self.area_id is not None
            and (area_id == self.area_id)
        )


NO_ROLE = Scope()


def scope_of(user) -> Scope:
    """The user's Scope, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_ROLE
    cached = getattr(user, "_staff_scope", None)
    if cached is not None:
        return cached
    scope = _build_scope(user)
    user._staff_scope = scope
    return scope


def forget_scope(user) -> None:
    """Call after changing a user's role, so the next check reads it again."""
    for attr in ("_staff_scope", "_group_names_cache"):
        if hasattr(user, attr):
            delattr(user, attr)


def _build_scope(user) -> Scope:
    from boroughs.models import ENGLAND, LONDON, Area
    from staff.models import StaffProfile

    if not (user.is_active and user.is_staff):
        return NO_ROLE
    role = role_from_groups(
        user.groups.values_list("name", flat=True), is_superuser=user.is_superuser
    )
    if role is None:
        return NO_ROLE
    area_id = provider_id = None
    if role in (Role.BOROUGH_EDITOR, Role.PROVIDER_EDITOR):
        try:
            profile = user.staff_profile
        except StaffProfile.DoesNotExist:
            profile = None
        if profile is not None:
            area_id, provider_id = profile.area_id, profile.provider_id
        # A borough editor without a borough (or a provider editor without a provider)
        # is tied to nothing, and so can change nothing.
        if role == Role.BOROUGH_EDITOR:
            provider_id = None
        else:
            area_id = None
    compact_area_ids = frozenset()
    if role == Role.COMPACT_EDITOR:
        compact_area_ids = frozenset(
            Area.objects.filter(gss_code__in=[LONDON, ENGLAND]).values_list("pk", flat=True)
        )
    return Scope(
        role=role, area_id=area_id, provider_id=provider_id, compact_area_ids=compact_area_ids
    )
