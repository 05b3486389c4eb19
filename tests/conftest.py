import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

PHONE = {"width": 360, "height": 740}


def pytest_sessionstart(session):
    # The interface's translations (locale/*.po) are compiled at build time (make static);
    # a bare pytest compiles them too, or /ps/ and /ti/ (no Django catalogue) would 404.
    from compact_portal.catalogs import compile_catalogs

    compile_catalogs()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium; Playwright's own browser download does not work here.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "locale": "en-GB"}


@pytest.fixture(autouse=True)
def english_between_tests():
    """Each test starts in English. A request to /ar/… leaves Arabic active in the test's
    thread (LocaleMiddleware does not reset it), and with modeltranslation a later
    `Offer(title=…)` would then write the Arabic column, not the English one."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def compact_data(db):
    """The Compact's real first data, as `make run` loads it."""
    from offers.services import compact_data_load

    compact_data_load()
