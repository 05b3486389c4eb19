"""Which fields staff translate in admin (django-modeltranslation).

Each field below gets one column per language (title_en, title_ar, …). `offer.title` reads
the current language's column and falls back to English where it is empty
(MODELTRANSLATION_FALLBACK_LANGUAGES); offers.content_language says, per field, whether
the page shows a translation or English in its place, and whether a fluent speaker has
checked the translation (`translation_checks`).

History: django-simple-history copies a model's fields when it builds the historical
model. Built in models.py it would miss the translation columns (they are added here,
later), and saving would fail or a revert would wipe the translations; so the history of
translated models is registered here, after their translation fields exist.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from offers.models import Commitment, Offer, Theme

OFFER_FIELDS = (
    "title",
    "summary",
    "details",
    "how_to_get",
    "documents_needed",
    "cost",
    "contact",
    "conditions",
    "not_yet_confirmed",
)
THEME_FIELDS = ("name", "description")
COMMITMENT_FIELDS = ("title", "description")


class OfferTranslation(TranslationOptions):
    fields = OFFER_FIELDS


class ThemeTranslation(TranslationOptions):
    fields = THEME_FIELDS


class CommitmentTranslation(TranslationOptions):
    fields = COMMITMENT_FIELDS


translator.register(Offer, OfferTranslation)
translator.register(Theme, ThemeTranslation)
translator.register(Commitment, CommitmentTranslation)

simple_history.register(Offer, m2m_fields=["themes"])
simple_history.register(Commitment)
