"""Keep typed postcodes out of logs and error reports (see also compact_portal.errors).

Imported by LOGGING_CONFIG while Django sets up: nothing here may import Django.

The portal never logs a postcode on purpose, but Django and gunicorn log request paths
("Internal Server Error: /api/v1/postcodes/SW1A1AA") and error reports carry the URL, the
query string, POSTed fields and local variables. Everything written to a log record or an
error report passes through `redact` first.
"""

import logging
import logging.config
import re

REDACTED = "[postcode]"

# Any UK-postcode-shaped token (full postcode, any case, with or without the space, also
# URL-encoded), plus outward codes that follow a postcode parameter name. Loose on
# purpose: a false positive only hides a few characters of a log line.
_SEP = r"(?:\s|%20|\+|%C2%A0|\u00a0)*"
_POSTCODE = rf"[A-Z]{{1,2}}[0-9][A-Z0-9]?{_SEP}[0-9][A-Z]{{2}}"
POSTCODE_RE = re.compile(rf"(?<![A-Z0-9]){_POSTCODE}(?![A-Z0-9])", re.IGNORECASE)
# "postcode=<anything>" in a query string or form body: whatever was typed.
POSTCODE_PARAM_RE = re.compile(r"(postcode[^=&\s]*=)[^&\s'\"]*", re.IGNORECASE)
# /api/v1/postcodes/<anything>: the path segment is what someone typed.
POSTCODE_PATH_RE = re.compile(r"(/postcodes/)[^/\s?'\"]+", re.IGNORECASE)


def redact(text: str) -> str:
    text = POSTCODE_PARAM_RE.sub(rf"\g<1>{REDACTED}", text)
    text = POSTCODE_PATH_RE.sub(rf"\g<1>{REDACTED}", text)
    return POSTCODE_RE.sub(REDACTED, text)


_STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def _redact_record(record: logging.LogRecord, *, extras: bool = False) -> None:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken log call must not break the request
        message = str(record.msg)
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None
    # Extra attributes (django.db.backends logs "sql" and "params"; a formatter may print
    # them). Logger.makeRecord sets them after the record factory: the filter does these.
    for name, value in list(vars(record).items()):
        if not extras or name in _STANDARD_ATTRIBUTES:
            continue
        if isinstance(value, str):
            setattr(record, name, redact(value))
        elif isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value):
            setattr(
                record, name, type(value)(redact(v) if isinstance(v, str) else v for v in value)
            )
    if record.exc_info and not record.exc_text:
        # Formatters use exc_text when it is set: format the traceback once, redacted.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)


def install_record_factory() -> None:
    """Redact every log record when it is made, whichever logger or handler takes it."""
    current = logging.getLogRecordFactory()
    if getattr(current, "redacts_postcodes", False):
        return

    def factory(*args, **kwargs):
        record = current(*args, **kwargs)
        _redact_record(record)
        return record

    factory.redacts_postcodes = True
    logging.setLogRecordFactory(factory)


class RedactPostcodes(logging.Filter):
    """On every handler: redact a record's extra attributes too."""

    def filter(self, record):
        _redact_record(record, extras=True)
        return True


def configure_logging(logging_settings: dict) -> None:
    """LOGGING_CONFIG: Django's dictConfig, plus postcode redaction on every record."""
    install_record_factory()
    logging.config.dictConfig(logging_settings)
