"""In which language a page shows an offer's (or theme's, or commitment's) own text.

Staff translate content in admin (offers/translation.py). Where a translation is missing,
English is shown in its place, and the page marks it as English. A translation a fluent
speaker has checked carries a record in the object's `translation_checks`:

    {"ar": {"by": "amina", "on": "2026-11-27", "fingerprint": "…"}}

The fingerprint is a hash of the English text and the translation as they were checked.
Any later change to either makes the check lapse by itself (the fingerprints no longer
match), wherever the change came from: admin, a CSV import, a revert from history.

No database access here: everything is read from the object's loaded fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

ENGLISH = "en"


def translated_fields(model) -> tuple[str, ...]:
    """The fields of `model` registered for translation, in their declared order."""
    return tuple(translator.get_options_for_model(model).fields)


def other_languages() -> list[tuple[str, str]]:
    """(code, name) of every language besides English."""
    return [(code, name) for code, name in settings.LANGUAGES if code != ENGLISH]


def _text(obj, field: str, language: str) -> str:
    return (getattr(obj, build_localized_fieldname(field, language), None) or "").strip()


def has_translation(obj, language: str) -> bool:
    """Has `obj` any text of its own in `language`?"""
    return any(_text(obj, field, language) for field in translated_fields(type(obj)))


def fingerprint(obj, language: str) -> str:
    """A hash of the English text and its translation into `language`, field by field."""
    digest = hashlib.sha256()
    for field in translated_fields(type(obj)):
        for code in (ENGLISH, language):
            digest.update(_text(obj, field, code).encode())
            digest.update(b"\x1f")
    return digest.hexdigest()


def check_record(obj, language: str) -> dict | None:
    """The check on record for `language`, if it still holds for the text as it is now."""
    record = (getattr(obj, "translation_checks", None) or {}).get(language)
    if not isinstance(record, dict) or record.get("fingerprint") != fingerprint(obj, language):
        return None
    return record


def is_checked(obj, language: str) -> bool:
    if language == ENGLISH:
        return True
    return has_translation(obj, language) and check_record(obj, language) is not None


def with_check(obj, language: str, *, by: str, on: str) -> dict:
    """`obj.translation_checks` with a check of `language` recorded now (not saved)."""
    checks = dict(getattr(obj, "translation_checks", None) or {})
    checks[language] = {"by": by, "on": on, "fingerprint": fingerprint(obj, language)}
    return checks


def without_check(obj, language: str) -> dict:
    checks = dict(getattr(obj, "translation_checks", None) or {})
    checks.pop(language, None)
    return checks


@dataclass(frozen=True)
class ContentLanguage:
    """How a page in `language` shows one object's text.

    english: the fields shown in English because they have no translation.
    translated: some field is shown in `language` (a translation of staff's).
    checked: that translation has been checked by a fluent speaker.
    """

    language: str
    english: frozenset[str] = frozenset()
    translated: bool = False
    checked: bool = True

    def in_english(self, field: str) -> bool:
        return field in self.english

    @property
    def unchecked(self) -> bool:
        """Shown (at least partly) in a translation no fluent speaker has checked yet."""
        return self.translated and not self.checked


def content_language(obj, language: str) -> ContentLanguage:
    if language == ENGLISH:
        return ContentLanguage(ENGLISH)
    english, translated = set(), False
    for field in translated_fields(type(obj)):
        if _text(obj, field, language):
            translated = True
        elif _text(obj, field, ENGLISH):
            english.add(field)
    return ContentLanguage(
        language=language,
        english=frozenset(english),
        translated=translated,
        checked=translated and check_record(obj, language) is not None,
    )
