"""`make messages`: bring locale/<language>/LC_MESSAGES/django.po up to date with the code.

Django's makemessages (GNU gettext's xgettext and msgmerge must be installed) for every
language in settings.LANGUAGES besides English, then the headers gettext cannot fill in for
the languages Django has no catalogue of its own for (Pashto, Tigrinya, Amharic).

Staff-only code is left out: the admin is in English only (it has no language prefix), so
the fluent speakers translate only what care leavers and the Trust Board read.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from compact_portal.catalogs import compile_catalogs

IGNORE = [
    # Not the portal's code.
    ".venv",
    "node_modules",
    "static/dist",
    "staticfiles",
    "tests",
    "bench",
    # Staff-only: the admin, its CSV import and workflow messages, staff emails.
    "staff",
    "templates/admin",
    "admin.py",
    "translation_admin.py",
    "csv_io.py",
    "workflow.py",
    "email_overdue_offers.py",
]

# CLDR's plural rules, for the languages whose Django catalogue would give them.
PLURAL_FORMS = {
    "ps": "nplurals=2; plural=(n != 1);",
    "ti": "nplurals=2; plural=(n > 1);",
    "am": "nplurals=2; plural=(n > 1);",
}


def fix_header(po_path: Path, language: str) -> None:
    text = po_path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n\n")
    head = head.replace('"Language: \\n"', f'"Language: {language}\\n"')
    head = head.replace(
        '"Project-Id-Version: PACKAGE VERSION\\n"',
        '"Project-Id-Version: London Care Leavers Compact portal\\n"',
    )
    if language in PLURAL_FORMS:
        head = head.replace(
            '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
            f'"Plural-Forms: {PLURAL_FORMS[language]}\\n"',
        )
    # A new catalogue's header is marked fuzzy, and msgfmt leaves fuzzy entries out.
    head = head.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
    po_path.write_text(head + sep + rest, encoding="utf-8")


class Command(BaseCommand):
    help = "Update locale/*/LC_MESSAGES/django.po from the code and templates (needs gettext)."

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        call_command(
            "makemessages",
            locale=languages,
            add_location="file",
            no_obsolete=True,
            ignore_patterns=IGNORE,
            verbosity=0,
        )
        locale_dir = Path(settings.LOCALE_PATHS[0])
        for code in languages:
            fix_header(locale_dir / code / "LC_MESSAGES" / "django.po", code)
        compile_catalogs(locale_dir)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Updated the catalogues of {', '.join(languages)}.")
