"""offers.eligibility as a table: every rule combination × every kind of answer × every level."""

import datetime
import itertools

import pytest
from django.utils import translation

from offers.eligibility import (
    ENGLAND,
    LONDON,
    OUTSIDE_LONDON,
    UNKNOWN,
    WALES,
    Borough,
    Level,
    OutsideLondon,
    Person,
    Rule,
    Status,
    decide,
    who_qualifies,
)

TODAY = datetime.date(2026, 3, 1)
NCL = ("E54000028", "NHS North Central London Integrated Care Board")
NEL = ("E54000029", "NHS North East London Integrated Care Board")

ISLINGTON = Borough("E09000019", "Islington", *NCL)
CAMDEN = Borough("E09000007", "Camden", *NCL)
HACKNEY = Borough("E09000012", "Hackney", *NEL)
ELSEWHERE_IN_ENGLAND = OutsideLondon(ENGLAND)
IN_WALES = OutsideLondon(WALES)

PLACES = {
    "Islington": ISLINGTON,
    "Camden (same ICB)": CAMDEN,
    "Hackney (other ICB)": HACKNEY,
    "outside London": OUTSIDE_LONDON,
    "elsewhere in England": ELSEWHERE_IN_ENGLAND,
    "in Wales": IN_WALES,
    "unknown": UNKNOWN,
}

# The offer areas, one per level; the borough and ICB are Islington's.
AREAS = {
    Level.BOROUGH: ("E09000019", "Islington"),
    Level.ICB: NCL,
    Level.LONDON: (LONDON, "London"),
    Level.ENGLAND: (ENGLAND, "England"),
}

Y, N, M = Status.ELIGIBLE, Status.NOT, Status.MAYBE

# Is this place inside the offer's area? (rows: place; columns: borough, ICB, London, England)
INSIDE = {
    "Islington": (Y, Y, Y, Y),
    "Camden (same ICB)": (N, Y, Y, Y),
    "Hackney (other ICB)": (N, N, Y, Y),
    "outside London": (N, N, N, M),  # could be Wales, Scotland or Northern Ireland
    "elsewhere in England": (N, N, N, Y),
    "in Wales": (N, N, N, N),
    "unknown": (M, M, M, M),
}
LEVELS = [Level.BOROUGH, Level.ICB, Level.LONDON, Level.ENGLAND]


def rule(level=Level.LONDON, *, live=False, looked_after=False, ages=(18, 24), **extra):
    code, name = AREAS[level]
    return Rule(
        level=level,
        area_code=code,
        area_name=name,
        min_age=ages[0],
        max_age=ages[1],
        must_live_in_area=live,
        must_be_looked_after_by_area=looked_after,
        **extra,
    )


def combine(*statuses):
    if N in statuses:
        return N
    if M in statuses:
        return M
    return Y


CASES = [
    pytest.param(
        level,
        live,
        looked_after,
        lives,
        cared,
        id=f"{level}-live={live}-la={looked_after}-lives {lives}-la {cared}",
    )
    for level, live, looked_after, lives, cared in itertools.product(
        LEVELS, (False, True), (False, True), PLACES, PLACES
    )
]


