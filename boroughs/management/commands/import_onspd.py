from django.core.management.base import BaseCommand, CommandError

from boroughs.onspd import OnspdError
from boroughs.postcode_package import ATTRIBUTION
from boroughs.postcode_services import OnspdMalformed, onspd_import
from boroughs.postcode_store import UnsupportedDatabase


class Command(BaseCommand):
    help = (
        "Replace every postcode with a full ONS Postcode Directory (ONSPD) or NSPL file that "
        "you downloaded from ONS: .csv or .zip, November 2025 or August 2024 layout. Keeps "
        "each postcode's local authority, ICB and whether it is terminated. All or nothing: "
        "if anything fails, the postcodes loaded before stay in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="ONSPD or NSPL .csv, or the .zip as ONS ships it")
        parser.add_argument(
            "--names",
            action="append",
            default=[],
            metavar="CSV",
            help="An ONS names-and-codes CSV (e.g. LAD25CD,LAD25NM or ICB23CD,ICB23NM) to "
            "name the codes; a .zip's Documents/ files are read without this. Repeatable.",
        )
        parser.add_argument(
            "--skip-malformed",
            action="store_true",
            help="Import the good rows even if some are malformed (they are still listed).",
        )

    def handle(self, *args, file, names, skip_malformed, **options):
        verbose = options["verbosity"] >= 1

        def progress(count):
            if verbose:
                self.stdout.write(f"  {count:,} rows read")

        if verbose:
            self.stdout.write(f"Importing postcodes from {file}…")
        try:
            report = onspd_import(
                path=file, names_files=names, skip_malformed=skip_malformed, progress=progress
            )
        except OnspdMalformed as error:
            for line in error.malformed.lines():
                self.stderr.write(line)
            raise CommandError(
                f"{error.malformed.count:,} malformed rows: nothing was imported, and the "
                "postcodes loaded before are still in place. Fix the file, or import the "
                "rest with --skip-malformed."
            ) from error
        except (OnspdError, UnsupportedDatabase, OSError) as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in report.malformed.lines():
            self.stderr.write(f"skipped: {line}")
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {report.postcodes:,} postcodes in {report.seconds:.1f} s "
                    f"({report.names} area names; {report.malformed.count:,} malformed rows "
                    "skipped)."
                )
            )
            self.stdout.write(ATTRIBUTION)
