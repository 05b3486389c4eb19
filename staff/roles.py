"""The five staff roles. Each is a Django group; a user holds at most one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SITE_ADMIN = "site-admin", _("Site administrator")
    COMPACT_EDITOR = "compact-editor", _("Compact editor")
    BOROUGH_EDITOR = "borough-editor", _("Borough editor")
    PROVIDER_EDITOR = "provider-editor", _("Provider editor")
    BOARD_VIEWER = "board-viewer", _("Board viewer")


# The group that carries each role. Group names are data, so they stay in English.
GROUP_NAMES = {
    Role.SITE_ADMIN: "Site administrators",
    Role.COMPACT_EDITOR: "Compact editors",
    Role.BOROUGH_EDITOR: "Borough editors",
    Role.PROVIDER_EDITOR: "Provider editors",
    Role.BOARD_VIEWER: "Board viewers",
}
ROLE_OF_GROUP = {name: role for role, name in GROUP_NAMES.items()}

# If someone puts a user in two role groups by hand, the wider role wins.
PRECEDENCE = [
    Role.SITE_ADMIN,
    Role.COMPACT_EDITOR,
    Role.BOROUGH_EDITOR,
    Role.PROVIDER_EDITOR,
    Role.BOARD_VIEWER,
]

EDITOR_ROLES = frozenset(
    {Role.SITE_ADMIN, Role.COMPACT_EDITOR, Role.BOROUGH_EDITOR, Role.PROVIDER_EDITOR}
)


def role_from_groups(group_names, *, is_superuser: bool = False) -> Role | None:
    if is_superuser:
        return Role.SITE_ADMIN
    held = {ROLE_OF_GROUP[name] for name in group_names if name in ROLE_OF_GROUP}
    return next((role for role in PRECEDENCE if role in held), None)
