"""Fixtures for the Trust Board's coverage pages."""

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def clean_state():
    """An empty cache and English for every test.

    The catalogue cache lives in local memory across tests, so rolled-back rows must go;
    and a request under /ar/ leaves Arabic active in this thread for the next test.
    """
    cache.clear()
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()
