"""GET /api/v1/eligibility: the results page's answer, as JSON, for Personal Advisers' tools.

    /api/v1/eligibility?lives_in=E09000012&looked_after_by=E09000019&age=19
    /api/v1/eligibility?postcode=N1%209GU&looked_after_by=unknown&age=22

Same parsing (offers.forms.ResultsForm) and the same selector as the page, so the two
always agree. A postcode is turned into an area at once; the answer never repeats it.
An answer by area codes and age is the same for everyone who asks in that language: kept
whole in the shared cache (offers.page_cache); one by postcode never is.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from offers import selectors
from offers.eligibility import Borough, Unknown
from offers.forms import ResultsForm, council_label, place_code, where_you_live_label
from offers.page_cache import ANSWERS, shared_page


def _place_json(place, label):
    """{"gss_code", "name"}, or None when unknown. gss_code is what to pass back in."""
    if isinstance(place, Unknown):
        return None
    if isinstance(place, Borough):
        return {"gss_code": place.gss_code, "name": place.name}
    return {"gss_code": place_code(place), "name": label(place)}


@shared_page(query=ANSWERS, any_order=True)
@require_safe
def eligibility(request):
    form = ResultsForm(request.GET, allow_postcode=True)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        return JsonResponse({"error": f"{name}: {errors[0]}"}, status=400)
    answers = form.answers()
    offers = selectors.eligible_offers(person=answers.person())
    return JsonResponse(
        {
            "lives_in": _place_json(answers.lives_in, where_you_live_label),
            "looked_after_by": _place_json(answers.looked_after_by, council_label),
            "age": answers.age,
            "offers": [
                {
                    "id": match.card.id,
                    "title": match.card.title,
                    "status": str(match.decision.status),
                    "reasons": [*match.decision.depends_on, *match.decision.reasons],
                }
                for match in offers.matches()
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
