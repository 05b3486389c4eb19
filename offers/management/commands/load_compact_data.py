from django.core.management.base import BaseCommand

from offers.services import compact_data_load


class Command(BaseCommand):
    help = (
        "Load the Compact's areas, themes, commitments, providers and offers. "
        "Idempotent; keeps what staff have changed unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Reset records that exist to the shipped data.",
        )

    def handle(self, *args, update=False, **options):
        counts = compact_data_load(update=update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Compact data loaded: {counts['created']} created, {counts['updated']} updated."
            )
        )
