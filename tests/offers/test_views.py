"""The care leaver's journey page by page: every question, every error, the results."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from tests.offers.catalogue import CAMDEN, HACKNEY, ISLINGTON, areas, small_catalogue

pytestmark = pytest.mark.django_db

WHERE = reverse("offers:where_you_live")
BOROUGH = reverse("offers:where_you_live_borough")
COUNCIL = reverse("offers:looked_after_by")
AGE = reverse("offers:age")
RESULTS = reverse("offers:results")


@pytest.fixture
def client():
    # The public forms must work without a CSRF token: enforce the check to prove it.
    return Client(enforce_csrf_checks=True)


def text(response) -> str:
    """The page's visible words, tags dropped and spaces squeezed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def h1(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", match.group(1)))).strip()


def error_summary(response) -> list[str]:
    html = response.content.decode()
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    assert summary, "no error summary"
    return [
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", item))).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary.group(1), re.S)
    ]


def inline_errors(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", m))).replace("Error:", "").strip()
        for m in re.findall(r'class="govuk-error-message">(.*?)</p>', html, re.S)
    ]


def assert_no_cookies(response):
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response.headers


def back_link(response) -> str:
    match = re.search(r'<a href="([^"]*)" class="govuk-back-link"', response.content.decode())
    return unescape(match.group(1))


# --- Start ------------------------------------------------------------------------------


def test_start_page_explains_the_portal_and_starts_the_questions(client):
    response = client.get(reverse("offers:start"))
    assert response.status_code == 200
    assert "Find the support you can get as a London care leaver" == h1(response)
    html = response.content.decode()
    assert f'href="{WHERE}" role="button"' in html
    for browse in ("offers:browse", "offers:boroughs", "offers:search", "offers:help_now"):
        assert f'href="{reverse(browse)}"' in html
    assert_no_cookies(response)


# --- Where do you live now? ---------------------------------------------------------------


def test_where_you_live_asks_for_a_postcode(client):
    response = client.get(WHERE)
    assert response.status_code == 200
    assert h1(response) == "Where do you live now?"
    html = response.content.decode()
    assert 'method="post"' in html
    assert "csrfmiddlewaretoken" not in html
    assert back_link(response) == reverse("offers:start")
    assert f'href="{BOROUGH}"' in html
    assert f'href="{COUNCIL}?lives_in=outside"' in html  # "I do not live in London"
    assert_no_cookies(response)


def test_a_london_postcode_becomes_its_borough_and_goes_no_further(client, postcodes):
    areas()
    response = client.post(WHERE, {"postcode": postcodes["islington"]})
    assert response.status_code == 303
    assert response["Location"] == f"{COUNCIL}?lives_in={ISLINGTON}"
    assert_no_cookies(response)


@pytest.mark.parametrize(
    "spelling", [str.lower, lambda p: p.replace(" ", ""), lambda p: f"  {p}\t"]
)
def test_a_postcode_is_accepted_in_any_case_and_spacing(client, postcodes, spelling):
    areas()
    response = client.post(WHERE, {"postcode": spelling(postcodes["hackney"])})
    assert response["Location"] == f"{COUNCIL}?lives_in={HACKNEY}"


@pytest.mark.parametrize(("place", "code"), [("cambridge", "E92000001"), ("cardiff", "W92000004")])
def test_a_postcode_outside_london_keeps_only_its_country(client, postcodes, place, code):
    areas()
    response = client.post(WHERE, {"postcode": postcodes[place]})
    assert response["Location"] == f"{COUNCIL}?lives_in={code}"


def test_changing_where_you_live_keeps_the_other_answers_and_returns_to_the_results(
    client, postcodes
):
    areas()
    response = client.post(
        f"{WHERE}?lives_in={ISLINGTON}&looked_after_by={CAMDEN}&age=20",
        {"postcode": postcodes["hackney"]},
    )
    assert response["Location"] == f"{RESULTS}?lives_in={HACKNEY}&looked_after_by={CAMDEN}&age=20"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter your postcode"),
        ("hello", "Enter a real postcode"),
        ("N1", "Enter your full postcode"),
        ("BFPO 105", "BFPO"),
        ("N1 9ZZ", "We could not find the postcode N1 9ZZ"),
        ("x" * 5000, "too long"),
    ],
)
def test_a_postcode_that_cannot_be_used_gets_a_clear_message(client, postcodes, typed, message):
    response = client.post(WHERE, {"postcode": typed})
    assert response.status_code == 400
    assert h1(response) == "Where do you live now?"
    summary = error_summary(response)
    assert len(summary) == 1 and message in summary[0]
    assert inline_errors(response) == summary
    assert '<a href="#id_postcode">' in response.content.decode()
    assert "govuk-input--error" in response.content.decode()
    assert_no_cookies(response)


