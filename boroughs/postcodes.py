"""Postcode -> local authority and ICB: the one lookup every caller uses.

    from boroughs.postcodes import lookup_postcode
    result = lookup_postcode(request.POST["postcode"])
    if result.found: ... result.local_authority.gss_code ...
    else: show result.message (result.problem is a stable code)

What a person typed is turned into a standard postcode here and answered at once. It is
never stored, logged, cached or put into a URL: the query below goes straight to the
database driver (not Django's cursor wrapper, which keeps and logs queries with their
parameters when DEBUG or django.db.backends logging is on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext

from boroughs.postcode_shape import PostcodeShape, parse_postcode

__all__ = ["AreaRef", "PostcodeResult", "lookup_postcode", "parse_postcode", "PostcodeShape"]

ENGLAND = "england"
WALES = "wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern_ireland"
CHANNEL_ISLANDS = "channel_islands"
ISLE_OF_MAN = "isle_of_man"

# The first letter of a GSS code says which country the area is in.
COUNTRY_BY_GSS_LETTER = {
    "E": ENGLAND,
    "W": WALES,
    "S": SCOTLAND,
    "N": NORTHERN_IRELAND,
    "L": CHANNEL_ISLANDS,
    "M": ISLE_OF_MAN,
}
LONDON_AUTHORITY = re.compile(r"^E09\d{6}$")  # ONS entity code E09: London borough


@dataclass(frozen=True, slots=True)
class AreaRef:
    """A local authority or ICB: its GSS code and, where known, its name (else None)."""

    gss_code: str
    name: str | None

    def as_dict(self) -> dict:
        return {"gss_code": self.gss_code, "name": self.name}


@dataclass(frozen=True, slots=True)
class PostcodeResult:
    """The answer to "where is this postcode?".

    problem is None when the postcode was found with its local authority; otherwise one of
    PROBLEMS, and message (translated into the active language) tells the person what to do.
    """

    postcode: str | None  # standard form "SW1A 1AA"; None when the input is not a postcode
    local_authority: AreaRef | None = None
    icb: AreaRef | None = None
    in_london: bool = False
    country: str | None = None
    terminated: bool = False
    problem: str | None = None
    message: str = ""

    PROBLEMS = (
        "empty",  # nothing typed
        "too_long",  # longer than any postcode
        "invalid",  # not the shape of a postcode (or impossible letters)
        "outward_only",  # only the first part ("SW1A"), or a sector ("SW1A 1")
        "bfpo",  # a British Forces Post Office number
        "not_found",  # a postcode's shape, but not in the data
        "no_local_authority",  # in the data, but the data names no local authority
    )

    @property
    def found(self) -> bool:
        """True when the postcode is in the data and its local authority is known."""
        return self.problem is None

    @property
    def is_shape_problem(self) -> bool:
        """True when the input is not a full postcode (HTTP 400 rather than 404)."""
        return self.problem in {"empty", "too_long", "invalid", "outward_only", "bfpo"}

    def as_dict(self) -> dict:
        """The JSON shape of GET /api/v1/postcodes/<postcode>."""
        return {
            "postcode": self.postcode,
            "local_authority": self.local_authority.as_dict() if self.local_authority else None,
            "icb": self.icb.as_dict() if self.icb else None,
            "in_london": self.in_london,
            "country": self.country,
            "terminated": self.terminated,
            "message": self.message,
        }


def country_name(country: str | None) -> str:
    return {
        ENGLAND: gettext("England"),
        WALES: gettext("Wales"),
        SCOTLAND: gettext("Scotland"),
        NORTHERN_IRELAND: gettext("Northern Ireland"),
        CHANNEL_ISLANDS: gettext("the Channel Islands"),
        ISLE_OF_MAN: gettext("the Isle of Man"),
    }.get(country, "")


def _shape_problem_message(problem: str) -> str:
    return {
        "empty": gettext("Enter your postcode, like SW1A 1AA."),
        "too_long": gettext("That is too long to be a postcode. Enter a postcode, like SW1A 1AA."),
        "invalid": gettext(
            "Enter a real postcode, like SW1A 1AA. A postcode has letters and numbers only."
        ),
        "outward_only": gettext(
            "Enter your full postcode, like SW1A 1AA, not just the first part. "
            "The first part alone can cover more than one council."
        ),
        "bfpo": gettext(
            "A BFPO number is not linked to a council. Enter the postcode of the place "
            "in the UK where you live, or choose your council instead."
        ),
    }[problem]


# One query: the postcode row, the names of its codes, and, for an authority the portal
# keeps as an editable Area (London's), that Area's name and ICB.
_LOOKUP_SQL = """
SELECT p.terminated, la.gss_code, la.name, pi.gss_code, pi.name,
       a.id, a.name, ai.gss_code, ai.name
