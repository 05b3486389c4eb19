"""CSV import: all or nothing, every error with its line and column, what Excel writes,
idempotent, and limited to what the importing staff member may change."""

import csv
import io

import pytest
from django.core.cache import cache

from offers.cache import VERSION_KEY
from offers.csv_io import COLUMNS
from offers.models import Offer, Provider
from offers.services import offers_import
from staff.models import PublishingPolicy
from tests.staff.world import CAMDEN, ISLINGTON, world_fixtures

module_world, world = world_fixtures()


def row(**values):
    base = {
        "title": "Free gym membership",
        "summary": "A year at a council gym, free.",
        "details": "Any council leisure centre, peak hours included.",
        "how_to_get": "Ask your personal adviser for a referral letter.",
        "url": "https://example.org/gym",
        "provider": "Camden test services",
        "themes": "Health",
        "area": CAMDEN,
        "must_live_in_area": "yes",
        "must_be_looked_after_by_area": "no",
        "min_age": "18",
        "max_age": "24",
        "conditions": "",
        "status": "draft",
        "source_url": "https://example.org/source",
        "last_checked": "2026-11-01",
        "id": "",
    }
    base.update(values)
    return base


def csv_bytes(*rows, columns=COLUMNS, bom=True) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)  # the excel dialect: CRLF, quotes where needed
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def errors_of(plan):
    return [str(e) for e in plan.errors]


def test_a_good_file_creates_offers_with_their_themes_and_a_new_provider(world):
    data = csv_bytes(
        row(),
        row(title="Bus pass top-up", provider="A brand new charity", themes="Travel; Money"),
    )
    plan = offers_import(data=data, by=world.user("camden_editor"))
    assert plan.ok, errors_of(plan)
    assert (plan.created, plan.updated, plan.unchanged) == (2, 0, 0)
    gym = Offer.objects.get(title="Free gym membership")
    assert gym.area == world.camden
    assert gym.must_live_in_area and not gym.must_be_looked_after_by_area
    assert [t.name for t in gym.themes.all()] == ["Health"]
    bus = Offer.objects.get(title="Bus pass top-up")
    assert bus.provider == Provider.objects.get(name="A brand new charity")
    assert {t.name for t in bus.themes.all()} == {"Travel", "Money"}
    assert gym.history.first().history_user == world.user("camden_editor")


def test_importing_the_same_file_twice_creates_nothing_new(world):
    data = csv_bytes(row(), row(title="Another", provider="A brand new charity"))
    offers_import(data=data, by=world.user("camden_editor"))
    counts = (Offer.objects.count(), Provider.objects.count(), Offer.history.count())
    plan = offers_import(data=data, by=world.user("camden_editor"))
    assert plan.ok
    assert (plan.created, plan.updated, plan.unchanged) == (0, 0, 2)
    assert (Offer.objects.count(), Provider.objects.count(), Offer.history.count()) == counts


def test_rows_match_on_id_else_on_provider_title_and_area(world):
    offer = world.offer("camden_draft")
    plan = offers_import(
        data=csv_bytes(
            row(id=str(offer.pk), title="Renamed by id", provider=offer.provider.name),
            row(title=world.offer("camden_published").title, summary="Matched by title"),
        ),
        by=world.user("camden_editor"),
    )
    assert plan.ok, errors_of(plan)
    assert (plan.created, plan.updated) == (0, 2)
    assert Offer.objects.get(pk=offer.pk).title == "Renamed by id"
    assert Offer.objects.get(pk=world.offer("camden_published").pk).summary == "Matched by title"


def test_one_bad_row_saves_nothing_and_every_error_names_its_line_and_column(world):
    before = Offer.objects.count()
    data = csv_bytes(
        row(),
        row(title="", min_age="eighteen"),
        row(title="Third", themes="Health;Astrology", area="E09999999", must_live_in_area="maybe"),
        row(title="Fourth", status="published", source_url="", max_age="16", min_age="18"),
    )
    plan = offers_import(data=data, by=world.user("site_admin"))
    assert not plan.ok
    assert Offer.objects.count() == before
    assert errors_of(plan) == [
        "Line 3, column A (title): This field is required.",
        "Line 3, column K (min_age): Enter a whole number.",
        "Line 4, column G (themes): Unknown theme “Astrology”. The themes are: "
        + "; ".join(sorted(t for t in _theme_names()))
        + ".",
        "Line 4, column H (area): No area has the GSS code “E09999999”.",
        "Line 4, column I (must_live_in_area): Write yes or no.",
        "Line 5, column L (max_age): The maximum age is below the minimum age.",
        "Line 5, column O (source_url): A published offer needs its source address.",
    ]


