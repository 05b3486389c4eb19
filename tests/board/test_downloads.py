"""/coverage.csv and /coverage.json: one row per authority, the same numbers as the page."""

import csv
import datetime
import io

from offers.models import Commitment, CommitmentStatus, Theme
from tests.board.helpers import ISLINGTON, fresh_get, json_row, offer, today


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_one_row_per_authority_with_every_column(compact_data, client):
    response = fresh_get(client, "/coverage.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="london-care-leavers-compact-coverage-{today()}.csv"'
    )
    rows = read_csv(response)
    assert len(rows) == 33
    assert len({r["gss_code"] for r in rows}) == 33
    expected = ["gss_code", "name", "icb_code", "icb_name"]
    for commitment in Commitment.objects.order_by("number"):
        expected += [f"{commitment.slug}_{part}" for part in ("status", "date", "evidence_url")]
    expected += [f"offers_{t.slug}" for t in Theme.objects.all()] + ["offers_total"]
    assert list(rows[0]) == expected


def test_csv_and_json_agree_with_the_database(compact_data, client):
    offer(ISLINGTON, "housing", "money")
    rows = {r["gss_code"]: r for r in read_csv(fresh_get(client, "/coverage.csv"))}
    data = fresh_get(client, "/coverage.json").json()
    assert [a["gss_code"] for a in data["authorities"]] == [
        a["gss_code"] for a in sorted(data["authorities"], key=lambda a: a["name"].casefold())
    ]
    for status in CommitmentStatus.objects.select_related("area", "commitment"):
        row = rows[status.area.gss_code]
        slug = status.commitment.slug
        assert row[f"{slug}_status"] == status.status
        assert row[f"{slug}_date"] == (status.as_of.isoformat() if status.as_of else "")
        position = json_row(data, status.area.gss_code)["commitments"][slug]
        assert position == {
            "status": status.status,
            "date": status.as_of.isoformat() if status.as_of else None,
            "evidence_url": status.evidence_url,
        }
    for authority in data["authorities"]:
        row = rows[authority["gss_code"]]
        assert row["icb_code"] == authority["icb"]["gss_code"]
        for slug, count in authority["offers"].items():
            assert int(row[f"offers_{slug}"]) == count
        assert int(row["offers_total"]) == authority["offers_total"]
    assert json_row(data, ISLINGTON)["offers"]["housing"] >= 1


def test_json_shape(compact_data, client):
    data = fresh_get(client, "/coverage.json").json()
    assert set(data) == {"title", "on", "from_history", "commitments", "themes", "authorities"}
    assert data["on"] == today().isoformat() and data["from_history"] is False
    assert [c["number"] for c in data["commitments"]] == [1, 2, 3, 4, 5, 6]
    authority = data["authorities"][0]
    assert set(authority) == {"gss_code", "name", "icb", "commitments", "offers", "offers_total"}
    assert set(authority["commitments"]) == {c["slug"] for c in data["commitments"]}
    assert set(authority["offers"]) == {t["slug"] for t in data["themes"]}


def test_downloads_take_a_past_date_and_refuse_bad_ones(compact_data, client):
    # The Compact data was recorded today: today is the first day with a history.
    assert fresh_get(client, "/coverage.csv", {"on": today().isoformat()}).status_code == 200
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    for url in ("/coverage.csv", "/coverage.json"):
        for bad in (tomorrow, "2025-02-30", "last week", "2000-01-01"):
            response = fresh_get(client, url, {"on": bad})
            assert response.status_code == 400, (url, bad)
    response = fresh_get(client, "/coverage.json", {"on": tomorrow})
    assert response.json() == {"errors": ["The date must be today or in the past"]}
    response = fresh_get(client, "/coverage.csv", {"on": "2025-02-30"})
    assert response.content.decode() == "The date must be a real date, like 31 1 2025\n"


def test_csv_cells_are_never_spreadsheet_formulas(compact_data, client):
    status = CommitmentStatus.objects.get(area__gss_code=ISLINGTON, commitment__number=1)
    status.evidence_url = "=HYPERLINK(1)"
    status.save()
    rows = {r["gss_code"]: r for r in read_csv(fresh_get(client, "/coverage.csv"))}
    assert rows[ISLINGTON]["council-tax-exemption_evidence_url"] == "'=HYPERLINK(1)"


def test_downloads_are_public_and_set_no_cookies(compact_data, client):
    for url in ("/coverage.csv", "/coverage.json", "/coverage/"):
        response = fresh_get(client, url)
        assert response.status_code == 200
        assert not response.cookies
