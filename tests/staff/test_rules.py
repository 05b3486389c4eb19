"""The rules permissions, asked the way admin asks them: user.has_perm(perm, obj)."""

from offers.models import CommitmentStatus, Theme

# For each role: which offers of the world it may view and change.
VIEW = {
    "site_admin": "all",
    "compact_editor": "all",
    "board_viewer": "all",
    "camden_editor": {"camden_draft", "camden_published"},
    "islington_editor": {"islington_draft", "islington_published"},
    "tfl_editor": {"tfl_draft"},
    "no_role": set(),
}
CHANGE = {
    "site_admin": "all",
    "compact_editor": {"london_draft", "tfl_draft"},
    "board_viewer": set(),
    "camden_editor": {"camden_draft", "camden_published"},
    "islington_editor": {"islington_draft", "islington_published"},
    "tfl_editor": {"tfl_draft"},
    "no_role": set(),
}


def _expected(table, role, offers):
    return set(offers) if table[role] == "all" else table[role]


def test_each_role_may_view_and_change_exactly_its_offers(world):
    wrong = []
    for role in VIEW:
        user = world.user(role)
        for name, offer in world.offers.items():
            for perm, table in (("offers.view_offer", VIEW), ("offers.change_offer", CHANGE)):
                expected = name in _expected(table, role, world.offers)
                if user.has_perm(perm, offer) is not expected:
                    wrong.append((role, perm, name, expected))
    assert wrong == []


def test_editors_may_add_offers_and_viewers_may_not(world):
    assert {role for role in VIEW if world.user(role).has_perm("offers.add_offer")} == {
        "site_admin",
        "compact_editor",
        "camden_editor",
        "islington_editor",
        "tfl_editor",
    }


def test_published_offers_are_withdrawn_not_deleted(world):
    camden = world.user("camden_editor")
    assert camden.has_perm("offers.delete_offer", world.offer("camden_draft"))
    assert not camden.has_perm("offers.delete_offer", world.offer("camden_published"))
    assert not camden.has_perm("offers.delete_offer", world.offer("islington_draft"))
    assert world.user("site_admin").has_perm("offers.delete_offer", world.offer("camden_published"))


def test_themes_and_commitments_are_the_compacts(world):
    theme = Theme.objects.first()
    for role in VIEW:
        user = world.user(role)
        manages = role in {"site_admin", "compact_editor"}
        assert user.has_perm("offers.change_theme", theme) is manages, role
        assert user.has_perm("offers.change_commitment") is manages, role
        assert user.has_perm("offers.view_theme", theme) is (role != "no_role"), role


def test_a_borough_editor_keeps_only_its_boroughs_commitment_statuses(world):
    camden_status = CommitmentStatus.objects.filter(area=world.camden).first()
    islington_status = CommitmentStatus.objects.filter(area=world.islington).first()
    camden = world.user("camden_editor")
    assert camden.has_perm("offers.change_commitmentstatus", camden_status)
    assert not camden.has_perm("offers.view_commitmentstatus", islington_status)
    assert not camden.has_perm("offers.change_commitmentstatus", islington_status)
    assert not camden.has_perm("offers.add_commitmentstatus")
    assert world.user("compact_editor").has_perm("offers.change_commitmentstatus", islington_status)
    board = world.user("board_viewer")
    assert board.has_perm("offers.view_commitmentstatus", islington_status)
    assert not board.has_perm("offers.change_commitmentstatus", islington_status)
    assert not world.user("tfl_editor").has_perm("offers.view_commitmentstatus", camden_status)


def test_only_site_administrators_manage_staff_accounts(world):
    for role in VIEW:
        user = world.user(role)
        assert user.has_perm("auth.change_user") is (role == "site_admin"), role
        assert user.has_perm("auth.view_user") is (role == "site_admin"), role


def test_inactive_or_non_staff_users_have_no_rights(world):
    camden = world.user("camden_editor")
    camden.is_active = False
    camden.save()
    camden.refresh_from_db()
    assert not camden.has_perm("offers.view_offer", world.offer("camden_draft"))
    assert not camden.has_module_perms("offers")
