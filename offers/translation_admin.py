"""Admin for translated content: English where the admin's fieldsets put each field, and
each other language in a folded section of its own, with a "checked by a fluent speaker"
box.

No JavaScript and no third-party files (modeltranslation's tabbed admin loads jQuery UI
from a CDN): the language sections are <details> elements, which Django's admin renders
for fieldsets with the "collapse" class.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from offers import content_language

CHECK_PREFIX = "translation_check_"


def check_field_name(language: str) -> str:
    return f"{CHECK_PREFIX}{language}"


class TranslationChecksForm(forms.ModelForm):
    """Records which translations a fluent speaker has checked (offers.content_language).

    A fresh tick records a check of the text as it is saved; taking a tick off removes the
    check. A tick left as it was changes nothing: if the text changed, the old check no
    longer matches it and lapses, so it shows unticked next time.
    """

    checked_by = ""  # set per request by TranslatedAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in content_language.other_languages():
            field = self.fields.get(check_field_name(code))
            if field is None:
                continue
            record = content_language.check_record(self.instance, code)
            checked = record is not None and content_language.has_translation(self.instance, code)
            field.initial = checked
            if checked:
                field.help_text = _("Checked by %(by)s on %(on)s.") % record
            elif (self.instance.translation_checks or {}).get(code):
                field.help_text = _(
                    "It was checked, but the English or this translation has changed since. "
                    "Tick again when a fluent speaker has checked the text as it is now."
                )
            else:
                field.help_text = _(
                    "Tick when a fluent speaker has read this translation against the "
                    "English. Any later change to either clears the tick."
                )

    def clean(self):
        cleaned = super().clean()
        fields = content_language.translated_fields(self._meta.model)
        for code, _name in content_language.other_languages():
            name = check_field_name(code)
            if name not in self.fields or not cleaned.get(name) or name not in self.changed_data:
                continue
            texts = [
                cleaned.get(build_localized_fieldname(f, code))
                or getattr(self.instance, build_localized_fieldname(f, code), "")
                for f in fields
            ]
            if not any((text or "").strip() for text in texts):
                self.add_error(name, _("There is no translation in this language to check."))
        return cleaned

    def save(self, commit=True):
        # The instance holds the new texts by now (ModelForm's _post_clean).
        for code, _name in content_language.other_languages():
            name = check_field_name(code)
            if name not in self.changed_data:
                continue
            if self.cleaned_data.get(name):
                self.instance.translation_checks = content_language.with_check(
                    self.instance,
                    code,
                    by=self.checked_by,
                    on=timezone.localdate().isoformat(),
                )
            else:
                self.instance.translation_checks = content_language.without_check(
                    self.instance, code
                )
        return super().save(commit)


def _checks_form(base):
    fields = {
        check_field_name(code): forms.BooleanField(
            label=gettext_lazy("A fluent speaker has checked this translation"),
            required=False,
        )
        for code, _name in content_language.other_languages()
    }
    bases = (base,) if issubclass(base, TranslationChecksForm) else (TranslationChecksForm, base)
    return type(f"Checked{base.__name__}", bases, fields)


class TranslatedAdmin:
    """Mix in first: class OfferAdmin(TranslatedAdmin, ScopedAdmin).

    The English stays in the model's own fields (title, summary, …), as the admin's
    fieldsets, the CSV import and the tests name them: the admin is always in English
    (no language prefix), so they read and write the English columns. Each other language
    gets a folded section with its columns (title_ar, …) and its check box.
    """

    def _translated(self) -> tuple[str, ...]:
        return content_language.translated_fields(self.model)

    def _other_language_fields(self, code: str) -> list[str]:
        return [build_localized_fieldname(f, code) for f in self._translated()]

    def _is_language_field(self, name: str) -> bool:
        if name.startswith(CHECK_PREFIX):
            return True
        return any(
            name == build_localized_fieldname(field, code)
            for field in self._translated()
            for code, _name in settings.LANGUAGES
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        code = getattr(db_field, "language", None)
        if field is not None and hasattr(db_field, "translated_field"):
            # Every translation may be left empty: English is shown in its place.
            field.required = False
            info = get_language_info(code)
            # Typing Arabic script into a left-to-right box jumbles its punctuation.
            field.widget.attrs.update({"lang": code, "dir": "rtl" if info["bidi"] else "ltr"})
        return field

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = _checks_form(kwargs.get("form", self.form))
        form = super().get_form(request, obj, **kwargs)
        form.checked_by = request.user.get_username()
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (title, {**options, "fields": self._english(options.get("fields", ()))})
            for title, options in super().get_fieldsets(request, obj)
        ]
        for code, name in content_language.other_languages():
            info = get_language_info(code)
            fieldsets.append(
                (
                    f"{info['name_local']} – {name}",
                    {
                        "fields": [*self._other_language_fields(code), check_field_name(code)],
                        "classes": ["collapse"],
                        "description": _(
                            "Leave a box empty and the English is shown in its place, "
                            "marked as English."
                        ),
                    },
                )
            )
        return fieldsets

    def _english(self, names):
        """The fieldset's fields without the translation columns (English included: the
        model's own field stands for it)."""
        return [name for name in names if not self._is_language_field(name)]
