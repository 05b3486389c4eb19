"""Our OpenAPI document: the ORUK 3.0 one (openreferral/schema/openapi.json), adapted.

The upstream document's $refs point at the profile's raw files on GitHub; ours point at the
same files as this feed serves them (/openreferral/schema/…), so the document resolves
offline and names exactly what we answer with. The other changes, each for a reason:
- servers: our base URL;
- parameters the feed does not implement (start_time, end_time, day, proximity) left out,
  with the unused shared ones: the feed ignores them if sent;
- /service_at_locations/{id}: upstream names compiled/service.json, a slip; ours names
  compiled/service_at_location.json (the body validates against both, see mapping);
- the 400 and 404 answers, with their JSON error body, are described;
- path ids are declared as UUIDs.
"""

import copy
import functools
import json
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
UPSTREAM_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
# The files under schema/ that the feed serves: those the OpenAPI document names.
SERVED_SCHEMAS = (
    "taxonomy.json",
    "taxonomy_term.json",
    "compiled/service.json",
    "compiled/service_list.json",
    "compiled/service_at_location.json",
    "compiled/service_at_location_list.json",
)
UNSUPPORTED_PARAMETERS = ("start_time", "end_time", "day", "proximity")
USED_SHARED_PARAMETERS = (
    "search",
    "page",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "minimum_age",
    "maximum_age",
    "postcode",
)

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "What was wrong, in words."},
        "parameter": {"type": "string", "description": "The query parameter that was wrong."},
    },
}
DESCRIPTION = (
    "Every published offer of the London Care Leavers Compact portal as Open Referral UK 3.0. "
    "Offers are services; their providers are organizations; the area an offer is made in is "
    "its service area and its one (virtual) location. Two taxonomies: the Compact's themes, "
    "and who qualifies (eligibility). No API key. Lists take page (from 1) and per_page "
    "(1 to 100, default 50). Bad parameters answer 400 with a JSON error body."
)


@functools.cache
def _upstream() -> dict:
    return json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))


@functools.cache
def schema_file(name: str) -> bytes | None:
    """A served schema file's bytes, or None for any name we do not serve."""
    if name not in SERVED_SCHEMAS:
        return None
    return (SCHEMA_DIR / name).read_bytes()


def _rewrite_refs(node, schema_base: str):
    if isinstance(node, dict):
        return {
            key: (
                schema_base + value.removeprefix(UPSTREAM_BASE)
                if key == "$ref" and isinstance(value, str) and value.startswith(UPSTREAM_BASE)
                else _rewrite_refs(value, schema_base)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, schema_base) for item in node]
    return node


def _json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(base_url: str) -> dict:
    """The document for a feed whose root is base_url (absolute, ending in "/")."""
    document = copy.deepcopy(_upstream())
    document["info"]["title"] = "London Care Leavers Compact: Open Referral UK feed"
    document["info"]["description"] = DESCRIPTION
    document["servers"] = [{"url": base_url.rstrip("/")}]

    components = document["components"]
    components["parameters"] = {
        name: components["parameters"][name] for name in USED_SHARED_PARAMETERS
    }
    components["schemas"]["Error"] = ERROR_SCHEMA
    components["responses"] = {
        "BadRequest": _json_response(
            "A parameter was wrong.", {"$ref": "#/components/schemas/Error"}
        ),
        "NotFound": _json_response(
            "No public record has this id.", {"$ref": "#/components/schemas/Error"}
        ),
    }
    unsupported = {f"#/components/parameters/{name}" for name in UNSUPPORTED_PARAMETERS}
    for path, item in document["paths"].items():
        for parameter in item.get("parameters", []):
            if parameter.get("in") == "path":
                parameter["schema"] = {"type": "string", "format": "uuid"}
        operation = item["get"]
        if "parameters" in operation:
            operation["parameters"] = [
                parameter
                for parameter in operation["parameters"]
                if parameter.get("$ref") not in unsupported
            ]
            operation["responses"]["400"] = {"$ref": "#/components/responses/BadRequest"}
        if path.endswith("{id}"):
            operation["responses"]["400"] = {"$ref": "#/components/responses/BadRequest"}
            operation["responses"]["404"] = {"$ref": "#/components/responses/NotFound"}
    sal_schema = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    sal_schema["content"]["application/json"]["schema"]["$ref"] = (
        UPSTREAM_BASE + "compiled/service_at_location.json"
    )
    return _rewrite_refs(document, base_url + "schema/")
