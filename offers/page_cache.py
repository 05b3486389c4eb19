"""Whole responses that are the same for everyone who asks for the same address, cached.

The results page for ?lives_in=E09000012&looked_after_by=E09000019&age=19, an offer page,
the coverage table, a page of the Open Referral feed: each is the same for every visitor who
asks for that address in that language (until the catalogue changes, or the day does). A
view says so with `@shared_page(...)`, naming the query parameters it may be shared with and
what their values look like; this middleware then stores its 200 responses and answers the
next request for the same address straight from the cache, before the view (and the
middleware after this one) run.

Only addresses made of known parameters with strictly shaped values (area codes, ages,
dates, UUIDs, sort keys) are looked up or stored, so nothing anyone typed ever becomes part
of a key: a request with any other parameter (a postcode, search words) is never cached or
served from the cache, it goes to the view as usual. As a last guard, an address with
anything shaped like a postcode in it is never looked up.

Each entry holds the catalogue version it was built from (offers.cache): any change to the
catalogue, an import or a withdrawal makes every stored page stale at once, on every app
server. The version and the page are read in one round trip. Each response still gets its
own CSP nonce: the page is stored in the pieces between its nonces, and compressed once.

The middleware sits after LocaleMiddleware (the key holds the language) and after the rate
limits (a cached API answer still counts).
"""

from __future__ import annotations

import gzip
import re
import secrets
import struct
import zlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from compact_portal.privacy import POSTCODE_RE
from offers.cache import VERSION_KEY, catalogue_version, pinned_version

# Shapes of the values a shared address may hold (full matches).
PLACE = r"E09\d{6}|[EWSN]92\d{6}|outside|unknown"
AGE = r"\d{1,2}"
LONDON_AUTHORITY = r"E09\d{6}"
ICB = r"E54\d{6}"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
WHOLE_NUMBER = r"\d{1,6}"
DECIMAL = r"\d{1,3}(?:\.\d{1,6})?"
SLUG = r"-?[a-z0-9][a-z0-9-]{0,60}"

# The answers the journey carries, in the order the portal writes them (forms.Answers.query).
ANSWERS = {"lives_in": PLACE, "looked_after_by": PLACE, "age": AGE}

TIMEOUT = 3600
# Headers that belong to one response only.
NOT_STORED = {"set-cookie", "content-length", "date", "content-security-policy"}


@dataclass(frozen=True)
class SharedPage:
    """Which addresses of a view may be shared: query parameters and URL arguments."""

    query: dict[str, re.Pattern] = field(default_factory=dict)
    path: dict[str, re.Pattern] = field(default_factory=dict)
    # The view's answer depends on the parameters' values only, not on how the query
    # string was written (JSON APIs). Pages echo their own address (language links), so
    # by default only the one canonical spelling is shared.
    any_order: bool = False

    def query_key(self, raw: str) -> str | None:
        """The canonical query string, or None if this query must not be shared."""
        if not raw:
            return ""
        values = {}
        for part in raw.split("&"):
            name, equals, value = part.partition("=")
            pattern = self.query.get(name)
            # The patterns admit no "%" or "+": a value is compared exactly as sent.
            if pattern is None or not equals or name in values or not pattern.fullmatch(value):
                return None
            values[name] = value
        canonical = "&".join(f"{name}={values[name]}" for name in self.query if name in values)
        if canonical != raw and not self.any_order:
            return None
        return canonical

    def path_ok(self, match) -> bool:
        if match.args:
            return False
        for name, value in match.kwargs.items():
            pattern = self.path.get(name)
            if pattern is None or not pattern.fullmatch(str(value)):
                return False
        return True


def shared_page(*, query=None, path=None, any_order=False):
    """Mark a view whose 200 answers are the same for everyone at the same address.

    query: {parameter: value pattern}, in the canonical order; path: {URL argument: value
    pattern}. Only GET and HEAD are ever shared.
    """
    spec = SharedPage(
        query={name: re.compile(pattern) for name, pattern in (query or {}).items()},
        path={name: re.compile(pattern) for name, pattern in (path or {}).items()},
        any_order=any_order,
    )

    def mark(view):
        view.shared_page = spec
        return view

    return mark


