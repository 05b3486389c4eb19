"""A site-wide sweep of bad input: every public URL pattern, each of its path, query and
form parameters, in English and under a language prefix, with unicode, control characters
(NUL included), invalid UTF-8, 10 kB strings and SQL and HTML fragments, by hand-picked
values and by hypothesis. Never a 500; a 4xx carries a clear message; what was typed
comes back escaped. (Each app fuzzes its own parameters in depth; this is the sweep.)"""

import json
import re
import time
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.views import PARAMETERS as COVERAGE_PARAMETERS
from offers.cache import VERSION_KEY
from offers.services import compact_data_load

pytestmark = pytest.mark.django_db

ANSWERS = ("lives_in", "looked_after_by", "age")
ORUK_LIST = ("page", "per_page")
ORUK_FILTERS = (*ORUK_LIST, "search", "taxonomy_term_id", "taxonomy_id", "minimum_age",
                "maximum_age")  # fmt: skip
DATES = ("on", "on-day", "on-month", "on-year")


@dataclass(frozen=True)
class Endpoint:
    path: str  # "{}" stands for the path parameter
    get: tuple[str, ...] = ()
    post: tuple[str, ...] = ()
    json: bool = False
    prefixed: bool = False  # under i18n_patterns: also tried as /ar/…
    sample: str = ""  # a good path parameter


# Every named URL pattern outside admin, with its parameters. A test below fails when a
# new pattern is not listed here.
SITE = {
    "healthz": Endpoint("/healthz"),
    "postcode_detail_empty": Endpoint("/api/v1/postcodes/", json=True),
    "postcode_detail": Endpoint("/api/v1/postcodes/{}", json=True, sample="N1 9GU"),
    "api-eligibility": Endpoint("/api/v1/eligibility", (*ANSWERS, "postcode"), json=True),
    "openreferral:root": Endpoint("/openreferral/", json=True),
    "openreferral:openapi": Endpoint("/openreferral/openapi.json", json=True),
    "openreferral:schema": Endpoint("/openreferral/schema/{}", json=True, sample="service.json"),
    "openreferral:services": Endpoint("/openreferral/services", ORUK_FILTERS, json=True),
    "openreferral:service": Endpoint("/openreferral/services/{}", json=True),
    "openreferral:service_at_locations": Endpoint(
        "/openreferral/service_at_locations", (*ORUK_FILTERS, "postcode"), json=True
    ),
    "openreferral:service_at_location": Endpoint(
        "/openreferral/service_at_locations/{}", json=True
    ),
    "openreferral:taxonomies": Endpoint("/openreferral/taxonomies", ORUK_LIST, json=True),
    "openreferral:taxonomy": Endpoint("/openreferral/taxonomies/{}", json=True),
    "openreferral:taxonomy_terms": Endpoint(
        "/openreferral/taxonomy_terms", (*ORUK_LIST, "taxonomy_id"), json=True
    ),
    "openreferral:taxonomy_term": Endpoint("/openreferral/taxonomy_terms/{}", json=True),
    "openreferral:not_found": Endpoint("/openreferral/{}", json=True, sample="nothing"),
    "board_csv": Endpoint("/coverage.csv", DATES),
    "board_json": Endpoint("/coverage.json", DATES, json=True),
    "board:coverage": Endpoint("/coverage/", COVERAGE_PARAMETERS, prefixed=True),
    "board:borough": Endpoint("/coverage/{}/", prefixed=True, sample="E09000019"),
    "offers:start": Endpoint("/", prefixed=True),
    "offers:where_you_live": Endpoint("/where-you-live/", ANSWERS, ("postcode",), prefixed=True),
    "offers:where_you_live_borough": Endpoint(
        "/where-you-live/borough/", ANSWERS, ("lives_in",), prefixed=True
    ),
    "offers:looked_after_by": Endpoint(
        "/who-looked-after-you/", ANSWERS, ("looked_after_by",), prefixed=True
    ),
    "offers:age": Endpoint("/how-old-are-you/", ANSWERS, ("age",), prefixed=True),
    "offers:results": Endpoint("/your-offers/", ANSWERS, prefixed=True),
    "offers:browse": Endpoint("/offers/", prefixed=True),
    "offers:offer": Endpoint(
        "/offers/{}/", ANSWERS, prefixed=True, sample="00000000-0000-0000-0000-000000000000"
    ),
    "offers:boroughs": Endpoint("/boroughs/", prefixed=True),
    "offers:borough": Endpoint("/boroughs/{}/", prefixed=True, sample="E09000019"),
    "offers:search": Endpoint("/search/", ("q",), prefixed=True),
    "offers:help_now": Endpoint("/help-now/", prefixed=True),
    "offers:accessibility": Endpoint("/accessibility/", prefixed=True),
    "offers:privacy": Endpoint("/privacy/", prefixed=True),
    "offers:cookies": Endpoint("/cookies/", prefixed=True),
    "admin:login": Endpoint("/admin/login/", ("next",), ("username", "password")),
}

