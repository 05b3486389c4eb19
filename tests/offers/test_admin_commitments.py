"""Commitment statuses: a borough editor keeps its own borough's; the Compact keeps all."""

import pytest
from django.urls import reverse

from offers.models import CommitmentStatus
from tests.staff.world import world_fixtures

module_world, world = world_fixtures()


def status_of(area):
    return CommitmentStatus.objects.filter(area=area).order_by("commitment__number").first()


def form(row, **changes):
    data = {"status": row.status, "note": row.note, "evidence_url": "", "as_of": ""}
    data.update(changes)
    return data


def test_borough_editor_lists_and_changes_only_its_boroughs_statuses(client, world):
    client.force_login(world.user("camden_editor"))
    response = client.get(reverse("admin:offers_commitmentstatus_changelist"))
    assert response.status_code == 200
    listed = {s.area_id for s in response.context["cl"].result_list}
    assert listed == {world.camden.pk}

    camden, islington = status_of(world.camden), status_of(world.islington)
    url = reverse("admin:offers_commitmentstatus_change", args=[camden.pk])
    response = client.post(url, form(camden, status="yes", note="Agreed by cabinet."))
    assert response.status_code == 302
    camden.refresh_from_db()
    assert camden.status == "yes"
    assert camden.history.first().history_user == world.user("camden_editor")

    for view in ("change", "history", "delete"):
        response = client.get(reverse(f"admin:offers_commitmentstatus_{view}", args=[islington.pk]))
        assert response.status_code in (403, 404), view
    response = client.post(
        reverse("admin:offers_commitmentstatus_change", args=[islington.pk]),
        form(islington, status="yes"),
    )
    assert response.status_code in (403, 404)
    islington.refresh_from_db()
    assert islington.status != "yes" or islington.history.count() == 1


def test_borough_editor_cannot_move_a_status_to_another_borough(client, world):
    client.force_login(world.user("camden_editor"))
    camden = status_of(world.camden)
    url = reverse("admin:offers_commitmentstatus_change", args=[camden.pk])
    client.post(url, {**form(camden), "area": world.islington.pk})
    camden.refresh_from_db()
    assert camden.area == world.camden


@pytest.mark.parametrize(
    "role, can_change, count",
    [("compact_editor", True, 33), ("board_viewer", False, 33), ("tfl_editor", False, 0)],
)
def test_other_roles(client, world, role, can_change, count):
    client.force_login(world.user(role))
    response = client.get(reverse("admin:offers_commitmentstatus_changelist"))
    if count == 0:
        assert response.status_code == 403
        return
    areas = {s.area_id for s in CommitmentStatus.objects.all()}
    assert len(areas) == count
    islington = status_of(world.islington)
    page = client.get(reverse("admin:offers_commitmentstatus_change", args=[islington.pk]))
    assert page.status_code == 200
    assert (b'name="_save"' in page.content) is can_change


def test_changes_to_a_commitment_are_recorded(client, world):
    from offers.models import Commitment

    commitment = Commitment.objects.get(number=1)
    client.force_login(world.user("compact_editor"))
    url = reverse("admin:offers_commitment_change", args=[commitment.pk])
    data = {
        "number": commitment.number,
        "slug": commitment.slug,
        "title": "Council tax exemption to 25",
        "description": commitment.description,
        "theme": commitment.theme_id or "",
    }
    assert client.post(url, data).status_code == 302
    latest = commitment.history.first()
    assert latest.title == "Council tax exemption to 25"
    assert latest.history_user == world.user("compact_editor")
    page = client.get(reverse("admin:offers_commitment_history", args=[commitment.pk]))
    assert "Council tax exemption to 25" in page.content.decode()
