"""Who qualifies for an offer: the one place that decides it.

Pure: no request, no ORM, no template. Callers (offers.selectors, the coverage pages, the
Open Referral feed) turn database rows into the plain values below and ask `decide()`.

A person is known by three answers:
- lives_in: a London borough, somewhere outside London (in a known country or not), or unknown;
- looked_after_by: the council that looked after them (their "responsible authority"), in the
  same three forms;
- age, in whole years (or None when not asked, e.g. on browse pages).

An offer is made in an area at one of four levels (a borough, an NHS integrated care board,
London, England) and may require the person to LIVE in that area, to have been LOOKED AFTER
by a council in it, both, or neither, and to be within an inclusive age range. A borough is in
an ICB through the borough's own ICB, which is data (`Borough.icb_code`), never coded here.

The answer is ELIGIBLE, MAYBE (with what it depends on), or NOT, each with reasons in words.
MAYBE is used only where an answer we could not get would decide it: "I'm not sure" which
council looked after me, "a council outside London" for an England-wide rule (it may be in
Wales, Scotland or Northern Ireland), or no age. A known answer that fails a rule is NOT.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LONDON = "E12000007"
ENGLAND = "E92000001"
WALES = "W92000004"
SCOTLAND = "S92000003"
NORTHERN_IRELAND = "N92000002"

# Countries a person can be known to live in outside London (GSS country codes).
COUNTRIES = {
    ENGLAND: gettext_lazy("England"),
    WALES: gettext_lazy("Wales"),
    SCOTLAND: gettext_lazy("Scotland"),
    NORTHERN_IRELAND: gettext_lazy("Northern Ireland"),
}


# --- The person ------------------------------------------------------------------------


@dataclass(frozen=True)
class Borough:
    """A London local authority, with the ICB it is part of (from the data)."""

    gss_code: str
    name: str
    icb_code: str = ""
    icb_name: str = ""


@dataclass(frozen=True)
class OutsideLondon:
    """Somewhere that is not a London borough; the country if we know it (a GSS code)."""

    country_code: str | None = None

    @property
    def country_name(self) -> str | None:
        name = COUNTRIES.get(self.country_code)
        return str(name) if name is not None else None


@dataclass(frozen=True)
class Unknown:
    """The person did not or could not say ("I'm not sure")."""


UNKNOWN = Unknown()
OUTSIDE_LONDON = OutsideLondon()

Place = Borough | OutsideLondon | Unknown


@dataclass(frozen=True)
class Person:
    lives_in: Place = UNKNOWN
    looked_after_by: Place = UNKNOWN
    age: int | None = None


# --- The offer's rule ------------------------------------------------------------------


class Level(enum.StrEnum):
    BOROUGH = "borough"
    ICB = "icb"
    LONDON = "london"
    ENGLAND = "england"


@dataclass(frozen=True)
class Rule:
    """Who qualifies for one offer, as plain values."""

    level: Level
    area_code: str
    area_name: str
    min_age: int
    max_age: int  # inclusive: "until your 25th birthday" is 24
    must_live_in_area: bool = False
    must_be_looked_after_by_area: bool = False
    published: bool = True
    ends_on: datetime.date | None = None

    def is_public(self, today: datetime.date) -> bool:
        """Drafts, withdrawn offers and offers past their end date never show."""
        return self.published and (self.ends_on is None or self.ends_on >= today)


# --- The answer ------------------------------------------------------------------------


class Status(enum.StrEnum):
    ELIGIBLE = "eligible"
    MAYBE = "maybe"
    NOT = "not"


@dataclass(frozen=True)
class Decision:
    status: Status
    reasons: tuple[str, ...] = ()  # why it applies: the conditions the person meets
    depends_on: tuple[str, ...] = ()  # MAYBE: what we could not tell
    why_not: tuple[str, ...] = ()  # NOT: the conditions the person fails

    @property
    def shows(self) -> bool:
        return self.status is not Status.NOT


class _Fit(enum.Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass
class _Findings:
    met: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def add(self, fit: _Fit, met: str, unknown: str, failed: str) -> None:
        if fit is _Fit.YES:
            self.met.append(met)
        elif fit is _Fit.UNKNOWN:
            self.unknown.append(unknown)
        else:
            self.failed.append(failed)


def _fit(place: Place, rule: Rule) -> _Fit:
    """Is this place inside the offer's area?"""
    if isinstance(place, Unknown):
        return _Fit.UNKNOWN
    if isinstance(place, OutsideLondon):
        if rule.level is not Level.ENGLAND:
            return _Fit.NO
        if place.country_code is None:
            return _Fit.UNKNOWN
        return _Fit.YES if place.country_code == ENGLAND else _Fit.NO
    # A London borough: in London and in England by definition.
    if rule.level is Level.BOROUGH:
        return _Fit.YES if place.gss_code == rule.area_code else _Fit.NO
    if rule.level is Level.ICB:
        if not place.icb_code:
            return _Fit.UNKNOWN  # the data does not say which ICB this borough is in
        return _Fit.YES if place.icb_code == rule.area_code else _Fit.NO
    return _Fit.YES


def age_range(rule: Rule) -> str:
    if rule.min_age == rule.max_age:
        return _("aged %(age)s") % {"age": rule.min_age}
    return _("aged %(min_age)s to %(max_age)s") % {
        "min_age": rule.min_age,
        "max_age": rule.max_age,
    }


