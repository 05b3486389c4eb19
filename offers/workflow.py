"""The publishing workflow, as pure decisions (no request, no ORM).

    draft ──publish──▶ published ──withdraw──▶ withdrawn
      ▲                    │                      │
      └──return to draft───┴──────────────────────┘
    draft ──withdraw──▶ withdrawn  (an abandoned draft)

Where an area asks for a second person (staff.PublishingPolicy.second_approval), one
editor first asks for approval on a draft; a *different* editor then publishes it. Any
edit after the request clears it, so what is approved is what goes live.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"


class Action(StrEnum):
    ASK_APPROVAL = "ask_approval"
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    RETURN_TO_DRAFT = "return_to_draft"


@dataclass(frozen=True)
class OfferState:
    status: str
    has_source: bool
    has_check: bool
    second_approval: bool = False
    approval_requested_by: int | None = None


def refusal(action: Action, state: OfferState, *, user_id: int | None):
    """Why `user_id` may not take `action` now, or None if they may."""
    if action == Action.ASK_APPROVAL:
        if not state.second_approval:
            return _("This area publishes without a second person's approval.")
        if state.status != DRAFT:
            return _("Only a draft can be sent for approval.")
        if state.approval_requested_by is not None:
            return _("Approval has already been asked for.")
        return None
    if action == Action.PUBLISH:
        if state.status != DRAFT:
            return _("Only a draft can be published. Return it to draft first.")
        if not state.has_source:
            return _("Add the source address before publishing.")
        if not state.has_check:
            return _("Confirm the offer is still right before publishing.")
        if state.second_approval:
            if state.approval_requested_by is None:
                return _(
                    "This area asks for a second person to approve offers: ask for approval first."
                )
            if state.approval_requested_by == user_id:
                return _("You asked for approval, so a different person must publish it.")
        return None
    if action == Action.WITHDRAW:
        if state.status == WITHDRAWN:
            return _("This offer is already withdrawn.")
        return None
    if action == Action.RETURN_TO_DRAFT:
        if state.status == DRAFT:
            return _("This offer is already a draft.")
        return None
    raise ValueError(action)


def available_actions(state: OfferState, *, user_id: int | None) -> list[Action]:
    """The actions `user_id` may take now, in a stable order."""
    return [a for a in Action if refusal(a, state, user_id=user_id) is None]


def path_to(current: str, target: str) -> list[Action]:
    """The actions that take an offer from one status to another (for imports)."""
    if current == target:
        return []
    if target == PUBLISHED:
        return [Action.PUBLISH] if current == DRAFT else [Action.RETURN_TO_DRAFT, Action.PUBLISH]
    if target == WITHDRAWN:
        return [Action.WITHDRAW]
    if target == DRAFT:
        return [Action.RETURN_TO_DRAFT]
    raise ValueError(target)
