"""No postcode anyone typed appears in any log line, table, cache key or error report.

The test types known postcodes (real ones, in the forms people type them) into the
journey and the APIs, with every logger at DEBUG and Redis as the cache, then searches
everything that was logged, every text value of every table, and every key (and value)
in Redis for them. Error reports are checked separately: a 500 with a postcode in its
path, query, form and exception message reaches the admins without it."""

import logging
import re
import sys
from urllib.parse import quote

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory
from django.views.debug import get_exception_reporter_class

from boroughs.postcodes import lookup_postcode
from compact_portal.privacy import redact
from tests.offers.conftest import postcodes as postcodes  # fixture

pytestmark = pytest.mark.django_db(transaction=True)

ISLINGTON = "E09000019"
# The ONS directory: reference data holding every real postcode, by design. It is only
# checked to be unchanged.
DIRECTORY_TABLES = {"boroughs_postcode"}
# Shapes that are not in the loaded data, or not postcodes at all.
NOT_IN_DATA = ["N1 9ZZ", "ZZ99 9ZZ", "SW1A", "GIR 0AA", "BFPO 1234"]


def typed_forms(postcode: str) -> list[str]:
    """How people type a postcode: any case, any spacing, phone keyboards' characters."""
    compact = postcode.replace(" ", "")
    return [
        postcode,
        postcode.lower(),
        compact,
        compact.lower(),
        f"  {postcode}\t",
        postcode.replace(" ", "\u00a0"),
        "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in postcode),  # full-width
    ]


def fingerprint(text: str) -> str:
    """Upper case, without any kind of space or URL-encoded space."""
    text = text.replace("%20", "").replace("+", "").replace("%C2%A0", "")
    return re.sub(r"\s", "", text.upper())


def leaks(text: str, needles: list[str]) -> list[str]:
    print_ = fingerprint(text)
    return [n for n in needles if n in print_]


@pytest.fixture
def every_logger_at_debug(caplog):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def drive_everything(postcode: str) -> list[str]:
    """The journey, in English and Arabic, and the APIs, with every typed form of the
    postcode. Returns every URL the portal sent the visitor to."""
    client = Client()
    visited = []
    for typed in typed_forms(postcode) + NOT_IN_DATA:
        for prefix in ("", "/ar"):
            response = client.post(f"{prefix}/where-you-live/", {"postcode": typed})
            assert response.status_code in (303, 400), (typed, response.status_code)
            if response.status_code == 303:
                visited.append(response["Location"])
                followed = client.get(response["Location"])
                assert followed.status_code == 200
                assert not leaks(followed.content.decode(), [fingerprint(typed)]), typed
        for path in (
            f"/api/v1/postcodes/{quote(typed)}",
            f"/api/v1/eligibility?postcode={quote(typed)}&looked_after_by={ISLINGTON}&age=19",
            f"/api/v1/eligibility?postcode={quote(typed)}",
            f"/openreferral/service_at_locations?postcode={quote(typed)}",
            f"/openreferral/service_at_locations?postcode={quote(typed)}&page=2&per_page=5",
        ):
            response = client.get(path)
            assert response.status_code < 500, (path, response.status_code)
    # And the whole journey after the postcode, to the results.
    response = client.post("/where-you-live/", {"postcode": postcode})
    location = response["Location"]
    response = client.post(location, {"looked_after_by": ISLINGTON})
    visited.append(response["Location"])
    response = client.post(response["Location"], {"age": "19"})
    visited.append(response["Location"])
    results = client.get(response["Location"])
    assert results.status_code == 200
    return visited


def all_text_values(table: str) -> list[str]:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")
        return [str(v) for row in cursor.fetchall() for v in row if isinstance(v, str | bytes)]