def test_choose_your_borough_lists_the_33_and_the_other_answers(client):
    areas()
    response = client.get(BOROUGH)
    assert h1(response) == "Which London borough do you live in?"
    html = response.content.decode()
    assert html.count('class="govuk-radios__input"') == 35
    assert 'value="outside"' in html and 'value="unknown"' in html
    assert "govuk-radios__divider" in html
    assert back_link(response) == reverse("offers:start")


@pytest.mark.parametrize(
    ("chosen", "carried"),
    [(HACKNEY, HACKNEY), ("outside", "outside"), ("unknown", "unknown")],
)
def test_choosing_a_borough_moves_on_to_the_council(client, chosen, carried):
    areas()
    response = client.post(BOROUGH, {"lives_in": chosen})
    assert response.status_code == 303
    assert response["Location"] == f"{COUNCIL}?lives_in={carried}"


@pytest.mark.parametrize("chosen", [None, "", "E09000999", "<b>x</b>", "E12000007"])
def test_choosing_no_borough_or_a_made_up_one_is_an_error(client, chosen):
    areas()
    data = {} if chosen is None else {"lives_in": chosen}
    response = client.post(BOROUGH, data)
    assert response.status_code == 400
    assert error_summary(response) == [
        "Select the borough you live in, or that you do not live in London"
    ]
    assert "<b>x</b>" not in response.content.decode()


def test_the_borough_you_chose_is_ticked_when_you_come_back(client):
    areas()
    response = client.get(f"{BOROUGH}?lives_in={HACKNEY}&looked_after_by={HACKNEY}")
    assert f'value="{HACKNEY}" checked' in response.content.decode()


# --- Which council looked after you? -------------------------------------------------------


def test_which_council_lists_the_london_councils_outside_and_not_sure(client):
    areas()
    response = client.get(f"{COUNCIL}?lives_in={HACKNEY}")
    assert response.status_code == 200
    assert h1(response) == "Which council looked after you?"
    html = response.content.decode()
    assert html.count('class="govuk-radios__input"') == 35
    assert "A council outside London" in html and "I’m not sure" in html
    assert back_link(response) == f"{WHERE}?lives_in={HACKNEY}"
    assert f'action="{COUNCIL}?lives_in={HACKNEY}"' in unescape(html)


@pytest.mark.parametrize("chosen", [ISLINGTON, "outside", "unknown"])
def test_choosing_a_council_moves_on_to_the_age(client, chosen):
    areas()
    response = client.post(f"{COUNCIL}?lives_in={HACKNEY}", {"looked_after_by": chosen})
    assert response.status_code == 303
    assert response["Location"] == f"{AGE}?lives_in={HACKNEY}&looked_after_by={chosen}"


@pytest.mark.parametrize("chosen", [None, "", "E09000099", "London"])
def test_choosing_no_council_is_an_error(client, chosen):
    areas()
    data = {} if chosen is None else {"looked_after_by": chosen}
    response = client.post(f"{COUNCIL}?lives_in={HACKNEY}", data)
    assert response.status_code == 400
    assert error_summary(response) == [
        "Select the council that looked after you, or that you are not sure"
    ]
    assert inline_errors(response) == error_summary(response)


def test_a_broken_answer_carried_in_the_url_is_asked_again_not_kept(client):
    areas()
    response = client.post(f"{COUNCIL}?lives_in=nonsense&age=abc", {"looked_after_by": CAMDEN})
    # lives_in and age were not valid: the journey asks for them, it does not guess.
    assert response["Location"] == f"{WHERE}?looked_after_by={CAMDEN}"


# --- How old are you? ----------------------------------------------------------------------


def test_age_question_says_most_offers_end_at_25(client):
    areas()
    response = client.get(f"{AGE}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}")
    assert h1(response) == "How old are you?"
    assert "25" in text(response)
    assert 'inputmode="numeric"' in response.content.decode()
    assert back_link(response) == f"{COUNCIL}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}"


