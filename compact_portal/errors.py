"""Error responses: a page in the portal's style and the visitor's language, or JSON for the
machine-readable paths. Never a stack trace (DEBUG is off in production).

The 500 and 503 pages use a lean frame (templates/errors/lean.html) rendered without
context processors: they must render while the database is down.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from compact_portal.privacy import redact

logger = logging.getLogger("compact_portal.faults")

# Paths that answer JSON, never HTML (no language prefix on either).
JSON_PREFIXES = ("/api/", "/openreferral/")
# The Open Referral feed promises this header on every response, errors included.
CORS_PREFIXES = ("/openreferral/",)

# Seconds a client should wait before trying again while the database is down.
DATABASE_RETRY_AFTER = 30

MESSAGES = {
    400: _("The request could not be understood. Check the address and try again."),
    403: _("You do not have permission to do that."),
    404: _("Not found. Check the address and try again."),
    405: _("This method is not allowed here."),
    429: _("Too many requests. Wait a little, then try again."),
    500: _("Sorry, there is a problem with the service. Try again later."),
    503: _("Sorry, the service is unavailable. Try again in a few minutes."),
}
LEAN_STATUSES = {500, 503}

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)


def wants_json(request) -> bool:
    return request.path_info.startswith(JSON_PREFIXES)


def error_response(request, status: int, *, retry_after: int | None = None) -> HttpResponse:
    """The response for `status`: JSON on the APIs, the error page elsewhere."""
    if wants_json(request):
        response = JsonResponse({"error": str(MESSAGES[status])}, status=status)
        if request.path_info.startswith(CORS_PREFIXES):
            response["Access-Control-Allow-Origin"] = "*"
    else:
        response = HttpResponse(_render_page(request, status), status=status)
    if retry_after is not None:
        response["Retry-After"] = str(max(1, int(retry_after)))
    if status >= 500 or status == 429:
        response["Cache-Control"] = "no-store"
    return response


def _render_page(request, status: int) -> str:
    template = loader.get_template(f"errors/{status}.html")
    if status not in LEAN_STATUSES:
        try:
            return template.render({"status": status}, request)
        except Exception:  # the error page itself must not fail
            logger.exception("Error page %s could not render; using the lean page", status)
            template = loader.get_template("errors/500.html")
    # No request, so no context processors: nothing here may touch the database.
    try:
        return template.render({"status": status})
    except Exception:
        logger.exception("Lean error page could not render")
        return str(MESSAGES[status])


def is_database_outage(exception) -> bool:
    return isinstance(exception, DATABASE_OUTAGE_ERRORS)


def service_unavailable(request, exception=None) -> HttpResponse:
    """503 while the database cannot be reached."""
    logger.warning(
        "Database unavailable (%s): answering 503",
        type(exception).__name__ if exception is not None else "unknown",
    )
    return error_response(request, 503, retry_after=DATABASE_RETRY_AFTER)


def too_many_requests(request, *, retry_after: int) -> HttpResponse:
    return error_response(request, 429, retry_after=retry_after)


# --- handler400/403/404/500 (compact_portal/urls.py) and CSRF_FAILURE_VIEW -------------


def bad_request(request, exception=None):
    return error_response(request, 400)


def permission_denied(request, exception=None):
    return error_response(request, 403)


def page_not_found(request, exception=None):
    return error_response(request, 404)


def server_error(request):
    # Called while the exception is being handled: an outage raised outside a view
    # (in a middleware, or while saving a session) still answers 503, not 500.
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return service_unavailable(request, exception)
    return error_response(request, 500)


def csrf_failure(request, reason=""):
    return error_response(request, 403)


# --- Error reports (DEFAULT_EXCEPTION_REPORTER and _FILTER) ------------------------------


class PostcodeSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (admin emails, the technical 500 page) never show a typed postcode."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        cleansed = super().get_post_parameters(request).copy()
        for key in cleansed:
            values = cleansed.getlist(key) if hasattr(cleansed, "getlist") else [cleansed[key]]
            if "postcode" in key.lower() or any(redact(str(v)) != str(v) for v in values):
                cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in meta.items()
        }


class PostcodeSafeExceptionReporter(ExceptionReporter):
    """Redact the whole rendered report: URL, GET, frames' variables, exception text."""

    def get_traceback_html(self):
        return redact(super().get_traceback_html())

    def get_traceback_text(self):
        return redact(super().get_traceback_text())
