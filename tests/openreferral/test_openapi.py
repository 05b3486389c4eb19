"""Our OpenAPI document: served where `/` says, resolvable from our own server alone, naming
exactly the nine endpoints and the parameters the feed implements."""

import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from openreferral.openapi import SERVED_SCHEMAS, UNSUPPORTED_PARAMETERS
from tests.openreferral.conftest import FORMATS, pointer

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
NINE = {
    "/",
    "/services",
    "/services/{id}",
    "/service_at_locations",
    "/service_at_locations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
}


@pytest.fixture
def document(client):
    openapi_url = client.get("/openreferral/").json()["openapi_url"]
    assert openapi_url.startswith(SERVER)
    response = client.get(openapi_url.removeprefix(SERVER))
    assert response.status_code == 200
    return response.json()


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def resolve_pointer(document, ref: str):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_the_document_names_the_nine_endpoints_and_our_server(document):
    assert document["openapi"] == "3.0.0"
    assert set(document["paths"]) == NINE
    assert document["servers"] == [{"url": f"{SERVER}/openreferral"}]


def test_every_ref_resolves_inside_the_document_or_on_our_server(client, document):
    external = set()
    for ref in refs(document):
        if ref.startswith("#/"):
            resolve_pointer(document, ref)
        else:
            assert ref.startswith(f"{SERVER}/openreferral/schema/"), ref
            external.add(ref)
    assert {ref.removeprefix(f"{SERVER}/openreferral/schema/") for ref in external} <= set(
        SERVED_SCHEMAS
    )
    for ref in external:
        response = client.get(ref.removeprefix(SERVER))
        assert response.status_code == 200, ref
        json.loads(response.content)


def test_only_implemented_parameters_are_offered(document):
    offered = set()
    for item in document["paths"].values():
        for parameter in item["get"].get("parameters", []):
            offered.add(resolve_pointer(document, parameter["$ref"])["name"])
    assert offered.isdisjoint(UNSUPPORTED_PARAMETERS)
    assert offered == {
        "search",
        "page",
        "per_page",
        "taxonomy_term_id",
        "taxonomy_id",
        "minimum_age",
        "maximum_age",
        "postcode",
    }


def test_answers_validate_against_our_document_fetched_from_our_server(client, compact_data):
    """A validator that knows only our base URL: it fetches our document and our schema
    files, and checks our answers with them."""
    document = client.get("/openreferral/openapi.json").json()

    def retrieve(uri: str):
        assert uri.startswith(SERVER), uri
        contents = client.get(uri.removeprefix(SERVER)).json()
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    registry = Registry(retrieve=retrieve).with_resource(
        f"{SERVER}/openapi.json", Resource.from_contents(document, DRAFT202012)
    )

    def check(path: str, url: str):
        schema_ref = (
            f"{SERVER}/openapi.json#/"
            + pointer("paths", path, "get", "responses", "200", "content", "application/json")
            + "/schema"
        )
        validator = Draft202012Validator(
            {"$ref": schema_ref}, registry=registry, format_checker=FORMATS
        )
        body = client.get(url).json()
        errors = [error.message for error in validator.iter_errors(body)]
        assert not errors, (url, errors[:5])
        return body

    check("/", "/openreferral/")
    for list_path, one_path in (
        ("/services", "/services/{id}"),
        ("/service_at_locations", "/service_at_locations/{id}"),
        ("/taxonomies", "/taxonomies/{id}"),
        ("/taxonomy_terms", "/taxonomy_terms/{id}"),
    ):
        page = check(list_path, f"/openreferral{list_path}?per_page=5")
        first_id = page["contents"][0]["id"]
        check(one_path, f"/openreferral{list_path}/{first_id}")


def test_unknown_schema_files_are_not_served(client):
    for name in ("openapi.json", "../urls.py", "examples/service_full.json", "service.json"):
        response = client.get(f"/openreferral/schema/{name}")
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"