RAW_BYTES = object()  # stands for invalid UTF-8 in the query string or path
SCRIPT = '<script>alert("fuzz")</script>'
ATTRIBUTE = '"><svg onload=alert(1)>'
# One of each kind of trouble.
NASTY = [
    "",
    "\x00",
    "E09000019\x00",
    "\x01\x1b[31m\x7f\r\nSet-Cookie: x=1",
    "x" * 10240,
    "\u00e9\u202e\u200f\ufeff" * 2600,  # 10 kB of accents and direction marks
    "' OR '1'='1'; DROP TABLE offers_offer;--",
    "%_\\",
    SCRIPT,
    ATTRIBUTE,
    "{{ request }}{% debug %}",
    "99999999999999999999999999",
    "-1",
    "\u0662\u0660",  # Arabic-Indic digits
    "\uff12\uff10",  # full-width digits
    "\U0001f600\U0001d54f",
    RAW_BYTES,
]
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(st.characters(codec="ascii"), max_size=12),
    st.sampled_from([v for v in NASTY if isinstance(v, str)]),
    st.builds(lambda c, n: c * n, st.characters(exclude_categories=["Cs"]), st.just(10240)),
)


def encoded(value) -> str:
    if value is RAW_BYTES:
        return "%FF%FE%C0%AF%ED%A0%80"
    return quote(value, safe="")


def query(params: dict) -> str:
    return "&".join(f"{encoded(k)}={encoded(v)}" for k, v in params.items())


def path_of(endpoint: Endpoint, value=None) -> str:
    if "{}" not in endpoint.path:
        return endpoint.path
    return endpoint.path.format(endpoint.sample if value is None else encoded(value))


def check(response, sent: list):
    """Never a 500; a 4xx says what is wrong; what was typed comes back escaped."""
    status = response.status_code
    assert status < 500, (status, response.content[:500])
    body = response.content.decode("utf-8", errors="replace")
    content_type = response.get("Content-Type", "")
    if status >= 400 and status != 405:
        if "json" in content_type:
            parsed = json.loads(body)
            assert parsed.get("error") or parsed.get("errors"), body[:300]
        elif "html" in content_type:
            # A heading that says what happened, or an error message (GOV.UK's or admin's).
            assert re.search(r"<h1[^>]*>\s*\S", body) or "errornote" in body, body[:300]
            assert re.search(r"govuk-error|govuk-heading-l|errornote|<h1", body), body[:300]
    if "html" in content_type:
        for value in sent:
            if isinstance(value, str):
                for needle in (SCRIPT, ATTRIBUTE, "<svg onload"):
                    if needle in value:
                        assert needle not in body, "unescaped input in the page"
        assert "Traceback" not in body


def send(client, endpoint: Endpoint, *, path: str, params: dict, post: dict | None = None):
    url = path + (f"?{query(params)}" if params else "")
    if post is None:
        response = client.get(path, QUERY_STRING=query(params))
    else:
        response = client.post(
            path,
            query(post),
            content_type="application/x-www-form-urlencoded",
            QUERY_STRING=query(params),
        )
    check(response, [*params.values(), *(post or {}).values()])
    return url


