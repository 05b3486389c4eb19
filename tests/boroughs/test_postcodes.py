"""lookup_postcode on real ONS postcodes (a sample of the package, loaded for real)."""

import csv
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boroughs.models import Area
from boroughs.postcodes import PostcodeResult, lookup_postcode
from boroughs.services import DATA_DIR
from tests.boroughs.package_sample import package_sample, sample_where, standard

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def london_boroughs() -> dict[str, dict[str, str]]:
    with open(DATA_DIR / "london_boroughs.csv", encoding="utf-8") as f:
        return {row["gss_code"]: row for row in csv.DictReader(f)}


def test_sw1a_1aa_is_westminster(postcode_sample):
    assert ("SW1A1AA", "E09000033") in postcode_sample  # the package says so
    result = lookup_postcode("sw1a 1aa")
    assert result.found
    assert result.postcode == "SW1A 1AA"
    assert result.local_authority.as_dict() == {"gss_code": "E09000033", "name": "Westminster"}
    assert result.icb.gss_code == "E54000027"
    assert result.in_london and result.country == "england" and not result.terminated
    assert result.problem is None
    assert "Westminster" in result.message


def test_every_london_borough_answers_with_its_area_and_icb(postcode_sample):
    boroughs = london_boroughs()
    checked = set()
    for key, code in sample_where(lambda code: code and code.startswith("E09")):
        result = lookup_postcode(standard(key))
        assert result.found, key
        assert result.local_authority.gss_code == code
        assert result.local_authority.name == boroughs[code]["name"]
        assert result.icb.gss_code == boroughs[code]["icb_code"]
        assert result.icb.name == boroughs[code]["icb_name"]
        assert result.in_london
        checked.add(code)
    assert checked == set(boroughs)  # all 33


@pytest.mark.parametrize(
    "typed",
    ["SW1A1AA", "sw1a 1aa", " SW1A\t1AA ", "SW1A\u00a01AA", "ＳＷ１Ａ　１ＡＡ", "\u200bsW1a1Aa\n"],
)
def test_messy_forms_of_the_same_postcode_give_the_same_answer(postcode_sample, typed):
    assert lookup_postcode(typed) == lookup_postcode("SW1A 1AA")


def test_london_icb_follows_the_editable_borough_data(postcode_sample):
    westminster = Area.objects.get(gss_code="E09000033")
    north_central = Area.objects.get(gss_code="E54000028")
    westminster.icb = north_central
    westminster.save()
    assert lookup_postcode("SW1A 1AA").icb.gss_code == "E54000028"
    westminster.icb = None
    westminster.save()
    assert lookup_postcode("SW1A 1AA").icb is None


def test_outside_london_in_england_still_unlocks_national_offers(postcode_sample):
    rows = sample_where(lambda code: code and code[0] == "E" and not code.startswith("E09"))
    assert rows
    for key, code in rows[:50]:
        result = lookup_postcode(standard(key))
        assert result.found
        assert result.local_authority.gss_code == code
        assert not result.in_london
        assert result.country == "england"
        assert result.icb is None  # the package has no ICB; a full ONSPD import brings it
        assert "national offers" in result.message


def test_outside_london_names_come_from_ons_where_known(postcode_sample):
    key = next(key for key, code in package_sample() if code == "E08000003")
    assert lookup_postcode(standard(key)).local_authority.name == "Manchester"


@pytest.mark.parametrize(
    ("letter", "country", "name"),
    [
        ("W", "wales", "Wales"),
        ("S", "scotland", "Scotland"),
        ("N", "northern_ireland", "Northern Ireland"),
        ("L", "channel_islands", "the Channel Islands"),
        ("M", "isle_of_man", "the Isle of Man"),
    ],
)
def test_other_countries_say_entitlements_differ(postcode_sample, letter, country, name):
    rows = sample_where(lambda code: code and code[0] == letter)
    assert rows
    for key, code in rows[:20]:
        result = lookup_postcode(standard(key))
        assert result.found
        assert result.local_authority.gss_code == code
        assert result.country == country
        assert not result.in_london
        assert name in result.message
        assert "different" in result.message


