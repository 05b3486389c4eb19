from django.core.management.base import BaseCommand

from compact_portal.catalogs import compile_catalogs


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po into .mo files with polib (no GNU gettext "
        "needed). Only catalogs changed since their last compile, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalog.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogs(force=force)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Compiled {len(written)} translation catalog(s).")