def forget_the_catalogue_cache():
    """Move the catalogue version on (without clear(): on Redis that would be FLUSHDB)."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


@pytest.fixture(scope="module")
def site_data(django_db_setup, django_db_blocker):
    """The Compact's data once for the whole sweep (the sweep writes nothing that matters),
    in a transaction rolled back at the end; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            compact_data_load()
            forget_the_catalogue_cache()
            yield
            transaction.set_rollback(True)
    forget_the_catalogue_cache()


@pytest.fixture
def client(site_data, db):
    return Client(raise_request_exception=True)


def cases():
    """(name, endpoint, prefix) for every endpoint, and its /ar/ form."""
    for name, endpoint in SITE.items():
        yield pytest.param(name, endpoint, "", id=name)
        if endpoint.prefixed:
            yield pytest.param(name, endpoint, "/ar", id=f"{name}[ar]")


RANDOM = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("name", "endpoint", "prefix"), list(cases()))
def test_every_parameter_with_every_kind_of_trouble(client, name, endpoint, prefix):
    base = prefix + path_of(endpoint)
    # The page itself answers, to every method.
    check(client.get(base), [])
    for method in ("head", "options", "put", "patch", "delete", "trace"):
        response = getattr(client, method)(base)
        assert response.status_code < 500, (method, response.status_code)

    # Each parameter with each kind of trouble (under /ar/, which changes no parsing, the
    # worst few: what must be escaped in Arabic pages too, NUL, bad bytes, 10 kB).
    for value in NASTY if not prefix else [SCRIPT, ATTRIBUTE, "\x00", RAW_BYTES, "x" * 10240]:
        if "{}" in endpoint.path:
            send(client, endpoint, path=prefix + path_of(endpoint, value), params={})
        for param in endpoint.get:
            send(client, endpoint, path=base, params={param: value})
        for field_name in endpoint.post:
            send(client, endpoint, path=base, params={}, post={field_name: value})
        # A parameter nobody expects, named with the trouble itself.
        if value is not RAW_BYTES and value:
            send(client, endpoint, path=base, params={value[:200]: "1"})

    # And hypothesis: random values, several parameters at once.
    @RANDOM
    @given(data=st.data())
    def random_combinations(data):
        params = {p: data.draw(TEXT, label=p) for p in endpoint.get if data.draw(st.booleans())}
        path = base
        if "{}" in endpoint.path:
            path = prefix + path_of(endpoint, data.draw(TEXT.filter(bool), label="path"))
        post = {f: data.draw(TEXT, label=f) for f in endpoint.post} or None
        send(client, endpoint, path=path, params=params, post=post)

    if not prefix:  # the language prefix changes no parsing: once is enough
        random_combinations()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT_LANGUAGE": "\x00" + "x" * 5000},
        {"HTTP_ACCEPT_LANGUAGE": "ar;q=nan, *;q=-1, \u00e9"},
        {"HTTP_COOKIE": "sessionid=' OR 1=1; csrftoken=\x01" + "x" * 5000},
        {"HTTP_X_FORWARDED_FOR": "not-an-ip, \x00, 999.999.999.999"},
        {"HTTP_X_FORWARDED_PROTO": "https, http"},
        {"HTTP_HOST": "evil.example"},
        {"HTTP_HOST": "localhost:99999999"},
        {"HTTP_REFERER": SCRIPT},
        {"HTTP_USER_AGENT": "\u202e" * 3000},
    ],
)
def test_hostile_headers(client, settings, headers):
    settings.TRUSTED_PROXY_COUNT = 1
    for path in ("/", "/ar/your-offers/?lives_in=E09000019&looked_after_by=E09000019&age=20",
                 "/api/v1/eligibility?lives_in=unknown&looked_after_by=unknown&age=20",
                 "/openreferral/services", "/admin/login/"):  # fmt: skip
        response = client.get(path, **headers)
        check(response, list(headers.values()))


def test_the_sweep_covers_every_url_pattern():
    """A new page or API must join SITE (admin pages beyond the login are staff-only and
    tested by the admin's own tests)."""
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner != "admin":
                    walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    assert names - set(SITE) == set()
