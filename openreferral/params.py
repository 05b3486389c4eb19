"""Reading the feed's query parameters: strict, bounded, and with a clear message when wrong.

No request and no ORM here: views pass request.GET (any mapping of str to str) and get back a
ListParams, or a ParameterError that becomes a 400 response with a JSON body. Parameters the
feed does not know (ORUK's start_time, day, proximity, …) are ignored, as ORUK clients send them.
"""

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_AGE = 120
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 10
MAX_POSTCODE_LENGTH = 16

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
NUMBER = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,6})?")


class ParameterError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class ListParams:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    search_words: tuple[str, ...] = ()
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    minimum_age: Decimal | None = None
    maximum_age: Decimal | None = None
    # Only ever held in memory for the length of one request: never logged or stored.
    postcode: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def _text(query: Mapping[str, str], name: str) -> str | None:
    value = query.get(name)
    if value is None:
        return None
    # PostgreSQL cannot hold NUL in text; other control characters are never meant either.
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise ParameterError(name, f"{name} must not contain control characters.")
    return value.strip()


def _whole_number(query, name: str, *, default: int, low: int, high: int) -> int:
    value = _text(query, name)
    if value is None or value == "":
        return default
    if not WHOLE_NUMBER.fullmatch(value) or not low <= int(value) <= high:
        raise ParameterError(name, f"{name} must be a whole number from {low} to {high}.")
    return int(value)


def _age(query, name: str) -> Decimal | None:
    value = _text(query, name)
    if value is None or value == "":
        return None
    if not NUMBER.fullmatch(value) or Decimal(value) > MAX_AGE:
        raise ParameterError(name, f"{name} must be a number of years from 0 to {MAX_AGE}.")
    return Decimal(value)


def _uuid(query, name: str) -> uuid.UUID | None:
    value = _text(query, name)
    if value is None or value == "":
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ParameterError(name, f"{name} must be a UUID.") from None


def parse_list_params(query: Mapping[str, str], *, filters: bool, postcode: bool = False):
    """The paging parameters, and with filters=True the ORUK service filters."""
    params = {
        "page": _whole_number(query, "page", default=1, low=1, high=MAX_PAGE),
        "per_page": _whole_number(
            query, "per_page", default=DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE
        ),
    }
    if not filters:
        return ListParams(**params)
    search = _text(query, "search") or ""
    if len(search) > MAX_SEARCH_LENGTH:
        raise ParameterError("search", f"search must be at most {MAX_SEARCH_LENGTH} characters.")
    words = tuple(dict.fromkeys(search.split()))
    if len(words) > MAX_SEARCH_WORDS:
        raise ParameterError("search", f"search must be at most {MAX_SEARCH_WORDS} words.")
    params.update(
        search_words=words,
        taxonomy_term_id=_uuid(query, "taxonomy_term_id"),
        taxonomy_id=_uuid(query, "taxonomy_id"),
        minimum_age=_age(query, "minimum_age"),
        maximum_age=_age(query, "maximum_age"),
    )
    if postcode:
        text = _text(query, "postcode")
        if text:
            if len(text) > MAX_POSTCODE_LENGTH:
                raise ParameterError("postcode", "postcode must be a full UK postcode.")
            params["postcode"] = text
    return ListParams(**params)


def parse_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ParameterError("id", "id must be a UUID.") from None
