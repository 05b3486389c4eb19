from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boroughs.models import Area
from offers.models import Provider
from staff.models import StaffProfile
from staff.roles import GROUP_NAMES, Role
from staff.scope import forget_scope


def role_groups_ensure() -> dict[Role, Group]:
    return {role: Group.objects.get_or_create(name=name)[0] for role, name in GROUP_NAMES.items()}


def staff_role_check(*, role: Role, area: Area | None, provider: Provider | None) -> None:
    """Raise ValidationError unless the role comes with exactly what it is tied to."""
    errors = {}
    if role == Role.BOROUGH_EDITOR:
        if area is None:
            errors["area"] = _("A borough editor needs a borough.")
        elif area.kind != Area.Kind.LOCAL_AUTHORITY:
            errors["area"] = _("%(area)s is not a borough.") % {"area": area}
    elif area is not None:
        errors["area"] = _("Only a borough editor is tied to a borough.")
    if role == Role.PROVIDER_EDITOR:
        if provider is None:
            errors["provider"] = _("A provider editor needs a provider.")
    elif provider is not None:
        errors["provider"] = _("Only a provider editor is tied to a provider.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def staff_role_assign(*, user, role: Role, area: Area | None = None, provider=None) -> None:
    """Give the user one role (its group, and nothing else's), and tie it to a borough or
    provider. Staff status follows; only site administrators are superusers."""
    role = Role(role)
    staff_role_check(role=role, area=area, provider=provider)
    groups = role_groups_ensure()
    user.groups.remove(*[g for r, g in groups.items() if r != role])
    user.groups.add(groups[role])
    user.is_staff = True
    user.is_superuser = role == Role.SITE_ADMIN
    user.save(update_fields=["is_staff", "is_superuser"])
    StaffProfile.objects.update_or_create(user=user, defaults={"area": area, "provider": provider})
    forget_scope(user)


@transaction.atomic
def staff_member_save(
    *,
    username: str,
    role: Role,
    password: str,
    email: str = "",
    area: Area | None = None,
    provider: Provider | None = None,
):
    """Create (or update) a staff account with its role. The password must pass
    AUTH_PASSWORD_VALIDATORS. Returns (user, created)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
    if email:
        user.email = email
    staff_role_check(role=Role(role), area=area, provider=provider)
    validate_password(password, user)
    user.set_password(password)
    user.is_active = True
    user.save()
    staff_role_assign(user=user, role=role, area=area, provider=provider)
    return user, created


@transaction.atomic
def staff_role_remove(*, user) -> None:
    """Take away the user's role: no role group, no admin access, tied to nothing."""
    user.groups.remove(*role_groups_ensure().values())
    user.is_staff = user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    StaffProfile.objects.filter(user=user).update(area=None, provider=None)
    forget_scope(user)
