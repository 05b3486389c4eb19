"""Mark staff-written text that stands in English for a missing translation.

    {% load content_language %}
    {% content_language offer as content %}        (a model instance; cards carry .content)
    <p class="govuk-body"{{ content|lang_attrs:"summary" }}>{{ offer.summary }}
      {{ content|english_note:"summary" }}</p>
    {% if content.unchecked %}…not yet checked…{% endif %}

Where the page's language has no translation of the field, the element says it is English
(lang="en" dir="ltr", so screen readers switch voice and punctuation falls right), and a
visible note in the page's language says so too.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from offers.content_language import ContentLanguage, content_language

register = template.Library()


def _content(value) -> ContentLanguage:
    if isinstance(value, ContentLanguage):
        return value
    language = get_language() or "en"
    cache = value.__dict__.setdefault("_content_language", {})
    if language not in cache:
        cache[language] = content_language(value, language)
    return cache[language]


@register.simple_tag
def content_summary(*groups) -> dict:
    """Over plain items with in_english/unchecked (board's commitments and themes): is any
    shown in English in place of a translation, is any translation not yet checked?"""
    items = [item for group in groups if group for item in group]
    return {
        "english": any(getattr(item, "in_english", False) for item in items),
        "unchecked": any(getattr(item, "unchecked", False) for item in items),
    }


@register.simple_tag(name="content_language")
def content_language_tag(obj) -> ContentLanguage:
    """How the current language shows `obj`'s own texts."""
    return _content(obj)


@register.filter
def lang_attrs(value, field: str):
    """lang="en" dir="ltr" where English stands in for the field's translation."""
    if value is None or not _content(value).in_english(field):
        return ""
    return mark_safe(' lang="en" dir="ltr"')


def _note(css_class: str, text: str):
    return format_html(
        ' <span class="{}" lang="{}" dir="{}">{}</span>',
        css_class,
        get_language(),
        "rtl" if get_language_bidi() else "ltr",
        text,
    )


@register.filter
def english_note(value, field: str):
    """A visible "(in English)" after English standing in for the field's translation."""
    if value is None or not _content(value).in_english(field):
        return ""
    return _note("app-in-english", _("(in English)"))


@register.filter
def content_note(value, field: str):
    """For short texts that carry no label of their own (theme names): "(in English)", or
    "(translation not yet checked)" after a translation no fluent speaker has checked."""
    if value is None:
        return ""
    content = _content(value)
    if content.in_english(field):
        return english_note(content, field)
    if content.unchecked:
        return _note("app-translation-note", _("(translation not yet checked)"))
    return ""
