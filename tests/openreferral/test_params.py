"""Reading query parameters: a table of what is accepted and what is refused."""

import uuid
from decimal import Decimal

import pytest

from openreferral.params import ParameterError, parse_id, parse_list_params

A_UUID = "5c4d79d7-cc55-470e-9f1f-8cad074e4892"


@pytest.mark.parametrize(
    "query, field, value",
    [
        ({}, "page", 1),
        ({}, "per_page", 50),
        ({"page": "3"}, "page", 3),
        ({"page": " 3 "}, "page", 3),
        ({"page": ""}, "page", 1),
        ({"per_page": "100"}, "per_page", 100),
        ({"per_page": "1"}, "per_page", 1),
        ({"search": "  bus   tram bus "}, "search_words", ("bus", "tram")),
        ({"search": ""}, "search_words", ()),
        ({"taxonomy_term_id": A_UUID}, "taxonomy_term_id", uuid.UUID(A_UUID)),
        ({"taxonomy_id": A_UUID.upper()}, "taxonomy_id", uuid.UUID(A_UUID)),
        ({"minimum_age": "18"}, "minimum_age", Decimal(18)),
        ({"minimum_age": "17.5"}, "minimum_age", Decimal("17.5")),
        ({"maximum_age": "0"}, "maximum_age", Decimal(0)),
        ({"maximum_age": "120"}, "maximum_age", Decimal(120)),
        ({"postcode": " sw1a 1aa "}, "postcode", "sw1a 1aa"),
        ({"postcode": ""}, "postcode", None),
    ],
)
def test_accepted(query, field, value):
    params = parse_list_params(query, filters=True, postcode=True)
    assert getattr(params, field) == value


@pytest.mark.parametrize(
    "query, parameter",
    [
        ({"page": "0"}, "page"),
        ({"page": "-2"}, "page"),
        ({"page": "2.0"}, "page"),
        ({"page": "١"}, "page"),  # digits, but not ASCII ones
        ({"page": "100001"}, "page"),
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"minimum_age": "120.5"}, "minimum_age"),
        ({"minimum_age": "-0"}, "minimum_age"),
        ({"minimum_age": "inf"}, "minimum_age"),
        ({"maximum_age": "1e1"}, "maximum_age"),
        ({"taxonomy_id": "abc"}, "taxonomy_id"),
        ({"taxonomy_term_id": A_UUID + "0"}, "taxonomy_term_id"),
        ({"search": "a\x00b"}, "search"),
        ({"search": "x" * 201}, "search"),
        ({"postcode": "x" * 17}, "postcode"),
        ({"postcode": "SW1A\x001AA"}, "postcode"),
    ],
)
def test_refused_with_the_parameter_named(query, parameter):
    with pytest.raises(ParameterError) as problem:
        parse_list_params(query, filters=True, postcode=True)
    assert problem.value.parameter == parameter
    assert problem.value.message.startswith(parameter)


def test_filters_are_not_read_where_they_do_not_apply():
    params = parse_list_params({"minimum_age": "old", "postcode": "x"}, filters=False)
    assert (params.minimum_age, params.postcode) == (None, None)
    assert parse_list_params({"postcode": "SW1A 1AA"}, filters=True).postcode is None


def test_offset():
    assert parse_list_params({"page": "3", "per_page": "20"}, filters=False).offset == 40


def test_ids():
    assert parse_id(A_UUID) == uuid.UUID(A_UUID)
    with pytest.raises(ParameterError):
        parse_id("x")