FROM boroughs_postcode p
LEFT JOIN boroughs_postcodearea la ON la.id = p.local_authority_id
LEFT JOIN boroughs_postcodearea pi ON pi.id = p.icb_id
LEFT JOIN boroughs_area a ON a.gss_code = la.gss_code AND a.kind = 'local_authority'
LEFT JOIN boroughs_area ai ON ai.id = a.icb_id
WHERE p.key = {param}
"""
_SQL_BY_VENDOR = {
    "sqlite": _LOOKUP_SQL.format(param="?"),
    "postgresql": _LOOKUP_SQL.format(param="%s"),
}


def _fetch(key: str):
    connection.ensure_connection()
    sql = _SQL_BY_VENDOR[connection.vendor]
    # The driver's own cursor: Django's wrapper would record the postcode in
    # connection.queries and the django.db.backends debug log.
    with connection.wrap_database_errors:  # driver errors -> django.db.DatabaseError
        if connection.vendor == "postgresql":
            # Server-side binding, prepared once per connection: the five-table plan is
            # not made again for every lookup (Django's cursors bind on the client).
            import psycopg

            cursor = psycopg.Cursor(connection.connection)
            try:
                cursor.execute(sql, (key,), prepare=True)
                return cursor.fetchone()
            finally:
                cursor.close()
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, (key,))
            return cursor.fetchone()
        finally:
            cursor.close()


def lookup_postcode(text: str) -> PostcodeResult:
    """What a person typed -> the postcode's local authority and ICB, or why not.

    Accepts any case and spacing, tabs, non-breaking spaces and full-width characters.
    Never guesses a borough from an outward code or sector. Never raises for any string.
    """
    shape = parse_postcode(text)
    if shape.problem:
        return PostcodeResult(
            postcode=None, problem=shape.problem, message=_shape_problem_message(shape.problem)
        )
    postcode = shape.postcode
    row = _fetch(shape.key)
    if row is None:
        return PostcodeResult(
            postcode=postcode,
            problem="not_found",
            message=gettext(
                "We could not find the postcode %(postcode)s. Check it and try again, "
                "or choose your council instead."
            )
            % {"postcode": postcode},
        )
    (terminated, la_code, la_name, icb_code, icb_name, area_id, area_name, area_icb_code,
     area_icb_name) = row  # fmt: skip
    terminated = bool(terminated)
    if la_code is None:
        country = NORTHERN_IRELAND if shape.outward.startswith("BT") else None
        if country:
            message = _elsewhere_message(postcode, country)
        else:
            message = gettext(
                "The postcode data does not say which council covers %(postcode)s. "
                "Check it, or choose your council instead."
            ) % {"postcode": postcode}
        return PostcodeResult(
            postcode=postcode,
            country=country,
            terminated=terminated,
            problem="no_local_authority",
            message=message,
        )
    country = COUNTRY_BY_GSS_LETTER.get(la_code[0])
    in_london = bool(LONDON_AUTHORITY.match(la_code))
    local_authority = AreaRef(la_code, area_name or la_name or None)
    if area_id is not None and in_london:
        # London: the ICB is the borough's, held as editable data (ICBs merge).
        icb = AreaRef(area_icb_code, area_icb_name) if area_icb_code else None
    else:
        icb = AreaRef(icb_code, icb_name or None) if icb_code else None
    if in_london:
        message = gettext("%(postcode)s is in %(council)s, in London.") % {
            "postcode": postcode,
            "council": local_authority.name or la_code,
        }
    elif country == ENGLAND:
        message = gettext(
            "%(postcode)s is in England, outside London. The London Compact's own offers "
            "may not apply, but national offers for care leavers in England still do."
        ) % {"postcode": postcode}
    else:
        message = _elsewhere_message(postcode, country)
    if terminated:
        message += " " + gettext(
            "This postcode is no longer in use, so check it is the one where you live now."
        )
    return PostcodeResult(
        postcode=postcode,
        local_authority=local_authority,
        icb=icb,
        in_london=in_london,
        country=country,
        terminated=terminated,
        message=message,
    )


def _elsewhere_message(postcode: str, country: str | None) -> str:
    return gettext(
        "%(postcode)s is in %(country)s. Care leavers' entitlements are different there, "
        "so London's and England's offers may not apply. The council that looked after "
        "you can tell you what you can get."
    ) % {"postcode": postcode, "country": country_name(country) or gettext("another country")}
