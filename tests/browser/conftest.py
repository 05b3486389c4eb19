"""Browser fixtures for the care leaver's journey: the real Compact data, real postcodes,
one live server, and helpers that check a page the way a phone user meets it."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.offers.conftest import clear_cache, postcodes  # noqa: F401 (fixtures)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one line each."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
    ]


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def check_page(page, *, axe=True):
    """Every public page: no axe violations and nothing scrolls sideways at 360 px.

    axe-core runs in the page's own JavaScript, so with JavaScript off only the layout is
    checked here; the same pages are checked by axe with JavaScript on elsewhere.
    """
    if axe:
        assert axe_violations(page) == [], page.url
    assert not scrolls_sideways(page), page.url


@pytest.fixture
def site(live_server, compact_data, postcodes):  # noqa: F811
    """The live server's address, with the real Compact data and real postcodes loaded."""
    return live_server.url


@pytest.fixture
def no_js_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()
