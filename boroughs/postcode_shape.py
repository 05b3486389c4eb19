"""The shape of a UK postcode: pure string logic, no database, no Django.

parse_postcode() turns whatever a person typed (any case and spacing, tabs, non-breaking
spaces, full-width characters pasted from a phone) into the standard form "SW1A 1AA" and
the ONS seven-character key "SW1A1AA" that the Postcode table is keyed by, or names the
problem. It never guesses: an outward code or a sector is not a postcode.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Longer input is refused before any Unicode work, so pasting a page costs nothing.
MAX_INPUT_LENGTH = 64

# First letter never Q, V or X; a second letter never I, J or Z; the inward letters never
# C, I, K, M, O or V. The third and fourth characters of the outward code are left open:
# the directory holds real (terminated) postcodes outside the published rules, like W1M 0AA.
_OUTWARD = r"[A-PR-UWYZ](?:[0-9][0-9A-Z]?|[A-HK-Y][0-9][0-9A-Z]?)"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
FULL = re.compile(
    rf"(?P<outward>{_OUTWARD})(?P<inward>{_INWARD})"
    # Two exceptions the directory holds: Girobank's GIR 0AA and old Newport NPT codes.
    r"|(?P<gir>GIR)(?P<gir_inward>0AA)"
    r"|(?P<npt>NPT)(?P<npt_inward>[0-9][A-Z]{2})"
)
# An outward code, perhaps with its sector digit and one more letter: not a full postcode.
PARTIAL = re.compile(rf"(?:{_OUTWARD}|NPT)(?:[0-9][A-Z]?)?")
BFPO = re.compile(r"BFPO[0-9]{0,4}|BF[0-9][0-9A-Z]{0,5}")
ASCII_ALNUM = re.compile(r"[A-Z0-9]+")
_DROP_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


@dataclass(frozen=True, slots=True)
class PostcodeShape:
    postcode: str | None = None  # "SW1A 1AA"
    outward: str | None = None  # "SW1A"
    problem: str | None = None  # empty, too_long, invalid, outward_only, bfpo

    @property
    def key(self) -> str:
        """ONS's seven-character form (pcd): outward padded to four, then inward."""
        outward, inward = self.postcode.split(" ")
        return outward.ljust(4) + inward


def normalise_text(text: str) -> str:
    """NFKC (full-width -> ASCII), upper case, without spaces or invisible characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in _DROP_CATEGORIES
    ).upper()


def parse_postcode(text) -> PostcodeShape:
    if not isinstance(text, str):
        return PostcodeShape(problem="empty" if text is None else "invalid")
    if len(text) > MAX_INPUT_LENGTH:
        return PostcodeShape(problem="too_long")
    compact = normalise_text(text)
    if not compact:
        return PostcodeShape(problem="empty")
    if BFPO.fullmatch(compact):
        return PostcodeShape(problem="bfpo")
    if not ASCII_ALNUM.fullmatch(compact):
        return PostcodeShape(problem="invalid")
    if len(compact) > 7:
        return PostcodeShape(problem="too_long")
    match = FULL.fullmatch(compact)
    if match:
        outward = match["outward"] or match["gir"] or match["npt"]
        inward = match["inward"] or match["gir_inward"] or match["npt_inward"]
        return PostcodeShape(postcode=f"{outward} {inward}", outward=outward)
    if PARTIAL.fullmatch(compact):
        return PostcodeShape(problem="outward_only")
    return PostcodeShape(problem="invalid")


def key_of_clean(text: str) -> str | None:
    """The ONS key of an already clean postcode ("SW1A 1AA", "SW1A1AA", "N1  0AA"), else None.

    A fast path for files of millions of rows written by ONS; anything else goes through
    parse_postcode().
    """
    compact = text.replace(" ", "")
    match = FULL.fullmatch(compact)
    if match is None or BFPO.fullmatch(compact):
        return None
    outward = match["outward"] or match["gir"] or match["npt"]
    inward = match["inward"] or match["gir_inward"] or match["npt_inward"]
    return outward.ljust(4) + inward


def key_to_postcode(key: str) -> str:
    """ "SW1A1AA" / "N1  0AA" (ONS pcd) -> "SW1A 1AA" / "N1 0AA"."""
    return f"{key[:-3].rstrip()} {key[-3:]}"
