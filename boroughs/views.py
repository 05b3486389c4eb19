"""GET /api/v1/postcodes/<postcode>: a postcode's local authority and ICB, as JSON.

The postcode is in the path, so nothing here logs it, caches it, or lets a cache keep it
(Cache-Control: no-store); 4xx responses are not logged (django.request logs at ERROR).
"""

from django.db import DatabaseError
from django.http import JsonResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from boroughs.postcodes import lookup_postcode


def _json(body: dict, status: int) -> JsonResponse:
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    # The URL holds a postcode: no browser, proxy or CDN may keep a copy keyed by it.
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def postcode_detail(request, postcode: str = ""):
    # A "+" in a path is a literal plus, but clients often mean a space by it.
    try:
        result = lookup_postcode(postcode.replace("+", " "))
    except DatabaseError:
        return _json(
            {"error": gettext("Postcode lookup is not available right now. Try again later.")},
            status=503,
        )
    if result.found:
        return _json(result.as_dict(), status=200)
    body = {"error": result.message, "problem": result.problem}
    if result.is_shape_problem:
        return _json(body, status=400)
    body["postcode"] = result.postcode
    return _json(body, status=404)