@pytest.mark.parametrize(("level", "live", "looked_after", "lives", "cared"), CASES)
def test_every_rule_combination_for_every_answer_at_every_level(
    level, live, looked_after, lives, cared
):
    column = LEVELS.index(level)
    expected = combine(
        INSIDE[lives][column] if live else Y,
        INSIDE[cared][column] if looked_after else Y,
    )
    person = Person(lives_in=PLACES[lives], looked_after_by=PLACES[cared], age=20)

    decision = decide(person, rule(level, live=live, looked_after=looked_after), TODAY)

    assert decision.status == expected
    # Every answer carries its reasons in words.
    if expected is Y:
        assert decision.reasons and not decision.depends_on and not decision.why_not
    elif expected is M:
        assert decision.depends_on and not decision.why_not
    else:
        assert decision.why_not


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize(
    ("live", "looked_after"), [(False, False), (True, False), (False, True), (True, True)]
)
@pytest.mark.parametrize(
    ("ages", "age", "expected"),
    [
        ((18, 24), 17, N),
        ((18, 24), 18, Y),
        ((18, 24), 24, Y),
        ((18, 24), 25, N),
        ((16, 21), 15, N),
        ((16, 21), 16, Y),
        ((16, 21), 21, Y),
        ((16, 21), 22, N),
        ((21, 21), 20, N),
        ((21, 21), 21, Y),
        ((21, 21), 22, N),
        ((18, 25), 25, Y),
        ((18, 25), 26, N),
        ((16, 30), 16, Y),
        ((16, 30), 30, Y),
    ],
)
def test_ages_at_both_edges_of_each_range(level, live, looked_after, ages, age, expected):
    person = Person(lives_in=ISLINGTON, looked_after_by=ISLINGTON, age=age)
    decision = decide(person, rule(level, live=live, looked_after=looked_after, ages=ages), TODAY)
    assert decision.status == expected


def test_age_out_of_range_beats_an_unknown_council():
    person = Person(lives_in=UNKNOWN, looked_after_by=UNKNOWN, age=26)
    decision = decide(person, rule(looked_after=True), TODAY)
    assert decision.status is N
    assert decision.why_not == ("Only for care leavers aged 18 to 24; you are 26.",)


def test_no_age_given_makes_an_offer_depend_on_age():
    person = Person(lives_in=ISLINGTON, looked_after_by=ISLINGTON, age=None)
    decision = decide(person, rule(looked_after=True), TODAY)
    assert decision.status is M
    assert decision.depends_on == ("It depends on your age: it is for care leavers aged 18 to 24.",)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"published": False}, N),
        ({"ends_on": TODAY - datetime.timedelta(days=1)}, N),
        ({"ends_on": TODAY}, Y),
        ({"ends_on": TODAY + datetime.timedelta(days=30)}, Y),
        ({}, Y),
    ],
    ids=["draft-or-withdrawn", "ended-yesterday", "ends-today", "ends-later", "no-end"],
)
def test_drafts_withdrawn_and_ended_offers_never_show(extra, expected):
    person = Person(lives_in=ISLINGTON, looked_after_by=ISLINGTON, age=20)
    decision = decide(person, rule(**extra), TODAY)
    assert decision.status == expected
    assert decision.shows is (expected is not N)


# --- The sentences a care leaver reads ---------------------------------------------------


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_reason_names_the_council_that_looked_after_you():
    person = Person(lives_in=HACKNEY, looked_after_by=ISLINGTON, age=19)
    decision = decide(person, rule(Level.BOROUGH, looked_after=True), TODAY)
    assert decision.reasons == (
        "Because Islington looked after you.",
        "For care leavers aged 18 to 24.",
    )


def test_reason_names_the_borough_you_live_in():
    person = Person(lives_in=ISLINGTON, looked_after_by=HACKNEY, age=19)
    decision = decide(person, rule(Level.BOROUGH, live=True), TODAY)
    assert decision.reasons[0] == "Because you live in Islington."


def test_reason_for_an_offer_open_to_every_care_leaver():
    person = Person(lives_in=UNKNOWN, looked_after_by=UNKNOWN, age=19)
    decision = decide(person, rule(Level.LONDON), TODAY)
    assert decision.status is Y
    assert decision.reasons == ("For every care leaver aged 18 to 24.",)


def test_icb_offer_follows_the_responsible_councils_icb_wherever_you_live():
    # NHS London free prescriptions: Camden looked after you, you live in Hackney.
    person = Person(lives_in=HACKNEY, looked_after_by=CAMDEN, age=22)
    decision = decide(person, rule(Level.ICB, looked_after=True), TODAY)
    assert decision.status is Y
    assert decision.reasons[0] == (
        "Because Camden looked after you, and Camden is part of "
        "NHS North Central London Integrated Care Board."
    )


