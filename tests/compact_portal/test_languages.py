"""Every public page in every language: the right <html lang dir>, hreflang links to each
other language's version (query string kept), a switcher naming each language in its own
script; and the interface's catalogues (locale/*.po): headers, compiling without GNU
gettext, placeholders, and (once the fluent speakers have done their part) completeness."""

import gettext
import os
import re
import shutil
import subprocess

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from compact_portal.catalogs import (
    LOCALE_DIR,
    catalogs,
    compile_catalogs,
    placeholder_problems,
    statistics,
)
from offers.models import Offer

LANGUAGES = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]
HACKNEY, ISLINGTON = "E09000012", "E09000019"
ANSWERS = f"lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=20"
NAMES = {
    "en": "English",
    "ar": "العربيّة",
    "fa": "فارسی / دری",
    "ps": "پښتو",
    "ti": "ትግርኛ",
    "ckb": "کوردی",
    "vi": "Tiếng Việt",
    "sq": "shqip",
    "am": "አማርኛ",
}


def public_pages(offer_id) -> list[str]:
    """Every kind of public page, as a path after the language prefix."""
    return [
        "",
        "where-you-live/",
        "where-you-live/borough/",
        f"who-looked-after-you/?lives_in={HACKNEY}",
        f"how-old-are-you/?lives_in={HACKNEY}&looked_after_by={ISLINGTON}",
        f"your-offers/?{ANSWERS}",
        "offers/",
        f"offers/{offer_id}/?{ANSWERS}",
        "boroughs/",
        f"boroughs/{HACKNEY}/",
        "search/?q=bus",
        "help-now/",
        "accessibility/",
        "privacy/",
        "cookies/",
        "coverage/",
        f"coverage/{HACKNEY}/",
    ]


def prefix(code: str) -> str:
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_every_public_page_in_every_language(client, compact_data):
    offer = Offer.objects.public(timezone.localdate()).order_by("title").first()
    problems = []
    for path in public_pages(offer.pk):
        expected = {
            code: "http://testserver" + prefix(code) + path.replace("&", "&amp;")
            for code in LANGUAGES
        }
        expected["x-default"] = expected["en"]
        expected["fa-AF"] = expected["fa"]
        for code in LANGUAGES:
            where = prefix(code) + path
            response = client.get(where)
            if response.status_code != 200:
                problems.append(f"{where}: {response.status_code}")
                continue
            html = response.content.decode()
            direction = "rtl" if code in settings.LANGUAGES_BIDI else "ltr"
            if f'<html lang="{code}" dir="{direction}"' not in html:
                problems.append(f"{where}: <html> lang or dir")
            if alternates(html) != expected:
                problems.append(f"{where}: hreflang {alternates(html)}")
            for other, name in NAMES.items():
                # Each language named in its own script, marked with its language.
                if other != code and f'lang="{other}" hreflang="{other}"' not in html:
                    problems.append(f"{where}: no link to {other}")
                if f">{name}</" not in html:
                    problems.append(f"{where}: {other} not named {name}")
    assert problems == []


# --- The catalogues ---------------------------------------------------------------------


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_each_language_has_a_catalogue_that_compiles_with_python_alone(code, tmp_path):
    po_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(po_path))
    assert catalogue.metadata["Language"] == code
    # A plural rule gettext understands (not makemessages' INTEGER/EXPRESSION placeholder).
    plural = catalogue.metadata["Plural-Forms"]
    nplurals = int(re.search(r"nplurals=(\d+)", plural).group(1))
    rule = gettext.c2py(re.search(r"plural=([^;]+)", plural).group(1))
    assert {rule(n) for n in range(200)} == set(range(nplurals))
    assert not catalogue.metadata_is_fuzzy

    shutil.copytree(LOCALE_DIR / code, tmp_path / code)
    assert compile_catalogs(tmp_path, force=True) == [tmp_path / code / "LC_MESSAGES" / "django.mo"]
    with (tmp_path / code / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        assert gettext.GNUTranslations(compiled).info()["language"] == code

    assert placeholder_problems(po_path) == []
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po_path)], check=True)


def test_a_translation_with_the_wrong_placeholder_is_caught(tmp_path):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(
        polib.POEntry(
            msgid="Search words must be %(max)s characters or fewer",
            msgstr="يجب ألا تزيد كلمات البحث عن %(maximum)s حرفًا",
            flags=["python-format"],
        )
    )
    catalogue.append(
        polib.POEntry(
            msgid="You can get %(counter)s offer.",
            msgid_plural="You can get %(counter)s offers.",
            msgstr_plural={0: "عرض واحد", 1: "%(counter)s عروض"},
            flags=["python-format"],
        )
    )
    path = tmp_path / "django.po"
    catalogue.save(str(path))
    problems = placeholder_problems(path)
    assert len(problems) == 1 and "maximum" in problems[0]


def test_every_language_is_completely_translated(tmp_path, settings, monkeypatch):
    """`make messages` then msgfmt --statistics: no untranslated or fuzzy string in any
    language (on a copy of locale/, so the working tree is left alone)."""
    for tool in ("xgettext", "msgmerge"):
        assert shutil.which(tool), f"{tool} is needed: apt-get install gettext"
    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(settings.BASE_DIR)
    call_command("update_messages", verbosity=0)
    found = [statistics(path) for path in catalogs(tmp_path / "locale")]
    assert [s.language for s in found] == sorted(OTHER_LANGUAGES)
    assert [str(s) for s in found if not s.complete] == []
