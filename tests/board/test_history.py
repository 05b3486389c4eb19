"""The table as it stood on a past date, and what changed since, from the recorded history."""

import datetime
import re

import pytest
from django.utils import timezone

from boroughs.models import Area
from offers.models import CommitmentStatus, Offer
from tests.board.helpers import (
    ISLINGTON,
    area,
    fresh_get,
    json_row,
    offer,
    shift_history,
    theme,
    today,
)

DAYS_AGO = 100


@pytest.fixture
def past(compact_data):
    """The Compact data and two Islington offers, all recorded 100 days ago."""
    withdrawn_later = offer(ISLINGTON, "money", title="Islington offer withdrawn later")
    rethemed_later = offer(ISLINGTON, "housing", title="Islington offer moved to money")
    rent_deposit = CommitmentStatus.objects.get(area__gss_code=ISLINGTON, commitment__number=2)
    shift_history(DAYS_AGO)
    return {
        "withdrawn_later": withdrawn_later,
        "rethemed_later": rethemed_later,
        "rent_deposit_then": rent_deposit.status,
        "day": today() - datetime.timedelta(days=DAYS_AGO // 2),
    }


@pytest.fixture
def changed_today(past):
    """Today: a commitment met, an offer withdrawn, one re-themed, one new, an ICB moved."""
    status = CommitmentStatus.objects.get(area__gss_code=ISLINGTON, commitment__number=2)
    status.status = "yes"
    status.as_of = today()
    status.evidence_url = "https://example.org/islington-deposit-scheme"
    status.save()
    past["withdrawn_later"].status = Offer.Status.WITHDRAWN
    past["withdrawn_later"].save()
    past["rethemed_later"].themes.set([theme("money")])
    offer(ISLINGTON, "travel", title="Islington offer new today")
    islington = area(ISLINGTON)
    past["icb_then"] = islington.icb.gss_code
    islington.icb = Area.objects.icbs().exclude(pk=islington.icb_id).first()
    islington.save()
    past["icb_now"] = islington.icb.gss_code
    return past


def test_the_table_on_a_past_date_is_as_it_stood_then(changed_today, client):
    day = changed_today["day"]
    now = json_row(fresh_get(client, "/coverage.json").json(), ISLINGTON)
    then_data = fresh_get(client, "/coverage.json", {"on": day.isoformat()}).json()
    then = json_row(then_data, ISLINGTON)
    assert then_data["on"] == day.isoformat() and then_data["from_history"] is True

    assert now["commitments"]["rent-deposit-scheme"]["status"] == "yes"
    assert (
        then["commitments"]["rent-deposit-scheme"]["status"] == (changed_today["rent_deposit_then"])
    )
    # Then: the withdrawn offer (money) and the re-themed one (housing) counted as they were.
    assert then["offers"]["housing"] == now["offers"]["housing"] + 1  # re-themed since
    assert then["offers"]["money"] == now["offers"]["money"]  # one withdrawn, one re-themed in
    assert then["offers"]["travel"] == now["offers"]["travel"] - 1  # new today
    assert then["offers_total"] == now["offers_total"]  # one withdrawn, one new
    assert then["icb"]["gss_code"] == changed_today["icb_then"]
    assert now["icb"]["gss_code"] == changed_today["icb_now"]


def test_past_theme_counts_follow_the_themes_offers_had_then(past, client):
    day = past["day"]
    before = json_row(
        fresh_get(client, "/coverage.json", {"on": day.isoformat()}).json(), ISLINGTON
    )
    past["rethemed_later"].themes.set([theme("money")])
    offer(ISLINGTON, "housing", status=Offer.Status.DRAFT)
    after = json_row(fresh_get(client, "/coverage.json", {"on": day.isoformat()}).json(), ISLINGTON)
    assert after == before  # nothing done today changes the past
    now = json_row(fresh_get(client, "/coverage.json").json(), ISLINGTON)
    assert now["offers"]["housing"] == before["offers"]["housing"] - 1
    assert now["offers"]["money"] == before["offers"]["money"] + 1


def test_what_changed_since_a_date(changed_today, client):
    day = changed_today["day"]
    response = fresh_get(client, "/coverage/", {"on": day.isoformat()})
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert f"As it stood at the end of {day:%-d %B %Y}" in page
    changes = page[page.index(f"What changed since {day:%-d %B %Y}") :]
    labels = dict(CommitmentStatus.Status.choices)
    before = labels[changed_today["rent_deposit_then"]]
    assert f"Islington , 2. Rent deposit scheme: from “{before}” to “Yes”" in changes
    added = changes[changes.index("Offers published since then") :]
    assert "Islington offer new today (Islington)" in added.split("Offers public then")[0]
    removed = changes[changes.index("Offers public then but not now") :]
    assert "Islington offer withdrawn later (Islington): withdrawn" in removed
    assert "Islington offer moved to money" not in changes  # still public: not a change


def test_a_change_late_in_the_day_counts_for_that_day(past, client):
    day = past["day"]
    status = CommitmentStatus.objects.get(area__gss_code=ISLINGTON, commitment__number=6)
    status.status = "yes"
    status.save()
    late = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30)))
    latest = CommitmentStatus.history.filter(id=status.id).latest("history_date")
    latest.history_date = late
    latest.save()

    def covenant(on):
        data = fresh_get(client, "/coverage.json", {"on": on.isoformat()}).json()
        return json_row(data, ISLINGTON)["commitments"]["care-leaver-covenant"]["status"]

    assert covenant(day) == "yes"
    assert covenant(day - datetime.timedelta(days=1)) != "yes"


def test_dates_before_the_records_begin_are_refused(past, client):
    first = today() - datetime.timedelta(days=DAYS_AGO)
    assert fresh_get(client, "/coverage/", {"on": first.isoformat()}).status_code == 200
    response = fresh_get(
        client, "/coverage/", {"on": (first - datetime.timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400
    assert f"Records begin on {first:%-d %B %Y}" in response.content.decode()


def test_the_day_form_and_the_iso_date_give_the_same_table(past, client):
    day = past["day"]
    by_iso = fresh_get(client, "/coverage/", {"on": day.isoformat()})
    by_boxes = fresh_get(
        client,
        "/coverage/",
        {"on-day": str(day.day), "on-month": str(day.month), "on-year": str(day.year)},
    )
    assert by_boxes.status_code == by_iso.status_code == 200

    def table(response):
        html = response.content.decode()
        return html[html.index('id="table-commitments"') : html.index('id="history"')]

    assert table(by_boxes) == table(by_iso)
    # Links keep the date as YYYY-MM-DD, so sorting does not lose it.
    assert f"on={day.isoformat()}&amp;sort=icb" in table(by_boxes)


def test_today_as_a_date_is_the_current_table(past, client):
    response = fresh_get(client, "/coverage/", {"on": today().isoformat()})
    assert response.status_code == 200
    assert "What changed since" not in response.content.decode()