def _theme_names():
    from offers.models import Theme

    return Theme.objects.values_list("name", flat=True)


def test_errors_point_at_the_line_where_the_row_starts_even_after_multiline_cells(world):
    data = csv_bytes(
        row(details="Line one,\nline two, with a comma,\nand line three."),
        row(title="Bad age", min_age="x"),
    )
    plan = offers_import(data=data, by=world.user("site_admin"))
    # Header on line 1; the first row's quoted cell spans lines 2-4; the second starts on 5.
    assert errors_of(plan) == ["Line 5, column K (min_age): Enter a whole number."]


def test_what_excel_writes(world):
    """Bytes as Excel's "CSV UTF-8" saves them: BOM, CRLF, quoted cells with commas, doubled
    quotes, and line breaks (LF) inside a cell; a trailing empty row."""
    header = ",".join(COLUMNS)
    line = (
        '"Rent deposit, up to £1,500","Paid to your landlord, not to you.",'
        '"A ""deposit guarantee"" or cash.\nYou pay nothing back.",'
        '"Ask your PA.\n1. Find a flat\n2. Send us the advert",https://example.org/deposit,'
        "Camden test services,Housing,E09000007,yes,yes,18,24,,draft,"
        "https://example.org/source,2026-10-05,"
    )
    data = b"\xef\xbb\xbf" + "\r\n".join([header, line, ",,,,,,,,,,,,,,,,", ""]).encode()
    plan = offers_import(data=data, by=world.user("camden_editor"))
    assert plan.ok, errors_of(plan)
    offer = Offer.objects.get(title="Rent deposit, up to £1,500")
    assert offer.details == 'A "deposit guarantee" or cash.\nYou pay nothing back.'
    assert offer.how_to_get.splitlines() == [
        "Ask your PA.",
        "1. Find a flat",
        "2. Send us the advert",
    ]


def test_with_or_without_a_byte_order_mark(world):
    for bom in (True, False):
        plan = offers_import(
            data=csv_bytes(row(title=f"BOM {bom}"), bom=bom), by=world.user("site_admin")
        )
        assert plan.ok, errors_of(plan)
        assert Offer.objects.filter(title=f"BOM {bom}").exists()


def test_a_file_that_is_not_utf8_is_refused_with_its_line(world):
    text = csv_bytes(row(), row(title="Caf\u00e9 vouchers"), bom=False).decode()
    plan = offers_import(data=text.encode("cp1252"), by=world.user("site_admin"))
    assert len(plan.errors) == 1
    assert str(plan.errors[0]).startswith("Line 3: This line is not UTF-8 text.")


@pytest.mark.parametrize(
    "columns, expected",
    [
        (
            [c for c in COLUMNS if c != "themes"],
            "Line 1, column themes: This column is missing.",
        ),
        (
            [*COLUMNS, "colour"],
            "Line 1, column R (colour): Unknown column. The columns are: "
            + ", ".join(COLUMNS)
            + ".",
        ),
        (["title", *COLUMNS], "Line 1, column B (title): This column appears twice."),
    ],
)
def test_header_problems_are_named(world, columns, expected):
    plan = offers_import(data=csv_bytes(row(), columns=columns), by=world.user("site_admin"))
    assert expected in errors_of(plan)


def test_the_id_column_is_optional_and_headings_may_be_capitalised(world):
    columns = [c for c in COLUMNS if c != "id"]
    data = csv_bytes(row(), columns=columns).replace(b"title,", b"Title,", 1)
    plan = offers_import(data=data, by=world.user("site_admin"))
    assert plan.ok, errors_of(plan)


def test_an_empty_file(world):
    plan = offers_import(data=b"", by=world.user("site_admin"))
    assert errors_of(plan) == ["Line 1: The file is empty: the first line must name the columns."]


