from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from offers.models import CHECK_DUE_MONTHS
from staff.selectors import overdue_digests


class Command(BaseCommand):
    help = (
        "Email each borough's and provider's editors (and the Compact editors) the offers "
        f"they keep that nobody has confirmed for {CHECK_DUE_MONTHS} months. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be emailed; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        base = settings.PORTAL_URL.rstrip("/")
        messages = []
        for digest in overdue_digests(today):
            subject = ngettext(
                "%(count)d offer for %(name)s needs checking",
                "%(count)d offers for %(name)s need checking",
                len(digest.offers),
            ) % {"count": len(digest.offers), "name": digest.name}
            body = render_to_string(
                "staff/email/overdue_offers.txt",
                {
                    "digest": digest,
                    "months": CHECK_DUE_MONTHS,
                    "offers": [
                        (
                            offer,
                            base + reverse("admin:offers_offer_change", args=[offer.pk]),
                        )
                        for offer in digest.offers
                    ],
                    "list_url": base + reverse("admin:offers_offer_changelist") + "?check=due",
                },
            )
            messages.append(EmailMessage(subject, body, to=digest.recipients))
            self.stdout.write(f"{digest.name}: {len(digest.offers)} → {len(digest.recipients)}")
        if not dry_run and messages:
            get_connection().send_messages(messages)
        count = len(messages)
        if dry_run:
            done = ngettext("Would send %d email.", "Would send %d emails.", count)
        else:
            done = ngettext("Sent %d email.", "Sent %d emails.", count)
        self.stdout.write(self.style.SUCCESS(done % count))
