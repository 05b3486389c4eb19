from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from offers.services import offers_import


class Command(BaseCommand):
    help = (
        "Import offers from a CSV file (columns in README “Bulk import and export”). "
        "All or nothing: if any row has an error, nothing is saved and every error is listed "
        "with its line and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8, with or without a BOM).")
        parser.add_argument(
            "--user",
            help="Import as this staff member: only the offers their role may change, "
            "and history records them. Without it, an operator's import may change anything.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; save nothing."
        )

    def handle(self, *args, file, user=None, dry_run=False, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(f"Cannot read {path}: {e.strerror}") from e
        by = None
        if user:
            by = get_user_model().objects.filter(username=user, is_active=True).first()
            if by is None:
                raise CommandError(f"No active user named {user!r}.")
        try:
            plan = offers_import(data=data, by=by, commit=not dry_run)
        except IntegrityError as e:
            raise CommandError(f"Nothing was imported: the database refused it ({e}).") from e
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(
                f"{len(plan.errors)} error(s); nothing was imported. Fix them and run again."
            )
        verb = "Would import" if dry_run else "Imported"
        summary = (
            f"{verb} {len(plan.rows)} offers: {plan.created} new, {plan.updated} changed, "
            f"{plan.unchanged} unchanged."
        )
        if plan.new_providers:
            summary += f" New providers: {', '.join(plan.new_providers)}."
        self.stdout.write(self.style.SUCCESS(summary))
