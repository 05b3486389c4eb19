"""The Open Referral UK 3.0 feed: thin views over openreferral.selectors and .mapping.

Every response is JSON and carries Access-Control-Allow-Origin: *, errors included. GET and
HEAD only (OPTIONS answers a CORS preflight); no API key, no cookies, always in English.
A request with a postcode is answered with Cache-Control: no-store, so no cache keeps the URL.
Answers that are the same for everyone (pages of services without a postcode or search
words, single records, taxonomies) are kept whole in the shared cache, headers and all, as
the catalogue version stands (@shared_page, offers.page_cache).
"""

import functools

from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from offers.page_cache import DECIMAL, UUID, WHOLE_NUMBER, shared_page
from offers.selectors import local_today
from openreferral import mapping, selectors
from openreferral.openapi import openapi_document, schema_file
from openreferral.params import ParameterError, parse_id, parse_list_params

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
MAX_AGE = 300  # seconds a client or shared cache may keep a public answer
# The parameters a shared answer may carry: never search words or a postcode (typed).
PAGING = {"page": WHOLE_NUMBER, "per_page": WHOLE_NUMBER}
FILTERS = {
    **PAGING,
    "taxonomy_term_id": UUID,
    "taxonomy_id": UUID,
    "minimum_age": DECIMAL,
    "maximum_age": DECIMAL,
}


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(data, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(status: int, message: str, *, parameter: str | None = None) -> JsonResponse:
    body = {"error": message}
    if parameter:
        body["parameter"] = parameter
    return _json(body, status=status)


def feed_view(view):
    """GET/HEAD only, English, ParameterError -> 400, and the CORS header on everything."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
            response["Allow"] = ALLOWED_METHODS
        elif request.method not in ("GET", "HEAD"):
            response = error(405, "Only GET is allowed: the feed is read-only.")
            response["Allow"] = ALLOWED_METHODS
        else:
            with translation.override("en"):
                try:
                    response = view(request, *args, **kwargs)
                except ParameterError as problem:
                    response = error(400, problem.message, parameter=problem.parameter)
            if "postcode" in request.GET:
                response["Cache-Control"] = "no-store"
            elif response.status_code == 200:
                response.setdefault("Cache-Control", f"public, max-age={MAX_AGE}")
        return _cors(response)

    return wrapper


def _base_url(request) -> str:
    return request.build_absolute_uri(reverse("openreferral:root"))


def _page(request, contents, *, total, params) -> JsonResponse:
    return _json(
        mapping.page_record(
            contents, total_items=total, page_number=params.page, per_page=params.per_page
        )
    )


def _in_memory_page(request, records: list) -> JsonResponse:
    params = parse_list_params(request.GET, filters=False)
    page = records[params.offset : params.offset + params.per_page]
    return _page(request, page, total=len(records), params=params)


def _not_found(kind: str) -> JsonResponse:
    return error(404, f"No public {kind} has this id.")


# --- Endpoints ---------------------------------------------------------------------------


@shared_page()
@feed_view
def root(request):
    return _json(
        {
            "version": mapping.HSDS_VERSION,
            "profile": mapping.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
        }
    )


@feed_view
def root_without_slash(request):
    return HttpResponsePermanentRedirect(reverse("openreferral:root"))


@shared_page()
@feed_view
def openapi(request):
    return _json(openapi_document(_base_url(request)))


@shared_page(path={"name": r"(?:compiled/)?[a-z_]{1,40}\.json"})
@feed_view
def schema(request, name):
    content = schema_file(name)
    if content is None:
        return error(404, "No such schema file.")
    return HttpResponse(content, content_type="application/json")


@shared_page(query=FILTERS, any_order=True)
@feed_view
def services(request):
    params = parse_list_params(request.GET, filters=True)
    today = local_today()
    offers, total = selectors.offers_page(params, today)
    contents = [mapping.service_summary(offer, today) for offer in offers]
    return _page(request, contents, total=total, params=params)


@shared_page(path={"id": UUID})
@feed_view
def service(request, id):
    today = local_today()
    offer = selectors.public_offer(parse_id(id), today)
    if offer is None:
        return _not_found("service")
    return _json(mapping.service_record(offer, today))


@shared_page(query=FILTERS, any_order=True)
@feed_view
def service_at_locations(request):
    params = parse_list_params(request.GET, filters=True, postcode=True)
    today = local_today()
    offers, total = selectors.offers_page(params, today)
    contents = [mapping.service_at_location_summary(offer, today) for offer in offers]
    return _page(request, contents, total=total, params=params)


@shared_page(path={"id": UUID})
@feed_view
def service_at_location(request, id):
    today = local_today()
    offer = selectors.public_offer_at_location(parse_id(id), today)
    if offer is None:
        return _not_found("service_at_location")
    return _json(mapping.service_at_location_record(offer, today))


@shared_page(query=PAGING, any_order=True)
@feed_view
def taxonomies(request):
    return _in_memory_page(request, [mapping.taxonomy_record(t) for t in mapping.TAXONOMIES])


@shared_page(path={"id": UUID})
@feed_view
def taxonomy(request, id):
    found = selectors.taxonomy(parse_id(id))
    if found is None:
        return _not_found("taxonomy")
    return _json(mapping.taxonomy_record(found, selectors.taxonomy_terms_of(found)))


@shared_page(query=PAGING, any_order=True)
@feed_view
def taxonomy_terms(request):
    return _in_memory_page(request, [mapping.term_record(t) for t in selectors.all_terms()])


@shared_page(path={"id": UUID})
@feed_view
def taxonomy_term(request, id):
    found = selectors.taxonomy_term(parse_id(id))
    if found is None:
        return _not_found("taxonomy_term")
    return _json(mapping.term_record(found))


@feed_view
def not_found(request, path=""):
    return error(404, "Not found. The feed's endpoints are listed in its OpenAPI document.")
