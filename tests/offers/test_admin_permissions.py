"""Every admin view, per role, including direct URLs to another borough's offer: the answer
is 403 or 404, never the offer's data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from tests.staff.test_rules import CHANGE, VIEW
from tests.staff.world import offer_form_data, world_fixtures

ROLES = list(VIEW)
STAFF_ROLES = [r for r in ROLES if r != "no_role"]
EDITORS = [r for r in STAFF_ROLES if r != "board_viewer"]


module_world, world = world_fixtures()


def visible(role, world):
    return set(world.offers) if VIEW[role] == "all" else VIEW[role]


def changeable(role, world):
    return set(world.offers) if CHANGE[role] == "all" else CHANGE[role]


def url(name, *args):
    return reverse(f"admin:offers_offer_{name}", args=args)


def as_user(client, world, role):
    client.force_login(world.user(role))
    return client


def assert_hidden(response, offer):
    assert response.status_code in (403, 404)
    assert offer.title.encode() not in response.content


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_list_shows_exactly_the_offers_the_role_may_see(client, world, role):
    response = as_user(client, world, role).get(url("changelist"))
    assert response.status_code == 200
    shown = {name for name, o in world.offers.items() if o.title.encode() in response.content}
    assert shown == visible(role, world)


def test_someone_without_a_role_is_sent_to_log_in(client, world):
    for role in ("no_role", None):
        if role:
            client.force_login(world.user(role))
        response = client.get(url("changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_change_page_per_role_and_offer(client, world, role):
    as_user(client, world, role)
    for name, offer in world.offers.items():
        response = client.get(url("change", offer.pk))
        if name in visible(role, world):
            assert response.status_code == 200, name
            can_save = b'name="_save"' in response.content
            assert can_save is (name in changeable(role, world)), name
        else:
            assert_hidden(response, offer)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_posting_a_change_to_an_offer_not_theirs_is_refused(client, world, role):
    as_user(client, world, role)
    for name, offer in world.offers.items():
        if name in changeable(role, world):
            continue
        response = client.post(url("change", offer.pk), offer_form_data(offer, title="Taken over"))
        assert response.status_code in (403, 404), name
        assert Offer.objects.get(pk=offer.pk).title == offer.title


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_add_page(client, world, role):
    response = as_user(client, world, role).get(url("add"))
    assert response.status_code == (403 if role == "board_viewer" else 200)
    if response.status_code == 200:
        assert "A new offer is saved as a draft." in response.content.decode()


def test_a_borough_editor_cannot_create_an_offer_for_another_area(client, world):
    as_user(client, world, "camden_editor")
    template = world.offer("camden_draft")
    for area in (world.islington, world.london):
        data = offer_form_data(template, title="Moved elsewhere", area=area.pk)
        response = client.post(url("add"), data)
        assert response.status_code == 200  # the form again, with an error on the area
        assert b"Select a valid choice" in response.content
    assert not Offer.objects.filter(title="Moved elsewhere").exists()
    # Its own borough is fine, and the new offer is a draft checked today by its author.
    response = client.post(url("add"), offer_form_data(template, title="New Camden offer"))
    assert response.status_code == 302
    created = Offer.objects.get(title="New Camden offer")
    assert created.area == world.camden
    assert created.status == Offer.Status.DRAFT
    assert created.last_checked_by == world.user("camden_editor")


def test_a_borough_editor_cannot_move_its_offer_to_another_borough(client, world):
    offer = world.offer("camden_draft")
    as_user(client, world, "camden_editor")
    response = client.post(url("change", offer.pk), offer_form_data(offer, area=world.islington.pk))
    assert response.status_code == 200
    assert Offer.objects.get(pk=offer.pk).area == world.camden


def test_a_provider_editor_can_only_name_its_provider(client, world):
    as_user(client, world, "tfl_editor")
    offer = world.offer("tfl_draft")
    response = client.post(
        url("change", offer.pk), offer_form_data(offer, provider=world.camden_council.pk)
    )
    assert response.status_code == 200
    assert Offer.objects.get(pk=offer.pk).provider == world.tfl
    page = client.get(url("add")).content.decode()
    assert world.tfl.name in page
    assert world.camden_council.name not in page


def test_compact_editor_adds_only_pan_london_and_national_offers(client, world):
    as_user(client, world, "compact_editor")
    page = client.get(url("add")).content.decode()
    assert f'value="{world.london.pk}"' in page
    assert f'value="{world.england.pk}"' in page
    assert f'value="{world.camden.pk}"' not in page


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_delete_page(client, world, role):
    as_user(client, world, role)
    for name, offer in world.offers.items():
        response = client.get(url("delete", offer.pk))
        if name not in visible(role, world):
            assert_hidden(response, offer)
        elif name in changeable(role, world) and (
            offer.status == Offer.Status.DRAFT or role == "site_admin"
        ):
            assert response.status_code == 200, name
        else:
            assert response.status_code == 403, name


def test_deleting_another_boroughs_offer_by_post_deletes_nothing(client, world):
    as_user(client, world, "camden_editor")
    for name in ("islington_draft", "islington_published", "tfl_draft"):
        offer = world.offer(name)
        response = client.post(url("delete", offer.pk), {"post": "yes"})
        assert_hidden(response, offer)
        assert Offer.objects.filter(pk=offer.pk).exists()


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_history_page(client, world, role):
    as_user(client, world, role)
    for name, offer in world.offers.items():
        response = client.get(url("history", offer.pk))
        if name in visible(role, world):
            assert response.status_code == 200, name
        else:
            assert_hidden(response, offer)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_a_past_version_is_seen_by_viewers_and_restored_only_by_editors(client, world, role):
    as_user(client, world, role)
    for name, offer in world.offers.items():
        version = offer.history.earliest()
        version_url = reverse(
            "admin:offers_offer_simple_history", args=[offer.pk, version.history_id]
        )
        response = client.get(version_url)
        if name not in visible(role, world):
            assert_hidden(response, offer)
        else:
            assert response.status_code == 200, name
        response = client.post(version_url, offer_form_data(offer, title="Reverted by stranger"))
        if name not in changeable(role, world):
            assert response.status_code in (403, 404), name
            assert Offer.objects.get(pk=offer.pk).title == offer.title


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_provider_autocomplete_answers_every_staff_member(client, world, role):
    as_user(client, world, role)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "offers",
            "model_name": "offer",
            "field_name": "provider",
            "term": "Transport",
        },
    )
    assert response.status_code == 200
    assert world.tfl.name in {r["text"] for r in response.json()["results"]}


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_autocomplete_never_lists_staff_accounts_to_non_admins(client, world, role):
    as_user(client, world, role)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "offers", "model_name": "offer", "field_name": "published_by", "term": ""},
    )
    if role == "site_admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert b"camden_editor" not in response.content


def test_autocomplete_is_refused_to_someone_without_a_role(client, world):
    as_user(client, world, "no_role")
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "offers", "model_name": "offer", "field_name": "provider", "term": ""},
    )
    assert response.status_code in (302, 403)
    assert world.tfl.name.encode() not in response.content


def _action(client, action, *offers):
    return client.post(
        url("changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in offers], "post": "yes"},
    )


def test_bulk_actions_cannot_reach_offers_outside_the_list(client, world):
    """A borough editor's list holds only their offers: another borough's ids are ignored."""
    as_user(client, world, "camden_editor")
    islington = world.offer("islington_published")
    for action in ("withdraw_selected", "delete_selected", "confirm_checked"):
        response = _action(client, action, islington)
        assert response.status_code in (302, 200, 403, 404)
        assert islington.title.encode() not in response.content
    after = Offer.objects.get(pk=islington.pk)
    assert after.status == Offer.Status.PUBLISHED
    assert after.last_checked == islington.last_checked


def test_bulk_actions_on_offers_seen_but_not_theirs_are_refused(client, world):
    """A compact editor sees borough offers but may not change them, in bulk either."""
    as_user(client, world, "compact_editor")
    camden = world.offer("camden_published")
    mine = world.offer("london_draft")
    for action in ("withdraw_selected", "delete_selected", "confirm_checked", "publish_selected"):
        response = _action(client, action, camden, mine)
        assert response.status_code == 403, action
    assert Offer.objects.get(pk=camden.pk).status == Offer.Status.PUBLISHED
    assert Offer.objects.filter(pk=mine.pk).exists()


def test_board_viewer_has_only_the_export_action(client, world):
    as_user(client, world, "board_viewer")
    response = client.get(url("changelist"))
    actions = {value for value, _label in response.context["action_form"].fields["action"].choices}
    assert actions == {"", "export_selected"}
    response = _action(client, "withdraw_selected", world.offer("camden_published"))
    assert Offer.objects.get(pk=world.offer("camden_published").pk).status == "published"


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_export_holds_only_what_the_role_may_see(client, world, role):
    as_user(client, world, role)
    for response in (
        client.get(url("export")),
        _action(client, "export_selected", *world.offers.values()),
    ):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        body = response.content.decode("utf-8-sig")
        shown = {name for name, o in world.offers.items() if o.title in body}
        assert shown == visible(role, world)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_import_page(client, world, role):
    response = as_user(client, world, role).get(url("import"))
    assert response.status_code == (403 if role == "board_viewer" else 200)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_one_click_confirm_per_role(client, world, role):
    as_user(client, world, role)
    long_ago = datetime.date(2020, 1, 1)
    for name, offer in world.offers.items():
        Offer.objects.filter(pk=offer.pk).update(last_checked=long_ago)
        response = client.post(url("confirm_checked", offer.pk))
        checked = Offer.objects.get(pk=offer.pk).last_checked == timezone.localdate()
        if name in changeable(role, world):
            assert response.status_code == 302, name
            assert checked, name
        else:
            assert response.status_code in (403, 404), name
            assert not checked, name


def test_one_click_confirm_needs_post(client, world):
    as_user(client, world, "camden_editor")
    response = client.get(url("confirm_checked", world.offer("camden_draft").pk))
    assert response.status_code == 405


def test_export_with_the_lists_filters_and_bad_filters(client, world):
    as_user(client, world, "compact_editor")
    response = client.get(url("export"), {"status__exact": "published"})
    body = response.content.decode("utf-8-sig")
    assert world.offer("camden_published").title in body
    assert world.offer("camden_draft").title not in body
    response = client.get(url("export"), {"no_such_field__gt": "1"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "not-a-uuid/change/",
        "not-a-uuid/history/",
        "not-a-uuid/history/1/",
        "not-a-uuid/delete/",
        "00000000-0000-0000-0000-000000000000/change/",
        "00000000-0000-0000-0000-000000000000/history/",
    ],
)
def test_malformed_or_unknown_ids_are_404(client, world, path):
    as_user(client, world, "camden_editor")
    response = client.get(url("changelist") + path)
    assert response.status_code == 404
    offer = world.offer("camden_draft")
    response = client.get(url("changelist") + f"{offer.pk}/history/not-a-number/")
    assert response.status_code == 404
