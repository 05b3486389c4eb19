"""/coverage/ and /coverage/<gss_code>/ against the real Compact data and factory rows."""

import datetime
import re

import pytest
from django.db.models import Q
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boroughs.models import Area
from offers.models import CommitmentStatus, Offer, Theme
from tests.board.helpers import (
    CROYDON,
    HACKNEY,
    ISLINGTON,
    area,
    fresh_get,
    json_row,
    offer,
    today,
)

COVERAGE = "/coverage/"


def text(response) -> str:
    """The page's text with tags and runs of white space collapsed."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_table_matches_the_compact_data(compact_data, client):
    """Every borough's status on every commitment, and its own public offers per theme,
    as the database has them."""
    data = fresh_get(client, "/coverage.json").json()
    assert len(data["authorities"]) == 33
    day = today()
    for authority in data["authorities"]:
        borough = area(authority["gss_code"])
        assert authority["icb"]["gss_code"] == borough.icb.gss_code
        for status in CommitmentStatus.objects.filter(area=borough).select_related("commitment"):
            position = authority["commitments"][status.commitment.slug]
            assert position["status"] == status.status
            assert position["date"] == (status.as_of.isoformat() if status.as_of else None)
        for theme in Theme.objects.all():
            expected = (
                Offer.objects.filter(status="published", area=borough, themes=theme)
                .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
                .count()
            )
            assert authority["offers"][theme.slug] == expected, (borough, theme)


def test_totals_in_words_count_the_boroughs_saying_yes(compact_data, client):
    yes = CommitmentStatus.objects.filter(commitment__number=1, status="yes").count()
    page = text(fresh_get(client, COVERAGE))
    if yes == 1:
        assert "1 of 33 boroughs exempts care leavers from council tax" in page
    else:
        assert f"{yes} of 33 boroughs exempt care leavers from council tax" in page


@pytest.mark.parametrize(
    ("yes", "sentence"),
    [
        (21, "21 of 33 boroughs exempt care leavers from council tax"),
        (1, "1 of 33 boroughs exempts care leavers from council tax"),
        (0, "0 of 33 boroughs exempt care leavers from council tax"),
    ],
)
def test_totals_in_words_use_the_right_plural(compact_data, client, yes, sentence):
    statuses = CommitmentStatus.objects.filter(commitment__number=1).order_by("area__gss_code")
    for position, status in enumerate(statuses):
        status.status = "yes" if position < yes else "no"
        status.save()
    page = text(fresh_get(client, COVERAGE))
    assert sentence in page
    assert f"Saying yes {yes} of 33" in page or f"{yes} of 33" in page


def test_drafts_withdrawn_and_ended_offers_are_never_counted(compact_data, client):
    before = json_row(fresh_get(client, "/coverage.json").json(), ISLINGTON)
    yesterday = today() - datetime.timedelta(days=1)
    offer(ISLINGTON, "housing")
    offer(ISLINGTON, "housing", "money")
    offer(ISLINGTON, "housing", ends_on=today())  # still open today: counted
    offer(ISLINGTON, "housing", ends_on=yesterday)  # ended
    offer(ISLINGTON, "housing", status=Offer.Status.DRAFT)
    offer(ISLINGTON, "housing", status=Offer.Status.WITHDRAWN)
    offer(area(ISLINGTON).icb.gss_code, "housing")  # the ICB's, not the borough's own
    after = json_row(fresh_get(client, "/coverage.json").json(), ISLINGTON)
    assert after["offers"]["housing"] == before["offers"]["housing"] + 3
    assert after["offers"]["money"] == before["offers"]["money"] + 1
    assert after["offers_total"] == before["offers_total"] + 3
    html = fresh_get(client, COVERAGE).content.decode()
    row = re.search(
        rf'<tr class="govuk-table__row" data-gss-code="{ISLINGTON}">.*?</tr>',
        html[html.index('id="table-themes"') :],
        re.S,
    ).group(0)
    assert f"data-total>{after['offers_total']}</td>" in row


def test_the_page_shows_each_status_date_and_evidence_link(compact_data, client):
    status = CommitmentStatus.objects.get(area__gss_code=ISLINGTON, commitment__number=2)
    status.status = "partly"
    status.as_of = datetime.date(2025, 3, 5)
    status.evidence_url = "https://example.org/islington-deposits"
    status.save()
    html = fresh_get(client, COVERAGE).content.decode()
    assert "5 Mar 2025" in html
    assert 'href="https://example.org/islington-deposits"' in html
    assert "(Islington: Rent deposit scheme)" in html  # the link's hidden context


def test_filter_by_icb_and_by_status(compact_data, client):
    icb = area(ISLINGTON).icb
    members = set(icb.member_authorities.values_list("gss_code", flat=True))
    html = fresh_get(client, COVERAGE, {"icb": icb.gss_code}).content.decode()
    commitments = html[html.index('id="table-commitments"') : html.index('id="table-themes"')]
    assert set(re.findall(r'data-gss-code="(E09\d+)"', commitments)) == members
    assert f"Showing {len(members)} of 33 authorities" in html

    yes = set(
        CommitmentStatus.objects.filter(commitment__number=1, status="yes").values_list(
            "area__gss_code", flat=True
        )
    )
    html = fresh_get(client, COVERAGE, {"status": "yes", "commitment": "1"}).content.decode()
    commitments = html[html.index('id="table-commitments"') : html.index('id="table-themes"')]
    assert set(re.findall(r'data-gss-code="(E09\d+)"', commitments)) == yes


def test_sort_by_a_theme_most_first(compact_data, client):
    for _ in range(3):
        offer(CROYDON, "travel")
    offer(HACKNEY, "travel")
    html = fresh_get(client, COVERAGE, {"sort": "-theme-travel"}).content.decode()
    order = re.findall(r'<tr class="govuk-table__row" data-gss-code="(E09\d+)">', html)
    assert order[:2] == [CROYDON, HACKNEY]
    assert 'aria-sort="descending"' in html
    # The heading now links to the other direction, keeping nothing else.
    assert 'href="/coverage/?sort=theme-travel#tables"' in html


def test_the_tile_map_has_33_tiles_and_a_legend_not_by_colour_alone(compact_data, client):
    html = fresh_get(client, COVERAGE).content.decode()
    svg = html[html.index('<svg class="app-tile-map__svg"') : html.index("</svg>")]
    assert svg.count('<g class="app-tile"') == 33
    assert 'role="img"' in svg and 'aria-labelledby="tile-map-title tile-map-desc"' in svg
    assert 'dir="ltr"' in svg
    assert "<title>Islington: " in svg
    # Each status is drawn with its own symbol, and the key names each one in words.
    legend = html[html.index('class="govuk-list app-map-legend"') :]
    legend = legend[: legend.index("</ul>")]
    for words in ("Yes:", "Partly:", "No:", "Not known:"):
        assert words in legend
    assert "M3 10.5 8 15.5 17 4.5" in legend  # the tick, in the key as on the tiles
    assert "Map layout: London Squared, © 2019 After the Flood Ltd" in html
    assert '<abbr title="Islington">ISL</abbr>' in html


def test_the_map_coloured_by_a_theme_shows_numbers(compact_data, client):
    offer(ISLINGTON, "travel")
    offer(ISLINGTON, "travel")
    html = fresh_get(client, COVERAGE, {"map": "theme-travel"}).content.decode()
    tile = re.search(rf'<g class="app-tile" data-gss-code="{ISLINGTON}".*?</g>', html, re.S)
    assert "<title>Islington: 2 offers</title>" in tile.group(0)
    assert ">2</text>" in tile.group(0)
    assert "3 or more offers" in html


def test_no_inline_styles_or_scripts_without_a_nonce(compact_data, client):
    html = fresh_get(client, COVERAGE).content.decode()
    assert " style=" not in html
    assert len(re.findall(r"<script(?![^>]*(nonce=|src=))", html)) == 0


def test_arabic_page_is_right_to_left_but_the_map_is_not(compact_data, client):
    response = fresh_get(client, "/ar/coverage/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    assert '<div class="app-tile-map__canvas" dir="ltr">' in html
    assert 'action="/ar/coverage/#map"' in html
    assert 'href="/ar/coverage/E09000019/"' in html


def test_the_service_navigation_links_to_coverage(db, client):
    html = fresh_get(client, reverse("offers:start")).content.decode()
    assert 'href="/coverage/"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "colour"}, "The table cannot be sorted that way"),
        ({"icb": "E54999999"}, "Choose an integrated care board from the list"),
        ({"status": "maybe"}, "Choose a status from the list"),
        ({"commitment": "9"}, "Choose a commitment from the list"),
        ({"commitment": "one"}, "Choose a commitment from the list"),
        ({"map": "theme-nothing"}, "Choose a commitment or a theme from the list"),
        ({"on": "2025-13-45"}, "The date must be a real date"),
        ({"on": "yesterday"}, "The date must be a real date"),
        ({"on-day": "31", "on-month": "2", "on-year": "2025"}, "The date must be a real date"),
        ({"on-day": "1", "on-month": "2", "on-year": "25"}, "The date must be a real date"),
        ({"on-day": "1", "on-month": "2"}, "The date must include a day, a month and a year"),
        ({"on": "2999-01-01"}, "The date must be today or in the past"),
        ({"on": "1999-01-01"}, "Records begin on"),
    ],
)
def test_bad_parameters_get_a_clear_message_and_400(compact_data, client, params, message):
    response = fresh_get(client, COVERAGE, params)
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error:" in response.content.decode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["on", "on-day", "on-month", "on-year", "icb", "commitment", "status", "sort", "map"]
        ),
        st.text(max_size=20),
        max_size=4,
    )
)
def test_any_parameters_get_a_page_or_a_400_never_a_500(compact_data, client, params):
    response = fresh_get(client, COVERAGE, params)
    assert response.status_code in (200, 400)


# --- A borough's profile ----------------------------------------------------------------


def test_a_borough_profile_shows_positions_gaps_offers_and_freshness(compact_data, client):
    islington = area(ISLINGTON)
    CommitmentStatus.objects.filter(area=islington).exclude(commitment__number=1).update(
        status="no"
    )
    CommitmentStatus.objects.filter(area=islington, commitment__number=1).update(status="yes")
    stale = offer(
        ISLINGTON,
        "money",
        title="Islington stale offer",
        last_checked=today() - datetime.timedelta(days=400),
    )
    offer(ISLINGTON, "money", title="Islington fresh offer")
    offer(
        ISLINGTON,
        "money",
        title="Islington draft offer",
        status=Offer.Status.DRAFT,
        last_checked=None,
    )
    offer(islington.icb.gss_code, "health", title="ICB-wide offer")
    offer("E12000007", "travel", title="London-wide offer")
    offer("E92000001", "money", title="England-wide offer")
    offer(HACKNEY, "money", title="Hackney offer")
    response = fresh_get(client, reverse("board:borough", args=[ISLINGTON]))
    assert response.status_code == 200
    page = text(response)
    assert "Islington" in page and islington.icb.name in page
    gaps = page[page.index("Gaps against the Compact") : page.index("Its commitments")]
    assert "5 of the six commitments are not yet a clear yes" in gaps
    assert "2. Rent deposit scheme: No" in gaps
    assert "Council tax exemption" not in gaps
    for title in (
        "Islington fresh offer",
        "ICB-wide offer",
        "London-wide offer",
        "England-wide offer",
    ):
        assert title in page
    assert "Hackney offer" not in page
    assert "Islington draft offer" not in page
    freshness = page[
        page.index("How fresh this is") : page.index("Offers its care leavers can get")
    ]
    assert "Islington stale offer" in freshness
    assert "Islington fresh offer" not in freshness
    assert f"last checked {stale.last_checked:%-d %B %Y}" in freshness


@pytest.mark.parametrize("code", ["E09000099", "E54000028", "E12000007", "not-a-code", "e09000019"])
def test_an_unknown_authority_gets_a_404_page(compact_data, client, code):
    response = fresh_get(client, f"/coverage/{code}/")
    assert response.status_code == 404
    assert "There is no London authority with that code" in text(response)


def test_all_33_profiles_render(compact_data, client):
    for code in Area.objects.london_authorities().values_list("gss_code", flat=True):
        assert fresh_get(client, f"/coverage/{code}/").status_code == 200
