"""The pure decisions on a coverage table: sorting, filtering, totals, what changed."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from board.coverage import (
    DELETED,
    ENDED,
    GAP,
    NO,
    NO_RECORD,
    NOT_KNOWN,
    PARTLY,
    STATUSES,
    UNPUBLISHED,
    WITHDRAWN,
    YES,
    AuthorityRow,
    CommitmentInfo,
    Coverage,
    OfferState,
    Position,
    ThemeInfo,
    commitment_totals,
    filter_rows,
    offer_changes,
    position_changes,
    sort_keys,
    sort_rows,
    theme_totals,
)

TODAY = datetime.date(2026, 5, 1)
TAX = CommitmentInfo(1, "council-tax-exemption", "Council tax exemption for care leavers")
DEPOSIT = CommitmentInfo(2, "rent-deposit-scheme", "Rent deposit scheme")
HOUSING = ThemeInfo("housing", "Housing")
MONEY = ThemeInfo("money", "Money")


def row(code, name, icb="E54000028", tax=YES, deposit=NOT_KNOWN, housing=0, money=0):
    positions = {}
    if tax:
        positions[1] = Position(tax)
    if deposit:
        positions[2] = Position(deposit)
    return AuthorityRow(
        gss_code=code,
        name=name,
        icb_code=icb,
        icb_name=f"ICB {icb}",
        positions=positions,
        offers={"housing": housing, "money": money},
        total_offers=housing + money,
    )


def coverage(*rows, on=TODAY, historical=False):
    return Coverage(on, historical, (TAX, DEPOSIT), (HOUSING, MONEY), tuple(rows))


ISLINGTON = row("E09000019", "Islington", tax=YES, deposit=NO, housing=2)
BARNET = row("E09000003", "Barnet", tax=NOT_KNOWN, deposit=YES, money=1)
CROYDON = row("E09000008", "Croydon", icb="E54000030", tax=PARTLY, deposit=None, housing=1)
TABLE = coverage(ISLINGTON, BARNET, CROYDON)


def names(rows):
    return [r.name for r in rows]


@pytest.mark.parametrize(
    ("key", "descending", "expected"),
    [
        ("name", False, ["Barnet", "Croydon", "Islington"]),
        ("name", True, ["Islington", "Croydon", "Barnet"]),
        ("icb", False, ["Barnet", "Islington", "Croydon"]),
        # Statuses sort best first: yes, partly, no, not known, no record.
        ("commitment-1", False, ["Islington", "Croydon", "Barnet"]),
        ("commitment-2", False, ["Barnet", "Islington", "Croydon"]),
        ("commitment-2", True, ["Croydon", "Islington", "Barnet"]),
        ("theme-housing", False, ["Barnet", "Croydon", "Islington"]),
        ("theme-housing", True, ["Islington", "Croydon", "Barnet"]),
        # Ties keep alphabetical order.
        ("theme-money", False, ["Croydon", "Islington", "Barnet"]),
        ("offers", True, ["Islington", "Barnet", "Croydon"]),
    ],
)
def test_sort_rows_by_each_kind_of_column(key, descending, expected):
    assert names(sort_rows(TABLE, key, descending=descending)) == expected


def test_every_sort_key_is_offered_and_sorts():
    for key in sort_keys(TABLE):
        assert sorted(names(sort_rows(TABLE, key))) == ["Barnet", "Croydon", "Islington"]


def test_unknown_sort_key_is_refused():
    with pytest.raises(ValueError):
        sort_rows(TABLE, "colour")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Islington", "Barnet", "Croydon"]),
        ({"icb": "E54000030"}, ["Croydon"]),
        ({"status": YES, "commitment": 1}, ["Islington"]),
        ({"status": YES}, ["Islington", "Barnet"]),  # yes on any commitment
        ({"status": NO}, ["Islington"]),
        ({"status": GAP, "commitment": 1}, ["Barnet", "Croydon"]),
        # Croydon has no record on commitment 2: a gap, not a "not known".
        ({"status": GAP, "commitment": 2}, ["Islington", "Croydon"]),
        ({"status": NOT_KNOWN, "commitment": 2}, []),
        ({"status": PARTLY, "icb": "E54000028"}, []),
        ({"commitment": 1}, ["Islington", "Barnet", "Croydon"]),  # no status: no filter
    ],
)
def test_filter_rows(filters, expected):
    assert names(filter_rows(TABLE.rows, **filters)) == expected


def test_totals_count_statuses_and_boroughs_with_offers():
    tax, deposit = commitment_totals(TABLE, TABLE.rows)
    assert (tax.yes, tax.of) == (1, 3)
    assert tax.counts == {YES: 1, NOT_KNOWN: 1, PARTLY: 1}
    assert deposit.counts == {NO: 1, YES: 1, NO_RECORD: 1}
    housing, money = theme_totals(TABLE, TABLE.rows)
    assert (housing.boroughs_with_offers, housing.offers, housing.of) == (2, 3, 3)
    assert (money.boroughs_with_offers, money.offers) == (1, 1)


def test_totals_follow_the_rows_shown():
    (tax, _deposit) = commitment_totals(TABLE, filter_rows(TABLE.rows, icb="E54000030"))
    assert (tax.yes, tax.of) == (0, 1)


def test_position_changes_between_two_tables():
    then = coverage(
        row("E09000019", "Islington", tax=NOT_KNOWN, deposit=NO),
        row("E09000003", "Barnet", tax=NOT_KNOWN, deposit=YES),
        on=datetime.date(2025, 1, 31),
        historical=True,
    )
    changes = position_changes(then, TABLE)
    assert [(c.borough, c.commitment.number, c.before, c.after.status) for c in changes] == [
        ("Croydon", 1, NO_RECORD, PARTLY),
        ("Islington", 1, NOT_KNOWN, YES),
    ]


def state(offer_id, status="published", ends_on=None, title=None):
    return OfferState(offer_id, title or f"Offer {offer_id}", "Islington", status, ends_on)


def test_offer_changes_say_what_appeared_and_why_others_went():
    then = {i: state(i) for i in "abcde"}
    every_now = {
        "a": state("a"),
        "b": state("b", status="withdrawn"),
        "c": state("c", ends_on=TODAY - datetime.timedelta(days=1)),
        "d": state("d", status="draft"),
        # "e" was deleted
        "f": state("f"),
    }
    public_now = {i: every_now[i] for i in ("a", "f")}
    changes = {
        c.offer.id: (c.added, c.reason)
        for c in offer_changes(then, public_now, every_now, today=TODAY)
    }
    assert changes == {
        "b": (False, WITHDRAWN),
        "c": (False, ENDED),
        "d": (False, UNPUBLISHED),
        "e": (False, DELETED),
        "f": (True, ""),
    }


rows_strategy = st.lists(
    st.builds(
        row,
        code=st.from_regex(r"E09\d{6}", fullmatch=True),
        name=st.text(min_size=1, max_size=12),
        icb=st.sampled_from(["E54000027", "E54000028"]),
        tax=st.sampled_from([*STATUSES, None]),
        deposit=st.sampled_from([*STATUSES, None]),
        housing=st.integers(0, 5),
        money=st.integers(0, 5),
    ),
    max_size=12,
)


@given(rows=rows_strategy, key=st.sampled_from(sort_keys(TABLE)), descending=st.booleans())
def test_sorting_keeps_every_row(rows, key, descending):
    table = coverage(*rows)
    assert sorted(map(id, sort_rows(table, key, descending=descending))) == sorted(map(id, rows))


@given(
    rows=rows_strategy,
    status=st.sampled_from(["", GAP, *STATUSES]),
    commitment=st.sampled_from([None, 1, 2]),
)
def test_a_gap_filter_and_a_yes_filter_split_each_commitment(rows, status, commitment):
    kept = filter_rows(rows, commitment=commitment, status=status)
    assert all(r in rows for r in kept)
    if commitment:
        yes = filter_rows(rows, commitment=commitment, status=YES)
        gaps = filter_rows(rows, commitment=commitment, status=GAP)
        assert len(yes) + len(gaps) == len(rows)
