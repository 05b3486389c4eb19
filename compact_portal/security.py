"""Small security helpers the settings point at."""

import unicodedata

# Django's User.username max_length: nothing longer can be a real account.
USERNAME_MAX_LENGTH = 150


def axes_username(request, credentials=None) -> str:
    """The username django-axes records for a failed sign-in: what was typed, without
    control characters (PostgreSQL text cannot hold NUL) and cut to the longest possible
    username (axes stores it in a 255-character column). Without this a 10 kB or NUL
    username at /admin/login/ is a 500 on PostgreSQL."""
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = getattr(request, "POST", {}).get("username", "")
    typed = "".join(ch for ch in str(typed) if unicodedata.category(ch) not in {"Cc", "Cs"})
    return typed[:USERNAME_MAX_LENGTH]