@pytest.mark.parametrize(("typed", "age"), [("16", 16), ("30", 30), (" 19 ", 19), ("١٩", 19)])
def test_an_age_from_16_to_30_shows_the_results(client, typed, age):
    areas()
    response = client.post(f"{AGE}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}", {"age": typed})
    assert response.status_code == 303
    assert response["Location"] == (
        f"{RESULTS}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age={age}"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter your age"),
        ("nineteen", "Enter your age as a whole number, like 19"),
        ("19.5", "Enter your age as a whole number, like 19"),
        ("-1", "Enter your age as a whole number, like 19"),
        ("1e3", "Enter your age as a whole number, like 19"),
        ("15", "Your age must be 16 or more. Most offers start at 18."),
        ("31", "Your age must be 30 or less. Most offers end at 25."),
        ("999999", "Enter your age as a whole number, like 19"),
    ],
)
def test_an_age_that_cannot_be_used_gets_a_clear_message(client, typed, message):
    areas()
    response = client.post(f"{AGE}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}", {"age": typed})
    assert response.status_code == 400
    assert error_summary(response) == [message]
    assert inline_errors(response) == [message]


def test_questions_answer_only_get_head_and_post(client):
    assert client.put(AGE).status_code == 405
    # The results are read-only (a POST without a CSRF token is refused even earlier).
    assert Client().post(RESULTS).status_code == 405


# --- Your offers ------------------------------------------------------------------------------


def results(client, lives_in, looked_after_by, age):
    return client.get(
        RESULTS, {"lives_in": lives_in, "looked_after_by": looked_after_by, "age": age}
    )


def section(response, start: str, end: str | None = None) -> str:
    """The main content's words from `start` up to `end`."""
    page = text(response)
    page = page[page.index(h1(response), page.index("Skip to main content") + 30) :]
    begin = page.index(start)
    stop = page.find(end, begin) if end else -1
    return page[begin : stop if stop >= 0 else len(page)]


def test_results_group_offers_by_theme_with_a_reason_each(client):
    small_catalogue()
    response = results(client, HACKNEY, ISLINGTON, 19)
    assert response.status_code == 200
    assert h1(response) == "Your offers"
    eligible = section(response, "Your offers", "These offers depend on something")
    assert "You can get 4 offers." in eligible
    # Themes in their order, each offer with why it applies.
    assert eligible.index("Travel") < eligible.index("Health") < eligible.index("Money")
    assert "Half-price bus travel" in eligible
    assert "Because a London council, Islington, looked after you." in eligible
    assert "Free prescriptions in North Central London" in eligible
    assert "Islington is part of NHS North Central London Integrated Care Board" in eligible
    assert "Setting up home allowance" in eligible  # national entitlement
    assert "Apprenticeship bursary" in eligible
    assert "For every care leaver aged 16 to 24." in eligible
    # Living in Hackney is not being looked after by Hackney: not this one.
    assert "Hackney leaving care grant" not in text(response)
    assert "Islington council tax relief" not in text(response)
    assert_no_cookies(response)


def test_results_never_show_drafts_withdrawn_or_ended_offers(client):
    small_catalogue()
    page = text(results(client, ISLINGTON, ISLINGTON, 19))
    for title in ("A draft offer", "A withdrawn offer", "An ended pilot"):
        assert title not in page


def test_not_sure_which_council_puts_offers_under_you_might_also_get(client):
    small_catalogue()
    response = results(client, HACKNEY, "unknown", 22)
    maybe = section(response, "You might also get 4 more")
    assert "Half-price bus travel" in maybe
    assert "It depends on whether a London council looked after you." in maybe
    assert "It depends on whether Hackney looked after you." in maybe
    assert "Because you live in Hackney." in maybe
    eligible = section(response, "Your offers", "These offers depend on something")
    assert "Apprenticeship bursary" in eligible
    assert "Half-price bus travel" not in eligible


def test_a_council_outside_london_gets_national_offers_only_maybe(client):
    small_catalogue()
    response = results(client, "outside", "outside", 20)
    page = text(response)
    assert "Half-price bus travel" not in page
    assert "Free prescriptions in North Central London" not in page
    maybe = section(response, "You might also get")
    assert "Setting up home allowance" in maybe
    assert "not Wales, Scotland or Northern Ireland" in maybe


