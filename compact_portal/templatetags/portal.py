from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language: for the language switcher and hreflang links."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path() if request else "/"
    versions = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        versions.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "dir": "rtl" if info["bidi"] else "ltr",
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return versions
