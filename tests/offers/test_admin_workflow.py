"""Draft → published → withdrawn in admin, who and when; optional second-person approval;
history that shows and restores; "last checked" and the overdue flag."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from offers.models import Offer
from staff.models import PublishingPolicy
from staff.roles import Role
from tests.staff.world import make_staff, offer_form_data, world_fixtures

module_world, world = world_fixtures()


def change_url(offer):
    return reverse("admin:offers_offer_change", args=[offer.pk])


def press(client, offer, button, **changes):
    fresh = Offer.objects.get(pk=offer.pk)
    return client.post(change_url(offer), {**offer_form_data(fresh, **changes), button: "1"})


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_publish_then_withdraw_records_who_and_when(client, world):
    editor = world.user("camden_editor")
    client.force_login(editor)
    offer = world.offer("camden_draft")
    today = timezone.localdate()
    assert offer not in Offer.objects.public(today)

    response = press(client, offer, "_publish")
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.published_by == editor
    assert offer.published_at is not None
    assert offer in Offer.objects.public(today)

    press(client, offer, "_withdraw")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN
    assert offer.withdrawn_by == editor
    assert offer not in Offer.objects.public(today)
    latest = offer.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Withdrawn"


def test_publishing_without_a_source_is_refused_with_the_reason(client, world):
    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_draft")
    response = press(client, offer, "_publish", source_url="")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT
    assert any("source address" in m for m in messages_of(response))


def test_the_public_never_sees_a_draft(world):
    public = set(Offer.objects.public(timezone.localdate()))
    assert not {o for o in world.offers.values() if o.status == Offer.Status.DRAFT} & public


def test_second_person_approval(client, world):
    PublishingPolicy.objects.create(area=world.camden, second_approval=True)
    alice = world.user("camden_editor")
    bob = make_staff("bob", Role.BOROUGH_EDITOR, area=world.camden)
    offer = world.offer("camden_draft")

    client.force_login(alice)
    page = client.get(change_url(offer)).content
    assert b'name="_publish"' not in page
    assert b'name="_ask_approval"' in page
    press(client, offer, "_publish")  # forged: no button, refused by the server
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT

    press(client, offer, "_ask_approval")
    offer.refresh_from_db()
    assert offer.approval_requested_by == alice
    assert b'name="_publish"' not in client.get(change_url(offer)).content
    press(client, offer, "_publish")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT  # not by the person who asked

    # The list shows what waits for approval.
    waiting = client.get(reverse("admin:offers_offer_changelist"), {"approval": "waiting"})
    assert offer.title.encode() in waiting.content

    client.force_login(bob)
    assert b'name="_publish"' in client.get(change_url(offer)).content
    press(client, offer, "_publish")
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.published_by == bob
    assert offer.approval_requested_by is None


def test_an_edit_after_asking_for_approval_asks_again(client, world):
    PublishingPolicy.objects.create(area=world.camden, second_approval=True)
    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_draft")
    press(client, offer, "_ask_approval")
    client.post(change_url(offer), offer_form_data(offer, title="Changed after asking"))
    offer.refresh_from_db()
    assert offer.title == "Changed after asking"
    assert offer.approval_requested_by is None


def test_bulk_publish_is_all_or_nothing(client, world):
    client.force_login(world.user("camden_editor"))
    good = world.offer("camden_draft")
    bad = Offer.objects.create(
        title="No source yet",
        summary="s",
        details="d",
        how_to_get="h",
        provider=world.camden_council,
        area=world.camden,
    )
    response = client.post(
        reverse("admin:offers_offer_changelist"),
        {"action": "publish_selected", "_selected_action": [str(good.pk), str(bad.pk)]},
    )
    assert response.status_code == 302
    assert any("No source yet" in m for m in messages_of(response))
    good.refresh_from_db()
    assert good.status == Offer.Status.DRAFT


def test_history_shows_who_changed_what_and_restores_it(client, world):
    editor = world.user("camden_editor")
    client.force_login(editor)
    offer = world.offer("camden_published")
    old_title = offer.title
    client.post(change_url(offer), offer_form_data(offer, title="A clearer title"))
    offer.refresh_from_db()
    assert offer.title == "A clearer title"

    page = client.get(reverse("admin:offers_offer_history", args=[offer.pk])).content.decode()
    assert editor.username in page
    assert old_title in page and "A clearer title" in page  # what changed, from and to

    first = offer.history.earliest()
    version_url = reverse("admin:offers_offer_simple_history", args=[offer.pk, first.history_id])
    page = client.get(version_url)
    assert page.status_code == 200
    response = client.post(version_url, offer_form_data(first.instance, title=old_title))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == old_title
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.history.first().history_user == editor


def test_restoring_an_old_draft_version_does_not_unpublish(client, world):
    """Workflow fields are not content: a revert keeps the offer's status as it is now."""
    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_draft")
    draft_version = offer.history.earliest()
    press(client, offer, "_publish")
    version_url = reverse(
        "admin:offers_offer_simple_history", args=[offer.pk, draft_version.history_id]
    )
    client.post(version_url, offer_form_data(draft_version.instance))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED


def test_overdue_offers_are_flagged_and_listed_for_their_owners(client, world):
    client.force_login(world.user("camden_editor"))
    changelist = reverse("admin:offers_offer_changelist")
    page = client.get(changelist).content.decode()
    assert "1 of your offers has not been checked for 6 months" in page
    assert "Overdue" in page
    due = client.get(changelist, {"check": "due"}).content.decode()
    assert world.offer("camden_published").title in due
    assert world.offer("camden_draft").title not in due
    change = client.get(change_url(world.offer("camden_published"))).content.decode()
    assert "Nobody has confirmed this offer is still right for 6 months" in change

    client.force_login(world.user("board_viewer"))
    assert "of your offers" not in client.get(changelist).content.decode()


def test_one_click_confirm_from_the_list(client, world):
    editor = world.user("camden_editor")
    client.force_login(editor)
    offer = world.offer("camden_published")
    changelist = reverse("admin:offers_offer_changelist")
    page = client.get(changelist).content.decode()
    confirm = reverse("admin:offers_offer_confirm_checked", args=[offer.pk])
    assert f'formaction="{confirm}"' in page
    response = client.post(confirm, HTTP_REFERER="http://testserver" + changelist + "?check=due")
    assert response.status_code == 302
    assert response["Location"].endswith("?check=due")
    offer.refresh_from_db()
    assert offer.last_checked == timezone.localdate()
    assert offer.last_checked_by == editor
    assert offer.history.first().history_change_reason == "Checked: still right"
    assert "of your offers" not in client.get(changelist).content.decode()


def test_save_and_confirm_from_the_change_page(client, world):
    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_published")
    press(client, offer, "_confirm_checked", summary="Still right, reworded.")
    offer.refresh_from_db()
    assert offer.summary == "Still right, reworded."
    assert offer.last_checked == timezone.localdate()


def test_confirm_redirects_only_within_the_site(client, world):
    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_published")
    response = client.post(
        reverse("admin:offers_offer_confirm_checked", args=[offer.pk]),
        HTTP_REFERER="https://evil.example/",
    )
    assert response["Location"] == reverse("admin:offers_offer_changelist")


def test_six_months_to_the_day(world):
    offer = world.offer("camden_draft")
    today = datetime.date(2026, 8, 31)
    Offer.objects.filter(pk=offer.pk).update(last_checked=datetime.date(2026, 2, 28))
    assert not Offer.objects.filter(pk=offer.pk).overdue_for_check(today).exists()
    Offer.objects.filter(pk=offer.pk).update(last_checked=datetime.date(2026, 2, 27))
    assert Offer.objects.filter(pk=offer.pk).overdue_for_check(today).exists()


def test_history_shows_theme_changes(client, world):
    from offers.models import Theme

    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_published")
    money = Theme.objects.get(slug="money")
    housing = Theme.objects.get(slug="housing")
    client.post(change_url(offer), offer_form_data(offer, themes=[housing.pk, money.pk]))
    page = client.get(reverse("admin:offers_offer_history", args=[offer.pk])).content.decode()
    assert "Money" in page


def test_the_admin_home_page_tells_editors_what_to_check(client, world):
    client.force_login(world.user("camden_editor"))
    page = client.get(reverse("admin:index")).content.decode()
    assert "1 of your offers has not been checked for 6 months." in page
    assert "?check=due" in page
    client.force_login(world.user("islington_editor"))
    assert "of your offers" not in client.get(reverse("admin:index")).content.decode()