def test_ages_outside_an_offer_hide_it(client):
    small_catalogue()
    page = text(results(client, ISLINGTON, ISLINGTON, 26))
    assert "Half-price bus travel" not in page
    assert "Apprenticeship bursary" not in page
    assert "No offers matched all your answers" in page
    page = text(results(client, ISLINGTON, ISLINGTON, 25))
    assert "Half-price bus travel" in page  # max_age 25 is inclusive


def test_results_link_to_change_each_answer_and_to_each_offer(client):
    catalogue = small_catalogue()
    response = results(client, HACKNEY, ISLINGTON, 19)
    html = unescape(response.content.decode())
    query = f"?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19"
    for question in (WHERE, COUNCIL, AGE):
        assert f'href="{question}{query}"' in html
    tfl = reverse("offers:offer", args=[catalogue["tfl"].pk])
    assert f'href="{tfl}{query}"' in html
    assert 'data-module="app-print"' in html
    assert "bookmark this page" in text(response)


def test_results_summarise_the_answers_in_words(client):
    small_catalogue()
    page = text(results(client, "E92000001", "unknown", 19))
    assert "Where you live In England, outside London" in page
    assert "Council that looked after you Not sure" in page
    assert "Your age 19" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", WHERE),
        (f"?lives_in={HACKNEY}", f"{COUNCIL}?lives_in={HACKNEY}"),
        (
            f"?lives_in={HACKNEY}&looked_after_by=unknown",
            f"{AGE}?lives_in={HACKNEY}&looked_after_by=unknown",
        ),
        (f"?looked_after_by={ISLINGTON}&age=20", f"{WHERE}?looked_after_by={ISLINGTON}&age=20"),
    ],
)
def test_a_results_link_missing_answers_asks_for_them(client, query, expected):
    areas()
    response = client.get(RESULTS + query)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            f"lives_in=E09000999&looked_after_by={ISLINGTON}&age=20",
            "We could not tell where you live",
        ),
        (f"lives_in={HACKNEY}&looked_after_by=Islington&age=20", "We could not tell which council"),
        (f"lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=40", "Your age must be 30 or less"),
        (f"lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=x", "whole number"),
    ],
)
def test_a_broken_results_link_says_what_is_wrong(client, query, message):
    areas()
    response = client.get(f"{RESULTS}?{query}")
    assert response.status_code == 400
    assert any(message in line for line in error_summary(response))
    assert f'href="{WHERE}"' in response.content.decode()


# --- Offer page -------------------------------------------------------------------------------


def test_offer_page_shows_everything_about_the_offer(client):
    catalogue = small_catalogue()
    offer = catalogue["islington_council_tax"]
    response = client.get(reverse("offers:offer", args=[offer.pk]))
    assert response.status_code == 200
    assert h1(response) == "Islington council tax relief"
    page = text(response)
    for words in (
        offer.provider.name,
        "Who can get it",
        "You must live in Islington.",
        "You must be aged 18 to 24.",
        "Only for council tax bands A to D.",
        "What you get",
        offer.details,
        "How to get it",
        offer.how_to_get,
        "Documents you need A letter from your personal adviser.",
        "Cost Free",
        "Contact Islington council tax team",
        "Source https://example.org/source",
        "Last checked 26 November 2026",
        "Not yet confirmed: The end age is not yet confirmed.",
    ):
        assert words in page, words
    assert_no_cookies(response)


def test_offer_page_says_why_you_can_get_it_when_you_came_from_your_results(client):
    catalogue = small_catalogue()
    url = reverse("offers:offer", args=[catalogue["tfl"].pk])
    page = text(client.get(f"{url}?lives_in={HACKNEY}&looked_after_by=unknown&age=19"))
    assert "You might get this" in page
    assert "It depends on whether a London council looked after you." in page
    page = text(client.get(f"{url}?lives_in={HACKNEY}&looked_after_by=outside&age=19"))
    assert "From your answers, you cannot get this" in page


@pytest.mark.parametrize("which", ["draft", "withdrawn", "ended"])
def test_offers_the_public_may_not_see_are_not_found(client, which):
    catalogue = small_catalogue()
    response = client.get(reverse("offers:offer", args=[catalogue[which].pk]))
    assert response.status_code == 404


def test_an_offer_address_that_is_not_an_offer_is_not_found(client):
    assert client.get("/offers/not-a-uuid/").status_code == 404
    assert client.get("/offers/00000000-0000-0000-0000-000000000000/").status_code == 404


# --- Browse, boroughs, search ------------------------------------------------------------------


