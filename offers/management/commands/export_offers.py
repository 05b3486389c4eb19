import io

from django.core.management.base import BaseCommand, CommandError

from boroughs.models import Area
from offers.csv_io import offers_csv_write, offers_for_csv
from offers.models import Offer, Provider


class Command(BaseCommand):
    help = (
        "Write offers as CSV, in the columns import_offers reads, so that export, edit "
        "in a spreadsheet and import round-trips."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--area", help="Only offers made in this area (GSS code).")
        parser.add_argument("--provider", help="Only this provider's offers (its name).")
        parser.add_argument(
            "--status",
            choices=["draft", "published", "withdrawn"],
            action="append",
            help="Only offers with this status (repeat for more than one).",
        )

    def handle(self, *args, output=None, area=None, provider=None, status=None, **options):
        offers = Offer.objects.order_by("area__name", "provider__name", "title")
        if area:
            found = Area.objects.filter(gss_code=area.upper()).first()
            if found is None:
                raise CommandError(f"No area has the GSS code {area!r}.")
            offers = offers.filter(area=found)
        if provider:
            found = Provider.objects.filter(name__iexact=provider).first()
            if found is None:
                raise CommandError(f"No provider is named {provider!r}.")
            offers = offers.filter(provider=found)
        if status:
            offers = offers.filter(status__in=status)
        offers = offers_for_csv(offers)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                offers_csv_write(offers, out)
            self.stderr.write(f"Wrote {offers.count()} offers to {output}.")
        else:
            buffer = io.StringIO(newline="")
            offers_csv_write(offers, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
