"""Fixtures for the Trust Board's coverage pages."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """The catalogue cache lives in local memory across tests; rolled-back rows must go."""
    cache.clear()
    yield
    cache.clear()
