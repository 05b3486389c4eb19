"""Whole pages that are the same for everyone who gives the same answers, cached.

The results page for ?lives_in=E09000012&looked_after_by=E09000019&age=19 is the same for
every visitor with those answers (until the catalogue changes, or the day does). A view
marks such a response (`response.shared_by_answers = True`); this middleware stores it and
answers the next request for the same address straight from the cache, before sessions,
locale, authentication and the view run.

Only addresses made of area codes and an age, in the one canonical order, are looked up or
stored: nothing anyone typed ever becomes part of a key. Each response still gets its own
CSP nonce: the stored page holds a mark where the nonce goes.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from offers.cache import catalogue_version

PLACE = r"(?:E09\d{6}|[EWSN]92\d{6}|outside|unknown)"
SHARED_QUERY = re.compile(rf"lives_in={PLACE}&looked_after_by={PLACE}&age=\d{{1,2}}")
SHARED_PATH = re.compile(r"(?:/[a-z]{2,3})?/your-offers/")
NONCE_MARK = "@@csp-nonce@@"
TIMEOUT = 3600
# Headers that belong to one response only.
NOT_STORED = {"set-cookie", "content-length", "date", "content-security-policy"}


def page_key(request) -> str | None:
    """The cache key for this request's page, or None if it is not a shareable address."""
    if request.method not in ("GET", "HEAD"):
        return None
    query = request.META.get("QUERY_STRING", "")
    if not SHARED_PATH.fullmatch(request.path_info) or not SHARED_QUERY.fullmatch(query):
        return None
    return ":".join(
        [
            "catalogue",
            "page",
            str(catalogue_version()),
            timezone.localdate().isoformat(),
            request.scheme,
            request.get_host(),
            request.path,
            query,
        ]
    )


def _nonce(request) -> str:
    # str() makes the nonce (a lazy object, falsy until used), so the CSP header has it.
    return str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""


class SharedPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            key = page_key(request)
        except Exception:  # noqa: BLE001 - a bad Host header: let Django answer it
            key = None
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                headers, html = stored
                response = HttpResponse(html.replace(NONCE_MARK, _nonce(request)))
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        if (
            key is not None
            and getattr(response, "shared_by_answers", False)
            and response.status_code == 200
            and not response.cookies
        ):
            nonce = _nonce(request)
            html = response.content.decode(response.charset)
            if nonce:
                html = html.replace(nonce, NONCE_MARK)
            headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
            cache.set(key, (headers, html), timeout=TIMEOUT)
        return response
