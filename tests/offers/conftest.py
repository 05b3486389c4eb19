"""Fixtures for the care leaver's journey: real postcodes, people, a clean cache."""

from functools import cache

import pytest
from django.core.cache import cache as django_cache

from boroughs.postcode_package import package_files, read_package_file
from boroughs.postcode_services import postcodes_replace

# Real postcodes from the ONS Postcode Directory package, one per local authority we need.
WANTED = {
    "E09000019": "islington",
    "E09000012": "hackney",
    "E07000008": "cambridge",  # England, outside London
    "W06000015": "cardiff",  # Wales
}


@cache
def real_postcodes() -> dict[str, tuple[str, str]]:
    """name -> (ONS 7-character key, local authority code), from the package's N and C files."""
    found = {}
    for path in package_files(london_only=False):
        if path.name not in {"postcodes_N.msgpack.br", "postcodes_C.msgpack.br"}:
            continue
        keys, codes = read_package_file(path)
        for key, code in zip(keys, codes, strict=True):
            if isinstance(code, str) and code in WANTED and WANTED[code] not in found:
                found[WANTED[code]] = (key, code)
    assert set(found) == set(WANTED.values()), found
    return found


def standard(key: str) -> str:
    return f"{key[:-3].rstrip()} {key[-3:]}"


@pytest.fixture(autouse=True)
def clear_cache():
    """The catalogue cache lives in local memory across tests; rolled-back rows must go."""
    django_cache.clear()
    yield
    django_cache.clear()


@pytest.fixture
def postcodes(db):
    """{'islington': 'N1 1AA'-style real postcode, …}, loaded through the real writer."""
    rows = real_postcodes()
    postcodes_replace(rows=((key, code, None, False) for key, code in rows.values()))
    return {name: standard(key) for name, (key, _code) in rows.items()}