def test_browse_lists_every_public_offer_by_theme(client):
    small_catalogue()
    response = client.get(reverse("offers:browse"))
    page = text(response)
    assert h1(response) == "All offers by theme"
    for title in (
        "Half-price bus travel",
        "Islington council tax relief",
        "Apprenticeship bursary",
    ):
        assert title in page
    assert "A draft offer" not in page
    assert "You must have been looked after by a London council." in page


def test_borough_list_links_every_london_borough(client):
    areas()
    html = client.get(reverse("offers:boroughs")).content.decode()
    assert html.count('href="/boroughs/E09') == 33


def test_a_borough_page_shows_its_own_icb_london_and_national_offers(client):
    small_catalogue()
    response = client.get(reverse("offers:borough", args=[ISLINGTON]))
    assert response.status_code == 200
    page = text(response)
    own = section(response, "From Islington", "From the NHS")
    assert "Islington council tax relief" in own
    nhs = section(response, "From the NHS", "Across London")
    assert "Free prescriptions in North Central London" in nhs
    assert "Half-price bus travel" in section(response, "Across London", "Across England")
    assert "Setting up home allowance" in section(response, "Across England")
    assert "Hackney leaving care grant" not in page


def test_another_icbs_borough_page_does_not_show_north_central_offers(client):
    small_catalogue()
    page = text(client.get(reverse("offers:borough", args=[HACKNEY])))
    assert "Hackney leaving care grant" in page
    assert "Free prescriptions in North Central London" not in page


@pytest.mark.parametrize("code", ["E09000999", "E12000007", "x" * 300])
def test_a_borough_page_for_something_else_is_not_found(client, code):
    areas()
    assert client.get(f"/boroughs/{code}/").status_code == 404


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("bus", "Half-price bus travel"),
        ("prescriptions", "Free prescriptions in North Central London"),
        ("council tax", "Islington council tax relief"),
    ],
)
def test_search_finds_offers_by_their_words(client, words, found):
    small_catalogue()
    response = client.get(reverse("offers:search"), {"q": words})
    assert response.status_code == 200
    assert found in text(response)
    assert "A draft offer" not in text(response)


def test_search_with_no_match_suggests_browsing(client):
    small_catalogue()
    response = client.get(reverse("offers:search"), {"q": "zzzzqqq"})
    assert "0 offers found" in text(response)
    assert f'href="{reverse("offers:browse")}"' in response.content.decode()


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Enter words to search for"),
        ("   ", "Enter words to search for"),
        ("a" * 201, "200 characters"),
    ],
)
def test_search_with_nothing_or_too_much_says_so(client, q, message):
    response = client.get(reverse("offers:search"), {"q": q})
    assert response.status_code == 400
    assert any(message in line for line in error_summary(response))


def test_search_page_without_a_query_shows_the_form(client):
    response = client.get(reverse("offers:search"))
    assert response.status_code == 200
    assert h1(response) == "Search offers"


# --- Information pages ------------------------------------------------------------------------


def test_help_now_gives_the_numbers_to_call(client):
    response = client.get(reverse("offers:help_now"))
    html = response.content.decode()
    for number in ("tel:999", "tel:116123", "tel:111", "tel:08088004444"):
        assert f'href="{number}"' in html
    for words in ("Samaritans", "116 123", "NHS 111", "Shelter", "0808 800 4444"):
        assert words in text(response)


@pytest.mark.parametrize(
    ("name", "heading", "words"),
    [
        ("offers:accessibility", "Accessibility statement", "WCAG"),
        ("offers:privacy", "Privacy notice", "We do not store it"),
        ("offers:cookies", "Cookies", "set no cookies"),
    ],
)
def test_information_pages(client, name, heading, words):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert h1(response) == heading
    assert words in text(response)
    assert_no_cookies(response)


def test_results_page_is_cached_but_each_response_has_its_own_csp_nonce(client):
    small_catalogue()
    nonces = []
    for _ in range(2):
        response = results(client, HACKNEY, ISLINGTON, 19)
        nonce = re.search(r'<script nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert "@@" not in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_results_link_in_another_order_goes_to_its_one_address(client):
    areas()
    response = client.get(f"{RESULTS}?age=019&looked_after_by={ISLINGTON}&lives_in={HACKNEY}&x=1")
    assert response.status_code == 302
    assert (
        response["Location"] == f"{RESULTS}?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19"
    )