def page_key(request) -> str | None:
    """The cache key for this request's answer, or None if it is not a shared address."""
    if request.method not in ("GET", "HEAD"):
        return None
    raw = request.META.get("QUERY_STRING", "")
    if "postcode" in raw.lower() or POSTCODE_RE.search(request.path + "?" + raw):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    spec = getattr(match.func, "shared_page", None)
    if spec is None or not spec.path_ok(match):
        return None
    query = spec.query_key(raw)
    if query is None:
        return None
    return ":".join(
        [
            "catalogue",
            "page",
            timezone.localdate().isoformat(),
            translation.get_language() or "",
            request.scheme,
            request.get_host(),
            request.path + "?" + query,
        ]
    )


def _stored_nonce(request) -> bytes | None:
    """The nonce this response used, if it used one (without making one)."""
    nonce = getattr(request, "_csp_nonce", None)  # django-csp sets it once it is used
    return nonce.encode() if isinstance(nonce, str) else None


# --- Compressed once, not on every answer ---------------------------------------------------
# A stored page is kept as the pieces between its nonces, each also compressed on its own
# (raw DEFLATE, ended by a sync flush so the next piece can follow on a byte boundary). An
# answer is the gzip header, the pieces with this response's nonce between them as stored
# (uncompressed) blocks, and the trailer: what GZipMiddleware would send, without compressing
# the page again. As Django does against BREACH, the header carries a random-length file
# name; the nonce itself is never compressed.

GZIP_MIN = 200  # GZipMiddleware leaves shorter answers as they are
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _deflate(data: bytes, *, last: bool) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH
    )


def _stored_block(data: bytes) -> bytes:
    """A DEFLATE stored block (not the last), starting on a byte boundary."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def gzip_pieces(pieces: list[bytes], deflated: list[bytes], nonce: bytes) -> bytes:
    """The gzip file of nonce.join(pieces), from the pieces compressed on their own."""
    crc, body = 0, []
    for index, (piece, compressed) in enumerate(zip(pieces, deflated, strict=True)):
        if index:
            crc = zlib.crc32(nonce, crc)
            body.append(_stored_block(nonce))
        crc = zlib.crc32(piece, crc)
        body.append(compressed)
    size = sum(map(len, pieces)) + len(nonce) * (len(pieces) - 1)
    filename = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes) + b"\x00"
    header = b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\x00\x00\x00\x00\x00\xff"
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return b"".join([header, filename, *body, trailer])


class SharedPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            key = page_key(request)
        except Exception:  # noqa: BLE001 - a bad Host header: let Django answer it
            key = None
        if key is None:
            return self.get_response(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = catalogue_version()
        stored = found.get(key)
        if isinstance(stored, tuple) and len(stored) == 4 and stored[0] == version:
            # str() makes the nonce (a lazy object), so the CSP header carries it too.
            nonce = str(request.csp_nonce).encode() if len(stored[2]) > 1 else b""
            return self._answer(request, HttpResponse(), stored, nonce)
        with pinned_version(version):
            response = self.get_response(request)
        if not self._shareable(request, response):
            return response
        # Stored with the version read before the view ran: a change made meanwhile leaves
        # this entry stale, not the change hidden.
        entry = self._to_store(request, response, version)
        cache.set(key, entry, timeout=TIMEOUT)
        if entry[3] is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            # Compressed already: send that, rather than have GZipMiddleware compress again.
            response.content = gzip_pieces(entry[2], entry[3], _stored_nonce(request) or b"")
            self._mark_gzipped(response)
        return response

    @staticmethod
    def _answer(request, response, stored, nonce):
        _version, headers, pieces, deflated = stored
        for name, value in headers:
            response[name] = value
        if deflated is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response.content = gzip_pieces(pieces, deflated, nonce)
            SharedPageCacheMiddleware._mark_gzipped(response)
        else:
            response.content = nonce.join(pieces)
            response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def _mark_gzipped(response):
        patch_vary_headers(response, ("Accept-Encoding",))
        response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))

    @staticmethod
    def _shareable(request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Content-Encoding")
            # A view that read the session may have answered for this visitor only.
            and not (session is not None and session.accessed)
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _to_store(request, response, version):
        """(version, headers, the pieces between nonces, those pieces compressed or None)."""
        body = response.content
        nonce = _stored_nonce(request)
        pieces = body.split(nonce) if nonce and nonce in body else [body]
        deflated = None
        if len(body) >= GZIP_MIN:
            deflated = [
                _deflate(piece, last=index == len(pieces) - 1) for index, piece in enumerate(pieces)
            ]
            if sum(map(len, deflated)) + 30 >= len(body):
                deflated = None  # not worth it: sent as it is
        headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
        return (version, headers, pieces, deflated)
