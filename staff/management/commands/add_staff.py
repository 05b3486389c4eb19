import difflib
import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from boroughs.models import Area
from offers.models import Provider
from staff.roles import Role
from staff.services import staff_member_save


class Command(BaseCommand):
    help = (
        "Create a staff account (or update one) with its role. The password comes from the "
        "STAFF_PASSWORD environment variable, or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--area", help="GSS code of the borough (borough-editor).")
        parser.add_argument("--provider", help="Name of the provider (provider-editor).")
        parser.add_argument("--email", default="", help="For the overdue-offers emails.")

    def handle(self, *args, username, role, area=None, provider=None, email="", **options):
        role = Role(role)
        if role == Role.BOROUGH_EDITOR and not area:
            raise CommandError("A borough-editor needs --area GSS_CODE (e.g. E09000007).")
        if role == Role.PROVIDER_EDITOR and not provider:
            raise CommandError('A provider-editor needs --provider NAME (e.g. "TfL").')
        if area and role != Role.BOROUGH_EDITOR:
            raise CommandError(f"--area is only for borough-editor, not {role.value}.")
        if provider and role != Role.PROVIDER_EDITOR:
            raise CommandError(f"--provider is only for provider-editor, not {role.value}.")
        area_obj = self._area(area) if area else None
        provider_obj = self._provider(provider) if provider else None
        password = self._password()
        try:
            user, created = staff_member_save(
                username=username,
                role=role,
                password=password,
                email=email,
                area=area_obj,
                provider=provider_obj,
            )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        tied = f" for {area_obj or provider_obj}" if (area_obj or provider_obj) else ""
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.username}: {role.label}{tied}."))

    def _area(self, code):
        area = Area.objects.filter(gss_code=code.strip().upper()).first()
        if area is None:
            raise CommandError(
                f"No area has the GSS code {code!r}. London boroughs are E09000001 to E09000033."
            )
        if area.kind != Area.Kind.LOCAL_AUTHORITY:
            raise CommandError(f"{area.name} ({area.gss_code}) is not a borough.")
        return area

    def _provider(self, name):
        provider = Provider.objects.filter(name__iexact=name.strip()).first()
        if provider is None:
            names = list(Provider.objects.values_list("name", flat=True))
            close = difflib.get_close_matches(name, names, n=3)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise CommandError(f"No provider is named {name!r}.{hint}")
        return provider

    def _password(self):
        password = os.environ.get("STAFF_PASSWORD")
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError("Set STAFF_PASSWORD, or run this in a terminal to be asked.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords did not match.")
        if not first:
            raise CommandError("The password cannot be blank.")
        return first
