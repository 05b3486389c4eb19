"""manage.py email_overdue_offers: each borough's and provider's editors get their overdue
offers, through Django's email backend (locmem in tests)."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from offers.models import Offer
from staff.roles import Role
from tests.staff.world import make_staff


def run(*args):
    out = io.StringIO()
    call_command("email_overdue_offers", *args, stdout=out)
    return out.getvalue()


def overdue(offer):
    Offer.objects.filter(pk=offer.pk).update(
        last_checked=timezone.localdate() - datetime.timedelta(days=200)
    )


def test_each_borough_and_provider_gets_its_own_overdue_offers(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PORTAL_URL = "https://compact.example"
    Offer.objects.update(last_checked=timezone.localdate())
    make_staff("camden_second", Role.BOROUGH_EDITOR, area=world.camden)
    for name in ("camden_published", "islington_draft", "tfl_draft"):
        overdue(world.offer(name))
    Offer.objects.filter(pk=world.offer("camden_draft").pk).update(
        status="withdrawn", last_checked=datetime.date(2020, 1, 1)
    )  # withdrawn offers need no check

    run()
    by_recipients = {tuple(m.to): m for m in mail.outbox}
    camden = by_recipients[("camden_editor@example.org", "camden_second@example.org")]
    assert camden.subject == "1 offer for Camden needs checking"
    assert "Camden rent deposit" in camden.body
    assert "Camden secret draft" not in camden.body
    assert "Islington" not in camden.body
    offer_url = (
        f"https://compact.example/admin/offers/offer/{world.offer('camden_published').pk}/change/"
    )
    assert offer_url in camden.body

    islington = by_recipients[("islington_editor@example.org",)]
    assert "Islington secret draft" in islington.body and "Camden" not in islington.body

    tfl = by_recipients[("tfl_editor@example.org",)]
    assert "TfL secret draft" in tfl.body
    compact = by_recipients[("compact_editor@example.org",)]
    assert "TfL secret draft" in compact.body  # a pan-London offer
    assert "Camden" not in compact.body
    # Viewers and site administrators keep no offers of their own.
    everyone = {address for m in mail.outbox for address in m.to}
    assert "board_viewer@example.org" not in everyone
    assert "site_admin@example.org" not in everyone


def test_nothing_overdue_sends_nothing(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Offer.objects.update(last_checked=timezone.localdate())
    assert "Sent 0 emails." in run()
    assert mail.outbox == []


def test_dry_run_and_inactive_editors(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Offer.objects.update(last_checked=timezone.localdate())
    overdue(world.offer("islington_draft"))
    out = run("--dry-run")
    assert "Islington: 1" in out and "Would send" in out
    assert mail.outbox == []
    islington = world.user("islington_editor")
    islington.is_active = False
    islington.save()
    run()
    assert all("islington_editor@example.org" not in m.to for m in mail.outbox)