def test_london_council_rule_with_unknown_council_depends_on_which_council():
    # TfL bus & tram discount: the responsible council must be a London borough.
    person = Person(lives_in=HACKNEY, looked_after_by=UNKNOWN, age=19)
    decision = decide(person, rule(Level.LONDON, looked_after=True), TODAY)
    assert decision.status is M
    assert decision.depends_on == ("It depends on whether a London council looked after you.",)
    assert decision.reasons == ("For care leavers aged 18 to 24.",)


def test_london_council_rule_with_a_council_outside_london_is_not():
    person = Person(lives_in=HACKNEY, looked_after_by=OUTSIDE_LONDON, age=19)
    decision = decide(person, rule(Level.LONDON, looked_after=True), TODAY)
    assert decision.status is N
    assert decision.why_not == ("Only for care leavers looked after by a London council.",)


def test_england_rule_with_a_council_outside_london_depends_on_the_country():
    person = Person(lives_in=HACKNEY, looked_after_by=OUTSIDE_LONDON, age=19)
    decision = decide(person, rule(Level.ENGLAND, looked_after=True), TODAY)
    assert decision.status is M
    assert "England" in decision.depends_on[0]
    assert "Wales" in decision.depends_on[0]


def test_living_outside_london_fails_a_london_living_rule():
    person = Person(lives_in=OUTSIDE_LONDON, looked_after_by=ISLINGTON, age=19)
    decision = decide(person, rule(Level.LONDON, live=True), TODAY)
    assert decision.status is N
    assert decision.why_not == ("Only for people who live in London.",)


def test_both_rules_met_gives_both_reasons():
    person = Person(lives_in=ISLINGTON, looked_after_by=ISLINGTON, age=24)
    decision = decide(person, rule(Level.BOROUGH, live=True, looked_after=True), TODAY)
    assert decision.reasons == (
        "Because Islington looked after you.",
        "Because you live in Islington.",
        "For care leavers aged 18 to 24.",
    )


def test_one_rule_met_and_one_unknown_keeps_the_met_reason():
    # Kingston-style council tax relief: its own care leavers living in the borough.
    person = Person(lives_in=ISLINGTON, looked_after_by=UNKNOWN, age=20)
    decision = decide(person, rule(Level.BOROUGH, live=True, looked_after=True), TODAY)
    assert decision.status is M
    assert decision.reasons[0] == "Because you live in Islington."
    assert decision.depends_on == ("It depends on whether Islington looked after you.",)


@pytest.mark.parametrize(
    ("level", "live", "looked_after", "sentence"),
    [
        (Level.BOROUGH, False, True, "You must have been looked after by Islington."),
        (Level.BOROUGH, True, False, "You must live in Islington."),
        (Level.ICB, False, True, "You must have been looked after by a council that is part of"),
        (Level.ICB, True, False, "You must live in a borough that is part of"),
        (Level.LONDON, False, True, "You must have been looked after by a London council."),
        (Level.LONDON, True, False, "You must live in London."),
        (Level.ENGLAND, False, True, "You must have been looked after by a council in England."),
        (Level.ENGLAND, True, False, "You must live in England."),
        (Level.ENGLAND, False, False, "Open to every care leaver"),
    ],
)
def test_who_qualifies_states_the_rule_in_words(level, live, looked_after, sentence):
    sentences = who_qualifies(rule(level, live=live, looked_after=looked_after))
    assert sentences[0].startswith(sentence)
    assert sentences[-1] == "You must be aged 18 to 24."


def test_a_borough_whose_icb_the_data_does_not_give_is_maybe_for_an_icb_rule():
    no_icb = Borough("E09000019", "Islington")
    person = Person(lives_in=no_icb, looked_after_by=no_icb, age=20)
    decision = decide(person, rule(Level.ICB, looked_after=True), TODAY)
    assert decision.status is M
    assert decision.depends_on == (
        "It depends on whether the council that looked after you is part of "
        "NHS North Central London Integrated Care Board.",
    )
