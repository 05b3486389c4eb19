"""Who may see and change which offer, decided from ids alone: a table of cases."""

import pytest

from staff.roles import Role, role_from_groups
from staff.scope import Scope

CAMDEN, ISLINGTON, LONDON, ENGLAND, ICB = 7, 19, 100, 200, 300
COUNCIL, TFL, NHS = 1, 2, 3

site_admin = Scope(role=Role.SITE_ADMIN)
compact = Scope(role=Role.COMPACT_EDITOR, compact_area_ids=frozenset({LONDON, ENGLAND}))
camden = Scope(role=Role.BOROUGH_EDITOR, area_id=CAMDEN)
camden_untied = Scope(role=Role.BOROUGH_EDITOR, area_id=None)
tfl = Scope(role=Role.PROVIDER_EDITOR, provider_id=TFL)
board = Scope(role=Role.BOARD_VIEWER)
nobody = Scope()


@pytest.mark.parametrize(
    "scope, area, provider, can_view, can_edit",
    [
        (site_admin, ISLINGTON, COUNCIL, True, True),
        (site_admin, ICB, NHS, True, True),
        (compact, LONDON, TFL, True, True),
        (compact, ENGLAND, NHS, True, True),
        (compact, CAMDEN, COUNCIL, True, False),  # sees borough offers, cannot change them
        (compact, ICB, NHS, True, False),
        (camden, CAMDEN, COUNCIL, True, True),
        (camden, CAMDEN, TFL, True, True),  # made in Camden, whoever makes it
        (camden, ISLINGTON, COUNCIL, False, False),
        (camden, LONDON, TFL, False, False),
        (camden_untied, CAMDEN, COUNCIL, False, False),
        (camden_untied, None, COUNCIL, False, False),
        (tfl, LONDON, TFL, True, True),
        (tfl, CAMDEN, TFL, True, True),
        (tfl, LONDON, NHS, False, False),
        (board, CAMDEN, COUNCIL, True, False),
        (board, ICB, NHS, True, False),
        (nobody, CAMDEN, COUNCIL, False, False),
    ],
)
def test_who_may_view_and_change_an_offer(scope, area, provider, can_view, can_edit):
    assert scope.can_view_offer(area_id=area, provider_id=provider) is can_view
    assert scope.can_edit_offer(area_id=area, provider_id=provider) is can_edit


@pytest.mark.parametrize(
    "scope, status, can_delete",
    [
        (camden, "draft", True),
        (camden, "published", False),  # withdraw it instead: its id and history stay
        (camden, "withdrawn", False),
        (site_admin, "published", True),
        (board, "draft", False),
    ],
)
def test_only_drafts_are_deleted_except_by_site_administrators(scope, status, can_delete):
    assert scope.can_delete_offer(area_id=CAMDEN, provider_id=COUNCIL, status=status) is (
        can_delete
    )


@pytest.mark.parametrize(
    "scope, area, can_view, can_edit",
    [
        (camden, CAMDEN, True, True),
        (camden, ISLINGTON, False, False),
        (compact, ISLINGTON, True, True),
        (site_admin, ISLINGTON, True, True),
        (board, ISLINGTON, True, False),
        (tfl, CAMDEN, False, False),
        (nobody, CAMDEN, False, False),
    ],
)
def test_commitment_statuses_belong_to_one_borough(scope, area, can_view, can_edit):
    assert scope.can_view_borough_record(area) is can_view
    assert scope.can_edit_commitment_status(area) is can_edit


@pytest.mark.parametrize(
    "groups, superuser, role",
    [
        ([], False, None),
        (["Borough editors"], False, Role.BOROUGH_EDITOR),
        (["Board viewers", "Compact editors"], False, Role.COMPACT_EDITOR),
        (["Some other group"], False, None),
        ([], True, Role.SITE_ADMIN),
        (["Board viewers"], True, Role.SITE_ADMIN),
    ],
)
def test_role_comes_from_groups_and_the_widest_wins(groups, superuser, role):
    assert role_from_groups(groups, is_superuser=superuser) == role
