"""Real postcodes from the ONS Postcode Directory package, sampled once per test session.

Expected answers in the tests come from these rows (the package's own data), not from
hard-coded guesses.
"""

from collections import Counter
from functools import cache

from boroughs.postcode_package import package_files, read_package_file

PER_CODE = 3  # the first few postcodes of every local authority code (and of "none")
EVERY = 1009  # and every 1009th postcode of every file
ALWAYS = frozenset({"SW1A1AA", "SW1A2AA", "E20 1EJ", "W1M 0AA", "GIR 0AA", "NPT 0VA"})


@cache
def package_sample() -> tuple[tuple[str, str | None], ...]:
    """(ONS 7-character key, local authority code or None) rows across the whole UK."""
    rows = []
    seen = Counter()
    for path in package_files(london_only=False):
        keys, codes = read_package_file(path)
        for i, (key, code) in enumerate(zip(keys, codes, strict=True)):
            code = code if isinstance(code, str) else None
            if seen[code] < PER_CODE or i % EVERY == 0 or key in ALWAYS:
                seen[code] += 1
                rows.append((key, code))
    return tuple(rows)


def sample_where(predicate) -> list[tuple[str, str | None]]:
    return [row for row in package_sample() if predicate(row[1])]


def standard(key: str) -> str:
    return f"{key[:-3].rstrip()} {key[-3:]}"