def _lives_in_sentences(person: Person, rule: Rule) -> tuple[str, str, str]:
    """(met, unknown, failed) sentences for the must-live-in-area rule."""
    area = rule.area_name
    place = person.lives_in
    here = place.name if isinstance(place, Borough) else ""
    if rule.level is Level.BOROUGH:
        met = _("Because you live in %(area)s.") % {"area": area}
        unknown = _("It depends on whether you live in %(area)s.") % {"area": area}
        failed = _("Only for people who live in %(area)s.") % {"area": area}
    elif rule.level is Level.ICB:
        met = _("Because you live in %(borough)s, which is part of %(icb)s.") % {
            "borough": here,
            "icb": area,
        }
        unknown = _("It depends on whether you live in a borough that is part of %(icb)s.") % {
            "icb": area
        }
        failed = _("Only for people who live in a borough that is part of %(icb)s.") % {"icb": area}
    elif rule.level is Level.LONDON:
        met = _("Because you live in London.")
        unknown = _("It depends on whether you live in London.")
        failed = _("Only for people who live in London.")
    else:
        met = _("Because you live in England.")
        unknown = _("It depends on whether you live in England.")
        failed = _("Only for people who live in England.")
    return met, unknown, failed


def _looked_after_sentences(person: Person, rule: Rule) -> tuple[str, str, str]:
    """(met, unknown, failed) sentences for the must-be-looked-after-by-area rule."""
    area = rule.area_name
    place = person.looked_after_by
    council = place.name if isinstance(place, Borough) else ""
    if rule.level is Level.BOROUGH:
        met = _("Because %(council)s looked after you.") % {"council": area}
        unknown = _("It depends on whether %(council)s looked after you.") % {"council": area}
        failed = _("Only for care leavers %(council)s looked after.") % {"council": area}
    elif rule.level is Level.ICB:
        met = _("Because %(council)s looked after you, and %(council)s is part of %(icb)s.") % {
            "council": council,
            "icb": area,
        }
        unknown = _(
            "It depends on whether the council that looked after you is part of %(icb)s."
        ) % {"icb": area}
        failed = _("Only for care leavers looked after by a council that is part of %(icb)s.") % {
            "icb": area
        }
    elif rule.level is Level.LONDON:
        met = _("Because a London council, %(council)s, looked after you.") % {"council": council}
        unknown = _("It depends on whether a London council looked after you.")
        failed = _("Only for care leavers looked after by a London council.")
    else:
        if council:
            met = _("Because a council in England, %(council)s, looked after you.") % {
                "council": council
            }
        else:
            met = _("Because a council in England looked after you.")
        unknown = _(
            "It depends on whether the council that looked after you is in England "
            "(not Wales, Scotland or Northern Ireland)."
        )
        failed = _("Only for care leavers looked after by a council in England.")
    return met, unknown, failed


def decide(person: Person, rule: Rule, today: datetime.date) -> Decision:
    """ELIGIBLE, MAYBE or NOT for this person and this offer, with reasons in words."""
    if not rule.published:
        return Decision(Status.NOT, why_not=(_("This offer is not published."),))
    if not rule.is_public(today):
        return Decision(Status.NOT, why_not=(_("This offer has ended."),))

    findings = _Findings()
    if rule.must_be_looked_after_by_area:
        findings.add(_fit(person.looked_after_by, rule), *_looked_after_sentences(person, rule))
    if rule.must_live_in_area:
        findings.add(_fit(person.lives_in, rule), *_lives_in_sentences(person, rule))

    ages = age_range(rule)
    open_to_all = not (rule.must_live_in_area or rule.must_be_looked_after_by_area)
    if person.age is None:
        findings.unknown.append(
            _("It depends on your age: it is for care leavers %(ages)s.") % {"ages": ages}
        )
    elif rule.min_age <= person.age <= rule.max_age:
        if open_to_all:
            findings.met.append(_("For every care leaver %(ages)s.") % {"ages": ages})
        else:
            findings.met.append(_("For care leavers %(ages)s.") % {"ages": ages})
    else:
        findings.failed.append(
            _("Only for care leavers %(ages)s; you are %(age)s.")
            % {"ages": ages, "age": person.age}
        )

    if findings.failed:
        return Decision(Status.NOT, reasons=tuple(findings.met), why_not=tuple(findings.failed))
    if findings.unknown:
        return Decision(
            Status.MAYBE, reasons=tuple(findings.met), depends_on=tuple(findings.unknown)
        )
    return Decision(Status.ELIGIBLE, reasons=tuple(findings.met))


def who_qualifies(rule: Rule) -> list[str]:
    """The rule in words, for anyone (offer and borough pages)."""
    area = rule.area_name
    sentences = []
    if rule.must_be_looked_after_by_area:
        sentences.append(
            {
                Level.BOROUGH: _("You must have been looked after by %(area)s."),
                Level.ICB: _(
                    "You must have been looked after by a council that is part of %(area)s."
                ),
                Level.LONDON: _("You must have been looked after by a London council."),
                Level.ENGLAND: _("You must have been looked after by a council in England."),
            }[rule.level]
            % {"area": area}
        )
    if rule.must_live_in_area:
        sentences.append(
            {
                Level.BOROUGH: _("You must live in %(area)s."),
                Level.ICB: _("You must live in a borough that is part of %(area)s."),
                Level.LONDON: _("You must live in London."),
                Level.ENGLAND: _("You must live in England."),
            }[rule.level]
            % {"area": area}
        )
    if not sentences:
        sentences.append(
            _(
                "Open to every care leaver, wherever you live and "
                "whichever council looked after you."
            )
        )
    sentences.append(_("You must be %(ages)s.") % {"ages": age_range(rule)})
    return sentences
