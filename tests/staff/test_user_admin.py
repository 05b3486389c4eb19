"""Staff accounts in admin: only site administrators; the role is one choice, and the
borough or provider it is tied to is checked."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from staff.scope import scope_of


@pytest.mark.parametrize("role", ["compact_editor", "camden_editor", "tfl_editor", "board_viewer"])
def test_only_site_administrators_see_staff_accounts(client, world, role):
    client.force_login(world.user(role))
    target = world.user("islington_editor")
    for url in (
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[target.pk]),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_group_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"islington_editor@example.org" not in response.content


def test_site_administrator_gives_a_role_tied_to_a_borough(client, world):
    client.force_login(world.user("site_admin"))
    user = world.user("board_viewer")
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "role": "borough-editor",
        "area": "",
        "provider": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert b"A borough editor needs a borough." in response.content

    response = client.post(url, {**data, "area": world.islington.pk})
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=user.pk)
    scope = scope_of(user)
    assert scope.role == "borough-editor"
    assert scope.area_id == world.islington.pk
    assert [g.name for g in user.groups.all()] == ["Borough editors"]

    response = client.post(url, {**data, "role": ""})
    user = get_user_model().objects.get(pk=user.pk)
    assert not user.is_staff
    assert scope_of(user).role is None


def test_publishing_policies_are_set_by_the_compact_and_seen_by_their_borough(client, world):
    from staff.models import PublishingPolicy

    camden = PublishingPolicy.objects.create(area=world.camden, second_approval=True)
    islington = PublishingPolicy.objects.create(area=world.islington)
    add = reverse("admin:staff_publishingpolicy_add")
    for role, status in [("site_admin", 200), ("compact_editor", 200), ("camden_editor", 403)]:
        client.force_login(world.user(role))
        assert client.get(add).status_code == status, role

    client.force_login(world.user("camden_editor"))
    own = client.get(reverse("admin:staff_publishingpolicy_change", args=[camden.pk]))
    assert own.status_code == 200
    assert b'name="_save"' not in own.content  # a borough cannot switch its own check off
    other = client.get(reverse("admin:staff_publishingpolicy_change", args=[islington.pk]))
    assert other.status_code == 404
    response = client.post(
        reverse("admin:staff_publishingpolicy_change", args=[camden.pk]), {"area": world.camden.pk}
    )
    assert response.status_code == 403
    camden.refresh_from_db()
    assert camden.second_approval
