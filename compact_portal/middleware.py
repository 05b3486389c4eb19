"""The portal's own middleware: security headers on every response, rate limits shared
through the cache, and a plain 503 page while the database cannot be reached."""

import ipaddress
from dataclasses import dataclass

from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.conf import settings
from django_ratelimit.core import get_usage

from compact_portal import errors


class SecurityHeadersMiddleware:
    """Outermost middleware: whatever made the response (a view, whitenoise, an exception
    in another middleware such as DisallowedHost), it leaves with the security headers.

    SecurityMiddleware and django-csp set most of these; this makes sure of them and adds
    the Permissions-Policy, which Django does not set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if CSP_HEADER not in response:
            # The policy without a nonce: stricter than the page policy.
            response[CSP_HEADER] = build_policy()
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if settings.SECURE_HSTS_SECONDS and request.is_secure():
            hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
            response.setdefault("Strict-Transport-Security", hsts)
        return response


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front
    (load balancers that append to X-Forwarded-For), the address the first of them saw.
    Entries further left are whatever the client claimed, so they are never trusted."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # e.g. a unix socket
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    candidate = forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]
    return _address(candidate) or remote


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


@dataclass(frozen=True)
class Limit:
    group: str
    rate_setting: str
    prefixes: tuple[str, ...]
    methods: tuple[str, ...] | None = None  # None: every method

    def applies(self, request) -> bool:
        if self.methods is not None and request.method not in self.methods:
            return False
        return request.path_info.startswith(self.prefixes)


LIMITS = (
    Limit("api", "RATELIMIT_API_RATE", errors.JSON_PREFIXES),
    Limit("admin-login", "RATELIMIT_ADMIN_LOGIN_RATE", ("/admin/login/",), ("POST",)),
)


class RateLimitMiddleware:
    """Rate limits by path prefix, counted in the shared cache (Redis in production) with
    django-ratelimit's core, so every app server sees the same counts. 429 with
    Retry-After: JSON on the APIs, the 429 page elsewhere. If the cache is down the
    limits are off (RATELIMIT_FAIL_OPEN): pages keep answering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for limit in LIMITS:
            if not limit.applies(request):
                continue
            usage = get_usage(
                request,
                group=limit.group,
                key="ip",
                rate=getattr(settings, limit.rate_setting),
                increment=True,
            )
            if usage is not None and usage["should_limit"]:
                return errors.too_many_requests(request, retry_after=usage["time_left"])
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers a plain 503 page, not a 500.

    Outages raised outside views are caught by errors.server_error. Django's
    CONN_HEALTH_CHECKS drops the broken connection on the next request, so the portal
    recovers by itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if errors.is_database_outage(exception):
            return errors.service_unavailable(request, exception)
        return None
