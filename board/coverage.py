"""The Trust Board's coverage table as plain data, and the pure decisions made on it.

No ORM and no request here. board.selectors builds a Coverage from the database (as it is
now, or as it stood on a past date); views sort, filter and total it with these functions.
Everything is plain data so that a Coverage can be cached (offers.cache.cached) and compared
with another one ("what changed since").
"""

import datetime
from collections import Counter
from dataclasses import dataclass

YES = "yes"
PARTLY = "partly"
NO = "no"
NOT_KNOWN = "not_known"
# No record of this borough's position existed on the date asked about.
NO_RECORD = "no_record"
STATUSES = (YES, PARTLY, NO, NOT_KNOWN)
# Best first: sorting a commitment column ascending puts the boroughs that deliver it on top.
STATUS_RANK = {YES: 0, PARTLY: 1, NO: 2, NOT_KNOWN: 3, NO_RECORD: 4}
# A status filter value meaning "anything but yes": the Compact's gaps.
GAP = "gap"


@dataclass(frozen=True)
class CommitmentInfo:
    number: int
    slug: str
    title: str
    # In the page's language: English standing in for a missing translation, or a
    # translation no fluent speaker has checked yet (offers.content_language).
    in_english: bool = False
    unchecked: bool = False


@dataclass(frozen=True)
class ThemeInfo:
    slug: str
    name: str
    in_english: bool = False
    unchecked: bool = False


@dataclass(frozen=True)
class Position:
    """Where one borough stood on one commitment."""

    status: str
    as_of: datetime.date | None = None
    evidence_url: str = ""
    note: str = ""

    @property
    def is_gap(self) -> bool:
        return self.status != YES


@dataclass(frozen=True)
class AuthorityRow:
    """One of the 33 London authorities: its positions and its own published offers."""

    gss_code: str
    name: str
    icb_code: str
    icb_name: str
    positions: dict  # commitment number -> Position
    offers: dict  # theme slug -> number of the borough's own public offers in that theme
    total_offers: int

    def position(self, number: int) -> Position:
        return self.positions.get(number) or Position(NO_RECORD)


@dataclass(frozen=True)
class Coverage:
    """The whole table on one date (today, or a past date rebuilt from history)."""

    on: datetime.date
    historical: bool
    commitments: tuple  # of CommitmentInfo, by number
    themes: tuple  # of ThemeInfo, in theme order
    rows: tuple  # of AuthorityRow, by name

    def icbs(self) -> list[tuple[str, str]]:
        """(code, name) of the ICBs the rows belong to, by name."""
        found = {row.icb_code: row.icb_name for row in self.rows if row.icb_code}
        return sorted(found.items(), key=lambda item: item[1])

    def commitment(self, number: int) -> CommitmentInfo | None:
        return next((c for c in self.commitments if c.number == number), None)

    def theme(self, slug: str) -> ThemeInfo | None:
        return next((t for t in self.themes if t.slug == slug), None)


# --- Sorting ---------------------------------------------------------------------------

NAME = "name"
ICB = "icb"
TOTAL = "offers"


def commitment_key(number: int) -> str:
    return f"commitment-{number}"


def theme_key(slug: str) -> str:
    return f"theme-{slug}"


def sort_keys(coverage: Coverage) -> list[str]:
    """Every column the table can be sorted by."""
    return [
        NAME,
        ICB,
        *(commitment_key(c.number) for c in coverage.commitments),
        *(theme_key(t.slug) for t in coverage.themes),
        TOTAL,
    ]


def sort_rows(coverage: Coverage, key: str, *, descending: bool = False) -> list[AuthorityRow]:
    """Rows ordered by one column; ties keep alphabetical order by name."""
    rows = sorted(coverage.rows, key=lambda row: row.name.casefold())
    if key == NAME:
        return list(reversed(rows)) if descending else rows

    def value(row):
        if key == ICB:
            return row.icb_name.casefold()
        if key == TOTAL:
            return row.total_offers
        if key.startswith("commitment-"):
            return STATUS_RANK[row.position(int(key.removeprefix("commitment-"))).status]
        if key.startswith("theme-"):
            return row.offers.get(key.removeprefix("theme-"), 0)
        raise ValueError(f"Unknown sort key {key!r}")

    # sorted() is stable, so the name order survives within equal values.
    return sorted(rows, key=value, reverse=descending)


