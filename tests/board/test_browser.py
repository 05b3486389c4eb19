"""The coverage pages in Debian's Chromium at 360 x 740: axe (WCAG 2.2 AA), no sideways
scroll of the page, and the map and filters working without JavaScript."""

import datetime

import pytest

from tests.board.helpers import ISLINGTON, offer, shift_history, today
from tests.browser.conftest import axe_violations, scrolls_sideways


def check(page, path, status=200):
    response = page.goto(page.base_url + path)
    assert response.status == status, path
    assert axe_violations(page) == [], path
    assert not scrolls_sideways(page), path


@pytest.fixture
def board_site(transactional_db, compact_data, live_server, page):
    offer(ISLINGTON, "travel", title="Islington travel offer")
    shift_history(10)
    page.base_url = live_server.url
    return page


@pytest.mark.browser
def test_coverage_pages_pass_axe_and_fit_a_phone(board_site):
    page = board_site
    past = (today() - datetime.timedelta(days=5)).isoformat()
    check(page, "/coverage/")
    # The wide tables scroll inside their own labelled, focusable regions.
    for region in page.locator(".app-table-scroll").all():
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("role") == "region"
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.locator("svg.app-tile-map__svg g.app-tile").count() == 33
    check(page, f"/coverage/?on={past}&map=theme-travel&sort=-theme-travel")
    assert page.get_by_role(
        "heading", name=f"What changed since {today() - datetime.timedelta(days=5):%-d %B %Y}"
    ).is_visible()
    check(page, "/ar/coverage/?map=commitment-2&icb=E54000028")
    check(page, f"/coverage/{ISLINGTON}/")
    check(page, "/coverage/?sort=colour&on-day=31&on-month=2&on-year=2025", status=400)


@pytest.mark.browser
def test_map_and_filters_work_without_javascript(
    transactional_db, compact_data, live_server, browser, browser_context_args
):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    offer(ISLINGTON, "travel")
    page.goto(live_server.url + "/coverage/")
    page.get_by_label("Colour the map by").select_option("theme-travel")
    page.get_by_role("button", name="Colour the map").click()
    assert "map=theme-travel" in page.url
    tile = page.locator(f'g.app-tile[data-gss-code="{ISLINGTON}"]')
    assert tile.get_attribute("data-category") == "count-1"
    page.get_by_label("Status").select_option("gap")
    page.get_by_label("On the commitment").select_option("1")
    page.get_by_role("button", name="Filter").click()
    assert "status=gap" in page.url and "map=theme-travel" in page.url  # the map choice kept
    rows = page.locator("#table-commitments tbody tr")
    assert 0 < rows.count() < 33
    for status in rows.locator("td[data-status]").evaluate_all(
        "cells => cells.filter((c, i) => i % 6 === 0).map(c => c.dataset.status)"
    ):
        assert status != "yes"
    context.close()
