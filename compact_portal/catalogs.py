"""The interface's translations: locale/<language>/LC_MESSAGES/django.po, made by
`make messages` (Django's makemessages), filled in by fluent speakers (README "Languages
and translation"), and compiled into .mo files at build time (`make static`, which
`make run` and `make test` run too; tests/conftest.py as well, for a bare pytest).

The .mo files are build products and never committed. They are compiled with polib, so a
machine with only Python builds them (Django's compilemessages needs GNU gettext). Like
msgfmt, fuzzy and untranslated entries are left out: the English is shown for them.

No Django imports: tests/conftest.py compiles before Django starts.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale"


def catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(locale_dir: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Compile each .po newer than its .mo; returns the .mo files written."""
    written = []
    for po_path in catalogs(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Written aside, then moved into place: a server or a parallel test run never
        # reads half a file.
        part = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.part")
        polib.pofile(str(po_path)).save_as_mofile(str(part))
        os.replace(part, mo_path)
        written.append(mo_path)
    return written


@dataclass(frozen=True)
class Statistics:
    language: str
    translated: int
    untranslated: int
    fuzzy: int

    @property
    def complete(self) -> bool:
        return self.untranslated == 0 and self.fuzzy == 0

    def __str__(self):
        return (
            f"{self.language}: {self.translated} translated, {self.fuzzy} fuzzy, "
            f"{self.untranslated} untranslated"
        )


def statistics(po_path: Path) -> Statistics:
    """As `msgfmt --statistics` counts them (obsolete entries left out)."""
    catalog = polib.pofile(str(po_path))
    return Statistics(
        language=po_path.parent.parent.name,
        translated=len(catalog.translated_entries()),
        untranslated=len(catalog.untranslated_entries()),
        fuzzy=len(catalog.fuzzy_entries()),
    )


_PYTHON_FORMAT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdif%]")


def placeholders(text: str) -> list[str]:
    """The %-placeholders of a python-format string, sorted (%% left out)."""
    return sorted(
        m.group(1) or m.group(0) for m in _PYTHON_FORMAT.finditer(text) if m.group(0) != "%%"
    )


def placeholder_problems(po_path: Path) -> list[str]:
    """Translations whose %(name)s placeholders differ from the English: each would make
    the page fail (or say the wrong thing) in that language."""
    problems = []
    for entry in polib.pofile(str(po_path)).translated_entries():
        if "python-format" not in entry.flags:
            continue
        wanted = placeholders(entry.msgid)
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for index, text in enumerate(translations):
            found = placeholders(text)
            # A plural form may leave the count out ("one offer"), never add a name.
            plural_wanted = placeholders(entry.msgid_plural) if entry.msgid_plural else wanted
            allowed = {*wanted, *plural_wanted}
            if entry.msgid_plural:
                ok = set(found) <= allowed
            else:
                ok = found == wanted
            if not ok:
                problems.append(
                    f"{po_path.parent.parent.name} (form {index}): {entry.msgid!r} has "
                    f"{found}, wants {wanted}"
                )
    return problems
