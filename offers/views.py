"""The public pages: the care leaver's questions, their offers, browsing and search.

Views are glue: parse the answers, call a selector, render. The answers travel in the URL
(area codes and the age only); a postcode is POSTed, turned into an area by the form, and
goes no further. Public pages set no cookie: the forms change nothing, so they need no CSRF
token. Every page that is the same for everyone at the same address is kept whole in the
shared cache (@shared_page, offers.page_cache).
"""

from __future__ import annotations

import unicodedata

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from offers import selectors
from offers.eligibility import OUTSIDE_LONDON, decide, who_qualifies
from offers.forms import (
    AgeForm,
    Answers,
    BoroughForm,
    LookedAfterForm,
    PostcodeForm,
    ResultsForm,
    council_label,
    place_code,
    where_you_live_label,
)
from offers.page_cache import ANSWERS, LONDON_AUTHORITY, UUID, shared_page

QUESTIONS = ("lives_in", "looked_after_by", "age")
QUESTION_URLS = {
    "lives_in": "offers:where_you_live",
    "looked_after_by": "offers:looked_after_by",
    "age": "offers:age",
}
SEARCH_MAX_LENGTH = 200


def _url(name: str, answers: Answers, *, without: str | None = None) -> str:
    return reverse(name) + answers.query(without=without)


def next_step_url(answers: Answers) -> str:
    """The first question not yet answered, or the results when all are."""
    for question in QUESTIONS:
        if getattr(answers, question) is None:
            return _url(QUESTION_URLS[question], answers)
    return _url("offers:results", answers)


def _back_url(question: str, answers: Answers) -> str:
    """Back to the results when changing an answer, else to the previous question."""
    if answers.complete:
        return _url("offers:results", answers)
    index = QUESTIONS.index(question)
    if index == 0:
        return reverse("offers:start")
    return _url(QUESTION_URLS[QUESTIONS[index - 1]], answers)


def _error_list(form) -> list[tuple[str, str]]:
    """(field id, message) for the error summary, in field order."""
    return [(f"id_{name}", str(errors[0])) for name, errors in form.errors.items()]


def _question(request, *, question, form_class, template, initial=None, answered=None, extra=None):
    """One question page: GET shows it, POST checks the answer and moves on."""
    answers = Answers.from_query(request.GET)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            value = answered(form) if answered else form.cleaned_data[question]
            return HttpResponseRedirect(
                next_step_url(answers.replace(**{question: value})), status=303
            )
        status = 400
    else:
        form = form_class(initial=initial(answers) if initial else None)
    context = {
        "form": form,
        "errors": _error_list(form) if form.is_bound else [],
        "action": request.path + answers.query(without=question),
        "back_url": _back_url(question, answers),
        "answers": answers,
        "carried": answers.query(without=question),
        **(extra(answers) if extra else {}),
    }
    return render(request, template, context, status=status)


@shared_page()
@require_safe
def start(request):
    return render(request, "offers/start.html")


@shared_page(query=ANSWERS)
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def where_you_live(request):
    return _question(
        request,
        question="lives_in",
        form_class=PostcodeForm,
        template="offers/question_postcode.html",
        answered=lambda form: form.place,
        extra=lambda answers: {
            "outside_url": next_step_url(answers.replace(lives_in=OUTSIDE_LONDON))
        },
    )


@shared_page(query=ANSWERS)
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def where_you_live_borough(request):
    return _question(
        request,
        question="lives_in",
        form_class=BoroughForm,
        template="offers/question_borough.html",
        initial=lambda answers: (
            {"lives_in": place_code(answers.lives_in)} if answers.lives_in else None
        ),
    )


@shared_page(query=ANSWERS)
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def looked_after_by(request):
    return _question(
        request,
        question="looked_after_by",
        form_class=LookedAfterForm,
        template="offers/question_looked_after.html",
        initial=lambda answers: (
            {"looked_after_by": place_code(answers.looked_after_by)}
            if answers.looked_after_by
            else None
        ),
    )


@shared_page(query=ANSWERS)
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def age(request):
    return _question(
        request,
        question="age",
        form_class=AgeForm,
        template="offers/question_age.html",
        initial=lambda answers: {"age": answers.age} if answers.age is not None else None,
    )


