"""The publishing workflow's decisions, as a table (offers.workflow: no ORM, no request)."""

import pytest

from offers.workflow import (
    DRAFT,
    PUBLISHED,
    WITHDRAWN,
    Action,
    OfferState,
    available_actions,
    path_to,
    refusal,
)

ALICE, BOB = 1, 2


def state(status=DRAFT, *, source=True, check=True, second=False, asked=None):
    return OfferState(
        status=status,
        has_source=source,
        has_check=check,
        second_approval=second,
        approval_requested_by=asked,
    )


@pytest.mark.parametrize(
    "action, offer, user, allowed",
    [
        (Action.PUBLISH, state(), ALICE, True),
        (Action.PUBLISH, state(PUBLISHED), ALICE, False),
        (Action.PUBLISH, state(WITHDRAWN), ALICE, False),  # back to draft first
        (Action.PUBLISH, state(source=False), ALICE, False),
        (Action.PUBLISH, state(check=False), ALICE, False),
        # A borough that asks for a second person:
        (Action.PUBLISH, state(second=True), ALICE, False),  # nobody asked yet
        (Action.ASK_APPROVAL, state(second=True), ALICE, True),
        (Action.ASK_APPROVAL, state(), ALICE, False),  # no second person needed
        (Action.ASK_APPROVAL, state(second=True, asked=ALICE), BOB, False),  # asked already
        (Action.ASK_APPROVAL, state(PUBLISHED, second=True), ALICE, False),
        (Action.PUBLISH, state(second=True, asked=ALICE), ALICE, False),  # not your own
        (Action.PUBLISH, state(second=True, asked=ALICE), BOB, True),
        (Action.PUBLISH, state(second=True, asked=ALICE, source=False), BOB, False),
        (Action.WITHDRAW, state(PUBLISHED), ALICE, True),
        (Action.WITHDRAW, state(DRAFT), ALICE, True),  # an abandoned draft
        (Action.WITHDRAW, state(WITHDRAWN), ALICE, False),
        (Action.RETURN_TO_DRAFT, state(PUBLISHED), ALICE, True),
        (Action.RETURN_TO_DRAFT, state(WITHDRAWN), ALICE, True),
        (Action.RETURN_TO_DRAFT, state(DRAFT), ALICE, False),
    ],
)
def test_who_may_take_which_step(action, offer, user, allowed):
    reason = refusal(action, offer, user_id=user)
    assert (reason is None) is allowed
    if not allowed:
        assert str(reason)  # every refusal says why


@pytest.mark.parametrize(
    "offer, user, actions",
    [
        (state(), ALICE, [Action.PUBLISH, Action.WITHDRAW]),
        (state(second=True), ALICE, [Action.ASK_APPROVAL, Action.WITHDRAW]),
        (state(second=True, asked=ALICE), ALICE, [Action.WITHDRAW]),
        (state(second=True, asked=ALICE), BOB, [Action.PUBLISH, Action.WITHDRAW]),
        (state(PUBLISHED), ALICE, [Action.WITHDRAW, Action.RETURN_TO_DRAFT]),
        (state(WITHDRAWN), ALICE, [Action.RETURN_TO_DRAFT]),
    ],
)
def test_the_buttons_offered(offer, user, actions):
    assert available_actions(offer, user_id=user) == actions


@pytest.mark.parametrize(
    "current, target, steps",
    [
        (DRAFT, DRAFT, []),
        (DRAFT, PUBLISHED, [Action.PUBLISH]),
        (WITHDRAWN, PUBLISHED, [Action.RETURN_TO_DRAFT, Action.PUBLISH]),
        (PUBLISHED, WITHDRAWN, [Action.WITHDRAW]),
        (PUBLISHED, DRAFT, [Action.RETURN_TO_DRAFT]),
        (DRAFT, WITHDRAWN, [Action.WITHDRAW]),
    ],
)
def test_an_import_reaches_its_status_through_the_same_steps(current, target, steps):
    assert path_to(current, target) == steps
