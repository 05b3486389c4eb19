"""In Debian's Chromium: the Content-Security-Policy (no 'unsafe-inline') lets base.html's
nonced js-enabled script and GOV.UK Frontend's JavaScript run, and nothing on any kind of
page is blocked or reported as a violation; the Permissions-Policy raises no warning."""

import pytest
from django.utils import timezone

from offers.models import Offer
from tests.offers.conftest import postcodes as postcodes  # fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HACKNEY, ISLINGTON = "E09000012", "E09000019"
# The GOV.UK Frontend components portal.js creates (frontend/main.mjs).
INITIALISED = ["govuk-button", "govuk-error-summary", "govuk-radios", "govuk-skip-link"]

# Recorded before any page script runs (Playwright injects it outside the page's CSP).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH)
    console = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    # Chromium's own "Failed to load resource" lines name no address: record them here.
    page.on(
        "response",
        lambda r: r.status >= 400 and console.append(f"failed: {r.status} {r.url}"),
    )
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    return page, console


def module_states(page) -> dict[str, bool]:
    """Each data-module on the page: did GOV.UK Frontend initialise it?"""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-module]')].map(
            (el) => [el.dataset.module, el.hasAttribute(`data-${el.dataset.module}-init`)]))"""
    )


def visit(page, console, url, *, status=200):
    console.clear()
    response = page.goto(url)
    assert response.status == status, url
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == [], url
    failed = [line for line in console if line.startswith("failed: ")]
    # The page itself may be the 4xx (an error page); none of what it loads may fail.
    assert [line for line in failed if not line.endswith(url)] == [], url
    noisy = [
        line
        for line in console
        if line.startswith(("error", "warning", "pageerror"))
        and "Failed to load resource" not in line
    ]
    assert noisy == [], url
    return response


def test_csp_lets_the_portal_script_run_and_blocks_nothing(
    watched, live_server, compact_data, postcodes
):
    page, console = watched
    site = live_server.url
    offer = Offer.objects.public(timezone.localdate()).order_by("title").first()
    results = f"/your-offers/?lives_in={HACKNEY}&looked_after_by={ISLINGTON}&age=19"
    pages = [
        "/",
        "/where-you-live/",
        "/how-old-are-you/?lives_in=E09000012&looked_after_by=E09000019",
        results,
        f"/offers/{offer.pk}/",
        "/offers/",
        "/coverage/",
        "/search/?q=bus",
        "/ar/",
        "/ar" + results,
    ]
    for path in pages:
        response = visit(page, console, site + path)
        csp = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in csp
        assert "'nonce-" in csp
        # base.html's inline script ran, under its nonce.
        classes = page.evaluate("document.body.className")
        assert "js-enabled" in classes and "govuk-frontend-supported" in classes, path
        # And GOV.UK Frontend initialised every component the page has.
        states = module_states(page)
        for module in INITIALISED:
            if module in states:
                assert states[module], f"{module} not initialised on {path}"
        assert "govuk-skip-link" in states, path


def test_error_summary_gets_focus_under_the_csp(watched, live_server, compact_data):
    """A JavaScript behaviour, not only a class: the error summary takes the focus."""
    page, console = watched
    visit(page, console, live_server.url + "/where-you-live/")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert page.evaluate("window.__violations") == []
    assert module_states(page).get("govuk-error-summary") is True


def test_error_pages_and_admin_block_nothing(watched, live_server, compact_data):
    page, console = watched
    visit(page, console, live_server.url + "/no-such-page/", status=404)
    assert "js-enabled" in page.evaluate("document.body.className")
    visit(page, console, live_server.url + "/ar/no-such-page/", status=404)
    visit(page, console, live_server.url + "/admin/login/")


def test_an_injected_inline_script_is_refused(watched, live_server, compact_data):
    """The policy works: a script without the nonce (as an XSS would add) does not run."""
    page, console = watched
    visit(page, console, live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.__injected = true';
                   document.body.appendChild(s); }"""
    )
    assert page.evaluate("window.__injected === undefined")
    assert any("script-src" in v for v in page.evaluate("window.__violations"))


def test_admin_pages_block_nothing(watched, live_server, compact_data):
    """Staff pages under the same policy: sign in, the offer list, an offer, the import."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("csp-admin", "a@example.org", "a-long-pass-phrase")
    page, console = watched
    site = live_server.url
    visit(page, console, site + "/admin/login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", "a-long-pass-phrase")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/admin/"), page.url
    offer = Offer.objects.order_by("title").first()
    for path in (
        "/admin/",
        "/admin/offers/offer/",
        f"/admin/offers/offer/{offer.pk}/change/",
        "/admin/offers/offer/add/",
        "/admin/offers/offer/import/",
        "/admin/offers/commitmentstatus/",
    ):
        visit(page, console, site + path)
