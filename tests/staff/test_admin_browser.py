"""Admin in Debian's Chromium at 360 x 740: the same axe-core checks as public pages
(WCAG 2.2 AA tags), and everything works under the site's Content-Security-Policy
(no 'unsafe-inline'): no violation is reported, scripts such as autocomplete run."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.browser.conftest import axe_violations
from tests.offers.test_import_csv import csv_bytes, row
from tests.staff.world import ISLINGTON, build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_site(live_server, compact_data):
    world = build_world()
    return live_server.url, world


# Every Content-Security-Policy violation the page meets, recorded by the page itself (axe's
# own probing, which runs later from the test, is not the portal's and is not counted).
RECORD_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
  `${e.violatedDirective} ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
));
"""


def watch(page) -> list[str]:
    """Collect JavaScript errors and failed requests; record CSP violations in the page."""
    problems = []
    page.add_init_script(RECORD_CSP)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    return problems


@pytest.fixture
def sign_in(page, admin_site):
    """Sign the browser in as one of the world's staff (a real session cookie)."""
    base, world = admin_site
    problems = watch(page)

    def as_role(role):
        client = Client()
        client.force_login(world.user(role))
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
        )

    return base, world, as_role, problems


def page_problems(page, problems) -> list[str]:
    page.wait_for_load_state("load")
    return problems + page.evaluate("window.__csp")


def check(page, url, problems):
    response = page.goto(url)
    assert response.status == 200, url
    assert page_problems(page, problems) == [], url
    assert axe_violations(page) == [], url
    # axe fetches stylesheets itself and resolves forms.css's @import against the page's
    # address: its 404s are the tool's, not the portal's.
    problems.clear()


def test_editor_pages_pass_axe_and_the_csp(page, sign_in):
    base, world, as_role, problems = sign_in
    as_role("camden_editor")
    offer = world.offer("camden_published")
    version = offer.history.earliest()
    status = world.camden.commitment_statuses.first()
    for path in [
        reverse("admin:index"),
        reverse("admin:offers_offer_changelist"),
        reverse("admin:offers_offer_changelist") + "?check=due",
        reverse("admin:offers_offer_add"),
        reverse("admin:offers_offer_change", args=[offer.pk]),
        reverse("admin:offers_offer_history", args=[offer.pk]),
        reverse("admin:offers_offer_simple_history", args=[offer.pk, version.history_id]),
        reverse("admin:offers_offer_import"),
        reverse("admin:offers_offer_delete", args=[world.offer("camden_draft").pk]),
        reverse("admin:offers_commitmentstatus_changelist"),
        reverse("admin:offers_commitmentstatus_change", args=[status.pk]),
        reverse("admin:offers_provider_changelist"),
        reverse("admin:boroughs_area_changelist"),
    ]:
        check(page, base + path, problems)


def test_import_preview_and_errors_pass_axe(page, sign_in, tmp_path):
    base, world, as_role, problems = sign_in
    as_role("camden_editor")
    for name, data in [
        ("good.csv", csv_bytes(row())),
        ("bad.csv", csv_bytes(row(), row(title="", area=ISLINGTON))),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        check(page, base + reverse("admin:offers_offer_import"), problems)
        page.get_by_label("CSV file").set_input_files(str(path))
        page.get_by_role("button", name="Preview").click()
        assert page_problems(page, problems) == [], name
        assert axe_violations(page) == [], name
        problems.clear()
    assert page.get_by_text("Nothing was imported").is_visible()


def test_viewer_and_site_admin_pages_pass_axe(page, sign_in):
    base, world, as_role, problems = sign_in
    as_role("board_viewer")
    check(page, base + reverse("admin:offers_offer_changelist"), problems)
    check(
        page,
        base + reverse("admin:offers_offer_change", args=[world.offer("camden_draft").pk]),
        problems,
    )
    as_role("site_admin")
    check(
        page,
        base + reverse("admin:auth_user_change", args=[world.user("camden_editor").pk]),
        problems,
    )
    check(page, base + reverse("admin:staff_publishingpolicy_add"), problems)


def test_login_and_lockout_pages_pass_axe(page, live_server, db, settings):
    problems = watch(page)
    get_user_model().objects.create_user("amara", password="a long and unusual passphrase 7")
    login = live_server.url + reverse("admin:login")
    check(page, login, problems)
    statuses = []
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Username").fill("amara")
        page.get_by_label("Password").fill("not the password")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Log in").click()
        statuses.append(answer.value.status)
        page.wait_for_load_state()
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert page.get_by_role("heading", name="Too many failed sign-in attempts").is_visible()
    assert page_problems(page, [p for p in problems if not p.startswith("429 ")]) == []
    assert axe_violations(page) == []


def test_scripts_run_under_the_csp_autocomplete_and_one_click_confirm(page, sign_in):
    base, world, as_role, problems = sign_in
    as_role("camden_editor")
    page.goto(base + reverse("admin:offers_offer_add"))
    # select2 (jQuery) autocomplete: only works if the admin's scripts are allowed to run.
    page.locator(".field-provider .select2-selection").click()
    page.locator(".select2-search__field").fill("Transport")
    page.get_by_role("option", name=re.compile("Transport for London")).click()
    assert "Transport for London" in page.locator(".field-provider .select2-selection").inner_text()
    assert page_problems(page, problems) == []

    offer = world.offer("camden_published")
    page.goto(base + reverse("admin:offers_offer_changelist") + "?check=due")
    page.get_by_role("button", name=f"Confirm that “{offer.title}” is still right").click()
    assert page_problems(page, problems) == []
    assert page.get_by_text("checked today and still right").is_visible()
    offer.refresh_from_db()
    assert offer.last_checked_by == world.user("camden_editor")