def test_a_postcode_without_a_local_authority_says_so(postcode_sample):
    rows = sample_where(lambda code: code is None)
    assert rows
    for key, _ in rows:
        result = lookup_postcode(standard(key))
        assert result.problem == "no_local_authority"
        assert not result.found
        assert result.postcode == standard(key)
        assert result.local_authority is None
        assert result.country == ("northern_ireland" if key.startswith("BT") else None)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("hello", "invalid"),
        ("QQ1 1QQ", "invalid"),
        ("SW1A 1AA SW1A", "too_long"),
        ("SW1A", "outward_only"),
        ("SE1", "outward_only"),
        ("SE1 7", "outward_only"),
        ("BFPO 57", "bfpo"),
        ("ZE9 9ZZ", "not_found"),
        ("SW1A 9ZZ", "not_found"),
    ],
)
def test_every_problem_has_a_code_and_a_message(postcode_sample, typed, problem):
    result = lookup_postcode(typed)
    assert result.problem == problem
    assert not result.found
    assert result.local_authority is None and result.icb is None
    assert result.message
    assert (result.postcode is None) == result.is_shape_problem


def test_outward_code_never_guesses_a_borough(postcode_sample):
    # SW1A holds postcodes of more than one borough in the real data; no guess is made.
    result = lookup_postcode("SW1A")
    assert result.problem == "outward_only"
    assert "full postcode" in result.message


def test_messages_are_translated(postcode_sample, settings):
    with translation.override("ar"):
        result = lookup_postcode("")
    assert result.message  # the catalogue may not be translated yet: English falls back
    with translation.override("en"):
        assert lookup_postcode("").message == "Enter your postcode, like SW1A 1AA."


def test_no_query_recorded_holds_the_postcode(postcode_sample, settings):
    settings.DEBUG = True
    with CaptureQueriesContext(connection) as queries:
        assert lookup_postcode("SW1A 1AA").found
    recorded = " ".join(q["sql"] for q in queries.captured_queries)
    assert "SW1A" not in recorded


def test_lookup_is_one_query(postcode_sample, django_assert_max_num_queries):
    # The driver's own cursor is used, so Django counts nothing; nothing else is queried.
    with django_assert_max_num_queries(0):
        lookup_postcode("SW1A 1AA")


def test_random_real_postcodes_answer_with_their_package_code(postcode_sample):
    for key, code in random.Random(3).sample(postcode_sample, 500):
        result = lookup_postcode(key)  # the ONS 7-character form is accepted too
        assert result.postcode == standard(key)
        if code is None:
            assert result.problem == "no_local_authority"
        else:
            assert result.local_authority.gss_code == code


@FUZZ
@given(text=st.text(max_size=40))
def test_fuzz_any_text_never_raises(postcode_sample, text):
    result = lookup_postcode(text)
    assert isinstance(result, PostcodeResult)
    assert result.problem in PostcodeResult.PROBLEMS or result.problem is None
    assert result.message
    assert result.found == (result.local_authority is not None)


@st.composite
def messy(draw, postcode: str) -> str:
    spaces = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u3000", "\u200b"])
    out = [draw(spaces)]
    for ch in postcode.replace(" ", ""):
        ch = ch.lower() if draw(st.booleans()) else ch
        if draw(st.booleans()):
            ch = chr(ord(ch) + 0xFEE0)  # full width
        out += [ch, draw(spaces)]
    return "".join(out)


@FUZZ
@given(data=st.data())
def test_fuzz_real_postcodes_typed_messily(postcode_sample, data):
    key, code = data.draw(st.sampled_from(postcode_sample))
    typed = data.draw(messy(standard(key)))
    result = lookup_postcode(typed)
    assert result.postcode == standard(key)
    assert result.local_authority == (lookup_postcode(standard(key)).local_authority)
    if code:
        assert result.local_authority.gss_code == code
