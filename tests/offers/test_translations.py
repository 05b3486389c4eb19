"""Offer content in other languages: staff translate it in admin, a fluent speaker's check is
recorded and lapses when the text changes, pages mark English standing in for a missing
translation and label translations not yet checked, search reads the page's language."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from offers import content_language
from offers.models import Offer, Theme
from offers.selectors import search_offers
from tests.offers.catalogue import offer as catalogue_offer
from tests.offers.catalogue import small_catalogue
from tests.staff.world import offer_form_data, world_fixtures

module_world, world = world_fixtures()

HACKNEY, ISLINGTON = "E09000012", "E09000019"
ANSWERS = f"lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=20"
TITLE_AR = "خصم نصف السعر على الحافلات"
NOT_CHECKED = "Translated, but not yet checked by a fluent speaker."


def arabic(text, **values):
    """What an Arabic page shows for this message: the catalogue's translation, so the
    tests hold whether or not a message has been translated yet."""
    with translation.override("ar"):
        return translation.gettext(text) % values if values else translation.gettext(text)


def checked(offer, language, by="amina"):
    offer.translation_checks = content_language.with_check(
        offer, language, by=by, on=timezone.localdate().isoformat()
    )
    offer.save()


# --- Which text a page shows, and how it is marked (no database) ---------------------------


def an_offer(**fields):
    # The columns by name: `title=` would write the active language's.
    return Offer(
        title_en="Free bus travel",
        summary_en="Half-price buses.",
        details_en="Details.",
        how_to_get_en="Ask.",
        **fields,
    )


def test_an_english_page_marks_nothing():
    shown = content_language.content_language(an_offer(), "en")
    assert shown.english == frozenset()
    assert not shown.unchecked


def test_without_a_translation_every_english_field_is_marked():
    shown = content_language.content_language(an_offer(), "ar")
    assert shown.english == {"title", "summary", "details", "how_to_get"}
    assert not shown.translated
    # English standing in is not an unchecked translation: it is marked as English.
    assert not shown.unchecked


def test_a_partial_translation_marks_the_rest_and_is_unchecked():
    offer = an_offer(title_ar=TITLE_AR)
    shown = content_language.content_language(offer, "ar")
    assert shown.english == {"summary", "details", "how_to_get"}
    assert not shown.in_english("title")
    assert shown.unchecked
    # Another language is untouched by the Arabic.
    assert content_language.content_language(offer, "fa").in_english("title")


def test_a_check_holds_until_the_english_or_the_translation_changes():
    offer = an_offer(title_ar=TITLE_AR)
    offer.translation_checks = content_language.with_check(offer, "ar", by="amina", on="x")
    assert content_language.is_checked(offer, "ar")
    assert not content_language.content_language(offer, "ar").unchecked

    offer.summary_en = "Half-price buses and trams."  # the English the check was made against
    assert not content_language.is_checked(offer, "ar")
    offer.summary_en = "Half-price buses."
    assert content_language.is_checked(offer, "ar")
    offer.title_ar = TITLE_AR + " في لندن"
    assert not content_language.is_checked(offer, "ar")


def test_a_check_of_nothing_is_no_check():
    offer = an_offer()
    offer.translation_checks = content_language.with_check(offer, "fa", by="amina", on="x")
    assert not content_language.is_checked(offer, "fa")


# --- Admin: a folded section per language, and the fluent speaker's box ---------------------


def change_url(offer):
    return reverse("admin:offers_offer_change", args=[offer.pk])


def post(client, offer, **changes):
    fresh = Offer.objects.get(pk=offer.pk)
    data = offer_form_data(fresh, **changes)
    for name in content_language.translated_fields(Offer):
        for code, _name in content_language.other_languages():
            field = f"{name}_{code}"
            data.setdefault(field, getattr(fresh, field) or "")
    if content_language.is_checked(fresh, "ar") and "translation_check_ar" not in changes:
        data["translation_check_ar"] = "on"  # a box left ticked, as the browser sends it
    return client.post(change_url(offer), {k: v for k, v in data.items() if v is not None})


def test_the_change_form_has_a_section_per_language(client, world):
    client.force_login(world.user("camden_editor"))
    html = client.get(change_url(world.offer("camden_draft"))).content.decode()
    for heading in (
        "العربيّة – Arabic",
        "فارسی / دری – Persian (Farsi and Dari)",
        "ትግርኛ – Tigrinya",
    ):
        assert heading in html
    # Arabic is typed right to left, Vietnamese left to right.
    assert 'name="title_ar"' in html and 'lang="ar" dir="rtl"' in html
    assert 'name="summary_vi"' in html and 'lang="vi" dir="ltr"' in html
    assert 'name="translation_check_ar"' in html
    # The English stays in the offer's own fields, as before.
    assert 'name="title"' in html and 'name="title_en"' not in html


def test_a_translation_and_its_check_are_recorded(client, world):
    editor = world.user("camden_editor")
    client.force_login(editor)
    offer = world.offer("camden_draft")

    response = post(client, offer, title_ar=TITLE_AR, translation_check_ar="on")
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title_ar == TITLE_AR
    assert offer.title_en == "Camden secret draft"
    assert offer.translation_checks["ar"]["by"] == editor.get_username()
    assert offer.translation_checks["ar"]["on"] == timezone.localdate().isoformat()
    assert content_language.is_checked(offer, "ar")
    # The history keeps the translation (a revert would not wipe it).
    assert offer.history.first().title_ar == TITLE_AR

    # Shown as checked, with who and when, next time.
    html = client.get(change_url(offer)).content.decode()
    assert f"Checked by {editor.get_username()} on" in html

    # A later change to the English lapses the check, although the box stayed ticked.
    assert post(client, offer, summary="A new summary.").status_code == 302
    offer.refresh_from_db()
    assert not content_language.is_checked(offer, "ar")
    assert "has changed since" in client.get(change_url(offer)).content.decode()

    # Ticked afresh: checked again; taken off: no record.
    post(client, offer, translation_check_ar="on")
    offer.refresh_from_db()
    assert content_language.is_checked(offer, "ar")
    post(client, offer, translation_check_ar="")
    offer.refresh_from_db()
    assert "ar" not in offer.translation_checks


def test_nothing_to_check_is_refused(client, world):
    client.force_login(world.user("camden_editor"))
    offer = world.offer("camden_draft")
    response = post(client, offer, translation_check_ti="on")
    assert response.status_code == 200
    assert "There is no translation in this language to check." in response.content.decode()
    offer.refresh_from_db()
    assert offer.translation_checks == {}


def test_theme_names_are_translated_in_admin(client, world):
    client.force_login(world.user("site_admin"))
    theme = Theme.objects.get(slug="housing")
    url = reverse("admin:offers_theme_change", args=[theme.pk])
    html = client.get(url).content.decode()
    assert 'name="name_fa"' in html and 'name="name"' in html
    data = {"name": theme.name, "slug": theme.slug, "description": theme.description}
    data.update({"order": theme.order, "name_fa": "مسکن", "description_fa": ""})
    assert client.post(url, data).status_code == 302
    theme.refresh_from_db()
    assert (theme.name_en, theme.name_fa) == ("Housing", "مسکن")


# --- Public pages ----------------------------------------------------------------------------


def public_offer(world):
    return world.offer("camden_published")


def test_an_untranslated_offer_is_shown_in_english_and_marked(client, world):
    offer = public_offer(world)
    html = client.get(f"/ar/offers/{offer.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert f'<span lang="en" dir="ltr">{offer.title}</span>' in html
    in_english = arabic("(in English)")
    assert f'<span class="app-in-english" lang="ar" dir="rtl">{in_english}</span>' in html
    with translation.override("ar"):
        name = str(translation.get_language_info("ar")["name_translated"])
    message = "This offer is not yet translated into %(language)s, so it is shown in English."
    assert arabic(message, language=name) in html
    assert arabic(NOT_CHECKED) not in html
    # In English, nothing of the kind.
    html = client.get(f"/offers/{offer.pk}/").content.decode()
    assert "app-in-english" not in html and '<span lang="en" dir="ltr">' not in html


def test_a_translation_is_shown_and_labelled_until_checked(client, world):
    offer = public_offer(world)
    offer.title_ar = TITLE_AR
    offer.save()
    html = client.get(f"/ar/offers/{offer.pk}/").content.decode()
    assert f"<span>{TITLE_AR}</span>" in html
    assert arabic(NOT_CHECKED) in html
    # The summary has no translation yet: English, marked, with its note.
    assert f'<p class="govuk-body-l" lang="en" dir="ltr">{offer.summary}' in html

    checked(offer, "ar")
    cache.clear()  # the catalogue's version moves on commit, and a test never commits
    html = client.get(f"/ar/offers/{offer.pk}/").content.decode()
    assert arabic(NOT_CHECKED) not in html
    assert TITLE_AR in html


def test_results_are_cached_per_language(client, db):
    small = small_catalogue()
    tfl = small["tfl"]
    tfl.title_ar = TITLE_AR
    tfl.save()
    people = f"/your-offers/?lives_in={ISLINGTON}&looked_after_by={ISLINGTON}&age=20"
    english = client.get(people).content.decode()
    arabic = client.get("/ar" + people).content.decode()
    again = client.get(people).content.decode()
    assert tfl.title_en in english and TITLE_AR not in english
    assert TITLE_AR in arabic
    assert tfl.title_en in again and TITLE_AR not in again
    # Theme names without a translation: English, marked, in the contents and headings.
    assert 'lang="en" dir="ltr">Travel</' in client.get("/ti" + people).content.decode()


@pytest.mark.parametrize("language", ["ar", "ti"])
def test_results_cost_the_same_queries_whatever_the_number_of_offers(client, world, language):
    def queries_for_results():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/{language}/your-offers/?{ANSWERS}")
        assert response.status_code == 200
        return len(queries)

    few = queries_for_results()
    for n in range(10):
        catalogue_offer("E09000012", title=f"Hackney offer {n}", title_ar=f"عرض {n}")
    assert queries_for_results() == few


def test_shipped_theme_names_are_labelled_until_checked(client, world):
    html = client.get("/ar/offers/").content.decode()
    note = '<span class="app-translation-note" lang="ar" dir="rtl">'
    unchecked = arabic("(translation not yet checked)")
    assert f"<span>المواصلات</span> {note}{unchecked}</span>" in html
    # No shipped Tigrinya: the English, marked as English.
    html = client.get("/ti/offers/").content.decode()
    assert '<span lang="en" dir="ltr">Travel</span> <span class="app-in-english"' in html

    travel = Theme.objects.get(slug="travel")
    travel.translation_checks = content_language.with_check(travel, "ar", by="amina", on="x")
    travel.save()
    cache.clear()  # the catalogue's version moves on commit, and a test never commits
    html = client.get("/ar/offers/").content.decode()
    assert "<span>المواصلات</span></h2>" in html


def test_coverage_says_which_names_are_in_english_or_unchecked(client, world):
    english = (
        "Commitment titles and theme names not yet translated into this language "
        "are shown in English."
    )
    unchecked = "Some of them are translated but not yet checked by a fluent speaker."
    html = client.get("/ar/coverage/").content.decode()
    # Commitments in English; themes drafted.
    assert arabic(english) in html and arabic(unchecked) in html

    def tigrinya(text):
        with translation.override("ti"):
            return translation.gettext(text)

    html = client.get("/ti/coverage/").content.decode()
    assert tigrinya(english) in html and tigrinya(unchecked) not in html
    html = client.get("/coverage/").content.decode()
    assert english not in html and unchecked not in html


# --- Search in the page's language -----------------------------------------------------------


def test_search_reads_the_pages_language_then_english(db):
    small = small_catalogue()
    tfl = small["tfl"]
    tfl.title_ar = TITLE_AR
    tfl.title_fa = "تخفیف نیم‌بها برای اتوبوس"
    tfl.save()
    with translation.override("ar"):
        found = [item.card.title for item in search_offers(query="الحافلات")]
        assert found == [TITLE_AR]
        # English words still find offers not yet translated (and translated ones).
        assert "Free prescriptions in North Central London" in [
            item.card.title for item in search_offers(query="prescriptions")
        ]
    with translation.override("fa"):
        assert [item.card.title for item in search_offers(query="اتوبوس")] == [tfl.title_fa]
    # An English page does not search the translations.
    assert search_offers(query="اتوبوس") == []
