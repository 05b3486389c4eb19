"""The shape of a postcode: pure string logic, no database."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from boroughs.postcode_shape import MAX_INPUT_LENGTH, key_of_clean, parse_postcode

FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def full_width(text: str) -> str:
    return "".join(FULL_WIDTH.get(ch, ch) for ch in text).replace(" ", "\u3000")


@pytest.mark.parametrize(
    ("typed", "postcode", "key"),
    [
        ("SW1A 1AA", "SW1A 1AA", "SW1A1AA"),
        ("sw1a1aa", "SW1A 1AA", "SW1A1AA"),
        ("  Sw1A   1aA  ", "SW1A 1AA", "SW1A1AA"),
        ("SW1A\t1AA", "SW1A 1AA", "SW1A1AA"),
        ("SW1A\u00a01AA", "SW1A 1AA", "SW1A1AA"),  # non-breaking space
        ("SW1A\u202f1AA", "SW1A 1AA", "SW1A1AA"),  # narrow no-break space
        ("\u200bSW1A 1AA\ufeff", "SW1A 1AA", "SW1A1AA"),  # zero-width space, BOM
        (full_width("SW1A 1AA"), "SW1A 1AA", "SW1A1AA"),  # pasted from a phone keyboard
        (full_width("sw1a1aa"), "SW1A 1AA", "SW1A1AA"),
        ("SW1A\n1AA\r\n", "SW1A 1AA", "SW1A1AA"),
        ("N1 0AA", "N1 0AA", "N1  0AA"),  # two-character outward: two spaces in the key
        ("SW6 1AA", "SW6 1AA", "SW6 1AA"),  # three characters: one space
        ("EC1A 1BB", "EC1A 1BB", "EC1A1BB"),
        ("W1M 0AA", "W1M 0AA", "W1M 0AA"),  # real, terminated, outside the published rules
        ("GIR 0AA", "GIR 0AA", "GIR 0AA"),  # Girobank: in the directory
        ("npt 0va", "NPT 0VA", "NPT 0VA"),  # old Newport format: in the directory
    ],
)
def test_messy_input_becomes_the_standard_form(typed, postcode, key):
    shape = parse_postcode(typed)
    assert shape.problem is None
    assert shape.postcode == postcode
    assert shape.key == key


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("\u00a0\u3000", "empty"),
        (None, "empty"),
        ("SW1A", "outward_only"),
        ("sw1a", "outward_only"),
        ("N1", "outward_only"),
        ("SW1A 1", "outward_only"),  # a sector is not a postcode either
        ("SW1A 1A", "outward_only"),
        ("BFPO 123", "bfpo"),
        ("bfpo1234", "bfpo"),
        ("BFPO", "bfpo"),
        ("BF1 3AD", "bfpo"),  # BFPO's postcode-format addresses
        ("SW1A 1AAA", "too_long"),
        ("SW1A 1AA SW1A 1AA", "too_long"),
        ("X" * (MAX_INPUT_LENGTH + 1), "too_long"),
        ("hello", "invalid"),
        ("SW1A-1AA", "invalid"),
        ("SW1A 1AA!", "invalid"),
        ("QA1 1AA", "invalid"),  # Q never starts a postcode
        ("VA1 1AA", "invalid"),
        ("XA1 1AA", "invalid"),
        ("AI1 1AA", "invalid"),  # I, J, Z never second
        ("ZZ1 1ZZ", "invalid"),
        ("SW1A 1CA", "invalid"),  # C, I, K, M, O, V never in the inward code
        ("SW1A 1AI", "invalid"),
        ("SW1A 1AK", "invalid"),
        ("SW1A 1OA", "invalid"),
        ("12345", "invalid"),
        ("1AA", "invalid"),
        ("ß", "invalid"),
        ("SW1А 1AA", "invalid"),  # Cyrillic А looks like A
        ("١٢٣", "invalid"),  # Arabic-Indic digits
        (12345, "invalid"),
    ],
)
def test_not_a_full_postcode(typed, problem):
    shape = parse_postcode(typed)
    assert shape.problem == problem
    assert shape.postcode is None


@given(st.text(max_size=80))
def test_any_text_gives_an_answer_and_never_raises(text):
    shape = parse_postcode(text)
    assert (shape.postcode is None) == (shape.problem is not None)
    if shape.postcode:
        assert len(shape.key) == 7
        assert parse_postcode(shape.postcode) == shape  # the standard form is a fixed point


@given(st.from_regex(r"[A-PR-UWYZ][A-HK-Y]?[0-9][0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2}", fullmatch=True))
def test_every_well_formed_postcode_parses(text):
    shape = parse_postcode(text)
    assert shape.problem is None
    assert shape.postcode.replace(" ", "") == text.replace(" ", "")


@given(
    st.one_of(
        st.text(alphabet="ABDEFGHNOPSTUWZ0123456789 ", max_size=10),
        st.from_regex(r"[A-Z]{1,2}[0-9][0-9A-Z]? {0,2}[0-9][A-Z]{2}", fullmatch=True),
    )
)
@example("BF1 1AA")  # BFPO: not a postcode for either
def test_the_fast_path_for_onspd_files_agrees_with_the_full_parse(text):
    key = key_of_clean(text)
    if key is not None:
        assert parse_postcode(text).key == key
