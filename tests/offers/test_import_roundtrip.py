"""Export → edit in a spreadsheet → import round-trips; and the two commands."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from offers.csv_io import COLUMNS, offers_csv_write, offers_for_csv
from offers.models import Offer
from offers.services import offers_import
from tests.staff.world import make_offer, world_fixtures

module_world, world = world_fixtures()


def export(queryset=None) -> bytes:
    out = io.StringIO(newline="")
    offers_csv_write(offers_for_csv(queryset or Offer.objects.order_by("title")), out)
    return out.getvalue().encode("utf-8")


def read(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write(rows: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def test_export_is_what_excel_reads(world):
    data = export()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(COLUMNS)


def test_exporting_everything_and_importing_it_back_changes_nothing(world):
    """The real Compact data and every status: the export reads back as "unchanged"."""
    history = Offer.history.count()
    plan = offers_import(data=export(), by=world.user("site_admin"))
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.created == plan.updated == 0
    assert plan.unchanged == Offer.objects.count()
    assert Offer.history.count() == history


def test_export_edit_import_changes_just_the_edited_offer(world):
    rows = read(export())
    target = next(r for r in rows if r["title"] == world.offer("camden_published").title)
    target["summary"] = "Up to £1,500, paid to your landlord."
    target["themes"] = "Housing;Money"
    target["last_checked"] = "2026-11-20"
    plan = offers_import(data=write(rows), by=world.user("site_admin"))
    assert plan.ok, [str(e) for e in plan.errors]
    assert (plan.created, plan.updated) == (0, 1)
    assert plan.rows[
        [r.offer.pk for r in plan.rows].index(world.offer("camden_published").pk)
    ].changed == [
        "summary",
        "themes",
        "last_checked",
    ]
    offer = Offer.objects.get(pk=world.offer("camden_published").pk)
    assert offer.summary == "Up to £1,500, paid to your landlord."
    assert {t.name for t in offer.themes.all()} == {"Housing", "Money"}


def test_a_borough_editor_round_trips_its_own_export(client, world):
    client.force_login(world.user("camden_editor"))
    from django.urls import reverse

    data = client.get(reverse("admin:offers_offer_export")).content
    rows = read(data)
    assert {r["area"] for r in rows} == {world.camden.gss_code}
    rows[0]["conditions"] = "Not if you have no recourse to public funds."
    plan = offers_import(data=write(rows), by=world.user("camden_editor"))
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.updated == 1


def test_cells_excel_would_run_as_formulas_are_defused_and_restored(world):
    offer = world.offer("camden_draft")
    Offer.objects.filter(pk=offer.pk).update(title='=HYPERLINK("https://evil.example")')
    rows = read(export(Offer.objects.filter(pk=offer.pk)))
    assert rows[0]["title"] == '\'=HYPERLINK("https://evil.example")'
    plan = offers_import(data=write(rows), by=world.user("site_admin"))
    assert plan.ok and plan.unchanged == 1


text = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t,\";'"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=text, summary=text, details=text, conditions=st.one_of(st.just(""), text))
def test_any_text_round_trips(world, title, summary, details, conditions):
    """Commas, quotes, line breaks, apostrophes, right-to-left and other scripts, leading
    "=" or "-": exported and imported back, the offer is unchanged."""
    offer = make_offer(
        area=world.camden,
        provider=world.camden_council,
        title=title[:200],
        summary=summary[:300],
        details=details,
        conditions=conditions,
    )
    plan = offers_import(
        data=export(Offer.objects.filter(pk=offer.pk)), by=world.user("site_admin"), commit=False
    )
    assert plan.ok, [str(e) for e in plan.errors]
    assert plan.unchanged == 1, plan.rows[0].changed
    offer.delete()


def test_import_offers_command(world, tmp_path):
    rows = read(export(Offer.objects.filter(area=world.camden)))
    rows[0]["summary"] = "Edited on the command line."
    path = tmp_path / "offers.csv"
    path.write_bytes(write(rows))
    out = io.StringIO()
    call_command("import_offers", str(path), "--dry-run", stdout=out)
    assert "Would import 2 offers: 0 new, 1 changed, 1 unchanged." in out.getvalue()
    assert not Offer.objects.filter(summary="Edited on the command line.").exists()
    call_command("import_offers", str(path), "--user", "camden_editor", stdout=out)
    edited = Offer.objects.get(summary="Edited on the command line.")
    assert edited.history.first().history_user == world.user("camden_editor")


def test_import_offers_command_lists_errors_and_saves_nothing(world, tmp_path):
    rows = read(export(Offer.objects.filter(area=world.camden)))
    rows[0]["summary"] = "Should not be saved."
    rows[1]["max_age"] = "twenty"
    path = tmp_path / "offers.csv"
    path.write_bytes(write(rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_offers", str(path), stderr=err)
    assert "offers.csv: Line 3, column L (max_age): Enter a whole number." in err.getvalue()
    assert not Offer.objects.filter(summary="Should not be saved.").exists()


def test_import_offers_command_as_a_borough_editor_is_limited(world, tmp_path):
    path = tmp_path / "all.csv"
    path.write_bytes(export())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_offers", str(path), "--user", "camden_editor", stderr=err)
    assert "You cannot" in err.getvalue()


def test_import_offers_command_bad_arguments(world, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_offers", str(tmp_path / "missing.csv"))
    (tmp_path / "x.csv").write_bytes(export())
    with pytest.raises(CommandError, match="No active user"):
        call_command("import_offers", str(tmp_path / "x.csv"), "--user", "nobody-here")


def test_export_offers_command(world, tmp_path):
    path = tmp_path / "camden.csv"
    call_command("export_offers", "-o", str(path), "--area", "e09000007", stderr=io.StringIO())
    rows = read(path.read_bytes())
    assert {r["title"] for r in rows} == {"Camden secret draft", "Camden rent deposit"}
    out = io.StringIO()
    call_command("export_offers", "--provider", world.tfl.name, "--status", "draft", stdout=out)
    assert [r["title"] for r in read(out.getvalue().encode())] == ["TfL secret draft"]
    with pytest.raises(CommandError, match="No area"):
        call_command("export_offers", "--area", "E09999999")
    with pytest.raises(CommandError, match="No provider"):
        call_command("export_offers", "--provider", "Nobody")


def test_the_csv_holds_the_english_whatever_language_is_active(world):
    from django.utils import translation

    offer = world.offer("camden_draft")
    Offer.objects.filter(pk=offer.pk).update(title_ar="عرض تجريبي")
    with translation.override("ar"):
        rows = read(export(Offer.objects.filter(pk=offer.pk)))
        assert rows[0]["title"] == offer.title
        rows[0]["title"] = "New English title"
        assert offers_import(data=write(rows), by=world.user("site_admin")).ok
    fresh = Offer.objects.get(pk=offer.pk)
    assert (fresh.title_en, fresh.title_ar) == ("New English title", "عرض تجريبي")