def _answer_rows(answers: Answers) -> list[dict]:
    return [
        {
            "key": _("Where you live"),
            "value": where_you_live_label(answers.lives_in),
            "change_url": _url("offers:where_you_live", answers),
            "change_hidden": _("where you live"),
        },
        {
            "key": _("Council that looked after you"),
            "value": council_label(answers.looked_after_by),
            "change_url": _url("offers:looked_after_by", answers),
            "change_hidden": _("the council that looked after you"),
        },
        {
            "key": _("Your age"),
            "value": str(answers.age),
            "change_url": _url("offers:age", answers),
            "change_hidden": _("your age"),
        },
    ]


@shared_page(query=ANSWERS)
@require_safe
def results(request):
    """Your offers: every offer this person can get, and those they might."""
    if not all(request.GET.get(name) for name in QUESTIONS):
        # A link without every answer: ask what is missing.
        return HttpResponseRedirect(next_step_url(Answers.from_query(request.GET)))
    form = ResultsForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "offers/results_error.html",
            {"errors": [str(errors[0]) for errors in form.errors.values()]},
            status=400,
        )
    answers = form.answers()
    canonical = answers.query()
    if "?" + request.META.get("QUERY_STRING", "") != canonical:
        # One address per set of answers (codes in order, nothing else), so the page is
        # kept for everyone who gives the same answers (offers.page_cache).
        return HttpResponseRedirect(request.path + canonical)
    today = selectors.local_today()
    context = {
        "answers": answers,
        "answer_rows": _answer_rows(answers),
        "offers": selectors.eligible_offers(person=answers.person(), today=today),
        "offer_query": canonical,
        "today": today,
    }
    return render(request, "offers/results.html", context)


@shared_page(query=ANSWERS, path={"offer_id": UUID})
@require_safe
def offer_detail(request, offer_id):
    offer = selectors.offer_detail(offer_id=offer_id)
    if offer is None:
        raise Http404(_("There is no offer at this address. It may have ended."))
    rule = selectors.rule_for_offer(offer)
    if rule is None:
        raise Http404(_("There is no offer at this address. It may have ended."))
    answers = Answers.from_query(request.GET)
    decision = None
    if answers.complete:
        decision = decide(answers.person(), rule, selectors.local_today())
    context = {
        "offer": offer,
        "who_qualifies": who_qualifies(rule),
        "decision": decision,
        "answers": answers,
        "results_url": _url("offers:results", answers) if answers.complete else "",
    }
    return render(request, "offers/offer_detail.html", context)


@shared_page()
@require_safe
def browse(request):
    return render(request, "offers/browse.html", {"groups": selectors.offers_by_theme()})


@shared_page()
@require_safe
def borough_list(request):
    boroughs = list(selectors.london_boroughs().values())
    return render(request, "offers/borough_list.html", {"boroughs": boroughs})


@shared_page(path={"gss_code": LONDON_AUTHORITY})
@require_safe
def borough(request, gss_code):
    found = selectors.borough_offers(gss_code=gss_code[:20])
    if found is None:
        raise Http404(_("There is no London borough with this code."))
    context = {"found": found, "borough": found.borough}
    return render(request, "offers/borough.html", context)


def _search_text(value: str) -> str:
    """What was typed, without control characters (they cannot be searched for)."""
    return "".join(ch for ch in value if unicodedata.category(ch) not in {"Cc", "Cs"}).strip()


@require_safe
def search(request):
    raw = request.GET.get("q", "")
    query = _search_text(raw)
    error = ""
    results = None
    status = 200
    if len(raw) > SEARCH_MAX_LENGTH:
        error = _("Search words must be %(max)s characters or fewer") % {"max": SEARCH_MAX_LENGTH}
        status = 400
    elif "q" in request.GET and not query:
        error = _("Enter words to search for, like bus or council tax")
        status = 400
    elif query:
        results = selectors.search_offers(query=query)
    context = {
        "query": query if not error else raw[:SEARCH_MAX_LENGTH],
        "error": error,
        "error_list": [("id_q", error)] if error else [],
        "results": results,
    }
    return render(request, "offers/search.html", context, status=status)


@shared_page(path={"template": r"offers/[a-z_]+\.html"})
@require_safe
def page(request, template):
    return render(request, template)