def test_no_typed_postcode_in_logs_tables_urls_or_the_cache(
    every_logger_at_debug, redis_cache, compact_data, postcodes
):
    from django.core.cache import cache

    caplog = every_logger_at_debug
    typed = list(postcodes.values())
    directory_before = {t: all_text_values(t) for t in DIRECTORY_TABLES}

    visited = []
    for postcode in typed:
        assert lookup_postcode(postcode).found, postcode
        visited += drive_everything(postcode)

    needles = sorted({fingerprint(p) for p in typed + NOT_IN_DATA if len(fingerprint(p)) >= 5})

    # Log lines: the message, the traceback and every text a formatter could print (the
    # record's string attributes; objects such as the request are for the error report,
    # checked below).
    assert caplog.records, "the journey should have logged something at DEBUG"
    for record in caplog.records:
        texts = [record.getMessage(), record.exc_text or ""]
        for value in vars(record).values():
            values = value if isinstance(value, list | tuple) else [value]
            texts += [v for v in values if isinstance(v, str)]
        for text in texts:
            assert not leaks(text, needles), (record.name, text[:300])
    assert not leaks(caplog.text, needles)

    # Later URLs: area codes and the age only.
    assert visited
    for url in visited:
        assert not leaks(url, needles), url

    # Every text value of every table.
    tables = connection.introspection.table_names()
    assert "offers_offer" in tables and "django_session" in tables
    for table in tables:
        if table in DIRECTORY_TABLES:
            continue
        for value in all_text_values(table):
            assert not leaks(value, needles), (table, value[:200])
    # The directory is reference data: the journey changed nothing in it.
    assert {t: all_text_values(t) for t in DIRECTORY_TABLES} == directory_before

    # Every key the portal wrote to Redis, and every value under them.
    client = cache.client.get_client()
    keys = [k.decode() for k in client.scan_iter(match=f"{redis_cache}:*", count=1000)]
    assert keys, "the pages should have cached something in Redis"
    for key in keys:
        assert not leaks(key, needles), key
        value = client.get(key)
        if value is not None:
            assert not leaks(value.decode("latin-1"), needles), key


# --- Error reports ------------------------------------------------------------------------


POSTCODE = "N1 9GU"


def fails_with_a_postcode(typed):
    raise ValueError(f"could not handle {typed!r}")


def test_the_exception_reporter_leaves_out_typed_postcodes(settings):
    settings.DEBUG = False
    request = RequestFactory().post(
        f"/api/v1/postcodes/{quote(POSTCODE)}?postcode={quote(POSTCODE)}",
        {"postcode": POSTCODE.lower(), "looked_after_by": ISLINGTON},
    )
    try:
        fails_with_a_postcode(POSTCODE)
    except ValueError:
        reporter = get_exception_reporter_class(request)(request, *sys.exc_info())
        html = reporter.get_traceback_html()
        text = reporter.get_traceback_text()
    for report in (html, text):
        assert "could not handle" in report  # the report is there...
        assert not leaks(report, [fingerprint(POSTCODE)])  # ...without the postcode
    assert ISLINGTON in text  # what is not a postcode stays, to help whoever debugs


@pytest.mark.urls("tests.compact_portal.urls")
def test_admin_error_emails_leave_out_typed_postcodes(settings):
    settings.ADMINS = [("Operator", "operator@example.org")]
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.post(
        f"/test-failures/boom/?postcode={quote(POSTCODE)}", {"postcode": POSTCODE}
    )
    assert response.status_code == 500
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "RuntimeError" in email.body
    for text in (email.subject, email.body):
        # The test view's message names SW1A 1AA; the request carries N1 9GU.
        assert not leaks(text, [fingerprint(POSTCODE), "SW1A1AA"]), text[:500]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Not Found: /api/v1/postcodes/SW1A%201AA", "Not Found: /api/v1/postcodes/"),
        ("GET /openreferral/service_at_locations?postcode=n19gu&page=2", "&page=2"),
        ("lookup of 'sw1a1aa' took 2 ms", "took 2 ms"),
        ("E09000019 and E54000028 are area codes", "E09000019 and E54000028"),
        (
            "offer 3fa85f64-5717-4562-b3fc-2c963f66afa6 saved",
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        ),
    ],
)
def test_redaction_removes_postcodes_and_keeps_the_rest(line, kept):
    clean = redact(line)
    assert kept in clean
    assert not leaks(clean, ["SW1A1AA", "N19GU"])
