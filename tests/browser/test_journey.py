"""The whole journey in Debian's Chromium at 360×740, with JavaScript on and off, by
keyboard alone, for several people, with axe-core on every public page."""

import re

import pytest
from django.utils import timezone

from boroughs.models import ENGLAND, LONDON
from offers.models import Offer
from tests.browser.conftest import check_page, scrolls_sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ISLINGTON, HACKNEY, CROYDON, KINGSTON = "E09000019", "E09000012", "E09000008", "E09000021"


def public(**rule):
    """Titles of real public offers with this rule shape (from the Compact data)."""
    return set(
        Offer.objects.public(timezone.localdate()).filter(**rule).values_list("title", flat=True)
    )


def shown(page) -> tuple[list[str], list[str]]:
    """(eligible titles, maybe titles) as the results page shows them."""
    eligible, maybe = [], []
    in_maybe = False
    for element in page.locator("h2#might-also-get, .app-offer-card h3, .app-offer-card h4").all():
        tag = element.evaluate("e => e.tagName + (e.id ? '#' + e.id : '')")
        if tag == "H2#might-also-get":
            in_maybe = True
            continue
        (maybe if in_maybe else eligible).append(element.inner_text().strip())
    return eligible, maybe


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def test_journey_with_javascript_by_postcode(page, site, postcodes):
    page.goto(site + "/")
    check_page(page)
    page.get_by_role("button", name="Start now").click()

    assert page.locator("h1").inner_text() == "Where do you live now?"
    check_page(page)
    continue_(page)  # nothing typed: the error summary takes the focus
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    check_page(page)
    page.get_by_label("Where do you live now?").fill(postcodes["hackney"].lower())
    continue_(page)

    assert page.url.endswith(f"/who-looked-after-you/?lives_in={HACKNEY}")
    assert postcodes["hackney"].replace(" ", "") not in page.url.upper().replace("+", "")
    check_page(page)
    continue_(page)
    assert "Select the council" in page.locator(".govuk-error-summary").inner_text()
    check_page(page)
    page.get_by_label("Islington").check()
    continue_(page)

    assert page.locator("h1").inner_text() == "How old are you?"
    check_page(page)
    page.get_by_label("How old are you?").fill("40")
    continue_(page)
    assert "Your age must be 30 or less" in page.locator(".govuk-error-summary").inner_text()
    check_page(page)
    page.get_by_label("How old are you?").fill("19")
    continue_(page)

    assert page.url.endswith(f"/your-offers/?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19")
    check_page(page)
    eligible, maybe = shown(page)
    # TfL's discount (a London council looked after you), North Central London's free
    # prescriptions (Islington's ICB, wherever you live), and national entitlements.
    london_council = public(
        area__gss_code=LONDON, must_be_looked_after_by_area=True, max_age__gte=19
    )
    ncl = public(
        area__gss_code="E54000028", must_be_looked_after_by_area=True, must_live_in_area=False
    )
    national = public(area__gss_code=ENGLAND, min_age__lte=19, max_age__gte=19)
    assert london_council and ncl and national
    assert london_council | ncl | national <= set(eligible)
    # Not Hackney's council tax offers (Hackney did not look after them), not Islington's
    # (they do not live there), not North East London's prescriptions.
    assert not public(area__gss_code="E54000029") & set(eligible + maybe)
    assert not public(area__gss_code=ISLINGTON, must_live_in_area=True) & set(eligible + maybe)
    assert page.get_by_role("button", name="Print or save as PDF").is_visible()

    # An offer's page, then back to the results.
    page.get_by_role("link", name=sorted(london_council)[0]).click()
    check_page(page)
    assert "You can get this" in page.locator("main").inner_text()
    assert "Last checked" in page.locator("main").inner_text()
    page.get_by_role("link", name="Back").click()
    assert "/your-offers/" in page.url

    # Change where you live: straight back to the results with the other answers kept.
    page.get_by_role("link", name="Change where you live").click()
    page.get_by_label("Where do you live now?").fill(postcodes["islington"])
    continue_(page)
    assert page.url.endswith(
        f"/your-offers/?lives_in={ISLINGTON}&looked_after_by={ISLINGTON}&age=19"
    )
    eligible, _ = shown(page)
    assert public(area__gss_code=ISLINGTON, must_live_in_area=True) <= set(eligible)
    assert page.context.cookies() == []