# --- Filtering -------------------------------------------------------------------------


def filter_rows(
    rows, *, icb: str = "", commitment: int | None = None, status: str = ""
) -> list[AuthorityRow]:
    """Rows in one ICB, and/or with a status on one commitment (or on any, if none given).

    status may be GAP: anything but "yes".
    """

    def matches(position: Position) -> bool:
        return position.is_gap if status == GAP else position.status == status

    kept = []
    for row in rows:
        if icb and row.icb_code != icb:
            continue
        if status:
            numbers = [commitment] if commitment else list(row.positions)
            if not any(matches(row.position(n)) for n in numbers):
                continue
        kept.append(row)
    return kept


# --- Totals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentTotal:
    commitment: CommitmentInfo
    counts: dict  # status -> number of boroughs (NO_RECORD included)
    of: int

    @property
    def yes(self) -> int:
        return self.counts.get(YES, 0)


@dataclass(frozen=True)
class ThemeTotal:
    theme: ThemeInfo
    boroughs_with_offers: int
    offers: int
    of: int


def commitment_totals(coverage: Coverage, rows) -> list[CommitmentTotal]:
    rows = list(rows)
    totals = []
    for commitment in coverage.commitments:
        counts = Counter(row.position(commitment.number).status for row in rows)
        totals.append(CommitmentTotal(commitment, dict(counts), len(rows)))
    return totals


def theme_totals(coverage: Coverage, rows) -> list[ThemeTotal]:
    rows = list(rows)
    return [
        ThemeTotal(
            theme,
            boroughs_with_offers=sum(1 for row in rows if row.offers.get(theme.slug, 0)),
            offers=sum(row.offers.get(theme.slug, 0) for row in rows),
            of=len(rows),
        )
        for theme in coverage.themes
    ]


# --- Change over time ------------------------------------------------------------------


@dataclass(frozen=True)
class PositionChange:
    gss_code: str
    borough: str
    commitment: CommitmentInfo
    before: str
    after: Position


def position_changes(then: Coverage, now: Coverage) -> list[PositionChange]:
    """Every borough whose status on a commitment differs between two tables."""
    before = {row.gss_code: row for row in then.rows}
    changes = []
    for row in sorted(now.rows, key=lambda r: r.name.casefold()):
        old_row = before.get(row.gss_code)
        for commitment in now.commitments:
            after = row.position(commitment.number)
            old = old_row.position(commitment.number).status if old_row else NO_RECORD
            if old != after.status:
                changes.append(PositionChange(row.gss_code, row.name, commitment, old, after))
    return changes


@dataclass(frozen=True)
class OfferState:
    """An offer as it stood at one moment: enough to say what changed."""

    id: str
    title: str
    area_name: str
    status: str
    ends_on: datetime.date | None


# Why an offer that was public is not public any more.
WITHDRAWN = "withdrawn"
ENDED = "ended"
UNPUBLISHED = "unpublished"
DELETED = "deleted"


@dataclass(frozen=True)
class OfferChange:
    offer: OfferState
    added: bool
    reason: str = ""  # for removals: WITHDRAWN, ENDED, UNPUBLISHED or DELETED


def offer_changes(
    public_then: dict, public_now: dict, every_offer_now: dict, *, today: datetime.date
) -> list[OfferChange]:
    """Offers that became public since, and offers public then that are not public now.

    Each argument maps an offer id to its OfferState; every_offer_now holds all offers,
    public or not, to say why one disappeared.
    """
    changes = [
        OfferChange(state, added=True)
        for offer_id, state in public_now.items()
        if offer_id not in public_then
    ]
    for offer_id, state in public_then.items():
        if offer_id in public_now:
            continue
        current = every_offer_now.get(offer_id)
        if current is None:
            reason = DELETED
        elif current.status == "withdrawn":
            reason = WITHDRAWN
        elif current.status == "published" and current.ends_on and current.ends_on < today:
            reason = ENDED
        else:
            reason = UNPUBLISHED
        changes.append(OfferChange(current or state, added=False, reason=reason))
    changes.sort(key=lambda c: (c.offer.area_name.casefold(), c.offer.title.casefold()))
    return changes