def test_an_unclosed_quote_is_reported(world):
    data = csv_bytes(row()) + b'"Unclosed title,summary\r\n'
    plan = offers_import(data=data, by=world.user("site_admin"))
    assert plan.errors and plan.errors[0].line == 3


def test_the_same_offer_twice_in_one_file(world):
    plan = offers_import(data=csv_bytes(row(), row()), by=world.user("site_admin"))
    assert errors_of(plan) == ["Line 3, column A (title): This is the same offer as on line 2."]


def test_a_borough_editor_can_only_touch_its_boroughs_offers(world):
    islington = world.offer("islington_draft")
    before = Offer.objects.count()
    plan = offers_import(
        data=csv_bytes(
            row(title="Fine"),
            row(title="Elsewhere", area=ISLINGTON),
            row(id=str(islington.pk), title="Taken over", area=CAMDEN),
        ),
        by=world.user("camden_editor"),
    )
    assert errors_of(plan) == [
        "Line 3, column H (area): You cannot add or move offers to Islington.",
        "Line 4, column Q (id): You cannot change this offer.",
    ]
    assert Offer.objects.count() == before
    assert Offer.objects.get(pk=islington.pk).title == islington.title


def test_a_provider_editor_can_only_import_its_providers_offers(world):
    plan = offers_import(
        data=csv_bytes(row(provider="Camden test services")), by=world.user("tfl_editor")
    )
    assert errors_of(plan) == [
        "Line 2, column F (provider): You can only import offers of "
        "Transport for London and the Mayor of London."
    ]


def test_a_board_viewer_imports_nothing(world):
    plan = offers_import(data=csv_bytes(row()), by=world.user("board_viewer"))
    assert "You cannot add or move offers to Camden." in errors_of(plan)[0]


def test_publishing_by_import_records_who_and_follows_the_approval_rule(world):
    editor = world.user("camden_editor")
    plan = offers_import(data=csv_bytes(row(status="published")), by=editor)
    assert plan.ok, errors_of(plan)
    offer = Offer.objects.get(title="Free gym membership")
    assert offer.status == "published"
    assert offer.published_by == editor
    assert offer.last_checked_by == editor

    PublishingPolicy.objects.create(area=world.camden, second_approval=True)
    plan = offers_import(
        data=csv_bytes(row(title="Needs a second person", status="published")), by=editor
    )
    assert errors_of(plan) == [
        "Line 2, column N (status): This area asks for a second person to approve offers: "
        "ask for approval first."
    ]
    # Already published offers stay published when re-imported.
    assert offers_import(data=csv_bytes(row(status="published")), by=editor).ok


def test_withdrawing_by_import(world):
    offer = world.offer("camden_published")
    data = csv_bytes(
        row(
            id=str(offer.pk),
            title=offer.title,
            provider=offer.provider.name,
            status="withdrawn",
            last_checked=offer.last_checked.isoformat(),
        )
    )
    plan = offers_import(data=data, by=world.user("camden_editor"))
    assert plan.ok, errors_of(plan)
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert offer.withdrawn_by == world.user("camden_editor")


def test_uk_dates_as_excel_rewrites_them(world):
    plan = offers_import(
        data=csv_bytes(row(last_checked="05/10/2026")), by=world.user("site_admin")
    )
    assert plan.ok, errors_of(plan)
    assert Offer.objects.get(title="Free gym membership").last_checked.isoformat() == "2026-10-05"
    plan = offers_import(data=csv_bytes(row(last_checked="Oct 5")), by=world.user("site_admin"))
    assert errors_of(plan) == ["Line 2, column P (last_checked): Write the date as YYYY-MM-DD."]


def test_a_preview_writes_nothing(world):
    before = (Offer.objects.count(), Offer.history.count(), Provider.objects.count())
    plan = offers_import(
        data=csv_bytes(row(provider="Preview only charity")),
        by=world.user("site_admin"),
        commit=False,
    )
    assert plan.ok and plan.created == 1 and plan.new_providers == ["Preview only charity"]
    assert (Offer.objects.count(), Offer.history.count(), Provider.objects.count()) == before


def test_an_import_bumps_the_catalogue_version(world, django_capture_on_commit_callbacks):
    cache.set(VERSION_KEY, 1, timeout=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert offers_import(data=csv_bytes(row()), by=world.user("site_admin")).ok
    assert cache.get(VERSION_KEY) != 1
