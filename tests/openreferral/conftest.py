"""Validating feed responses the way the ORUK validator does.

The validator reads the ORUK 3.0 OpenAPI document, resolves its $refs to the profile's
schema files, and checks each response body against the schema the document gives for that
path and status (JSON Schema draft 2020-12). These helpers do the same, offline, with the
copies in openreferral/schema/ (their upstream addresses registered as their URIs).
"""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import openreferral

SCHEMA_DIR = Path(openreferral.__file__).resolve().parent / "schema"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
BASE = "/openreferral/"
LISTS = ("/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms")
ONE = {
    "/services": "/services/{id}",
    "/service_at_locations": "/service_at_locations/{id}",
    "/taxonomies": "/taxonomies/{id}",
    "/taxonomy_terms": "/taxonomy_terms/{id}",
}
# FormatChecker checks uuid, email and date itself, and uri and date-time with
# rfc3986-validator and rfc3339-validator (test dependencies).
FORMATS = FormatChecker()
assert {"uuid", "uri", "date-time", "email", "date"} <= set(FORMATS.checkers)


def _upstream_registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.rglob("*.json"):
        relative = path.relative_to(SCHEMA_DIR).as_posix()
        if relative.startswith("examples/"):
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append(
            (
                UPSTREAM + relative,
                Resource.from_contents(contents, default_specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)


REGISTRY = _upstream_registry()


def pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_schema_ref(path: str, status: str = "200") -> str:
    """The schema the ORUK OpenAPI document gives for GET path, as a reference into it."""
    return (
        UPSTREAM
        + "openapi.json#/"
        + pointer("paths", path, "get", "responses", status, "content", "application/json")
        + "/schema"
    )


def validator_for(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=REGISTRY, format_checker=FORMATS)


def schema_errors(body, ref: str) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator_for(ref).iter_errors(body)
    ]


def assert_valid(body, ref: str):
    errors = schema_errors(body, ref)
    assert not errors, f"{ref}:\n" + "\n".join(errors[:20])


ENVELOPE = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def get_json(client, path: str, **params):
    url = BASE + path.lstrip("/") + (f"?{urlencode(params)}" if params else "")
    response = client.get(url)
    assert response["Access-Control-Allow-Origin"] == "*", url
    assert response["Content-Type"].startswith("application/json"), url
    return response, response.json()


@pytest.fixture
def feed(client):
    """get(path, **params) -> (response, parsed JSON), checking the headers every answer has."""
    return lambda path, **params: get_json(client, path, **params)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache. (The catalogue version that keys it is bumped
    on commit, and a test's transaction never commits.)"""
    cache.clear()
    yield
    cache.clear()