def test_journey_without_javascript_choosing_from_lists(no_js_page, site):
    page = no_js_page
    page.goto(site + "/where-you-live/")
    page.get_by_role("link", name="Choose my borough from a list instead").click()
    check_page(page, axe=False)
    continue_(page)
    assert "Select the borough you live in" in page.locator(".govuk-error-summary").inner_text()
    check_page(page, axe=False)
    page.get_by_label("Croydon").check()
    continue_(page)
    page.get_by_label("I’m not sure").check()
    continue_(page)
    page.get_by_label("How old are you?").fill("23")
    continue_(page)

    assert page.url.endswith(f"/your-offers/?lives_in={CROYDON}&looked_after_by=unknown&age=23")
    check_page(page, axe=False)
    eligible, maybe = shown(page)
    london_council = public(area__gss_code=LONDON, must_be_looked_after_by_area=True)
    assert london_council and london_council <= set(maybe)
    assert (
        "It depends on whether a London council looked after you."
        in page.locator("main").inner_text()
    )
    open_to_all = public(
        area__gss_code=ENGLAND,
        must_live_in_area=False,
        must_be_looked_after_by_area=False,
        max_age__gte=23,
    )
    assert open_to_all and open_to_all <= set(eligible)
    # Without JavaScript the print button stays hidden; the page says how to keep the list.
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()
    assert "bookmark this page" in page.locator("main").inner_text()


def test_journey_without_javascript_living_and_looked_after_outside_london(no_js_page, site):
    page = no_js_page
    page.goto(site + "/where-you-live/")
    page.get_by_role("link", name="I do not live in London").click()
    page.get_by_label("A council outside London").check()
    continue_(page)
    page.get_by_label("How old are you?").fill("20")
    continue_(page)

    check_page(page, axe=False)
    eligible, maybe = shown(page)
    everything = set(eligible + maybe)
    assert not public(area__kind="local_authority") & everything
    assert not public(area__kind="icb") & everything
    assert not public(area__gss_code=LONDON, must_be_looked_after_by_area=True) & everything
    # National entitlements that need an English council: it may be in Wales or Scotland.
    english_council = public(
        area__gss_code=ENGLAND, must_be_looked_after_by_area=True, max_age__gte=20, min_age__lte=20
    )
    assert english_council and english_council <= set(maybe)


def tab_to(page, matches: str, limit: int = 80):
    """Press Tab until the focused element satisfies the JS predicate `matches` (on e)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {matches})(document.activeElement)"):
            return
    raise AssertionError(f"never reached: {matches}")


def test_journey_by_keyboard_alone(page, site):
    page.goto(site + "/")
    tab_to(page, "e.textContent.includes('Start now')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/where-you-live/")
    tab_to(page, "e.textContent.includes('Choose my borough')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/where-you-live/borough/")
    tab_to(page, "e.type === 'radio'")
    # Arrow keys move through a radio group; Kingston upon Thames is the 20th borough.
    kingston = page.locator(f"input[value='{KINGSTON}']")
    for _ in range(40):
        if kingston.is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert kingston.is_checked()
    tab_to(page, "e.textContent.trim() === 'Continue'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/who-looked-after-you/**")
    tab_to(page, "e.type === 'radio'")
    council = page.locator(f"input[value='{KINGSTON}']")
    for _ in range(40):
        if council.is_checked():
            break
        page.keyboard.press("ArrowDown")
    tab_to(page, "e.textContent.trim() === 'Continue'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/how-old-are-you/**")
    tab_to(page, "e.id === 'id_age'")
    page.keyboard.type("24")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/your-offers/\?.*age=24$"))
    eligible, _ = shown(page)
    kingston_own = public(area__gss_code=KINGSTON)
    assert kingston_own and kingston_own <= set(eligible)
    # The change links can be reached too, and show where the focus is (GOV.UK yellow).
    tab_to(page, "e.textContent.includes('Change') && e.textContent.includes('your age')")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)"


PAGES = [
    "/",
    "/where-you-live/borough/",
    f"/who-looked-after-you/?lives_in={HACKNEY}",
    f"/how-old-are-you/?lives_in={HACKNEY}&looked_after_by=outside",
    f"/your-offers/?lives_in={ISLINGTON}&looked_after_by=unknown&age=22",
    "/your-offers/?lives_in=nonsense&looked_after_by=unknown&age=22",
    "/offers/",
    "/boroughs/",
    f"/boroughs/{ISLINGTON}/",
    "/search/",
    "/search/?q=council+tax",
    "/search/?q=",
    "/help-now/",
    "/accessibility/",
    "/privacy/",
    "/cookies/",
]


def test_every_public_page_passes_axe_and_fits_a_phone(page, site):
    for path in PAGES:
        response = page.goto(site + path)
        assert response.status < 500, path
        check_page(page)
    # Every offer's own page.
    page.goto(site + "/offers/")
    links = page.locator(".app-offer-card a").evaluate_all("links => links.map(a => a.href)")
    for href in sorted(set(links)):
        page.goto(href)
        assert not scrolls_sideways(page), href
    page.goto(sorted(set(links))[0])
    check_page(page)
    assert page.context.cookies() == []
