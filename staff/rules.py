"""Who may do what in admin: one rules permission per model action, decided per object.

Loaded by rules' AutodiscoverRulesConfig. Roles are Django groups (staff.roles); what a
role may touch comes from staff.scope. With obj=None a rule answers "may they do this to
some object of the kind?", which is what admin asks before listing or adding.
"""

import rules

from staff.scope import scope_of


@rules.predicate
def is_staff_member(user):
    return scope_of(user).is_staff_member


@rules.predicate
def is_site_admin(user):
    return scope_of(user).is_site_admin


@rules.predicate
def manages_compact(user):
    return scope_of(user).manages_compact


@rules.predicate
def is_editor(user):
    return scope_of(user).is_editor


@rules.predicate
def sees_everything(user):
    return scope_of(user).sees_everything


# --- Offers ------------------------------------------------------------------------------
@rules.predicate
def can_view_offer(user, offer):
    scope = scope_of(user)
    if offer is None:
        return scope.is_staff_member
    return scope.can_view_offer(area_id=offer.area_id, provider_id=offer.provider_id)


@rules.predicate
def can_edit_offer(user, offer):
    scope = scope_of(user)
    if offer is None:
        return scope.is_editor
    return scope.can_edit_offer(area_id=offer.area_id, provider_id=offer.provider_id)


@rules.predicate
def can_delete_offer(user, offer):
    scope = scope_of(user)
    if offer is None:
        return scope.is_editor
    return scope.can_delete_offer(
        area_id=offer.area_id, provider_id=offer.provider_id, status=offer.status
    )


# --- Per-borough records -----------------------------------------------------------------
@rules.predicate
def can_view_borough_record(user, record):
    scope = scope_of(user)
    if record is None:
        return scope.sees_everything or scope.can_view_borough_record(scope.area_id)
    return scope.can_view_borough_record(record.area_id)


@rules.predicate
def can_edit_commitment_status(user, status):
    scope = scope_of(user)
    if status is None:
        return scope.can_edit_commitment_status(scope.area_id)
    return scope.can_edit_commitment_status(status.area_id)


# App index pages: any staff member sees the offers and areas apps.
rules.add_perm("offers", is_staff_member)
rules.add_perm("boroughs", is_staff_member)
rules.add_perm("staff", is_site_admin | can_view_borough_record)

rules.add_perm("offers.view_offer", can_view_offer)
rules.add_perm("offers.add_offer", is_editor)
rules.add_perm("offers.change_offer", can_edit_offer)
rules.add_perm("offers.delete_offer", can_delete_offer)
# Not model permissions: bulk CSV import and export (export is scoped to what they see).
rules.add_perm("offers.import_offers", is_editor)
rules.add_perm("offers.export_offers", is_staff_member)

# Providers: anyone who writes offers may add one (a CSV import creates unknown ones);
# renaming or deleting one changes everyone's offers, so that is the Compact's job.
rules.add_perm("offers.view_provider", is_staff_member)
rules.add_perm("offers.add_provider", manages_compact | is_editor)
rules.add_perm("offers.change_provider", manages_compact)
rules.add_perm("offers.delete_provider", manages_compact)

for model in ("theme", "commitment"):
    rules.add_perm(f"offers.view_{model}", is_staff_member)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"offers.{action}_{model}", manages_compact)

rules.add_perm("offers.view_commitmentstatus", can_view_borough_record)
rules.add_perm("offers.change_commitmentstatus", can_edit_commitment_status)
rules.add_perm("offers.add_commitmentstatus", manages_compact)
rules.add_perm("offers.delete_commitmentstatus", manages_compact)

rules.add_perm("boroughs.view_area", is_staff_member)
for action in ("add", "change", "delete"):
    rules.add_perm(f"boroughs.{action}_area", is_site_admin)

rules.add_perm("staff.view_publishingpolicy", can_view_borough_record)
for action in ("add", "change", "delete"):
    rules.add_perm(f"staff.{action}_publishingpolicy", manages_compact)

# Staff accounts: site administrators only (superusers pass every check anyway).
rules.add_perm("auth", is_site_admin)
for model in ("user", "group"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"auth.{action}_{model}", is_site_admin)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"staff.{action}_staffprofile", is_site_admin)
