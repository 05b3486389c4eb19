import unicodedata

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


# Besides its own code, the hreflang values a language's pages stand for: the Persian pages
# are written to be read in Afghanistan too (Dari), whose code is fa-AF.
ALSO_FOR = {"fa": ["fa-AF"]}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language: for the language switcher and hreflang links.

    The query string is kept (the results page's answers: area codes and an age).
    """
    request = context.get("request")
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path() if request else "/"
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(path, code)
        versions.append(
            {
                "code": code,
                # Composed (NFC): Django's Vietnamese name comes with combining accents.
                "name_local": unicodedata.normalize("NFC", info["name_local"]),
                "dir": "rtl" if info["bidi"] else "ltr",
                "url": url,
                # Search engines want hreflang links absolute.
                "absolute_url": request.build_absolute_uri(url) if request else url,
                "hreflangs": [code, *ALSO_FOR.get(code, [])],
                "current": code == current,
            }
        )
    return versions
